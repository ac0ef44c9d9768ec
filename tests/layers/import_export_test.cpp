#include "geo/gdal_dataset.h"
#include "layers/exporter.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "layers/vocabulary.h"
#include "support/temp_dir.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <filesystem>

using layers::ImportOptions;
using layers::Project;

namespace {

const char* assetsGeoJson = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"kode_barang":"4.01.01.06.001","nama":"Posyandu Melati",
   "kondisi":"Rusak Ringan","harga":"125000000","tahun":2019,"pemilik":"Desa Wolomarang"},
  "geometry":{"type":"Point","coordinates":[122.21,-8.62]}},
 {"type":"Feature","properties":{"kode_barang":"5.01.01.01.001","nama":"Jalan desa Kota Uneng",
   "kondisi":"baik","harga":"1,5","tahun":"dua ribu"},
  "geometry":{"type":"LineString","coordinates":[[122.20,-8.61],[122.22,-8.615]]}},
 {"type":"Feature","properties":{"kode_barang":"2.01.01.01.000","nama":"Tanah bengkok",
   "kondisi":"sangat buruk"},
  "geometry":{"type":"Polygon","coordinates":[[[122.2,-8.6],[122.21,-8.6],[122.21,-8.59],[122.2,-8.6]]]}},
 {"type":"Feature","properties":{"nama":"Tanpa geometri"},"geometry":null},
 {"type":"Feature","properties":{"nama":"Dasi kupu-kupu"},
  "geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}
]})";

struct Fixture
{
    testsupport::TempDir dir;
    std::string path = dir.file("proyek.sqlite");
    Fixture() { Project::create(path, {"Uji impor", "EPSG:32751", false, {}}); }
    std::string write(const std::string& name, const std::string& text) const
    {
        testsupport::writeText(dir.file(name), text);
        return dir.file(name);
    }
};

geo::Value column(Project& project, const std::string& sql)
{
    return project.database().scalar(sql);
}

} // namespace

TEST(Import, MixedGeometriesMappingVocabularyAndReport)
{
    Fixture f;
    Project project(f.path);
    ImportOptions options;
    options.theme = "aset_desa";
    const auto result =
        layers::importFile(project, f.write("aset.geojson", assetsGeoJson), options);
    EXPECT_EQ(result.read, 5);
    EXPECT_EQ(result.imported, 4);
    EXPECT_EQ(result.rejected, 1); // no geometry
    EXPECT_EQ(result.repaired, 1); // the bow tie
    EXPECT_EQ(result.fieldMapping.at("kode_aset"), "kode_barang");
    EXPECT_EQ(result.fieldMapping.at("nilai_rp"), "harga");
    EXPECT_EQ(result.unknownValues.at("kondisi").at("sangat buruk"), 1);
    EXPECT_EQ(project.featureCount("aset_desa"), 4);
    EXPECT_EQ(column(project, "SELECT kondisi FROM aset_desa WHERE nama = 'Posyandu Melati'"),
              geo::Value{std::string("rusak ringan")});
    // A known code fills the category with the code's name.
    EXPECT_EQ(column(project, "SELECT kategori FROM aset_desa WHERE nama = 'Posyandu Melati'"),
              geo::Value{std::string("BANGUNAN POSYANDU")});
    EXPECT_EQ(column(project, "SELECT nilai_rp FROM aset_desa WHERE nama = 'Posyandu Melati'"),
              geo::Value{125000000.0});
    EXPECT_EQ(column(project, "SELECT nilai_rp FROM aset_desa WHERE nama LIKE 'Jalan%'"),
              geo::Value{1.5});
    // "dua ribu" is no year: stored empty and warned about, the feature is kept.
    EXPECT_EQ(column(project, "SELECT tahun_perolehan FROM aset_desa WHERE nama LIKE 'Jalan%'"),
              geo::Value{});
    // Unmapped source fields are kept.
    EXPECT_EQ(column(project,
                     "SELECT json_extract(atribut_lain, '$.pemilik') FROM aset_desa "
                     "WHERE nama = 'Posyandu Melati'"),
              geo::Value{std::string("Desa Wolomarang")});
    EXPECT_EQ(column(project,
                     "SELECT group_concat(GeometryType(geom)) FROM (SELECT geom FROM "
                     "aset_desa ORDER BY fid)"),
              geo::Value{std::string("POINT,MULTILINESTRING,MULTIPOLYGON,MULTIPOLYGON")});
    // The report lists the rejection and the repair.
    ASSERT_FALSE(result.reportPath.empty());
    const auto report = testsupport::readText(result.reportPath);
    EXPECT_NE(report.find("berkas,lapisan,fitur,tindakan,alasan"), std::string::npos);
    EXPECT_NE(report.find("tanpa geometri"), std::string::npos);
    EXPECT_NE(report.find("diperbaiki"), std::string::npos);
    // The import is logged with its figures.
    EXPECT_EQ(column(project, "SELECT dimasukkan || '/' || ditolak FROM impor_log"),
              geo::Value{std::string("4/1")});
}

