#include "app/desktop/layer_panel.h"
#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"
#include "app_fixture.h"
#include "geo/spatial_database.h"
#include "layers/project.h"
#include "layers/project_rasters.h"
#include "support/test_rasters.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSlider>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using apptest::waitFor;
using layers::RasterLayer;

namespace {

const QString tsunamiDepth = QString(TEST_DATA_DIR) + "/realdata/inasafe_data/maumere_tsunami/"
                                                      "maumere_aos_depth_20m_land_wgs84.tif";

class RasterLayersTest : public apptest::WindowTest
{
protected:
    app::LayerPanel* panel() const { return window->layerPanel(); }
    std::string projectDirectory() const
    {
        return QFileInfo(QString::fromStdString(projectPath())).absolutePath().toStdString();
    }

    /// A copy of the Merapi DEM in the project's folder (a file the test may delete).
    QString demNextToProject() const
    {
        const std::string copy = projectDirectory() + "/dem/srtm1_merapi.tif";
        std::filesystem::create_directories(projectDirectory() + "/dem");
        std::filesystem::copy_file(testsupport::merapiDem(), copy);
        return QString::fromStdString(copy);
    }

    QImage renderNow()
    {
        const int finished = canvas->renderFinishCount();
        canvas->refresh();
        EXPECT_TRUE(waitFor(
            [&] { return canvas->renderFinishCount() > finished && !canvas->isRendering(); }));
        return canvas->image().convertToFormat(QImage::Format_ARGB32);
    }

    /// Shows the Merapi crop (no feature of the test project lies there).
    void showMerapi()
    {
        const auto centre = canvas->lonLatToMap(QPointF(110.446, -7.541));
        ASSERT_TRUE(centre.has_value());
        canvas->setView(*centre, 20.0);
    }

    /// Closes the window (which writes the rasters into the project) and opens the project
    /// in a new one.
    void reopen()
    {
        window.reset();
        window = std::make_unique<app::MainWindow>();
        window->resize(1200, 800);
        window->show();
        ASSERT_TRUE(window->openProject(QString::fromStdString(projectPath())));
        canvas = window->canvas();
        ASSERT_TRUE(waitFor([this] { return canvas->renderFinishCount() > 0; }));
    }

    /// The raster list as stored in the project file, read by plain SQL.
    QJsonArray storedRasters() const
    {
        geo::SpatialDatabase db(projectPath(), geo::SpatialDatabase::Mode::ReadOnly);
        auto statement = db.prepare("SELECT nilai FROM proyek WHERE kunci = 'latar_raster'");
        if (!statement.step()) {
            return {};
        }
        return QJsonDocument::fromJson(QByteArray::fromStdString(statement.text(0))).array();
    }

    testsupport::TempDir rasterDir;
};

} // namespace

