#include "app/desktop/attribute_table.h"
#include "app_fixture.h"
#include "geo/spatial_database.h"
#include "layers/project.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTableView>

#include <gtest/gtest.h>

#include <cstdio>

namespace {

/// 200,000 assets, written in one SQL statement (SpatiaLite builds the geometries and the
/// R*Tree), the size DOMAIN.md §2.9 says OpenSID's registers choke on.
class LargeTableTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new testsupport::TempDir;
        s_path = s_dir->file("besar.sqlite");
        layers::Project::create(s_path, {"besar", "EPSG:32751", false, {}});
        layers::Project project(s_path);
        geo::Transaction transaction(project.database());
        project.database().exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
            "INSERT INTO aset_desa (uuid, created_at, updated_at, author, nama, kondisi, "
            "tahun_perolehan, nilai_rp, geom) SELECT printf('uuid-%06d', i), "
            "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'uji', "
            "printf('Aset %06d', (i * 7919) % 200000), "
            "CASE i % 3 WHEN 0 THEN 'baik' WHEN 1 THEN 'rusak ringan' ELSE 'rusak berat' END, "
            "2000 + i % 25, i * 1000.0, "
            "MakePoint(122.0 + (i % 500) * 0.0005, -8.7 + (i / 500) * 0.0005, 4326) FROM n");
        transaction.commit();
    }
    static void TearDownTestSuite()
    {
        delete s_dir;
        s_dir = nullptr;
    }
    static testsupport::TempDir* s_dir;
    static std::string s_path;
};
testsupport::TempDir* LargeTableTest::s_dir = nullptr;
std::string LargeTableTest::s_path;

} // namespace

TEST_F(LargeTableTest, TwoHundredThousandRowsStaySmooth)
{
    layers::Project project(s_path);
    app::AttributeTable table;
    table.resize(1200, 500);
    table.show();
    QElapsedTimer timer;

    timer.start();
    table.setProject(&project);
    table.setTheme("aset_desa");
    QCoreApplication::processEvents();
    const qint64 open = timer.elapsed();
    app::AttributeTableModel* model = table.model();
    ASSERT_EQ(model->rowCount(), 200000);
    // Only what is on screen was read: a page or two, not 200,000 rows.
    EXPECT_LE(model->pagesRead(), 2);

    timer.restart();
    table.view()->scrollToBottom();
    QCoreApplication::processEvents();
    const QString last = model->data(model->index(199999, 2)).toString();
    const qint64 scroll = timer.elapsed();
    EXPECT_FALSE(last.isEmpty());
    EXPECT_LE(model->pagesRead(), 4);

    timer.restart();
    model->sort(2, Qt::AscendingOrder); // nama
    QCoreApplication::processEvents();
    const qint64 sort = timer.elapsed();
    EXPECT_EQ(model->data(model->index(0, 2)).toString(), "Aset 000000");
    EXPECT_EQ(model->data(model->index(199999, 2)).toString(), "Aset 199999");

    timer.restart();
    table.setFilter("nama", "Aset 19999");
    QCoreApplication::processEvents();
    const qint64 filter = timer.elapsed();
    EXPECT_EQ(model->rowCount(), 10); // "Aset 199990" .. "Aset 199999"

    std::printf("200,000 rows: open %lld ms, scroll to end %lld ms, sort %lld ms, filter %lld ms\n",
                static_cast<long long>(open),
                static_cast<long long>(scroll),
                static_cast<long long>(sort),
                static_cast<long long>(filter));
    // Generous bounds for sanitizer builds; a release build takes a fraction of these.
    EXPECT_LT(open, 3000);
    EXPECT_LT(scroll, 1000);
    EXPECT_LT(sort, 5000);
    EXPECT_LT(filter, 3000);
}
