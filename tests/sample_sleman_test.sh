#!/bin/bash
# Builds the Sleman/Merapi sample (data/sample/sleman) with the CLI under test and checks that
# every desa and hazard zone arrived (counted independently with GDAL's Python bindings), that
# it is not marked illustrative (all of it is real data), that its working CRS is UTM 49S, and
# that exposure finds the desa SpatiaLite finds inside KRB III.
set -euo pipefail
CLI=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$ROOT/data/sample/sleman
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
bash "$SRC/build.sh" "$CLI" "$TMP/sleman.sqlite" > "$TMP/build.log"
"$CLI" info "$TMP/sleman.sqlite" --json > "$TMP/info.json"
"$CLI" analyze exposure "$TMP/sleman.sqlite" --json > "$TMP/exposure.json"
spatialite -bail "$TMP/sleman.sqlite" "SELECT DISTINCT w.nama FROM wilayah AS w, zona_bahaya AS z \
    WHERE z.tingkat = 'tinggi' AND ST_Intersects(w.geom, z.geom) = 1" > "$TMP/krb3.txt"
/usr/bin/python3 - "$SRC" "$TMP/info.json" "$TMP/exposure.json" "$TMP/krb3.txt" <<'PY'
import json, sys, os
from osgeo import ogr
src, info, exposure = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
def count(name):
    ds = ogr.Open(os.path.join(src, name))  # kept alive while its layer is read
    return ds.GetLayer(0).GetFeatureCount()
expected = {"wilayah": count("desa_34.04_kab_sleman.geojson"),
            "zona_bahaya": count("Merapi_hazard_zone.shp")}
bad = 0
for theme, count in info["themes"].items():
    want = expected.get(theme, 0)
    bad += want != count
    print(f"{theme:22s} source {want:4d} project {count:4d} {'ok' if want == count else 'MISMATCH'}")
assert expected["wilayah"] == 86 and expected["zona_bahaya"] == 10, expected
assert info["illustrative"] is False, "the Sleman sample is real data"
assert info["working_crs"] == "EPSG:32749", info["working_crs"]
# Desa touching KRB III (tinggi): the analysis against SpatiaLite's own ST_Intersects.
ours = {v["village"] for v in exposure["by_village"]
        if v.get("hazard_type") == "letusan gunung api" and v.get("level") == "tinggi"
        and v.get("zones", 0) > 0}
theirs = {line.strip() for line in open(sys.argv[4]) if line.strip()}
print("KRB III desa:", sorted(ours), "SpatiaLite:", sorted(theirs))
assert ours == theirs and len(ours) >= 3, (ours, theirs)
sys.exit(1 if bad else 0)
PY
