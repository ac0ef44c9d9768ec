#!/bin/bash
# Evacuation benchmark (issue 5): `petadesa-cli analyze evacuation` against SpatiaLite's
# VirtualRouting in the same run, on the synthetic data of bench/gen_kecamatan.py.
# SpatiaLite = ../shared/bench/sql/routing_prep_spatialite.sql (copy of the base DB,
# CreateRouting, node table with R*Tree, settlements snapped to the nearest node), then the q2
# approach of ../shared/bench/route_spatialite.py (one isochrone query per site, min per node).
# PetaDesa = the whole plan (read, graph, nearest sites of all settlements, capacity
# assignment, routes, needs, result tables), whole process. Medians of REPEATS runs, peak RSS;
# the correctness check (bench/evacuation_check.py) is not timed. Appends to bench/RESULTS.md.
#   bash bench/evacuation.sh [SIZES] [REPEATS]      e.g. bash bench/evacuation.sh "S M L" 3
#   (L runs REPEATS_L times, default 1: SpatiaLite's q2 alone takes about 9 minutes there)
#   CLI=build/evac-release/app/cli/petadesa-cli bash bench/evacuation.sh M 3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${1:-"M"}
REPEATS=${2:-3}
CLI=${CLI:-$ROOT/build/release/app/cli/petadesa-cli}
SHARED=${SHARED:-$ROOT/../shared/bench}
DATA=${DATA:-/var/tmp/petadesa-bench}
WORK=$DATA/work-evac
PY=/usr/bin/python3
mkdir -p "$WORK"
[ -x "$CLI" ] || { echo "build a release petadesa-cli first (or set CLI=...)"; exit 1; }
[ -f "$SHARED/route_spatialite.py" ] || { echo "missing $SHARED/route_spatialite.py"; exit 1; }

