#include "geo/gdal_dataset.h"
#include "layers/project.h"
#include "layers/theme.h"
#include "support/temp_dir.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <gtest/gtest.h>

#include <filesystem>

using layers::Project;

namespace {
std::string newProject(const testsupport::TempDir& dir, const std::string& crs = {})
{
    const std::string path = dir.file("desa.sqlite");
    Project::create(path, {"Desa Uji", crs, false, {}});
    return path;
}

QJsonObject json(const std::string& text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}
} // namespace

TEST(Project, CreateMakesEveryThemeWithIndexAndMetadata)
{
    testsupport::TempDir dir;
    const auto path = newProject(dir, "EPSG:32751");
    Project project(path);
    EXPECT_EQ(project.name(), "Desa Uji");
    EXPECT_EQ(project.workingCrs(), "EPSG:32751");
    EXPECT_EQ(project.metadata("crs_simpan"), "EPSG:4326");
    EXPECT_EQ(project.schemaVersion(), layers::currentSchemaVersion);
    auto& db = project.database();
    for (const auto& theme : layers::themes()) {
        auto statement = db.prepare("SELECT srid, spatial_index_enabled FROM geometry_columns "
                                    "WHERE f_table_name = ? AND f_geometry_column = 'geom'");
        statement.bind(1, theme.name);
        ASSERT_TRUE(statement.step()) << theme.name;
        EXPECT_EQ(statement.integer(0), 4326) << theme.name;
        EXPECT_EQ(statement.integer(1), 1) << theme.name;
        EXPECT_TRUE(db.tableExists("idx_" + theme.name + "_geom")) << theme.name;
        EXPECT_EQ(project.featureCount(theme.name), 0);
    }
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("PRAGMA application_id")),
              layers::projectApplicationId);
    EXPECT_EQ(std::get<std::string>(db.scalar("PRAGMA journal_mode")), "wal");
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM vocab WHERE domain = "
                                               "'kode_aset'")),
              4249);
}

TEST(Project, CreateRefusesToOverwriteAndBadCrs)
{
    testsupport::TempDir dir;
    const auto path = newProject(dir);
    EXPECT_THROW(Project::create(path, {"x", {}, false, {}}), layers::ProjectError);
    EXPECT_THROW(Project::create(dir.file("b.sqlite"), {"x", "EPSG:4326", false, {}}),
                 layers::ProjectError); // not metric
    EXPECT_THROW(Project::create(dir.file("c.sqlite"), {"x", "EPSG:999999", false, {}}),
                 layers::ProjectError);
    EXPECT_FALSE(std::filesystem::exists(dir.file("b.sqlite")));
}

TEST(Project, OpenRejectsFilesThatAreNotProjects)
{
    testsupport::TempDir dir;
    testsupport::writeText(dir.file("teks.sqlite"), "bukan basis data");
    EXPECT_THROW(Project project(dir.file("teks.sqlite")), layers::ProjectError);
    EXPECT_THROW(Project project(dir.file("tidak-ada.sqlite")), layers::ProjectError);
    {
        geo::SpatialDatabase db(dir.file("lain.sqlite"), geo::SpatialDatabase::Mode::Create);
        db.exec("CREATE TABLE x (a)");
    }
    EXPECT_THROW(Project project(dir.file("lain.sqlite")), layers::ProjectError);
}

TEST(Project, NewerSchemaIsRefused)
{
    testsupport::TempDir dir;
    const auto path = newProject(dir);
    {
        Project project(path);
        project.setMetadata("schema_version", std::to_string(layers::currentSchemaVersion + 1));
    }
    try {
        Project project(path);
        FAIL();
    } catch (const layers::ProjectError& error) {
        EXPECT_NE(std::string(error.what()).find("PetaDesa"), std::string::npos);
    }
}