TEST(Import, StrictRejectsUnknownVocabulary)
{
    Fixture f;
    Project project(f.path);
    ImportOptions options;
    options.theme = "aset_desa";
    options.strict = true;
    const auto result =
        layers::importFile(project, f.write("aset.geojson", assetsGeoJson), options);
    EXPECT_EQ(result.imported, 3);
    EXPECT_EQ(result.rejected, 2); // no geometry, and "sangat buruk"
}

TEST(Import, RequiredValuesConstantsAndPointTheme)
{
    Fixture f;
    Project project(f.path);
    const auto file = f.write("zona.geojson", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"KRB":"KRB III"},"geometry":{"type":"Polygon",
       "coordinates":[[[110.4,-7.5],[110.5,-7.5],[110.5,-7.6],[110.4,-7.5]]]}},
      {"type":"Feature","properties":{"KRB":null},"geometry":{"type":"Polygon",
       "coordinates":[[[110.4,-7.5],[110.5,-7.5],[110.5,-7.6],[110.4,-7.5]]]}},
      {"type":"Feature","properties":{"KRB":"Very High"},"geometry":{"type":"Point",
       "coordinates":[110.4,-7.5]}}]})");
    ImportOptions options;
    options.theme = "zona_bahaya";
    options.constants = {{"jenis_bahaya", "volcano"}};
    const auto result = layers::importFile(project, file, options);
    EXPECT_EQ(result.imported, 1);
    EXPECT_EQ(result.rejected, 2); // level missing; a point in a polygon theme
    EXPECT_EQ(column(project,
                     "SELECT jenis_bahaya || '|' || tingkat || '|' || kelas_asli FROM "
                     "zona_bahaya"),
              geo::Value{std::string("letusan gunung api|tinggi|KRB III")});
    options.constants = {{"jenis_bahaya", "meteor"}};
    EXPECT_THROW(layers::importFile(project, file, options), layers::ProjectError);
}

TEST(Import, CancelLeavesTheProjectUntouched)
{
    Fixture f;
    std::string features;
    for (int i = 0; i < 3000; ++i) {
        features +=
            std::string(i ? "," : "") +
            R"({"type":"Feature","properties":{"penduduk":10},"geometry":{"type":"Point",)" +
            R"("coordinates":[122.2,-8.6]}})";
    }
    const auto file =
        f.write("banyak.geojson", R"({"type":"FeatureCollection","features":[)" + features + "]}");
    struct CancelAt1000 : layers::ImportFeedback
    {
        void progress(std::int64_t done, std::int64_t) override
        {
            if (done >= 1000) {
                cancel();
            }
        }
    } feedback;
    Project project(f.path);
    ImportOptions options;
    options.theme = "permukiman";
    EXPECT_THROW(layers::importFile(project, file, options, &feedback), layers::ImportCanceled);
    EXPECT_EQ(project.featureCount("permukiman"), 0);
    EXPECT_EQ(column(project, "SELECT count(*) FROM impor_log"), geo::Value{std::int64_t{0}});
    // The connection is usable afterwards and the same import then succeeds.
    const auto result = layers::importFile(project, file, options);
    EXPECT_EQ(result.imported, 3000);
}

