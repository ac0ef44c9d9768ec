#include "geo/coordinate_transform.h"

#include "geo/errors.h"

#include <proj.h>

#include <cmath>

namespace geo {

void ProjContextDeleter::operator()(pj_ctx* context) const noexcept
{
    proj_context_destroy(context);
}

void ProjDeleter::operator()(PJconsts* pj) const noexcept
{
    proj_destroy(pj);
}

namespace {
PJ_CONTEXT* projContext()
{
    thread_local std::unique_ptr<pj_ctx, ProjContextDeleter> context([] {
        PJ_CONTEXT* ctx = proj_context_create();
        proj_context_set_enable_network(ctx, 0);
        proj_log_level(ctx, PJ_LOG_NONE);
        return ctx;
    }());
    return context.get();
}

std::unique_ptr<PJconsts, ProjDeleter> createCrs(const std::string& crs)
{
    return std::unique_ptr<PJconsts, ProjDeleter>(proj_create(projContext(), crs.c_str()));
}
} // namespace

CoordinateTransform::CoordinateTransform(const std::string& fromCrs, const std::string& toCrs)
{
    if (fromCrs == toCrs) {
        return; // identity
    }
    PJ_CONTEXT* ctx = projContext();
    std::unique_ptr<PJconsts, ProjDeleter> raw(
        proj_create_crs_to_crs(ctx, fromCrs.c_str(), toCrs.c_str(), nullptr));
    if (!raw) {
        throw ProjError("cannot transform " + fromCrs + " to " + toCrs + ": " +
                        proj_context_errno_string(ctx, proj_context_errno(ctx)));
    }
    m_pj.reset(proj_normalize_for_visualization(ctx, raw.get()));
    if (!m_pj) {
        throw ProjError("cannot normalize the transformation " + fromCrs + " to " + toCrs);
    }
}

CoordinateTransform::CoordinateTransform() = default;
CoordinateTransform::~CoordinateTransform() = default;
CoordinateTransform::CoordinateTransform(CoordinateTransform&&) noexcept = default;
CoordinateTransform& CoordinateTransform::operator=(CoordinateTransform&&) noexcept = default;

void CoordinateTransform::transformInterleaved(double* xy, std::size_t count) const
{
    if (!m_pj || count == 0) {
        return;
    }
    proj_trans_generic(m_pj.get(),
                       PJ_FWD,
                       xy,
                       2 * sizeof(double),
                       count,
                       xy + 1,
                       2 * sizeof(double),
                       count,
                       nullptr,
                       0,
                       0,
                       nullptr,
                       0,
                       0);
}

bool CoordinateTransform::transform(double& x, double& y) const
{
    if (!m_pj) {
        return true;
    }
    PJ_COORD c = proj_coord(x, y, 0, 0);
    PJ_COORD out = proj_trans(m_pj.get(), PJ_FWD, c);
    if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y)) {
        return false;
    }
    x = out.xy.x;
    y = out.xy.y;
    return true;
}

int utmEpsgFor(double longitude, double latitude)
{
    int zone = static_cast<int>(std::floor((longitude + 180.0) / 6.0)) + 1;
    if (zone < 1) {
        zone = 1;
    } else if (zone > 60) {
        zone = 60;
    }
    return (latitude < 0 ? 32700 : 32600) + zone;
}

bool isKnownCrs(const std::string& crs)
{
    auto pj = createCrs(crs);
    if (!pj) {
        return false;
    }
    const PJ_TYPE type = proj_get_type(pj.get());
    return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
           type == PJ_TYPE_PROJECTED_CRS || type == PJ_TYPE_COMPOUND_CRS ||
           type == PJ_TYPE_GEOCENTRIC_CRS || type == PJ_TYPE_BOUND_CRS;
}

std::string crsName(const std::string& crs)
{
    auto pj = createCrs(crs);
    if (!pj) {
        return {};
    }
    const char* name = proj_get_name(pj.get());
    return name ? name : "";
}

bool isProjectedCrs(const std::string& crs)
{
    auto pj = createCrs(crs);
    return pj && proj_get_type(pj.get()) == PJ_TYPE_PROJECTED_CRS;
}

} // namespace geo
