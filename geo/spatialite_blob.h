#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geo {

/// A geometry flattened for drawing and measuring: all coordinates in one array, parts (rings
/// or lines) as offsets into it, polygons as offsets into the parts.
struct FlatGeometry
{
    enum class Kind { Point, Line, Polygon };
    Kind kind = Kind::Point;
    std::vector<double> xy;                   ///< x0, y0, x1, y1, ...
    std::vector<std::uint32_t> partStarts;    ///< first point of each part, plus one past the end
    std::vector<std::uint32_t> polygonStarts; ///< first part of each polygon, plus the end

    std::size_t pointCount() const { return xy.size() / 2; }
    std::size_t partCount() const { return partStarts.empty() ? 0 : partStarts.size() - 1; }
    void clear();
};

/// Reads the geometry of a SpatiaLite BLOB (uncompressed, any of XY/XYZ/XYM/XYZM; Z and M
/// dropped) into out. Returns false for malformed or compressed blobs. A collection takes the
/// kind of its highest-dimension member. Lets the renderer skip a WKB round trip.
bool parseSpatialiteBlob(const unsigned char* data, std::size_t size, FlatGeometry& out);

/// Converts 2D WKB (either byte order) into a SpatiaLite geometry BLOB with the given SRID, as
/// GeomFromWKB() would, without an SQL round trip. Returns an empty vector for WKB it cannot
/// read (Z/M dimensions, unknown types, truncated data).
std::vector<unsigned char> spatialiteBlobFromWkb(const std::vector<unsigned char>& wkb, int srid);

/// Converts a 2D SpatiaLite geometry BLOB (uncompressed, either byte order) into the WKB
/// AsBinary() gives, without an SQL round trip: the body is copied and each collection
/// member's 0x69 marker becomes the byte order. Returns false (out cleared) for blobs it does
/// not convert: compressed, Z/M, malformed; callers then ask SpatiaLite.
bool wkbFromSpatialiteBlob(const unsigned char* data,
                           std::size_t size,
                           std::vector<unsigned char>& out);

/// Reads the minimum bounding rectangle stored in a SpatiaLite BLOB header.
bool spatialiteBlobEnvelope(const unsigned char* data,
                            std::size_t size,
                            double& minX,
                            double& minY,
                            double& maxX,
                            double& maxY);

} // namespace geo
