#include "geo/analysis/kernel_density.h"
#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "layers/render/map_renderer.h"
#include "layers/render/thematic_renderer.h"
#include "support/image_compare.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using layers::MapSettings;
using layers::ThematicLayer;

namespace {

/// One copy of the sample kecamatan for this file's tests (read only).
const std::string& sample()
{
    static testsupport::TempDir dir;
    static const std::string path = [] {
        const std::string file = dir.file("thematic.sqlite");
        testsupport::copySampleProject(file);
        return file;
    }();
    return path;
}

/// The whole sample kecamatan in UTM 51S, without the vector layers.
MapSettings kecamatanMap(QSize size)
{
    MapSettings settings;
    settings.projectPath = sample();
    settings.crs = "EPSG:32751";
    settings.extent = layers::projectExtent(sample(), settings.crs);
    settings.size = size;
    settings.dpi = 96;
    settings.labels = false;
    return settings;
}

ThematicLayer populationChoropleth(layers::ClassMethod method)
{
    ThematicLayer layer;
    layer.kind = ThematicLayer::Kind::Choropleth;
    layer.table = "wilayah";
    layer.valueColumn = "jumlah_penduduk";
    layer.method = method;
    layer.classes = 5;
    layer.unit = "jiwa";
    layer.opacity = 1.0;
    return layer;
}

void expectGolden(const QImage& image, const char* name)
{
    const auto comparison = testsupport::compareWithGolden(image, name);
    EXPECT_TRUE(comparison.matches) << comparison.message.toStdString();
}

} // namespace

TEST(Thematic, ChoroplethFillsEachVillageWithItsClassColour)
{
    // Large enough that the town's small kelurahan are several pixels wide.
    auto settings = kecamatanMap(QSize(2400, 2000));
    settings.background = QColor(255, 255, 255);
    const ThematicLayer layer = populationChoropleth(layers::ClassMethod::NaturalBreaks);
    settings.thematicLayers.push_back(layer);
    layers::RenderFeedback feedback;
    const auto result = layers::renderMap(settings, feedback);
    ASSERT_TRUE(result.errors.empty()) << result.errors.front();
    auto small = settings;
    small.size = QSize(480, 400);
    expectGolden(layers::renderMap(small, feedback).image, "thematic_choropleth_jenks");

    // Values straight from SQL; classes from the same values.
    geo::SpatialDatabase db(sample(), geo::SpatialDatabase::Mode::ReadOnly);
    auto statement =
        db.prepare("SELECT kode, jumlah_penduduk, X(PointOnSurface(geom)), Y(PointOnSurface(geom)) "
                   "FROM wilayah WHERE tingkat IN ('desa', 'kelurahan')");
    std::vector<double> values;
    struct Probe
    {
        double value, x, y;
    };
    std::vector<Probe> probes;
    while (statement.step()) {
        probes.push_back({statement.real(1), statement.real(2), statement.real(3)});
        values.push_back(statement.real(1));
    }
    ASSERT_EQ(probes.size(), 21u);
    const auto classes = layers::classify(values, layer.method, 5, layer.ramp);
    const auto listed = layers::choroplethValues(sample(), layer);
    EXPECT_EQ(listed.size(), probes.size());

    geo::CoordinateTransform toMap("EPSG:4326", settings.crs);
    const auto visible = settings.visibleExtent();
    const double upp = settings.mapUnitsPerPixel();
    int checked = 0;
    for (const auto& probe : probes) {
        double x = probe.x, y = probe.y;
        ASSERT_TRUE(toMap.transform(x, y));
        const int px = int((x - visible.minX) / upp), py = int((visible.maxY - y) / upp);
        // The point on surface may lie on a thin part; look for the class colour near it.
        const QColor expected = classes.colors[std::size_t(classes.classOf(probe.value))];
        bool found = false;
        for (int dy = -2; dy <= 2 && !found; ++dy) {
            for (int dx = -2; dx <= 2 && !found; ++dx) {
                const QColor actual = result.image.pixelColor(px + dx, py + dy);
                found = std::abs(actual.red() - expected.red()) <= 2 &&
                        std::abs(actual.green() - expected.green()) <= 2 &&
                        std::abs(actual.blue() - expected.blue()) <= 2;
            }
        }
        EXPECT_TRUE(found) << "village value " << probe.value << " at pixel " << px << "," << py;
        checked += found;
    }
    EXPECT_EQ(checked, 21);
}

