#include "geo/analysis/road_graph.h"

#include "geo/analysis/feedback.h"
#include "geo/errors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace geo {

namespace {

/// Points closer than this (metres) are the same point: exact shared vertices and touches.
constexpr double touchEpsilon = 1e-6;

struct Box
{
    double minX = std::numeric_limits<double>::max();
    double minY = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest();
    double maxY = std::numeric_limits<double>::lowest();

    void include(const PlanarPoint& p)
    {
        minX = std::min(minX, p.x);
        minY = std::min(minY, p.y);
        maxX = std::max(maxX, p.x);
        maxY = std::max(maxY, p.y);
    }
    void include(const Box& b)
    {
        minX = std::min(minX, b.minX);
        minY = std::min(minY, b.minY);
        maxX = std::max(maxX, b.maxX);
        maxY = std::max(maxY, b.maxY);
    }
    Box expanded(double d) const { return {minX - d, minY - d, maxX + d, maxY + d}; }
    bool isValid() const { return minX <= maxX && minY <= maxY; }
    bool overlaps(const Box& b) const
    {
        return minX <= b.maxX && b.minX <= maxX && minY <= b.maxY && b.minY <= maxY;
    }
};

Box segmentBox(const PlanarPoint& a, const PlanarPoint& b)
{
    return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
}

/// A uniform grid of item ids: each item is listed in every cell its box overlaps. Cells are
/// sized from the item count and extent, and the grid never exceeds a few million cells.
class Grid
{
public:
    Grid() = default;
    Grid(const std::vector<Box>& boxes, double minimumCell)
    {
        Box extent;
        for (const auto& b : boxes) {
            extent.include(b);
        }
        if (!extent.isValid()) {
            return;
        }
        m_originX = extent.minX;
        m_originY = extent.minY;
        const double width = std::max(extent.maxX - extent.minX, 1e-9);
        const double height = std::max(extent.maxY - extent.minY, 1e-9);
        double cell = std::sqrt(width * height / double(std::max<std::size_t>(boxes.size(), 1)));
        cell = std::max(cell * 1.5, minimumCell);
        constexpr double maxCells = 4e6;
        while ((width / cell + 1) * (height / cell + 1) > maxCells) {
            cell *= 1.5;
        }
        m_cell = cell;
        m_columns = static_cast<std::int64_t>(width / cell) + 1;
        m_rows = static_cast<std::int64_t>(height / cell) + 1;
        m_starts.assign(std::size_t(m_columns * m_rows) + 1, 0);
        for (const auto& b : boxes) {
            forCells(b, [&](std::size_t c) { ++m_starts[c + 1]; });
        }
        std::partial_sum(m_starts.begin(), m_starts.end(), m_starts.begin());
        m_items.resize(m_starts.back());
        std::vector<std::uint32_t> fill(m_starts.begin(), m_starts.end() - 1);
        for (std::uint32_t i = 0; i < boxes.size(); ++i) {
            forCells(boxes[i], [&](std::size_t c) { m_items[fill[c]++] = i; });
        }
    }

    bool isEmpty() const { return m_starts.empty(); }
    double cellSize() const { return m_cell; }
    std::int64_t columns() const { return m_columns; }
    std::int64_t rows() const { return m_rows; }
    std::int64_t column(double x) const
    {
        return static_cast<std::int64_t>(std::floor((x - m_originX) / m_cell));
    }
    std::int64_t row(double y) const
    {
        return static_cast<std::int64_t>(std::floor((y - m_originY) / m_cell));
    }
    std::span<const std::uint32_t> cell(std::int64_t column, std::int64_t row) const
    {
        if (isEmpty() || column < 0 || row < 0 || column >= m_columns || row >= m_rows) {
            return {};
        }
        const auto c = std::size_t(row * m_columns + column);
        return {m_items.data() + m_starts[c], m_items.data() + m_starts[c + 1]};
    }
    std::size_t cellCount() const { return isEmpty() ? 0 : m_starts.size() - 1; }
    std::span<const std::uint32_t> cellAt(std::size_t c) const
    {
        return {m_items.data() + m_starts[c], m_items.data() + m_starts[c + 1]};
    }
    std::size_t cellIndexOf(double x, double y) const
    {
        const auto c = std::clamp<std::int64_t>(column(x), 0, m_columns - 1);
        const auto r = std::clamp<std::int64_t>(row(y), 0, m_rows - 1);
        return std::size_t(r * m_columns + c);
    }

