#!/usr/bin/python3
"""Copy the real public inputs of the sample kecamatan into data/sample/real/.

One-off helper, kept so that data/sample/real/ can be re-made and checked.
It reads the shared real-data collection (see /work/shared/realdata/SOURCES.md,
sections 1 and 2) and writes GeoJSON (EPSG:4326, CRS84 axis order) with every
coordinate and attribute value unchanged:

* boundaries (cahyadsn/wilayah_boundaries, MIT): the features of the sample
  kecamatan and their desa/kelurahan are copied as they are; the whole
  kabupaten polygon is copied for context.
* OSM roads of Maumere (inasafe_data, ODbL): the ways that touch the sample
  area, whole (not cut at the boundary), with a subset of the ~80 tag columns.
* AIFDR tsunami scenario polygons (inasafe_data): the polygons that touch the
  sample area, whole, all columns. Invalid polygons are written as they are.

"Touch the sample area" means: intersects the union of the kecamatan and
desa polygons of the sample (GEOS test on a make_valid() copy; the written
geometry is the original one).

Usage: /usr/bin/python3 data/sample/extract_real.py [REALDATA_DIR]
Needs python3-gdal and python3-shapely (Debian packages).
"""
import json
import os
import sys

from osgeo import ogr
from shapely import wkb
from shapely.geometry import shape
from shapely.ops import unary_union
from shapely.validation import make_valid

HERE = os.path.dirname(os.path.abspath(__file__))
REAL_OUT = os.path.join(HERE, "real")
REALDATA = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/realdata"

KAB = "53.07"                                  # Kabupaten Sikka
KECAMATAN = ("53.07.05", "53.07.14", "53.07.15")  # Alok, Alok Barat, Alok Timur

BOUNDARY_DIR = os.path.join(REALDATA, "boundaries_kemendagri_cahyadsn", "maumere_sikka")
MAUMERE_DIR = os.path.join(REALDATA, "inasafe_data", "maumere_tsunami")

# OSM columns of roads_Maumere.dbf worth keeping (the others are building/landuse/
# amenity tags that are empty on road ways). Empty values are written as null.
ROAD_COLUMNS = ["osm_id", "name", "highway", "surface", "oneway", "bridge", "tunnel",
                "layer", "access", "foot", "bicycle", "motorcar", "ref", "service",
                "tracktype", "width", "junction", "aeroway", "waterway", "z_order"]

CRS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}


def write_fc(path, name, features, note):
    with open(path, "w", encoding="utf-8") as f:
        # One feature per line: readable diffs, no float reformatting
        # (json writes the shortest repr that round-trips each double).
        f.write('{"type":"FeatureCollection","name":%s,"crs":%s,"description":%s,"features":[\n'
                % (json.dumps(name), json.dumps(CRS84, separators=(",", ":")),
                   json.dumps(note, ensure_ascii=False)))
        for i, feat in enumerate(features):
            f.write(json.dumps(feat, ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if i + 1 < len(features) else "\n")
        f.write("]}\n")
    print("wrote %s (%d features, %d bytes)" % (os.path.relpath(path, HERE), len(features),
                                                 os.path.getsize(path)))


def ogr_geometry_to_geojson(geom):
    """GeoJSON geometry from an OGR geometry, coordinates as stored (no rounding,
    ring order and orientation as in the file)."""
    name = geom.GetGeometryName()
    if name == "LINESTRING":
        return {"type": "LineString", "coordinates": [list(p[:2]) for p in geom.GetPoints()]}
    if name == "POLYGON":
        rings = [geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())]
        return {"type": "Polygon",
                "coordinates": [[list(p[:2]) for p in r.GetPoints()] for r in rings]}
    raise ValueError("unexpected geometry " + name)


