#!/usr/bin/python3
"""Build the import-ready theme files of the PetaDesa sample kecamatan.

Reads  data/sample/real/*.geojson   (real public data, see SOURCES.md)
Writes data/sample/src/<theme>.geojson, one file per PetaDesa theme.

Real data (values and coordinates unchanged, only renamed/mapped attributes):
  wilayah      geometry, kode, nama, tingkat, kode_induk from the Kemendagri boundaries
               (jumlah_penduduk / jumlah_kk are generated: sums of the generated permukiman)
  zona_bahaya  AIFDR tsunami scenario polygons of Maumere (invalid ones kept as they are)
  jalan        OpenStreetMap ways of Maumere (highway=* only)
Generated "data ilustrasi" (plausible, NOT real; placed with the real layers as a guide):
  permukiman, aset_desa, pusat_kemasyarakatan, bumdes_unit, potensi_ekonomi,
  titik_evakuasi, kerusakan

Deterministic: every random draw comes from random.Random seeded with a string made of
SEED and the theme/desa it is for, so the output is byte-identical on every run and a
change in one theme does not reshuffle the others. Run with the Debian python:
    /usr/bin/python3 data/sample/make_sample.py
Needs python3-gdal (osr, for the UTM 51S transform) and python3-shapely (1.8 or 2.x).
"""
import json
import math
import os
import random
import uuid

from osgeo import ogr, osr
from shapely import wkb
from shapely.geometry import LineString, Point, Polygon, shape
from shapely.ops import nearest_points, substring, transform, unary_union
from shapely.prepared import prep
from shapely.validation import make_valid

SEED = 20260426            # Hari Kesiapsiagaan Bencana 2026; any fixed number would do
HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "real")
OUT = os.path.join(HERE, "src")

KAB_KODE = "53.07"
WORK_EPSG = 32751          # WGS 84 / UTM 51S, the project's working CRS
COORD_DECIMALS = 7         # generated coordinates only (~1 cm); real ones are copied as is

# --- rules the generated layers must satisfy (checked in check_outputs) -----------------
SETTLEMENT_MAX_ROAD_M = 150     # permukiman within this distance of a road (mainland)
EVAC_MIN_HAZARD_M = 150         # titik_evakuasi at least this far from sedang/tinggi zones
EVAC_MIN_ANY_ZONE_M = 50        # ... and this far from any tsunami polygon (incl. rendah)
CAPACITY_SHARE = 0.8            # total evacuation capacity / exposed population
EVENT = "Simulasi gempa dan tsunami 2026"
EVENT_DATE = "2026-04-26"       # Hari Kesiapsiagaan Bencana (national drill day)

# aset_desa features carry a fixed "uuid" (the importer keeps a source uuid) and each
# kerusakan record names its asset in "aset_uuid" (the theme's link column). Set to False
# to leave both out; the damage points still sit exactly on their assets.
LINK_ASSETS = True
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "petadesa:data/sample/kecamatan_alok")

TSUNAMI_LEVEL = {"Low": "rendah", "Medium": "sedang", "High": "tinggi", "Very High": "tinggi"}
TSUNAMI_SOURCE = "InaSAFE/AIFDR skenario tsunami Maumere"
TSUNAMI_YEAR = 2016             # inasafe_data snapshot (2016-06-13); scenario date undocumented

# Kemendagri village-asset codes used (all present in realdata/asset_codes/kode_aset_desa.csv)
ASET = {
    # kategori: (kode_aset, name in the code list)
    "kantor desa": ("4.01.01.01.001", "BANGUNAN GEDUNG KANTOR PERMANEN"),
    "balai desa": ("4.01.01.08.001", "BANGUNAN GEDUNG PERTEMUAN PERMANEN"),
    "gedung serbaguna": ("4.01.01.08.999", "BANGUNAN GEDUNG TEMPAT PERTEMUAN LAINNYA"),
    "posyandu": ("4.01.01.06.001", "BANGUNAN POSYANDU"),
    "polindes": ("4.01.01.06.002", "BANGUNAN POLINDES (PONDOK BERSALIN DESA)"),
    "PAUD": ("4.01.01.09.001", "BANGUNAN GEDUNG PENDIDIKAN PERMANEN"),
    "pasar desa": ("4.01.01.11.002", "GEDUNG PERTOKOAN/KOPERASI/PASAR SEMI PERMANEN"),
    "TPI": ("4.01.01.19.001", "BANGUNAN TPI PERMANEN"),
    "lampu jalan": ("4.01.01.23.003", "BANGUNAN PENERANGAN JALAN"),
    "taman bermain": ("4.01.01.23.002", "BANGUNAN TEMPAT BERMAIN ANAK"),
    "jalan desa": ("5.01.01.01.001", "JALAN DESA"),
    "jembatan": ("5.01.02.01.001", "JEMBATAN PADA JALAN DESA"),
    "saluran irigasi": ("5.02.01.03.004", "SALURAN TERSIER (BANGUNAN PEMBAWA IRIGASI)"),
    "saluran drainase": ("5.02.07.03.001", "SALURAN PEMBUANG AIR BUANGAN AIR HUJAN"),
    "tambatan perahu": ("5.02.04.06.007", "BANGUNAN DERMAGA"),
    "hidran umum": ("5.02.06.05.006", "BANGUNAN HIDRAN UMUM"),
    "MCK": ("5.02.06.05.007", "BANGUNAN MANDI CUCI KAKUS (MCK)"),
    "bak penampung air": ("5.02.06.05.008", "BANGUNAN MENARA/BAK PENAMPUNG/RESERVOIR AIR MINUM"),
    "sumur": ("5.03.01.05.004", "SUMUR GALI (SGL)"),
    "tempat sampah": ("5.03.03.03.002", "BANGUNAN TEMPAT MENAMPUNG SAMPAH LINGKUNGAN"),
    "PLTS": ("5.03.05.09.999", "INSTALASI PEMBANGKIT LISTRIK TENAGA SURYA (PLTS) LAIINNYA"),
    "perahu motor": ("3.02.03.03.021", "PERAHU MOTOR TEMPEL"),
    "lapangan": ("2.01.13.01.005", "TANAH LAPANGAN SEPAK BOLA"),
    # Group-level code (sub_kelompok 00): the list has no leaf code for tanah kas desa
    # outside Java (its leaves are bengkok, bondo, pecatu ...).
    "tanah kas desa": ("2.01.01.00.000", "TANAH KAS DESA"),
}

# kategori: (label in nama, nilai_rp range, tahun range) -- value per unit, per m (lines)
# or per m2 (land)
ASET_PROFILE = {
    "kantor desa": ("Kantor Desa", (350e6, 1100e6), (2008, 2022)),
    "balai desa": ("Balai", (250e6, 900e6), (2005, 2022)),
    "gedung serbaguna": ("Gedung Serbaguna", (300e6, 1200e6), (2010, 2023)),
    "posyandu": ("Posyandu", (70e6, 250e6), (2008, 2024)),
    "polindes": ("Polindes", (150e6, 380e6), (2009, 2021)),
    "PAUD": ("Gedung PAUD", (120e6, 400e6), (2012, 2024)),
    "pasar desa": ("Pasar", (200e6, 750e6), (2010, 2023)),
    "TPI": ("Tempat Pelelangan Ikan", (300e6, 950e6), (2008, 2020)),
    "lampu jalan": ("Lampu Jalan", (3.5e6, 14e6), (2015, 2025)),
    "taman bermain": ("Taman Bermain Anak", (25e6, 90e6), (2017, 2025)),
    "jalan desa": ("Jalan Rabat Beton", (0.9e6, 1.6e6), (2015, 2025)),
    "jembatan": ("Jembatan", (90e6, 550e6), (2006, 2022)),
    "saluran irigasi": ("Saluran Irigasi", (0.15e6, 0.45e6), (2012, 2024)),
    "saluran drainase": ("Saluran Drainase", (0.4e6, 0.9e6), (2015, 2025)),
    "tambatan perahu": ("Tambatan Perahu", (150e6, 650e6), (2010, 2023)),
    "hidran umum": ("Hidran Umum", (12e6, 45e6), (2012, 2025)),
    "MCK": ("MCK Umum", (40e6, 130e6), (2010, 2025)),
    "bak penampung air": ("Bak Penampung Air", (45e6, 220e6), (2009, 2024)),
    "sumur": ("Sumur Gali", (7e6, 32e6), (2003, 2025)),
    "tempat sampah": ("Tempat Sampah", (8e6, 40e6), (2016, 2025)),
    "PLTS": ("PLTS Komunal", (120e6, 450e6), (2016, 2023)),
    "perahu motor": ("Perahu Motor", (25e6, 85e6), (2015, 2024)),
    "lapangan": ("Lapangan", (60e3, 250e3), (1995, 2015)),
    "tanah kas desa": ("Tanah Kas Desa", (40e3, 180e3), (1990, 2012)),
}

