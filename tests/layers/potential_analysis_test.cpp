// Economic potential per village: a hand-checked pair of villages (every figure, the score
// and the rank worked out below; areas from SpatiaLite's Transform + ST_Area), and the Maumere
// sample against SpatiaLite SQL written independently (ST_Within for points, the village
// holding the largest ST_Intersection for polygon counts, ST_Area(Transform(ST_Intersection))
// for clipped areas).

#include "geo/analysis/feedback.h"
#include "geo/analysis/planar_geometry.h"
#include "geo/analysis/wkb.h"
#include "geo/spatial_database.h"
#include "layers/analysis/bumdes_gap_analysis.h"
#include "layers/analysis/potential_analysis.h"
#include "layers/project.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <tuple>

namespace {

using layers::Project;

double sqlReal(Project& project, const std::string& sql)
{
    const auto value = project.database().scalar(sql);
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    return 0;
}

/// WKB of a lon/lat rectangle.
std::vector<unsigned char> box(double x0, double y0, double x1, double y1)
{
    std::vector<unsigned char> wkb{1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0};
    auto put = [&](double v) {
        unsigned char bytes[8];
        std::memcpy(bytes, &v, 8);
        wkb.insert(wkb.end(), bytes, bytes + 8);
    };
    for (const auto& [x, y] : {std::pair{x0, y0},
                               std::pair{x1, y0},
                               std::pair{x1, y1},
                               std::pair{x0, y1},
                               std::pair{x0, y0}}) {
        put(x);
        put(y);
    }
    return geo::asMultiPolygon(wkb);
}

std::vector<unsigned char> point(double x, double y)
{
    return geo::pointWkb({x, y});
}

const layers::VillageProfile& village(const layers::PotentialResult& result,
                                      const std::string& code)
{
    for (const auto& v : result.villages) {
        if (v.code == code) {
            return v;
        }
    }
    throw std::runtime_error("no village " + code);
}

/// Two adjacent square desa A (53.10.01.2001) and B (53.10.01.2002) of one kecamatan and a
/// third desa C in another kecamatan, with potential, assets, a BUM Desa unit and a flood zone.
class HandPotential : public testing::Test
{
protected:
    void SetUp() override
    {
        path = dir.file("desa.sqlite");
        Project::create(path, {"Uji potensi", "EPSG:32751", false, {}});
        Project project(path);
        auto add = [&](const std::string& theme,
                       const layers::Attributes& attributes,
                       const std::vector<unsigned char>& wkb) {
            project.insertFeature(theme, attributes, wkb, "uji");
        };
        using S = std::string;
        add("wilayah",
            {{"tingkat", S("desa")},
             {"kode", S("53.10.01.2001")},
             {"nama", S("Desa A")},
             {"kode_induk", S("53.10.01")}},
            box(122.20, -8.62, 122.21, -8.61));
        add("wilayah",
            {{"tingkat", S("desa")},
             {"kode", S("53.10.01.2002")},
             {"nama", S("Desa B")},
             {"kode_induk", S("53.10.01")}},
            box(122.21, -8.62, 122.22, -8.61));
        add("wilayah",
            {{"tingkat", S("desa")},
             {"kode", S("53.10.02.2001")},
             {"nama", S("Desa C")},
             {"kode_induk", S("53.10.02")}},
            box(122.30, -8.62, 122.31, -8.61));
        add("wilayah",
            {{"tingkat", S("dusun")},
             {"kode", S("53.10.01.2001.01")},
             {"nama", S("Dusun A1")},
             {"kode_induk", S("53.10.01.2001")}},
            box(122.20, -8.62, 122.205, -8.61));
        // P1: pertanian point in A (inside the flood zone).
        add("potensi_ekonomi",
            {{"kategori", S("pertanian")},
             {"nilai_rp", 150.0},
             {"produksi", 10.0},
             {"satuan_produksi", S("ton")}},
            point(122.203, -8.615));
        // P2: a sub-category point in B: rolls up to pertanian.
        add("potensi_ekonomi",
            {{"kategori", S("tanaman pangan")}, {"nilai_rp", 300.0}},
            point(122.215, -8.615));
        // P3: perkebunan polygon, a quarter in A, three quarters in B (in lon/lat).
        add("potensi_ekonomi",
            {{"kategori", S("perkebunan")},
             {"nilai_rp", 400.0},
             {"produksi", 40.0},
             {"satuan_produksi", S("ton")}},
            box(122.2075, -8.618, 122.2175, -8.612));
        // P4: outside every village.
        add("potensi_ekonomi", {{"kategori", S("pariwisata")}}, point(122.25, -8.615));
        add("aset_desa", {{"kategori", S("posyandu")}, {"nilai_rp", 50.0}}, point(122.201, -8.611));
        add("aset_desa", {{"kategori", S("sumur")}, {"nilai_rp", 70.0}}, point(122.202, -8.611));
        add("aset_desa", {{"kategori", S("sumur")}, {"nilai_rp", 5.0}}, point(122.212, -8.611));
        add("bumdes_unit",
            {{"nama_unit", S("Unit tani")},
             {"jenis_usaha", S("perdagangan")},
             {"sektor", S("pertanian")},
             {"modal_rp", 1000.0},
             {"omzet_rp", 500.0},
             {"tenaga_kerja", std::int64_t{3}}},
            point(122.204, -8.612));
        add("zona_bahaya",
            {{"jenis_bahaya", S("banjir")}, {"tingkat", S("tinggi")}},
            box(122.202, -8.616, 122.204, -8.614));
    }

