#include "geo/coordinate_transform.h"

#include "geo/errors.h"

#include <proj.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

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

namespace {

/// The tensor Chebyshev sums of degree N - 1 for x and y at (u, v): T_i(u) and T_j(v) by their
/// recurrence (stable on [-1, 1]), the constant term added last. N is known at compile time,
/// so that the loops unroll.
template <int N>
void chebyshevSums(const double* cx, const double* cy, double u, double v, double& x, double& y)
{
    std::array<double, N> tu{}, tv{};
    tu[0] = tv[0] = 1;
    tu[1] = u;
    tv[1] = v;
#pragma GCC unroll 16
    for (std::size_t k = 2; k < N; ++k) {
        tu[k] = 2 * u * tu[k - 1] - tu[k - 2];
        tv[k] = 2 * v * tv[k - 1] - tv[k - 2];
    }
    double sumX = 0, sumY = 0;
#pragma GCC unroll 16
    for (std::size_t r = 0; r < N; ++r) {
        const std::size_t i = N - 1 - r; // the constant term last
        double rowX = 0, rowY = 0;
#pragma GCC unroll 16
        for (std::size_t q = 0; q < N; ++q) {
            const std::size_t j = N - 1 - q;
            rowX += cx[i * N + j] * tv[j];
            rowY += cy[i * N + j] * tv[j];
        }
        sumX += rowX * tu[i];
        sumY += rowY * tu[i];
    }
    x = sumX;
    y = sumY;
}

} // namespace

PolynomialTransform::PolynomialTransform(const CoordinateTransform& exact,
                                         double minX,
                                         double minY,
                                         double maxX,
                                         double maxY,
                                         double tolerance)
    : m_minX(minX), m_minY(minY), m_maxX(maxX), m_maxY(maxY)
{
    if (exact.isIdentity() || !(maxX > minX) || !(maxY > minY) || !std::isfinite(maxX - minX) ||
        !std::isfinite(maxY - minY)) {
        return;
    }
    m_centerX = (minX + maxX) / 2;
    m_centerY = (minY + maxY) / 2;
    m_inverseHalfWidth = 2 / (maxX - minX);
    m_inverseHalfHeight = 2 / (maxY - minY);
    const double pi = std::acos(-1.0);
    // The degrees tried, each with its unrolled evaluation.
    constexpr std::pair<int, Evaluate> degrees[] = {{5, &chebyshevSums<6>},
                                                    {6, &chebyshevSums<7>},
                                                    {8, &chebyshevSums<9>},
                                                    {11, &chebyshevSums<12>},
                                                    {14, &chebyshevSums<15>}};
    for (const auto& [degree, evaluate] : degrees) {
        const int n = degree + 1;
        // The exact transformation at the Chebyshev nodes (of the first kind) of the box.
        std::vector<double> node(static_cast<std::size_t>(n));
        for (int k = 0; k < n; ++k) {
            node[static_cast<std::size_t>(k)] = std::cos(pi * (k + 0.5) / n);
        }
        std::vector<double> values(static_cast<std::size_t>(n * n) * 2);
        for (int k = 0; k < n; ++k) {
            for (int l = 0; l < n; ++l) {
                const std::size_t at = (static_cast<std::size_t>(k) * n + l) * 2;
                values[at] = m_centerX + node[static_cast<std::size_t>(k)] / m_inverseHalfWidth;
                values[at + 1] =
                    m_centerY + node[static_cast<std::size_t>(l)] / m_inverseHalfHeight;
            }
        }
        exact.transformInterleaved(values.data(), values.size() / 2);
        for (const double v : values) {
            if (!std::isfinite(v)) {
                m_degree = 0;
                return; // part of the box lies outside the projection's domain: stay exact
            }
        }
        // c_ij = (2 - [i = 0]) (2 - [j = 0]) / n^2 * sum_kl f(u_k, v_l) T_i(u_k) T_j(v_l),
        // with T_i(u_k) = cos(i pi (k + 1/2) / n).
        std::vector<double> t(static_cast<std::size_t>(n * n)); // t[i * n + k] = T_i(u_k)
        for (int i = 0; i < n; ++i) {
            for (int k = 0; k < n; ++k) {
                t[static_cast<std::size_t>(i * n + k)] = std::cos(pi * i * (k + 0.5) / n);
            }
        }
        m_coefficients.assign(static_cast<std::size_t>(n * n) * 2, 0.0);
        for (int axis = 0; axis < 2; ++axis) {
            // Sums of values relative to their mean keep the rounding of the coefficients to
            // that of the offsets across the box, not of the coordinates (10^6 m and more).
            double mean = 0;
            for (std::size_t k = static_cast<std::size_t>(axis); k < values.size(); k += 2) {
                mean += values[k];
            }
            mean /= n * n;
            for (std::size_t k = static_cast<std::size_t>(axis); k < values.size(); k += 2) {
                values[k] -= mean;
            }
            double* c = m_coefficients.data() + static_cast<std::size_t>(axis * n * n);
            for (int i = 0; i < n; ++i) {
                for (int j = 0; j < n; ++j) {
                    double sum = 0;
                    for (int k = 0; k < n; ++k) {
                        for (int l = 0; l < n; ++l) {
                            sum += values[(static_cast<std::size_t>(k) * n + l) * 2 +
                                          static_cast<std::size_t>(axis)] *
                                   t[static_cast<std::size_t>(i * n + k)] *
                                   t[static_cast<std::size_t>(j * n + l)];
                        }
                    }
                    c[i * n + j] = sum * (i == 0 ? 1.0 : 2.0) * (j == 0 ? 1.0 : 2.0) / (n * n);
                }
            }
            c[0] += mean;
        }
        m_degree = degree;
        m_evaluate = evaluate;
        // The error between the nodes: a grid three times denser, its edges on the box's.
        const int side = 3 * n + 1;
        std::vector<double> probes;
        probes.reserve(static_cast<std::size_t>(side * side) * 2);
        for (int a = 0; a < side; ++a) {
            for (int b = 0; b < side; ++b) {
                probes.push_back(minX + (maxX - minX) * a / (side - 1));
                probes.push_back(minY + (maxY - minY) * b / (side - 1));
            }
        }
        std::vector<double> approximate = probes;
        for (std::size_t k = 0; k < approximate.size(); k += 2) {
            apply(approximate[k], approximate[k + 1]);
        }
        exact.transformInterleaved(probes.data(), probes.size() / 2);
        m_maximumError = 0;
        for (std::size_t k = 0; k < probes.size(); k += 2) {
            const double error =
                std::hypot(probes[k] - approximate[k], probes[k + 1] - approximate[k + 1]);
            m_maximumError = std::isfinite(error) ? std::max(m_maximumError, error) : HUGE_VAL;
        }
        if (m_maximumError <= tolerance) {
            return;
        }
    }
    m_degree = 0; // never accurate enough: every point goes through PROJ
    m_coefficients.clear();
}

void PolynomialTransform::apply(double& x, double& y) const
{
    const double u = (x - m_centerX) * m_inverseHalfWidth;
    const double v = (y - m_centerY) * m_inverseHalfHeight;
    const double* cx = m_coefficients.data();
    m_evaluate(cx, cx + static_cast<std::ptrdiff_t>(m_degree + 1) * (m_degree + 1), u, v, x, y);
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
