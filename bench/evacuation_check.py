#!/usr/bin/python3
"""Independent check of `petadesa-cli analyze evacuation --avoid-level none --json` on the
synthetic data: a plain Dijkstra (heapq) over the generator's own road graph (node_from /
node_to, coordinates straight from the GeoPackage in EPSG:32750, no noding), settlements and
sites joined at the nearest point of the nearest road (shapely), one multi-source pass.

usage: evacuation_check.py KEC.gpkg PROJECT.sqlite RESULT.json [--tolerance 0.5]
Prints one JSON line: compared, within tolerance, max difference, the two checksums, and the
node-to-node checksum (settlements snapped to the nearest road node, as SpatiaLite q2 does).
Exits 1 when a distance differs by more than the tolerance or reachability differs.
Needs Debian's python3-gdal and python3-shapely (run with /usr/bin/python3).
"""
import heapq
import json
import sqlite3
import sys
import warnings
from collections import defaultdict

warnings.filterwarnings("ignore", message="STRtree will be changed")

from osgeo import ogr
from shapely.geometry import LineString, Point
from shapely.strtree import STRtree

gpkg, project, result = sys.argv[1:4]
tolerance = float(sys.argv[sys.argv.index("--tolerance") + 1]) if "--tolerance" in sys.argv else 0.5
ds = ogr.Open(gpkg)

lines, ends = [], []
for f in ds.GetLayerByName("jalan"):
    g = f.GetGeometryRef()
    lines.append(LineString([(g.GetX(i), g.GetY(i)) for i in range(g.GetPointCount())]))
    ends.append((f.GetField("node_from"), f.GetField("node_to")))
node_xy = {}
for line, (a, b) in zip(lines, ends):
    node_xy[a] = line.coords[0]
    node_xy[b] = line.coords[-1]

def points(layer, field):
    out = []
    for f in ds.GetLayerByName(layer):
        g = f.GetGeometryRef()
        out.append((f.GetField("id"), g.GetX(), g.GetY(), f.GetField(field)))
    return out

settlements = points("permukiman", "penduduk")
sites = points("titik_evakuasi", "kapasitas")

# Join every point to the nearest road (nearest point of the nearest line).
tree = STRtree(lines)
index_of = {id(line): i for i, line in enumerate(lines)}
MAX_SNAP = 500.0
stops = defaultdict(list)        # line -> [(position along, virtual node)]
joined = {}                      # ("s"|"t", id) -> (virtual node, snap distance)
for kind, plist in (("s", settlements), ("t", sites)):
    for pid, x, y, _ in plist:
        p = Point(x, y)
        line = tree.nearest(p)
        i = index_of[id(line)]
        d = line.distance(p)
        if d > MAX_SNAP:
            continue
        node = ("v", kind, pid)
        stops[i].append((line.project(p), node))
        joined[(kind, pid)] = (node, d)

adjacent = defaultdict(list)
def link(a, b, w):
    adjacent[a].append((b, w))
    adjacent[b].append((a, w))
for i, line in enumerate(lines):
    previous, previous_at = ends[i][0], 0.0
    for at, node in sorted(stops[i], key=lambda s: s[0]):
        link(previous, node, at - previous_at)
        previous, previous_at = node, at
    link(previous, ends[i][1], line.length - previous_at)

distance = {}
heap = []
for pid, *_ in sites:
    if ("t", pid) in joined:
        node, d = joined[("t", pid)]
        heapq.heappush(heap, (d, str(node), node))
while heap:
    d, _, n = heapq.heappop(heap)
    if n in distance:
        continue
    distance[n] = d
    for m, w in adjacent[n]:
        if m not in distance:
            heapq.heappush(heap, (d + w, str(m), m))

reference = {}
for pid, *_ in settlements:
    if ("s", pid) in joined:
        node, d = joined[("s", pid)]
        if node in distance:
            reference[pid] = distance[node] + d

# Node-to-node (SpatiaLite q2 style): settlements and sites at their nearest road node, no
# snapping distance added. The virtual nodes above lie on the roads, so they change nothing.
node_ids = list(node_xy)
node_points = [Point(node_xy[n]) for n in node_ids]
node_tree = STRtree(node_points)
node_of_point = {id(g): node_ids[i] for i, g in enumerate(node_points)}
def nearest_node(x, y):
    return node_of_point[id(node_tree.nearest(Point(x, y)))]
seen = {}
heap = [(0.0, str(n), n) for n in {nearest_node(x, y) for _, x, y, _ in sites}]
heapq.heapify(heap)
while heap:
    d, _, n = heapq.heappop(heap)
    if n in seen:
        continue
    seen[n] = d
    for m, w in adjacent[n]:
        if m not in seen:
            heapq.heappush(heap, (d + w, str(m), m))
node_sum = sum(seen.get(nearest_node(x, y), 0.0) for _, x, y, _ in settlements)

# PetaDesa's answers, by the generator's id kept in atribut_lain.
con = sqlite3.connect(project)
gen_id = {uuid: int(json.loads(extra)["id"]) for uuid, extra in
          con.execute("SELECT uuid, atribut_lain FROM permukiman")}
ours = {}
for s in json.load(open(result))["settlements"]:
    ours[gen_id[s["id"]]] = s["distance_m"]

compared = within = mismatched_reach = 0
worst = []
max_diff = 0.0
for pid, *_ in settlements:
    a, b = ours.get(pid), reference.get(pid)
    if (a is None) != (b is None):
        mismatched_reach += 1
        continue
    if a is None:
        continue
    compared += 1
    diff = abs(a - b)
    max_diff = max(max_diff, diff)
    within += diff <= tolerance
    if diff > tolerance:
        worst.append((diff, pid, a, b))
print(json.dumps({"settlements": len(settlements), "compared": compared,
                  "within_tolerance": within, "tolerance_m": tolerance,
                  "max_difference_m": round(max_diff, 6),
                  "reachability_mismatches": mismatched_reach,
                  "beyond_tolerance": [{"id": pid, "petadesa_m": round(a, 3), "reference_m": round(b, 3)}
                                       for _, pid, a, b in sorted(worst, reverse=True)[:10]],
                  "sum_petadesa_m": round(sum(v for v in ours.values() if v is not None), 1),
                  "sum_reference_m": round(sum(reference.values()), 1),
                  "sum_node_to_node_m": round(node_sum, 1)}))
sys.exit(0 if within == compared and mismatched_reach == 0 else 1)
