# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the test scripts, which end only the processes they started, by id.

# stop_pids PID...: TERM to each, then for each (in the order given) up to 5 s to go, then
# KILL; each is reaped (they are the calling shell's children).
stop_pids() {
    local pid n
    for pid in "$@"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "$@"; do
        n=0
        while kill -0 "$pid" 2>/dev/null && ((n < 50)); do
            sleep 0.1
            n=$((n + 1))
        done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
}

# stop_started: stop_pids on the array pids, newest first.
stop_started() {
    local i newestFirst=()
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        newestFirst+=("${pids[$i]}")
    done
    stop_pids "${newestFirst[@]}"
}
