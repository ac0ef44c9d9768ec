// Imports the real public data sets of tests/data/realdata (see tests/data/SOURCES.md) into
// fresh projects, checks counts, repairs, attributes and geometry against the source files, then
// exports every theme to GeoPackage and GeoJSON and re-imports it into another project.
//
// The expected numbers below were computed independently of PetaDesa, from the source files
// with GDAL 3.6.2 (ogrinfo and its SQLite dialect, which runs SpatiaLite 5 and GEOS):
//   features:  ogrinfo -so -al FILE                                    ("Feature Count")
//   invalid:   /usr/bin/python3 + osgeo.ogr: [f.GetFID() for f in layer
//                                             if not f.GetGeometryRef().IsValid()]
//   area:      ogrinfo -q -dialect sqlite -sql 'select printf("%.6f", sum(ST_Area(geometry, 1)))
//                                               from LAYER where ST_IsValid(geometry)' FILE
//   length:    same with sum(ST_Length(geometry, 1)) (roads; all 18,574 lines)
// The tests also recompute the area of the valid source polygons themselves (reading the file
// with geo::VectorSource and measuring each polygon with SpatiaLite) so the check does not rest
// on the hard-coded number alone.

#include "geo/gdal_dataset.h"
#include "geo/spatial_database.h"
#include "layers/exporter.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "layers/theme.h"
#include "support/temp_dir.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

using layers::ImportIssue;
using layers::ImportOptions;
using layers::ImportResult;
using layers::Project;

std::string realData(const std::string& relative)
{
    return std::string(TEST_DATA_DIR) + "/realdata/" + relative;
}

std::string vocabularyDirectory()
{
    return std::string(PETADESA_SOURCE_DATA_DIR) + "/vocab";
}

std::string createProject(const testsupport::TempDir& dir, const std::string& name)
{
    const std::string path = dir.file(name + ".petadesa");
    layers::Project::create(path, {name, "", false, vocabularyDirectory()});
    return path;
}

/// One real data set and what ogrinfo / GEOS say about it.
struct RealSet
{
    std::string name; ///< test name suffix
    std::string file; ///< relative to tests/data/realdata
    std::string theme;
    std::map<std::string, std::string> constants;
    std::map<std::string, std::string> fieldMap;
    std::int64_t features = 0;             ///< ogrinfo "Feature Count"
    std::vector<std::int64_t> invalidFids; ///< GEOS IsValid() false (OGR FIDs)
    bool lines = false;                    ///< measure length instead of area
    double validMeasure = 0;               ///< m² (or m) of the valid source features
};

std::ostream& operator<<(std::ostream& out, const RealSet& set)
{
    return out << set.name;
}

const std::vector<RealSet>& realSets()
{
    static const std::vector<RealSet> sets = {
        // 86 desa, all valid; sum(ST_Area(geometry,1)) = 573764403.176627 m².
        {"SlemanDesa",
         "boundaries_kemendagri_cahyadsn/merapi_sleman_magelang_klaten_boyolali/"
         "desa_34.04_kab_sleman.geojson",
         "wilayah",
         {{"tingkat", "desa"}},
         {},
         86,
         {},
         false,
         573764403.176627},
        // KRB I x8, II x1, III x1; FID 1 self-intersects. Valid 9: 243275450.118144 m².
        {"MerapiKrb",
         "inasafe_data/volcano/Merapi_hazard_zone.shp",
         "zona_bahaya",
         {{"jenis_bahaya", "letusan gunung api"}},
         {},
         10,
         {1},
         false,
         243275450.118144},
        // 18,574 OSM lines; sum(ST_Length(geometry,1)) = 5691399.868982 m.
        {"JakartaRoads",
         "inasafe_data/jakarta_flood/jakarta_roads.shp",
         "jalan",
         {},
         {},
         18574,
         {},
         true,
         5691399.868982},
        // 13,620 OSM building polygons, FIDs 1140 and 6150 invalid; valid 13,618:
        // 22563086.341539 m².
        {"JakartaBuildings",
         "inasafe_data/jakarta_flood/buildings_jakarta.shp",
         "aset_desa",
         {},
         {},
         13620,
         {1140, 6150},
         false,
         22563086.341539},
        // 1,009 RW polygons flooded in 2007, 7 invalid; valid 1,002: 238075440.600234 m².
        {"JakartaRwFlood",
         "inasafe_data/jakarta_flood/Jakarta_RW_2007flood.shp",
         "zona_bahaya",
         {{"jenis_bahaya", "banjir"}, {"tingkat", "tinggi"}},
         {},
         1009,
         {157, 177, 190, 203, 204, 577, 906},
         false,
         238075440.600234},
        // 1,032 tsunami contour polygons, 35 invalid; valid 997: 971079.637805 m².
        {"MaumereTsunami",
         "inasafe_data/maumere_tsunami/tsunami_polygon_WGS84.shp",
         "zona_bahaya",
         {{"jenis_bahaya", "tsunami"}},
         {},
         1032,
         {15,  33,  49,  68,  118, 149, 181, 213, 221, 237, 241, 246, 261, 333, 352, 380, 399, 405,
          411, 414, 424, 478, 534, 537, 546, 657, 675, 685, 722, 730, 799, 851, 932, 974, 1007},
         false,
         971079.637805},
    };
    return sets;
}