TEST(Thematic, ChoroplethLegendStatesClassesAndUnit)
{
    const auto legend =
        layers::thematicLegend(sample(), populationChoropleth(layers::ClassMethod::Quantile));
    EXPECT_EQ(legend.title, QString("jumlah_penduduk (jiwa)"));
    EXPECT_EQ(legend.note, QString("kuantil, 5 kelas"));
    ASSERT_EQ(legend.items.size(), 5u);
    for (const auto& item : legend.items) {
        EXPECT_TRUE(item.label.contains(QString::fromUtf8(" – "))) << item.label.toStdString();
    }
    // Quantiles of 21 villages: four or five in each class.
    std::vector<double> values;
    for (const auto& v :
         layers::choroplethValues(sample(), populationChoropleth(layers::ClassMethod::Quantile))) {
        values.push_back(v.value);
    }
    const auto classes =
        layers::classify(values, layers::ClassMethod::Quantile, 5, layers::ColorRamp::YlOrRd);
    for (int count : classes.counts) {
        EXPECT_GE(count, 4);
        EXPECT_LE(count, 5);
    }
}

TEST(Thematic, ChoroplethOfAResultTableJoinsByVillageCode)
{
    // A hasil_* table without geometry: rows per village code, summed, some villages absent.
    testsupport::TempDir dir;
    const std::string path = dir.file("hasil.sqlite");
    testsupport::copySampleProject(path);
    {
        geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::ReadWrite);
        db.exec("CREATE TABLE hasil_uji (id INTEGER PRIMARY KEY, kode_wilayah TEXT, jenis TEXT, "
                "nilai DOUBLE)");
        db.exec("INSERT INTO hasil_uji (kode_wilayah, jenis, nilai) SELECT kode, 'a', 10 FROM "
                "wilayah WHERE tingkat = 'kelurahan'");
        db.exec("INSERT INTO hasil_uji (kode_wilayah, jenis, nilai) SELECT kode, 'a', 5 FROM "
                "wilayah WHERE tingkat = 'kelurahan'");
        db.exec("INSERT INTO hasil_uji (kode_wilayah, jenis, nilai) SELECT kode, 'b', 1000 FROM "
                "wilayah WHERE tingkat = 'kelurahan'");
    }
    ThematicLayer layer;
    layer.table = "hasil_uji";
    layer.valueColumn = "nilai";
    layer.filters = {{"jenis", "a"}};
    const auto values = layers::choroplethValues(path, layer);
    ASSERT_EQ(values.size(), 21u);
    int kelurahan = 0, missing = 0;
    for (const auto& v : values) {
        if (std::isnan(v.value)) {
            ++missing;
        } else {
            EXPECT_EQ(v.value, 15);
            ++kelurahan;
        }
    }
    EXPECT_EQ(kelurahan, 13);
    EXPECT_EQ(missing, 8);
    const auto legend = layers::thematicLegend(path, layer);
    ASSERT_FALSE(legend.items.empty());
    EXPECT_EQ(legend.items.back().label, QString("tanpa data"));
    // A filter on an unknown column is refused, not spliced into SQL.
    layer.filters = {{"jenis; DROP TABLE wilayah", "a"}};
    EXPECT_THROW(layers::choroplethValues(path, layer), std::exception);
}

TEST(Thematic, VillageTotalsMatchTheVillageCodeOfEachFeature)
{
    // Spatial assignment (point on surface within the village) against the features' own
    // kode_desa attribute, which the sample sets from the same villages.
    geo::SpatialDatabase db(sample(), geo::SpatialDatabase::Mode::ReadOnly);
    const auto totals =
        layers::villageCategoryTotals(db, "potensi_ekonomi", "kategori", "nilai_rp");
    std::map<std::pair<std::string, std::string>, double> spatial;
    for (const auto& t : totals) {
        spatial[{t.villageCode, t.category}] += t.total;
    }
    auto statement = db.prepare("SELECT kode_desa, kategori, SUM(coalesce(nilai_rp, 0)) FROM "
                                "potensi_ekonomi GROUP BY 1, 2");
    std::size_t rows = 0;
    while (statement.step()) {
        const auto key = std::make_pair(statement.text(0), statement.text(1));
        ASSERT_TRUE(spatial.count(key)) << key.first << " " << key.second;
        EXPECT_NEAR(spatial[key], statement.real(2), 1e-6);
        ++rows;
    }
    EXPECT_EQ(rows, spatial.size());
}