TEST_F(RasterLayersTest, RastersAreEntriesUnderTheThemes)
{
    const QString dem = QString::fromStdString(testsupport::merapiDem());
    const QString colour =
        QString::fromStdString(testsupport::merapiColourRelief(rasterDir.path()));
    ASSERT_TRUE(window->addRasterBackground(dem, true));
    ASSERT_TRUE(window->addRasterBackground(colour, false));
    // Two entries below the ten themes, the newest on top; the current layer stays a theme.
    QTreeWidget* tree = panel()->tree();
    ASSERT_EQ(tree->topLevelItemCount(), 12);
    EXPECT_EQ(panel()->order().size(), 10u);
    EXPECT_EQ(panel()->rasterCount(), 2);
    EXPECT_EQ(tree->topLevelItem(10), panel()->rasterItem(0));
    EXPECT_EQ(tree->topLevelItem(11), panel()->rasterItem(1));
    EXPECT_TRUE(panel()->rasterItem(0)->text(0).startsWith("merapi_warna.tif"));
    EXPECT_TRUE(panel()->rasterItem(1)->text(0).contains("bayangan bukit"));
    EXPECT_FALSE(panel()->rasterItem(0)->icon(0).isNull());
    EXPECT_EQ(panel()->rasterItem(0)->checkState(0), Qt::Checked);
    EXPECT_EQ(panel()->currentTheme(), "aset_desa");
    // The canvas draws them bottom first: the hillshade (opacity 0.6 by default), then the image.
    ASSERT_EQ(canvas->rasters().size(), 2u);
    EXPECT_EQ(canvas->rasters()[0].kind, RasterLayer::Kind::Hillshade);
    EXPECT_DOUBLE_EQ(canvas->rasters()[0].opacity, 0.6);
    EXPECT_EQ(canvas->rasters()[1].path, colour.toStdString());

    // Up/down buttons move a raster among the rasters only, never above a theme.
    panel()->setCurrentRaster(1);
    EXPECT_EQ(panel()->currentTheme(), "");
    QToolButton* up = nullptr;
    for (auto* button : panel()->findChildren<QToolButton*>()) {
        if (button->arrowType() == Qt::UpArrow) {
            up = button;
        }
    }
    ASSERT_NE(up, nullptr);
    QTest::mouseClick(up, Qt::LeftButton);
    EXPECT_EQ(panel()->currentRaster(), 0);
    EXPECT_EQ(canvas->rasters()[1].kind, RasterLayer::Kind::Hillshade); // now on top
    QTest::mouseClick(up, Qt::LeftButton);
    EXPECT_EQ(tree->indexOfTopLevelItem(tree->currentItem()), 10); // still under the themes
    // A raster dragged among the themes goes back under them (as a drop does it: take, insert).
    tree->insertTopLevelItem(2, tree->takeTopLevelItem(11));
    QCoreApplication::processEvents();
    EXPECT_EQ(panel()->rasterItem(0), tree->topLevelItem(10));
    EXPECT_EQ(tree->topLevelItem(2)->data(0, Qt::UserRole + 1).toString(), "bumdes_unit");
    EXPECT_EQ(canvas->rasters()[1].kind, RasterLayer::Kind::Image); // the top raster now
    // A theme cannot go below a raster either.
    panel()->moveLayer("wilayah", 1);
    EXPECT_EQ(panel()->order().back(), "wilayah");
    EXPECT_EQ(tree->topLevelItem(9)->data(0, Qt::UserRole + 1).toString(), "wilayah");

    // Remove one, then all (View menu).
    panel()->removeRaster(0);
    ASSERT_EQ(canvas->rasters().size(), 1u);
    EXPECT_EQ(canvas->rasters()[0].kind, RasterLayer::Kind::Hillshade);
    window->clearRasterBackgrounds();
    EXPECT_EQ(panel()->rasterCount(), 0);
    EXPECT_TRUE(canvas->rasters().empty());
    EXPECT_EQ(tree->topLevelItemCount(), 10);
}

TEST_F(RasterLayersTest, PanelOpacityVisibilityAndOrderChangeTheMap)
{
    showMerapi();
    const QImage empty = renderNow();
    ASSERT_TRUE(
        window->addRasterBackground(QString::fromStdString(testsupport::merapiDem()), true));
    ASSERT_TRUE(window->addRasterBackground(
        QString::fromStdString(testsupport::merapiColourRelief(rasterDir.path())), false));
    panel()->setRasterOpacity(1, 1.0); // the hillshade, opaque for clean comparisons
    const QImage colourOnTop = renderNow();
    const QPoint centre(colourOnTop.width() / 2, colourOnTop.height() / 2);
    const QRgb colourPixel = colourOnTop.pixel(centre);
    EXPECT_NE(colourPixel, empty.pixel(centre));

    // The checkbox of the top raster hides it: the hillshade shows through.
    panel()->rasterItem(0)->setCheckState(0, Qt::Unchecked);
    EXPECT_FALSE(canvas->rasters()[1].visible);
    const QImage hillshadeOnly = renderNow();
    const QRgb shade = hillshadeOnly.pixel(centre);
    EXPECT_EQ(qRed(shade), qBlue(shade)); // grey
    EXPECT_NE(shade, colourPixel);
    // Both hidden: nothing is drawn, the map is as before the rasters.
    panel()->setRasterVisible(1, false);
    EXPECT_EQ(renderNow(), empty);

    // The slider sets the current raster's opacity; the pixel blends over white in proportion.
    panel()->setRasterVisible(0, true);
    panel()->setCurrentRaster(0);
    auto* slider = panel()->findChild<QSlider*>();
    ASSERT_NE(slider, nullptr);
    EXPECT_EQ(slider->value(), 100);
    slider->setValue(40);
    EXPECT_DOUBLE_EQ(panel()->rasterOpacity(0), 0.4);
    EXPECT_DOUBLE_EQ(canvas->rasters()[1].opacity, 0.4);
    const QRgb faded = renderNow().pixel(centre);
    EXPECT_NEAR(qRed(faded), 0.4 * qRed(colourPixel) + 0.6 * 255, 2);
    EXPECT_NEAR(qGreen(faded), 0.4 * qGreen(colourPixel) + 0.6 * 255, 2);
    EXPECT_NEAR(qBlue(faded), 0.4 * qBlue(colourPixel) + 0.6 * 255, 2);
    // Over the opaque hillshade: 0.4 colour + 0.6 shade.
    panel()->setRasterVisible(1, true);
    const QRgb blended = renderNow().pixel(centre);
    EXPECT_NEAR(qRed(blended), 0.4 * qRed(colourPixel) + 0.6 * qRed(shade), 2);
    EXPECT_NEAR(qGreen(blended), 0.4 * qGreen(colourPixel) + 0.6 * qGreen(shade), 2);

    // Swapping the order puts the opaque hillshade on top: only it is seen.
    slider->setValue(100);
    panel()->moveRaster(0, 1);
    EXPECT_EQ(canvas->rasters()[1].kind, RasterLayer::Kind::Hillshade);
    EXPECT_EQ(renderNow().pixel(centre), shade);
    panel()->moveRaster(1, -1);
    EXPECT_EQ(renderNow().pixel(centre), colourPixel);
}

