#include "app/cli/analysis_output.h"
#include "app/cli/commands.h"
#include "layers/analysis/safe_area_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace app::cli {

using layers::arg;
using layers::tr;
using namespace output;

namespace {

double number(const Arguments& args, const std::string& name, double fallback)
{
    if (!args.has(name)) {
        return fallback;
    }
    const std::string text = args.value(name);
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size() && std::isfinite(value)) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw UsageProblem{arg(
        tr("--%1 memerlukan angka, bukan '%2'.", "--%1 needs a number, not '%2'."), {name, text})};
}

} // namespace

int runSafeAreas(const std::vector<std::string>& arguments)
{
    const std::string usage = tr(
        "Pemakaian: petadesa-cli analyze safe-areas PROYEK.sqlite [--min-level sedang]\n"
        "           [--buffer 50] [--min-area-ha 1] [--hazard JENIS]\n"
        "           [--dem BERKAS --min-elevation M --max-slope DERAJAT] [--json]\n"
        "\n"
        "Zona aman: lahan tiap desa/kelurahan di luar semua zona bahaya pada tingkat itu atau\n"
        "lebih tinggi, berjarak penyangga dari zona (dihitung dalam CRS kerja metrik), bila\n"
        "diminta hanya sel DEM di atas ketinggian dan di bawah kemiringan (lahan di luar DEM\n"
        "tidak dihitung), bagian yang lebih luas dari minimum. Tiap bagian dengan luas, desa,\n"
        "jarak ke permukiman terdekat dan peringkat (jumlah peringkat luas dan peringkat jarak;\n"
        "sama: yang lebih luas lebih dulu). Hasil ke tabel poligon hasil_zona_aman.\n"
        "  --min-level T      rendah, sedang (bawaan) atau tinggi\n"
        "  --buffer M         jarak dari zona bahaya dalam meter (bawaan 50)\n"
        "  --min-area-ha H    luas bagian terkecil dalam hektar (bawaan 1)\n"
        "  --hazard JENIS     hanya satu jenis bahaya (mis. tsunami); bawaan: semua\n"
        "  --dem BERKAS       DEM (GeoTIFF atau raster lain yang dibaca GDAL; boleh EPSG:4326)\n"
        "  --min-elevation M  hanya sel DEM setinggi M meter atau lebih\n"
        "  --max-slope D      hanya sel DEM dengan kemiringan paling besar D derajat\n"
        "  --json             keluaran JSON\n",
        "Usage: petadesa-cli analyze safe-areas PROJECT.sqlite [--min-level sedang]\n"
        "           [--buffer 50] [--min-area-ha 1] [--hazard TYPE]\n"
        "           [--dem FILE --min-elevation M --max-slope DEGREES] [--json]\n"
        "\n"
        "Safe areas: the land of every village outside all hazard zones at or above the\n"
        "level, kept the buffer away from them (computed in the metric working CRS), when\n"
        "asked only DEM cells above the elevation and below the slope (land outside the DEM\n"
        "is left out), parts larger than the minimum. Each part with its area, village,\n"
        "distance to the nearest settlement and rank (sum of the area rank and the distance\n"
        "rank; ties go to the larger part). Results go to the polygon table hasil_zona_aman.\n"
        "  --min-level L      rendah, sedang (default) or tinggi\n"
        "  --buffer M         distance from the hazard zones in metres (default 50)\n"
        "  --min-area-ha H    smallest part in hectares (default 1)\n"
        "  --hazard TYPE      one hazard type only (e.g. tsunami); default: all\n"
        "  --dem FILE         DEM (GeoTIFF or any raster GDAL reads; EPSG:4326 is fine)\n"
        "  --min-elevation M  only DEM cells at M metres or higher\n"
        "  --max-slope D      only DEM cells with a slope of at most D degrees\n"
        "  --json             JSON output\n");
    return guarded(usage, [&] {
        Arguments args(
            arguments,
            {"min-level", "buffer", "min-area-ha", "hazard", "dem", "min-elevation", "max-slope"},
            {"json"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        const std::string path = projectArgument(args);
        layers::SafeAreaOptions options;
        options.minimumLevel = args.value("min-level", "sedang");
        if (layers::hazardLevelRank(options.minimumLevel) == 0) {
            throw UsageProblem{arg(tr("--min-level harus rendah, sedang atau tinggi, bukan '%1'.",
                                      "--min-level must be rendah, sedang or tinggi, not '%1'."),
                                   {options.minimumLevel})};
        }
        options.bufferMetres = number(args, "buffer", 50);
        options.minimumAreaHa = number(args, "min-area-ha", 1);
        if (options.bufferMetres < 0 || options.minimumAreaHa < 0) {
            throw UsageProblem{tr("--buffer dan --min-area-ha tidak boleh negatif.",
                                  "--buffer and --min-area-ha cannot be negative.")};
        }
        options.hazardType = args.value("hazard");
        options.demPath = args.value("dem");
        if (args.has("min-elevation")) {
            options.minimumElevation = number(args, "min-elevation", 0);
        }
        if (args.has("max-slope")) {
            options.maximumSlope = number(args, "max-slope", 90);
        }
        if (options.demPath.empty() && (options.minimumElevation || options.maximumSlope)) {
            throw UsageProblem{tr("--min-elevation dan --max-slope memerlukan --dem.",
                                  "--min-elevation and --max-slope need --dem.")};
        }
        if (!options.demPath.empty() && !options.minimumElevation && !options.maximumSlope) {
            throw UsageProblem{tr("--dem memerlukan --min-elevation dan/atau --max-slope.",
                                  "--dem needs --min-elevation and/or --max-slope.")};
        }

        layers::Project project(path);
        ConsoleProgress progress(tr("Mencari zona aman", "Finding safe areas"));
        const auto result = layers::findSafeAreas(project, options, &progress);
        double total = 0;
        for (const auto& part : result.parts) {
            total += part.areaHa;
        }

        if (args.has("json")) {
            QJsonObject object;
            object["project"] = q(project.path());
            object["working_crs"] = q(result.workingCrs);
            QJsonObject parameters;
            parameters["min_level"] = q(options.minimumLevel);
            parameters["hazard_type"] =
                options.hazardType.empty() ? QJsonValue() : q(options.hazardType);
            parameters["buffer_m"] = options.bufferMetres;
            parameters["min_area_ha"] = options.minimumAreaHa;
            parameters["dem"] = options.demPath.empty() ? QJsonValue() : q(options.demPath);
            parameters["min_elevation_m"] =
                options.minimumElevation ? QJsonValue(*options.minimumElevation) : QJsonValue();
            parameters["max_slope_deg"] =
                options.maximumSlope ? QJsonValue(*options.maximumSlope) : QJsonValue();
            object["parameters"] = parameters;
            object["rank_rule"] = "area_rank_plus_distance_rank";
            object["hazard_zones"] = static_cast<qint64>(result.hazardZones);
            object["settlements"] = static_cast<qint64>(result.settlements);
            object["total_area_ha"] = total;
            QJsonArray parts;
            for (std::size_t i = 0; i < result.parts.size(); ++i) {
                const auto& part = result.parts[i];
                const auto& area = result.areas[part.area];
                QJsonObject o;
                o["id"] = static_cast<qint64>(i + 1);
                o["village_code"] = q(area.code);
                o["village"] = q(area.name);
                o["area_ha"] = part.areaHa;
                o["nearest_settlement_m"] =
                    part.nearestSettlementM ? QJsonValue(*part.nearestSettlementM) : QJsonValue();
                o["rank"] = static_cast<qint64>(part.rank);
                o["village_rank"] = static_cast<qint64>(part.villageRank);
                parts.append(o);
            }
            object["parts"] = parts;
            QJsonArray villages;
            for (const auto& village : result.villages) {
                const auto& area = result.areas[village.area];
                QJsonObject o;
                o["village_code"] = q(area.code);
                o["village"] = q(area.name);
                o["village_level"] = q(area.tier);
                o["village_area_ha"] = village.villageAreaHa;
                o["safe_area_ha"] = village.safeAreaHa;
                o["parts"] = static_cast<qint64>(village.parts);
                villages.append(o);
            }
            object["villages"] = villages;
            QJsonArray problems;
            for (const auto& problem : result.problems) {
                problems.append(q(problem));
            }
            object["problems"] = problems;
            object["result_table"] = "hasil_zona_aman";
            object["log_id"] = static_cast<qint64>(result.logId);
            printJson(object);
            return int(Success);
        }

        std::cout << tr("Zona aman: ", "Safe areas: ") << project.name() << "\n";
        std::cout << arg(tr("Di luar %1 zona bahaya tingkat %2 ke atas, penyangga %3 m, bagian "
                            "minimal %4 ha (CRS kerja %5).\n",
                            "Outside %1 hazard zones of level %2 and above, buffer %3 m, parts "
                            "of at least %4 ha (working CRS %5).\n"),
                         {formatNumber(static_cast<double>(result.hazardZones)),
                          options.minimumLevel,
                          formatNumber(options.bufferMetres, 1),
                          formatNumber(options.minimumAreaHa, 2),
                          result.workingCrs});
        if (!options.demPath.empty()) {
            std::cout << arg(tr("DEM: %1 (%2)", "DEM: %1 (%2)"), {options.demPath, result.demCrs});
            if (options.minimumElevation) {
                std::cout << arg(tr(", ketinggian ≥ %1 m", ", elevation ≥ %1 m"),
                                 {formatNumber(*options.minimumElevation, 1)});
            }
            if (options.maximumSlope) {
                std::cout << arg(tr(", kemiringan ≤ %1°", ", slope ≤ %1°"),
                                 {formatNumber(*options.maximumSlope, 1)});
            }
            std::cout << "\n";
        }
        std::cout << arg(
            tr("%1 bagian, %2 ha.\n\n", "%1 parts, %2 ha.\n\n"),
            {formatNumber(static_cast<double>(result.parts.size())), formatNumber(total, 2)});
        if (!result.parts.empty()) {
            std::cout << tr(
                "  peringkat  desa/kelurahan            luas (ha)  ke permukiman (m)\n",
                "  rank       village                   area (ha)  to settlement (m)\n");
            const std::size_t shown = std::min<std::size_t>(result.parts.size(), 25);
            for (std::size_t i = 0; i < shown; ++i) {
                const auto& part = result.parts[i];
                char line[300];
                std::snprintf(
                    line,
                    sizeof line,
                    "  %9u  %-24s %10s  %17s\n",
                    part.rank,
                    result.areas[part.area].name.substr(0, 24).c_str(),
                    formatNumber(part.areaHa, 2).c_str(),
                    part.nearestSettlementM ? formatNumber(*part.nearestSettlementM).c_str() : "-");
                std::cout << line;
            }
            if (result.parts.size() > shown) {
                std::cout << arg(tr("  … dan %1 bagian lain (lihat --json atau hasil_zona_aman)\n",
                                    "  … and %1 more parts (see --json or hasil_zona_aman)\n"),
                                 {formatNumber(static_cast<double>(result.parts.size() - shown))});
            }
        }
        std::cout << "\n" << tr("Per desa/kelurahan:\n", "Per village:\n");
        for (const auto& village : result.villages) {
            std::cout << "  " << result.areas[village.area].name << ": "
                      << arg(tr("%1 dari %2 ha aman (%3 bagian)\n",
                                "%1 of %2 ha safe (%3 parts)\n"),
                             {formatNumber(village.safeAreaHa, 2),
                              formatNumber(village.villageAreaHa, 2),
                              formatNumber(static_cast<double>(village.parts))});
        }
        for (const auto& problem : result.problems) {
            std::cout << tr("Dilewati: ", "Left out: ") << problem << "\n";
        }
        std::cout << tr("Hasil: hasil_zona_aman.\n", "Results: hasil_zona_aman.\n");
        return int(Success);
    });
}

} // namespace app::cli