FLOWERS = ["Mawar", "Melati", "Anggrek", "Kenanga", "Cempaka", "Dahlia", "Flamboyan",
           "Teratai", "Bougenville", "Kamboja", "Tulip", "Seroja", "Asoka", "Sakura"]
# Sikka-flavoured morphemes for dusun names of the desa (kelurahan use RW numbers)
DUSUN_A = ["Wolo", "Wair", "Natar", "Watu", "Nanga", "Ili", "Kloang", "Habi", "Lepo"]
DUSUN_B = ["gete", "lau", "koli", "mude", "bura", "doi", "wutun", "rotat", "blitan", "tawa"]
MUSLIM_MAJORITY = {"Wuring", "Beru", "Kota Baru", "Pemana", "Gunung Sari", "Samparong"}
SAINTS = ["St. Yosef", "St. Maria", "St. Petrus", "St. Paulus", "St. Fransiskus", "St. Mikael",
          "St. Yohanes", "St. Antonius", "Kristus Raja", "Sta. Theresia"]
MASJID = ["Al-Ikhlas", "Nurul Huda", "Al-Muhajirin", "Baitul Rahman", "Nurul Iman", "At-Taqwa"]
GROUPS = ["Sinar Sikka", "Bunga Tanjung", "Harapan Baru", "Lepo Gete", "Mekar Sari", "Tunas Muda",
          "Maju Bersama", "Bintang Laut", "Karya Ibu", "Sehati"]


# =======================================================================================
# geometry helpers
# =======================================================================================
def _srs(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


_TO_UTM = osr.CoordinateTransformation(_srs(4326), _srs(WORK_EPSG))
_TO_WGS = osr.CoordinateTransformation(_srs(WORK_EPSG), _srs(4326))


def _ogr_transform(g, ct):
    o = ogr.CreateGeometryFromWkb(g.wkb)
    o.Transform(ct)
    return wkb.loads(bytes(o.ExportToWkb()))


def utm(g):
    return _ogr_transform(g, _TO_UTM)


def wgs(g):
    """UTM -> WGS 84 and round to COORD_DECIMALS (generated geometries only)."""
    g = _ogr_transform(g, _TO_WGS)
    return transform(lambda x, y, z=None: (round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)), g)


def geojson_geom(g):
    if g.geom_type == "Point":
        return {"type": "Point", "coordinates": [g.x, g.y]}
    if g.geom_type == "LineString":
        return {"type": "LineString", "coordinates": [list(c) for c in g.coords]}
    if g.geom_type == "Polygon":
        return {"type": "Polygon",
                "coordinates": [[list(c) for c in r.coords] for r in [g.exterior] + list(g.interiors)]}
    raise ValueError(g.geom_type)


def longest_line(g):
    if g.geom_type == "LineString":
        return g
    parts = [p for p in getattr(g, "geoms", []) if p.geom_type == "LineString"]
    return max(parts, key=lambda p: p.length) if parts else None


def rng_for(*keys):
    return random.Random("petadesa-sample|%d|%s" % (SEED, "|".join(str(k) for k in keys)))


def rupiah(x, step=1000):
    return int(round(x / step) * step)


# =======================================================================================
# real inputs
# =======================================================================================
def load_fc(name):
    with open(os.path.join(REAL, name), encoding="utf-8") as f:
        return json.load(f)["features"]


class Desa:
    """One desa/kelurahan with everything generated for it."""

    def __init__(self, feat):
        p = feat["properties"]
        self.kode, self.nama, self.kode_kec = p["kode"], p["nama"], p["kode_kec"]
        self.kelurahan = p["jenis"] == "Kelurahan"
        self.feature = feat
        self.geom = utm(shape(feat["geometry"]))
        self.inner = self.geom.buffer(-12)          # keep generated things off the boundary
        self.inner_prep = prep(self.inner)
        self.points = []                            # occupied point locations (UTM)
        self.polys = []                             # occupied polygons (UTM)
        self.settlements = []
        self.island = False
        self.coastal = False
        self.tingkat = "kelurahan" if self.kelurahan else "desa"
        self.label = ("Kelurahan " if self.kelurahan else "Desa ") + self.nama

    # -- placement helpers --------------------------------------------------------------
    def free(self, p, sep=15.0):
        if not self.inner_prep.contains(p):
            return False
        if any(p.distance(q) < sep for q in self.points):
            return False
        return not any(poly.buffer(5).contains(p) for poly in self.polys)

    def poly_free(self, poly, sep=25.0):
        if not self.inner.contains(poly):
            return False
        if any(poly.distance(q) < sep for q in self.points):
            return False
        return not any(poly.distance(o) < 10 for o in self.polys)


class World:
    def __init__(self):
        self.kec = load_fc("kecamatan_alok_sikka.geojson")
        self.desa = [Desa(f) for f in sorted(load_fc("desa_alok_sikka.geojson"),
                                             key=lambda f: f["properties"]["kode"])]
        self.roads_raw = load_fc("roads_maumere_osm.geojson")
        self.tsunami_raw = load_fc("tsunami_maumere_aifdr.geojson")

        self.roads = [f for f in self.roads_raw if f["properties"]["highway"]]
        self.roads_utm = [utm(shape(f["geometry"])) for f in self.roads]
        self.road_union = unary_union(self.roads_utm)
        self.road_prep = {}
        waterways = [utm(shape(f["geometry"])) for f in self.roads_raw if f["properties"]["waterway"]]
        self.waterway_crossings = []
        for w in waterways:
            for r in self.roads_utm:
                x = w.intersection(r)
                for pt in getattr(x, "geoms", [x]):
                    if not pt.is_empty and pt.geom_type == "Point":
                        self.waterway_crossings.append(pt)

        zones = {"all": [], "mhv": []}
        self.zone_by_level = {}
        for f in self.tsunami_raw:
            g = utm(make_valid(shape(f["geometry"])))
            cat = f["properties"]["Category"]
            zones["all"].append(g)
            if cat != "Low":
                zones["mhv"].append(g)
            self.zone_by_level.setdefault(cat, []).append(g)
        self.zone_all = unary_union(zones["all"])
        self.zone_mhv = unary_union(zones["mhv"])
        self.zone_level = {c: unary_union(gs) for c, gs in self.zone_by_level.items()}
        self.zone_all_prep = prep(self.zone_all)
        self.zone_level_prep = {c: prep(g) for c, g in self.zone_level.items()}

        for d in self.desa:
            d.island = d.geom.intersection(self.road_union).length < 1.0
            d.coastal = d.island or d.geom.distance(self.zone_all) < 300

    def road_near(self, d, dist):
        key = (d.kode, dist)
        if key not in self.road_prep:
            region = d.inner.intersection(self.road_union.buffer(dist))
            self.road_prep[key] = (region, prep(region))
        return self.road_prep[key]

    def hazard_class(self, p):
        for c in ("Very High", "High", "Medium", "Low"):
            if c in self.zone_level_prep and self.zone_level_prep[c].contains(p):
                return c
        return None


