#include "app/cli/commands.h"
#include "app/cli/offscreen_gui.h"
#include "geo/coordinate_transform.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/render/fonts.h"
#include "layers/render/map_renderer.h"
#include "layers/theme.h"

#include <QImageWriter>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace app::cli {

using layers::arg;
using layers::tr;

namespace {

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, separator)) {
        if (!part.empty()) {
            parts.push_back(part);
        }
    }
    return parts;
}

} // namespace

int runRender(const std::vector<std::string>& arguments)
{
    const char* usage = tr(
        "Pemakaian: petadesa-cli render PROYEK.sqlite KELUARAN.png [--size 1920x1080]\n"
        "           [--extent minx,miny,maxx,maxy] [--crs EPSG:N] [--layers a,b,...] [--dpi 96]\n"
        "           [--background GAMBAR.tif|.mbtiles] [--hillshade DEM.tif] [--no-labels]\n"
        "\n"
        "Menggambar peta proyek ke PNG. Bawaan: semua tema, seluruh cakupan, CRS kerja.\n"
        "  --extent   dalam satuan --crs; empat angka bujur/lintang juga diterima\n"
        "  --layers   tema yang digambar, dari bawah ke atas (bawaan: semua tema)\n",
        "Usage: petadesa-cli render PROJECT.sqlite OUT.png [--size 1920x1080]\n"
        "           [--extent minx,miny,maxx,maxy] [--crs EPSG:N] [--layers a,b,...] [--dpi 96]\n"
        "           [--background IMAGE.tif|.mbtiles] [--hillshade DEM.tif] [--no-labels]\n"
        "\n"
        "Draws the project's map into a PNG. Default: every theme, full extent, working CRS.\n"
        "  --extent   in --crs units; four longitude/latitude numbers are accepted too\n"
        "  --layers   themes to draw, bottom first (default: every theme)\n");
    try {
        Arguments args(arguments,
                       {"size", "extent", "crs", "layers", "dpi", "background", "hillshade"},
                       {"no-labels"});
        if (args.has("help")) {
            std::cout << usage;
            return Success;
        }
        if (args.positional().size() != 2) {
            throw UsageProblem{tr("Sebutkan berkas proyek dan berkas PNG keluaran.",
                                  "Name the project file and the output PNG file.")};
        }
        layers::MapSettings settings;
        settings.projectPath = args.positional()[0];
        int width = 1920, height = 1080;
        char x = 0;
        if (args.has("size") &&
            (std::sscanf(args.value("size").c_str(), "%d%c%d", &width, &x, &height) != 3 ||
             (x != 'x' && x != 'X') || width < 16 || height < 16 || width > 20000 ||
             height > 20000)) {
            throw UsageProblem{arg(tr("--size tidak sah: '%1' (contoh 1920x1080)",
                                      "invalid --size '%1' (e.g. 1920x1080)"),
                                   {args.value("size")})};
        }
        settings.size = QSize(width, height);
        settings.dpi = args.has("dpi") ? std::stod(args.value("dpi")) : 96.0;
        settings.labels = !args.has("no-labels");
        std::vector<std::string> themeNames = split(args.value("layers"), ',');
        if (themeNames.empty()) {
            themeNames = layers::defaultLayerOrder();
        }
        for (const auto& name : themeNames) {
            if (!layers::findTheme(name)) {
                throw UsageProblem{
                    arg(tr("Tema '%1' tidak dikenal.", "Unknown theme '%1'."), {name})};
            }
            settings.layers.push_back({name, true, 1.0, std::nullopt, {}});
        }
        std::string crs = args.value("crs");
        {
            layers::Project project(settings.projectPath, layers::Project::Access::ReadOnly);
            if (crs.empty()) {
                crs = project.workingCrs().empty() ? "EPSG:4326" : project.workingCrs();
            }
        }
        if (!geo::isKnownCrs(crs)) {
            throw UsageProblem{arg(tr("CRS '%1' tidak dikenal.", "Unknown CRS '%1'."), {crs})};
        }
        settings.crs = crs;
        if (args.has("extent")) {
            const auto parts = split(args.value("extent"), ',');
            if (parts.size() != 4) {
                throw UsageProblem{tr("--extent memerlukan empat angka minx,miny,maxx,maxy.",
                                      "--extent needs four numbers minx,miny,maxx,maxy.")};
            }
            layers::MapRect extent{
                std::stod(parts[0]), std::stod(parts[1]), std::stod(parts[2]), std::stod(parts[3])};
            const bool lonLat = std::fabs(extent.minX) <= 180 && std::fabs(extent.maxX) <= 180 &&
                                std::fabs(extent.minY) <= 90 && std::fabs(extent.maxY) <= 90;
            if (lonLat && geo::isProjectedCrs(crs)) {
                geo::CoordinateTransform transform("EPSG:4326", crs);
                double x0 = extent.minX, y0 = extent.minY, x1 = extent.maxX, y1 = extent.maxY;
                transform.transform(x0, y0);
                transform.transform(x1, y1);
                extent = {std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
            }
            if (!extent.isValid()) {
                throw UsageProblem{
                    tr("--extent kosong atau terbalik.", "--extent is empty or inverted.")};
            }
            settings.extent = extent;
        } else {
            settings.extent = layers::projectExtent(settings.projectPath, crs);
            if (!settings.extent.isValid()) {
                throw layers::ProjectError(tr("Proyek belum berisi data untuk digambar.",
                                              "The project holds no data to draw yet."));
            }
            const double padX = settings.extent.width() * 0.03;
            const double padY = settings.extent.height() * 0.03;
            settings.extent = {settings.extent.minX - padX,
                               settings.extent.minY - padY,
                               settings.extent.maxX + padX,
                               settings.extent.maxY + padY};
        }
        if (args.has("hillshade")) {
            settings.rasters.push_back(
                {args.value("hillshade"), layers::RasterLayer::Kind::Hillshade, true, 0.6});
        }
        if (args.has("background")) {
            settings.rasters.push_back(
                {args.value("background"), layers::RasterLayer::Kind::Image, true, 1.0});
        }

        OffscreenGui gui;
        layers::RenderFeedback feedback;
        const auto result = layers::renderMap(settings, feedback);
        for (const auto& error : result.errors) {
            std::cerr << tr("Peringatan: ", "Warning: ") << error << "\n";
        }
        QImageWriter writer(QString::fromStdString(args.positional()[1]), "png");
        if (!writer.write(result.image)) {
            std::cerr << tr("Galat: ", "Error: ") << args.positional()[1] << ": "
                      << writer.errorString().toStdString() << "\n";
            return Failure;
        }
        std::cout << arg(
            tr("Peta ditulis: %1 (%2 detik, skala 1:%3)\n", "Map written: %1 (%2 s, scale 1:%3)\n"),
            {args.positional()[1],
             std::to_string(result.seconds).substr(0, 5),
             std::to_string(std::lround(settings.scaleDenominator()))});
        return Success;
    } catch (const UsageProblem& problem) {
        std::cerr << problem.message << "\n\n" << usage;
        return UsageError;
    } catch (const layers::ProjectError& error) {
        std::cerr << tr("Galat: ", "Error: ") << error.what() << "\n";
        return BadInput;
    } catch (const std::exception& error) {
        std::cerr << tr("Galat: ", "Error: ") << error.what() << "\n";
        return Failure;
    }
}

} // namespace app::cli
