#include "geo/analysis/feedback.h"
#include "geo/analysis/service_coverage.h"
#include "geo/geos_context.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

namespace {

using Status = geo::ServiceCoverage::Status;

geo::GeosGeometry readWkt(const std::string& text)
{
    GEOSWKTReader* reader = GEOSWKTReader_create_r(geo::geosContext());
    geo::GeosGeometry geometry(GEOSWKTReader_read_r(geo::geosContext(), reader, text.c_str()));
    GEOSWKTReader_destroy_r(geo::geosContext(), reader);
    if (!geometry) {
        throw std::runtime_error("bad WKT in test: " + text);
    }
    return geometry;
}

geo::PlanarGeometry planar(const GEOSGeometry& geometry)
{
    const auto wkb = geo::geometryToWkb(geometry);
    geo::PlanarGeometry out;
    if (!geo::readWkb(wkb.data(), wkb.size(), out)) {
        throw std::runtime_error("unreadable WKB in test");
    }
    return out;
}

std::string n(double v)
{
    return std::to_string(v);
}

} // namespace

// Straight line: every settlement's nearest distance equals a brute-force loop over all
// services with GEOS's own distance (points, lines, polygons with holes, a multipolygon).
TEST(ServiceCoverage, StraightLineEqualsBruteForceWithGeos)
{
    std::mt19937 random(6);
    std::uniform_real_distribution<double> coordinate(0, 20'000);
    std::uniform_real_distribution<double> size(20, 400);
    std::vector<geo::GeosGeometry> geos;
    for (int i = 0; i < 60; ++i) {
        const double x = coordinate(random), y = coordinate(random), s = size(random);
        std::string wkt;
        switch (i % 4) {
        case 0:
            wkt = "POINT(" + n(x) + " " + n(y) + ")";
            break;
        case 1:
            wkt = "LINESTRING(" + n(x) + " " + n(y) + "," + n(x + s) + " " + n(y + s / 2) + "," +
                  n(x + s) + " " + n(y + 2 * s) + ")";
            break;
        case 2: // a square with a square hole
            wkt = "POLYGON((" + n(x) + " " + n(y) + "," + n(x + s) + " " + n(y) + "," + n(x + s) +
                  " " + n(y + s) + "," + n(x) + " " + n(y + s) + "," + n(x) + " " + n(y) + "),(" +
                  n(x + s / 4) + " " + n(y + s / 4) + "," + n(x + s / 4) + " " + n(y + s / 2) +
                  "," + n(x + s / 2) + " " + n(y + s / 2) + "," + n(x + s / 2) + " " +
                  n(y + s / 4) + "," + n(x + s / 4) + " " + n(y + s / 4) + "))";
            break;
        default:
            wkt = "MULTIPOLYGON(((" + n(x) + " " + n(y) + "," + n(x + s) + " " + n(y) + "," + n(x) +
                  " " + n(y + s) + "," + n(x) + " " + n(y) + ")),((" + n(x + 2 * s) + " " + n(y) +
                  "," + n(x + 3 * s) + " " + n(y) + "," + n(x + 3 * s) + " " + n(y + s) + "," +
                  n(x + 2 * s) + " " + n(y) + ")))";
        }
        geos.push_back(readWkt(wkt));
    }
    std::vector<geo::PlanarGeometry> services;
    for (const auto& g : geos) {
        services.push_back(planar(*g));
    }
    std::vector<geo::PlanarPoint> settlements;
    for (int i = 0; i < 500; ++i) {
        settlements.push_back({coordinate(random), coordinate(random)});
    }
    // One far outside everything.
    settlements.push_back({-50'000, 90'000});
    geo::ServiceCoverageOptions options;
    options.maxDistanceM = 800;
    const auto result = geo::serviceCoverage(settlements, services, {}, options);
    ASSERT_EQ(result.settlements.size(), settlements.size());
    std::size_t covered = 0;
    for (std::size_t i = 0; i < settlements.size(); ++i) {
        const auto point =
            readWkt("POINT(" + n(settlements[i].x) + " " + n(settlements[i].y) + ")");
        double best = std::numeric_limits<double>::infinity();
        for (const auto& g : geos) {
            double d = 0;
            ASSERT_EQ(GEOSDistance_r(geo::geosContext(), g.get(), point.get(), &d), 1);
            best = std::min(best, d);
        }
        const auto& s = result.settlements[i];
        EXPECT_NEAR(s.distanceM, best, 1e-6) << "settlement " << i;
        ASSERT_GE(s.nearestService, 0);
        double own = 0;
        GEOSDistance_r(
            geo::geosContext(), geos[std::size_t(s.nearestService)].get(), point.get(), &own);
        EXPECT_NEAR(own, best, 1e-6);
        EXPECT_EQ(s.status, best <= 800 ? Status::Covered : Status::Beyond);
        covered += s.status == Status::Covered;
    }
    // The random layout has both kinds, so the test can fail either way.
    EXPECT_GT(covered, 10u);
    EXPECT_LT(covered, settlements.size() - 10);
    EXPECT_GT(result.settlements.back().distanceM, 50'000.0);
}

TEST(ServiceCoverage, PointInsideHoleIsNotInside)
{
    const auto polygon = readWkt("POLYGON((0 0,100 0,100 100,0 100,0 0),(40 40,60 40,60 60,40 "
                                 "60,40 40))");
    const auto result =
        geo::serviceCoverage({{50, 50}, {20, 20}, {150, 50}}, {planar(*polygon)}, {}, {});
    EXPECT_DOUBLE_EQ(result.settlements[0].distanceM, 10.0); // to the hole's edge
    EXPECT_DOUBLE_EQ(result.settlements[1].distanceM, 0.0);
    EXPECT_DOUBLE_EQ(result.settlements[2].distanceM, 50.0);
}

TEST(ServiceCoverage, NoServicesLeavesEveryoneUnreached)
{
    const auto result = geo::serviceCoverage({{0, 0}}, {}, {}, {});
    EXPECT_EQ(result.settlements[0].status, Status::NoServiceReachable);
    EXPECT_TRUE(std::isinf(result.settlements[0].distanceM));
}

// Network, checked by hand. Roads: A (0,0)-(1100,0); B (1000,0)-(1000,1000) meets A where its
// end touches A; E (1100,0)-(1100,1000) starts at A's end; C (5000,5000)-(5100,5000) is
// apart. Service 0 at (0,-20) joins A at (0,0), 20 m off; service 1 at (1100,905) lies on E.
// Settlement 0 at (1010,900) joins B at (1000,900), 10 m off:
//   to service 0: 10 + 900 (B down) + 1000 (A west) + 20 = 1930 m;
//   to service 1: 10 + 900 + 100 (A east) + 905 (E up) = 1915 m, the nearer over the roads,
//   while in a straight line service 1 is 90.1 m away.
// Settlement 1 at (5050,5005) is on C: no service there. Settlement 2 at (3000,3000) has no
// road within 500 m.
TEST(ServiceCoverage, NetworkHandChecked)
{
    std::vector<geo::RoadLine> roads = {
        {{{0, 0}, {1100, 0}}, 0},
        {{{1000, 0}, {1000, 1000}}, 0},
        {{{1100, 0}, {1100, 1000}}, 0},
        {{{5000, 5000}, {5100, 5000}}, 0},
    };
    std::vector<geo::PlanarGeometry> services(2);
    services[0].kind = geo::PlanarGeometry::Kind::Point;
    services[0].parts = {{{0, -20}}};
    services[1].kind = geo::PlanarGeometry::Kind::Point;
    services[1].parts = {{{1100, 905}}};
    const std::vector<geo::PlanarPoint> settlements = {{1010, 900}, {5050, 5005}, {3000, 3000}};
    geo::ServiceCoverageOptions options;
    options.overNetwork = true;
    options.maxDistanceM = 1920;
    auto result = geo::serviceCoverage(settlements, services, roads, options);
    EXPECT_EQ(result.servicesOnNetwork, 2u);
    const auto& s0 = result.settlements[0];
    EXPECT_EQ(s0.nearestService, 1);
    EXPECT_NEAR(s0.distanceM, 1915.0, 1e-6);
    EXPECT_NEAR(s0.roadDistanceM, 10.0, 1e-9);
    EXPECT_EQ(s0.status, Status::Covered);
    EXPECT_EQ(result.settlements[1].status, Status::NoServiceReachable);
    EXPECT_EQ(result.settlements[2].status, Status::NoRoad);

    options.maxDistanceM = 1900;
    result = geo::serviceCoverage(settlements, services, roads, options);
    EXPECT_EQ(result.settlements[0].status, Status::Beyond);
    EXPECT_NEAR(result.settlements[0].distanceM, 1915.0, 1e-6);

    // Without road E, service 1 joins road B at (1000,905), 100 m off: 10 + 5 + 100.
    roads.erase(roads.begin() + 2);
    options.maxDistanceM = 2000;
    result = geo::serviceCoverage(settlements, services, roads, options);
    EXPECT_EQ(result.settlements[0].nearestService, 1);
    EXPECT_NEAR(result.settlements[0].distanceM, 115.0, 1e-6);
    // With 50 m of snapping service 1 is off the network, and service 0 is the nearest.
    options.maxSnapDistanceM = 50;
    result = geo::serviceCoverage(settlements, services, roads, options);
    EXPECT_EQ(result.servicesOnNetwork, 1u);
    EXPECT_EQ(result.settlements[0].nearestService, 0);
    EXPECT_NEAR(result.settlements[0].distanceM, 1930.0, 1e-6);

    // The same settlements in a straight line: service 1 is 90.14 m away.
    options.overNetwork = false;
    result = geo::serviceCoverage(settlements, services, roads, options);
    EXPECT_EQ(result.settlements[0].nearestService, 1);
    EXPECT_NEAR(result.settlements[0].distanceM, std::hypot(90.0, 5.0), 1e-9);
}

TEST(ServiceCoverage, Cancel)
{
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    EXPECT_THROW(geo::serviceCoverage({{0, 0}}, {geo::PlanarGeometry{}}, {}, {}, &feedback),
                 geo::AnalysisCanceled);
}
