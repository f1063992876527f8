#!/usr/bin/env bash
# strongSwan 5.9.8's charon (IKEv1, userspace ESP through kernel-libipsec) as a live peer of
# the ns-3 IPsec gateway of examples/ipsec-emulation.cc (doc/interop.md):
#
#   namespace C: charon, veth end 192.0.2.1, subnet 10.1.0.0/24 on lo
#   namespace N: ipsec-emulation on the other veth end (promiscuous, no address of its own),
#                gateway 192.0.2.2, simulated host 10.2.0.2 behind it
#
#   ipsec-strongswan-interop.sh BUILD_DIR
#
# Each check prints one line, PASS or FAIL, with the initiator, cipher and group it ran with.
# Checks marked [needs NAT-T] need ESP through charon, which kernel-libipsec carries only in
# UDP (port 4500): charon negotiates that only with a peer that announces NAT-T, so they fail
# until our IKE does (charon is configured with encap = yes for that day). They are run, never
# skipped. Exit 0 if every check passed, 1 otherwise; 77 (CTest: skipped) with one line saying
# why when namespaces cannot be created or strongSwan is missing, never a pass.
#
# The script creates its namespaces and veth (names with its pid), starts charon in its own
# mount namespace with a private /run and its own vici socket, and on every exit path kills
# only the processes it started and deletes its namespaces. Logs go to a temporary folder,
# kept (and named) when a check failed.
set -uo pipefail
source "$(dirname "$0")/ipsec-test-processes.sh"
build=$(cd "${1:-}" 2>/dev/null && pwd) || {
    echo "usage: ipsec-strongswan-interop.sh BUILD_DIR" >&2
    exit 2
}
skip() {
    echo "SKIPPED: $*"
    exit 77
}

emulation="$build/ipsec-emulation"
charon=/usr/lib/ipsec/charon
[ -x "$emulation" ] || {
    echo "FAIL: no $emulation"
    exit 1
}
[ "$(id -u)" -eq 0 ] || skip "needs root to create network namespaces"
[ -x "$charon" ] || skip "strongSwan's charon is not installed (Debian package strongswan-charon)"
for tool in swanctl ip unshare ethtool ping; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
[ -e /usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so ] ||
    skip "charon's kernel-libipsec plugin is missing (Debian package libcharon-extra-plugins)"

tmp=$(mktemp -d /tmp/ipsec-strongswan-interop.XXXXXX)
nsC="ipsecC$$"
nsN="ipsecN$$"
vethC="isw$$c"
vethN="isw$$n"
pids=()
keepLogs=0
cleanup() {
    stop_started
    ip netns del "$nsC" 2>/dev/null
    ip netns del "$nsN" 2>/dev/null
    if ((keepLogs)); then
        echo "logs kept in $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The network: two namespaces, a veth, checksum offload off (a packet socket would see
# partial checksums), IPv6 off on the emulated side.
for ns in "$nsC" "$nsN"; do
    ip netns add "$ns" 2>"$tmp/netns.err" ||
        skip "cannot create network namespaces: $(head -1 "$tmp/netns.err")"
done
ip link add "$vethC" type veth peer name "$vethN" 2>"$tmp/veth.err" ||
    skip "cannot create a veth pair: $(head -1 "$tmp/veth.err")"
ip link set "$vethC" netns "$nsC" && ip link set "$vethN" netns "$nsN" || {
    echo "FAIL: cannot move the veth ends into the namespaces"
    exit 1
}
ip netns exec "$nsC" sh -e -c "
    ip link set lo up
    ip addr add 10.1.0.1/24 dev lo
    ip addr add 192.0.2.1/24 dev $vethC
    ip link set $vethC up
    ethtool -K $vethC tx off rx off >/dev/null" &&
    ip netns exec "$nsN" sh -e -c "
    ip link set lo up
    sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    ip link set $vethN up promisc on
    ethtool -K $vethN tx off rx off >/dev/null" || {
    echo "FAIL: cannot configure the veth"
    exit 1
}

psk="ns3-ipsec interop $$"
vici="unix://$tmp/charon.vici"
passed=0
failed=0
failedNatT=0
charonPid=""