TEST(Thematic, PieChartsAndSymbolsGolden)
{
    auto settings = kecamatanMap(QSize(480, 400));
    settings.layers.push_back({"wilayah", true, 1.0, std::nullopt, {}});
    ThematicLayer pies;
    pies.kind = ThematicLayer::Kind::PieCharts;
    pies.pointTable = "potensi_ekonomi";
    pies.opacity = 1.0;
    settings.thematicLayers.push_back(pies);
    layers::RenderFeedback feedback;
    auto result = layers::renderMap(settings, feedback);
    ASSERT_TRUE(result.errors.empty()) << result.errors.front();
    expectGolden(result.image, "thematic_pies");
    const auto legend = layers::thematicLegend(sample(), pies);
    ASSERT_GE(legend.items.size(), 4u);
    EXPECT_EQ(legend.items.back().kind, layers::LegendItem::Kind::Circle);
    // Reference circles: round values, areas proportional to the value.
    const auto& big = legend.items[legend.items.size() - 3];
    const auto& small = legend.items.back();
    auto number = [](QString text) {
        double factor = 1;
        if (text.endsWith(" miliar")) {
            factor = 1e9;
        } else if (text.endsWith(" juta")) {
            factor = 1e6;
        } else if (text.endsWith(" ribu")) {
            factor = 1e3;
        }
        return text.section(' ', 0, 0).remove('.').replace(',', '.').toDouble() * factor;
    };
    const double ratio = number(big.label) / number(small.label);
    EXPECT_NEAR(std::pow(big.sizeMm / small.sizeMm, 2), ratio, ratio * 1e-9);

    settings.thematicLayers.front().kind = ThematicLayer::Kind::ProportionalSymbols;
    settings.thematicLayers.front().weightColumn = "nilai_rp";
    result = layers::renderMap(settings, feedback);
    ASSERT_TRUE(result.errors.empty()) << result.errors.front();
    expectGolden(result.image, "thematic_symbols");
}

TEST(Thematic, DensitySurfaceGoldenAndPeak)
{
    auto settings = kecamatanMap(QSize(480, 400));
    settings.layers.push_back({"wilayah", true, 1.0, std::nullopt, {}});
    ThematicLayer density;
    density.kind = ThematicLayer::Kind::Density;
    density.pointTable = "aset_desa";
    density.bandwidthMetres = 500;
    density.opacity = 0.9;
    settings.thematicLayers.push_back(density);
    settings.extent = {409000, 9042000, 419000, 9050000}; // Maumere town and its edge
    layers::RenderFeedback feedback;
    const auto result = layers::renderMap(settings, feedback);
    ASSERT_TRUE(result.errors.empty()) << result.errors.front();
    expectGolden(result.image, "thematic_density");

    // The grid's peak against the kernel summed over every asset at the peak cell's centre.
    std::string crs;
    const auto grid = layers::densityGrid(sample(), density, crs);
    EXPECT_EQ(crs, "EPSG:32751");
    int best = 0;
    for (int i = 0; i < grid.width * grid.height; ++i) {
        if (grid.values[std::size_t(i)] > grid.values[std::size_t(best)]) {
            best = i;
        }
    }
    const double cx = grid.originX + (best % grid.width + 0.5) * grid.cellSize;
    const double cy = grid.originY - (best / grid.width + 0.5) * grid.cellSize;
    geo::SpatialDatabase db(sample(), geo::SpatialDatabase::Mode::ReadOnly);
    auto statement = db.prepare("SELECT X(ST_Transform(PointOnSurface(geom), 32751)), "
                                "Y(ST_Transform(PointOnSurface(geom), 32751)) FROM aset_desa");
    double expected = 0;
    while (statement.step()) {
        const double d = std::hypot(statement.real(0) - cx, statement.real(1) - cy);
        if (d < 500) {
            const double t = 1 - d * d / (500.0 * 500.0);
            expected += 3 / (M_PI * 500 * 500) * t * t * 1e6;
        }
    }
    EXPECT_NEAR(grid.maximum, expected, expected * 1e-3);
    const auto legend = layers::thematicLegend(sample(), density);
    ASSERT_EQ(legend.items.size(), 1u);
    EXPECT_EQ(legend.items[0].kind, layers::LegendItem::Kind::Gradient);
}

TEST(Thematic, MissingColumnGivesAnErrorAndTheMapStillDraws)
{
    auto settings = kecamatanMap(QSize(200, 160));
    settings.layers.push_back({"wilayah", true, 1.0, std::nullopt, {}});
    ThematicLayer broken = populationChoropleth(layers::ClassMethod::Quantile);
    broken.valueColumn = "tidak_ada";
    settings.thematicLayers.push_back(broken);
    layers::RenderFeedback feedback;
    const auto result = layers::renderMap(settings, feedback);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_NE(result.errors[0].find("tidak_ada"), std::string::npos);
}
