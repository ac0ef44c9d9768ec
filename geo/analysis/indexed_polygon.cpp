#include "geo/analysis/indexed_polygon.h"

#include "geo/analysis/wkb.h"
#include "geo/errors.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace geo {

namespace {

/// A bounds-checked WKB cursor.
class WkbReader
{
public:
    WkbReader(const unsigned char* data, std::size_t size) : m_data(data), m_size(size) {}

    bool byte(unsigned char& value)
    {
        if (m_position + 1 > m_size) {
            return false;
        }
        value = m_data[m_position++];
        return true;
    }
    bool uint32(std::uint32_t& value, bool little)
    {
        if (m_position + 4 > m_size) {
            return false;
        }
        std::memcpy(&value, m_data + m_position, sizeof value);
        if (little != (std::endian::native == std::endian::little)) {
            value = __builtin_bswap32(value);
        }
        m_position += 4;
        return true;
    }
    bool real(double& value, bool little)
    {
        if (m_position + 8 > m_size) {
            return false;
        }
        std::uint64_t bits = 0;
        std::memcpy(&bits, m_data + m_position, sizeof bits);
        if (little != (std::endian::native == std::endian::little)) {
            bits = __builtin_bswap64(bits);
        }
        std::memcpy(&value, &bits, sizeof value);
        m_position += 8;
        return true;
    }
    bool skip(std::size_t bytes)
    {
        if (m_position + bytes > m_size) {
            return false;
        }
        m_position += bytes;
        return true;
    }
    std::size_t remaining() const { return m_size - m_position; }

private:
    const unsigned char* m_data;
    std::size_t m_size;
    std::size_t m_position = 0;
};

/// The parts of a geometry in one coordinate buffer: part i holds xy[2 * begin, 2 * end).
struct RawParts
{
    struct Part
    {
        int dimension;
        bool exterior; ///< first ring of a polygon
        std::uint32_t begin;
        std::uint32_t end;
    };
    std::vector<double> xy;
    std::vector<Part> parts;

    void clear()
    {
        xy.clear();
        parts.clear();
    }
};

bool readGeometry(WkbReader& reader, RawParts& out, int depth)
{
    if (depth > 32) {
        return false;
    }
    unsigned char order = 0;
    std::uint32_t type = 0;
    if (!reader.byte(order) || order > 1 || !reader.uint32(type, order == 1)) {
        return false;
    }
    const bool little = order == 1;
    bool hasZ = (type & 0x80000000u) != 0;
    bool hasM = (type & 0x40000000u) != 0;
    const bool hasSrid = (type & 0x20000000u) != 0;
    type &= 0x0FFFFFFFu;
    if (type >= 1000) {
        const std::uint32_t flavour = type / 1000;
        hasZ = hasZ || flavour == 1 || flavour == 3;
        hasM = hasM || flavour == 2 || flavour == 3;
        type %= 1000;
    }
    if (hasSrid && !reader.skip(4)) {
        return false;
    }
    const std::size_t extra = (hasZ ? 8u : 0u) + (hasM ? 8u : 0u);
    // Appends a part of `count` points; an empty one is left out.
    auto part = [&](std::uint32_t count, int dimension, bool exterior) {
        if (count > reader.remaining() / 16) {
            return false;
        }
        const auto begin = static_cast<std::uint32_t>(out.xy.size() / 2);
        out.xy.resize(out.xy.size() + 2 * std::size_t{count});
        double* xy = out.xy.data() + 2 * std::size_t{begin};
        for (std::uint32_t i = 0; i < count; ++i) {
            if (!reader.real(xy[2 * i], little) || !reader.real(xy[2 * i + 1], little) ||
                !reader.skip(extra)) {
                return false;
            }
        }
        if (count > 0) {
            out.parts.push_back({dimension, exterior, begin, begin + count});
        }
        return true;
    };
    std::uint32_t count = 0;
    switch (type) {
    case 1: { // POINT (an empty point is NaN NaN)
        if (!part(1, 0, false)) {
            return false;
        }
        if (std::isnan(out.xy[out.xy.size() - 2])) {
            out.parts.pop_back();
            out.xy.resize(out.xy.size() - 2);
        }
        return true;
    }
    case 2: // LINESTRING
        return reader.uint32(count, little) && part(count, 1, false);
    case 3: { // POLYGON
        std::uint32_t rings = 0;
        if (!reader.uint32(rings, little)) {
            return false;
        }
        for (std::uint32_t r = 0; r < rings; ++r) {
            if (!reader.uint32(count, little) || !part(count, 2, r == 0)) {
                return false;
            }
        }
        return true;
    }
    case 4:
    case 5:
    case 6:
    case 7: {
        if (!reader.uint32(count, little) || count > reader.remaining() / 5) {
            return false;
        }
        for (std::uint32_t i = 0; i < count; ++i) {
            if (!readGeometry(reader, out, depth + 1)) {
                return false;
            }
        }
        return true;
    }
    default:
        return false;
    }
}

bool readRawParts(const unsigned char* wkb, std::size_t size, RawParts& out)
{
    out.clear();
    WkbReader reader(wkb, size);
    return readGeometry(reader, out, 0);
}

/// The signed area of a ring of n points (closed or not: the closing edge adds 0
/// when measured from the first vertex).
double signedArea(const double* xy, std::size_t n)
{
    if (n < 3) {
        return 0;
    }
    double sum = 0;
    const double x0 = xy[0], y0 = xy[1];
    for (std::size_t i = 0; i + 1 < n; ++i) {
        sum +=
            (xy[2 * i] - x0) * (xy[2 * i + 3] - y0) - (xy[2 * i + 2] - x0) * (xy[2 * i + 1] - y0);
    }
    return sum / 2;
}

} // namespace

