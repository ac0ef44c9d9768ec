#include "layers/analysis/bumdes_gap_analysis.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/overlay.h"
#include "geo/analysis/planar_geometry.h"
#include "geo/analysis/service_reach.h"
#include "geo/analysis/wkb.h"
#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "layers/analysis/analysis_support.h"
#include "layers/analysis/potential_analysis.h"
#include "layers/analysis/result_store.h"
#include "layers/data_paths.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/vocabulary.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace layers {

namespace {

/// jenis_usaha code -> potential categories, from the matching table.
std::map<std::string, std::vector<std::string>> readMatching(const std::string& path,
                                                             const Vocabularies& vocabularies)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ProjectError(arg(tr("Tabel padanan sektor BUM Desa tidak terbaca: %1",
                                  "Cannot read the BUM Desa sector table: %1"),
                               {path}));
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const auto rows = parseCsv(buffer.str());
    std::map<std::string, std::vector<std::string>> matching;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].size() < 2 || rows[i][0].empty()) {
            continue;
        }
        const auto type = vocabularies.match("jenis_usaha_bumdes", rows[i][0]);
        auto& list = matching[type ? *type : rows[i][0]];
        const std::string category = potentialTopCategory(vocabularies, rows[i][1]);
        if (std::find(list.begin(), list.end(), category) == list.end()) {
            list.push_back(category);
        }
    }
    return matching;
}

bool isInactive(const Vocabularies& vocabularies, const std::string& status)
{
    const auto code = vocabularies.match("status_bumdes", status);
    return code && *code == "tidak aktif";
}

void add(GapFigures& f, double areaHa, double valueRp)
{
    ++f.count;
    f.areaHa += areaHa;
    f.valueRp += valueRp;
}

void bindText(geo::Statement& statement, int index, const std::string& text)
{
    if (text.empty()) {
        statement.bindNull(index);
    } else {
        statement.bind(index, text);
    }
}