    double clippedHa(Project& project, const std::string& code)
    {
        return sqlReal(project,
                       "SELECT ST_Area(Transform(ST_Intersection(p.geom, w.geom), 32751)) / 1e4 "
                       "FROM potensi_ekonomi AS p, wilayah AS w WHERE p.kategori = 'perkebunan' "
                       "AND w.kode = '" +
                           code + "'");
    }
    double villageHa(Project& project, const std::string& code)
    {
        return sqlReal(project,
                       "SELECT ST_Area(Transform(geom, 32751)) / 1e4 FROM wilayah WHERE kode = '" +
                           code + "'");
    }

    testsupport::TempDir dir;
    std::string path;
};

TEST_F(HandPotential, FiguresScoreAndRankAsWorkedOut)
{
    Project project(path);
    const auto result = layers::analyzePotential(project);
    ASSERT_EQ(result.villages.size(), 3u);
    const double haA = clippedHa(project, "53.10.01.2001");
    const double haB = clippedHa(project, "53.10.01.2002");
    const double areaA = villageHa(project, "53.10.01.2001");
    const double areaB = villageHa(project, "53.10.01.2002");
    const double shareA = haA / (haA + haB);
    ASSERT_NEAR(shareA, 0.25, 0.01);

    const auto& a = village(result, "53.10.01.2001");
    const auto& b = village(result, "53.10.01.2002");
    const auto& c = village(result, "53.10.02.2001");
    EXPECT_NEAR(a.areaHa, areaA, 1e-6 * areaA);
    EXPECT_NEAR(b.areaHa, areaB, 1e-6 * areaB);

    // A: P1 whole, a quarter of P3 (area, value, production) but not its count.
    ASSERT_TRUE(a.categories.count("pertanian"));
    ASSERT_TRUE(a.categories.count("perkebunan"));
    EXPECT_EQ(a.categories.at("pertanian").count, 1);
    EXPECT_DOUBLE_EQ(a.categories.at("pertanian").valueRp, 150.0);
    EXPECT_DOUBLE_EQ(a.categories.at("pertanian").production.at("ton"), 10.0);
    EXPECT_EQ(a.categories.at("perkebunan").count, 0);
    EXPECT_NEAR(a.categories.at("perkebunan").areaHa, haA, 1e-6 * haA);
    EXPECT_NEAR(a.categories.at("perkebunan").valueRp, 400.0 * shareA, 1e-6 * 400);
    EXPECT_NEAR(a.categories.at("perkebunan").production.at("ton"), 40.0 * shareA, 1e-6 * 40);
    EXPECT_EQ(a.total.count, 1);
    EXPECT_NEAR(a.total.valueRp, 150.0 + 400.0 * shareA, 1e-6 * 400);
    EXPECT_NEAR(a.categories.at("pertanian").valueShare, 150.0 / a.total.valueRp, 1e-12);
    EXPECT_EQ(a.leadingCategories, (std::vector<std::string>{"pertanian", "perkebunan"}));

    // B: P2 rolled up into pertanian, P3's count and three quarters.
    EXPECT_EQ(b.categories.at("pertanian").count, 1);
    EXPECT_DOUBLE_EQ(b.categories.at("pertanian").valueRp, 300.0);
    EXPECT_EQ(b.categories.at("perkebunan").count, 1);
    EXPECT_NEAR(b.categories.at("perkebunan").areaHa, haB, 1e-6 * haB);
    EXPECT_NEAR(b.total.valueRp, 300.0 + 400.0 * (1 - shareA), 1e-6 * 400);
    EXPECT_EQ(b.leadingCategories, (std::vector<std::string>{"pertanian", "perkebunan"}));
    EXPECT_NEAR(b.potentialPerKm2, 2.0 / (areaB / 100), 1e-6);
    EXPECT_TRUE(c.categories.empty());

    // P4 lies outside every village.
    EXPECT_EQ(result.outside.count, 1);

    // Assets and the BUM Desa unit.
    EXPECT_EQ(a.assets.count, 2);
    EXPECT_DOUBLE_EQ(a.assets.valueRp, 120.0);
    EXPECT_EQ(a.assetsByCategory.at("sumur").count, 1);
    EXPECT_EQ(b.assets.count, 1);
    ASSERT_EQ(a.bumdesUnits.size(), 1u);
    EXPECT_EQ(result.bumdesUnits[a.bumdesUnits[0]].unitName, "Unit tani");
    EXPECT_EQ(a.bumdes.units, 1);
    EXPECT_DOUBLE_EQ(a.bumdes.capitalRp, 1000.0);
    EXPECT_DOUBLE_EQ(a.bumdesByType.at("perdagangan").turnoverRp, 500.0);
    EXPECT_EQ(a.bumdesBySector.at("pertanian").workers, 3);
    EXPECT_TRUE(b.bumdesUnits.empty());

    // Score: B has the highest value and density per km² and as many categories as A.
    const double valueA = a.total.valueRp / (areaA / 100), valueB = b.total.valueRp / (areaB / 100);
    const double densityA = 1 / (areaA / 100), densityB = 2 / (areaB / 100);
    const double expectedA =
        100 * (0.5 * valueA / valueB + 0.25 * densityA / densityB + 0.25 * 2.0 / 2.0);
    EXPECT_NEAR(b.score, 100.0, 1e-9);
    EXPECT_NEAR(a.score, expectedA, 1e-6);
    EXPECT_EQ(b.rank, 1);
    EXPECT_EQ(a.rank, 2);
    EXPECT_EQ(a.groupSize, 2);
    // C is alone in its kecamatan, with nothing: score 0, rank 1 of 1.
    EXPECT_DOUBLE_EQ(c.score, 0.0);
    EXPECT_EQ(c.rank, 1);
    EXPECT_EQ(c.groupSize, 1);

    // Potential at risk: P1 in the flood zone (tinggi), in A.
    ASSERT_EQ(a.atRisk.size(), 1u);
    EXPECT_EQ(a.atRisk[0].hazardType, "banjir");
    EXPECT_EQ(a.atRisk[0].level, "tinggi");
    EXPECT_EQ(a.atRisk[0].category, "pertanian");
    EXPECT_EQ(a.atRisk[0].count, 1);
    EXPECT_DOUBLE_EQ(a.atRisk[0].valueRp, 150.0);
    EXPECT_TRUE(b.atRisk.empty());
}

TEST_F(HandPotential, ResultTablesAndDusun)
{
    {
        Project project(path);
        const auto result = layers::analyzePotential(project);
        EXPECT_GT(result.logId, 0);
        EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM hasil_potensi_profil"), 3);
        EXPECT_EQ(sqlReal(project,
                          "SELECT count(*) FROM hasil_potensi_profil WHERE geom IS NOT NULL AND "
                          "ST_Equals(geom, (SELECT geom FROM wilayah WHERE kode = "
                          "hasil_potensi_profil.kode_wilayah))"),
                  3);
        EXPECT_EQ(sqlReal(project,
                          "SELECT peringkat FROM hasil_potensi_profil WHERE kode_wilayah = "
                          "'53.10.01.2002'"),
                  1);
        EXPECT_EQ(sqlReal(project,
                          "SELECT potensi FROM hasil_potensi_kategori WHERE kode_wilayah = "
                          "'53.10.01.2002' AND kategori = 'perkebunan'"),
                  1);
        EXPECT_DOUBLE_EQ(sqlReal(project,
                                 "SELECT sum(produksi) FROM hasil_potensi_produksi WHERE "
                                 "satuan = 'ton'"),
                         50.0);
        EXPECT_EQ(sqlReal(project, "SELECT sum(unit) FROM hasil_potensi_bumdes"), 1);
        EXPECT_EQ(sqlReal(project, "SELECT sum(aset) FROM hasil_potensi_aset"), 3);
        EXPECT_EQ(sqlReal(project, "SELECT sum(potensi) FROM hasil_potensi_berisiko"), 1);
        EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM analisis_log WHERE analisis = 'potensi'"),
                  1);
        // A second run replaces the tables.
        layers::analyzePotential(project);
        EXPECT_EQ(sqlReal(project, "SELECT count(*) FROM hasil_potensi_profil"), 3);
    }
    Project project(path);
    layers::PotentialOptions options;
    options.by = layers::PotentialOptions::By::Dusun;
    options.includeRisk = false;
    const auto result = layers::analyzePotential(project, options);
    ASSERT_EQ(result.villages.size(), 1u);
    EXPECT_EQ(result.villages[0].name, "Dusun A1");
    EXPECT_EQ(result.villages[0].categories.at("pertanian").count, 1); // P1 at 122.203
    EXPECT_EQ(result.villages[0].assets.count, 2);
    EXPECT_TRUE(result.villages[0].atRisk.empty());
    EXPECT_FALSE(result.riskComputed);
}

