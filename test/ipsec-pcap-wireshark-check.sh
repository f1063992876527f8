#!/usr/bin/env bash
# Wireshark check of the simulated wire: runs the ESP examples with pcap and key export for
# every cipher x integrity x mode, then asks tshark (with the exported esp_sa table) to decrypt
# every ESP packet. Fails unless every ESP frame is decrypted (pad length shown) with a good
# ICV (when there is one), and no frame is malformed.
# Usage: ipsec-pcap-wireshark-check.sh BUILD_DIR
# Without tshark it exits with 77, which CTest reports as skipped (SKIP_RETURN_CODE).
set -euo pipefail
build=$1
if ! command -v tshark >/dev/null; then
    echo "skipped: tshark is not on PATH (scripts/quickstart installs it)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() { # name, icv (yes|no|ignore), program, args...
    local name=$1 icv=$2 program=$3
    shift 3
    local dir="$work/$name"
    mkdir -p "$dir/cfg/wireshark"
    (cd "$dir" && "$build/$program" --pcap=cap --keylog=esp_sa --duration=3 "$@" >out.txt)
    cp "$dir/esp_sa" "$dir/cfg/wireshark/esp_sa"
    local total=0 good=0 decrypted=0 malformed=0
    for pcap in "$dir"/cap-*.pcap; do
        # '|' separates fields: tab is whitespace to read, which would merge empty fields.
        while IFS='|' read -r spi icvGood icvBad nextHeader bad; do
            [ -n "$bad" ] && malformed=$((malformed + 1))
            [ -z "$spi" ] && continue
            total=$((total + 1))
            if [ "$icv" = ignore ]; then
                good=$((good + 1)) # modeled crypto: the ICV is zero by design
            elif [ "$icv" = no ]; then
                # No integrity algorithm: nothing to check, but nothing may claim a bad ICV.
                [ "$icvBad" != "1" ] && good=$((good + 1))
            else
                [ "$icvGood" = "1" ] && [ "$icvBad" != "1" ] && good=$((good + 1))
            fi
            [ -n "$nextHeader" ] && decrypted=$((decrypted + 1))
        done < <(XDG_CONFIG_HOME="$dir/cfg" tshark -n -r "$pcap" \
            -o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE \
            -T fields -E separator='|' -E aggregator=';' -e esp.spi -e esp.icv_good -e esp.icv_bad -e esp.pad_len \
            -e _ws.malformed 2>/dev/null)
    done
    local verdict=ok
    if [ "$total" -eq 0 ] || [ "$good" -ne "$total" ] || [ "$decrypted" -ne "$total" ] ||
        [ "$malformed" -ne 0 ]; then
        verdict=FAIL
        failures=$((failures + 1))
    fi
    printf '%-40s esp=%-5d icv_good=%-5d decrypted=%-5d malformed=%d %s\n' \
        "$name" "$total" "$good" "$decrypted" "$malformed" "$verdict"
}
for cipher in null des 3des aes128 aes256; do
    for auth in md5 sha1 sha256; do
        check "transport-$cipher-$auth" yes ipsec-esp-transport --cipher=$cipher --auth=$auth
    done
done
check transport-des-none no ipsec-esp-transport --cipher=des --auth=none
check transport-aes128gcm yes ipsec-esp-transport --cipher=aes128gcm --auth=none
check transport-aes256gcm yes ipsec-esp-transport --cipher=aes256gcm --auth=none
check tunnel-aes128-sha1 yes ipsec-esp-transport --mode=tunnel --cipher=aes128 --auth=sha1
check tunnel-3des-md5 yes ipsec-esp-transport --mode=tunnel --cipher=3des --auth=md5
check tunnel-aes256gcm yes ipsec-esp-transport --mode=tunnel --cipher=aes256gcm --auth=none
# UDP-encapsulated ESP (RFC 3948): Wireshark's udpencap dissector on port 4500 hands it to ESP.
check udpencap-transport-aes128-sha1 yes ipsec-esp-transport --udpEncap=true
check udpencap-tunnel-aes128gcm yes ipsec-esp-transport --udpEncap=true --mode=tunnel \
    --cipher=aes128gcm --auth=none
