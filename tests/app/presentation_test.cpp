#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"
#include "app/desktop/presentation.h"
#include "app_fixture.h"
#include "geo/spatial_database.h"
#include "layers/project.h"

#include <QAction>
#include <QPointer>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>

using apptest::waitFor;

namespace {

/// A village's bounds in the canvas CRS (EPSG:32751), computed by SpatiaLite.
QRectF villageBoundsBySpatiaLite(layers::Project& project, std::int64_t fid)
{
    auto statement = project.database().prepare(
        "SELECT MbrMinX(g), MbrMinY(g), MbrMaxX(g), MbrMaxY(g) FROM "
        "(SELECT ST_Transform(geom, 32751) AS g FROM wilayah WHERE fid = ?)");
    statement.bind(1, fid);
    EXPECT_TRUE(statement.step());
    return QRectF(QPointF(statement.real(0), statement.real(1)),
                  QPointF(statement.real(2), statement.real(3)));
}

bool themeVisible(const app::MapCanvas& shown, const std::string& theme)
{
    const auto& layers = shown.mapLayers();
    return std::any_of(
        layers.begin(), layers.end(), [&](const auto& l) { return l.theme == theme && l.visible; });
}

class PresentationTest : public apptest::WindowTest
{
};

TEST_F(PresentationTest, PageDownWalksThroughVillagesAndEscapeLeaves)
{
    QAction* action = window->action("presentation");
    ASSERT_NE(action, nullptr);
    EXPECT_EQ(action->shortcut(), QKeySequence(Qt::Key_F5));
    action->trigger();
    QPointer<app::PresentationView> view = window->presentation();
    ASSERT_TRUE(view);
    EXPECT_TRUE(view->isFullScreen());

    // Every desa and kelurahan of the project, and no kecamatan.
    auto count = window->project()->database().prepare(
        "SELECT count(*) FROM wilayah WHERE tingkat IN ('desa', 'kelurahan')");
    ASSERT_TRUE(count.step());
    ASSERT_EQ(view->villageCount(), count.integer(0));
    ASSERT_GE(view->villageCount(), 3);

    app::MapCanvas* shown = view->canvas();
    ASSERT_TRUE(waitFor([&] { return shown->renderFinishCount() > 0 && !shown->isRendering(); }));
    const QString first = view->currentVillage().name;
    EXPECT_EQ(view->currentIndex(), 0);

    QTest::keyClick(shown, Qt::Key_PageDown);
    QTest::keyClick(shown, Qt::Key_PageDown);
    EXPECT_EQ(view->currentIndex(), 2);
    const app::PresentationVillage& village = view->currentVillage();
    EXPECT_NE(village.name, first);
    EXPECT_TRUE(view->title().contains(village.name)) << view->title().toStdString();

    // The view contains the village (bounds from SpatiaLite's own transform, 1 m tolerance).
    const QRectF expected = villageBoundsBySpatiaLite(*window->project(), village.fid);
    const layers::MapRect extent = shown->extent();
    EXPECT_LE(extent.minX, expected.left() + 1);
    EXPECT_LE(extent.minY, expected.top() + 1);
    EXPECT_GE(extent.maxX, expected.right() - 1);
    EXPECT_GE(extent.maxY, expected.bottom() - 1);
    // ... and is zoomed to it, not to the whole kecamatan: at most ~4x the village's size
    // (the title band, legend and footer take part of the window).
    EXPECT_LT(extent.width() * extent.height(),
              std::max(expected.width() * expected.height(), 300.0 * 300.0) * 16);
    // The village is in the map area, left of the legend: its centre is on the left 3/4.
    const QPointF centre = shown->toWidget(expected.center());
    EXPECT_LT(centre.x(), shown->width() * 0.75);
    EXPECT_GT(centre.y(), shown->height() * 0.12);

    // A render of the new view runs in the background and arrives.
    const int finished = shown->renderFinishCount();
    ASSERT_TRUE(waitFor([&] { return shown->renderFinishCount() > finished; }));

    // Page Up goes back; the first village's Page Up stays there.
    QTest::keyClick(shown, Qt::Key_PageUp);
    EXPECT_EQ(view->currentIndex(), 1);
    QTest::keyClick(shown, Qt::Key_Home);
    QTest::keyClick(shown, Qt::Key_Left);
    EXPECT_EQ(view->currentIndex(), 0);

    QTest::keyClick(shown, Qt::Key_Escape);
    ASSERT_TRUE(waitFor([&] { return view.isNull(); }));
    EXPECT_EQ(window->presentation(), nullptr);
    EXPECT_TRUE(window->isVisible());
}

TEST_F(PresentationTest, OverlayKeysSwitchLayersAndLegend)
{
    app::PresentationView* view = window->openPresentation();
    ASSERT_NE(view, nullptr);
    app::MapCanvas* shown = view->canvas();
    const bool evacuation = themeVisible(*shown, "titik_evakuasi");
    EXPECT_TRUE(evacuation); // visible in the main window, so on at the start
    auto hasLegend = [&](const std::string& theme) {
        const auto legend = view->legend();
        return std::any_of(
            legend.begin(), legend.end(), [&](const auto& e) { return e.theme == theme; });
    };
    EXPECT_TRUE(hasLegend("titik_evakuasi"));
    EXPECT_TRUE(hasLegend("wilayah"));
    // Empty themes of the test project have no legend.
    EXPECT_FALSE(hasLegend("zona_bahaya"));

    QTest::keyClick(shown, Qt::Key_E);
    EXPECT_FALSE(themeVisible(*shown, "titik_evakuasi"));
    EXPECT_FALSE(view->isOverlayVisible(app::PresentationView::Overlay::Evacuation));
    EXPECT_FALSE(hasLegend("titik_evakuasi"));
    QTest::keyClick(shown, Qt::Key_E);
    EXPECT_TRUE(themeVisible(*shown, "titik_evakuasi"));
    EXPECT_TRUE(hasLegend("titik_evakuasi"));

    const bool hazard = themeVisible(*shown, "zona_bahaya");
    QTest::keyClick(shown, Qt::Key_B);
    EXPECT_NE(themeVisible(*shown, "zona_bahaya"), hazard);

    // Ordered by code: the codes ascend.
    view->setOrder(app::PresentationView::Order::ByCode);
    for (int i = 1; i < view->villageCount(); ++i) {
        EXPECT_LE(view->villages()[size_t(i - 1)].code, view->villages()[size_t(i)].code);
    }
    view->close();
}

TEST_F(PresentationTest, NeighboursAreDimmed)
{
    app::PresentationView* view = window->openPresentation();
    ASSERT_NE(view, nullptr);
    app::MapCanvas* shown = view->canvas();
    ASSERT_TRUE(waitFor([&] { return shown->renderFinishCount() > 0 && !shown->isRendering(); }));
    QCoreApplication::processEvents();
    const QImage shot = view->grab().toImage();
    // A point inside the village polygon and one in the map area outside it (the shown
    // background is white, so the mask makes the outside clearly darker).
    const app::PresentationVillage& village = view->currentVillage();
    const QPolygonF& ring = village.geometry.parts.front().front();
    QPointF inside;
    for (const QPointF& p : ring) {
        inside += p;
    }
    inside /= ring.size();
    ASSERT_TRUE(ring.containsPoint(inside, Qt::OddEvenFill)) << "pick another inner point";
    QPointF outside(village.bounds.left() - village.bounds.width() * 0.02,
                    village.bounds.center().y());
    const QPoint in = shown->toWidget(inside).toPoint();
    const QPoint out = shown->toWidget(outside).toPoint();
    ASSERT_TRUE(shot.rect().contains(in));
    ASSERT_TRUE(shot.rect().contains(out));
    EXPECT_GT(qGray(shot.pixel(in)), qGray(shot.pixel(out)) + 40);
    view->close();
}

} // namespace
