#include "app/desktop/attribute_table.h"
#include "app/desktop/edit_session.h"
#include "app/desktop/feature_form.h"
#include "app/desktop/geometry.h"
#include "app/desktop/history_panel.h"
#include "app/desktop/layer_panel.h"
#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"
#include "app/desktop/map_tools.h"
#include "app_fixture.h"
#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "layers/project.h"

#include <QAction>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using apptest::waitFor;

namespace {

struct PointFeature
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string name;
    double lon = 0, lat = 0;
};

/// The n-th named point asset of the project.
PointFeature pointAsset(layers::Project& project, int n = 0)
{
    auto statement = project.database().prepare(
        "SELECT fid, uuid, nama, X(geom), Y(geom) FROM aset_desa WHERE nama IS NOT NULL AND "
        "GeometryType(geom) = 'POINT' ORDER BY fid LIMIT 1 OFFSET ?");
    statement.bind(1, static_cast<std::int64_t>(n));
    EXPECT_TRUE(statement.step());
    return {statement.integer(0),
            statement.text(1),
            statement.text(2),
            statement.real(3),
            statement.real(4)};
}

class MainWindowTest : public apptest::WindowTest
{
protected:
    /// Centres the view on a lon/lat point at a given scale (map units per pixel).
    QPoint centreOn(double lon, double lat, double unitsPerPixel)
    {
        const auto map = canvas->lonLatToMap(QPointF(lon, lat));
        EXPECT_TRUE(map.has_value());
        canvas->setView(*map, unitsPerPixel);
        return canvas->toWidget(*map).toPoint();
    }
};

} // namespace

TEST_F(MainWindowTest, OpensProjectWithLayersInWorkingCrs)
{
    EXPECT_EQ(canvas->crs(), "EPSG:32751");
    EXPECT_EQ(window->layerPanel()->order().size(), 10u);
    EXPECT_GT(window->layerPanel()->legendEntryCount("aset_desa"), 3);
    EXPECT_TRUE(canvas->hasImage());
    EXPECT_TRUE(canvas->renderErrors().isEmpty())
        << canvas->renderErrors().join("; ").toStdString();
    EXPECT_TRUE(window->windowTitle().contains("Proyek uji"));
    // The status bar shows lat/lon and UTM of the mouse, and the scale.
    const QPoint middle(canvas->width() / 2, canvas->height() / 2);
    QTest::mouseMove(canvas, middle);
    const auto lonLat = canvas->mapToLonLat(canvas->toMap(middle));
    ASSERT_TRUE(lonLat.has_value());
    EXPECT_TRUE(window->coordinateText().contains(QString::number(lonLat->y(), 'f', 5)))
        << window->coordinateText().toStdString();
    EXPECT_TRUE(window->coordinateText().contains("UTM zona 51S"))
        << window->coordinateText().toStdString();
    EXPECT_TRUE(window->scaleText().startsWith("1:")) << window->scaleText().toStdString();
}

TEST_F(MainWindowTest, TogglingALayerRerendersWithoutIt)
{
    layers::Project& project = *window->project();
    const PointFeature asset = pointAsset(project);
    const QPoint at = centreOn(asset.lon, asset.lat, 0.05);
    ASSERT_TRUE(window->identifyAt(at));
    EXPECT_EQ(window->currentForm()->theme(), "aset_desa");
    window->currentForm()->close();

    const int renders = canvas->renderFinishCount();
    window->layerPanel()->setLayerVisible("aset_desa", false);
    bool drawn = true;
    for (const auto& layer : canvas->mapLayers()) {
        if (layer.theme == "aset_desa") {
            drawn = layer.visible;
        }
    }
    EXPECT_FALSE(drawn);
    EXPECT_TRUE(waitFor([&] { return canvas->renderFinishCount() > renders; }));
    // A hidden layer is not identified either.
    EXPECT_TRUE(!window->identifyAt(at) || window->currentForm()->theme() != "aset_desa");
    window->layerPanel()->setLayerVisible("aset_desa", true);
    EXPECT_TRUE(window->layerPanel()->isLayerVisible("aset_desa"));
}

