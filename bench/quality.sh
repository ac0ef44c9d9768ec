#!/bin/bash
# Service coverage and data-quality benchmark (issue 6): `petadesa-cli analyze coverage` and
# `petadesa-cli validate` on the synthetic data of bench/gen_kecamatan.py, against the SpatiaLite
# SQL a user would write, in the same run. Uses the ogr2ogr import and the PetaDesa project that
# bench/analysis.sh builds (run it first for the size). Medians of REPEATS whole-process runs
# after one warm-up, peak RSS; coverage runs on a fresh copy of the project (not timed) because it
# writes its result tables. The covered population is cross-checked (not timed); the table is
# appended to bench/RESULTS.md with the date, the machine and its load.
#   bash bench/quality.sh [SIZE] [REPEATS]        e.g. bash bench/quality.sh M 3
#   RESULTS=/dev/null bash bench/quality.sh S 1     (a trial that appends nothing)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=${1:-M}
REPEATS=${2:-3}
CLI=${CLI:-$ROOT/build/release/app/cli/petadesa-cli}
DATA=${DATA:-/var/tmp/petadesa-bench}
WORK=$DATA/work-analysis
RESULTS=${RESULTS:-$ROOT/bench/RESULTS.md}
OGR=$WORK/ogr_$SIZE.sqlite
BASE=$WORK/pd_${SIZE}_base.sqlite
RUN=$WORK/pd_${SIZE}_quality.sqlite
[ -x "$CLI" ] || { echo "build a release petadesa-cli first (or set CLI=...)"; exit 1; }
[ -f "$OGR" ] && [ -f "$BASE" ] || { echo "run bench/analysis.sh $SIZE first"; exit 1; }

# Straight-line coverage in SQL: settlements with a community center within 800 m (the R*Tree
# of the centers searched with an 800 m box, then ST_Distance), per desa and in total. The
# ogr2ogr import is in EPSG:32750 already, so SQL measures without a transform.
cat > "$WORK/coverage.sql" <<'SQL'
CREATE TEMP TABLE c AS SELECT p.fid AS fid, p.penduduk AS penduduk, EXISTS (SELECT 1 FROM
  pusat_kemasyarakatan AS s WHERE s.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE
  f_table_name = 'pusat_kemasyarakatan' AND search_frame = BuildCircleMbr(X(p.geom), Y(p.geom),
  800)) AND ST_Distance(p.geom, s.geom) <= 800) AS covered FROM permukiman AS p;
SELECT 'village', d.kode_desa, total(c.penduduk), total(CASE WHEN c.covered THEN c.penduduk END)
  FROM c JOIN permukiman AS p ON p.fid = c.fid JOIN desa AS d ON d.ROWID IN (SELECT ROWID FROM
  SpatialIndex WHERE f_table_name = 'desa' AND search_frame = p.geom) AND ST_Covers(d.geom,
  p.geom) = 1 GROUP BY d.kode_desa;
SELECT 'total', count(*), total(penduduk), total(CASE WHEN covered THEN penduduk END) FROM c;
SQL
# Two of validate's checks in SQL: invalid geometries in every table, and settlements, centers
# and assets that no desa polygon covers.
{
    echo "SELECT 'invalid', (SELECT count(*) FROM desa WHERE IsValid(geom) = 0) + (SELECT"
    echo "  count(*) FROM zona_bahaya WHERE IsValid(geom) = 0) + (SELECT count(*) FROM"
    echo "  potensi_ekonomi_area WHERE IsValid(geom) = 0) + (SELECT count(*) FROM jalan WHERE"
    echo "  IsValid(geom) = 0);"
    for t in permukiman pusat_kemasyarakatan aset_desa titik_evakuasi bumdes_unit; do
        echo "SELECT 'outside_$t', count(*) FROM $t AS f WHERE NOT EXISTS (SELECT 1 FROM desa AS d"
        echo "  WHERE d.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'desa' AND"
        echo "  search_frame = f.geom) AND ST_Covers(d.geom, f.geom) = 1);"
    done
} > "$WORK/validate.sql"

prep_fresh() { cp "$BASE" "$RUN"; rm -f "$RUN"-wal "$RUN"-shm; }
none() { :; }
sp_coverage() { spatialite -bail "$OGR" < "$WORK/coverage.sql" > "$WORK/sp_coverage.txt"; }
pd_coverage() { "$CLI" analyze coverage "$RUN" --target pusat_kemasyarakatan --distance-m 800 \
    --json > "$WORK/pd_coverage.json"; }
pd_network() { "$CLI" analyze coverage "$RUN" --target titik_evakuasi --network \
    --distance-m 1500 --json > "$WORK/pd_network.json"; }
sp_validate() { spatialite -bail "$OGR" < "$WORK/validate.sql" > "$WORK/sp_validate.txt"; }
pd_validate() { "$CLI" validate "$RUN" --json > "$WORK/pd_validate.json" || [ $? -eq 2 ]; }

