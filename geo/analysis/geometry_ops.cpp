#include "geo/analysis/geometry_ops.h"

#include "geo/coordinate_transform.h"
#include "geo/errors.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace geo {

void PreparedGeometryDeleter::operator()(const GEOSPreparedGeometry* prepared) const noexcept
{
    GEOSPreparedGeom_destroy_r(geosContext(), prepared);
}

namespace geos {

namespace {

GeosGeometry checked(GEOSGeometry* raw, const char* operation)
{
    if (!raw) {
        throw GeosError(std::string(operation) + " failed: " + lastGeosError());
    }
    return GeosGeometry(raw);
}

} // namespace

GeosGeometry fromWkb(const std::vector<unsigned char>& wkb, const std::string& what)
{
    auto geometry = geometryFromWkb(wkb);
    if (!geometry) {
        throw GeosError("cannot read the geometry of " + what + ": " + lastGeosError());
    }
    return geometry;
}

GeosGeometry point(double x, double y)
{
    return checked(GEOSGeom_createPointFromXY_r(geosContext(), x, y), "point");
}

PreparedGeometry prepare(const GEOSGeometry& geometry)
{
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(geosContext(), &geometry);
    if (!prepared) {
        throw GeosError("prepare failed: " + lastGeosError());
    }
    return PreparedGeometry(prepared);
}

Envelope envelope(const GEOSGeometry& geometry)
{
    Envelope box;
    if (isEmpty(geometry)) {
        return box;
    }
    auto* ctx = geosContext();
    if (!GEOSGeom_getXMin_r(ctx, &geometry, &box.minX) ||
        !GEOSGeom_getYMin_r(ctx, &geometry, &box.minY) ||
        !GEOSGeom_getXMax_r(ctx, &geometry, &box.maxX) ||
        !GEOSGeom_getYMax_r(ctx, &geometry, &box.maxY)) {
        throw GeosError("envelope failed: " + lastGeosError());
    }
    return box;
}

bool isEmpty(const GEOSGeometry& geometry)
{
    const char result = GEOSisEmpty_r(geosContext(), &geometry);
    if (result == 2) {
        throw GeosError("isEmpty failed: " + lastGeosError());
    }
    return result == 1;
}

GeosGeometry makeValid(GeosGeometry geometry)
{
    const char valid = GEOSisValid_r(geosContext(), geometry.get());
    if (valid == 1) {
        return geometry;
    }
    return checked(GEOSMakeValid_r(geosContext(), geometry.get()), "MakeValid");
}

GeosGeometry intersection(const GEOSGeometry& a, const GEOSGeometry& b)
{
    return checked(GEOSIntersection_r(geosContext(), &a, &b), "intersection");
}

GeosGeometry difference(const GEOSGeometry& a, const GEOSGeometry& b)
{
    return checked(GEOSDifference_r(geosContext(), &a, &b), "difference");
}

GeosGeometry unaryUnion(const GEOSGeometry& geometry)
{
    return checked(GEOSUnaryUnion_r(geosContext(), &geometry), "union");
}

GeosGeometry clipByRectangle(const GEOSGeometry& geometry, const Envelope& rectangle)
{
    return checked(GEOSClipByRect_r(geosContext(),
                                    &geometry,
                                    rectangle.minX,
                                    rectangle.minY,
                                    rectangle.maxX,
                                    rectangle.maxY),
                   "clip");
}

GeosGeometry buffer(const GEOSGeometry& geometry, double distance, int quadrantSegments)
{
    return checked(GEOSBuffer_r(geosContext(), &geometry, distance, quadrantSegments), "buffer");
}

GeosGeometry clone(const GEOSGeometry& geometry)
{
    return checked(GEOSGeom_clone_r(geosContext(), &geometry), "clone");
}

GeosGeometry collect(std::vector<GeosGeometry> parts)
{
    auto* ctx = geosContext();
    bool allPolygons = !parts.empty();
    for (const auto& part : parts) {
        allPolygons = allPolygons && GEOSGeomTypeId_r(ctx, part.get()) == GEOS_POLYGON;
    }
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& part : parts) {
        raw.push_back(part.get());
    }
    GEOSGeometry* result =
        GEOSGeom_createCollection_r(ctx,
                                    allPolygons ? GEOS_MULTIPOLYGON : GEOS_GEOMETRYCOLLECTION,
                                    raw.data(),
                                    static_cast<unsigned>(raw.size()));
    if (!result) {
        throw GeosError("collect failed: " + lastGeosError());
    }
    // The collection owns the parts now.
    for (auto& part : parts) {
        (void)part.release();
    }
    return GeosGeometry(result);
}

namespace {

void collectPolygons(const GEOSGeometry& geometry, std::vector<GeosGeometry>& out)
{
    auto* ctx = geosContext();
    const int type = GEOSGeomTypeId_r(ctx, &geometry);
    if (type == GEOS_POLYGON) {
        if (!isEmpty(geometry)) {
            out.push_back(clone(geometry));
        }
        return;
    }
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx, &geometry);
        for (int i = 0; i < n; ++i) {
            collectPolygons(*GEOSGetGeometryN_r(ctx, &geometry, i), out);
        }
    }
}

} // namespace

