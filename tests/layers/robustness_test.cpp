// Every file of tests/data/realdata/robustness (odd and broken files, see tests/data/SOURCES.md)
// either imports correctly -- as many features read as ogrinfo reports, into a theme that fits
// its geometry -- or fails with a ProjectError that names the file. Never a crash or a hang.
//
// Feature counts and geometry facts come from GDAL 3.6.2, independently of PetaDesa:
//   SHAPE_RESTORE_SHX=YES ogrinfo -ro -so -al FILE      ("Feature Count"; -al -q for the values)
//   /usr/bin/python3 + osgeo.ogr: invalid = [f.GetFID() for f in layer
//                                            if not f.GetGeometryRef().IsValid()]
// The OSM file reports -1 features; `ogrinfo -ro -q FILE LAYER | grep -c OGRFeature` counts
// 1 multipolygon and nothing in the other four layers.

#include "layers/importer.h"
#include "layers/project.h"
#include "support/temp_dir.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using layers::ImportIssue;
using layers::ImportOptions;
using layers::ImportResult;
using layers::Project;
using layers::ProjectError;

std::string robustnessDir()
{
    return std::string(TEST_DATA_DIR) + "/realdata/robustness";
}

/// Copies a data file and its sidecars (same name, other extension: .dbf, .shx, .prj, .cpg)
/// into folder; returns the copy's path.
std::string copyWithSidecars(const std::string& relative, const fs::path& folder)
{
    const fs::path original = fs::path(robustnessDir()) / relative;
    fs::create_directories(folder);
    for (const auto& entry : fs::directory_iterator(original.parent_path())) {
        if (entry.path().stem() == original.stem()) {
            fs::copy_file(entry.path(), folder / entry.path().filename());
        }
    }
    return (folder / original.filename()).string();
}

/// A fresh private copy of a robustness file, so that whatever an import does beside its source
/// (GDAL may write a .shx) never changes tests/data and every test sees the file as shipped.
std::string robust(const std::string& relative)
{
    static testsupport::TempDir copies;
    static int counter = 0;
    return copyWithSidecars(relative, fs::path(copies.path()) / std::to_string(++counter));
}

/// A fresh project in its own temporary folder.
class ScratchProject
{
public:
    ScratchProject() : m_path(m_dir.file("proyek.petadesa"))
    {
        Project::create(m_path,
                        {"uji", "", false, std::string(PETADESA_SOURCE_DATA_DIR) + "/vocab"});
        m_project = std::make_unique<Project>(m_path);
    }
    Project& project() { return *m_project; }
    const testsupport::TempDir& dir() const { return m_dir; }

    ImportResult import(const std::string& file,
                        const std::string& theme,
                        const std::map<std::string, std::string>& constants = {},
                        const std::map<std::string, std::string>& fieldMap = {},
                        const std::vector<std::string>& layerNames = {})
    {
        ImportOptions options;
        options.theme = theme;
        options.constants = constants;
        options.fieldMap = fieldMap;
        options.layers = layerNames;
        options.author = "robustness-test";
        options.reportPath = m_dir.file("laporan.csv");
        return layers::importFile(*m_project, file, options);
    }

    std::int64_t count(const std::string& sql)
    {
        return asInteger(m_project->database().scalar(sql));
    }

    double real(const std::string& sql)
    {
        const auto value = m_project->database().scalar(sql);
        if (const auto* d = std::get_if<double>(&value)) {
            return *d;
        }
        if (const auto* n = std::get_if<std::int64_t>(&value)) {
            return static_cast<double>(*n);
        }
        return std::nan("");
    }

    /// The exact extent of a theme's geometries (Project::extent reads the R*Tree, whose
    /// float32 boxes are a few metres wider).
    layers::Extent exactExtent(const std::string& theme)
    {
        const std::string from = " FROM \"" + theme + "\"";
        return {real("SELECT min(MbrMinX(geom))" + from),
                real("SELECT min(MbrMinY(geom))" + from),
                real("SELECT max(MbrMaxX(geom))" + from),
                real("SELECT max(MbrMaxY(geom))" + from),
                false};
    }

