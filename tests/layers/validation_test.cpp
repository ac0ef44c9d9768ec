// The data-quality report on the bundled Maumere sample with problems planted by SQL, checked
// against SpatiaLite's own answers: IsValid() for geometries, ST_Covers() of the desa/kelurahan
// polygons for the place, ST_Distance() after Transform() for duplicates.

#include "geo/spatial_database.h"
#include "layers/project.h"
#include "layers/validation.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

using layers::IssueKind;
using layers::Project;

std::set<std::int64_t> sqlFids(Project& project, const std::string& sql)
{
    std::set<std::int64_t> out;
    auto statement = project.database().prepare(sql);
    while (statement.step()) {
        out.insert(statement.integer(0));
    }
    return out;
}

std::set<std::int64_t>
issueFids(const layers::ValidationReport& report, const std::string& theme, IssueKind kind)
{
    std::set<std::int64_t> out;
    for (const auto& issue : report.issues) {
        if (issue.theme == theme && issue.kind == kind) {
            out.insert(issue.fid);
        }
    }
    return out;
}

const layers::Issue* find(const layers::ValidationReport& report,
                          const std::string& theme,
                          std::int64_t fid,
                          IssueKind kind)
{
    for (const auto& issue : report.issues) {
        if (issue.theme == theme && issue.fid == fid && issue.kind == kind) {
            return &issue;
        }
    }
    return nullptr;
}

/// fids of `theme` whose point (or centroid) no desa/kelurahan polygon covers.
std::string outsideSql(const std::string& theme)
{
    return "SELECT f.fid FROM " + theme +
           " AS f WHERE f.geom IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wilayah AS w WHERE "
           "w.tingkat IN ('desa', 'kelurahan') AND ST_Covers(w.geom, CASE WHEN "
           "GeometryType(f.geom) LIKE 'POINT%' THEN f.geom ELSE ST_Centroid(f.geom) END) = 1)";
}

class SampleValidation : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_path = m_dir.file("sample.sqlite");
        testsupport::copySampleProject(m_path);
    }
    /// Problems of every kind, planted behind the project API's back (as QGIS or a script would).
    void plant(Project& project)
    {
        project.database().exec(
            // A copy of center 1 (same name and place), and two unnamed identical centers.
            "INSERT INTO pusat_kemasyarakatan (uuid, created_at, updated_at, author, jenis, nama, "
            "kode_desa, geom) SELECT 'salinan-1', created_at, updated_at, author, jenis, nama, "
            "kode_desa, geom FROM pusat_kemasyarakatan WHERE fid = 1;"
            "INSERT INTO pusat_kemasyarakatan (uuid, created_at, updated_at, author, jenis, geom) "
            "VALUES ('tanpa-nama-1', '2026', '2026', 'uji', 'posyandu', MakePoint(122.2151, "
            "-8.6201, 4326)), ('tanpa-nama-2', '2026', '2026', 'uji', 'posyandu', "
            "MakePoint(122.2151, -8.6201, 4326));"
            "UPDATE pusat_kemasyarakatan SET jenis = 'Pos Pelayanan Terpadu' WHERE fid = 2;"
            "UPDATE pusat_kemasyarakatan SET jenis = 'bioskop' WHERE fid = 3;"
            "UPDATE pusat_kemasyarakatan SET nama = '  Balai Warga ' WHERE fid = 4;"
            "UPDATE pusat_kemasyarakatan SET geom = MakePoint(Y(geom), X(geom), 4326) WHERE fid "
            "= 5;"
            "UPDATE aset_desa SET kode_aset = NULL WHERE fid = 1;"
            "UPDATE aset_desa SET kode_aset = '9.99.99' WHERE fid = 2;"
            "UPDATE potensi_ekonomi SET kategori = '  ' WHERE fid = 1;"
            "UPDATE wilayah SET kode = '5307051007' WHERE fid = 5;"
            "UPDATE wilayah SET kode = '53.7.5.1008' WHERE fid = 6;"
            "UPDATE wilayah SET kode = NULL WHERE fid = 7;"
            "UPDATE wilayah SET kode = (SELECT kode FROM wilayah WHERE fid = 9) WHERE fid = 10;"
            // A settlement named for village 4 but lying in another one.
            "UPDATE permukiman SET kode_desa = '53.07.05.1006' WHERE fid = 300;"
            "UPDATE permukiman SET kode_desa = '99.99.99.9999' WHERE fid = 301;"
            // A self-intersecting hazard zone (a bow tie).
            "UPDATE zona_bahaya SET geom = CastToMultiPolygon(GeomFromText('POLYGON((122.20 "
            "-8.60, 122.21 -8.61, 122.21 -8.60, 122.20 -8.61, 122.20 -8.60))', 4326)) WHERE fid "
            "= 1;"
            "UPDATE jalan SET geom = NULL WHERE fid = 1;");
    }
    testsupport::TempDir m_dir;
    std::string m_path;
};

} // namespace