# Runs job $2 (after prep $1, untimed) REPEATS times after a warm-up; prints
# "median_wall_s peak_rss_mb median_cpu_s".
measure() {
    local prep=$1 job=$2 walls=() cpus=() peak=0
    $prep; $job
    for _ in $(seq "$REPEATS"); do
        $prep
        local start end rss user sys
        start=$(date +%s.%N)
        /usr/bin/time -f "%M %U %S" -o "$WORK/rss" bash -c "$(declare -f "$job"); \
            CLI='$CLI' RUN='$RUN' OGR='$OGR' WORK='$WORK' $job"
        end=$(date +%s.%N)
        walls+=("$(echo "$end - $start" | bc -l)")
        read -r rss user sys < <(tail -1 "$WORK/rss")
        cpus+=("$(echo "$user + $sys" | bc -l)")
        [ "$rss" -gt "$peak" ] && peak=$rss
    done
    median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    printf '%.3f %d %.2f\n' "$(printf '%s\n' "${walls[@]}" | median)" $((peak / 1024)) \
        "$(printf '%s\n' "${cpus[@]}" | median)"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r sp_c sp_c_mb sp_c_cpu < <(measure none sp_coverage)
read -r pd_c pd_c_mb pd_c_cpu < <(measure prep_fresh pd_coverage)
read -r pd_n pd_n_mb pd_n_cpu < <(measure prep_fresh pd_network)
read -r sp_v sp_v_mb sp_v_cpu < <(measure none sp_validate)
prep_fresh
read -r pd_v pd_v_mb pd_v_cpu < <(measure none pd_validate)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Cross-check (not timed): total and covered population, SQL against PetaDesa.
check=$(/usr/bin/python3 - "$WORK" <<'PYEOF'
import json, sys
work = sys.argv[1]
pd = json.load(open(f"{work}/pd_coverage.json"))
total = [l.strip().split("|") for l in open(f"{work}/sp_coverage.txt") if l.startswith("total")][0]
sp_pop, sp_cov = round(float(total[2])), round(float(total[3] or 0))
t = pd["total"]
same = sp_pop == t["population"] and sp_cov == t["covered"]
villages = {l.split("|")[1]: round(float(l.split("|")[3] or 0))
            for l in open(f"{work}/sp_coverage.txt") if l.startswith("village")}
pv = {v["village_code"]: v["covered"] for v in pd["villages"] if v["village_code"]}
vsame = villages == pv
print(f"coverage 800 m: SpatiaLite {sp_cov:,} of {sp_pop:,} people covered, PetaDesa "
      f"{t['covered']:,} of {t['population']:,} -> {'same' if same else 'DIFFERENT'}; "
      f"covered people per desa ({len(villages)} desa) {'same' if vsame else 'DIFFERENT'}")
v = json.load(open(f"{work}/pd_validate.json"))
kinds = {}
for c in v["counts"]:
    kinds[c["kind"]] = kinds.get(c["kind"], 0) + c["count"]
sp = dict(l.strip().split("|")[:2] for l in open(f"{work}/sp_validate.txt"))
print(f"validate: SpatiaLite {sp['invalid']} invalid geometries, PetaDesa "
      f"{kinds.get('geometri_tidak_valid', 0)}; outside every desa: SpatiaLite "
      f"{sum(int(sp[k]) for k in sp if k.startswith('outside'))} (settlements, centers, assets, "
      f"sites, BUM Desa units), PetaDesa {kinds.get('di_luar_desa', 0)} (every theme with "
      f"kode_desa); PetaDesa items found by kind (all counted, at most 1000 per theme and kind "
      f"listed): {kinds}")
PYEOF
)
echo "$check"

ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
{
    echo
    echo "## Service coverage and data quality, $SIZE, $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo
    echo "\`bench/quality.sh $SIZE $REPEATS\`: median of $REPEATS whole-process runs after a warm-up"
    echo "(wall seconds; peak RSS; CPU = user + system seconds). Load average before/after:"
    echo "$load_before / $load_after (the machine is shared with other builds; wall times are only as"
    echo "good as the load allows). SpatiaLite runs on the ogr2ogr import (EPSG:32750, no transform);"
    echo "PetaDesa on its project (EPSG:4326 storage, transformed to EPSG:32750), result tables and"
    echo "analisis_log written. The SpatiaLite validate SQL does two of the checks only (validity of"
    echo "every geometry, points outside every desa); PetaDesa runs all of them on every theme."
    echo
    echo "| job | SpatiaLite SQL | PetaDesa | ratio PetaDesa / SpatiaLite |"
    echo "|---|---|---|---|"
    echo "| coverage, community centers, 800 m straight line, per desa | $sp_c s ($sp_c_mb MB, cpu $sp_c_cpu s) | $pd_c s ($pd_c_mb MB, cpu $pd_c_cpu s) | $(ratio "$pd_c" "$sp_c") |"
    echo "| coverage, evacuation sites, 1500 m over the roads | – | $pd_n s ($pd_n_mb MB, cpu $pd_n_cpu s) | – |"
    echo "| validate (read only) | $sp_v s ($sp_v_mb MB, cpu $sp_v_cpu s) | $pd_v s ($pd_v_mb MB, cpu $pd_v_cpu s) | $(ratio "$pd_v" "$sp_v") |"
    echo
    echo "Cross-check (not timed):"
    echo
    echo "$check" | sed 's/^/- /'
} > "$WORK/quality_results.md"
cat "$WORK/quality_results.md"
cat "$WORK/quality_results.md" >> "$RESULTS"
echo "appended to $RESULTS"