    template <typename F> void forCells(const Box& b, F&& f) const
    {
        const auto c0 = std::clamp<std::int64_t>(column(b.minX), 0, m_columns - 1);
        const auto c1 = std::clamp<std::int64_t>(column(b.maxX), 0, m_columns - 1);
        const auto r0 = std::clamp<std::int64_t>(row(b.minY), 0, m_rows - 1);
        const auto r1 = std::clamp<std::int64_t>(row(b.maxY), 0, m_rows - 1);
        for (auto r = r0; r <= r1; ++r) {
            for (auto c = c0; c <= c1; ++c) {
                f(std::size_t(r * m_columns + c));
            }
        }
    }

private:
    double m_originX = 0, m_originY = 0, m_cell = 1;
    std::int64_t m_columns = 0, m_rows = 0;
    std::vector<std::uint32_t> m_starts;
    std::vector<std::uint32_t> m_items;
};

double cross(double ax, double ay, double bx, double by)
{
    return ax * by - ay * bx;
}

double distance(const PlanarPoint& a, const PlanarPoint& b)
{
    const double dx = a.x - b.x, dy = a.y - b.y;
    return std::sqrt(dx * dx + dy * dy);
}

/// Projects p onto segment ab: the parameter t in [0, 1] and the distance.
double project(const PlanarPoint& p, const PlanarPoint& a, const PlanarPoint& b, double& t)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

PlanarPoint lerp(const PlanarPoint& a, const PlanarPoint& b, double t)
{
    return {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
}

/// Parameters of a proper crossing of segments ab and cd (interiors cross at one point).
bool properCrossing(const PlanarPoint& a,
                    const PlanarPoint& b,
                    const PlanarPoint& c,
                    const PlanarPoint& d,
                    double& t,
                    double& u)
{
    const double d1 = cross(d.x - c.x, d.y - c.y, a.x - c.x, a.y - c.y);
    const double d2 = cross(d.x - c.x, d.y - c.y, b.x - c.x, b.y - c.y);
    const double d3 = cross(b.x - a.x, b.y - a.y, c.x - a.x, c.y - a.y);
    const double d4 = cross(b.x - a.x, b.y - a.y, d.x - a.x, d.y - a.y);
    if (d1 == 0 || d2 == 0 || d3 == 0 || d4 == 0 || (d1 > 0) == (d2 > 0) || (d3 > 0) == (d4 > 0)) {
        return false;
    }
    t = d1 / (d1 - d2);
    u = d3 / (d3 - d4);
    return true;
}

/// Union-find with the smaller index as root, so results do not depend on union order.
class DisjointSets
{
public:
    explicit DisjointSets(std::size_t n) : m_parent(n)
    {
        std::iota(m_parent.begin(), m_parent.end(), 0u);
    }
    std::uint32_t find(std::uint32_t i)
    {
        while (m_parent[i] != i) {
            m_parent[i] = m_parent[m_parent[i]];
            i = m_parent[i];
        }
        return i;
    }
    void unite(std::uint32_t a, std::uint32_t b)
    {
        a = find(a);
        b = find(b);
        if (a != b) {
            m_parent[std::max(a, b)] = std::min(a, b);
        }
    }

private:
    std::vector<std::uint32_t> m_parent;
};

/// A place where a line is cut: segment (global index), parameter along it, and the point.
struct Split
{
    std::uint32_t segment = 0;
    double t = 0;
    PlanarPoint point;
};

/// The avoided zones with indexes for boundary crossings and point-in-zone tests.
class ZoneIndex
{
public:
    explicit ZoneIndex(const std::vector<PlanarPolygon>& zones) : m_zones(zones)
    {
        std::vector<Box> polygonBoxes;
        std::vector<Box> segmentBoxes;
        m_boxes.reserve(zones.size());
        for (std::uint32_t z = 0; z < zones.size(); ++z) {
            Box box;
            for (const auto& ring : zones[z].rings) {
                for (std::size_t i = 0; i < ring.size(); ++i) {
                    box.include(ring[i]);
                    const auto& a = ring[i];
                    const auto& b = ring[(i + 1) % ring.size()];
                    if (ring.size() < 2 || (a.x == b.x && a.y == b.y)) {
                        continue;
                    }
                    m_segments.push_back({a, b});
                    segmentBoxes.push_back(segmentBox(a, b));
                }
            }
            m_boxes.push_back(box);
            if (box.isValid()) {
                m_polygonIds.push_back(z);
                polygonBoxes.push_back(box);
            }
        }
        if (!segmentBoxes.empty()) {
            m_segmentGrid = Grid(segmentBoxes, 10.0);
            m_polygonGrid = Grid(polygonBoxes, 50.0);
        }
    }

    bool isEmpty() const { return m_segments.empty(); }

    /// Positions (metres along the shape) where the shape crosses or touches a zone boundary.
    std::vector<double> crossings(const std::vector<PlanarPoint>& shape,
                                  const std::vector<double>& along) const
    {
        std::vector<double> cuts;
        for (std::size_t i = 0; i + 1 < shape.size(); ++i) {
            const auto& a = shape[i];
            const auto& b = shape[i + 1];
            const double segmentLength = along[i + 1] - along[i];
            const Box box = segmentBox(a, b).expanded(touchEpsilon);
            m_segmentGrid.forCells(box, [&](std::size_t c) {
                for (auto s : m_segmentGrid.cellAt(c)) {
                    const auto& [p, q] = m_segments[s];
                    if (!box.overlaps(segmentBox(p, q))) {
                        continue;
                    }
                    double t = 0, u = 0;
                    if (properCrossing(a, b, p, q, t, u)) {
                        cuts.push_back(along[i] + t * segmentLength);
                        continue;
                    }
                    // Touching: a boundary vertex on the shape, or a shape vertex on the
                    // boundary.
                    for (const auto* v : {&p, &q}) {
                        if (project(*v, a, b, t) <= touchEpsilon) {
                            cuts.push_back(along[i] + t * segmentLength);
                        }
                    }
                    if (project(a, p, q, u) <= touchEpsilon) {
                        cuts.push_back(along[i]);
                    }
                    if (project(b, p, q, u) <= touchEpsilon) {
                        cuts.push_back(along[i + 1]);
                    }
                }
            });
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(),
                               cuts.end(),
                               [](double x, double y) { return std::abs(x - y) <= 1e-9; }),
                   cuts.end());
        return cuts;
    }

    bool contains(const PlanarPoint& point) const
    {
        if (m_polygonGrid.isEmpty()) {
            return false;
        }
        const auto items =
            m_polygonGrid.cell(m_polygonGrid.column(point.x), m_polygonGrid.row(point.y));
        for (auto item : items) {
            const auto z = m_polygonIds[item];
            const auto& b = m_boxes[z];
            if (point.x < b.minX || point.x > b.maxX || point.y < b.minY || point.y > b.maxY) {
                continue;
            }
            if (geo::contains(m_zones[z], point)) {
                return true;
            }
        }
        return false;
    }

private:
    const std::vector<PlanarPolygon>& m_zones;
    std::vector<Box> m_boxes;
    std::vector<std::uint32_t> m_polygonIds; ///< zone of each item of the polygon grid
    std::vector<std::pair<PlanarPoint, PlanarPoint>> m_segments;
    Grid m_segmentGrid;
    Grid m_polygonGrid;
};

std::vector<double> cumulativeLengths(const std::vector<PlanarPoint>& shape)
{
    std::vector<double> along(shape.size(), 0.0);
    for (std::size_t i = 1; i < shape.size(); ++i) {
        along[i] = along[i - 1] + distance(shape[i - 1], shape[i]);
    }
    return along;
}

PlanarPoint
pointAlong(const std::vector<PlanarPoint>& shape, const std::vector<double>& along, double position)
{
    const auto it = std::upper_bound(along.begin(), along.end(), position);
    std::size_t i = it == along.begin() ? 0 : std::size_t(it - along.begin()) - 1;
    if (i + 1 >= shape.size()) {
        return shape.back();
    }
    const double len = along[i + 1] - along[i];
    return lerp(shape[i], shape[i + 1], len > 0 ? (position - along[i]) / len : 0.0);
}

/// The part of shape between two positions (metres along it), with interpolated ends.
std::vector<PlanarPoint> subShape(const std::vector<PlanarPoint>& shape,
                                  const std::vector<double>& along,
                                  double start,
                                  double end)
{
    std::vector<PlanarPoint> out;
    out.push_back(pointAlong(shape, along, start));
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (along[i] > start && along[i] < end) {
            out.push_back(shape[i]);
        }
    }
    out.push_back(pointAlong(shape, along, end));
    return out;
}

} // namespace

