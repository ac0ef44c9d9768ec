// Service coverage on the bundled Maumere sample, checked against SpatiaLite SQL written
// independently: ST_Distance between the settlement and the service after Transform() to the
// working CRS (EPSG:32751), min over the services, and the village as the first desa/kelurahan
// (by fid) whose polygon covers the settlement.

#include "geo/analysis/feedback.h"
#include "geo/spatial_database.h"
#include "layers/analysis/coverage_analysis.h"
#include "layers/analysis/evacuation_analysis.h"
#include "layers/project.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <string>

namespace {

using layers::Project;

/// fid -> min distance (m) from each settlement to the services of `where` (SQL over c).
std::map<std::int64_t, double>
sqlDistances(Project& project, const std::string& table, const std::string& where)
{
    std::map<std::int64_t, double> out;
    auto statement = project.database().prepare(
        "SELECT p.fid, min(ST_Distance(Transform(p.geom, 32751), Transform(c.geom, 32751))) "
        "FROM permukiman AS p, " +
        table + " AS c WHERE " + where + " GROUP BY p.fid");
    while (statement.step()) {
        out[statement.integer(0)] = statement.real(1);
    }
    return out;
}

/// village code -> (population, covered population) with the distances from SQL.
std::map<std::string, std::pair<std::int64_t, std::int64_t>>
sqlVillages(Project& project, const std::map<std::int64_t, double>& distances, double limit)
{
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
    auto statement = project.database().prepare(
        "SELECT p.fid, coalesce(p.jumlah_penduduk, 0), (SELECT w.kode FROM wilayah AS w WHERE "
        "w.tingkat IN ('desa', 'kelurahan') AND ST_Covers(w.geom, p.geom) = 1 ORDER BY w.fid "
        "LIMIT 1) FROM permukiman AS p");
    while (statement.step()) {
        auto& row = out[statement.isNull(2) ? std::string("-") : statement.text(2)];
        row.first += statement.integer(1);
        if (distances.at(statement.integer(0)) <= limit) {
            row.second += statement.integer(1);
        }
    }
    return out;
}

void expectMatchesSql(Project& project,
                      const layers::CoverageReport& report,
                      const std::map<std::int64_t, double>& distances,
                      double limit)
{
    ASSERT_EQ(report.settlements.size(), distances.size());
    std::int64_t coveredSql = 0, populationSql = 0;
    for (const auto& s : report.settlements) {
        const double expected = distances.at(s.fid);
        EXPECT_NEAR(s.distanceM, expected, 1e-3) << "settlement " << s.fid;
        EXPECT_EQ(s.covered, expected <= limit) << "settlement " << s.fid;
        populationSql += s.population;
        coveredSql += expected <= limit ? s.population : 0;
    }
    EXPECT_EQ(report.total.population, populationSql);
    EXPECT_EQ(report.total.covered, coveredSql);
    EXPECT_EQ(report.total.notCovered, populationSql - coveredSql);
    const auto villages = sqlVillages(project, distances, limit);
    std::size_t rows = 0;
    for (const auto& v : report.villages) {
        const std::string code = v.area >= 0 ? report.areas[std::size_t(v.area)].code : "-";
        if (v.settlements == 0) {
            EXPECT_EQ(villages.count(code), 0u) << code;
            continue;
        }
        ++rows;
        ASSERT_EQ(villages.count(code), 1u) << code;
        EXPECT_EQ(v.population, villages.at(code).first) << code;
        EXPECT_EQ(v.covered, villages.at(code).second) << code;
    }
    EXPECT_EQ(rows, villages.size());
}

class SampleCoverage : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_path = m_dir.file("sample.sqlite");
        testsupport::copySampleProject(m_path);
    }
    testsupport::TempDir m_dir;
    std::string m_path;
};

} // namespace

TEST_F(SampleCoverage, HealthPostsInAStraightLineMatchSpatialite)
{
    Project project(m_path);
    layers::CoverageParameters parameters;
    parameters.kinds = {"posyandu", "Polindes", "puskesmas"}; // a name matches its code too
    parameters.distanceM = 800;
    const auto report = layers::runCoverage(project, parameters);
    EXPECT_EQ(report.kinds, (std::vector<std::string>{"posyandu", "polindes", "puskesmas"}));
    EXPECT_EQ(report.services, 29u);
    const auto distances = sqlDistances(
        project, "pusat_kemasyarakatan", "c.jenis IN ('posyandu', 'polindes', 'puskesmas')");
    expectMatchesSql(project, report, distances, 800);
    // Both covered and uncovered people exist, so the comparison can fail either way.
    EXPECT_GT(report.total.covered, 0);
    EXPECT_GT(report.total.notCovered, 0);

    // The map layer holds exactly the uncovered settlements, with their geometry.
    auto& db = project.database();
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM "
                                               "hasil_cakupan_pusat_permukiman WHERE geom IS "
                                               "NOT NULL")),
              static_cast<std::int64_t>(report.total.settlementsNotCovered));
    EXPECT_EQ(std::get<std::int64_t>(db.scalar(
                  "SELECT coalesce(sum(penduduk), 0) FROM hasil_cakupan_pusat_permukiman")),
              report.total.notCovered);
    EXPECT_EQ(std::get<std::int64_t>(db.scalar(
                  "SELECT count(*) FROM hasil_cakupan_pusat_permukiman AS h JOIN permukiman AS "
                  "p ON p.fid = h.permukiman_fid WHERE ST_Equals(h.geom, p.geom) = 1")),
              static_cast<std::int64_t>(report.total.settlementsNotCovered));
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT coalesce(sum(tidak_terlayani), 0) FROM "
                                               "hasil_cakupan_pusat_desa")),
              report.total.notCovered);
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM hasil_cakupan_pusat_desa "
                                               "WHERE geom IS NOT NULL")),
              21); // the 8 desa and 13 kelurahan
    EXPECT_EQ(std::get<std::string>(
                  db.scalar("SELECT analisis FROM analisis_log ORDER BY id DESC LIMIT 1")),
              "cakupan");
}