def sample_in(region, rng, n, spacing, accept=None, taken=(), max_tries=30000):
    """Up to n random points of region, at least spacing apart (spacing shrinks if needed)."""
    if region.is_empty:
        return []
    rp = prep(region)
    minx, miny, maxx, maxy = region.bounds
    pts = []
    tries = 0
    while len(pts) < n and tries < max_tries:
        tries += 1
        if tries % 4000 == 0:
            spacing *= 0.8
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if not rp.contains(p):
            continue
        if accept and not accept(p):
            continue
        if any(p.distance(q) < spacing for q in pts) or any(p.distance(q) < spacing for q in taken):
            continue
        pts.append(p)
    return pts


def blob(center, area_m2, rng, nverts=10, irregular=0.25):
    r = math.sqrt(area_m2 / math.pi)
    a0 = rng.uniform(0, 2 * math.pi)
    stretch = rng.uniform(0.7, 1.0)
    pts = []
    for i in range(nverts):
        a = a0 + 2 * math.pi * i / nverts
        rr = r * rng.uniform(1 - irregular, 1 + irregular)
        x, y = rr * math.cos(a), rr * math.sin(a) * stretch
        rot = a0
        pts.append((center.x + x * math.cos(rot) - y * math.sin(rot),
                    center.y + x * math.sin(rot) + y * math.cos(rot)))
    return Polygon(pts).buffer(0)


def rectangle(center, w, h, angle):
    c, s = math.cos(angle), math.sin(angle)
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return Polygon([(center.x + x * c - y * s, center.y + x * s + y * c) for x, y in pts])


def road_angle(world, p):
    """Direction of the road nearest to p (radians)."""
    best = min(world.roads_utm, key=lambda r: r.distance(p))
    d = best.project(p)
    a = best.interpolate(max(0.0, d - 10))
    b = best.interpolate(min(best.length, d + 10))
    return math.atan2(b.y - a.y, b.x - a.x)


# =======================================================================================
# generated themes
# =======================================================================================
def gen_permukiman(world, d):
    rng = rng_for("permukiman", d.kode)
    if d.kelurahan:
        # at most ~45 RT per km2 (dense old town), at least 10
        n = min(rng.randint(16, 25), max(10, int(d.geom.area / 1e6 * 45)))
        pop_range = (110, 400, 250)
    elif d.island:
        n, pop_range = rng.randint(10, 15), (40, 320, 150)
    else:
        n, pop_range = rng.randint(10, 16), (35, 300, 130)

    if d.island:
        region = d.geom.buffer(-25).difference(d.geom.buffer(-350))
        if region.area < 0.2 * d.geom.area * 0.1:
            region = d.geom.buffer(-15)
        accept = None
    else:
        region, _ = world.road_near(d, SETTLEMENT_MAX_ROAD_M - 10)
        # the coastal strip (inside the tsunami polygons) is the densest part of Maumere
        accept = lambda p: rng.random() < (1.0 if world.zone_all_prep.contains(p) else 0.4)
    spacing = max(45.0, min(250.0, 0.6 * math.sqrt(region.area / n)))
    pts = sample_in(region, rng, n, spacing, accept)
    # RT numbers run from west to east, RW/dusun groups of 3-6 neighbouring RT
    pts.sort(key=lambda p: (round(p.x, 3), p.y))
    left, gi = 0, 0
    if d.kelurahan:
        dusun_names = ["RW %02d" % (i + 1) for i in range(10)]
    else:
        names = []
        while len(names) < 8:
            nm = rng.choice(DUSUN_A) + rng.choice(DUSUN_B)
            if nm not in names:
                names.append(nm)
        dusun_names = ["Dusun " + nm for nm in names]
    out = []
    for i, p in enumerate(pts):
        if left == 0:
            left = rng.randint(3, 6)
            gi += 1
        left -= 1
        lo, hi, mode = pop_range
        pop = int(round(rng.triangular(lo, hi, mode)))
        kk = max(8, int(round(pop / rng.uniform(3.9, 4.9))))
        out.append({"geom": p, "nama": "RT %02d %s" % (i + 1, d.nama), "rt": "RT %02d" % (i + 1),
                    "dusun": dusun_names[gi - 1], "jumlah_penduduk": pop, "jumlah_kk": kk})
    d.settlements = out
    d.points.extend(s["geom"] for s in out)
    return [("Point", s["geom"], {"nama": s["nama"], "dusun": s["dusun"],
                                  "jumlah_penduduk": s["jumlah_penduduk"], "jumlah_kk": s["jumlah_kk"],
                                  "kode_desa": d.kode}) for s in out]


def near_settlement(world, d, rng, dmin=30, dmax=140, road_max=110, sep=20, prefer_safe=False,
                    tries=400):
    """A free point near a random settlement (and near a road on the mainland)."""
    _, road_prep = world.road_near(d, road_max) if not d.island else (None, None)
    for _ in range(tries):
        s = rng.choice(d.settlements)["geom"]
        a = rng.uniform(0, 2 * math.pi)
        r = rng.uniform(dmin, dmax)
        p = Point(s.x + r * math.cos(a), s.y + r * math.sin(a))
        if road_prep is not None and not road_prep.contains(p):
            continue
        if prefer_safe and world.zone_all_prep.contains(p) and rng.random() < 0.7:
            continue
        if d.free(p, sep):
            return p
    return None


def nearest_rt(d, p):
    return min(d.settlements, key=lambda s: s["geom"].distance(p))["rt"]


def pick_year(rng, yrange):
    lo, hi = yrange
    return int(round(rng.triangular(lo, hi, hi)))


def gen_pusat(world, d, kec_puskesmas):
    """3-6 community centres; returns features and the list of centres for aset_desa."""
    rng = rng_for("pusat", d.kode)
    feats, centres = [], []

    def add(jenis, nama, geom, kapasitas, fasilitas):
        props = {"jenis": jenis, "nama": nama, "kapasitas": kapasitas,
                 "fasilitas": fasilitas, "kode_desa": d.kode}
        feats.append((geom.geom_type, geom, props))
        centres.append((jenis, nama, geom))

    # balai desa: closest free spot to the middle of the settlements, outside hazard if possible
    cx = sum(s["geom"].x for s in d.settlements) / len(d.settlements)
    cy = sum(s["geom"].y for s in d.settlements) / len(d.settlements)
    best = None
    for _ in range(300):
        p = near_settlement(world, d, rng, 20, 120, prefer_safe=True, tries=5)
        if p is None:
            continue
        score = p.distance(Point(cx, cy)) + (400 if world.zone_all_prep.contains(p) else 0)
        if best is None or score < best[0]:
            best = (score, p)
    p = best[1] if best else d.settlements[0]["geom"]
    d.points.append(p)
    add("balai desa", ("Balai Kelurahan " if d.kelurahan else "Balai Desa ") + d.nama, p,
        rng.choice([100, 120, 150, 200, 250]), "aula, toilet, listrik, air bersih, pengeras suara")

    options = ["posyandu", "sekolah", "rumah ibadah", "lapangan"]
    options += ["gedung serbaguna"] if d.kelurahan else ["polindes"]
    if d.kode in kec_puskesmas:
        options.insert(0, "puskesmas")
    k = rng.randint(2, 5)
    chosen = options[:1] if d.kode in kec_puskesmas else []
    rest = [o for o in options if o not in chosen]
    rng.shuffle(rest)
    chosen += rest[:k - len(chosen)]
    if "posyandu" not in chosen and rng.random() < 0.6:
        chosen.append("posyandu")
    flowers = FLOWERS[:]
    rng.shuffle(flowers)
    for jenis in chosen:
        if jenis == "lapangan":
            for _ in range(300):
                p = near_settlement(world, d, rng, 60, 220, road_max=90, sep=40, tries=3)
                if p is None:
                    continue
                ang = road_angle(world, p) if not d.island else rng.uniform(0, math.pi)
                poly = rectangle(p, rng.uniform(75, 100), rng.uniform(45, 65), ang)
                if d.poly_free(poly):
                    d.polys.append(poly)
                    add("lapangan", "Lapangan " + d.nama, poly, rng.choice([500, 800, 1000, 1500]),
                        "lapangan sepak bola, tiang bendera")
                    break
            continue
        p = near_settlement(world, d, rng)
        if p is None:
            continue
        d.points.append(p)
        if jenis == "posyandu":
            add(jenis, "Posyandu " + flowers.pop(), p, rng.choice([30, 40, 50, 60]),
                "timbangan, meja pelayanan, air bersih")
        elif jenis == "sekolah":
            nm = rng.choice(["SD Inpres ", "SDK ", "SD Negeri "]) + d.nama
            add(jenis, nm, p, rng.randrange(150, 520, 10), "ruang kelas, toilet, lapangan kecil, air bersih")
        elif jenis == "rumah ibadah":
            if d.nama in MUSLIM_MAJORITY:
                nm = "Masjid " + rng.choice(MASJID)
            else:
                nm = rng.choice(["Gereja ", "Kapela "]) + rng.choice(SAINTS)
            add(jenis, nm, p, rng.randrange(150, 800, 50), "aula, toilet, listrik, air bersih")
        elif jenis == "gedung serbaguna":
            add(jenis, "Gedung Serbaguna " + d.nama, p, rng.randrange(150, 450, 50),
                "aula, dapur, toilet, listrik, air bersih")
        elif jenis == "polindes":
            add(jenis, "Polindes " + d.nama, p, rng.choice([10, 15, 20]),
                "ruang periksa, ruang bersalin, air bersih, listrik")
        elif jenis == "puskesmas":
            add(jenis, "Puskesmas " + d.nama, p, rng.choice([60, 80, 100, 120]),
                "rawat jalan, rawat inap, apotek, ambulans, listrik, air bersih")
    return feats, centres


