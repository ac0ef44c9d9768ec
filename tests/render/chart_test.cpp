#include "layers/i18n.h"
#include "layers/render/chart.h"
#include "layers/render/number_format.h"
#include "support/image_compare.h"

#include <QImage>
#include <QPainter>

#include <gtest/gtest.h>

#include <cmath>

using layers::BarChartData;
using layers::BarChartLayout;

namespace {

/// Sets the message language for one test and restores Indonesian after it.
struct LanguageScope
{
    explicit LanguageScope(layers::Language language) { layers::setLanguage(language); }
    ~LanguageScope() { layers::setLanguage(layers::Language::Indonesian); }
};

/// Eight villages of Kecamatan Alok with potential value (Rp) by three categories.
BarChartData villageChart(bool stacked)
{
    BarChartData data;
    data.title = "Nilai potensi per desa";
    data.unit = "Rp";
    data.groups = {"Kota Baru",
                   "Kota Uneng",
                   "Madawat",
                   "Nangalimang",
                   "Wolomarang",
                   "Hewuli",
                   "Kabor",
                   "Perumaan Nasional"};
    data.series = {{"Pertanian", QColor(174, 213, 129)},
                   {"Perikanan", QColor(100, 181, 246)},
                   {"Perdagangan/jasa", QColor(255, 183, 77)}};
    data.values = {{120e6, 40e6, 310e6},
                   {80e6, 0, 150e6},
                   {45e6, 220e6, 90e6},
                   {10e6, 380e6, 60e6},
                   {200e6, 90e6, 30e6},
                   {150e6, 10e6, 20e6},
                   {0, 0, 5e6},
                   {60e6, 75e6, 120e6}};
    data.stacked = stacked;
    return data;
}

QImage renderChart(const BarChartData& data, QSize size, double dpi)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
    image.fill(Qt::white);
    QPainter painter(&image);
    layers::drawBarChart(painter, QRectF(QPointF(0, 0), QSizeF(size)), data);
    painter.end();
    return image;
}

} // namespace

TEST(NumberFormat, NiceStepsAndTicks)
{
    EXPECT_DOUBLE_EQ(layers::niceStep(0.73), 1.0);
    EXPECT_DOUBLE_EQ(layers::niceStep(1.7), 2.0);
    EXPECT_DOUBLE_EQ(layers::niceStep(2.2), 2.5);
    EXPECT_DOUBLE_EQ(layers::niceStep(3.1), 5.0);
    EXPECT_DOUBLE_EQ(layers::niceStep(7), 10.0);
    EXPECT_DOUBLE_EQ(layers::niceStep(430), 500.0);
    EXPECT_DOUBLE_EQ(layers::niceStep(0), 0.0);
    const auto ticks = layers::niceTicks(0, 467, 5);
    ASSERT_EQ(ticks, (std::vector<double>{0, 100, 200, 300, 400, 500}));
    const auto negative = layers::niceTicks(-12, 38, 5);
    EXPECT_EQ(negative.front(), -20);
    EXPECT_EQ(negative.back(), 40);
    EXPECT_EQ(layers::niceTicks(0, 0, 5), std::vector<double>{0});
    EXPECT_EQ(layers::decimalsForStep(0.25), 2);
    EXPECT_EQ(layers::decimalsForStep(0.5), 1);
    EXPECT_EQ(layers::decimalsForStep(20), 0);
    EXPECT_EQ(layers::decimalsForStep(2.5), 1); // ticks 0, 2,5, 5, 7,5: not 0, 3, 5, 8
    EXPECT_EQ(layers::decimalsForStep(25), 0);
}

TEST(NumberFormat, LanguageMarks)
{
    EXPECT_EQ(layers::formatNumber(1234567.25, 1), QString("1.234.567,3"));
    EXPECT_EQ(layers::formatNumber(-950, 0), QString("-950"));
    EXPECT_EQ(layers::formatNumber(-0.0001, 1), QString("0,0"));
    LanguageScope english(layers::Language::English);
    EXPECT_EQ(layers::formatNumber(1234567.25, 2), QString("1,234,567.25"));
    EXPECT_EQ(layers::magnitudeFor(4.1e8).word, QString("million"));
}

TEST(BarChart, BarHeightsAreProportionalToValues)
{
    const BarChartData data = villageChart(false);
    const auto layout = layers::layoutBarChart(QRectF(0, 0, 640, 400), data);
    EXPECT_EQ(layout.divisor, 1e6);
    EXPECT_EQ(layout.axisTitle, QString("Rp juta"));
    EXPECT_GE(layout.ticks.back() * 1e6, 380e6); // the largest bar fits
    const double pixelsPerRp = layout.bars[3][1].height() / 380e6;
    for (std::size_t g = 0; g < data.groups.size(); ++g) {
        for (std::size_t s = 0; s < data.series.size(); ++s) {
            EXPECT_NEAR(layout.bars[g][s].height(), data.value(g, s) * pixelsPerRp, 1e-6);
            if (data.value(g, s) > 0) {
                EXPECT_NEAR(layout.bars[g][s].bottom(), layout.plotRect.bottom(), 1e-6);
                EXPECT_TRUE(layout.plotRect.contains(layout.bars[g][s]));
            }
        }
    }
}

