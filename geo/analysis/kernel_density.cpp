#include "geo/analysis/kernel_density.h"

#include "geo/analysis/feedback.h"
#include "geo/errors.h"
#include "geo/gdal_dataset.h"
#include "geo/gdal_error_capture.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>

namespace geo {

DensityGrid kernelDensity(const std::vector<WeightedPoint>& points,
                          const Envelope& extent,
                          double bandwidth,
                          double cellSize,
                          AnalysisFeedback* feedback)
{
    if (!(bandwidth > 0) || !(cellSize > 0)) {
        throw Error("kernel density: bandwidth and cell size must be positive");
    }
    DensityGrid grid;
    grid.cellSize = cellSize;
    if (extent.isEmpty()) {
        return grid;
    }
    grid.originX = std::floor(extent.minX / cellSize) * cellSize;
    grid.originY = std::ceil(extent.maxY / cellSize) * cellSize;
    grid.width = std::max(1, int(std::ceil((extent.maxX - grid.originX) / cellSize)));
    grid.height = std::max(1, int(std::ceil((grid.originY - extent.minY) / cellSize)));
    grid.values.assign(std::size_t(grid.width) * std::size_t(grid.height), 0.0f);
    const double h2 = bandwidth * bandwidth;
    const double scale = 3.0 / (M_PI * h2) * 1e6;
    // Accumulate in double per cell row span, then store as float.
    std::vector<double> sums(grid.values.size(), 0.0);
    std::size_t done = 0;
    for (const auto& point : points) {
        if (feedback && ++done % 4096 == 0 && feedback->isCanceled()) {
            throw AnalysisCanceled();
        }
        if (!std::isfinite(point.x) || !std::isfinite(point.y) || point.weight == 0) {
            continue;
        }
        // Cells whose centre may lie within the bandwidth.
        const int c0 =
            std::max(0, int(std::floor((point.x - bandwidth - grid.originX) / cellSize)));
        const int c1 = std::min(grid.width - 1,
                                int(std::floor((point.x + bandwidth - grid.originX) / cellSize)));
        const int r0 =
            std::max(0, int(std::floor((grid.originY - point.y - bandwidth) / cellSize)));
        const int r1 = std::min(grid.height - 1,
                                int(std::floor((grid.originY - point.y + bandwidth) / cellSize)));
        for (int r = r0; r <= r1; ++r) {
            const double dy = grid.originY - (r + 0.5) * cellSize - point.y;
            const double dy2 = dy * dy;
            if (dy2 >= h2) {
                continue;
            }
            double* row = sums.data() + std::size_t(r) * std::size_t(grid.width);
            for (int c = c0; c <= c1; ++c) {
                const double dx = grid.originX + (c + 0.5) * cellSize - point.x;
                const double d2 = dx * dx + dy2;
                if (d2 < h2) {
                    const double t = 1 - d2 / h2;
                    row[c] += point.weight * scale * t * t;
                }
            }
        }
    }
    for (std::size_t i = 0; i < sums.size(); ++i) {
        grid.values[i] = float(sums[i]);
        grid.maximum = std::max(grid.maximum, grid.values[i]);
    }
    return grid;
}

void writeDensityGeoTiff(const std::string& utf8Path,
                         const DensityGrid& grid,
                         const std::string& crs)
{
    registerGdalDrivers();
    GdalErrorCapture errors;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) {
        throw GdalError("'" + utf8Path + "': GDAL has no GTiff driver");
    }
    if (grid.width <= 0 || grid.height <= 0) {
        throw GdalError("'" + utf8Path + "': the density grid is empty");
    }
    char** options = nullptr;
    options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
    options = CSLSetNameValue(options, "PREDICTOR", "3");
    DatasetPtr dataset(
        driver->Create(utf8Path.c_str(), grid.width, grid.height, 1, GDT_Float32, options));
    CSLDestroy(options);
    if (!dataset) {
        throw GdalError("'" + utf8Path + "': cannot create: " + errors.lastFailure());
    }
    double transform[6] = {grid.originX, grid.cellSize, 0, grid.originY, 0, -grid.cellSize};
    dataset->SetGeoTransform(transform);
    OGRSpatialReference reference;
    if (reference.SetFromUserInput(crs.c_str()) == OGRERR_NONE) {
        dataset->SetSpatialRef(&reference);
    }
    GDALRasterBand* band = dataset->GetRasterBand(1);
    std::vector<float> copy = grid.values; // RasterIO takes a non-const buffer
    if (band->RasterIO(GF_Write,
                       0,
                       0,
                       grid.width,
                       grid.height,
                       copy.data(),
                       grid.width,
                       grid.height,
                       GDT_Float32,
                       0,
                       0,
                       nullptr) != CE_None) {
        throw GdalError("'" + utf8Path + "': cannot write the cells: " + errors.lastFailure());
    }
    band->SetDescription("kernel density (weight per km2)");
    dataset.reset(); // flushes; errors on close are captured
    if (!errors.lastFailure().empty()) {
        throw GdalError("'" + utf8Path + "': " + errors.lastFailure());
    }
}

} // namespace geo
