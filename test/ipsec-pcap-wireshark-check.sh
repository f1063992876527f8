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
# Kerberos: RFC 4120 DER on UDP 88 and in main mode 3 / 4 (doc/ike.md): nothing malformed.
check_ike ike-kerberos 1 1 0 --duration=5 --auth=kerberos
# ... and every Kerberos message is dissected as one: each UDP 88 datagram of host A's capture
# has a Kerberos message type (AS-REQ/AS-REP 10/11, TGS-REQ/TGS-REP 12/13, the TGS-REQ's
# AP-REQ 14). Main mode 3 and 4 carry the AP-REQ and AP-REP in a GSS payload (private type
# 129, which Wireshark shows as data): those bytes, put in a UDP 88 datagram with text2pcap,
# must dissect as Kerberos 14 and 15 with nothing malformed.
kerberos_token_type() { # hex bytes -> "msg_type|malformed" of tshark's Kerberos dissector
    local hex=$1 dir=$2
    # text2pcap's input: an offset, then up to 16 hex bytes per line.
    echo -n "$hex" | awk '{ for (i = 1; i <= length($0); i += 32) {
        line = substr($0, i, 32); out = sprintf("%06x", (i - 1) / 2);
        for (j = 1; j <= length(line); j += 2) out = out " " substr(line, j, 2);
        print out } }' >"$dir/token.txt"
    text2pcap -q -u 1088,88 "$dir/token.txt" "$dir/token.pcap" >/dev/null 2>&1
    tshark -n -r "$dir/token.pcap" -T fields -E separator='|' -E aggregator=';' \
        -e kerberos.msg_type -e _ws.malformed 2>/dev/null
}
check_kerberos() { # name, args...
    local name=$1
    shift
    local dir="$work/$name"
    mkdir -p "$dir"
    (cd "$dir" && "$build/ipsec-ike-negotiation" --pcap=cap "$@" >out.txt)
    local udp88=0 typed=0 mm=0 mm3="" mm4="" malformed=0 types=""
    while IFS='|' read -r sport dport exchange payloads data msgtype bad; do
        [ -n "$bad" ] && malformed=$((malformed + 1))
        [ -n "$msgtype" ] && types="$types ${msgtype//;/ }"
        if [ "$sport" = 88 ] || [ "$dport" = 88 ]; then
            udp88=$((udp88 + 1))
            [ -n "$msgtype" ] && typed=$((typed + 1))
        fi
        if [ "$exchange" = 2 ]; then
            mm=$((mm + 1))
            if [ "$mm" = 3 ] || [ "$mm" = 4 ]; then
                local token=""
                case ";$payloads;" in *";129;"*) token=$(kerberos_token_type "$data" "$dir") ;; esac
                [ "$mm" = 3 ] && mm3=$token
                [ "$mm" = 4 ] && mm4=$token
            fi
        fi
    done < <(tshark -n -r "$dir/cap-0-0.pcap" -T fields -E separator='|' -E aggregator=';' \
        -e udp.srcport -e udp.dstport -e isakmp.exchangetype -e isakmp.typepayload \
        -e isakmp.datapayload -e kerberos.msg_type -e _ws.malformed 2>/dev/null)
    local seen
    seen=$(echo $types | tr ' ' '\n' | sort -n | uniq | tr '\n' ' ')
    local verdict=ok
    if [ "$udp88" -eq 0 ] || [ "$typed" -ne "$udp88" ] || [ "$mm" -ne 6 ] ||
        [ "$mm3" != "14|" ] || [ "$mm4" != "15|" ] || [ "$malformed" -ne 0 ] ||
        [ "$seen" != "10 11 12 13 14 " ]; then
        verdict=FAIL
        failures=$((failures + 1))
    fi
    printf '%-40s udp88=%d typed=%d types=%smain=%d mm3-token=%s mm4-token=%s malformed=%d %s\n' \
        "$name" "$udp88" "$typed" "$seen" "$mm" "${mm3:-none}" "${mm4:-none}" "$malformed" "$verdict"
}
check_kerberos kerberos-messages --duration=5 --auth=kerberos
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