TEST(BarChart, StacksEndAtTheGroupSum)
{
    const BarChartData data = villageChart(true);
    const auto layout = layers::layoutBarChart(QRectF(0, 0, 640, 400), data);
    for (std::size_t g = 0; g < data.groups.size(); ++g) {
        double sum = 0, top = layout.yFor(0);
        for (std::size_t s = 0; s < data.series.size(); ++s) {
            sum += data.value(g, s);
            if (!layout.bars[g][s].isNull()) {
                top = std::min(top, layout.bars[g][s].top());
            }
        }
        EXPECT_NEAR(top, layout.yFor(sum), 1e-6) << "group " << g;
    }
    EXPECT_GE(layout.ticks.back() * layout.divisor, 470e6); // the highest stack, Kota Baru
}

TEST(BarChart, GroupLabelsNeverOverlapAndStayInTheBox)
{
    BarChartData data = villageChart(false);
    for (int extra = 0; extra < 16; ++extra) {
        data.groups.push_back(QString("Desa Tambahan Nomor %1").arg(extra + 1));
        data.values.push_back({double(extra) * 1e6, 2e6, 3e6});
    }
    for (int count : {3, 8, 24}) {
        BarChartData subset = data;
        subset.groups.resize(count);
        subset.values.resize(count);
        for (double width : {240.0, 480.0, 960.0, 2400.0}) {
            const QRectF box(10, 20, width, width * 0.6);
            const auto layout = layers::layoutBarChart(box, subset);
            int drawn = 0;
            for (int a = 0; a < count; ++a) {
                const QPolygonF& first = layout.labelOutlines[a];
                if (first.isEmpty()) {
                    continue;
                }
                ++drawn;
                EXPECT_TRUE(box.adjusted(-1, -1, 1, 1).contains(first.boundingRect()))
                    << count << " groups, width " << width << ", label " << a;
                EXPECT_GT(first.boundingRect().top(), layout.plotRect.bottom());
                for (int b = a + 1; b < count; ++b) {
                    EXPECT_FALSE(first.intersects(layout.labelOutlines[b]))
                        << count << " groups, width " << width << ": labels " << a << ", " << b;
                }
            }
            EXPECT_GE(drawn, (count + layout.labelEvery - 1) / layout.labelEvery);
        }
    }
    // Wide charts keep labels horizontal; narrow ones turn them.
    EXPECT_EQ(layers::layoutBarChart(QRectF(0, 0, 1600, 500), villageChart(false)).labelMode,
              BarChartLayout::LabelMode::Horizontal);
    EXPECT_NE(layers::layoutBarChart(QRectF(0, 0, 300, 300), villageChart(false)).labelMode,
              BarChartLayout::LabelMode::Horizontal);
}

TEST(BarChart, ValueLabelsSitOnTheirBarsAndNeverOverlap)
{
    layers::ChartStyle style;
    style.valueLabels = true;
    for (const bool stacked : {false, true}) {
        const BarChartData data = villageChart(stacked);
        std::size_t widest = 0;
        for (double width : {300.0, 640.0, 1600.0}) {
            const QRectF box(5, 5, width, 400);
            const auto layout = layers::layoutBarChart(box, data, style);
            for (std::size_t a = 0; a < layout.valueLabels.size(); ++a) {
                const auto& label = layout.valueLabels[a];
                EXPECT_TRUE(box.contains(label.rect)) << label.text.toStdString();
                // Over its bar (stacked: over the stack, whose total it shows), centred.
                QRectF bar = layout.bars[label.group][label.series];
                double value = data.value(label.group, label.series);
                if (stacked) {
                    value = 0;
                    for (std::size_t s = 0; s < data.series.size(); ++s) {
                        value += data.value(label.group, s);
                        if (!layout.bars[label.group][s].isNull()) {
                            bar = bar.united(layout.bars[label.group][s]);
                        }
                    }
                }
                EXPECT_NEAR(label.rect.center().x(), bar.center().x(), 1e-6);
                EXPECT_NEAR(label.rect.bottom(), bar.top(), 1e-6);
                EXPECT_EQ(label.text, layers::formatNumber(value / layout.divisor, 0));
                for (std::size_t b = a + 1; b < layout.valueLabels.size(); ++b) {
                    EXPECT_FALSE(label.rect.intersects(layout.valueLabels[b].rect))
                        << width << ": " << a << ", " << b;
                }
                // Never over another bar.
                for (const auto& bars : layout.bars) {
                    for (const auto& other : bars) {
                        EXPECT_FALSE(!other.isNull() && label.rect.intersects(other))
                            << label.text.toStdString();
                    }
                }
            }
            if (width == 1600.0) {
                widest = layout.valueLabels.size();
            }
        }
        // On a wide chart every non-zero bar (stacked: every stack) has its value.
        std::size_t bars = 0;
        for (std::size_t g = 0; g < data.groups.size(); ++g) {
            bool any = false;
            for (std::size_t s = 0; s < data.series.size(); ++s) {
                bars += !stacked && data.value(g, s) != 0;
                any = any || data.value(g, s) != 0;
            }
            bars += stacked && any;
        }
        EXPECT_EQ(widest, bars) << (stacked ? "stacked" : "grouped");
    }
    // Without the option, none.
    EXPECT_TRUE(
        layers::layoutBarChart(QRectF(0, 0, 1600, 400), villageChart(false)).valueLabels.empty());
}

