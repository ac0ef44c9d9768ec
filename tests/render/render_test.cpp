#include "geo/gdal_dataset.h"
#include "geo/spatial_database.h"
#include "layers/analysis/evacuation_analysis.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "layers/render/evacuation_routes.h"
#include "layers/render/fonts.h"
#include "layers/render/map_render_job.h"
#include "layers/render/map_renderer.h"
#include "layers/render/render_scheduler.h"
#include "support/image_compare.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

using layers::MapLayer;
using layers::MapSettings;

namespace {

/// The bundled sample kecamatan (Maumere), imported once for every test of this binary.
class SampleProject
{
public:
    static const std::string& path()
    {
        static SampleProject sample;
        return sample.m_path;
    }

private:
    SampleProject()
    {
        m_path = m_dir.file("sample.sqlite");
        layers::Project::create(m_path, {"Contoh", "EPSG:32751", true, {}});
        layers::Project project(m_path);
        for (const auto& theme : layers::defaultLayerOrder()) {
            layers::ImportOptions options;
            options.theme = theme;
            options.reportPath = m_dir.file(theme + ".csv");
            layers::importFile(
                project, PETADESA_SOURCE_DIR "/data/sample/src/" + theme + ".geojson", options);
        }
    }
    testsupport::TempDir m_dir;
    std::string m_path;
};

// Maumere town centre in UTM 51S (EPSG:32751), from lon/lat 122.20,-8.63 .. 122.235,-8.61.
constexpr layers::MapRect townExtent{412200, 9045900, 416050, 9048110};

MapSettings settingsFor(std::vector<std::string> themes, layers::MapRect extent, QSize size)
{
    MapSettings settings;
    settings.projectPath = SampleProject::path();
    settings.crs = "EPSG:32751";
    settings.extent = extent;
    settings.size = size;
    settings.dpi = 96;
    for (const auto& theme : themes) {
        settings.layers.push_back({theme, true, 1.0, std::nullopt, {}});
    }
    return settings;
}

void expectGolden(const QImage& image, const char* name)
{
    const auto comparison = testsupport::compareWithGolden(image, name);
    EXPECT_TRUE(comparison.matches) << comparison.message.toStdString();
}

int pixelsNotOf(const QImage& image, QRgb background)
{
    int count = 0;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            count += line[x] != background;
        }
    }
    return count;
}

} // namespace

TEST(RenderGolden, HazardLevels)
{
    layers::RenderFeedback feedback;
    const auto result =
        layers::renderMap(settingsFor({"zona_bahaya"}, townExtent, QSize(384, 256)), feedback);
    EXPECT_TRUE(result.errors.empty());
    expectGolden(result.image, "hazard_levels");
}

TEST(RenderGolden, ThemeSymbolsAtVillageScale)
{
    layers::RenderFeedback feedback;
    auto settings = settingsFor(layers::defaultLayerOrder(), townExtent, QSize(512, 320));
    settings.labels = false;
    const auto result = layers::renderMap(settings, feedback);
    EXPECT_TRUE(result.errors.empty());
    expectGolden(result.image, "theme_symbols");
}

TEST(RenderGolden, LabelsWithBundledFont)
{
    layers::RenderFeedback feedback;
    auto settings = settingsFor(
        {"wilayah", "titik_evakuasi", "pusat_kemasyarakatan"}, townExtent, QSize(640, 400));
    const auto result = layers::renderMap(settings, feedback);
    EXPECT_TRUE(result.errors.empty());
    expectGolden(result.image, "labels");
}

TEST(RenderGolden, HillshadeBackgroundWithHazardZones)
{
    // Merapi: SRTM hillshade under the KRB zones (real data).
    testsupport::TempDir dir;
    const std::string path = dir.file("merapi.sqlite");
    layers::Project::create(path, {"Merapi", "EPSG:32749", false, {}});
    {
        layers::Project project(path);
        layers::ImportOptions options;
        options.theme = "zona_bahaya";
        options.constants = {{"jenis_bahaya", "letusan gunung api"}};
        options.reportPath = dir.file("r.csv");
        layers::importFile(project,
                           TEST_DATA_DIR "/realdata/inasafe_data/volcano/Merapi_hazard_zone.shp",
                           options);
    }
    MapSettings settings;
    settings.projectPath = path;
    settings.crs = "EPSG:32749";
    // The SRTM crop around the summit (110.3968,-7.5904 .. 110.4968,-7.4904) in UTM 49S.
    settings.extent = {433500, 9161000, 444400, 9171900};
    settings.size = QSize(320, 320);
    settings.rasters.push_back({TEST_DATA_DIR "/realdata/dem_srtm1_jelajahstatid/srtm1_merapi.tif",
                                layers::RasterLayer::Kind::Hillshade,
                                true,
                                1.0});
    settings.layers.push_back({"zona_bahaya", true, 1.0, std::nullopt, {}});
    settings.labels = false;
    layers::RenderFeedback feedback;
    const auto result = layers::renderMap(settings, feedback);
    EXPECT_TRUE(result.errors.empty()) << (result.errors.empty() ? "" : result.errors.front());
    expectGolden(result.image, "hillshade_merapi");
}

