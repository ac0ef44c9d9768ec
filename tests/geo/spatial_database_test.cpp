#include "geo/errors.h"
#include "geo/spatial_database.h"
#include "geo/spatialite_blob.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace {
std::string tempPath(const char* name)
{
    return (std::filesystem::temp_directory_path() /
            (std::string("petadesa-geo-") + std::to_string(::getpid()) + "-" + name))
        .string();
}
struct Remove
{
    std::string path;
    ~Remove()
    {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::remove((path + suffix).c_str());
        }
    }
};
} // namespace

TEST(SpatialDatabase, SpatialiteFunctionsWork)
{
    const std::string path = tempPath("spatial.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    db.exec("SELECT InitSpatialMetadata(1, 'WGS84')");
    auto area = db.prepare("SELECT ST_Area(Transform(GeomFromText(?, 4326), 32751))");
    area.bind(1,
              std::string("POLYGON((122.2 -8.62, 122.21 -8.62, 122.21 -8.61, 122.2 -8.61, "
                          "122.2 -8.62))"));
    ASSERT_TRUE(area.step());
    // About 1.1 km x 1.1 km at 8.6° S.
    EXPECT_NEAR(area.real(0), 1.21e6, 0.02e6);
    EXPECT_EQ(std::get<std::string>(db.scalar("PRAGMA journal_mode")), "wal");
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("PRAGMA foreign_keys")), 1);
}

