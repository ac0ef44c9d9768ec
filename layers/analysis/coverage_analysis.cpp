#include "layers/analysis/coverage_analysis.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/overlay.h"
#include "geo/analysis/service_coverage.h"
#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "layers/analysis/network_input.h"
#include "layers/analysis/result_store.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/theme.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <map>

namespace layers {

namespace {

QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

/// The vocabulary domain of a target theme's jenis column.
std::string kindDomain(const std::string& target)
{
    const Theme* theme = findTheme(target);
    const Column* column = theme ? theme->column("jenis") : nullptr;
    return column ? column->vocabulary : std::string();
}

std::string statusCode(geo::ServiceCoverage::Status status)
{
    switch (status) {
    case geo::ServiceCoverage::Status::Covered:
        return "terlayani";
    case geo::ServiceCoverage::Status::Beyond:
        return "di_luar_jangkauan";
    case geo::ServiceCoverage::Status::NoRoad:
        return "tanpa_jalan";
    case geo::ServiceCoverage::Status::NoServiceReachable:
        return "tidak_terjangkau";
    }
    return "";
}

void add(CoverageVillage& village, const CoverageSettlement& s)
{
    village.population += s.population;
    ++village.settlements;
    if (s.covered) {
        village.covered += s.population;
    } else {
        village.notCovered += s.population;
        ++village.settlementsNotCovered;
    }
}

void bindDistance(geo::Statement& statement, int index, double value)
{
    if (value >= 0) {
        statement.bind(index, value);
    } else {
        statement.bindNull(index);
    }
}

} // namespace

std::string coverageTablePrefix(const std::string& target)
{
    return target == "titik_evakuasi" ? "hasil_cakupan_evakuasi" : "hasil_cakupan_pusat";
}

CoverageReport
runCoverage(Project& project, const CoverageParameters& parameters, geo::AnalysisFeedback* feedback)
{
    CoverageReport report;
    report.parameters = parameters;
    if (parameters.target != "pusat_kemasyarakatan" && parameters.target != "titik_evakuasi") {
        throw ProjectError(arg(tr("Sasaran '%1' tidak dikenal (pusat_kemasyarakatan, "
                                  "titik_evakuasi).",
                                  "Unknown target '%1' (pusat_kemasyarakatan, titik_evakuasi)."),
                               {parameters.target}));
    }
    if (!(parameters.distanceM >= 0) || !std::isfinite(parameters.distanceM) ||
        !(parameters.maxSnapDistanceM >= 0)) {
        throw ProjectError(tr("Jarak tidak boleh negatif.", "Distances cannot be negative."));
    }
    const std::string domain = kindDomain(parameters.target);
    for (const auto& kind : parameters.kinds) {
        const auto code = project.vocabularies().match(domain, kind);
        if (!code) {
            std::string known;
            for (const auto& entry : project.vocabularies().entries(domain)) {
                known += (known.empty() ? "" : ", ") + entry.kode;
            }
            throw ProjectError(
                arg(tr("Jenis '%1' tidak dikenal di %2 (%3).", "Unknown kind '%1' in %2 (%3)."),
                    {kind, domain, known}));
        }
        if (std::find(report.kinds.begin(), report.kinds.end(), *code) == report.kinds.end()) {
            report.kinds.push_back(*code);
        }
    }

    auto& db = project.database();
    report.workingCrs = workingCrsOf(project);
    const geo::CoordinateTransform toMetric("EPSG:4326", report.workingCrs);
    const geo::CoordinateTransform toStorage(report.workingCrs, "EPSG:4326");

    // Villages, and a locator for the settlements' points.
    ReportingAreas areas = readReportingAreas(project, false);
    report.areas = areas.areas;
    const geo::ZoneOverlay locator({}, areas.regions);
    std::map<std::string, int> areaByCode;
    for (std::size_t a = 0; a < report.areas.size(); ++a) {
        if (!report.areas[a].code.empty()) {
            areaByCode.emplace(report.areas[a].code, static_cast<int>(a));
        }
    }

    // Services of the chosen kinds.
    std::vector<geo::PlanarGeometry> services;
    std::vector<std::string> serviceUuid, serviceName, serviceKind;
    {
        auto statement = db.prepare("SELECT uuid, nama, jenis, AsBinary(geom) FROM " +
                                    geo::quoteIdentifier(parameters.target) + " ORDER BY fid");
        geo::PlanarGeometry geometry;
        while (statement.step()) {
            const std::string kind = statement.text(2);
            if (!report.kinds.empty()) {
                const auto code = project.vocabularies().match(domain, kind);
                if (!code || std::find(report.kinds.begin(), report.kinds.end(), *code) ==
                                 report.kinds.end()) {
                    continue;
                }
            }
            if (!readMetricGeometry(statement, 3, toMetric, geometry)) {
                ++report.skippedFeatures;
                continue;
            }
            services.push_back(geometry);
            serviceUuid.push_back(statement.text(0));
            serviceName.push_back(statement.text(1));
            serviceKind.push_back(kind);
        }
    }
    report.services = services.size();
    if (services.empty()) {
        throw ProjectError(arg(tr("Tidak ada fitur %1%2 untuk diukur jaraknya.",
                                  "There is no %1 feature%2 to measure the distance to."),
                               {parameters.target,
                                report.kinds.empty() ? std::string()
                                                     : std::string(tr(" dengan jenis yang dipilih",
                                                                      " of the chosen kinds"))}));
    }

    // Settlements: a point, or the centroid of a polygon.
    std::vector<geo::PlanarPoint> points;
    {
        auto read = readSettlements(project, toMetric, toStorage);
        report.skippedFeatures += read.skipped;
        for (auto& point : read.points) {
            CoverageSettlement s;
            s.fid = point.fid;
            s.uuid = std::move(point.uuid);
            s.name = std::move(point.name);
            s.population = point.population;
            report.settlementsWithoutPopulation += !point.hasPopulation;
            s.lon = point.lonLat.x;
            s.lat = point.lonLat.y;
            s.area = locator.regionOf(s.lon, s.lat, 0);
            if (s.area < 0) {
                const auto found = areaByCode.find(point.villageCode);
                if (found != areaByCode.end()) {
                    s.area = found->second;
                }
            }
            points.push_back(point.location);
            report.settlements.push_back(std::move(s));
        }
    }
    if (report.settlements.empty()) {
        throw ProjectError(tr("Tidak ada permukiman di tema permukiman.",
                              "There is no settlement in the permukiman theme."));
    }
    if (feedback) {
        feedback->setProgress(10);
    }

    std::vector<geo::RoadLine> roads;
    if (parameters.overNetwork) {
        roads = readWalkableRoads(project, toMetric).lines;
        if (roads.empty()) {
            throw ProjectError(tr("Tidak ada jalan yang bisa dilalui pejalan kaki di tema jalan.",
                                  "No road in the jalan theme can be walked."));
        }
    }
    geo::ServiceCoverageOptions options;
    options.maxDistanceM = parameters.distanceM;
    options.overNetwork = parameters.overNetwork;
    options.maxSnapDistanceM = parameters.maxSnapDistanceM;
    const auto coverage = geo::serviceCoverage(points, services, roads, options, feedback);
    report.graph = coverage.graph;
    report.servicesOnNetwork = coverage.servicesOnNetwork;

    report.villages.resize(report.areas.size());
    for (std::size_t a = 0; a < report.areas.size(); ++a) {
        report.villages[a].area = static_cast<int>(a);
    }
    CoverageVillage outside;
    for (std::size_t i = 0; i < report.settlements.size(); ++i) {
        auto& s = report.settlements[i];
        const auto& c = coverage.settlements[i];
        s.status = statusCode(c.status);
        s.covered = c.status == geo::ServiceCoverage::Status::Covered;
        s.roadDistanceM = c.roadDistanceM;
        if (c.nearestService >= 0) {
            const auto k = static_cast<std::size_t>(c.nearestService);
            s.distanceM = c.distanceM;
            s.nearestUuid = serviceUuid[k];
            s.nearestName = serviceName[k];
            s.nearestKind = serviceKind[k];
        }
        report.noRoad += c.status == geo::ServiceCoverage::Status::NoRoad;
        report.unreachable += c.status == geo::ServiceCoverage::Status::NoServiceReachable;
        add(s.area >= 0 ? report.villages[std::size_t(s.area)] : outside, s);
        add(report.total, s);
    }
    if (outside.settlements > 0) {
        report.villages.push_back(outside);
    }
    geo::throwIfCanceled(feedback);

    // Results and provenance, in one transaction.
    const std::string prefix = coverageTablePrefix(parameters.target);
    report.villageTable = prefix + "_desa";
    report.settlementTable = prefix + "_permukiman";
    geo::Transaction transaction(db);
    ResultStore store(project);
    store.createTable(report.villageTable,
                      {{"wilayah_fid", "INTEGER"},
                       {"kode_wilayah", "TEXT"},
                       {"nama_wilayah", "TEXT"},
                       {"tingkat", "TEXT"},
                       {"penduduk", "INTEGER"},
                       {"terlayani", "INTEGER"},
                       {"tidak_terlayani", "INTEGER"},
                       {"persen_terlayani", "DOUBLE"},
                       {"permukiman", "INTEGER"},
                       {"permukiman_tidak_terlayani", "INTEGER"}},
                      "MULTIPOLYGON");
    store.createTable(report.settlementTable,
                      {{"permukiman_fid", "INTEGER"},
                       {"permukiman_uuid", "TEXT"},
                       {"nama", "TEXT"},
                       {"penduduk", "INTEGER"},
                       {"kode_wilayah", "TEXT"},
                       {"nama_wilayah", "TEXT"},
                       {"status", "TEXT"},
                       {"jarak_terdekat_m", "DOUBLE"},
                       {"jarak_ke_jalan_m", "DOUBLE"},
                       {"terdekat_uuid", "TEXT"},
                       {"terdekat_nama", "TEXT"},
                       {"terdekat_jenis", "TEXT"}},
                      "GEOMETRY");
    {
        auto insert = db.prepare(
            "INSERT INTO " + geo::quoteIdentifier(report.villageTable) +
            " (wilayah_fid, kode_wilayah, nama_wilayah, tingkat, penduduk, terlayani, "
            "tidak_terlayani, persen_terlayani, permukiman, permukiman_tidak_terlayani, geom) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT CastToMultiPolygon(geom) FROM wilayah "
            "WHERE fid = ?))");
        for (const auto& v : report.villages) {
            insert.reset();
            if (v.area >= 0) {
                const auto& a = report.areas[std::size_t(v.area)];
                insert.bind(1, a.fid).bind(2, a.code).bind(3, a.name).bind(4, a.tier);
                insert.bind(11, a.fid);
            } else {
                insert.bindNull(1).bindNull(2).bindNull(3).bindNull(4).bindNull(11);
            }
            insert.bind(5, v.population).bind(6, v.covered).bind(7, v.notCovered);
            insert.bind(8, 100.0 * v.coveredShare());
            insert.bind(9, static_cast<std::int64_t>(v.settlements));
            insert.bind(10, static_cast<std::int64_t>(v.settlementsNotCovered));
            insert.run();
        }
    }
    {
        auto insert = db.prepare(
            "INSERT INTO " + geo::quoteIdentifier(report.settlementTable) +
            " (permukiman_fid, permukiman_uuid, nama, penduduk, kode_wilayah, nama_wilayah, "
            "status, jarak_terdekat_m, jarak_ke_jalan_m, terdekat_uuid, terdekat_nama, "
            "terdekat_jenis, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT geom FROM "
            "permukiman WHERE fid = ?))");
        for (const auto& s : report.settlements) {
            if (s.covered) {
                continue;
            }
            insert.reset();
            insert.bind(1, s.fid).bind(2, s.uuid).bind(3, s.name).bind(4, s.population);
            if (s.area >= 0) {
                const auto& a = report.areas[std::size_t(s.area)];
                insert.bind(5, a.code).bind(6, a.name);
            } else {
                insert.bindNull(5).bindNull(6);
            }
            insert.bind(7, s.status);
            bindDistance(insert, 8, s.distanceM);
            bindDistance(insert,
                         9,
                         parameters.overNetwork && s.status != "tanpa_jalan" ? s.roadDistanceM
                                                                             : -1.0);
            if (s.nearestUuid.empty()) {
                insert.bindNull(10).bindNull(11).bindNull(12);
            } else {
                insert.bind(10, s.nearestUuid).bind(11, s.nearestName).bind(12, s.nearestKind);
            }
            insert.bind(13, s.fid);
            insert.run();
        }
    }
    QJsonObject parametersJson;
    parametersJson["target"] = q(parameters.target);
    QJsonArray kinds;
    for (const auto& kind : report.kinds) {
        kinds.append(q(kind));
    }
    parametersJson["kinds"] = kinds;
    parametersJson["distance_m"] = parameters.distanceM;
    parametersJson["network"] = parameters.overNetwork;
    parametersJson["max_snap_m"] = parameters.maxSnapDistanceM;
    QJsonObject inputs;
    inputs["working_crs"] = q(report.workingCrs);
    inputs["permukiman"] = static_cast<qint64>(report.settlements.size());
    inputs[q(parameters.target)] = static_cast<qint64>(report.services);
    inputs["skipped_features"] = static_cast<qint64>(report.skippedFeatures);
    QJsonObject summary;
    summary["population"] = static_cast<qint64>(report.total.population);
    summary["covered"] = static_cast<qint64>(report.total.covered);
    summary["not_covered"] = static_cast<qint64>(report.total.notCovered);
    summary["settlements_not_covered"] = static_cast<qint64>(report.total.settlementsNotCovered);
    report.logId = store.logRun(
        "cakupan", compactJson(parametersJson), compactJson(inputs), compactJson(summary));
    geo::throwIfCanceled(feedback);
    transaction.commit();
    if (feedback) {
        feedback->setProgress(100);
    }
    return report;
}

} // namespace layers
