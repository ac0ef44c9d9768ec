#pragma once

#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

namespace geo {

/// This thread's GEOS context (created on first use, finished when the thread ends). Handles
/// made with it must not cross to other threads.
GEOSContextHandle_t geosContext();

/// The last error or notice GEOS reported on this thread.
const std::string& lastGeosError();

struct GeosGeometryDeleter
{
    void operator()(GEOSGeometry* geometry) const noexcept;
};
using GeosGeometry = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

/// Parses WKB; returns null (and lastGeosError()) when the bytes are not a geometry.
GeosGeometry geometryFromWkb(const std::vector<unsigned char>& wkb);
/// 2D little-endian WKB.
std::vector<unsigned char> geometryToWkb(const GEOSGeometry& geometry);

} // namespace geo
