#pragma once

#include <QPolygonF>
#include <QRectF>

#include <optional>
#include <vector>

namespace geo {
class CoordinateTransform;
}

namespace app {

/// A feature geometry as point lists, for drawing edit overlays and moving vertices. The
/// coordinates are in whatever CRS the caller put them in (EPSG:4326 from the project, the
/// working CRS on the canvas).
struct Geometry
{
    enum class Type { None, Point, Line, Polygon };
    Type type = Type::None;
    /// Point: each part holds one ring of one point. Line: each part holds one ring (the
    /// line). Polygon: each part holds its rings, the exterior first; rings are closed.
    std::vector<std::vector<QPolygonF>> parts;

    bool isEmpty() const;
    QRectF boundingRect() const;
    /// Moves every coordinate by (dx, dy).
    void translate(double dx, double dy);
};

/// Reads ISO or SpatiaLite-AsBinary WKB (2D; Z and M are dropped): points, lines, polygons,
/// their multi forms and collections of one kind. Returns an empty geometry when unreadable.
Geometry geometryFromWkb(const std::vector<unsigned char>& wkb);

/// Writes a geometry as 2D ISO WKB the way the project stores it: one point as POINT (several
/// as MULTIPOINT), lines as MULTILINESTRING, polygons as MULTIPOLYGON with closed rings.
std::vector<unsigned char> geometryToWkb(const Geometry& geometry);

/// The geometry with every coordinate transformed; nullopt when a point cannot be transformed.
std::optional<Geometry> transformed(const Geometry& geometry,
                                    const geo::CoordinateTransform& transform);

/// Where a vertex sits in a Geometry.
struct VertexPosition
{
    std::size_t part = 0, ring = 0;
    qsizetype point = 0;
};

/// Adds a vertex on the line or ring segment nearest to `point` (within `tolerance`, in the
/// geometry's units), at the foot of the perpendicular from `point`; returns its position, or
/// nullopt when no segment is that near (points have no segments).
std::optional<VertexPosition> insertVertexNear(Geometry& geometry, QPointF point, double tolerance);

/// Removes a vertex when the shape stays valid: a line keeps two points, a polygon ring three
/// distinct corners (the closing point follows the first). Returns false when it cannot.
bool removeVertex(Geometry& geometry, const VertexPosition& vertex);

/// Length of a polyline in its own units (metres in a projected CRS).
double polylineLength(const QPolygonF& points);
/// Area of a ring by the shoelace formula in its own units squared (open or closed ring).
double ringArea(const QPolygonF& ring);

} // namespace app
