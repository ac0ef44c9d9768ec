#include "geo/errors.h"
#include "geo/gdal_dataset.h"
#include "geo/geometry_check.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

class TempFolder
{
public:
    TempFolder()
    {
        m_path = fs::temp_directory_path() / ("petadesa-gdal-" + std::to_string(::getpid()) + "-" +
                                              std::to_string(s_counter++));
        fs::create_directories(m_path);
    }
    ~TempFolder()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    std::string write(const std::string& name, const std::string& text) const
    {
        const auto path = (m_path / name).string();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    fs::path m_path;
    static inline int s_counter = 0;
};

std::vector<geo::SourceFeature>
readAll(const std::string& path, const std::string& layer = {}, const std::string& crs = {})
{
    geo::VectorSource source(path);
    const std::string name = layer.empty() ? source.layerNames().front() : layer;
    geo::VectorSource::Reader reader(source, name, crs, "EPSG:4326");
    std::vector<geo::SourceFeature> features;
    geo::SourceFeature feature;
    while (reader.next(feature)) {
        features.push_back(feature);
    }
    return features;
}

void pointOf(const geo::SourceFeature& feature, double& x, double& y)
{
    ASSERT_EQ(feature.wkb.size(), 21u);
    std::memcpy(&x, &feature.wkb[5], 8);
    std::memcpy(&y, &feature.wkb[13], 8);
}

} // namespace

TEST(VectorSource, ReadsGeoJsonAndReprojects)
{
    TempFolder dir;
    // EPSG:32751 coordinates of Maumere; the reader returns lon/lat.
    const auto path = dir.write("utm.geojson", R"({"type":"FeatureCollection",
        "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32751"}},
        "features":[{"type":"Feature","properties":{"nama":"Kota Uneng","jiwa":120},
        "geometry":{"type":"Point","coordinates":[411976.22,9047067.03]}}]})");
    geo::VectorSource source(path);
    const auto info = source.layerInfo(source.layerNames().front());
    EXPECT_EQ(info.crsAuthority, "EPSG:32751");
    ASSERT_EQ(info.fields.size(), 2u);
    EXPECT_EQ(info.fields[1].type, geo::FieldType::Integer);
    const auto features = readAll(path);
    ASSERT_EQ(features.size(), 1u);
    double x = 0, y = 0;
    pointOf(features[0], x, y);
    EXPECT_NEAR(x, 122.2, 1e-7);
    EXPECT_NEAR(y, -8.62, 1e-7);
    EXPECT_EQ(std::get<std::string>(features[0].values[0]), "Kota Uneng");
    EXPECT_EQ(std::get<std::int64_t>(features[0].values[1]), 120);
}

TEST(VectorSource, CsvWithLongitudeLatitudeColumns)
{
    TempFolder dir;
    const auto path = dir.write("titik.csv", "nama,lintang,bujur\nPosyandu,-8.62,122.2\n");
    const auto features = readAll(path);
    ASSERT_EQ(features.size(), 1u);
    double x = 0, y = 0;
    pointOf(features[0], x, y);
    EXPECT_DOUBLE_EQ(x, 122.2);
    EXPECT_DOUBLE_EQ(y, -8.62);
}

TEST(VectorSource, KoboAndOdkGpsColumns)
{
    TempFolder dir;
    const auto kobo = dir.write("kobo.csv",
                                "start,nama_aset,_lokasi_latitude,_lokasi_longitude,"
                                "_lokasi_altitude,_lokasi_precision\n"
                                "2026-01-01,Sumur,-8.6,122.21,12,4.5\n");
    auto features = readAll(kobo);
    ASSERT_EQ(features.size(), 1u);
    double x = 0, y = 0;
    pointOf(features[0], x, y);
    EXPECT_DOUBLE_EQ(x, 122.21);
    EXPECT_DOUBLE_EQ(y, -8.6);

    const auto odk = dir.write("odk.csv",
                               "SubmissionDate,nama,lokasi-Latitude,lokasi-Longitude,"
                               "lokasi-Altitude,lokasi-Accuracy\n"
                               "2026-01-01,MCK,-8.61,122.22,10,3\n");
    features = readAll(odk);
    ASSERT_EQ(features.size(), 1u);
    pointOf(features[0], x, y);
    EXPECT_DOUBLE_EQ(x, 122.22);
    EXPECT_DOUBLE_EQ(y, -8.61);
}

TEST(VectorSource, CsvWithWktColumn)
{
    TempFolder dir;
    const auto path = dir.write(
        "zona.csv", "WKT,KRB\n\"POLYGON ((110 -7, 110.1 -7, 110.1 -7.1, 110 -7))\",III\n");
    const auto features = readAll(path);
    ASSERT_EQ(features.size(), 1u);
    EXPECT_EQ(geo::wkbGeometryType(features[0].wkb), 3);
}

TEST(VectorSource, MissingFileAndGarbageGiveClearErrors)
{
    TempFolder dir;
    try {
        geo::VectorSource source(dir.file("nothing.shp"));
        FAIL();
    } catch (const geo::GdalError& error) {
        EXPECT_NE(std::string(error.what()).find("nothing.shp"), std::string::npos);
        EXPECT_NE(std::string(error.what()).find("not found"), std::string::npos);
    }
    const auto garbage = dir.write("rusak.geojson", "{\"type\": \"FeatureCollection\", \"feat");
    EXPECT_THROW(geo::VectorSource source(garbage), geo::GdalError);
}

TEST(VectorSource, NoCrsAndProjectedCoordinatesNeedsACrs)
{
    TempFolder dir;
    const auto path = dir.write("tanpa_crs.csv", "x,y,nama\n411976.22,9047067.03,a\n");
    geo::VectorSource source(path);
    EXPECT_THROW(geo::VectorSource::Reader(source, source.layerNames().front(), "", "EPSG:4326"),
                 geo::GdalError);
    const auto features = readAll(path, {}, "EPSG:32751");
    ASSERT_EQ(features.size(), 1u);
    double x = 0, y = 0;
    pointOf(features[0], x, y);
    EXPECT_NEAR(x, 122.2, 1e-7);
}

TEST(VectorWriter, WritesEveryFormatAndReadsBack)
{
    TempFolder dir;
    const std::vector<geo::FieldInfo> fields = {{"nama", geo::FieldType::Text},
                                                {"nilai", geo::FieldType::Real},
                                                {"jumlah", geo::FieldType::Integer}};
    for (const char* name : {"out.gpkg", "out.geojson", "out.shp", "out.kml", "out.csv"}) {
        const auto path = dir.file(name);
        {
            geo::VectorWriter writer(path, "aset", geo::GeometryKind::Point, fields);
            writer.write({std::string("Pos Ronda Wairotang"), 1.5e6, std::int64_t{7}},
                         geo::pointWkb(122.2, -8.62));
            writer.close();
        }
        const auto features = readAll(path);
        ASSERT_EQ(features.size(), 1u) << name;
        double x = 0, y = 0;
        pointOf(features[0], x, y);
        EXPECT_NEAR(x, 122.2, 1e-9) << name;
        EXPECT_NEAR(y, -8.62, 1e-9) << name;
    }
    EXPECT_THROW(geo::VectorWriter(dir.file("out.xyz"), "a", geo::GeometryKind::Point, fields),
                 geo::GdalError);
}