# Runs "$@" once; prints "wall_seconds peak_rss_mb cpu_seconds" (cpu = user + sys, of the
# process and its children: a fairer figure when other jobs share the machine).
once() {
    local start end rss cpu
    start=$(date +%s.%N)
    /usr/bin/time -f "%M %U %S" -o "$WORK/rss" "$@"
    end=$(date +%s.%N)
    read -r rss user sys < <(tail -1 "$WORK/rss")
    cpu=$(echo "$user + $sys" | bc -l)
    printf '%s %d %s\n' "$(echo "$end - $start" | bc -l)" $((rss / 1024)) "$cpu"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
maximum() { sort -g | tail -1; }

sp_prep() { cp "$BASE" "$ROUTE" && spatialite -bail "$ROUTE" < "$SHARED/sql/routing_prep_spatialite.sql" > /dev/null; }
sp_q2() { "$PY" "$SHARED/route_spatialite.py" "$ROUTE" q2 > "$WORK/${SIZE}_q2.json"; }
pd_default() { "$CLI" analyze evacuation "$PROJECT" --json > "$WORK/${SIZE}_pd_tinggi.json"; }
pd_open() { "$CLI" analyze evacuation "$PROJECT" --avoid-level none --json > "$WORK/${SIZE}_pd_none.json"; }

{
    echo
    echo "## Evacuation plan, $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo
    echo "\`bench/evacuation.sh\`, median of $REPEATS runs (L: ${REPEATS_L:-1}) in one session."
    echo "SpatiaLite: \`routing_prep_spatialite.sql\` then \`route_spatialite.py q2\` (../shared/bench)."
    echo "PetaDesa: \`petadesa-cli analyze evacuation\`, whole process: reading the project, noding"
    echo "the roads, joining settlements and sites to the nearest road point, the nearest sites of"
    echo "every settlement, the capacity assignment, routes, minimum needs and the three result"
    echo "tables; \`none\` = \`--avoid-level none\` (no zones, as SpatiaLite), \`tinggi\` = default."
    echo "Load average when the run started: $(cut -d' ' -f1-3 /proc/loadavg) (other jobs share the machine)."
    echo
    echo "Cells: median wall seconds [median CPU seconds] (peak RSS); q2 also gives its query time."
    echo
    echo "| size | SpatiaLite prep | SpatiaLite q2 (queries only) | SpatiaLite total | PetaDesa none | PetaDesa tinggi | ratio none / SpatiaLite total | ratio none / q2 queries |"
    echo "|---|---|---|---|---|---|---|---|"
} > "$WORK/results.md"
: > "$WORK/notes.md"

for SIZE in $SIZES; do
    SRC=$DATA/$SIZE
    GPKG=$SRC/kec_$SIZE.gpkg
    if [ ! -f "$GPKG" ]; then
        echo "generating synthetic $SIZE ..."
        "$PY" "$ROOT/bench/gen_kecamatan.py" --size "$SIZE" --out "$DATA"
    fi
    PROJECT=$WORK/pd_$SIZE.sqlite
    BASE=$WORK/${SIZE}_base.sqlite
    ROUTE=$WORK/${SIZE}_route.sqlite
    if [ ! -f "$PROJECT" ] || [ "$GPKG" -nt "$PROJECT" ]; then
        echo "building the PetaDesa project of $SIZE ..."
        rm -f "$PROJECT" "$PROJECT"-wal "$PROJECT"-shm
        "$CLI" init "$PROJECT" --crs EPSG:32750 > /dev/null
        for L in zona_bahaya jalan permukiman titik_evakuasi; do
            "$CLI" import "$PROJECT" "$GPKG" --theme $L --layer $L > /dev/null
        done
    fi
    if [ ! -f "$BASE" ] || [ "$GPKG" -nt "$BASE" ]; then
        echo "building the SpatiaLite base DB of $SIZE ..."
        rm -f "$BASE"
        ogr2ogr -f SQLite -dsco SPATIALITE=YES "$BASE" "$GPKG" \
            -lco SPATIAL_INDEX=YES -lco GEOMETRY_NAME=geom -lco FID=fid
    fi
    runs=$REPEATS
    [ "$SIZE" = L ] && runs=${REPEATS_L:-1}   # L: one run, as in ../shared/bench (q2 takes minutes)
    declare -a prep=() q2=() q2q=() open=() zones=() prepMb=() q2Mb=() openMb=() zonesMb=()
    declare -a prepCpu=() q2Cpu=() openCpu=() zonesCpu=()
    for run in $(seq "$runs"); do
        echo "$SIZE run $run/$runs"
        read -r s m c < <(once bash -c "$(declare -f sp_prep); BASE='$BASE' ROUTE='$ROUTE' SHARED='$SHARED' sp_prep")
        prep+=("$s"); prepMb+=("$m"); prepCpu+=("$c")
        read -r s m c < <(once bash -c "$(declare -f sp_q2); PY='$PY' SHARED='$SHARED' ROUTE='$ROUTE' WORK='$WORK' SIZE='$SIZE' sp_q2")
        q2+=("$s"); q2Mb+=("$m"); q2Cpu+=("$c")
        q2q+=("$("$PY" -c "import json; print(json.load(open('$WORK/${SIZE}_q2.json'))['query_total_s'])")")
        read -r s m c < <(once bash -c "$(declare -f pd_open); CLI='$CLI' PROJECT='$PROJECT' WORK='$WORK' SIZE='$SIZE' pd_open")
        open+=("$s"); openMb+=("$m"); openCpu+=("$c")
        read -r s m c < <(once bash -c "$(declare -f pd_default); CLI='$CLI' PROJECT='$PROJECT' WORK='$WORK' SIZE='$SIZE' pd_default")
        zones+=("$s"); zonesMb+=("$m"); zonesCpu+=("$c")
    done
    mp=$(printf '%s\n' "${prep[@]}" | median); mq=$(printf '%s\n' "${q2[@]}" | median)
    mqq=$(printf '%s\n' "${q2q[@]}" | median)
    mo=$(printf '%s\n' "${open[@]}" | median); mz=$(printf '%s\n' "${zones[@]}" | median)
    rp=$(printf '%s\n' "${prepMb[@]}" | maximum); rq=$(printf '%s\n' "${q2Mb[@]}" | maximum)
    ro=$(printf '%s\n' "${openMb[@]}" | maximum); rz=$(printf '%s\n' "${zonesMb[@]}" | maximum)
    cp_=$(printf '%s\n' "${prepCpu[@]}" | median); cq=$(printf '%s\n' "${q2Cpu[@]}" | median)
    co=$(printf '%s\n' "${openCpu[@]}" | median); cz=$(printf '%s\n' "${zonesCpu[@]}" | median)
    total=$(echo "$mp + $mq" | bc -l)
    printf '| %s | %.2f s [%.2f] (%d MB) | %.2f s [%.2f] (%.2f s) (%d MB) | %.2f s | %.2f s [%.2f] (%d MB) | %.2f s [%.2f] (%d MB) | %.2f | %.2f |\n' \
        "$SIZE" "$mp" "$cp_" "$rp" "$mq" "$cq" "$mqq" "$rq" "$total" "$mo" "$co" "$ro" "$mz" "$cz" "$rz" \
        "$(echo "$mo / $total" | bc -l)" "$(echo "$mo / $mqq" | bc -l)" | tee -a "$WORK/results.md"

    # Checksums and the independent check (not timed). The generator's graph meets only at
    # its node ids, so the check runs once more with crossings kept apart.
    "$CLI" analyze evacuation "$PROJECT" --avoid-level none --crossings apart --json \
        > "$WORK/${SIZE}_pd_apart.json" 2> /dev/null
    check=$("$PY" "$ROOT/bench/evacuation_check.py" "$GPKG" "$PROJECT" "$WORK/${SIZE}_pd_none.json" || true)
    checkApart=$("$PY" "$ROOT/bench/evacuation_check.py" "$GPKG" "$PROJECT" "$WORK/${SIZE}_pd_apart.json" || true)
    "$PY" - "$SIZE" "$WORK/${SIZE}_q2.json" "$WORK/${SIZE}_pd_none.json" "$WORK/${SIZE}_pd_tinggi.json" "$check" "$checkApart" >> "$WORK/notes.md" <<'EOF'
import json, sys
size, q2, none, tinggi = sys.argv[1], *map(lambda p: json.load(open(p)), sys.argv[2:5])
check, apart = json.loads(sys.argv[5]), json.loads(sys.argv[6])
def total(d):
    return sum(s["distance_m"] for s in d["settlements"] if s["distance_m"] is not None)
def stages(d):
    return ", ".join(f"{k} {v:.2f}" for k, v in d["timings_s"].items())
s = tinggi["summary"]
print(f"- {size}: sum of nearest costs: SpatiaLite q2 (node to node) {q2['sum_cost_m']:,.1f} m "
      f"({q2['reached']:,} reached); PetaDesa {total(none):,.1f} m with the walk to and from the road "
      f"(none), the independent Dijkstra {check['sum_reference_m']:,.1f} m, its node-to-node variant "
      f"{check['sum_node_to_node_m']:,.1f} m. Check: {check['within_tolerance']:,} of {check['compared']:,} "
      f"settlements within {check['tolerance_m']} m (max difference {check['max_difference_m']} m, "
      f"{check['reachability_mismatches']} reachability mismatches).")
crossings = none['summary']['graph']['crossings_noded']
if crossings:
    print(f"  The generator's graph does not join its {crossings} roads that cross without a node; "
          f"PetaDesa makes them junctions by default, so a few routes are shorter. With "
          f"`--crossings apart`: {apart['within_tolerance']:,} of {apart['compared']:,} within "
          f"{apart['tolerance_m']} m (max difference {apart['max_difference_m']} m).")
print(f"  PetaDesa stages (s), none: {stages(none)}; tinggi: {stages(tinggi)}. "
      f"Graph {s['graph']['nodes']:,} nodes, {s['graph']['edges']:,} edges; tinggi: "
      f"{s['avoided_zones']:,} zones, {s['graph']['zone_length_km']:,} km of road in them, "
      f"{s['rounds']} assignment rounds, {s['routes']:,} routes, {s['assigned']:,} of "
      f"{s['population']:,} people placed ({s['unserved']:,} without room, "
      f"{s['unreachable_population']:,} unreachable, {s['through_zone_settlements']:,} "
      f"settlements only through a zone).")
EOF
done
{ echo; cat "$WORK/notes.md"; } >> "$WORK/results.md"
cat "$WORK/results.md"
cat "$WORK/results.md" >> "$ROOT/bench/RESULTS.md"
echo "appended to bench/RESULTS.md"
