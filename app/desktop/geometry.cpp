#include "app/desktop/geometry.h"

#include "geo/coordinate_transform.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace app {

bool Geometry::isEmpty() const
{
    for (const auto& part : parts) {
        for (const auto& ring : part) {
            if (!ring.isEmpty()) {
                return false;
            }
        }
    }
    return true;
}

QRectF Geometry::boundingRect() const
{
    bool first = true;
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    for (const auto& part : parts) {
        for (const auto& ring : part) {
            for (const QPointF& p : ring) {
                if (first) {
                    minX = maxX = p.x();
                    minY = maxY = p.y();
                    first = false;
                } else {
                    minX = std::min(minX, p.x());
                    maxX = std::max(maxX, p.x());
                    minY = std::min(minY, p.y());
                    maxY = std::max(maxY, p.y());
                }
            }
        }
    }
    return first ? QRectF() : QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
}

void Geometry::translate(double dx, double dy)
{
    for (auto& part : parts) {
        for (auto& ring : part) {
            ring.translate(dx, dy);
        }
    }
}

namespace {

class WkbReader
{
public:
    explicit WkbReader(const std::vector<unsigned char>& wkb) : m_wkb(wkb) {}

    bool readGeometry(Geometry& out)
    {
        bool little = true;
        std::uint32_t code = 0;
        if (!header(little, code)) {
            return false;
        }
        // ISO: 1000s add Z, 2000s M, 3000s ZM; EWKB: high flag bits.
        int dimensions = 2;
        if (code & 0x80000000u) {
            ++dimensions;
        }
        if (code & 0x40000000u) {
            ++dimensions;
        }
        const bool ewkbSrid = (code & 0x20000000u) != 0;
        code &= 0x0fffffffu;
        if (code >= 3000) {
            dimensions = 4;
            code -= 3000;
        } else if (code >= 2000) {
            dimensions = 3;
            code -= 2000;
        } else if (code >= 1000) {
            dimensions = 3;
            code -= 1000;
        }
        if (ewkbSrid) {
            std::uint32_t srid = 0;
            if (!uint32(little, srid)) {
                return false;
            }
        }
        switch (code) {
        case 1: {
            QPointF p;
            if (!point(little, dimensions, p)) {
                return false;
            }
            if (!setType(out, Geometry::Type::Point)) {
                return false;
            }
            if (!std::isnan(p.x())) {
                out.parts.push_back({QPolygonF({p})});
            }
            return true;
        }
        case 2: {
            QPolygonF line;
            if (!points(little, dimensions, line) || !setType(out, Geometry::Type::Line)) {
                return false;
            }
            out.parts.push_back({line});
            return true;
        }
        case 3: {
            std::uint32_t rings = 0;
            if (!uint32(little, rings) || !setType(out, Geometry::Type::Polygon)) {
                return false;
            }
            std::vector<QPolygonF> polygon;
            for (std::uint32_t i = 0; i < rings; ++i) {
                QPolygonF ring;
                if (!points(little, dimensions, ring)) {
                    return false;
                }
                polygon.push_back(ring);
            }
            out.parts.push_back(polygon);
            return true;
        }
        case 4:
        case 5:
        case 6:
        case 7: {
            std::uint32_t count = 0;
            if (!uint32(little, count)) {
                return false;
            }
            for (std::uint32_t i = 0; i < count; ++i) {
                if (!readGeometry(out)) {
                    return false;
                }
            }
            return true;
        }
        default:
            return false;
        }
    }

private:
    static bool setType(Geometry& out, Geometry::Type type)
    {
        if (out.type == Geometry::Type::None) {
            out.type = type;
        }
        return out.type == type;
    }

    bool header(bool& little, std::uint32_t& code)
    {
        if (m_position + 5 > m_wkb.size()) {
            return false;
        }
        little = m_wkb[m_position++] == 1;
        return uint32(little, code);
    }

    bool uint32(bool little, std::uint32_t& value)
    {
        if (m_position + 4 > m_wkb.size()) {
            return false;
        }
        value = 0;
        for (int i = 0; i < 4; ++i) {
            const std::uint32_t byte = m_wkb[m_position + (little ? i : 3 - i)];
            value |= byte << (8 * i);
        }
        m_position += 4;
        return true;
    }

