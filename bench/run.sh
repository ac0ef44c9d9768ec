#!/bin/bash
# Import benchmark (bench/README.md): PetaDesa's import against ogr2ogr into SpatiaLite with
# spatial indexes, in the same run, on the synthetic kecamatan data. Appends to RESULTS.md.
#   bash bench/run.sh [SIZES] [REPEATS]      e.g. bash bench/run.sh "S M" 3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${1:-"S M"}
REPEATS=${2:-3}
CLI=${CLI:-$ROOT/build/release/app/cli/petadesa-cli}
DATA=${DATA:-/var/tmp/petadesa-bench}
WORK=$DATA/work-petadesa
PY=/usr/bin/python3
mkdir -p "$WORK"
[ -x "$CLI" ] || { echo "build the release preset first (make build-release)"; exit 1; }

LAYERS="desa zona_bahaya jalan permukiman titik_evakuasi pusat_kemasyarakatan bumdes_unit \
potensi_ekonomi_titik potensi_ekonomi_area aset_desa"
theme_of() {
    case $1 in
        desa) echo wilayah ;;
        potensi_ekonomi_*) echo potensi_ekonomi ;;
        *) echo "$1" ;;
    esac
}
extra_of() { [ "$1" = desa ] && echo "--set tingkat=desa" || true; }

# --- the four jobs -------------------------------------------------------------------------
ogr_geojson() {   # ogr2ogr, 10 GeoJSON files -> one SpatiaLite DB (../shared/bench/import_geojson.sh)
    local out=$WORK/ogr_geojson.sqlite first=1
    rm -f "$out"
    for L in $LAYERS; do
        if [ $first = 1 ]; then
            ogr2ogr -f SQLite -dsco SPATIALITE=YES "$out" "$SRC/geojson/$L.geojson" -nln $L \
                -lco SPATIAL_INDEX=YES -lco GEOMETRY_NAME=geom -lco FID=fid -a_srs EPSG:32750
            first=0
        else
            ogr2ogr -update "$out" "$SRC/geojson/$L.geojson" -nln $L \
                -lco SPATIAL_INDEX=YES -lco GEOMETRY_NAME=geom -lco FID=fid -a_srs EPSG:32750
        fi
    done
}
ogr_gpkg() {      # ogr2ogr, all GeoPackage layers in one call (../shared/bench/import_gpkg.sh)
    local out=$WORK/ogr_gpkg.sqlite
    rm -f "$out"
    ogr2ogr -f SQLite -dsco SPATIALITE=YES "$out" "$SRC/kec_$SIZE.gpkg" \
        -lco SPATIAL_INDEX=YES -lco GEOMETRY_NAME=geom -lco FID=fid
}
pd_geojson() {    # petadesa-cli: init + one import per GeoJSON file
    local out=$WORK/pd_geojson.sqlite
    rm -f "$out" "$out"-wal "$out"-shm "$WORK"/pd_geojson_*.csv
    "$CLI" init "$out" --crs EPSG:32750 > /dev/null
    for L in $LAYERS; do
        # shellcheck disable=SC2046
        "$CLI" import "$out" "$SRC/geojson/$L.geojson" --theme $(theme_of $L) $(extra_of $L) > /dev/null
    done
}
pd_gpkg() {       # petadesa-cli: init + one import of every layer into its theme (one call, as ogr2ogr)
    local out=$WORK/pd_gpkg.sqlite
    rm -f "$out" "$out"-wal "$out"-shm "$WORK"/pd_gpkg_*.csv
    "$CLI" init "$out" --crs EPSG:32750 > /dev/null
    "$CLI" import "$out" "$SRC/kec_$SIZE.gpkg" --layer-theme desa=wilayah --set wilayah.tingkat=desa \
        --layer-theme zona_bahaya=zona_bahaya --layer-theme jalan=jalan \
        --layer-theme permukiman=permukiman --layer-theme titik_evakuasi=titik_evakuasi \
        --layer-theme pusat_kemasyarakatan=pusat_kemasyarakatan \
        --layer-theme bumdes_unit=bumdes_unit --layer-theme aset_desa=aset_desa \
        --layer-theme potensi_ekonomi_titik=potensi_ekonomi \
        --layer-theme potensi_ekonomi_area=potensi_ekonomi > /dev/null
}

# Runs "$@" REPEATS times; prints "median_wall_s max_peak_rss_mb".
measure() {
    local walls=() peak=0
    for _ in $(seq "$REPEATS"); do
        local start end
        start=$(date +%s.%N)
        /usr/bin/time -f "%M" -o "$WORK/rss" bash -c "$(declare -f "$1" theme_of extra_of); \
            SRC='$SRC' SIZE='$SIZE' WORK='$WORK' CLI='$CLI' LAYERS='$LAYERS' $1"
        end=$(date +%s.%N)
        walls+=("$(echo "$end - $start" | bc -l)")
        local rss; rss=$(tail -1 "$WORK/rss")
        [ "$rss" -gt "$peak" ] && peak=$rss
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%.2f %d\n' "$median" $((peak / 1024))
}

{
    echo
    echo "## Import, $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo
    echo "Median of $REPEATS runs, whole processes (wall seconds, peak RSS of the largest process)."
    echo "PetaDesa reprojects to EPSG:4326, maps fields and vocabularies, checks every geometry"
    echo "and writes history-ready rows; ogr2ogr copies the data as is (EPSG:32750)."
    echo
    echo "| size | job | ogr2ogr | petadesa-cli | ratio (petadesa/ogr2ogr) |"
    echo "|---|---|---|---|---|"
} > "$WORK/results.md"

for SIZE in $SIZES; do
    SRC=$DATA/$SIZE
    if [ ! -f "$SRC/kec_$SIZE.gpkg" ]; then
        echo "generating synthetic $SIZE ..."
        $PY "$ROOT/bench/gen_kecamatan.py" --size "$SIZE" --out "$DATA"
    fi
    for job in geojson gpkg; do
        read -r ogr_s ogr_mb < <(measure ogr_$job)
        read -r pd_s pd_mb < <(measure pd_$job)
        ratio=$(echo "$pd_s / $ogr_s" | bc -l)
        printf '| %s | %s → project | %s s (%s MB) | %s s (%s MB) | %.2f |\n' \
            "$SIZE" "$job" "$ogr_s" "$ogr_mb" "$pd_s" "$pd_mb" "$ratio" | tee -a "$WORK/results.md"
    done
    # Same features in both stores.
    ogr_n=$(sqlite3 "$WORK/ogr_gpkg.sqlite" "SELECT count(*) FROM aset_desa")
    pd_n=$(sqlite3 "$WORK/pd_gpkg.sqlite" "SELECT count(*) FROM aset_desa")
    echo "$SIZE aset_desa rows: ogr2ogr $ogr_n, petadesa $pd_n"
    [ "$ogr_n" = "$pd_n" ] || { echo "feature counts differ"; exit 1; }
done
cat "$WORK/results.md" >> "$ROOT/bench/RESULTS.md"
echo "appended to bench/RESULTS.md"