TEST(Project, VersionOneFixtureOpensAndTakesEdits)
{
    // tests/data/project_v1.sqlite was made by schema version 1 (petadesa-cli 0.1.0) and must
    // open in every later version.
    testsupport::TempDir dir;
    const auto path = dir.file("v1.sqlite");
    std::filesystem::copy_file(std::string(TEST_DATA_DIR) + "/project_v1.sqlite", path);
    Project project(path);
    EXPECT_EQ(project.schemaVersion(), layers::currentSchemaVersion);
    EXPECT_EQ(project.featureCount("aset_desa"), 1);
    const auto uuid = project.insertFeature(
        "aset_desa", {{"nama", std::string("Sumur baru")}}, geo::pointWkb(122.2, -8.6), "uji");
    EXPECT_EQ(project.featureCount("aset_desa"), 2);
    EXPECT_TRUE(project.feature("aset_desa", uuid));
}

TEST(Project, EditsAreRecordedInHistory)
{
    testsupport::TempDir dir;
    Project project(newProject(dir));
    const auto uuid = project.insertFeature("aset_desa",
                                            {{"kode_aset", std::string("4.01.01.06.001")},
                                             {"nama", std::string("Posyandu Mawar")},
                                             {"nilai_rp", 150000000.0}},
                                            geo::pointWkb(122.21, -8.62),
                                            "ani");
    // The extent comes from the R*Tree, whose boxes are float32 and rounded outwards.
    EXPECT_NEAR(project.extent().minX, 122.21, 1e-5);
    EXPECT_NEAR(project.extent().maxY, -8.62, 1e-5);
    project.updateFeature("aset_desa", uuid, {{"nilai_rp", 175000000.0}}, std::nullopt, "budi");
    project.updateFeature("aset_desa", uuid, {}, geo::pointWkb(122.22, -8.63), "citra");
    const auto after = project.feature("aset_desa", uuid);
    ASSERT_TRUE(after);
    EXPECT_EQ(std::get<double>(after->attributes.at("nilai_rp")), 175000000.0);
    EXPECT_EQ(after->author, "citra");
    project.deleteFeature("aset_desa", uuid, "dedi");
    EXPECT_FALSE(project.feature("aset_desa", uuid));

    const auto history = project.history(uuid);
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[0].action, "tambah");
    EXPECT_EQ(history[0].author, "ani");
    EXPECT_EQ(json(history[0].newValues)["nama"].toString(), "Posyandu Mawar");
    EXPECT_EQ(history[1].action, "ubah");
    EXPECT_EQ(history[1].author, "budi");
    EXPECT_EQ(json(history[1].oldValues)["nilai_rp"].toDouble(), 150000000.0);
    EXPECT_EQ(json(history[1].newValues)["nilai_rp"].toDouble(), 175000000.0);
    EXPECT_EQ(json(history[2].oldValues)["geom"].toString(), "POINT(122.21 -8.62)");
    EXPECT_EQ(json(history[2].newValues)["geom"].toString(), "POINT(122.22 -8.63)");
    EXPECT_EQ(history[3].action, "hapus");
    EXPECT_EQ(history[3].author, "dedi");
    EXPECT_EQ(json(history[3].oldValues)["nama"].toString(), "Posyandu Mawar");
    EXPECT_LT(history[0].time, history[3].time);
}

TEST(Project, RestoredFeatureKeepsItsIdentity)
{
    testsupport::TempDir dir;
    Project project(newProject(dir));
    const auto uuid = project.insertFeature("aset_desa",
                                            {{"nama", std::string("Sumur Gali RT 03")}},
                                            geo::pointWkb(122.21, -8.62),
                                            "ani");
    const auto original = project.feature("aset_desa", uuid);
    ASSERT_TRUE(original);
    project.deleteFeature("aset_desa", uuid, "budi");
    project.restoreFeature(
        "aset_desa", uuid, original->createdAt, original->attributes, original->wkb, "budi");
    const auto restored = project.feature("aset_desa", uuid);
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->createdAt, original->createdAt);
    EXPECT_EQ(restored->author, "budi");
    EXPECT_EQ(geo::toText(restored->attributes.at("nama")), "Sumur Gali RT 03");
    EXPECT_EQ(restored->wkb, original->wkb);
    const auto history = project.history(uuid);
    ASSERT_EQ(history.size(), 3u); // tambah, hapus, tambah (the restore)
    EXPECT_EQ(history[2].action, "tambah");
    EXPECT_EQ(history[2].author, "budi");
    // A UUID still in use is never restored over.
    EXPECT_THROW(
        project.restoreFeature(
            "aset_desa", uuid, original->createdAt, original->attributes, original->wkb, "budi"),
        layers::ProjectError);
    EXPECT_EQ(project.featureCount("aset_desa"), 1);
}

