#include "geo/geometry_check.h"

#include "geo/geos_context.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace geo {

int wkbGeometryType(const std::vector<unsigned char>& wkb)
{
    if (wkb.size() < 5) {
        return 0;
    }
    std::uint32_t type = 0;
    if (wkb[0] == 1) {
        type = static_cast<std::uint32_t>(wkb[1]) | (static_cast<std::uint32_t>(wkb[2]) << 8) |
               (static_cast<std::uint32_t>(wkb[3]) << 16) |
               (static_cast<std::uint32_t>(wkb[4]) << 24);
    } else {
        type = static_cast<std::uint32_t>(wkb[4]) | (static_cast<std::uint32_t>(wkb[3]) << 8) |
               (static_cast<std::uint32_t>(wkb[2]) << 16) |
               (static_cast<std::uint32_t>(wkb[1]) << 24);
    }
    type &= 0x0FFFFFFF; // EWKB flags
    type %= 1000;       // ISO Z/M variants
    return static_cast<int>(type);
}

namespace {

const char* familyName(GeometryFamily family)
{
    switch (family) {
    case GeometryFamily::Point:
        return "point";
    case GeometryFamily::Line:
        return "line";
    case GeometryFamily::Polygon:
        return "polygon";
    case GeometryFamily::Any:
        break;
    }
    return "geometry";
}

GeometryFamily familyOfType(int type)
{
    switch (type) {
    case GEOS_POINT:
    case GEOS_MULTIPOINT:
        return GeometryFamily::Point;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
    case GEOS_MULTILINESTRING:
        return GeometryFamily::Line;
    case GEOS_POLYGON:
    case GEOS_MULTIPOLYGON:
        return GeometryFamily::Polygon;
    default:
        return GeometryFamily::Any;
    }
}

/// The parts of geometry of one family, as a Multi* (or a single point), or null if none.
GeosGeometry collectFamily(const GEOSGeometry& geometry, GeometryFamily family)
{
    auto* ctx = geosContext();
    std::vector<GEOSGeometry*> parts;
    auto visit = [&](auto&& self, const GEOSGeometry* g) -> void {
        const int type = GEOSGeomTypeId_r(ctx, g);
        if (type == GEOS_GEOMETRYCOLLECTION || type == GEOS_MULTIPOLYGON ||
            type == GEOS_MULTILINESTRING || type == GEOS_MULTIPOINT) {
            const int n = GEOSGetNumGeometries_r(ctx, g);
            for (int i = 0; i < n; ++i) {
                self(self, GEOSGetGeometryN_r(ctx, g, i));
            }
            return;
        }
        if (familyOfType(type) == family && !GEOSisEmpty_r(ctx, g)) {
            if (type == GEOS_LINEARRING) {
                const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, g);
                parts.push_back(GEOSGeom_createLineString_r(ctx, GEOSCoordSeq_clone_r(ctx, seq)));
            } else {
                parts.push_back(GEOSGeom_clone_r(ctx, g));
            }
        }
    };
    visit(visit, &geometry);
    if (parts.empty()) {
        return nullptr;
    }
    if (family == GeometryFamily::Point && parts.size() == 1) {
        return GeosGeometry(parts.front());
    }
    const int multiType = family == GeometryFamily::Point  ? GEOS_MULTIPOINT
                          : family == GeometryFamily::Line ? GEOS_MULTILINESTRING
                                                           : GEOS_MULTIPOLYGON;
    return GeosGeometry(GEOSGeom_createCollection_r(
        ctx, multiType, parts.data(), static_cast<unsigned>(parts.size())));
}

std::string invalidReason(const GEOSGeometry& geometry)
{
    auto* ctx = geosContext();
    char* reason = nullptr;
    GEOSGeometry* location = nullptr;
    GEOSisValidDetail_r(ctx, &geometry, 0, &reason, &location);
    std::string text = reason ? reason : "invalid geometry";
    if (location) {
        double x = 0, y = 0;
        if (GEOSGeomGetX_r(ctx, location, &x) == 1 && GEOSGeomGetY_r(ctx, location, &y) == 1) {
            char buffer[80];
            std::snprintf(buffer, sizeof buffer, " at %.7g %.7g", x, y);
            text += buffer;
        }
        GEOSGeom_destroy_r(ctx, location);
    }
    GEOSFree_r(ctx, reason);
    return text;
}

} // namespace