    std::string text(const std::string& sql)
    {
        return geo::toText(m_project->database().scalar(sql));
    }

private:
    static std::int64_t asInteger(const geo::Value& value)
    {
        const auto* n = std::get_if<std::int64_t>(&value);
        return n ? *n : -1;
    }
    testsupport::TempDir m_dir;
    std::string m_path;
    std::unique_ptr<Project> m_project;
};

std::int64_t countIssues(const ImportResult& result, ImportIssue::Kind kind)
{
    std::int64_t n = 0;
    for (const auto& issue : result.issues) {
        n += issue.kind == kind ? 1 : 0;
    }
    return n;
}

std::string issuesText(const ImportResult& result)
{
    std::string text;
    for (const auto& issue : result.issues) {
        text += "  [" + issue.layer + " " + std::to_string(issue.featureId) + "] " + issue.reason +
                "\n";
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// One row per file: the theme it goes into and what ogrinfo says about it.

struct RobustCase
{
    std::string name;
    std::string file; ///< relative to tests/data/realdata/robustness
    std::string theme;
    std::map<std::string, std::string> constants;
    std::map<std::string, std::string> fieldMap;
    bool fails = false;        ///< a ProjectError naming the file is the right answer
    std::int64_t read = 0;     ///< features ogrinfo reports over the imported layers
    std::int64_t imported = 0; ///< of those, the ones the theme can hold
    std::int64_t repaired = 0; ///< invalid polygons (GEOS)
};

std::ostream& operator<<(std::ostream& out, const RobustCase& c)
{
    return out << c.file;
}

const std::map<std::string, std::string> volcano = {{"jenis_bahaya", "letusan gunung api"}};
const std::map<std::string, std::string> flood = {{"jenis_bahaya", "banjir"},
                                                  {"tingkat", "rendah"}};

const std::vector<RobustCase>& robustCases()
{
    static const std::vector<RobustCase> cases = {
        // derived_from_real: Merapi KRB in other formats; FID 1 self-intersects.
        {"MerapiKrbGeoJson",
         "derived_from_real/merapi_krb_with_selfintersection.geojson",
         "zona_bahaya",
         volcano,
         {},
         false,
         10,
         10,
         1},
        {"MerapiKrbWktCsv",
         "derived_from_real/merapi_krb_wkt.csv",
         "zona_bahaya",
         volcano,
         {},
         false,
         10,
         10,
         1},
        {"VolcanoKrbInvalidOnly",
         "derived_from_real/volcano_krb_invalid_only.geojson",
         "zona_bahaya",
         volcano,
         {},
         false,
         2,
         2,
         2},
        // gdal_autotest
        {"InfNanCsv", "gdal_autotest/inf_nan.csv", "permukiman", {}, {}, false, 4, 0, 0},
        {"NonConformantMultiKml",
         "gdal_autotest/non_conformant_multi.kml",
         "aset_desa",
         {},
         {},
         false,
         3,
         3,
         0},
        // waypoints 2 + routes 2 (1 empty) + tracks 3 (2 empty); route/track points skipped.
        {"GpxIntoPointTheme", "gdal_autotest/test.gpx", "bumdes_unit", {}, {}, false, 7, 2, 0},
        // The one multipolygon has a self-intersecting inner ring (GEOS).
        {"OsmMultipolygon",
         "gdal_autotest/test_multipolygon_bugfix_gh13610.osm",
         "zona_bahaya",
         flood,
         {},
         false,
         1,
         1,
         1},
        {"TruncatedKml", "gdal_autotest/truncated.kml", "aset_desa", {}, {}, true},
        {"UnbalancedQuotesCsv",
         "gdal_autotest/unbalanced_double_quotes.csv",
         "permukiman",
         {},
         {},
         false,
         1,
         0,
         0},
        // inasafe_odd
        {"PolygonZ", "inasafe_odd/25dpolygon.shp", "permukiman", {}, {}, false, 1, 1, 0},
        {"BadAsciiGrid", "inasafe_odd/bad_ascii_format.asc", "zona_bahaya", flood, {}, true},
        {"ComplexDonut",
         "inasafe_odd/complex_donut.shp",
         "zona_bahaya",
         flood,
         {},
         false,
         18,
         18,
         0},
        {"DonutWithProblem",
         "inasafe_odd/donut_with_problem.shp",
         "zona_bahaya",
         flood,
         {},
         false,
         13,
         13,
         0},
        {"GridWithoutProjection",
         "inasafe_odd/grid_without_projection.asc",
         "zona_bahaya",
         flood,
         {},
         true},
        {"NanReals",
         "inasafe_odd/nan_here.shp",
         "aset_desa",
         {},
         {{"nilai_rp", "STRUCT_LOS"}},
         false,
         19,
         19,
         0},
        {"ShiftedKrbHeaderBbox",
         "inasafe_odd/volcano_krb_shifted.shp",
         "zona_bahaya",
         volcano,
         {},
         false,
         3,
         3,
         1},
        // mbostock_shapefile_test
        {"BooleanProperty",
         "mbostock_shapefile_test/boolean-property.shp",
         "bumdes_unit",
         {},
         {{"bumdes_bersama", "foo"}},
         false,
         9,
         9,
         0},
        {"DateProperty",
         "mbostock_shapefile_test/date-property.shp",
         "kerusakan",
         {{"kejadian", "uji"}, {"tingkat_kerusakan", "ringan"}},
         {{"tanggal", "date"}},
         false,
         3,
         3,
         0},
        {"EmptyShapefile", "mbostock_shapefile_test/empty.shp", "jalan", {}, {}, true},
        {"ShpOnlyIgnoreProperties",
         "mbostock_shapefile_test/ignore-properties.shp",
         "bumdes_unit",
         {},
         {},
         false,
         3,
         3,
         0},
        {"Latin1Property",
         "mbostock_shapefile_test/latin1-property.shp",
         "permukiman",
         {},
         {{"nama", "name"}},
         false,
         1,
         1,
         0},
        {"MixedProperties",
         "mbostock_shapefile_test/mixed-properties.shp",
         "bumdes_unit",
         {},
         {},
         false,
         3,
         3,
         0},
        {"MultiPointM",
         "mbostock_shapefile_test/multipointm.shp",
         "aset_desa",
         {},
         {},
         false,
         1,
         1,
         0},
        {"MultiPoints",
         "mbostock_shapefile_test/multipoints.shp",
         "aset_desa",
         {},
         {},
         false,
         2,
         2,
         0},
        // 9 records, 4 of them null shapes.
        {"NullShapes", "mbostock_shapefile_test/null.shp", "bumdes_unit", {}, {}, false, 9, 5, 0},
        {"NumberNullPropertyNoShx",
         "mbostock_shapefile_test/number-null-property.shp",
         "permukiman",
         {},
         {},
         false,
         4,
         4,
         0},
        {"NumberProperty",
         "mbostock_shapefile_test/number-property.shp",
         "bumdes_unit",
         {},
         {},
         false,
         3,
         3,
         0},
        {"PointM", "mbostock_shapefile_test/pointm.shp", "bumdes_unit", {}, {}, false, 3, 3, 0},
        {"Points", "mbostock_shapefile_test/points.shp", "bumdes_unit", {}, {}, false, 9, 9, 0},
        {"PolygonM", "mbostock_shapefile_test/polygonm.shp", "permukiman", {}, {}, false, 1, 1, 0},
        {"Polygons", "mbostock_shapefile_test/polygons.shp", "permukiman", {}, {}, false, 3, 3, 0},
        {"PolylineM", "mbostock_shapefile_test/polylinem.shp", "jalan", {}, {}, false, 2, 2, 0},
        {"Polylines", "mbostock_shapefile_test/polylines.shp", "jalan", {}, {}, false, 2, 2, 0},
        {"SingletonNoShx",
         "mbostock_shapefile_test/singleton.shp",
         "bumdes_unit",
         {},
         {},
         false,
         1,
         1,
         0},
        {"StringProperty",
         "mbostock_shapefile_test/string-property.shp",
         "bumdes_unit",
         {},
         {},
         false,
         3,
         3,
         0},
        {"Utf8Property",
         "mbostock_shapefile_test/utf8-property.shp",
         "permukiman",
         {},
         {{"nama", "\xe2\x98\x83"}},
         false,
         1,
         1,
         0},
    };
    return cases;
}

class RobustnessFile : public ::testing::TestWithParam<RobustCase>
{
};

TEST_P(RobustnessFile, ImportsOrFailsCleanly)
{
    const RobustCase& c = GetParam();
    ScratchProject scratch;
    const std::string path = robust(c.file);
    const std::string fileName = fs::path(path).filename().string();
    const auto start = std::chrono::steady_clock::now();
    ImportResult result;
    bool threw = false;
    try {
        result = scratch.import(path, c.theme, c.constants, c.fieldMap);
    } catch (const ProjectError& error) {
        threw = true;
        EXPECT_TRUE(c.fails) << "unexpected error: " << error.what();
        EXPECT_NE(std::string(error.what()).find(fileName), std::string::npos)
            << "the message does not name " << fileName << ": " << error.what();
    } catch (const std::exception& error) {
        threw = true;
        ADD_FAILURE() << "not a ProjectError: " << error.what();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 10.0);

    if (c.fails) {
        EXPECT_TRUE(threw) << "expected a ProjectError; read " << result.read << ", imported "
                           << result.imported;
        // Nothing was written.
        EXPECT_EQ(scratch.project().featureCount(c.theme), 0);
        return;
    }
    if (threw) {
        return;
    }
    EXPECT_EQ(result.read, c.read) << issuesText(result);
    EXPECT_EQ(result.imported + result.rejected, result.read) << issuesText(result);
    EXPECT_EQ(result.imported, c.imported) << issuesText(result);
    EXPECT_EQ(result.repaired, c.repaired) << issuesText(result);
    EXPECT_EQ(scratch.project().featureCount(c.theme), result.imported);
    if (result.rejected > 0 || result.repaired > 0) {
        // Every rejection and repair is in the report, with the file's name.
        ASSERT_FALSE(result.reportPath.empty());
        const std::string report = testsupport::readText(result.reportPath);
        EXPECT_NE(report.find(fileName), std::string::npos) << report;
    }
    // Stored geometries are valid and 2D whatever the source had (Z, M, self-intersections).
    const std::string table = "\"" + c.theme + "\"";
    EXPECT_EQ(scratch.count("SELECT count(*) FROM " + table +
                            " WHERE geom IS NULL OR NOT ST_IsValid(geom) OR "
                            "CoordDimension(geom) <> 'XY'"),
              0);
}

INSTANTIATE_TEST_SUITE_P(Robustness,
                         RobustnessFile,
                         ::testing::ValuesIn(robustCases()),
                         [](const auto& test) { return test.param.name; });

// Every data file in the robustness folder has a row above (sidecars .dbf/.shx/.prj/.cpg
// belong to their .shp).
TEST(RobustnessFiles, EveryFileHasACase)
{
    std::set<std::string> covered;
    for (const auto& c : robustCases()) {
        covered.insert(c.file);
    }
    const std::set<std::string> sidecars = {".dbf", ".shx", ".prj", ".cpg"};
    std::vector<std::string> missing;
    for (const auto& entry : fs::recursive_directory_iterator(robustnessDir())) {
        if (!entry.is_regular_file() || sidecars.count(entry.path().extension().string())) {
            continue;
        }
        const std::string relative = fs::relative(entry.path(), robustnessDir()).string();
        if (!covered.count(relative)) {
            missing.push_back(relative);
        }
    }
    EXPECT_TRUE(missing.empty()) << "no case for " << missing.front();
}

// ---------------------------------------------------------------------------------------------
// Specific checks.

TEST(Robustness, Latin1DbfWithoutCpgKeepsMexico)
{
    // LDID 0x57 (ANSI), no .cpg: the value is "M\xe9xico" in cp1252.
    ScratchProject scratch;
    const auto result = scratch.import(robust("mbostock_shapefile_test/latin1-property.shp"),
                                       "permukiman",
                                       {},
                                       {{"nama", "name"}});
    ASSERT_EQ(result.imported, 1);
    EXPECT_EQ(scratch.text("SELECT nama FROM permukiman"), "M\xc3\xa9xico");
}

TEST(Robustness, Utf8DbfWithCpgKeepsText)
{
    // The .cpg says UTF-8; the field is named U+2603 (snowman) and holds Greek letters.
    ScratchProject scratch;
    const auto result = scratch.import(robust("mbostock_shapefile_test/utf8-property.shp"),
                                       "permukiman",
                                       {},
                                       {{"nama", "\xe2\x98\x83"}});
    ASSERT_EQ(result.imported, 1);
    EXPECT_EQ(scratch.text("SELECT nama FROM permukiman"),
              "\xce\xb7\xce\xb5\xce\xbb\xce\xbb\xce\xbf \xcf\x82\xce\xbf\xcf\x81\xce\xbb\xce\xb4");
}

/// Names, sizes and modification times of the files in a folder.
std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>>
snapshot(const fs::path& folder)
{
    std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        files[entry.path().filename().string()] = {entry.file_size(), entry.last_write_time()};
    }
    return files;
}

// Importing reads the source and writes nothing beside it: no rebuilt .shx for a shapefile
// that has none, no rewritten .shx for one that has it (the user's folder may be read-only, a
// shared drive or a flash disk; tests/data must stay as committed).
TEST(Robustness, ImportLeavesTheSourceFolderAlone)
{
    for (const char* file :
         {"mbostock_shapefile_test/singleton.shp", "mbostock_shapefile_test/points.shp"}) {
        ScratchProject scratch;
        const fs::path folder = fs::path(scratch.dir().path()) / "sumber";
        const std::string path = copyWithSidecars(file, folder);
        // Back-date the copies so a rewrite within the same second still shows.
        for (const auto& entry : fs::directory_iterator(folder)) {
            fs::last_write_time(entry.path(),
                                fs::file_time_type::clock::now() - std::chrono::hours(1));
        }
        const auto before = snapshot(folder);
        const auto result = scratch.import(path, "bumdes_unit");
        EXPECT_GT(result.imported, 0) << file;
        const auto after = snapshot(folder);
        for (const auto& [name, state] : after) {
            auto found = before.find(name);
            if (found == before.end()) {
                ADD_FAILURE() << file << ": the import created " << name << " beside the source";
            } else if (found->second != state) {
                ADD_FAILURE() << file << ": the import rewrote " << name;
            }
        }
    }
}

TEST(Robustness, ShapefilesWithoutShxImport)
{
    ScratchProject scratch;
    // singleton: .shp + .dbf, no .shx and no .prj: POINT (1 2) read as lon/lat.
    auto result = scratch.import(robust("mbostock_shapefile_test/singleton.shp"), "bumdes_unit");
    EXPECT_EQ(result.imported, 1);
    EXPECT_TRUE(result.assumedLonLat);
    EXPECT_EQ(scratch.text("SELECT AsText(geom) FROM bumdes_unit"), "POINT(1 2)");
    // number-null-property: 4 US states; avg_temp of Wyoming is null.
    result =
        scratch.import(robust("mbostock_shapefile_test/number-null-property.shp"), "permukiman");
    EXPECT_EQ(result.imported, 4);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM permukiman WHERE nama IN ('Colorado', "
                            "'New Mexico', 'Utah', 'Wyoming')"),
              4);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM permukiman WHERE nama = 'Wyoming' AND "
                            "json_extract(atribut_lain, '$.avg_temp') IS NULL"),
              1);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM permukiman WHERE nama = 'Utah' AND "
                            "json_extract(atribut_lain, '$.avg_temp') = 72"),
              1);
}

