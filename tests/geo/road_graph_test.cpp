#include "geo/analysis/feedback.h"
#include "geo/analysis/road_graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using geo::PlanarPoint;
using geo::PlanarPolygon;
using geo::RoadGraph;
using geo::RoadLine;

namespace {

RoadLine line(std::initializer_list<PlanarPoint> points, int level = 0)
{
    return RoadLine{std::vector<PlanarPoint>(points), level};
}

double totalLength(const RoadGraph& graph)
{
    double total = 0;
    for (const auto& e : graph.edges()) {
        total += e.length;
    }
    return total;
}

std::size_t degree(const RoadGraph& graph, PlanarPoint at)
{
    for (std::uint32_t n = 0; n < graph.nodeCount(); ++n) {
        const auto& p = graph.nodes()[n];
        if (std::abs(p.x - at.x) < 1e-6 && std::abs(p.y - at.y) < 1e-6) {
            return graph.arcs(n).size();
        }
    }
    return 0;
}

// UTM-sized coordinates, as the working CRS gives them.
constexpr double X0 = 400000, Y0 = 9030000;

} // namespace

TEST(RoadGraph, SharedEndPointsMakeOneNode)
{
    const auto graph = RoadGraph::build({line({{X0, Y0}, {X0 + 100, Y0}}),
                                         line({{X0 + 100, Y0}, {X0 + 100, Y0 + 50}}),
                                         line({{X0 + 100, Y0 + 50}, {X0 + 30, Y0 + 50}})},
                                        {});
    EXPECT_EQ(graph.nodeCount(), 4u);
    EXPECT_EQ(graph.edges().size(), 3u);
    EXPECT_NEAR(totalLength(graph), 220.0, 1e-9);
    EXPECT_EQ(degree(graph, {X0 + 100, Y0}), 2u);
    EXPECT_EQ(graph.stats().crossings, 0u);
}

TEST(RoadGraph, CrossingLinesWithoutSharedVertexAreNoded)
{
    // OSM-style: two ways cross with no node at the crossing.
    const auto graph = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0 + 100}}), line({{X0, Y0 + 100}, {X0 + 100, Y0}})}, {});
    EXPECT_EQ(graph.nodeCount(), 5u);
    EXPECT_EQ(graph.edges().size(), 4u);
    EXPECT_EQ(graph.stats().crossings, 1u);
    EXPECT_EQ(degree(graph, {X0 + 50, Y0 + 50}), 4u);
    EXPECT_NEAR(totalLength(graph), 2 * std::hypot(100.0, 100.0), 1e-6);
}

TEST(RoadGraph, BridgeOverRoadIsNotAJunction)
{
    const auto graph = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0 + 100}}, 1), line({{X0, Y0 + 100}, {X0 + 100, Y0}})}, {});
    EXPECT_EQ(graph.nodeCount(), 4u);
    EXPECT_EQ(graph.edges().size(), 2u);
    EXPECT_EQ(graph.stats().crossings, 0u);
    EXPECT_EQ(graph.stats().gradeSeparated, 1u);
}

TEST(RoadGraph, CrossingsCanBeLeftApart)
{
    geo::RoadGraphOptions options;
    options.nodeCrossings = false;
    const auto graph = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0 + 100}}), line({{X0, Y0 + 100}, {X0 + 100, Y0}})},
        {},
        options);
    EXPECT_EQ(graph.edges().size(), 2u);
}

TEST(RoadGraph, SharedInteriorVertexIsAJunction)
{
    // The common OSM case: one way passes through a node where another way starts and ends.
    const auto graph =
        RoadGraph::build({line({{X0, Y0}, {X0 + 50, Y0}, {X0 + 100, Y0}}),
                          line({{X0 + 50, Y0 - 50}, {X0 + 50, Y0}, {X0 + 50, Y0 + 50}}, 1)},
                         {});
    // Levels differ, but a shared vertex is a real connection.
    EXPECT_EQ(graph.nodeCount(), 5u);
    EXPECT_EQ(graph.edges().size(), 4u);
    EXPECT_EQ(degree(graph, {X0 + 50, Y0}), 4u);
}

TEST(RoadGraph, EndThatNearlyTouchesIsSnapped)
{
    // A T junction drawn 0.5 m short (undershoot) joins; 2 m short stays apart.
    const auto near = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0}}), line({{X0 + 50, Y0 + 0.5}, {X0 + 50, Y0 + 100}})}, {});
    EXPECT_EQ(near.nodeCount(), 4u);
    EXPECT_EQ(near.edges().size(), 3u);
    EXPECT_EQ(near.stats().endsSnapped, 1u);

    const auto far = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0}}), line({{X0 + 50, Y0 + 2}, {X0 + 50, Y0 + 100}})}, {});
    EXPECT_EQ(far.nodeCount(), 4u);
    EXPECT_EQ(far.edges().size(), 2u);
    EXPECT_EQ(far.stats().endsSnapped, 0u);

    // Two ends 0.8 m apart meet.
    const auto ends = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0}}), line({{X0 + 100.8, Y0}, {X0 + 200, Y0}})}, {});
    EXPECT_EQ(ends.nodeCount(), 3u);
    EXPECT_EQ(ends.edges().size(), 2u);
}

TEST(RoadGraph, OvershootJoinsAtTheCrossing)
{
    // The vertical line crosses the horizontal one and ends 0.6 m beyond it.
    const auto graph = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0}}), line({{X0 + 50, Y0 - 0.6}, {X0 + 50, Y0 + 100}})}, {});
    EXPECT_EQ(graph.edges().size(), 3u);
}

