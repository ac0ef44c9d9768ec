// Hazard exposure on the bundled Maumere sample (real OSM roads and AIFDR tsunami zones, plus
// illustrative assets and settlements) and on Sleman desa × Merapi KRB, checked against the
// same figures computed independently with SpatiaLite SQL in the project file: ST_Intersects
// decides what counts, the highest-level rule is max(level) per feature, and clipped lengths
// and areas are measure(feature ∩ union(zones at level >= L)) - measure(... >= L + 1), measured
// after Transform() to the working CRS. (PetaDesa clips zone by zone instead, highest first.)

#include "geo/analysis/feedback.h"
#include "geo/spatial_database.h"
#include "layers/analysis/exposure_analysis.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>

namespace {

using layers::Project;

std::string vocabulary()
{
    return std::string(PETADESA_SOURCE_DATA_DIR) + "/vocab";
}

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

/// Rows of a two-column query as a map.
std::map<std::string, double> sqlMap(Project& project, const std::string& sql)
{
    std::map<std::string, double> out;
    auto statement = project.database().prepare(sql);
    while (statement.step()) {
        out[statement.text(0)] = statement.isNull(1) ? 0.0 : statement.real(1);
    }
    return out;
}

const std::string levelOfZone = "(CASE z.tingkat WHEN 'rendah' THEN 1 WHEN 'sedang' THEN 2 "
                                "WHEN 'tinggi' THEN 3 END)";

/// (fid, lvl, f.*): the features of `table` touching a zone of `hazard`, at their highest level.
std::string highestLevelSql(const std::string& table, const std::string& hazard)
{
    return "SELECT f.fid AS fid, max(" + levelOfZone +
           ") AS lvl FROM zona_bahaya AS z CROSS JOIN " + table + " AS f WHERE z.jenis_bahaya = '" +
           hazard + "' AND f.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = '" +
           table +
           "' AND search_frame = z.geom) AND ST_Intersects(z.geom, f.geom) = 1 GROUP BY f.fid";
}

/// measure(f ∩ union(zones of the hazard with level >= L) [∩ clip]) in the working CRS, as SQL
/// over a feature alias f.
std::string clippedSql(const std::string& measure,
                       const std::string& hazard,
                       int level,
                       const std::string& clip = {},
                       int srid = 32751)
{
    std::string piece = "ST_Intersection(f.geom, ST_Union(z.geom))";
    if (!clip.empty()) {
        piece = "ST_Intersection(" + piece + ", " + clip + ")";
    }
    return "(SELECT " + measure + "(Transform(" + piece + ", " + std::to_string(srid) +
           ")) FROM zona_bahaya AS z WHERE z.jenis_bahaya = '" + hazard + "' AND " + levelOfZone +
           " >= " + std::to_string(level) +
           " AND z.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'zona_bahaya' "
           "AND search_frame = f.geom) AND ST_Intersects(z.geom, f.geom) = 1)";
}

/// Per level 1..3: total over features of weight × (measure at >= L - measure at >= L + 1).
std::array<double, 4> perLevel(Project& project,
                               const std::string& table,
                               const std::string& measure,
                               const std::string& weight,
                               const std::string& where = "1")
{
    std::array<double, 5> atOrAbove{};
    for (int l = 1; l <= 3; ++l) {
        atOrAbove[static_cast<std::size_t>(l)] = sqlReal(
            project,
            "SELECT total((" + weight + ") * coalesce(" + clippedSql(measure, "tsunami", l) +
                ", 0)) FROM " + table + " AS f WHERE " + where);
    }
    std::array<double, 4> exact{};
    for (std::size_t l = 1; l <= 3; ++l) {
        exact[l] = atOrAbove[l] - atOrAbove[l + 1];
    }
    return exact;
}

void expectRelative(double actual, double expected, const std::string& what)
{
    EXPECT_NEAR(actual, expected, 1e-6 * std::max(1.0, std::fabs(expected))) << what;
}

const char* levelNames[] = {"", "rendah", "sedang", "tinggi"};

/// The sample kecamatan built as data/sample/build.sh does, plus settlement polygons (the
/// sample has points only) made from buffered settlement points, so the area shares of
/// settlement polygons are checked too.
class SampleExposure : public testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<testsupport::TempDir>();
        s_path = s_dir->file("sample.sqlite");
        testsupport::copySampleProject(s_path);
        Project project(s_path);
        project.database().exec(
            "INSERT INTO permukiman (uuid, created_at, updated_at, author, nama, jumlah_penduduk, "
            "geom) SELECT lower(hex(randomblob(16))), '2026-01-01', '2026-01-01', 'uji', "
            "'Area ' || nama, 1000, CastToMultiPolygon(ST_Buffer(geom, 0.002, 4)) FROM "
            "permukiman WHERE fid % 15 = 0");
        // Some geometries stored compressed, as SpatiaLite tools may leave them: the analysis
        // reads most blobs itself and must hand these to SpatiaLite.
        project.database().exec("UPDATE jalan SET geom = CompressGeometry(geom) WHERE fid % 3 = 0");
        project.database().exec(
            "UPDATE potensi_ekonomi SET geom = CompressGeometry(geom) WHERE fid % 2 = 0");
        s_result = std::make_unique<layers::ExposureResult>(layers::analyzeExposure(project));
    }
    static void TearDownTestSuite()
    {
        s_result.reset();
        s_dir.reset();
    }

    static const layers::ExposureFigures& level(int rank)
    {
        for (const auto& row : s_result->byLevel) {
            if (row.hazardType == "tsunami" && row.level == levelNames[rank]) {
                return row.figures;
            }
        }
        throw std::runtime_error("no level");
    }

    static inline std::unique_ptr<testsupport::TempDir> s_dir;
    static inline std::string s_path;
    static inline std::unique_ptr<layers::ExposureResult> s_result;
};

