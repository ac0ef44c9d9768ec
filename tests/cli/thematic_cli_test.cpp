// petadesa-cli render with thematic options, run as a user would, on villages, assets and
// potential imported from the sample sources.

#include "geo/raster.h"
#include "layers/project.h"
#include "layers/project_rasters.h"
#include "support/cli_run.h"
#include "support/temp_dir.h"

#include <QImage>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <memory>

namespace {

using testsupport::cli;
using testsupport::q;

class ThematicCli : public testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<testsupport::TempDir>();
        const QString project = q(s_dir->file("p.sqlite"));
        ASSERT_EQ(cli({"init", project, "--crs", "EPSG:32751"}).exitCode, 0);
        for (const char* theme : {"wilayah", "aset_desa", "potensi_ekonomi"}) {
            const auto imported =
                cli({"import",
                     project,
                     q(std::string(PETADESA_SOURCE_DIR) + "/data/sample/src/" + theme + ".geojson"),
                     "--theme",
                     theme,
                     "--report",
                     q(s_dir->file(std::string(theme) + ".csv"))});
            ASSERT_EQ(imported.exitCode, 0) << imported.err;
        }
    }
    static void TearDownTestSuite() { s_dir.reset(); }
    static QString project() { return q(s_dir->file("p.sqlite")); }
    static QString out(const std::string& name) { return q(s_dir->file(name)); }

    static inline std::unique_ptr<testsupport::TempDir> s_dir;
};

} // namespace

TEST_F(ThematicCli, ChoroplethWithLegendAndPies)
{
    const auto result = cli({"render",
                             project(),
                             out("c.png"),
                             "--size",
                             "600x400",
                             "--extent",
                             "122.17,-8.66,122.26,-8.59",
                             "--layers",
                             "wilayah",
                             "--choropleth",
                             "wilayah.jumlah_penduduk",
                             "--method",
                             "jenks",
                             "--classes",
                             "4",
                             "--unit",
                             "jiwa",
                             "--pies",
                             "potensi_ekonomi",
                             "--legend"});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(result.err.find("Peringatan"), std::string::npos) << result.err;
    const QImage image(out("c.png"));
    ASSERT_EQ(image.size(), QSize(600, 400));
    // The legend panel sits bottom left: its near-white fill and dark text are there.
    int dark = 0;
    for (int y = 250; y < 395; ++y) {
        for (int x = 12; x < 120; ++x) {
            dark += qGray(image.pixel(x, y)) < 80;
        }
    }
    EXPECT_GT(dark, 50);
}

TEST_F(ThematicCli, DensityWritesAGeoTiff)
{
    const auto result = cli({"render",
                             project(),
                             out("d.png"),
                             "--size",
                             "400x300",
                             "--density",
                             "aset_desa",
                             "--bandwidth",
                             "400",
                             "--cell",
                             "40",
                             "--density-tif",
                             out("d.tif")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    geo::ElevationModel grid(out("d.tif").toStdString());
    EXPECT_EQ(grid.crs(), "EPSG:32751");
    double maximum = 0;
    for (int r = 0; r < grid.height(); ++r) {
        for (int c = 0; c < grid.width(); ++c) {
            maximum = std::max(maximum, grid.elevation(c, r).value_or(0));
        }
    }
    EXPECT_GT(maximum, 0);
    // The command reports the same maximum it wrote.
    const auto at = result.out.find("maks ");
    ASSERT_NE(at, std::string::npos) << result.out;
    EXPECT_NEAR(std::stod(result.out.substr(at + 5)), maximum, maximum * 1e-5);
    EXPECT_NEAR((grid.extent().maxX - grid.extent().minX) / grid.width(), 40, 1e-9);
}

TEST_F(ThematicCli, UsageAndDataErrors)
{
    auto render = [&](QStringList extra, const QString& language = "C.UTF-8") {
        QStringList arguments{"render", project(), out("e.png"), "--size", "100x100"};
        return cli(arguments + extra, language);
    };
    EXPECT_EQ(render({"--choropleth", "wilayah"}).exitCode, 1);
    EXPECT_EQ(render({"--choropleth", "wilayah.jumlah_penduduk", "--method", "median"}).exitCode,
              1);
    EXPECT_EQ(render({"--choropleth", "wilayah.jumlah_penduduk", "--classes", "12"}).exitCode, 1);
    EXPECT_EQ(render({"--density", "aset_desa", "--bandwidth", "-5"}).exitCode, 1);
    EXPECT_EQ(render({"--density-tif", "x.tif"}).exitCode, 1);
    const auto missing = render({"--choropleth", "wilayah.tidak_ada"});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(missing.err.find("kolom 'tidak_ada' tidak ada di tabel 'wilayah'"), std::string::npos)
        << missing.err;
    const auto english = render({"--choropleth", "hasil_tidak_ada.nilai"}, "en_US.UTF-8");
    EXPECT_EQ(english.exitCode, 2);
    EXPECT_NE(english.err.find("table 'hasil_tidak_ada' is not in the project"), std::string::npos)
        << english.err;
    const auto help = cli({"render", "--help"});
    EXPECT_NE(help.out.find("--choropleth TABEL.KOLOM"), std::string::npos);
}

TEST_F(ThematicCli, RenderDrawsTheProjectsRasterBackgroundsUnlessToldNot)
{
    // A copy of the project with the Maumere tsunami depth grid as its raster background, as
    // the desktop's layers panel stores it.
    const std::string copy = s_dir->file("latar.sqlite");
    std::filesystem::copy_file(s_dir->file("p.sqlite"), copy);
    const std::string depth = std::string(TEST_DATA_DIR) + "/realdata/inasafe_data/maumere_tsunami/"
                                                           "maumere_aos_depth_20m_land_wgs84.tif";
    {
        layers::Project project(copy);
        layers::setProjectRasters(project, {{depth, layers::RasterLayer::Kind::Image, true, 1.0}});
    }
    auto render = [&](const QString& project, const std::string& name, QStringList extra) {
        QStringList arguments{"render",
                              project,
                              out(name),
                              "--size",
                              "300x200",
                              "--extent",
                              "122.19,-8.63,122.23,-8.60",
                              "--layers",
                              "wilayah"};
        arguments += extra;
        const auto result = cli(arguments);
        EXPECT_EQ(result.exitCode, 0) << result.err;
        return QImage(out(name));
    };
    const QImage plain = render(project(), "tanpa.png", {});
    const QImage withDepth = render(q(copy), "dengan.png", {});
    const QImage told = render(q(copy), "tidak.png", {"--no-rasters"});
    int differing = 0;
    for (int y = 0; y < plain.height(); ++y) {
        for (int x = 0; x < plain.width(); ++x) {
            differing += plain.pixel(x, y) != withDepth.pixel(x, y);
            EXPECT_EQ(plain.pixel(x, y), told.pixel(x, y));
        }
    }
    EXPECT_GT(differing, 300);
}