# charon's configuration: strongswan.conf (plugins, vici socket, file log) once; swanctl.conf
# per run. encap = yes: libipsec carries ESP only in UDP, and no NAT is in between. A value
# runs to the end of its line: the plugin list stays on one line.
cat >"$tmp/strongswan.conf" <<EOF
charon {
    load = random nonce aes sha1 sha2 md5 hmac gmp pem pkcs1 x509 pubkey openssl kernel-libipsec kernel-netlink socket-default vici updown
    retransmit_tries = 2
    plugins {
        vici {
            socket = $vici
        }
    }
    filelog {
        interop {
            path = $tmp/charon.log
            time_format = %T
            default = 1
            ike = 2
            cfg = 2
            enc = 1
            net = 1
            knl = 2
            esp = 2
        }
    }
}
EOF

write_swanctl() { # cipher group rekeySeconds lifeSeconds
    local ike esp
    case "$1-$2" in
    3des-2) ike=3des-sha1-modp1024 ;;
    3des-14) ike=3des-sha1-modp2048 ;;
    aes128-2) ike=aes128-sha1-modp1024 ;;
    aes128-14) ike=aes128-sha1-modp2048 ;;
    esac
    esp="$1-sha1"
    cat >"$tmp/swanctl.conf" <<EOF
connections {
    ns3 {
        version = 1
        local_addrs = 192.0.2.1
        remote_addrs = 192.0.2.2
        proposals = $ike
        encap = yes
        local {
            auth = psk
            id = 192.0.2.1
        }
        remote {
            auth = psk
            id = 192.0.2.2
        }
        children {
            net {
                local_ts = 10.1.0.0/24
                remote_ts = 10.2.0.0/24
                esp_proposals = $esp
                mode = tunnel
                rekey_time = $3
                life_time = $4
                rand_time = 0
            }
        }
    }
}
secrets {
    ike-ns3 {
        id = 192.0.2.2
        secret = "$psk"
    }
}
EOF
}

start_charon() {
    rm -f "$tmp/charon.log" "$tmp/charon.vici"
    STRONGSWAN_CONF="$tmp/strongswan.conf" setsid ip netns exec "$nsC" unshare -m \
        sh -c 'mount -t tmpfs none /run && exec /usr/lib/ipsec/charon' \
        >"$tmp/charon.out" 2>&1 </dev/null &
    charonPid=$!
    pids+=("$charonPid")
    local n=0
    while [ ! -S "$tmp/charon.vici" ] && ((n < 50)); do
        sleep 0.1
        n=$((n + 1))
    done
    if [ ! -S "$tmp/charon.vici" ]; then
        echo "charon did not start within 5 s: $(tail -1 "$tmp/charon.out" 2>/dev/null)"
    fi
    swanctl --load-all --file "$tmp/swanctl.conf" --uri "$vici" >"$tmp/swanctl-load.out" 2>&1 ||
        echo "swanctl --load-all failed: $(tail -1 "$tmp/swanctl-load.out")"
}

stop_charon() {
    [ -n "$charonPid" ] || return
    stop_pids "$charonPid"
    charonPid=""
}

# The ns-3 side's clock starts when it prints its first line: wait for it (the program may take
# a while to start, e.g. under AddressSanitizer), so that the steps below keep their timing.
wait_ready() { # output-file pid
    local n=0
    while ! grep -q '^IPsec gateway on' "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null &&
        ((n < 150)); do
        sleep 0.1
        n=$((n + 1))
    done
}

sas() { # swanctl --list-sas into $tmp/sas-NAME
    timeout 10 swanctl --list-sas --uri "$vici" >"$tmp/sas-$1" 2>/dev/null
}

# One field of the ns-3 program's summary: esp out|in packets|clear
esp_field() { # file direction index(1 packets, 2 clear bytes)
    sed -n "s/^esp $2: \([0-9]*\) packets, \([0-9]*\) clear bytes.*/\\$3/p" "$1"
}
# One number of charon's CHILD_SA traffic line: in|out bytes|packets
child_field() { # sas-file in|out bytes|packets
    awk -v dir="$2" -v what="$3" '$1 == dir {
        for (i = 2; i <= NF; i++) if ($(i) ~ "^" what) { gsub(",", "", $(i-1)); print $(i-1); exit }
    }' "$1"
}

