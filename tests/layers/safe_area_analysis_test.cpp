// Safe areas on the Maumere sample (AIFDR tsunami zones), checked against SpatiaLite's
// per-village SQL (village minus the union of 50 m buffers of the sedang/tinggi zones touching
// it, exploded, parts >= 1 ha: the approach of ../shared/bench/sql/safe_area_spatialite.sql),
// and on Sleman desa × Merapi KRB with the SRTM crop of Merapi for the elevation and slope
// limits, checked against the DEM itself.

#include "geo/analysis/feedback.h"
#include "geo/raster.h"
#include "layers/analysis/safe_area_analysis.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>

namespace {

using layers::Project;

double sqlReal(Project& project, const std::string& sql)
{
    const auto value = project.database().scalar(sql);
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    return 0;
}

const std::string levelOfZone = "(CASE z.tingkat WHEN 'rendah' THEN 1 WHEN 'sedang' THEN 2 "
                                "WHEN 'tinggi' THEN 3 END)";

} // namespace

TEST(SafeAreas, SampleMatchesSpatialitePerVillageSql)
{
    testsupport::TempDir dir;
    const auto path = dir.file("sample.sqlite");
    testsupport::copySampleProject(path);
    Project project(path);
    const auto result = layers::findSafeAreas(project); // sedang, 50 m, 1 ha
    ASSERT_FALSE(result.parts.empty());
    EXPECT_EQ(result.hazardZones, 719); // 330 sedang + 389 tinggi
    EXPECT_TRUE(result.problems.empty());

    // The same job in SpatiaLite SQL, in the working CRS (EPSG:32751).
    auto& db = project.database();
    db.exec("SELECT BufferOptions_SetQuadrantSegments(8)");
    // (SpatiaLite returns NULL for an empty difference, so the village stands in only where
    // no zone is near, not where the zones cover it all.)
    db.exec("CREATE TEMP TABLE hazard AS SELECT d.kode AS kode, Transform(d.geom, 32751) AS "
            "village, (SELECT ST_Union(ST_Buffer(Transform(z.geom, 32751), 50)) FROM zona_bahaya "
            "AS z WHERE " +
            levelOfZone +
            " >= 2 AND z.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = "
            "'zona_bahaya' AND search_frame = BuildMbr(MbrMinX(d.geom) - 0.001, MbrMinY(d.geom) - "
            "0.001, MbrMaxX(d.geom) + 0.001, MbrMaxY(d.geom) + 0.001))) AS buffered FROM wilayah "
            "AS d WHERE d.tingkat IN ('desa', 'kelurahan')");
    db.exec("CREATE TEMP TABLE safe_raw AS SELECT kode, CASE WHEN buffered IS NULL THEN village "
            "ELSE ST_Difference(village, buffered) END AS geom FROM hazard");
    db.exec("CREATE TEMP TABLE safe_part AS WITH RECURSIVE parts(kode, i, n, g) AS (SELECT kode, "
            "1, ST_NumGeometries(geom), geom FROM safe_raw WHERE geom IS NOT NULL UNION ALL "
            "SELECT kode, i + 1, n, g FROM parts WHERE i < n) SELECT kode, ST_Area(ST_GeometryN(g, "
            "i)) AS area FROM parts");
    db.exec("DELETE FROM safe_part WHERE area < 10000");
    std::map<std::string, std::pair<int, double>> expected; // kode -> (parts, ha)
    auto rows = db.prepare("SELECT kode, count(*), sum(area) / 10000 FROM safe_part GROUP BY kode");
    while (rows.step()) {
        expected[rows.text(0)] = {static_cast<int>(rows.integer(1)), rows.real(2)};
    }
    std::map<std::string, std::pair<int, double>> ours;
    double total = 0, expectedTotal = 0;
    for (const auto& part : result.parts) {
        auto& entry = ours[result.areas[part.area].code];
        ++entry.first;
        entry.second += part.areaHa;
        total += part.areaHa;
    }
    for (const auto& [code, entry] : expected) {
        expectedTotal += entry.second;
        ASSERT_TRUE(ours.count(code)) << code;
        EXPECT_EQ(ours[code].first, entry.first) << code;
        // Buffer of the union (PetaDesa) and union of the buffers (the SQL) approximate the
        // same round buffer with 8 segments per quarter circle; they differ by far less than
        // a thousandth of a village's safe land.
        EXPECT_NEAR(ours[code].second, entry.second, 1e-3 * entry.second + 0.01) << code;
    }
    EXPECT_EQ(ours.size(), expected.size());
    EXPECT_NEAR(total, expectedTotal, 1e-4 * expectedTotal);

    // What was written: a polygon table in EPSG:4326, one row per part, ranked 1..n.
    EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM hasil_zona_aman"),
              static_cast<double>(result.parts.size()));
    EXPECT_EQ(sqlReal(project, "SELECT max(peringkat) FROM hasil_zona_aman"),
              static_cast<double>(result.parts.size()));
    EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM analisis_log WHERE analisis = 'zona_aman'"),
              1);
    // Every part keeps the buffer from every sedang/tinggi zone: the 32-gon of a 50 m circle
    // comes no closer than 50·cos(π/32) = 49.88 m, and GEOS simplifies the buffered outline
    // by up to 1 % of the distance (0.5 m) first: 49.38 m.
    EXPECT_GE(
        sqlReal(project,
                "SELECT min(ST_Distance(Transform(h.geom, 32751), Transform(z.geom, 32751))) "
                "FROM hasil_zona_aman AS h, zona_bahaya AS z WHERE " +
                    levelOfZone +
                    " >= 2 AND z.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE "
                    "f_table_name = 'zona_bahaya' AND search_frame = BuildMbr(MbrMinX(h.geom) "
                    "- 0.002, MbrMinY(h.geom) - 0.002, MbrMaxX(h.geom) + 0.002, "
                    "MbrMaxY(h.geom) + 0.002))"),
        49.38);
    // Distances to the nearest settlement against SpatiaLite.
    auto parts =
        db.prepare("SELECT h.jarak_permukiman_m, (SELECT min(ST_Distance(Transform(h.geom, 32751), "
                   "Transform(s.geom, 32751))) FROM permukiman AS s) FROM hasil_zona_aman AS h");
    int checked = 0;
    while (parts.step()) {
        EXPECT_NEAR(parts.real(0), parts.real(1), 1e-3);
        ++checked;
    }
    EXPECT_EQ(checked, static_cast<int>(result.parts.size()));
}