def aset_props(d, rng, kategori, nama, year=None, units=1.0):
    kode, _ = ASET[kategori]
    _, (vlo, vhi), yrange = ASET_PROFILE[kategori]
    year = year or pick_year(rng, yrange)
    age = 2026 - year
    r = rng.random()
    if age <= 6:
        kondisi = "baik" if r < 0.85 else ("rusak ringan" if r < 0.97 else "rusak berat")
    elif age <= 12:
        kondisi = "baik" if r < 0.6 else ("rusak ringan" if r < 0.88 else "rusak berat")
    else:
        kondisi = "baik" if r < 0.4 else ("rusak ringan" if r < 0.75 else "rusak berat")
    if d.kelurahan:
        # a kelurahan is part of the kabupaten administration: no Dana Desa, no APB Desa
        choices = [("apbd kabupaten", 0.7), ("hibah", 0.15), ("swadaya", 0.15)]
    else:
        choices = [("alokasi dana desa", 0.3), ("apb desa", 0.2), ("hibah", 0.15), ("swadaya", 0.15)]
        if year >= 2015:
            choices.insert(0, ("dana desa", 1.0))
    if kategori in ("lapangan", "tanah kas desa"):
        choices = [("swadaya", 0.5), ("hibah", 0.5)] if year < 2015 or d.kelurahan else choices
    if kategori in ("PLTS", "perahu motor"):
        choices = [("apbn", 0.5), ("apbd provinsi", 0.2), ("hibah", 0.3)]
    tot = sum(w for _, w in choices)
    x = rng.uniform(0, tot)
    for sumber, w in choices:
        x -= w
        if x <= 0:
            break
    step = 1000 if vhi < 1e6 else 50000
    return {"kode_aset": kode, "kategori": kategori, "nama": nama, "kondisi": kondisi,
            "tahun_perolehan": year, "nilai_rp": rupiah(rng.uniform(vlo, vhi) * units, step),
            "sumber_dana": sumber, "kode_desa": d.kode}


