#include "geo/analysis/road_graph.h"
#include "geo/analysis/shortest_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

using geo::NearestSites;
using geo::PathSource;
using geo::PlanarPoint;
using geo::PlanarPolygon;
using geo::RoadGraph;
using geo::RoadLine;
using geo::ZoneRule;

namespace {

constexpr double X0 = 500000, Y0 = 9100000;
constexpr double infinity = std::numeric_limits<double>::infinity();

RoadLine line(std::initializer_list<PlanarPoint> points)
{
    return RoadLine{std::vector<PlanarPoint>(points), 0};
}

/// A plain O(V^2) Dijkstra over an adjacency matrix given as edge lists: the reference.
std::vector<double> referenceDijkstra(std::size_t nodes,
                                      const std::vector<std::tuple<int, int, double>>& edges,
                                      int source)
{
    std::vector<std::vector<std::pair<int, double>>> adjacent(nodes);
    for (const auto& [a, b, w] : edges) {
        adjacent[a].push_back({b, w});
        adjacent[b].push_back({a, w});
    }
    std::vector<double> distance(nodes, infinity);
    std::vector<bool> done(nodes, false);
    distance[source] = 0;
    for (std::size_t round = 0; round < nodes; ++round) {
        int best = -1;
        for (std::size_t n = 0; n < nodes; ++n) {
            if (!done[n] && distance[n] < infinity && (best < 0 || distance[n] < distance[best])) {
                best = int(n);
            }
        }
        if (best < 0) {
            break;
        }
        done[best] = true;
        for (const auto& [next, w] : adjacent[best]) {
            distance[next] = std::min(distance[next], distance[best] + w);
        }
    }
    return distance;
}

double polylineLength(const std::vector<PlanarPoint>& points)
{
    double total = 0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        total += std::hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
    }
    return total;
}

} // namespace

TEST(NearestSites, LineGraphTwoSites)
{
    auto graph = RoadGraph::build({line({{X0, Y0}, {X0 + 100, Y0}}),
                                   line({{X0 + 100, Y0}, {X0 + 300, Y0}}),
                                   line({{X0 + 300, Y0}, {X0 + 600, Y0}})},
                                  {});
    const auto at =
        graph.attach({{X0, Y0}, {X0 + 600, Y0 + 10}, {X0 + 100, Y0}, {X0 + 300, Y0}}, 50);
    ASSERT_TRUE(at[1].attached);
    EXPECT_NEAR(at[1].distance, 10.0, 1e-9);
    const NearestSites search(
        graph, {{at[0].node, 0.0, 0}, {at[1].node, at[1].distance, 1}}, 2, ZoneRule::ExitOnly);
    auto reach = search.nearest(at[2].node, false);
    ASSERT_EQ(reach.size(), 2u);
    EXPECT_EQ(reach[0].site, 0u);
    EXPECT_NEAR(reach[0].distance, 100.0, 1e-9);
    EXPECT_EQ(reach[1].site, 1u);
    EXPECT_NEAR(reach[1].distance, 510.0, 1e-9);
    reach = search.nearest(at[3].node, false);
    EXPECT_NEAR(reach[0].distance, 300.0, 1e-9);
    EXPECT_NEAR(reach[1].distance, 310.0, 1e-9);
    // The path from x=300 to site 0 walks two edges westwards.
    const auto steps = search.path(reach[0]);
    ASSERT_EQ(steps.size(), 2u);
    double walked = 0;
    for (const auto& step : steps) {
        walked += graph.edges()[step.edge].length;
    }
    EXPECT_NEAR(walked, 300.0, 1e-9);
    // A site's own node: distance 0 (plus its offset).
    EXPECT_NEAR(search.nearest(at[0].node, false)[0].distance, 0.0, 1e-12);
    EXPECT_TRUE(search.path(search.nearest(at[0].node, false)[0]).empty());
}

