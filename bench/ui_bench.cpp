// UI responsiveness of the desktop app (issue 4): opens a project in the real MainWindow,
// drags the map around (one pan of 40 px every 16 ms, as a mouse drag does) and zooms in and
// out with the wheel's steps, for a few seconds, while a 1 ms timer on the GUI thread records
// how long the event loop was away between its ticks. Prints JSON: the longest stall, the
// 99th percentile, renders started/finished, and the process's peak RSS.
//   ui_bench PROJECT.sqlite [--seconds 6]
#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

long peakRssKb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: ui_bench PROJECT.sqlite [--seconds N]\n");
        return 1;
    }
    double seconds = 6;
    for (int i = 2; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0) {
            seconds = std::atof(argv[i + 1]);
        }
    }
    QApplication application(argc, argv);
    app::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QElapsedTimer opening;
    opening.start();
    if (!window.openProject(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    const double openSeconds = opening.nsecsElapsed() / 1e9;
    app::MapCanvas* canvas = window.canvas();
    // Wait for the first full-extent image.
    QElapsedTimer firstImage;
    firstImage.start();
    while (!canvas->hasImage() && firstImage.elapsed() < 60000) {
        application.processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    const double firstImageSeconds = firstImage.nsecsElapsed() / 1e9;
    // Snapping runs on the GUI thread on every mouse move while digitizing: time it at a
    // village scale (2 m per pixel) over a grid of mouse positions.
    canvas->setView(canvas->center(), 2.0);
    std::vector<double> snaps;
    int snapped = 0;
    for (int y = 100; y < canvas->height() - 100; y += 80) {
        for (int x = 100; x < canvas->width() - 100; x += 80) {
            QElapsedTimer snapTimer;
            snapTimer.start();
            snapped += canvas->snap(QPointF(x, y)).has_value();
            snaps.push_back(snapTimer.nsecsElapsed() / 1e6);
        }
    }
    std::sort(snaps.begin(), snaps.end());
    canvas->zoomToFullExtent();
    const int startsBefore = canvas->renderStartCount();
    const int finishesBefore = canvas->renderFinishCount();

    std::vector<double> gaps;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back((now - last) / 1e6);
        last = now;
    });
    int step = 0;
    QTimer pan;
    pan.setInterval(16);
    QObject::connect(&pan, &QTimer::timeout, [&] {
        ++step;
        // Drag east for a second, then west, with a zoom step in or out every 60 moves.
        const double direction = (step / 60) % 2 == 0 ? 1.0 : -1.0;
        canvas->panByPixels(QPointF(40 * direction, 10));
        if (step % 60 == 30) {
            const double factor = (step / 60) % 2 == 0 ? 0.5 : 2.0;
            canvas->setView(canvas->center(), canvas->mapUnitsPerPixel() * factor);
        }
    });
    tick.start();
    pan.start();
    QTimer::singleShot(int(seconds * 1000), &application, &QApplication::quit);
    application.exec();
    tick.stop();
    pan.stop();
    std::sort(gaps.begin(), gaps.end());
    const double worst = gaps.empty() ? 0 : gaps.back();
    const double p99 = gaps.empty() ? 0 : gaps[std::size_t(double(gaps.size() - 1) * 0.99)];
    std::printf("{\"open_s\": %.3f, \"first_image_s\": %.3f, \"pans\": %d, \"ticks\": %zu, "
                "\"max_stall_ms\": %.1f, \"p99_stall_ms\": %.1f, \"renders_started\": %d, "
                "\"renders_finished\": %d, \"peak_rss_mb\": %.0f, \"snap_median_ms\": %.3f, "
                "\"snap_max_ms\": %.3f, \"snap_hits\": %d, \"snap_calls\": %zu}\n",
                openSeconds,
                firstImageSeconds,
                step,
                gaps.size(),
                worst,
                p99,
                canvas->renderStartCount() - startsBefore,
                canvas->renderFinishCount() - finishesBefore,
                peakRssKb() / 1024.0,
                snaps.empty() ? 0.0 : snaps[snaps.size() / 2],
                snaps.empty() ? 0.0 : snaps.back(),
                snapped,
                snaps.size());
    return 0;
}
