// The charts dock: its bars against the potential analysis called here and against SpatiaLite
// SQL written independently (ST_Within for points, the village holding the largest
// ST_Intersection for a polygon's count, ST_Area(Transform(ST_Intersection)) for hectares and
// for a polygon's share of its value), on the sample's villages, assets and potential.

#include "app/desktop/chart_panel.h"
#include "app/desktop/main_window.h"
#include "app_fixture.h"
#include "geo/spatial_database.h"
#include "layers/analysis/potential_analysis.h"
#include "layers/importer.h"
#include "layers/project.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

using apptest::waitFor;
using Measure = app::ChartPanel::Measure;

namespace {

/// (village name, series label) -> bar value, read from the chart as drawn.
using Bars = std::map<std::pair<QString, QString>, double>;

Bars barsOf(const layers::BarChartData& data)
{
    Bars bars;
    for (std::size_t g = 0; g < data.groups.size(); ++g) {
        for (std::size_t s = 0; s < data.series.size(); ++s) {
            bars[{data.groups[g], data.series[s].label}] = data.value(g, s);
        }
    }
    return bars;
}

class ChartPanelTest : public apptest::ProjectTest
{
protected:
    void SetUp() override
    {
        ProjectTest::SetUp();
        layers::Project project(projectPath());
        layers::ImportOptions options;
        options.theme = "potensi_ekonomi";
        options.reportPath = projectPath() + "_potensi.csv";
        layers::importFile(project,
                           std::string(PETADESA_SOURCE_DATA_DIR) +
                               "/sample/src/potensi_ekonomi.geojson",
                           options);
    }

    /// Computes and waits; false when the computation failed or did not end.
    bool compute(app::ChartPanel& panel)
    {
        QSignalSpy finished(&panel, &app::ChartPanel::computeFinished);
        panel.refresh();
        return (finished.count() == 1 || finished.wait(120000)) &&
               finished.front().front().toBool();
    }

    /// SQL rows (village code, category, value) summed into a map.
    std::map<std::pair<std::string, std::string>, double> sql(const std::string& query)
    {
        std::map<std::pair<std::string, std::string>, double> out;
        geo::SpatialDatabase db(projectPath(), geo::SpatialDatabase::Mode::ReadOnly);
        auto statement = db.prepare(query);
        while (statement.step()) {
            out[{statement.text(0), statement.text(1)}] += statement.real(2);
        }
        return out;
    }

    /// The engine's figures computed here, on the test's thread.
    layers::PotentialResult engine()
    {
        layers::Project project(projectPath(), layers::Project::Access::ReadOnly);
        layers::PotentialOptions options;
        options.includeRisk = false;
        options.writeResults = false;
        return layers::analyzePotential(project, options);
    }

    static constexpr const char* desa = "(SELECT fid, kode, nama, geom FROM wilayah WHERE tingkat "
                                        "IN ('desa', 'kelurahan'))";
};

} // namespace