TEST_F(HandPotential, CancelWritesNothing)
{
    Project project(path);
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    EXPECT_THROW(layers::analyzePotential(project, {}, &feedback), geo::AnalysisCanceled);
    EXPECT_FALSE(project.database().tableExists("hasil_potensi_profil"));
}

TEST_F(HandPotential, BumdesGapsServedAndUnserved)
{
    Project project(path);
    // The unit serves pertanian (its sektor): P1 and P2 are pertanian.
    const double toP1 = sqlReal(project,
                                "SELECT ST_Distance(Transform(u.geom, 32751), Transform(p.geom, "
                                "32751)) FROM bumdes_unit AS u, potensi_ekonomi AS p WHERE "
                                "p.kategori = 'pertanian'");
    const double toP2 = sqlReal(project,
                                "SELECT ST_Distance(Transform(u.geom, 32751), Transform(p.geom, "
                                "32751)) FROM bumdes_unit AS u, potensi_ekonomi AS p WHERE "
                                "p.kategori = 'tanaman pangan'");
    ASSERT_LT(toP1, 1000);
    ASSERT_GT(toP2, 1000);
    ASSERT_LT(toP2, 2000);
    layers::BumdesGapOptions options;
    options.distanceM = 1000;
    auto result = layers::analyzeBumdesGaps(project, options);
    ASSERT_EQ(result.units.size(), 1u);
    EXPECT_EQ(result.units[0].categories, std::vector<std::string>{"pertanian"});
    EXPECT_EQ(result.units[0].matchedBy, "sektor");
    EXPECT_EQ(result.units[0].served.count, 1);
    EXPECT_DOUBLE_EQ(result.units[0].served.valueRp, 150.0);
    // Unserved: P2 (pertanian, B), P3 (perkebunan: no unit; its centroid lies in B), P4
    // (pariwisata, outside every village).
    ASSERT_EQ(result.unserved.size(), 3u);
    for (const auto& p : result.unserved) {
        if (p.category == "pertanian") {
            EXPECT_NEAR(p.nearestUnitM, toP2, 1e-6);
        } else {
            EXPECT_LT(p.nearestUnitM, 0); // no unit serves perkebunan or pariwisata
        }
    }
    EXPECT_EQ(result.unservedOutside.count, 1);
    const auto& b = result.villages[1];
    ASSERT_EQ(b.code, "53.10.01.2002");
    EXPECT_EQ(b.categories.at("pertanian").unserved.count, 1);
    EXPECT_EQ(b.categories.at("perkebunan").unserved.count, 1);
    EXPECT_EQ(result.villages[0].categories.at("pertanian").units, 1);
    EXPECT_EQ(result.villages[0].categories.at("pertanian").served.count, 1);
    EXPECT_EQ(sqlReal(project,
                      "SELECT count(*) FROM hasil_potensi_tak_terlayani WHERE geom IS "
                      "NOT NULL"),
              3);
    EXPECT_EQ(sqlReal(project, "SELECT potensi FROM hasil_bumdes_jangkauan"), 1);

    options.distanceM = 2000;
    result = layers::analyzeBumdesGaps(project, options);
    EXPECT_EQ(result.units[0].served.count, 2);
    EXPECT_EQ(result.unserved.size(), 2u);

    // An inactive unit serves nothing.
    project.database().exec("UPDATE bumdes_unit SET status = 'tidak aktif'");
    result = layers::analyzeBumdesGaps(project, options);
    EXPECT_FALSE(result.units[0].active);
    EXPECT_EQ(result.units[0].served.count, 0);
    EXPECT_EQ(result.unserved.size(), 4u);
}

