#!/usr/bin/env bash
# A small sweep of the roaming study (speeds 10, 20 x seeds 1-3, 8 s each) through
# scripts/sweep (doc/sweeps.md):
#   ipsec-sweep-check.sh parallel BUILD   GNU parallel; the merged table against the runs' own
#                                         CSVs, the plot, and bad input / a failing run -> 2
#   ipsec-sweep-check.sh slurm BUILD      a real single-node Slurm started here (munged,
#                                         slurmctld, slurmd with their own configuration in a
#                                         temporary folder, stopped by pid afterwards) runs the
#                                         job array; its merged CSV must equal GNU parallel's
#                                         byte for byte.
# Exit 77 (CTest: skipped) with one line saying why when a tool is missing or Slurm cannot
# start; never a pass without the sweep having run.
set -uo pipefail
source "$(dirname "$0")/ipsec-test-processes.sh"
mode=${1:-}
build=$(cd "${2:-}" 2>/dev/null && pwd) || {
    echo "usage: ipsec-sweep-check.sh parallel|slurm BUILD_DIR" >&2
    exit 2
}
here=$(cd "$(dirname "$0")/.." && pwd)
sweep="$here/scripts/sweep"
skip() {
    echo "SKIPPED: $*"
    exit 77
}
failures=0
check() { # description, command...
    local what=$1
    shift
    if "$@"; then
        echo "ok: $what"
    else
        echo "FAILED: $what"
        failures=$((failures + 1))
    fi
}

command -v parallel >/dev/null 2>&1 || skip "GNU parallel is not installed (Debian package parallel)"
command -v gnuplot >/dev/null 2>&1 || skip "gnuplot is not installed (Debian package gnuplot-nox)"
for program in ipsec-wifi-roaming ipsec-sweep-merge; do
    [ -x "$build/$program" ] || { echo "FAILED: no $build/$program" && exit 1; }
done

tmp=$(mktemp -d /tmp/ipsec-sweep-check.XXXXXX)
pids=()
cleanup() {
    stop_started # only what this script started, by pid, newest first
    rm -rf "$tmp"
}
trap cleanup EXIT

grid=(--program ipsec-wifi-roaming --grid speed=10,20 --grid RngRun=1..3 --fixed duration=8
    --build "$build")

png() { # file: a PNG image
    [ "$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
}

run_parallel() { # out dir
    "$sweep" "${grid[@]}" --runner parallel --jobs 2 --out "$1" >"$1.log" 2>&1
}

if [ "$mode" = parallel ]; then
    out="$tmp/parallel"
    check "the sweep through GNU parallel ends with status 0" run_parallel "$out"
    cat "$out.log"
    check "6 runs wrote their CSV" [ "$(ls "$out"/runs/*.csv 2>/dev/null | wc -l)" = 6 ]
    check "the merged table has a header and 2 grid points" \
        [ "$(wc -l <"$out/merged.csv")" = 3 ]
    check "the merged table starts speed,runs,handoffs_mean,handoffs_ci95,handoffs_n" \
        [ "$(head -1 "$out/merged.csv" | cut -d, -f1-5)" = speed,runs,handoffs_mean,handoffs_ci95,handoffs_n ]
    # The mean of outage_s at speed 10, worked out from the three runs' own rows.
    col=$(head -1 "$out/runs/speed-10_RngRun-1.csv" | tr ',' '\n' | grep -nx outage_s | cut -d: -f1)
    expected=$(for s in 1 2 3; do sed -n 2p "$out/runs/speed-10_RngRun-$s.csv" | cut -d, -f"$col"; done |
        awk '{ sum += $1 } END { printf "%.9f", sum / NR }')
    mcol=$(head -1 "$out/merged.csv" | tr ',' '\n' | grep -nx outage_s_mean | cut -d: -f1)
    got=$(grep '^10,' "$out/merged.csv" | cut -d, -f"$mcol")
    echo "outage_s at 10 m/s: runs give mean $expected, merged $got"
    check "merged outage_s_mean at 10 m/s is the mean of the runs" \
        awk -v a="$expected" -v b="$got" 'BEGIN { exit !(b != "" && (a - b) ^ 2 < 1e-16) }'
    check "every grid point has 3 runs" \
        [ "$(cut -d, -f2 "$out/merged.csv" | tail -n +2 | sort -u)" = 3 ]
    check "the plot is a PNG" png "$out/merged.png"

    # Bad input and a failing run: status 2 and a line naming the problem.
    bad() { # expected text, sweep arguments...
        local text=$1
        shift
        "$sweep" "$@" >"$tmp/bad.out" 2>"$tmp/bad.err"
        local status=$?
        [ "$status" = 2 ] && grep -qF -- "$text" "$tmp/bad.err" && return 0
        echo "  status $status, stderr: $(cat "$tmp/bad.err")"
        return 1
    }
    check "unknown program" bad "error: --program=nosuch: unknown program" \
        --program nosuch --grid RngRun=1 --out "$tmp/bad"
    check "bad grid syntax" bad "error: --grid=speed=5..1: range 5..1 goes down" \
        --program ipsec-wifi-roaming --grid speed=5..1 --grid RngRun=1 --out "$tmp/bad" \
        --build "$build"
    check "an option the program does not have" bad "ipsec-wifi-roaming has no option --sped" \
        --program ipsec-wifi-roaming --grid sped=5 --grid RngRun=1 --out "$tmp/bad" \
        --build "$build"
    check "a failing run is named" \
        bad "error: run speed-500_RngRun-1 failed with exit status 2" \
        --program ipsec-wifi-roaming --grid speed=5,500 --grid RngRun=1 --fixed duration=2 \
        --out "$tmp/bad" --build "$build"
    check "and its error is shown" grep -qF -- "--speed=500: expected a number" "$tmp/bad.err"
    check "nothing merged after a failure" [ ! -e "$tmp/bad/merged.csv" ]
    ((failures == 0)) || exit 1
    echo "GNU parallel route: ok"
    exit 0
fi

[ "$mode" = slurm ] || {
    echo "usage: ipsec-sweep-check.sh parallel|slurm BUILD_DIR" >&2
    exit 2
}
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (Debian packages" \
        "slurm-wlm and munge)"
done
[ "$(id -u)" = 0 ] || skip "starting munged, slurmctld and slurmd here needs root"

# Two free TCP ports for slurmctld and slurmd.
free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || {
            echo "$p"
            return
        }
    done
    return 1
}
ctld_port=$(free_port) && slurmd_port=$(free_port) && [ "$ctld_port" != "$slurmd_port" ] ||
    skip "no free TCP ports for slurmctld and slurmd"