TEST_F(ChartPanelTest, ComputesOffTheGuiThreadAndDrawsTheEngineAndSqlFigures)
{
    app::ChartPanel panel;
    panel.resize(1100, 420);
    panel.setProjectPath(QString::fromStdString(projectPath()));
    panel.setStacked(false);
    QSignalSpy finished(&panel, &app::ChartPanel::computeFinished);
    {
        // Readers are locked out of the file: the computation can only wait on its worker,
        // so refresh() returns at once and the GUI keeps processing events meanwhile.
        apptest::ProjectWriteLock lock(projectPath(), true);
        panel.refresh();
        EXPECT_TRUE(panel.isRunning());
        EXPECT_TRUE(panel.progressBar()->isVisibleTo(&panel));
        QTest::qWait(300);
        EXPECT_TRUE(panel.isRunning());
        EXPECT_EQ(finished.count(), 0);
    }
    ASSERT_TRUE(finished.count() == 1 || finished.wait(120000));
    ASSERT_TRUE(finished.front().front().toBool()) << panel.summaryLabel()->text().toStdString();
    EXPECT_FALSE(panel.isRunning());
    EXPECT_FALSE(panel.progressBar()->isVisibleTo(&panel));

    // Nothing was written: no result tables, no analysis log row.
    {
        geo::SpatialDatabase db(projectPath(), geo::SpatialDatabase::Mode::ReadOnly);
        EXPECT_FALSE(db.tableExists("hasil_potensi_profil"));
    }

    // Against the engine, for every measure: each village's bar per category.
    const auto expected = engine();
    ASSERT_EQ(expected.villages.size(), panel.figures().villages.size());
    std::map<std::string, QString> villageName; // code -> name
    for (const auto& village : expected.villages) {
        villageName[village.code] = QString::fromStdString(village.name);
    }
    std::map<std::string, QString> seriesOf; // category code -> its label, the series' name
    {
        layers::Project project(projectPath(), layers::Project::Access::ReadOnly);
        for (const auto& code : expected.categories) {
            seriesOf[code] = QString::fromStdString(layers::potentialCategoryLabel(project, code));
        }
    }
    for (const Measure measure :
         {Measure::PotentialCount, Measure::PotentialArea, Measure::PotentialValue}) {
        panel.setMeasure(measure);
        const auto& data = panel.chartData();
        ASSERT_EQ(data.groups.size(), expected.villages.size());
        EXPECT_FALSE(data.stacked);
        const Bars bars = barsOf(data);
        std::size_t nonZero = 0;
        for (const auto& village : expected.villages) {
            for (const auto& [code, f] : village.categories) {
                const double value = measure == Measure::PotentialCount  ? double(f.count)
                                     : measure == Measure::PotentialArea ? f.areaHa
                                                                         : f.valueRp;
                const auto at = bars.find({QString::fromStdString(village.name), seriesOf[code]});
                if (value != 0) {
                    ASSERT_NE(at, bars.end()) << village.name << " " << code;
                    ++nonZero;
                }
                if (at != bars.end()) {
                    EXPECT_NEAR(at->second, value, 1e-9 * std::max(1.0, value))
                        << village.name << " " << code;
                }
            }
        }
        EXPECT_GT(nonZero, 10u);
    }

    // Against SpatiaLite SQL: count, hectares and value per village and category.
    const std::string d = desa;
    auto counts = sql("SELECT d.kode, p.kategori, count(*) FROM " + d +
                      " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) = 'POINT' AND "
                      "ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid, p.kategori");
    for (const auto& [key, count] :
         sql("SELECT kode, kategori, count(*) FROM (SELECT p.fid, d.kode AS kode, p.kategori AS "
             "kategori, max(ST_Area(Transform(ST_Intersection(p.geom, d.geom), 32751))) FROM " +
             d +
             " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) LIKE '%POLYGON' AND "
             "ST_Intersects(p.geom, d.geom) = 1 GROUP BY p.fid) GROUP BY kode, kategori")) {
        counts[key] += count;
    }
    auto hectares =
        sql("SELECT d.kode, p.kategori, total(ST_Area(Transform(ST_Intersection(p.geom, "
            "d.geom), 32751))) / 1e4 FROM " +
            d +
            " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) LIKE '%POLYGON' AND "
            "ST_Intersects(p.geom, d.geom) = 1 GROUP BY d.fid, p.kategori");
    auto values = sql("SELECT d.kode, p.kategori, total(p.nilai_rp) FROM " + d +
                      " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) = 'POINT' AND "
                      "ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid, p.kategori");
    for (const auto& [key, value] :
         sql("SELECT d.kode, p.kategori, total(p.nilai_rp * ST_Area(Transform(ST_Intersection("
             "p.geom, d.geom), 32751)) / ST_Area(Transform(p.geom, 32751))) FROM " +
             d +
             " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) LIKE '%POLYGON' AND "
             "ST_Intersects(p.geom, d.geom) = 1 GROUP BY d.fid, p.kategori")) {
        values[key] += value;
    }
    ASSERT_GT(counts.size(), 20u);
    // Every category of the sample is a top-level one, so the SQL's kategori is the series.
    for (const auto& [measure, table] : {std::pair{Measure::PotentialCount, &counts},
                                         std::pair{Measure::PotentialArea, &hectares},
                                         std::pair{Measure::PotentialValue, &values}}) {
        panel.setMeasure(measure);
        const Bars bars = barsOf(panel.chartData());
        double sqlTotal = 0, chartTotal = 0;
        for (const auto& [key, value] : *table) {
            ASSERT_TRUE(seriesOf.count(key.second)) << key.second;
            const auto at = bars.find({villageName[key.first], seriesOf[key.second]});
            ASSERT_NE(at, bars.end()) << key.first << " " << key.second;
            EXPECT_NEAR(at->second, value, 1e-6 * std::max(1.0, value))
                << int(measure) << " " << key.first << " " << key.second;
            sqlTotal += value;
        }
        for (const auto& [key, value] : bars) {
            chartTotal += value;
        }
        EXPECT_NEAR(chartTotal, sqlTotal, 1e-6 * std::max(1.0, sqlTotal)) << int(measure);
    }

    // Assets: per village and category against SQL; the categories past the eighth series are
    // summed as "Lainnya", so each village's stack equals its SQL total.
    panel.setMeasure(Measure::AssetCount);
    const auto assetCounts = sql("SELECT d.kode, p.kategori, count(*) FROM " + d +
                                 " AS d, aset_desa AS p WHERE ST_Within(p.geom, d.geom) = 1 "
                                 "GROUP BY d.fid, p.kategori");
    const auto& data = panel.chartData();
    ASSERT_EQ(data.series.size(), app::ChartPanel::maxSeries);
    EXPECT_EQ(data.series.back().label, "Lainnya");
    std::map<QString, double> assetTotals, chartTotals;
    for (const auto& [key, count] : assetCounts) {
        assetTotals[villageName[key.first]] += count;
        QString label = QString::fromStdString(key.second);
        label[0] = label[0].toUpper();
        const auto at = std::find_if(data.series.begin(), data.series.end(), [&](const auto& s) {
            return s.label == label;
        });
        if (at != data.series.end()) {
            const Bars bars = barsOf(data);
            EXPECT_EQ(bars.at({villageName[key.first], label}), count)
                << key.first << " " << label.toStdString();
        }
    }
    for (const auto& [key, value] : barsOf(data)) {
        chartTotals[key.first] += value;
    }
    for (const auto& [name, total] : assetTotals) {
        EXPECT_EQ(chartTotals[name], total) << name.toStdString();
    }
    panel.setMeasure(Measure::AssetValue);
    chartTotals.clear();
    for (const auto& [key, value] : barsOf(panel.chartData())) {
        chartTotals[key.first] += value;
    }
    for (const auto& [key, value] :
         sql("SELECT d.kode, '', total(p.nilai_rp) FROM " + d +
             " AS d, aset_desa AS p WHERE ST_Within(p.geom, d.geom) = 1 GROUP BY d.fid")) {
        EXPECT_NEAR(chartTotals[villageName[key.first]], value, 1e-6 * std::max(1.0, value));
    }
}