TEST_F(MainWindowTest, IdentifyClickOpensTheFeaturesForm)
{
    layers::Project& project = *window->project();
    const PointFeature asset = pointAsset(project, 3);
    const QPoint at = centreOn(asset.lon, asset.lat, 0.05);
    window->setTool("identify");
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, at);
    app::FeatureForm* form = window->currentForm();
    ASSERT_NE(form, nullptr);
    EXPECT_EQ(form->theme(), "aset_desa");
    EXPECT_EQ(form->uuid(), asset.uuid);
    EXPECT_EQ(form->text("nama").toStdString(), asset.name);
    const auto feature = project.feature("aset_desa", asset.uuid);
    ASSERT_TRUE(feature);
    EXPECT_EQ(form->text("kode_aset").toStdString(),
              geo::toText(feature->attributes.at("kode_aset")));
    // The feature is selected and shown highlighted.
    ASSERT_EQ(window->selection().at("aset_desa").size(), 1u);
    EXPECT_EQ(window->selection().at("aset_desa").front(), asset.fid);
    // The history panel follows the identified feature.
    EXPECT_EQ(window->historyPanel()->featureUuid(), asset.uuid);
}

TEST_F(MainWindowTest, EditAndUndoAnAttributeAreBothInTheHistory)
{
    layers::Project& project = *window->project();
    const PointFeature asset = pointAsset(project, 5);
    const auto historyBefore = project.history(asset.uuid).size();
    app::FeatureForm* form = window->openForm("aset_desa", asset.uuid);
    ASSERT_NE(form, nullptr);
    form->setText("nama", "Balai Warga Baru");
    ASSERT_TRUE(form->save()) << form->statusText().toStdString();
    EXPECT_EQ(geo::toText(project.feature("aset_desa", asset.uuid)->attributes.at("nama")),
              "Balai Warga Baru");
    QAction* undo = window->action("undo");
    ASSERT_TRUE(undo->isEnabled());
    undo->trigger();
    EXPECT_EQ(geo::toText(project.feature("aset_desa", asset.uuid)->attributes.at("nama")),
              asset.name);
    QTableWidget* table = window->historyPanel()->table();
    ASSERT_TRUE(waitFor([&] { return table->rowCount() == int(historyBefore) + 2; }))
        << table->rowCount();
    const int edit = table->rowCount() - 2;
    const int undone = table->rowCount() - 1;
    EXPECT_EQ(table->item(edit, 2)->text(), "ubah");
    EXPECT_TRUE(table->item(edit, 3)->text().contains(QString::fromStdString(asset.name)));
    EXPECT_TRUE(table->item(edit, 4)->text().contains("Balai Warga Baru"));
    EXPECT_EQ(table->item(undone, 2)->text(), "ubah");
    EXPECT_TRUE(table->item(undone, 3)->text().contains("Balai Warga Baru"));
    EXPECT_TRUE(table->item(undone, 4)->text().contains(QString::fromStdString(asset.name)));
    // Redo applies the edit again, again through the history.
    window->action("redo")->trigger();
    EXPECT_EQ(geo::toText(project.feature("aset_desa", asset.uuid)->attributes.at("nama")),
              "Balai Warga Baru");
    EXPECT_EQ(project.history(asset.uuid).size(), historyBefore + 3);
}

TEST_F(MainWindowTest, FormShowsProblemsUnderTheirFields)
{
    layers::Project& project = *window->project();
    const PointFeature asset = pointAsset(project, 2);
    app::FeatureForm* form = window->openForm("aset_desa", asset.uuid);
    form->setText("tahun_perolehan", "dua ribu");
    form->setText("kondisi", "hancur lebur");
    EXPECT_FALSE(form->save());
    EXPECT_FALSE(form->problem("tahun_perolehan").isEmpty());
    EXPECT_TRUE(form->problem("kondisi").contains("hancur lebur"));
    EXPECT_TRUE(form->problem("nama").isEmpty());
    // A synonym or a name of the vocabulary is accepted and stored as its code.
    form->setText("tahun_perolehan", "2019");
    form->setText("kondisi", "Rusak Berat");
    ASSERT_TRUE(form->save());
    const auto feature = project.feature("aset_desa", asset.uuid);
    EXPECT_EQ(geo::toText(feature->attributes.at("tahun_perolehan")), "2019");
    EXPECT_EQ(geo::toText(feature->attributes.at("kondisi")), "rusak berat");
}

