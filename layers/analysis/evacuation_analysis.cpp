#include "layers/analysis/evacuation_analysis.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/planar_geometry.h"
#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "geo/spatialite_blob.h"
#include "layers/analysis/analysis_support.h"
#include "layers/analysis/network_input.h"
#include "layers/analysis/result_store.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace layers {

std::string evacuationStatusCode(geo::EvacuationPlan::Status status)
{
    switch (status) {
    case geo::EvacuationPlan::Status::Served:
        return "terlayani";
    case geo::EvacuationPlan::Status::PartlyServed:
        return "sebagian";
    case geo::EvacuationPlan::Status::NoRoom:
        return "tidak_tertampung";
    case geo::EvacuationPlan::Status::NoRoad:
        return "tanpa_jalan";
    case geo::EvacuationPlan::Status::NoSiteReachable:
        return "tidak_terjangkau";
    }
    return "";
}

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

/// The working CRS when it is projected, else the UTM zone of the data.
std::string projectedWorkingCrsOf(Project& project)
{
    std::string crs = project.workingCrs();
    if (!crs.empty() && geo::isProjectedCrs(crs)) {
        return crs;
    }
    const auto extent = project.extent();
    if (extent.isEmpty) {
        throw ProjectError(tr("Proyek belum berisi data.", "The project holds no data yet."));
    }
    return "EPSG:" + std::to_string(geo::utmEpsgFor((extent.minX + extent.maxX) / 2,
                                                    (extent.minY + extent.maxY) / 2));
}

/// The levels at or above `level` in the tingkat_bahaya vocabulary (ordered low to high).
std::vector<std::string> levelsFrom(const Project& project, const std::string& level)
{
    if (level.empty()) {
        return {};
    }
    const auto code = project.vocabularies().match("tingkat_bahaya", level);
    if (!code) {
        throw ProjectError(arg(tr("Tingkat bahaya '%1' tidak dikenal (rendah, sedang, tinggi).",
                                  "Unknown hazard level '%1' (rendah, sedang, tinggi)."),
                               {level}));
    }
    std::vector<std::string> levels;
    bool from = false;
    for (const auto& entry : project.vocabularies().entries("tingkat_bahaya")) {
        from = from || entry.kode == *code;
        if (from) {
            levels.push_back(entry.kode);
        }
    }
    return levels;
}

std::vector<unsigned char> lineWkb(const std::vector<geo::PlanarPoint>& metric,
                                   const geo::CoordinateTransform& toStorage)
{
    std::vector<geo::PlanarPoint> lonLat;
    lonLat.reserve(metric.size());
    for (auto p : metric) {
        toStorage.transform(p.x, p.y);
        lonLat.push_back(p);
    }
    return geo::multiLineStringWkb({lonLat});
}

/// Inside the caller's transaction, sets SpatiaLite's per-row geometry triggers of a fresh
/// result table aside while its rows go in (geometry BLOBs built in C++), then fills the R*Tree
/// in one statement and puts the triggers back, as the importer does. On an exception the
/// transaction rolls all of it back.
class BulkGeometryWrite
{
public:
    BulkGeometryWrite(geo::SpatialDatabase& db, std::string table)
        : m_db(db), m_table(std::move(table))
    {
        auto triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                   "AND tbl_name = ? AND name IN (?, ?, ?)");
        triggers.bind(1, m_table).bind(2, "ggi_" + m_table + "_geom");
        triggers.bind(3, "gii_" + m_table + "_geom").bind(4, "tmi_" + m_table + "_geom");
        while (triggers.step()) {
            m_triggers.emplace_back(triggers.text(0), triggers.text(1));
        }
        triggers.reset();
        for (const auto& trigger : m_triggers) {
            db.exec("DROP TRIGGER " + geo::quoteIdentifier(trigger.first));
        }
    }
    void finish()
    {
        m_db.exec("INSERT INTO " + geo::quoteIdentifier("idx_" + m_table + "_geom") +
                  " (pkid, xmin, xmax, ymin, ymax) SELECT id, MbrMinX(geom), MbrMaxX(geom), "
                  "MbrMinY(geom), MbrMaxY(geom) FROM " +
                  geo::quoteIdentifier(m_table) + " WHERE geom IS NOT NULL");
        auto stamp = m_db.prepare("UPDATE geometry_columns_time SET last_insert = "
                                  "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "
                                  "f_table_name = ? AND f_geometry_column = 'geom'");
        stamp.bind(1, m_table);
        stamp.run();
        for (const auto& trigger : m_triggers) {
            m_db.exec(trigger.second);
        }
    }

