#include "geo/analysis/planar_geometry.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace geo {

std::vector<PlanarPolygon> PlanarGeometry::polygons() const
{
    std::vector<PlanarPolygon> list;
    if (kind != Kind::Polygon || polygonStarts.size() < 2) {
        return list;
    }
    list.reserve(polygonStarts.size() - 1);
    for (std::size_t i = 0; i + 1 < polygonStarts.size(); ++i) {
        PlanarPolygon polygon;
        for (std::size_t r = polygonStarts[i]; r < polygonStarts[i + 1]; ++r) {
            polygon.rings.push_back(parts[r]);
        }
        list.push_back(std::move(polygon));
    }
    return list;
}

namespace {

/// Reads WKB bytes; every read checks the bounds so malformed input fails instead of crashing.
class WkbCursor
{
public:
    WkbCursor(const unsigned char* data, std::size_t size) : m_data(data), m_size(size) {}

    bool byte(unsigned char& value)
    {
        if (m_offset + 1 > m_size) {
            return false;
        }
        value = m_data[m_offset++];
        return true;
    }
    bool uint32(std::uint32_t& value, bool littleEndian)
    {
        if (m_offset + 4 > m_size) {
            return false;
        }
        unsigned char b[4];
        std::memcpy(b, m_data + m_offset, 4);
        m_offset += 4;
        value = littleEndian ? (std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 |
                                std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24)
                             : (std::uint32_t(b[3]) | std::uint32_t(b[2]) << 8 |
                                std::uint32_t(b[1]) << 16 | std::uint32_t(b[0]) << 24);
        return true;
    }
    bool real(double& value, bool littleEndian)
    {
        if (m_offset + 8 > m_size) {
            return false;
        }
        unsigned char b[8];
        std::memcpy(b, m_data + m_offset, 8);
        m_offset += 8;
        const bool hostLittle = [] {
            const std::uint16_t one = 1;
            unsigned char first;
            std::memcpy(&first, &one, 1);
            return first == 1;
        }();
        if (hostLittle != littleEndian) {
            for (int i = 0; i < 4; ++i) {
                std::swap(b[i], b[7 - i]);
            }
        }
        std::memcpy(&value, b, 8);
        return true;
    }
    std::size_t remaining() const { return m_size - m_offset; }

private:
    const unsigned char* m_data;
    std::size_t m_size;
    std::size_t m_offset = 0;
};

int rank(PlanarGeometry::Kind kind)
{
    switch (kind) {
    case PlanarGeometry::Kind::Empty:
        return 0;
    case PlanarGeometry::Kind::Point:
        return 1;
    case PlanarGeometry::Kind::Line:
        return 2;
    case PlanarGeometry::Kind::Polygon:
        return 3;
    }
    return 0;
}

bool readPoints(WkbCursor& cursor,
                bool little,
                int dimensions,
                std::vector<PlanarPoint>& points,
                std::uint32_t count)
{
    // Each point needs at least 8 * dimensions bytes: refuse counts the data cannot hold.
    if (std::size_t(count) * std::size_t(dimensions) * 8 > cursor.remaining()) {
        return false;
    }
    points.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        double extra = 0;
        if (!cursor.real(points[i].x, little) || !cursor.real(points[i].y, little)) {
            return false;
        }
        for (int d = 2; d < dimensions; ++d) {
            if (!cursor.real(extra, little)) {
                return false;
            }
        }
    }
    return true;
}