TEST_F(SampleExposure, CountsAndValuesPerLevelMatchSpatialiteSql)
{
    Project project(s_path, Project::Access::ReadOnly);
    ASSERT_EQ(s_result->byLevel.size(), 3u); // tsunami × rendah, sedang, tinggi
    EXPECT_EQ(s_result->zones, 838);
    EXPECT_EQ(s_result->zonesUsed, 838);
    EXPECT_TRUE(s_result->problems.empty());
    struct Count
    {
        const char* table;
        std::int64_t layers::ExposureFigures::*field;
    };
    for (const auto& [table, field] :
         {Count{"aset_desa", &layers::ExposureFigures::assets},
          Count{"pusat_kemasyarakatan", &layers::ExposureFigures::communityCenters},
          Count{"bumdes_unit", &layers::ExposureFigures::bumdesUnits},
          Count{"potensi_ekonomi", &layers::ExposureFigures::potentials},
          Count{"permukiman", &layers::ExposureFigures::settlements}}) {
        const auto expected = sqlMap(project,
                                     "SELECT lvl, count(*) FROM (" +
                                         highestLevelSql(table, "tsunami") + ") GROUP BY lvl");
        for (int l = 1; l <= 3; ++l) {
            const auto it = expected.find(std::to_string(l));
            EXPECT_EQ(level(l).*field, it == expected.end() ? 0 : std::llround(it->second))
                << table << " " << levelNames[l];
        }
    }
    const auto value =
        sqlMap(project,
               "SELECT m.lvl, total(a.nilai_rp) FROM (" + highestLevelSql("aset_desa", "tsunami") +
                   ") AS m JOIN aset_desa AS a ON a.fid = m.fid GROUP BY m.lvl");
    const auto capacity =
        sqlMap(project,
               "SELECT m.lvl, total(c.kapasitas) FROM (" +
                   highestLevelSql("pusat_kemasyarakatan", "tsunami") +
                   ") AS m JOIN pusat_kemasyarakatan AS c ON c.fid = m.fid GROUP BY m.lvl");
    const auto byCategory = sqlMap(project,
                                   "SELECT m.lvl || '|' || coalesce(a.kategori, ''), count(*) "
                                   "FROM (" +
                                       highestLevelSql("aset_desa", "tsunami") +
                                       ") AS m JOIN aset_desa AS a ON a.fid = m.fid GROUP BY 1");
    std::size_t categories = 0;
    for (int l = 1; l <= 3; ++l) {
        const std::string key = std::to_string(l);
        expectRelative(level(l).assetValueRp, value.count(key) ? value.at(key) : 0, "asset value");
        EXPECT_EQ(level(l).communityCenterCapacity,
                  capacity.count(key) ? std::llround(capacity.at(key)) : 0);
        for (const auto& [category, c] : level(l).assetsByCategory) {
            EXPECT_EQ(c.count, std::llround(byCategory.at(key + "|" + category))) << category;
            ++categories;
        }
    }
    EXPECT_EQ(categories, byCategory.size());
    // Against the sample's own documentation (SOURCES.md): 41,196 people in a tsunami zone,
    // 38,033 of them in sedang/tinggi (the point settlements; the added areas come on top).
    const auto pointPeople = sqlMap(project,
                                    "SELECT m.lvl, total(s.jumlah_penduduk) FROM (" +
                                        highestLevelSql("permukiman", "tsunami") +
                                        ") AS m JOIN permukiman AS s ON s.fid = m.fid WHERE "
                                        "GeometryType(s.geom) = 'POINT' GROUP BY m.lvl");
    EXPECT_EQ(pointPeople.at("1") + pointPeople.at("2") + pointPeople.at("3"), 41196);
    EXPECT_EQ(pointPeople.at("2") + pointPeople.at("3"), 38033);
}

