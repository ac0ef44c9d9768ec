#pragma once

#include <string>
#include <vector>

namespace geo {

/// What a theme's geometry column holds.
enum class GeometryFamily { Point, Line, Polygon, Any };

/// The outcome of checking (and if needed repairing) one imported geometry.
struct GeometryCheck
{
    enum class Status { Valid, Repaired, Rejected };
    /// What was wrong; the caller words it for the user in their language.
    enum class Problem {
        None,
        Unreadable,     ///< the WKB does not parse
        Empty,          ///< no coordinates
        WrongFamily,    ///< e.g. a line for a polygon theme; detail names the type
        MultiplePoints, ///< a multipoint for a single-point theme; detail holds the count
        Invalid,        ///< not valid (repaired when status is Repaired); detail is GEOS's reason
    };
    Status status = Status::Rejected;
    Problem problem = Problem::None;
    /// GEOS's own words: the validity reason with its location, or the geometry type.
    std::string detail;
    /// The geometry to store: 2D WKB, lines and polygons as multi-geometries.
    std::vector<unsigned char> wkb;
};

/// Checks that wkb fits the family, is not empty and is valid (OGC rules, as GEOS checks
/// them). Invalid lines and polygons are repaired with GEOS MakeValid (structure method);
/// parts of another dimension that the repair yields are dropped. Uses this thread's GEOS
/// context.
GeometryCheck checkGeometry(const std::vector<unsigned char>& wkb, GeometryFamily family);

/// OGC geometry type code of a WKB blob (1 point ... 7 collection), 0 when unreadable.
int wkbGeometryType(const std::vector<unsigned char>& wkb);

} // namespace geo
