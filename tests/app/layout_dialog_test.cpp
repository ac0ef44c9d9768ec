#include "app/desktop/layout_dialog.h"
#include "app_fixture.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QThread>

#include <gtest/gtest.h>

namespace {
class LayoutDialogTest : public apptest::ProjectTest
{
};

/// Share of pixels that are not white: a drawn page, not an empty sheet.
double inkShare(const QImage& image)
{
    int ink = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            ink += image.pixel(x, y) != qRgb(255, 255, 255);
        }
    }
    return ink / (image.width() / 2.0 * image.height() / 2.0);
}
} // namespace

TEST_F(LayoutDialogTest, PreviewFollowsTheChoicesInTheBackground)
{
    app::LayoutDialog dialog(projectPath());
    dialog.show();
    QSignalSpy ready(&dialog, &app::LayoutDialog::previewReady);
    ASSERT_TRUE(ready.wait(60000));
    const QImage first = dialog.previewImage();
    ASSERT_FALSE(first.isNull());
    EXPECT_GT(inkShare(first), 0.05);
    EXPECT_GT(first.width(), first.height()); // the templates' default: landscape

    // Portrait profile of one village: a new preview replaces the old one.
    dialog.templateBox()->setCurrentIndex(dialog.templateBox()->findData("profil"));
    const int village = dialog.villageBox()->findText("Wuring");
    ASSERT_GE(village, 0);
    dialog.villageBox()->setCurrentIndex(village);
    dialog.titleEdit()->setText("Profil Uji");
    EXPECT_TRUE(apptest::waitFor(
        [&] {
            return !dialog.isPreviewing() && !dialog.previewImage().isNull() &&
                   dialog.previewImage().height() > dialog.previewImage().width();
        },
        60000));
    EXPECT_EQ(dialog.options().village,
              dialog.villageBox()->currentData().toString().toStdString());
    EXPECT_EQ(dialog.options().title, "Profil Uji");
}

TEST_F(LayoutDialogTest, ExportsAnAtlasWithProgress)
{
    app::LayoutDialog dialog(projectPath());
    dialog.villageBox()->setCurrentIndex(dialog.villageBox()->findData("*atlas*"));
    const std::string output = projectPath() + "_atlas.pdf";
    dialog.setOutput(QString::fromStdString(output));
    QSignalSpy pages(&dialog, &app::LayoutDialog::pageDone);
    QSignalSpy finished(&dialog, &app::LayoutDialog::exportFinished);
    // Pages are drawn on a worker thread, never on the GUI thread.
    std::vector<QThread*> pageThreads;
    QObject::connect(
        &dialog,
        &app::LayoutDialog::pageDone,
        &dialog,
        [&](int, int) { pageThreads.push_back(QThread::currentThread()); },
        Qt::DirectConnection);
    dialog.startExport();
    ASSERT_TRUE(finished.count() == 1 || finished.wait(180000));
    EXPECT_TRUE(finished.front().front().toBool());
    ASSERT_GE(pages.count(), 2);
    EXPECT_EQ(pages.back()[0].toInt(), pages.back()[1].toInt()); // the last page reported
    ASSERT_EQ(pageThreads.size(), std::size_t(pages.count()));
    for (QThread* thread : pageThreads) {
        EXPECT_NE(thread, QCoreApplication::instance()->thread());
    }
    QFile pdf(QString::fromStdString(output));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5) == "%PDF-");
}

TEST_F(LayoutDialogTest, CancelLeavesNoFile)
{
    app::LayoutDialog dialog(projectPath());
    dialog.villageBox()->setCurrentIndex(dialog.villageBox()->findData("*atlas*"));
    const std::string output = projectPath() + "_canceled.pdf";
    dialog.setOutput(QString::fromStdString(output));
    QSignalSpy finished(&dialog, &app::LayoutDialog::exportFinished);
    QObject::connect(&dialog, &app::LayoutDialog::pageDone, &dialog, [&](int page, int) {
        if (page == 1) {
            dialog.cancelExport();
        }
    });
    dialog.startExport();
    ASSERT_TRUE(finished.count() == 1 || finished.wait(180000));
    EXPECT_FALSE(finished.front().front().toBool());
    EXPECT_FALSE(QFile::exists(QString::fromStdString(output)));
}