TEST_F(RasterLayersTest, ZoomToRasterFitsItsExtent)
{
    ASSERT_TRUE(window->addRasterBackground(tsunamiDepth, false));
    canvas->setView(canvas->center(), canvas->mapUnitsPerPixel() * 20); // far out
    window->zoomToRaster(0);
    // The raster's corners (SOURCES.md) in the canvas CRS, by SpatiaLite rather than PROJ here.
    geo::SpatialDatabase db(projectPath(), geo::SpatialDatabase::Mode::ReadOnly);
    auto statement = db.prepare(
        "SELECT MbrMinX(g), MbrMinY(g), MbrMaxX(g), MbrMaxY(g) FROM (SELECT ST_Transform("
        "BuildMbr(122.176298191730, -8.661795176550, 122.343878191730, -8.578455176550, 4326), "
        "32751) AS g)");
    ASSERT_TRUE(statement.step());
    const double minX = statement.real(0), minY = statement.real(1);
    const double maxX = statement.real(2), maxY = statement.real(3);
    const layers::MapRect view = canvas->extent();
    EXPECT_LE(view.minX, minX + 1);
    EXPECT_LE(view.minY, minY + 1);
    EXPECT_GE(view.maxX, maxX - 1);
    EXPECT_GE(view.maxY, maxY - 1);
    // Fitted, not just somewhere far out: one side is at most 25% larger than the raster's.
    EXPECT_TRUE(view.width() <= (maxX - minX) * 1.25 || view.height() <= (maxY - minY) * 1.25)
        << view.width() << " x " << view.height();
}

TEST_F(RasterLayersTest, RastersPersistInTheProject)
{
    const QString dem = demNextToProject();
    const QString colour =
        QString::fromStdString(testsupport::merapiColourRelief(rasterDir.path()));
    ASSERT_TRUE(window->addRasterBackground(dem, true));
    ASSERT_TRUE(window->addRasterBackground(colour, false));
    panel()->setRasterOpacity(0, 0.3);
    panel()->setRasterVisible(1, false);
    panel()->moveRaster(0, 1); // the image goes under the hillshade
    // Written a moment after the change, without closing.
    ASSERT_TRUE(waitFor([&] { return storedRasters().size() == 2; }, 5000));
    const QJsonArray stored = storedRasters();
    // Bottom first: the image, then the DEM, stored relative to the project's folder.
    EXPECT_EQ(stored[0].toObject()["jenis"].toString(), "citra");
    EXPECT_DOUBLE_EQ(stored[0].toObject()["opasitas"].toDouble(), 0.3);
    EXPECT_EQ(stored[1].toObject()["berkas"].toString(), "dem/srtm1_merapi.tif");
    EXPECT_EQ(stored[1].toObject()["jenis"].toString(), "bayangan_bukit");
    EXPECT_FALSE(stored[1].toObject()["tampak"].toBool(true));

    reopen();
    ASSERT_EQ(panel()->rasterCount(), 2);
    EXPECT_TRUE(apptest::messages().empty());
    // Top entry: the DEM as hillshade, hidden, opacity 0.6; below it the image at 0.3.
    EXPECT_EQ(panel()->raster(0).layer.path, dem.toStdString());
    EXPECT_EQ(panel()->raster(0).layer.kind, RasterLayer::Kind::Hillshade);
    EXPECT_FALSE(panel()->isRasterVisible(0));
    EXPECT_DOUBLE_EQ(panel()->rasterOpacity(0), 0.6);
    EXPECT_EQ(panel()->raster(1).layer.path, colour.toStdString());
    EXPECT_TRUE(panel()->isRasterVisible(1));
    EXPECT_DOUBLE_EQ(panel()->rasterOpacity(1), 0.3);
    ASSERT_EQ(canvas->rasters().size(), 2u);
    EXPECT_EQ(canvas->rasters()[0].path, colour.toStdString());
    EXPECT_FALSE(canvas->rasters()[1].visible);
    // The same through the layers function, from another connection.
    layers::Project other(projectPath(), layers::Project::Access::ReadOnly);
    EXPECT_EQ(layers::projectRasters(other).size(), 2u);
}