TEST_F(SampleExposure, RoadKmPerLevelMatchesSpatialiteSql)
{
    // Maumere OSM roads × the AIFDR tsunami zones.
    Project project(s_path, Project::Access::ReadOnly);
    const auto metres = perLevel(project, "jalan", "ST_Length", "1");
    double total = 0;
    for (int l = 1; l <= 3; ++l) {
        expectRelative(level(l).roadKm,
                       metres[static_cast<std::size_t>(l)] / 1000.0,
                       std::string("road km ") + levelNames[l]);
        total += level(l).roadKm;
    }
    EXPECT_GT(total, 30.0); // 40 km of the sample's roads lie in the scenario
    EXPECT_GT(sqlReal(project,
                      "SELECT count(*) FROM jalan WHERE length(geom) < "
                      "length(UncompressGeometry(geom))"),
              10.0); // compressed roads were measured too
}

TEST_F(SampleExposure, PopulationAndPotentialAreasMatchSpatialiteSql)
{
    Project project(s_path, Project::Access::ReadOnly);
    // Points carry their people whole, at their highest level; polygons share theirs by area.
    const auto points = sqlMap(project,
                               "SELECT m.lvl, total(s.jumlah_penduduk) FROM (" +
                                   highestLevelSql("permukiman", "tsunami") +
                                   ") AS m JOIN permukiman AS s ON s.fid = m.fid WHERE "
                                   "GeometryType(s.geom) = 'POINT' GROUP BY m.lvl");
    const auto polygons = perLevel(project,
                                   "permukiman",
                                   "ST_Area",
                                   "f.jumlah_penduduk / ST_Area(Transform(f.geom, 32751))",
                                   "GeometryType(f.geom) <> 'POINT'");
    double polygonPeople = 0;
    for (int l = 1; l <= 3; ++l) {
        const std::string key = std::to_string(l);
        polygonPeople += polygons[static_cast<std::size_t>(l)];
        expectRelative(level(l).population,
                       (points.count(key) ? points.at(key) : 0) +
                           polygons[static_cast<std::size_t>(l)],
                       std::string("population ") + levelNames[l]);
    }
    EXPECT_GT(polygonPeople, 1000.0); // the added settlement areas do reach the zones

    const auto areas =
        perLevel(project, "potensi_ekonomi", "ST_Area", "1", "GeometryType(f.geom) <> 'POINT'");
    const auto pointValue = sqlMap(project,
                                   "SELECT m.lvl, total(p.nilai_rp) FROM (" +
                                       highestLevelSql("potensi_ekonomi", "tsunami") +
                                       ") AS m JOIN potensi_ekonomi AS p ON p.fid = m.fid WHERE "
                                       "GeometryType(p.geom) = 'POINT' GROUP BY m.lvl");
    const auto polygonValue =
        perLevel(project,
                 "potensi_ekonomi",
                 "ST_Area",
                 "coalesce(f.nilai_rp, 0) / ST_Area(Transform(f.geom, 32751))",
                 "GeometryType(f.geom) <> 'POINT'");
    for (int l = 1; l <= 3; ++l) {
        const std::string key = std::to_string(l);
        expectRelative(level(l).potentialAreaHa,
                       areas[static_cast<std::size_t>(l)] / 10'000.0,
                       "potential area");
        expectRelative(level(l).potentialValueRp,
                       (pointValue.count(key) ? pointValue.at(key) : 0) +
                           polygonValue[static_cast<std::size_t>(l)],
                       "potential value");
    }
}

