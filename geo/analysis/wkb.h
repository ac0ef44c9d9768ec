#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace geo {

class CoordinateTransform;

// Small WKB helpers for callers that do not deal with GEOS.

/// Reads x and y of a 2D POINT stored as a SpatiaLite geometry BLOB (little- or big-endian).
/// Returns false for any other geometry type or a malformed blob.
bool spatialitePoint(const unsigned char* blob, std::size_t size, double& x, double& y);

/// WKB passed through a transformation (e.g. EPSG:4326 to the working CRS). Throws GeosError
/// for unreadable WKB and ProjError when a coordinate cannot be transformed.
std::vector<unsigned char> transformWkb(const std::vector<unsigned char>& wkb,
                                        const CoordinateTransform& transform);

/// Planar area of the polygons in WKB (holes subtracted), in the units of its CRS squared;
/// 0 for points, lines and unreadable WKB.
double wkbArea(const std::vector<unsigned char>& wkb);

/// 0 points, 1 lines, 2 polygons (the highest dimension of the parts), -1 unreadable or empty.
/// A 2D LINESTRING, POLYGON or MULTI* of them whose first part holds a point is known by its
/// headers alone (its coordinates are not read: a body cut short is the overlay's to report).
int wkbDimension(const std::vector<unsigned char>& wkb);

/// A POLYGON or MULTIPOLYGON in WKB as a MULTIPOLYGON; empty when it holds no polygon.
std::vector<unsigned char> asMultiPolygon(const std::vector<unsigned char>& wkb);

} // namespace geo