const RealSet& realSet(const std::string& name)
{
    for (const auto& set : realSets()) {
        if (set.name == name) {
            return set;
        }
    }
    throw std::runtime_error("no real set " + name);
}

/// A project holding one imported set; kept for the whole test program so each set is
/// imported once however many tests look at it.
struct Imported
{
    std::unique_ptr<testsupport::TempDir> dir;
    std::string sourcePath; ///< the private copy that was imported
    std::string projectPath;
    ImportResult result;
};

/// Copies a data file and its sidecars (.dbf, .shx, .prj ...) into folder. The tests import
/// the copy: GDAL (SHAPE_RESTORE_SHX) may rewrite a .shx beside its source, and ctest runs
/// tests in parallel processes.
std::string copyWithSidecars(const std::string& file, const std::filesystem::path& folder)
{
    const std::filesystem::path original(file);
    std::filesystem::create_directories(folder);
    for (const auto& entry : std::filesystem::directory_iterator(original.parent_path())) {
        if (entry.path().stem() == original.stem()) {
            std::filesystem::copy_file(entry.path(), folder / entry.path().filename());
        }
    }
    return (folder / original.filename()).string();
}

Imported importInto(const std::string& file,
                    const std::string& theme,
                    const std::map<std::string, std::string>& constants,
                    const std::map<std::string, std::string>& fieldMap,
                    bool strict = false)
{
    Imported imported;
    imported.dir = std::make_unique<testsupport::TempDir>();
    imported.sourcePath =
        copyWithSidecars(file, std::filesystem::path(imported.dir->path()) / "sumber");
    imported.projectPath = createProject(*imported.dir, "proyek");
    Project project(imported.projectPath);
    ImportOptions options;
    options.theme = theme;
    options.constants = constants;
    options.fieldMap = fieldMap;
    options.strict = strict;
    options.author = "real-data-test";
    options.reportPath = imported.dir->file("laporan.csv");
    imported.result = layers::importFile(project, imported.sourcePath, options);
    return imported;
}

const Imported& importedSet(const RealSet& set)
{
    static std::map<std::string, Imported> cache;
    auto found = cache.find(set.name);
    if (found == cache.end()) {
        found = cache
                    .emplace(set.name,
                             importInto(realData(set.file), set.theme, set.constants, set.fieldMap))
                    .first;
    }
    return found->second;
}

std::string measureSql(bool lines, const std::string& geometry)
{
    return lines ? "ST_Length(" + geometry + ", 1)" : "ST_Area(" + geometry + ", 1)";
}

