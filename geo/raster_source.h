#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace geo {

/// How a raster is turned into colours.
enum class RasterStyle {
    Image,     ///< RGB(A) bands as colours, one band as grey (orthophotos, MBTiles)
    Hillshade, ///< one elevation band shaded from the north-west (Horn, 315°/45°)
};

/// Pixels in 0xAARRGGBB, not premultiplied, row by row from the top.
struct RasterImage
{
    int width = 0;
    int height = 0;
    std::vector<std::uint32_t> argb;
};

/// Reads any raster GDAL reads (GeoTIFF, MBTiles, ASCII grid, ...) warped into the given CRS,
/// extent and pixel size with bilinear resampling; pixels outside the raster or at nodata are
/// transparent. Opens its own dataset (thread-confined). Throws GdalError naming the file.
RasterImage renderRaster(const std::string& utf8Path,
                         RasterStyle style,
                         const std::string& crs,
                         double minX,
                         double minY,
                         double maxX,
                         double maxY,
                         int width,
                         int height);

} // namespace geo
