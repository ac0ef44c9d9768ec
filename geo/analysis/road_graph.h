#pragma once

#include "geo/analysis/planar_geometry.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace geo {

class AnalysisFeedback;

/// One road or path as drawn, in the working metric CRS.
struct RoadLine
{
    std::vector<PlanarPoint> points;
    /// Grade of the line: 0 at ground level, above 0 a bridge (or OSM layer > 0), below 0 a
    /// tunnel. Lines that cross without a shared vertex meet only when their levels are equal.
    int level = 0;
};

struct RoadGraphOptions
{
    /// Metres. A line end this close to another line (or line end) joins it; junction points
    /// closer than this are merged into one node.
    double snapTolerance = 1.0;
    /// Lines that cross without a shared vertex become a junction (at equal level).
    bool nodeCrossings = true;
};

/// What building the graph did, for reports and tests.
struct RoadGraphStats
{
    std::size_t lines = 0;          ///< input lines with at least two distinct points
    std::size_t nodes = 0;          ///< graph nodes (junctions, ends, zone-boundary cuts)
    std::size_t edges = 0;          ///< graph edges
    std::size_t crossings = 0;      ///< lines crossing without a shared vertex, made junctions
    std::size_t gradeSeparated = 0; ///< crossings left apart because the levels differ
    std::size_t endsSnapped = 0;    ///< line ends joined to a line they did not exactly touch
    std::size_t zoneEdges = 0;      ///< edges inside an avoided zone
    double lengthM = 0;             ///< total edge length
    double zoneLengthM = 0;         ///< length of the edges inside avoided zones
};

/// Where a point joins the road graph: the nearest point of the nearest edge.
struct GraphAttachment
{
    bool attached = false;  ///< false when no edge lies within the maximum distance
    std::uint32_t node = 0; ///< the graph node at the attachment point
    double distance = 0;    ///< metres from the point to the road, walked in a straight line
    PlanarPoint point;      ///< the attachment point on the road
    bool inZone = false;    ///< the road there lies inside an avoided zone
};

/// An undirected road graph in the working metric CRS (on foot, roads are walked both ways).
/// Built from lines that may cross or nearly touch (OSM-style data): nodes are made at shared
/// vertices and line ends, at crossings of lines of equal level, and where a line end lies
/// within the snap tolerance of another line. Edges are cut where they cross the boundary of
/// an avoided zone, and each edge knows whether it lies inside one.
/// Plain data: build and attach on one thread; a finished graph may be read from several.
class RoadGraph
{
public:
    struct Edge
    {
        std::uint32_t from = 0;
        std::uint32_t to = 0;
        double length = 0; ///< metres along the shape
        bool inZone = false;
        std::uint32_t shapeBegin = 0; ///< the edge's vertices, from `from` to `to`
        std::uint32_t shapeEnd = 0;
    };
    /// One end of an edge seen from a node: the edge and the node at its other end.
    struct Arc
    {
        std::uint32_t edge = 0;
        std::uint32_t node = 0;
    };

    /// Nodes and cuts the lines; avoidZones are the polygons whose roads are marked inZone.
    /// Throws AnalysisCanceled when feedback is cancelled.
    static RoadGraph build(const std::vector<RoadLine>& lines,
                           const std::vector<PlanarPolygon>& avoidZones,
                           const RoadGraphOptions& options = {},
                           const AnalysisFeedback* feedback = nullptr);

    /// Joins each point to the graph at the nearest point of the nearest edge within
    /// maxDistance metres, splitting edges there (points at one place share a node).
    std::vector<GraphAttachment> attach(const std::vector<PlanarPoint>& points,
                                        double maxDistance,
                                        const AnalysisFeedback* feedback = nullptr);

    std::size_t nodeCount() const { return m_nodes.size(); }
    const std::vector<PlanarPoint>& nodes() const { return m_nodes; }
    const std::vector<Edge>& edges() const { return m_edges; }
    std::span<const Arc> arcs(std::uint32_t node) const
    {
        return {m_arcs.data() + m_arcStarts[node], m_arcs.data() + m_arcStarts[node + 1]};
    }
    /// The vertices of an edge from its `from` node to its `to` node.
    std::span<const PlanarPoint> shape(const Edge& edge) const
    {
        return {m_shapes.data() + edge.shapeBegin, m_shapes.data() + edge.shapeEnd};
    }
    bool hasZoneEdges() const { return m_stats.zoneEdges > 0; }
    const RoadGraphStats& stats() const { return m_stats; }

private:
    std::uint32_t addEdge(std::uint32_t from,
                          std::uint32_t to,
                          bool inZone,
                          const std::vector<PlanarPoint>& shape);
    void rebuildArcs();

    std::vector<PlanarPoint> m_nodes;
    std::vector<Edge> m_edges;
    std::vector<PlanarPoint> m_shapes;
    std::vector<std::uint32_t> m_arcStarts;
    std::vector<Arc> m_arcs;
    RoadGraphStats m_stats;
};

} // namespace geo