TEST_F(SampleExposure, PerVillageFiguresMatchSpatialiteSql)
{
    Project project(s_path, Project::Access::ReadOnly);
    // Key "kode|level" for desa/kelurahan rows.
    std::map<std::string, const layers::ExposureFigures*> ours;
    for (const auto& row : s_result->byArea) {
        const auto& area = s_result->areas[row.area];
        if (area.tier != "dusun" && row.hazardType == "tsunami") {
            ours[area.code + "|" + row.level] = &row.figures;
        }
    }
    ASSERT_FALSE(ours.empty());
    const std::string village = "(SELECT w.kode FROM wilayah AS w WHERE w.tingkat IN ('desa', "
                                "'kelurahan') AND ST_Intersects(w.geom, f.geom) = 1 ORDER BY "
                                "w.fid LIMIT 1)";
    // Point settlements: their people count whole in the first desa (by fid) holding them.
    const auto pointPeople = sqlMap(
        project,
        "SELECT v || '|' || lvl, total(p) FROM (SELECT m.lvl AS lvl, f.jumlah_penduduk AS p, " +
            village + " AS v FROM (" + highestLevelSql("permukiman", "tsunami") +
            ") AS m JOIN permukiman AS f ON f.fid = m.fid WHERE GeometryType(f.geom) = 'POINT') "
            "WHERE v IS NOT NULL GROUP BY 1");
    ASSERT_FALSE(pointPeople.empty());
    // Road km and the people of settlement polygons per village and level: the pieces of
    // each feature at or above each level (temporary tables), clipped again by the village.
    auto& db = project.database();
    for (const auto& [name, table, weight, where] :
         {std::tuple<const char*, const char*, const char*, const char*>{
              "ge_jalan", "jalan", "1", "1"},
          {"ge_permukiman",
           "permukiman",
           "f.jumlah_penduduk / ST_Area(Transform(f.geom, 32751))",
           "GeometryType(f.geom) <> 'POINT'"}}) {
        db.exec(std::string("CREATE TEMP TABLE ") + name +
                " (fid INTEGER, l INTEGER, w DOUBLE, g BLOB)");
        for (int l = 1; l <= 3; ++l) {
            db.exec(std::string("INSERT INTO ") + name + " SELECT f.fid, " + std::to_string(l) +
                    ", " + weight +
                    ", (SELECT ST_Intersection(f.geom, ST_Union(z.geom)) FROM zona_bahaya AS z "
                    "WHERE z.jenis_bahaya = 'tsunami' AND " +
                    levelOfZone + " >= " + std::to_string(l) +
                    " AND z.ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = "
                    "'zona_bahaya' AND search_frame = f.geom) AND ST_Intersects(z.geom, f.geom) = "
                    "1) FROM " +
                    table + " AS f WHERE " + where);
        }
    }
    const auto perVillage = [&](const std::string& table, const std::string& measure) {
        return sqlMap(project,
                      "SELECT w.kode || '|' || p.l, total(p.w * " + measure +
                          "(Transform(ST_Intersection(p.g, w.geom), 32751))) FROM wilayah AS w "
                          "CROSS JOIN " +
                          table +
                          " AS p WHERE w.tingkat IN ('desa', 'kelurahan') AND p.g IS NOT NULL "
                          "AND ST_Intersects(p.g, w.geom) = 1 GROUP BY 1");
    };
    const auto roadMetres = perVillage("ge_jalan", "ST_Length");
    const auto polygonPeople = perVillage("ge_permukiman", "ST_Area");
    auto at = [](const std::map<std::string, double>& map, const std::string& key) {
        const auto it = map.find(key);
        return it == map.end() ? 0.0 : it->second;
    };
    std::size_t compared = 0;
    auto areas =
        db.prepare("SELECT kode FROM wilayah WHERE tingkat IN ('desa', 'kelurahan') ORDER BY fid");
    while (areas.step()) {
        const std::string code = areas.text(0);
        for (int l = 1; l <= 3; ++l) {
            const std::string key = code + "|" + std::to_string(l);
            const std::string above = code + "|" + std::to_string(l + 1);
            const double km = (at(roadMetres, key) - at(roadMetres, above)) / 1000.0;
            const auto it = ours.find(code + "|" + levelNames[l]);
            const double actual = it == ours.end() ? 0.0 : it->second->roadKm;
            EXPECT_NEAR(actual, km, 1e-6 * std::max(1.0, km)) << code << " " << levelNames[l];
            compared += km > 0;
            // Level figures are differences of two clipped measures; compare them relative
            // to the larger one.
            const double population =
                at(pointPeople, key) + at(polygonPeople, key) - at(polygonPeople, above);
            const double ourPopulation = it == ours.end() ? 0.0 : it->second->population;
            EXPECT_NEAR(ourPopulation,
                        population,
                        1e-6 * std::max({1.0, population, at(polygonPeople, key)}))
                << code << " " << levelNames[l];
        }
    }
    EXPECT_GT(compared, 10u);
}