def gen_aset(world, d, centres):
    rng = rng_for("aset", d.kode)
    feats = []
    label = lambda k: ASET_PROFILE[k][0]

    # assets that are buildings/land of the community centres (same geometry)
    jenis_to_kat = {"balai desa": "balai desa", "posyandu": "posyandu", "polindes": "polindes",
                    "gedung serbaguna": "gedung serbaguna", "lapangan": "lapangan"}
    for jenis, nama, geom in centres:
        kat = jenis_to_kat.get(jenis)
        if kat is None:
            continue
        units = geom.area if kat == "lapangan" else 1.0
        feats.append((geom.geom_type, geom, aset_props(d, rng, kat, nama, units=units)))
        if kat == "balai desa" and not d.kelurahan:
            p = Point(geom.x + rng.uniform(-35, 35), geom.y + rng.uniform(-35, 35))
            if d.free(p, 10):
                d.points.append(p)
                feats.append(("Point", p, aset_props(d, rng, "kantor desa", "Kantor Desa " + d.nama)))

    # lines: jalan desa on real OSM ways (mainland) or between settlements (islands)
    if not d.island:
        ways = []
        for f, g in zip(world.roads, world.roads_utm):
            if f["properties"]["highway"] in ("residential", "road", "service", "unclassified",
                                              "living_street", "track"):
                part = longest_line(g.intersection(d.inner))
                if part is not None and part.length >= 150:
                    ways.append((f, part))
        rng.shuffle(ways)
        for f, part in ways[:rng.randint(1, 2)]:
            L = min(part.length, rng.uniform(150, 600))
            s0 = rng.uniform(0, part.length - L)
            seg_utm = substring(part, s0, s0 + L)
            props = aset_props(d, rng, "jalan desa", "%s %s" % (label("jalan desa"), nearest_rt(d, seg_utm.centroid)),
                               units=seg_utm.length)
            feats.append(("LineString", seg_utm, props))
        if d.kelurahan and rng.random() < 0.8:
            ways2 = [(f, g) for f, g in zip(world.roads, world.roads_utm)
                     if longest_line(g.intersection(d.inner)) is not None
                     and longest_line(g.intersection(d.inner)).length > 120]
            if ways2:
                f, g = rng.choice(ways2)
                part = longest_line(g.intersection(d.inner))
                L = min(part.length, rng.uniform(120, 400))
                s0 = rng.uniform(0, part.length - L)
                off = longest_line(substring(part, s0, s0 + L).parallel_offset(5, rng.choice(["left", "right"])))
                if off is not None and d.inner.contains(off):
                    feats.append(("LineString", off, aset_props(
                        d, rng, "saluran drainase", "%s %s" % (label("saluran drainase"), nearest_rt(d, off.centroid)),
                        units=off.length)))
    elif len(d.settlements) >= 3:
        s0 = rng.choice(d.settlements)["geom"]
        chain = sorted(d.settlements, key=lambda s: s["geom"].distance(s0))[:rng.randint(3, 5)]
        line = LineString([s["geom"] for s in chain])
        if d.inner.contains(line) and line.length > 100:
            feats.append(("LineString", line, aset_props(d, rng, "jalan desa", "Jalan Setapak Rabat Beton "
                                                         + chain[0]["rt"], units=line.length)))

    # irrigation channel in the farmed inland part of the rural desa and large kelurahan
    if not d.island and (not d.kelurahan or d.geom.area > 4e6):
        farm = d.inner.difference(world.zone_all.buffer(200))
        for _ in range(60):
            start = sample_in(farm, rng, 1, 0)
            if not start:
                break
            pts = [start[0]]
            head = rng.uniform(0, 2 * math.pi)
            for _ in range(rng.randint(10, 22)):
                head += rng.uniform(-0.35, 0.35)
                q = Point(pts[-1].x + 40 * math.cos(head), pts[-1].y + 40 * math.sin(head))
                if not farm.contains(q):
                    break
                pts.append(q)
            if len(pts) >= 8:
                line = LineString(pts)
                if line.is_simple:
                    feats.append(("LineString", line, aset_props(
                        d, rng, "saluran irigasi", "%s %s" % (label("saluran irigasi"),
                                                           rng.choice(["Wair Bubuk", "Wair Nokerua", "Wair Klau",
                                                                       "Wair Puan", "Wair Hek"])),
                        units=line.length)))
                    break

    # land: tanah kas desa (desa only)
    if not d.kelurahan:
        for _ in range(rng.randint(1, 2)):
            for _try in range(400):
                c = near_settlement(world, d, rng, 150, 600, road_max=250, sep=60, tries=3)
                if c is None:
                    continue
                poly = rectangle(c, rng.uniform(60, 150), rng.uniform(45, 110), rng.uniform(0, math.pi))
                if d.poly_free(poly, 40):
                    d.polys.append(poly)
                    feats.append(("Polygon", poly, aset_props(d, rng, "tanah kas desa", "Tanah Kas Desa " + d.nama,
                                                              units=poly.area)))
                    break

    # bridges at the real river/canal crossings of roads in this desa
    for pt in world.waterway_crossings:
        if d.inner_prep.contains(pt) and all(pt.distance(q) > 5 for q in d.points):
            d.points.append(pt)
            feats.append(("Point", pt, aset_props(d, rng, "jembatan", "Jembatan " + nearest_rt(d, pt))))

    # street lights on the roads
    if not d.island:
        region, rp = world.road_near(d, 6)
        for p in sample_in(region, rng, rng.randint(3, 8), 120):
            d.points.append(p)
            nm = "%s %s" % (label("lampu jalan"), nearest_rt(d, p))
            feats.append(("Point", p, aset_props(d, rng, "lampu jalan", nm)))

    # coast: boat mooring, fish auction, boats
    if d.coastal and (d.island or d.nama in ("Wuring", "Beru", "Kota Baru", "Kota Uneng", "Waioti", "Wolomarang")):
        coast = d.geom.boundary
        for _ in range(200):
            s = rng.choice(d.settlements)["geom"]
            q = nearest_points(coast, s)[0]
            if d.island or world.zone_all.distance(q) < 60:
                # step 12 m inland from the coastline point
                vx, vy = s.x - q.x, s.y - q.y
                n = math.hypot(vx, vy) or 1
                p = Point(q.x + 18 * vx / n, q.y + 18 * vy / n)
                if d.free(p, 30):
                    d.points.append(p)
                    nm = "Tambatan Perahu " + nearest_rt(d, p)
                    feats.append(("Point", p, aset_props(d, rng, "tambatan perahu", nm)))
                    if d.island:
                        p2 = Point(p.x + 8, p.y + 8)
                        if d.inner_prep.contains(p2):
                            feats.append(("Point", p2, aset_props(d, rng, "perahu motor", "Perahu Motor Desa "
                                                                  + d.nama)))
                    if d.nama in ("Wuring", "Beru"):
                        p3 = near_settlement(world, d, rng, 20, 80)
                        if p3 is not None:
                            d.points.append(p3)
                            feats.append(("Point", p3, aset_props(d, rng, "TPI", "TPI " + d.nama)))
                    break

    # the rest: small water, sanitation and village infrastructure points
    if d.island:
        weights = {"sumur": 9, "MCK": 6, "bak penampung air": 4, "tempat sampah": 2, "PLTS": 1,
                   "PAUD": 1, "posyandu": 0, "pasar desa": 1}
    elif d.kelurahan:
        weights = {"sumur": 4, "MCK": 5, "hidran umum": 4, "tempat sampah": 5, "bak penampung air": 2,
                   "taman bermain": 1, "PAUD": 1, "pasar desa": 1}
    else:
        weights = {"sumur": 9, "MCK": 5, "hidran umum": 2, "bak penampung air": 4, "tempat sampah": 2,
                   "PAUD": 1, "pasar desa": 1}
    target = rng.randint(30, 42) if d.kelurahan else rng.randint(40, 58)
    once = {"PLTS", "PAUD", "pasar desa", "taman bermain"}
    used = set()
    kinds = sorted(weights)
    wsum = sum(weights.values())
    guard = 0
    while len(feats) < target and guard < 500:
        guard += 1
        x = rng.uniform(0, wsum)
        for kat in kinds:
            x -= weights[kat]
            if x <= 0:
                break
        if kat in once and kat in used:
            continue
        p = near_settlement(world, d, rng, 15, 120)
        if p is None:
            continue
        used.add(kat)
        d.points.append(p)
        nm = "%s %s" % (label(kat), nearest_rt(d, p))
        if kat == "PLTS":
            nm = "PLTS Komunal " + d.nama
        elif kat == "pasar desa":
            nm = "Pasar " + ("Kelurahan " if d.kelurahan else "Desa ") + d.nama
        elif kat == "PAUD":
            nm = "Gedung PAUD " + rng.choice(FLOWERS)
        feats.append(("Point", p, aset_props(d, rng, kat, nm)))
    return feats


BUMDES_UNITS = {
    "island": [("Unit Perikanan Tangkap", "perdagangan", "perikanan"),
               ("Unit Budidaya Rumput Laut", "usaha bersama", "perikanan"),
               ("Unit Penyewaan Perahu Wisata", "penyewaan", "pariwisata"),
               ("Unit Air Bersih", "pelayanan umum", "perdagangan/jasa"),
               ("Unit Simpan Pinjam", "keuangan", "perdagangan/jasa"),
               ("Unit Toko Sembako", "perdagangan", "perdagangan/jasa")],
    "rural": [("Unit Pemasaran Hasil Bumi", "perantara", "perkebunan"),
              ("Unit Ternak Babi", "usaha bersama", "peternakan"),
              ("Unit Tenun Ikat", "perdagangan", "kerajinan"),
              ("Unit Penyewaan Alat Pesta", "penyewaan", "perdagangan/jasa"),
              ("Unit Simpan Pinjam", "keuangan", "perdagangan/jasa"),
              ("Unit Air Bersih", "pelayanan umum", "perdagangan/jasa"),
              ("Unit Penggilingan Jagung", "pelayanan umum", "pertanian")],
}


def gen_bumdes(world, d):
    """BUM Desa exist in desa only (a kelurahan has no village-owned enterprise)."""
    if d.kelurahan:
        return []
    rng = rng_for("bumdes", d.kode)
    units = BUMDES_UNITS["island" if d.island else "rural"][:]
    rng.shuffle(units)
    founded = rng.randint(2016, 2021)
    feats = []
    for nama_unit, jenis, sektor in units[:rng.randint(1, 3)]:
        p = near_settlement(world, d, rng, 20, 150)
        if p is None:
            continue
        d.points.append(p)
        aktif = rng.random() < 0.8
        modal = rupiah(rng.uniform(25e6, 250e6), 500000)
        omzet = rupiah(modal * rng.uniform(0.4, 2.2), 500000) if aktif else rupiah(modal * rng.uniform(0, 0.2), 500000)
        feats.append(("Point", p, {"nama_bumdes": "BUM Desa " + d.nama, "nama_unit": nama_unit,
                                   "jenis_usaha": jenis, "sektor": sektor,
                                   "status": "aktif" if aktif else "tidak aktif",
                                   "modal_rp": modal, "omzet_rp": omzet,
                                   "tenaga_kerja": rng.randint(2, 10) if aktif else rng.randint(0, 2),
                                   "tahun_berdiri": rng.randint(founded, 2024), "kode_desa": d.kode}))
    return feats


