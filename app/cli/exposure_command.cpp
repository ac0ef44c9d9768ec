#include "app/cli/analysis_output.h"
#include "app/cli/commands.h"
#include "layers/analysis/exposure_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <iostream>

namespace app::cli {

using layers::arg;
using layers::tr;
using namespace output;

namespace {

QJsonObject figuresJson(const layers::ExposureFigures& f)
{
    QJsonObject o;
    o["zones"] = static_cast<qint64>(f.zones);
    o["assets"] = static_cast<qint64>(f.assets);
    o["asset_value_rp"] = f.assetValueRp;
    QJsonObject categories;
    for (const auto& [category, c] : f.assetsByCategory) {
        QJsonObject entry;
        entry["count"] = static_cast<qint64>(c.count);
        entry["value_rp"] = c.valueRp;
        categories[q(category)] = entry;
    }
    o["assets_by_category"] = categories;
    o["population"] = f.population;
    o["settlements"] = static_cast<qint64>(f.settlements);
    o["community_centers"] = static_cast<qint64>(f.communityCenters);
    o["community_center_capacity"] = static_cast<qint64>(f.communityCenterCapacity);
    o["bumdes_units"] = static_cast<qint64>(f.bumdesUnits);
    o["potential"] = static_cast<qint64>(f.potentials);
    o["potential_area_ha"] = f.potentialAreaHa;
    o["potential_value_rp"] = f.potentialValueRp;
    o["road_km"] = f.roadKm;
    return o;
}

const char* countingRuleText()
{
    return tr("Fitur yang berada di beberapa zona satu jenis bahaya dihitung sekali, pada tingkat "
              "tertinggi (tepi zona termasuk). Panjang jalan, luas potensi dan penduduk "
              "permukiman berbentuk area dibagi menurut bagian yang berada di tiap tingkat.",
              "A feature inside several zones of one hazard type counts once, at its highest "
              "level (a zone edge counts as inside). Road lengths, potential areas and the "
              "people of settlement areas are shared by the part that lies in each level.");
}

void printLevelTable(const layers::ExposureResult& result)
{
    std::string current;
    for (const auto& row : result.byLevel) {
        if (row.hazardType != current) {
            current = row.hazardType;
            std::cout << "\n" << tr("Jenis bahaya: ", "Hazard type: ") << current << "\n";
            char header[400];
            std::snprintf(header,
                          sizeof header,
                          "  %-8s %7s %20s %10s %11s %7s %7s %9s %10s %10s\n",
                          tr("tingkat", "level"),
                          tr("aset", "assets"),
                          tr("nilai aset (Rp)", "asset value (Rp)"),
                          tr("penduduk", "people"),
                          tr("permukiman", "settlements"),
                          tr("pusat", "centers"),
                          "BUMDes",
                          tr("potensi", "potential"),
                          tr("luas (ha)", "area (ha)"),
                          tr("jalan (km)", "roads (km)"));
            std::cout << header;
        }
        const auto& f = row.figures;
        char line[400];
        std::snprintf(line,
                      sizeof line,
                      "  %-8s %7s %20s %10s %11s %7s %7s %9s %10s %10s\n",
                      row.level.c_str(),
                      formatNumber(static_cast<double>(f.assets)).c_str(),
                      formatNumber(f.assetValueRp).c_str(),
                      formatNumber(f.population).c_str(),
                      formatNumber(static_cast<double>(f.settlements)).c_str(),
                      formatNumber(static_cast<double>(f.communityCenters)).c_str(),
                      formatNumber(static_cast<double>(f.bumdesUnits)).c_str(),
                      formatNumber(static_cast<double>(f.potentials)).c_str(),
                      formatNumber(f.potentialAreaHa, 2).c_str(),
                      formatNumber(f.roadKm, 2).c_str());
        std::cout << line;
    }
}

void printAreaTable(const layers::ExposureResult& result)
{
    if (result.byArea.empty()) {
        return;
    }
    std::cout << "\n"
              << tr("Per desa/kelurahan dan dusun (yang terpapar saja):\n",
                    "Per village and sub-village (exposed only):\n");
    std::size_t previous = static_cast<std::size_t>(-1);
    for (const auto& row : result.byArea) {
        const auto& area = result.areas[row.area];
        if (row.area != previous) {
            previous = row.area;
            std::cout << "  " << area.tier << " " << area.name
                      << (area.code.empty() ? "" : " (" + area.code + ")") << "\n";
        }
        const auto& f = row.figures;
        std::cout << "    " << row.hazardType << " " << row.level << ": "
                  << arg(tr("%1 aset (Rp %2), %3 jiwa, %4 pusat, %5 unit BUMDes, %6 potensi, "
                            "%7 km jalan",
                            "%1 assets (Rp %2), %3 people, %4 centers, %5 BUMDes units, "
                            "%6 potential, %7 km of road"),
                         {formatNumber(static_cast<double>(f.assets)),
                          formatNumber(f.assetValueRp),
                          formatNumber(f.population),
                          formatNumber(static_cast<double>(f.communityCenters)),
                          formatNumber(static_cast<double>(f.bumdesUnits)),
                          formatNumber(static_cast<double>(f.potentials)),
                          formatNumber(f.roadKm, 2)})
                  << "\n";
    }
}

} // namespace

int runExposure(const std::vector<std::string>& arguments)
{
    const std::string usage =
        tr("Pemakaian: petadesa-cli analyze exposure PROYEK.sqlite [--json] [--no-save]\n"
           "\n"
           "Paparan bahaya: untuk tiap jenis dan tingkat bahaya (rendah/sedang/tinggi), aset\n"
           "(jumlah, per kategori, nilai Rp), pusat kemasyarakatan, unit BUM Desa, potensi\n"
           "ekonomi (jumlah, luas ha, nilai), jalan (km) dan penduduk di dalam zona; untuk\n"
           "seluruh proyek dan per desa/kelurahan dan dusun. Fitur di beberapa zona satu jenis\n"
           "bahaya dihitung sekali, pada tingkat tertinggi. Penduduk dari permukiman: titik\n"
           "membawa jumlah_penduduk; area dibagi menurut luas yang terpotong zona. Panjang dan\n"
           "luas diukur dalam CRS kerja proyek.\n"
           "Hasil ditulis ke tabel hasil_paparan_tingkat, hasil_paparan_kategori,\n"
           "hasil_paparan_desa dan hasil_paparan_fitur, dengan catatan di analisis_log.\n"
           "  --json     keluaran JSON (by_level, by_village)\n"
           "  --no-save  hanya melaporkan: proyek dibuka baca-saja, tidak ada tabel hasil\n"
           "             atau catatan yang ditulis (juga untuk berkas yang tidak bisa ditulis)\n",
           "Usage: petadesa-cli analyze exposure PROJECT.sqlite [--json] [--no-save]\n"
           "\n"
           "Hazard exposure: for each hazard type and level (rendah/sedang/tinggi), the assets\n"
           "(count, by category, value in Rp), community centers, BUM Desa units, economic\n"
           "potential (count, area in ha, value), roads (km) and people inside the zones; for\n"
           "the whole project and per village (desa/kelurahan) and sub-village (dusun). A\n"
           "feature inside several zones of one hazard type counts once, at its highest level.\n"
           "People come from settlements: points carry jumlah_penduduk; areas are shared by\n"
           "the area a zone cuts. Lengths and areas are measured in the working CRS.\n"
           "Results go to the tables hasil_paparan_tingkat, hasil_paparan_kategori,\n"
           "hasil_paparan_desa and hasil_paparan_fitur, with a record in analisis_log.\n"
           "  --json     JSON output (by_level, by_village)\n"
           "  --no-save  report only: the project is opened read-only and no result table\n"
           "             or log record is written (also for files that cannot be written)\n");
    return guarded(usage, [&] {
        Arguments args(arguments, {}, {"json", "no-save"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        const std::string path = projectArgument(args);
        const bool save = !args.has("no-save");
        layers::Project project(
            path, save ? layers::Project::Access::ReadWrite : layers::Project::Access::ReadOnly);
        ConsoleProgress progress(tr("Menghitung paparan", "Computing exposure"));
        layers::ExposureOptions options;
        options.writeResults = save;
        const auto result = layers::analyzeExposure(project, options, &progress);

        if (args.has("json")) {
            QJsonObject object;
            object["project"] = q(project.path());
            object["working_crs"] = q(result.workingCrs);
            object["counting_rule"] = "highest_level_once_per_hazard_type";
            object["note"] = countingRuleText();
            object["zones"] = static_cast<qint64>(result.zones);
            object["zones_used"] = static_cast<qint64>(result.zonesUsed);
            QJsonObject unknown;
            for (const auto& [level, count] : result.unknownLevels) {
                unknown[q(level)] = static_cast<qint64>(count);
            }
            object["unknown_levels"] = unknown;
            QJsonArray levels;
            for (const auto& row : result.byLevel) {
                QJsonObject o = figuresJson(row.figures);
                o["hazard_type"] = q(row.hazardType);
                o["level"] = q(row.level);
                levels.append(o);
            }
            object["by_level"] = levels;
            QJsonArray villages;
            for (const auto& row : result.byArea) {
                const auto& area = result.areas[row.area];
                QJsonObject o = figuresJson(row.figures);
                o["village_code"] = q(area.code);
                o["village"] = q(area.name);
                o["village_level"] = q(area.tier);
                o["parent_code"] = q(area.parentCode);
                o["hazard_type"] = q(row.hazardType);
                o["level"] = q(row.level);
                villages.append(o);
            }
            object["by_village"] = villages;
            object["exposed_features"] = static_cast<qint64>(result.exposedFeatureCount());
            QJsonArray problems;
            for (const auto& problem : result.problems) {
                problems.append(q(problem));
            }
            object["problems"] = problems;
            if (save) {
                object["result_tables"] = QJsonArray{"hasil_paparan_tingkat",
                                                     "hasil_paparan_kategori",
                                                     "hasil_paparan_desa",
                                                     "hasil_paparan_fitur"};
                object["log_id"] = static_cast<qint64>(result.logId);
            } else {
                object["result_tables"] = QJsonArray{};
                object["saved"] = false;
            }
            printJson(object);
            return int(Success);
        }

        std::cout << tr("Paparan bahaya: ", "Hazard exposure: ") << project.name() << "\n";
        std::cout << arg(tr("Zona bahaya: %1 (dipakai %2). CRS ukur: %3\n",
                            "Hazard zones: %1 (used %2). Measured in: %3\n"),
                         {formatNumber(static_cast<double>(result.zones)),
                          formatNumber(static_cast<double>(result.zonesUsed)),
                          result.workingCrs});
        for (const auto& [level, count] : result.unknownLevels) {
            std::cout << arg(tr("  %1 zona dengan tingkat '%2' yang tidak dikenal dilewati.\n",
                                "  %1 zones with the unknown level '%2' were left out.\n"),
                             {formatNumber(static_cast<double>(count)), level});
        }
        if (result.byLevel.empty()) {
            std::cout << tr("Proyek tidak berisi zona bahaya.\n",
                            "The project holds no hazard zones.\n");
        }
        printLevelTable(result);
        printAreaTable(result);
        std::cout << "\n" << countingRuleText() << "\n";
        if (!result.problems.empty()) {
            std::cout << arg(tr("%1 fitur/zona dilewati karena geometrinya rusak, mis.: %2\n",
                                "%1 features/zones left out for a broken geometry, e.g.: %2\n"),
                             {formatNumber(static_cast<double>(result.problems.size())),
                              result.problems.front()});
        }
        if (!save) {
            std::cout << tr("Hasil tidak disimpan (--no-save).\n",
                            "Results not saved (--no-save).\n");
            return int(Success);
        }
        std::cout << tr("Hasil: hasil_paparan_tingkat, hasil_paparan_kategori, hasil_paparan_desa, "
                        "hasil_paparan_fitur.\n",
                        "Results: hasil_paparan_tingkat, hasil_paparan_kategori, "
                        "hasil_paparan_desa, hasil_paparan_fitur.\n");
        return int(Success);
    });
}

} // namespace app::cli