std::uint32_t RoadGraph::addEdge(std::uint32_t from,
                                 std::uint32_t to,
                                 bool inZone,
                                 const std::vector<PlanarPoint>& shape)
{
    Edge edge;
    edge.from = from;
    edge.to = to;
    edge.inZone = inZone;
    edge.length = length(shape);
    edge.shapeBegin = static_cast<std::uint32_t>(m_shapes.size());
    m_shapes.insert(m_shapes.end(), shape.begin(), shape.end());
    edge.shapeEnd = static_cast<std::uint32_t>(m_shapes.size());
    m_edges.push_back(edge);
    return static_cast<std::uint32_t>(m_edges.size() - 1);
}

void RoadGraph::rebuildArcs()
{
    m_arcStarts.assign(m_nodes.size() + 1, 0);
    for (const auto& e : m_edges) {
        ++m_arcStarts[e.from + 1];
        if (e.to != e.from) {
            ++m_arcStarts[e.to + 1];
        }
    }
    std::partial_sum(m_arcStarts.begin(), m_arcStarts.end(), m_arcStarts.begin());
    m_arcs.assign(m_arcStarts.back(), Arc{});
    std::vector<std::uint32_t> fill(m_arcStarts.begin(), m_arcStarts.end() - 1);
    for (std::uint32_t i = 0; i < m_edges.size(); ++i) {
        const auto& e = m_edges[i];
        m_arcs[fill[e.from]++] = {i, e.to};
        if (e.to != e.from) {
            m_arcs[fill[e.to]++] = {i, e.from};
        }
    }
    m_stats.nodes = m_nodes.size();
    m_stats.edges = m_edges.size();
}

