#include "support/cli_run.h"
#include "support/temp_dir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

#include <gtest/gtest.h>

namespace {

using testsupport::cli;
using testsupport::json;
using testsupport::q;
using testsupport::Run;
using testsupport::run;

} // namespace

TEST(Cli, VersionHelpAndUsageErrors)
{
    EXPECT_EQ(cli({"--version"}).exitCode, 0);
    for (const char* command : {"init", "info", "import", "export"}) {
        const auto run = cli({command, "--help"});
        EXPECT_EQ(run.exitCode, 0) << command;
        EXPECT_NE(run.out.find("Pemakaian"), std::string::npos) << command;
    }
    EXPECT_EQ(cli({"terbang"}).exitCode, 1);
    EXPECT_EQ(cli({"info"}).exitCode, 1);
    EXPECT_EQ(cli({"import", "a.sqlite", "b.shp"}).exitCode, 1); // no --theme
    EXPECT_EQ(cli({"import", "a.sqlite", "b.shp", "--theme", "gunung"}).exitCode, 1);
    EXPECT_EQ(cli({"init", "x.sqlite", "--bogus"}).exitCode, 1);
}

TEST(Cli, InitImportInfoExport)
{
    testsupport::TempDir dir;
    const auto project = dir.file("kec.sqlite");
    ASSERT_EQ(cli({"init", q(project), "--name", "Kecamatan Uji"}).exitCode, 0);
    EXPECT_EQ(cli({"init", q(project)}).exitCode, 2); // exists: never overwritten

    testsupport::writeText(dir.file("titik.csv"),
                           "nama,penduduk,lintang,bujur\n"
                           "RT 01,120,-8.62,122.21\nRT 02,80,-8.63,122.22\n");
    const auto imported =
        cli({"import", q(project), q(dir.file("titik.csv")), "--theme", "permukiman", "--json"});
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    const auto result = json(imported.out);
    EXPECT_EQ(result["imported"].toInt(), 2);
    EXPECT_EQ(result["field_mapping"].toObject()["jumlah_penduduk"].toString(), "penduduk");

    const auto info = cli({"info", q(project), "--json"});
    ASSERT_EQ(info.exitCode, 0);
    const auto object = json(info.out);
    EXPECT_EQ(object["name"].toString(), "Kecamatan Uji");
    EXPECT_EQ(object["working_crs"].toString(), "EPSG:32751");
    EXPECT_EQ(object["themes"].toObject()["permukiman"].toInt(), 2);
    EXPECT_EQ(object["themes"].toObject().size(), 10);
    EXPECT_EQ(object["extent"].toArray().size(), 4);

    const auto exported =
        cli({"export", q(project), "permukiman", q(dir.file("keluar.geojson")), "--json"});
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    EXPECT_EQ(json(exported.out)["features"].toInt(), 2);
    EXPECT_EQ(cli({"export", q(project), "permukiman", q(dir.file("keluar.geojson"))}).exitCode, 2);
}

TEST(Cli, BadInputExitsWithTwoAndNamesTheFile)
{
    testsupport::TempDir dir;
    const auto project = dir.file("p.sqlite");
    ASSERT_EQ(cli({"init", q(project)}).exitCode, 0);
    testsupport::writeText(dir.file("rusak.kml"), "<kml><Document><Placemark><Point><coord");
    const auto run = cli({"import", q(project), q(dir.file("rusak.kml")), "--theme", "aset_desa"});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.err.find("rusak.kml"), std::string::npos) << run.err;
    EXPECT_EQ(cli({"info", q(dir.file("rusak.kml"))}).exitCode, 2);
}

TEST(Cli, EnglishOnRequest)
{
    testsupport::TempDir dir;
    const auto project = dir.file("p.sqlite");
    const auto run = cli({"init", q(project)}, "en_US.UTF-8");
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_NE(run.out.find("Project created"), std::string::npos) << run.out;
    const auto help = cli({"import", "--help"}, "en_US.UTF-8");
    EXPECT_NE(help.out.find("Usage"), std::string::npos);
    EXPECT_EQ(help.out.find("Pemakaian"), std::string::npos);
}

TEST(Cli, SeveralLayersIntoTheirThemesInOneRun)
{
    testsupport::TempDir dir;
    const auto project = dir.file("p.sqlite");
    ASSERT_EQ(cli({"init", q(project)}).exitCode, 0);
    // GDAL's test.gpx: 2 waypoints; 3 tracks, of which two are empty.
    const auto run = cli({"import",
                          q(project),
                          TEST_DATA_DIR "/realdata/robustness/gdal_autotest/test.gpx",
                          "--layer-theme",
                          "waypoints=aset_desa",
                          "--layer-theme",
                          "tracks=jalan",
                          "--set",
                          "aset_desa.kondisi=baik",
                          "--json"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto imports = json(run.out)["imports"].toArray();
    ASSERT_EQ(imports.size(), 2);
    EXPECT_EQ(imports[0].toObject()["theme"].toString(), "aset_desa");
    EXPECT_EQ(imports[0].toObject()["imported"].toInt(), 2);
    EXPECT_EQ(imports[1].toObject()["theme"].toString(), "jalan");
    EXPECT_EQ(imports[1].toObject()["imported"].toInt(), 1);
    EXPECT_EQ(imports[1].toObject()["rejected"].toInt(), 2); // empty tracks
    EXPECT_EQ(
        cli({"import", q(project), "x.gpx", "--layer-theme", "a=aset_desa", "--theme", "jalan"})
            .exitCode,
        1);
}