TEST(Robustness, MeasuredShapefilesImportAs2D)
{
    ScratchProject scratch;
    EXPECT_EQ(scratch.import(robust("mbostock_shapefile_test/pointm.shp"), "bumdes_unit").imported,
              3);
    EXPECT_EQ(
        scratch.import(robust("mbostock_shapefile_test/multipointm.shp"), "aset_desa").imported, 1);
    EXPECT_EQ(scratch.import(robust("mbostock_shapefile_test/polygonm.shp"), "permukiman").imported,
              1);
    EXPECT_EQ(scratch.import(robust("mbostock_shapefile_test/polylinem.shp"), "jalan").imported, 2);
    for (const char* table : {"bumdes_unit", "aset_desa", "permukiman", "jalan"}) {
        EXPECT_EQ(scratch.count(std::string("SELECT count(*) FROM ") + table +
                                " WHERE CoordDimension(geom) <> 'XY'"),
                  0)
            << table;
    }
    // POINT M (10 10 100), MULTIPOINT M ((10 10 100),(5 5 50),(0 10 75)),
    // POLYGON M ((0 0 0,0 5 5,5 5 10,5 0 15,0 0 0)), LINESTRING M (0 0 0,5 5 5,10 10 10).
    EXPECT_EQ(scratch.text("SELECT AsText(geom) FROM bumdes_unit ORDER BY fid LIMIT 1"),
              "POINT(10 10)");
    EXPECT_EQ(scratch.text("SELECT AsText(geom) FROM aset_desa"), "MULTIPOINT(10 10, 5 5, 0 10)");
    EXPECT_EQ(scratch.text("SELECT ST_Area(geom) FROM permukiman"), "25");
    EXPECT_EQ(scratch.text("SELECT AsText(geom) FROM jalan ORDER BY fid LIMIT 1"),
              "MULTILINESTRING((0 0, 5 5, 10 10))");
}

