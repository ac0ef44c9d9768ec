// geo::findServiceReach: hand-checked straight-line and road distances, and a brute force over
// random sites and targets (every pair's distance computed directly).

#include "geo/analysis/service_reach.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace {

using geo::PlanarGeometry;
using geo::PlanarPoint;

PlanarGeometry pointGeometry(double x, double y)
{
    PlanarGeometry g;
    g.kind = PlanarGeometry::Kind::Point;
    g.parts = {{{x, y}}};
    return g;
}

PlanarGeometry square(double x0, double y0, double size)
{
    PlanarGeometry g;
    g.kind = PlanarGeometry::Kind::Polygon;
    g.parts = {{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}};
    g.polygonStarts = {0, 1};
    return g;
}

TEST(ServiceReach, DistanceToPointsLinesAndPolygons)
{
    EXPECT_DOUBLE_EQ(geo::distanceTo(pointGeometry(3, 4), {0, 0}), 5.0);
    EXPECT_DOUBLE_EQ(geo::distanceTo(square(0, 0, 10), {5, 5}), 0.0);   // inside
    EXPECT_DOUBLE_EQ(geo::distanceTo(square(0, 0, 10), {13, 14}), 5.0); // to the corner
    EXPECT_DOUBLE_EQ(geo::distanceTo(square(0, 0, 10), {5, -2}), 2.0);  // to an edge
}

TEST(ServiceReach, StraightLineByGroup)
{
    // Site 0 (group 0) at the origin; targets: a point 1,500 m east (group 0), a point 500 m
    // north of another group, a square whose edge lies 1,900 m away (group 0), a point
    // 2,500 m away (group 0).
    const std::vector<geo::ServiceSite> sites{{{0, 0}, 0}, {{10000, 0}, 1}};
    std::vector<geo::ServiceTarget> targets;
    targets.push_back({pointGeometry(1500, 0), {1500, 0}, 0});
    targets.push_back({pointGeometry(0, 500), {0, 500}, 1});
    targets.push_back({square(-250, 1900, 500), {0, 2150}, 0});
    targets.push_back({pointGeometry(0, -2500), {0, -2500}, 0});
    geo::ServiceReachOptions options;
    options.maxDistance = 2000;
    const auto reach = geo::findServiceReach(sites, targets, {}, options);
    ASSERT_EQ(reach.pairs.size(), 2u);
    EXPECT_EQ(reach.pairs[0].target, 0u);
    EXPECT_DOUBLE_EQ(reach.pairs[0].distance, 1500.0);
    EXPECT_EQ(reach.pairs[1].target, 2u);
    EXPECT_DOUBLE_EQ(reach.pairs[1].distance, 1900.0);
    EXPECT_FALSE(reach.pairs[0].alongRoad);
    EXPECT_DOUBLE_EQ(reach.nearest[1], std::hypot(10000.0, 500.0)); // group 1's only site
    EXPECT_EQ(reach.nearestSite[1], 1);
    EXPECT_DOUBLE_EQ(reach.nearest[3], 2500.0);
}

