#include "app/desktop/language.h"
#include "app/desktop/messages.h"
#include "app_fixture.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>

#include <gtest/gtest.h>

#include <cstdlib>

int main(int argc, char** argv)
{
    // Offscreen even when the test list is read at build time (gtest_discover_tests).
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    setenv("PETADESA_DATA_DIR", PETADESA_SOURCE_DATA_DIR, 0);
    QApplication application(argc, argv);
    QApplication::setOrganizationName("PetaDesaTests");
    QApplication::setApplicationName("app_tests");
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    app::installLanguage(application, layers::Language::Indonesian);
    apptest::recordMessages();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