TEST_F(MainWindowTest, AddPointThroughTheForm)
{
    layers::Project& project = *window->project();
    const auto countBefore = project.featureCount("aset_desa");
    const PointFeature near = pointAsset(project);
    centreOn(near.lon + 0.001, near.lat + 0.001, 0.5);
    const QPointF mapCentre = canvas->center();
    window->layerPanel()->setCurrentTheme("aset_desa");
    window->setTool("add_point");
    const QPoint at = canvas->toWidget(mapCentre).toPoint();
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, at);
    app::FeatureForm* form = window->currentForm();
    ASSERT_NE(form, nullptr);
    EXPECT_TRUE(form->isNew());
    form->setText("nama", "Pos Ronda RT 03");
    form->setText("kode_aset", "5.02.04.06.006");
    form->setText("tahun_perolehan", "2024");
    ASSERT_TRUE(form->save()) << form->problem("kode_aset").toStdString();
    EXPECT_EQ(project.featureCount("aset_desa"), countBefore + 1);

    auto statement = project.database().prepare(
        "SELECT uuid, X(geom), Y(geom), kode_aset FROM aset_desa WHERE nama = ?");
    statement.bind(1, std::string("Pos Ronda RT 03"));
    ASSERT_TRUE(statement.step());
    double x = mapCentre.x(), y = mapCentre.y();
    geo::CoordinateTransform("EPSG:32751", "EPSG:4326").transform(x, y);
    // One pixel is 0.5 m here: the point lands within a pixel of the click.
    EXPECT_LT(apptest::vincentyDistance(statement.real(1), statement.real(2), x, y), 0.75);
    EXPECT_EQ(statement.text(3), "5.02.04.06.006");
    const std::string uuid = statement.text(0);
    EXPECT_EQ(project.history(uuid).front().action, "tambah");

    window->action("undo")->trigger();
    EXPECT_EQ(project.featureCount("aset_desa"), countBefore);
}

TEST_F(MainWindowTest, MoveAPointAndUndo)
{
    layers::Project& project = *window->project();
    const PointFeature asset = pointAsset(project, 7);
    const QPoint at = centreOn(asset.lon, asset.lat, 0.5);
    window->layerPanel()->setCurrentTheme("aset_desa");
    window->setTool("vertex");
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseMove(canvas, at + QPoint(20, 0));
    QTest::mouseMove(canvas, at + QPoint(40, 0));
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, at + QPoint(40, 0));
    auto moved = project.feature("aset_desa", asset.uuid);
    ASSERT_TRUE(moved);
    auto statement =
        project.database().prepare("SELECT X(geom), Y(geom) FROM aset_desa WHERE uuid = ?");
    statement.bind(1, asset.uuid);
    ASSERT_TRUE(statement.step());
    // 40 pixels of 0.5 m to the east.
    EXPECT_NEAR(
        apptest::vincentyDistance(asset.lon, asset.lat, statement.real(0), statement.real(1)),
        20.0,
        0.5);
    window->action("undo")->trigger();
    statement.reset();
    statement.bind(1, asset.uuid);
    ASSERT_TRUE(statement.step());
    EXPECT_NEAR(statement.real(0), asset.lon, 1e-9);
    EXPECT_NEAR(statement.real(1), asset.lat, 1e-9);
}

