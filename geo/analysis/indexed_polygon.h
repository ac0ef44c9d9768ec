#pragma once

#include "geo/analysis/envelope_index.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace geo {

/// A straight edge from (x1, y1) to (x2, y2).
struct Segment
{
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

/// Lines or points read from WKB: each part a run of coordinates.
struct Polyline
{
    std::vector<double> xy;            ///< x0, y0, x1, y1, ...
    std::vector<std::uint32_t> starts; ///< first point of each part, plus the end
    int dimension = -1;                ///< 0 points, 1 lines, 2 polygons (rings), -1 empty
    Envelope envelope;
};

/// Reads the coordinates of any 2D/3D/4D WKB geometry (ISO or extended, either byte order):
/// points, lines and polygon rings, each ring or line one part. A collection keeps only the
/// parts of its highest dimension. Returns false for malformed WKB.
bool readWkbParts(const unsigned char* wkb, std::size_t size, Polyline& out);

/// A polygon (or multipolygon) kept as its oriented edges (interior on the left of each edge)
/// with a band index for point-in-polygon tests and edge queries. Immutable after
/// construction, so several threads may use one at the same time. Membership follows the
/// even-odd rule, which is the OGC interior for valid polygons.
class IndexedPolygon
{
public:
    enum class Location { Exterior, Boundary, Interior };

    IndexedPolygon() = default;
    /// Builds from POLYGON/MULTIPOLYGON WKB (other parts of a collection are ignored). Throws
    /// geo::Error for unreadable WKB; an empty geometry gives an empty polygon.
    explicit IndexedPolygon(const std::vector<unsigned char>& wkb);

    bool isEmpty() const { return m_edges.empty(); }
    const Envelope& envelope() const { return m_envelope; }
    const std::vector<Segment>& edges() const { return m_edges; }
    /// A vertex of the polygon (the first of its first ring).
    double firstX() const { return m_edges.empty() ? 0 : m_edges.front().x1; }
    double firstY() const { return m_edges.empty() ? 0 : m_edges.front().y1; }
    /// One vertex of every ring (x0, y0, x1, y1, ...): where a ring lies when no edge of
    /// another polygon crosses it.
    const std::vector<double>& ringVertices() const { return m_ringVertices; }

    Location locate(double x, double y) const;
    bool covers(double x, double y) const { return locate(x, y) != Location::Exterior; }
    /// Strictly inside (the boundary excluded).
    bool contains(double x, double y) const { return locate(x, y) == Location::Interior; }
    /// True when the polygon is certainly valid in the sense that matters here: every ring
    /// was read as written (closed, at least 4 points, finite, not flat), no two edges meet
    /// except consecutive edges of a ring at their shared vertex, and every ring lies inside
    /// an even number of other rings when it is an exterior ring and an odd number when it is
    /// a hole. Then the even-odd interior is the OGC interior and the edge orientation agrees
    /// with it, so no GEOS validity check or repair is needed. False means "maybe invalid".
    bool isPlainlyValid() const;
    /// contains() of two points at once (one pass over the band when they share it).
    std::pair<bool, bool> containsBoth(double x1, double y1, double x2, double y2) const;

    /// Calls visit(edgeIndex) once for every edge whose envelope meets `box`.
    template <typename Visit> void visitEdges(const Envelope& box, Visit&& visit) const;
    /// Like visitEdges, but stops at the first edge for which visit(edgeIndex) returns true;
    /// returns whether it stopped.
    template <typename Visit> bool visitEdgesUntil(const Envelope& box, Visit&& visit) const;
    /// True when some edge's envelope meets `box` (visitEdges would visit one).
    bool hasEdgeIn(const Envelope& box) const
    {
        return visitEdgesUntil(box, [](std::uint32_t) { return true; });
    }

private:
    void addRing(const double* xy, std::size_t count, bool exterior);
    void buildBands();
    std::uint32_t bandOf(double y) const;

    std::vector<Segment> m_edges;
    std::vector<double> m_ringVertices;
    std::vector<std::uint32_t> m_ringEdgeStarts{0}; ///< first edge of each ring, plus the end
    std::vector<char> m_ringExterior;
    bool m_ringsAsWritten = true; ///< no ring was closed, dropped or had points dropped
    /// An edge as listed in a band: its segment is copied there, so that band scans read
    /// one array in order instead of looking edges up.
    struct BandEdge
    {
        Segment segment;
        std::uint32_t edge;
        std::uint32_t firstBand; ///< the first band the edge lies in
    };
    std::vector<std::uint32_t> m_bandStarts; ///< offsets into m_bandEdges, plus the end
    std::vector<BandEdge> m_bandEdges;
    Envelope m_envelope;
    double m_bandHeight = 1;
    double m_inverseBandHeight = 1;
    double m_lastBand = 0; ///< index of the last band, as a double
};

template <typename Visit> void IndexedPolygon::visitEdges(const Envelope& box, Visit&& visit) const
{
    visitEdgesUntil(box, [&](std::uint32_t e) {
        visit(e);
        return false;
    });
}

template <typename Visit>
bool IndexedPolygon::visitEdgesUntil(const Envelope& box, Visit&& visit) const
{
    if (m_edges.empty() || !box.intersects(m_envelope)) {
        return false;
    }
    const std::uint32_t first = bandOf(box.minY);
    const std::uint32_t last = bandOf(box.maxY);
    for (std::uint32_t band = first; band <= last; ++band) {
        const BandEdge* entry = m_bandEdges.data() + m_bandStarts[band];
        const BandEdge* const end = m_bandEdges.data() + m_bandStarts[band + 1];
        for (; entry != end; ++entry) {
            // An edge spanning several bands is reported in the first band of the query only.
            if (entry->firstBand != band && band != first) {
                continue;
            }
            const Segment& s = entry->segment;
            const double minX = s.x1 < s.x2 ? s.x1 : s.x2;
            const double maxX = s.x1 < s.x2 ? s.x2 : s.x1;
            const double minY = s.y1 < s.y2 ? s.y1 : s.y2;
            const double maxY = s.y1 < s.y2 ? s.y2 : s.y1;
            if (minX <= box.maxX && box.minX <= maxX && minY <= box.maxY && box.minY <= maxY &&
                visit(entry->edge)) {
                return true;
            }
        }
    }
    return false;
}

/// Parameters t in [0, 1] along segment a where segment b touches, crosses or overlaps it
/// (appended to out). Returns true when the two segments have any point in common.
bool segmentContacts(const Segment& a, const Segment& b, std::vector<double>& out);

} // namespace geo