TEST(NearestSites, RandomGridMatchesPlainDijkstraPerSite)
{
    std::mt19937 random(20261124);
    std::uniform_real_distribution<double> jitter(-20, 20);
    std::uniform_real_distribution<double> unit(0, 1);
    constexpr int size = 14;
    std::vector<PlanarPoint> grid;
    for (int r = 0; r < size; ++r) {
        for (int c = 0; c < size; ++c) {
            grid.push_back({X0 + c * 100 + jitter(random), Y0 + r * 100 + jitter(random)});
        }
    }
    std::vector<RoadLine> lines;
    std::vector<std::tuple<int, int, double>> edges;
    auto link = [&](int a, int b) {
        if (unit(random) < 0.2) {
            return; // a missing road
        }
        // A bent road through a shifted midpoint.
        const PlanarPoint mid{(grid[a].x + grid[b].x) / 2 + jitter(random) / 4,
                              (grid[a].y + grid[b].y) / 2 + jitter(random) / 4};
        RoadLine road{{grid[a], mid, grid[b]}, 0};
        edges.emplace_back(a, b, polylineLength(road.points));
        lines.push_back(std::move(road));
    };
    for (int r = 0; r < size; ++r) {
        for (int c = 0; c < size; ++c) {
            if (c + 1 < size) {
                link(r * size + c, r * size + c + 1);
            }
            if (r + 1 < size) {
                link(r * size + c, (r + 1) * size + c);
            }
        }
    }
    auto graph = RoadGraph::build(lines, {});
    const auto at = graph.attach(grid, 1.0);
    std::vector<int> siteNodes = {3, 50, 77, 120, 181, 195};
    std::vector<PathSource> sources;
    std::vector<double> offsets = {0, 5, 0, 12.5, 0, 3};
    for (std::uint32_t s = 0; s < siteNodes.size(); ++s) {
        ASSERT_TRUE(at[siteNodes[s]].attached);
        sources.push_back({at[siteNodes[s]].node, offsets[s], s});
    }
    constexpr std::size_t k = 3;
    const NearestSites search(graph, sources, k, ZoneRule::ExitOnly);
    std::vector<std::vector<double>> reference;
    for (std::size_t s = 0; s < siteNodes.size(); ++s) {
        auto d = referenceDijkstra(grid.size(), edges, siteNodes[s]);
        for (auto& x : d) {
            x += offsets[s];
        }
        reference.push_back(d);
    }
    int compared = 0;
    for (std::size_t n = 0; n < grid.size(); ++n) {
        if (!at[n].attached || at[n].distance > 1e-9) {
            continue; // a node whose every road was removed
        }
        std::vector<std::pair<double, std::uint32_t>> expected;
        for (std::uint32_t s = 0; s < siteNodes.size(); ++s) {
            if (reference[s][n] < infinity) {
                expected.push_back({reference[s][n], s});
            }
        }
        std::sort(expected.begin(), expected.end());
        const auto reach = search.nearest(at[n].node, false);
        ASSERT_EQ(reach.size(), std::min(k, expected.size())) << "node " << n;
        for (std::size_t j = 0; j < reach.size(); ++j) {
            EXPECT_NEAR(reach[j].distance, expected[j].first, 1e-6) << "node " << n;
            EXPECT_EQ(reach[j].site, expected[j].second) << "node " << n;
            // The path walks exactly that far and ends at the site.
            double walked = 0;
            std::uint32_t current = at[n].node;
            for (const auto& step : search.path(reach[j])) {
                const auto& e = graph.edges()[step.edge];
                ASSERT_EQ(step.forward ? e.from : e.to, current);
                current = step.forward ? e.to : e.from;
                walked += e.length;
            }
            EXPECT_EQ(current, at[siteNodes[reach[j].site]].node);
            EXPECT_NEAR(walked + offsets[reach[j].site], reach[j].distance, 1e-6);
            ++compared;
        }
    }
    EXPECT_GT(compared, 400);
}