# commodity: (kategori, satuan, yield per ha (polygons) or production range (points), price Rp/unit)
KOMODITAS = {
    "jagung": ("pertanian", "ton/tahun", (1.8, 3.5), 4.5e6),
    "padi": ("pertanian", "ton/tahun", (2.0, 3.8), 6.0e6),
    "kelapa": ("perkebunan", "ton kopra/tahun", (0.6, 1.2), 9.5e6),
    "kakao": ("perkebunan", "ton/tahun", (0.3, 0.7), 32e6),
    "jambu mete": ("perkebunan", "ton/tahun", (0.3, 0.6), 15e6),
    "kemiri": ("perkebunan", "ton/tahun", (0.4, 0.9), 22e6),
    "ikan": ("perikanan", "ton/tahun", (20, 260), 25e6),
    "rumput laut": ("perikanan", "ton kering/tahun", (5, 45), 10e6),
    "tenun ikat": ("kerajinan", "lembar/tahun", (60, 600), 1.2e6),
    "anyaman lontar": ("kerajinan", "buah/tahun", (200, 1500), 60e3),
    "wisata pantai": ("pariwisata", "pengunjung/tahun", (800, 9000), 30e3),
    "wisata bahari": ("pariwisata", "pengunjung/tahun", (300, 3000), 150e3),
    "babi": ("peternakan", "ekor", (40, 350), 3.0e6),
    "kambing": ("peternakan", "ekor", (30, 200), 2.0e6),
    "ayam kampung": ("peternakan", "ekor", (200, 1500), 80e3),
    "toko dan kios": ("perdagangan/jasa", "unit usaha", (8, 60), 90e6),
    "kuliner": ("perdagangan/jasa", "unit usaha", (5, 40), 70e6),
    "bengkel dan jasa": ("perdagangan/jasa", "unit usaha", (3, 20), 80e6),
}
POINT_NAMES = {
    "ikan": "Pendaratan Ikan", "rumput laut": "Budidaya Rumput Laut", "tenun ikat": "Kelompok Tenun Ikat",
    "anyaman lontar": "Kelompok Anyaman", "wisata pantai": "Wisata Pantai", "wisata bahari": "Wisata Snorkeling",
    "babi": "Kelompok Ternak Babi", "kambing": "Kelompok Ternak Kambing", "ayam kampung": "Peternakan Ayam",
    "toko dan kios": "Sentra Toko dan Kios", "kuliner": "Sentra Kuliner", "bengkel dan jasa": "Sentra Bengkel",
}
POLY_NAMES = {"jagung": "Ladang Jagung", "padi": "Ladang Padi", "kelapa": "Kebun Kelapa",
              "kakao": "Kebun Kakao", "jambu mete": "Kebun Jambu Mete", "kemiri": "Kebun Kemiri"}


def gen_potensi(world, d):
    rng = rng_for("potensi", d.kode)
    feats = []
    if d.island:
        polys, points = ["kelapa", "jambu mete", "kelapa"], ["ikan", "rumput laut", "wisata bahari",
                                                           "anyaman lontar", "kambing", "toko dan kios"]
        npoly, npts = rng.randint(1, 3), rng.randint(4, 7)
    elif d.kelurahan:
        polys = ["kelapa", "jambu mete", "jagung", "kakao"]
        points = ["toko dan kios", "kuliner", "bengkel dan jasa", "tenun ikat", "babi", "ayam kampung"]
        if d.coastal:
            points += ["ikan", "wisata pantai"]
        npoly = rng.randint(0, 3) if d.geom.area > 2e6 else 0
        npts = rng.randint(5, 9)
    else:
        polys = ["jagung", "padi", "kakao", "kemiri", "jambu mete", "kelapa"]
        points = ["tenun ikat", "babi", "kambing", "ayam kampung", "toko dan kios"]
        npoly, npts = rng.randint(3, 6), rng.randint(3, 6)

    # farmland and plantations: inland, away from the houses
    farm = d.inner.difference(world.zone_all.buffer(100))
    houses = unary_union([s["geom"].buffer(70) for s in d.settlements])
    farm = farm.difference(houses)
    for i in range(npoly):
        kom = polys[i % len(polys)] if i < len(polys) else rng.choice(polys)
        for _ in range(80):
            c = sample_in(farm, rng, 1, 0)
            if not c:
                break
            area = rng.uniform(2e4, 2.5e5) if not d.kelurahan else rng.uniform(1.5e4, 8e4)
            poly = blob(c[0], area, rng)
            if poly.geom_type == "Polygon" and d.poly_free(poly, 30) and farm.contains(poly):
                d.polys.append(poly)
                kat, satuan, (ylo, yhi), harga = KOMODITAS[kom]
                ha = poly.area / 1e4
                prod = round(ha * rng.uniform(ylo, yhi), 1)
                feats.append(("Polygon", poly, {
                    "kategori": kat, "komoditas": kom, "nama": "%s %s" % (POLY_NAMES[kom], d.nama),
                    "luas_ha": round(ha, 2), "produksi": prod, "satuan_produksi": satuan,
                    "nilai_rp": rupiah(prod * harga, 100000), "kode_desa": d.kode}))
                break

    groups = GROUPS[:]
    rng.shuffle(groups)
    for i in range(npts):
        kom = points[i % len(points)] if i < len(points) else rng.choice(points)
        kat, satuan, (lo, hi), harga = KOMODITAS[kom]
        p = None
        if kom in ("ikan", "wisata pantai", "wisata bahari", "rumput laut"):
            coast = d.geom.boundary
            for _ in range(200):
                s = rng.choice(d.settlements)["geom"]
                q = nearest_points(coast, s)[0]
                if not d.island and world.zone_all.distance(q) > 60:
                    continue
                vx, vy = s.x - q.x, s.y - q.y
                n = math.hypot(vx, vy) or 1
                cand = Point(q.x + 25 * vx / n, q.y + 25 * vy / n)
                if d.free(cand, 40):
                    p = cand
                    break
        else:
            p = near_settlement(world, d, rng, 20, 160)
        if p is None:
            continue
        d.points.append(p)
        prod = int(round(rng.uniform(lo, hi)))
        base = POINT_NAMES[kom]
        if kom in ("tenun ikat", "anyaman lontar", "babi", "kambing"):
            nama = "%s %s" % (base, groups.pop() if groups else d.nama)
        else:
            nama = "%s %s" % (base, d.nama)
        nilai = prod * harga if satuan != "unit usaha" else prod * harga * rng.uniform(0.6, 1.4)
        feats.append(("Point", p, {"kategori": kat, "komoditas": kom, "nama": nama,
                                   "produksi": prod, "satuan_produksi": satuan,
                                   "nilai_rp": rupiah(nilai, 100000), "kode_desa": d.kode}))
    return feats


SEAWARD = (0.45, 0.89)   # unit vector pointing from the Maumere coast to the sea (NNE)


def evac_candidates(world, d):
    """Road vertices (exact OSM coordinates) in d that are safe, landward ground."""
    out = []
    seen = set()
    for f in world.roads:
        if f["properties"]["highway"] in ("footway", "path", "steps"):
            continue
        for xy in f["geometry"]["coordinates"]:
            key = (xy[0], xy[1])
            if key in seen:
                continue
            seen.add(key)
            p = utm(Point(xy))
            if not d.inner_prep.contains(p):
                continue
            if world.zone_mhv.distance(p) < EVAC_MIN_HAZARD_M + 25:
                continue
            if world.zone_all.distance(p) < EVAC_MIN_ANY_ZONE_M + 25:
                continue
            q = nearest_points(world.zone_all, p)[0]
            if (p.x - q.x) * SEAWARD[0] + (p.y - q.y) * SEAWARD[1] >= 0:
                continue           # seaward of the hazard zone: not "inland"
            ray = LineString([(p.x, p.y), (p.x + 5000 * SEAWARD[0], p.y + 5000 * SEAWARD[1])])
            if not ray.intersects(world.zone_all):
                continue           # beyond the modelled coast (e.g. NW tip of Wuring): unknown hazard
            out.append((p, xy))
    return out