bool readWkbParts(const unsigned char* wkb, std::size_t size, Polyline& out)
{
    // The parts are read straight into out.xy; a collection of mixed dimensions keeps only the
    // parts of its highest one (moved down in place). out keeps its capacity for the next call.
    thread_local RawParts raw;
    out.xy.clear();
    out.starts.clear();
    out.dimension = -1;
    out.envelope = Envelope();
    if (!readRawParts(wkb, size, raw)) {
        return false;
    }
    for (const auto& part : raw.parts) {
        out.dimension = std::max(out.dimension, part.dimension);
    }
    for (const auto& part : raw.parts) {
        if (part.dimension != out.dimension) {
            continue;
        }
        out.starts.push_back(static_cast<std::uint32_t>(out.xy.size() / 2));
        const double* xy = raw.xy.data() + 2 * std::size_t{part.begin};
        for (std::uint32_t i = 0; i < part.end - part.begin; ++i) {
            out.envelope.include(Envelope::ofPoint(xy[2 * i], xy[2 * i + 1]));
        }
        out.xy.insert(out.xy.end(), xy, xy + 2 * std::size_t{part.end - part.begin});
    }
    out.starts.push_back(static_cast<std::uint32_t>(out.xy.size() / 2));
    return true;
}

double wkbArea(const std::vector<unsigned char>& wkb)
{
    RawParts raw;
    if (!readRawParts(wkb.data(), wkb.size(), raw)) {
        return 0;
    }
    double area = 0;
    for (const auto& part : raw.parts) {
        if (part.dimension == 2) {
            const double ring = std::fabs(
                signedArea(raw.xy.data() + 2 * std::size_t{part.begin}, part.end - part.begin));
            area += part.exterior ? ring : -ring;
        }
    }
    return area;
}

