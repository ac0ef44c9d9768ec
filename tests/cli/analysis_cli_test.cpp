// petadesa-cli analyze exposure / safe-areas / damage, run as a user would, on the bundled
// sample kecamatan (built with data/sample/build.sh) and on a KoboToolbox-style damage survey.

#include "support/cli_run.h"
#include "support/temp_dir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

namespace {

using testsupport::cli;
using testsupport::json;
using testsupport::q;
using testsupport::Run;
using testsupport::run;

/// The sample kecamatan built with data/sample/build.sh once per petadesa-cli build and kept
/// beside the test binary (ctest runs every test in its own process).
class AnalyzeCli : public testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<testsupport::TempDir>();
        const auto cli = std::filesystem::path(PETADESA_CLI);
        std::error_code ec;
        const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(
                               std::filesystem::last_write_time(cli, ec).time_since_epoch())
                               .count();
        const auto directory = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
        const auto cached = directory / ("cli_sample_cache_" + std::to_string(stamp) + ".sqlite");
        if (!std::filesystem::exists(cached)) {
            const auto building = s_dir->file("built.sqlite");
            const auto built = run("bash",
                                   {q(std::string(PETADESA_SOURCE_DIR) + "/data/sample/build.sh"),
                                    PETADESA_CLI,
                                    q(building)});
            ASSERT_EQ(built.exitCode, 0) << built.err;
            const auto mine = directory / ("cli_sample_build_" + std::to_string(::getpid()));
            std::filesystem::copy_file(building, mine, ec);
            for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
                if (entry.path().filename().string().rfind("cli_sample_cache_", 0) == 0) {
                    std::filesystem::remove(entry.path(), ec); // an older petadesa-cli's
                }
            }
            std::filesystem::rename(mine, cached, ec); // parallel processes may race here
        }
        std::filesystem::copy_file(cached, s_dir->file("sample.sqlite"));
    }
    static void TearDownTestSuite() { s_dir.reset(); }
    static QString sample() { return q(s_dir->file("sample.sqlite")); }

    static inline std::unique_ptr<testsupport::TempDir> s_dir;
};

} // namespace

TEST_F(AnalyzeCli, ExposureJsonHasTheNamedKeys)
{
    const auto result = cli({"analyze", "exposure", sample(), "--json"});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto object = json(result.out);
    const auto levels = object["by_level"].toArray();
    ASSERT_EQ(levels.size(), 3); // tsunami × rendah, sedang, tinggi
    for (const auto& value : levels) {
        const auto level = value.toObject();
        for (const char* key : {"hazard_type",
                                "level",
                                "assets",
                                "asset_value_rp",
                                "population",
                                "community_centers",
                                "bumdes_units",
                                "road_km",
                                "potential",
                                "potential_area_ha",
                                "potential_value_rp",
                                "assets_by_category",
                                "settlements"}) {
            EXPECT_TRUE(level.contains(key)) << key;
        }
        EXPECT_EQ(level["hazard_type"].toString(), "tsunami");
    }
    EXPECT_EQ(levels[2].toObject()["level"].toString(), "tinggi");
    EXPECT_GT(levels[2].toObject()["assets"].toInt(), 100);
    EXPECT_NEAR(levels[0].toObject()["population"].toDouble() +
                    levels[1].toObject()["population"].toDouble() +
                    levels[2].toObject()["population"].toDouble(),
                41196,
                1e-6); // sample documentation: 41,196 people in the tsunami zones
    const auto villages = object["by_village"].toArray();
    ASSERT_FALSE(villages.isEmpty());
    for (const char* key : {"village_code",
                            "village",
                            "village_level",
                            "hazard_type",
                            "level",
                            "assets",
                            "population",
                            "road_km"}) {
        EXPECT_TRUE(villages[0].toObject().contains(key)) << key;
    }
    EXPECT_EQ(object["counting_rule"].toString(), "highest_level_once_per_hazard_type");
    EXPECT_GT(object["log_id"].toInt(), 0);

    const auto text = cli({"analyze", "exposure", sample()});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("tingkat tertinggi"), std::string::npos); // the counting rule
    const auto english = cli({"analyze", "exposure", sample()}, "en_US.UTF-8");
    ASSERT_EQ(english.exitCode, 0);
    EXPECT_NE(english.out.find("highest level"), std::string::npos);
    for (const char* word : {"Jenis bahaya", "penduduk", "jiwa", "Hasil:"}) {
        EXPECT_EQ(english.out.find(word), std::string::npos) << word;
    }
}