cell() { # natT(0|1) description... -- condition...
    local natT=$1 what=""
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        what="$what${what:+ }$1"
        shift
    done
    shift
    if [ $# -eq 0 ]; then # a check without a condition is a script error, never a pass
        echo "FAIL: $what (no condition: script error)"
        failed=$((failed + 1))
        keepLogs=1
        return
    fi
    local tag=""
    ((natT)) && tag=" [needs NAT-T]"
    if "$@"; then
        echo "PASS: $what$tag"
        passed=$((passed + 1))
    else
        echo "FAIL: $what$tag"
        failed=$((failed + 1))
        ((natT)) && failedNatT=$((failedNatT + 1))
        keepLogs=1
    fi
}

grepq() { grep -q "$@" 2>/dev/null; }

# The IKEv1 quick mode race (RFC 2408 3.1, the commit bit nobody sets): the initiator may send
# ESP right after message 3, before the responder is ready. With ns-3 as initiator and charon
# responding, two windows, both visible in charon's log:
#   race_before_sas log: ESP packets charon could not place (it logs each one), lost.
#   race_before_child log: CHILD_SAs whose first ESP packet (seq 1) charon took in before it
#     logged the CHILD_SA established: charon had its SAs but was still setting up the
#     tunnel, so the answer to that packet may leave before the route into the tunnel and be
#     lost without a log line. At most one answer per such CHILD_SA (a first packet charon
#     could not place, counted above, opens no such window).
race_before_sas() { grep -c 'inbound ESP packet does not belong to an installed SA' "$1"; }
race_before_child() {
    awk '/parsed ESP header with SPI [0-9a-f]+ \[seq 1\]/ {
             match($0, /SPI [0-9a-f]+/); last = substr($0, RSTART + 4, RLENGTH - 4); early[last] = 1 }
         /inbound ESP packet does not belong to an installed SA/ { delete early[last] }
         /CHILD_SA net\{[0-9]+\} established with SPIs/ {
             match($0, /SPIs [0-9a-f]+_i/); if (substr($0, RSTART + 5, RLENGTH - 7) in early) n++ }
         END { print n + 0 }' "$1"
}
eq() { [ -n "$1" ] && [ "$1" = "$2" ]; }
ge() { [ -n "$1" ] && [ "$1" -ge "$2" ]; }