TEST(Robustness, TruncatedKmlIsAClearError)
{
    ScratchProject scratch;
    try {
        scratch.import(robust("gdal_autotest/truncated.kml"), "aset_desa");
        FAIL() << "truncated.kml imported";
    } catch (const ProjectError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("truncated.kml"), std::string::npos) << message;
    }
}

TEST(Robustness, RastersAreNotVectors)
{
    for (const char* file : {"bad_ascii_format.asc", "grid_without_projection.asc"}) {
        ScratchProject scratch;
        try {
            scratch.import(robust(std::string("inasafe_odd/") + file), "zona_bahaya", flood);
            ADD_FAILURE() << file << " imported";
        } catch (const ProjectError& error) {
            const std::string message = error.what();
            EXPECT_NE(message.find(file), std::string::npos) << message;
        }
    }
}

// grid_without_projection.asc is a good ESRI ASCII grid (gdalinfo opens it); the user should
// learn that it is a raster, which the vector import cannot take, not that the format is unknown.
TEST(Robustness, ValidRasterIsReportedAsRaster)
{
    ScratchProject scratch;
    try {
        scratch.import(robust("inasafe_odd/grid_without_projection.asc"), "zona_bahaya", flood);
        FAIL() << "grid_without_projection.asc imported";
    } catch (const ProjectError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("grid_without_projection.asc"), std::string::npos) << message;
        EXPECT_NE(message.find("raster"), std::string::npos) << message;
    }
}