RoadGraph RoadGraph::build(const std::vector<RoadLine>& lines,
                           const std::vector<PlanarPolygon>& avoidZones,
                           const RoadGraphOptions& options,
                           const AnalysisFeedback* feedback)
{
    RoadGraph graph;
    const double tolerance = std::max(options.snapTolerance, 0.0);

    // 1. Flatten the lines: vertices without repeats, and segments as vertex indexes.
    std::vector<PlanarPoint> points;
    std::vector<std::uint32_t> lineBegin, lineEnd;
    std::vector<int> lineLevel;
    for (const auto& line : lines) {
        const auto begin = static_cast<std::uint32_t>(points.size());
        for (const auto& p : line.points) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
                continue;
            }
            if (points.size() > begin && points.back().x == p.x && points.back().y == p.y) {
                continue;
            }
            points.push_back(p);
        }
        if (points.size() - begin < 2) {
            points.resize(begin);
            continue;
        }
        lineBegin.push_back(begin);
        lineEnd.push_back(static_cast<std::uint32_t>(points.size()));
        lineLevel.push_back(line.level);
    }
    if (points.size() >= std::numeric_limits<std::uint32_t>::max() / 2) {
        throw Error("road network too large: " + std::to_string(points.size()) + " vertices");
    }
    graph.m_stats.lines = lineBegin.size();
    std::vector<std::uint32_t> segmentVertex, segmentLine;
    for (std::uint32_t l = 0; l < lineBegin.size(); ++l) {
        for (auto v = lineBegin[l]; v + 1 < lineEnd[l]; ++v) {
            segmentVertex.push_back(v);
            segmentLine.push_back(l);
        }
    }
    auto isLineEnd = [&](std::uint32_t vertex, std::uint32_t line) {
        return vertex == lineBegin[line] || vertex + 1 == lineEnd[line];
    };
    auto isClosed = [&](std::uint32_t line) {
        const auto& a = points[lineBegin[line]];
        const auto& b = points[lineEnd[line] - 1];
        return a.x == b.x && a.y == b.y;
    };

    // 2. Find where lines meet: cut both at shared vertices, crossings and touching ends.
    std::vector<Split> splits;
    for (std::uint32_t l = 0; l < lineBegin.size(); ++l) {
        const auto firstSegment = static_cast<std::uint32_t>(
            std::lower_bound(segmentVertex.begin(), segmentVertex.end(), lineBegin[l]) -
            segmentVertex.begin());
        const auto lastSegment = firstSegment + (lineEnd[l] - lineBegin[l] - 2);
        splits.push_back({firstSegment, 0.0, points[lineBegin[l]]});
        splits.push_back({lastSegment, 1.0, points[lineEnd[l] - 1]});
    }
    std::vector<char> endSnapped(points.size(), 0);
    std::vector<Box> boxes(segmentVertex.size());
    for (std::size_t s = 0; s < segmentVertex.size(); ++s) {
        boxes[s] = segmentBox(points[segmentVertex[s]], points[segmentVertex[s] + 1])
                       .expanded(tolerance + touchEpsilon);
    }
    const Grid grid(boxes, std::max(4 * tolerance, 10.0));

    auto touch = [&](std::uint32_t s, std::uint32_t r, bool sameLevel) {
        // Ends of segment s against segment r. Returns true when they met.
        bool met = false;
        const auto line = segmentLine[s];
        const auto& b0 = points[segmentVertex[r]];
        const auto& b1 = points[segmentVertex[r] + 1];
        for (std::uint32_t k = 0; k < 2; ++k) {
            const auto vertex = segmentVertex[s] + k;
            const auto& e = points[vertex];
            double u = 0;
            const double d = project(e, b0, b1, u);
            if (d > tolerance) {
                continue;
            }
            const bool atLineEnd = isLineEnd(vertex, line);
            // Line ends are split points already; adding them again only costs time.
            const bool onEndOfR = (u == 0.0 && isLineEnd(segmentVertex[r], segmentLine[r])) ||
                                  (u == 1.0 && isLineEnd(segmentVertex[r] + 1, segmentLine[r]));
            if (d <= touchEpsilon) {
                const bool sharedVertex =
                    distance(e, b0) <= touchEpsilon || distance(e, b1) <= touchEpsilon;
                if (atLineEnd || sharedVertex || (sameLevel && options.nodeCrossings)) {
                    if (!atLineEnd) {
                        splits.push_back({s, double(k), e});
                    }
                    if (!onEndOfR) {
                        splits.push_back({r, u, lerp(b0, b1, u)});
                    }
                    met = true;
                }
            } else if (atLineEnd) {
                if (!onEndOfR) {
                    splits.push_back({r, u, lerp(b0, b1, u)});
                }
                if (!endSnapped[vertex]) {
                    endSnapped[vertex] = 1;
                    ++graph.m_stats.endsSnapped;
                }
                met = true;
            }
        }
        return met;
    };

    std::size_t pairsSeen = 0;
    for (std::size_t c = 0; c < grid.cellCount(); ++c) {
        const auto items = grid.cellAt(c);
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (std::size_t j = i + 1; j < items.size(); ++j) {
                auto s = items[i], r = items[j];
                if (s > r) {
                    std::swap(s, r);
                }
                const auto& bs = boxes[s];
                const auto& br = boxes[r];
                if (!bs.overlaps(br)) {
                    continue;
                }
                // Visit each pair once: in the cell holding the corner of the boxes' overlap.
                if (grid.cellIndexOf(std::max(bs.minX, br.minX), std::max(bs.minY, br.minY)) != c) {
                    continue;
                }
                if ((++pairsSeen & 0xFFFF) == 0) {
                    throwIfCanceled(feedback);
                }
                const auto ls = segmentLine[s], lr = segmentLine[r];
                if (ls == lr) {
                    // Neighbouring segments of one line share their vertex by construction.
                    if (segmentVertex[r] == segmentVertex[s] + 1) {
                        continue;
                    }
                    if (isClosed(ls) && segmentVertex[s] == lineBegin[ls] &&
                        segmentVertex[r] + 2 == lineEnd[ls]) {
                        continue;
                    }
                }
                const bool sameLevel = lineLevel[ls] == lineLevel[lr];
                const bool metA = touch(s, r, sameLevel);
                const bool metB = touch(r, s, sameLevel);
                if (metA || metB) {
                    continue;
                }
                double t = 0, u = 0;
                const auto& a0 = points[segmentVertex[s]];
                const auto& a1 = points[segmentVertex[s] + 1];
                const auto& b0 = points[segmentVertex[r]];
                const auto& b1 = points[segmentVertex[r] + 1];
                if (properCrossing(a0, a1, b0, b1, t, u)) {
                    if (sameLevel && options.nodeCrossings) {
                        const auto p = lerp(a0, a1, t);
                        splits.push_back({s, t, p});
                        splits.push_back({r, u, p});
                        ++graph.m_stats.crossings;
                    } else if (!sameLevel) {
                        ++graph.m_stats.gradeSeparated;
                    }
                }
            }
        }
    }
    throwIfCanceled(feedback);

    // 3. Merge split points closer than the tolerance into nodes.
    struct ByPosition
    {
        PlanarPoint point;
        std::uint32_t split;
    };
    std::vector<ByPosition> byX(splits.size());
    for (std::uint32_t i = 0; i < splits.size(); ++i) {
        byX[i] = {splits[i].point, i};
    }
    std::sort(byX.begin(), byX.end(), [](const ByPosition& a, const ByPosition& b) {
        return a.point.x != b.point.x
                   ? a.point.x < b.point.x
                   : (a.point.y != b.point.y ? a.point.y < b.point.y : a.split < b.split);
    });
    DisjointSets sets(splits.size());
    for (std::size_t i = 0; i < byX.size(); ++i) {
        const auto& p = byX[i].point;
        for (std::size_t j = i + 1; j < byX.size(); ++j) {
            const auto& q = byX[j].point;
            if (q.x - p.x > tolerance) {
                break;
            }
            if (std::abs(q.y - p.y) <= tolerance && distance(p, q) <= tolerance) {
                sets.unite(byX[i].split, byX[j].split);
            }
        }
    }
    byX = {};
    // A node sits where the lines meet: on the through line rather than at a dangling end
    // snapped to it (the first 2 * lines splits are line ends).
    const std::size_t endSplits = 2 * lineBegin.size();
    constexpr auto unset = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> representative(splits.size(), unset);
    for (std::uint32_t i = 0; i < splits.size(); ++i) {
        auto& r = representative[sets.find(i)];
        if (r == unset || (r < endSplits && i >= endSplits)) {
            r = i;
        }
    }
    std::vector<std::uint32_t> nodeOf(splits.size(), unset);
    std::vector<std::uint32_t> nodeOfRoot(splits.size(), unset);
    for (std::uint32_t i = 0; i < splits.size(); ++i) {
        const auto root = sets.find(i);
        if (nodeOfRoot[root] == unset) {
            nodeOfRoot[root] = static_cast<std::uint32_t>(graph.m_nodes.size());
            graph.m_nodes.push_back(splits[representative[root]].point);
        }
        nodeOf[i] = nodeOfRoot[root];
    }
    throwIfCanceled(feedback);

    // 4. Cut each line at its splits into pieces between nodes, and each piece where it
    // crosses a zone boundary; the parts inside avoided zones are marked.
    const ZoneIndex zones(avoidZones);
    std::vector<double> along;
    auto addPiece =
        [&](std::uint32_t from, std::uint32_t to, const std::vector<PlanarPoint>& shape) {
            if (zones.isEmpty()) {
                graph.addEdge(from, to, false, shape);
                return;
            }
            along = cumulativeLengths(shape);
            const double total = along.back();
            const auto cuts = zones.crossings(shape, along);
            std::vector<double> bounds{0.0};
            for (double c : cuts) {
                if (c > 1e-9 && c < total - 1e-9) {
                    bounds.push_back(c);
                }
            }
            bounds.push_back(total);
            // Classify each interval by its midpoint and merge neighbours of one class.
            std::vector<double> runStarts;
            std::vector<bool> runInside;
            for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
                const bool inside =
                    zones.contains(pointAlong(shape, along, (bounds[k] + bounds[k + 1]) / 2));
                if (runInside.empty() || runInside.back() != inside) {
                    runStarts.push_back(bounds[k]);
                    runInside.push_back(inside);
                }
            }
            if (runInside.size() == 1) {
                graph.addEdge(from, to, runInside.front(), shape);
                return;
            }
            runStarts.push_back(total);
            auto start = from;
            for (std::size_t k = 0; k < runInside.size(); ++k) {
                auto part = subShape(shape, along, runStarts[k], runStarts[k + 1]);
                std::uint32_t end = to;
                if (k + 1 < runInside.size()) {
                    end = static_cast<std::uint32_t>(graph.m_nodes.size());
                    graph.m_nodes.push_back(part.back());
                } else {
                    part.back() = graph.m_nodes[end];
                }
                part.front() = graph.m_nodes[start];
                graph.addEdge(start, end, runInside[k], part);
                start = end;
            }
        };

    struct Stop
    {
        std::uint32_t segment;
        std::uint32_t node;
        double t;
    };
    std::vector<Stop> stops(splits.size());
    for (std::uint32_t i = 0; i < splits.size(); ++i) {
        stops[i] = {splits[i].segment, nodeOf[i], splits[i].t};
    }
    splits = {};
    nodeOf = {};
    std::sort(stops.begin(), stops.end(), [](const Stop& a, const Stop& b) {
        return a.segment != b.segment ? a.segment < b.segment
                                      : (a.t != b.t ? a.t < b.t : a.node < b.node);
    });
    std::vector<PlanarPoint> shape;
    for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
        if ((i & 0x3FFF) == 0) {
            throwIfCanceled(feedback);
        }
        const auto& a = stops[i];
        const auto& b = stops[i + 1];
        if (segmentLine[a.segment] != segmentLine[b.segment]) {
            continue;
        }
        const double positionA = double(segmentVertex[a.segment]) + a.t;
        const double positionB = double(segmentVertex[b.segment]) + b.t;
        if (positionB <= positionA) {
            continue;
        }
        shape.clear();
        shape.push_back(graph.m_nodes[a.node]);
        for (auto v = static_cast<std::uint32_t>(std::floor(positionA)) + 1; double(v) < positionB;
             ++v) {
            if (double(v) > positionA) {
                shape.push_back(points[v]);
            }
        }
        shape.push_back(graph.m_nodes[b.node]);
        if (a.node == b.node && length(shape) <= 2 * tolerance + touchEpsilon) {
            continue; // collapsed by snapping
        }
        addPiece(a.node, b.node, shape);
    }
    throwIfCanceled(feedback);
    for (const auto& e : graph.m_edges) {
        graph.m_stats.lengthM += e.length;
        if (e.inZone) {
            ++graph.m_stats.zoneEdges;
            graph.m_stats.zoneLengthM += e.length;
        }
    }
    graph.rebuildArcs();
    return graph;
}

