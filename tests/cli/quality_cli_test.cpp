// petadesa-cli analyze coverage and petadesa-cli validate, run as a user would: exit codes,
// --help, languages, --json.

#include "geo/spatial_database.h"
#include "layers/project.h"
#include "support/cli_run.h"
#include "support/temp_dir.h"

#include <QJsonArray>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace {

using testsupport::cli;
using testsupport::json;
using testsupport::q;

QString sample(const char* theme)
{
    return q(std::string(PETADESA_SOURCE_DIR) + "/data/sample/src/" + theme + ".geojson");
}

/// The sample's villages, roads, settlements, community centers and sites in a fresh project.
std::string sampleProject(const testsupport::TempDir& dir)
{
    const auto project = dir.file("cakupan.sqlite");
    EXPECT_EQ(cli({"init", q(project), "--crs", "EPSG:32751"}).exitCode, 0);
    for (const char* theme :
         {"wilayah", "jalan", "permukiman", "pusat_kemasyarakatan", "titik_evakuasi"}) {
        EXPECT_EQ(cli({"import", q(project), sample(theme), "--theme", theme}).exitCode, 0)
            << theme;
    }
    return project;
}

} // namespace

TEST(CoverageCli, HelpAndUsageErrors)
{
    const auto help = cli({"analyze", "coverage", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("Pemakaian: petadesa-cli analyze coverage"), std::string::npos);
    const auto english = cli({"analyze", "coverage", "--help"}, "en_US.UTF-8");
    EXPECT_NE(english.out.find("Usage: petadesa-cli analyze coverage"), std::string::npos);
    EXPECT_NE(cli({"analyze", "--help"}).out.find("coverage"), std::string::npos);
    EXPECT_EQ(cli({"analyze", "coverage", "a.sqlite"}).exitCode, 1); // no --target
    EXPECT_EQ(cli({"analyze", "coverage", "a.sqlite", "--target", "jalan"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze",
                   "coverage",
                   "a.sqlite",
                   "--target",
                   "titik_evakuasi",
                   "--distance-m",
                   "jauh"})
                  .exitCode,
              1);
    testsupport::TempDir dir;
    const auto missing =
        cli({"analyze", "coverage", q(dir.file("tidak-ada.sqlite")), "--target", "titik_evakuasi"});
    EXPECT_EQ(missing.exitCode, 2);
}

TEST(CoverageCli, JsonTotalsAddUpAndGrowWithTheDistance)
{
    testsupport::TempDir dir;
    const auto project = sampleProject(dir);
    const auto unknownKind = cli({"analyze",
                                  "coverage",
                                  q(project),
                                  "--target",
                                  "pusat_kemasyarakatan",
                                  "--jenis",
                                  "bioskop"});
    EXPECT_EQ(unknownKind.exitCode, 2);
    EXPECT_NE(unknownKind.err.find("bioskop"), std::string::npos);

    std::int64_t previous = -1;
    for (const char* distance : {"200", "800", "3000"}) {
        const auto result = cli({"analyze",
                                 "coverage",
                                 q(project),
                                 "--target",
                                 "pusat_kemasyarakatan",
                                 "--jenis",
                                 "posyandu,polindes",
                                 "--jenis",
                                 "puskesmas",
                                 "--distance-m",
                                 distance,
                                 "--json"});
        ASSERT_EQ(result.exitCode, 0) << result.err;
        const auto object = json(result.out);
        EXPECT_EQ(object["kinds"].toArray().size(), 3);
        EXPECT_EQ(object["services"].toInt(), 29);
        const auto total = object["total"].toObject();
        EXPECT_EQ(total["population"].toInteger(), 83213);
        EXPECT_EQ(total["covered"].toInteger() + total["not_covered"].toInteger(), 83213);
        std::int64_t population = 0, covered = 0;
        for (const auto& v : object["villages"].toArray()) {
            population += v.toObject()["population"].toInteger();
            covered += v.toObject()["covered"].toInteger();
        }
        EXPECT_EQ(population, 83213);
        EXPECT_EQ(covered, total["covered"].toInteger());
        std::int64_t uncovered = 0;
        for (const auto& s : object["settlements_not_covered"].toArray()) {
            uncovered += s.toObject()["population"].toInteger();
            EXPECT_GT(s.toObject()["distance_m"].toDouble(), std::stod(distance));
        }
        EXPECT_EQ(uncovered, total["not_covered"].toInteger());
        EXPECT_GT(total["covered"].toInteger(), previous);
        previous = total["covered"].toInteger();
    }
}

TEST(CoverageCli, NetworkTextInEnglish)
{
    testsupport::TempDir dir;
    const auto project = sampleProject(dir);
    const auto result =
        cli({"analyze", "coverage", q(project), "--target", "titik_evakuasi", "--network"},
            "en_US.UTF-8");
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("along the roads"), std::string::npos);
    EXPECT_NE(result.out.find("Per village:"), std::string::npos);
    EXPECT_NE(result.out.find("No road within 500 m"), std::string::npos); // the islands
    EXPECT_NE(result.out.find("hasil_cakupan_evakuasi_desa"), std::string::npos);
}

