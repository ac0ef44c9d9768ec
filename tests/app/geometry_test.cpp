#include "app/desktop/geometry.h"
#include "app_fixture.h"
#include "geo/spatial_database.h"
#include "layers/project.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

TEST(Geometry, PointLinePolygonRoundTripThroughWkb)
{
    app::Geometry point;
    point.type = app::Geometry::Type::Point;
    point.parts = {{QPolygonF({QPointF(122.2, -8.6)})}};
    const app::Geometry readPoint = app::geometryFromWkb(app::geometryToWkb(point));
    EXPECT_EQ(readPoint.type, app::Geometry::Type::Point);
    EXPECT_EQ(readPoint.parts, point.parts);

    app::Geometry line;
    line.type = app::Geometry::Type::Line;
    line.parts = {{QPolygonF({QPointF(0, 0), QPointF(1, 1), QPointF(2, 0)})}};
    EXPECT_EQ(app::geometryFromWkb(app::geometryToWkb(line)).parts, line.parts);

    app::Geometry polygon;
    polygon.type = app::Geometry::Type::Polygon;
    polygon.parts = {{QPolygonF({QPointF(0, 0), QPointF(4, 0), QPointF(4, 4), QPointF(0, 4)}),
                      QPolygonF({QPointF(1, 1), QPointF(2, 1), QPointF(2, 2)})}};
    const app::Geometry readPolygon = app::geometryFromWkb(app::geometryToWkb(polygon));
    ASSERT_EQ(readPolygon.parts.size(), 1u);
    ASSERT_EQ(readPolygon.parts[0].size(), 2u);
    // Rings are written closed.
    EXPECT_EQ(readPolygon.parts[0][0].size(), 5);
    EXPECT_EQ(readPolygon.parts[0][0].first(), readPolygon.parts[0][0].last());
    EXPECT_DOUBLE_EQ(app::ringArea(readPolygon.parts[0][0]), 16.0);
    EXPECT_DOUBLE_EQ(app::polylineLength(line.parts[0][0]), 2 * std::sqrt(2.0));
}

TEST(Geometry, ReadsWhatSpatiaLiteStores)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("g.sqlite");
    layers::Project::create(path, {"uji", "EPSG:32751", false, {}});
    layers::Project project(path);
    app::Geometry polygon;
    polygon.type = app::Geometry::Type::Polygon;
    polygon.parts = {
        {QPolygonF({QPointF(122.20, -8.60), QPointF(122.21, -8.60), QPointF(122.21, -8.61)})}};
    const std::string uuid = project.insertFeature(
        "zona_bahaya",
        {{"jenis_bahaya", std::string("tsunami")}, {"tingkat", std::string("tinggi")}},
        app::geometryToWkb(polygon),
        "uji");
    const auto feature = project.feature("zona_bahaya", uuid);
    ASSERT_TRUE(feature);
    EXPECT_EQ(app::geometryFromWkb(feature->wkb).parts[0][0].size(), 4);
    EXPECT_EQ(std::get<std::string>(
                  project.database().scalar("SELECT GeometryType(geom) FROM zona_bahaya")),
              "MULTIPOLYGON");
    EXPECT_TRUE(app::geometryFromWkb({1, 2, 3}).isEmpty());
}

TEST(Geometry, AddAndRemoveVertices)
{
    app::Geometry square;
    square.type = app::Geometry::Type::Polygon;
    square.parts = {{QPolygonF({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}})}};
    // Near the bottom edge: the new vertex is the foot of the perpendicular, between 0 and 1.
    auto added = app::insertVertexNear(square, QPointF(4, 0.5), 1.0);
    ASSERT_TRUE(added);
    EXPECT_EQ(added->point, 1);
    EXPECT_EQ(square.parts[0][0][1], QPointF(4, 0));
    EXPECT_EQ(square.parts[0][0].size(), 6);
    EXPECT_FALSE(app::insertVertexNear(square, QPointF(5, 5), 1.0)); // the middle: no edge near
    // Removing the first corner keeps the ring closed on the next corner.
    ASSERT_TRUE(app::removeVertex(square, {0, 0, 0}));
    EXPECT_EQ(square.parts[0][0].first(), QPointF(4, 0));
    EXPECT_EQ(square.parts[0][0].last(), QPointF(4, 0));
    EXPECT_EQ(square.parts[0][0].size(), 5);
    EXPECT_NEAR(std::fabs(app::ringArea(square.parts[0][0])), 100 - 0.5 * 4 * 10, 1e-9);
    ASSERT_TRUE(app::removeVertex(square, {0, 0, 1}));
    EXPECT_FALSE(app::removeVertex(square, {0, 0, 1})); // a triangle stays a triangle

    app::Geometry line;
    line.type = app::Geometry::Type::Line;
    line.parts = {{QPolygonF({{0, 0}, {10, 0}})}};
    ASSERT_TRUE(app::insertVertexNear(line, QPointF(7, -0.2), 0.5));
    EXPECT_EQ(line.parts[0][0], QPolygonF({{0, 0}, {7, 0}, {10, 0}}));
    EXPECT_NEAR(app::polylineLength(line.parts[0][0]), 10, 1e-12);
    ASSERT_TRUE(app::removeVertex(line, {0, 0, 1}));
    EXPECT_FALSE(app::removeVertex(line, {0, 0, 0})); // a line keeps two points
    EXPECT_FALSE(app::removeVertex(line, {0, 0, 5}));

    app::Geometry point;
    point.type = app::Geometry::Type::Point;
    point.parts = {{QPolygonF({{1, 1}})}};
    EXPECT_FALSE(app::insertVertexNear(point, QPointF(1, 1), 5));
}
