#include "geo/analysis/feedback.h"
#include "geo/analysis/geometry_ops.h"
#include "geo/analysis/overlay.h"
#include "geo/analysis/wkb.h"
#include "geo/coordinate_transform.h"
#include "geo/errors.h"
#include "geo/geos_context.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace {

std::vector<unsigned char> wkt(const std::string& text)
{
    GEOSWKTReader* reader = GEOSWKTReader_create_r(geo::geosContext());
    geo::GeosGeometry geometry(GEOSWKTReader_read_r(geo::geosContext(), reader, text.c_str()));
    GEOSWKTReader_destroy_r(geo::geosContext(), reader);
    if (!geometry) {
        throw std::runtime_error("bad WKT in test: " + text);
    }
    return geo::geometryToWkb(*geometry);
}

std::string square(double x0, double y0, double x1, double y1)
{
    auto n = [](double v) { return std::to_string(v); };
    return "POLYGON((" + n(x0) + " " + n(y0) + "," + n(x1) + " " + n(y0) + "," + n(x1) + " " +
           n(y1) + "," + n(x0) + " " + n(y1) + "," + n(x0) + " " + n(y0) + "))";
}

/// Zones used by the point table: group 0 has A (0..10, rendah) and B (5..15, tinggi), which
/// overlap; group 1 has C (6..8, sedang).
std::vector<geo::OverlayZone> pointZones()
{
    return {{wkt(square(0, 0, 10, 10)), 0, 1},
            {wkt(square(5, 5, 15, 15)), 0, 3},
            {wkt(square(6, 6, 8, 8)), 1, 2}};
}

struct PointCase
{
    const char* name;
    double x, y;
    int levelGroup0; ///< 0 = not exposed
    int levelGroup1;
};

void PrintTo(const PointCase& c, std::ostream* out)
{
    *out << c.name;
}

class PointOverlay : public testing::TestWithParam<PointCase>
{
};

TEST_P(PointOverlay, HighestLevelOncePerGroup)
{
    const auto& c = GetParam();
    const geo::ZoneOverlay overlay(pointZones(), {});
    const auto result = overlay.overlayPoints({{c.x, c.y}});
    ASSERT_TRUE(result.problems.empty());
    int level0 = 0, level1 = 0, parts0 = 0, parts1 = 0;
    for (const auto& part : result.parts) {
        EXPECT_EQ(part.feature, 0u);
        EXPECT_DOUBLE_EQ(part.share, 1.0);
        (part.group == 0 ? level0 : level1) = part.level;
        ++(part.group == 0 ? parts0 : parts1);
    }
    EXPECT_EQ(level0, c.levelGroup0);
    EXPECT_EQ(level1, c.levelGroup1);
    EXPECT_LE(parts0, 1);
    EXPECT_LE(parts1, 1);
}

INSTANTIATE_TEST_SUITE_P(Table,
                         PointOverlay,
                         testing::Values(PointCase{"inside_A_only", 2, 2, 1, 0},
                                         PointCase{"on_A_edge", 0, 3, 1, 0},
                                         PointCase{"on_A_corner", 0, 0, 1, 0},
                                         PointCase{"in_A_and_B", 7, 9, 3, 0},
                                         PointCase{"in_A_B_and_C", 7, 7, 3, 2},
                                         PointCase{"on_C_edge", 8, 6.5, 3, 2},
                                         PointCase{"in_B_only", 12, 12, 3, 0},
                                         PointCase{"on_B_outer_edge", 15, 12, 3, 0},
                                         PointCase{"just_outside", 15.000001, 12, 0, 0},
                                         PointCase{"far_outside", -3, 40, 0, 0}),
                         [](const testing::TestParamInfo<PointCase>& row) {
                             return std::string(row.param.name);
                         });

TEST(Overlay, PointsGoToTheirRegion)
{
    const std::vector<geo::OverlayRegion> regions = {
        {wkt(square(-100, -100, 8, 100)), 0}, // village West
        {wkt(square(8, -100, 100, 100)), 0},  // village East
        {wkt(square(-100, -100, 100, 6)), 1}, // dusun South
    };
    const geo::ZoneOverlay overlay(pointZones(), regions);
    const auto result = overlay.overlayPoints({{2, 2}, {12, 12}, {50, 50}});
    ASSERT_EQ(result.parts.size(), 2u); // (50, 50) is in no zone
    ASSERT_EQ(result.regionShares.size(), 3u);
    EXPECT_EQ(result.regionShares[0].part, 0u);
    EXPECT_EQ(result.regionShares[0].region, 0u);
    EXPECT_EQ(result.regionShares[1].region, 2u);
    EXPECT_EQ(result.regionShares[2].part, 1u);
    EXPECT_EQ(result.regionShares[2].region, 1u);
    EXPECT_EQ(overlay.regionOf(8, 0, 0), 0); // shared edge: the first region of the set
    EXPECT_EQ(overlay.regionOf(9, 0, 0), 1);
    EXPECT_EQ(overlay.regionOf(9, 50, 1), -1);
}

struct ClipCase
{
    const char* name;
    const char* feature;
    double featureMeasure;
    std::vector<std::pair<int, double>> levels; ///< (level, measure) from high to low
};

void PrintTo(const ClipCase& c, std::ostream* out)
{
    *out << c.name;
}

class ClipOverlay : public testing::TestWithParam<ClipCase>
{
};

