#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"
#include "app/desktop/quality_panel.h"
#include "app_fixture.h"
#include "geo/spatial_database.h"
#include "layers/project.h"
#include "layers/validation.h"

#include <QAction>
#include <QDockWidget>
#include <QTableWidget>
#include <QTest>

#include <gtest/gtest.h>

using apptest::waitFor;

namespace {

class QualityPanelTest : public apptest::ProjectTest
{
protected:
    void SetUp() override
    {
        ProjectTest::SetUp();
        {
            layers::Project project(projectPath());
            // A bow tie around evacuation site 1 and spaces around the name of site 2.
            project.database().exec(
                "UPDATE titik_evakuasi SET geom = GeomFromText(printf('POLYGON((%f %f, %f %f, %f "
                "%f, %f %f, %f %f))', X(geom) - 0.001, Y(geom) - 0.001, X(geom) + 0.001, Y(geom) "
                "+ 0.001, X(geom) + 0.001, Y(geom) - 0.001, X(geom) - 0.001, Y(geom) + 0.001, "
                "X(geom) - 0.001, Y(geom) - 0.001), 4326) WHERE fid = 1;"
                "UPDATE titik_evakuasi SET nama = ' ' || nama || ' ' WHERE fid = 2;");
        }
        window = std::make_unique<app::MainWindow>();
        window->resize(1200, 800);
        window->show();
        ASSERT_TRUE(window->openProject(QString::fromStdString(projectPath())));
        ASSERT_TRUE(waitFor([this] { return window->canvas()->renderFinishCount() > 0; }));
    }
    void TearDown() override
    {
        window.reset();
        ProjectTest::TearDown();
    }
    std::unique_ptr<app::MainWindow> window;
};

} // namespace

TEST_F(QualityPanelTest, ChecksInTheBackgroundAndZoomsToAnItem)
{
    auto* panel = window->qualityPanel();
    ASSERT_NE(panel, nullptr);
    EXPECT_EQ(window->qualityDock()->windowTitle(), "Kualitas data");
    EXPECT_EQ(panel->table()->rowCount(), 0);

    window->action("check_quality")->trigger();
    // The action returned without waiting: the check runs on a worker.
    EXPECT_TRUE(panel->isRunning());
    EXPECT_EQ(panel->table()->rowCount(), 0);
    EXPECT_TRUE(window->qualityDock()->isVisible());
    ASSERT_TRUE(waitFor([panel] { return !panel->isRunning(); }));

    // The same items as the engine called here, on this thread.
    layers::Project project(projectPath(), layers::Project::Access::ReadOnly);
    const auto report = layers::validateProject(project);
    ASSERT_EQ(panel->table()->rowCount(), static_cast<int>(report.issues.size()));
    int bowTie = -1;
    for (int row = 0; row < panel->table()->rowCount(); ++row) {
        const auto& expected = report.issues[std::size_t(row)];
        EXPECT_EQ(panel->table()->item(row, 2)->text().toStdString(), expected.reason);
        EXPECT_EQ(panel->table()->item(row, 3)->text().toStdString(), expected.suggestion);
        if (expected.theme == "titik_evakuasi" && expected.fid == 1 &&
            expected.kind == layers::IssueKind::InvalidGeometry) {
            bowTie = row;
        }
    }
    ASSERT_GE(bowTie, 0);
    EXPECT_TRUE(panel->table()->item(bowTie, 2)->text().contains("Self-intersection"));
    EXPECT_EQ(panel->table()->item(bowTie, 0)->text(), "Tempat evakuasi");
    EXPECT_TRUE(panel->table()->item(bowTie, 1)->text().startsWith("fid 1"));
    EXPECT_TRUE(panel->summaryText().contains("1 galat"));

    // A double click zooms the map to the item and selects the feature.
    const auto& issue = report.issues[std::size_t(bowTie)];
    auto* table = panel->table();
    table->scrollToItem(table->item(bowTie, 2));
    const QRect cell = table->visualItemRect(table->item(bowTie, 2));
    ASSERT_TRUE(table->isVisible());
    ASSERT_FALSE(cell.isEmpty()) << cell.x() << " " << cell.y();
    // An item view emits doubleClicked only after a press on the same index (as a real
    // double click has): click first.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    ASSERT_TRUE(waitFor([this] {
        const auto found = window->selection().find("titik_evakuasi");
        return found != window->selection().end() && !found->second.empty();
    }));
    EXPECT_EQ(window->selection().at("titik_evakuasi"), std::vector<std::int64_t>{1});
    const auto extent = window->canvas()->extent();
    const auto centre = window->canvas()->lonLatToMap(QPointF(
        (issue.extent.minX + issue.extent.maxX) / 2, (issue.extent.minY + issue.extent.maxY) / 2));
    ASSERT_TRUE(centre.has_value());
    EXPECT_GT(centre->x(), extent.minX);
    EXPECT_LT(centre->x(), extent.maxX);
    EXPECT_GT(centre->y(), extent.minY);
    EXPECT_LT(centre->y(), extent.maxY);
    // Zoomed in: the view is a few hundred metres wide, not the whole kecamatan.
    EXPECT_LT(extent.width(), 2000.0);
}

TEST_F(QualityPanelTest, AProjectChangeDropsARunningCheck)
{
    auto* panel = window->qualityPanel();
    panel->check();
    EXPECT_TRUE(panel->isRunning());
    panel->check(); // restarts: only the newer result is shown
    window->showWelcome();
    EXPECT_FALSE(panel->isRunning());
    EXPECT_EQ(panel->table()->rowCount(), 0);
    QTest::qWait(500); // the dropped worker's result arrives and is ignored
    EXPECT_EQ(panel->table()->rowCount(), 0);
    EXPECT_FALSE(window->action("check_quality")->isEnabled());
}
