#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

struct pj_ctx;
struct PJconsts;

namespace geo {

struct ProjContextDeleter
{
    void operator()(pj_ctx* context) const noexcept;
};
struct ProjDeleter
{
    void operator()(PJconsts* pj) const noexcept;
};

/// A PROJ transformation between two CRSs with x = easting/longitude, y = northing/latitude.
/// Belongs to the thread that created it (PROJ contexts are per thread).
class CoordinateTransform
{
public:
    CoordinateTransform(const std::string& fromCrs, const std::string& toCrs);
    /// The identity transformation.
    CoordinateTransform();
    ~CoordinateTransform();
    CoordinateTransform(CoordinateTransform&&) noexcept;
    CoordinateTransform& operator=(CoordinateTransform&&) noexcept;

    /// Transforms in place; returns false when PROJ cannot transform the point.
    bool transform(double& x, double& y) const;
    /// Transforms count interleaved x, y pairs in place (one PROJ call); points PROJ cannot
    /// transform become infinite.
    void transformInterleaved(double* xy, std::size_t count) const;
    /// True when source and target are the same CRS (nothing to do).
    bool isIdentity() const { return !m_pj; }

private:
    std::unique_ptr<PJconsts, ProjDeleter> m_pj;
};

/// A transformation approximated over a bounded source box by bilinear interpolation on a grid
/// of exactly transformed points. The grid is refined until the error at the cell centres is
/// below the tolerance (target units); points outside the box are transformed exactly. For
/// drawing, where the exact projection of every vertex costs more than the rest of the frame.
class InterpolatedTransform
{
public:
    InterpolatedTransform(const CoordinateTransform& exact,
                          double minX,
                          double minY,
                          double maxX,
                          double maxY,
                          double tolerance);
    void transformInterleaved(double* xy, std::size_t count) const;
    /// Grid cells per side (0 when the transformation could not be approximated).
    int resolution() const { return m_cells; }
    /// The largest error found at the cell centres when the grid was built.
    double maximumError() const { return m_maximumError; }

private:
    const CoordinateTransform& m_exact;
    double m_minX, m_minY, m_maxX, m_maxY;
    double m_cellWidth = 0, m_cellHeight = 0;
    int m_cells = 0;
    double m_maximumError = 0;
    std::vector<double> m_grid; ///< (m_cells+1)^2 target x, y pairs, row by row from minY
};

/// A transformation approximated over a source box by a polynomial for each target coordinate
/// (a tensor Chebyshev series), fitted to the exact transformation at its Chebyshev nodes. The
/// lowest degree of 5, 6, 8, 11 and 14 whose error, measured against the exact transformation
/// on a grid three times denser than the nodes (edges and corners of the box included), is
/// below the tolerance is kept; when none is, isUsable() is false. Like GDAL's approximate
/// transformer, for measuring many points of a small area: over a kabupaten or a province, UTM
/// from EPSG:4326 is reproduced to 5 nm (the rounding of the coordinates themselves) by a
/// degree-5 or 6 polynomial, at a fraction of a PROJ call's cost. Immutable after construction:
/// several threads may use one.
class PolynomialTransform
{
public:
    PolynomialTransform() = default;
    PolynomialTransform(const CoordinateTransform& exact,
                        double minX,
                        double minY,
                        double maxX,
                        double maxY,
                        double tolerance);

    bool isUsable() const { return m_degree > 0; }
    /// True when (x, y) lies in the fitted box (edges included).
    bool contains(double x, double y) const
    {
        return x >= m_minX && x <= m_maxX && y >= m_minY && y <= m_maxY;
    }
    /// The approximation at a point of the box (not checked: see contains()).
    void apply(double& x, double& y) const;
    int degree() const { return m_degree; }
    /// The largest error (target units) found when the fit was checked.
    double maximumError() const { return m_maximumError; }

private:
    double m_minX = 0, m_minY = 0, m_maxX = -1, m_maxY = -1;
    double m_centerX = 0, m_centerY = 0, m_inverseHalfWidth = 0, m_inverseHalfHeight = 0;
    int m_degree = 0;
    /// Evaluates the sums of x and y at (u, v) for m_degree (unrolled for it).
    using Evaluate = void (*)(const double*, const double*, double, double, double&, double&);
    Evaluate m_evaluate = nullptr;
    double m_maximumError = 0;
    /// (degree + 1)^2 coefficients of x, then of y: [i * (degree + 1) + j] multiplies
    /// T_i(u) T_j(v).
    std::vector<double> m_coefficients;
};

/// The WGS 84 / UTM EPSG code for a longitude/latitude (e.g. 122.2, -8.6 gives 32751).
int utmEpsgFor(double longitude, double latitude);

/// True when PROJ knows "EPSG:N" (or any CRS string) as a CRS.
bool isKnownCrs(const std::string& crs);

/// The CRS's name as PROJ knows it ("WGS 84 / UTM zone 50S"), or "" when unknown.
std::string crsName(const std::string& crs);

/// True when the CRS has metric (projected) axes.
bool isProjectedCrs(const std::string& crs);

} // namespace geo