TEST(ValidateCli, HelpAndUsageErrors)
{
    const auto help = cli({"validate", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("Pemakaian: petadesa-cli validate"), std::string::npos);
    const auto english = cli({"validate", "--help"}, "en_US.UTF-8");
    EXPECT_NE(english.out.find("Exit code: 0 without errors"), std::string::npos);
    EXPECT_NE(cli({"--help"}).out.find("validate"), std::string::npos);
    EXPECT_EQ(cli({"validate"}).exitCode, 1);
    EXPECT_EQ(cli({"validate", "a.sqlite", "--theme", "sungai"}).exitCode, 1);
    EXPECT_EQ(cli({"validate", "a.sqlite", "--duplicate-m", "-1"}).exitCode, 1);
    testsupport::TempDir dir;
    EXPECT_EQ(cli({"validate", q(dir.file("tidak-ada.sqlite"))}).exitCode, 2);
}

TEST(ValidateCli, ReportFixAndExitCodes)
{
    testsupport::TempDir dir;
    const auto project = sampleProject(dir);
    const auto clean = cli({"validate", q(project), "--json"});
    ASSERT_EQ(clean.exitCode, 0) << clean.out << clean.err;
    EXPECT_EQ(json(clean.out)["errors"].toInt(), 0);

    {
        layers::Project p(project);
        p.database().exec(
            "UPDATE titik_evakuasi SET jenis = 'shelter tsunami', nama = nama || ' ' WHERE fid = "
            "1;"
            // A bow tie around the site, so that it stays inside its village.
            "UPDATE titik_evakuasi SET geom = GeomFromText(printf('POLYGON((%f %f, %f %f, %f %f, "
            "%f %f, %f %f))', X(geom) - 0.0005, Y(geom) - 0.0005, X(geom) + 0.0005, Y(geom) + "
            "0.0005, X(geom) + 0.0005, Y(geom) - 0.0005, X(geom) - 0.0005, Y(geom) + 0.0005, "
            "X(geom) - 0.0005, Y(geom) - 0.0005), 4326) WHERE fid = 2;");
    }
    const auto report = cli({"validate", q(project), "--theme", "titik_evakuasi", "--json"});
    EXPECT_EQ(report.exitCode, 2); // the bow tie is an error
    auto object = json(report.out);
    EXPECT_EQ(object["errors"].toInt(), 1);
    EXPECT_EQ(object["fixable"].toInt(), 3);
    EXPECT_EQ(object["features_checked"].toObject().size(), 1);
    std::set<std::string> kinds;
    for (const auto& issue : object["issues"].toArray()) {
        const auto o = issue.toObject();
        kinds.insert(o["kind"].toString().toStdString());
        EXPECT_EQ(o["theme"].toString(), "titik_evakuasi");
        EXPECT_FALSE(o["id"].toString().isEmpty());
        EXPECT_EQ(o["bbox"].toArray().size(), 4);
    }
    EXPECT_EQ(
        kinds,
        (std::set<std::string>{"nilai_bukan_kode", "spasi_berlebih", "geometri_tidak_valid"}));

    const auto fixed = cli({"validate", q(project), "--fix"}, "en_US.UTF-8");
    EXPECT_EQ(fixed.exitCode, 0) << fixed.out; // nothing is left but warnings
    EXPECT_NE(fixed.out.find("Fixed (3 changes, recorded in the history)"), std::string::npos)
        << fixed.out;
    EXPECT_NE(fixed.out.find("'shelter tsunami' → 'TES'"), std::string::npos) << fixed.out;
    layers::Project p(project);
    EXPECT_EQ(std::get<std::int64_t>(p.database().scalar(
                  "SELECT count(*) FROM riwayat WHERE aksi = 'ubah' AND tema = 'titik_evakuasi'")),
              2);
    EXPECT_EQ(std::get<std::int64_t>(
                  p.database().scalar("SELECT IsValid(geom) FROM titik_evakuasi WHERE fid = 2")),
              1);
    const auto again = cli({"validate", q(project), "--fix", "--json"});
    EXPECT_EQ(again.exitCode, 0);
    EXPECT_EQ(json(again.out)["fixed"].toArray().size(), 0);
}

TEST(ValidateCli, NumbersStoredAsText)
{
    testsupport::TempDir dir;
    const auto project = sampleProject(dir);
    {
        layers::Project p(project);
        p.database().exec("UPDATE titik_evakuasi SET kapasitas = '1.200 orang' WHERE fid = 1;"
                          "UPDATE titik_evakuasi SET luas_m2 = '2.500,5' WHERE fid = 2;"
                          "UPDATE permukiman SET jumlah_penduduk = -12 WHERE fid = 3;");
    }
    const auto report = cli({"validate", q(project), "--json"});
    EXPECT_EQ(report.exitCode, 2);            // text and a negative count are errors
    std::map<std::string, std::string> items; // kind -> "theme fid column value"
    for (const auto& issue : json(report.out)["issues"].toArray()) {
        const auto o = issue.toObject();
        items[o["kind"].toString().toStdString()] +=
            o["theme"].toString().toStdString() + " " + std::to_string(o["fid"].toInt()) + " " +
            o["column"].toString().toStdString() + " " + o["value"].toString().toStdString() +
            (o["fixable"].toBool() ? " fix;" : ";");
    }
    EXPECT_EQ(items["bukan_angka"],
              "titik_evakuasi 1 kapasitas 1.200 orang;titik_evakuasi 2 luas_m2 2.500,5 fix;");
    EXPECT_EQ(items["nilai_negatif"], "permukiman 3 jumlah_penduduk -12;");

    const auto fixed = cli({"validate", q(project), "--fix", "--json"});
    EXPECT_EQ(fixed.exitCode, 2); // what has no one reading stays an error
    const auto changes = json(fixed.out)["fixed"].toArray();
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes[0].toObject()["kind"].toString(), "bukan_angka");
    EXPECT_EQ(changes[0].toObject()["new"].toString(), "2500.5");
    layers::Project p(project);
    EXPECT_EQ(std::get<std::string>(p.database().scalar(
                  "SELECT typeof(luas_m2) || ' ' || luas_m2 FROM titik_evakuasi WHERE fid = 2")),
              "real 2500.5");
}
