#include "app/desktop/analysis_panel.h"
#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"
#include "app_fixture.h"
#include "layers/analysis/exposure_analysis.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "layers/render/evacuation_routes.h"

#include <QAction>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QTableWidget>

#include <gtest/gtest.h>

namespace {
class AnalysisPanelTest : public apptest::ProjectTest
{
protected:
    void SetUp() override
    {
        apptest::ProjectTest::SetUp();
        layers::Project project(projectPath());
        for (const char* theme : {"zona_bahaya", "permukiman"}) {
            layers::ImportOptions options;
            options.theme = theme;
            options.reportPath = projectPath() + "_" + theme + ".csv";
            layers::importFile(project,
                               std::string(PETADESA_SOURCE_DATA_DIR) + "/sample/src/" + theme +
                                   ".geojson",
                               options);
        }
    }
};
} // namespace

TEST_F(AnalysisPanelTest, ExposureRunsInTheBackgroundAndShowsTheEngineFigures)
{
    app::AnalysisPanel panel;
    panel.setProject(projectPath());
    panel.setAnalysis("exposure");
    QSignalSpy finished(&panel, &app::AnalysisPanel::finished);
    {
        // With the project's write lock held here, the analysis can only wait for it on its
        // worker: run() returns at once and the panel is still running.
        apptest::ProjectWriteLock lock(projectPath());
        panel.run();
        EXPECT_TRUE(panel.isRunning());
        EXPECT_EQ(finished.count(), 0);
    }
    ASSERT_TRUE(finished.count() == 1 || finished.wait(120000));
    ASSERT_TRUE(finished.front().front().toBool()) << panel.summaryLabel()->text().toStdString();

    layers::Project project(projectPath());
    layers::ExposureOptions options;
    options.writeResults = false;
    const auto expected = layers::analyzeExposure(project, options);
    QTableWidget* table = panel.resultTable();
    ASSERT_EQ(table->rowCount(), int(expected.byLevel.size()));
    for (int row = 0; row < table->rowCount(); ++row) {
        const auto& level = expected.byLevel[std::size_t(row)];
        // Rows in the engine's order (the table is sortable, but not sorted yet).
        EXPECT_EQ(table->item(row, 0)->text().toStdString(), level.hazardType);
        EXPECT_EQ(table->item(row, 1)->text().toStdString(), level.level);
        EXPECT_EQ(table->item(row, 3)->text(),
                  QLocale().toString(double(level.figures.assets), 'f', 0));
        EXPECT_EQ(table->item(row, 5)->text(),
                  QLocale().toString(level.figures.population, 'f', 0));
    }
    // The run wrote its results into the project, logged.
    EXPECT_TRUE(project.database().tableExists("hasil_paparan_tingkat"));
}

TEST_F(AnalysisPanelTest, CancelKeepsThePreviousResults)
{
    app::AnalysisPanel panel;
    panel.setProject(projectPath());
    panel.setAnalysis("exposure");
    QSignalSpy finished(&panel, &app::AnalysisPanel::finished);
    panel.run();
    panel.cancel(); // before the worker's first check
    ASSERT_TRUE(finished.count() == 1 || finished.wait(120000));
    EXPECT_FALSE(finished.front().front().toBool());
    EXPECT_NE(panel.summaryLabel()->text().indexOf("dibatalkan"), -1)
        << panel.summaryLabel()->text().toStdString();
    layers::Project project(projectPath());
    EXPECT_FALSE(project.database().tableExists("hasil_paparan_tingkat"));
}

TEST_F(AnalysisPanelTest, DamageSummaryOfAProjectWithoutRecords)
{
    app::AnalysisPanel panel;
    panel.setProject(projectPath());
    panel.setAnalysis("damage"); // the project holds no damage records
    QSignalSpy finished(&panel, &app::AnalysisPanel::finished);
    panel.run();
    ASSERT_TRUE(finished.count() == 1 || finished.wait(120000));
    EXPECT_TRUE(finished.front().front().toBool());
    EXPECT_TRUE(panel.summaryLabel()->text().startsWith("0 catatan kerusakan"))
        << panel.summaryLabel()->text().toStdString();
    EXPECT_EQ(panel.resultTable()->rowCount(), 0);
}

namespace {
class AnalysisWindowTest : public apptest::WindowTest
{
protected:
    int routePixels() const
    {
        const QColor route = layers::evacuationRouteColor();
        const QImage image = canvas->image().convertToFormat(QImage::Format_ARGB32);
        int count = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                count += image.pixel(x, y) == route.rgb();
            }
        }
        return count;
    }
};
} // namespace

TEST_F(AnalysisWindowTest, AnEvacuationPlanShowsItsRoutesOnTheMap)
{
    QAction* routes = window->action("evacuation_routes");
    ASSERT_NE(routes, nullptr);
    EXPECT_FALSE(routes->isChecked());
    EXPECT_EQ(routePixels(), 0);

    // The test project has no settlements: bring the sample's in (its own transaction).
    layers::ImportOptions import;
    import.theme = "permukiman";
    import.reportPath = freshPath("laporan_permukiman.csv");
    layers::importFile(*window->project(),
                       std::string(PETADESA_SOURCE_DATA_DIR) + "/sample/src/permukiman.geojson",
                       import);

    app::AnalysisPanel* panel = window->analysisPanel();
    panel->setAnalysis("evacuation");
    QSignalSpy finished(panel, &app::AnalysisPanel::finished);
    const int renders = canvas->renderFinishCount();
    panel->run();
    ASSERT_TRUE(finished.count() == 1 || finished.wait(120000));
    ASSERT_TRUE(finished.front().front().toBool()) << panel->summaryLabel()->text().toStdString();
    // The new plan switches the routes on and the canvas redraws with them.
    EXPECT_TRUE(routes->isChecked());
    EXPECT_TRUE(canvas->evacuationRoutesVisible());
    ASSERT_TRUE(apptest::waitFor([&] { return canvas->renderFinishCount() > renders; }));
    ASSERT_TRUE(apptest::waitFor([&] { return routePixels() > 0; }));
    const int shown = routePixels();
    EXPECT_GT(shown, 100);

    // Switched off from the View menu: redrawn without them (a render still running with them
    // may finish first; the next one has none).
    routes->setChecked(false);
    EXPECT_FALSE(canvas->evacuationRoutesVisible());
    EXPECT_TRUE(apptest::waitFor([&] { return routePixels() == 0; }));
}