def gen_evakuasi(world, desa, exposed):
    """2-4 sites per desa that has safe ground on a road; capacity ~ CAPACITY_SHARE * exposed."""
    sites = []
    for d in desa:
        if d.island:
            continue          # no roads and no hazard data on the islands (see SOURCES.md)
        rng = rng_for("evakuasi", d.kode)
        cands = evac_candidates(world, d)
        if not cands:
            continue
        # prefer ground a short walk beyond the hazard zone
        scored = []
        for p, xy in cands:
            dz = world.zone_mhv.distance(p)
            score = abs(dz - 450) + rng.uniform(0, 300)
            scored.append((score, p, xy))
        scored.sort(key=lambda t: t[0])
        k = rng.randint(2, 4)
        chosen = []
        for sep in (400, 250, 150):
            for _, p, xy in scored:
                if len(chosen) >= k:
                    break
                if all(p.distance(c[0]) >= sep for c in chosen) and all(p.distance(q) >= 8 for q in d.points):
                    chosen.append((p, xy))
            if len(chosen) >= k:
                break
        for p, xy in chosen:
            d.points.append(p)
            sites.append({"desa": d, "geom": p, "xy": xy, "dist": world.zone_mhv.distance(p)})

    # kinds: the site farthest from the hazard in each kecamatan is a TEA, about 40% TES
    by_kec = {}
    for s in sites:
        by_kec.setdefault(s["desa"].kode_kec, []).append(s)
    for kec, ss in sorted(by_kec.items()):
        ss.sort(key=lambda s: -s["dist"])
        ss[0]["jenis"] = "TEA"
        for s in ss[1:]:
            s["jenis"] = "TES" if rng_for("evakuasi-jenis", s["xy"][0], s["xy"][1]).random() < 0.4 else "titik kumpul"

    weight = {"TEA": 3.0, "TES": 1.6, "titik kumpul": 1.0}
    m2_per_person = {"TEA": 3.5, "TES": 1.5, "titik kumpul": 1.0}
    raw = []
    for s in sites:
        r = rng_for("evakuasi-kap", s["xy"][0], s["xy"][1])
        raw.append(weight[s["jenis"]] * r.uniform(0.7, 1.3))
    target = CAPACITY_SHARE * exposed
    scale = target / sum(raw)
    feats = []
    counter = {}
    for s, w in zip(sites, raw):
        d = s["desa"]
        r = rng_for("evakuasi-attr", s["xy"][0], s["xy"][1])
        kap = int(round(w * scale / 10.0)) * 10
        luas = int(round(kap * m2_per_person[s["jenis"]] * r.uniform(1.0, 1.3) / 10.0)) * 10
        counter[d.kode] = counter.get(d.kode, 0) + 1
        if s["jenis"] == "TEA":
            nama = "TEA %s %s" % (r.choice(["Kompleks Sekolah", "Lapangan", "Kompleks Gereja",
                                            "Gedung Olahraga"]), d.nama)
            fas = "toilet, air bersih, listrik, dapur umum, pos kesehatan, gudang logistik"
        elif s["jenis"] == "TES":
            nama = "TES %s %s" % (r.choice(["SD Inpres", "Gedung Serbaguna", "Aula Paroki",
                                            "Kantor Lurah" if d.kelurahan else "Kantor Desa"]), d.nama)
            fas = "toilet, air bersih, listrik, tenda darurat"
        else:
            nama = "Titik Kumpul %s %d" % (d.nama, counter[d.kode])
            fas = "papan petunjuk, lampu penerangan"
        # geometry: the exact OSM road vertex (WGS 84, full precision)
        feats.append(("PointExact", s["xy"], {"jenis": s["jenis"], "nama": nama, "kapasitas": kap,
                                               "luas_m2": luas, "fasilitas": fas, "kode_desa": d.kode}))
    return feats


BUILDINGS = {"balai desa", "kantor desa", "gedung serbaguna", "posyandu", "polindes", "PAUD", "pasar desa",
             "TPI", "MCK"}
DAMAGE_TEXT = {
    # (buildings, other infrastructure)
    "berat": (["bangunan roboh sebagian, tidak dapat digunakan", "fondasi tergerus, dinding runtuh"],
              ["struktur hanyut atau runtuh, tidak berfungsi", "tertimbun puing dan lumpur, tidak berfungsi"]),
    "sedang": (["dinding retak dan atap rusak, perlu perbaikan", "tergenang lumpur, pintu dan jendela rusak"],
               ["rusak sebagian, fungsi terganggu", "bergeser dan retak, masih dapat diperbaiki"]),
    "ringan": (["retak rambut pada dinding", "atap bocor, genteng bergeser"],
               ["tergenang dan tercemar air laut, perlu dibersihkan", "kerusakan kecil, masih berfungsi"]),
}


def gen_kerusakan(world, aset_by_desa):
    rng = rng_for("kerusakan")
    cands = []
    for d, feats in aset_by_desa:
        for gt, g, props in feats:
            if gt != "Point" or props["kategori"] in ("lampu jalan", "tempat sampah", "perahu motor"):
                continue
            cls = world.hazard_class(g)
            if cls is not None:
                cands.append((d, g, props, cls))
    cands.sort(key=lambda c: (c[0].kode, c[2]["nama"], c[1].x))
    rng.shuffle(cands)
    # alternate public buildings and water/transport infrastructure
    public = [c for c in cands if c[2]["kategori"] in BUILDINGS and c[2]["kategori"] != "MCK"]
    infra = [c for c in cands if c not in public]
    cands = [c for pair in zip(public, infra) for c in pair] + public[len(infra):] + infra[len(public):]
    chosen = []
    for c in cands:
        if len(chosen) >= 12:
            break
        if any(c[1].distance(o[1]) < 150 for o in chosen):
            continue
        chosen.append(c)
    feats = []
    for d, g, props, cls in sorted(chosen, key=lambda c: (c[0].kode, c[1].x)):
        if cls == "Very High":
            lvl = "berat" if rng.random() < 0.7 else "sedang"
        elif cls == "High":
            lvl = rng.choice(["berat", "sedang", "sedang"])
        elif cls == "Medium":
            lvl = rng.choice(["sedang", "ringan"])
        else:
            lvl = "ringan"
        day = EVENT_DATE if rng.random() < 0.6 else "2026-04-%02d" % rng.randint(27, 29)
        users = rng.randint(20, 300) if props["kategori"] in ("balai desa", "posyandu", "PAUD", "pasar desa",
                                                               "TPI", "gedung serbaguna") else rng.randint(5, 120)
        feats.append(("Point", g, {"kejadian": EVENT, "tanggal": day, "tingkat_kerusakan": lvl,
                                   **({"aset_uuid": props["uuid"]} if LINK_ASSETS else {}),
                                   "jumlah_terdampak": users,
                                   "keterangan": "%s (%s): %s" % (
                                       props["nama"], props["kode_aset"],
                                       rng.choice(DAMAGE_TEXT[lvl][0 if props["kategori"] in BUILDINGS else 1])),
                                   "kode_desa": d.kode}))
    return feats


# =======================================================================================
# real themes
# =======================================================================================
def mk_wilayah(world):
    feats = []
    pops = {d.kode: (sum(s["jumlah_penduduk"] for s in d.settlements),
                     sum(s["jumlah_kk"] for s in d.settlements)) for d in world.desa}
    for k in sorted(world.kec, key=lambda f: f["properties"]["kode"]):
        kp = k["properties"]
        kk = [v for c, v in pops.items() if c.startswith(kp["kode"] + ".")]
        feats.append({"type": "Feature", "properties": {
            "tingkat": "kecamatan", "kode": kp["kode"], "nama": kp["nama"], "kode_induk": kp["kode_kab"],
            "jumlah_penduduk": sum(v[0] for v in kk), "jumlah_kk": sum(v[1] for v in kk)},
            "geometry": k["geometry"]})
    for d in world.desa:
        p = d.feature["properties"]
        feats.append({"type": "Feature", "properties": {
            "tingkat": d.tingkat, "kode": p["kode"], "nama": p["nama"], "kode_induk": p["kode_kec"],
            "jumlah_penduduk": pops[d.kode][0], "jumlah_kk": pops[d.kode][1]},
            "geometry": d.feature["geometry"]})
    return feats


