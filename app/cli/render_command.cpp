#include "app/cli/commands.h"
#include "app/cli/guarded.h"
#include "app/cli/offscreen_gui.h"
#include "geo/analysis/kernel_density.h"
#include "geo/coordinate_transform.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/project_rasters.h"
#include "layers/render/fonts.h"
#include "layers/render/map_renderer.h"
#include "layers/render/thematic_renderer.h"
#include "layers/theme.h"

#include <QImageWriter>
#include <QPainter>

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

/// "table.column" or "table" (column empty).
std::pair<std::string, std::string> tableAndColumn(const std::string& text)
{
    const auto dot = text.find('.');
    if (dot == std::string::npos) {
        return {text, std::string()};
    }
    return {text.substr(0, dot), text.substr(dot + 1)};
}

double positiveNumber(const Arguments& args, const std::string& name, double fallback)
{
    if (!args.has(name)) {
        return fallback;
    }
    try {
        const double value = std::stod(args.value(name));
        if (value > 0 && std::isfinite(value)) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw UsageProblem{arg(tr("--%1 harus angka lebih dari 0, bukan '%2'.",
                              "--%1 must be a number above 0, not '%2'."),
                           {name, args.value(name)})};
}

/// The thematic layers the options ask for, in drawing order.
std::vector<layers::ThematicLayer> thematicLayersFrom(const Arguments& args)
{
    std::vector<layers::ThematicLayer> list;
    const QString title = QString::fromStdString(args.value("title"));
    const QString unit = QString::fromStdString(args.value("unit"));
    if (args.has("choropleth")) {
        layers::ThematicLayer layer;
        layer.kind = layers::ThematicLayer::Kind::Choropleth;
        std::tie(layer.table, layer.valueColumn) = tableAndColumn(args.value("choropleth"));
        if (layer.valueColumn.empty()) {
            throw UsageProblem{
                tr("--choropleth memerlukan TABEL.KOLOM, mis. wilayah.jumlah_penduduk.",
                   "--choropleth needs TABLE.COLUMN, e.g. wilayah.jumlah_penduduk.")};
        }
        if (args.has("classes")) {
            const std::string text = args.value("classes");
            char* end = nullptr;
            const long classes = std::strtol(text.c_str(), &end, 10);
            if (!end || *end || classes < 1 || classes > 9) {
                throw UsageProblem{arg(tr("--classes harus 1 sampai 9, bukan '%1'.",
                                          "--classes must be 1 to 9, not '%1'."),
                                       {text})};
            }
            layer.classes = int(classes);
        }
        if (args.has("method") &&
            !layers::parseMethod(QString::fromStdString(args.value("method")), layer.method)) {
            throw UsageProblem{arg(tr("--method harus quantile, equal atau jenks, bukan '%1'.",
                                      "--method must be quantile, equal or jenks, not '%1'."),
                                   {args.value("method")})};
        }
        if (args.has("ramp") &&
            !layers::parseRamp(QString::fromStdString(args.value("ramp")), layer.ramp)) {
            throw UsageProblem{
                arg(tr("--ramp tidak dikenal: '%1' (YlOrRd, Greens, Blues, YlGn, Purples).",
                       "unknown --ramp '%1' (YlOrRd, Greens, Blues, YlGn, Purples)."),
                    {args.value("ramp")})};
        }
        for (const auto& filter : args.values("filter")) {
            const auto equals = filter.find('=');
            if (equals == std::string::npos || equals == 0) {
                throw UsageProblem{arg(tr("--filter memerlukan KOLOM=NILAI, bukan '%1'.",
                                          "--filter needs COLUMN=VALUE, not '%1'."),
                                       {filter})};
            }
            layer.filters.emplace_back(filter.substr(0, equals), filter.substr(equals + 1));
        }
        layer.title = title;
        layer.unit = unit;
        list.push_back(layer);
    }
    if (args.has("density")) {
        layers::ThematicLayer layer;
        layer.kind = layers::ThematicLayer::Kind::Density;
        std::tie(layer.pointTable, layer.weightColumn) = tableAndColumn(args.value("density"));
        layer.bandwidthMetres = positiveNumber(args, "bandwidth", 500);
        layer.cellSizeMetres = positiveNumber(args, "cell", layer.bandwidthMetres / 10);
        layer.opacity = 0.9;
        list.push_back(layer);
    }
    for (const char* option : {"symbols", "pies"}) {
        if (!args.has(option)) {
            continue;
        }
        layers::ThematicLayer layer;
        layer.kind = std::string(option) == "pies"
                         ? layers::ThematicLayer::Kind::PieCharts
                         : layers::ThematicLayer::Kind::ProportionalSymbols;
        std::tie(layer.pointTable, layer.weightColumn) = tableAndColumn(args.value(option));
        layer.opacity = 1.0;
        if (!args.has("choropleth")) {
            layer.title = title;
            layer.unit = unit;
        }
        list.push_back(layer);
    }
    return list;
}

} // namespace

