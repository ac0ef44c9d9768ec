#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geo {

/// A point of a planar coordinate system. In the network analyses it is in the project's
/// working metric CRS (x = easting, y = northing, metres); straight from readWkb() it is in the
/// CRS of the WKB (lon/lat for the project's storage CRS) until the caller transforms it.
struct PlanarPoint
{
    double x = 0;
    double y = 0;
};

/// One polygon: the outer ring first, then its holes. Rings may be closed or not.
struct PlanarPolygon
{
    std::vector<std::vector<PlanarPoint>> rings;
};

/// A simple-features geometry flattened into coordinate lists, for analysis code that needs
/// coordinates and nothing else. Z and M are dropped.
struct PlanarGeometry
{
    enum class Kind { Empty, Point, Line, Polygon };
    Kind kind = Kind::Empty;
    /// Point: one part per point, one coordinate each. Line: one part per line. Polygon: rings.
    std::vector<std::vector<PlanarPoint>> parts;
    /// Polygon i owns parts[polygonStarts[i]] up to parts[polygonStarts[i + 1]] (exclusive);
    /// the last entry is parts.size(). Empty for points and lines.
    std::vector<std::size_t> polygonStarts;

    /// The polygons of a polygon geometry (empty for other kinds).
    std::vector<PlanarPolygon> polygons() const;
};

/// Parses ISO or EWKB-style WKB (2D, Z, M, ZM; either byte order) of any simple-features type,
/// collections included (a collection keeps the kind of its highest-dimension members).
/// Returns false for malformed bytes.
bool readWkb(const unsigned char* data, std::size_t size, PlanarGeometry& out);

/// Little-endian 2D WKB of a point.
std::vector<unsigned char> pointWkb(const PlanarPoint& point);
/// Little-endian 2D WKB of a MULTILINESTRING with one part per line.
std::vector<unsigned char> multiLineStringWkb(const std::vector<std::vector<PlanarPoint>>& lines);

/// The area-weighted centroid of polygons (holes subtracted); for degenerate polygons the mean
/// of their vertices. For points the mean point and for lines the length-weighted midpoint.
PlanarPoint centroid(const PlanarGeometry& geometry);

/// Even-odd point-in-polygon over all rings of the polygon (outer ring and holes).
bool contains(const PlanarPolygon& polygon, const PlanarPoint& point);

/// Length of a polyline in the units of its coordinates.
double length(const std::vector<PlanarPoint>& line);

/// Shortest planar distance from a point to a geometry: to the nearest point, to the nearest
/// line segment, or to a polygon (0 inside it, holes excluded). Infinity for an empty geometry.
double distance(const PlanarGeometry& geometry, const PlanarPoint& point);

} // namespace geo
