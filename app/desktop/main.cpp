#include "app/desktop/language.h"
#include "app/desktop/main_window.h"
#include "app/desktop/screenshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName("PetaDesa");
    QApplication::setApplicationName("petadesa");
    QApplication::setApplicationVersion(PETADESA_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription("PetaDesa");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("PROJECT", "project file (.sqlite) to open");
    QCommandLineOption screenshot("screenshot", "write a PNG of the window and quit", "OUT.png");
    QCommandLineOption state("state",
                             "window state for --screenshot: main, import, form, table, measure, "
                             "layout, analysis, exposure, "
                             "chart, presentation, raster",
                             "STATE",
                             "main");
    QCommandLineOption language("language", "interface language for this run: id or en", "CODE");
    QCommandLineOption size("size", "window size, e.g. 1600x1000", "WxH");
    QCommandLineOption background(
        "background",
        "add an image raster (GeoTIFF orthophoto, MBTiles) to the project's backgrounds",
        "FILE");
    QCommandLineOption hillshade(
        "hillshade", "add a DEM, drawn as hillshade, to the project's backgrounds", "FILE");
    parser.addOption(screenshot);
    parser.addOption(state);
    parser.addOption(language);
    parser.addOption(size);
    parser.addOption(background);
    parser.addOption(hillshade);
    parser.process(application);

    layers::Language chosen = app::interfaceLanguage();
    if (parser.isSet(language)) {
        chosen = parser.value(language) == "en" ? layers::Language::English
                                                : layers::Language::Indonesian;
    }
    app::installLanguage(application, chosen);

    auto* window = new app::MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList sizeParts = parser.value(size).split('x');
    if (sizeParts.size() == 2) {
        window->resize(sizeParts[0].toInt(), sizeParts[1].toInt());
    } else if (parser.isSet(screenshot)) {
        window->resize(1600, 1000);
    } else if (!QSettings().contains("jendela/geometri")) {
        window->resize(1400, 900);
    }

    const QStringList arguments = parser.positionalArguments();
    if (!arguments.isEmpty()) {
        if (window->openProject(arguments.first())) {
            for (const QString& file : parser.values(background)) {
                window->addRasterBackground(file, false);
            }
            for (const QString& file : parser.values(hillshade)) {
                window->addRasterBackground(file, true);
            }
        }
    } else if (!parser.isSet(screenshot)) {
        const QString last = QSettings().value("proyekTerakhir").toString();
        if (!last.isEmpty() && QFileInfo::exists(last)) {
            window->openProject(last);
        }
    }
    window->show();

    if (parser.isSet(screenshot)) {
        auto* taker = new app::ScreenshotTaker(
            *window, parser.value(screenshot), parser.value(state), window);
        QObject::connect(taker, &app::ScreenshotTaker::done, &application, [](bool succeeded) {
            QApplication::exit(succeeded ? 0 : 1);
        });
        QTimer::singleShot(0, taker, &app::ScreenshotTaker::start);
    }
    return application.exec();
}