TEST(NearestSites, RoutesLeaveAZoneButDoNotEnterOne)
{
    // A straight road through a high-hazard zone, and a detour around it.
    std::vector<RoadLine> lines = {
        line({{X0, Y0}, {X0 + 20, Y0}, {X0 + 80, Y0}, {X0 + 100, Y0}}),
        line({{X0 + 20, Y0}, {X0 + 20, Y0 + 50}, {X0 + 80, Y0 + 50}, {X0 + 80, Y0}}),
    };
    PlanarPolygon zone;
    zone.rings.push_back(
        {{X0 + 40, Y0 - 10}, {X0 + 60, Y0 - 10}, {X0 + 60, Y0 + 10}, {X0 + 40, Y0 + 10}});
    auto graph = RoadGraph::build(lines, {zone});
    const auto at = graph.attach({{X0, Y0}, {X0 + 100, Y0}, {X0 + 50, Y0 + 1}, {X0 + 45, Y0}}, 5);
    ASSERT_TRUE(at[2].inZone);
    ASSERT_FALSE(at[0].inZone);

    const NearestSites exitOnly(graph, {{at[1].node, 0, 0}}, 1, ZoneRule::ExitOnly);
    // From outside: the zone is closed, the detour is 20 + 50 + 60 + 50 + 20.
    EXPECT_NEAR(exitOnly.nearest(at[0].node, at[0].inZone)[0].distance, 200.0, 1e-9);
    // From inside: walk out eastwards, 50 m.
    EXPECT_NEAR(exitOnly.nearest(at[2].node, at[2].inZone)[0].distance, 50.0, 1e-9);
    EXPECT_NEAR(exitOnly.nearest(at[3].node, at[3].inZone)[0].distance, 55.0, 1e-9);

    const NearestSites ignore(graph, {{at[1].node, 0, 0}}, 1, ZoneRule::Ignore);
    EXPECT_NEAR(ignore.nearest(at[0].node, false)[0].distance, 100.0, 1e-9);

    // A site inside the zone: people inside walk to it freely; people outside only get a way
    // in with the metres entering the zone counted, and it ranks after any way that enters none.
    const NearestSites inside(graph, {{at[3].node, 0, 0}}, 1, ZoneRule::ExitOnly);
    const auto fromOutside = inside.nearest(at[0].node, false);
    ASSERT_EQ(fromOutside.size(), 1u);
    EXPECT_NEAR(fromOutside[0].distance, 45.0, 1e-9);
    EXPECT_NEAR(fromOutside[0].enteredZoneM, 5.0, 1e-9);
    EXPECT_NEAR(inside.nearest(at[2].node, true)[0].distance, 5.0, 1e-9);
    EXPECT_EQ(inside.nearest(at[2].node, true)[0].enteredZoneM, 0.0);

    const NearestSites both(graph, {{at[3].node, 0, 0}, {at[1].node, 0, 1}}, 2, ZoneRule::ExitOnly);
    const auto ranked = both.nearest(at[0].node, false);
    ASSERT_EQ(ranked.size(), 2u);
    EXPECT_EQ(ranked[0].site, 1u); // 200 m without entering beats 45 m entering 5 m
    EXPECT_NEAR(ranked[0].distance, 200.0, 1e-9);
    EXPECT_EQ(ranked[1].site, 0u);
}

TEST(NearestSites, WalkingOutThenBackInCountsOnlyTheWayBackIn)
{
    // Two zones on one road, 20 m apart: a walker in the first must cross the second.
    PlanarPolygon first, second;
    first.rings.push_back(
        {{X0 - 10, Y0 - 10}, {X0 + 30, Y0 - 10}, {X0 + 30, Y0 + 10}, {X0 - 10, Y0 + 10}});
    second.rings.push_back(
        {{X0 + 50, Y0 - 10}, {X0 + 80, Y0 - 10}, {X0 + 80, Y0 + 10}, {X0 + 50, Y0 + 10}});
    auto graph = RoadGraph::build({line({{X0, Y0}, {X0 + 100, Y0}})}, {first, second});
    const auto at = graph.attach({{X0 + 10, Y0}, {X0 + 100, Y0}}, 5);
    ASSERT_TRUE(at[0].inZone);
    const NearestSites search(graph, {{at[1].node, 0, 0}}, 1, ZoneRule::ExitOnly);
    const auto reach = search.nearest(at[0].node, true);
    ASSERT_EQ(reach.size(), 1u);
    EXPECT_NEAR(reach[0].distance, 90.0, 1e-9);
    EXPECT_NEAR(reach[0].enteredZoneM, 30.0, 1e-9);
}

TEST(NearestSites, DisconnectedPartReachesNothing)
{
    auto graph = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0}}), line({{X0, Y0 + 500}, {X0 + 100, Y0 + 500}})}, {});
    const auto at = graph.attach({{X0, Y0}, {X0 + 50, Y0 + 500}, {X0 + 70, Y0 + 3}}, 10);
    const NearestSites search(graph, {{at[0].node, 0, 0}}, 4, ZoneRule::ExitOnly);
    EXPECT_TRUE(search.nearest(at[1].node, false).empty());
    ASSERT_EQ(search.nearest(at[2].node, false).size(), 1u);
    EXPECT_NEAR(search.nearest(at[2].node, false)[0].distance, 70.0, 1e-9);
}