TEST(RenderJob, BrokenLayerReportsAnErrorAndTheOthersDraw)
{
    auto settings = settingsFor({"zona_bahaya", "tidak_ada", "jalan"}, townExtent, QSize(200, 120));
    settings.rasters.push_back({"/tidak/ada.tif", layers::RasterLayer::Kind::Image, true, 1.0});
    layers::RenderFeedback feedback;
    const auto result = layers::renderMap(settings, feedback);
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_NE(result.errors[0].find("/tidak/ada.tif"), std::string::npos);
    EXPECT_NE(result.errors[1].find("tidak_ada"), std::string::npos);
    EXPECT_GT(pixelsNotOf(result.image, qRgb(255, 255, 255)), 1000); // zones and roads drawn
}

TEST(RenderJob, CancelMidRenderStopsEarlyAndSaysSo)
{
    // A layer big enough to take a while: 60,000 settlements in one village.
    testsupport::TempDir dir;
    const std::string path = dir.file("big.sqlite");
    layers::Project::create(path, {"Besar", "EPSG:32751", false, {}});
    {
        std::string csv = "nama,penduduk,lintang,bujur\n";
        for (int i = 0; i < 60000; ++i) {
            csv += "RT," + std::to_string(i % 300) + "," + std::to_string(-8.6 - (i % 250) * 1e-4) +
                   "," + std::to_string(122.2 + (i / 250) * 1e-4) + "\n";
        }
        testsupport::writeText(dir.file("big.csv"), csv);
        layers::Project project(path);
        layers::ImportOptions options;
        options.theme = "permukiman";
        layers::importFile(project, dir.file("big.csv"), options);
    }
    MapSettings settings;
    settings.projectPath = path;
    settings.crs = "EPSG:32751";
    settings.extent = layers::projectExtent(path, "EPSG:32751");
    settings.size = QSize(300, 300);
    settings.layers.push_back({"permukiman", true, 1.0, std::nullopt, {}});
    settings.layers.front().style = layers::ThemeStyle::load("permukiman");
    settings.layers.front().style->maxScale = 0; // draw at any scale

    layers::MapRenderJob job(settings);
    QSignalSpy finished(&job, &layers::MapRenderJob::finished);
    job.start();
    // Wait until the worker is drawing, then cancel from this thread.
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000 && job.isActive()) {
        std::this_thread::yield();
        if (job.feedback().progress() > 2000) {
            break;
        }
    }
    job.cancel();
    ASSERT_TRUE(finished.wait(30000) || finished.count() == 1);
    EXPECT_EQ(finished.count(), 1);
    EXPECT_TRUE(job.result().canceled);
    EXPECT_LT(job.feedback().progress(), 60000);
}

TEST(RenderJob, FiftyRefreshesGiveOneRender)
{
    int provided = 0;
    layers::RenderScheduler scheduler([&] {
        ++provided;
        return settingsFor({"zona_bahaya"}, townExtent, QSize(100, 60));
    });
    QSignalSpy rendered(&scheduler, &layers::RenderScheduler::rendered);
    for (int i = 0; i < 50; ++i) {
        scheduler.refresh();
    }
    ASSERT_TRUE(rendered.wait(30000));
    EXPECT_EQ(scheduler.rendersStarted(), 1);
    EXPECT_EQ(provided, 1);
    EXPECT_FALSE(scheduler.lastImage().isNull());
}

