#pragma once

#include "geo/analysis/envelope_index.h"

#include <optional>
#include <string>
#include <vector>

namespace geo {

class AnalysisFeedback;

/// One band of a DEM (any raster GDAL reads) held in memory as elevations in metres. Opens
/// and closes its own GDAL dataset in the constructor, so the object is a plain value that
/// may move between threads (one thread at a time). Rotated rasters are refused.
class ElevationModel
{
public:
    /// Reads band 1; `window` (in the raster's CRS) limits what is read, an empty envelope
    /// reads it all. Throws GdalError naming the file.
    explicit ElevationModel(const std::string& utf8Path, const Envelope& window = {});

    /// The CRS of a raster file as crs() would give it, without reading cells.
    static std::string crsOf(const std::string& utf8Path);
    /// The extent of a raster file in its own CRS (crsOf), without reading cells: the box of
    /// its four corners, so a rotated raster is covered too. Throws GdalError naming the file
    /// when it cannot be read or has no georeferencing.
    static Envelope extentOf(const std::string& utf8Path);

    int width() const { return m_width; }
    int height() const { return m_height; }
    /// "EPSG:N" when GDAL identifies it, else WKT; "" when the raster has no CRS.
    const std::string& crs() const { return m_crs; }
    bool isGeographic() const { return m_geographic; }
    /// The extent of the cells read, in the raster's CRS.
    Envelope extent() const;

    /// The elevation of the cell containing (x, y), in the raster's CRS; nothing outside the
    /// raster or at nodata.
    std::optional<double> elevationAt(double x, double y) const;
    /// Slope in degrees at the cell containing (x, y): Horn's 3×3 method with the cell size
    /// in metres (for a geographic raster from the WGS 84 ellipsoid at the cell's latitude).
    std::optional<double> slopeAt(double x, double y) const;
    std::optional<double> elevation(int column, int row) const;
    std::optional<double> slope(int column, int row) const;

    /// The cells with elevation >= minimumElevation and slope <= maximumSlope (either limit
    /// optional) as one MULTIPOLYGON (WKB, the raster's CRS, cell edges exactly); empty WKB
    /// when no cell qualifies. Polls feedback (throws AnalysisCanceled).
    std::vector<unsigned char> mask(std::optional<double> minimumElevation,
                                    std::optional<double> maximumSlope,
                                    AnalysisFeedback* feedback = nullptr) const;

private:
    bool isValid(int column, int row) const;
    double value(int column, int row) const
    {
        return m_values[static_cast<std::size_t>(row) * static_cast<std::size_t>(m_width) +
                        static_cast<std::size_t>(column)];
    }

    std::string m_path;
    int m_width = 0;
    int m_height = 0;
    double m_originX = 0; ///< left edge of column 0
    double m_originY = 0; ///< top edge of row 0
    double m_cellWidth = 1;
    double m_cellHeight = -1; ///< negative for north-up rasters
    double m_linearUnit = 1;  ///< metres per CRS unit (projected rasters)
    bool m_geographic = false;
    std::string m_crs;
    std::string m_crsWkt;
    std::optional<double> m_noData;
    std::vector<double> m_values;
};

} // namespace geo