TEST_F(AnalyzeCli, ExposureNoSaveReportsTheSameAndWritesNothing)
{
    // A copy of the sample that has never been analysed: --no-save leaves its bytes as they
    // were, and reports what a saving run then writes.
    testsupport::TempDir dir;
    const auto path = dir.file("salinan.sqlite");
    std::filesystem::copy_file(s_dir->file("sample.sqlite"), path);
    auto bytes = [&] {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string before = bytes();
    const auto preview = cli({"analyze", "exposure", q(path), "--json", "--no-save"});
    ASSERT_EQ(preview.exitCode, 0) << preview.err;
    EXPECT_EQ(bytes(), before);
    const auto previewJson = json(preview.out);
    EXPECT_FALSE(previewJson["saved"].toBool(true));
    EXPECT_TRUE(previewJson["result_tables"].toArray().isEmpty());
    EXPECT_FALSE(previewJson.contains("log_id"));

    const auto saved = cli({"analyze", "exposure", q(path), "--json"});
    ASSERT_EQ(saved.exitCode, 0) << saved.err;
    const auto savedJson = json(saved.out);
    EXPECT_GT(savedJson["log_id"].toInt(), 0);
    EXPECT_EQ(savedJson["result_tables"].toArray().size(), 4);
    EXPECT_EQ(previewJson["by_level"], savedJson["by_level"]);
    EXPECT_EQ(previewJson["by_village"], savedJson["by_village"]);
    EXPECT_EQ(previewJson["exposed_features"], savedJson["exposed_features"]);

    const auto text = cli({"analyze", "exposure", q(path), "--no-save"});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("tidak disimpan"), std::string::npos);
    EXPECT_EQ(text.out.find("Hasil: hasil_paparan"), std::string::npos);
}

TEST_F(AnalyzeCli, SafeAreasJson)
{
    const auto result = cli({"analyze",
                             "safe-areas",
                             sample(),
                             "--min-level",
                             "sedang",
                             "--buffer",
                             "50",
                             "--min-area-ha",
                             "1",
                             "--json"});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto object = json(result.out);
    const auto parts = object["parts"].toArray();
    ASSERT_FALSE(parts.isEmpty());
    for (const char* key : {"id",
                            "village_code",
                            "village",
                            "area_ha",
                            "nearest_settlement_m",
                            "rank",
                            "village_rank"}) {
        EXPECT_TRUE(parts[0].toObject().contains(key)) << key;
    }
    EXPECT_EQ(parts[0].toObject()["rank"].toInt(), 1);
    EXPECT_EQ(object["result_table"].toString(), "hasil_zona_aman");
    EXPECT_EQ(object["villages"].toArray().size(), 21);
    double total = 0;
    for (const auto& part : parts) {
        EXPECT_GE(part.toObject()["area_ha"].toDouble(), 1.0);
        total += part.toObject()["area_ha"].toDouble();
    }
    EXPECT_NEAR(object["total_area_ha"].toDouble(), total, 1e-6);
}