namespace {

/// The dimension of a non-empty POINT, LINESTRING, POLYGON or MULTI* of these, read from the
/// headers alone (the type fixes it once one part holds a coordinate); -2 when the headers
/// do not tell (a collection, an empty first part, unknown bytes).
int dimensionFromHeaders(const std::vector<unsigned char>& wkb)
{
    WkbReader reader(wkb.data(), wkb.size());
    unsigned char order = 0;
    std::uint32_t type = 0;
    if (!reader.byte(order) || order > 1 || !reader.uint32(type, order == 1) ||
        (type & 0xE0000000u) != 0 || type >= 1000) {
        return -2; // Z/M/SRID flags or ISO Z/M codes: the long way
    }
    std::uint32_t count = 0;
    switch (type) {
    case 2: // LINESTRING
        return reader.uint32(count, order == 1) && count > 0 ? 1 : -2;
    case 3: { // POLYGON: a first ring with points
        std::uint32_t rings = 0;
        return reader.uint32(rings, order == 1) && rings > 0 && reader.uint32(count, order == 1) &&
                       count > 0
                   ? 2
                   : -2;
    }
    case 5:   // MULTILINESTRING
    case 6: { // MULTIPOLYGON: the first member decides when it is not empty
        std::uint32_t members = 0;
        unsigned char memberOrder = 0;
        std::uint32_t memberType = 0;
        if (!reader.uint32(members, order == 1) || members == 0 || !reader.byte(memberOrder) ||
            memberOrder > 1 || !reader.uint32(memberType, memberOrder == 1) ||
            memberType != type - 3 || !reader.uint32(count, memberOrder == 1) || count == 0) {
            return -2;
        }
        if (type == 6 && (!reader.uint32(count, memberOrder == 1) || count == 0)) {
            return -2;
        }
        return type == 5 ? 1 : 2;
    }
    default:
        return -2;
    }
}

} // namespace

int wkbDimension(const std::vector<unsigned char>& wkb)
{
    if (const int dimension = dimensionFromHeaders(wkb); dimension >= 0) {
        return dimension;
    }
    Polyline parts;
    if (!readWkbParts(wkb.data(), wkb.size(), parts)) {
        return -1;
    }
    return parts.dimension;
}

IndexedPolygon::IndexedPolygon(const std::vector<unsigned char>& wkb)
{
    thread_local RawParts raw;
    if (!readRawParts(wkb.data(), wkb.size(), raw)) {
        throw Error("unreadable polygon WKB");
    }
    std::size_t points = 0;
    for (const auto& part : raw.parts) {
        points += part.dimension == 2 ? part.end - part.begin + 1 : 0;
    }
    m_edges.reserve(points);
    for (const auto& part : raw.parts) {
        if (part.dimension == 2) {
            addRing(
                raw.xy.data() + 2 * std::size_t{part.begin}, part.end - part.begin, part.exterior);
        }
    }
    buildBands();
}

void IndexedPolygon::addRing(const double* xy, std::size_t count, bool exterior)
{
    // An unclosed ring is closed: its point `count` is its first.
    const bool unclosed = count >= 2 && (xy[0] != xy[2 * count - 2] || xy[1] != xy[2 * count - 1]);
    if (unclosed) {
        m_ringsAsWritten = false;
    }
    const std::size_t n = count + (unclosed ? 1 : 0);
    if (n < 4) {
        m_ringsAsWritten = m_ringsAsWritten && count == 0;
        return;
    }
    // Exterior rings counter-clockwise, holes clockwise: the interior is on the left. (The
    // closing edge adds nothing to the area measured from the first vertex.)
    const double area = signedArea(xy, count);
    if (area == 0) {
        m_ringsAsWritten = false;
        return;
    }
    const bool reverse = exterior ? area < 0 : area > 0;
    auto x = [&](std::size_t i) { return xy[2 * (i == count ? 0 : i)]; };
    auto y = [&](std::size_t i) { return xy[2 * (i == count ? 0 : i) + 1]; };
    const std::size_t edgesBefore = m_edges.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const std::size_t a = reverse ? n - 1 - i : i;
        const std::size_t b = reverse ? n - 2 - i : i + 1;
        Segment s{x(a), y(a), x(b), y(b)};
        if (s.x1 == s.x2 && s.y1 == s.y2) {
            continue;
        }
        if (!std::isfinite(s.x1) || !std::isfinite(s.y1) || !std::isfinite(s.x2) ||
            !std::isfinite(s.y2)) {
            m_ringsAsWritten = false;
            continue;
        }
        m_envelope.include(Envelope::ofPoint(s.x1, s.y1));
        m_envelope.include(Envelope::ofPoint(s.x2, s.y2));
        m_edges.push_back(s);
    }
    if (m_edges.size() > edgesBefore) {
        m_ringVertices.push_back(m_edges[edgesBefore].x1);
        m_ringVertices.push_back(m_edges[edgesBefore].y1);
        m_ringEdgeStarts.push_back(static_cast<std::uint32_t>(m_edges.size()));
        m_ringExterior.push_back(exterior ? 1 : 0);
    }
}

