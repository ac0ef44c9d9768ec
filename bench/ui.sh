#!/bin/bash
# GUI-thread stalls and memory of the desktop app (issue 4): bench/ui_bench opens a project in
# the real main window under xvfb, pans 40 px every 16 ms and zooms in and out for SECONDS,
# while a 1 ms timer measures how long the event loop was away. Targets: no stall above 50 ms;
# under 1 GB with M open.
#   bash bench/ui.sh [SIZES] [SECONDS]      e.g. bash bench/ui.sh "M L" 6
# Needs the release build and the projects bench/layout.sh imports (work-layout/pd_SIZE.sqlite).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${1:-"M"}
SECONDS_RUN=${2:-6}
DATA=${DATA:-/var/tmp/petadesa-bench}
BENCH=$ROOT/build/release/bench/ui_bench
[ -x "$BENCH" ] || { echo "build the release preset first (make build-release)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR=$work XDG_CONFIG_HOME=$work PETADESA_DATA_DIR=$ROOT/data
{
    echo
    echo "## Desktop GUI thread while panning, $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1 /proc/loadavg)"
    echo
    echo "bench/ui_bench under xvfb, 1600x1000 window, ${SECONDS_RUN} s of 40-px pans every 16 ms with zoom steps;"
    echo "a 1 ms GUI-thread timer records the event loop's absences. Release build."
    echo
    echo "Snapping (GUI thread, every mouse move while digitizing): 98 mouse positions at 2 m per pixel."
    echo
    echo "| size | open | first image | pans | longest stall | 99th percentile | renders started / finished | peak RSS | snap median / max |"
    echo "|---|---|---|---|---|---|---|---|---|"
} > "$work/results.md"
for SIZE in $SIZES; do
    PROJECT=$DATA/work-layout/pd_$SIZE.sqlite
    [ -f "$PROJECT" ] || { echo "no $PROJECT: run bash bench/layout.sh $SIZE first"; exit 1; }
    cp "$PROJECT" "$work/p.sqlite"
    out=$(xvfb-run -a -s "-screen 0 1600x1000x24" "$BENCH" "$work/p.sqlite" --seconds "$SECONDS_RUN" 2>/dev/null | tail -1)
    /usr/bin/python3 - "$SIZE" "$out" >> "$work/results.md" <<'PY'
import json, sys
r = json.loads(sys.argv[2])
print(f"| {sys.argv[1]} | {r['open_s']:.2f} s | {r['first_image_s']:.2f} s | {r['pans']} | "
      f"{r['max_stall_ms']:.1f} ms | {r['p99_stall_ms']:.1f} ms | "
      f"{r['renders_started']} / {r['renders_finished']} | {r['peak_rss_mb']:.0f} MB | "
      f"{r['snap_median_ms']:.2f} / {r['snap_max_ms']:.2f} ms |")
PY
    rm -f "$work/p.sqlite"*
done
cat "$work/results.md"
cat "$work/results.md" >> "$ROOT/bench/RESULTS.md"