TEST(Robustness, CsvWithoutGeometryIsReportedNotCrashed)
{
    // unbalanced_double_quotes.csv: GDAL reads one record whose txt swallows the rest of the
    // file; inf_nan.csv: 4 records, v = 10, inf, -inf, NaN. Neither has coordinates.
    for (const auto& [file, records] : std::vector<std::pair<std::string, int>>{
             {"unbalanced_double_quotes.csv", 1}, {"inf_nan.csv", 4}}) {
        ScratchProject scratch;
        const auto result = scratch.import(robust("gdal_autotest/" + file), "permukiman");
        EXPECT_EQ(result.read, records) << file;
        EXPECT_EQ(result.imported, 0) << file;
        EXPECT_EQ(result.rejected, records) << file;
        EXPECT_EQ(countIssues(result, ImportIssue::Kind::Rejected), records) << file;
        ASSERT_FALSE(result.reportPath.empty()) << file;
        EXPECT_TRUE(fs::exists(result.reportPath)) << file;
        EXPECT_EQ(scratch.project().featureCount("permukiman"), 0) << file;
    }
}

TEST(Robustness, NanRealsAreNotStoredAsNan)
{
    // STRUCT_LOS, CONTENTS_L, STRUCT_DAM, DEPTH and CONTENTS_D are NaN on FIDs 0, 1, 3, 10, 18.
    ScratchProject scratch;
    const auto result = scratch.import(
        robust("inasafe_odd/nan_here.shp"), "aset_desa", {}, {{"nilai_rp", "STRUCT_LOS"}});
    ASSERT_EQ(result.imported, 19) << issuesText(result);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM aset_desa WHERE nilai_rp IS NULL"), 5);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM aset_desa WHERE typeof(nilai_rp) = 'real'"), 14);
    // FID 2: STRUCT_LOS 161408.02802674627.
    EXPECT_EQ(scratch.count("SELECT count(*) FROM aset_desa WHERE abs(nilai_rp - "
                            "161408.02802674627) < 1e-6"),
              1);
    // Every atribut_lain is valid JSON and holds no NaN number.
    EXPECT_EQ(scratch.count("SELECT count(*) FROM aset_desa WHERE atribut_lain IS NULL OR NOT "
                            "json_valid(atribut_lain)"),
              0);
    // DEPTH: 11 non-zero values and 3 zeros (written as JSON integers) are numbers; the 5 NaN
    // are not.
    EXPECT_EQ(scratch.count("SELECT count(*) FROM aset_desa WHERE json_type(atribut_lain, "
                            "'$.DEPTH') IN ('real', 'integer')"),
              14);
    auto statement = scratch.project().database().prepare("SELECT atribut_lain FROM aset_desa");
    while (statement.step()) {
        const auto object =
            QJsonDocument::fromJson(QByteArray::fromStdString(statement.text(0))).object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().isDouble()) {
                EXPECT_TRUE(std::isfinite(it.value().toDouble())) << it.key().toStdString();
            }
        }
    }
    // The NaN values that did not fit nilai_rp were reported.
    int nanWarnings = 0;
    for (const auto& issue : result.issues) {
        if (issue.kind == ImportIssue::Kind::Warning && issue.reason.find("nilai_rp") == 0) {
            ++nanWarnings;
        }
    }
    EXPECT_EQ(nanWarnings, 5) << issuesText(result);
}