def mk_zona_bahaya(world):
    feats = []
    for f in world.tsunami_raw:
        cat = f["properties"]["Category"]
        feats.append({"type": "Feature", "properties": {
            "jenis_bahaya": "tsunami", "tingkat": TSUNAMI_LEVEL[cat], "kelas_asli": cat,
            "sumber": TSUNAMI_SOURCE, "tahun": TSUNAMI_YEAR}, "geometry": f["geometry"]})
    return feats


def mk_jalan(world):
    no_vehicle = {"footway", "path", "steps", "pedestrian", "cycleway", "bridleway"}
    no_foot = {"motorway", "motorway_link"}
    feats = []
    for f in world.roads:
        p = f["properties"]
        hw = p["highway"]
        mobil = 0 if hw in no_vehicle else 1
        motor = 0 if hw in no_vehicle else 1
        kaki = 0 if hw in no_foot else 1
        # explicit OSM access tags win over the highway default
        if p.get("foot") == "no":
            kaki = 0
        if p.get("motorcar") == "no":
            mobil = 0
        feats.append({"type": "Feature", "properties": {
            "kelas": hw, "nama": p["name"], "permukaan": p["surface"],
            "satu_arah": 1 if p["oneway"] == "yes" else 0,
            "jalan_kaki": kaki, "motor": motor, "mobil": mobil}, "geometry": f["geometry"]})
    return feats


# =======================================================================================
# output
# =======================================================================================
CRS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}


def to_features(generated):
    feats = []
    for gt, g, props in generated:
        if gt == "PointExact":
            geom = {"type": "Point", "coordinates": [g[0], g[1]]}
        else:
            geom = geojson_geom(wgs(g))
        feats.append({"type": "Feature", "properties": props, "geometry": geom})
    return feats


def write_theme(theme, feats):
    path = os.path.join(OUT, theme + ".geojson")
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","name":%s,"crs":%s,"features":[\n'
                % (json.dumps(theme), json.dumps(CRS84, separators=(",", ":"))))
        for i, ft in enumerate(feats):
            f.write(json.dumps(ft, ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if i + 1 < len(feats) else "\n")
        f.write("]}\n")
    return path


def check_outputs(world, out):
    """Assert the placement rules on the written coordinates; raises on the first failure."""
    desa = {d.kode: d for d in world.desa}
    road_vertices = {tuple(c) for f in out["jalan"] for c in f["geometry"]["coordinates"]}
    for theme in ("permukiman", "aset_desa", "pusat_kemasyarakatan", "bumdes_unit", "potensi_ekonomi",
                  "titik_evakuasi", "kerusakan"):
        for f in out[theme]:
            g = utm(shape(f["geometry"]))
            d = desa[f["properties"]["kode_desa"]]
            assert g.is_valid, (theme, f["properties"])
            assert d.geom.contains(g), ("outside its desa", theme, f["properties"])
            assert not any(o.geom.intersects(g) for o in world.desa if o is not d), ("in two desa", theme)
    exposed = 0
    for f in out["permukiman"]:
        p, g = f["properties"], utm(shape(f["geometry"]))
        assert 30 <= p["jumlah_penduduk"] <= 400 and 0 < p["jumlah_kk"] < p["jumlah_penduduk"]
        if not desa[p["kode_desa"]].island:
            assert world.road_union.distance(g) <= SETTLEMENT_MAX_ROAD_M, p
        if world.zone_all_prep.contains(g):
            exposed += p["jumlah_penduduk"]
    capacity = 0
    for f in out["titik_evakuasi"]:
        g = utm(shape(f["geometry"]))
        assert tuple(f["geometry"]["coordinates"]) in road_vertices, f["properties"]
        assert world.zone_mhv.distance(g) >= EVAC_MIN_HAZARD_M, f["properties"]
        assert world.zone_all.distance(g) >= EVAC_MIN_ANY_ZONE_M, f["properties"]
        capacity += f["properties"]["kapasitas"]
    assert 0.6 * exposed < capacity < exposed, (capacity, exposed)
    assets = {f["properties"].get("uuid"): f for f in out["aset_desa"]}
    for f in out["kerusakan"]:
        if LINK_ASSETS:
            a = assets[f["properties"]["aset_uuid"]]
            assert a["geometry"] == f["geometry"] and a["properties"]["kode_desa"] == f["properties"]["kode_desa"]
    vocab = os.path.join(HERE, "..", "vocab", "kode_aset_desa.csv")
    if os.path.exists(vocab):
        with open(vocab, encoding="utf-8") as fh:
            codes = {line.split(",", 1)[0] for line in fh}
        assert all(f["properties"]["kode_aset"] in codes for f in out["aset_desa"])
    kec = {f["properties"]["kode"]: f["properties"] for f in out["wilayah"]}
    for k, p in kec.items():
        if p["tingkat"] == "kecamatan":
            kids = [q for q in kec.values() if q["kode_induk"] == k]
            assert p["jumlah_penduduk"] == sum(q["jumlah_penduduk"] for q in kids)
    return exposed, capacity


def main():
    os.makedirs(OUT, exist_ok=True)
    world = World()

    kec_puskesmas = {"53.07.05.1009", "53.07.14.1003", "53.07.15.1001"}  # Kota Uneng, Wolomarang, Beru
    themes = {k: [] for k in ("permukiman", "pusat_kemasyarakatan", "aset_desa", "bumdes_unit",
                              "potensi_ekonomi", "titik_evakuasi", "kerusakan")}
    aset_by_desa = []
    for d in world.desa:
        themes["permukiman"] += gen_permukiman(world, d)
    for d in world.desa:
        feats, centres = gen_pusat(world, d, kec_puskesmas)
        themes["pusat_kemasyarakatan"] += feats
        a = gen_aset(world, d, centres)
        if LINK_ASSETS:
            for i, (_, _, props) in enumerate(a):
                props["uuid"] = str(uuid.uuid5(UUID_NAMESPACE, "%s/aset_desa/%d" % (d.kode, i + 1)))
        aset_by_desa.append((d, a))
        themes["aset_desa"] += a
        themes["bumdes_unit"] += gen_bumdes(world, d)
        themes["potensi_ekonomi"] += gen_potensi(world, d)

    exposed = sum(s["jumlah_penduduk"] for d in world.desa for s in d.settlements
                  if world.zone_all_prep.contains(s["geom"]))
    themes["titik_evakuasi"] = gen_evakuasi(world, world.desa, exposed)
    themes["kerusakan"] = gen_kerusakan(world, aset_by_desa)

    out = {"wilayah": mk_wilayah(world), "zona_bahaya": mk_zona_bahaya(world), "jalan": mk_jalan(world)}
    for k, v in themes.items():
        out[k] = to_features(v)
    order = ["wilayah", "zona_bahaya", "jalan", "permukiman", "aset_desa", "pusat_kemasyarakatan",
             "bumdes_unit", "potensi_ekonomi", "titik_evakuasi", "kerusakan"]
    for theme in order:
        path = write_theme(theme, out[theme])
        print("%-22s %5d features %9d bytes" % (theme, len(out[theme]), os.path.getsize(path)))
    total_pop = sum(s["jumlah_penduduk"] for d in world.desa for s in d.settlements)
    exposed_out, cap = check_outputs(world, out)
    print("checks passed; population %d, in tsunami zones %d, evacuation capacity %d"
          % (total_pop, exposed_out, cap))


if __name__ == "__main__":
    main()
