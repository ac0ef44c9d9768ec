#include "geo/geometry_check.h"
#include "geo/geos_context.h"

#include <gtest/gtest.h>

namespace {

std::vector<unsigned char> wkbFromWkt(const char* wkt)
{
    auto* ctx = geo::geosContext();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx);
    geo::GeosGeometry geometry(GEOSWKTReader_read_r(ctx, reader, wkt));
    GEOSWKTReader_destroy_r(ctx, reader);
    EXPECT_TRUE(geometry) << wkt;
    return geo::geometryToWkb(*geometry);
}

std::string wktFromWkb(const std::vector<unsigned char>& wkb)
{
    auto* ctx = geo::geosContext();
    auto geometry = geo::geometryFromWkb(wkb);
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(ctx);
    GEOSWKTWriter_setTrim_r(ctx, writer, 1);
    char* text = GEOSWKTWriter_write_r(ctx, writer, geometry.get());
    std::string out = text;
    GEOSFree_r(ctx, text);
    GEOSWKTWriter_destroy_r(ctx, writer);
    return out;
}

double area(const std::vector<unsigned char>& wkb)
{
    auto geometry = geo::geometryFromWkb(wkb);
    double value = 0;
    GEOSArea_r(geo::geosContext(), geometry.get(), &value);
    return value;
}

} // namespace

using Status = geo::GeometryCheck::Status;
using Problem = geo::GeometryCheck::Problem;
using Family = geo::GeometryFamily;

struct CheckCase
{
    const char* wkt;
    Family family;
    Status status;
    Problem problem;
    const char* expectedWkt; // "" = do not compare
};

class GeometryCheckTable : public testing::TestWithParam<CheckCase>
{
};

TEST_P(GeometryCheckTable, ChecksAndNormalizes)
{
    const auto& c = GetParam();
    const auto result = geo::checkGeometry(wkbFromWkt(c.wkt), c.family);
    EXPECT_EQ(result.status, c.status) << c.wkt << " " << result.detail;
    EXPECT_EQ(result.problem, c.problem) << c.wkt;
    if (*c.expectedWkt) {
        EXPECT_EQ(wktFromWkb(result.wkb), c.expectedWkt);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    GeometryCheckTable,
    testing::Values(
        CheckCase{"POINT (122.2 -8.6)",
                  Family::Point,
                  Status::Valid,
                  Problem::None,
                  "POINT (122.2 -8.6)"},
        CheckCase{"MULTIPOINT ((1 2))", Family::Point, Status::Valid, Problem::None, "POINT (1 2)"},
        CheckCase{"MULTIPOINT ((1 2), (3 4))",
                  Family::Point,
                  Status::Rejected,
                  Problem::MultiplePoints,
                  ""},
        CheckCase{"MULTIPOINT ((1 2), (3 4))", Family::Any, Status::Valid, Problem::None, ""},
        CheckCase{"LINESTRING (0 0, 1 1)",
                  Family::Line,
                  Status::Valid,
                  Problem::None,
                  "MULTILINESTRING ((0 0, 1 1))"},
        CheckCase{"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))",
                  Family::Polygon,
                  Status::Valid,
                  Problem::None,
                  "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))"},
        CheckCase{"POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))",
                  Family::Any,
                  Status::Valid,
                  Problem::None,
                  "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))"},
        CheckCase{
            "LINESTRING (0 0, 1 1)", Family::Polygon, Status::Rejected, Problem::WrongFamily, ""},
        CheckCase{"POINT EMPTY", Family::Point, Status::Rejected, Problem::Empty, ""},
        CheckCase{"POLYGON EMPTY", Family::Polygon, Status::Rejected, Problem::Empty, ""},
        // A bow-tie: self-intersecting ring, repaired into two triangles.
        CheckCase{"POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))",
                  Family::Polygon,
                  Status::Repaired,
                  Problem::Invalid,
                  ""},
        // A collection in a mixed theme keeps its polygons.
        CheckCase{"GEOMETRYCOLLECTION (POINT (5 5), POLYGON ((0 0, 1 0, 1 1, 0 0)))",
                  Family::Any,
                  Status::Valid,
                  Problem::None,
                  "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))"}));

TEST(GeometryCheck, BowTieRepairKeepsBothLobes)
{
    const auto result =
        geo::checkGeometry(wkbFromWkt("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))"), Family::Polygon);
    ASSERT_EQ(result.status, Status::Repaired);
    EXPECT_NE(result.detail.find("Self-intersection"), std::string::npos) << result.detail;
    EXPECT_NEAR(area(result.wkb), 2.0, 1e-12); // two triangles of area 1
}

TEST(GeometryCheck, GarbageIsUnreadable)
{
    const std::vector<unsigned char> garbage = {1, 3, 0, 0, 0, 9, 9};
    const auto result = geo::checkGeometry(garbage, Family::Polygon);
    EXPECT_EQ(result.status, Status::Rejected);
    EXPECT_EQ(result.problem, Problem::Unreadable);
}

TEST(GeometryCheck, WkbTypeCodes)
{
    EXPECT_EQ(geo::wkbGeometryType(wkbFromWkt("POINT (1 2)")), 1);
    EXPECT_EQ(geo::wkbGeometryType(wkbFromWkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))")), 6);
    EXPECT_EQ(geo::wkbGeometryType({}), 0);
}
