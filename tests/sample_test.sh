#!/bin/bash
# Builds the bundled sample project with the CLI under test and checks that every feature of
# data/sample/src arrived (counted independently with GDAL's Python bindings), that the
# project is marked illustrative and that its working CRS is UTM 51S.
set -euo pipefail
CLI=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
bash "$ROOT/data/sample/build.sh" "$CLI" "$TMP/sample.sqlite" > "$TMP/build.log"
"$CLI" info "$TMP/sample.sqlite" --json > "$TMP/info.json"
/usr/bin/python3 - "$ROOT/data/sample/src" "$TMP/info.json" <<'PY'
import json, sys, os
from osgeo import ogr
src, info = sys.argv[1], json.load(open(sys.argv[2]))
bad = 0
for theme, count in info["themes"].items():
    ds = ogr.Open(os.path.join(src, theme + ".geojson"))
    expected = ds.GetLayer(0).GetFeatureCount()
    status = "ok" if expected == count else "MISMATCH"
    bad += expected != count
    print(f"{theme:22s} source {expected:6d} project {count:6d} {status}")
assert info["illustrative"] is True, "sample must be marked illustrative"
assert info["working_crs"] == "EPSG:32751", info["working_crs"]
sys.exit(1 if bad else 0)
PY