TEST(Import, UnreadableFileNamesTheFile)
{
    Fixture f;
    Project project(f.path);
    ImportOptions options;
    options.theme = "aset_desa";
    const auto file = f.write("rusak.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{");
    try {
        layers::importFile(project, file, options);
        FAIL();
    } catch (const layers::ProjectError& error) {
        EXPECT_NE(std::string(error.what()).find("rusak.geojson"), std::string::npos);
    }
    EXPECT_EQ(project.featureCount("aset_desa"), 0);
}

TEST(Import, DamageRecordsLinkToAssets)
{
    Fixture f;
    Project project(f.path);
    const auto asset = project.insertFeature(
        "aset_desa", {{"nama", std::string("Jembatan")}}, geo::pointWkb(122.2, -8.6), "ani");
    const auto file = f.write(
        "kerusakan.csv",
        "kejadian,tanggal,kerusakan,asset_uuid,lintang,bujur\n"
        "Banjir 2026,02/01/2026,Rusak Berat," +
            asset +
            ",-8.6,122.2\n"
            "Banjir 2026,02/01/2026,ringan,00000000-0000-4000-8000-000000000000,-8.6,122.21\n");
    ImportOptions options;
    options.theme = "kerusakan";
    const auto result = layers::importFile(project, file, options);
    EXPECT_EQ(result.imported, 2);
    EXPECT_EQ(column(project,
                     "SELECT tingkat_kerusakan || '|' || tanggal FROM kerusakan WHERE "
                     "aset_uuid = '" +
                         asset + "'"),
              geo::Value{std::string("berat|2026-01-02")});
    // The unknown asset is reported and its link left empty (the foreign key holds).
    EXPECT_EQ(column(project, "SELECT count(*) FROM kerusakan WHERE aset_uuid IS NULL"),
              geo::Value{std::int64_t{1}});
}

class RoundTrip : public testing::TestWithParam<const char*>
{
};

TEST_P(RoundTrip, ExportAndReimportKeepFeaturesAndAttributes)
{
    Fixture f;
    Project project(f.path);
    ImportOptions options;
    options.theme = "aset_desa";
    layers::importFile(project, f.write("aset.geojson", assetsGeoJson), options);
    const std::string out = f.dir.file(std::string("ekspor.") + GetParam());
    const auto exported = layers::exportTheme(project, "aset_desa", out);
    EXPECT_EQ(exported.features, 4);

    const std::string second = f.dir.file("kedua.sqlite");
    Project::create(second, {"Kedua", {}, false, {}});
    Project copy(second);
    std::int64_t imported = 0;
    for (const auto& file : exported.datasets) {
        imported += layers::importFile(copy, file, options).imported;
    }
    EXPECT_EQ(imported, 4);
    // Same UUIDs, attributes and geometry (compared in SQL across both files).
    auto& db = project.database();
    auto rows = db.prepare("SELECT uuid, kode_aset, nama, kondisi, nilai_rp, kategori, "
                           "AsText(geom), ST_Area(geom), AsText(Envelope(geom)) FROM aset_desa "
                           "ORDER BY uuid");
    auto other = copy.database().prepare(
        "SELECT uuid, kode_aset, nama, kondisi, nilai_rp, kategori, AsText(geom), ST_Area(geom), "
        "AsText(Envelope(geom)) FROM aset_desa ORDER BY uuid");
    int compared = 0;
    while (rows.step()) {
        ASSERT_TRUE(other.step());
        for (int c = 0; c < 6; ++c) {
            EXPECT_EQ(rows.value(c), other.value(c)) << GetParam() << " column " << c;
        }
        // Shapefiles store rings clockwise, so their vertex order may differ; compare the
        // envelope and the area there instead of the text.
        if (std::string(GetParam()) != "shp") {
            EXPECT_EQ(rows.text(6), other.text(6)) << GetParam();
        }
        EXPECT_EQ(rows.text(8), other.text(8)) << GetParam();
        EXPECT_NEAR(rows.real(7), other.real(7), 1e-6 * std::max(1e-12, rows.real(7)));
        ++compared;
    }
    EXPECT_EQ(compared, 4);
}

