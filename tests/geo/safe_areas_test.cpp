#include "geo/analysis/feedback.h"
#include "geo/analysis/safe_areas.h"
#include "geo/geos_context.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

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

constexpr double pi = 3.14159265358979323846;

} // namespace

TEST(SafeAreas, SquareVillageMinusBufferedSquareZone)
{
    // Village 1 km²; a 200 m square zone in the middle, kept 50 m away. The buffer's corners
    // are quarter circles drawn with 8 segments each: a regular 32-gon of radius 50 whose
    // area is 16·50²·sin(π/16), not π·50².
    geo::SafeAreaInput input;
    input.villages = {wkt(square(0, 0, 1000, 1000))};
    input.hazards = {wkt(square(400, 400, 600, 600))};
    geo::SafeAreaOptions options;
    options.bufferDistance = 50;
    options.quadrantSegments = 8;
    options.minimumArea = 10'000;
    const auto result = geo::findSafeAreas(input, options);
    ASSERT_EQ(result.parts.size(), 1u);
    const double corners = 16 * 50.0 * 50.0 * std::sin(pi / 16);
    const double buffered = 200.0 * 200.0 + 4 * 200.0 * 50.0 + corners;
    EXPECT_NEAR(result.parts[0].area, 1e6 - buffered, 1e-6);
    // Against the true circle the segment approximation is off by less than 0.7 % of it.
    EXPECT_NEAR(result.parts[0].area, 1e6 - (80'000.0 + pi * 2500.0), 0.007 * pi * 2500.0);
    EXPECT_EQ(result.parts[0].rank, 1u);
    EXPECT_EQ(result.parts[0].villageRank, 1u);
    EXPECT_TRUE(std::isinf(result.parts[0].nearestSettlement)); // no settlements given
}

TEST(SafeAreas, StripSplitsVillageRankedBySizeAndDistance)
{
    // A hazard strip x 480..520 running across two villages splits each into a west and an
    // east part of 430 m × 1000 m (buffer 50). Settlements at x = 100 and x = 1950.
    geo::SafeAreaInput input;
    input.villages = {wkt(square(0, 0, 1000, 1000)), wkt(square(1000, 0, 2000, 1000))};
    input.hazards = {wkt(square(480, -500, 520, 1500)), wkt(square(1480, -500, 1520, 1500))};
    input.settlements = {{100, 500}, {1950, 200}};
    geo::SafeAreaOptions options;
    options.threads = 2;
    const auto result = geo::findSafeAreas(input, options);
    ASSERT_EQ(result.parts.size(), 4u);
    for (const auto& part : result.parts) {
        EXPECT_NEAR(part.area, 430'000, 1e-6);
    }
    // Equal areas: the distance decides. Two parts hold a settlement (distance 0).
    EXPECT_EQ(result.parts[0].nearestSettlement, 0);
    EXPECT_EQ(result.parts[1].nearestSettlement, 0);
    EXPECT_EQ(result.parts[0].rank, 1u);
    EXPECT_EQ(result.parts[3].rank, 4u);
    // The parts without a settlement: village 0's east part is 470 m from (100, 500),
    // village 1's west part 520 m from (1950, 200); the nearer one ranks higher.
    EXPECT_NEAR(result.parts[2].nearestSettlement, 470, 1e-9);
    EXPECT_NEAR(result.parts[3].nearestSettlement, 520, 1e-9);
    for (const auto& part : result.parts) {
        EXPECT_EQ(part.villageRank == 1, part.nearestSettlement == 0);
    }

    options.minimumArea = 500'000; // larger than every part
    EXPECT_TRUE(geo::findSafeAreas(input, options).parts.empty());
}

TEST(SafeAreas, AllowedAreaAndNoHazard)
{
    geo::SafeAreaInput input;
    input.villages = {wkt(square(0, 0, 1000, 1000))};
    input.allowed = wkt(square(-50, 0, 300, 2000)); // e.g. DEM cells above 10 m
    const auto result = geo::findSafeAreas(input, {});
    ASSERT_EQ(result.parts.size(), 1u);
    EXPECT_NEAR(result.parts[0].area, 300'000, 1e-6);
}

TEST(SafeAreas, BrokenVillageIsListedAndCancelStops)
{
    geo::SafeAreaInput input;
    input.villages = {{0x00, 0x01, 0x02}, wkt(square(0, 0, 1000, 1000))};
    input.hazards = {wkt("POLYGON((0 0, 500 500, 500 0, 0 500, 0 0))")}; // bow tie, repaired
    const auto result = geo::findSafeAreas(input, {});
    ASSERT_EQ(result.villageProblems.size(), 1u);
    EXPECT_EQ(result.villageProblems[0].feature, 0u);
    EXPECT_TRUE(result.hazardProblems.empty());
    ASSERT_FALSE(result.parts.empty());
    EXPECT_EQ(result.parts[0].village, 1u);

    geo::AnalysisFeedback feedback;
    feedback.cancel();
    EXPECT_THROW(geo::findSafeAreas(input, {}, &feedback), geo::AnalysisCanceled);
}