TEST(BarChart, CountsGetWholeTicks)
{
    BarChartData data;
    data.groups = {"Peternakan", "Kerajinan", "Pertanian"};
    data.series = {{"Jumlah", QColor(60, 120, 60)}};
    data.values = {{3}, {2}, {1}};
    const auto counts = layers::layoutBarChart(QRectF(0, 0, 400, 300), data);
    EXPECT_EQ(counts.ticks, (std::vector<double>{0, 1, 2, 3}));
    data.values = {{1.5}, {2}, {1}}; // a fraction: half steps are fine
    const auto halves = layers::layoutBarChart(QRectF(0, 0, 400, 300), data);
    EXPECT_LT(halves.ticks[1] - halves.ticks[0], 1.0);
}

TEST(BarChart, OneSeriesDrawsEachGroupInItsColour)
{
    BarChartData data;
    data.unit = "fitur";
    data.groups = {"Pertanian", "Perikanan", "Pariwisata"};
    data.series = {{"Jumlah", QColor(60, 120, 60)}};
    data.values = {{12}, {7}, {3}};
    data.groupColors = {QColor(230, 80, 40), QColor(40, 90, 230), QColor()};
    const QImage image = renderChart(data, QSize(480, 300), 96);
    const auto layout = layers::layoutBarChart(QRectF(0, 0, 480, 300), data);
    // An invalid group colour falls back to the series colour.
    const QColor expected[] = {data.groupColors[0], data.groupColors[1], data.series[0].color};
    for (std::size_t g = 0; g < 3; ++g) {
        const QColor pixel = image.pixelColor(layout.bars[g][0].center().toPoint());
        EXPECT_NEAR(pixel.red(), expected[g].red(), 2) << g;
        EXPECT_NEAR(pixel.green(), expected[g].green(), 2) << g;
        EXPECT_NEAR(pixel.blue(), expected[g].blue(), 2) << g;
    }
}

TEST(BarChart, LayoutScalesWithTheDeviceResolution)
{
    // The same chart on a 96-dpi screen and on a 300-dpi page of the same physical size.
    const BarChartData data = villageChart(false);
    layers::ChartStyle screen, page;
    screen.dpi = 96;
    page.dpi = 300;
    const double k = 300.0 / 96.0;
    const auto small = layers::layoutBarChart(QRectF(0, 0, 600, 360), data, screen);
    const auto large = layers::layoutBarChart(QRectF(0, 0, 600 * k, 360 * k), data, page);
    EXPECT_EQ(small.labelMode, large.labelMode);
    EXPECT_EQ(small.ticks, large.ticks);
    // Font sizes are whole pixels, so allow a pixel of rounding per text line.
    const double tolerance = 3 * k;
    EXPECT_NEAR(small.plotRect.left() * k, large.plotRect.left(), tolerance);
    EXPECT_NEAR(small.plotRect.top() * k, large.plotRect.top(), tolerance);
    EXPECT_NEAR(small.plotRect.bottom() * k, large.plotRect.bottom(), tolerance);
    EXPECT_NEAR(small.plotRect.right() * k, large.plotRect.right(), tolerance);
    EXPECT_NEAR(small.fontPx * k, large.fontPx, 1e-9);
}

TEST(BarChartGolden, GroupedAndStacked)
{
    const auto grouped = renderChart(villageChart(false), QSize(560, 340), 96);
    const auto comparison = testsupport::compareWithGolden(grouped, "chart_grouped");
    EXPECT_TRUE(comparison.matches) << comparison.message.toStdString();
    const auto stacked = renderChart(villageChart(true), QSize(300, 300), 96);
    const auto second = testsupport::compareWithGolden(stacked, "chart_stacked_narrow");
    EXPECT_TRUE(second.matches) << second.message.toStdString();
}