TEST_F(SampleValidation, TheSampleIsClean)
{
    Project project(m_path);
    const auto report = layers::validateProject(project);
    EXPECT_TRUE(report.villagesAvailable);
    EXPECT_EQ(report.featuresChecked.at("permukiman"), 365u);
    EXPECT_EQ(report.featuresChecked.at("zona_bahaya"), 838u);
    for (const auto& issue : report.issues) {
        ADD_FAILURE() << issue.theme << " " << issue.fid << ": " << issue.reason;
    }
    // SpatiaLite agrees: every geometry valid, every point in a village.
    EXPECT_TRUE(sqlFids(project, "SELECT fid FROM zona_bahaya WHERE IsValid(geom) = 0").empty());
    EXPECT_TRUE(sqlFids(project, outsideSql("permukiman")).empty());
}

TEST_F(SampleValidation, FindsEveryPlantedProblem)
{
    Project project(m_path);
    plant(project);
    const auto report = layers::validateProject(project);

    // Geometry, against SpatiaLite's IsValid.
    EXPECT_EQ(issueFids(report, "zona_bahaya", IssueKind::InvalidGeometry),
              sqlFids(project, "SELECT fid FROM zona_bahaya WHERE IsValid(geom) = 0"));
    const auto* bowTie = find(report, "zona_bahaya", 1, IssueKind::InvalidGeometry);
    ASSERT_NE(bowTie, nullptr);
    EXPECT_TRUE(bowTie->fixable);
    EXPECT_EQ(bowTie->severity, layers::IssueSeverity::Error);
    EXPECT_NE(bowTie->reason.find("Self-intersection"), std::string::npos);
    EXPECT_NEAR(bowTie->extent.minX, 122.20, 1e-9);
    EXPECT_NEAR(bowTie->extent.maxY, -8.60, 1e-9);
    EXPECT_EQ(issueFids(report, "jalan", IssueKind::EmptyGeometry), std::set<std::int64_t>{1});

    // Place, against ST_Covers of the desa/kelurahan polygons.
    for (const char* theme : {"pusat_kemasyarakatan", "permukiman", "aset_desa"}) {
        EXPECT_EQ(issueFids(report, theme, IssueKind::OutsideVillages),
                  sqlFids(project, outsideSql(theme)))
            << theme;
    }
    const auto* swapped = find(report, "pusat_kemasyarakatan", 5, IssueKind::OutsideVillages);
    ASSERT_NE(swapped, nullptr);
    EXPECT_NE(swapped->suggestion.find("tertukar"), std::string::npos);
    const auto* other = find(report, "permukiman", 300, IssueKind::OtherVillage);
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->column, "kode_desa");
    // kode_desa naming no desa/kelurahan: 301, and the settlements of Gunung Sari, whose code
    // was overwritten; not those in villages whose own code is missing or malformed.
    const auto unknownCodes = issueFids(report, "permukiman", IssueKind::UnknownVillageCode);
    EXPECT_TRUE(unknownCodes.count(301));
    EXPECT_EQ(unknownCodes,
              sqlFids(project,
                      "SELECT p.fid FROM permukiman AS p WHERE trim(coalesce(p.kode_desa, '')) "
                      "<> '' AND p.kode_desa NOT IN (SELECT trim(kode) FROM wilayah WHERE kode "
                      "IS NOT NULL AND tingkat IN ('desa', 'kelurahan')) AND (SELECT w.kode FROM "
                      "wilayah AS w WHERE w.tingkat IN ('desa', 'kelurahan') AND "
                      "ST_Covers(w.geom, p.geom) = 1 ORDER BY w.fid LIMIT 1) GLOB "
                      "'[0-9][0-9].[0-9][0-9].[0-9][0-9].[0-9][0-9][0-9][0-9]'"));

    // Duplicates: the copy of center 1 and the second unnamed center, against SQL.
    const auto duplicates = issueFids(report, "pusat_kemasyarakatan", IssueKind::Duplicate);
    EXPECT_EQ(duplicates,
              sqlFids(project,
                      "SELECT DISTINCT b.fid FROM pusat_kemasyarakatan AS a, pusat_kemasyarakatan "
                      "AS b WHERE a.fid < b.fid AND lower(trim(coalesce(a.nama, ''))) = "
                      "lower(trim(coalesce(b.nama, ''))) AND coalesce(a.jenis, '') = "
                      "coalesce(b.jenis, '') AND ST_Distance(Transform(a.geom, 32751), "
                      "Transform(b.geom, 32751)) <= 2"));
    EXPECT_EQ(duplicates.size(), 2u);
    EXPECT_EQ(
        find(report, "pusat_kemasyarakatan", *duplicates.begin(), IssueKind::Duplicate)->relatedFid,
        1);

    // Attributes.
    const auto* synonym = find(report, "pusat_kemasyarakatan", 2, IssueKind::VocabularyNotCode);
    ASSERT_NE(synonym, nullptr);
    EXPECT_EQ(synonym->fixValue.value_or(""), "posyandu");
    EXPECT_NE(find(report, "pusat_kemasyarakatan", 3, IssueKind::UnknownVocabulary), nullptr);
    EXPECT_NE(find(report, "aset_desa", 2, IssueKind::UnknownVocabulary), nullptr);
    const auto* spaces = find(report, "pusat_kemasyarakatan", 4, IssueKind::Whitespace);
    ASSERT_NE(spaces, nullptr);
    EXPECT_EQ(spaces->fixValue.value_or(""), "Balai Warga");
    EXPECT_EQ(spaces->name, "Balai Warga");
    EXPECT_NE(find(report, "aset_desa", 1, IssueKind::MissingAssetCode), nullptr);
    EXPECT_NE(find(report, "potensi_ekonomi", 1, IssueKind::MissingRequired), nullptr);

    // Kemendagri codes.
    const auto* digits = find(report, "wilayah", 5, IssueKind::MalformedVillageCode);
    ASSERT_NE(digits, nullptr);
    EXPECT_EQ(digits->fixValue.value_or(""), "53.07.05.1007");
    const auto* badDots = find(report, "wilayah", 6, IssueKind::MalformedVillageCode);
    ASSERT_NE(badDots, nullptr);
    EXPECT_FALSE(badDots->fixable);
    EXPECT_NE(find(report, "wilayah", 7, IssueKind::MissingVillageCode), nullptr);
    const auto* twice = find(report, "wilayah", 10, IssueKind::DuplicateVillageCode);
    ASSERT_NE(twice, nullptr);
    EXPECT_EQ(twice->relatedFid, 9);

    // Each item names its feature.
    for (const auto& issue : report.issues) {
        EXPECT_EQ(std::get<std::string>(project.database().scalar(
                      "SELECT uuid FROM " + geo::quoteIdentifier(issue.theme) +
                      " WHERE fid = " + std::to_string(issue.fid))),
                  issue.uuid);
        EXPECT_FALSE(issue.reason.empty());
        EXPECT_FALSE(issue.suggestion.empty());
    }
    EXPECT_GT(report.errors, 0u);
    EXPECT_EQ(report.fixable, 4u);
}