TEST(RenderJob, StaleResultsAreDropped)
{
    int provided = 0;
    layers::RenderScheduler scheduler([&] {
        ++provided;
        auto settings = settingsFor({"zona_bahaya"}, townExtent, QSize(100 + provided, 60));
        return settings;
    });
    QSignalSpy rendered(&scheduler, &layers::RenderScheduler::rendered);
    scheduler.refresh();
    ASSERT_TRUE(QSignalSpy(&scheduler, &layers::RenderScheduler::renderStarted).wait(5000));
    scheduler.refresh(); // a second render while the first may still run
    while (scheduler.rendersStarted() < 2 || scheduler.isRendering()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    QCoreApplication::processEvents();
    // Only the newest render's image is shown.
    EXPECT_EQ(scheduler.lastImage().width(), 102);
}

TEST(RenderRaster, MBTilesBackgroundIsDrawn)
{
    // An MBTiles file made by GDAL from the Merapi SRTM crop (grey, EPSG:3857 tiles).
    testsupport::TempDir dir;
    const QString tiles = QString::fromStdString(dir.file("merapi.mbtiles"));
    QProcess translate;
    translate.start("gdal_translate",
                    {"-q",
                     "-of",
                     "MBTILES",
                     "-ot",
                     "Byte",
                     "-scale",
                     "700",
                     "3000",
                     "0",
                     "255",
                     TEST_DATA_DIR "/realdata/dem_srtm1_jelajahstatid/srtm1_merapi.tif",
                     tiles});
    ASSERT_TRUE(translate.waitForFinished(60000));
    ASSERT_EQ(translate.exitCode(), 0) << translate.readAllStandardError().toStdString();

    testsupport::TempDir projectDir;
    const std::string path = projectDir.file("kosong.sqlite");
    layers::Project::create(path, {"Kosong", "EPSG:32749", false, {}});
    MapSettings settings;
    settings.projectPath = path;
    settings.crs = "EPSG:32749";
    settings.extent = {433500, 9161000, 444400, 9171900};
    settings.size = QSize(200, 200);
    settings.rasters.push_back(
        {tiles.toStdString(), layers::RasterLayer::Kind::MBTiles, true, 1.0});
    layers::RenderFeedback feedback;
    const auto result = layers::renderMap(settings, feedback);
    EXPECT_TRUE(result.errors.empty()) << (result.errors.empty() ? "" : result.errors.front());
    // The summit is bright, the lower slopes dark: many distinct grey values were drawn.
    std::set<int> greys;
    const QImage image = result.image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); y += 5) {
        for (int x = 0; x < image.width(); x += 5) {
            greys.insert(qGray(image.pixel(x, y)));
        }
    }
    EXPECT_GT(greys.size(), 50u);
}

namespace {

bool isRouteColour(QRgb pixel)
{
    const QColor route = layers::evacuationRouteColor();
    return std::abs(qRed(pixel) - route.red()) <= 2 &&
           std::abs(qGreen(pixel) - route.green()) <= 2 &&
           std::abs(qBlue(pixel) - route.blue()) <= 2;
}

} // namespace

TEST(RenderRoutes, EvacuationRoutesDrawOverTheMapWhereSpatiaLitePutsThem)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("rute.sqlite");
    testsupport::copySampleProject(path);
    MapSettings settings;
    settings.projectPath = path;
    settings.crs = "EPSG:32751";
    settings.extent = townExtent;
    settings.size = QSize(640, 368);
    settings.evacuationRoutes = true;
    auto routePixels = [&] {
        layers::RenderFeedback feedback;
        const auto result = layers::renderMap(settings, feedback);
        EXPECT_TRUE(result.errors.empty());
        int count = 0;
        const QImage image = result.image.convertToFormat(QImage::Format_ARGB32);
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                count += isRouteColour(image.pixel(x, y));
            }
        }
        return std::pair(count, image);
    };
    EXPECT_EQ(routePixels().first, 0); // no plan yet: nothing to draw, and no error
    {
        layers::Project project(path);
        layers::runEvacuation(project, {});
    }
    const auto [count, image] = routePixels();
    EXPECT_GT(count, 500);
    settings.evacuationRoutes = false;
    EXPECT_EQ(routePixels().first, 0);

    // Each route ends at its site with an arrowhead: the pixel of every end point SpatiaLite
    // transforms into the view is route-coloured (or has a route-coloured neighbour).
    const layers::MapRect visible = settings.visibleExtent();
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::ReadOnly);
    auto ends = db.prepare("SELECT X(p), Y(p) FROM (SELECT Transform(EndPoint(geom), 32751) AS p "
                           "FROM hasil_evakuasi_rute)");
    int checked = 0;
    while (ends.step()) {
        const double px = (ends.real(0) - visible.minX) / visible.width() * image.width();
        const double py = (visible.maxY - ends.real(1)) / visible.height() * image.height();
        if (px < 3 || py < 3 || px > image.width() - 4 || py > image.height() - 4) {
            continue;
        }
        bool found = false;
        for (int dy = -2; dy <= 2 && !found; ++dy) {
            for (int dx = -2; dx <= 2 && !found; ++dx) {
                found = isRouteColour(image.pixel(int(px) + dx, int(py) + dy));
            }
        }
        EXPECT_TRUE(found) << "route end at pixel " << px << ", " << py;
        ++checked;
    }
    EXPECT_GT(checked, 5);
}