    bool float64(bool little, double& value)
    {
        if (m_position + 8 > m_wkb.size()) {
            return false;
        }
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) {
            const std::uint64_t byte = m_wkb[m_position + (little ? i : 7 - i)];
            bits |= byte << (8 * i);
        }
        std::memcpy(&value, &bits, sizeof value);
        m_position += 8;
        return true;
    }

    bool point(bool little, int dimensions, QPointF& p)
    {
        double x = 0, y = 0, ignored = 0;
        if (!float64(little, x) || !float64(little, y)) {
            return false;
        }
        for (int i = 2; i < dimensions; ++i) {
            if (!float64(little, ignored)) {
                return false;
            }
        }
        p = QPointF(x, y);
        return true;
    }

    bool points(bool little, int dimensions, QPolygonF& out)
    {
        std::uint32_t count = 0;
        if (!uint32(little, count) ||
            m_position + std::size_t(count) * 8 * dimensions > m_wkb.size()) {
            return false;
        }
        out.reserve(static_cast<qsizetype>(count));
        for (std::uint32_t i = 0; i < count; ++i) {
            QPointF p;
            if (!point(little, dimensions, p)) {
                return false;
            }
            out.append(p);
        }
        return true;
    }

    const std::vector<unsigned char>& m_wkb;
    std::size_t m_position = 0;
};

class WkbWriter
{
public:
    void header(std::uint32_t code)
    {
        m_wkb.push_back(1); // little endian
        uint32(code);
    }
    void uint32(std::uint32_t value)
    {
        for (int i = 0; i < 4; ++i) {
            m_wkb.push_back(static_cast<unsigned char>((value >> (8 * i)) & 0xff));
        }
    }
    void float64(double value)
    {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof value);
        for (int i = 0; i < 8; ++i) {
            m_wkb.push_back(static_cast<unsigned char>((bits >> (8 * i)) & 0xff));
        }
    }
    void points(const QPolygonF& ring)
    {
        uint32(static_cast<std::uint32_t>(ring.size()));
        for (const QPointF& p : ring) {
            float64(p.x());
            float64(p.y());
        }
    }
    std::vector<unsigned char> take() { return std::move(m_wkb); }

private:
    std::vector<unsigned char> m_wkb;
};

QPolygonF closed(QPolygonF ring)
{
    if (!ring.isEmpty() && ring.first() != ring.last()) {
        ring.append(ring.first());
    }
    return ring;
}

} // namespace

Geometry geometryFromWkb(const std::vector<unsigned char>& wkb)
{
    Geometry geometry;
    WkbReader reader(wkb);
    if (wkb.empty() || !reader.readGeometry(geometry)) {
        return {};
    }
    return geometry;
}

std::vector<unsigned char> geometryToWkb(const Geometry& geometry)
{
    WkbWriter writer;
    switch (geometry.type) {
    case Geometry::Type::None:
        return {};
    case Geometry::Type::Point: {
        std::vector<QPointF> points;
        for (const auto& part : geometry.parts) {
            for (const auto& ring : part) {
                for (const QPointF& p : ring) {
                    points.push_back(p);
                }
            }
        }
        if (points.empty()) {
            return {};
        }
        if (points.size() == 1) {
            writer.header(1);
            writer.float64(points.front().x());
            writer.float64(points.front().y());
            return writer.take();
        }
        writer.header(4);
        writer.uint32(static_cast<std::uint32_t>(points.size()));
        for (const QPointF& p : points) {
            writer.header(1);
            writer.float64(p.x());
            writer.float64(p.y());
        }
        return writer.take();
    }
    case Geometry::Type::Line: {
        writer.header(5);
        writer.uint32(static_cast<std::uint32_t>(geometry.parts.size()));
        for (const auto& part : geometry.parts) {
            writer.header(2);
            writer.points(part.empty() ? QPolygonF() : part.front());
        }
        return writer.take();
    }
    case Geometry::Type::Polygon: {
        writer.header(6);
        writer.uint32(static_cast<std::uint32_t>(geometry.parts.size()));
        for (const auto& part : geometry.parts) {
            writer.header(3);
            writer.uint32(static_cast<std::uint32_t>(part.size()));
            for (const auto& ring : part) {
                writer.points(closed(ring));
            }
        }
        return writer.take();
    }
    }
    return {};
}