TEST_F(SampleValidation, ALimitPerKindKeepsTheCounts)
{
    Project project(m_path);
    plant(project);
    layers::ValidationOptions options;
    options.maxIssuesPerKind = 0;
    const auto all = layers::validateProject(project, options);
    options.maxIssuesPerKind = 1;
    const auto capped = layers::validateProject(project, options);
    EXPECT_EQ(all.omitted, 0u);
    EXPECT_EQ(capped.errors, all.errors);
    EXPECT_EQ(capped.warnings, all.warnings);
    EXPECT_EQ(capped.fixable, all.fixable);
    EXPECT_EQ(capped.counts, all.counts);
    EXPECT_EQ(capped.issues.size(), all.counts.size()); // one item per theme and kind
    EXPECT_EQ(capped.issues.size() + capped.omitted, all.issues.size());
    const auto unknown = capped.counts.at({"permukiman", IssueKind::UnknownVillageCode});
    EXPECT_EQ(unknown, issueFids(all, "permukiman", IssueKind::UnknownVillageCode).size());
    EXPECT_GT(unknown, 1u);
}

TEST_F(SampleValidation, FixRepairsOnlyWhatIsSafeAndRecordsIt)
{
    Project project(m_path);
    plant(project);
    auto& db = project.database();
    const auto historyBefore = std::get<std::int64_t>(db.scalar("SELECT count(*) FROM riwayat"));
    const auto featuresBefore =
        std::get<std::int64_t>(db.scalar("SELECT count(*) FROM pusat_kemasyarakatan"));
    const auto report = layers::validateProject(project);
    const auto changes = layers::fixIssues(project, report.issues, "uji");
    ASSERT_EQ(changes.size(), 4u);
    // One history row per changed feature (the four fixes are on different features).
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM riwayat")), historyBefore + 4);
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM riwayat WHERE pengguna = "
                                               "'uji' AND aksi = 'ubah'")),
              4);
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM pusat_kemasyarakatan")),
              featuresBefore); // nothing deleted
    EXPECT_EQ(
        std::get<std::string>(db.scalar("SELECT jenis FROM pusat_kemasyarakatan WHERE fid = 2")),
        "posyandu");
    EXPECT_EQ(
        std::get<std::string>(db.scalar("SELECT nama FROM pusat_kemasyarakatan WHERE fid = 4")),
        "Balai Warga");
    EXPECT_EQ(std::get<std::string>(db.scalar("SELECT kode FROM wilayah WHERE fid = 5")),
              "53.07.05.1007");
    // SpatiaLite: the zone is valid now, still a MULTIPOLYGON with the bow tie's area.
    EXPECT_EQ(
        std::get<std::int64_t>(db.scalar("SELECT IsValid(geom) FROM zona_bahaya WHERE fid = 1")),
        1);
    EXPECT_EQ(std::get<std::string>(
                  db.scalar("SELECT GeometryType(geom) FROM zona_bahaya WHERE fid = 1")),
              "MULTIPOLYGON");
    EXPECT_NEAR(std::get<double>(db.scalar("SELECT ST_Area(geom) FROM zona_bahaya WHERE fid = 1")),
                2 * 0.5 * 0.01 * 0.005,
                1e-12);
    const auto after = layers::validateProject(project);
    EXPECT_EQ(after.fixable, 0u);
    EXPECT_TRUE(issueFids(after, "zona_bahaya", IssueKind::InvalidGeometry).empty());
    EXPECT_EQ(after.errors, report.errors - 1); // the bow tie; the other fixes were warnings
}

TEST_F(SampleValidation, FixIsOneTransaction)
{
    Project project(m_path);
    plant(project);
    const auto report = layers::validateProject(project);
    // A feature with a fix disappears between the report and the fix: nothing is written.
    project.database().exec("DELETE FROM wilayah WHERE fid = 5");
    EXPECT_THROW(layers::fixIssues(project, report.issues, "uji"), layers::ProjectError);
    EXPECT_EQ(std::get<std::string>(project.database().scalar(
                  "SELECT jenis FROM pusat_kemasyarakatan WHERE fid = 2")),
              "Pos Pelayanan Terpadu");
    EXPECT_EQ(std::get<std::int64_t>(
                  project.database().scalar("SELECT IsValid(geom) FROM zona_bahaya WHERE fid = 1")),
              0);
}