bool IndexedPolygon::isPlainlyValid() const
{
    if (!m_ringsAsWritten || m_edges.empty()) {
        return false;
    }
    const std::size_t rings = m_ringExterior.size();
    std::vector<std::uint32_t> ringOf(m_edges.size());
    for (std::uint32_t r = 0; r < rings; ++r) {
        for (auto e = m_ringEdgeStarts[r]; e < m_ringEdgeStarts[r + 1]; ++e) {
            ringOf[e] = r;
        }
    }
    // 1. Edges meet only where consecutive edges of a ring share their vertex. Edges whose
    //    envelopes meet share a band; each pair is tested in the first band both lie in.
    std::vector<double> ts;
    bool simple = true;
    const auto bands = static_cast<std::uint32_t>(m_bandStarts.size() - 1);
    for (std::uint32_t band = 0; band < bands && simple; ++band) {
        const std::uint32_t begin = m_bandStarts[band], end = m_bandStarts[band + 1];
        for (std::uint32_t i = begin; i < end && simple; ++i) {
            for (std::uint32_t j = i + 1; j < end && simple; ++j) {
                const BandEdge& one = m_bandEdges[i];
                const BandEdge& other = m_bandEdges[j];
                if (std::max(one.firstBand, other.firstBand) != band) {
                    continue; // tested in an earlier band
                }
                const std::uint32_t e = std::min(one.edge, other.edge);
                const std::uint32_t f = std::max(one.edge, other.edge);
                const Segment& a = m_edges[e];
                const Segment& b = m_edges[f];
                if (std::max(a.x1, a.x2) < std::min(b.x1, b.x2) ||
                    std::max(b.x1, b.x2) < std::min(a.x1, a.x2) ||
                    std::max(a.y1, a.y2) < std::min(b.y1, b.y2) ||
                    std::max(b.y1, b.y2) < std::min(a.y1, a.y2)) {
                    continue;
                }
                ts.clear();
                if (!segmentContacts(a, b, ts)) {
                    continue;
                }
                std::sort(ts.begin(), ts.end());
                ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
                const std::uint32_t r = ringOf[e];
                const std::uint32_t first = m_ringEdgeStarts[r], last = m_ringEdgeStarts[r + 1] - 1;
                const std::uint32_t next = e == last ? first : e + 1;
                const bool followsA = f == next;
                const bool precedesA = ringOf[f] == r && (e == first ? f == last : f + 1 == e);
                // The one shared vertex: a's end when f follows it, a's start when f precedes
                // it.
                simple =
                    ts.size() == 1 && ((followsA && ts[0] == 1.0) || (precedesA && ts[0] == 0.0));
            }
        }
    }
    if (!simple) {
        return false;
    }
    // 2. Nesting agrees with the ring roles (the rings are disjoint now, so one vertex tells
    //    where a whole ring lies). Quadratic in the rings: many-ring polygons go to GEOS.
    constexpr std::size_t maximumRings = 64;
    if (rings > maximumRings) {
        return false;
    }
    for (std::uint32_t r = 0; r < rings; ++r) {
        const double x = m_ringVertices[2 * r], y = m_ringVertices[2 * r + 1];
        std::size_t depth = 0;
        for (std::uint32_t other = 0; other < rings; ++other) {
            if (other == r) {
                continue;
            }
            bool inside = false;
            for (auto k = m_ringEdgeStarts[other]; k < m_ringEdgeStarts[other + 1]; ++k) {
                const Segment& s = m_edges[k];
                if ((s.y1 > y) != (s.y2 > y) &&
                    s.x1 + (y - s.y1) * (s.x2 - s.x1) / (s.y2 - s.y1) > x) {
                    inside = !inside;
                }
            }
            depth += inside ? 1 : 0;
        }
        if ((depth % 2 == 0) != (m_ringExterior[r] != 0)) {
            return false;
        }
    }
    return true;
}