std::optional<Geometry> transformed(const Geometry& geometry,
                                    const geo::CoordinateTransform& transform)
{
    Geometry out = geometry;
    for (auto& part : out.parts) {
        for (auto& ring : part) {
            for (QPointF& p : ring) {
                double x = p.x(), y = p.y();
                if (!transform.transform(x, y)) {
                    return std::nullopt;
                }
                p = QPointF(x, y);
            }
        }
    }
    return out;
}

std::optional<VertexPosition> insertVertexNear(Geometry& geometry, QPointF point, double tolerance)
{
    if (geometry.type != Geometry::Type::Line && geometry.type != Geometry::Type::Polygon) {
        return std::nullopt;
    }
    std::optional<VertexPosition> best;
    QPointF bestFoot;
    double bestDistance = tolerance;
    for (std::size_t part = 0; part < geometry.parts.size(); ++part) {
        for (std::size_t ring = 0; ring < geometry.parts[part].size(); ++ring) {
            const QPolygonF& points = geometry.parts[part][ring];
            for (qsizetype i = 1; i < points.size(); ++i) {
                const QPointF a = points[i - 1], b = points[i];
                const QPointF ab = b - a;
                const double length2 = QPointF::dotProduct(ab, ab);
                if (length2 <= 0) {
                    continue;
                }
                const double t = std::clamp(QPointF::dotProduct(point - a, ab) / length2, 0.0, 1.0);
                if (t <= 0 || t >= 1) {
                    continue; // at an end: that is the vertex itself
                }
                const QPointF foot = a + t * ab;
                const double distance = QLineF(foot, point).length();
                if (distance <= bestDistance) {
                    bestDistance = distance;
                    bestFoot = foot;
                    best = VertexPosition{part, ring, i};
                }
            }
        }
    }
    if (best) {
        geometry.parts[best->part][best->ring].insert(best->point, bestFoot);
    }
    return best;
}

bool removeVertex(Geometry& geometry, const VertexPosition& vertex)
{
    if (vertex.part >= geometry.parts.size() || vertex.ring >= geometry.parts[vertex.part].size()) {
        return false;
    }
    QPolygonF& ring = geometry.parts[vertex.part][vertex.ring];
    if (vertex.point < 0 || vertex.point >= ring.size()) {
        return false;
    }
    if (geometry.type == Geometry::Type::Line) {
        if (ring.size() <= 2) {
            return false;
        }
        ring.remove(vertex.point);
        return true;
    }
    if (geometry.type != Geometry::Type::Polygon) {
        return false;
    }
    const bool closed = ring.size() > 1 && ring.first() == ring.last();
    const qsizetype corners = closed ? ring.size() - 1 : ring.size();
    if (corners <= 3) {
        return false;
    }
    const qsizetype last = ring.size() - 1;
    if (closed && (vertex.point == 0 || vertex.point == last)) {
        ring.remove(last);
        ring.remove(0);
        ring.append(ring.first()); // the new first corner closes the ring
    } else {
        ring.remove(vertex.point);
    }
    return true;
}

double polylineLength(const QPolygonF& points)
{
    double length = 0;
    for (qsizetype i = 1; i < points.size(); ++i) {
        length += std::hypot(points[i].x() - points[i - 1].x(), points[i].y() - points[i - 1].y());
    }
    return length;
}

double ringArea(const QPolygonF& ring)
{
    const qsizetype n = ring.size();
    if (n < 3) {
        return 0;
    }
    double twice = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const QPointF& a = ring[i];
        const QPointF& b = ring[(i + 1) % n];
        twice += a.x() * b.y() - b.x() * a.y();
    }
    return std::abs(twice) / 2;
}

} // namespace app
