#include "app/desktop/import_dialog.h"
#include "app_fixture.h"
#include "layers/project.h"

#include <QListWidget>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>

#include <gtest/gtest.h>

namespace {
class ImportDialogTest : public apptest::ProjectTest
{
};
} // namespace

TEST_F(ImportDialogTest, ImportsWithThePrefilledMappingInTheBackground)
{
    app::ImportDialog dialog(projectPath());
    dialog.show();
    dialog.setFile(QString(PETADESA_SOURCE_DATA_DIR) + "/sample/src/bumdes_unit.geojson");
    EXPECT_EQ(dialog.theme(), "bumdes_unit"); // from the file name
    ASSERT_EQ(dialog.layerList()->count(), 1);
    // layers::mapFields prefilled the table: same-named fields map to their columns.
    EXPECT_EQ(dialog.mappedField("nama_unit"), "nama_unit");
    EXPECT_EQ(dialog.mappedField("jenis_usaha"), "jenis_usaha");

    QSignalSpy finished(&dialog, &app::ImportDialog::importFinished);
    {
        // With the project's write lock held here, the import can only wait for it on its
        // worker: startImport() returns at once and the import is still running.
        apptest::ProjectWriteLock lock(projectPath());
        dialog.startImport();
        EXPECT_TRUE(dialog.isRunning());
        EXPECT_EQ(finished.count(), 0);
    }
    ASSERT_TRUE(finished.count() == 1 || finished.wait(60000));
    ASSERT_TRUE(dialog.outcome().has_value());
    ASSERT_TRUE(dialog.outcome()->succeeded) << dialog.outcome()->error;
    EXPECT_GT(dialog.outcome()->result.imported, 10);
    EXPECT_EQ(dialog.progressBar()->value(), 100);
    layers::Project project(projectPath());
    EXPECT_EQ(project.featureCount("bumdes_unit"), dialog.outcome()->result.imported);
}

TEST_F(ImportDialogTest, ShowsRepairsAndRejectionsInTheReportTable)
{
    app::ImportDialog dialog(projectPath());
    dialog.setFile(
        QString(TEST_DATA_DIR) +
        "/realdata/robustness/derived_from_real/merapi_krb_with_selfintersection.geojson");
    dialog.setTheme("zona_bahaya");
    QSignalSpy finished(&dialog, &app::ImportDialog::importFinished);
    dialog.startImport();
    ASSERT_TRUE(finished.count() == 1 || finished.wait(60000));
    ASSERT_TRUE(dialog.outcome()->succeeded) << dialog.outcome()->error;
    ASSERT_GT(dialog.outcome()->result.repaired + dialog.outcome()->result.rejected, 0);
    QTableWidget* report = dialog.reportTable();
    EXPECT_FALSE(report->isHidden());
    bool repaired = false;
    for (int row = 0; row < report->rowCount(); ++row) {
        repaired = repaired || report->item(row, 0)->text() == "diperbaiki" ||
                   report->item(row, 0)->text() == "ditolak";
        EXPECT_FALSE(report->item(row, 3)->text().isEmpty());
    }
    EXPECT_TRUE(repaired);
}

TEST_F(ImportDialogTest, AnUnreadableFileIsReportedNotThrown)
{
    app::ImportDialog dialog(projectPath());
    apptest::messages().clear();
    dialog.setFile("/nonexistent/berkas.shp");
    ASSERT_EQ(apptest::messages().size(), 1u);
    EXPECT_EQ(apptest::messages().front().kind, app::MessageKind::Error);
    EXPECT_EQ(dialog.layerList()->count(), 0);
}