TEST_P(ClipOverlay, MeasuresEachPartAtItsHighestLevel)
{
    const auto& c = GetParam();
    // Group 0: A 0..10 rendah and B 5..15 tinggi (overlapping); D 20..30 sedang, apart.
    const std::vector<geo::OverlayZone> zones = {{wkt(square(0, 0, 10, 10)), 0, 1},
                                                 {wkt(square(5, 5, 15, 15)), 0, 3},
                                                 {wkt(square(20, 0, 30, 10)), 0, 2}};
    const geo::ZoneOverlay overlay(zones, {});
    const auto result = overlay.overlayGeometries({wkt(c.feature)});
    ASSERT_TRUE(result.problems.empty()) << result.problems.front().reason;
    ASSERT_EQ(result.parts.size(), c.levels.size());
    for (std::size_t i = 0; i < c.levels.size(); ++i) {
        EXPECT_EQ(result.parts[i].level, c.levels[i].first) << i;
        EXPECT_NEAR(result.parts[i].measure, c.levels[i].second, 1e-9) << i;
        EXPECT_NEAR(result.parts[i].featureMeasure, c.featureMeasure, 1e-9);
        EXPECT_NEAR(result.parts[i].share, c.levels[i].second / c.featureMeasure, 1e-12);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    ClipOverlay,
    testing::Values(
        // A road crossing zone A only: 10 of its 20 m are inside.
        ClipCase{"road_across_A", "LINESTRING(-5 2, 15 2)", 20, {{1, 10}}},
        // Through A and B: 5..15 at tinggi (10 m), 0..5 at rendah (5 m), never twice.
        ClipCase{"road_through_overlap", "LINESTRING(-5 7, 18 7)", 23, {{3, 10}, {1, 5}}},
        // Inside B entirely: one part, tinggi.
        ClipCase{"road_inside_B", "LINESTRING(6 6, 9 9)", std::sqrt(18.0), {{3, std::sqrt(18.0)}}},
        // Across A, then D: two levels of one group.
        ClipCase{"road_A_then_D", "LINESTRING(-5 1, 35 1)", 40, {{2, 10}, {1, 10}}},
        // A settlement polygon half inside A (the other half outside every zone).
        ClipCase{"settlement_half_in_A", "POLYGON((-5 0, 5 0, 5 4, -5 4, -5 0))", 40, {{1, 20}}},
        // A polygon over A and B: 50 m² at tinggi (5..15 × 5..10), 25 at rendah
        // (0..5 × 5..10), 25 outside.
        ClipCase{"polygon_over_A_and_B",
                 "POLYGON((-5 5, 15 5, 15 10, -5 10, -5 5))",
                 100,
                 {{3, 50}, {1, 25}}},
        // Touching A at one corner only: exposed (intersects), 0 m.
        ClipCase{"road_touching_corner", "LINESTRING(-5 -5, 0 0)", std::sqrt(50.0), {{1, 0}}},
        ClipCase{"road_outside", "LINESTRING(-5 -5, -1 -1)", 0, {}}),
    [](const testing::TestParamInfo<ClipCase>& row) { return std::string(row.param.name); });

TEST(Overlay, HalfOfAPolygonSettlementGivesHalfItsPeople)
{
    const geo::ZoneOverlay overlay({{wkt(square(0, 0, 100, 100)), 0, 2}}, {});
    const auto result = overlay.overlayGeometries({wkt(square(50, 20, 150, 40))});
    ASSERT_EQ(result.parts.size(), 1u);
    const double population = 240;
    EXPECT_NEAR(population * result.parts[0].share, 120.0, 1e-9);
}

TEST(Overlay, ClippedLengthsSplitOverRegions)
{
    const std::vector<geo::OverlayRegion> regions = {{wkt(square(-100, -100, 8, 100)), 0},
                                                     {wkt(square(8, -100, 100, 100)), 0}};
    const geo::ZoneOverlay overlay({{wkt(square(0, 0, 10, 10)), 0, 2}}, regions);
    const auto result = overlay.overlayGeometries({wkt("LINESTRING(-5 5, 15 5)")});
    ASSERT_EQ(result.parts.size(), 1u);
    EXPECT_NEAR(result.parts[0].measure, 10, 1e-9);
    ASSERT_EQ(result.regionShares.size(), 2u);
    EXPECT_EQ(result.regionShares[0].region, 0u);
    EXPECT_NEAR(result.regionShares[0].measure, 8, 1e-9);
    EXPECT_NEAR(result.regionShares[0].share, 8.0 / 20.0, 1e-12);
    EXPECT_EQ(result.regionShares[1].region, 1u);
    EXPECT_NEAR(result.regionShares[1].measure, 2, 1e-9);
}

TEST(Overlay, MeasuresInTheWorkingCrs)
{
    // A road along 8.6° S crossing a zone 0.01° wide, measured in UTM 51S.
    const geo::CoordinateTransform toUtm("EPSG:4326", "EPSG:32751");
    const geo::ZoneOverlay overlay(
        {{wkt(square(122.20, -8.61, 122.21, -8.59)), 0, 3}}, {}, {"EPSG:4326", "EPSG:32751"});
    const auto result = overlay.overlayGeometries({wkt("LINESTRING(122.19 -8.6, 122.22 -8.6)")});
    ASSERT_EQ(result.parts.size(), 1u);
    double x1 = 122.20, y1 = -8.6, x2 = 122.21, y2 = -8.6;
    ASSERT_TRUE(toUtm.transform(x1, y1));
    ASSERT_TRUE(toUtm.transform(x2, y2));
    EXPECT_NEAR(result.parts[0].measure, std::hypot(x2 - x1, y2 - y1), 1e-6);
    EXPECT_NEAR(result.parts[0].measure, 1100.5, 2.0); // about 1.1 km at 8.6° S
    EXPECT_NEAR(result.parts[0].share, 1.0 / 3.0, 1e-6);
}

TEST(Overlay, InvalidZoneIsRepairedAndBadFeatureSkipped)
{
    // A bow tie (self-intersecting) zone, repaired to two triangles.
    const geo::ZoneOverlay overlay({{wkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"), 0, 2}}, {});
    EXPECT_TRUE(overlay.zoneProblems().empty());
    const auto points = overlay.overlayPoints({{1, 5}, {5, 2}, {NAN, 1}});
    ASSERT_EQ(points.parts.size(), 1u); // (1, 5) in the left triangle; (5, 2) in the gap
    EXPECT_EQ(points.parts[0].feature, 0u);
    ASSERT_EQ(points.problems.size(), 1u);
    EXPECT_EQ(points.problems[0].feature, 2u);

    const auto lines = overlay.overlayGeometries({{0x01, 0x02}, wkt("LINESTRING(0 5, 10 5)")});
    ASSERT_EQ(lines.problems.size(), 1u);
    EXPECT_EQ(lines.problems[0].feature, 0u);
    ASSERT_EQ(lines.parts.size(), 1u);
    EXPECT_NEAR(lines.parts[0].measure, 10, 1e-9); // touches at (5, 5): the line is in both
}

TEST(Overlay, CancelStopsBetweenFeatures)
{
    const geo::ZoneOverlay overlay(pointZones(), {});
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    std::vector<geo::OverlayPoint> points(1000, geo::OverlayPoint{1, 1});
    EXPECT_THROW(overlay.overlayPoints(points, &feedback), geo::AnalysisCanceled);
    EXPECT_THROW(overlay.overlayGeometries({wkt("POINT(1 1)")}, &feedback), geo::AnalysisCanceled);
}

TEST(EnvelopeIndex, QueryMatchesBruteForce)
{
    std::vector<geo::Envelope> boxes;
    unsigned state = 12345;
    auto next = [&] {
        state = state * 1103515245u + 12345u;
        return static_cast<double>((state >> 8) % 10000) / 10.0;
    };
    for (int i = 0; i < 5000; ++i) {
        const double x = next(), y = next(), w = next() / 50, h = next() / 50;
        boxes.push_back({x, y, x + w, y + h});
    }
    boxes.push_back({}); // empty: never found
    const geo::EnvelopeIndex index(boxes);
    EXPECT_EQ(index.size(), boxes.size());
    for (int q = 0; q < 200; ++q) {
        const double x = next(), y = next();
        const geo::Envelope query{x, y, x + next() / 10, y + next() / 10};
        std::vector<std::uint32_t> found;
        index.query(query, found);
        std::vector<std::uint32_t> expected;
        for (std::uint32_t i = 0; i < boxes.size(); ++i) {
            if (!boxes[i].isEmpty() && boxes[i].intersects(query)) {
                expected.push_back(i);
            }
        }
        ASSERT_EQ(found, expected) << q;
    }
    std::vector<std::uint32_t> none;
    geo::EnvelopeIndex().query({0, 0, 1, 1}, none);
    EXPECT_TRUE(none.empty());
}

TEST(SpatialitePoint, ReadsLittleEndianPointBlob)
{
    // SpatiaLite BLOB of POINT(122.5 -8.25), SRID 4326, as MakePoint(122.5, -8.25, 4326) writes.
    std::vector<unsigned char> blob(60, 0);
    blob[0] = 0x00;
    blob[1] = 0x01;
    const std::uint32_t srid = 4326;
    std::memcpy(&blob[2], &srid, 4);
    const double x = 122.5, y = -8.25;
    for (int i = 0; i < 2; ++i) {
        std::memcpy(&blob[6 + 16 * static_cast<std::size_t>(i)], &x, 8);
        std::memcpy(&blob[14 + 16 * static_cast<std::size_t>(i)], &y, 8);
    }
    blob[38] = 0x7C;
    const std::uint32_t type = 1;
    std::memcpy(&blob[39], &type, 4);
    std::memcpy(&blob[43], &x, 8);
    std::memcpy(&blob[51], &y, 8);
    blob[59] = 0xFE;
    double px = 0, py = 0;
    ASSERT_TRUE(geo::spatialitePoint(blob.data(), blob.size(), px, py));
    EXPECT_EQ(px, 122.5);
    EXPECT_EQ(py, -8.25);
    blob[39] = 2; // a LINESTRING class: refused
    EXPECT_FALSE(geo::spatialitePoint(blob.data(), blob.size(), px, py));
    EXPECT_FALSE(geo::spatialitePoint(blob.data(), 10, px, py));
    // The same point big-endian: every multi-byte field byte-reversed.
    std::vector<unsigned char> big = blob;
    big[1] = 0x00;
    big[39] = 0x00;
    big[42] = 0x01;
    for (const std::size_t offset : {43u, 51u}) {
        std::reverse(big.begin() + static_cast<std::ptrdiff_t>(offset),
                     big.begin() + static_cast<std::ptrdiff_t>(offset + 8));
    }
    ASSERT_TRUE(geo::spatialitePoint(big.data(), big.size(), px, py));
    EXPECT_EQ(px, 122.5);
    EXPECT_EQ(py, -8.25);
}

TEST(WkbDimension, HeadersAgreeWithTheCoordinates)
{
    // The headers decide for non-empty lines and polygons; everything else is parsed. The
    // answer must equal the highest dimension of the parts that hold coordinates.
    const std::vector<std::pair<std::string, int>> cases = {
        {"POINT (1 2)", 0},
        {"MULTIPOINT ((1 2), (3 4))", 0},
        {"LINESTRING (0 0, 1 1)", 1},
        {"LINESTRING EMPTY", -1},
        {"MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))", 1},
        {"MULTILINESTRING (EMPTY, (2 2, 3 3))", 1},
        {"MULTILINESTRING EMPTY", -1},
        {"POLYGON ((0 0, 1 0, 1 1, 0 0))", 2},
        {"POLYGON EMPTY", -1},
        {"MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", 2},
        {"MULTIPOLYGON (EMPTY, ((5 5, 6 5, 6 6, 5 5)))", 2},
        {"GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))", 1},
        {"GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)), POINT (1 2))", 2},
        {"LINESTRING Z (0 0 1, 1 1 2)", 1},
        {"POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))", 2},
    };
    for (const auto& [text, dimension] : cases) {
        auto bytes = wkt(text);
        EXPECT_EQ(geo::wkbDimension(bytes), dimension) << text;
        // The same geometry big-endian (every header and coordinate byte-swapped by GEOS).
        GEOSWKBWriter* writer = GEOSWKBWriter_create_r(geo::geosContext());
        GEOSWKBWriter_setByteOrder_r(geo::geosContext(), writer, GEOS_WKB_XDR);
        GEOSWKTReader* reader = GEOSWKTReader_create_r(geo::geosContext());
        geo::GeosGeometry geometry(GEOSWKTReader_read_r(geo::geosContext(), reader, text.c_str()));
        std::size_t size = 0;
        unsigned char* big =
            GEOSWKBWriter_write_r(geo::geosContext(), writer, geometry.get(), &size);
        const std::vector<unsigned char> bigEndian(big, big + size);
        GEOSFree_r(geo::geosContext(), big);
        GEOSWKTReader_destroy_r(geo::geosContext(), reader);
        GEOSWKBWriter_destroy_r(geo::geosContext(), writer);
        EXPECT_EQ(bigEndian.front(), 0);
        EXPECT_EQ(geo::wkbDimension(bigEndian), dimension) << text << " (big-endian)";
    }
    EXPECT_EQ(geo::wkbDimension({}), -1);
    EXPECT_EQ(geo::wkbDimension({1, 2, 0}), -1); // a header cut short
}

} // namespace

namespace {

struct RegionCase
{
    const char* name;
    const char* feature;
    double area;       ///< exposed area at sedang
    double west, east; ///< of it in the west / east region
};

void PrintTo(const RegionCase& c, std::ostream* out)
{
    *out << c.name;
}

class PolygonRegions : public testing::TestWithParam<RegionCase>
{
};

TEST_P(PolygonRegions, AreaSplitOverRegions)
{
    // Zone 0..10 × 0..10 (sedang); regions split at x = 5.
    const auto& c = GetParam();
    const geo::ZoneOverlay overlay(
        {{wkt(square(0, 0, 10, 10)), 0, 2}},
        {{wkt(square(-100, -100, 5, 100)), 0}, {wkt(square(5, -100, 100, 100)), 0}});
    const auto result = overlay.overlayGeometries({wkt(c.feature)});
    ASSERT_EQ(result.parts.size(), 1u);
    EXPECT_EQ(result.parts[0].level, 2);
    EXPECT_NEAR(result.parts[0].measure, c.area, 1e-9);
    double west = 0, east = 0;
    for (const auto& share : result.regionShares) {
        (share.region == 0 ? west : east) += share.measure;
    }
    EXPECT_NEAR(west, c.west, 1e-9);
    EXPECT_NEAR(east, c.east, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    PolygonRegions,
    testing::Values(
        // Inside the zone and one region: no edge crosses anything.
        RegionCase{"inside_both", "POLYGON((1 1, 4 1, 4 4, 1 4, 1 1))", 9, 9, 0},
        // Inside the zone, across the regions.
        RegionCase{"across_regions", "POLYGON((3 1, 7 1, 7 2, 3 2, 3 1))", 4, 2, 2},
        // Across the zone edge, inside one region.
        RegionCase{"across_zone_edge", "POLYGON((8 1, 12 1, 12 2, 8 2, 8 1))", 2, 0, 2},
        // Across both.
        RegionCase{"across_both", "POLYGON((4 1, 12 1, 12 2, 4 2, 4 1))", 6, 1, 5},
        // The zone lies inside the feature.
        RegionCase{
            "zone_inside_feature", "POLYGON((-1 -1, 11 -1, 11 11, -1 11, -1 -1))", 100, 50, 50},
        // A feature with a hole around the middle of the zone.
        RegionCase{"feature_with_hole",
                   "POLYGON((-1 -1, 11 -1, 11 11, -1 11, -1 -1), (2 2, 8 2, 8 8, 2 8, 2 2))",
                   64,
                   32,
                   32}),
    [](const testing::TestParamInfo<RegionCase>& row) { return std::string(row.param.name); });

} // namespace

TEST(Overlay, ZoneWithAHoleInsideTheFeature)
{
    // The feature lies inside the zone's outer ring and around its hole: no edge of one crosses
    // the other, yet the hole's 4 m² are not exposed.
    const geo::ZoneOverlay overlay(
        {{wkt("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))"), 0, 3}}, {});
    const auto result = overlay.overlayGeometries({wkt(square(1, 1, 9, 9))});
    ASSERT_EQ(result.parts.size(), 1u);
    EXPECT_NEAR(result.parts[0].measure, 60, 1e-9);
    // A two-part feature whose second part alone lies in the zone.
    const auto twoParts = overlay.overlayGeometries(
        {wkt("MULTIPOLYGON(((20 20, 21 20, 21 21, 20 21, 20 20)), ((1 1, 2 1, 2 2, 1 2, 1 1)))")});
    ASSERT_EQ(twoParts.parts.size(), 1u);
    EXPECT_NEAR(twoParts.parts[0].measure, 1, 1e-9);
    EXPECT_NEAR(twoParts.parts[0].share, 0.5, 1e-12);
    const auto twoLines =
        overlay.overlayGeometries({wkt("MULTILINESTRING((20 20, 21 20), (1 1, 2 1))")});
    ASSERT_EQ(twoLines.parts.size(), 1u);
    EXPECT_EQ(twoLines.parts[0].level, 3);
    EXPECT_NEAR(twoLines.parts[0].measure, 1, 1e-9);
}

/// Pseudo-random numbers in [0, 1000) and 3,000 random boxes from them, then an empty box
/// (never found) and a point-sized one at (500, 100), for the grid tests.
struct RandomBoxes
{
    explicit RandomBoxes(unsigned seed) : state(seed)
    {
        for (int i = 0; i < 3000; ++i) {
            const double x = next(), y = next() / 3, w = next() / 40, h = next() / 40;
            boxes.push_back({x, y, x + w, y + h});
        }
        boxes.push_back({});
        boxes.push_back({500, 100, 500, 100});
    }
    double next()
    {
        state = state * 1103515245u + 12345u;
        return static_cast<double>((state >> 8) % 100000) / 100.0;
    }
    unsigned state;
    std::vector<geo::Envelope> boxes;
};

TEST(EnvelopeGrid, PointQueryMatchesBruteForce)
{
    RandomBoxes random(777);
    const auto& boxes = random.boxes;
    auto next = [&] { return random.next(); };
    const geo::EnvelopeGrid grid(boxes);
    for (int q = 0; q < 2000; ++q) {
        const double x = q == 0 ? 500 : next() * 1.05 - 20, y = q == 0 ? 100 : next() / 3;
        std::vector<std::uint32_t> found, expected;
        grid.visitPoint(x, y, boxes, [&](std::uint32_t i) { found.push_back(i); });
        for (std::uint32_t i = 0; i < boxes.size(); ++i) {
            const auto& b = boxes[i];
            if (!b.isEmpty() && x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY) {
                expected.push_back(i);
            }
        }
        ASSERT_EQ(found, expected) << q;
    }
}

TEST(EnvelopeGrid, BoxQueryMatchesBruteForceOnceEach)
{
    RandomBoxes random(4242);
    auto& boxes = random.boxes;
    auto next = [&] { return random.next(); };
    boxes.push_back({0, 0, 1000, 400}); // one over everything
    const geo::EnvelopeGrid grid(boxes);
    for (int q = 0; q < 3000; ++q) {
        // Small and large query boxes, some reaching past the grid, some touching an item's
        // edge exactly, some point-sized.
        const double x = next() * 1.1 - 50, y = next() / 3 - 10;
        const double w = q % 3 == 0 ? 0.0 : next() / (q % 2 ? 5 : 50);
        const double h = q % 3 == 0 ? 0.0 : next() / (q % 2 ? 15 : 50);
        geo::Envelope box{x, y, x + w, y + h};
        if (q % 7 == 0) {
            const auto& target = boxes[static_cast<std::size_t>(q) % 3000];
            box = {target.maxX, target.maxY, target.maxX + w, target.maxY + h};
        }
        std::vector<std::uint32_t> found, expected;
        grid.visitBox(box, boxes, [&](std::uint32_t i) { found.push_back(i); });
        for (std::uint32_t i = 0; i < boxes.size(); ++i) {
            if (boxes[i].intersects(box)) {
                expected.push_back(i);
            }
        }
        std::sort(found.begin(), found.end());
        ASSERT_EQ(found, expected) << q; // each once (no duplicates), none missing
    }
}

namespace {

double geosLength(const GEOSGeometry& g)
{
    double length = 0;
    GEOSLength_r(geo::geosContext(), &g, &length);
    return length;
}

/// What the overlay measured of feature f for a group and level: in all (region < 0) or in one
/// region.
double measuredIn(const geo::OverlayResult& result, std::size_t f, int group, int level, int region)
{
    double sum = 0;
    for (std::size_t p = 0; p < result.parts.size(); ++p) {
        const auto& part = result.parts[p];
        if (part.feature != f || part.group != group || part.level != level) {
            continue;
        }
        if (region < 0) {
            sum += part.measure;
        }
        for (const auto& share : result.regionShares) {
            if (share.part == p && static_cast<int>(share.region) == region) {
                sum += share.measure;
            }
        }
    }
    return sum;
}

/// The union of the zones of `group` at or above `level`, or null when there are none.
geo::GeosGeometry unionAtOrAbove(const std::vector<geo::OverlayZone>& zones, int group, int level)
{
    std::vector<geo::GeosGeometry> parts;
    for (const auto& zone : zones) {
        if (zone.group == group && zone.level >= level) {
            parts.push_back(geo::geos::fromWkb(zone.wkb, "zone"));
        }
    }
    if (parts.empty()) {
        return nullptr;
    }
    return geo::geos::unaryUnion(*geo::geos::collect(std::move(parts)));
}

TEST(Overlay, LineLengthsMatchGeosOnRandomLines)
{
    // Zones on a coarse grid in two groups and three levels (overlapping, one with a hole),
    // two regions split at x = 23, and lines whose vertices often fall on zone edges and
    // corners (integer coordinates), running in and out several times. Each level's length is
    // what GEOS gives for line ∩ union(zones ≥ level) minus line ∩ union(zones > level), per
    // region too; and measuring only the exposed part gives the same parts.
    const std::vector<geo::OverlayZone> zones = {
        {wkt(square(0, 0, 20, 20)), 0, 1},
        {wkt(square(10, 10, 30, 30)), 0, 3},
        {wkt("POLYGON((25 0, 45 0, 45 20, 25 20, 25 0), (30 5, 40 5, 40 15, 30 15, 30 5))"), 0, 2},
        {wkt("POLYGON((5 25, 20 40, 35 25, 20 45, 5 25))"), 0, 2},
        {wkt(square(15, 5, 35, 35)), 1, 3},
        {wkt(square(0, 30, 10, 40)), 1, 1}};
    const std::vector<geo::OverlayRegion> regions = {{wkt(square(-10, -10, 23, 60)), 0},
                                                     {wkt(square(23, -10, 60, 60)), 0}};
    const geo::ZoneOverlay overlay(zones, regions);
    ASSERT_TRUE(overlay.zoneProblems().empty());

    std::uint64_t state = 12345;
    auto next = [&](int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
    };
    std::vector<std::string> texts;
    for (int l = 0; l < 60; ++l) {
        std::string text = "MULTILINESTRING(";
        const int parts = 1 + next(2);
        for (int p = 0; p < parts; ++p) {
            text += p ? ", (" : "(";
            const int vertices = 2 + next(9);
            for (int v = 0; v < vertices; ++v) {
                // Mostly grid points (on edges and corners), sometimes halves.
                const double x = next(10) == 0 ? next(100) / 2.0 - 2 : 5.0 * next(10) - 2;
                const double y = next(10) == 0 ? next(100) / 2.0 - 2 : 5.0 * next(10) - 2;
                text += (v ? ", " : "") + std::to_string(x) + " " + std::to_string(y);
            }
            text += ")";
        }
        texts.push_back(text + ")");
    }
    std::vector<std::vector<unsigned char>> lines;
    for (const auto& text : texts) {
        lines.push_back(wkt(text));
    }
    const auto shares = overlay.overlayGeometries(lines);
    const auto exposedOnly =
        overlay.overlayGeometries(lines, nullptr, geo::ZoneOverlay::LineMeasure::ExposedOnly);
    ASSERT_TRUE(shares.problems.empty());
    ASSERT_EQ(shares.parts.size(), exposedOnly.parts.size());
    for (std::size_t i = 0; i < shares.parts.size(); ++i) {
        EXPECT_EQ(shares.parts[i].feature, exposedOnly.parts[i].feature);
        EXPECT_EQ(shares.parts[i].level, exposedOnly.parts[i].level);
        EXPECT_NEAR(shares.parts[i].measure, exposedOnly.parts[i].measure, 1e-9);
    }

    // GEOS dissolves where a line runs over itself; the overlay sums its segments. So the
    // reference clips segment by segment.
    std::vector<std::vector<geo::GeosGeometry>> segments(texts.size());
    for (std::size_t f = 0; f < texts.size(); ++f) {
        const std::string body = texts[f].substr(std::string("MULTILINESTRING(").size());
        std::size_t open = 0;
        while ((open = body.find('(', open)) != std::string::npos) {
            const std::size_t close = body.find(')', open);
            std::vector<std::string> vertices;
            std::size_t at = open + 1;
            while (at < close) {
                const std::size_t comma = std::min(body.find(',', at), close);
                vertices.push_back(body.substr(at, comma - at));
                at = comma + 1;
            }
            for (std::size_t v = 0; v + 1 < vertices.size(); ++v) {
                if (vertices[v] != vertices[v + 1]) {
                    segments[f].push_back(geo::geos::fromWkb(
                        wkt("LINESTRING(" + vertices[v] + ", " + vertices[v + 1] + ")"), "s"));
                }
            }
            open = close;
        }
    }

    int checked = 0;
    for (std::size_t f = 0; f < lines.size(); ++f) {
        for (int group = 0; group < 2; ++group) {
            for (int level = 1; level <= 3; ++level) {
                for (int region = -1; region < 2; ++region) {
                    auto clip = [&](int atOrAbove) -> double {
                        const auto zone = unionAtOrAbove(zones, group, atOrAbove);
                        if (!zone) {
                            return 0.0;
                        }
                        double sum = 0;
                        for (const auto& segment : segments[f]) {
                            auto part = geo::geos::intersection(*segment, *zone);
                            if (region >= 0) {
                                part = geo::geos::intersection(
                                    *part,
                                    *geo::geos::fromWkb(
                                        regions[static_cast<std::size_t>(region)].wkb, "r"));
                            }
                            sum += geosLength(*part);
                        }
                        return sum;
                    };
                    const double expected = clip(level) - (level < 3 ? clip(level + 1) : 0.0);
                    const double ours = measuredIn(shares, f, group, level, region);
                    EXPECT_NEAR(ours, expected, 1e-9) << texts[f] << " group " << group << " level "
                                                      << level << " region " << region;
                    checked += expected > 0 ? 1 : 0;
                }
            }
        }
    }
    EXPECT_GT(checked, 100); // the lines do cross the zones
}

TEST(Overlay, PolygonAreasMatchGeosOnRandomPolygons)
{
    // Features larger than the zone's vertex spacing, so long runs of zone edges lie inside
    // them (the overlay carries where such an edge lies from one edge to the next); zones of
    // 40 vertices that overlap, one with a hole; pairs of zones sharing a zigzag boundary in
    // the ways of reversedZigzag; regions split by a zigzag 1e-12 apart. Coordinates near 100, like
    // longitudes. Each level's area is GEOS's area(feature ∩ union(zones ≥ level)) − area(feature ∩
    // union(zones > level)), per region too.
    auto ring = [](double cx, double cy, double r, int n, double phase) {
        std::string text = "(";
        for (int i = 0; i <= n; ++i) {
            const double a = 2 * M_PI * (i % n) / n + phase;
            text += (i ? ", " : "") + std::to_string(cx + r * std::cos(a)) + " " +
                    std::to_string(cy + r * std::sin(a));
        }
        return text + ")";
    };
    // A zigzag from y = 0 to y = 60 east of x, as "x y, x y, ..." (south to north).
    auto zigzag = [](double x) {
        std::string text;
        for (int i = 0; i <= 30; ++i) {
            char point[64];
            std::snprintf(point, sizeof point, "%.17g %.17g", x + (i % 2 ? 1.5 : 0), 2.0 * i);
            text += (i ? ", " : "") + std::string(point);
        }
        return text;
    };
    // North to south. Boundary: 0 the same vertices; 1 with a vertex added on every segment,
    // which lies on the other side's edge only up to rounding (a T-junction, as in real data);
    // 2 every vertex one unit in the last place west (the two boundaries do not touch but
    // overlap by less than rounding); 3 every vertex 1e-12 east.
    auto reversedZigzag = [](double x, int boundary) {
        std::string text;
        auto vertex = [&](int i) {
            const double px = x + (i % 2 ? 1.5 : 0);
            return boundary == 2 ? std::nextafter(px, 0.0) : boundary == 3 ? px + 1e-12 : px;
        };
        for (int i = 30; i >= 0; --i) {
            char point[80];
            if (boundary == 1 && i < 30) {
                const double px = vertex(i), qx = vertex(i + 1);
                std::snprintf(point,
                              sizeof point,
                              ", %.17g %.17g",
                              px + (qx - px) / 3.0,
                              2.0 * i + 2.0 / 3.0);
                text += point;
            }
            std::snprintf(point, sizeof point, "%.17g %.17g", vertex(i), 2.0 * i);
            text += (i < 30 ? ", " : "") + std::string(point);
        }
        return text;
    };
    // West part: from (x0, 60) down to (x0, 0), then north along the zigzag; east part: south
    // along it, then round by x1.
    auto west = [&](double x0, double x) {
        return "POLYGON((" + std::to_string(x0) + " 0, " + zigzag(x) + ", " + std::to_string(x0) +
               " 60, " + std::to_string(x0) + " 0))";
    };
    auto east = [&](double x, double x1, int boundary) {
        const std::string side = reversedZigzag(x, boundary);
        return "POLYGON((" + side + ", " + std::to_string(x1) + " 0, " + std::to_string(x1) +
               " 60, " + side.substr(0, side.find(',')) + "))";
    };
    const std::vector<geo::OverlayZone> zones = {
        {wkt("POLYGON(" + ring(115, 20, 12, 40, 0.1) + ")"), 0, 1},
        {wkt("POLYGON(" + ring(122, 26, 10, 40, 0.3) + ")"), 0, 3},
        {wkt("POLYGON(" + ring(110, 35, 14, 40, 0.2) + ", " + ring(111, 36, 5, 40, 0.5) + ")"),
         0,
         2},
        {wkt("POLYGON(" + ring(135, 15, 9, 40, 0.0) + ")"), 0, 2},
        {wkt(west(100, 118)), 1, 2},
        {wkt(east(118, 130, 0)), 1, 3},
        {wkt(west(130, 142)), 1, 1},
        {wkt(east(142, 154, 1)), 1, 2},
        {wkt(west(154, 160)), 1, 3},
        {wkt(east(160, 170, 2)), 1, 1}};
    const std::vector<geo::OverlayRegion> regions = {{wkt(west(90, 128)), 0},
                                                     {wkt(east(128, 175, 3)), 0}};
    const geo::ZoneOverlay overlay(zones, regions);
    ASSERT_TRUE(overlay.zoneProblems().empty());

    std::uint64_t state = 987654321;
    auto next = [&](int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
    };
    // Star-shaped polygons (a vertex every so many degrees at a random radius); some with a
    // second part.
    auto star = [&](double cx, double cy) {
        const int n = 5 + next(12);
        const double radius = 3 + next(15);
        std::string text = "(";
        std::string first;
        for (int i = 0; i < n; ++i) {
            const double a = 2 * M_PI * i / n;
            const double r = radius * (0.5 + next(50) / 100.0);
            const std::string point =
                std::to_string(cx + r * std::cos(a)) + " " + std::to_string(cy + r * std::sin(a));
            text += (i ? ", " : "") + point;
            first = i ? first : point;
        }
        return text + ", " + first + ")";
    };
    std::vector<std::string> texts;
    for (int f = 0; f < 50; ++f) {
        const double cx = 100 + next(70), cy = 2 + next(56);
        std::string text = "MULTIPOLYGON((" + star(cx, cy) + ")";
        if (next(5) == 0) {
            text += ", (" + star(cx + 40 > 170 ? cx - 40 : cx + 40, cy) + ")";
        }
        texts.push_back(text + ")");
    }
    std::vector<std::vector<unsigned char>> features;
    for (const auto& text : texts) {
        features.push_back(wkt(text));
    }
    const auto result = overlay.overlayGeometries(features);
    ASSERT_TRUE(result.problems.empty());

    auto area = [](const GEOSGeometry& g) {
        double value = 0;
        GEOSArea_r(geo::geosContext(), &g, &value);
        return value;
    };
    int checked = 0;
    for (std::size_t f = 0; f < features.size(); ++f) {
        const auto feature = geo::geos::fromWkb(features[f], "feature");
        if (GEOSisValid_r(geo::geosContext(), feature.get()) != 1) {
            continue; // two overlapping parts: GEOS cannot intersect it as it is
        }
        for (int group = 0; group < 2; ++group) {
            for (int level = 1; level <= 3; ++level) {
                for (int region = -1; region < 2; ++region) {
                    auto clip = [&](int atOrAbove) -> double {
                        const auto zone = unionAtOrAbove(zones, group, atOrAbove);
                        if (!zone) {
                            return 0.0;
                        }
                        auto part = geo::geos::intersection(*feature, *zone);
                        if (region >= 0) {
                            part = geo::geos::intersection(
                                *part,
                                *geo::geos::fromWkb(regions[static_cast<std::size_t>(region)].wkb,
                                                    "r"));
                        }
                        return area(*part);
                    };
                    const double expected = clip(level) - (level < 3 ? clip(level + 1) : 0.0);
                    const double ours = measuredIn(result, f, group, level, region);
                    EXPECT_NEAR(ours, expected, 1e-7) << texts[f] << " group " << group << " level "
                                                      << level << " region " << region;
                    checked += expected > 1e-6 ? 1 : 0;
                }
            }
        }
    }
    EXPECT_GT(checked, 100); // the features do cross the zones and regions
}

} // namespace

namespace {

struct ValidityCase
{
    const char* name;
    const char* wkt;
    bool plain; ///< isPlainlyValid()
    bool geosValid;
};

void PrintTo(const ValidityCase& c, std::ostream* out)
{
    *out << c.name;
}

class PlainValidity : public testing::TestWithParam<ValidityCase>
{
};

TEST_P(PlainValidity, NeverClaimsWhatGeosDenies)
{
    const auto& c = GetParam();
    const auto bytes = wkt(c.wkt);
    const auto geometry = geo::geos::fromWkb(bytes, c.name);
    EXPECT_EQ(GEOSisValid_r(geo::geosContext(), geometry.get()) == 1, c.geosValid);
    EXPECT_EQ(geo::IndexedPolygon(bytes).isPlainlyValid(), c.plain);
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    PlainValidity,
    testing::Values(
        ValidityCase{"square", "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", true, true},
        ValidityCase{"clockwise_square", "POLYGON((0 0, 0 10, 10 10, 10 0, 0 0))", true, true},
        ValidityCase{"collinear_vertex", "POLYGON((0 0, 5 0, 10 0, 10 10, 0 10, 0 0))", true, true},
        ValidityCase{"repeated_vertex", "POLYGON((0 0, 10 0, 10 0, 10 10, 0 10, 0 0))", true, true},
        ValidityCase{"with_hole",
                     "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2))",
                     true,
                     true},
        ValidityCase{"shell_in_hole_of_another",
                     "MULTIPOLYGON(((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2)), "
                     "((4 4, 6 4, 6 6, 4 6, 4 4)))",
                     true,
                     true},
        ValidityCase{"bow_tie", "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))", false, false},
        ValidityCase{"spike", "POLYGON((0 0, 10 0, 10 10, 10 15, 10 10, 0 10, 0 0))", false, false},
        ValidityCase{"hole_outside_shell",
                     "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 20 28, 28 28, 28 20, 20 20))",
                     false,
                     false},
        ValidityCase{
            "overlapping_shells",
            "MULTIPOLYGON(((0 0, 10 0, 10 10, 0 10, 0 0)), ((5 5, 15 5, 15 15, 5 15, 5 5)))",
            false,
            false},
        ValidityCase{"nested_shells",
                     "MULTIPOLYGON(((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 4 2, 4 4, 2 4, 2 2)))",
                     false,
                     false},
        // Valid for GEOS, but the rings touch: left to GEOS (the check is conservative).
        ValidityCase{"hole_touching_shell",
                     "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 5 2, 2 5, 0 0))",
                     false,
                     true},
        ValidityCase{"flat", "POLYGON((0 0, 10 0, 5 0, 0 0))", false, false}),
    [](const testing::TestParamInfo<ValidityCase>& row) { return std::string(row.param.name); });

} // namespace

TEST(PlainValidity, RandomPolygonsNeverPlainWhenGeosSaysInvalid)
{
    // Small integer grids give many touching, crossing and collinear edges.
    std::uint64_t state = 777;
    auto next = [&](int n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
    };
    auto ring = [&](int vertices, int offset, int size) {
        std::string text = "(";
        std::string first;
        for (int v = 0; v < vertices; ++v) {
            const std::string point =
                std::to_string(offset + next(size)) + " " + std::to_string(offset + next(size));
            first = v ? first : point;
            text += point + ", ";
        }
        return text + first + ")";
    };
    int plain = 0, invalid = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text = "POLYGON(" + ring(3 + next(5), 0, 8);
        const bool holed = next(3) == 0;
        if (holed) {
            text += ", " + ring(3 + next(3), 2, 4);
        }
        text += ")";
        const auto bytes = wkt(text);
        const auto geometry = geo::geos::fromWkb(bytes, "random");
        const bool valid = GEOSisValid_r(geo::geosContext(), geometry.get()) == 1;
        const geo::IndexedPolygon polygon(bytes);
        const bool ours = polygon.isPlainlyValid();
        EXPECT_TRUE(valid || !ours) << text;
        if (!holed) {
            // One ring: the same answer as testing every pair of edges, where only
            // consecutive edges (cyclically) may meet, at their shared vertex alone.
            const auto& edges = polygon.edges();
            bool simple = !edges.empty();
            std::vector<double> ts;
            for (std::size_t e = 0; e < edges.size() && simple; ++e) {
                for (std::size_t f = e + 1; f < edges.size() && simple; ++f) {
                    ts.clear();
                    if (!geo::segmentContacts(edges[e], edges[f], ts)) {
                        continue;
                    }
                    std::sort(ts.begin(), ts.end());
                    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
                    const bool follows = f == e + 1;
                    const bool precedes = e == 0 && f + 1 == edges.size();
                    simple =
                        ts.size() == 1 && ((follows && ts[0] == 1.0) || (precedes && ts[0] == 0.0));
                }
            }
            EXPECT_EQ(ours, simple) << text;
        }
        plain += ours ? 1 : 0;
        invalid += valid ? 0 : 1;
    }
    EXPECT_GT(plain, 100);   // the fast path is taken
    EXPECT_GT(invalid, 100); // and invalid polygons do occur
}