TEST(ServiceReach, AlongTheRoads)
{
    // An L-shaped road: (0,0) -> (2000,0) -> (2000,2000). The site stands 10 m off the road
    // at (0,10); target A 20 m off at (2000,1000) is 1,000 + ... along the road; target B at
    // (100,1500) is 1,503 m away in a straight line but its nearest road point is (100,0).
    std::vector<geo::RoadLine> roads{{{{0, 0}, {2000, 0}, {2000, 2000}}, 0}};
    const std::vector<geo::ServiceSite> sites{{{0, 10}, 0}};
    std::vector<geo::ServiceTarget> targets;
    targets.push_back({pointGeometry(2020, 1000), {2020, 1000}, 0});
    targets.push_back({pointGeometry(100, 400), {100, 400}, 0});
    geo::ServiceReachOptions options;
    options.maxDistance = 3100;
    options.network = true;
    const auto reach = geo::findServiceReach(sites, targets, roads, options);
    // A: 10 + 2000 + 1000 + 20 = 3030 m along the roads (straight line: 2,247 m).
    // B: 10 + 100 + 400 = 510 m.
    ASSERT_EQ(reach.pairs.size(), 2u);
    EXPECT_NEAR(reach.pairs[0].distance, 3030.0, 1e-6);
    EXPECT_TRUE(reach.pairs[0].alongRoad);
    EXPECT_NEAR(reach.pairs[1].distance, 510.0, 1e-6);
    EXPECT_NEAR(reach.nearest[0], 3030.0, 1e-6);
    options.maxDistance = 3000; // A is now out of reach along the roads
    const auto shorter = geo::findServiceReach(sites, targets, roads, options);
    ASSERT_EQ(shorter.pairs.size(), 1u);
    EXPECT_EQ(shorter.pairs[0].target, 1u);
    EXPECT_NEAR(shorter.nearest[0], 3030.0, 1e-6);
    // Beyond the snapping distance the straight line is used.
    options.maxSnapDistance = 5;
    const auto offRoad = geo::findServiceReach(sites, targets, roads, options);
    EXPECT_FALSE(offRoad.siteOnRoad[0]);
    EXPECT_NEAR(offRoad.nearest[0], std::hypot(2020.0, 990.0), 1e-6);
}

TEST(ServiceReach, PairsAndNearestMatchBruteForce)
{
    std::mt19937 random(7);
    std::uniform_real_distribution<double> coordinate(0, 20000);
    std::vector<geo::ServiceSite> sites;
    for (int i = 0; i < 40; ++i) {
        sites.push_back(
            {{coordinate(random), coordinate(random)}, static_cast<std::uint32_t>(i % 3)});
    }
    std::vector<geo::ServiceTarget> targets;
    for (int i = 0; i < 400; ++i) {
        const double x = coordinate(random), y = coordinate(random);
        if (i % 2) {
            targets.push_back({pointGeometry(x, y), {x, y}, static_cast<std::uint32_t>(i % 4)});
        } else {
            targets.push_back(
                {square(x, y, 300), {x + 150, y + 150}, static_cast<std::uint32_t>(i % 4)});
        }
    }
    geo::ServiceReachOptions options;
    options.maxDistance = 2500;
    const auto reach = geo::findServiceReach(sites, targets, {}, options);
    std::size_t expectedPairs = 0;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        double nearest = std::numeric_limits<double>::infinity();
        for (std::size_t s = 0; s < sites.size(); ++s) {
            if (sites[s].group != targets[t].group) {
                continue;
            }
            // The distance computed directly: to the point, or to the square (0 inside).
            const auto& g = targets[t].geometry;
            const auto p = sites[s].location;
            double d = 0;
            if (g.kind == PlanarGeometry::Kind::Point) {
                d = std::hypot(p.x - g.parts[0][0].x, p.y - g.parts[0][0].y);
            } else {
                const double x0 = g.parts[0][0].x, y0 = g.parts[0][0].y;
                const double dx = std::max({x0 - p.x, 0.0, p.x - (x0 + 300)});
                const double dy = std::max({y0 - p.y, 0.0, p.y - (y0 + 300)});
                d = std::hypot(dx, dy);
            }
            nearest = std::min(nearest, d);
            if (d <= options.maxDistance) {
                ++expectedPairs;
                bool found = false;
                for (const auto& pair : reach.pairs) {
                    if (pair.site == s && pair.target == t) {
                        found = true;
                        EXPECT_NEAR(pair.distance, d, 1e-6);
                    }
                }
                EXPECT_TRUE(found) << s << " " << t;
            }
        }
        if (std::isinf(nearest)) {
            EXPECT_TRUE(std::isinf(reach.nearest[t])) << t; // no site of its group
        } else {
            EXPECT_NEAR(reach.nearest[t], nearest, 1e-6) << t;
        }
    }
    EXPECT_EQ(reach.pairs.size(), expectedPairs);
    EXPECT_GT(expectedPairs, 20u);
}

} // namespace