TEST_F(RasterLayersTest, MissingRasterFileIsNamedAndKeptUnavailable)
{
    const QString dem = demNextToProject();
    ASSERT_TRUE(window->addRasterBackground(dem, true));
    ASSERT_TRUE(window->addRasterBackground(tsunamiDepth, false));
    window.reset(); // closes and saves
    std::filesystem::remove(dem.toStdString());
    apptest::messages().clear();
    reopen();
    // One message that names the missing file; the entry stays, marked, and draws nothing.
    ASSERT_EQ(apptest::messages().size(), 1u);
    EXPECT_EQ(apptest::messages()[0].kind, app::MessageKind::Warning);
    EXPECT_TRUE(apptest::messages()[0].text.contains(dem))
        << apptest::messages()[0].text.toStdString();
    ASSERT_EQ(panel()->rasterCount(), 2);
    EXPECT_FALSE(panel()->raster(1).available);
    EXPECT_TRUE(panel()->raster(0).available);
    EXPECT_TRUE(panel()->rasterItem(1)->text(0).contains("tidak tersedia"));
    EXPECT_TRUE(panel()->rasterItem(1)->font(0).italic());
    ASSERT_EQ(canvas->rasters().size(), 1u);
    EXPECT_EQ(canvas->rasters()[0].path, tsunamiDepth.toStdString());
    renderNow();
    EXPECT_TRUE(canvas->renderErrors().isEmpty());

    // Opening does not rewrite the list: reopened again, the entry is still there.
    reopen();
    EXPECT_EQ(panel()->rasterCount(), 2);
    EXPECT_FALSE(panel()->raster(1).available);

    // The file found again (Cari berkas…): available, drawn and saved with the new path.
    apptest::messages().clear();
    EXPECT_FALSE(window->relocateRaster(1, "/tidak/ada.tif"));
    EXPECT_EQ(apptest::messages().size(), 1u);
    ASSERT_TRUE(window->relocateRaster(1, QString::fromStdString(testsupport::merapiDem())));
    EXPECT_TRUE(panel()->raster(1).available);
    EXPECT_FALSE(panel()->rasterItem(1)->text(0).contains("tidak tersedia"));
    ASSERT_EQ(canvas->rasters().size(), 2u);
    EXPECT_EQ(canvas->rasters()[0].path, testsupport::merapiDem());
    window->saveRasterBackgrounds();
    EXPECT_EQ(storedRasters()[0].toObject()["berkas_absolut"].toString(),
              QString::fromStdString(testsupport::merapiDem()));
}

TEST_F(RasterLayersTest, DamagedRasterListIsReportedNotFatal)
{
    window.reset();
    {
        layers::Project project(projectPath());
        project.setMetadata(layers::rasterMetadataKey, "[{\"berkas\": ");
    }
    apptest::messages().clear();
    reopen();
    ASSERT_EQ(apptest::messages().size(), 1u);
    EXPECT_TRUE(apptest::messages()[0].text.contains("latar raster"));
    EXPECT_EQ(panel()->rasterCount(), 0);
    EXPECT_EQ(panel()->order().size(), 10u); // the project itself opened
}