TEST(SpatialDatabase, FileFunctionsAndAttachAreRefused)
{
    const std::string path = tempPath("deny.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    const std::string victim = tempPath("victim.txt");
    EXPECT_THROW(db.exec("SELECT BlobToFile(x'41', '" + victim + "')"), geo::DatabaseError);
    EXPECT_FALSE(std::filesystem::exists(victim));
    EXPECT_THROW(db.exec("SELECT load_extension('libc.so.6')"), geo::DatabaseError);
    EXPECT_THROW(db.exec("ATTACH DATABASE '" + tempPath("other.sqlite") + "' AS other"),
                 geo::DatabaseError);
    // A view in a hostile file that calls a file function fails when read, too.
    db.exec("CREATE VIEW trap AS SELECT BlobToFile(x'41', '" + victim + "') AS x");
    EXPECT_THROW(db.exec("SELECT * FROM trap"), geo::DatabaseError);
    EXPECT_FALSE(std::filesystem::exists(victim));
}

TEST(SpatialDatabase, TransactionRollsBackUnlessCommitted)
{
    const std::string path = tempPath("tx.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    db.exec("CREATE TABLE t (v INTEGER)");
    {
        geo::Transaction transaction(db);
        db.exec("INSERT INTO t VALUES (1)");
    }
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM t")), 0);
    {
        geo::Transaction transaction(db);
        db.exec("INSERT INTO t VALUES (1)");
        transaction.commit();
    }
    EXPECT_EQ(std::get<std::int64_t>(db.scalar("SELECT count(*) FROM t")), 1);
}

TEST(SpatialDatabase, NestedTransactionIsASavepoint)
{
    const std::string path = tempPath("nested.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    db.exec("CREATE TABLE t (v INTEGER)");
    auto count = [&] { return std::get<std::int64_t>(db.scalar("SELECT count(*) FROM t")); };
    {
        geo::Transaction outer(db);
        db.exec("INSERT INTO t VALUES (1)");
        {
            geo::Transaction inner(db);
            db.exec("INSERT INTO t VALUES (2)");
            inner.commit();
        }
        {
            geo::Transaction inner(db); // not committed: only its own row goes
            db.exec("INSERT INTO t VALUES (3)");
        }
        EXPECT_EQ(count(), 2);
        outer.commit();
    }
    EXPECT_EQ(count(), 2);
    {
        geo::Transaction outer(db); // not committed: the inner commit goes with it
        {
            geo::Transaction inner(db);
            db.exec("INSERT INTO t VALUES (4)");
            inner.commit();
        }
    }
    EXPECT_EQ(count(), 2);
}

TEST(SpatialDatabase, ErrorsNameTheFile)
{
    try {
        geo::SpatialDatabase db("/nonexistent/dir/x.sqlite", geo::SpatialDatabase::Mode::ReadOnly);
        FAIL() << "opened a missing file";
    } catch (const geo::DatabaseError& error) {
        EXPECT_NE(std::string(error.what()).find("/nonexistent/dir/x.sqlite"), std::string::npos);
    }
}

TEST(SpatialDatabase, BoundTextIsNeverSql)
{
    const std::string path = tempPath("bind.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    db.exec("CREATE TABLE t (v TEXT)");
    auto insert = db.prepare("INSERT INTO t VALUES (?)");
    insert.bind(1, std::string("x'); DROP TABLE t; --"));
    insert.run();
    EXPECT_EQ(std::get<std::string>(db.scalar("SELECT v FROM t")), "x'); DROP TABLE t; --");
    EXPECT_EQ(geo::quoteIdentifier("a\"b"), "\"a\"\"b\"");
}

TEST(SpatialiteBlob, SameBytesAsGeomFromWkb)
{
    const std::string path = tempPath("blob.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    for (const char* wkt : {"POINT(122.2 -8.6)",
                            "LINESTRING(0 0, 1 1, 2 0)",
                            "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0),"
                            "(1 1, 2 1, 2 2, 1 1))",
                            "MULTIPOINT(1 2, 3 4)",
                            "MULTILINESTRING((0 0, 1 1), (2 2, 3 3))",
                            "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
                            "GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))"}) {
        // Big-endian WKB from SpatiaLite itself, and the little-endian form.
        for (const char* order : {"AsBinary", "ST_AsBinary"}) {
            auto wkbQuery = db.prepare(std::string("SELECT ") + order + "(GeomFromText(?, 4326))");
            wkbQuery.bind(1, std::string(wkt));
            ASSERT_TRUE(wkbQuery.step());
            const auto wkb = wkbQuery.blob(0);
            auto reference = db.prepare("SELECT GeomFromWKB(?, 4326)");
            reference.bindBlob(1, wkb.data(), wkb.size());
            ASSERT_TRUE(reference.step());
            EXPECT_EQ(geo::spatialiteBlobFromWkb(wkb, 4326), reference.blob(0)) << wkt;
        }
    }
    EXPECT_TRUE(geo::spatialiteBlobFromWkb({1, 2, 3}, 4326).empty());
}

TEST(SpatialiteBlob, ParsesBackIntoFlatGeometry)
{
    const std::string path = tempPath("flat.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    auto query = db.prepare("SELECT GeomFromText('MULTIPOLYGON(((0 0, 4 0, 4 4, 0 0), (1 1, 2 1, "
                            "2 2, 1 1)), ((5 5, 6 5, 6 6, 5 5)))', 4326)");
    ASSERT_TRUE(query.step());
    const auto blob = query.blob(0);
    geo::FlatGeometry flat;
    ASSERT_TRUE(geo::parseSpatialiteBlob(blob.data(), blob.size(), flat));
    EXPECT_EQ(flat.kind, geo::FlatGeometry::Kind::Polygon);
    EXPECT_EQ(flat.pointCount(), 12u);
    EXPECT_EQ(flat.partCount(), 3u);
    ASSERT_EQ(flat.polygonStarts.size(), 3u); // two polygons + end
    EXPECT_EQ(flat.polygonStarts[1], 2u);     // the second polygon starts at ring 2
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    ASSERT_TRUE(geo::spatialiteBlobEnvelope(blob.data(), blob.size(), minX, minY, maxX, maxY));
    EXPECT_EQ(maxX, 6.0);
}

TEST(SpatialiteBlob, WkbFromBlobIsWhatAsBinaryGives)
{
    const std::string path = tempPath("wkb.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    std::vector<unsigned char> wkb;
    for (const char* wkt : {"POINT(122.2 -8.6)",
                            "LINESTRING(0 0, 1 1, 2 0)",
                            "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0),"
                            "(1 1, 2 1, 2 2, 1 1))",
                            "MULTIPOINT(1 2, 3 4)",
                            "MULTILINESTRING((0 0, 1 1), (2 2, 3 3, 4 2))",
                            "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5),"
                            "(5.2 5.1, 5.8 5.1, 5.8 5.7, 5.2 5.1)))",
                            "GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1),"
                            "POLYGON((0 0, 1 0, 1 1, 0 0)))"}) {
        auto query = db.prepare("SELECT g, AsBinary(g) FROM (SELECT GeomFromText(?, 4326) AS g)");
        query.bind(1, std::string(wkt));
        ASSERT_TRUE(query.step());
        const auto blob = query.blob(0);
        ASSERT_TRUE(geo::wkbFromSpatialiteBlob(blob.data(), blob.size(), wkb)) << wkt;
        EXPECT_EQ(wkb, query.blob(1)) << wkt;
        // Cut short, or with a wrong end marker: refused, nothing left in out.
        for (std::size_t cut : {std::size_t(1), std::size_t(9), blob.size() - 44}) {
            std::vector<unsigned char> shorter(blob.begin(), blob.end() - cut);
            shorter.back() = 0xFE;
            EXPECT_FALSE(geo::wkbFromSpatialiteBlob(shorter.data(), shorter.size(), wkb))
                << wkt << " cut by " << cut;
            EXPECT_TRUE(wkb.empty());
        }
    }
    // Z, M and compressed blobs are left to SpatiaLite.
    for (const char* sql : {"SELECT GeomFromText('LINESTRING Z(0 0 1, 1 1 2)', 4326)",
                            "SELECT GeomFromText('POINT M(1 2 3)', 4326)",
                            "SELECT CompressGeometry(GeomFromText("
                            "'LINESTRING(0 0, 1 1, 2 0, 3 1, 4 0)', 4326))"}) {
        auto query = db.prepare(sql);
        ASSERT_TRUE(query.step());
        const auto blob = query.blob(0);
        EXPECT_FALSE(geo::wkbFromSpatialiteBlob(blob.data(), blob.size(), wkb)) << sql;
    }
    // A big-endian blob (as a big-endian machine writes it) gives big-endian WKB.
    const std::vector<unsigned char> bigEndianWkb = {0x00, 0,    0, 0, 2, 0, 0,    0,    2,
                                                     0x3F, 0xF0, 0, 0, 0, 0, 0,    0,    0x40,
                                                     0,    0,    0, 0, 0, 0, 0,    0x40, 0x08,
                                                     0,    0,    0, 0, 0, 0, 0x40, 0x10, 0,
                                                     0,    0,    0, 0, 0}; // LINESTRING(1 2, 3 4)
    std::vector<unsigned char> bigEndianBlob = {0x00, 0x00, 0, 0, 0x10, 0xE6};
    bigEndianBlob.resize(38, 0); // the MBR is not read
    bigEndianBlob.push_back(0x7C);
    bigEndianBlob.insert(bigEndianBlob.end(), bigEndianWkb.begin() + 1, bigEndianWkb.end());
    bigEndianBlob.push_back(0xFE);
    ASSERT_TRUE(geo::wkbFromSpatialiteBlob(bigEndianBlob.data(), bigEndianBlob.size(), wkb));
    EXPECT_EQ(wkb, bigEndianWkb);
    auto asText = db.prepare("SELECT AsText(GeomFromWKB(?))");
    asText.bindBlob(1, wkb.data(), wkb.size());
    ASSERT_TRUE(asText.step());
    EXPECT_EQ(asText.text(0), "LINESTRING(1 2, 3 4)");
}

TEST(SpatialDatabase, ViewsReadTheSameBytesAsCopies)
{
    const std::string path = tempPath("views.sqlite");
    Remove cleanup{path};
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::Create);
    auto statement = db.prepare("SELECT 'kantor desa', x'00ff10', NULL, '', length(x'00ff10')");
    ASSERT_TRUE(statement.step());
    EXPECT_EQ(statement.textView(0), statement.text(0));
    const auto view = statement.blobView(1);
    const auto copy = statement.blob(1);
    ASSERT_EQ(view.size(), 3u);
    EXPECT_TRUE(std::equal(view.begin(), view.end(), copy.begin(), copy.end()));
    EXPECT_TRUE(statement.textView(2).empty());
    EXPECT_TRUE(statement.blobView(2).empty());
    EXPECT_TRUE(statement.textView(3).empty());
    EXPECT_EQ(statement.integer(4), 3);
}