# One negotiation with charon: both main mode and quick mode, pings both ways, counters.
#   run_basic initiator(ns3|charon) cipher group deleteByNs3(0|1)
run_basic() {
    local who=$1 cipher=$2 group=$3 del=$4
    local name="$who-$cipher-g$group" out="$tmp/ns3-$who-$cipher-$group.out"
    local label="initiator $who, $cipher-sha1, group $group"
    write_swanctl "$cipher" "$group" 3600 3900
    start_charon
    # natRule 2: charon's encap=yes fakes a NAT in front of itself (libipsec carries ESP only in
    # UDP), and Windows' default rule 0 refuses SAs with a responder behind a NAT.
    local args=(--device="$vethN" --psk="$psk" --cipher="$cipher" --group="$group"
        --duration=7 --pingCount=4 --pingInterval=0.3 --natRule=2)
    [ "$who" = ns3 ] && args+=(--initiate)
    ((del)) && args+=(--deleteAt=5.5)
    ip netns exec "$nsN" "$emulation" "${args[@]}" >"$out" 2>&1 &
    local simPid=$!
    pids+=("$simPid")
    wait_ready "$out" "$simPid"
    sleep 1
    if [ "$who" = charon ]; then
        timeout 10 swanctl --initiate --child net --uri "$vici" >"$tmp/initiate-$name.out" 2>&1
    else
        sleep 1.5
    fi
    # From charon's subnet to the simulated host, through the tunnel.
    local replies
    replies=$(ip netns exec "$nsC" ping -c 3 -i 0.3 -W 1 -I 10.1.0.1 10.2.0.2 2>/dev/null |
        sed -n 's/.* \([0-9]*\) received.*/\1/p')
    sleep 1
    sas "$name"
    sleep 3.5 # the ns-3 side deletes at 5.5 s with --deleteAt
    ((del)) && sas "$name-after-delete"
    wait "$simPid"
    local status=$?
    stop_charon
    cp "$tmp/charon.log" "$tmp/charon-$name.log" 2>/dev/null

    cell 0 "$label: ipsec-emulation ran and exited 0" -- eq "$status" 0
    local groupName=2
    [ "$group" = 14 ] && groupName=2048 # our name for group 14
    cell 0 "$label: main mode established on both sides" \
        -- eval "grepq 'MainModeSucceeded *peer 192.0.2.1  $cipher-sha1-$groupName psk' '$out' &&
              grepq 'ESTABLISHED, IKEv1' '$tmp/sas-$name'"
    local espAlg=AES_CBC_128 ourSide="QuickModeStarted *peer 192.0.2.1  responder"
    [ "$cipher" = 3des ] && espAlg=3DES_CBC
    [ "$who" = ns3 ] && ourSide="QuickModeSucceeded *peer 192.0.2.1  esp-$cipher-sha1 tunnel"
    # charon selects a proposal once it has checked the other side's quick mode message (our
    # first as responder, our answer with HASH(2) as initiator); it installs its SAs after.
    cell 0 "$label: quick mode accepted by charon (proposal, identities, hash;" \
        "charon selected ESP:$espAlg/HMAC_SHA1_96)" \
        -- eval "grepq '$ourSide' '$out' &&
              grepq 'selected proposal: ESP:$espAlg/HMAC_SHA1_96' '$tmp/charon-$name.log'"
    cell 1 "$label: quick mode completed on both sides (ns-3 SAs, charon's CHILD_SA installed," \
        "tunnel in UDP)" \
        -- eval "grepq 'QuickModeSucceeded *peer 192.0.2.1  esp-$cipher-sha1 tunnel' '$out' &&
              grepq 'INSTALLED, TUNNEL-in-UDP' '$tmp/sas-$name'"
    # The quick mode race (race_before_sas, race_before_child): with ns-3 as initiator the held
    # first ping can be lost in one of its two windows, and only there. Anything else lost is a
    # failure. early: lost before charon counted it in; late: its answer lost after.
    local early=0 window=0 late=0 replied
    if [ "$who" = ns3 ]; then
        early=$(race_before_sas "$tmp/charon-$name.log")
        window=$(race_before_child "$tmp/charon-$name.log")
    fi
    replied=$(sed -n 's/^ping 10.2.0.2 -> 10.1.0.1: 4 sent, \([0-9]*\) replies$/\1/p' "$out")
    [ -n "$replied" ] && late=$((4 - early - replied))
    if ((early + late > 0)); then
        echo "  quick mode race: $early ESP packet(s) charon could not place, $late answer(s)" \
            "lost while charon set the CHILD_SA up ($window such window(s) in its log)"
    fi
    cell 1 "$label: ping 10.2.0.2 -> 10.1.0.1 through ESP, 4 of 4 replies (but those of the race)" \
        -- eval "[ -n '$replied' ] && ((early <= 1 && late >= 0 && late <= window))"
    cell 1 "$label: ping 10.1.0.1 -> 10.2.0.2 through ESP, 3 of 3 replies" -- eq "$replies" 3
    local outP inP outB inB cInP cOutP cInB cOutB
    outP=$(esp_field "$out" out 1)
    inP=$(esp_field "$out" in 1)
    outB=$(esp_field "$out" out 2)
    inB=$(esp_field "$out" in 2)
    cInP=$(child_field "$tmp/sas-$name" in packets)
    cOutP=$(child_field "$tmp/sas-$name" out packets)
    cInB=$(child_field "$tmp/sas-$name" in bytes)
    cOutB=$(child_field "$tmp/sas-$name" out bytes)
    echo "  counted: ns-3 esp out ${outP:-?} packets / ${outB:-?} bytes," \
        "in ${inP:-?} / ${inB:-?};" \
        "charon in ${cInP:-?} / ${cInB:-?}, out ${cOutP:-?} / ${cOutB:-?}"
    # A packet lost before charon (early): one packet (84 clear bytes) fewer in at charon and
    # one fewer out; an answer lost after it (late): one fewer out only.
    cell 1 "$label: both sides count the same ESP traffic (7 packets each way, equal bytes)" \
        -- eval "eq '$outP' 7 && eq '$inP' $((7 - early - late)) && eq '$cInP' $((outP - early)) &&
              eq '$cOutP' '$inP' && eq '$cInB' $((outB - 84 * early)) && eq '$cOutB' '$inB'"
    if ((del)); then
        cell 1 "$label: delete by ns-3 honoured by charon (CHILD_SA gone, IKE SA kept)" \
            -- eval "grepq 'INSTALLED' '$tmp/sas-$name' &&
                  grepq 'gateway  deleted 1 quick mode SA pair' '$out' &&
                  grepq 'received DELETE for ESP CHILD_SA' '$tmp/charon-$name.log' &&
                  ! grepq 'INSTALLED' '$tmp/sas-$name-after-delete' &&
                  grepq 'ESTABLISHED' '$tmp/sas-$name-after-delete'"
    fi
}

