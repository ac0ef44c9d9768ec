// petadesa-cli analyze evacuation, run as a user would: exit codes, --help, languages, --json.

#include "support/cli_run.h"
#include "support/temp_dir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

#include <gtest/gtest.h>

#include <set>

namespace {

using testsupport::cli;
using testsupport::json;
using testsupport::q;
using testsupport::Run;
using testsupport::run;

QString sample(const char* theme)
{
    return q(std::string(PETADESA_SOURCE_DIR) + "/data/sample/src/" + theme + ".geojson");
}

/// The sample's roads, hazard zones, settlements and sites in a fresh project.
std::string sampleProject(const testsupport::TempDir& dir)
{
    const auto project = dir.file("evakuasi.sqlite");
    EXPECT_EQ(cli({"init", q(project), "--crs", "EPSG:32751"}).exitCode, 0);
    for (const char* theme : {"zona_bahaya", "jalan", "permukiman", "titik_evakuasi"}) {
        EXPECT_EQ(cli({"import", q(project), sample(theme), "--theme", theme}).exitCode, 0)
            << theme;
    }
    return project;
}

} // namespace

TEST(EvacuationCli, HelpAndUsageErrors)
{
    const auto help = cli({"analyze", "evacuation", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("Pemakaian: petadesa-cli analyze evacuation"), std::string::npos);
    EXPECT_NE(help.out.find("--avoid-level"), std::string::npos);
    const auto english = cli({"analyze", "evacuation", "--help"}, "en_US.UTF-8");
    EXPECT_NE(english.out.find("Usage: petadesa-cli analyze evacuation"), std::string::npos);
    EXPECT_NE(cli({"analyze", "--help"}).out.find("evacuation"), std::string::npos);

    EXPECT_EQ(cli({"analyze", "evacuation"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze", "evacuation", "a.sqlite", "--speed-kmh", "cepat"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze", "evacuation", "a.sqlite", "--speed-kmh", "0"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze", "evacuation", "a.sqlite", "--bogus"}).exitCode, 1);
    EXPECT_EQ(cli({"analyze", "evacuation", "a.sqlite", "--crossings", "kadang"}).exitCode, 1);

    testsupport::TempDir dir;
    const auto missing = cli({"analyze", "evacuation", q(dir.file("tidak-ada.sqlite"))});
    EXPECT_EQ(missing.exitCode, 2);
    const auto empty = dir.file("kosong.sqlite");
    ASSERT_EQ(cli({"init", q(empty), "--crs", "EPSG:32751"}).exitCode, 0);
    const auto noData = cli({"analyze", "evacuation", q(empty)}, "en_US.UTF-8");
    EXPECT_EQ(noData.exitCode, 2);
    EXPECT_NE(noData.err.find("Error:"), std::string::npos) << noData.err;
}

TEST(EvacuationCli, JsonOnTheSample)
{
    testsupport::TempDir dir;
    const auto project = sampleProject(dir);
    const auto run = cli({"analyze", "evacuation", q(project), "--json", "--speed-kmh", "3.22"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto object = QJsonDocument::fromJson(QByteArray::fromStdString(run.out)).object();
    ASSERT_FALSE(object.isEmpty()) << run.out.substr(0, 300);
    EXPECT_EQ(object["id_field"].toString(), "uuid");
    EXPECT_DOUBLE_EQ(object["parameters"].toObject()["speed_kmh"].toDouble(), 3.22);

    std::set<QString> siteIds;
    qint64 assignedAtSites = 0;
    for (const auto& value : object["sites"].toArray()) {
        const auto site = value.toObject();
        ASSERT_TRUE(site.contains("id") && site.contains("capacity") && site.contains("assigned"));
        EXPECT_LE(site["assigned"].toInteger(), site["capacity"].toInteger());
        assignedAtSites += site["assigned"].toInteger();
        siteIds.insert(site["id"].toString());
        EXPECT_TRUE(site["needs"].toObject().contains("rice_kg_per_week"));
    }
    EXPECT_EQ(siteIds.size(), 18u);

    const auto settlements = object["settlements"].toArray();
    EXPECT_EQ(settlements.size(), 365);
    qint64 assigned = 0;
    for (const auto& value : settlements) {
        const auto s = value.toObject();
        ASSERT_TRUE(s.contains("id") && s.contains("site_id") && s.contains("distance_m") &&
                    s.contains("minutes"));
        if (!s["site_id"].isNull()) {
            EXPECT_TRUE(siteIds.count(s["site_id"].toString()));
            EXPECT_NEAR(s["minutes"].toDouble(), s["distance_m"].toDouble() / (3220.0 / 60), 0.01);
        }
        for (const auto& a : s["assignments"].toArray()) {
            assigned += a.toObject()["people"].toInteger();
        }
    }
    EXPECT_EQ(assigned, assignedAtSites);
    const auto summary = object["summary"].toObject();
    EXPECT_EQ(summary["assigned"].toInteger(), assigned);
    EXPECT_EQ(summary["assigned"].toInteger() + summary["unserved"].toInteger() +
                  summary["unreachable_population"].toInteger(),
              summary["population"].toInteger());
    const auto unreachable = object["unreachable"].toArray();
    EXPECT_EQ(unreachable.size(), 67);
    EXPECT_EQ(unreachable.first().toObject()["reason"].toString(), "tanpa_jalan");
    EXPECT_FALSE(object["overloaded_sites"].toArray().isEmpty());

    // The human-readable report, in both languages.
    const auto text = cli({"analyze", "evacuation", q(project)});
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("tidak terjangkau"), std::string::npos);
    const auto english =
        cli({"analyze", "evacuation", q(project), "--avoid-level", "none"}, "en_US.UTF-8");
    EXPECT_EQ(english.exitCode, 0);
    EXPECT_NE(english.out.find("Hazard zones are not avoided"), std::string::npos);
    EXPECT_NE(english.out.find("minimum needs per week"), std::string::npos);
    EXPECT_EQ(cli({"analyze", "evacuation", q(project), "--avoid-level", "ekstrem"}).exitCode, 2);
}
