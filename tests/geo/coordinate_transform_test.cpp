#include "geo/coordinate_transform.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

struct UtmCase
{
    double longitude, latitude;
    int epsg;
};

class UtmZone : public testing::TestWithParam<UtmCase>
{
};

TEST_P(UtmZone, PicksTheZoneOfTheCoordinate)
{
    const auto& c = GetParam();
    EXPECT_EQ(geo::utmEpsgFor(c.longitude, c.latitude), c.epsg);
}

// Indonesia spans zones 46-54, both hemispheres (DOMAIN.md §3f).
INSTANTIATE_TEST_SUITE_P(Indonesia,
                         UtmZone,
                         testing::Values(UtmCase{95.3, 5.5, 32646},     // Banda Aceh
                                         UtmCase{100.35, -0.95, 32747}, // Padang
                                         UtmCase{106.8, -6.2, 32748},   // Jakarta
                                         UtmCase{110.44, -7.54, 32749}, // Merapi
                                         UtmCase{116.1, -8.8, 32750},   // Lombok
                                         UtmCase{122.2, -8.62, 32751},  // Maumere
                                         UtmCase{119.87, -0.9, 32750},  // Palu
                                         UtmCase{109.3, 0.03, 32649},   // Pontianak, north
                                         UtmCase{140.7, -2.5, 32754})); // Jayapura

struct TransformCase
{
    const char* from;
    const char* to;
    double x, y, expectedX, expectedY, tolerance;
};

class Transform : public testing::TestWithParam<TransformCase>
{
};

TEST_P(Transform, MatchesReferenceCoordinates)
{
    const auto& c = GetParam();
    geo::CoordinateTransform transform(c.from, c.to);
    double x = c.x, y = c.y;
    ASSERT_TRUE(transform.transform(x, y));
    EXPECT_NEAR(x, c.expectedX, c.tolerance);
    EXPECT_NEAR(y, c.expectedY, c.tolerance);
}

// Reference values from `echo LON LAT | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:N` (GDAL 3.6.2).
INSTANTIATE_TEST_SUITE_P(
    Indonesia,
    Transform,
    testing::Values(
        TransformCase{"EPSG:4326", "EPSG:32748", 106.8, -6.2, 699163.39, 9314348.96, 0.01},
        TransformCase{"EPSG:32748", "EPSG:4326", 699163.39, 9314348.96, 106.8, -6.2, 1e-7},
        TransformCase{"EPSG:4326", "EPSG:32751", 122.2, -8.62, 411976.22, 9047067.03, 0.01},
        TransformCase{"EPSG:4326", "EPSG:32649", 109.3, 0.03, 310804.64, 3317.37, 0.01}));

TEST(Crs, KnowsProjectedAndGeographic)
{
    EXPECT_TRUE(geo::isKnownCrs("EPSG:32750"));
    EXPECT_TRUE(geo::isProjectedCrs("EPSG:32750"));
    EXPECT_FALSE(geo::isProjectedCrs("EPSG:4326"));
    EXPECT_TRUE(geo::isKnownCrs("EPSG:23883")); // DGN95 / UTM zone 51S
    EXPECT_FALSE(geo::isKnownCrs("EPSG:999999"));
    EXPECT_EQ(geo::crsName("EPSG:32751"), "WGS 84 / UTM zone 51S");
}