# Short lifetimes: the quick mode SAs are rekeyed while the host pings without a loss; then
# charon deletes the CHILD_SA and then the IKE SA, and the ns-3 side must drop both.
#   run_lifecycle initiator(ns3|charon)
run_lifecycle() {
    local who=$1 name="lifecycle-$1" out="$tmp/ns3-lifecycle-$1.out"
    local label="initiator $who, 3des-sha1, group 2"
    # Who rekeys first: ns-3 as initiator (its soft limit at about 10.3-10.8 s of 12 s, charon's
    # rekey at 13 s), charon as initiator (charon's rekey at 8 s, which ns-3 answers).
    if [ "$who" = ns3 ]; then
        write_swanctl 3des 2 13 14
    else
        write_swanctl 3des 2 8 12
    fi
    start_charon
    local args=(--device="$vethN" --psk="$psk" --duration=21 --pingCount=56
        --pingInterval=0.25 --lifetime=12 --natRule=2)
    [ "$who" = ns3 ] && args+=(--initiate)
    ip netns exec "$nsN" "$emulation" "${args[@]}" >"$out" 2>&1 &
    local simPid=$!
    pids+=("$simPid")
    wait_ready "$out" "$simPid"
    sleep 1
    [ "$who" = charon ] &&
        timeout 10 swanctl --initiate --child net --uri "$vici" >"$tmp/initiate-$name.out" 2>&1
    sleep 15.5 # rekeys at about 8 to 11 s; the pings end at about 15.5 s
    sas "$name-before-delete"
    timeout 10 swanctl --terminate --child net --uri "$vici" >"$tmp/terminate-child-$name.out" 2>&1
    sleep 1.5
    timeout 10 swanctl --terminate --ike ns3 --uri "$vici" >"$tmp/terminate-ike-$name.out" 2>&1
    wait "$simPid"
    local status=$?
    stop_charon
    cp "$tmp/charon.log" "$tmp/charon-$name.log" 2>/dev/null

    cell 0 "$label, short lifetimes: ipsec-emulation ran and exited 0" -- eq "$status" 0
    # The quick mode race of run_basic can happen on each quick mode ns-3 starts (the first and
    # the rekey), in either window; only those losses are allowed.
    local early=0 window=0 late=0 replied quickModes
    quickModes=$(grep -c 'QuickModeSucceeded' "$out")
    if [ "$who" = ns3 ]; then
        early=$(race_before_sas "$tmp/charon-$name.log")
        window=$(race_before_child "$tmp/charon-$name.log")
    fi
    replied=$(sed -n 's/^ping 10.2.0.2 -> 10.1.0.1: 56 sent, \([0-9]*\) replies$/\1/p' "$out")
    [ -n "$replied" ] && late=$((56 - early - replied))
    if ((early + late > 0)); then
        echo "  quick mode race: $early ESP packet(s) charon could not place, $late answer(s)" \
            "lost while charon set a CHILD_SA up ($window such window(s) in its log)"
    fi
    local rekeys
    if [ "$who" = ns3 ]; then
        rekeys=$(grep -c 'ike      Rekeyed' "$out")
    else
        # charon's rekey, answered: a second quick mode with ns-3 as responder.
        rekeys=$(($(grep -c 'QuickModeSucceeded' "$out") - 1))
    fi
    cell 1 "$label: rekey on short lifetimes without loss (the initiator rekeyed, both sides" \
        "a new pair, 56 of 56 pings but those of the race)" \
        -- eval "ge '$rekeys' 1 && [ -n '$replied' ] &&
              ((early <= quickModes && late >= 0 && late <= window)) &&
              [ \$(grep -c 'CHILD_SA net{[0-9]*} established' '$tmp/charon-$name.log') -ge 2 ]"
    cell 1 "$label: delete of the CHILD_SA by charon honoured by ns-3 (no quick mode SA left)" \
        -- eval "grepq 'sas at the end: main mode [0-9]*, quick mode 0' '$out' &&
              grepq 'deletes sent [0-9]*, received [1-9]' '$out' &&
              grepq 'INSTALLED' '$tmp/sas-$name-before-delete'"
    cell 0 "$label: delete of the IKE SA by charon honoured by ns-3 (no main mode SA left)" \
        -- eval "grepq 'MainModeDeleted' '$out' &&
              grepq 'sas at the end: main mode 0' '$out'"
}

start=$(date +%s)
for who in ns3 charon; do
    run_basic "$who" 3des 2 0
    run_basic "$who" 3des 14 0
    run_basic "$who" aes128 2 0
    run_basic "$who" aes128 14 1
    run_lifecycle "$who"
done
echo "== $passed passed, $failed failed ($failedNatT of the failed need NAT-T);" \
    "$(($(date +%s) - start)) s"
((failed == 0))
