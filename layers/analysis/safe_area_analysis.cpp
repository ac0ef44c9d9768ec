#include "layers/analysis/safe_area_analysis.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/safe_areas.h"
#include "geo/analysis/wkb.h"
#include "geo/coordinate_transform.h"
#include "geo/raster.h"
#include "geo/spatial_database.h"
#include "layers/analysis/result_store.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <thread>

namespace layers {

namespace {

/// The villages' extent (EPSG:4326) in the DEM's CRS, a little larger.
geo::Envelope windowInCrs(const geo::Envelope& lonLat, const std::string& crs)
{
    if (crs.empty() || crs == "EPSG:4326") {
        return lonLat.expanded(0.01);
    }
    const geo::CoordinateTransform transform("EPSG:4326", crs);
    geo::Envelope window;
    for (int i = 0; i <= 4; ++i) {
        for (int j = 0; j <= 4; ++j) {
            double x = lonLat.minX + (lonLat.maxX - lonLat.minX) * i / 4.0;
            double y = lonLat.minY + (lonLat.maxY - lonLat.minY) * j / 4.0;
            if (transform.transform(x, y)) {
                window.include(geo::Envelope::ofPoint(x, y));
            }
        }
    }
    const double margin = 0.02 * std::max(window.maxX - window.minX, window.maxY - window.minY);
    return window.expanded(margin);
}

long long
writeResults(Project& project, const SafeAreaOptions& options, const SafeAreaResult& result)
{
    auto& db = project.database();
    geo::Transaction transaction(db);
    ResultStore store(project);
    store.createTable("hasil_zona_aman",
                      {{"kode_wilayah", "TEXT"},
                       {"nama_wilayah", "TEXT"},
                       {"luas_ha", "DOUBLE"},
                       {"jarak_permukiman_m", "DOUBLE"},
                       {"peringkat", "INTEGER"},
                       {"peringkat_desa", "INTEGER"}},
                      "MULTIPOLYGON");
    auto insert = db.prepare("INSERT INTO hasil_zona_aman (kode_wilayah, nama_wilayah, luas_ha, "
                             "jarak_permukiman_m, peringkat, peringkat_desa, geom) VALUES (?, ?, "
                             "?, ?, ?, ?, GeomFromWKB(?, 4326))");
    for (const auto& part : result.parts) {
        const auto& area = result.areas[part.area];
        insert.bind(1, area.code).bind(2, area.name).bind(3, part.areaHa);
        if (part.nearestSettlementM) {
            insert.bind(4, *part.nearestSettlementM);
        } else {
            insert.bindNull(4);
        }
        insert.bind(5, static_cast<std::int64_t>(part.rank));
        insert.bind(6, static_cast<std::int64_t>(part.villageRank));
        const auto multi = geo::asMultiPolygon(part.wkb);
        insert.bindBlob(7, multi.data(), multi.size());
        insert.run();
        insert.reset();
    }
    QJsonObject parameters;
    parameters["min_level"] = QString::fromStdString(options.minimumLevel);
    parameters["hazard_type"] = QString::fromStdString(options.hazardType);
    parameters["buffer_m"] = options.bufferMetres;
    parameters["min_area_ha"] = options.minimumAreaHa;
    parameters["working_crs"] = QString::fromStdString(result.workingCrs);
    if (!options.demPath.empty()) {
        parameters["dem"] = QString::fromStdString(options.demPath);
        if (options.minimumElevation) {
            parameters["min_elevation_m"] = *options.minimumElevation;
        }
        if (options.maximumSlope) {
            parameters["max_slope_deg"] = *options.maximumSlope;
        }
    }
    QJsonObject inputs;
    inputs["wilayah"] = static_cast<qint64>(result.areas.size());
    inputs["zona_bahaya"] = static_cast<qint64>(result.hazardZones);
    inputs["permukiman"] = static_cast<qint64>(result.settlements);
    QJsonObject summary;
    double total = 0;
    for (const auto& part : result.parts) {
        total += part.areaHa;
    }
    summary["parts"] = static_cast<qint64>(result.parts.size());
    summary["area_ha"] = total;
    const long long id = store.logRun(
        "zona_aman", compactJson(parameters), compactJson(inputs), compactJson(summary));
    transaction.commit();
    return id;
}

} // namespace

SafeAreaResult
findSafeAreas(Project& project, const SafeAreaOptions& options, geo::AnalysisFeedback* feedback)
{
    const int minimumRank = hazardLevelRank(options.minimumLevel);
    if (minimumRank == 0) {
        throw ProjectError(arg(tr("Tingkat bahaya '%1' tidak dikenal (rendah, sedang, tinggi).",
                                  "Unknown hazard level '%1' (rendah, sedang, tinggi)."),
                               {options.minimumLevel}));
    }
    if (!(options.bufferMetres >= 0) || !(options.minimumAreaHa >= 0)) {
        throw ProjectError(tr("Penyangga dan luas minimum tidak boleh negatif.",
                              "The buffer and the minimum area cannot be negative."));
    }
    PhaseTimer timer;
    SafeAreaResult result;
    result.workingCrs = workingCrsOf(project);
    const geo::CoordinateTransform toWorking("EPSG:4326", result.workingCrs);
    const geo::CoordinateTransform fromWorking(result.workingCrs, "EPSG:4326");
    auto& db = project.database();

    ReportingAreas villages = readReportingAreas(project, false);
    if (villages.areas.empty()) {
        throw ProjectError(tr("Proyek belum berisi desa/kelurahan di tema wilayah.",
                              "The project has no desa/kelurahan in the wilayah theme yet."));
    }
    result.areas = villages.areas;
    geo::SafeAreaInput input;
    geo::Envelope lonLat;
    for (std::size_t i = 0; i < villages.regions.size(); ++i) {
        const auto& wkb = villages.regions[i].wkb;
        input.villages.push_back(geo::transformWkb(wkb, toWorking));
    }
    {
        auto extent = db.prepare("SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), "
                                 "max(MbrMaxX(geom)), max(MbrMaxY(geom)) FROM wilayah WHERE "
                                 "tingkat IN ('desa', 'kelurahan')");
        if (extent.step() && !extent.isNull(0)) {
            lonLat = {extent.real(0), extent.real(1), extent.real(2), extent.real(3)};
        }
    }
    geo::throwIfCanceled(feedback);

    {
        std::string sql = "SELECT fid, AsBinary(geom) FROM zona_bahaya WHERE geom IS NOT NULL AND "
                          "(CASE tingkat WHEN 'rendah' THEN 1 WHEN 'sedang' THEN 2 WHEN "
                          "'tinggi' THEN 3 ELSE 0 END) >= ?";
        if (!options.hazardType.empty()) {
            sql += " AND jenis_bahaya = ?";
        }
        auto zones = db.prepare(sql + " ORDER BY fid");
        zones.bind(1, static_cast<std::int64_t>(minimumRank));
        if (!options.hazardType.empty()) {
            zones.bind(2, options.hazardType);
        }
        while (zones.step()) {
            try {
                input.hazards.push_back(geo::transformWkb(zones.blob(1), toWorking));
            } catch (const geo::Error& error) {
                result.problems.push_back("zona_bahaya #" + std::to_string(zones.integer(0)) +
                                          ": " + error.what());
            }
        }
        result.hazardZones = static_cast<std::int64_t>(input.hazards.size());
    }
    {
        auto settlements = db.prepare(
            "SELECT X(p), Y(p) FROM (SELECT CASE WHEN GeometryType(geom) = 'POINT' THEN geom "
            "ELSE ST_PointOnSurface(geom) END AS p FROM permukiman WHERE geom IS NOT NULL) "
            "WHERE p IS NOT NULL");
        while (settlements.step()) {
            double x = settlements.real(0), y = settlements.real(1);
            if (toWorking.transform(x, y)) {
                input.settlements.push_back({x, y});
            }
        }
        result.settlements = static_cast<std::int64_t>(input.settlements.size());
    }
    timer.mark("read and transform");
    if (feedback) {
        feedback->setProgress(5);
    }

    bool noLandAllowed = false;
    if (!options.demPath.empty()) {
        if (!options.minimumElevation && !options.maximumSlope) {
            throw ProjectError(tr("--dem memerlukan --min-elevation dan/atau --max-slope.",
                                  "--dem needs --min-elevation and/or --max-slope."));
        }
        try {
            result.demCrs = geo::ElevationModel::crsOf(options.demPath);
            if (result.demCrs.empty()) {
                throw ProjectError(arg(tr("DEM '%1' tidak mempunyai CRS.", "DEM '%1' has no CRS."),
                                       {options.demPath}));
            }
            const geo::ElevationModel dem(options.demPath, windowInCrs(lonLat, result.demCrs));
            const auto mask = dem.mask(options.minimumElevation, options.maximumSlope, feedback);
            if (mask.empty()) {
                noLandAllowed = true;
            } else {
                const geo::CoordinateTransform demToWorking(result.demCrs, result.workingCrs);
                input.allowed = geo::transformWkb(mask, demToWorking);
            }
        } catch (const geo::GdalError& error) {
            throw ProjectError(error.what());
        }
    }
    timer.mark("dem mask");
    if (feedback) {
        feedback->setProgress(15);
    }

    geo::SafeAreaOptions geoOptions;
    geoOptions.bufferDistance = options.bufferMetres;
    geoOptions.minimumArea = options.minimumAreaHa * 10'000.0;
    geoOptions.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    geo::SafeAreaResult safe;
    if (!noLandAllowed) {
        safe = geo::findSafeAreas(input, geoOptions, feedback);
    }
    timer.mark("safe areas");
    for (const auto& problem : safe.villageProblems) {
        result.problems.push_back("wilayah #" + std::to_string(result.areas[problem.feature].fid) +
                                  ": " + problem.reason);
    }
    result.villages.resize(result.areas.size());
    for (std::size_t i = 0; i < result.areas.size(); ++i) {
        result.villages[i].area = i;
        result.villages[i].villageAreaHa = geo::wkbArea(input.villages[i]) / 10'000.0;
    }
    for (auto& part : safe.parts) {
        SafeAreaPart out;
        out.area = part.village;
        out.areaHa = part.area / 10'000.0;
        if (std::isfinite(part.nearestSettlement)) {
            out.nearestSettlementM = part.nearestSettlement;
        }
        out.rank = part.rank;
        out.villageRank = part.villageRank;
        out.wkb = geo::transformWkb(part.wkb, fromWorking);
        auto& village = result.villages[part.village];
        village.safeAreaHa += out.areaHa;
        ++village.parts;
        result.parts.push_back(std::move(out));
    }
    geo::throwIfCanceled(feedback);
    timer.mark("collect");
    if (options.writeResults) {
        result.logId = writeResults(project, options, result);
        timer.mark("write results");
    }
    if (feedback) {
        feedback->setProgress(100);
    }
    return result;
}

} // namespace layers