/// Reads one geometry into the parts of `into`, noting its kind in `kind`.
bool readGeometry(WkbCursor& cursor,
                  PlanarGeometry& into,
                  std::vector<PlanarGeometry::Kind>& kinds,
                  std::vector<std::vector<std::vector<PlanarPoint>>>& polygons,
                  int depth)
{
    if (depth > 32) {
        return false;
    }
    unsigned char order = 0;
    std::uint32_t type = 0;
    if (!cursor.byte(order) || order > 1 || !cursor.uint32(type, order == 1)) {
        return false;
    }
    const bool little = order == 1;
    int dimensions = 2;
    // EWKB flags (PostGIS/SpatiaLite style) or ISO 1000/2000/3000 offsets.
    if (type & 0x20000000u) { // SRID follows
        std::uint32_t srid = 0;
        if (!cursor.uint32(srid, little)) {
            return false;
        }
    }
    if (type & 0x80000000u) {
        ++dimensions;
    }
    if (type & 0x40000000u) {
        ++dimensions;
    }
    type &= 0x0FFFFFFFu;
    if (type >= 3000) {
        dimensions = 4;
        type -= 3000;
    } else if (type >= 2000) {
        dimensions = 3;
        type -= 2000;
    } else if (type >= 1000) {
        dimensions = 3;
        type -= 1000;
    }
    std::uint32_t count = 0;
    switch (type) {
    case 1: { // Point
        std::vector<PlanarPoint> point;
        if (!readPoints(cursor, little, dimensions, point, 1)) {
            return false;
        }
        // An empty point is written as NaN coordinates.
        if (!std::isnan(point[0].x) && !std::isnan(point[0].y)) {
            into.parts.push_back(std::move(point));
            kinds.push_back(PlanarGeometry::Kind::Point);
        }
        return true;
    }
    case 2: { // LineString
        std::vector<PlanarPoint> line;
        if (!cursor.uint32(count, little) || !readPoints(cursor, little, dimensions, line, count)) {
            return false;
        }
        if (!line.empty()) {
            into.parts.push_back(std::move(line));
            kinds.push_back(PlanarGeometry::Kind::Line);
        }
        return true;
    }
    case 3: { // Polygon
        if (!cursor.uint32(count, little) || count > cursor.remaining() / 4) {
            return false;
        }
        std::vector<std::vector<PlanarPoint>> rings;
        for (std::uint32_t r = 0; r < count; ++r) {
            std::uint32_t n = 0;
            std::vector<PlanarPoint> ring;
            if (!cursor.uint32(n, little) || !readPoints(cursor, little, dimensions, ring, n)) {
                return false;
            }
            if (!ring.empty()) {
                rings.push_back(std::move(ring));
            }
        }
        if (!rings.empty()) {
            polygons.push_back(std::move(rings));
            kinds.push_back(PlanarGeometry::Kind::Polygon);
        }
        return true;
    }
    case 4: // MultiPoint
    case 5: // MultiLineString
    case 6: // MultiPolygon
    case 7: // GeometryCollection
        if (!cursor.uint32(count, little) || count > cursor.remaining() / 5) {
            return false;
        }
        for (std::uint32_t i = 0; i < count; ++i) {
            if (!readGeometry(cursor, into, kinds, polygons, depth + 1)) {
                return false;
            }
        }
        return true;
    default:
        return false;
    }
}

void appendUint32(std::vector<unsigned char>& out, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i) {
        out.push_back(static_cast<unsigned char>((value >> (8 * i)) & 0xFF));
    }
}

void appendReal(std::vector<unsigned char>& out, double value)
{
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, 8);
    for (int i = 0; i < 8; ++i) {
        out.push_back(static_cast<unsigned char>((bits >> (8 * i)) & 0xFF));
    }
}

} // namespace

bool readWkb(const unsigned char* data, std::size_t size, PlanarGeometry& out)
{
    out = PlanarGeometry{};
    if (!data || size == 0) {
        return false;
    }
    WkbCursor cursor(data, size);
    PlanarGeometry all;
    std::vector<PlanarGeometry::Kind> kinds;
    std::vector<std::vector<std::vector<PlanarPoint>>> polygons;
    if (!readGeometry(cursor, all, kinds, polygons, 0)) {
        return false;
    }
    PlanarGeometry::Kind best = PlanarGeometry::Kind::Empty;
    for (auto kind : kinds) {
        if (rank(kind) > rank(best)) {
            best = kind;
        }
    }
    out.kind = best;
    if (best == PlanarGeometry::Kind::Polygon) {
        for (auto& rings : polygons) {
            out.polygonStarts.push_back(out.parts.size());
            for (auto& ring : rings) {
                out.parts.push_back(std::move(ring));
            }
        }
        out.polygonStarts.push_back(out.parts.size());
        return true;
    }
    // Points and lines: keep the parts of the winning kind (all.parts lists non-polygon parts
    // in the order of `kinds` without the polygons).
    std::size_t part = 0;
    for (auto kind : kinds) {
        if (kind == PlanarGeometry::Kind::Polygon) {
            continue;
        }
        if (kind == best) {
            out.parts.push_back(std::move(all.parts[part]));
        }
        ++part;
    }
    return true;
}

std::vector<unsigned char> pointWkb(const PlanarPoint& point)
{
    std::vector<unsigned char> out;
    out.reserve(21);
    out.push_back(1);
    appendUint32(out, 1);
    appendReal(out, point.x);
    appendReal(out, point.y);
    return out;
}

std::vector<unsigned char> multiLineStringWkb(const std::vector<std::vector<PlanarPoint>>& lines)
{
    std::vector<unsigned char> out;
    std::size_t points = 0;
    for (const auto& line : lines) {
        points += line.size();
    }
    out.reserve(9 + lines.size() * 9 + points * 16);
    out.push_back(1);
    appendUint32(out, 5);
    appendUint32(out, static_cast<std::uint32_t>(lines.size()));
    for (const auto& line : lines) {
        out.push_back(1);
        appendUint32(out, 2);
        appendUint32(out, static_cast<std::uint32_t>(line.size()));
        for (const auto& p : line) {
            appendReal(out, p.x);
            appendReal(out, p.y);
        }
    }
    return out;
}

