#!/bin/bash
# Economic potential benchmark (issue 6): `petadesa-cli analyze potential` against the SpatiaLite
# SQL anchor of ../shared/bench/README.md §4f (sql/econ_spatialite.sql: assets, potential points
# and BUM Desa units per desa with ST_Within, potential areas clipped per desa) in the same run,
# on the synthetic data of bench/gen_kecamatan.py, for each SIZE given.
#  - SpatiaLite (anchor): econ_spatialite.sql as is, on the ogr2ogr import of the GeoPackage
#    (EPSG:32750 storage, separate point and area tables).
#  - SpatiaLite (our schema): the same four aggregates written for a PetaDesa project
#    (wilayah, one potensi_ekonomi table, EPSG:4326 storage, areas after Transform to
#    EPSG:32750), run on the PetaDesa project itself.
#  - PetaDesa: `analyze potential --json` (whole process: per desa and category, clipped areas,
#    production, BUM Desa by type and sector, assets by category, profile, score, six result
#    tables), with the potential-at-risk overlay and with --no-risk; plus the in-process time of
#    the analysis call (the PETADESA_PROFILE phases, no process start-up), comparable to QGIS's
#    in-process 0.904 s on M (§4f; QGIS is not runnable here).
# Medians of REPEATS runs after one warm-up (L: no warm-up), peak RSS. Cross-checked per desa
# against the our-schema SQL (not timed). Appends to bench/RESULTS.md with date, machine, load.
#   bash bench/potential.sh "S M L" 3
#   RESULTS=/dev/null bash bench/potential.sh S 1
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/common.sh"
SIZES=${1:-"S M"}
REPEATS=${2:-3}
CLI=${CLI:-$ROOT/build/release/app/cli/petadesa-cli}
SHARED=${SHARED:-$ROOT/../shared/bench}
DATA=${DATA:-/var/tmp/petadesa-bench}
WORK=$DATA/work-potential
PY=/usr/bin/python3
RESULTS=${RESULTS:-$ROOT/bench/RESULTS.md}
mkdir -p "$WORK"
[ -x "$CLI" ] || { echo "build a release petadesa-cli first (or set CLI=...)"; exit 1; }
[ -f "$SHARED/sql/econ_spatialite.sql" ] || { echo "missing $SHARED/sql/econ_spatialite.sql"; exit 1; }

# The anchor's four aggregates on a PetaDesa project.
cat > "$WORK/econ_petadesa.sql" <<'EOF'
CREATE TEMP TABLE desa AS SELECT fid, nama, geom FROM wilayah WHERE tingkat IN ('desa', 'kelurahan');
CREATE TEMP TABLE agg_aset AS
SELECT d.fid AS desa_fid, count(*) AS n, sum(p.nilai_rp) AS nilai FROM desa AS d, aset_desa AS p
WHERE p.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'aset_desa'
                  AND f_geometry_column = 'geom' AND search_frame = d.geom)
  AND ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid;
CREATE TEMP TABLE agg_pot AS
SELECT d.fid AS desa_fid, p.kategori, count(*) AS n, sum(p.nilai_rp) AS nilai
FROM desa AS d, potensi_ekonomi AS p
WHERE p.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'potensi_ekonomi'
                  AND f_geometry_column = 'geom' AND search_frame = d.geom)
  AND GeometryType(p.geom) = 'POINT' AND ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid, p.kategori;
CREATE TEMP TABLE agg_bum AS
SELECT d.fid AS desa_fid, count(*) AS n, sum(p.omzet_rp) AS omzet FROM desa AS d, bumdes_unit AS p
WHERE p.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'bumdes_unit'
                  AND f_geometry_column = 'geom' AND search_frame = d.geom)
  AND ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid;
CREATE TEMP TABLE agg_area AS
SELECT d.fid AS desa_fid, p.kategori,
       sum(ST_Area(Transform(ST_Intersection(p.geom, d.geom), 32750))) / 1e4 AS ha
FROM desa AS d, potensi_ekonomi AS p
WHERE p.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'potensi_ekonomi'
                  AND f_geometry_column = 'geom' AND search_frame = d.geom)
  AND GeometryType(p.geom) LIKE '%POLYGON' AND ST_Intersects(p.geom, d.geom) = 1