TEST(RoadGraph, TouchingEndOnInteriorIsAJunction)
{
    const auto graph = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 100, Y0}}), line({{X0 + 30, Y0}, {X0 + 30, Y0 + 40}})}, {});
    EXPECT_EQ(graph.nodeCount(), 4u);
    EXPECT_EQ(graph.edges().size(), 3u);
    EXPECT_EQ(degree(graph, {X0 + 30, Y0}), 3u);
}

TEST(RoadGraph, DuplicatedAndDegenerateLines)
{
    const auto graph = RoadGraph::build({line({{X0, Y0}, {X0 + 100, Y0}}),
                                         line({{X0, Y0}, {X0 + 100, Y0}}),
                                         line({{X0 + 5, Y0 + 5}}),
                                         line({{X0 + 7, Y0 + 7}, {X0 + 7, Y0 + 7}})},
                                        {});
    EXPECT_EQ(graph.stats().lines, 2u);
    EXPECT_EQ(graph.nodeCount(), 2u);
    EXPECT_EQ(graph.edges().size(), 2u); // parallel edges between the same two nodes
}

TEST(RoadGraph, ClosedLoopKeepsItsLength)
{
    const auto graph = RoadGraph::build(
        {line({{X0, Y0}, {X0 + 10, Y0}, {X0 + 10, Y0 + 10}, {X0, Y0 + 10}, {X0, Y0}})}, {});
    EXPECT_EQ(graph.nodeCount(), 1u);
    ASSERT_EQ(graph.edges().size(), 1u);
    EXPECT_NEAR(graph.edges()[0].length, 40.0, 1e-9);
}

TEST(RoadGraph, EdgesAreCutAtZoneBoundaries)
{
    PlanarPolygon zone;
    zone.rings.push_back(
        {{X0 + 40, Y0 - 10}, {X0 + 60, Y0 - 10}, {X0 + 60, Y0 + 10}, {X0 + 40, Y0 + 10}});
    const auto graph = RoadGraph::build({line({{X0, Y0}, {X0 + 100, Y0}})}, {zone});
    ASSERT_EQ(graph.edges().size(), 3u);
    EXPECT_EQ(graph.nodeCount(), 4u);
    EXPECT_EQ(graph.stats().zoneEdges, 1u);
    EXPECT_NEAR(graph.stats().zoneLengthM, 20.0, 1e-9);
    for (const auto& e : graph.edges()) {
        EXPECT_EQ(e.inZone, std::abs(e.length - 20.0) < 1e-9);
    }
}

TEST(RoadGraph, ZoneHoleIsOutside)
{
    PlanarPolygon zone;
    zone.rings.push_back(
        {{X0 + 20, Y0 - 10}, {X0 + 80, Y0 - 10}, {X0 + 80, Y0 + 10}, {X0 + 20, Y0 + 10}});
    zone.rings.push_back(
        {{X0 + 40, Y0 - 5}, {X0 + 60, Y0 - 5}, {X0 + 60, Y0 + 5}, {X0 + 40, Y0 + 5}});
    const auto graph = RoadGraph::build({line({{X0, Y0}, {X0 + 100, Y0}})}, {zone});
    EXPECT_EQ(graph.edges().size(), 5u);
    EXPECT_NEAR(graph.stats().zoneLengthM, 40.0, 1e-9);
}

TEST(RoadGraph, AttachSplitsEdgesAtTheNearestPoint)
{
    auto graph = RoadGraph::build({line({{X0, Y0}, {X0 + 100, Y0}})}, {});
    const auto attachments = graph.attach(
        {{X0 + 25, Y0 + 5}, {X0 + 25, Y0 - 3}, {X0 + 120, Y0}, {X0 + 50, Y0 + 900}}, 500);
    ASSERT_EQ(attachments.size(), 4u);
    EXPECT_TRUE(attachments[0].attached);
    EXPECT_NEAR(attachments[0].distance, 5.0, 1e-9);
    EXPECT_NEAR(attachments[1].distance, 3.0, 1e-9);
    EXPECT_EQ(attachments[0].node, attachments[1].node);
    EXPECT_NEAR(attachments[0].point.x, X0 + 25, 1e-9);
    EXPECT_NEAR(attachments[2].distance, 20.0, 1e-9); // beyond the end: the end node
    EXPECT_FALSE(attachments[3].attached);
    EXPECT_EQ(graph.nodeCount(), 3u);
    ASSERT_EQ(graph.edges().size(), 2u);
    EXPECT_NEAR(totalLength(graph), 100.0, 1e-9);
    EXPECT_EQ(graph.arcs(attachments[0].node).size(), 2u);
}

TEST(RoadGraph, AttachMarksZoneEdges)
{
    PlanarPolygon zone;
    zone.rings.push_back(
        {{X0 + 40, Y0 - 10}, {X0 + 60, Y0 - 10}, {X0 + 60, Y0 + 10}, {X0 + 40, Y0 + 10}});
    auto graph = RoadGraph::build({line({{X0, Y0}, {X0 + 100, Y0}})}, {zone});
    const auto a = graph.attach({{X0 + 50, Y0 + 20}, {X0 + 10, Y0 + 20}}, 100);
    EXPECT_TRUE(a[0].inZone);
    EXPECT_FALSE(a[1].inZone);
}

TEST(RoadGraph, CancelStopsTheBuild)
{
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    std::vector<RoadLine> lines;
    for (int i = 0; i < 300; ++i) {
        lines.push_back(line({{X0 + i, Y0}, {X0 + i, Y0 + 1000}}));
        lines.push_back(line({{X0, Y0 + i}, {X0 + 1000, Y0 + i}}));
    }
    EXPECT_THROW(RoadGraph::build(lines, {}, {}, &feedback), geo::AnalysisCanceled);
}