/// Source features in reading order: OGR FID and geodesic area (or length) measured by
/// SpatiaLite on the geometry as geo::VectorSource reads it (EPSG:4326).
std::vector<std::pair<std::int64_t, double>> measureSource(const std::string& file, bool lines)
{
    // A scratch project only for its SpatiaLite connection (spatial_ref_sys knows EPSG:4326).
    testsupport::TempDir dir;
    Project scratch(createProject(dir, "ukur"));
    auto measure =
        scratch.database().prepare("SELECT " + measureSql(lines, "GeomFromWKB(?, 4326)"));
    geo::VectorSource source(file);
    std::vector<std::pair<std::int64_t, double>> out;
    for (const auto& layer : source.layerNames()) {
        geo::VectorSource::Reader reader(source, layer, "", "EPSG:4326");
        geo::SourceFeature feature;
        while (reader.next(feature)) {
            double value = std::nan("");
            if (!feature.wkb.empty()) {
                measure.bindBlob(1, feature.wkb.data(), feature.wkb.size());
                if (measure.step() && !measure.isNull(0)) {
                    value = measure.real(0);
                }
                measure.reset();
            }
            out.emplace_back(feature.fid, value);
        }
    }
    return out;
}

/// Project features in insertion order (fid): uuid and geodesic area (or length).
std::vector<std::pair<std::string, double>>
measureProject(Project& project, const std::string& theme, bool lines)
{
    auto statement =
        project.database().prepare("SELECT uuid, " + measureSql(lines, "geom") + " FROM " +
                                   geo::quoteIdentifier(theme) + " ORDER BY fid");
    std::vector<std::pair<std::string, double>> out;
    while (statement.step()) {
        out.emplace_back(statement.text(0), statement.isNull(1) ? std::nan("") : statement.real(1));
    }
    return out;
}

std::int64_t countWhere(Project& project, const std::string& sql)
{
    const auto value = project.database().scalar(sql);
    return std::get<std::int64_t>(value);
}

std::set<std::int64_t> fidsOf(const ImportResult& result, ImportIssue::Kind kind)
{
    std::set<std::int64_t> fids;
    for (const auto& issue : result.issues) {
        if (issue.kind == kind) {
            fids.insert(issue.featureId);
        }
    }
    return fids;
}