namespace {
PlanarPoint meanOfVertices(const PlanarGeometry& geometry)
{
    double sx = 0, sy = 0;
    std::size_t n = 0;
    for (const auto& part : geometry.parts) {
        for (const auto& p : part) {
            sx += p.x;
            sy += p.y;
            ++n;
        }
    }
    return n ? PlanarPoint{sx / double(n), sy / double(n)} : PlanarPoint{};
}
} // namespace

PlanarPoint centroid(const PlanarGeometry& geometry)
{
    if (geometry.parts.empty()) {
        return {};
    }
    // Shift coordinates near the origin to keep the sums precise (UTM northings are ~1e7).
    const PlanarPoint origin = geometry.parts.front().front();
    if (geometry.kind == PlanarGeometry::Kind::Polygon) {
        double area2 = 0, cx = 0, cy = 0;
        // Shells count positive and holes negative whatever the orientation of their rings.
        for (std::size_t i = 0; i + 1 < geometry.polygonStarts.size(); ++i) {
            for (std::size_t r = geometry.polygonStarts[i]; r < geometry.polygonStarts[i + 1];
                 ++r) {
                const auto& ring = geometry.parts[r];
                double a = 0, x = 0, y = 0;
                for (std::size_t k = 0; k < ring.size(); ++k) {
                    const auto& p = ring[k];
                    const auto& q = ring[(k + 1) % ring.size()];
                    const double px = p.x - origin.x, py = p.y - origin.y;
                    const double qx = q.x - origin.x, qy = q.y - origin.y;
                    const double cross = px * qy - qx * py;
                    a += cross;
                    x += (px + qx) * cross;
                    y += (py + qy) * cross;
                }
                const bool isShell = r == geometry.polygonStarts[i];
                const double sign = (a < 0) == isShell ? -1.0 : 1.0;
                area2 += sign * a;
                cx += sign * x;
                cy += sign * y;
            }
        }
        if (std::abs(area2) > 1e-12) {
            return {origin.x + cx / (3 * area2), origin.y + cy / (3 * area2)};
        }
        return meanOfVertices(geometry);
    }
    if (geometry.kind == PlanarGeometry::Kind::Line) {
        double total = 0, cx = 0, cy = 0;
        for (const auto& line : geometry.parts) {
            for (std::size_t k = 0; k + 1 < line.size(); ++k) {
                const double dx = line[k + 1].x - line[k].x, dy = line[k + 1].y - line[k].y;
                const double len = std::sqrt(dx * dx + dy * dy);
                total += len;
                cx += len * ((line[k].x + line[k + 1].x) / 2 - origin.x);
                cy += len * ((line[k].y + line[k + 1].y) / 2 - origin.y);
            }
        }
        if (total > 0) {
            return {origin.x + cx / total, origin.y + cy / total};
        }
    }
    return meanOfVertices(geometry);
}

bool contains(const PlanarPolygon& polygon, const PlanarPoint& point)
{
    bool inside = false;
    for (const auto& ring : polygon.rings) {
        const std::size_t n = ring.size();
        if (n < 3) {
            continue;
        }
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const auto& a = ring[i];
            const auto& b = ring[j];
            if ((a.y > point.y) != (b.y > point.y)) {
                const double x = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y);
                if (point.x < x) {
                    inside = !inside;
                }
            }
        }
    }
    return inside;
}

double length(const std::vector<PlanarPoint>& line)
{
    double total = 0;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const double dx = line[i + 1].x - line[i].x, dy = line[i + 1].y - line[i].y;
        total += std::sqrt(dx * dx + dy * dy);
    }
    return total;
}

namespace {

double segmentDistance(const PlanarPoint& p, const PlanarPoint& a, const PlanarPoint& b)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double length2 = dx * dx + dy * dy;
    double t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0.0;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

} // namespace

double distance(const PlanarGeometry& geometry, const PlanarPoint& point)
{
    double best = std::numeric_limits<double>::infinity();
    if (geometry.kind == PlanarGeometry::Kind::Polygon) {
        for (const auto& polygon : geometry.polygons()) {
            if (contains(polygon, point)) {
                return 0;
            }
        }
    }
    for (const auto& part : geometry.parts) {
        if (geometry.kind == PlanarGeometry::Kind::Point || part.size() == 1) {
            for (const auto& p : part) {
                best = std::min(best, std::hypot(p.x - point.x, p.y - point.y));
            }
            continue;
        }
        for (std::size_t i = 0; i + 1 < part.size(); ++i) {
            best = std::min(best, segmentDistance(point, part[i], part[i + 1]));
        }
        if (geometry.kind == PlanarGeometry::Kind::Polygon && part.size() > 2) {
            best = std::min(best, segmentDistance(point, part.back(), part.front()));
        }
    }
    return best;
}

} // namespace geo