private:
    geo::SpatialDatabase& m_db;
    std::string m_table;
    std::vector<std::pair<std::string, std::string>> m_triggers;
};

void bindGeometry(geo::Statement& statement, int index, const std::vector<unsigned char>& wkb)
{
    const auto blob = geo::spatialiteBlobFromWkb(wkb, 4326);
    if (blob.empty()) {
        statement.bindNull(index);
    } else {
        statement.bindBlob(index, blob.data(), blob.size());
    }
}

void bindOptional(geo::Statement& statement, int index, double value, bool isSet)
{
    if (isSet) {
        statement.bind(index, value);
    } else {
        statement.bindNull(index);
    }
}

} // namespace

EvacuationReport runEvacuation(Project& project,
                               const EvacuationParameters& parameters,
                               geo::AnalysisFeedback* feedback)
{
    EvacuationReport report;
    report.parameters = parameters;
    if (!(parameters.walkingSpeedKmh > 0) || !std::isfinite(parameters.walkingSpeedKmh)) {
        throw ProjectError(tr("Kecepatan berjalan harus lebih dari 0 km/jam.",
                              "The walking speed must be above 0 km/h."));
    }
    if (!(parameters.maxSnapDistanceM >= 0) || !(parameters.snapToleranceM >= 0)) {
        throw ProjectError(tr("Jarak sambung ke jalan tidak boleh negatif.",
                              "Snapping distances cannot be negative."));
    }
    auto& db = project.database();
    auto started = Clock::now();
    report.workingCrs = projectedWorkingCrsOf(project);
    const geo::CoordinateTransform toMetric("EPSG:4326", report.workingCrs);
    const geo::CoordinateTransform toStorage(report.workingCrs, "EPSG:4326");
    const auto levels = levelsFrom(project, parameters.avoidLevel);
    std::vector<std::string> hazardTypes;
    for (const auto& type : parameters.hazardTypes) {
        const auto code = project.vocabularies().match("jenis_bahaya", type);
        hazardTypes.push_back(code ? *code : type);
    }

    // Roads: walkable ones, with their grade from OSM tags kept at import.
    auto walkable = readWalkableRoads(project, toMetric);
    std::vector<geo::RoadLine> roads = std::move(walkable.lines);
    report.roads = walkable.roads;
    report.roadsNotWalkable = walkable.notWalkable;
    report.skippedFeatures += walkable.skipped;
    geo::throwIfCanceled(feedback);

    // Zones at or above the avoided level.
    std::vector<geo::PlanarPolygon> zones;
    if (!levels.empty()) {
        std::string sql = "SELECT AsBinary(geom) FROM zona_bahaya WHERE tingkat IN (";
        for (std::size_t i = 0; i < levels.size(); ++i) {
            sql += i ? ", ?" : "?";
        }
        sql += ")";
        if (!hazardTypes.empty()) {
            sql += " AND jenis_bahaya IN (";
            for (std::size_t i = 0; i < hazardTypes.size(); ++i) {
                sql += i ? ", ?" : "?";
            }
            sql += ")";
        }
        auto statement = db.prepare(sql);
        int index = 1;
        for (const auto& level : levels) {
            statement.bind(index++, level);
        }
        for (const auto& type : hazardTypes) {
            statement.bind(index++, type);
        }
        geo::PlanarGeometry geometry;
        while (statement.step()) {
            if (!readMetricGeometry(statement, 0, toMetric, geometry) ||
                geometry.kind != geo::PlanarGeometry::Kind::Polygon) {
                ++report.skippedFeatures;
                continue;
            }
            for (auto& polygon : geometry.polygons()) {
                zones.push_back(std::move(polygon));
            }
            ++report.avoidedZones;
        }
    }

    // Settlements: points, or the centroid of lines and polygons.
    std::vector<geo::EvacuationSettlement> settlements;
    std::vector<geo::PlanarPoint> settlementLonLat;
    {
        auto read = readSettlements(project, toMetric, toStorage);
        report.skippedFeatures += read.skipped;
        for (auto& point : read.points) {
            EvacuationSettlementResult result;
            result.fid = point.fid;
            result.uuid = std::move(point.uuid);
            result.name = std::move(point.name);
            result.population = point.population;
            report.settlementsWithoutPopulation += !point.hasPopulation;
            settlements.push_back({point.location, result.population});
            settlementLonLat.push_back(point.lonLat);
            report.settlements.push_back(std::move(result));
        }
    }

    // Evacuation sites.
    std::vector<geo::EvacuationSite> sites;
    std::vector<geo::PlanarPoint> siteLonLat;
    {
        auto statement = db.prepare("SELECT fid, uuid, nama, jenis, kapasitas, luas_m2, "
                                    "AsBinary(geom) FROM titik_evakuasi ORDER BY fid");
        geo::PlanarGeometry geometry;
        while (statement.step()) {
            if (!readMetricGeometry(statement, 6, toMetric, geometry)) {
                ++report.skippedFeatures;
                continue;
            }
            EvacuationSiteResult result;
            result.fid = statement.integer(0);
            result.uuid = statement.text(1);
            result.name = statement.text(2);
            result.kind = statement.text(3);
            if (statement.isNull(4)) {
                ++report.sitesWithoutCapacity;
            } else {
                result.capacity = std::max<std::int64_t>(statement.integer(4), 0);
            }
            if (!statement.isNull(5) && statement.real(5) >= 0) {
                result.areaM2 = statement.real(5);
            }
            const auto location = geo::centroid(geometry);
            auto lonLat = location;
            toStorage.transform(lonLat.x, lonLat.y);
            sites.push_back({location, result.capacity, result.areaM2});
            siteLonLat.push_back(lonLat);
            report.sites.push_back(std::move(result));
        }
    }
    report.timings.emplace_back("read", secondsSince(started));
    if (roads.empty()) {
        throw ProjectError(tr("Tidak ada jalan yang bisa dilalui pejalan kaki di tema jalan.",
                              "No road in the jalan theme can be walked."));
    }
    if (sites.empty()) {
        throw ProjectError(tr("Tidak ada tempat evakuasi di tema titik_evakuasi.",
                              "There is no evacuation site in the titik_evakuasi theme."));
    }
    if (settlements.empty()) {
        throw ProjectError(tr("Tidak ada permukiman di tema permukiman.",
                              "There is no settlement in the permukiman theme."));
    }
    if (feedback) {
        feedback->setProgress(10);
    }

    // The plan itself, in the working metric CRS.
    geo::EvacuationOptions options;
    options.walkingSpeedKmh = parameters.walkingSpeedKmh;
    options.maxSnapDistanceM = parameters.maxSnapDistanceM;
    options.graph.snapTolerance = parameters.snapToleranceM;
    options.graph.nodeCrossings = parameters.crossingsAsJunctions;
    options.sitesPerNode = parameters.sitesPerNode;
    options.zoneRule = geo::ZoneRule::ExitOnly;
    const auto plan = geo::planEvacuation(roads, zones, settlements, sites, options, feedback);
    for (const auto& timing : plan.timings) {
        report.timings.push_back(timing);
    }
    report.graph = plan.graph;
    report.rounds = plan.rounds;
    report.population = plan.population;
    report.assigned = plan.assigned;
    report.noRoom = plan.noRoom;
    report.unreachable = plan.unreachable;
    report.throughZone = plan.throughZone;
    report.needs = geo::minimumNeeds(plan.assigned, options.needs);
    for (std::size_t i = 0; i < report.settlements.size(); ++i) {
        auto& result = report.settlements[i];
        const auto& s = plan.settlements[i];
        result.status = evacuationStatusCode(s.status);
        result.roadDistanceM = s.attachment.attached ? s.attachment.distance : 0;
        result.startsInZone = s.attachment.attached && s.attachment.inZone;
        if (s.nearestSite >= 0) {
            result.nearestSiteUuid = report.sites[std::size_t(s.nearestSite)].uuid;
            result.nearestDistanceM = s.nearestDistanceM;
            result.nearestMinutes = plan.minutes(s.nearestDistanceM);
            result.enteredZoneM = s.nearestEnteredZoneM;
        }
        result.assigned = s.assigned;
        result.unplaced = s.unplaced;
    }
    for (std::size_t t = 0; t < report.sites.size(); ++t) {
        auto& result = report.sites[t];
        const auto& s = plan.sites[t];
        result.onNetwork = s.attachment.attached;
        result.inZone = s.attachment.attached && s.attachment.inZone;
        result.roadDistanceM = s.attachment.attached ? s.attachment.distance : 0;
        result.assigned = s.assigned;
        result.nearestDemand = s.nearestDemand;
        result.overload = s.overload;
        result.needs = s.needs;
        result.shelterShortfallM2 = s.shelterShortfallM2;
    }
    for (const auto& route : plan.routes) {
        report.routes.push_back({route.settlement,
                                 route.site,
                                 report.settlements[route.settlement].uuid,
                                 report.sites[route.site].uuid,
                                 route.people,
                                 route.distanceM,
                                 plan.minutes(route.distanceM),
                                 route.zoneM,
                                 route.enteredZoneM,
                                 route.round});
    }

    // Results and provenance, in one transaction.
    started = Clock::now();
    geo::throwIfCanceled(feedback);
    geo::Transaction transaction(db);
    ResultStore store(project);
    store.createTable("hasil_evakuasi_permukiman",
                      {{"permukiman_fid", "INTEGER"},
                       {"permukiman_uuid", "TEXT"},
                       {"nama", "TEXT"},
                       {"penduduk", "INTEGER"},
                       {"status", "TEXT"},
                       {"tempat_terdekat_uuid", "TEXT"},
                       {"tempat_terdekat_nama", "TEXT"},
                       {"jarak_terdekat_m", "DOUBLE"},
                       {"menit_terdekat", "DOUBLE"},
                       {"jarak_ke_jalan_m", "DOUBLE"},
                       {"mulai_di_zona", "INTEGER"},
                       {"masuk_zona_m", "DOUBLE"},
                       {"tertampung", "INTEGER"},
                       {"tidak_tertampung", "INTEGER"},
                       {"jumlah_tujuan", "INTEGER"}},
                      "POINT");
    store.createTable("hasil_evakuasi_tempat",
                      {{"tempat_fid", "INTEGER"},
                       {"tempat_uuid", "TEXT"},
                       {"nama", "TEXT"},
                       {"jenis", "TEXT"},
                       {"kapasitas", "INTEGER"},
                       {"luas_m2", "DOUBLE"},
                       {"terhubung_jalan", "INTEGER"},
                       {"jalan_di_zona", "INTEGER"},
                       {"jarak_ke_jalan_m", "DOUBLE"},
                       {"tertampung", "INTEGER"},
                       {"sisa_kapasitas", "INTEGER"},
                       {"permintaan_terdekat", "INTEGER"},
                       {"kelebihan_beban", "INTEGER"},
                       {"beras_kg_minggu", "DOUBLE"},
                       {"air_minum_l_minggu", "DOUBLE"},
                       {"air_bersih_l_minggu", "DOUBLE"},
                       {"jamban", "INTEGER"},
                       {"luas_hunian_m2", "DOUBLE"},
                       {"kekurangan_luas_m2", "DOUBLE"}},
                      "POINT");
    store.createTable("hasil_evakuasi_rute",
                      {{"permukiman_uuid", "TEXT"},
                       {"permukiman_nama", "TEXT"},
                       {"tempat_uuid", "TEXT"},
                       {"tempat_nama", "TEXT"},
                       {"jumlah_orang", "INTEGER"},
                       {"jarak_m", "DOUBLE"},
                       {"menit", "DOUBLE"},
                       {"jarak_di_zona_m", "DOUBLE"},
                       {"masuk_zona_m", "DOUBLE"},
                       {"putaran", "INTEGER"}},
                      "MULTILINESTRING");
    {
        BulkGeometryWrite bulk(db, "hasil_evakuasi_permukiman");
        {
            std::vector<int> destinations(report.settlements.size(), 0);
            for (const auto& route : plan.routes) {
                ++destinations[route.settlement];
            }
            auto insert = db.prepare(
                "INSERT INTO hasil_evakuasi_permukiman (permukiman_fid, permukiman_uuid, nama, "
                "penduduk, status, tempat_terdekat_uuid, tempat_terdekat_nama, jarak_terdekat_m, "
                "menit_terdekat, jarak_ke_jalan_m, mulai_di_zona, masuk_zona_m, tertampung, "
                "tidak_tertampung, jumlah_tujuan, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, "
                "?, ?, ?)");
            for (std::size_t i = 0; i < report.settlements.size(); ++i) {
                if ((i & 0xFFF) == 0) {
                    geo::throwIfCanceled(feedback);
                }
                const auto& r = report.settlements[i];
                const auto& s = plan.settlements[i];
                const bool reachable = s.nearestSite >= 0;
                insert.reset();
                insert.bind(1, r.fid).bind(2, r.uuid).bind(3, r.name).bind(4, r.population);
                insert.bind(5, r.status);
                if (reachable) {
                    insert.bind(6, r.nearestSiteUuid);
                    insert.bind(7, report.sites[std::size_t(s.nearestSite)].name);
                } else {
                    insert.bindNull(6).bindNull(7);
                }
                bindOptional(insert, 8, r.nearestDistanceM, reachable);
                bindOptional(insert, 9, r.nearestMinutes, reachable);
                bindOptional(insert, 10, r.roadDistanceM, s.attachment.attached);
                insert.bind(11, std::int64_t(r.startsInZone ? 1 : 0));
                bindOptional(insert, 12, r.enteredZoneM, reachable);
                insert.bind(13, r.assigned).bind(14, r.unplaced);
                insert.bind(15, std::int64_t(destinations[i]));
                bindGeometry(insert, 16, geo::pointWkb(settlementLonLat[i]));
                insert.run();
            }
        }
        bulk.finish();
    }
    {
        BulkGeometryWrite bulk(db, "hasil_evakuasi_tempat");
        {
            auto insert =
                db.prepare("INSERT INTO hasil_evakuasi_tempat (tempat_fid, tempat_uuid, nama, "
                           "jenis, kapasitas, "
                           "luas_m2, terhubung_jalan, jalan_di_zona, jarak_ke_jalan_m, tertampung, "
                           "sisa_kapasitas, permintaan_terdekat, kelebihan_beban, beras_kg_minggu, "
                           "air_minum_l_minggu, air_bersih_l_minggu, jamban, luas_hunian_m2, "
                           "kekurangan_luas_m2, "
                           "geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?)");
            for (std::size_t t = 0; t < report.sites.size(); ++t) {
                const auto& r = report.sites[t];
                insert.reset();
                insert.bind(1, r.fid).bind(2, r.uuid).bind(3, r.name).bind(4, r.kind);
                if (r.capacity >= 0) {
                    insert.bind(5, r.capacity);
                    insert.bind(11, r.capacity - r.assigned);
                } else {
                    insert.bindNull(5).bindNull(11);
                }
                bindOptional(insert, 6, r.areaM2, r.areaM2 >= 0);
                insert.bind(7, std::int64_t(r.onNetwork ? 1 : 0));
                insert.bind(8, std::int64_t(r.inZone ? 1 : 0));
                bindOptional(insert, 9, r.roadDistanceM, r.onNetwork);
                insert.bind(10, r.assigned).bind(12, r.nearestDemand).bind(13, r.overload);
                insert.bind(14, r.needs.riceKg).bind(15, r.needs.drinkingWaterLitres);
                insert.bind(16, r.needs.cleanWaterLitres).bind(17, r.needs.toilets);
                insert.bind(18, r.needs.shelterM2);
                bindOptional(insert, 19, r.shelterShortfallM2, r.shelterShortfallM2 >= 0);
                bindGeometry(insert, 20, geo::pointWkb(siteLonLat[t]));
                insert.run();
            }
        }
        bulk.finish();
    }
    {
        BulkGeometryWrite bulk(db, "hasil_evakuasi_rute");
        {
            auto insert = db.prepare(
                "INSERT INTO hasil_evakuasi_rute (permukiman_uuid, permukiman_nama, tempat_uuid, "
                "tempat_nama, jumlah_orang, jarak_m, menit, jarak_di_zona_m, masuk_zona_m, "
                "putaran, "
                "geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            for (std::size_t j = 0; j < plan.routes.size(); ++j) {
                if ((j & 0xFFF) == 0) {
                    geo::throwIfCanceled(feedback);
                }
                const auto& route = plan.routes[j];
                const auto& r = report.routes[j];
                insert.reset();
                insert.bind(1, r.settlementUuid)
                    .bind(2, report.settlements[route.settlement].name)
                    .bind(3, r.siteUuid)
                    .bind(4, report.sites[route.site].name);
                insert.bind(5, r.people).bind(6, r.distanceM).bind(7, r.minutes);
                insert.bind(8, r.zoneM).bind(9, r.enteredZoneM);
                insert.bind(10, std::int64_t(r.round));
                bindGeometry(insert, 11, lineWkb(route.line, toStorage));
                insert.run();
            }
        }
        bulk.finish();
    }

    // Provenance.
    QJsonObject parametersJson;
    parametersJson["speed_kmh"] = parameters.walkingSpeedKmh;
    parametersJson["avoid_level"] =
        parameters.avoidLevel.empty() ? QJsonValue() : q(parameters.avoidLevel);
    QJsonArray avoided;
    for (const auto& level : levels) {
        avoided.append(q(level));
    }
    parametersJson["avoided_levels"] = avoided;
    QJsonArray types;
    for (const auto& type : hazardTypes) {
        types.append(q(type));
    }
    parametersJson["hazard_types"] = types;
    parametersJson["max_snap_m"] = parameters.maxSnapDistanceM;
    parametersJson["snap_tolerance_m"] = parameters.snapToleranceM;
    parametersJson["crossings"] = parameters.crossingsAsJunctions ? "junction" : "apart";
    parametersJson["sites_per_node"] = static_cast<qint64>(parameters.sitesPerNode);
    parametersJson["zone_rule"] = "exit_only";
    parametersJson["assignment"] = "arrival_order";
    QJsonObject rates;
    rates["rice_kg_per_week"] = options.needs.riceKgPerWeek;
    rates["drinking_water_l_per_week"] = options.needs.drinkingWaterLitresPerWeek;
    rates["clean_water_l_per_week"] = options.needs.cleanWaterLitresPerWeek;
    rates["people_per_toilet"] = options.needs.peoplePerToilet;
    rates["shelter_m2_per_person"] = options.needs.shelterM2PerPerson;
    parametersJson["needs_per_person"] = rates;
    QJsonObject inputs;
    inputs["working_crs"] = q(report.workingCrs);
    inputs["jalan"] = static_cast<qint64>(report.roads);
    inputs["jalan_not_walkable"] = static_cast<qint64>(report.roadsNotWalkable);
    inputs["zona_bahaya_avoided"] = static_cast<qint64>(report.avoidedZones);
    inputs["permukiman"] = static_cast<qint64>(report.settlements.size());
    inputs["titik_evakuasi"] = static_cast<qint64>(report.sites.size());
    inputs["skipped_features"] = static_cast<qint64>(report.skippedFeatures);
    QJsonObject summary;
    summary["population"] = static_cast<qint64>(report.population);
    summary["assigned"] = static_cast<qint64>(report.assigned);
    summary["no_room"] = static_cast<qint64>(report.noRoom);
    summary["unreachable"] = static_cast<qint64>(report.unreachable);
    summary["through_zone_settlements"] = static_cast<qint64>(report.throughZone);
    summary["routes"] = static_cast<qint64>(report.routes.size());
    summary["rounds"] = report.rounds;
    summary["graph_nodes"] = static_cast<qint64>(report.graph.nodes);
    summary["graph_edges"] = static_cast<qint64>(report.graph.edges);
    report.logId = store.logRun("evakuasi", json(parametersJson), json(inputs), json(summary));
    geo::throwIfCanceled(feedback);
    transaction.commit();
    report.timings.emplace_back("write", secondsSince(started));
    if (feedback) {
        feedback->setProgress(100);
    }
    return report;
}

} // namespace layers