host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/munge"
chmod 700 "$tmp/munge"
mungekey --create --keyfile="$tmp/munge/munge.key" >/dev/null 2>&1 ||
    dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
: >"$tmp/plugstack.conf"
cat >"$tmp/slurm.conf" <<EOF
ClusterName=ipsecsweep
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
PlugStackConfig=$tmp/plugstack.conf
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=sweep Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm.conf"

munged -F -f --socket="$tmp/munge/munge.socket" --key-file="$tmp/munge/munge.key" \
    --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munge/munged.log" \
    --seed-file="$tmp/munge/munged.seed" >"$tmp/munge/stdout" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
    [ -S "$tmp/munge/munge.socket" ] && break
    sleep 0.1
done
[ -S "$tmp/munge/munge.socket" ] ||
    skip "munged did not start: $(tail -n 1 "$tmp/munge/munged.log" "$tmp/munge/stdout" 2>/dev/null | tr '\n' ' ')"
slurmctld -D -f "$SLURM_CONF" >"$tmp/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >"$tmp/slurmd.out" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 1 100); do
    state=$(sinfo -h -n "$host" -o %t 2>/dev/null)
    [ "$state" = idle ] && break
    sleep 0.2
done
if [ "$state" != idle ]; then
    echo "slurmctld.log:" && tail -n 5 "$tmp/slurmctld.log" 2>/dev/null
    echo "slurmd.log:" && tail -n 5 "$tmp/slurmd.log" 2>/dev/null
    skip "single-node Slurm did not come up (node state '${state:-none}' after 20 s)"
fi
echo "Slurm up: slurmctld port $ctld_port, slurmd port $slurmd_port, node $host ($cpus CPUs)"

out="$tmp/slurm"
start=$(date +%s)
check "the sweep through a Slurm job array ends with status 0" \
    "$sweep" "${grid[@]}" --runner slurm --time 5:00 --poll 1 --out "$out"
echo "slurm route: $(($(date +%s) - start)) s"
check "the job array had 6 tasks (Slurm's own output file per task)" \
    [ "$(ls "$out"/slurm/*_*.out 2>/dev/null | wc -l)" = 6 ]
check "the sbatch script picks its line by SLURM_ARRAY_TASK_ID" \
    grep -q '^#SBATCH --array=0-5$' "$out/sweep.sbatch"
check "the plot is a PNG" png "$out/merged.png"
start=$(date +%s)
check "the same sweep through GNU parallel ends with status 0" run_parallel "$tmp/parallel"
echo "parallel route: $(($(date +%s) - start)) s"
check "both routes give the same merged CSV, byte for byte" \
    cmp "$out/merged.csv" "$tmp/parallel/merged.csv"
check "and the same plot script" cmp <(sed 1,2d "$out/merged.png.plt") \
    <(sed 1,2d "$tmp/parallel/merged.png.plt")
((failures == 0)) || {
    echo "slurmctld.log:" && tail -n 20 "$tmp/slurmctld.log"
    echo "slurmd.log:" && tail -n 20 "$tmp/slurmd.log"
    exit 1
}
echo "Slurm route: ok"