std::string joined(const std::vector<std::string>& list)
{
    std::string text;
    for (const auto& item : list) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

long long writeResults(Project& project, const BumdesGapResult& result, const QJsonObject& inputs)
{
    auto& db = project.database();
    geo::Transaction transaction(db);
    ResultStore store(project);
    auto villageCode = [&](int v) {
        return v < 0 ? std::string() : result.villages[static_cast<std::size_t>(v)].code;
    };
    auto villageName = [&](int v) {
        return v < 0 ? std::string() : result.villages[static_cast<std::size_t>(v)].name;
    };

    store.createTable("hasil_bumdes_jangkauan",
                      {{"unit_fid", "INTEGER"},
                       {"unit_uuid", "TEXT"},
                       {"nama", "TEXT"},
                       {"jenis_usaha", "TEXT"},
                       {"sektor", "TEXT"},
                       {"aktif", "INTEGER"},
                       {"kategori_dilayani", "TEXT"},
                       {"kode_wilayah", "TEXT"},
                       {"nama_wilayah", "TEXT"},
                       {"terhubung_jalan", "INTEGER"},
                       {"potensi", "INTEGER"},
                       {"luas_ha", "DOUBLE"},
                       {"nilai_rp", "DOUBLE"},
                       {"jarak_m", "DOUBLE"}},
                      "POINT");
    {
        auto insert = db.prepare(
            "INSERT INTO hasil_bumdes_jangkauan (unit_fid, unit_uuid, nama, jenis_usaha, sektor, "
            "aktif, kategori_dilayani, kode_wilayah, nama_wilayah, terhubung_jalan, potensi, "
            "luas_ha, nilai_rp, jarak_m, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "(SELECT geom FROM bumdes_unit WHERE fid = ?))");
        for (const auto& u : result.units) {
            insert.bind(1, u.fid).bind(2, u.uuid);
            bindText(insert, 3, u.name);
            bindText(insert, 4, u.type);
            bindText(insert, 5, u.sector);
            insert.bind(6, std::int64_t{u.active ? 1 : 0});
            bindText(insert, 7, joined(u.categories));
            bindText(insert, 8, villageCode(u.village));
            bindText(insert, 9, villageName(u.village));
            insert.bind(10, std::int64_t{u.onRoad ? 1 : 0});
            insert.bind(11, u.served.count).bind(12, u.served.areaHa).bind(13, u.served.valueRp);
            insert.bind(14, result.options.distanceM).bind(15, u.fid);
            insert.run();
            insert.reset();
        }
    }

    store.createTable("hasil_bumdes_celah_desa",
                      {{"kode_wilayah", "TEXT"},
                       {"nama_wilayah", "TEXT"},
                       {"kategori", "TEXT"},
                       {"potensi", "INTEGER"},
                       {"terlayani", "INTEGER"},
                       {"tak_terlayani", "INTEGER"},
                       {"luas_tak_terlayani_ha", "DOUBLE"},
                       {"nilai_tak_terlayani_rp", "DOUBLE"},
                       {"unit_di_desa", "INTEGER"}});
    {
        auto insert = db.prepare(
            "INSERT INTO hasil_bumdes_celah_desa (kode_wilayah, nama_wilayah, kategori, potensi, "
            "terlayani, tak_terlayani, luas_tak_terlayani_ha, nilai_tak_terlayani_rp, "
            "unit_di_desa) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (const auto& v : result.villages) {
            for (const auto& [category, c] : v.categories) {
                bindText(insert, 1, v.code);
                insert.bind(2, v.name).bind(3, category).bind(4, c.potential.count);
                insert.bind(5, c.served.count).bind(6, c.unserved.count);
                insert.bind(7, c.unserved.areaHa).bind(8, c.unserved.valueRp).bind(9, c.units);
                insert.run();
                insert.reset();
            }
        }
    }

    store.createTable("hasil_potensi_tak_terlayani",
                      {{"potensi_fid", "INTEGER"},
                       {"potensi_uuid", "TEXT"},
                       {"nama", "TEXT"},
                       {"kategori", "TEXT"},
                       {"kode_wilayah", "TEXT"},
                       {"nama_wilayah", "TEXT"},
                       {"luas_ha", "DOUBLE"},
                       {"nilai_rp", "DOUBLE"},
                       {"jarak_unit_terdekat_m", "DOUBLE"},
                       {"unit_terdekat_uuid", "TEXT"}},
                      "GEOMETRY");
    {
        auto insert = db.prepare(
            "INSERT INTO hasil_potensi_tak_terlayani (potensi_fid, potensi_uuid, nama, kategori, "
            "kode_wilayah, nama_wilayah, luas_ha, nilai_rp, jarak_unit_terdekat_m, "
            "unit_terdekat_uuid, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT geom FROM "
            "potensi_ekonomi WHERE fid = ?))");
        for (const auto& p : result.unserved) {
            insert.bind(1, p.fid).bind(2, p.uuid);
            bindText(insert, 3, p.name);
            insert.bind(4, p.category);
            bindText(insert, 5, villageCode(p.village));
            bindText(insert, 6, villageName(p.village));
            insert.bind(7, p.areaHa).bind(8, p.valueRp);
            if (p.nearestUnitM < 0) {
                insert.bindNull(9);
            } else {
                insert.bind(9, p.nearestUnitM);
            }
            bindText(insert, 10, p.nearestUnitUuid);
            insert.bind(11, p.fid);
            insert.run();
            insert.reset();
        }
    }

    QJsonObject parameters;
    parameters["distance_m"] = result.options.distanceM;
    parameters["network"] = result.options.network;
    parameters["max_snap_m"] = result.options.maxSnapM;
    parameters["working_crs"] = QString::fromStdString(result.workingCrs);
    QJsonObject summary;
    summary["units"] = static_cast<qint64>(result.units.size());
    summary["unserved"] = static_cast<qint64>(result.unserved.size());
    const long long logId = store.logRun(
        "celah_bumdes", compactJson(parameters), compactJson(inputs), compactJson(summary));
    transaction.commit();
    return logId;
}

} // namespace