GeometryCheck checkGeometry(const std::vector<unsigned char>& wkb, GeometryFamily family)
{
    GeometryCheck result;
    const int wkbType = wkbGeometryType(wkb);
    // Fast path: a single 2D point needs no GEOS round trip.
    if (wkbType == 1 && wkb.size() == 21 &&
        (family == GeometryFamily::Point || family == GeometryFamily::Any)) {
        double x = 0, y = 0;
        std::memcpy(&x, &wkb[5], 8);
        std::memcpy(&y, &wkb[13], 8);
        if (wkb[0] == 1 && x == x && y == y) { // NaN marks POINT EMPTY
            result.status = GeometryCheck::Status::Valid;
            result.wkb = wkb;
            return result;
        }
    }
    auto* ctx = geosContext();
    GeosGeometry geometry = geometryFromWkb(wkb);
    if (!geometry) {
        result.problem = GeometryCheck::Problem::Unreadable;
        result.detail = lastGeosError();
        return result;
    }
    if (GEOSisEmpty_r(ctx, geometry.get())) {
        result.problem = GeometryCheck::Problem::Empty;
        return result;
    }
    const int type = GEOSGeomTypeId_r(ctx, geometry.get());
    GeometryFamily actual = familyOfType(type);
    GeometryFamily target = family == GeometryFamily::Any ? actual : family;
    if (type == GEOS_GEOMETRYCOLLECTION) {
        // Keep the highest-dimension parts of a collection for mixed themes.
        if (family == GeometryFamily::Any) {
            for (GeometryFamily f :
                 {GeometryFamily::Polygon, GeometryFamily::Line, GeometryFamily::Point}) {
                if (GeosGeometry parts = collectFamily(*geometry, f)) {
                    target = f;
                    break;
                }
            }
        }
        actual = target;
    }
    if (actual != target || target == GeometryFamily::Any) {
        char* typeName = GEOSGeomType_r(ctx, geometry.get());
        result.problem = GeometryCheck::Problem::WrongFamily;
        result.detail = typeName ? typeName : "";
        GEOSFree_r(ctx, typeName);
        return result;
    }
    GeosGeometry normalized = collectFamily(*geometry, target);
    if (!normalized) {
        result.problem = GeometryCheck::Problem::WrongFamily;
        result.detail = familyName(target);
        return result;
    }
    if (target == GeometryFamily::Point && family == GeometryFamily::Point &&
        GEOSGeomTypeId_r(ctx, normalized.get()) == GEOS_MULTIPOINT) {
        if (GEOSGetNumGeometries_r(ctx, normalized.get()) == 1) {
            normalized.reset(GEOSGeom_clone_r(ctx, GEOSGetGeometryN_r(ctx, normalized.get(), 0)));
        } else {
            result.problem = GeometryCheck::Problem::MultiplePoints;
            result.detail = std::to_string(GEOSGetNumGeometries_r(ctx, normalized.get()));
            return result;
        }
    }
    const char valid = GEOSisValid_r(ctx, normalized.get());
    if (valid == 1) {
        result.status = GeometryCheck::Status::Valid;
        result.wkb = geometryToWkb(*normalized);
        return result;
    }
    result.problem = GeometryCheck::Problem::Invalid;
    result.detail = invalidReason(*normalized);
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx);
    GEOSMakeValidParams_setMethod_r(ctx, params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(ctx, params, 0);
    GeosGeometry repaired(GEOSMakeValidWithParams_r(ctx, normalized.get(), params));
    GEOSMakeValidParams_destroy_r(ctx, params);
    GeosGeometry kept = repaired ? collectFamily(*repaired, target) : nullptr;
    if (!kept || GEOSisValid_r(ctx, kept.get()) != 1) {
        return result;
    }
    result.status = GeometryCheck::Status::Repaired;
    result.wkb = geometryToWkb(*kept);
    return result;
}

} // namespace geo