INSTANTIATE_TEST_SUITE_P(Formats,
                         RoundTrip,
                         testing::Values("gpkg", "geojson", "shp", "csv", "kml", "kmz"));

TEST(Export, MixedThemeToShapefileSplitsByGeometry)
{
    Fixture f;
    Project project(f.path);
    ImportOptions options;
    options.theme = "aset_desa";
    layers::importFile(project, f.write("aset.geojson", assetsGeoJson), options);
    const auto result = layers::exportTheme(project, "aset_desa", f.dir.file("aset.shp"));
    ASSERT_EQ(result.datasets.size(), 3u);
    EXPECT_TRUE(std::filesystem::exists(f.dir.file("aset_titik.shp")));
    EXPECT_TRUE(std::filesystem::exists(f.dir.file("aset_garis.shp")));
    EXPECT_TRUE(std::filesystem::exists(f.dir.file("aset_area.shp")));
    EXPECT_TRUE(std::filesystem::exists(f.dir.file("aset_area.cpg")));
    // An existing file is not replaced without overwrite.
    EXPECT_THROW(layers::exportTheme(project, "aset_desa", f.dir.file("aset.shp")),
                 layers::ProjectError);
    EXPECT_NO_THROW(layers::exportTheme(project, "aset_desa", f.dir.file("aset.shp"), true));
}

namespace {

/// count points in permukiman GeoJSON; feature i is named "RT i" at a spot of its own.
std::string settlementsGeoJson(int count, int first = 0)
{
    std::string features;
    for (int i = first; i < first + count; ++i) {
        features += std::string(i > first ? "," : "") +
                    R"({"type":"Feature","properties":{"nama":"RT )" + std::to_string(i) +
                    R"("},"geometry":{"type":"Point","coordinates":[)" +
                    std::to_string(122.2 + (i % 37) * 0.001) + "," +
                    std::to_string(-8.6 - (i / 37) * 0.001) + "]}}";
    }
    return R"({"type":"FeatureCollection","features":[)" + features + "]}";
}

/// The theme's spatial index holds exactly one entry per row, equal to what SpatiaLite's own
/// SQL puts there (a reference R*Tree filled row by row), and passes SQLite's rtreecheck.
void expectIndexMatchesRows(Project& project, const std::string& theme)
{
    auto& db = project.database();
    const std::string index = "idx_" + theme + "_geom";
    EXPECT_EQ(db.scalar("SELECT rtreecheck('" + index + "')"), geo::Value{std::string("ok")});
    EXPECT_EQ(db.scalar("SELECT CheckSpatialIndex('" + theme + "', 'geom')"),
              geo::Value{std::int64_t{1}});
    db.exec("DROP TABLE IF EXISTS temp.reference");
    db.exec("CREATE VIRTUAL TABLE temp.reference USING rtree(pkid, xmin, xmax, ymin, ymax)");
    db.exec("INSERT INTO temp.reference SELECT fid, MbrMinX(geom), MbrMaxX(geom), "
            "MbrMinY(geom), MbrMaxY(geom) FROM \"" +
            theme + "\"");
    const std::string same = "SELECT count(*) FROM temp.reference r JOIN \"" + index +
                             "\" i ON i.pkid = r.pkid AND i.xmin = r.xmin AND i.xmax = r.xmax "
                             "AND i.ymin = r.ymin AND i.ymax = r.ymax";
    const auto rows = db.scalar("SELECT count(*) FROM \"" + theme + "\"");
    EXPECT_EQ(db.scalar(same), rows);
    EXPECT_EQ(db.scalar("SELECT count(*) FROM \"" + index + "\""), rows);
    db.exec("DROP TABLE temp.reference");
}

} // namespace

