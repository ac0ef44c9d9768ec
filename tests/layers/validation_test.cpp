// The data-quality report on the bundled Maumere sample with problems planted by SQL, checked
// against SpatiaLite's own answers: IsValid() for geometries, ST_Covers() of the desa/kelurahan
// polygons for the place, ST_Distance() after Transform() for duplicates.

#include "geo/spatial_database.h"
#include "layers/project.h"
#include "layers/theme.h"
#include "layers/validation.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>

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

/// Numbers in numeric columns: text, blobs, infinity, fractions in whole-number columns and
/// negative values, planted by SQL (as a script or another GIS would write them), found on
/// exactly the (table, feature uuid, column, value) that SQLite's typeof() names; --fix writes
/// the numbers the texts spell as INTEGER/REAL and leaves the rest reported.
TEST_F(SampleValidation, NumbersInNumericColumns)
{
    Project project(m_path);
    auto& db = project.database();
    db.exec(
        // Numbers written as text: SQLite keeps them as text in a REAL/INTEGER column.
        "UPDATE potensi_ekonomi SET nilai_rp = '12,5' WHERE fid = 1;"
        "UPDATE potensi_ekonomi SET nilai_rp = 'Rp 2.000.000' WHERE fid = 2;"
        "UPDATE potensi_ekonomi SET nilai_rp = '1.500.000,75' WHERE fid = 3;"
        "UPDATE aset_desa SET nilai_rp = '1,250,000' WHERE fid = 3;"
        "UPDATE bumdes_unit SET modal_rp = 'Rp. 25.000.000' WHERE fid = 1;"
        // Text that is no number, or not one number.
        "UPDATE potensi_ekonomi SET luas_ha = 'nan' WHERE fid = 4;"
        "UPDATE potensi_ekonomi SET nilai_rp = '1,500' WHERE fid = 5;"
        "UPDATE aset_desa SET tahun_perolehan = 'dua ribu' WHERE fid = 5;"
        "UPDATE permukiman SET jumlah_kk = '2.500 KK' WHERE fid = 12;"
        "UPDATE titik_evakuasi SET kapasitas = '12,5' WHERE fid = 1;"
        "UPDATE pusat_kemasyarakatan SET kapasitas = ' 300 orang' WHERE fid = 6;"
        // A blob and infinity.
        "UPDATE potensi_ekonomi SET produksi = X'00FF' WHERE fid = 6;"
        "UPDATE potensi_ekonomi SET nilai_rp = 9e999 WHERE fid = 7;"
        // '1.200' typed for 1200 people: SQLite stores the REAL 1.2.
        "UPDATE permukiman SET jumlah_penduduk = '1.200' WHERE fid = 10;"
        // Negative counts, capacities and values ('-3' becomes the INTEGER -3).
        "UPDATE permukiman SET jumlah_penduduk = -40 WHERE fid = 11;"
        "UPDATE aset_desa SET nilai_rp = -5000000 WHERE fid = 4;"
        "UPDATE bumdes_unit SET tenaga_kerja = '-3' WHERE fid = 2;");

    layers::ValidationOptions options;
    options.maxIssuesPerKind = 0;
    const auto report = layers::validateProject(project, options);

    // The expected items, by SQL over every numeric column of the schema.
    using Item = std::tuple<std::string, std::string, std::string, std::string>;
    std::map<IssueKind, std::set<Item>> expected, found;
    for (const auto& theme : layers::themes()) {
        for (const auto& column : theme.columns) {
            if (column.type != layers::ColumnType::Integer &&
                column.type != layers::ColumnType::Real) {
                continue;
            }
            const std::string c = "\"" + column.name + "\"";
            auto collect = [&](IssueKind kind, const std::string& where, const std::string& value) {
                auto statement =
                    db.prepare("SELECT uuid, " + value + " FROM " + theme.name + " WHERE " + where);
                while (statement.step()) {
                    expected[kind].insert(
                        {theme.name, statement.text(0), column.name, statement.text(1)});
                }
            };
            collect(
                IssueKind::NotANumber, "typeof(" + c + ") = 'text' AND trim(" + c + ") <> ''", c);
            collect(IssueKind::NotANumber, "typeof(" + c + ") = 'blob'", "'(blob)'");
            collect(IssueKind::NotANumber,
                    "typeof(" + c + ") = 'real' AND abs(" + c + ") > 1.7976931348623157e308",
                    "''");
            collect(IssueKind::NegativeValue,
                    "typeof(" + c + ") IN ('integer', 'real') AND " + c + " < 0",
                    "''");
            if (column.type == layers::ColumnType::Integer) {
                collect(IssueKind::NotWholeNumber,
                        "typeof(" + c + ") = 'real' AND abs(" + c + ") < 1e300 AND " + c +
                            " <> CAST(" + c + " AS INTEGER)",
                        "''");
            }
        }
    }
    for (const auto& issue : report.issues) {
        if (issue.kind == IssueKind::NotANumber || issue.kind == IssueKind::NegativeValue ||
            issue.kind == IssueKind::NotWholeNumber) {
            // Text values are compared as stored; numbers by their place only.
            const bool text =
                expected[issue.kind].count({issue.theme, issue.uuid, issue.column, issue.value});
            found[issue.kind].insert(
                {issue.theme, issue.uuid, issue.column, text ? issue.value : ""});
            EXPECT_FALSE(issue.reason.empty());
            EXPECT_FALSE(issue.suggestion.empty());
        }
    }
    EXPECT_EQ(found[IssueKind::NotANumber], expected[IssueKind::NotANumber]);
    EXPECT_EQ(found[IssueKind::NegativeValue], expected[IssueKind::NegativeValue]);
    EXPECT_EQ(found[IssueKind::NotWholeNumber], expected[IssueKind::NotWholeNumber]);
    EXPECT_EQ(expected[IssueKind::NotANumber].size(), 13u);
    EXPECT_EQ(expected[IssueKind::NegativeValue].size(), 3u);
    EXPECT_EQ(expected[IssueKind::NotWholeNumber].size(), 1u);

    // Fixable: exactly the texts with one reading, as worked out by hand.
    std::map<std::pair<std::string, std::int64_t>, std::string> fixes;
    for (const auto& issue : report.issues) {
        if (issue.kind == IssueKind::NotANumber && issue.fixable) {
            fixes[{issue.theme, issue.fid}] = issue.fixValue.value_or("");
        }
    }
    const std::map<std::pair<std::string, std::int64_t>, std::string> byHand = {
        {{"potensi_ekonomi", 1}, "12.5"},
        {{"potensi_ekonomi", 2}, "2000000"},
        {{"potensi_ekonomi", 3}, "1500000.75"},
        {{"aset_desa", 3}, "1250000"},
        {{"bumdes_unit", 1}, "25000000"}};
    EXPECT_EQ(fixes, byHand);
    const auto* ambiguous = find(report, "potensi_ekonomi", 5, IssueKind::NotANumber);
    ASSERT_NE(ambiguous, nullptr);
    EXPECT_FALSE(ambiguous->fixable);
    EXPECT_EQ(ambiguous->severity, layers::IssueSeverity::Error);
    EXPECT_EQ(ambiguous->column, "nilai_rp");
    const auto* fraction = find(report, "permukiman", 10, IssueKind::NotWholeNumber);
    ASSERT_NE(fraction, nullptr);
    EXPECT_EQ(fraction->severity, layers::IssueSeverity::Warning);

    const auto historyBefore = std::get<std::int64_t>(db.scalar("SELECT count(*) FROM riwayat"));
    const auto changes = layers::fixIssues(project, report.issues, "uji-angka");
    std::size_t numberChanges = 0;
    for (const auto& change : changes) {
        numberChanges += change.kind == IssueKind::NotANumber;
    }
    EXPECT_EQ(numberChanges, byHand.size());
    // SQLite now stores numbers there, equal to the hand-worked values.
    EXPECT_EQ(
        std::get<std::int64_t>(db.scalar(
            "SELECT count(*) FROM potensi_ekonomi WHERE fid IN (1, 2, 3) AND typeof(nilai_rp) "
            "= 'real' AND nilai_rp IN (12.5, 2000000, 1500000.75)")),
        3);
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM aset_desa WHERE fid = 3 AND "
                                               "typeof(nilai_rp) = 'real' AND nilai_rp = 1250000")),
              1);
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM bumdes_unit WHERE fid = 1 "
                                               "AND typeof(modal_rp) = 'real' AND modal_rp = "
                                               "25000000")),
              1);
    // Every change in the history, the new value as a JSON number.
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM riwayat")), historyBefore + 5);
    EXPECT_EQ(std::get<std::int64_t>(db.scalar(
                  "SELECT count(*) FROM riwayat WHERE pengguna = 'uji-angka' AND aksi = 'ubah' AND "
                  "coalesce(json_type(nilai_baru, '$.nilai_rp'), json_type(nilai_baru, "
                  "'$.modal_rp')) IN ('integer', 'real')")),
              5);
    // What has no one reading is still there, and still reported.
    const auto after = layers::validateProject(project, options);
    std::size_t textLeft = 0;
    for (const auto& issue : after.issues) {
        textLeft += issue.kind == IssueKind::NotANumber;
        EXPECT_FALSE(issue.kind == IssueKind::NotANumber && issue.fixable);
    }
    EXPECT_EQ(textLeft, expected[IssueKind::NotANumber].size() - byHand.size());
}
