#include "app/cli/analysis_output.h"
#include "app/cli/commands.h"
#include "layers/analysis/coverage_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <iostream>
#include <sstream>

namespace app::cli {

using layers::arg;
using layers::tr;
using namespace output;

namespace {

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

QJsonObject villageJson(const layers::CoverageReport& report, const layers::CoverageVillage& v)
{
    QJsonObject o;
    if (v.area >= 0) {
        const auto& a = report.areas[std::size_t(v.area)];
        o["village_code"] = a.code.empty() ? QJsonValue() : q(a.code);
        o["village"] = q(a.name);
        o["village_level"] = q(a.tier);
    } else {
        o["village_code"] = QJsonValue();
        o["village"] = QJsonValue();
        o["village_level"] = QJsonValue();
    }
    o["population"] = static_cast<qint64>(v.population);
    o["covered"] = static_cast<qint64>(v.covered);
    o["not_covered"] = static_cast<qint64>(v.notCovered);
    o["covered_share"] = std::round(v.coveredShare() * 10000.0) / 10000.0;
    o["settlements"] = static_cast<qint64>(v.settlements);
    o["settlements_not_covered"] = static_cast<qint64>(v.settlementsNotCovered);
    return o;
}

std::vector<std::string> splitList(const std::vector<std::string>& values)
{
    std::vector<std::string> out;
    for (const auto& value : values) {
        std::stringstream stream(value);
        std::string item;
        while (std::getline(stream, item, ',')) {
            if (!item.empty()) {
                out.push_back(item);
            }
        }
    }
    return out;
}

std::string percent(double share)
{
    return formatNumber(100.0 * share, 1) + " %";
}

} // namespace

int runCoverage(const std::vector<std::string>& arguments)
{
    const std::string usage = tr(
        "Pemakaian: petadesa-cli analyze coverage PROYEK.sqlite --target SASARAN\n"
        "           [--jenis KODE,...] [--distance-m 800] [--network] [--max-snap-m 500]\n"
        "           [--json]\n"
        "\n"
        "Cakupan layanan: penduduk permukiman yang tinggal lebih jauh dari --distance-m dari\n"
        "setiap fitur sasaran (pusat_kemasyarakatan atau titik_evakuasi), per desa/kelurahan.\n"
        "Jarak garis lurus (ke titik, garis atau area terdekat; di dalam area 0 m) atau, dengan\n"
        "--network, berjalan kaki lewat jalan (ditambah jalan lurus ke jalan di kedua ujung).\n"
        "Permukiman berupa area diukur dari titik beratnya dan dihitung utuh.\n"
        "  --target TEMA      pusat_kemasyarakatan atau titik_evakuasi\n"
        "  --jenis KODE,...   hanya jenis ini (kode kosakata, mis. posyandu,polindes,puskesmas)\n"
        "  --distance-m M     jarak jalan kaki terjauh yang masih terlayani (800)\n"
        "  --network          lewat jaringan jalan, bukan garis lurus\n"
        "  --max-snap-m M     jarak terjauh ke jalan untuk --network (500)\n"
        "  --json             keluaran JSON\n"
        "Hasil: hasil_cakupan_pusat_desa / _permukiman (atau hasil_cakupan_evakuasi_*).\n",
        "Usage: petadesa-cli analyze coverage PROJECT.sqlite --target TARGET\n"
        "           [--jenis CODE,...] [--distance-m 800] [--network] [--max-snap-m 500]\n"
        "           [--json]\n"
        "\n"
        "Service coverage: the people of settlements living farther than --distance-m from\n"
        "every feature of the target (pusat_kemasyarakatan or titik_evakuasi), per village.\n"
        "Straight-line distance (to the nearest point, line or area; 0 m inside an area) or,\n"
        "with --network, walking along the roads (plus the straight walk to the road at both\n"
        "ends). Settlement polygons are measured from their centroid and count whole.\n"
        "  --target THEME     pusat_kemasyarakatan or titik_evakuasi\n"
        "  --jenis CODE,...   only these kinds (vocabulary codes, e.g. "
        "posyandu,polindes,puskesmas)\n"
        "  --distance-m M     the farthest walk that still counts as covered (800)\n"
        "  --network          along the road network instead of a straight line\n"
        "  --max-snap-m M     the farthest distance to a road for --network (500)\n"
        "  --json             JSON output\n"
        "Results: hasil_cakupan_pusat_desa / _permukiman (or hasil_cakupan_evakuasi_*).\n");
    return guarded(usage, [&] {
        Arguments args(
            arguments, {"target", "jenis", "distance-m", "max-snap-m"}, {"network", "json"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        const std::string path = projectArgument(args);
        layers::CoverageParameters parameters;
        parameters.target = args.value("target");
        if (parameters.target.empty()) {
            throw UsageProblem{tr("Sebutkan --target pusat_kemasyarakatan atau titik_evakuasi.",
                                  "Give --target pusat_kemasyarakatan or titik_evakuasi.")};
        }
        if (parameters.target != "pusat_kemasyarakatan" && parameters.target != "titik_evakuasi") {
            throw UsageProblem{arg(tr("--target '%1' tidak dikenal; pilih pusat_kemasyarakatan "
                                      "atau titik_evakuasi.",
                                      "Unknown --target '%1'; choose pusat_kemasyarakatan or "
                                      "titik_evakuasi."),
                                   {parameters.target})};
        }
        parameters.kinds = splitList(args.values("jenis"));
        parameters.distanceM = numberOption(args, "distance-m", 800.0, 0.0);
        parameters.maxSnapDistanceM = numberOption(args, "max-snap-m", 500.0, 0.0);
        parameters.overNetwork = args.has("network");
        layers::Project project(path);
        ConsoleProgress progress(tr("Menghitung cakupan", "Computing coverage"));
        const auto report = layers::runCoverage(project, parameters, &progress);

        if (args.has("json")) {
            QJsonObject object;
            object["analysis"] = "coverage";
            object["project"] = q(project.path());
            object["target"] = q(parameters.target);
            QJsonArray kinds;
            for (const auto& kind : report.kinds) {
                kinds.append(q(kind));
            }
            object["kinds"] = kinds;
            object["distance_m"] = parameters.distanceM;
            object["network"] = parameters.overNetwork;
            object["working_crs"] = q(report.workingCrs);
            object["services"] = static_cast<qint64>(report.services);
            if (parameters.overNetwork) {
                object["services_on_network"] = static_cast<qint64>(report.servicesOnNetwork);
            }
            QJsonObject total = villageJson(report, report.total);
            total.remove("village_code");
            total.remove("village");
            total.remove("village_level");
            total["no_road"] = static_cast<qint64>(report.noRoad);
            total["unreachable"] = static_cast<qint64>(report.unreachable);
            object["total"] = total;
            QJsonArray villages;
            for (const auto& v : report.villages) {
                villages.append(villageJson(report, v));
            }
            object["villages"] = villages;
            QJsonArray uncovered;
            for (const auto& s : report.settlements) {
                if (s.covered) {
                    continue;
                }
                QJsonObject o;
                o["id"] = q(s.uuid);
                o["fid"] = static_cast<qint64>(s.fid);
                o["name"] = q(s.name);
                o["population"] = static_cast<qint64>(s.population);
                o["village_code"] =
                    s.area >= 0 ? q(report.areas[std::size_t(s.area)].code) : QJsonValue();
                o["status"] = q(s.status);
                o["distance_m"] = s.distanceM >= 0 ? QJsonValue(round2(s.distanceM)) : QJsonValue();
                o["nearest_id"] = s.nearestUuid.empty() ? QJsonValue() : q(s.nearestUuid);
                o["nearest_name"] = s.nearestUuid.empty() ? QJsonValue() : q(s.nearestName);
                o["lon"] = s.lon;
                o["lat"] = s.lat;
                uncovered.append(o);
            }
            object["settlements_not_covered"] = uncovered;
            object["settlements_without_population"] =
                static_cast<qint64>(report.settlementsWithoutPopulation);
            object["skipped_features"] = static_cast<qint64>(report.skippedFeatures);
            object["result_tables"] = QJsonArray{q(report.villageTable), q(report.settlementTable)};
            object["log_id"] = static_cast<qint64>(report.logId);
            printJson(object);
            return int(Success);
        }

        std::cout << tr("Cakupan layanan: ", "Service coverage: ") << project.name() << "\n";
        std::cout << arg(tr("Sasaran: %1%2, %3 fitur; jarak %4 m, %5\n",
                            "Target: %1%2, %3 features; distance %4 m, %5\n"),
                         {parameters.target,
                          report.kinds.empty() ? std::string()
                                               : " (" +
                                                     [&] {
                                                         std::string list;
                                                         for (const auto& k : report.kinds) {
                                                             list += (list.empty() ? "" : ", ") + k;
                                                         }
                                                         return list;
                                                     }() +
                                                     ")",
                          formatNumber(double(report.services)),
                          formatNumber(parameters.distanceM),
                          parameters.overNetwork ? tr("lewat jalan", "along the roads")
                                                 : tr("garis lurus", "straight line")});
        const auto line = [&](const std::string& name, const layers::CoverageVillage& v) {
            std::cout << "  " << name << ": "
                      << arg(tr("%1 jiwa, %2 terlayani (%3), %4 tidak terlayani di %5 permukiman",
                                "%1 people, %2 covered (%3), %4 not covered in %5 settlements"),
                             {formatNumber(double(v.population)),
                              formatNumber(double(v.covered)),
                              percent(v.coveredShare()),
                              formatNumber(double(v.notCovered)),
                              formatNumber(double(v.settlementsNotCovered))})
                      << "\n";
        };
        line(tr("Jumlah", "Total"), report.total);
        std::cout << tr("Per desa/kelurahan:\n", "Per village:\n");
        for (const auto& v : report.villages) {
            line(v.area >= 0 ? report.areas[std::size_t(v.area)].name
                             : tr("(di luar desa)", "(outside the villages)"),
                 v);
        }
        if (parameters.overNetwork && (report.noRoad > 0 || report.unreachable > 0)) {
            std::cout << arg(tr("Tanpa jalan dalam %1 m: %2 permukiman; tanpa sasaran di bagian "
                                "jaringannya: %3 permukiman.\n",
                                "No road within %1 m: %2 settlements; no target on their part of "
                                "the network: %3 settlements.\n"),
                             {formatNumber(parameters.maxSnapDistanceM),
                              formatNumber(double(report.noRoad)),
                              formatNumber(double(report.unreachable))});
        }
        if (report.settlementsWithoutPopulation > 0) {
            std::cout << arg(tr("%1 permukiman tanpa jumlah_penduduk dihitung 0 jiwa.\n",
                                "%1 settlements without jumlah_penduduk count as 0 people.\n"),
                             {formatNumber(double(report.settlementsWithoutPopulation))});
        }
        std::cout << arg(tr("Hasil: %1, %2.\n", "Results: %1, %2.\n"),
                         {report.villageTable, report.settlementTable});
        return int(Success);
    });
}

} // namespace app::cli
