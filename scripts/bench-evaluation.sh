#!/usr/bin/env bash
# Evaluation overhead benchmark (issue: "with snapshots every simulated hour for 1 million
# customers, total run time within 1.3× of the run without them"). Runs the default retail
# scenario at 1 M customers twice — the full evaluation (stability snapshots and freshness scans
# every hour, lift snapshots daily) and a minimal one (one stability and one lift snapshot, at the
# start) — and prints both wall times and their ratio.
# Usage: scripts/bench-evaluation.sh [customers]   (release build; ~2×2 minutes at 1 M)
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-1000000}
scripts/build.sh >/dev/null
segsim=.build/release/segsim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(--quiet --set "retail.customers=$customers")
wall() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['wall_clock']['simulator.wall_seconds']['mean'])" "$1/summary.json"; }
/usr/bin/time -f "%e s wall, %M KB peak RSS" $segsim run scenarios/retail.yaml "${common[@]}" \
    --set evaluation.snapshot_every=1w --set evaluation.lift_every=1w --dir "$work/without" >/dev/null
/usr/bin/time -f "%e s wall, %M KB peak RSS" $segsim run scenarios/retail.yaml "${common[@]}" \
    --set evaluation.snapshot_every=1h --set evaluation.lift_every=1d --dir "$work/hourly" >/dev/null
without=$(wall "$work/without"); hourly=$(wall "$work/hourly")
python3 -c "import sys; w,h=float(sys.argv[1]),float(sys.argv[2]); print(f'replication wall time: {w:.1f} s minimal evaluation, {h:.1f} s with hourly snapshots; ratio {h/w:.3f} (target ≤ 1.3)')" "$without" "$hourly"