TEST_F(SampleExposure, ResultTablesAndProvenance)
{
    Project project(s_path, Project::Access::ReadOnly);
    EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM hasil_paparan_tingkat"), 3);
    EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM hasil_paparan_fitur"),
              static_cast<double>(s_result->exposedFeatureCount()));
    EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM hasil_paparan_desa"),
              static_cast<double>(s_result->byArea.size()));
    EXPECT_EQ(sqlReal(project,
                      "SELECT count(*) FROM hasil_paparan_fitur WHERE tema = 'aset_desa' AND "
                      "tingkat IS NOT NULL"),
              static_cast<double>(level(1).assets + level(2).assets + level(3).assets));
    EXPECT_EQ(sqlReal(project, "SELECT sum(aset) FROM hasil_paparan_tingkat"),
              static_cast<double>(level(1).assets + level(2).assets + level(3).assets));
    EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM analisis_log WHERE analisis = 'paparan'"), 1);
    EXPECT_GT(s_result->logId, 0);
    // Every exposed asset row points at a real asset with the same category.
    EXPECT_EQ(
        sqlReal(project,
                "SELECT count(*) FROM hasil_paparan_fitur AS h JOIN aset_desa AS a ON "
                "a.fid = h.fitur_fid AND a.kategori IS h.kategori WHERE h.tema = 'aset_desa'"),
        static_cast<double>(level(1).assets + level(2).assets + level(3).assets));
}

TEST_F(SampleExposure, CancelLeavesTheProjectAsItWas)
{
    Project project(s_path);
    const double runs = sqlReal(project, "SELECT count(*) FROM analisis_log");
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    EXPECT_THROW(layers::analyzeExposure(project, {}, &feedback), geo::AnalysisCanceled);
    EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM analisis_log"), runs);
    EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM hasil_paparan_tingkat"), 3);
}

