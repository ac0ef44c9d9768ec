#!/bin/bash
# Hazard exposure and safe-area benchmark (issue 5): `petadesa-cli analyze exposure` and
# `analyze safe-areas` against the SpatiaLite SQL anchors of ../shared/bench/README.md §4b-c
# (sql/exposure_spatialite.sql, sql/safe_area_spatialite.sql) in the same run, on the
# synthetic data of bench/gen_kecamatan.py. SpatiaLite runs on the ogr2ogr import of the
# GeoPackage (EPSG:32750, as ../shared/bench); PetaDesa on its own project of the same data
# (EPSG:4326 storage, EPSG:32750 working CRS), whole process, results written to the project.
# Each timed run starts from a fresh copy of the project (the copy is not timed). Medians of
# REPEATS runs after one warm-up, peak RSS. The results are cross-checked (not timed) and the
# table is appended to bench/RESULTS.md with the date, the machine and its load.
#   bash bench/analysis.sh [SIZE] [REPEATS]       e.g. bash bench/analysis.sh M 3
#   CLI=build/other/app/cli/petadesa-cli bash bench/analysis.sh M 5
#   RESULTS=/dev/null bash bench/analysis.sh S 1      (a trial that appends nothing)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${1:-M}
REPEATS=${2:-3}
CLI=${CLI:-$ROOT/build/release/app/cli/petadesa-cli}
SHARED=${SHARED:-$ROOT/../shared/bench}
DATA=${DATA:-/var/tmp/petadesa-bench}
WORK=$DATA/work-analysis
PY=/usr/bin/python3
RESULTS=${RESULTS:-$ROOT/bench/RESULTS.md}
mkdir -p "$WORK"
source "$ROOT/bench/common.sh"
[ -x "$CLI" ] || { echo "build a release petadesa-cli first (or set CLI=...)"; exit 1; }
for f in exposure_spatialite.sql safe_area_spatialite.sql; do
    [ -f "$SHARED/sql/$f" ] || { echo "missing $SHARED/sql/$f"; exit 1; }
done

SRC=$DATA/$SIZE
GPKG=$SRC/kec_$SIZE.gpkg
if [ ! -f "$GPKG" ]; then
    echo "generating synthetic $SIZE ..."
    $PY "$ROOT/bench/gen_kecamatan.py" --size "$SIZE" --out "$DATA"
fi
OGR=$WORK/ogr_$SIZE.sqlite
BASE=$WORK/pd_${SIZE}_base.sqlite
RUN=$WORK/pd_${SIZE}_run.sqlite

# --- inputs (not timed) ------------------------------------------------------------------
ogr_import "$GPKG" "$OGR"
pd_import "$CLI" "$GPKG" "$BASE" "$WORK/import.csv"

# --- the four jobs ---------------------------------------------------------------------------
prep_fresh() { cp "$BASE" "$RUN"; rm -f "$RUN"-wal "$RUN"-shm; }
sp_exposure() { spatialite -bail "$OGR" < "$SHARED/sql/exposure_spatialite.sql" > "$WORK/sp_exposure.txt"; }
sp_safe() { spatialite -bail "$OGR" < "$SHARED/sql/safe_area_spatialite.sql" > "$WORK/sp_safe.txt"; }
pd_exposure() { "$CLI" analyze exposure "$RUN" --json > "$WORK/pd_exposure.json"; }
pd_safe() { "$CLI" analyze safe-areas "$RUN" --min-level sedang --buffer 50 --min-area-ha 1 \
    --json > "$WORK/pd_safe.json"; }

