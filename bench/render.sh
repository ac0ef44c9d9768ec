#!/bin/bash
# Rendering benchmark (issue 4, ../shared/bench/README.md §4e): PetaDesa's renderer against
# QGIS 3.22 in the same run, on the synthetic kecamatan data, 1920x1080 at 96 dpi.
#   bash bench/render.sh [SIZES] [FRAMES]      e.g. bash bench/render.sh "M" 6
# Needs the release build (make build-release), QGIS (make bench-deps) and the PetaDesa
# projects that bench/run.sh imports (it runs that first when they are missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${1:-"M"}
FRAMES=${2:-6}
DATA=${DATA:-/var/tmp/petadesa-bench}
WORK=$DATA/work-petadesa
BENCH=$ROOT/build/release/bench/render_bench
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
[ -x "$BENCH" ] || { echo "build the release preset first (make build-release)"; exit 1; }
field() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }

{
    echo
    echo "## Rendering, $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo
    echo "1920x1080 at 96 dpi, all ten layers, one process each; median frame over frames 2..$FRAMES"
    echo "(first frame in brackets). QGIS: ../shared/bench/render_qgis.py (sequential job, its own"
    echo "simple styles, no scale limits). PetaDesa: bench/render_bench with the shipped styles"
    echo "(assets hidden below 1:50,000 by design); 'all scales' forces every layer visible."
    echo
    echo "| size | frame | QGIS 3.22 | PetaDesa | ratio | PetaDesa, all scales | ratio |"
    echo "|---|---|---|---|---|---|---|"
} > "$WORK/render_results.md"

for SIZE in $SIZES; do
    PROJECT=$WORK/pd_gpkg_$SIZE.sqlite
    if [ ! -f "$PROJECT" ]; then
        [ -f "$WORK/pd_gpkg.sqlite" ] && [ "$SIZE" = M ] && cp "$WORK/pd_gpkg.sqlite" "$PROJECT" ||
            { echo "no PetaDesa project for $SIZE: run bash bench/run.sh $SIZE first"; exit 1; }
    fi
    for mode in full zoom; do
        qgis=$(DATA=$DATA /usr/bin/python3 "$ROOT/bench/render_qgis.py" "$SIZE" $mode --frames "$FRAMES" 2>/dev/null | tail -1)
        pd=$("$BENCH" "$PROJECT" $mode --frames "$FRAMES" 2>/dev/null)
        pda=$("$BENCH" "$PROJECT" $mode --frames "$FRAMES" --all-scales 2>/dev/null)
        q=$(echo "$qgis" | field median_frame_s); qf=$(echo "$qgis" | field first_frame_s)
        p=$(echo "$pd" | field median_frame_s); pf=$(echo "$pd" | field first_frame_s)
        a=$(echo "$pda" | field median_frame_s); af=$(echo "$pda" | field first_frame_s)
        printf '| %s | %s | %s s (%s) | %s s (%s) | %.2f | %s s (%s) | %.2f |\n' "$SIZE" $mode \
            "$q" "$qf" "$p" "$pf" "$(echo "$p / $q" | bc -l)" "$a" "$af" "$(echo "$a / $q" | bc -l)" |
            tee -a "$WORK/render_results.md"
    done
done
cat "$WORK/render_results.md" >> "$ROOT/bench/RESULTS.md"
echo "appended to bench/RESULTS.md"