// The spatial index is written as a packed tree after a large import (new, or as large as
// what the theme holds) and filled row by row after a small one into a large theme; either
// way it matches the rows, and later edits keep it so. New fids continue above every fid the
// theme ever had.
TEST(Import, SpatialIndexMatchesTheRowsAfterEveryKindOfImport)
{
    Fixture f;
    Project project(f.path);
    ImportOptions options;
    options.theme = "permukiman";
    EXPECT_EQ(layers::importFile(project, f.write("a.geojson", settlementsGeoJson(700)), options)
                  .imported,
              700);
    expectIndexMatchesRows(project, "permukiman");
    EXPECT_EQ(column(project, "SELECT min(fid) || '-' || max(fid) FROM permukiman"),
              geo::Value{std::string("1-700")});
    // As many again: the tree is rebuilt with the entries already there.
    layers::importFile(project, f.write("b.geojson", settlementsGeoJson(700, 700)), options);
    expectIndexMatchesRows(project, "permukiman");
    // A few into many: inserted one by one.
    layers::importFile(project, f.write("c.geojson", settlementsGeoJson(3, 1400)), options);
    expectIndexMatchesRows(project, "permukiman");
    EXPECT_EQ(project.featureCount("permukiman"), 1403);
    // Fids follow the features' order.
    EXPECT_EQ(column(project, "SELECT nama FROM permukiman WHERE fid = 1401"),
              geo::Value{std::string("RT 1400")});

    const auto last = std::get<std::string>(
        column(project, "SELECT uuid FROM permukiman ORDER BY fid DESC LIMIT 1"));
    project.deleteFeature("permukiman", last, "uji");
    const auto added = project.insertFeature(
        "permukiman", {{"nama", std::string("baru")}}, geo::pointWkb(122.3, -8.7), "uji");
    expectIndexMatchesRows(project, "permukiman");
    project.deleteFeature("permukiman", added, "uji");
    // AUTOINCREMENT: the deleted fids 1403 and 1404 (the edit's) are never given again.
    layers::importFile(project, f.write("d.geojson", settlementsGeoJson(2000, 5000)), options);
    expectIndexMatchesRows(project, "permukiman");
    EXPECT_EQ(column(project, "SELECT min(fid) FROM permukiman WHERE nama = 'RT 5000'"),
              geo::Value{std::int64_t{1405}});
}

// A row the database refuses (here a trigger of the project) rejects only that feature, even
// when it shares a many-row statement with others; the report keeps the features' order.
TEST(Import, DatabaseRefusalRejectsOnlyThatFeature)
{
    Fixture f;
    Project project(f.path);
    project.database().exec("CREATE TRIGGER uji_tolak BEFORE INSERT ON permukiman WHEN "
                            "NEW.nama IN ('RT 5', 'RT 120') BEGIN SELECT RAISE(ABORT, "
                            "'ditolak oleh uji'); END");
    std::string json = settlementsGeoJson(200);
    // RT 7 has no geometry: rejected on the reading side, between the two refusals.
    const std::string seven = R"("RT 7"},"geometry":{"type":"Point","coordinates":[)";
    const auto at = json.find(seven);
    ASSERT_NE(at, std::string::npos);
    const auto end = json.find("]}}", at);
    json.replace(at, end + 3 - at, R"("RT 7"},"geometry":null})");
    ImportOptions options;
    options.theme = "permukiman";
    const auto result = layers::importFile(project, f.write("rt.geojson", json), options);
    EXPECT_EQ(result.read, 200);
    EXPECT_EQ(result.imported, 197);
    EXPECT_EQ(result.rejected, 3);
    ASSERT_EQ(result.issues.size(), 3u);
    EXPECT_EQ(result.issues[0].featureId, 5);
    EXPECT_NE(result.issues[0].reason.find("ditolak oleh uji"), std::string::npos);
    EXPECT_EQ(result.issues[1].featureId, 7);
    EXPECT_EQ(result.issues[1].reason, "tanpa geometri");
    EXPECT_EQ(result.issues[2].featureId, 120);
    EXPECT_NE(result.issues[2].reason.find("ditolak oleh uji"), std::string::npos);
    EXPECT_EQ(project.featureCount("permukiman"), 197);
    EXPECT_EQ(column(project,
                     "SELECT count(*) FROM permukiman WHERE nama IN ('RT 5', 'RT 7', "
                     "'RT 120')"),
              geo::Value{std::int64_t{0}});
    expectIndexMatchesRows(project, "permukiman");
}