std::vector<GraphAttachment> RoadGraph::attach(const std::vector<PlanarPoint>& queries,
                                               double maxDistance,
                                               const AnalysisFeedback* feedback)
{
    std::vector<GraphAttachment> result(queries.size());
    if (m_edges.empty() || queries.empty()) {
        return result;
    }
    // Index every edge segment.
    std::vector<Box> boxes;
    std::vector<std::uint32_t> segmentEdge, segmentVertex;
    for (std::uint32_t e = 0; e < m_edges.size(); ++e) {
        for (auto v = m_edges[e].shapeBegin; v + 1 < m_edges[e].shapeEnd; ++v) {
            boxes.push_back(segmentBox(m_shapes[v], m_shapes[v + 1]));
            segmentEdge.push_back(e);
            segmentVertex.push_back(v);
        }
    }
    const Grid grid(boxes, 25.0);

    struct Hit
    {
        std::uint32_t query = 0;
        std::uint32_t edge = 0;
        double position = 0; ///< metres from the edge's `from` node
        PlanarPoint point;
    };
    std::vector<Hit> hits;
    for (std::uint32_t q = 0; q < queries.size(); ++q) {
        if ((q & 0xFFF) == 0) {
            throwIfCanceled(feedback);
        }
        const auto& p = queries[q];
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
            continue;
        }
        double best = std::numeric_limits<double>::infinity();
        std::uint32_t bestSegment = 0;
        double bestT = 0;
        const auto cx = grid.column(p.x), cy = grid.row(p.y);
        const double cell = grid.cellSize();
        const auto maxRing = static_cast<std::int64_t>(maxDistance / cell) + 2;
        auto visit = [&](std::int64_t c, std::int64_t r) {
            for (auto s : grid.cell(c, r)) {
                double t = 0;
                const auto v = segmentVertex[s];
                const double d = project(p, m_shapes[v], m_shapes[v + 1], t);
                if (d < best || (d == best && s < bestSegment)) {
                    best = d;
                    bestSegment = s;
                    bestT = t;
                }
            }
        };
        for (std::int64_t ring = 0; ring <= maxRing; ++ring) {
            // Skip rings that lie wholly outside the grid.
            if (cx + ring < 0 || cy + ring < 0 || cx - ring >= grid.columns() ||
                cy - ring >= grid.rows()) {
                if (double(ring) * cell > maxDistance) {
                    break;
                }
                continue;
            }
            if (ring == 0) {
                visit(cx, cy);
            } else {
                for (auto c = cx - ring; c <= cx + ring; ++c) {
                    visit(c, cy - ring);
                    visit(c, cy + ring);
                }
                for (auto r = cy - ring + 1; r <= cy + ring - 1; ++r) {
                    visit(cx - ring, r);
                    visit(cx + ring, r);
                }
            }
            // Every cell of the next ring is at least ring * cell away.
            if (best <= double(ring) * cell || double(ring) * cell > maxDistance) {
                break;
            }
        }
        if (best > maxDistance) {
            continue;
        }
        const auto edgeIndex = segmentEdge[bestSegment];
        const auto& edge = m_edges[edgeIndex];
        const auto v = segmentVertex[bestSegment];
        double position = 0;
        for (auto k = edge.shapeBegin; k < v; ++k) {
            position += distance(m_shapes[k], m_shapes[k + 1]);
        }
        position += bestT * distance(m_shapes[v], m_shapes[v + 1]);
        const PlanarPoint onRoad = lerp(m_shapes[v], m_shapes[v + 1], bestT);
        hits.push_back({q, edgeIndex, position, onRoad});
        result[q].attached = true;
        result[q].distance = best;
        result[q].point = onRoad;
        result[q].inZone = edge.inZone;
    }
    throwIfCanceled(feedback);

    // Split each edge at its attachment points.
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return a.edge != b.edge
                   ? a.edge < b.edge
                   : (a.position != b.position ? a.position < b.position : a.query < b.query);
    });
    constexpr double samePlace = 1e-6; // metres along the edge
    for (std::size_t i = 0; i < hits.size();) {
        std::size_t j = i;
        while (j < hits.size() && hits[j].edge == hits[i].edge) {
            ++j;
        }
        const Edge edge = m_edges[hits[i].edge];
        const std::vector<PlanarPoint> shape(m_shapes.begin() + edge.shapeBegin,
                                             m_shapes.begin() + edge.shapeEnd);
        const auto along = cumulativeLengths(shape);
        const double total = along.back();
        // Nodes along the edge: `from`, the attachment points, `to`.
        std::vector<std::pair<double, std::uint32_t>> stops{{0.0, edge.from}};
        for (std::size_t k = i; k < j; ++k) {
            const auto& hit = hits[k];
            std::uint32_t node;
            if (hit.position <= samePlace) {
                node = edge.from;
            } else if (hit.position >= total - samePlace) {
                node = edge.to;
            } else if (stops.back().first > 0 && hit.position - stops.back().first <= samePlace) {
                node = stops.back().second;
            } else {
                node = static_cast<std::uint32_t>(m_nodes.size());
                m_nodes.push_back(hit.point);
                stops.emplace_back(hit.position, node);
            }
            result[hit.query].node = node;
        }
        stops.emplace_back(total, edge.to);
        if (stops.size() > 2) {
            for (std::size_t k = 0; k + 1 < stops.size(); ++k) {
                auto part = subShape(shape, along, stops[k].first, stops[k + 1].first);
                part.front() = m_nodes[stops[k].second];
                part.back() = m_nodes[stops[k + 1].second];
                if (k == 0) {
                    // Reuse the edge's slot for its first part.
                    const auto index =
                        addEdge(stops[k].second, stops[k + 1].second, edge.inZone, part);
                    m_edges[hits[i].edge] = m_edges[index];
                    m_edges.pop_back();
                } else {
                    addEdge(stops[k].second, stops[k + 1].second, edge.inZone, part);
                }
            }
        }
        i = j;
    }
    rebuildArcs();
    return result;
}

} // namespace geo
