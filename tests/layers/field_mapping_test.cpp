#include "layers/field_mapping.h"
#include "layers/project.h"
#include "layers/theme.h"

#include <gtest/gtest.h>

using geo::FieldInfo;
using geo::FieldType;

TEST(FieldMapping, ByNameSynonymAndTruncatedName)
{
    const auto* theme = layers::findTheme("aset_desa");
    ASSERT_NE(theme, nullptr);
    const std::vector<FieldInfo> fields = {{"KODE_BARANG", FieldType::Text},
                                           {"Name", FieldType::Text},
                                           {"tahun_pero", FieldType::Integer},
                                           {"harga", FieldType::Real},
                                           {"extra", FieldType::Text}};
    const auto mapping = layers::mapFields(*theme, fields, {});
    EXPECT_EQ(mapping.columnToSource.at("kode_aset"), 0);
    EXPECT_EQ(mapping.columnToSource.at("nama"), 1);
    EXPECT_EQ(mapping.columnToSource.at("tahun_perolehan"), 2);
    EXPECT_EQ(mapping.columnToSource.at("nilai_rp"), 3);
    ASSERT_EQ(mapping.unmappedSources.size(), 1u);
    EXPECT_EQ(mapping.unmappedSources[0], 4);
}

TEST(FieldMapping, ExplicitMapWinsAndIsChecked)
{
    const auto* theme = layers::findTheme("zona_bahaya");
    const std::vector<FieldInfo> fields = {{"KRB", FieldType::Text}, {"Category", FieldType::Text}};
    const auto mapping = layers::mapFields(*theme, fields, {{"tingkat", "Category"}});
    EXPECT_EQ(mapping.columnToSource.at("tingkat"), 1);
    EXPECT_THROW(layers::mapFields(*theme, fields, {{"tingkat", "missing"}}), layers::ProjectError);
    EXPECT_THROW(layers::mapFields(*theme, fields, {{"no_column", "KRB"}}), layers::ProjectError);
}

struct ConvertCase
{
    geo::Value input;
    layers::ColumnType type;
    bool ok;
    geo::Value expected;
};

class ConvertValue : public testing::TestWithParam<ConvertCase>
{
};

TEST_P(ConvertValue, ConvertsOrReports)
{
    const auto& c = GetParam();
    std::string problem;
    const auto result = layers::convertValue(c.input, c.type, problem);
    ASSERT_EQ(result.has_value(), c.ok) << problem;
    if (c.ok) {
        EXPECT_EQ(*result, c.expected);
    } else {
        EXPECT_FALSE(problem.empty());
    }
}

using CT = layers::ColumnType;
using V = geo::Value;
INSTANTIATE_TEST_SUITE_P(
    Table,
    ConvertValue,
    testing::Values(
        ConvertCase{V{std::string("12")}, CT::Integer, true, V{std::int64_t{12}}},
        ConvertCase{V{12.0}, CT::Integer, true, V{std::int64_t{12}}},
        ConvertCase{V{std::string("dua")}, CT::Integer, false, V{}},
        ConvertCase{V{std::string("1,5")}, CT::Real, true, V{1.5}},
        ConvertCase{V{std::string("nan")}, CT::Real, false, V{}},
        ConvertCase{V{std::numeric_limits<double>::infinity()}, CT::Real, false, V{}},
        ConvertCase{V{std::string("Ya")}, CT::Boolean, true, V{std::int64_t{1}}},
        ConvertCase{V{std::string("tidak")}, CT::Boolean, true, V{std::int64_t{0}}},
        ConvertCase{V{std::string("mungkin")}, CT::Boolean, false, V{}},
        ConvertCase{V{std::string("23/11/2026")}, CT::Date, true, V{std::string("2026-11-23")}},
        ConvertCase{V{std::string("  Balai  ")}, CT::Text, true, V{std::string("Balai")}},
        ConvertCase{V{}, CT::Integer, true, V{}}));

TEST(Geopoint, OdkAndKoboForms)
{
    double lon = 0, lat = 0;
    ASSERT_TRUE(layers::parseGeopoint("-8.62 122.2 12.0 4.5", lon, lat));
    EXPECT_DOUBLE_EQ(lon, 122.2);
    EXPECT_DOUBLE_EQ(lat, -8.62);
    ASSERT_TRUE(layers::parseGeopoint("[-8.6, 122.21]", lon, lat));
    EXPECT_DOUBLE_EQ(lon, 122.21);
    EXPECT_FALSE(layers::parseGeopoint("Dusun A", lon, lat));
    EXPECT_FALSE(layers::parseGeopoint("95 200", lon, lat));
}