def main():
    os.makedirs(REAL_OUT, exist_ok=True)

    # --- boundaries -----------------------------------------------------------------
    with open(os.path.join(BOUNDARY_DIR, "kecamatan.geojson"), encoding="utf-8") as f:
        kec_src = json.load(f)
    with open(os.path.join(BOUNDARY_DIR, "desa_53.07_kab_sikka.geojson"), encoding="utf-8") as f:
        desa_src = json.load(f)
    with open(os.path.join(BOUNDARY_DIR, "kabupaten.geojson"), encoding="utf-8") as f:
        kab_src = json.load(f)

    kec = [ft for ft in kec_src["features"] if ft["properties"]["kode"] in KECAMATAN]
    desa = [ft for ft in desa_src["features"] if ft["properties"]["kode_kec"] in KECAMATAN]
    kab = [ft for ft in kab_src["features"] if ft["properties"]["kode"] == KAB]
    assert len(kec) == len(KECAMATAN) and kab, "sample kecamatan/kabupaten not found"

    write_fc(os.path.join(REAL_OUT, "kecamatan_alok_sikka.geojson"), "kecamatan_alok_sikka", kec,
             "cahyadsn/wilayah_boundaries @3c5a7960 (MIT): kecamatan 53.07.05 Alok, "
             "53.07.14 Alok Barat, 53.07.15 Alok Timur; features copied unchanged")
    write_fc(os.path.join(REAL_OUT, "desa_alok_sikka.geojson"), "desa_alok_sikka", desa,
             "cahyadsn/wilayah_boundaries @3c5a7960 (MIT): all desa/kelurahan of kecamatan "
             "Alok, Alok Barat, Alok Timur (Kab. Sikka); features copied unchanged")
    write_fc(os.path.join(REAL_OUT, "kabupaten_sikka.geojson"), "kabupaten_sikka", kab,
             "cahyadsn/wilayah_boundaries @3c5a7960 (MIT): Kabupaten Sikka 53.07 (context only); "
             "feature copied unchanged")

    area = unary_union([shape(ft["geometry"]) for ft in kec + desa])

    # --- OSM roads ---------------------------------------------------------------
    ds = ogr.Open(os.path.join(MAUMERE_DIR, "roads_Maumere.shp"))
    layer = ds.GetLayer()
    roads = []
    for ft in layer:
        g = ft.GetGeometryRef()
        if not wkb.loads(bytes(g.ExportToWkb())).intersects(area):
            continue
        props = {}
        for col in ROAD_COLUMNS:
            v = ft.GetField(col)
            props[col] = None if v in ("", None) else v
        roads.append({"type": "Feature", "properties": props,
                      "geometry": ogr_geometry_to_geojson(g)})
    write_fc(os.path.join(REAL_OUT, "roads_maumere_osm.geojson"), "roads_maumere_osm", roads,
             "inasafe/inasafe_data test/roads_Maumere @efe0a744, OpenStreetMap data "
             "(c) OpenStreetMap contributors, ODbL 1.0. Ways intersecting the sample area, "
             "uncut; %d of %d OSM columns kept" % (len(ROAD_COLUMNS), layer.GetLayerDefn().GetFieldCount()))

    # --- tsunami scenario polygons ------------------------------------------------
    ds = ogr.Open(os.path.join(MAUMERE_DIR, "tsunami_polygon_WGS84.shp"))
    layer = ds.GetLayer()
    defn = layer.GetLayerDefn()
    cols = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    tsunami = []
    n_invalid = 0
    for ft in layer:
        g = ft.GetGeometryRef()
        sg = wkb.loads(bytes(g.ExportToWkb()))
        if not make_valid(sg).intersects(area):
            continue
        n_invalid += 0 if sg.is_valid else 1
        props = {c: ft.GetField(c) for c in cols}
        tsunami.append({"type": "Feature", "properties": props,
                        "geometry": ogr_geometry_to_geojson(g)})
    write_fc(os.path.join(REAL_OUT, "tsunami_maumere_aifdr.geojson"), "tsunami_maumere_aifdr", tsunami,
             "inasafe/inasafe_data test/tsunami_polygon_WGS84 @efe0a744, AIFDR tsunami scenario "
             "contours (publishable: Yes). Polygons intersecting the sample area, uncut, "
             "attributes unchanged; %d of them are invalid (kept as they are)" % n_invalid)


if __name__ == "__main__":
    main()