TEST(SafeAreas, RankFollowsAreaAndDistance)
{
    testsupport::TempDir dir;
    const auto path = dir.file("sample.sqlite");
    testsupport::copySampleProject(path);
    Project project(path);
    layers::SafeAreaOptions options;
    options.writeResults = false;
    options.minimumLevel = "tinggi";
    options.bufferMetres = 100;
    options.minimumAreaHa = 5;
    options.hazardType = "tsunami";
    const auto result = layers::findSafeAreas(project, options);
    ASSERT_GT(result.parts.size(), 3u);
    for (std::size_t i = 0; i < result.parts.size(); ++i) {
        EXPECT_EQ(result.parts[i].rank, i + 1);
        EXPECT_GE(result.parts[i].areaHa, 5.0);
    }
    // Recompute the rank: competition ranks of area (largest first) and of distance (nearest
    // first), summed; ties to the larger part.
    const auto n = result.parts.size();
    auto rankOf = [&](auto better, std::size_t i) {
        std::size_t r = 1;
        for (std::size_t j = 0; j < n; ++j) {
            r += better(j, i);
        }
        return r;
    };
    auto distance = [&](std::size_t i) {
        return result.parts[i].nearestSettlementM.value_or(INFINITY);
    };
    std::vector<std::pair<std::size_t, double>> scores;
    for (std::size_t i = 0; i < n; ++i) {
        const auto areaRank = rankOf(
            [&](std::size_t j, std::size_t k) {
                return result.parts[j].areaHa > result.parts[k].areaHa * (1 + 1e-9);
            },
            i);
        const auto distanceRank = rankOf(
            [&](std::size_t j, std::size_t k) { return distance(j) < distance(k) * (1 - 1e-9); },
            i);
        scores.emplace_back(areaRank + distanceRank, result.parts[i].areaHa);
    }
    for (std::size_t i = 1; i < n; ++i) {
        EXPECT_TRUE(
            scores[i - 1].first < scores[i].first ||
            (scores[i - 1].first == scores[i].first && scores[i - 1].second >= scores[i].second))
            << i;
    }
    // Keeping away from tinggi zones only leaves more land than from sedang and tinggi.
    layers::SafeAreaOptions sedang;
    sedang.writeResults = false;
    layers::SafeAreaOptions tinggi = sedang;
    tinggi.minimumLevel = "tinggi";
    double sedangTotal = 0, tinggiTotal = 0;
    for (const auto& part : layers::findSafeAreas(project, sedang).parts) {
        sedangTotal += part.areaHa;
    }
    for (const auto& part : layers::findSafeAreas(project, tinggi).parts) {
        tinggiTotal += part.areaHa;
    }
    EXPECT_GT(tinggiTotal, sedangTotal);
}