// Unmapped source fields land in atribut_lain exactly as QJsonDocument writes them, whether
// the importer wrote the JSON itself (names and texts in ASCII, whole numbers) or asked Qt.
TEST(Import, UnmappedFieldsAreKeptAsQtWritesThem)
{
    Fixture f;
    const auto file = f.write("lain.geojson", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"nama":"a","zz":-5,"teks":"kutip \" garis \\ baris\n tab\t ctl\u0001 /","besar":9007199254740993,"desimal":null,"b":"B"},
       "geometry":{"type":"Point","coordinates":[122.2,-8.6]}},
      {"type":"Feature","properties":{"nama":"b","zz":7,"teks":"Désa Ñ","besar":null,"desimal":null,"b":"x"},
       "geometry":{"type":"Point","coordinates":[122.2,-8.6]}},
      {"type":"Feature","properties":{"nama":"c","zz":null,"teks":"biasa","besar":-12,"desimal":0.1,"b":""},
       "geometry":{"type":"Point","coordinates":[122.2,-8.6]}},
      {"type":"Feature","properties":{"nama":"d","zz":null,"teks":null,"besar":null,"desimal":null,"b":null},
       "geometry":{"type":"Point","coordinates":[122.2,-8.6]}}]})");
    Project project(f.path);
    ImportOptions options;
    options.theme = "permukiman";
    ASSERT_EQ(layers::importFile(project, file, options).imported, 4);
    auto expected = [](std::initializer_list<std::pair<const char*, QJsonValue>> members) {
        QJsonObject object;
        for (const auto& [name, value] : members) {
            object.insert(QString::fromUtf8(name), value);
        }
        return object.isEmpty()
                   ? geo::Value{}
                   : geo::Value{QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString()};
    };
    EXPECT_EQ(column(project, "SELECT atribut_lain FROM permukiman WHERE nama = 'a'"),
              expected({{"zz", qint64(-5)},
                        {"teks", QString::fromUtf8("kutip \" garis \\ baris\n tab\t ctl\x01 /")},
                        {"besar", qint64(9007199254740993LL)},
                        {"b", QString("B")}}));
    EXPECT_EQ(column(project, "SELECT atribut_lain FROM permukiman WHERE nama = 'b'"),
              expected({{"zz", qint64(7)},
                        {"teks", QString::fromUtf8("D\xc3\xa9sa \xc3\x91")},
                        {"b", QString("x")}}));
    EXPECT_EQ(column(project, "SELECT atribut_lain FROM permukiman WHERE nama = 'c'"),
              expected({{"teks", QString("biasa")},
                        {"besar", qint64(-12)},
                        {"desimal", 0.1},
                        {"b", QString("")}}));
    EXPECT_EQ(column(project, "SELECT atribut_lain FROM permukiman WHERE nama = 'd'"),
              geo::Value{});
}
