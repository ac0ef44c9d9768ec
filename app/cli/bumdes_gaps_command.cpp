#include "app/cli/analysis_output.h"
#include "app/cli/commands.h"
#include "layers/analysis/bumdes_gap_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <iostream>

namespace app::cli {

using layers::arg;
using layers::tr;
using namespace output;

namespace {

QJsonObject figuresJson(const layers::GapFigures& f)
{
    QJsonObject o;
    o["count"] = static_cast<qint64>(f.count);
    o["area_ha"] = f.areaHa;
    o["value_rp"] = f.valueRp;
    return o;
}

double number(const Arguments& args, const std::string& name, double fallback)
{
    const std::string text = args.value(name);
    if (text.empty()) {
        return fallback;
    }
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size()) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw UsageProblem{
        arg(tr("--%1 harus berupa angka, bukan '%2'.", "--%1 must be a number, not '%2'."),
            {name, text})};
}

} // namespace

int runBumdesGaps(const std::vector<std::string>& arguments)
{
    const std::string usage =
        tr("Pemakaian: petadesa-cli analyze bumdes-gaps PROYEK.sqlite [--distance-m 2000]\n"
           "           [--network] [--max-snap-m 500] [--json]\n"
           "\n"
           "Celah layanan BUM Desa: untuk tiap unit BUM Desa, potensi sektornya dalam jarak\n"
           "(garis lurus, atau lewat jalan dengan --network bila kedua ujung dekat jalan);\n"
           "potensi yang tidak terjangkau unit aktif mana pun, per desa (tempat unit atau lini\n"
           "usaha baru). Sektor unit: kolom sektor, atau jenis_usaha lewat\n"
           "data/analysis/bumdes_sektor_potensi.csv. Unit 'tidak aktif' tidak melayani.\n"
           "Hasil: hasil_bumdes_jangkauan (titik), hasil_bumdes_celah_desa,\n"
           "hasil_potensi_tak_terlayani (peta potensi tak terlayani).\n",
           "Usage: petadesa-cli analyze bumdes-gaps PROJECT.sqlite [--distance-m 2000]\n"
           "           [--network] [--max-snap-m 500] [--json]\n"
           "\n"
           "BUM Desa service gaps: for each BUM Desa unit, the potential of its sectors within\n"
           "the distance (straight line, or along the roads with --network where both ends lie\n"
           "near a road); the potential no active unit reaches, per village (where a new unit\n"
           "or business line could go). A unit's sectors: its sektor, else its jenis_usaha\n"
           "through data/analysis/bumdes_sektor_potensi.csv. Inactive units serve nothing.\n"
           "Results: hasil_bumdes_jangkauan (points), hasil_bumdes_celah_desa,\n"
           "hasil_potensi_tak_terlayani (a map of the unserved potential).\n");
    return guarded(usage, [&] {
        Arguments args(arguments, {"distance-m", "max-snap-m"}, {"json", "network"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        const std::string path = projectArgument(args);
        layers::BumdesGapOptions options;
        options.distanceM = number(args, "distance-m", 2000);
        options.maxSnapM = number(args, "max-snap-m", 500);
        options.network = args.has("network");
        if (!(options.distanceM > 0) || !(options.maxSnapM >= 0)) {
            throw UsageProblem{tr("Jarak harus lebih dari 0.", "Distances must be above 0.")};
        }
        layers::Project project(path);
        ConsoleProgress progress(tr("Menghitung celah BUM Desa", "Computing BUM Desa gaps"));
        const auto result = layers::analyzeBumdesGaps(project, options, &progress);
        auto villageCode = [&](int v) {
            return v < 0 ? QString() : q(result.villages[static_cast<std::size_t>(v)].code);
        };

        if (args.has("json")) {
            QJsonObject object;
            object["project"] = q(project.path());
            object["working_crs"] = q(result.workingCrs);
            object["distance_m"] = options.distanceM;
            object["network"] = options.network;
            QJsonObject matching;
            for (const auto& [type, categories] : result.matching) {
                QJsonArray list;
                for (const auto& c : categories) {
                    list.append(q(c));
                }
                matching[q(type)] = list;
            }
            object["matching"] = matching;
            QJsonArray units;
            for (const auto& u : result.units) {
                QJsonObject o;
                o["fid"] = static_cast<qint64>(u.fid);
                o["uuid"] = q(u.uuid);
                o["nama"] = q(u.name);
                o["jenis_usaha"] = q(u.type);
                o["sektor"] = q(u.sector);
                o["active"] = u.active;
                QJsonArray categories;
                for (const auto& c : u.categories) {
                    categories.append(q(c));
                }
                o["categories"] = categories;
                o["matched_by"] = q(u.matchedBy);
                o["village_code"] = villageCode(u.village);
                o["on_road"] = u.onRoad;
                o["served"] = figuresJson(u.served);
                QJsonObject byCategory;
                for (const auto& [c, f] : u.servedByCategory) {
                    byCategory[q(c)] = figuresJson(f);
                }
                o["served_by_category"] = byCategory;
                units.append(o);
            }
            object["units"] = units;
            QJsonArray villages;
            for (const auto& v : result.villages) {
                QJsonObject o;
                o["kode"] = q(v.code);
                o["nama"] = q(v.name);
                QJsonObject categories;
                for (const auto& [c, f] : v.categories) {
                    QJsonObject entry;
                    entry["potential"] = figuresJson(f.potential);
                    entry["served"] = figuresJson(f.served);
                    entry["unserved"] = figuresJson(f.unserved);
                    entry["units"] = static_cast<qint64>(f.units);
                    categories[q(c)] = entry;
                }
                o["categories"] = categories;
                o["unserved"] = figuresJson(v.unserved);
                villages.append(o);
            }
            object["villages"] = villages;
            QJsonArray unserved;
            for (const auto& p : result.unserved) {
                QJsonObject o;
                o["fid"] = static_cast<qint64>(p.fid);
                o["uuid"] = q(p.uuid);
                o["category"] = q(p.category);
                o["village_code"] = villageCode(p.village);
                o["area_ha"] = p.areaHa;
                o["value_rp"] = p.valueRp;
                o["nearest_unit_m"] = p.nearestUnitM < 0 ? QJsonValue() : p.nearestUnitM;
                o["nearest_unit_uuid"] = q(p.nearestUnitUuid);
                unserved.append(o);
            }
            object["unserved"] = unserved;
            object["unserved_outside_villages"] = figuresJson(result.unservedOutside);
            object["potential_without_category"] =
                static_cast<qint64>(result.potentialWithoutCategory);
            QJsonArray problems;
            for (const auto& problem : result.problems) {
                problems.append(q(problem));
            }
            object["problems"] = problems;
            object["result_tables"] = QJsonArray{
                "hasil_bumdes_jangkauan", "hasil_bumdes_celah_desa", "hasil_potensi_tak_terlayani"};
            object["log_id"] = static_cast<qint64>(result.logId);
            printJson(object);
            return int(Success);
        }

        std::cout << arg(tr("Celah layanan BUM Desa: %1 (jarak %2 m, %3)\n",
                            "BUM Desa service gaps: %1 (distance %2 m, %3)\n"),
                         {project.name(),
                          formatNumber(options.distanceM),
                          options.network ? tr("lewat jalan", "along roads")
                                          : tr("garis lurus", "straight line")});
        for (const auto& u : result.units) {
            std::string categories;
            for (const auto& c : u.categories) {
                categories += (categories.empty() ? "" : ", ") + c;
            }
            std::cout << "  " << (u.name.empty() ? "#" + std::to_string(u.fid) : u.name) << " ("
                      << u.type << (u.active ? "" : tr(", tidak aktif", ", inactive")) << "): "
                      << arg(tr("%1 potensi, %2 ha, Rp %3 [%4]", "%1 potential, %2 ha, Rp %3 [%4]"),
                             {formatNumber(static_cast<double>(u.served.count)),
                              formatNumber(u.served.areaHa, 1),
                              formatNumber(u.served.valueRp),
                              categories})
                      << "\n";
        }
        std::cout << "\n"
                  << tr("Potensi tak terlayani per desa:\n", "Unserved potential per village:\n");
        for (const auto& v : result.villages) {
            if (v.unserved.count == 0) {
                continue;
            }
            std::cout << "  " << v.name << (v.code.empty() ? "" : " (" + v.code + ")") << ": "
                      << arg(tr("%1 potensi, %2 ha, Rp %3", "%1 potential, %2 ha, Rp %3"),
                             {formatNumber(static_cast<double>(v.unserved.count)),
                              formatNumber(v.unserved.areaHa, 1),
                              formatNumber(v.unserved.valueRp)})
                      << "\n";
        }
        std::cout << tr("Hasil: hasil_bumdes_jangkauan, hasil_bumdes_celah_desa, "
                        "hasil_potensi_tak_terlayani.\n",
                        "Results: hasil_bumdes_jangkauan, hasil_bumdes_celah_desa, "
                        "hasil_potensi_tak_terlayani.\n");
        return int(Success);
    });
}

} // namespace app::cli