std::uint32_t IndexedPolygon::bandOf(double y) const
{
    const double band = (y - m_envelope.minY) * m_inverseBandHeight;
    if (!(band > 0)) {
        return 0;
    }
    if (band >= m_lastBand) {
        return static_cast<std::uint32_t>(m_lastBand);
    }
    return static_cast<std::uint32_t>(band); // truncation is floor for band > 0
}

void IndexedPolygon::buildBands()
{
    const std::size_t edges = m_edges.size();
    // About as many bands as edges: a band then holds little more than the edges a
    // horizontal line through it crosses.
    const auto bands = static_cast<std::uint32_t>(std::clamp<std::size_t>(edges, 1, 16384));
    const double height = m_envelope.maxY - m_envelope.minY;
    m_bandHeight = height > 0 ? height / bands : 1;
    m_inverseBandHeight = 1 / m_bandHeight;
    m_lastBand = bands - 1;
    m_bandStarts.assign(bands + 1, 0);
    std::vector<std::uint32_t> firstBand(edges), lastBand(edges);
    for (std::size_t e = 0; e < edges; ++e) {
        const auto& s = m_edges[e];
        firstBand[e] = bandOf(std::min(s.y1, s.y2));
        lastBand[e] = bandOf(std::max(s.y1, s.y2));
        for (std::uint32_t b = firstBand[e]; b <= lastBand[e]; ++b) {
            ++m_bandStarts[b + 1];
        }
    }
    for (std::uint32_t b = 0; b < bands; ++b) {
        m_bandStarts[b + 1] += m_bandStarts[b];
    }
    m_bandEdges.resize(m_bandStarts[bands]);
    std::vector<std::uint32_t> fill(m_bandStarts.begin(), m_bandStarts.end() - 1);
    for (std::size_t e = 0; e < edges; ++e) {
        for (std::uint32_t b = firstBand[e]; b <= lastBand[e]; ++b) {
            m_bandEdges[fill[b]++] = {m_edges[e], static_cast<std::uint32_t>(e), firstBand[e]};
        }
    }
}

IndexedPolygon::Location IndexedPolygon::locate(double x, double y) const
{
    if (m_edges.empty() || x < m_envelope.minX || x > m_envelope.maxX || y < m_envelope.minY ||
        y > m_envelope.maxY) {
        return Location::Exterior;
    }
    const std::uint32_t band = bandOf(y);
    bool inside = false;
    for (std::uint32_t k = m_bandStarts[band]; k < m_bandStarts[band + 1]; ++k) {
        const Segment& s = m_bandEdges[k].segment;
        // On the edge?
        if (y >= std::min(s.y1, s.y2) && y <= std::max(s.y1, s.y2) && x >= std::min(s.x1, s.x2) &&
            x <= std::max(s.x1, s.x2)) {
            const double cross = (s.x2 - s.x1) * (y - s.y1) - (s.y2 - s.y1) * (x - s.x1);
            if (cross == 0) {
                return Location::Boundary;
            }
        }
        // Crossing number with a ray towards +x (half-open in y).
        if ((s.y1 > y) != (s.y2 > y)) {
            const double xCross = s.x1 + (y - s.y1) * (s.x2 - s.x1) / (s.y2 - s.y1);
            if (xCross > x) {
                inside = !inside;
            }
        }
    }
    return inside ? Location::Interior : Location::Exterior;
}

