#include "geo/errors.h"
#include "geo/packed_rtree.h"
#include "geo/spatial_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>
#include <tuple>

namespace {

/// A file name for this test (parameterized test names hold '/').
std::string tempPath()
{
    std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');
    return (std::filesystem::temp_directory_path() /
            ("petadesa-rtree-" + std::to_string(::getpid()) + "-" + name + ".sqlite"))
        .string();
}

struct TempDatabase
{
    std::string path = tempPath();
    geo::SpatialDatabase db{path, geo::SpatialDatabase::Mode::Create};
    TempDatabase()
    {
        db.exec("CREATE VIRTUAL TABLE idx USING rtree(pkid, xmin, xmax, ymin, ymax)");
    }
    ~TempDatabase()
    {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::remove((path + suffix).c_str());
        }
    }
};

struct Box
{
    std::int64_t id;
    double minX, minY, maxX, maxY;
};

/// Boxes like a village's features: many small ones (points, short lines) in lon/lat, a few
/// large, some with equal centres.
std::vector<Box> randomBoxes(std::size_t count, unsigned seed)
{
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> lon(115.9, 116.6), lat(-9.1, -8.7), size(0, 0.002);
    std::vector<Box> boxes;
    for (std::size_t i = 0; i < count; ++i) {
        const double x = i % 17 == 0 ? 116.25 : lon(random);
        const double y = i % 17 == 0 ? -8.9 : lat(random);
        const double w = i % 101 == 0 ? 0.2 : (i % 3 == 0 ? 0.0 : size(random));
        const double h = i % 101 == 0 ? 0.1 : (i % 3 == 0 ? 0.0 : size(random));
        boxes.push_back({static_cast<std::int64_t>(3 * i + 7), x, y, x + w, y + h});
    }
    return boxes;
}

using Row = std::tuple<std::int64_t, double, double, double, double>;

std::set<Row> rows(geo::SpatialDatabase& db, const std::string& sql)
{
    std::set<Row> result;
    auto select = db.prepare(sql);
    while (select.step()) {
        result.emplace(
            select.integer(0), select.real(1), select.real(2), select.real(3), select.real(4));
    }
    return result;
}

std::set<std::int64_t> query(geo::SpatialDatabase& db,
                             const std::string& table,
                             double minX,
                             double minY,
                             double maxX,
                             double maxY)
{
    auto select = db.prepare("SELECT pkid FROM " + table +
                             " WHERE xmax >= ? AND xmin <= ? AND ymax >= ? AND ymin <= ?");
    select.bind(1, minX).bind(2, maxX).bind(3, minY).bind(4, maxY);
    std::set<std::int64_t> ids;
    while (select.step()) {
        ids.insert(select.integer(0));
    }
    return ids;
}

std::string rtreeCheck(geo::SpatialDatabase& db, const std::string& table)
{
    return std::get<std::string>(db.scalar("SELECT rtreecheck('" + table + "')"));
}

} // namespace