GROUP BY d.fid, p.kategori;
SELECT 'aset', desa_fid, n, nilai FROM agg_aset;
SELECT 'pot', desa_fid, kategori, n, nilai FROM agg_pot;
SELECT 'bum', desa_fid, n, omzet FROM agg_bum;
SELECT 'area', desa_fid, kategori, ha FROM agg_area;
EOF

prep_fresh() { cp "$BASE" "$RUN"; rm -f "$RUN"-wal "$RUN"-shm; }
none() { :; }
sp_anchor() { spatialite -bail "$OGR" < "$SHARED/sql/econ_spatialite.sql" > "$WORK/sp_anchor.txt"; }
sp_ours() { spatialite -bail "$RUN" < "$WORK/econ_petadesa.sql" > "$WORK/sp_ours.txt"; }
pd_risk() { "$CLI" analyze potential "$RUN" --json > "$WORK/pd_risk.json"; }
pd_norisk() { "$CLI" analyze potential "$RUN" --no-risk --json > "$WORK/pd_norisk.json"; }

# Runs job $2 (after prep $1, untimed) REPEATS times after a warm-up; prints
# "median_wall_s max_peak_rss_mb median_cpu_s".
measure() {
    local prep=$1 job=$2 walls=() cpus=() peak=0
    if [ "$SIZE" != L ]; then $prep; $job; fi
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
# The analysis call alone (no start-up, no project open), --no-risk: the sum of the phases.
inproc() {
    local times=()
    for _ in $(seq "$REPEATS"); do
        prep_fresh
        times+=("$(PETADESA_PROFILE=1 "$CLI" analyze potential "$RUN" --no-risk --json 2>&1 >/dev/null |
            awk '/^\[profile\] [^ ]/ {s += $(NF-5)} END {printf "%.3f", s}')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
checks=()
for SIZE in $SIZES; do
    SRC=$DATA/$SIZE
    GPKG=$SRC/kec_$SIZE.gpkg
    if [ ! -f "$GPKG" ]; then
        $PY "$ROOT/bench/gen_kecamatan.py" --size "$SIZE" --out "$DATA"
    fi
    OGR=$WORK/ogr_$SIZE.sqlite
    BASE=$WORK/pd_${SIZE}_base.sqlite
    RUN=$WORK/pd_${SIZE}_run.sqlite
    ogr_import "$GPKG" "$OGR"
    pd_import "$CLI" "$GPKG" "$BASE" "$WORK/import.csv" "zona_bahaya bumdes_unit aset_desa"
    prep_fresh
    read -r sa sa_mb sa_cpu < <(measure none sp_anchor)
    read -r so so_mb so_cpu < <(measure none sp_ours)
    read -r pr pr_mb pr_cpu < <(measure prep_fresh pd_risk)
    read -r pn pn_mb pn_cpu < <(measure prep_fresh pd_norisk)
    ip=$(inproc)
    counts=$(sqlite3 "$BASE" "SELECT (SELECT count(*) FROM wilayah) || ' desa, ' || (SELECT count(*) FROM aset_desa) || ' assets, ' || (SELECT count(*) FROM potensi_ekonomi) || ' potential, ' || (SELECT count(*) FROM bumdes_unit) || ' units, ' || (SELECT count(*) FROM zona_bahaya) || ' zones'")
    rows+=("| $SIZE ($counts) | $sa s [$sa_cpu] ($sa_mb MB) | $so s [$so_cpu] ($so_mb MB) | $pr s [$pr_cpu] ($pr_mb MB) | $pn s [$pn_cpu] ($pn_mb MB) | $ip s | $(ratio "$pn" "$sa") | $(ratio "$pr" "$sa") |")
    # Cross-check (not timed): per desa, against the our-schema SQL.
    prep_fresh; pd_norisk; sp_ours
    check=$($PY - "$RUN" "$WORK/pd_norisk.json" "$WORK/sp_ours.txt" <<'PYEOF'
import collections, json, sqlite3, sys
run, js, sp = sys.argv[1:4]
db = sqlite3.connect(run)
code = dict(db.execute("SELECT fid, kode FROM wilayah"))
# Potential counts add the polygons whose largest part lies in the desa (PetaDesa's rule).
exp = collections.defaultdict(float)
for l in open(sp):
    f = l.rstrip("\n").split("|")
    if f[0] == "aset":
        exp[("aset", code[int(f[1])], "")] += int(f[2]); exp[("nilai_aset", code[int(f[1])], "")] += float(f[3])
    elif f[0] == "pot":
        exp[("potensi_titik", code[int(f[1])], f[2])] += int(f[3])
    elif f[0] == "bum":
        exp[("bumdes", code[int(f[1])], "")] += int(f[2]); exp[("omzet", code[int(f[1])], "")] += float(f[3])
    elif f[0] == "area":
        exp[("ha", code[int(f[1])], f[2])] += float(f[3])
got = collections.defaultdict(float)
for v in json.load(open(js))["villages"]:
    got[("aset", v["kode"], "")] = v["assets"]["count"]; got[("nilai_aset", v["kode"], "")] = v["assets"]["value_rp"]
    got[("bumdes", v["kode"], "")] = v["bumdes"]["units"]; got[("omzet", v["kode"], "")] = v["bumdes"]["turnover_rp"]
    for c, f in v["categories"].items():
        if f["area_ha"]:
            got[("ha", v["kode"], c)] = f["area_ha"]
# Point counts: PetaDesa's count minus its polygons counted in the desa (from the project).
for k, c, n in db.execute("SELECT kode_wilayah, kategori, potensi FROM hasil_potensi_kategori"):
    got[("potensi", k, c)] = n
worst, bad, n = 0.0, 0, 0
for key in set(exp) | set(got):
    if key[0] in ("potensi_titik", "potensi"):
        continue
    a, b = exp.get(key, 0), got.get(key, 0)
    n += 1
    rel = abs(a - b) / max(1.0, abs(a))
    worst = max(worst, rel)
    if (key[0] in ("aset", "bumdes") and a != b) or rel > 1e-6:
        bad += 1
pts = sum(v for k, v in exp.items() if k[0] == "potensi_titik")
tot = sum(v for k, v in got.items() if k[0] == "potensi")
print(f"{n} per-desa figures (asset count and value, BUM Desa count and turnover, clipped ha per category): "
      f"{n - bad} equal (largest relative difference {worst:.1e}); potential points by ST_Within {int(pts)}, "
      f"PetaDesa potential counted in a desa {int(tot)} (points + polygons by their largest part)")
PYEOF
)
    checks+=("$SIZE: $check")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo
    echo "## Economic potential per village, $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo
    echo "\`bench/potential.sh \"$SIZES\" $REPEATS\`: median of $REPEATS whole-process runs (after a warm-up, except L),"
    echo "one session. Cells: wall seconds [CPU = user + system seconds] (peak RSS)."
    echo "Load average before/after: $load_before / $load_after (the machine is shared with other"
    echo "sessions' builds; wall times are only as good as the load allows, CPU seconds are steadier)."
    echo "SpatiaLite anchor: ../shared/bench/sql/econ_spatialite.sql on the ogr2ogr import (§4f: 0.231 s S,"
    echo "1.67 s M, 17.5 s L on the quiet machine). Our schema: the same aggregates on the PetaDesa project"
    echo "(EPSG:4326 storage, Transform for the areas). PetaDesa: per desa and category (points and polygons,"
    echo "clipped areas, value, production), BUM Desa by type and sector, assets by category, profile and"
    echo "score, six hasil_potensi_* tables and analisis_log; \"risk\" adds the hazard overlay of the"
    echo "potential (the exposure engine). In-process: the analysis call alone (--no-risk), as QGIS's"
    echo "in-process 0.904 s on M for one aggregate (§4f; QGIS not runnable here)."
    echo
    echo "| size | SpatiaLite anchor SQL | SpatiaLite, our schema | PetaDesa (risk) | PetaDesa --no-risk | PetaDesa in-process (--no-risk) | ratio no-risk / anchor | ratio risk / anchor |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Cross-check (not timed):"
    echo
    printf -- '- %s\n' "${checks[@]}"
} > "$WORK/results.md"
cat "$WORK/results.md"
cat "$WORK/results.md" >> "$RESULTS"
echo "appended to $RESULTS"
