#include "geo/analysis/geometry_ops.h"
#include "geo/errors.h"
#include "geo/gdal_dataset.h"
#include "geo/raster.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <string>

namespace {

const std::string merapiDem =
    std::string(TEST_DATA_DIR) + "/realdata/dem_srtm1_jelajahstatid/srtm1_merapi.tif";

/// Band 1 of a raster read straight through GDAL, independent of ElevationModel.
struct Grid
{
    int width = 0, height = 0;
    double transform[6] = {};
    std::vector<double> values;
    double noData = 0;
    bool hasNoData = false;
};

Grid readGrid(const std::string& path)
{
    geo::registerGdalDrivers();
    Grid grid;
    std::unique_ptr<GDALDataset> dataset(
        GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!dataset) {
        throw std::runtime_error("cannot open " + path);
    }
    grid.width = dataset->GetRasterXSize();
    grid.height = dataset->GetRasterYSize();
    dataset->GetGeoTransform(grid.transform);
    auto* band = dataset->GetRasterBand(1);
    int has = 0;
    grid.noData = band->GetNoDataValue(&has);
    grid.hasNoData = has != 0;
    grid.values.resize(static_cast<std::size_t>(grid.width) * grid.height);
    if (band->RasterIO(GF_Read,
                       0,
                       0,
                       grid.width,
                       grid.height,
                       grid.values.data(),
                       grid.width,
                       grid.height,
                       GDT_Float64,
                       0,
                       0,
                       nullptr) != CE_None) {
        throw std::runtime_error("cannot read " + path);
    }
    return grid;
}

/// A north-up GeoTIFF in /vsimem/ holding z = f(column, row).
template <typename F>
std::string writeRaster(const std::string& name,
                        const std::string& crs,
                        const double (&transform)[6],
                        int width,
                        int height,
                        F f)
{
    geo::registerGdalDrivers();
    const std::string path = "/vsimem/" + name + ".tif";
    auto* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    std::unique_ptr<GDALDataset> dataset(
        driver->Create(path.c_str(), width, height, 1, GDT_Float32, nullptr));
    double copy[6];
    std::copy(std::begin(transform), std::end(transform), copy);
    dataset->SetGeoTransform(copy);
    OGRSpatialReference srs;
    srs.SetFromUserInput(crs.c_str());
    dataset->SetSpatialRef(&srs);
    std::vector<float> values(static_cast<std::size_t>(width) * height);
    for (int r = 0; r < height; ++r) {
        for (int c = 0; c < width; ++c) {
            values[static_cast<std::size_t>(r) * width + c] = static_cast<float>(f(c, r));
        }
    }
    if (dataset->GetRasterBand(1)->RasterIO(GF_Write,
                                            0,
                                            0,
                                            width,
                                            height,
                                            values.data(),
                                            width,
                                            height,
                                            GDT_Float32,
                                            0,
                                            0,
                                            nullptr) != CE_None) {
        throw std::runtime_error("cannot write " + path);
    }
    return path;
}

constexpr double degrees = 180.0 / 3.14159265358979323846;

} // namespace

TEST(ElevationModel, ReadsTheMerapiCrop)
{
    const geo::ElevationModel dem(merapiDem);
    EXPECT_EQ(dem.width(), 360);
    EXPECT_EQ(dem.height(), 360);
    EXPECT_EQ(dem.crs(), "EPSG:4326");
    EXPECT_TRUE(dem.isGeographic());
    const Grid grid = readGrid(merapiDem);
    // Every 17th cell centre samples the same value as GDAL's own read.
    for (int r = 0; r < grid.height; r += 17) {
        for (int c = 0; c < grid.width; c += 17) {
            const double x = grid.transform[0] + (c + 0.5) * grid.transform[1];
            const double y = grid.transform[3] + (r + 0.5) * grid.transform[5];
            const auto value = dem.elevationAt(x, y);
            ASSERT_TRUE(value.has_value());
            EXPECT_EQ(*value, grid.values[static_cast<std::size_t>(r) * grid.width + c]);
        }
    }
    // The summit (2,918 m in SOURCES.md) is inside; outside the crop there is nothing.
    double highest = 0;
    for (double v : grid.values) {
        highest = std::max(highest, v);
    }
    EXPECT_EQ(highest, 2918);
    EXPECT_FALSE(dem.elevationAt(110.0, -7.5).has_value());
}

TEST(ElevationModel, ElevationMaskMatchesBruteForceOverTheCells)
{
    const geo::ElevationModel dem(merapiDem);
    const double minimum = 1500;
    const auto wkb = dem.mask(minimum, std::nullopt);
    ASSERT_FALSE(wkb.empty());
    const auto mask = geo::geos::fromWkb(wkb, "mask");
    const auto prepared = geo::geos::prepare(*mask);

    const Grid grid = readGrid(merapiDem);
    std::size_t above = 0;
    for (int r = 0; r < grid.height; ++r) {
        for (int c = 0; c < grid.width; ++c) {
            const double v = grid.values[static_cast<std::size_t>(r) * grid.width + c];
            const bool isAbove = v >= minimum && !(grid.hasNoData && v == grid.noData);
            above += isAbove;
            const double x = grid.transform[0] + (c + 0.5) * grid.transform[1];
            const double y = grid.transform[3] + (r + 0.5) * grid.transform[5];
            const auto centre = geo::geos::point(x, y);
            ASSERT_EQ(GEOSPreparedContains_r(geo::geosContext(), prepared.get(), centre.get()) == 1,
                      isAbove)
                << "cell " << c << "," << r << " = " << v;
        }
    }
    // The polygons follow the cell edges exactly: area = cells × cell area (in degrees²).
    const double cellArea = std::fabs(grid.transform[1] * grid.transform[5]);
    EXPECT_GT(above, 1000u);
    EXPECT_NEAR(geo::geos::measure(*mask),
                static_cast<double>(above) * cellArea,
                1e-9 * static_cast<double>(above) * cellArea);
}

