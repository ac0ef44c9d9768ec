#include "app/cli/analysis_output.h"
#include "app/cli/commands.h"
#include "layers/analysis/evacuation_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace app::cli {

using layers::arg;
using layers::tr;
using namespace output;

namespace {

QJsonValue optionalNumber(double value, bool isSet)
{
    return isSet ? QJsonValue(value) : QJsonValue();
}

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

QJsonObject needsJson(const geo::MinimumNeeds& needs)
{
    QJsonObject o;
    o["rice_kg_per_week"] = round2(needs.riceKg);
    o["drinking_water_l_per_week"] = round2(needs.drinkingWaterLitres);
    o["clean_water_l_per_week"] = round2(needs.cleanWaterLitres);
    o["toilets"] = static_cast<qint64>(needs.toilets);
    o["shelter_m2"] = round2(needs.shelterM2);
    return o;
}

QJsonObject reportJson(const layers::EvacuationReport& report, const std::string& path)
{
    QJsonObject object;
    object["analysis"] = "evacuation";
    object["project"] = q(path);
    object["working_crs"] = q(report.workingCrs);
    object["id_field"] = "uuid";
    const auto& p = report.parameters;
    QJsonObject parameters;
    parameters["speed_kmh"] = p.walkingSpeedKmh;
    parameters["avoid_level"] = p.avoidLevel.empty() ? QJsonValue() : q(p.avoidLevel);
    QJsonArray hazards;
    for (const auto& type : p.hazardTypes) {
        hazards.append(q(type));
    }
    parameters["hazard_types"] = hazards;
    parameters["max_snap_m"] = p.maxSnapDistanceM;
    parameters["snap_tolerance_m"] = p.snapToleranceM;
    parameters["crossings"] = p.crossingsAsJunctions ? "junction" : "apart";
    parameters["sites_per_node"] = static_cast<qint64>(p.sitesPerNode);
    parameters["zone_rule"] = "exit_only";
    parameters["assignment"] = "arrival_order";
    object["parameters"] = parameters;

    std::vector<QJsonArray> assignments(report.settlements.size());
    for (const auto& route : report.routes) {
        QJsonObject a;
        a["site_id"] = q(route.siteUuid);
        a["people"] = static_cast<qint64>(route.people);
        a["distance_m"] = round2(route.distanceM);
        a["minutes"] = round2(route.minutes);
        a["zone_m"] = round2(route.zoneM);
        a["entered_zone_m"] = round2(route.enteredZoneM);
        assignments[route.settlement].append(a);
    }
    QJsonArray settlements, unreachable, unserved;
    std::size_t unreachableCount = 0;
    for (std::size_t i = 0; i < report.settlements.size(); ++i) {
        const auto& s = report.settlements[i];
        const bool reachable = !s.nearestSiteUuid.empty();
        QJsonObject o;
        o["id"] = q(s.uuid);
        o["fid"] = static_cast<qint64>(s.fid);
        o["name"] = q(s.name);
        o["population"] = static_cast<qint64>(s.population);
        o["site_id"] = reachable ? QJsonValue(q(s.nearestSiteUuid)) : QJsonValue();
        o["distance_m"] = optionalNumber(round2(s.nearestDistanceM), reachable);
        o["minutes"] = optionalNumber(round2(s.nearestMinutes), reachable);
        o["road_distance_m"] = optionalNumber(round2(s.roadDistanceM), s.status != "tanpa_jalan");
        o["starts_in_zone"] = s.startsInZone;
        o["entered_zone_m"] = optionalNumber(round2(s.enteredZoneM), reachable);
        o["status"] = q(s.status);
        o["assigned"] = static_cast<qint64>(s.assigned);
        o["unserved"] = static_cast<qint64>(reachable ? s.unplaced : 0);
        o["assignments"] = assignments[i];
        settlements.append(o);
        if (!reachable) {
            ++unreachableCount;
            QJsonObject u;
            u["id"] = q(s.uuid);
            u["fid"] = static_cast<qint64>(s.fid);
            u["name"] = q(s.name);
            u["population"] = static_cast<qint64>(s.population);
            u["reason"] = q(s.status);
            unreachable.append(u);
        } else if (s.unplaced > 0) {
            QJsonObject u;
            u["id"] = q(s.uuid);
            u["fid"] = static_cast<qint64>(s.fid);
            u["name"] = q(s.name);
            u["unserved"] = static_cast<qint64>(s.unplaced);
            unserved.append(u);
        }
    }
    object["settlements"] = settlements;

    QJsonArray sites, overloaded;
    std::size_t full = 0;
    for (const auto& s : report.sites) {
        QJsonObject o;
        o["id"] = q(s.uuid);
        o["fid"] = static_cast<qint64>(s.fid);
        o["name"] = q(s.name);
        o["kind"] = q(s.kind);
        o["capacity"] =
            s.capacity >= 0 ? QJsonValue(static_cast<qint64>(s.capacity)) : QJsonValue();
        o["assigned"] = static_cast<qint64>(s.assigned);
        o["remaining"] = s.capacity >= 0 ? QJsonValue(static_cast<qint64>(s.capacity - s.assigned))
                                         : QJsonValue();
        o["nearest_demand"] = static_cast<qint64>(s.nearestDemand);
        o["overload"] = static_cast<qint64>(s.overload);
        o["on_network"] = s.onNetwork;
        o["in_zone"] = s.inZone;
        o["area_m2"] = optionalNumber(s.areaM2, s.areaM2 >= 0);
        QJsonObject needs = needsJson(s.needs);
        needs["shelter_shortfall_m2"] =
            optionalNumber(round2(s.shelterShortfallM2), s.shelterShortfallM2 >= 0);
        o["needs"] = needs;
        sites.append(o);
        if (s.overload > 0) {
            overloaded.append(q(s.uuid));
        }
        if (s.capacity >= 0 && s.assigned >= s.capacity) {
            ++full;
        }
    }
    object["sites"] = sites;
    object["unreachable"] = unreachable;
    object["unserved"] = unserved;
    object["overloaded_sites"] = overloaded;
    object["needs"] = needsJson(report.needs);

    QJsonObject summary;
    summary["settlements"] = static_cast<qint64>(report.settlements.size());
    summary["population"] = static_cast<qint64>(report.population);
    summary["assigned"] = static_cast<qint64>(report.assigned);
    summary["unserved"] = static_cast<qint64>(report.noRoom);
    summary["unreachable_population"] = static_cast<qint64>(report.unreachable);
    summary["unreachable_settlements"] = static_cast<qint64>(unreachableCount);
    summary["through_zone_settlements"] = static_cast<qint64>(report.throughZone);
    summary["sites"] = static_cast<qint64>(report.sites.size());
    summary["sites_full"] = static_cast<qint64>(full);
    summary["sites_overloaded"] = static_cast<qint64>(overloaded.size());
    summary["sites_without_capacity"] = static_cast<qint64>(report.sitesWithoutCapacity);
    summary["settlements_without_population"] =
        static_cast<qint64>(report.settlementsWithoutPopulation);
    summary["routes"] = static_cast<qint64>(report.routes.size());
    summary["rounds"] = report.rounds;
    summary["roads"] = static_cast<qint64>(report.roads);
    summary["roads_not_walkable"] = static_cast<qint64>(report.roadsNotWalkable);
    summary["avoided_zones"] = static_cast<qint64>(report.avoidedZones);
    summary["skipped_features"] = static_cast<qint64>(report.skippedFeatures);
    QJsonObject graph;
    graph["nodes"] = static_cast<qint64>(report.graph.nodes);
    graph["edges"] = static_cast<qint64>(report.graph.edges);
    graph["crossings_noded"] = static_cast<qint64>(report.graph.crossings);
    graph["grade_separated"] = static_cast<qint64>(report.graph.gradeSeparated);
    graph["ends_snapped"] = static_cast<qint64>(report.graph.endsSnapped);
    graph["zone_edges"] = static_cast<qint64>(report.graph.zoneEdges);
    graph["length_km"] = round2(report.graph.lengthM / 1000);
    graph["zone_length_km"] = round2(report.graph.zoneLengthM / 1000);
    summary["graph"] = graph;
    object["summary"] = summary;
    QJsonObject timings;
    for (const auto& [stage, seconds] : report.timings) {
        timings[q(stage)] = std::round(seconds * 1e4) / 1e4;
    }
    object["timings_s"] = timings;
    object["result_tables"] =
        QJsonArray{"hasil_evakuasi_permukiman", "hasil_evakuasi_tempat", "hasil_evakuasi_rute"};
    object["log_id"] = static_cast<qint64>(report.logId);
    return object;
}

std::string count(std::int64_t n)
{
    return formatNumber(static_cast<double>(n));
}

std::string percent(std::int64_t part, std::int64_t whole)
{
    return whole > 0 ? formatNumber(100.0 * double(part) / double(whole), 1) + "%" : "-";
}

void printReport(const layers::EvacuationReport& report, const std::string& projectName)
{
    const auto& p = report.parameters;
    std::cout << tr("Rencana evakuasi: ", "Evacuation plan: ") << projectName << "\n";
    std::cout << arg(tr("Jalan kaki %1 km/jam. ", "On foot at %1 km/h. "),
                     {formatNumber(p.walkingSpeedKmh, 1)});
    if (p.avoidLevel.empty()) {
        std::cout << tr("Zona bahaya tidak dihindari.\n", "Hazard zones are not avoided.\n");
    } else {
        std::cout << arg(tr("Jalan di %1 zona bahaya tingkat %2 ke atas hanya dilalui untuk "
                            "keluar dari zona.\n",
                            "Roads in the %1 hazard zones of level %2 and above are only walked "
                            "to leave the zone.\n"),
                         {count(std::int64_t(report.avoidedZones)), p.avoidLevel});
    }
    std::size_t noRoad = 0, cutOff = 0;
    std::vector<double> distances;
    for (const auto& s : report.settlements) {
        noRoad += s.status == "tanpa_jalan";
        cutOff += s.status == "tidak_terjangkau";
        if (!s.nearestSiteUuid.empty()) {
            distances.push_back(s.nearestDistanceM);
        }
    }
    std::cout << "\n"
              << arg(tr("Permukiman %1, penduduk %2:\n", "Settlements %1, people %2:\n"),
                     {count(std::int64_t(report.settlements.size())), count(report.population)});
    std::cout << arg(tr("  tertampung         %1 (%2)\n", "  given a place      %1 (%2)\n"),
                     {count(report.assigned), percent(report.assigned, report.population)});
    std::cout << arg(tr("  tidak tertampung   %1 (%2): semua tempat yang terjangkau penuh\n",
                        "  no room            %1 (%2): every reachable site is full\n"),
                     {count(report.noRoom), percent(report.noRoom, report.population)});
    std::cout << arg(tr("  tidak terjangkau   %1 (%2): %3 permukiman tanpa jalan dalam %4 m, "
                        "%5 di jaringan tanpa tempat evakuasi\n",
                        "  unreachable        %1 (%2): %3 settlements with no road within %4 m, "
                        "%5 on a network part without a site\n"),
                     {count(report.unreachable),
                      percent(report.unreachable, report.population),
                      count(std::int64_t(noRoad)),
                      formatNumber(p.maxSnapDistanceM),
                      count(std::int64_t(cutOff))});
    if (report.throughZone > 0) {
        std::cout << arg(tr("  %1 permukiman hanya bisa mencapai tempat evakuasi dengan masuk ke "
                            "zona yang dihindari; dipakai rute yang paling sedikit masuk zona "
                            "(kolom masuk_zona_m)\n",
                            "  %1 settlements can only reach a site by entering an avoided zone; "
                            "they get the route that enters zones least (column masuk_zona_m)\n"),
                         {count(std::int64_t(report.throughZone))});
    }
    if (!distances.empty()) {
        std::sort(distances.begin(), distances.end());
        const double median = distances[distances.size() / 2];
        const double minutesPerMetre = 60.0 / (p.walkingSpeedKmh * 1000.0);
        std::cout << arg(tr("Ke tempat terdekat: median %1 m (%2 menit), terjauh %3 m (%4 menit)\n",
                            "To the nearest site: median %1 m (%2 min), farthest %3 m (%4 min)\n"),
                         {formatNumber(median),
                          formatNumber(median * minutesPerMetre, 1),
                          formatNumber(distances.back()),
                          formatNumber(distances.back() * minutesPerMetre, 1)});
    }
    const auto& g = report.graph;
    std::cout << arg(tr("Jaringan jalan: %1 simpul, %2 ruas, %3 km (%4 km di zona); %5 "
                        "persilangan dijadikan simpang, %6 ujung disambung, %7 jembatan/"
                        "terowongan tidak disambung\n",
                        "Road network: %1 nodes, %2 edges, %3 km (%4 km in zones); %5 crossings "
                        "made junctions, %6 ends snapped, %7 bridge/tunnel crossings kept "
                        "apart\n"),
                     {count(std::int64_t(g.nodes)),
                      count(std::int64_t(g.edges)),
                      formatNumber(g.lengthM / 1000, 1),
                      formatNumber(g.zoneLengthM / 1000, 1),
                      count(std::int64_t(g.crossings)),
                      count(std::int64_t(g.endsSnapped)),
                      count(std::int64_t(g.gradeSeparated))});

    std::cout << "\n"
              << tr("Tempat evakuasi dan kebutuhan minimum per minggu (Perka BNPB 7/2008):\n",
                    "Evacuation sites and minimum needs per week (Perka BNPB 7/2008):\n");
    std::cout << tr("  nama                           kapasitas tertampung terdekat  beras kg  "
                    "air minum l  air bersih l jamban  hunian m2 kurang m2\n",
                    "  name                           capacity  assigned   nearest   rice kg   "
                    "drink water l clean water l toilets shelter m2 short m2\n");
    for (const auto& s : report.sites) {
        char line[400];
        std::snprintf(line,
                      sizeof line,
                      "  %-30.30s %9s %10s %9s %9s %12s %12s %6s %10s %9s\n",
                      s.name.empty() ? s.uuid.c_str() : s.name.c_str(),
                      s.capacity >= 0 ? count(s.capacity).c_str() : "?",
                      count(s.assigned).c_str(),
                      count(s.nearestDemand).c_str(),
                      formatNumber(s.needs.riceKg).c_str(),
                      formatNumber(s.needs.drinkingWaterLitres).c_str(),
                      formatNumber(s.needs.cleanWaterLitres).c_str(),
                      count(s.needs.toilets).c_str(),
                      formatNumber(s.needs.shelterM2).c_str(),
                      s.shelterShortfallM2 >= 0 ? formatNumber(s.shelterShortfallM2).c_str() : "?");
        std::cout << line;
    }
    std::cout << arg(tr("  jumlah: beras %1 kg, air minum %2 l, air bersih %3 l, %4 jamban, "
                        "hunian %5 m2\n",
                        "  total: rice %1 kg, drinking water %2 l, clean water %3 l, %4 toilets, "
                        "shelter %5 m2\n"),
                     {formatNumber(report.needs.riceKg),
                      formatNumber(report.needs.drinkingWaterLitres),
                      formatNumber(report.needs.cleanWaterLitres),
                      count(report.needs.toilets),
                      formatNumber(report.needs.shelterM2)});
    std::vector<std::string> overloaded;
    for (const auto& s : report.sites) {
        if (s.overload > 0) {
            overloaded.push_back((s.name.empty() ? s.uuid : s.name) + " (+" + count(s.overload) +
                                 ")");
        }
        if (!s.onNetwork) {
            std::cout << arg(tr("  Peringatan: %1 lebih dari %2 m dari jalan; tidak dipakai.\n",
                                "  Warning: %1 is more than %2 m from a road; not used.\n"),
                             {s.name.empty() ? s.uuid : s.name, formatNumber(p.maxSnapDistanceM)});
        }
    }
    if (!overloaded.empty()) {
        std::cout << "\n"
                  << tr("Kelebihan beban (yang terdekat melebihi kapasitas): ",
                        "Overloaded (nearest demand beyond capacity): ");
        for (std::size_t i = 0; i < overloaded.size(); ++i) {
            std::cout << (i ? ", " : "") << overloaded[i];
        }
        std::cout << "\n";
    }
    if (report.sitesWithoutCapacity > 0) {
        std::cout << arg(tr("%1 tempat tanpa kapasitas dianggap tidak terbatas.\n",
                            "%1 sites without a capacity are taken as unlimited.\n"),
                         {count(std::int64_t(report.sitesWithoutCapacity))});
    }
    if (report.settlementsWithoutPopulation > 0) {
        std::cout << arg(tr("%1 permukiman tanpa jumlah_penduduk dihitung 0 jiwa.\n",
                            "%1 settlements without jumlah_penduduk count as 0 people.\n"),
                         {count(std::int64_t(report.settlementsWithoutPopulation))});
    }
    int shown = 0;
    for (const auto& s : report.settlements) {
        if (!s.nearestSiteUuid.empty()) {
            continue;
        }
        if (shown == 0) {
            std::cout << "\n" << tr("Tidak terjangkau:\n", "Unreachable:\n");
        }
        if (shown++ == 10) {
            std::cout << "  …\n";
            break;
        }
        std::cout << "  " << (s.name.empty() ? s.uuid : s.name) << " (" << count(s.population)
                  << tr(" jiwa, ", " people, ")
                  << (s.status == "tanpa_jalan"
                          ? tr("tanpa jalan", "no road nearby")
                          : tr("tidak ada tempat terjangkau", "no site reachable"))
                  << ")\n";
    }
    std::cout << "\n"
              << arg(tr("Hasil: hasil_evakuasi_permukiman, hasil_evakuasi_tempat, "
                        "hasil_evakuasi_rute (%1 rute; analisis_log #%2).\n",
                        "Results: hasil_evakuasi_permukiman, hasil_evakuasi_tempat, "
                        "hasil_evakuasi_rute (%1 routes; analisis_log #%2).\n"),
                     {count(std::int64_t(report.routes.size())), std::to_string(report.logId)});
}

} // namespace