TEST(Robustness, PolygonZBecomes2D)
{
    ScratchProject scratch;
    const auto result = scratch.import(robust("inasafe_odd/25dpolygon.shp"), "permukiman");
    ASSERT_EQ(result.imported, 1);
    EXPECT_EQ(scratch.text("SELECT CoordDimension(geom) FROM permukiman"), "XY");
    EXPECT_EQ(scratch.text("SELECT nama FROM permukiman"), "Batas Banjir 2");
    // Extent (ogrinfo): 134.046200,-0.870391 - 134.049749,-0.865413.
    const auto extent = scratch.exactExtent("permukiman");
    EXPECT_NEAR(extent.minX, 134.046200, 1e-6);
    EXPECT_NEAR(extent.minY, -0.870391, 1e-6);
    EXPECT_NEAR(extent.maxX, 134.049749, 1e-6);
    EXPECT_NEAR(extent.maxY, -0.865413, 1e-6);
}

TEST(Robustness, ShiftedHeaderBboxIsNotTrusted)
{
    // The .shp header says 106.71,-7.80 - 110.54,-6.09; the polygons lie in
    // 106.711058,-6.388424 - 107.002834,-6.093009 (python3 + osgeo.ogr, envelopes of all three).
    ScratchProject scratch;
    const auto result =
        scratch.import(robust("inasafe_odd/volcano_krb_shifted.shp"), "zona_bahaya", volcano);
    ASSERT_EQ(result.imported, 3) << issuesText(result);
    EXPECT_EQ(result.repaired, 1);
    const auto extent = scratch.exactExtent("zona_bahaya");
    EXPECT_NEAR(extent.minX, 106.711058, 1e-6);
    EXPECT_NEAR(extent.maxX, 107.002834, 1e-6);
    EXPECT_NEAR(extent.minY, -6.388424, 1e-6);
    EXPECT_NEAR(extent.maxY, -6.093009, 1e-6);
    // The project's own extent (from the spatial index) agrees within its float32 rounding.
    const auto indexed = scratch.project().extent("zona_bahaya");
    EXPECT_NEAR(indexed.minX, 106.711058, 1e-4);
    EXPECT_NEAR(indexed.maxX, 107.002834, 1e-4);
    EXPECT_NEAR(indexed.minY, -6.388424, 1e-4);
    EXPECT_NEAR(indexed.maxY, -6.093009, 1e-4);
    // Jakarta is in UTM zone 48S; the header's centre (108.6 E) would give 49S.
    EXPECT_EQ(scratch.project().workingCrs(), "EPSG:32748");
    EXPECT_EQ(scratch.count("SELECT count(*) FROM zona_bahaya WHERE tingkat = 'tinggi' AND "
                            "kelas_asli = 'Kawasan Rawan Bencana III'"),
              1);
}