TEST_F(SampleExposure, SeesUncommittedChangesOfAnOpenTransaction)
{
    // Inside the caller's open transaction the analysis reads on the caller's connection (a
    // second connection would not see the new asset) and writes nothing of its own.
    Project project(s_path);
    layers::ExposureOptions options;
    options.writeResults = false;
    const auto tinggi = [](const layers::ExposureResult& result) {
        for (const auto& row : result.byLevel) {
            if (row.hazardType == "tsunami" && row.level == "tinggi") {
                return row.figures.assets;
            }
        }
        return std::int64_t{-1};
    };
    const auto committed = layers::analyzeExposure(project, options);
    EXPECT_EQ(tinggi(committed), level(3).assets);
    geo::Transaction transaction(project.database());
    project.database().exec(
        "INSERT INTO aset_desa (uuid, created_at, updated_at, author, nama, kategori, nilai_rp, "
        "geom) SELECT lower(hex(randomblob(16))), created_at, updated_at, author, nama, "
        "kategori, nilai_rp, geom FROM aset_desa WHERE fid = (SELECT fitur_fid FROM "
        "hasil_paparan_fitur WHERE tema = 'aset_desa' AND tingkat = 'tinggi' LIMIT 1)");
    ASSERT_EQ(project.database().changes(), 1);
    const auto uncommitted = layers::analyzeExposure(project, options);
    EXPECT_EQ(tinggi(uncommitted), tinggi(committed) + 1);
    EXPECT_EQ(uncommitted.exposedFeatureCount(), committed.exposedFeatureCount() + 1);
}

TEST(Exposure, ZonesOfUnknownLevelAndRowsWithoutGeometry)
{
    // A zone of an unknown level is left out and named; a zone without geometry neither counts
    // nor adds its level; its hazard type still gets its rows (all zero). An asset without
    // geometry is skipped; one without nilai_rp counts with 0 Rp.
    testsupport::TempDir dir;
    const auto path = dir.file("odd.sqlite");
    testsupport::copySampleProject(path);
    Project project(path);
    auto& db = project.database();
    layers::ExposureOptions options;
    options.writeResults = false;
    const auto before = layers::analyzeExposure(project, options);
    const std::string copyZone =
        "INSERT INTO zona_bahaya (uuid, created_at, updated_at, author, jenis_bahaya, tingkat, "
        "geom) SELECT lower(hex(randomblob(16))), created_at, updated_at, author, ";
    db.exec(copyZone + "jenis_bahaya, 'ekstrem', geom FROM zona_bahaya LIMIT 1");
    db.exec(copyZone + "'banjir', 'tinggi', NULL FROM zona_bahaya LIMIT 1");
    const std::string copyAsset =
        "INSERT INTO aset_desa (uuid, created_at, updated_at, author, nama, kategori, nilai_rp, "
        "geom) SELECT lower(hex(randomblob(16))), a.created_at, a.updated_at, a.author, a.nama, "
        "a.kategori, ";
    const std::string exposedAsset =
        " FROM aset_desa AS a WHERE EXISTS (SELECT 1 FROM zona_bahaya AS z WHERE z.tingkat = "
        "'tinggi' AND z.jenis_bahaya = 'tsunami' AND ST_Intersects(a.geom, z.geom)) LIMIT 1";
    db.exec(copyAsset + "NULL, a.geom" + exposedAsset);
    db.exec(copyAsset + "a.nilai_rp, NULL" + exposedAsset);
    const auto after = layers::analyzeExposure(project, options);

    EXPECT_EQ(after.zones, before.zones + 1); // the ekstrem zone; not the one without geometry
    EXPECT_EQ(after.zonesUsed, before.zonesUsed);
    EXPECT_EQ(after.unknownLevels.at("ekstrem"), 1);
    EXPECT_EQ(after.unknownLevels.count("tinggi"), 0u);
    EXPECT_EQ(after.hazardTypes, (std::vector<std::string>{"banjir", "tsunami"}));
    ASSERT_EQ(after.byLevel.size(), 6u);
    for (int level = 0; level < 3; ++level) {
        EXPECT_EQ(after.byLevel[static_cast<std::size_t>(level)].hazardType, "banjir");
        EXPECT_TRUE(after.byLevel[static_cast<std::size_t>(level)].figures.isEmpty());
    }
    const auto& tinggiBefore = before.byLevel[2].figures;
    const auto& tinggiAfter = after.byLevel[5].figures;
    ASSERT_EQ(after.byLevel[5].level, "tinggi");
    EXPECT_EQ(tinggiAfter.assets, tinggiBefore.assets + 1);
    EXPECT_EQ(tinggiAfter.assetValueRp, tinggiBefore.assetValueRp);
    EXPECT_EQ(after.exposedFeatureCount(), before.exposedFeatureCount() + 1);
}

