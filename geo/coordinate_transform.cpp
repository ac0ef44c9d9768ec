#include "geo/coordinate_transform.h"

#include "geo/errors.h"

#include <proj.h>

#include <algorithm>
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

InterpolatedTransform::InterpolatedTransform(const CoordinateTransform& exact,
                                             double minX,
                                             double minY,
                                             double maxX,
                                             double maxY,
                                             double tolerance)
    : m_exact(exact), m_minX(minX), m_minY(minY), m_maxX(maxX), m_maxY(maxY)
{
    if (exact.isIdentity() || !(maxX > minX) || !(maxY > minY)) {
        return;
    }
    for (int cells = 16; cells <= 512; cells *= 2) {
        const int side = cells + 1;
        std::vector<double> grid(static_cast<std::size_t>(side) * side * 2);
        const double cw = (maxX - minX) / cells, ch = (maxY - minY) / cells;
        for (int j = 0; j < side; ++j) {
            for (int i = 0; i < side; ++i) {
                const std::size_t k = (static_cast<std::size_t>(j) * side + i) * 2;
                grid[k] = minX + i * cw;
                grid[k + 1] = minY + j * ch;
            }
        }
        exact.transformInterleaved(grid.data(), grid.size() / 2);
        bool finite = true;
        for (double v : grid) {
            finite = finite && std::isfinite(v);
        }
        if (!finite) {
            return; // part of the box is outside the projection's domain: stay exact
        }
        m_grid = std::move(grid);
        m_cells = cells;
        m_cellWidth = cw;
        m_cellHeight = ch;
        // Error at the cell centres (and edge midpoints) of a sample of cells.
        std::vector<double> probes;
        const int step = std::max(1, cells / 16);
        for (int j = 0; j < cells; j += step) {
            for (int i = 0; i < cells; i += step) {
                probes.push_back(minX + (i + 0.5) * cw);
                probes.push_back(minY + (j + 0.5) * ch);
                probes.push_back(minX + (i + 0.5) * cw);
                probes.push_back(minY + j * ch);
            }
        }
        std::vector<double> approximate = probes;
        transformInterleaved(approximate.data(), approximate.size() / 2);
        exact.transformInterleaved(probes.data(), probes.size() / 2);
        m_maximumError = 0;
        for (std::size_t k = 0; k < probes.size(); k += 2) {
            m_maximumError = std::max(
                m_maximumError,
                std::hypot(probes[k] - approximate[k], probes[k + 1] - approximate[k + 1]));
        }
        if (m_maximumError <= tolerance) {
            return;
        }
    }
    m_cells = 0; // never accurate enough: every point goes through PROJ
    m_grid.clear();
}

void InterpolatedTransform::transformInterleaved(double* xy, std::size_t count) const
{
    if (m_cells == 0) {
        m_exact.transformInterleaved(xy, count);
        return;
    }
    const int side = m_cells + 1;
    for (std::size_t p = 0; p < count; ++p) {
        double& x = xy[2 * p];
        double& y = xy[2 * p + 1];
        const double fx = (x - m_minX) / m_cellWidth;
        const double fy = (y - m_minY) / m_cellHeight;
        if (!(fx >= 0 && fy >= 0 && fx <= m_cells && fy <= m_cells)) {
            m_exact.transformInterleaved(&x, 1);
            continue;
        }
        const int i = std::min(static_cast<int>(fx), m_cells - 1);
        const int j = std::min(static_cast<int>(fy), m_cells - 1);
        const double u = fx - i, v = fy - j;
        const double* a = &m_grid[(static_cast<std::size_t>(j) * side + i) * 2];
        const double* b = a + 2;
        const double* c = a + 2 * side;
        const double* d = c + 2;
        x = (1 - v) * ((1 - u) * a[0] + u * b[0]) + v * ((1 - u) * c[0] + u * d[0]);
        y = (1 - v) * ((1 - u) * a[1] + u * b[1]) + v * ((1 - u) * c[1] + u * d[1]);
    }
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
