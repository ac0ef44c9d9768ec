#include "geo/geos_context.h"

#include "geo/errors.h"

#include <cstdarg>
#include <cstdio>

namespace geo {

namespace {

struct ThreadGeosContext
{
    GEOSContextHandle_t handle = GEOS_init_r();
    std::string lastError;
    GEOSWKBReader* reader = nullptr;
    GEOSWKBWriter* writer = nullptr;

    ThreadGeosContext()
    {
        GEOSContext_setErrorMessageHandler_r(handle, &record, this);
        GEOSContext_setNoticeMessageHandler_r(handle, &ignore, this);
        reader = GEOSWKBReader_create_r(handle);
        writer = GEOSWKBWriter_create_r(handle);
        GEOSWKBWriter_setOutputDimension_r(handle, writer, 2);
        GEOSWKBWriter_setByteOrder_r(handle, writer, GEOS_WKB_NDR);
    }
    ~ThreadGeosContext()
    {
        GEOSWKBReader_destroy_r(handle, reader);
        GEOSWKBWriter_destroy_r(handle, writer);
        GEOS_finish_r(handle);
    }
    ThreadGeosContext(const ThreadGeosContext&) = delete;
    ThreadGeosContext& operator=(const ThreadGeosContext&) = delete;

    // Called from inside GEOS: records only, never throws.
    static void record(const char* message, void* self) noexcept
    {
        try {
            static_cast<ThreadGeosContext*>(self)->lastError = message ? message : "";
        } catch (...) {
        }
    }
    static void ignore(const char*, void*) noexcept {}
};

ThreadGeosContext& threadContext()
{
    thread_local ThreadGeosContext context;
    return context;
}

} // namespace

GEOSContextHandle_t geosContext()
{
    return threadContext().handle;
}

const std::string& lastGeosError()
{
    return threadContext().lastError;
}

void GeosGeometryDeleter::operator()(GEOSGeometry* geometry) const noexcept
{
    GEOSGeom_destroy_r(geosContext(), geometry);
}

GeosGeometry geometryFromWkb(const std::vector<unsigned char>& wkb)
{
    auto& context = threadContext();
    context.lastError.clear();
    return GeosGeometry(
        GEOSWKBReader_read_r(context.handle, context.reader, wkb.data(), wkb.size()));
}

std::vector<unsigned char> geometryToWkb(const GEOSGeometry& geometry)
{
    auto& context = threadContext();
    std::size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(context.handle, context.writer, &geometry, &size);
    if (!bytes) {
        throw GeosError("cannot write WKB: " + context.lastError);
    }
    std::vector<unsigned char> out(bytes, bytes + size);
    GEOSFree_r(context.handle, bytes);
    return out;
}

} // namespace geo
