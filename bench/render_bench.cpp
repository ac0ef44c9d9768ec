// Times the map renderer the way ../shared/bench/render_qgis.py times QGIS: one process, the
// same MapSettings rendered N times, frame 1 reported alone and the median over frames 2..N.
//   render_bench PROJECT.sqlite full|zoom [--frames N] [--size WxH] [--all-scales] [--out F.png]
// zoom: a 2.4 km x 1.35 km window centred on (407500, 9036000) in the working CRS, the
// village-scale window of render_qgis.py. --all-scales draws every layer at every scale
// (QGIS's bench styles have no scale limits). Prints one JSON line.
#include "layers/project.h"
#include "layers/render/fonts.h"
#include "layers/render/map_renderer.h"

#include <QElapsedTimer>
#include <QGuiApplication>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: render_bench PROJECT.sqlite full|zoom [--frames N] "
                     "[--size WxH] [--all-scales] [--out F.png]\n");
        return 1;
    }
    const std::string project = argv[1];
    const std::string mode = argv[2];
    int frames = 6, width = 1920, height = 1080;
    bool allScales = false;
    std::string out;
    for (int i = 3; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames") && i + 1 < argc) {
            frames = std::atoi(argv[++i]);
        } else if (!std::strcmp(argv[i], "--size") && i + 1 < argc) {
            std::sscanf(argv[++i], "%dx%d", &width, &height);
        } else if (!std::strcmp(argv[i], "--all-scales")) {
            allScales = true;
        } else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) {
            out = argv[++i];
        }
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QElapsedTimer process;
    process.start();
    int qtArgc = 1;
    QGuiApplication application(qtArgc, argv);
    layers::registerBundledFonts();
    layers::MapSettings settings;
    settings.projectPath = project;
    {
        layers::Project p(project, layers::Project::Access::ReadOnly);
        settings.crs = p.workingCrs();
    }
    settings.size = QSize(width, height);
    settings.layers = layers::defaultLayers();
    if (allScales) {
        for (auto& layer : settings.layers) {
            layer.style = layers::ThemeStyle::load(layer.theme);
            layer.style->maxScale = 0;
        }
    }
    if (mode == "zoom") {
        settings.extent = {407500 - 1200, 9036000 - 675, 407500 + 1200, 9036000 + 675};
    } else {
        settings.extent = layers::projectExtent(project, settings.crs);
    }
    std::vector<double> times;
    layers::RenderResult result;
    for (int i = 0; i < frames; ++i) {
        layers::RenderFeedback feedback;
        result = layers::renderMap(settings, feedback);
        times.push_back(result.seconds);
    }
    if (!out.empty()) {
        result.image.save(QString::fromStdString(out), "png");
    }
    std::vector<double> rest(times.begin() + 1, times.end());
    std::sort(rest.begin(), rest.end());
    const double median = rest.empty() ? times.front() : rest[rest.size() / 2];
    std::printf(
        "{\"mode\": \"%s\", \"all_scales\": %s, \"frames\": %d, \"first_frame_s\": %.3f, "
        "\"median_frame_s\": %.3f, \"scale\": %.0f, \"errors\": %zu, \"process_s\": %.3f}\n",
        mode.c_str(),
        allScales ? "true" : "false",
        frames,
        times.front(),
        median,
        settings.scaleDenominator(),
        result.errors.size(),
        process.nsecsElapsed() / 1e9);
    for (const auto& [theme, seconds] : result.layerSeconds) {
        std::fprintf(stderr, "  %-22s %.3f s\n", theme.c_str(), seconds);
    }
    return result.errors.empty() ? 0 : 2;
}