BumdesGapResult analyzeBumdesGaps(Project& project,
                                  const BumdesGapOptions& options,
                                  geo::AnalysisFeedback* feedback)
{
    BumdesGapResult result;
    result.options = options;
    if (!(options.distanceM > 0) || !std::isfinite(options.distanceM) || !(options.maxSnapM >= 0)) {
        throw ProjectError(tr("Jarak harus lebih dari 0 m.", "The distance must be above 0 m."));
    }
    const auto& vocabularies = project.vocabularies();
    result.matching = readMatching(options.matchingFile.empty()
                                       ? dataDirectory() + "/analysis/bumdes_sektor_potensi.csv"
                                       : options.matchingFile,
                                   vocabularies);
    result.workingCrs = workingCrsOf(project);
    const geo::CoordinateTransform toMetric("EPSG:4326", result.workingCrs);
    auto& db = project.database();
    if (feedback) {
        feedback->setProgress(0);
    }

    // Villages (desa/kelurahan) for the point lookup.
    std::vector<geo::OverlayRegion> regions;
    {
        ReportingAreas areas = readReportingAreas(project, false);
        for (std::size_t i = 0; i < areas.areas.size(); ++i) {
            VillageGap village;
            village.fid = areas.areas[i].fid;
            village.code = areas.areas[i].code;
            village.name = areas.areas[i].name;
            result.villages.push_back(std::move(village));
            regions.push_back(std::move(areas.regions[i]));
        }
    }
    const geo::ZoneOverlay villages({}, regions);
    auto villageOf = [&](const geo::PlanarGeometry& lonLat) {
        const auto point = geo::centroid(lonLat);
        return villages.regionOf(point.x, point.y, 0);
    };
    auto readBoth = [&](const geo::Statement& statement,
                        int column,
                        geo::PlanarGeometry& lonLat,
                        geo::PlanarGeometry& metric) {
        if (statement.isNull(column)) {
            return false;
        }
        const auto wkb = statement.blob(column);
        if (!geo::readWkb(wkb.data(), wkb.size(), lonLat) ||
            lonLat.kind == geo::PlanarGeometry::Kind::Empty) {
            return false;
        }
        metric = lonLat;
        for (auto& part : metric.parts) {
            for (auto& p : part) {
                if (!toMetric.transform(p.x, p.y)) {
                    return false;
                }
            }
        }
        return true;
    };

    // Categories: index per top-level code.
    std::vector<std::string> categoryNames;
    std::unordered_map<std::string, std::uint32_t> categoryIndex;
    auto categoryOf = [&](const std::string& code) {
        auto [it, inserted] =
            categoryIndex.emplace(code, static_cast<std::uint32_t>(categoryNames.size()));
        if (inserted) {
            categoryNames.push_back(code);
        }
        return it->second;
    };

    // Units and their sites (one per category served).
    std::vector<geo::ServiceSite> sites;
    std::vector<std::size_t> siteUnit;
    QJsonObject inputs;
    {
        auto statement = db.prepare("SELECT fid, uuid, nama_unit, nama_bumdes, jenis_usaha, "
                                    "sektor, status, AsBinary(geom) FROM bumdes_unit ORDER BY fid");
        geo::PlanarGeometry lonLat, metric;
        while (statement.step()) {
            UnitReach unit;
            unit.fid = statement.integer(0);
            unit.uuid = statement.text(1);
            unit.name = statement.text(2).empty() ? statement.text(3) : statement.text(2);
            unit.type = statement.text(4);
            unit.sector = statement.text(5);
            unit.status = statement.text(6);
            unit.active = !isInactive(vocabularies, unit.status);
            if (!readBoth(statement, 7, lonLat, metric)) {
                result.problems.push_back(
                    "bumdes_unit #" + std::to_string(unit.fid) + ": " +
                    tr("geometri kosong atau rusak", "empty or broken geometry"));
                continue;
            }
            if (!unit.sector.empty()) {
                unit.categories = {potentialTopCategory(vocabularies, unit.sector)};
                unit.matchedBy = "sektor";
            } else if (!unit.type.empty()) {
                const auto type = vocabularies.match("jenis_usaha_bumdes", unit.type);
                const auto it = result.matching.find(type ? *type : unit.type);
                if (it != result.matching.end()) {
                    unit.categories = it->second;
                    unit.matchedBy = "jenis_usaha";
                } else if (const auto category =
                               vocabularies.match("kategori_potensi", unit.type)) {
                    unit.categories = {potentialTopCategory(vocabularies, *category)};
                    unit.matchedBy = "jenis_usaha=kategori";
                }
            }
            unit.village = villageOf(lonLat);
            const geo::PlanarPoint location = geo::centroid(metric);
            if (unit.active) {
                for (const auto& category : unit.categories) {
                    sites.push_back({location, categoryOf(category)});
                    siteUnit.push_back(result.units.size());
                }
            }
            result.units.push_back(std::move(unit));
        }
        inputs["bumdes_unit"] = static_cast<qint64>(result.units.size());
    }

    // Potential: the targets.
    struct PotentialRow
    {
        std::int64_t fid;
        std::string uuid;
        std::string name;
        std::uint32_t category;
        int village;
        double areaHa;
        double valueRp;
    };
    std::vector<PotentialRow> potential;
    std::vector<geo::ServiceTarget> targets;
    {
        auto statement = db.prepare("SELECT fid, uuid, nama, kategori, nilai_rp, AsBinary(geom) "
                                    "FROM potensi_ekonomi ORDER BY fid");
        geo::PlanarGeometry lonLat, metric;
        while (statement.step()) {
            const std::int64_t fid = statement.integer(0);
            const std::string category = potentialTopCategory(vocabularies, statement.text(3));
            if (category.empty()) {
                ++result.potentialWithoutCategory;
                continue;
            }
            if (!readBoth(statement, 5, lonLat, metric)) {
                result.problems.push_back(
                    "potensi_ekonomi #" + std::to_string(fid) + ": " +
                    tr("geometri kosong atau rusak", "empty or broken geometry"));
                continue;
            }
            double areaHa = 0;
            if (metric.kind == geo::PlanarGeometry::Kind::Polygon) {
                try {
                    areaHa = geo::wkbArea(geo::transformWkb(statement.blob(5), toMetric)) / 1e4;
                } catch (const std::exception& error) {
                    result.problems.push_back("potensi_ekonomi #" + std::to_string(fid) + ": " +
                                              error.what());
                    continue;
                }
            }
            potential.push_back({fid,
                                 statement.text(1),
                                 statement.text(2),
                                 categoryOf(category),
                                 villageOf(lonLat),
                                 areaHa,
                                 statement.isNull(4) ? 0.0 : statement.real(4)});
            targets.push_back({metric, geo::centroid(metric), potential.back().category});
        }
        inputs["potensi_ekonomi"] = static_cast<qint64>(potential.size());
    }
    geo::throwIfCanceled(feedback);
    if (feedback) {
        feedback->setProgress(20);
    }

    std::vector<geo::RoadLine> roads;
    if (options.network) {
        WalkableRoads walkable = readWalkableRoads(project, toMetric);
        roads = std::move(walkable.lines);
        result.roads = walkable.roads;
        inputs["jalan"] = static_cast<qint64>(walkable.roads);
    }
    geo::ServiceReachOptions reachOptions;
    reachOptions.maxDistance = options.distanceM;
    reachOptions.network = options.network;
    reachOptions.maxSnapDistance = options.maxSnapM;
    const auto reach = geo::findServiceReach(sites, targets, roads, reachOptions, feedback);
    if (feedback) {
        feedback->setProgress(80);
    }

    // Per unit: distinct potential features within the distance.
    for (std::size_t s = 0; s < sites.size(); ++s) {
        if (reach.siteOnRoad[s]) {
            result.units[siteUnit[s]].onRoad = true;
        }
    }
    for (const auto& pair : reach.pairs) {
        auto& unit = result.units[siteUnit[pair.site]];
        const auto& p = potential[pair.target];
        add(unit.served, p.areaHa, p.valueRp);
        add(unit.servedByCategory[categoryNames[p.category]], p.areaHa, p.valueRp);
    }
    // Per village and category.
    for (const auto& unit : result.units) {
        if (unit.village >= 0 && unit.active) {
            for (const auto& category : unit.categories) {
                ++result.villages[static_cast<std::size_t>(unit.village)]
                      .categories[category]
                      .units;
            }
        }
    }
    for (std::size_t t = 0; t < potential.size(); ++t) {
        const auto& p = potential[t];
        const std::string& category = categoryNames[p.category];
        const bool served = reach.nearest[t] <= options.distanceM;
        if (p.village >= 0) {
            auto& village = result.villages[static_cast<std::size_t>(p.village)];
            auto& c = village.categories[category];
            add(c.potential, p.areaHa, p.valueRp);
            add(served ? c.served : c.unserved, p.areaHa, p.valueRp);
            if (!served) {
                add(village.unserved, p.areaHa, p.valueRp);
            }
        } else if (!served) {
            add(result.unservedOutside, p.areaHa, p.valueRp);
        }
        if (!served) {
            UnservedPotential u;
            u.fid = p.fid;
            u.uuid = p.uuid;
            u.name = p.name;
            u.category = category;
            u.village = p.village;
            u.areaHa = p.areaHa;
            u.valueRp = p.valueRp;
            if (reach.nearestSite[t] >= 0) {
                u.nearestUnitM = reach.nearest[t];
                u.nearestUnitUuid =
                    result.units[siteUnit[static_cast<std::size_t>(reach.nearestSite[t])]].uuid;
            }
            result.unserved.push_back(std::move(u));
        }
    }
    geo::throwIfCanceled(feedback);
    if (options.writeResults) {
        result.logId = writeResults(project, result, inputs);
    }
    if (feedback) {
        feedback->setProgress(100);
    }
    return result;
}

} // namespace layers
