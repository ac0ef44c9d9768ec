#include "layers/project.h"
#include "layers/project_rasters.h"
#include "support/temp_dir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <filesystem>

using layers::Project;
using layers::RasterLayer;

namespace {

const std::string merapiDem =
    std::string(TEST_DATA_DIR) + "/realdata/dem_srtm1_jelajahstatid/srtm1_merapi.tif";

std::string newProject(const std::string& path)
{
    Project::create(path, {"Desa Uji", "EPSG:32749", false, {}});
    return path;
}

/// The stored text, read with plain SQL rather than through Project::metadata.
QJsonArray storedList(Project& project)
{
    auto statement =
        project.database().prepare("SELECT nilai FROM proyek WHERE kunci = 'latar_raster'");
    EXPECT_TRUE(statement.step());
    return QJsonDocument::fromJson(QByteArray::fromStdString(statement.text(0))).array();
}

} // namespace

TEST(ProjectRasters, RoundTripKeepsOrderKindOpacityAndVisibility)
{
    testsupport::TempDir dir;
    std::filesystem::create_directories(dir.file("dem"));
    std::filesystem::copy_file(merapiDem, dir.file("dem/merapi.tif"));
    const std::string path = newProject(dir.file("desa.sqlite"));
    // Bottom first: the hillshade next to the project, then the image elsewhere on top.
    const std::vector<RasterLayer> rasters = {
        {dir.file("dem/merapi.tif"), RasterLayer::Kind::Hillshade, true, 0.6},
        {merapiDem, RasterLayer::Kind::Image, false, 0.25},
        {dir.file("dem/../dem/merapi.tif"), RasterLayer::Kind::MBTiles, true, 1.0}};
    {
        Project project(path);
        EXPECT_TRUE(layers::projectRasters(project).empty()); // a new project has none
        layers::setProjectRasters(project, rasters);
        const QJsonArray stored = storedList(project);
        ASSERT_EQ(stored.size(), 3);
        EXPECT_EQ(stored[0].toObject()["berkas"].toString(), "dem/merapi.tif");
        EXPECT_EQ(stored[0].toObject()["berkas_absolut"].toString(),
                  QString::fromStdString(dir.file("dem/merapi.tif")));
        EXPECT_EQ(stored[0].toObject()["jenis"].toString(), "bayangan_bukit");
        EXPECT_EQ(stored[1].toObject()["jenis"].toString(), "citra");
        EXPECT_EQ(stored[1].toObject()["tampak"].toBool(true), false);
        EXPECT_DOUBLE_EQ(stored[1].toObject()["opasitas"].toDouble(), 0.25);
        EXPECT_EQ(stored[2].toObject()["jenis"].toString(), "mbtiles");
        EXPECT_EQ(stored[2].toObject()["berkas"].toString(), "dem/merapi.tif");
        // The raster outside the project's folder is stored relative too (../..), as QGIS does.
        EXPECT_TRUE(stored[1].toObject()["berkas"].toString().startsWith(".."));
    }
    Project reopened(path, Project::Access::ReadOnly);
    const auto read = layers::projectRasters(reopened);
    ASSERT_EQ(read.size(), 3u);
    for (std::size_t i = 0; i < read.size(); ++i) {
        EXPECT_EQ(std::filesystem::path(read[i].path),
                  std::filesystem::path(rasters[i].path).lexically_normal())
            << i;
        EXPECT_EQ(read[i].kind, rasters[i].kind) << i;
        EXPECT_EQ(read[i].visible, rasters[i].visible) << i;
        EXPECT_DOUBLE_EQ(read[i].opacity, rasters[i].opacity) << i;
    }
}

TEST(ProjectRasters, MovedProjectFindsItsRastersRelativeThenAbsolute)
{
    testsupport::TempDir first;
    testsupport::TempDir second;
    std::filesystem::create_directories(first.file("dem"));
    std::filesystem::copy_file(merapiDem, first.file("dem/merapi.tif"));
    const std::string path = newProject(first.file("desa.sqlite"));
    {
        Project project(path);
        layers::setProjectRasters(
            project, {{first.file("dem/merapi.tif"), RasterLayer::Kind::Hillshade, true, 0.6}});
    }
    // The project copied alone: the relative path finds nothing, the absolute path still works.
    std::filesystem::copy_file(path, second.file("desa.sqlite"));
    {
        Project copy(second.file("desa.sqlite"), Project::Access::ReadOnly);
        const auto read = layers::projectRasters(copy);
        ASSERT_EQ(read.size(), 1u);
        EXPECT_EQ(read[0].path, first.file("dem/merapi.tif"));
    }
    // The folder copied with its rasters and the original gone: the relative path wins.
    std::filesystem::create_directories(second.file("dem"));
    std::filesystem::copy_file(merapiDem, second.file("dem/merapi.tif"));
    std::filesystem::remove(first.file("dem/merapi.tif"));
    {
        Project copy(second.file("desa.sqlite"), Project::Access::ReadOnly);
        const auto read = layers::projectRasters(copy);
        ASSERT_EQ(read.size(), 1u);
        EXPECT_EQ(read[0].path, second.file("dem/merapi.tif"));
    }
    // Neither exists: the entry stays, at the path next to the project, for the caller to flag.
    std::filesystem::remove(second.file("dem/merapi.tif"));
    Project copy(second.file("desa.sqlite"), Project::Access::ReadOnly);
    const auto read = layers::projectRasters(copy);
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].path, second.file("dem/merapi.tif"));
    EXPECT_EQ(read[0].kind, RasterLayer::Kind::Hillshade);
}

TEST(ProjectRasters, DamagedListIsAClearError)
{
    EXPECT_TRUE(layers::rasterListFromJson("", "/tmp").empty());
    EXPECT_TRUE(layers::rasterListFromJson("[]", "/tmp").empty());
    EXPECT_THROW(layers::rasterListFromJson("{\"berkas\": 1}", "/tmp"), layers::ProjectError);
    EXPECT_THROW(layers::rasterListFromJson("[{\"berkas\": ", "/tmp"), layers::ProjectError);
    EXPECT_THROW(layers::rasterListFromJson("[{\"jenis\": \"citra\"}]", "/tmp"),
                 layers::ProjectError);
    try {
        layers::rasterListFromJson("[1, 2", "/tmp");
        FAIL();
    } catch (const layers::ProjectError& error) {
        EXPECT_NE(std::string(error.what()).find("latar raster"), std::string::npos);
    }
    // Missing fields take the defaults: visible, opaque, an image.
    const auto read = layers::rasterListFromJson("[{\"berkas\": \"a.tif\"}]", "/data/desa");
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].path, "/data/desa/a.tif");
    EXPECT_TRUE(read[0].visible);
    EXPECT_DOUBLE_EQ(read[0].opacity, 1.0);
    EXPECT_EQ(read[0].kind, RasterLayer::Kind::Image);
}