int runEvacuation(const std::vector<std::string>& arguments)
{
    const std::string usage = tr(
        "Pemakaian: petadesa-cli analyze evacuation PROYEK.sqlite [--speed-kmh 4]\n"
        "           [--avoid-level tinggi] [--hazard JENIS ...] [--max-snap-m 500]\n"
        "           [--snap-tolerance-m 1] [--crossings junction|apart] [--sites-per-node 8]\n"
        "           [--json]\n"
        "\n"
        "Rencana evakuasi jalan kaki. Untuk tiap permukiman: tempat evakuasi terdekat yang\n"
        "terjangkau lewat jalan (meter dan menit), dihitung untuk semua permukiman sekaligus.\n"
        "Lalu penduduk dibagi ke tempat evakuasi menurut kapasitas, menurut urutan tiba: yang\n"
        "lebih dekat ditampung lebih dulu, sisanya pergi ke tempat terdekat berikutnya yang\n"
        "masih ada ruang (satu permukiman bisa terbagi). Jalan di zona bahaya pada tingkat\n"
        "yang dihindari hanya boleh dilalui untuk keluar dari zona, tidak untuk masuk.\n"
        "Jalan dengan jalan_kaki = 0 tidak dipakai; arah satu arah tidak berlaku untuk\n"
        "pejalan kaki. Kebutuhan minimum per tempat menurut Perka BNPB 7/2008.\n"
        "Hasil ditulis ke hasil_evakuasi_permukiman, hasil_evakuasi_tempat dan\n"
        "hasil_evakuasi_rute, dengan catatan di analisis_log.\n"
        "  --speed-kmh V         kecepatan berjalan, km/jam (bawaan 4)\n"
        "  --avoid-level T       tingkat bahaya yang dihindari ke atas: rendah, sedang,\n"
        "                        tinggi (bawaan) atau none\n"
        "  --hazard JENIS        hanya zona jenis bahaya ini (boleh berulang; bawaan semua)\n"
        "  --max-snap-m M        jarak terjauh permukiman/tempat ke jalan (bawaan 500 m)\n"
        "  --snap-tolerance-m M  ujung jalan sedekat ini disambung (bawaan 1 m)\n"
        "  --crossings C         jalan yang bersilangan tanpa titik bersama: junction\n"
        "                        (bawaan: jadi simpang, kecuali jembatan/terowongan) atau\n"
        "                        apart (tidak tersambung)\n"
        "  --sites-per-node K    tempat yang dicatat per simpul jalan saat membagi\n"
        "                        penduduk (bawaan 8; lebih besar lebih teliti, lebih lambat)\n"
        "  --json                keluaran JSON (id = uuid fitur)\n",
        "Usage: petadesa-cli analyze evacuation PROJECT.sqlite [--speed-kmh 4]\n"
        "           [--avoid-level tinggi] [--hazard TYPE ...] [--max-snap-m 500]\n"
        "           [--snap-tolerance-m 1] [--crossings junction|apart] [--sites-per-node 8]\n"
        "           [--json]\n"
        "\n"
        "Evacuation plan on foot. For every settlement: the nearest evacuation site reachable\n"
        "over the roads (metres and minutes), computed for all settlements in one pass. Then\n"
        "people are assigned to sites within capacity in arrival order: nearer people get a\n"
        "place first, the rest go on to the next nearest site with room (a settlement may be\n"
        "split). Roads in hazard zones at the avoided level or above may only be walked to\n"
        "leave the zone, never to enter it. Roads with jalan_kaki = 0 are not used; one-way\n"
        "does not apply on foot. Minimum needs per site after Perka BNPB 7/2008.\n"
        "Results go to hasil_evakuasi_permukiman, hasil_evakuasi_tempat and\n"
        "hasil_evakuasi_rute, with a record in analisis_log.\n"
        "  --speed-kmh V         walking speed, km/h (default 4)\n"
        "  --avoid-level L       avoid hazard zones of this level and above: rendah, sedang,\n"
        "                        tinggi (default) or none\n"
        "  --hazard TYPE         only zones of this hazard type (repeatable; default all)\n"
        "  --max-snap-m M        farthest a settlement or site may be from a road (default 500)\n"
        "  --snap-tolerance-m M  road ends this close are joined (default 1 m)\n"
        "  --crossings C         roads crossing without a shared vertex: junction (default:\n"
        "                        they meet, unless a bridge or tunnel) or apart\n"
        "  --sites-per-node K    sites tracked per road node while placing people\n"
        "                        (default 8; higher is exact in more cases, slower)\n"
        "  --json                JSON output (id = the feature's uuid)\n");
    return guarded(usage, [&] {
        Arguments args(arguments,
                       {"speed-kmh",
                        "avoid-level",
                        "hazard",
                        "max-snap-m",
                        "snap-tolerance-m",
                        "crossings",
                        "sites-per-node"},
                       {"json"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        const std::string path = projectArgument(args);
        layers::EvacuationParameters parameters;
        parameters.walkingSpeedKmh = numberOption(args, "speed-kmh", 4.0, 0.1);
        parameters.maxSnapDistanceM = numberOption(args, "max-snap-m", 500.0, 0.0);
        parameters.snapToleranceM = numberOption(args, "snap-tolerance-m", 1.0, 0.0);
        parameters.sitesPerNode =
            static_cast<std::size_t>(numberOption(args, "sites-per-node", 8.0, 1.0));
        parameters.sitesPerNode = std::min<std::size_t>(parameters.sitesPerNode, 255);
        const std::string level = args.value("avoid-level", "tinggi");
        parameters.avoidLevel = (level == "none" || level == "tidak" || level.empty()) ? "" : level;
        parameters.hazardTypes = args.values("hazard");
        const std::string crossings = args.value("crossings", "junction");
        if (crossings != "junction" && crossings != "apart") {
            throw UsageProblem{arg(tr("--crossings memerlukan junction atau apart, bukan '%1'.",
                                      "--crossings needs junction or apart, not '%1'."),
                                   {crossings})};
        }
        parameters.crossingsAsJunctions = crossings == "junction";
        layers::Project project(path);
        ConsoleProgress progress(tr("Menyusun rencana evakuasi", "Planning the evacuation"));
        const auto report = layers::runEvacuation(project, parameters, &progress);
        if (args.has("json")) {
            printJson(reportJson(report, project.path()));
        } else {
            printReport(report, project.name());
        }
        return int(Success);
    });
}

} // namespace app::cli