TEST_F(MainWindowTest, AddAndRemoveAVertexOfARoad)
{
    layers::Project& project = *window->project();
    auto statement = project.database().prepare(
        "SELECT uuid, AsBinary(geom), ST_NPoints(geom) FROM jalan ORDER BY ST_Length(geom) DESC "
        "LIMIT 1");
    ASSERT_TRUE(statement.step());
    const std::string uuid = statement.text(0);
    const app::Geometry lonLat = app::geometryFromWkb(statement.blob(1));
    const auto pointsBefore = statement.integer(2);
    ASSERT_EQ(lonLat.type, app::Geometry::Type::Line);
    const QPolygonF& line = lonLat.parts[0][0];
    // Centre on the middle of the road's longest segment, 0.5 m per pixel.
    qsizetype longest = 1;
    for (qsizetype i = 1; i < line.size(); ++i) {
        if (QLineF(line[i - 1], line[i]).length() >
            QLineF(line[longest - 1], line[longest]).length()) {
            longest = i;
        }
    }
    const QPointF middle = (line[longest - 1] + line[longest]) / 2;
    const QPoint at = centreOn(middle.x(), middle.y(), 0.5);
    window->layerPanel()->setCurrentTheme("jalan");
    window->setTool("vertex");
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, at); // shows the road's vertices
    QTest::mouseDClick(canvas, Qt::LeftButton, Qt::NoModifier, at);
    auto count = [&] {
        auto points =
            project.database().prepare("SELECT ST_NPoints(geom) FROM jalan WHERE uuid = ?");
        points.bind(1, uuid);
        return points.step() ? points.integer(0) : -1;
    };
    EXPECT_EQ(count(), pointsBefore + 1);
    // Backspace over the new vertex takes it away again.
    QTest::mouseMove(canvas, at);
    QTest::keyClick(canvas, Qt::Key_Backspace);
    EXPECT_EQ(count(), pointsBefore);
    window->action("undo")->trigger();
    EXPECT_EQ(count(), pointsBefore + 1);
}

TEST_F(MainWindowTest, NewPointsSnapToANearbyVertex)
{
    layers::Project& project = *window->project();
    const PointFeature existing = pointAsset(project, 3);
    const QPoint at = centreOn(existing.lon, existing.lat, 0.5);
    window->layerPanel()->setCurrentTheme("aset_desa");
    window->setTool("add_point");
    auto addAt = [&](QPoint where, const char* name) {
        QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, where);
        app::FeatureForm* form = window->currentForm();
        EXPECT_NE(form, nullptr);
        if (!form) {
            return QPointF();
        }
        form->setText("nama", name);
        EXPECT_TRUE(form->save());
        auto statement =
            project.database().prepare("SELECT X(geom), Y(geom) FROM aset_desa WHERE nama = ?");
        statement.bind(1, std::string(name));
        EXPECT_TRUE(statement.step());
        return QPointF(statement.real(0), statement.real(1));
    };
    // 4 + 3 pixels off (2.5 m at 0.5 m per pixel): snapped onto the existing asset.
    ASSERT_TRUE(window->action("snap")->isChecked());
    const QPointF snapped = addAt(at + QPoint(4, 3), "Titik menempel");
    EXPECT_LT(apptest::vincentyDistance(snapped.x(), snapped.y(), existing.lon, existing.lat),
              0.01);
    // Without snapping the point stays where it was clicked.
    window->action("snap")->setChecked(false);
    const QPointF free = addAt(at + QPoint(4, 3), "Titik bebas");
    EXPECT_NEAR(
        apptest::vincentyDistance(free.x(), free.y(), existing.lon, existing.lat), 2.5, 0.6);
    // Beyond 10 pixels nothing snaps.
    window->action("snap")->setChecked(true);
    const QPointF far = addAt(at + QPoint(30, 0), "Titik jauh");
    EXPECT_NEAR(apptest::vincentyDistance(far.x(), far.y(), existing.lon, existing.lat), 15.0, 0.6);
}