TEST(ElevationModel, SlopeOfAPlaneInMetres)
{
    // A plane rising 10° towards the east in UTM 49S with 30 m cells.
    const double projected[6] = {430000, 30, 0, 9170000, 0, -30};
    const double rise = std::tan(10 / degrees) * 30;
    const auto utm = writeRaster(
        "plane_utm", "EPSG:32749", projected, 20, 15, [&](int c, int) { return 100 + c * rise; });
    const geo::ElevationModel plane(utm);
    EXPECT_FALSE(plane.isGeographic());
    EXPECT_NEAR(*plane.slope(5, 5), 10.0, 1e-3);
    EXPECT_NEAR(*plane.slope(18, 7), 10.0, 1e-3);
    // Only cells with slope <= 12° and elevation >= 100 + 10 cells of rise.
    const auto mask = geo::geos::fromWkb(plane.mask(100 + 10 * rise - 0.01, 12.0), "mask");
    // Columns 10..19 qualify except the last column, whose missing neighbour halves the
    // slope (still <= 12°): 10 columns × 15 rows of 900 m².
    EXPECT_NEAR(geo::geos::measure(*mask), 10 * 15 * 900.0, 1e-6);
    EXPECT_TRUE(plane.mask(std::nullopt, 5.0).empty() ||
                geo::geos::measure(*geo::geos::fromWkb(plane.mask(std::nullopt, 5.0), "m")) <
                    15 * 2 * 900.0 + 1e-6);

    // The same 10° plane rising northwards in a geographic raster near Merapi (7.5° S):
    // cell size in metres comes from the ellipsoid at the cell's latitude.
    const double cell = 1.0 / 3600;
    const double geographic[6] = {110.4, cell, 0, -7.5, 0, -cell};
    const double metresPerDegreeLat = 110598.0; // at 7.5° S, within 1 m
    const auto lonlat = writeRaster("plane_4326", "EPSG:4326", geographic, 20, 20, [&](int, int r) {
        return 2000 - r * cell * metresPerDegreeLat * std::tan(10 / degrees);
    });
    const geo::ElevationModel hill(lonlat);
    EXPECT_TRUE(hill.isGeographic());
    EXPECT_NEAR(*hill.slope(10, 10), 10.0, 0.05);
    EXPECT_NEAR(*hill.slopeAt(110.4 + 10.5 * cell, -7.5 - 10.5 * cell), 10.0, 0.05);
    VSIUnlink(utm.c_str());
    VSIUnlink(lonlat.c_str());
}

TEST(ElevationModel, WindowAndErrors)
{
    const geo::ElevationModel window(merapiDem, {110.44, -7.55, 110.45, -7.54});
    EXPECT_LE(window.width(), 40);
    EXPECT_LE(window.height(), 40);
    const geo::ElevationModel whole(merapiDem);
    EXPECT_EQ(window.elevationAt(110.445, -7.545), whole.elevationAt(110.445, -7.545));
    EXPECT_THROW(geo::ElevationModel("/nonexistent/dem.tif"), geo::GdalError);
}

TEST(ElevationModel, ExtentOfAFileWithoutReadingItsCells)
{
    // The corners from GDAL's own geotransform, and the bounds SOURCES.md gives for the crop.
    const Grid grid = readGrid(merapiDem);
    const geo::Envelope extent = geo::ElevationModel::extentOf(merapiDem);
    EXPECT_DOUBLE_EQ(extent.minX, grid.transform[0]);
    EXPECT_DOUBLE_EQ(extent.maxY, grid.transform[3]);
    EXPECT_DOUBLE_EQ(extent.maxX, grid.transform[0] + grid.width * grid.transform[1]);
    EXPECT_DOUBLE_EQ(extent.minY, grid.transform[3] + grid.height * grid.transform[5]);
    EXPECT_NEAR(extent.minX, 110.3968, 1e-4);
    EXPECT_NEAR(extent.minY, -7.5904, 1e-4);
    EXPECT_NEAR(extent.maxX, 110.4968, 1e-4);
    EXPECT_NEAR(extent.maxY, -7.4904, 1e-4);
    const geo::Envelope whole = geo::ElevationModel(merapiDem).extent();
    EXPECT_NEAR(extent.minX, whole.minX, 1e-9);
    EXPECT_NEAR(extent.maxY, whole.maxY, 1e-9);
    EXPECT_THROW(geo::ElevationModel::extentOf("/nonexistent/dem.tif"), geo::GdalError);
}
