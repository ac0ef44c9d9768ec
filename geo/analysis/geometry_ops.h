#pragma once

#include "geo/analysis/envelope_index.h"
#include "geo/analysis/wkb.h"
#include "geo/geos_context.h"

#include <geos_c.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace geo {

class CoordinateTransform;

struct PreparedGeometryDeleter
{
    void operator()(const GEOSPreparedGeometry* prepared) const noexcept;
};
/// A prepared geometry of this thread's GEOS context; the geometry it was made from must
/// outlive it.
using PreparedGeometry = std::unique_ptr<const GEOSPreparedGeometry, PreparedGeometryDeleter>;

/// Small GEOS operations used by the analyses. All use this thread's GEOS context and throw
/// GeosError (with GEOS's message) instead of returning null.
namespace geos {

/// Parses WKB; what names the input in the error message.
GeosGeometry fromWkb(const std::vector<unsigned char>& wkb, const std::string& what);
GeosGeometry point(double x, double y);
PreparedGeometry prepare(const GEOSGeometry& geometry);
Envelope envelope(const GEOSGeometry& geometry);
bool isEmpty(const GEOSGeometry& geometry);
/// A valid copy: the geometry itself when valid, else GEOS MakeValid's result.
GeosGeometry makeValid(GeosGeometry geometry);
GeosGeometry intersection(const GEOSGeometry& a, const GEOSGeometry& b);
GeosGeometry difference(const GEOSGeometry& a, const GEOSGeometry& b);
GeosGeometry unaryUnion(const GEOSGeometry& geometry);
/// The part of a polygonal geometry inside a rectangle (GEOS's fast rectangle clipping).
GeosGeometry clipByRectangle(const GEOSGeometry& geometry, const Envelope& rectangle);
/// Round buffer with quadrantSegments segments per quarter circle.
GeosGeometry buffer(const GEOSGeometry& geometry, double distance, int quadrantSegments);
GeosGeometry clone(const GEOSGeometry& geometry);
/// A GEOMETRYCOLLECTION (or MULTIPOLYGON when every part is a polygon) that takes ownership.
GeosGeometry collect(std::vector<GeosGeometry> parts);
/// The polygons of a geometry as separate geometries (collections and multipolygons opened).
std::vector<GeosGeometry> polygons(const GEOSGeometry& geometry);
/// Length for lines, area for polygons, 0 for points; of the parts of the highest dimension.
double measure(const GEOSGeometry& geometry);
/// Length (dimension 1) or area (dimension 2) of the parts of that dimension only.
double measure(const GEOSGeometry& geometry, int dimension);
/// 0 point, 1 line, 2 polygon (highest dimension of the parts), -1 for an empty geometry.
int dimension(const GEOSGeometry& geometry);
/// The geometry with every coordinate passed through transform; throws ProjError when
/// PROJ cannot transform a coordinate.
GeosGeometry transformed(const GEOSGeometry& geometry, const CoordinateTransform& transform);
/// Shortest distance; 0 when they intersect.
double distance(const GEOSPreparedGeometry& prepared, const GEOSGeometry& other);

} // namespace geos

} // namespace geo