TEST_F(MainWindowTest, RasterBackgroundsDrawUnderTheLayers)
{
    // A real SRTM crop of Merapi as hillshade: the canvas draws it where the DEM lies.
    const QString dem =
        QString(TEST_DATA_DIR) + "/realdata/dem_srtm1_jelajahstatid/srtm1_merapi.tif";
    centreOn(110.446, -7.541, 20.0);
    auto renderNow = [&] {
        const int finished = canvas->renderFinishCount();
        canvas->refresh();
        EXPECT_TRUE(apptest::waitFor(
            [&] { return canvas->renderFinishCount() > finished && !canvas->isRendering(); }));
        return canvas->image();
    };
    const QImage without = renderNow();
    ASSERT_TRUE(window->addRasterBackground(dem, true));
    ASSERT_EQ(canvas->rasters().size(), 1u);
    EXPECT_EQ(canvas->rasters().front().kind, layers::RasterLayer::Kind::Hillshade);
    const QImage with = renderNow();
    ASSERT_EQ(with.size(), without.size());
    int changed = 0;
    for (int y = 0; y < with.height(); y += 4) {
        for (int x = 0; x < with.width(); x += 4) {
            changed += with.pixel(x, y) != without.pixel(x, y);
        }
    }
    EXPECT_GT(changed, with.width() * with.height() / 16 / 4); // a quarter of the view shaded
    window->clearRasterBackgrounds();
    EXPECT_TRUE(canvas->rasters().empty());
    // A file GDAL cannot read is refused with a message, not put on the map.
    apptest::messages().clear();
    EXPECT_FALSE(window->addRasterBackground(QString(TEST_DATA_DIR) + "/no_such_file.tif", false));
    EXPECT_EQ(apptest::messages().size(), 1u);
    EXPECT_TRUE(canvas->rasters().empty());
}

TEST_F(MainWindowTest, MeasureAKnownDistanceAndArea)
{
    layers::Project& project = *window->project();
    const PointFeature asset = pointAsset(project);
    centreOn(asset.lon, asset.lat, 2.0);
    window->setTool("measure");
    auto* tool = qobject_cast<app::MeasureTool*>(window->tool("measure"));
    ASSERT_NE(tool, nullptr);
    const QPoint a(100, 120);
    const QPoint b(500, 420);
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, a);
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, b);
    // The expected length from the two clicked map points, computed independently: both
    // to lon/lat with PROJ, then Vincenty's geodesic on the WGS 84 ellipsoid.
    const geo::CoordinateTransform toLonLat("EPSG:32751", "EPSG:4326");
    QPointF pa = canvas->toMap(a), pb = canvas->toMap(b);
    double ax = pa.x(), ay = pa.y(), bx = pb.x(), by = pb.y();
    toLonLat.transform(ax, ay);
    toLonLat.transform(bx, by);
    const double geodesic = apptest::vincentyDistance(ax, ay, bx, by);
    EXPECT_NEAR(geodesic, 1000.0, 2.0); // 500 px * 2 m on the map, before the UTM scale factor
    // Planar UTM distance: within 0.1% of the geodesic inside the zone.
    EXPECT_NEAR(tool->distance(), geodesic, geodesic * 0.001);
    EXPECT_TRUE(window->measurementText().contains(" m"))
        << window->measurementText().toStdString();

    window->setTool("measure_area");
    auto* areaTool = qobject_cast<app::MeasureTool*>(window->tool("measure_area"));
    for (const QPoint& p :
         {QPoint(100, 100), QPoint(300, 100), QPoint(300, 300), QPoint(100, 300)}) {
        QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, p);
    }
    // 200 px * 2 m = 400 m each side: 16 ha.
    EXPECT_NEAR(areaTool->area(), 160000.0, 1.0);
    EXPECT_TRUE(window->measurementText().contains("16"))
        << window->measurementText().toStdString();
}