std::pair<bool, bool> IndexedPolygon::containsBoth(double x1, double y1, double x2, double y2) const
{
    if (m_edges.empty() || bandOf(y1) != bandOf(y2)) {
        return {contains(x1, y1), contains(x2, y2)};
    }
    const bool first = !(x1 < m_envelope.minX || x1 > m_envelope.maxX || y1 < m_envelope.minY ||
                         y1 > m_envelope.maxY);
    const bool second = !(x2 < m_envelope.minX || x2 > m_envelope.maxX || y2 < m_envelope.minY ||
                          y2 > m_envelope.maxY);
    if (!first && !second) {
        return {false, false};
    }
    const std::uint32_t band = bandOf(y1);
    bool inside1 = false, inside2 = false, boundary1 = false, boundary2 = false;
    auto test = [](const Segment& s, double x, double y, bool& inside, bool& boundary) {
        if (y >= std::min(s.y1, s.y2) && y <= std::max(s.y1, s.y2) && x >= std::min(s.x1, s.x2) &&
            x <= std::max(s.x1, s.x2) &&
            (s.x2 - s.x1) * (y - s.y1) - (s.y2 - s.y1) * (x - s.x1) == 0) {
            boundary = true;
        }
        if ((s.y1 > y) != (s.y2 > y) && s.x1 + (y - s.y1) * (s.x2 - s.x1) / (s.y2 - s.y1) > x) {
            inside = !inside;
        }
    };
    for (std::uint32_t k = m_bandStarts[band]; k < m_bandStarts[band + 1]; ++k) {
        const Segment& s = m_bandEdges[k].segment;
        test(s, x1, y1, inside1, boundary1);
        test(s, x2, y2, inside2, boundary2);
    }
    return {first && inside1 && !boundary1, second && inside2 && !boundary2};
}

bool segmentContacts(const Segment& a, const Segment& b, std::vector<double>& out)
{
    const double ax = a.x2 - a.x1, ay = a.y2 - a.y1;
    const double bx = b.x2 - b.x1, by = b.y2 - b.y1;
    // Orientation of b's end points relative to a, and of a's relative to b.
    const double d1 = ax * (b.y1 - a.y1) - ay * (b.x1 - a.x1);
    const double d2 = ax * (b.y2 - a.y1) - ay * (b.x2 - a.x1);
    const double d3 = bx * (a.y1 - b.y1) - by * (a.x1 - b.x1);
    const double d4 = bx * (a.y2 - b.y1) - by * (a.x2 - b.x1);
    const double lengthSquared = ax * ax + ay * ay;
    if (lengthSquared == 0) {
        return false;
    }
    if (d1 == 0 && d2 == 0) {
        // Collinear: overlap along a.
        const double t1 = (ax * (b.x1 - a.x1) + ay * (b.y1 - a.y1)) / lengthSquared;
        const double t2 = (ax * (b.x2 - a.x1) + ay * (b.y2 - a.y1)) / lengthSquared;
        const double lo = std::max(0.0, std::min(t1, t2));
        const double hi = std::min(1.0, std::max(t1, t2));
        if (lo > hi) {
            return false;
        }
        out.push_back(lo);
        out.push_back(hi);
        return true;
    }
    if ((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0) || (d3 > 0 && d4 > 0) || (d3 < 0 && d4 < 0)) {
        return false;
    }
    // The segments meet: where along a?
    double t;
    if (d3 == 0) {
        t = 0;
    } else if (d4 == 0) {
        t = 1;
    } else {
        t = d3 / (d3 - d4);
    }
    out.push_back(std::clamp(t, 0.0, 1.0));
    return true;
}

} // namespace geo
