#include "app/desktop/analysis_panel.h"
#include "app_fixture.h"
#include "layers/analysis/exposure_analysis.h"
#include "layers/importer.h"
#include "layers/project.h"

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