TEST_F(MainWindowTest, AttributeTableFiltersSortsAndSelectsOnTheMap)
{
    layers::Project& project = *window->project();
    app::AttributeTable* table = window->attributeTable();
    table->setTheme("aset_desa");
    app::AttributeTableModel* model = table->model();
    EXPECT_EQ(model->rowCount(), project.featureCount("aset_desa"));
    // Only the pages on screen are read.
    EXPECT_LE(model->pagesRead(), 2);

    // The expected rows, counted without SQL LIKE.
    int expected = 0;
    auto names = project.database().prepare("SELECT nama FROM aset_desa");
    while (names.step()) {
        if (!names.isNull(0) &&
            QString::fromStdString(names.text(0)).contains("posyandu", Qt::CaseInsensitive)) {
            ++expected;
        }
    }
    ASSERT_GT(expected, 0);
    table->setFilter("nama", "POSYANDU");
    EXPECT_EQ(model->rowCount(), expected);
    // A filter is a value, never SQL.
    table->setFilter("nama", "x' OR '1'='1");
    EXPECT_EQ(model->rowCount(), 0);
    EXPECT_TRUE(model->lastError().isEmpty());
    table->setFilter("", QString());

    const int nameColumn = 2;
    ASSERT_EQ(model->columnName(nameColumn), "nama");
    model->sort(nameColumn, Qt::DescendingOrder);
    const QString first = model->data(model->index(0, nameColumn)).toString();
    const QString second = model->data(model->index(1, nameColumn)).toString();
    EXPECT_GE(first, second);

    // Selecting rows highlights them on the map and zooms there.
    const std::int64_t fid = model->fidAt(0);
    table->view()->selectRow(0);
    ASSERT_EQ(window->selection().at("aset_desa"), std::vector<std::int64_t>{fid});
    bool highlighted = false;
    for (const auto& layer : canvas->mapLayers()) {
        if (layer.theme == "aset_desa") {
            highlighted = layer.highlighted == std::vector<long long>{fid};
        }
    }
    EXPECT_TRUE(highlighted);
    window->zoomToSelection("aset_desa");
    auto position = project.database().prepare(
        "SELECT X(Centroid(geom)), Y(Centroid(geom)) FROM aset_desa WHERE fid = ?");
    position.bind(1, fid);
    ASSERT_TRUE(position.step());
    const auto centre = canvas->mapToLonLat(canvas->center());
    EXPECT_LT(
        apptest::vincentyDistance(centre->x(), centre->y(), position.real(0), position.real(1)),
        canvas->width() * canvas->mapUnitsPerPixel());
}

TEST_F(MainWindowTest, SelectToolSelectsFeaturesInABox)
{
    layers::Project& project = *window->project();
    const PointFeature asset = pointAsset(project, 1);
    const QPoint at = centreOn(asset.lon, asset.lat, 0.2);
    window->layerPanel()->setCurrentTheme("aset_desa");
    window->setTool("select");
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, at - QPoint(30, 30));
    QTest::mouseMove(canvas, at + QPoint(30, 30));
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, at + QPoint(30, 30));
    const auto& selected = window->selection().at("aset_desa");
    EXPECT_NE(std::find(selected.begin(), selected.end(), asset.fid), selected.end());
    EXPECT_EQ(window->attributeTable()->selectedFids(), selected);
}

TEST_F(MainWindowTest, FiftyRefreshRequestsGiveOneRender)
{
    const int started = canvas->renderStartCount();
    for (int i = 0; i < 50; ++i) {
        canvas->refresh();
    }
    EXPECT_TRUE(waitFor([&] { return !canvas->isRendering(); }));
    EXPECT_EQ(canvas->renderStartCount(), started + 1);
}

TEST_F(MainWindowTest, PanAndZoomShowTheOldImageWhileRendering)
{
    const QPointF before = canvas->center();
    const double scale = canvas->mapUnitsPerPixel();
    QTest::keyClick(canvas, Qt::Key_Right);
    EXPECT_GT(canvas->center().x(), before.x());
    EXPECT_TRUE(canvas->hasImage()); // the last image stays while the next one renders
    QTest::keyClick(canvas, Qt::Key_Plus);
    EXPECT_NEAR(canvas->mapUnitsPerPixel(), scale / 2, scale * 1e-9);
    QWheelEvent wheel(QPointF(100, 100),
                      canvas->mapToGlobal(QPointF(100, 100)),
                      QPoint(),
                      QPoint(0, -240),
                      Qt::NoButton,
                      Qt::NoModifier,
                      Qt::NoScrollPhase,
                      false);
    const QPointF anchor = canvas->toMap(QPointF(100, 100));
    QApplication::sendEvent(canvas, &wheel);
    EXPECT_NEAR(canvas->mapUnitsPerPixel(), scale, scale * 1e-9);
    // The point under the mouse stays under the mouse.
    EXPECT_NEAR(canvas->toMap(QPointF(100, 100)).x(), anchor.x(), 1e-6);
    const int renders = canvas->renderFinishCount();
    EXPECT_TRUE(waitFor([&] { return canvas->renderFinishCount() > renders; }));
}

