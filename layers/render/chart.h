#pragma once

#include <QColor>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

namespace layers {

/// One series of a bar chart (a category: "Pertanian", "Perikanan", ...).
struct ChartSeries
{
    QString label;
    QColor color;
};

/// A bar chart's data: one group of bars per x label (a village), one bar (or stack segment)
/// per series. values[group][series]; a missing entry counts as 0.
struct BarChartData
{
    QString title;
    QString unit; ///< e.g. "Rp", "ha", "unit"; the axis adds "juta"/"ribu" for large values
    std::vector<QString> groups;
    std::vector<ChartSeries> series;
    std::vector<std::vector<double>> values;
    /// One colour per group for a chart of one series (the categories of one village drawn in
    /// their own colours); empty, or an invalid colour: the series colour.
    std::vector<QColor> groupColors;
    bool stacked = false;

    double value(std::size_t group, std::size_t series) const;
};

/// Sizes in typographic points and millimetres, so a chart reads the same on screen and on a
/// 300-dpi page. dpi <= 0: the painter device's logical DPI.
struct ChartStyle
{
    double dpi = 0;
    QString fontFamily; ///< "" = mapFontFamily() (the bundled DejaVu Sans)
    double fontSizePt = 7.5;
    double titleSizePt = 9.5;
    QColor textColor = QColor(30, 30, 30);
    QColor axisColor = QColor(90, 90, 90);
    QColor gridColor = QColor(0, 0, 0, 28);
    QColor background = Qt::transparent;
    bool legend = true; ///< drawn when there are two or more series
    /// At most this share of the box's height goes to the x labels.
    double maxLabelShare = 0.35;
    /// The value above each bar (under a negative one), or above each stack, where it fits the
    /// bar's width; the plot gives up one text line at the top for them.
    bool valueLabels = false;
};

/// Where everything of a bar chart goes, in the painter's coordinates (pixels of the device).
/// Computed by layoutBarChart without a painter, so tests can check it.
struct BarChartLayout
{
    enum class LabelMode { Horizontal, Wrapped, Rotated45, Rotated90 };
    double dpi = 96;
    double fontPx = 10;
    double titlePx = 12;
    QRectF titleRect;
    QRectF legendRect;
    std::vector<QRectF> legendSwatches; ///< per series (empty without legend)
    std::vector<QPointF> legendTextOrigins;
    QRectF plotRect;
    std::vector<double> ticks; ///< axis values, in value units / magnitude divisor
    double divisor = 1;        ///< values are divided by this on the axis ("juta" = 1e6)
    QString axisTitle;         ///< unit with the magnitude word, e.g. "Rp juta"
    LabelMode labelMode = LabelMode::Horizontal;
    int labelEvery = 1; ///< only every n-th group label is drawn when they cannot all fit
    std::vector<QString> groupLabels;      ///< as drawn (wrapped with '\n' or elided)
    std::vector<QPolygonF> labelOutlines;  ///< per group: the label's outline (empty: not drawn)
    std::vector<QPointF> labelAnchors;     ///< rotated labels: where the text's end sits
    double labelAngle = 0;                 ///< degrees, -45 or -90 for rotated labels
    std::vector<std::vector<QRectF>> bars; ///< [group][series]; empty rect for 0
    /// With ChartStyle::valueLabels: the value texts that fit and where they go.
    struct ValueLabel
    {
        std::size_t group = 0;
        std::size_t series = 0; ///< the stack's last series for a stack's total
        QString text;
        QRectF rect;
    };
    std::vector<ValueLabel> valueLabels;

    /// The y pixel of a value (in data units, before the divisor).
    double yFor(double value) const;
};

BarChartLayout
layoutBarChart(const QRectF& box, const BarChartData& data, const ChartStyle& style = {});

/// Draws a grouped (or stacked) bar chart into box: title, legend, value axis with round
/// ticks and grid, bars, group labels that never overlap (horizontal, wrapped on two lines,
/// rotated 45° or 90°, elided, or every n-th). Safe on any thread that may paint the device
/// (QImage, QPdfWriter, QSvgGenerator); needs the QGuiApplication for fonts.
void drawBarChart(QPainter& painter,
                  const QRectF& box,
                  const BarChartData& data,
                  const ChartStyle& style = {});

} // namespace layers
