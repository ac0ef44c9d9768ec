#!/bin/bash
# Print-layout benchmark (issue 7, ../shared/bench/README.md §4e): an A4 300-dpi PDF of the
# synthetic kecamatan, PetaDesa's `petadesa-cli layout` against QGIS 3.22's layout exporter in
# the same run, and the atlas of every village of S.
#   bash bench/layout.sh [SIZES] [REPEATS]      e.g. bash bench/layout.sh "S M" 3
# Needs the release build (make build-release) and QGIS (make bench-deps). The PetaDesa projects
# are imported from the generated GeoPackage as bench/analysis.sh does.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${1:-"S M"}
REPEATS=${2:-3}
CLI=${CLI:-$ROOT/build/release/app/cli/petadesa-cli}
DATA=${DATA:-/var/tmp/petadesa-bench}
WORK=$DATA/work-layout
PY=/usr/bin/python3
RESULTS=${RESULTS:-$ROOT/bench/RESULTS.md}
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p "$WORK" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
source "$ROOT/bench/common.sh"
[ -x "$CLI" ] || { echo "build a release petadesa-cli first (make build-release or CLI=...)"; exit 1; }
field() { $PY -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

project() { # SIZE -> a PetaDesa project of the synthetic data
    local size=$1 gpkg=$DATA/$1/kec_$1.gpkg base=$WORK/pd_$1.sqlite
    if [ ! -f "$gpkg" ]; then
        $PY "$ROOT/bench/gen_kecamatan.py" --size "$size" --out "$DATA" >&2
    fi
    pd_import "$CLI" "$gpkg" "$base" "$WORK/import_$size.csv" "" "Kecamatan sintetis $size"
    echo "$base"
}

seconds() { # command... -> wall seconds of one run (whole process)
    local t0 t1
    t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
}

{
    echo
    echo "## Print layouts, $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1 /proc/loadavg)"
    echo
    echo "A4 landscape PDF at 300 dpi. QGIS: ../shared/bench/render_qgis.py --pdf (map + legend,"
    echo "all ten layers, per export in-process, median of exports 2..$REPEATS plus the first)."
    echo "PetaDesa: \`petadesa-cli layout --template potensi\` and a ten-layer run with"
    echo "\`--all-scales\` (every layer drawn, as QGIS does), each a whole process (start-up,"
    echo "page with grid, legend, locator, figures, PDF write), median of $REPEATS."
    echo
    echo "| size | QGIS 3.22 in-process | PetaDesa potensi | ratio | PetaDesa all layers, all scales | ratio | PDF size |"
    echo "|---|---|---|---|---|---|---|"
} > "$WORK/results.md"

for SIZE in $SIZES; do
    PROJECT=$(project "$SIZE")
    qgis=$(DATA=$DATA $PY "$ROOT/bench/render_qgis.py" "$SIZE" full --frames "$REPEATS" \
        --pdf "$WORK/qgis_$SIZE.pdf" 2>/dev/null | tail -1)
    q=$(echo "$qgis" | field median_pdf_s)
    qf=$(echo "$qgis" | field first_pdf_s)
    p=$(for i in $(seq "$REPEATS"); do
        seconds "$CLI" layout "$PROJECT" "$WORK/pd_$SIZE.pdf" --template potensi --paper A4 \
            --orientation landscape --dpi 300
    done | median)
    a=$(for i in $(seq "$REPEATS"); do
        seconds "$CLI" layout "$PROJECT" "$WORK/pd_all_$SIZE.pdf" --template lengkap --paper A4 \
            --orientation landscape --dpi 300 --all-scales
    done | median)
    printf '| %s | %.2f s (first %.2f s) | %.2f s | %.2f | %.2f s | %.2f | %s / %s |\n' "$SIZE" "$q" "$qf" \
        "$p" "$(echo "$p / $q" | bc -l)" "$a" "$(echo "$a / $q" | bc -l)" \
        "$(du -h "$WORK/pd_all_$SIZE.pdf" | cut -f1)" "$(du -h "$WORK/qgis_$SIZE.pdf" | cut -f1)" |
        tee -a "$WORK/results.md"
done

if [[ " $SIZES " == *" S "* ]]; then
    PROJECT=$(project S)
    pages=0
    t=$(for i in $(seq "$REPEATS"); do
        seconds "$CLI" layout "$PROJECT" "$WORK/atlas_S.pdf" --template potensi --paper A4 --atlas desa
    done | median)
    pages=$(pdfinfo "$WORK/atlas_S.pdf" | awk '/^Pages:/ {print $2}')
    {
        echo
        printf 'Atlas of synthetic S (`--atlas desa`, A4, 300 dpi): %s pages (cover + one per village) in %.2f s, whole process, median of %s (target: under 10 s).\n' \
            "$pages" "$t" "$REPEATS"
    } | tee -a "$WORK/results.md"
fi
cat "$WORK/results.md" >> "$RESULTS"
echo "appended to $RESULTS"