// The entry of a box is the one SQLite stores when the doubles are inserted through SQL.
TEST(PackedRtree, EntriesRoundAsSqliteDoes)
{
    TempDatabase t;
    const std::vector<double> values = {0.0,
                                        1.0,
                                        -1.0,
                                        0.1,
                                        -0.1,
                                        116.123456789,
                                        -8.987654321,
                                        1e-30,
                                        -1e-30,
                                        3.4e38,
                                        -3.4e38,
                                        9030000.123,
                                        -123456.7891,
                                        16777217.0};
    auto insert =
        t.db.prepare("INSERT INTO idx (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)");
    std::vector<geo::RtreeEntry> expected;
    std::vector<std::pair<double, double>> inserted;
    std::int64_t id = 1;
    for (double low : values) {
        for (double high : values) {
            if (low > high) {
                continue;
            }
            insert.bind(1, id).bind(2, low).bind(3, high).bind(4, low).bind(5, high);
            insert.run();
            insert.reset();
            expected.push_back(geo::rtreeEntry(id++, low, low, high, high));
            inserted.emplace_back(low, high);
        }
    }
    auto stored = geo::rtreeEntries(t.db, "idx");
    ASSERT_EQ(stored.size(), expected.size());
    std::sort(
        stored.begin(), stored.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (std::size_t i = 0; i < stored.size(); ++i) {
        EXPECT_EQ(stored[i].id, expected[i].id);
        EXPECT_EQ(stored[i].minX, expected[i].minX) << stored[i].id;
        EXPECT_EQ(stored[i].maxX, expected[i].maxX) << stored[i].id;
        EXPECT_EQ(stored[i].minY, expected[i].minY) << stored[i].id;
        EXPECT_EQ(stored[i].maxY, expected[i].maxY) << stored[i].id;
        // The float box contains the double box.
        EXPECT_LE(static_cast<double>(expected[i].minX), inserted[i].first);
        EXPECT_GE(static_cast<double>(expected[i].maxX), inserted[i].second);
    }
    EXPECT_EQ(geo::rtreeEntryCount(t.db, "idx"), static_cast<std::int64_t>(expected.size()));
}

class PackedRtreeSizes : public testing::TestWithParam<std::size_t>
{
};

// A packed tree holds the same entries as one filled row by row through SQL, passes SQLite's
// own rtreecheck, answers window queries as a brute-force scan does, and stays an ordinary
// R*Tree: later inserts and deletes through SQL keep it consistent.
TEST_P(PackedRtreeSizes, SameEntriesAndAnswersAsSqlInserts)
{
    TempDatabase t;
    t.db.exec("CREATE VIRTUAL TABLE reference USING rtree(pkid, xmin, xmax, ymin, ymax)");
    const auto boxes = randomBoxes(GetParam(), static_cast<unsigned>(GetParam()));
    auto insert =
        t.db.prepare("INSERT INTO reference (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)");
    std::vector<geo::RtreeEntry> entries;
    for (const auto& b : boxes) {
        insert.bind(1, b.id).bind(2, b.minX).bind(3, b.maxX).bind(4, b.minY).bind(5, b.maxY);
        insert.run();
        insert.reset();
        entries.push_back(geo::rtreeEntry(b.id, b.minX, b.minY, b.maxX, b.maxY));
    }
    {
        geo::Transaction transaction(t.db);
        geo::writePackedRtree(t.db, "idx", entries);
        transaction.commit();
    }
    EXPECT_EQ(rtreeCheck(t.db, "idx"), "ok");
    EXPECT_EQ(rows(t.db, "SELECT * FROM idx"), rows(t.db, "SELECT * FROM reference"));
    EXPECT_EQ(geo::rtreeEntryCount(t.db, "idx"), static_cast<std::int64_t>(boxes.size()));
    // Every non-root node is full enough and the tree is shallow: 51 cells per node.
    const auto nodes = std::get<std::int64_t>(t.db.scalar("SELECT count(*) FROM idx_node"));
    EXPECT_LE(nodes, static_cast<std::int64_t>(boxes.size() / 25 + 2));

    std::mt19937_64 random(99);
    std::uniform_real_distribution<double> lon(115.8, 116.7), lat(-9.2, -8.6), size(0, 0.1);
    for (int q = 0; q < 200; ++q) {
        const double x = lon(random), y = lat(random), w = size(random), h = size(random);
        std::set<std::int64_t> brute;
        for (const auto& e : entries) {
            if (e.maxX >= x && e.minX <= x + w && e.maxY >= y && e.minY <= y + h) {
                brute.insert(e.id);
            }
        }
        EXPECT_EQ(query(t.db, "idx", x, y, x + w, y + h), brute) << q;
    }

    // Later edits go through SQLite's own R*Tree code.
    t.db.exec("DELETE FROM idx WHERE pkid % 2 = 0");
    t.db.exec("DELETE FROM reference WHERE pkid % 2 = 0");
    for (std::int64_t id = 1'000'000; id < 1'000'300; ++id) {
        const double x = 116.0 + static_cast<double>(id % 50) * 0.01;
        for (const char* table : {"idx", "reference"}) {
            auto add = t.db.prepare("INSERT INTO " + std::string(table) +
                                    " (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)");
            add.bind(1, id).bind(2, x).bind(3, x + 0.001).bind(4, -8.9).bind(5, -8.899);
            add.run();
        }
    }
    EXPECT_EQ(rtreeCheck(t.db, "idx"), "ok");
    EXPECT_EQ(rows(t.db, "SELECT * FROM idx"), rows(t.db, "SELECT * FROM reference"));
    EXPECT_EQ(query(t.db, "idx", 116.1, -8.95, 116.3, -8.85),
              query(t.db, "reference", 116.1, -8.95, 116.3, -8.85));
}

INSTANTIATE_TEST_SUITE_P(Sizes, PackedRtreeSizes, testing::Values(0, 1, 51, 52, 2601, 2602, 20000));

TEST(PackedRtree, ReplacesOldContentAndRollsBack)
{
    TempDatabase t;
    t.db.exec("INSERT INTO idx VALUES (1, 0, 1, 0, 1), (2, 5, 6, 5, 6)");
    const auto before = rows(t.db, "SELECT * FROM idx");
    {
        geo::Transaction transaction(t.db);
        geo::writePackedRtree(t.db, "idx", {geo::rtreeEntry(9, 2, 2, 3, 3)});
        EXPECT_EQ(rows(t.db, "SELECT * FROM idx"), (std::set<Row>{{9, 2, 3, 2, 3}}));
        // No commit: the old tree comes back.
    }
    EXPECT_EQ(rows(t.db, "SELECT * FROM idx"), before);
    EXPECT_EQ(rtreeCheck(t.db, "idx"), "ok");
}

TEST(PackedRtree, RefusesBadInputAndKeepsShadowTablesProtected)
{
    TempDatabase t;
    t.db.exec("INSERT INTO idx VALUES (1, 0, 1, 0, 1)");
    EXPECT_THROW(geo::writePackedRtree(
                     t.db, "idx", {geo::rtreeEntry(4, 0, 0, 1, 1), geo::rtreeEntry(4, 2, 2, 3, 3)}),
                 geo::DatabaseError);
    EXPECT_THROW(geo::writePackedRtree(t.db, "idx", {geo::rtreeEntry(5, 2, 2, 1, 1)}),
                 geo::DatabaseError);
    t.db.exec("CREATE TABLE plain (pkid INTEGER, xmin, xmax, ymin, ymax)");
    EXPECT_THROW(geo::writePackedRtree(t.db, "plain", {}), geo::DatabaseError);
    t.db.exec("CREATE VIRTUAL TABLE cube USING rtree(id, x0, x1, y0, y1, z0, z1)");
    EXPECT_THROW(geo::writePackedRtree(t.db, "cube", {}), geo::DatabaseError);
    EXPECT_EQ(rows(t.db, "SELECT * FROM idx"), (std::set<Row>{{1, 0, 1, 0, 1}}));
    // Defensive mode is back on: the shadow tables cannot be written directly.
    geo::writePackedRtree(t.db, "idx", {geo::rtreeEntry(2, 0, 0, 1, 1)});
    EXPECT_THROW(t.db.exec("DELETE FROM idx_rowid"), geo::DatabaseError);
    EXPECT_EQ(rtreeCheck(t.db, "idx"), "ok");
}