TEST(Robustness, GpxIntoPointTheme)
{
    ScratchProject scratch;
    const auto result = scratch.import(robust("gdal_autotest/test.gpx"), "bumdes_unit");
    // route_points and track_points repeat the vertices of routes and tracks: not imported.
    const std::set<std::string> layersRead(result.layers.begin(), result.layers.end());
    EXPECT_EQ(layersRead, (std::set<std::string>{"waypoints", "routes", "tracks"}));
    EXPECT_EQ(result.imported, 2);
    EXPECT_EQ(result.rejected, 5) << issuesText(result); // 2 routes, 3 tracks (3 of them empty)
    EXPECT_EQ(scratch.count("SELECT count(*) FROM bumdes_unit WHERE nama_unit = 'waypoint name'"),
              1);
    EXPECT_EQ(scratch.text("SELECT AsText(geom) FROM bumdes_unit ORDER BY fid LIMIT 1"),
              "POINT(1 0)");

    // Only the waypoints layer: nothing to reject.
    ScratchProject waypoints;
    const auto only =
        waypoints.import(robust("gdal_autotest/test.gpx"), "bumdes_unit", {}, {}, {"waypoints"});
    EXPECT_EQ(only.imported, 2);
    EXPECT_EQ(only.rejected, 0);

    // Routes and tracks into the road theme: the 3 non-empty lines.
    ScratchProject roads;
    const auto lines =
        roads.import(robust("gdal_autotest/test.gpx"), "jalan", {}, {}, {"routes", "tracks"});
    EXPECT_EQ(lines.imported, 2);
    EXPECT_EQ(lines.rejected, 3) << issuesText(lines); // the empty route and tracks
}

