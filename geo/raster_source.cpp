#include "geo/raster_source.h"

#include "geo/errors.h"
#include "geo/gdal_dataset.h"
#include "geo/gdal_error_capture.h"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace geo {

namespace {

struct TransformerDeleter
{
    void operator()(void* transformer) const noexcept
    {
        GDALDestroyGenImgProjTransformer(transformer);
    }
};

std::uint8_t clampByte(double v)
{
    return static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
}

} // namespace

RasterImage renderRaster(const std::string& utf8Path,
                         RasterStyle style,
                         const std::string& crs,
                         double minX,
                         double minY,
                         double maxX,
                         double maxY,
                         int width,
                         int height)
{
    registerGdalDrivers();
    GdalErrorCapture errors;
    DatasetPtr source(GDALDataset::Open(utf8Path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!source) {
        throw GdalError("'" + utf8Path + "': not a raster GDAL can read: " + errors.lastFailure());
    }
    const int sourceBands = source->GetRasterCount();
    if (sourceBands < 1) {
        throw GdalError("'" + utf8Path + "': the raster has no band");
    }
    OGRSpatialReference target;
    if (target.SetFromUserInput(crs.c_str()) != OGRERR_NONE) {
        throw GdalError("unknown CRS '" + crs + "'");
    }
    char* targetWkt = nullptr;
    target.exportToWkt(&targetWkt);
    const std::string targetText = targetWkt ? targetWkt : "";
    CPLFree(targetWkt);
    const char* sourceWkt = source->GetProjectionRef();
    const std::string sourceText =
        (sourceWkt && *sourceWkt) ? sourceWkt : SRS_WKT_WGS84_LAT_LONG; // no CRS: lon/lat

    // Which bands become colours.
    std::vector<int> bands;
    int alphaBand = 0;
    for (int b = 1; b <= sourceBands; ++b) {
        const auto interpretation = source->GetRasterBand(b)->GetColorInterpretation();
        if (interpretation == GCI_AlphaBand) {
            alphaBand = b;
        } else if (bands.size() < 3) {
            bands.push_back(b);
        }
    }
    if (style == RasterStyle::Hillshade) {
        bands = {1};
        alphaBand = 0;
    }
    const int colourBands = static_cast<int>(bands.size());
    const int destinationBands = colourBands + 1; // + alpha

    GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("MEM");
    const GDALDataType type = style == RasterStyle::Hillshade ? GDT_Float32 : GDT_Byte;
    DatasetPtr destination(memory->Create("", width, height, destinationBands, type, nullptr));
    if (!destination) {
        throw GdalError("cannot allocate a " + std::to_string(width) + "x" +
                        std::to_string(height) + " raster: " + errors.lastFailure());
    }
    double transform[6] = {minX, (maxX - minX) / width, 0, maxY, 0, -(maxY - minY) / height};
    destination->SetGeoTransform(transform);
    destination->SetProjection(targetText.c_str());

    std::unique_ptr<void, TransformerDeleter> transformer(
        GDALCreateGenImgProjTransformer(GDALDataset::ToHandle(source.get()),
                                        sourceText.c_str(),
                                        GDALDataset::ToHandle(destination.get()),
                                        targetText.c_str(),
                                        FALSE,
                                        0.0,
                                        1));
    if (!transformer) {
        throw GdalError("'" + utf8Path + "': cannot transform to " + crs + ": " +
                        errors.lastFailure());
    }
    GDALWarpOptions* options = GDALCreateWarpOptions();
    options->hSrcDS = GDALDataset::ToHandle(source.get());
    options->hDstDS = GDALDataset::ToHandle(destination.get());
    options->eResampleAlg = GRA_Bilinear;
    options->nBandCount = colourBands;
    options->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int) * colourBands));
    options->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int) * colourBands));
    for (int i = 0; i < colourBands; ++i) {
        options->panSrcBands[i] = bands[static_cast<std::size_t>(i)];
        options->panDstBands[i] = i + 1;
    }
    options->nSrcAlphaBand = alphaBand;
    options->nDstAlphaBand = destinationBands;
    int hasNoData = 0;
    const double noData = source->GetRasterBand(bands[0])->GetNoDataValue(&hasNoData);
    if (hasNoData) {
        options->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double) * colourBands));
        for (int i = 0; i < colourBands; ++i) {
            options->padfSrcNoDataReal[i] = noData;
        }
    }
    options->pfnTransformer = GDALGenImgProjTransform;
    options->pTransformerArg = transformer.get();
    GDALWarpOperation operation;
    CPLErr result = operation.Initialize(options);
    if (result == CE_None) {
        result = operation.ChunkAndWarpImage(0, 0, width, height);
    }
    options->pTransformerArg = nullptr;
    GDALDestroyWarpOptions(options);
    if (result != CE_None) {
        throw GdalError("'" + utf8Path + "': warping failed: " + errors.lastFailure());
    }

    RasterImage image;
    image.width = width;
    image.height = height;
    image.argb.assign(static_cast<std::size_t>(width) * height, 0);
    const std::size_t pixels = image.argb.size();
    std::vector<std::uint8_t> alpha(pixels);
    if (destination->GetRasterBand(destinationBands)
            ->RasterIO(GF_Read, 0, 0, width, height, alpha.data(), width, height, GDT_Byte, 0, 0) !=
        CE_None) {
        throw GdalError("'" + utf8Path + "': cannot read the warped alpha");
    }
    if (style == RasterStyle::Image) {
        std::vector<std::uint8_t> channel[3];
        for (int i = 0; i < 3; ++i) {
            channel[i].resize(pixels);
            const int band = std::min(i, colourBands - 1) + 1;
            if (destination->GetRasterBand(band)->RasterIO(GF_Read,
                                                           0,
                                                           0,
                                                           width,
                                                           height,
                                                           channel[i].data(),
                                                           width,
                                                           height,
                                                           GDT_Byte,
                                                           0,
                                                           0) != CE_None) {
                throw GdalError("'" + utf8Path + "': cannot read the warped image");
            }
        }
        for (std::size_t p = 0; p < pixels; ++p) {
            image.argb[p] = (std::uint32_t(alpha[p]) << 24) | (std::uint32_t(channel[0][p]) << 16) |
                            (std::uint32_t(channel[1][p]) << 8) | std::uint32_t(channel[2][p]);
        }
        return image;
    }
    // Hillshade (Horn's method) on the warped elevations; cell size from the output grid.
    std::vector<float> z(pixels);
    if (destination->GetRasterBand(1)->RasterIO(
            GF_Read, 0, 0, width, height, z.data(), width, height, GDT_Float32, 0, 0) != CE_None) {
        throw GdalError("'" + utf8Path + "': cannot read the warped elevations");
    }
    double cellX = transform[1];
    double cellY = -transform[5];
    if (target.IsGeographic()) {
        const double latitude = (minY + maxY) / 2 * M_PI / 180;
        cellX *= 111320.0 * std::cos(latitude);
        cellY *= 110574.0;
    }
    const double azimuth = (360.0 - 315.0 + 90.0) * M_PI / 180.0;
    const double zenith = (90.0 - 45.0) * M_PI / 180.0;
    auto at = [&](int x, int y) {
        x = std::clamp(x, 0, width - 1);
        y = std::clamp(y, 0, height - 1);
        return static_cast<double>(z[static_cast<std::size_t>(y) * width + x]);
    };
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const std::size_t p = static_cast<std::size_t>(y) * width + x;
            if (alpha[p] == 0) {
                continue;
            }
            const double a = at(x - 1, y - 1), b = at(x, y - 1), c = at(x + 1, y - 1);
            const double d = at(x - 1, y), f = at(x + 1, y);
            const double g = at(x - 1, y + 1), h = at(x, y + 1), i = at(x + 1, y + 1);
            const double dzdx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * cellX);
            const double dzdy = ((g + 2 * h + i) - (a + 2 * b + c)) / (8 * cellY);
            const double slope = std::atan(std::hypot(dzdx, dzdy));
            double aspect = std::atan2(dzdy, -dzdx);
            const double shade = std::cos(zenith) * std::cos(slope) +
                                 std::sin(zenith) * std::sin(slope) * std::cos(azimuth - aspect);
            const std::uint8_t grey = clampByte(255.0 * std::max(0.0, shade));
            image.argb[p] = (std::uint32_t(alpha[p]) << 24) | (std::uint32_t(grey) << 16) |
                            (std::uint32_t(grey) << 8) | grey;
        }
    }
    return image;
}

} // namespace geo