TEST(Project, FailedEditChangesNothing)
{
    testsupport::TempDir dir;
    Project project(newProject(dir));
    // tingkat is required in zona_bahaya: the insert fails and leaves no row and no history.
    EXPECT_ANY_THROW(
        project.insertFeature("zona_bahaya", {{"jenis_bahaya", std::string("banjir")}}, {}, "ani"));
    EXPECT_EQ(project.featureCount("zona_bahaya"), 0);
    EXPECT_TRUE(project.history().empty());
    EXPECT_THROW(project.insertFeature("aset_desa", {{"no_such", std::string("x")}}, {}, "ani"),
                 layers::ProjectError);
}

TEST(Project, TwoWindowsOnOneFileLoseNoEdits)
{
    testsupport::TempDir dir;
    const auto path = newProject(dir);
    Project first(path);
    Project second(path);
    const auto uuid = first.insertFeature(
        "permukiman",
        {{"nama", std::string("RT 01")}, {"jumlah_penduduk", std::int64_t{120}}},
        geo::pointWkb(122.2, -8.6),
        "ani");
    const auto seenBySecond = second.feature("permukiman", uuid);
    ASSERT_TRUE(seenBySecond);
    // Different columns edited from both windows: both changes survive.
    first.updateFeature("permukiman", uuid, {{"jumlah_kk", std::int64_t{30}}}, std::nullopt, "ani");
    second.updateFeature(
        "permukiman", uuid, {{"dusun", std::string("Dusun A")}}, std::nullopt, "budi");
    const auto merged = first.feature("permukiman", uuid);
    EXPECT_EQ(std::get<std::int64_t>(merged->attributes.at("jumlah_kk")), 30);
    EXPECT_EQ(std::get<std::string>(merged->attributes.at("dusun")), "Dusun A");
    // A stale form (read before the other window saved) is refused, not silently applied.
    EXPECT_THROW(second.updateFeature("permukiman",
                                      uuid,
                                      {{"jumlah_penduduk", std::int64_t{99}}},
                                      std::nullopt,
                                      "budi",
                                      seenBySecond->updatedAt),
                 layers::EditConflict);
    EXPECT_EQ(
        std::get<std::int64_t>(first.feature("permukiman", uuid)->attributes.at("jumlah_penduduk")),
        120);
}

TEST(Project, WorkingCrsFollowsTheDataUntilChosen)
{
    testsupport::TempDir dir;
    Project project(newProject(dir));
    EXPECT_EQ(project.workingCrs(), "");
    project.insertFeature("permukiman", {}, geo::pointWkb(110.44, -7.54), "ani");
    project.chooseWorkingCrsFromData();
    EXPECT_EQ(project.workingCrs(), "EPSG:32749");
}

TEST(Project, UuidsAreVersion7AndTimeOrdered)
{
    std::string previous;
    for (int i = 0; i < 50000; ++i) {
        const auto uuid = Project::newUuid();
        ASSERT_EQ(uuid.size(), 36u);
        EXPECT_EQ(uuid[14], '7') << uuid;                                 // version
        EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos); // RFC variant
        EXPECT_FALSE(QUuid::fromString(QString::fromStdString(uuid)).isNull());
        EXPECT_GT(uuid, previous); // later UUIDs sort after earlier ones
        previous = uuid;
    }
}