TEST(SafeAreas, MerapiWithDemElevationAndSlope)
{
    testsupport::TempDir dir;
    const auto path = dir.file("sleman.sqlite");
    Project::create(path, {"Sleman", "", false, std::string(PETADESA_SOURCE_DATA_DIR) + "/vocab"});
    Project project(path);
    layers::ImportOptions desa;
    desa.theme = "wilayah";
    desa.constants["tingkat"] = "desa";
    desa.reportPath = dir.file("desa.csv");
    layers::importFile(project,
                       std::string(TEST_DATA_DIR) + "/realdata/boundaries_kemendagri_cahyadsn/"
                                                    "merapi_sleman_magelang_klaten_boyolali/"
                                                    "desa_34.04_kab_sleman.geojson",
                       desa);
    const std::filesystem::path source = std::filesystem::path(TEST_DATA_DIR) / "realdata" /
                                         "inasafe_data" / "volcano" / "Merapi_hazard_zone";
    for (const char* extension : {".shp", ".shx", ".dbf", ".prj"}) {
        std::filesystem::copy_file(source.string() + extension,
                                   dir.file(std::string("Merapi_hazard_zone") + extension));
    }
    layers::ImportOptions krb;
    krb.theme = "zona_bahaya";
    krb.constants["jenis_bahaya"] = "letusan gunung api";
    krb.reportPath = dir.file("krb.csv");
    layers::importFile(project, dir.file("Merapi_hazard_zone.shp"), krb);

    const std::string demPath =
        std::string(TEST_DATA_DIR) + "/realdata/dem_srtm1_jelajahstatid/srtm1_merapi.tif";
    const std::string crop = "BuildMbr(110.3968055551, -7.5904166668, 110.4968055551, "
                             "-7.4904166668, 4326)";

    // KRB III covers every bit of Sleman inside the 11 km crop around the summit: outside KRB
    // III and on the DEM there is no land at all (SpatiaLite agrees).
    layers::SafeAreaOptions options;
    options.minimumLevel = "tinggi";
    options.demPath = demPath;
    options.minimumElevation = 700; // every cell of the crop (781 m and up)
    options.minimumAreaHa = 0;
    const auto krb3 = layers::findSafeAreas(project, options);
    EXPECT_EQ(krb3.demCrs, "EPSG:4326");
    EXPECT_EQ(krb3.workingCrs, "EPSG:32749");
    EXPECT_TRUE(krb3.parts.empty());
    EXPECT_LT(sqlReal(project,
                      "SELECT coalesce(ST_Area(Transform(ST_Difference(ST_Intersection((SELECT "
                      "ST_Union(geom) FROM wilayah), " +
                          crop +
                          "), (SELECT ST_Union(geom) FROM zona_bahaya WHERE tingkat = "
                          "'tinggi')), 32749)), 0)"),
              1.0);

    // Without hazards (a type the project lacks) every cell passes 700 m: the safe land is
    // each desa's part of the crop, as SpatiaLite clips it.
    options.hazardType = "banjir";
    const auto all = layers::findSafeAreas(project, options);
    ASSERT_FALSE(all.parts.empty());
    double total = 0;
    for (const auto& part : all.parts) {
        total += part.areaHa;
    }
    const double expected =
        sqlReal(project,
                "SELECT total(ST_Area(Transform(ST_Intersection(geom, " + crop +
                    "), 32749))) / 10000 FROM wilayah WHERE ST_Intersects(geom, " + crop + ") = 1");
    EXPECT_NEAR(total, expected, 1e-3 * expected);

    // Elevation and slope limits: points well inside each part (40 m, more than one 30 m
    // cell, from its edge) lie on cells that pass both, read back from the DEM itself.
    options.minimumElevation = 1000;
    options.maximumSlope = 20;
    const auto limited = layers::findSafeAreas(project, options);
    ASSERT_FALSE(limited.parts.empty());
    double limitedTotal = 0;
    for (const auto& part : limited.parts) {
        limitedTotal += part.areaHa;
    }
    EXPECT_LT(limitedTotal, total);
    const geo::ElevationModel dem(demPath);
    auto points = project.database().prepare(
        "SELECT X(p), Y(p) FROM (SELECT Transform(ST_PointOnSurface(ST_Buffer(Transform(geom, "
        "32749), -40)), 4326) AS p FROM hasil_zona_aman) WHERE p IS NOT NULL");
    int checked = 0;
    while (points.step()) {
        const double x = points.real(0), y = points.real(1);
        const auto elevation = dem.elevationAt(x, y);
        const auto slope = dem.slopeAt(x, y);
        ASSERT_TRUE(elevation.has_value()) << x << " " << y;
        EXPECT_GE(*elevation, 1000) << x << " " << y;
        EXPECT_LE(*slope, 20) << x << " " << y;
        ++checked;
    }
    EXPECT_GT(checked, 3);
    // Land outside the DEM crop is left out.
    EXPECT_EQ(sqlReal(project,
                      "SELECT count(*) FROM hasil_zona_aman WHERE ST_Within(geom, ST_Buffer(" +
                          crop + ", 0.00001)) = 0"),
              0);
    // A limit no cell meets leaves no safe land.
    options.minimumElevation = 5000;
    EXPECT_TRUE(layers::findSafeAreas(project, options).parts.empty());
}

TEST(SafeAreas, BadOptionsAndCancel)
{
    testsupport::TempDir dir;
    const auto path = dir.file("sample.sqlite");
    testsupport::copySampleProject(path);
    Project project(path);
    layers::SafeAreaOptions options;
    options.minimumLevel = "ekstrem";
    EXPECT_THROW(layers::findSafeAreas(project, options), layers::ProjectError);
    options = {};
    options.demPath = "/tidak/ada.tif";
    options.minimumElevation = 10;
    EXPECT_THROW(layers::findSafeAreas(project, options), layers::ProjectError);
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    EXPECT_THROW(layers::findSafeAreas(project, {}, &feedback), geo::AnalysisCanceled);
    EXPECT_FALSE(project.database().tableExists("hasil_zona_aman"));
}