int runRender(const std::vector<std::string>& arguments)
{
    const char* usage = tr(
        "Pemakaian: petadesa-cli render PROYEK.sqlite KELUARAN.png [--size 1920x1080]\n"
        "           [--extent minx,miny,maxx,maxy] [--crs EPSG:N] [--layers a,b,...] [--dpi 96]\n"
        "           [--background GAMBAR.tif|.mbtiles] [--hillshade DEM.tif] [--no-labels]\n"
        "           [--evacuation-routes] [--no-rasters]\n"
        "\n"
        "Menggambar peta proyek ke PNG. Bawaan: semua tema, seluruh cakupan, CRS kerja, dan\n"
        "latar raster proyek yang tampak (--no-rasters: tanpa latar itu).\n"
        "  --evacuation-routes  jalur rencana evakuasi terakhir (analyze evacuation) di atas "
        "tema\n"
        "  --extent   dalam satuan --crs; empat angka bujur/lintang juga diterima\n"
        "  --layers   tema yang digambar, dari bawah ke atas (bawaan: semua tema)\n"
        "\n"
        "Peta tematik (boleh digabung; --legend menggambar legendanya di kiri bawah):\n"
        "  --choropleth TABEL.KOLOM   desa diwarnai menurut kelas nilai kolom angka, mis.\n"
        "                             wilayah.jumlah_penduduk atau "
        "hasil_paparan_desa.penduduk\n"
        "                             (tabel hasil tanpa geometri digabung lewat "
        "kode_wilayah/kode_desa,\n"
        "                             dijumlah per desa)\n"
        "  --classes N (5)  --method quantile|equal|jenks (quantile)\n"
        "  --ramp YlOrRd|Greens|Blues|YlGn|Purples  --filter KOLOM=NILAI (berulang)\n"
        "  --title TEKS  --unit TEKS  judul dan satuan di legenda\n"
        "  --symbols TABEL[.KOLOM]    lingkaran proporsional per desa (jumlah fitur atau jumlah "
        "KOLOM)\n"
        "  --pies TABEL[.KOLOM]       diagram lingkaran per desa menurut kategori\n"
        "  --density TABEL[.KOLOM]    kepadatan kernel kuartik (bobot KOLOM), mis. aset_desa\n"
        "  --bandwidth M (500)  --cell M (bandwidth/10)  --density-tif KELUARAN.tif (grid per "
        "km²)\n"
        "  --legend                   gambar legenda tematik pada peta\n",
        "Usage: petadesa-cli render PROJECT.sqlite OUT.png [--size 1920x1080]\n"
        "           [--extent minx,miny,maxx,maxy] [--crs EPSG:N] [--layers a,b,...] [--dpi 96]\n"
        "           [--background IMAGE.tif|.mbtiles] [--hillshade DEM.tif] [--no-labels]\n"
        "           [--evacuation-routes] [--no-rasters]\n"
        "\n"
        "Draws the project's map into a PNG. Default: every theme, full extent, working CRS, and\n"
        "the project's visible raster backgrounds (--no-rasters: without them).\n"
        "  --evacuation-routes  the routes of the last evacuation plan (analyze evacuation) over "
        "the themes\n"
        "  --extent   in --crs units; four longitude/latitude numbers are accepted too\n"
        "  --layers   themes to draw, bottom first (default: every theme)\n"
        "\n"
        "Thematic maps (may be combined; --legend draws their legend bottom left):\n"
        "  --choropleth TABLE.COLUMN  villages coloured by the class of a numeric column, e.g.\n"
        "                             wilayah.jumlah_penduduk or "
        "hasil_paparan_desa.penduduk\n"
        "                             (result tables without geometry join by "
        "kode_wilayah/kode_desa,\n"
        "                             summed per village)\n"
        "  --classes N (5)  --method quantile|equal|jenks (quantile)\n"
        "  --ramp YlOrRd|Greens|Blues|YlGn|Purples  --filter COLUMN=VALUE (repeatable)\n"
        "  --title TEXT  --unit TEXT  legend title and unit\n"
        "  --symbols TABLE[.COLUMN]   proportional circles per village (feature count or sum of "
        "COLUMN)\n"
        "  --pies TABLE[.COLUMN]      pie charts per village by category\n"
        "  --density TABLE[.COLUMN]   quartic kernel density (weight COLUMN), e.g. aset_desa\n"
        "  --bandwidth M (500)  --cell M (bandwidth/10)  --density-tif OUT.tif (grid per km²)\n"
        "  --legend                   draw the thematic legend on the map\n");
    return guarded(usage, [&] {
        Arguments args(arguments,
                       {"size",       "extent",    "crs",        "layers",  "dpi",
                        "background", "hillshade", "choropleth", "classes", "method",
                        "ramp",       "filter",    "title",      "unit",    "symbols",
                        "pies",       "density",   "bandwidth",  "cell",    "density-tif"},
                       {"no-labels", "legend", "evacuation-routes", "no-rasters"});
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
        settings.evacuationRoutes = args.has("evacuation-routes");
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
            if (!args.has("no-rasters")) {
                // The raster backgrounds the desktop shows (Lapisan panel), under the ones
                // named by --hillshade and --background.
                settings.rasters = layers::drawableProjectRasters(project);
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

        settings.thematicLayers = thematicLayersFrom(args);
        if (args.has("density-tif") && !args.has("density")) {
            throw UsageProblem{
                tr("--density-tif memerlukan --density.", "--density-tif needs --density.")};
        }

        OffscreenGui gui;
        layers::RenderFeedback feedback;
        auto result = layers::renderMap(settings, feedback);
        for (const auto& error : result.errors) {
            std::cerr << tr("Peringatan: ", "Warning: ") << error << "\n";
        }
        if (!settings.thematicLayers.empty() && result.errors.size() > 0) {
            // A thematic map that failed is the point of the command: no half map.
            for (const auto& layer : settings.thematicLayers) {
                layers::thematicLegend(settings.projectPath, layer); // throws with the reason
            }
        }
        if (args.has("legend") && !settings.thematicLayers.empty()) {
            QPainter painter(&result.image);
            const double margin = settings.dpi * 3 / 25.4;
            double bottom = result.image.height() - margin;
            for (auto it = settings.thematicLayers.rbegin(); it != settings.thematicLayers.rend();
                 ++it) {
                const auto legend = layers::thematicLegend(settings.projectPath, *it);
                // Measure first (off-canvas), then draw above the previous block.
                QImage scratch(1, 1, QImage::Format_ARGB32_Premultiplied);
                QPainter measure(&scratch);
                const QRectF size = layers::drawThematicLegend(
                    measure, QPointF(-100000, -100000), legend, settings.dpi, false);
                measure.end();
                const QPointF topLeft(margin, bottom - size.height());
                layers::drawThematicLegend(painter, topLeft, legend, settings.dpi);
                bottom = topLeft.y() - margin / 2;
            }
        }
        if (args.has("density-tif")) {
            for (const auto& layer : settings.thematicLayers) {
                if (layer.kind == layers::ThematicLayer::Kind::Density) {
                    std::string metricCrs;
                    const auto grid = layers::densityGrid(settings.projectPath, layer, metricCrs);
                    geo::writeDensityGeoTiff(args.value("density-tif"), grid, metricCrs);
                    std::cout << arg(
                        tr("Grid kepadatan ditulis: %1 (%2 x %3 sel @ %4 m, maks %5 per km²)\n",
                           "Density grid written: %1 (%2 x %3 cells @ %4 m, max %5 per km²)\n"),
                        {args.value("density-tif"),
                         std::to_string(grid.width),
                         std::to_string(grid.height),
                         std::to_string(grid.cellSize),
                         std::to_string(grid.maximum)});
                }
            }
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
    });
}

} // namespace app::cli