TEST(InterpolatedTransform, StaysWithinToleranceOfProj)
{
    // A kabupaten-sized box around Maumere, drawn in UTM 51S; tolerance 0.05 m.
    geo::CoordinateTransform exact("EPSG:4326", "EPSG:32751");
    geo::InterpolatedTransform fast(exact, 121.6, -8.9, 122.7, -8.1, 0.05);
    EXPECT_GT(fast.resolution(), 0);
    EXPECT_LE(fast.maximumError(), 0.05);
    double worst = 0;
    for (int i = 0; i <= 97; ++i) {
        for (int j = 0; j <= 89; ++j) {
            double xy[2] = {121.6 + 1.1 * i / 97.0, -8.9 + 0.8 * j / 89.0};
            double reference[2] = {xy[0], xy[1]};
            fast.transformInterleaved(xy, 1);
            exact.transformInterleaved(reference, 1);
            worst = std::max(worst, std::hypot(xy[0] - reference[0], xy[1] - reference[1]));
        }
    }
    EXPECT_LT(worst, 0.1); // metres, checked off the grid's own probe points
    // Outside the box every point goes through PROJ exactly.
    double outside[2] = {125.0, -8.0}, reference[2] = {125.0, -8.0};
    fast.transformInterleaved(outside, 1);
    exact.transformInterleaved(reference, 1);
    EXPECT_EQ(outside[0], reference[0]);
    EXPECT_EQ(outside[1], reference[1]);
}

TEST(PolynomialTransform, ReproducesProjToNanometres)
{
    // Kabupaten, province and Java-wide boxes in UTM 50S and 51S, checked against PROJ at
    // pseudo-random points (not the fit's own nodes or check grid).
    struct Box
    {
        const char* crs;
        double minX, minY, maxX, maxY;
    };
    for (const Box& box : {Box{"EPSG:32751", 121.6, -8.9, 122.7, -8.1},
                           Box{"EPSG:32750", 115.9, -8.85, 116.6, -8.55},
                           Box{"EPSG:32750", 114.0, -10.0, 120.0, -6.0},
                           Box{"EPSG:32750", 116.0, -8.7, 116.001, -8.699}}) {
        const geo::CoordinateTransform exact("EPSG:4326", box.crs);
        const geo::PolynomialTransform fit(exact, box.minX, box.minY, box.maxX, box.maxY, 1e-8);
        ASSERT_TRUE(fit.isUsable()) << box.crs << " " << box.minX;
        EXPECT_LE(fit.maximumError(), 1e-8);
        std::uint64_t state = 42;
        auto next = [&] {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            return static_cast<double>(state >> 11) / 9007199254740992.0;
        };
        double worst = 0;
        for (int i = 0; i < 20000; ++i) {
            double x = box.minX + (box.maxX - box.minX) * next();
            double y = box.minY + (box.maxY - box.minY) * next();
            ASSERT_TRUE(fit.contains(x, y));
            double ex = x, ey = y;
            fit.apply(x, y);
            ASSERT_TRUE(exact.transform(ex, ey));
            worst = std::max(worst, std::hypot(x - ex, y - ey));
        }
        EXPECT_LT(worst, 2e-8) << box.crs << " " << box.minX; // 20 nm
    }
    // Outside the box the caller must go to PROJ.
    const geo::CoordinateTransform exact("EPSG:4326", "EPSG:32750");
    const geo::PolynomialTransform fit(exact, 115.9, -8.85, 116.6, -8.55, 1e-6);
    EXPECT_FALSE(fit.contains(116.7, -8.7));
    EXPECT_FALSE(fit.contains(116.0, -8.5));
}

TEST(PolynomialTransform, RefusesWhatItCannotFit)
{
    const geo::CoordinateTransform exact("EPSG:4326", "EPSG:32750");
    // A quarter of the globe across many UTM zones: no polynomial of degree 14 follows UTM
    // there to 10 nm, so every point is left to PROJ.
    const geo::PolynomialTransform wide(exact, 60.0, -60.0, 170.0, 60.0, 1e-8);
    EXPECT_FALSE(wide.isUsable());
    // An empty box and the identity transformation have nothing to fit.
    EXPECT_FALSE(geo::PolynomialTransform(exact, 116.0, -8.0, 116.0, -7.0, 1e-6).isUsable());
    EXPECT_FALSE(
        geo::PolynomialTransform(geo::CoordinateTransform(), 116.0, -8.0, 117.0, -7.0, 1e-6)
            .isUsable());
}