check udpencap-transport-3des-md5 yes ipsec-esp-transport --udpEncap=true --cipher=3des --auth=md5
check gateways-aes128-sha256 yes ipsec-tunnel-gateways --cipher=aes128 --auth=sha256
check gateways-aes128gcm yes ipsec-tunnel-gateways --cipher=aes128gcm --auth=none
check gateways-modeled-sizes-only ignore ipsec-tunnel-gateways --cipher=null --auth=sha1 --crypto=modeled
# IKE: main mode and quick mode messages parse with nothing malformed; with the exported IKE
# keys every encrypted message decrypts (its payload list is shown), and with the exported ESP
# keys every ESP packet of every SA generation (rekeys included) decrypts with a good ICV.
check_ike() { # name, expected main modes, expected quick modes, malformed allowed, args...
    local name=$1 mm=$2 qm=$3 allowed=$4
    shift 4
    local dir="$work/$name"
    mkdir -p "$dir/cfg/wireshark"
    (cd "$dir" && "$build/ipsec-ike-negotiation" --pcap=cap --keylog=esp_sa --ikelog=ikev1 "$@" >out.txt)
    cp "$dir/esp_sa" "$dir/cfg/wireshark/esp_sa"
    cp "$dir/ikev1" "$dir/cfg/wireshark/ikev1_decryption_table"
    local main=0 quick=0 hidden=0 esp=0 good=0 malformed=0
    while IFS='|' read -r exchange payloads spi icvGood bad; do
        [ -n "$bad" ] && malformed=$((malformed + 1))
        case "$exchange" in
        2) main=$((main + 1)) ;;
        32) quick=$((quick + 1)) ;;
        esac
        [ -n "$exchange" ] && [ -z "$payloads" ] && hidden=$((hidden + 1))
        if [ -n "$spi" ]; then
            esp=$((esp + 1))
            [ "$icvGood" = "1" ] && good=$((good + 1))
        fi
    done < <(XDG_CONFIG_HOME="$dir/cfg" tshark -n -r "$dir/cap-0-0.pcap" \
        -o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE \
        -T fields -E separator='|' -E aggregator=';' -e isakmp.exchangetype -e isakmp.typepayload \
        -e esp.spi -e esp.icv_good -e _ws.malformed 2>/dev/null)
    local verdict=ok
    if [ "$main" -ne $((mm * 6)) ] || [ "$quick" -ne $((qm * 3)) ] || [ "$hidden" -ne 0 ] ||
        [ "$esp" -eq 0 ] || [ "$good" -ne "$esp" ] || [ "$malformed" -ne "$allowed" ]; then
        verdict=FAIL
        failures=$((failures + 1))
    fi
    printf '%-40s main=%-3d quick=%-3d undecrypted=%d esp=%-4d icv_good=%-4d malformed=%d %s\n' \
        "$name" "$main" "$quick" "$hidden" "$esp" "$good" "$malformed" "$verdict"
}
check_ike ike-psk-3des-sha1 1 1 0 --duration=5
check_ike ike-rekeys-dh1 1 4 0 --duration=30 --qmLifetimeS=10 --dh=1
check_ike ike-pfs-aes-gcm 1 1 0 --duration=5 --pfs=session --qm=esp-aes128gcm
check_ike ike-certificates 1 1 0 --duration=5 --auth=cert
# Master key PFS: a main mode per quick mode, each deleted once used (an ISAKMP delete, which
# must decrypt like every other informational message).
check_ike ike-master-pfs-deletes 3 3 0 --duration=20 --qmLifetimeS=8 --pfs=master --dh=1
# Known: main mode 3 carries our simplified Kerberos ticket (not RFC 4120 ASN.1, doc/ike.md),
# which Wireshark's Kerberos BER dissector flags: exactly that one frame, nothing else.
check_ike ike-kerberos 1 1 1 --duration=5 --auth=kerberos
# NAT traversal (RFC 3947 / 3948): the capture of the server's link behind which an XP client
# sits behind a NAPT. Main mode 1-4 on port 500, main mode 5-6 and quick mode on 4500 behind the
# non-ESP marker (Wireshark's udpencap dissector hands them to ISAKMP), ESP in UDP 4500; with the
# server's IKE and ESP keys every encrypted ISAKMP message and every ESP packet decrypts.
check_natt() { # name, args...
    local name=$1
    shift
    local dir="$work/$name"
    mkdir -p "$dir/cfg/wireshark"
    (cd "$dir" && "$build/ipsec-nat-traversal" --pcap=cap --keylog=esp_sa --ikelog=ikev1 "$@" \
        >out.txt)
    cp "$dir/esp_sa" "$dir/cfg/wireshark/esp_sa"
    cp "$dir/ikev1" "$dir/cfg/wireshark/ikev1_decryption_table"
    local main=0 quick=0 onNatT=0 hidden=0 esp=0 good=0 malformed=0
    while IFS='|' read -r exchange payloads srcPort dstPort spi icvGood bad; do
        [ -n "$bad" ] && malformed=$((malformed + 1))
        case "$exchange" in
        2) main=$((main + 1)) ;;
        32) quick=$((quick + 1)) ;;
        esac
        if [ -n "$exchange" ] && { [ "$srcPort" = 4500 ] || [ "$dstPort" = 4500 ]; }; then
            onNatT=$((onNatT + 1))
        fi
        [ -n "$exchange" ] && [ -z "$payloads" ] && hidden=$((hidden + 1))
        if [ -n "$spi" ]; then
            esp=$((esp + 1))
            [ "$icvGood" = "1" ] && good=$((good + 1))
        fi
    done < <(XDG_CONFIG_HOME="$dir/cfg" tshark -n -r "$dir/cap-2-0.pcap" \
        -o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE \
        -T fields -E separator='|' -E aggregator=';' -e isakmp.exchangetype -e isakmp.typepayload \
        -e udp.srcport -e udp.dstport -e esp.spi -e esp.icv_good -e _ws.malformed 2>/dev/null)
    local verdict=ok
    if [ "$main" -ne 6 ] || [ "$quick" -ne 3 ] || [ "$onNatT" -ne 5 ] || [ "$hidden" -ne 0 ] ||
        [ "$esp" -eq 0 ] || [ "$good" -ne "$esp" ] || [ "$malformed" -ne 0 ]; then
        verdict=FAIL
        failures=$((failures + 1))
    fi
    printf '%-40s main=%-3d quick=%-3d on4500=%d undecrypted=%d esp=%-4d icv_good=%-4d malformed=%d %s\n' \
        "$name" "$main" "$quick" "$onNatT" "$hidden" "$esp" "$good" "$malformed" "$verdict"
}
check_natt natt-xp-behind-napt --profile=winxp --keepaliveS=20 --durationS=60 --probeS=10
echo "$failures failed"
[ "$failures" -eq 0 ]
