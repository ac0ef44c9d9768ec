#include "app/desktop/language.h"
#include "app/desktop/main_window.h"
#include "app_fixture.h"
#include "layers/theme.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>

#include <gtest/gtest.h>

namespace {
QStringList menuTitles(const QMainWindow& window)
{
    QStringList titles;
    for (QAction* action : window.menuBar()->actions()) {
        titles << action->text();
    }
    return titles;
}
} // namespace

TEST(Language, IndonesianByDefaultEnglishFromTheTranslationFile)
{
    {
        app::MainWindow window;
        EXPECT_TRUE(menuTitles(window).contains("&Berkas"));
        EXPECT_EQ(layers::language(), layers::Language::Indonesian);
    }
    app::installLanguage(*qApp, layers::Language::English);
    {
        app::MainWindow window;
        const QStringList titles = menuTitles(window);
        EXPECT_TRUE(titles.contains("&File")) << titles.join(", ").toStdString();
        EXPECT_FALSE(titles.contains("&Berkas"));
        EXPECT_EQ(window.action("identify")->text(), "Identify");
        // layers:: messages and theme labels follow, so a screen never mixes languages.
        EXPECT_EQ(layers::language(), layers::Language::English);
        EXPECT_EQ(layers::findTheme("aset_desa")->label(), "Village assets");
    }
    app::installLanguage(*qApp, layers::Language::Indonesian);
    EXPECT_EQ(layers::findTheme("aset_desa")->label(), "Aset desa");
}

TEST(Language, CataloguesAreEmbedded)
{
    // Both compiled catalogues are resources of app_ui: English for our strings, Indonesian for
    // Qt's own buttons and dialogs (completeness: the app_translations test).
    app::installLanguage(*qApp, layers::Language::Indonesian);
    EXPECT_EQ(QCoreApplication::translate("QPlatformTheme", "Cancel"), "Batal");
    app::installLanguage(*qApp, layers::Language::English);
    EXPECT_EQ(QCoreApplication::translate("app::MainWindow", "Ukur jarak"), "Measure distance");
    app::installLanguage(*qApp, layers::Language::Indonesian);
}