std::string copyShapefile(const testsupport::TempDir& dir, const std::string& relative)
{
    const std::filesystem::path source =
        std::filesystem::path(TEST_DATA_DIR) / "realdata" / relative;
    for (const char* extension : {".shp", ".shx", ".dbf", ".prj"}) {
        std::filesystem::copy_file(source.string() + extension,
                                   dir.file(source.stem().string() + extension));
    }
    return dir.file(source.stem().string() + ".shp");
}

TEST(RealExposure, SlemanDesaTouchedByMerapiKrbIII)
{
    testsupport::TempDir dir;
    const auto path = dir.file("sleman.sqlite");
    Project::create(path, {"Sleman", "", false, vocabulary()});
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
    layers::ImportOptions krb;
    krb.theme = "zona_bahaya";
    krb.constants["jenis_bahaya"] = "letusan gunung api";
    krb.reportPath = dir.file("krb.csv");
    layers::importFile(project, copyShapefile(dir, "inasafe_data/volcano/Merapi_hazard_zone"), krb);

    const auto result = layers::analyzeExposure(project);
    EXPECT_EQ(result.workingCrs, "EPSG:32749");
    std::set<std::string> krb3;
    for (const auto& row : result.byArea) {
        if (row.hazardType == "letusan gunung api" && row.level == "tinggi" &&
            row.figures.zones > 0) {
            krb3.insert(result.areas[row.area].name);
        }
    }
    for (const char* name : {"Kepuharjo", "Glagaharjo", "Umbulharjo"}) {
        EXPECT_TRUE(krb3.count(name)) << name;
    }
    // The same desa set, computed with SpatiaLite.
    std::set<std::string> expected;
    auto statement = project.database().prepare(
        "SELECT DISTINCT w.nama FROM wilayah AS w, zona_bahaya AS z WHERE z.tingkat = 'tinggi' "
        "AND ST_Intersects(w.geom, z.geom) = 1");
    while (statement.step()) {
        expected.insert(statement.text(0));
    }
    EXPECT_EQ(krb3, expected);
    EXPECT_GE(krb3.size(), 3u);
}

} // namespace

namespace {

TEST(RealExposure, JakartaBuildingsInFloodProneRw)
{
    // 13,620 OSM building polygons × 1,009 flood-prone RW polygons of 2007 (all "YES"), which
    // share their boundaries: a building across two RWs is counted once and its area once.
    testsupport::TempDir dir;
    const auto path = dir.file("jakarta.sqlite");
    Project::create(path, {"Jakarta", "", false, vocabulary()});
    Project project(path);
    layers::ImportOptions rw;
    rw.theme = "zona_bahaya";
    rw.constants["jenis_bahaya"] = "banjir";
    rw.constants["tingkat"] = "tinggi";
    rw.reportPath = dir.file("rw.csv");
    layers::importFile(
        project, copyShapefile(dir, "inasafe_data/jakarta_flood/Jakarta_RW_2007flood"), rw);
    layers::ImportOptions buildings;
    buildings.theme = "aset_desa";
    buildings.reportPath = dir.file("buildings.csv");
    layers::importFile(
        project, copyShapefile(dir, "inasafe_data/jakarta_flood/buildings_jakarta"), buildings);

    const auto result = layers::analyzeExposure(project);
    EXPECT_EQ(result.workingCrs, "EPSG:32748");
    ASSERT_EQ(result.byLevel.size(), 3u);
    const auto& tinggi = result.byLevel[2].figures;
    EXPECT_EQ(tinggi.zones, 1009);
    const double exposed =
        sqlReal(project, "SELECT count(*) FROM (" + highestLevelSql("aset_desa", "banjir") + ")");
    EXPECT_EQ(static_cast<double>(tinggi.assets), exposed);
    EXPECT_GT(tinggi.assets, 3000);
    double ours = 0;
    for (const auto& chunk : result.featureChunks) {
        for (const auto& feature : chunk) {
            ours += feature.areaM2;
        }
    }
    const double expected = sqlReal(
        project,
        "SELECT total(" + clippedSql("ST_Area", "banjir", 3, {}, 32748) + ") FROM aset_desa AS f");
    EXPECT_NEAR(ours, expected, 1e-6 * expected);
}

} // namespace