TEST_F(ChartPanelTest, OneVillageShowsItsCategoriesInTheirColours)
{
    app::ChartPanel panel;
    panel.setProjectPath(QString::fromStdString(projectPath()));
    ASSERT_TRUE(compute(panel));
    // The village with the most potential features, by SQL (points in it).
    geo::SpatialDatabase db(projectPath(), geo::SpatialDatabase::Mode::ReadOnly);
    auto statement = db.prepare(
        "SELECT d.fid, d.nama FROM " + std::string(desa) +
        " AS d, potensi_ekonomi AS p WHERE GeometryType(p.geom) = 'POINT' AND ST_Within(p.geom, "
        "d.geom) = 1 GROUP BY d.fid ORDER BY count(*) DESC, d.fid LIMIT 1");
    ASSERT_TRUE(statement.step());
    const std::int64_t fid = statement.integer(0);
    const QString name = QString::fromStdString(statement.text(1));
    panel.setMeasure(Measure::PotentialCount);
    panel.setVillage(fid);
    EXPECT_EQ(panel.village(), fid);
    EXPECT_EQ(panel.villageBox()->currentText(), name);
    const auto& data = panel.chartData();
    EXPECT_TRUE(data.title.contains(name)) << data.title.toStdString();
    ASSERT_EQ(data.series.size(), 1u);
    ASSERT_EQ(data.groupColors.size(), data.groups.size());
    const auto expected = engine();
    const layers::VillageProfile* village = nullptr;
    for (const auto& v : expected.villages) {
        if (v.fid == fid) {
            village = &v;
        }
    }
    ASSERT_NE(village, nullptr);
    std::multiset<double> engineCounts, chartCounts;
    for (const auto& [code, f] : village->categories) {
        if (f.count > 0) {
            engineCounts.insert(double(f.count));
        }
    }
    for (std::size_t g = 0; g < data.groups.size(); ++g) {
        chartCounts.insert(data.value(g, 0));
        EXPECT_TRUE(data.groupColors[g].isValid()) << data.groups[g].toStdString();
        if (g > 0) {
            EXPECT_LE(data.value(g, 0), data.value(g - 1, 0)); // largest first
        }
    }
    EXPECT_EQ(chartCounts, engineCounts);
    std::set<QRgb> colours;
    for (const auto& colour : data.groupColors) {
        colours.insert(colour.rgb());
    }
    EXPECT_EQ(colours.size(), data.groups.size()); // one colour per category

    // The drawn widget: its tooltip names the bar under the mouse.
    panel.resize(900, 400);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    const auto layout =
        layers::layoutBarChart(QRectF(panel.view()->rect()),
                               data,
                               app::ChartView::chartStyle(panel.view()->logicalDpiY()));
    const QString tip = panel.view()->barTextAt(layout.bars[0][0].center());
    EXPECT_TRUE(tip.startsWith(data.groups[0])) << tip.toStdString();
}

