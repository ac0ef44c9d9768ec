#pragma once

#include "geo/analysis/envelope_index.h"

#include <string>
#include <vector>

namespace geo {

class AnalysisFeedback;

/// A point with a weight (1 for a count, or a value such as Rp), in a metric CRS.
struct WeightedPoint
{
    double x = 0;
    double y = 0;
    double weight = 1;
};

/// A north-up grid of float cells, row 0 at the top. Cell (c, r) covers
/// [originX + c·cellSize, originX + (c+1)·cellSize] × [originY - (r+1)·cellSize, originY -
/// r·cellSize].
struct DensityGrid
{
    double originX = 0; ///< left edge
    double originY = 0; ///< top edge
    double cellSize = 1;
    int width = 0;
    int height = 0;
    std::vector<float> values; ///< width × height, row by row from the top
    float maximum = 0;

    float at(int column, int row) const
    {
        return values[std::size_t(row) * std::size_t(width) + std::size_t(column)];
    }
};

/// Kernel density with the quartic (biweight) kernel, as QGIS's heatmap and ArcGIS's Kernel
/// Density use: each point adds weight · 3/(π h²) · (1 − d²/h²)² at distance d < h, evaluated at
/// cell centres; the result is multiplied by 10⁶, so with metre coordinates a cell holds weight
/// per km². The grid covers `extent` (widened to whole cells). Coordinates must be metric (the
/// project's working CRS). Polls feedback every few thousand points (throws AnalysisCanceled).
DensityGrid kernelDensity(const std::vector<WeightedPoint>& points,
                          const Envelope& extent,
                          double bandwidth,
                          double cellSize,
                          AnalysisFeedback* feedback = nullptr);

/// Writes a grid as a single-band Float32 GeoTIFF (DEFLATE) in `crs` ("EPSG:N" or WKT), with
/// nodata unset (zero density is a value). Throws GdalError naming the file.
void writeDensityGeoTiff(const std::string& utf8Path,
                         const DensityGrid& grid,
                         const std::string& crs);

} // namespace geo