TEST(Robustness, OsmMultipolygonWithInnerRingsFromOpenWays)
{
    ScratchProject scratch;
    const auto result = scratch.import(
        robust("gdal_autotest/test_multipolygon_bugfix_gh13610.osm"), "zona_bahaya", flood);
    ASSERT_EQ(result.imported, 1) << issuesText(result);
    // The outer ring is the unit square 0..1 x 10..11 (the <bounds> element says 2..3 x 49..50).
    const auto extent = scratch.exactExtent("zona_bahaya");
    EXPECT_NEAR(extent.minX, 0, 1e-9);
    EXPECT_NEAR(extent.maxX, 1, 1e-9);
    EXPECT_NEAR(extent.minY, 10, 1e-9);
    EXPECT_NEAR(extent.maxY, 11, 1e-9);
    // The holes were kept (the repair of the crossing inner ring does not fill them).
    const std::string area = scratch.text("SELECT ST_Area(geom) FROM zona_bahaya");
    EXPECT_GT(std::stod(area), 0.5);
    EXPECT_LT(std::stod(area), 0.9);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM zona_bahaya WHERE "
                            "json_extract(atribut_lain, '$.osm_id') = '1000'"),
              1);
}

TEST(Robustness, KnownOddValuesConvert)
{
    ScratchProject scratch;
    // boolean-property foo: ?, Y, y, N, n, T, t, F, f.
    auto result = scratch.import(robust("mbostock_shapefile_test/boolean-property.shp"),
                                 "bumdes_unit",
                                 {},
                                 {{"bumdes_bersama", "foo"}});
    ASSERT_EQ(result.imported, 9);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM bumdes_unit WHERE bumdes_bersama = 1"), 4);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM bumdes_unit WHERE bumdes_bersama = 0"), 4);
    EXPECT_EQ(scratch.count("SELECT count(*) FROM bumdes_unit WHERE bumdes_bersama IS NULL"), 1);
    // date-property date (Date): 2013/01/02, 2013/02/02, 2013/01/03.
    result = scratch.import(robust("mbostock_shapefile_test/date-property.shp"),
                            "kerusakan",
                            {{"kejadian", "uji"}, {"tingkat_kerusakan", "ringan"}},
                            {{"tanggal", "date"}});
    ASSERT_EQ(result.imported, 3);
    EXPECT_EQ(scratch.text("SELECT group_concat(tanggal, ',') FROM (SELECT tanggal FROM "
                           "kerusakan ORDER BY fid)"),
              "2013-01-02,2013-02-02,2013-01-03");
}

} // namespace
