#include "geo/analysis/kernel_density.h"
#include "geo/errors.h"
#include "geo/raster.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <random>

namespace {

/// The quartic kernel written out, per km² for metre coordinates.
double quartic(double distance, double bandwidth)
{
    if (distance >= bandwidth) {
        return 0;
    }
    const double t = 1 - (distance * distance) / (bandwidth * bandwidth);
    return 3 / (M_PI * bandwidth * bandwidth) * t * t * 1e6;
}

} // namespace

TEST(KernelDensity, MatchesTheKernelSummedPerCell)
{
    std::mt19937 random(7);
    std::uniform_real_distribution<double> coordinate(0, 3000);
    std::uniform_real_distribution<double> weight(0.5, 4);
    std::vector<geo::WeightedPoint> points(200);
    for (auto& p : points) {
        p = {500000 + coordinate(random), 9100000 + coordinate(random), weight(random)};
    }
    const geo::Envelope extent{500000, 9100000, 503000, 9103000};
    const auto grid = geo::kernelDensity(points, extent, 400, 50);
    ASSERT_EQ(grid.width, 60);
    ASSERT_EQ(grid.height, 60);
    double maximum = 0;
    for (int r = 0; r < grid.height; r += 7) {
        for (int c = 0; c < grid.width; c += 5) {
            const double x = grid.originX + (c + 0.5) * grid.cellSize;
            const double y = grid.originY - (r + 0.5) * grid.cellSize;
            double expected = 0;
            for (const auto& p : points) {
                expected += p.weight * quartic(std::hypot(x - p.x, y - p.y), 400);
            }
            EXPECT_NEAR(grid.at(c, r), expected, 1e-5 * std::max(1.0, expected)) << c << "," << r;
            maximum = std::max(maximum, expected);
        }
    }
    EXPECT_GE(grid.maximum, maximum * (1 - 1e-6));
}

TEST(KernelDensity, OnePointIntegratesToItsWeight)
{
    // A point at a cell centre: the peak is 3/(πh²) per m² (× 10⁶ per km²) and the cells sum
    // to the weight (the kernel integrates to 1).
    const std::vector<geo::WeightedPoint> points{{1025, 2025, 3}};
    const auto grid = geo::kernelDensity(points, {0, 0, 4000, 4000}, 500, 10);
    EXPECT_NEAR(grid.maximum, 3 * 3 / (M_PI * 500 * 500) * 1e6, 1e-3);
    double total = 0;
    for (float v : grid.values) {
        total += v;
    }
    EXPECT_NEAR(total * 10 * 10 / 1e6, 3.0, 3.0 * 1e-3);
}

TEST(KernelDensity, WritesAGeoTiffThatReadsBack)
{
    const std::vector<geo::WeightedPoint> points{{410000, 9046000, 1}, {410300, 9046100, 2}};
    const auto grid = geo::kernelDensity(points, {409500, 9045500, 411000, 9046600}, 300, 25);
    const auto path = (std::filesystem::temp_directory_path() /
                       ("petadesa_density_" + std::to_string(::getpid()) + ".tif"))
                          .string();
    geo::writeDensityGeoTiff(path, grid, "EPSG:32751");
    {
        geo::ElevationModel model(path);
        EXPECT_EQ(model.width(), grid.width);
        EXPECT_EQ(model.height(), grid.height);
        EXPECT_EQ(model.crs(), "EPSG:32751");
        EXPECT_NEAR(model.extent().minX, grid.originX, 1e-6);
        EXPECT_NEAR(model.extent().maxY, grid.originY, 1e-6);
        for (int r = 0; r < grid.height; r += 3) {
            for (int c = 0; c < grid.width; c += 3) {
                EXPECT_FLOAT_EQ(float(model.elevation(c, r).value_or(-1)), grid.at(c, r));
            }
        }
    }
    std::filesystem::remove(path);
    EXPECT_THROW(geo::writeDensityGeoTiff("/nonexistent/dir/x.tif", grid, "EPSG:32751"),
                 geo::Error);
}
