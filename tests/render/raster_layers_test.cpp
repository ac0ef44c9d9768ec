#include "layers/project.h"
#include "layers/render/map_renderer.h"
#include "support/temp_dir.h"
#include "support/test_rasters.h"

#include <QColor>
#include <QImage>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

using layers::MapSettings;
using layers::RasterLayer;

namespace {

/// Raster backgrounds alone over an empty project, the Merapi crop in UTM 49S.
class RasterLayers : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_project = m_dir.file("kosong.sqlite");
        layers::Project::create(m_project, {"Kosong", "EPSG:32749", false, {}});
        hillshade = {testsupport::merapiDem(), RasterLayer::Kind::Hillshade, true, 1.0};
        colour = {
            testsupport::merapiColourRelief(m_dir.path()), RasterLayer::Kind::Image, true, 1.0};
    }

    /// ARGB32 (not premultiplied) render of the rasters, bottom first, over background.
    QImage render(std::vector<RasterLayer> rasters, QColor background = Qt::white) const
    {
        MapSettings settings;
        settings.projectPath = m_project;
        settings.crs = "EPSG:32749";
        // Inside the crop (110.3968,-7.5904 .. 110.4968,-7.4904), so both rasters cover it all.
        settings.extent = {435000, 9162500, 443000, 9170500};
        settings.size = QSize(120, 120);
        settings.labels = false;
        settings.background = background;
        settings.rasters = std::move(rasters);
        layers::RenderFeedback feedback;
        const auto result = layers::renderMap(settings, feedback);
        EXPECT_TRUE(result.errors.empty()) << (result.errors.empty() ? "" : result.errors.front());
        return result.image.convertToFormat(QImage::Format_ARGB32);
    }

    RasterLayer hillshade;
    RasterLayer colour;

private:
    testsupport::TempDir m_dir;
    std::string m_project;
};

int channelDistance(QRgb a, QRgb b)
{
    return std::max({std::abs(qRed(a) - qRed(b)),
                     std::abs(qGreen(a) - qGreen(b)),
                     std::abs(qBlue(a) - qBlue(b))});
}

} // namespace

TEST_F(RasterLayers, BothRastersCoverTheViewAndDiffer)
{
    // The premise of the tests below: each raster is opaque over the whole view, and the two
    // differ nearly everywhere, so a wrong order or opacity cannot go unnoticed.
    const QImage a = render({hillshade}, Qt::transparent);
    const QImage b = render({colour}, Qt::transparent);
    int differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            ASSERT_EQ(qAlpha(a.pixel(x, y)), 255) << x << "," << y;
            ASSERT_EQ(qAlpha(b.pixel(x, y)), 255) << x << "," << y;
            differing += channelDistance(a.pixel(x, y), b.pixel(x, y)) > 20;
        }
    }
    EXPECT_GT(differing, a.width() * a.height() * 9 / 10);
}

TEST_F(RasterLayers, OpacityBlendsProportionally)
{
    // Over white, a raster at opacity a gives a * colour + (1 - a) * 255 in each channel.
    const QImage opaque = render({colour});
    for (const double opacity : {0.25, 0.6}) {
        colour.opacity = opacity;
        const QImage faded = render({colour});
        int checked = 0;
        for (int y = 0; y < opaque.height(); y += 3) {
            for (int x = 0; x < opaque.width(); x += 3) {
                const QRgb c = opaque.pixel(x, y);
                const QRgb f = faded.pixel(x, y);
                auto expected = [&](int channel) {
                    return int(std::lround(opacity * channel + (1 - opacity) * 255));
                };
                ASSERT_NEAR(qRed(f), expected(qRed(c)), 2) << x << "," << y << " a=" << opacity;
                ASSERT_NEAR(qGreen(f), expected(qGreen(c)), 2) << x << "," << y;
                ASSERT_NEAR(qBlue(f), expected(qBlue(c)), 2) << x << "," << y;
                ++checked;
            }
        }
        EXPECT_EQ(checked, 40 * 40);
    }
    // One pixel by hand: the centre, near the summit (red 210,40,30 in the colour table).
    colour.opacity = 0.5;
    const QRgb centre = opaque.pixel(60, 60);
    const QRgb half = render({colour}).pixel(60, 60);
    EXPECT_GT(qRed(centre), qGreen(centre)); // reddish: the colour table's upper slopes
    EXPECT_NEAR(qRed(half), (qRed(centre) + 255) / 2.0, 1.5);
    EXPECT_NEAR(qGreen(half), (qGreen(centre) + 255) / 2.0, 1.5);
    EXPECT_NEAR(qBlue(half), (qBlue(centre) + 255) / 2.0, 1.5);

    // Two rasters: the upper one at opacity a over the lower, opaque one.
    hillshade.opacity = 1.0;
    colour.opacity = 0.4;
    const QImage lower = render({hillshade});
    const QImage both = render({hillshade, colour});
    for (int y = 0; y < both.height(); y += 3) {
        for (int x = 0; x < both.width(); x += 3) {
            const QRgb top = opaque.pixel(x, y);
            const QRgb bottom = lower.pixel(x, y);
            const QRgb blend = both.pixel(x, y);
            ASSERT_NEAR(qRed(blend), 0.4 * qRed(top) + 0.6 * qRed(bottom), 2) << x << "," << y;
            ASSERT_NEAR(qGreen(blend), 0.4 * qGreen(top) + 0.6 * qGreen(bottom), 2);
            ASSERT_NEAR(qBlue(blend), 0.4 * qBlue(top) + 0.6 * qBlue(bottom), 2);
        }
    }
}

TEST_F(RasterLayers, OrderDecidesWhichRasterIsOnTop)
{
    const QImage hillshadeAlone = render({hillshade});
    const QImage colourAlone = render({colour});
    // Bottom first: the last raster of the list is the one seen.
    EXPECT_EQ(render({hillshade, colour}), colourAlone);
    EXPECT_EQ(render({colour, hillshade}), hillshadeAlone);
    EXPECT_NE(hillshadeAlone, colourAlone);
}

TEST_F(RasterLayers, HiddenOrTransparentRasterDrawsNothing)
{
    const QImage colourAlone = render({colour});
    hillshade.visible = false;
    EXPECT_EQ(render({colour, hillshade}), colourAlone); // the hidden one was on top
    QImage white(colourAlone.size(), QImage::Format_ARGB32);
    white.fill(Qt::white);
    EXPECT_EQ(render({hillshade}), white);
    colour.opacity = 0;
    EXPECT_EQ(render({colour}), white);
}