TEST_F(MainWindowTest, TwoWindowsOnOneFileLoseNoEdits)
{
    app::MainWindow other;
    other.resize(1000, 700);
    other.show();
    ASSERT_TRUE(other.openProject(QString::fromStdString(projectPath())));
    const PointFeature asset = pointAsset(*window->project(), 4);

    // Different fields: both edits are kept.
    app::FeatureForm* first = window->openForm("aset_desa", asset.uuid);
    app::FeatureForm* second = other.openForm("aset_desa", asset.uuid);
    first->setText("keterangan", "dicat ulang 2025");
    second->setText("register", "REG-0042");
    ASSERT_TRUE(first->save());
    ASSERT_TRUE(second->save()) << second->statusText().toStdString();
    auto feature = window->project()->feature("aset_desa", asset.uuid);
    EXPECT_EQ(geo::toText(feature->attributes.at("keterangan")), "dicat ulang 2025");
    EXPECT_EQ(geo::toText(feature->attributes.at("register")), "REG-0042");

    // The same field: the second save is refused with the conflict message; nothing is lost.
    apptest::messages().clear();
    first = window->openForm("aset_desa", asset.uuid);
    second = other.openForm("aset_desa", asset.uuid);
    first->setText("nama", "Nama dari jendela 1");
    second->setText("nama", "Nama dari jendela 2");
    ASSERT_TRUE(first->save());
    EXPECT_FALSE(second->save());
    ASSERT_EQ(apptest::messages().size(), 1u);
    EXPECT_TRUE(apptest::messages().front().text.contains("Nama dari jendela 1"));
    feature = window->project()->feature("aset_desa", asset.uuid);
    EXPECT_EQ(geo::toText(feature->attributes.at("nama")), "Nama dari jendela 1");
    // Saving again is a deliberate choice and goes through.
    EXPECT_TRUE(second->save());
    feature = window->project()->feature("aset_desa", asset.uuid);
    EXPECT_EQ(geo::toText(feature->attributes.at("nama")), "Nama dari jendela 2");

    // Undo in the first window does not overwrite the second window's later edit.
    apptest::messages().clear();
    window->action("undo")->trigger();
    EXPECT_EQ(apptest::messages().size(), 1u);
    feature = window->project()->feature("aset_desa", asset.uuid);
    EXPECT_EQ(geo::toText(feature->attributes.at("nama")), "Nama dari jendela 2");
}

TEST_F(MainWindowTest, DeleteAndUndoRestoresTheFeature)
{
    layers::Project& project = *window->project();
    const PointFeature asset = pointAsset(project, 6);
    const auto count = project.featureCount("aset_desa");
    window->editSession()->deleteFeatures("aset_desa", {asset.uuid});
    EXPECT_EQ(project.featureCount("aset_desa"), count - 1);
    const auto before = project.feature("aset_desa", asset.uuid);
    EXPECT_FALSE(before); // deleted
    window->action("undo")->trigger();
    EXPECT_EQ(project.featureCount("aset_desa"), count);
    // The feature is back under its own UUID (links from damage records still hold).
    EXPECT_EQ(window->editSession()->currentUuid(asset.uuid), asset.uuid);
    const auto restored = project.feature("aset_desa", asset.uuid);
    ASSERT_TRUE(restored);
    EXPECT_EQ(geo::toText(restored->attributes.at("nama")), asset.name);
    window->action("redo")->trigger();
    EXPECT_EQ(project.featureCount("aset_desa"), count - 1);
}

TEST_F(MainWindowTest, SaveAsCopiesTheProjectAndContinuesThere)
{
    layers::Project& project = *window->project();
    const auto count = project.featureCount("aset_desa");
    const std::string target =
        std::filesystem::path(projectPath()).parent_path() / "salinan.sqlite";
    ASSERT_TRUE(window->saveProjectAs(QString::fromStdString(target)))
        << (apptest::messages().empty() ? std::string()
                                        : apptest::messages().back().text.toStdString());
    EXPECT_EQ(window->project()->path(), target);
    layers::Project copy(target, layers::Project::Access::ReadOnly);
    EXPECT_EQ(copy.featureCount("aset_desa"), count);
    EXPECT_EQ(std::get<std::string>(copy.database().scalar("PRAGMA integrity_check")), "ok");
}