std::string describeIssues(const ImportResult& result, std::size_t limit = 8)
{
    std::string text;
    std::size_t shown = 0;
    for (const auto& issue : result.issues) {
        if (issue.kind == ImportIssue::Kind::Warning) {
            continue;
        }
        if (shown++ == limit) {
            text += "  ...\n";
            break;
        }
        text += "  fid " + std::to_string(issue.featureId) + ": " + issue.reason + "\n";
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// Import of every set: counts, repairs and geometry.

class RealDataImport : public ::testing::TestWithParam<RealSet>
{
};

TEST_P(RealDataImport, CountsAndRepairsMatchTheSource)
{
    const RealSet& set = GetParam();
    const Imported& imported = importedSet(set);
    const ImportResult& result = imported.result;

    EXPECT_EQ(result.read, set.features);
    EXPECT_EQ(result.imported + result.rejected, set.features) << describeIssues(result);
    EXPECT_EQ(result.rejected, 0) << describeIssues(result);
    EXPECT_EQ(result.repaired, static_cast<std::int64_t>(set.invalidFids.size()))
        << describeIssues(result);
    const std::set<std::int64_t> expectedRepaired(set.invalidFids.begin(), set.invalidFids.end());
    EXPECT_EQ(fidsOf(result, ImportIssue::Kind::Repaired), expectedRepaired);

    Project project(imported.projectPath);
    EXPECT_EQ(project.featureCount(set.theme), result.imported);
    // Every stored geometry is valid, 2D and of the theme's family.
    const std::string table = geo::quoteIdentifier(set.theme);
    EXPECT_EQ(
        countWhere(project,
                   "SELECT count(*) FROM " + table + " WHERE geom IS NULL OR NOT ST_IsValid(geom)"),
        0);
    EXPECT_EQ(countWhere(project,
                         "SELECT count(*) FROM " + table + " WHERE CoordDimension(geom) <> 'XY'"),
              0);
    const std::string family = set.lines ? "MULTILINESTRING" : "MULTIPOLYGON";
    EXPECT_EQ(countWhere(project,
                         "SELECT count(*) FROM " + table + " WHERE GeometryType(geom) <> '" +
                             family + "'"),
              0);
    // A report of the repairs is written when there are any.
    if (!set.invalidFids.empty()) {
        EXPECT_FALSE(result.reportPath.empty());
        EXPECT_NE(testsupport::readText(result.reportPath).find(std::to_string(set.invalidFids[0])),
                  std::string::npos);
    }
}

TEST_P(RealDataImport, GeometryOfValidFeaturesSurvives)
{
    const RealSet& set = GetParam();
    const Imported& imported = importedSet(set);
    ASSERT_EQ(imported.result.rejected, 0) << "features would not line up";

    const auto source = measureSource(imported.sourcePath, set.lines);
    Project project(imported.projectPath);
    const auto stored = measureProject(project, set.theme, set.lines);
    ASSERT_EQ(source.size(), stored.size());

    const std::set<std::int64_t> invalid(set.invalidFids.begin(), set.invalidFids.end());
    double sourceTotal = 0;
    double storedTotal = 0;
    std::size_t worst = 0;
    double worstError = 0;
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (invalid.count(source[i].first)) {
            // A repaired polygon keeps an area, but not necessarily the (ill-defined) area of
            // the self-intersecting source ring.
            EXPECT_GT(stored[i].second, 0) << "repaired fid " << source[i].first;
            continue;
        }
        sourceTotal += source[i].second;
        storedTotal += stored[i].second;
        const double error =
            std::fabs(stored[i].second - source[i].second) / std::max(source[i].second, 1e-9);
        if (error > worstError) {
            worstError = error;
            worst = i;
        }
    }
    // The in-test measurement agrees with ogrinfo's (see the top of the file).
    EXPECT_NEAR(sourceTotal, set.validMeasure, set.validMeasure * 1e-6);
    EXPECT_NEAR(storedTotal, sourceTotal, sourceTotal * 1e-6);
    EXPECT_LT(worstError, 1e-6) << "worst feature: source fid " << source[worst].first << " "
                                << source[worst].second << " stored " << stored[worst].second;
}

INSTANTIATE_TEST_SUITE_P(RealData,
                         RealDataImport,
                         ::testing::ValuesIn(realSets()),
                         [](const auto& test) { return test.param.name; });

// ---------------------------------------------------------------------------------------------
// Attributes of each set against the source.

/// Feature rows of a theme whose column `key` equals value.
std::vector<std::map<std::string, geo::Value>> rowsWhere(Project& project,
                                                         const std::string& theme,
                                                         const std::string& key,
                                                         const std::string& value)
{
    const layers::Theme* definition = layers::findTheme(theme);
    std::string sql = "SELECT uuid, atribut_lain";
    for (const auto& column : definition->columns) {
        sql += ", " + geo::quoteIdentifier(column.name);
    }
    sql += " FROM " + geo::quoteIdentifier(theme) + " WHERE " + geo::quoteIdentifier(key) +
           " = ? ORDER BY fid";
    auto statement = project.database().prepare(sql);
    statement.bind(1, value);
    std::vector<std::map<std::string, geo::Value>> rows;
    while (statement.step()) {
        std::map<std::string, geo::Value> row;
        for (int i = 0; i < statement.columnCount(); ++i) {
            row[statement.columnName(i)] = statement.value(i);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string text(const std::map<std::string, geo::Value>& row, const std::string& column)
{
    auto found = row.find(column);
    return found == row.end() ? std::string("<no column>") : geo::toText(found->second);
}

QJsonObject extra(const std::map<std::string, geo::Value>& row)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text(row, "atribut_lain"))).object();
}

TEST(RealDataAttributes, SlemanDesaKeepCodesAndNames)
{
    const Imported& imported = importedSet(realSet("SlemanDesa"));
    Project project(imported.projectPath);
    // ogrinfo -dialect sqlite -sql "select kode, nama, jenis, kode_kec ... where nama in (...)"
    const std::vector<std::pair<std::string, std::string>> villages = {
        {"Glagaharjo", "34.04.17.2003"},
        {"Kepuharjo", "34.04.17.2004"},
        {"Umbulharjo", "34.04.17.2005"}};
    for (const auto& [nama, kode] : villages) {
        const auto rows = rowsWhere(project, "wilayah", "nama", nama);
        ASSERT_EQ(rows.size(), 1u) << nama;
        EXPECT_EQ(text(rows[0], "kode"), kode);
        EXPECT_EQ(text(rows[0], "kode_induk"), "34.04.17");
        EXPECT_EQ(text(rows[0], "tingkat"), "desa");
        const QJsonObject other = extra(rows[0]);
        EXPECT_EQ(other.value("nama_kab").toString().toStdString(), "Kabupaten Sleman") << nama;
        EXPECT_TRUE(other.value("lat").isDouble()) << nama;
    }
    // All 86 carry a distinct Kemendagri code of Sleman (34.04.xx.xxxx).
    EXPECT_EQ(countWhere(project,
                         "SELECT count(DISTINCT kode) FROM wilayah WHERE kode LIKE "
                         "'34.04.__.____'"),
              86);
    EXPECT_EQ(countWhere(project, "SELECT count(*) FROM wilayah WHERE tingkat = 'desa'"), 86);
}

TEST(RealDataAttributes, MerapiKrbLevelsMapAndKeepTheSourceClass)
{
    const Imported& imported = importedSet(realSet("MerapiKrb"));
    Project project(imported.projectPath);
    // KRB (ogrinfo): "Kawasan Rawan Bencana I" x8, "... II" x1, "... III" x1.
    auto count = [&](const std::string& tingkat, const std::string& kelas) {
        auto statement = project.database().prepare(
            "SELECT count(*) FROM zona_bahaya WHERE tingkat = ? AND kelas_asli = ? AND "
            "jenis_bahaya = 'letusan gunung api'");
        statement.bind(1, tingkat).bind(2, kelas);
        statement.step();
        return statement.integer(0);
    };
    EXPECT_EQ(count("rendah", "Kawasan Rawan Bencana I"), 8);
    EXPECT_EQ(count("sedang", "Kawasan Rawan Bencana II"), 1);
    EXPECT_EQ(count("tinggi", "Kawasan Rawan Bencana III"), 1);
    EXPECT_TRUE(imported.result.unknownValues.empty());
    const auto rows = rowsWhere(project, "zona_bahaya", "tingkat", "tinggi");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(extra(rows[0]).value("GUNUNG").toString().toStdString(), "Merapi");
}

TEST(RealDataAttributes, JakartaRoadsKeepNamesClassesAndOneWay)
{
    const Imported& imported = importedSet(realSet("JakartaRoads"));
    Project project(imported.projectPath);
    // FID 0 (ogrinfo -fid 0): TYPE motorway, NAME "Jakarta Merak", ONEWAY yes.
    auto first =
        project.database().prepare("SELECT kelas, nama, satu_arah FROM jalan ORDER BY fid LIMIT 1");
    ASSERT_TRUE(first.step());
    EXPECT_EQ(first.text(0), "arteri");
    EXPECT_EQ(first.text(1), "Jakarta Merak");
    EXPECT_EQ(first.integer(2), 1);
    // "Sudirman" is the NAME of 12 primary roads (ogrinfo -dialect sqlite -sql "select TYPE,
    // count(*) from jakarta_roads where NAME = 'Sudirman' group by 1").
    EXPECT_EQ(countWhere(project,
                         "SELECT count(*) FROM jalan WHERE nama = 'Sudirman' AND kelas = 'arteri'"),
              12);
    // TYPE: residential 14,854 + living_street 330 + unclassified 148 + service 103 + road 22.
    EXPECT_EQ(countWhere(project, "SELECT count(*) FROM jalan WHERE kelas = 'lingkungan'"),
              14854 + 330 + 148 + 103 + 22);
    // NAME is null on 10,324 lines; ONEWAY yes 1,886, -1 31, no 64, null 16,593.
    EXPECT_EQ(countWhere(project, "SELECT count(*) FROM jalan WHERE nama IS NULL"), 10324);
    EXPECT_EQ(countWhere(project, "SELECT count(*) FROM jalan WHERE satu_arah = 1"), 1886 + 31);
    EXPECT_EQ(countWhere(project, "SELECT count(*) FROM jalan WHERE satu_arah = 0"), 64);
    // TYPE values outside kelas_jalan are kept as they are and reported.
    const auto& unknown = imported.result.unknownValues;
    ASSERT_TRUE(unknown.count("kelas"));
    EXPECT_EQ(unknown.at("kelas").at("construction"), 5);
    EXPECT_EQ(countWhere(project, "SELECT count(*) FROM jalan WHERE kelas = 'construction'"), 5);
}

TEST(RealDataAttributes, JakartaBuildingsKeepOsmIdNameAndType)
{
    const Imported& imported = importedSet(realSet("JakartaBuildings"));
    Project project(imported.projectPath);
    // type is null on 9,044 buildings, "school" on 1,298 (ogrinfo ... group by type).
    EXPECT_EQ(countWhere(project, "SELECT count(*) FROM aset_desa WHERE kategori IS NULL"), 9044);
    EXPECT_EQ(countWhere(project, "SELECT count(*) FROM aset_desa WHERE kategori = 'school'"),
              1298);
    // osm_id is unique and kept in atribut_lain.
    EXPECT_EQ(countWhere(project,
                         "SELECT count(DISTINCT json_extract(atribut_lain, '$.osm_id')) "
                         "FROM aset_desa"),
              13620);
}

TEST(RealDataAttributes, JakartaRwFloodTakesTheConstants)
{
    const Imported& imported = importedSet(realSet("JakartaRwFlood"));
    Project project(imported.projectPath);
    EXPECT_EQ(countWhere(project,
                         "SELECT count(*) FROM zona_bahaya WHERE jenis_bahaya = 'banjir' "
                         "AND tingkat = 'tinggi'"),
              1009);
    // FLOODPRONE "YES" x1001 and "Yes" x8 stay in atribut_lain as they were.
    EXPECT_EQ(countWhere(project,
                         "SELECT count(*) FROM zona_bahaya WHERE "
                         "json_extract(atribut_lain, '$.FLOODPRONE') = 'YES'"),
              1001);
    EXPECT_EQ(countWhere(project,
                         "SELECT count(*) FROM zona_bahaya WHERE "
                         "json_extract(atribut_lain, '$.FLOODPRONE') = 'Yes'"),
              8);
}

TEST(RealDataAttributes, MaumereTsunamiCategoryMapsThroughSynonyms)
{
    const Imported& imported = importedSet(realSet("MaumereTsunami"));
    Project project(imported.projectPath);
    // Category (ogrinfo): Low 150, Medium 402, High 171, Very High 309.
    auto count = [&](const std::string& tingkat, const std::string& kelas) {
        auto statement = project.database().prepare(
            "SELECT count(*) FROM zona_bahaya WHERE tingkat = ? AND kelas_asli = ? AND "
            "jenis_bahaya = 'tsunami'");
        statement.bind(1, tingkat).bind(2, kelas);
        statement.step();
        return statement.integer(0);
    };
    EXPECT_EQ(count("rendah", "Low"), 150);
    EXPECT_EQ(count("sedang", "Medium"), 402);
    EXPECT_EQ(count("tinggi", "High"), 171);
    EXPECT_EQ(count("tinggi", "Very High"), 309);
    EXPECT_TRUE(imported.result.unknownValues.empty());
}

// Buildings into pusat_kemasyarakatan: `type` maps to jenis through the vocabulary, the
// constant fills the 9,044 buildings without a type, and OSM types outside jenis_pusat are kept
// and reported (or rejected with strict).
TEST(RealDataAttributes, JakartaBuildingsAsCommunityCentres)
{
    const std::string file = realData("inasafe_data/jakarta_flood/buildings_jakarta.shp");
    Imported imported = importInto(file, "pusat_kemasyarakatan", {{"jenis", "lain-lain"}}, {});
    const ImportResult& result = imported.result;
    EXPECT_EQ(result.imported, 13620);
    EXPECT_EQ(result.rejected, 0);
    EXPECT_EQ(result.repaired, 2);
    Project project(imported.projectPath);
    auto count = [&](const std::string& jenis) {
        auto statement =
            project.database().prepare("SELECT count(*) FROM pusat_kemasyarakatan WHERE jenis = ?");
        statement.bind(1, jenis);
        statement.step();
        return statement.integer(0);
    };
    // type (ogrinfo ... group by type): null 9,044; place_of_worship 1,337, church 649,
    // Masjid 3, mosque 2; school 1,298, university 61, college 46; hospital 103; clinic 174.
    EXPECT_EQ(count("lain-lain"), 9044);
    EXPECT_EQ(count("rumah ibadah"), 1337 + 649 + 3 + 2);
    EXPECT_EQ(count("sekolah"), 1298 + 61 + 46);
    EXPECT_EQ(count("rumah sakit"), 103);
    EXPECT_EQ(count("klinik"), 174 + 9 /* doctors */ + 1 /* dentist */);
    ASSERT_TRUE(result.unknownValues.count("jenis"));
    const auto& unknown = result.unknownValues.at("jenis");
    EXPECT_EQ(unknown.at("office"), 84);
    EXPECT_EQ(unknown.at("industrial"), 75);
    EXPECT_EQ(count("office"), 84);
    std::int64_t unknownTotal = 0;
    for (const auto& [value, n] : unknown) {
        unknownTotal += n;
    }

    // strict: exactly the buildings with an unknown type are rejected.
    Imported strict = importInto(file, "pusat_kemasyarakatan", {{"jenis", "lain-lain"}}, {}, true);
    EXPECT_EQ(strict.result.rejected, unknownTotal);
    EXPECT_EQ(strict.result.imported, 13620 - unknownTotal);
}

// ---------------------------------------------------------------------------------------------
// Export to GeoPackage and GeoJSON, re-import into a second project, compare by uuid.

struct StoredFeature
{
    std::vector<geo::Value> values; ///< the theme's columns
    std::string extra;              ///< atribut_lain
    double measure = 0;
};

std::map<std::string, StoredFeature>
storedFeatures(Project& project, const std::string& theme, bool lines)
{
    const layers::Theme* definition = layers::findTheme(theme);
    std::string sql = "SELECT uuid, atribut_lain, " + measureSql(lines, "geom");
    for (const auto& column : definition->columns) {
        sql += ", " + geo::quoteIdentifier(column.name);
    }
    sql += " FROM " + geo::quoteIdentifier(theme);
    auto statement = project.database().prepare(sql);
    std::map<std::string, StoredFeature> features;
    while (statement.step()) {
        StoredFeature feature;
        feature.extra = statement.isNull(1) ? "" : statement.text(1);
        feature.measure = statement.real(2);
        for (int i = 3; i < statement.columnCount(); ++i) {
            feature.values.push_back(statement.value(i));
        }
        features.emplace(statement.text(0), std::move(feature));
    }
    return features;
}

bool sameValue(const geo::Value& a, const geo::Value& b)
{
    const auto* x = std::get_if<double>(&a);
    const auto* y = std::get_if<double>(&b);
    if (x && y) {
        return std::fabs(*x - *y) <= 1e-9 * std::max(1.0, std::fabs(*x));
    }
    return a == b;
}

struct RoundTrip
{
    std::string set;
    std::string extension;
};

std::ostream& operator<<(std::ostream& out, const RoundTrip& trip)
{
    return out << trip.set << trip.extension;
}

std::vector<RoundTrip> roundTrips()
{
    std::vector<RoundTrip> trips;
    for (const auto& set : realSets()) {
        for (const char* extension : {".gpkg", ".geojson"}) {
            trips.push_back({set.name, extension});
        }
    }
    return trips;
}

/// One export and re-import, done once per set and format and shared by the tests below.
struct RoundTripOutcome
{
    std::unique_ptr<testsupport::TempDir> dir;
    std::string error; ///< what threw, if anything did
    layers::ExportResult exported;
    ImportResult reimported;
    std::map<std::string, StoredFeature> original;
    std::map<std::string, StoredFeature> copy;
};

const RoundTripOutcome& roundTrip(const RoundTrip& trip)
{
    static std::map<std::string, RoundTripOutcome> cache;
    const std::string key = trip.set + trip.extension;
    if (auto found = cache.find(key); found != cache.end()) {
        return found->second;
    }
    RoundTripOutcome outcome;
    outcome.dir = std::make_unique<testsupport::TempDir>();
    try {
        const RealSet& set = realSet(trip.set);
        const Imported& imported = importedSet(set);
        Project first(imported.projectPath);
        const std::string file = outcome.dir->file("ekspor" + trip.extension);
        outcome.exported = layers::exportTheme(first, set.theme, file);

        Project second(createProject(*outcome.dir, "kedua"));
        ImportOptions options;
        options.theme = set.theme;
        options.author = "real-data-test";
        options.reportPath = outcome.dir->file("laporan2.csv");
        outcome.reimported = layers::importFile(second, file, options);
        outcome.original = storedFeatures(first, set.theme, set.lines);
        outcome.copy = storedFeatures(second, set.theme, set.lines);
    } catch (const std::exception& error) {
        outcome.error = error.what();
    }
    return cache.emplace(key, std::move(outcome)).first->second;
}

class RealDataRoundTrip : public ::testing::TestWithParam<RoundTrip>
{
};

TEST_P(RealDataRoundTrip, SameFeaturesAttributesAndGeometry)
{
    const RealSet& set = realSet(GetParam().set);
    const Imported& imported = importedSet(set);
    const RoundTripOutcome& trip = roundTrip(GetParam());
    ASSERT_EQ(trip.error, "");
    EXPECT_EQ(trip.exported.features, imported.result.imported);
    EXPECT_EQ(trip.exported.files.size(), 1u);
    const ImportResult& result = trip.reimported;
    EXPECT_EQ(result.read, imported.result.imported);
    EXPECT_EQ(result.rejected, 0) << describeIssues(result);
    // The first import made every geometry valid; the copy needs no repair.
    EXPECT_EQ(result.repaired, 0) << describeIssues(result);
    // Unknown vocabulary values that were kept come back as the same unknown values.
    EXPECT_EQ(result.unknownValues, imported.result.unknownValues);
    ASSERT_EQ(trip.copy.size(), trip.original.size());

    const layers::Theme* theme = layers::findTheme(set.theme);
    double originalTotal = 0;
    double copyTotal = 0;
    int valueMismatches = 0;
    int geometryMismatches = 0;
    for (const auto& [uuid, original] : trip.original) {
        auto found = trip.copy.find(uuid);
        if (found == trip.copy.end()) {
            ADD_FAILURE() << "uuid " << uuid << " lost";
            continue;
        }
        const StoredFeature& copy = found->second;
        for (std::size_t c = 0; c < theme->columns.size(); ++c) {
            if (!sameValue(original.values[c], copy.values[c]) && valueMismatches++ < 5) {
                ADD_FAILURE() << uuid << " " << theme->columns[c].name << ": '"
                              << geo::toText(original.values[c]) << "' became '"
                              << geo::toText(copy.values[c]) << "'";
            }
        }
        originalTotal += original.measure;
        copyTotal += copy.measure;
        if (std::fabs(copy.measure - original.measure) > 1e-6 * original.measure &&
            geometryMismatches++ < 5) {
            ADD_FAILURE() << uuid << ": measure " << original.measure << " became " << copy.measure;
        }
    }
    EXPECT_EQ(valueMismatches, 0);
    EXPECT_EQ(geometryMismatches, 0);
    EXPECT_NEAR(copyTotal, originalTotal, originalTotal * 1e-6);
}

// The source fields no theme column took travel in atribut_lain; an export carries them in an
// atribut_lain field, and importing that file must give them back.
TEST_P(RealDataRoundTrip, KeepsOtherAttributes)
{
    const RoundTripOutcome& trip = roundTrip(GetParam());
    ASSERT_EQ(trip.error, "");
    int mismatches = 0;
    for (const auto& [uuid, original] : trip.original) {
        auto found = trip.copy.find(uuid);
        if (found == trip.copy.end()) {
            continue;
        }
        const auto a = QJsonDocument::fromJson(QByteArray::fromStdString(original.extra)).object();
        const auto b =
            QJsonDocument::fromJson(QByteArray::fromStdString(found->second.extra)).object();
        if (a != b && mismatches++ < 3) {
            ADD_FAILURE() << uuid << ": atribut_lain '" << original.extra << "' became '"
                          << found->second.extra << "'";
        }
    }
    EXPECT_EQ(mismatches, 0);
}

INSTANTIATE_TEST_SUITE_P(
    RealData, RealDataRoundTrip, ::testing::ValuesIn(roundTrips()), [](const auto& test) {
        return test.param.set + (test.param.extension == ".gpkg" ? "Gpkg" : "GeoJson");
    });

} // namespace