/// The sample kecamatan against SpatiaLite SQL, per village and category.
TEST(SamplePotential, PerVillageFiguresMatchSpatialiteSql)
{
    testsupport::TempDir dir;
    const auto path = dir.file("sample.sqlite");
    testsupport::copySampleProject(path);
    Project project(path);
    const auto result = layers::analyzePotential(project);
    ASSERT_FALSE(result.villages.empty());

    const std::string desa = "(SELECT fid, kode, geom FROM wilayah WHERE tingkat IN ('desa', "
                             "'kelurahan'))";
    using Key = std::tuple<std::string, std::string, std::string>; // figure, kode, kategori
    std::map<Key, double> expected, actual;
    auto collect = [&](const std::string& figure, const std::string& sql) {
        auto statement = project.database().prepare(sql);
        while (statement.step()) {
            expected[{figure, statement.text(0), statement.text(1)}] += statement.real(2);
        }
    };
    collect("aset",
            "SELECT d.kode, '', count(*) FROM " + desa +
                " AS d, aset_desa AS p WHERE ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid");
    collect("nilai_aset",
            "SELECT d.kode, '', total(p.nilai_rp) FROM " + desa +
                " AS d, aset_desa AS p WHERE ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid");
    collect("potensi",
            "SELECT d.kode, p.kategori, count(*) FROM " + desa +
                " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) = 'POINT' AND "
                "ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid, p.kategori");
    collect("potensi",
            "SELECT kode, kategori, count(*) FROM (SELECT p.fid, d.kode AS kode, p.kategori AS "
            "kategori, max(ST_Area(Transform(ST_Intersection(p.geom, d.geom), 32751))) FROM " +
                desa +
                " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) LIKE '%POLYGON' AND "
                "ST_Intersects(p.geom, d.geom) = 1 GROUP BY p.fid) GROUP BY kode, kategori");
    collect("ha",
            "SELECT d.kode, p.kategori, total(ST_Area(Transform(ST_Intersection(p.geom, "
            "d.geom), 32751))) / 1e4 FROM " +
                desa +
                " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) LIKE '%POLYGON' AND "
                "ST_Intersects(p.geom, d.geom) = 1 GROUP BY d.fid, p.kategori");
    collect("bumdes",
            "SELECT d.kode, '', count(*) FROM " + desa +
                " AS d, bumdes_unit AS p WHERE ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid");
    ASSERT_FALSE(expected.empty());
    // Every category of the sample is a top-level one, so the roll-up changes nothing here.
    for (const auto& v : result.villages) {
        actual[{"aset", v.code, ""}] = static_cast<double>(v.assets.count);
        actual[{"nilai_aset", v.code, ""}] = v.assets.valueRp;
        actual[{"bumdes", v.code, ""}] = static_cast<double>(v.bumdes.units);
        for (const auto& [category, f] : v.categories) {
            actual[{"potensi", v.code, category}] = static_cast<double>(f.count);
            actual[{"ha", v.code, category}] = f.areaHa;
        }
    }
    std::size_t compared = 0;
    for (const auto& source : {expected, actual}) {
        for (const auto& [key, ignored] : source) {
            (void)ignored;
            const double e = expected.count(key) ? expected.at(key) : 0.0;
            const double a = actual.count(key) ? actual.at(key) : 0.0;
            EXPECT_NEAR(a, e, 1e-6 * std::max(1.0, std::fabs(e)))
                << std::get<0>(key) << " " << std::get<1>(key) << " " << std::get<2>(key);
            ++compared;
        }
    }
    EXPECT_GT(compared, 50u);
}

} // namespace