# Runs job $2 (after prep $1, untimed) REPEATS times after a warm-up; prints
# "median_wall_s max_peak_rss_mb median_cpu_s".
measure() {
    local prep=$1 job=$2 walls=() cpus=() peak=0
    $prep; $job
    for _ in $(seq "$REPEATS"); do
        $prep
        local start end
        start=$(date +%s.%N)
        /usr/bin/time -f "%M %U %S" -o "$WORK/rss" bash -c "$(declare -f "$job"); \
            CLI='$CLI' RUN='$RUN' OGR='$OGR' WORK='$WORK' SHARED='$SHARED' $job"
        end=$(date +%s.%N)
        walls+=("$(echo "$end - $start" | bc -l)")
        read -r rss user sys < <(tail -1 "$WORK/rss")
        cpus+=("$(echo "$user + $sys" | bc -l)")
        [ "$rss" -gt "$peak" ] && peak=$rss
    done
    local wall cpu
    wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%.3f %d %.2f\n' "$wall" $((peak / 1024)) "$cpu"
}
none() { :; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r sp_e sp_e_mb sp_e_cpu < <(measure none sp_exposure)
read -r pd_e pd_e_mb pd_e_cpu < <(measure prep_fresh pd_exposure)
read -r sp_s sp_s_mb sp_s_cpu < <(measure none sp_safe)
read -r pd_s pd_s_mb pd_s_cpu < <(measure prep_fresh pd_safe)
# In-process time of the analysis call alone (no process start-up, no project open), as QGIS's
# in-process anchor is taken: the sum of the top-level phases PETADESA_PROFILE prints.
inproc() {
    local times=()
    for _ in $(seq "$REPEATS"); do
        prep_fresh
        times+=("$(PETADESA_PROFILE=1 "$CLI" analyze exposure "$RUN" --json 2>&1 >/dev/null |
            awk '/^\[profile\] [^ ]/ {s += $(NF-5)} END {printf "%.3f", s}')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
pd_e_inproc=$(inproc)
# The like-for-like figure: QGIS's in-process run writes to memory outputs, so the same
# analysis with --no-save (computed and reported, nothing written to the project).
nosave_inproc() {
    local times=()
    for _ in $(seq "$REPEATS"); do
        prep_fresh
        times+=("$(PETADESA_PROFILE=1 "$CLI" analyze exposure "$RUN" --json --no-save 2>&1 >/dev/null |
            awk '/^\[profile\] [^ ]/ {s += $(NF-5)} END {printf "%.3f", s}')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
pd_n_inproc=$(nosave_inproc)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- cross-checks (not timed) --------------------------------------------------------------
# Safe areas: same parts and area as the SpatiaLite SQL. Exposure: the SQL counts assets and
# settlements by their highest level over all hazard types; the same from hasil_paparan_fitur.
prep_fresh; pd_exposure; pd_safe
check=$($PY - "$WORK" "$RUN" <<'PYEOF'
import json, sqlite3, sys
work, run = sys.argv[1], sys.argv[2]
out = []
safe = json.load(open(f"{work}/pd_safe.json"))
sp = [l.split("|") for l in open(f"{work}/sp_safe.txt") if l.startswith("safe_parts")]
sp_parts, sp_km2 = int(sp[0][1]), float(sp[0][2])
pd_parts, pd_km2 = len(safe["parts"]), safe["total_area_ha"] / 100
out.append(f"safe areas: SpatiaLite {sp_parts} parts {sp_km2:.3f} km², PetaDesa {pd_parts} parts "
           f"{pd_km2:.3f} km² -> {'same' if sp_parts == pd_parts and abs(sp_km2 - pd_km2) < 0.01 else 'DIFFERENT'}")
rows = {}
for l in open(f"{work}/sp_exposure.txt"):
    f = l.strip().split("|")
    if f[0] in ("aset", "permukiman"):
        rows[(f[0], int(f[1]))] = (int(f[2]), float(f[3]))
db = sqlite3.connect(run)
rank = "CASE tingkat WHEN 'rendah' THEN 1 WHEN 'sedang' THEN 2 ELSE 3 END"
same = True
for theme, sp_name in (("aset_desa", "aset"), ("permukiman", "permukiman")):
    for lvl, n in db.execute(f"SELECT lvl, count(*) FROM (SELECT fitur_fid, max({rank}) AS lvl "
                             f"FROM hasil_paparan_fitur WHERE tema = ? GROUP BY fitur_fid) GROUP BY lvl",
                             (theme,)):
        expected = rows.get((sp_name, lvl), (0, 0))[0]
        same = same and n == expected
        out.append(f"{theme} highest level {lvl}: SpatiaLite {expected}, PetaDesa {n}")
out.append("exposure counts " + ("same" if same else "DIFFERENT"))
print("\n".join(out))
PYEOF
)
echo "$check"

ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
{
    echo
    echo "## Hazard exposure and safe areas, $SIZE, $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo
    echo "\`bench/analysis.sh $SIZE $REPEATS\`: median of $REPEATS whole-process runs after a warm-up, in"
    echo "one session (wall seconds; peak RSS; CPU = user + system seconds, both threads)."
    echo "Load average before/after: $load_before / $load_after (the machine is shared; wall"
    echo "times are only as good as the load allows)."
    echo "SpatiaLite: ../shared/bench/sql/*.sql on the ogr2ogr import (assets and settlements"
    echo "only; safe areas in SQL). PetaDesa: all themes (assets, centers, BUM Desa, potential with"
    echo "clipped areas, roads with clipped km, settlements), per level, per village and dusun,"
    echo "four result tables and analisis_log written; safe areas written as a polygon table."
    echo
    echo "| job | SpatiaLite SQL | PetaDesa | ratio PetaDesa / SpatiaLite | target |"
    echo "|---|---|---|---|---|"
    echo "| exposure | $sp_e s ($sp_e_mb MB, cpu $sp_e_cpu s) | $pd_e s ($pd_e_mb MB, cpu $pd_e_cpu s) | $(ratio "$pd_e" "$sp_e") | < 1 (SpatiaLite 1.35 s in ../shared); ≤ 0.1 × QGIS in-process 3.67 s = 0.367 s: ratio to QGIS $(ratio "$pd_e" 3.67) (QGIS not runnable here; anchor from ../shared/bench/README.md §4b) |"
    echo "| exposure, in-process (the analysis call only: the PETADESA_PROFILE phases) | – | $pd_e_inproc s | – | ≤ 0.367 s (QGIS in-process 3.67 s / 10): ratio to QGIS $(ratio "$pd_e_inproc" 3.67) |"
    echo "| exposure, in-process, --no-save (computed and reported, nothing written: like QGIS's memory outputs) | – | $pd_n_inproc s | – | ≤ 0.367 s: ratio to QGIS $(ratio "$pd_n_inproc" 3.67) |"
    echo "| safe areas | $sp_s s ($sp_s_mb MB, cpu $sp_s_cpu s) | $pd_s s ($pd_s_mb MB, cpu $pd_s_cpu s) | $(ratio "$pd_s" "$sp_s") | < 1 (SpatiaLite per-village SQL 1.34 s in ../shared) |"
    echo
    echo "Cross-check (not timed):"
    echo
    echo "$check" | sed 's/^/- /'
} > "$WORK/results.md"
cat "$WORK/results.md"
cat "$WORK/results.md" >> "$RESULTS"
echo "appended to $RESULTS"