TEST_F(AnalyzeCli, HelpAndUsageErrors)
{
    for (const char* analysis : {"exposure", "safe-areas", "damage"}) {
        const auto help = cli({"analyze", analysis, "--help"});
        EXPECT_EQ(help.exitCode, 0) << analysis;
        EXPECT_NE(help.out.find("Pemakaian"), std::string::npos) << analysis;
        const auto english = cli({"analyze", analysis, "--help"}, "en_US.UTF-8");
        EXPECT_NE(english.out.find("Usage"), std::string::npos) << analysis;
        EXPECT_EQ(english.out.find("Pemakaian"), std::string::npos) << analysis;
        EXPECT_EQ(cli({"analyze", analysis}).exitCode, 1) << analysis; // no project
        EXPECT_EQ(cli({"analyze", analysis, "/tidak/ada.sqlite"}).exitCode, 2) << analysis;
    }
    const auto listed = cli({"analyze", "--help"});
    for (const char* analysis : {"exposure", "safe-areas", "damage"}) {
        EXPECT_NE(listed.out.find(analysis), std::string::npos) << analysis;
    }
    EXPECT_EQ(cli({"analyze", "safe-areas", sample(), "--min-level", "ekstrem"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze", "safe-areas", sample(), "--buffer", "lima"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze", "safe-areas", sample(), "--min-elevation", "10"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze", "safe-areas", sample(), "--dem", "x.tif"}).exitCode, 1);
    EXPECT_EQ(
        cli({"analyze", "safe-areas", sample(), "--dem", "/tidak/ada.tif", "--min-elevation", "10"})
            .exitCode,
        2);
    EXPECT_EQ(cli({"analyze", "damage", sample(), "--event", "Banjir 1900"}).exitCode, 2);
}

TEST_F(AnalyzeCli, PotentialJsonRanksVillagesAndWritesTables)
{
    const auto result = cli({"analyze", "potential", sample(), "--json"});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto object = json(result.out);
    EXPECT_EQ(object["by"].toString(), "desa");
    EXPECT_FALSE(object["score_formula"].toString().isEmpty());
    const auto villages = object["villages"].toArray();
    ASSERT_FALSE(villages.isEmpty());
    qint64 potential = 0, units = 0;
    std::map<QString, std::vector<std::pair<double, int>>> groups;
    std::map<QString, double> maxValuePart;
    for (const auto& value : villages) {
        const auto v = value.toObject();
        for (const char* key : {"kode",
                                "nama",
                                "categories",
                                "bumdes_units",
                                "score",
                                "rank",
                                "area_ha",
                                "assets",
                                "potential_at_risk",
                                "leading_categories"}) {
            EXPECT_TRUE(v.contains(key)) << key;
        }
        for (const auto& c : v["categories"].toObject()) {
            potential += c.toObject()["count"].toInteger();
        }
        units += v["bumdes_units"].toArray().size();
        groups[v["kode_induk"].toString()].push_back({v["score"].toDouble(), v["rank"].toInt()});
    }
    // Every potential feature and unit is in one village or outside all of them.
    EXPECT_EQ(potential + object["outside_villages"].toObject()["count"].toInteger(),
              object["potential_features"].toInteger());
    EXPECT_EQ(units + object["bumdes_outside_villages"].toInteger(),
              object["bumdes_units"].toInteger());
    // Ranks follow the scores within each kecamatan; V is relative to the group's best.
    for (const auto& [parent, members] : groups) {
        for (const auto& [score, rank] : members) {
            int higher = 0;
            for (const auto& other : members) {
                higher += other.first > score ? 1 : 0;
            }
            EXPECT_EQ(rank, higher + 1);
        }
        // (0 for a group with no value at all.)
        EXPECT_TRUE(maxValuePart[parent] == 1.0 || maxValuePart[parent] == 0.0)
            << parent.toStdString();
    }
    EXPECT_EQ(object["result_tables"].toArray().size(), 6);

    const auto dusun = cli({"analyze", "potential", sample(), "--by", "dusun", "--json"});
    ASSERT_EQ(dusun.exitCode, 0) << dusun.err;
    EXPECT_EQ(json(dusun.out)["by"].toString(), "dusun");

    const auto text = cli({"analyze", "potential", sample(), "--no-risk"}, "en_US.UTF-8");
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("score = 100"), std::string::npos);
    EXPECT_EQ(cli({"analyze", "potential", sample(), "--by", "rt"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze", "potential", "/tidak/ada.sqlite"}).exitCode, 2);
}

TEST(AnalyzeDamage, KoboCsvImportAndSummary)
{
    // A KoboToolbox export: labels as headers where the form used PetaDesa names, Kobo's own
    // columns (_lokasi_latitude, _id, _uuid, _submission_time, ...), a damage level as its label.
    testsupport::TempDir dir;
    const auto project = q(dir.file("desa.sqlite"));
    ASSERT_EQ(cli({"init", project, "--crs", "EPSG:32751"}).exitCode, 0);
    testsupport::writeText(dir.file("wilayah.geojson"),
                           R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kode":"53.07.99.2001","nama":"Desa Uji","tingkat":"desa"},
 "geometry":{"type":"Polygon","coordinates":[[[122.20,-8.62],[122.22,-8.62],[122.22,-8.60],[122.20,-8.60],[122.20,-8.62]]]}},
{"type":"Feature","properties":{"kode":"53.07.99.2002","nama":"Desa Tetangga","tingkat":"desa"},
 "geometry":{"type":"Polygon","coordinates":[[[122.22,-8.62],[122.24,-8.62],[122.24,-8.60],[122.22,-8.60],[122.22,-8.62]]]}}]})");
    ASSERT_EQ(
        cli({"import", project, q(dir.file("wilayah.geojson")), "--theme", "wilayah"}).exitCode, 0);
    testsupport::writeText(dir.file("aset.geojson"),
                           R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"uuid":"7f1c2a3e-0000-4000-8000-000000000001","nama":"Posyandu Mawar","kode_aset":"4.01.01.06.001","kategori":"posyandu"},
 "geometry":{"type":"Point","coordinates":[122.205,-8.615]}},
{"type":"Feature","properties":{"uuid":"7f1c2a3e-0000-4000-8000-000000000002","nama":"Jembatan Kali","kode_aset":"5.01.02.01.001","kategori":"jembatan"},
 "geometry":{"type":"Point","coordinates":[122.23,-8.61]}}]})");
    ASSERT_EQ(
        cli({"import", project, q(dir.file("aset.geojson")), "--theme", "aset_desa"}).exitCode, 0);
    testsupport::writeText(
        dir.file("kobo_kaji_cepat.csv"),
        "start,end,today,kejadian,tanggal,tingkat_kerusakan,aset_uuid,jumlah_terdampak,"
        "jumlah_mengungsi,foto,keterangan,_lokasi_latitude,_lokasi_longitude,_lokasi_altitude,"
        "_lokasi_precision,_id,_uuid,_submission_time,_index\n"
        "2026-04-27T08:01:00.000+08:00,2026-04-27T08:05:00.000+08:00,2026-04-27,Banjir April "
        "2026,2026-04-26,Rusak berat,7f1c2a3e-0000-4000-8000-000000000001,40,12,posyandu.jpg,"
        "\"Atap runtuh, dinding retak\",-8.615,122.205,12,4.5,101,a1b2c3d4-0001,"
        "2026-04-27T00:06:00,1\n"
        "2026-04-27T08:10:00.000+08:00,2026-04-27T08:12:00.000+08:00,2026-04-27,Banjir April "
        "2026,2026-04-26,Rusak ringan,7f1c2a3e-0000-4000-8000-000000000002,5,0,,Lantai "
        "berlumpur,-8.61,122.23,10,3.9,102,a1b2c3d4-0002,2026-04-27T00:13:00,2\n"
        "2026-04-27T09:00:00.000+08:00,2026-04-27T09:03:00.000+08:00,2026-04-27,Banjir April "
        "2026,2026-04-26,Rusak sedang,,25,8,rumah.jpg,Rumah warga,-8.612,122.208,11,5.0,103,"
        "a1b2c3d4-0003,2026-04-27T01:04:00,3\n"
        "2026-04-28T07:00:00.000+08:00,2026-04-28T07:02:00.000+08:00,2026-04-28,Longsor "
        "Mei 2026,2026-04-28,Rusak berat,,3,3,,Jalan tertimbun,-8.605,122.235,30,6.0,104,"
        "a1b2c3d4-0004,2026-04-28T00:03:00,4\n");
    const auto imported = cli(
        {"import", project, q(dir.file("kobo_kaji_cepat.csv")), "--theme", "kerusakan", "--json"});
    ASSERT_EQ(imported.exitCode, 0) << imported.err << imported.out;
    const auto report = json(imported.out);
    EXPECT_EQ(report["imported"].toInt(), 4);
    EXPECT_EQ(report["rejected"].toInt(), 0);

    const auto csv = dir.file("laporan_kerusakan.csv");
    const auto summary = cli(
        {"analyze", "damage", project, "--event", "Banjir April 2026", "--json", "--csv", q(csv)});
    ASSERT_EQ(summary.exitCode, 0) << summary.err;
    const auto object = json(summary.out);
    EXPECT_EQ(object["event"].toString(), "Banjir April 2026");
    EXPECT_EQ(object["events"].toObject()["Longsor Mei 2026"].toInt(), 1);
    const auto total = object["total"].toObject();
    EXPECT_EQ(total["records"].toInt(), 3);
    EXPECT_EQ(total["berat"].toInt(), 1);
    EXPECT_EQ(total["sedang"].toInt(), 1);
    EXPECT_EQ(total["ringan"].toInt(), 1);
    EXPECT_EQ(total["affected"].toInt(), 70);
    EXPECT_EQ(total["displaced"].toInt(), 20);
    std::map<QString, QJsonObject> categories;
    for (const auto& value : object["by_category"].toArray()) {
        categories[value.toObject()["label"].toString()] = value.toObject();
    }
    ASSERT_EQ(categories.size(), 3u);
    EXPECT_EQ(categories["posyandu"]["berat"].toInt(), 1);
    EXPECT_EQ(categories["jembatan"]["ringan"].toInt(), 1);
    EXPECT_EQ(categories["tanpa aset"]["sedang"].toInt(), 1);
    EXPECT_TRUE(categories["tanpa aset"]["category"].isNull());
    std::map<QString, int> villages;
    for (const auto& value : object["by_village"].toArray()) {
        villages[value.toObject()["village"].toString()] = value.toObject()["records"].toInt();
    }
    EXPECT_EQ(villages["Desa Uji"], 2); // by location (the records carry no kode_desa)
    EXPECT_EQ(villages["Desa Tetangga"], 1);
    const std::string text = testsupport::readText(csv);
    EXPECT_EQ(text.rfind("kejadian,kode_desa,desa,kategori_aset,catatan,", 0), 0u) << text;
    EXPECT_NE(text.find("Banjir April 2026,53.07.99.2001,Desa Uji,posyandu,1,0,0,1,0,40,12"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Banjir April 2026,53.07.99.2001,Desa Uji,tanpa aset,1,0,1,0,0,25,8"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find(",,JUMLAH,,3,1,1,1,0,70,20"), std::string::npos) << text;

    // English: the same report with English headers and labels only.
    const auto english = cli({"analyze", "damage", project}, "en_US.UTF-8");
    ASSERT_EQ(english.exitCode, 0);
    EXPECT_NE(english.out.find("no asset"), std::string::npos) << english.out;
    EXPECT_EQ(english.out.find("tanpa aset"), std::string::npos) << english.out;
    EXPECT_EQ(english.out.find("catatan"), std::string::npos) << english.out;
}

TEST_F(AnalyzeCli, LayoutWritesAVillagePageAndExplainsMistakes)
{
    testsupport::TempDir dir;
    const auto pdf = dir.file("wuring.pdf");
    auto result = cli({"layout",
                       sample(),
                       q(pdf),
                       "--template",
                       "evakuasi",
                       "--village",
                       "Wuring",
                       "--paper",
                       "A4",
                       "--producer",
                       "Tim Uji"});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find(pdf), std::string::npos);
    const auto text = run("pdftotext", {q(pdf), "-"});
    EXPECT_NE(text.out.find("Wuring"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Tim Uji"), std::string::npos);

    result = cli({"layout", sample(), q(dir.file("a.pdf")), "--template", "peta-harta-karun"});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_NE(result.err.find("profil"), std::string::npos) << result.err; // lists templates
    result = cli({"layout", sample(), q(dir.file("a.pdf")), "--template", "aset", "--paper", "B5"});
    EXPECT_EQ(result.exitCode, 1);
    result =
        cli({"layout", sample(), q(dir.file("a.pdf")), "--template", "aset", "--atlas", "dusun"});
    EXPECT_EQ(result.exitCode, 1);
    result = cli({"layout", sample(), q(dir.file("a.pdf"))});
    EXPECT_EQ(result.exitCode, 1); // no --template
    result = cli(
        {"layout", sample(), q(dir.file("a.pdf")), "--template", "aset", "--village", "Atlantis"},
        "en_US.UTF-8");
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_NE(result.err.find("no desa/kelurahan 'Atlantis'"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("a.pdf")));
}
