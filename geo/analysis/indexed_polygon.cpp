#include "geo/analysis/indexed_polygon.h"

#include "geo/analysis/wkb.h"
#include "geo/errors.h"

#include <algorithm>
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
        value = 0;
        for (int i = 0; i < 4; ++i) {
            const std::uint32_t b = m_data[m_position + static_cast<std::size_t>(i)];
            value |= little ? b << (8 * i) : b << (8 * (3 - i));
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
        for (int i = 0; i < 8; ++i) {
            const std::uint64_t b = m_data[m_position + static_cast<std::size_t>(i)];
            bits |= little ? b << (8 * i) : b << (8 * (7 - i));
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

struct RawPart
{
    int dimension;
    bool exterior; ///< first ring of a polygon
    std::vector<double> xy;
};

bool readGeometry(WkbReader& reader, std::vector<RawPart>& parts, int depth)
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
    auto points = [&](std::uint32_t count, std::vector<double>& xy) {
        if (count > reader.remaining() / 16) {
            return false;
        }
        xy.reserve(xy.size() + 2 * count);
        for (std::uint32_t i = 0; i < count; ++i) {
            double x = 0, y = 0;
            if (!reader.real(x, little) || !reader.real(y, little) || !reader.skip(extra)) {
                return false;
            }
            xy.push_back(x);
            xy.push_back(y);
        }
        return true;
    };
    std::uint32_t count = 0;
    switch (type) {
    case 1: { // POINT (an empty point is NaN NaN)
        RawPart part{0, false, {}};
        if (!points(1, part.xy)) {
            return false;
        }
        if (!std::isnan(part.xy[0])) {
            parts.push_back(std::move(part));
        }
        return true;
    }
    case 2: { // LINESTRING
        RawPart part{1, false, {}};
        if (!reader.uint32(count, little) || !points(count, part.xy)) {
            return false;
        }
        if (count > 0) {
            parts.push_back(std::move(part));
        }
        return true;
    }
    case 3: { // POLYGON
        std::uint32_t rings = 0;
        if (!reader.uint32(rings, little)) {
            return false;
        }
        for (std::uint32_t r = 0; r < rings; ++r) {
            RawPart part{2, r == 0, {}};
            if (!reader.uint32(count, little) || !points(count, part.xy)) {
                return false;
            }
            if (count > 0) {
                parts.push_back(std::move(part));
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
            if (!readGeometry(reader, parts, depth + 1)) {
                return false;
            }
        }
        return true;
    }
    default:
        return false;
    }
}

bool readRawParts(const unsigned char* wkb, std::size_t size, std::vector<RawPart>& parts)
{
    WkbReader reader(wkb, size);
    return readGeometry(reader, parts, 0);
}

double signedArea(const std::vector<double>& xy)
{
    const std::size_t n = xy.size() / 2;
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
    out = Polyline();
    std::vector<RawPart> parts;
    if (!readRawParts(wkb, size, parts)) {
        return false;
    }
    int dimension = -1;
    for (const auto& part : parts) {
        dimension = std::max(dimension, part.dimension);
    }
    out.dimension = dimension;
    for (const auto& part : parts) {
        if (part.dimension != dimension) {
            continue;
        }
        out.starts.push_back(static_cast<std::uint32_t>(out.xy.size() / 2));
        for (std::size_t i = 0; i + 1 < part.xy.size(); i += 2) {
            out.envelope.include(Envelope::ofPoint(part.xy[i], part.xy[i + 1]));
        }
        out.xy.insert(out.xy.end(), part.xy.begin(), part.xy.end());
    }
    out.starts.push_back(static_cast<std::uint32_t>(out.xy.size() / 2));
    return true;
}

double wkbArea(const std::vector<unsigned char>& wkb)
{
    std::vector<RawPart> parts;
    if (!readRawParts(wkb.data(), wkb.size(), parts)) {
        return 0;
    }
    double area = 0;
    for (const auto& part : parts) {
        if (part.dimension == 2) {
            const double ring = std::fabs(signedArea(part.xy));
            area += part.exterior ? ring : -ring;
        }
    }
    return area;
}

int wkbDimension(const std::vector<unsigned char>& wkb)
{
    Polyline parts;
    if (!readWkbParts(wkb.data(), wkb.size(), parts)) {
        return -1;
    }
    return parts.dimension;
}

IndexedPolygon::IndexedPolygon(const std::vector<unsigned char>& wkb)
{
    std::vector<RawPart> parts;
    if (!readRawParts(wkb.data(), wkb.size(), parts)) {
        throw Error("unreadable polygon WKB");
    }
    for (auto& part : parts) {
        if (part.dimension == 2) {
            addRing(part.xy, part.exterior);
        }
    }
    buildBands();
}

void IndexedPolygon::addRing(std::vector<double>& xy, bool exterior)
{
    if (xy.size() >= 4 && (xy[0] != xy[xy.size() - 2] || xy[1] != xy[xy.size() - 1])) {
        xy.push_back(xy[0]); // close an unclosed ring
        xy.push_back(xy[1]);
        m_ringsAsWritten = false;
    }
    const std::size_t n = xy.size() / 2;
    if (n < 4) {
        m_ringsAsWritten = m_ringsAsWritten && xy.empty();
        return;
    }
    // Exterior rings counter-clockwise, holes clockwise: the interior is on the left.
    const double area = signedArea(xy);
    if (area == 0) {
        m_ringsAsWritten = false;
        return;
    }
    const bool reverse = exterior ? area < 0 : area > 0;
    const std::size_t edgesBefore = m_edges.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const std::size_t a = reverse ? n - 1 - i : i;
        const std::size_t b = reverse ? n - 2 - i : i + 1;
        Segment s{xy[2 * a], xy[2 * a + 1], xy[2 * b], xy[2 * b + 1]};
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
    // 1. Edges meet only where consecutive edges of a ring share their vertex.
    std::vector<double> ts;
    bool simple = true;
    for (std::uint32_t e = 0; e < m_edges.size() && simple; ++e) {
        const Segment& a = m_edges[e];
        const std::uint32_t r = ringOf[e];
        const std::uint32_t first = m_ringEdgeStarts[r], last = m_ringEdgeStarts[r + 1] - 1;
        const std::uint32_t next = e == last ? first : e + 1;
        const Envelope box{
            std::min(a.x1, a.x2), std::min(a.y1, a.y2), std::max(a.x1, a.x2), std::max(a.y1, a.y2)};
        visitEdges(box, [&](std::uint32_t f) {
            if (!simple || f <= e) {
                return; // each pair once
            }
            ts.clear();
            if (!segmentContacts(a, m_edges[f], ts)) {
                return;
            }
            std::sort(ts.begin(), ts.end());
            ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
            const bool followsA = f == next;
            const bool precedesA = ringOf[f] == r && (e == first ? f == last : f + 1 == e);
            // The one shared vertex: a's end when f follows it, a's start when f precedes it.
            simple = ts.size() == 1 && ((followsA && ts[0] == 1.0) || (precedesA && ts[0] == 0.0));
        });
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
    m_firstBand.resize(edges);
    std::vector<std::uint32_t> lastBand(edges);
    for (std::size_t e = 0; e < edges; ++e) {
        const auto& s = m_edges[e];
        m_firstBand[e] = bandOf(std::min(s.y1, s.y2));
        lastBand[e] = bandOf(std::max(s.y1, s.y2));
        for (std::uint32_t b = m_firstBand[e]; b <= lastBand[e]; ++b) {
            ++m_bandStarts[b + 1];
        }
    }
    for (std::uint32_t b = 0; b < bands; ++b) {
        m_bandStarts[b + 1] += m_bandStarts[b];
    }
    m_bandEdges.resize(m_bandStarts[bands]);
    std::vector<std::uint32_t> fill(m_bandStarts.begin(), m_bandStarts.end() - 1);
    for (std::size_t e = 0; e < edges; ++e) {
        for (std::uint32_t b = m_firstBand[e]; b <= lastBand[e]; ++b) {
            m_bandEdges[fill[b]++] = static_cast<std::uint32_t>(e);
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
        const Segment& s = m_edges[m_bandEdges[k]];
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
        const Segment& s = m_edges[m_bandEdges[k]];
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
