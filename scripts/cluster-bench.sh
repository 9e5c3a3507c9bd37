#!/usr/bin/env bash
# Scale figures for `scan --cluster` (README, "On a cluster" > "Scale"):
# a `--full` scan of a generated lake of about 1.1 GB, locally and through
# a Ballista cluster on this machine with one executor, then two; and the
# per-task overhead, from a lake of small objects (one task each).
#
#   bash scripts/cluster-bench.sh [BYTES]
#
# Release build; lakes and reports under target-bench/cluster/. Runs each
# configuration twice and reports both wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
bytes="${1:-1100000000}"
cargo build --release --locked -p lakeaudit -p lakegen --bins
bin="$PWD/target/release/lakeaudit"
work="$PWD/target-bench/cluster"
lake="$work/lake-$bytes"
small="$work/small"
mkdir -p "$work"
if [ ! -d "$lake" ]; then
    target/release/lakegen bench "$lake" "$bytes"
fi
if [ ! -d "$small" ]; then
    mkdir -p "$small/t" "$work/one/t"
    for i in $(seq -w 0 63); do
        printf 'id,email\n1,user%s@example.com\n2,other%s@example.org\n' "$i" "$i" >"$small/t/part-$i.csv"
    done
    cp "$small/t/part-00.csv" "$work/one/t/"
fi
echo "lake: $(du -sb "$lake" | cut -f1) bytes in $(find "$lake" -type f | wc -l) objects; $(nproc) cores"

pids=()
# Peak resident memory of the cluster's processes (scheduler first).
peaks() { for p in "${pids[@]}"; do printf '%s ' "$(grep VmHWM "/proc/$p/status" | awk '{print $2/1024 " MB"}')"; done; echo; }
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap stop EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.05; done; echo "nothing on $1" >&2; exit 1; }

# cluster N THREADS: a scheduler and N executors of THREADS threads each.
cluster() {
    local n="$1" threads="$2"
    sched=$(port)
    "$bin" cluster scheduler --bind "127.0.0.1:$sched" >"$work/scheduler.log" 2>&1 &
    pids+=($!)
    wait_port "$sched"
    for i in $(seq "$n"); do
        local flight grpc
        flight=$(port); grpc=$(port)
        "$bin" --threads "$threads" cluster executor --scheduler "127.0.0.1:$sched" --bind 127.0.0.1 \
            --port "$flight" --grpc-port "$grpc" --heartbeat 2 --work-dir "$work/executor-$i" >"$work/executor-$i.log" 2>&1 &
        pids+=($!)
        wait_port "$flight"
    done
    sleep 3
}

# run NAME SOURCE ARGS...: two timed scans; prints NAME, both wall times and
# the findings of the last.
run() {
    local name="$1" source="$2"; shift 2
    local times=() findings
    for attempt in 1 2; do
        rm -rf "$work/report"
        local start end
        start=$(date +%s.%N)
        "$bin" scan "$source" --report "$work/report" --format json "$@" >"$work/out.json" 2>"$work/err.log" || {
            cat "$work/err.log" >&2; exit 1; }
        end=$(date +%s.%N)
        times+=("$(python3 -c "print(f'{$end - $start:.2f}')")")
    done
    findings=$(python3 -c "import json; print(sum(len(s['exposures']) for s in json.load(open('$work/out.json'))))")
    printf '%-44s %8s s %8s s   %s findings\n' "$name" "${times[0]}" "${times[1]}" "$findings"
}

echo "--full scan of the lake:"
run "local, --threads 2" "$lake" --full --threads 2
cluster 1 2
run "cluster, 1 executor of 2 threads" "$lake" --full --cluster "df://127.0.0.1:$sched"
echo "  peak RSS, scheduler then executor: $(peaks)"
stop
cluster 2 1
run "cluster, 2 executors of 1 thread" "$lake" --full --cluster "df://127.0.0.1:$sched"
echo "  peak RSS, scheduler then executors: $(peaks)"
echo "per-job and per-task overhead (1 object; 64 objects of 2 rows, one task each):"
run "local, 1 object" "$work/one" --threads 2
run "cluster, 2 executors of 1 thread, 1 object" "$work/one" --cluster "df://127.0.0.1:$sched"
run "local, 64 objects" "$small" --threads 2
run "cluster, 2 executors of 1 thread, 64 objects" "$small" --cluster "df://127.0.0.1:$sched"
stop