std::vector<GeosGeometry> polygons(const GEOSGeometry& geometry)
{
    std::vector<GeosGeometry> out;
    collectPolygons(geometry, out);
    return out;
}

int dimension(const GEOSGeometry& geometry)
{
    if (isEmpty(geometry)) {
        return -1;
    }
    return GEOSGeom_getDimensions_r(geosContext(), &geometry);
}

namespace {

double measureOfDimension(const GEOSGeometry& geometry, int wanted)
{
    auto* ctx = geosContext();
    const int type = GEOSGeomTypeId_r(ctx, &geometry);
    if (type == GEOS_GEOMETRYCOLLECTION) {
        double sum = 0;
        const int n = GEOSGetNumGeometries_r(ctx, &geometry);
        for (int i = 0; i < n; ++i) {
            sum += measureOfDimension(*GEOSGetGeometryN_r(ctx, &geometry, i), wanted);
        }
        return sum;
    }
    if (GEOSGeom_getDimensions_r(ctx, &geometry) != wanted) {
        return 0;
    }
    double value = 0;
    const int ok =
        wanted == 2 ? GEOSArea_r(ctx, &geometry, &value) : GEOSLength_r(ctx, &geometry, &value);
    if (!ok) {
        throw GeosError("measure failed: " + lastGeosError());
    }
    return value;
}

} // namespace

double measure(const GEOSGeometry& geometry, int wantedDimension)
{
    if (wantedDimension <= 0 || isEmpty(geometry)) {
        return 0;
    }
    return measureOfDimension(geometry, wantedDimension);
}

double measure(const GEOSGeometry& geometry)
{
    const int dim = dimension(geometry);
    if (dim <= 0) {
        return 0;
    }
    return measureOfDimension(geometry, dim);
}

namespace {

struct TransformState
{
    const CoordinateTransform* transform;
    bool failed = false;
};

int transformCallback(double* x, double* y, void* userdata) noexcept
{
    auto* state = static_cast<TransformState*>(userdata);
    if (!state->transform->transform(*x, *y)) {
        state->failed = true;
        return 0;
    }
    return 1;
}

} // namespace

GeosGeometry transformed(const GEOSGeometry& geometry, const CoordinateTransform& transform)
{
    TransformState state{&transform};
    GEOSGeometry* result =
        GEOSGeom_transformXY_r(geosContext(), &geometry, &transformCallback, &state);
    if (!result || state.failed) {
        if (result) {
            GEOSGeom_destroy_r(geosContext(), result);
        }
        throw ProjError("a coordinate cannot be transformed to the working CRS");
    }
    return GeosGeometry(result);
}

double distance(const GEOSPreparedGeometry& prepared, const GEOSGeometry& other)
{
    double value = 0;
    if (!GEOSPreparedDistance_r(geosContext(), &prepared, &other, &value)) {
        throw GeosError("distance failed: " + lastGeosError());
    }
    return value;
}

} // namespace geos

std::vector<unsigned char> transformWkb(const std::vector<unsigned char>& wkb,
                                        const CoordinateTransform& transform)
{
    return geometryToWkb(*geos::transformed(*geos::fromWkb(wkb, "geometry"), transform));
}

std::vector<unsigned char> asMultiPolygon(const std::vector<unsigned char>& wkb)
{
    auto geometry = geos::fromWkb(wkb, "geometry");
    auto parts = geos::polygons(*geometry);
    if (parts.empty()) {
        return {};
    }
    return geometryToWkb(*geos::collect(std::move(parts)));
}

bool spatialitePoint(const unsigned char* blob, std::size_t size, double& x, double& y)
{
    // 00 | endian | srid(4) | mbr(32) | 7C | class(4) | x(8) y(8) | FE
    if (!blob || size != 60 || blob[0] != 0x00 || blob[38] != 0x7C || blob[59] != 0xFE) {
        return false;
    }
    const bool little = blob[1] == 0x01;
    if (!little && blob[1] != 0x00) {
        return false;
    }
    // The host's byte order is read with memcpy; the other one is swapped.
    const bool swap = little != (std::endian::native == std::endian::little);
    auto read32 = [&](std::size_t offset) {
        std::uint32_t value = 0;
        std::memcpy(&value, blob + offset, sizeof value);
        return swap ? __builtin_bswap32(value) : value;
    };
    auto readDouble = [&](std::size_t offset) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, blob + offset, sizeof bits);
        bits = swap ? __builtin_bswap64(bits) : bits;
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    };
    if (read32(39) != 1) { // 2D POINT
        return false;
    }
    x = readDouble(43);
    y = readDouble(51);
    return std::isfinite(x) && std::isfinite(y);
}

} // namespace geo