TEST_F(ChartPanelTest, CancelKeepsThePreviousChart)
{
    app::ChartPanel panel;
    panel.setProjectPath(QString::fromStdString(projectPath()));
    ASSERT_TRUE(compute(panel));
    panel.setMeasure(Measure::PotentialValue);
    const Bars before = barsOf(panel.chartData());
    ASSERT_FALSE(before.empty());

    QSignalSpy finished(&panel, &app::ChartPanel::computeFinished);
    {
        apptest::ProjectWriteLock lock(projectPath(), true);
        panel.refresh();
        ASSERT_TRUE(panel.isRunning());
        panel.cancel();
    }
    ASSERT_TRUE(finished.count() == 1 || finished.wait(120000));
    EXPECT_FALSE(finished.front().front().toBool());
    EXPECT_FALSE(panel.isRunning());
    EXPECT_TRUE(panel.hasFigures());
    EXPECT_TRUE(panel.summaryLabel()->text().contains("Dibatalkan"))
        << panel.summaryLabel()->text().toStdString();
    EXPECT_EQ(barsOf(panel.chartData()), before);
    // The shown figures still switch measures.
    panel.setMeasure(Measure::PotentialCount);
    EXPECT_NE(barsOf(panel.chartData()), before);
}

TEST_F(ChartPanelTest, ExportsPngAndSvg)
{
    app::ChartPanel panel;
    panel.setProjectPath(QString::fromStdString(projectPath()));
    QString error;
    EXPECT_FALSE(panel.exportChart(QString::fromStdString(projectPath() + ".png"), &error));
    EXPECT_FALSE(error.isEmpty());
    ASSERT_TRUE(compute(panel));
    const QString png = QString::fromStdString(projectPath() + "_grafik.png");
    ASSERT_TRUE(panel.exportChart(png, &error)) << error.toStdString();
    const QImage image(png);
    EXPECT_EQ(image.size(), QSize(1800, 1000));
    // Bars are drawn: many pixels are neither white nor grey.
    int coloured = 0;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4) {
            const QColor c = image.pixelColor(x, y);
            coloured += std::max({c.red(), c.green(), c.blue()}) -
                            std::min({c.red(), c.green(), c.blue()}) >
                        40;
        }
    }
    EXPECT_GT(coloured, 1000);

    const QString svg = QString::fromStdString(projectPath() + "_grafik.svg");
    ASSERT_TRUE(panel.exportChart(svg, &error)) << error.toStdString();
    QFile file(svg);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QXmlStreamReader xml(content);
    while (!xml.atEnd()) {
        xml.readNext();
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_TRUE(content.contains("<rect") || content.contains("<path"));
    EXPECT_TRUE(QString::fromUtf8(content).contains(panel.chartData().title.toHtmlEscaped()));
}

class ChartDockTest : public apptest::WindowTest
{
};

TEST_F(ChartDockTest, TheViewMenuOpensTheDockWhichComputesInTheBackground)
{
    auto* panel = window->chartPanel();
    ASSERT_NE(panel, nullptr);
    EXPECT_FALSE(window->chartDock()->isVisible());
    EXPECT_FALSE(panel->isRunning());
    EXPECT_EQ(window->chartDock()->windowTitle(), "Grafik");
    window->action("chart")->trigger();
    EXPECT_TRUE(window->chartDock()->isVisible());
    ASSERT_TRUE(waitFor([panel] { return panel->hasFigures() && !panel->isRunning(); }, 120000));
    // One group per desa/kelurahan.
    geo::SpatialDatabase db(projectPath(), geo::SpatialDatabase::Mode::ReadOnly);
    auto statement =
        db.prepare("SELECT count(*) FROM wilayah WHERE tingkat IN ('desa', 'kelurahan')");
    ASSERT_TRUE(statement.step());
    EXPECT_EQ(std::int64_t(panel->chartData().groups.size()), statement.integer(0));
    EXPECT_TRUE(panel->chartData().stacked);
    // Another project, or none, empties it.
    window->showWelcome();
    EXPECT_FALSE(panel->hasFigures());
    EXPECT_TRUE(panel->chartData().groups.empty());
    EXPECT_FALSE(window->action("chart")->isEnabled());
}