TEST_F(SampleCoverage, EveryKindIncludingFieldPolygonsMatchesSpatialite)
{
    Project project(m_path);
    layers::CoverageParameters parameters;
    parameters.distanceM = 300;
    const auto report = layers::runCoverage(project, parameters);
    EXPECT_EQ(report.services, 108u);
    expectMatchesSql(project, report, sqlDistances(project, "pusat_kemasyarakatan", "1"), 300);
}

TEST_F(SampleCoverage, EvacuationSitesMatchSpatialite)
{
    Project project(m_path);
    layers::CoverageParameters parameters;
    parameters.target = "titik_evakuasi";
    parameters.kinds = {"TES", "tea"};
    parameters.distanceM = 2000;
    const auto report = layers::runCoverage(project, parameters);
    EXPECT_EQ(report.services, 6u);
    EXPECT_EQ(report.villageTable, "hasil_cakupan_evakuasi_desa");
    expectMatchesSql(project,
                     report,
                     sqlDistances(project, "titik_evakuasi", "c.jenis IN ('TES', 'TEA')"),
                     2000);
}

// Over the roads: the nearest site is the evacuation plan's nearest site when no zone is
// avoided, and no walk over the roads is shorter than the straight line.
TEST_F(SampleCoverage, NetworkAgreesWithTheEvacuationPlanAndIsNeverShorter)
{
    Project project(m_path);
    layers::CoverageParameters parameters;
    parameters.target = "titik_evakuasi";
    parameters.overNetwork = true;
    parameters.distanceM = 1500;
    const auto network = layers::runCoverage(project, parameters);
    parameters.overNetwork = false;
    const auto straight = layers::runCoverage(project, parameters);
    layers::EvacuationParameters evacuation;
    evacuation.avoidLevel = "";
    const auto plan = layers::runEvacuation(project, evacuation);
    ASSERT_EQ(plan.settlements.size(), network.settlements.size());
    std::size_t compared = 0;
    for (std::size_t i = 0; i < network.settlements.size(); ++i) {
        const auto& n = network.settlements[i];
        const auto& e = plan.settlements[i];
        ASSERT_EQ(n.uuid, e.uuid);
        if (e.status == "tanpa_jalan") {
            EXPECT_EQ(n.status, "tanpa_jalan");
            continue;
        }
        ASSERT_FALSE(e.nearestSiteUuid.empty());
        EXPECT_NEAR(n.distanceM, e.nearestDistanceM, 1e-6);
        EXPECT_GE(n.distanceM + 1e-6, straight.settlements[i].distanceM);
        EXPECT_EQ(n.covered, n.distanceM <= 1500);
        ++compared;
    }
    EXPECT_GT(compared, 250u);
    EXPECT_GT(network.noRoad, 0u); // the islands
    EXPECT_LT(network.total.covered, straight.total.covered);
}

TEST_F(SampleCoverage, VillageFromKodeDesaOutsideEveryPolygon)
{
    Project project(m_path);
    // Far out at sea: one names its desa, the other names none.
    auto point = [](double x, double y) {
        std::vector<unsigned char> wkb(21);
        wkb[0] = 1;
        wkb[1] = 1;
        std::memcpy(&wkb[5], &x, 8);
        std::memcpy(&wkb[13], &y, 8);
        return wkb;
    };
    project.insertFeature("permukiman",
                          {{"nama", std::string("Kampung laut")},
                           {"jumlah_penduduk", std::int64_t(70)},
                           {"kode_desa", std::string("53.07.05.1006")}},
                          point(122.5, -8.3),
                          "uji");
    project.insertFeature("permukiman",
                          {{"nama", std::string("Kapal")}, {"jumlah_penduduk", std::int64_t(5)}},
                          point(122.6, -8.3),
                          "uji");
    layers::CoverageParameters parameters;
    const auto report = layers::runCoverage(project, parameters);
    ASSERT_FALSE(report.villages.empty());
    const auto& outside = report.villages.back();
    EXPECT_EQ(outside.area, -1);
    EXPECT_EQ(outside.population, 5);
    EXPECT_EQ(outside.notCovered, 5);
    const auto& last = report.settlements[report.settlements.size() - 2];
    ASSERT_GE(last.area, 0);
    EXPECT_EQ(report.areas[std::size_t(last.area)].code, "53.07.05.1006");
    EXPECT_FALSE(last.covered);
}

TEST_F(SampleCoverage, BadInputIsAProjectError)
{
    Project project(m_path);
    layers::CoverageParameters parameters;
    parameters.kinds = {"bioskop"};
    EXPECT_THROW(layers::runCoverage(project, parameters), layers::ProjectError);
    parameters.kinds = {"TES"}; // an evacuation kind, not a community center kind
    EXPECT_THROW(layers::runCoverage(project, parameters), layers::ProjectError);
    parameters.kinds = {"pustu"}; // known, but the sample has none
    EXPECT_THROW(layers::runCoverage(project, parameters), layers::ProjectError);
    parameters.kinds = {};
    parameters.target = "jalan";
    EXPECT_THROW(layers::runCoverage(project, parameters), layers::ProjectError);
}

TEST_F(SampleCoverage, CancelWritesNothing)
{
    Project project(m_path);
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    EXPECT_THROW(layers::runCoverage(project, {}, &feedback), geo::AnalysisCanceled);
    EXPECT_FALSE(project.database().tableExists("hasil_cakupan_pusat_desa"));
}
