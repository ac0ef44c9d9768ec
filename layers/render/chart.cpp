#include "layers/render/chart.h"

#include "layers/render/fonts.h"
#include "layers/render/number_format.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QTransform>

#include <algorithm>
#include <cmath>

namespace layers {

double BarChartData::value(std::size_t group, std::size_t seriesIndex) const
{
    if (group >= values.size() || seriesIndex >= values[group].size()) {
        return 0;
    }
    const double v = values[group][seriesIndex];
    return std::isfinite(v) ? v : 0;
}

double BarChartLayout::yFor(double value) const
{
    if (ticks.size() < 2) {
        return plotRect.bottom();
    }
    const double low = ticks.front(), high = ticks.back();
    return plotRect.bottom() - (value / divisor - low) / (high - low) * plotRect.height();
}

namespace {

constexpr double sin45 = 0.70710678118654752;

QFont chartFont(const ChartStyle& style, double pixels, bool bold)
{
    QFont font(style.fontFamily.isEmpty() ? mapFontFamily() : style.fontFamily);
    font.setPixelSize(std::max(1, int(std::lround(pixels))));
    font.setBold(bold);
    return font;
}

/// The label on two lines broken at the space that balances them best; "" when it has none.
QString wrapInTwo(const QString& text, const QFontMetricsF& metrics, double& widest)
{
    QString best;
    widest = metrics.horizontalAdvance(text);
    for (int i = 0; i < text.size(); ++i) {
        if (text[i] != ' ') {
            continue;
        }
        const QString first = text.left(i), second = text.mid(i + 1);
        const double width =
            std::max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second));
        if (best.isEmpty() || width < widest) {
            widest = width;
            best = first + '\n' + second;
        }
    }
    return best;
}

const QColor& fallbackColor(std::size_t index)
{
    // ColorBrewer Set2 (colorblind-safe qualitative).
    static const QColor palette[] = {QColor(102, 194, 165),
                                     QColor(252, 141, 98),
                                     QColor(141, 160, 203),
                                     QColor(231, 138, 195),
                                     QColor(166, 216, 84),
                                     QColor(255, 217, 47),
                                     QColor(229, 196, 148),
                                     QColor(179, 179, 179)};
    return palette[index % (sizeof(palette) / sizeof(palette[0]))];
}

/// The values over the bars (under negative ones) or over the stacks, each centred on its bar
/// and only where it fits between the neighbouring bars' centres, so no two overlap.
void placeValueLabels(BarChartLayout& layout,
                      const BarChartData& data,
                      const QFontMetricsF& metrics,
                      double slot,
                      std::size_t seriesCount)
{
    const double step =
        layout.ticks.size() >= 2 ? layout.ticks[1] - layout.ticks[0] : 1.0; // axis units
    auto textFor = [&](double value) {
        const double shown = value / layout.divisor;
        const bool whole =
            std::fabs(shown - std::round(shown)) <= 1e-9 * std::max(1.0, std::fabs(shown));
        return formatNumber(shown, whole ? 0 : std::min(2, std::max(1, decimalsForStep(step))));
    };
    const double lineHeight = metrics.height();
    const double gap = metrics.averageCharWidth() * 0.4;
    auto place =
        [&](std::size_t group, std::size_t series, double value, const QRectF& bar, double room) {
            const QString text = textFor(value);
            const double width = metrics.horizontalAdvance(text);
            if (width > room - gap) {
                return;
            }
            // Edges taken from the bar itself, so the label touches it without overlapping.
            const double left = bar.center().x() - width / 2, right = bar.center().x() + width / 2;
            const QRectF rect = value >= 0 ? QRectF(QPointF(left, bar.top() - lineHeight),
                                                    QPointF(right, bar.top()))
                                           : QRectF(QPointF(left, bar.bottom()),
                                                    QPointF(right, bar.bottom() + lineHeight));
            if (rect.top() < layout.plotRect.top() - lineHeight - 0.5 ||
                rect.bottom() > layout.plotRect.bottom() + 0.5) {
                return;
            }
            layout.valueLabels.push_back({group, series, text, rect});
        };
    for (std::size_t g = 0; g < layout.bars.size(); ++g) {
        if (data.stacked) {
            // The stack's total over its highest segment.
            double total = 0;
            QRectF stack;
            std::size_t last = 0;
            for (std::size_t s = 0; s < layout.bars[g].size(); ++s) {
                if (layout.bars[g][s].isNull()) {
                    continue;
                }
                total += data.value(g, s);
                stack = stack.isNull() ? layout.bars[g][s] : stack.united(layout.bars[g][s]);
                last = s;
            }
            if (!stack.isNull() && total != 0) {
                place(g, last, total, stack, slot);
            }
            continue;
        }
        for (std::size_t s = 0; s < layout.bars[g].size(); ++s) {
            const QRectF& bar = layout.bars[g][s];
            if (!bar.isNull()) {
                // Neighbouring bars of a group touch: a label may be as wide as its bar; a
                // lone bar per group has the whole slot.
                place(g, s, data.value(g, s), bar, seriesCount > 1 ? bar.width() : slot);
            }
        }
    }
}

QColor barColor(const BarChartData& data, std::size_t group, std::size_t series)
{
    if (data.series.size() == 1 && group < data.groupColors.size() &&
        data.groupColors[group].isValid()) {
        return data.groupColors[group];
    }
    return data.series[series].color.isValid() ? data.series[series].color : fallbackColor(series);
}

} // namespace

BarChartLayout layoutBarChart(const QRectF& box, const BarChartData& data, const ChartStyle& style)
{
    BarChartLayout layout;
    layout.dpi = style.dpi > 0 ? style.dpi : 96;
    const double mm = layout.dpi / 25.4;
    layout.fontPx = style.fontSizePt * layout.dpi / 72;
    layout.titlePx = style.titleSizePt * layout.dpi / 72;
    const QFontMetricsF metrics(chartFont(style, layout.fontPx, false));
    const QFontMetricsF titleMetrics(chartFont(style, layout.titlePx, true));
    const double pad = 1.5 * mm;
    const QRectF inner = box.adjusted(pad, pad, -pad, -pad);
    double top = inner.top();

    if (!data.title.isEmpty()) {
        layout.titleRect = QRectF(inner.left(), top, inner.width(), titleMetrics.height());
        top = layout.titleRect.bottom() + pad * 0.6;
    }
    if (style.legend && data.series.size() >= 2) {
        const double swatch = metrics.height() * 0.75;
        const double gap = 3 * mm;
        double x = inner.left(), rowTop = top;
        QRectF bounds;
        for (const auto& series : data.series) {
            const double width =
                swatch + 0.2 * metrics.height() + metrics.horizontalAdvance(series.label);
            if (x > inner.left() && x + width > inner.right()) {
                x = inner.left();
                rowTop += metrics.height() * 1.15;
            }
            const QRectF item(x, rowTop, width, metrics.height());
            bounds = bounds.isNull() ? item : bounds.united(item);
            layout.legendSwatches.emplace_back(
                x, rowTop + (metrics.height() - swatch) / 2, swatch, swatch);
            layout.legendTextOrigins.emplace_back(x + swatch + 0.2 * metrics.height(),
                                                  rowTop + metrics.ascent());
            x += width + gap;
        }
        // Centre the rows as one block.
        const double shift = std::max(0.0, (inner.right() - bounds.right()) / 2);
        for (auto& rect : layout.legendSwatches) {
            rect.translate(shift, 0);
        }
        for (auto& origin : layout.legendTextOrigins) {
            origin.rx() += shift;
        }
        layout.legendRect = bounds.translated(shift, 0);
        top = layout.legendRect.bottom() + pad * 0.6;
    }

    // Value range: stacks sum positive and negative parts separately.
    const std::size_t groupCount = data.groups.size();
    const std::size_t seriesCount = std::max<std::size_t>(1, data.series.size());
    double low = 0, high = 0;
    for (std::size_t g = 0; g < groupCount; ++g) {
        double positive = 0, negative = 0;
        for (std::size_t s = 0; s < seriesCount; ++s) {
            const double v = data.value(g, s);
            if (data.stacked) {
                (v >= 0 ? positive : negative) += v;
            } else {
                high = std::max(high, v);
                low = std::min(low, v);
            }
        }
        if (data.stacked) {
            high = std::max(high, positive);
            low = std::min(low, negative);
        }
    }
    const MagnitudeUnit magnitude = magnitudeFor(std::max(std::fabs(low), std::fabs(high)));
    layout.divisor = magnitude.divisor;
    layout.axisTitle = (data.unit + ' ' + magnitude.word).trimmed();

    // Group labels: decide how they fit before the plot's height is known.
    const double axisTitleWidth = layout.axisTitle.isEmpty() ? 0 : metrics.height() + pad * 0.5;
    const double rightPad = metrics.averageCharWidth();
    // Tick labels' width depends on the ticks, which depend on the height: estimate with the
    // widest number the axis can show.
    const int targetTicks = std::clamp(int((inner.bottom() - top) / (metrics.height() * 3)), 2, 6);
    layout.ticks = niceTicks(low / layout.divisor, high / layout.divisor, targetTicks);
    if (layout.ticks.size() < 2) {
        layout.ticks = {0, 1};
    }
    // Counts (whole values shown undivided) never get fractional ticks: 0, 1, 2, 3, not 0,5.
    bool whole = layout.divisor == 1;
    for (std::size_t g = 0; whole && g < groupCount; ++g) {
        for (std::size_t s = 0; whole && s < seriesCount; ++s) {
            whole = data.value(g, s) == std::floor(data.value(g, s));
        }
    }
    if (whole && layout.ticks[1] - layout.ticks[0] < 1) {
        layout.ticks = niceTicks(low, high, std::max(1, int(std::ceil(high - low))));
    }
    const int decimals = decimalsForStep(layout.ticks[1] - layout.ticks[0]);
    double tickWidth = 0;
    for (double tick : layout.ticks) {
        tickWidth = std::max(tickWidth, metrics.horizontalAdvance(formatNumber(tick, decimals)));
    }
    const double plotLeft = inner.left() + axisTitleWidth + tickWidth + 1.2 * mm;
    const double plotRight = inner.right() - rightPad;
    const double slot = groupCount ? (plotRight - plotLeft) / double(groupCount) : 0;
    const double maxLabelHeight = inner.height() * style.maxLabelShare;
    const double gap = metrics.height() * 0.3;
    const double lineHeight = metrics.height();

    double widest = 0;
    for (const auto& label : data.groups) {
        widest = std::max(widest, metrics.horizontalAdvance(label));
    }
    layout.groupLabels = data.groups;
    double labelHeight = lineHeight;
    double labelLength = widest;
    if (widest <= slot - gap) {
        layout.labelMode = BarChartLayout::LabelMode::Horizontal;
    } else {
        bool wrapped = 2 * metrics.lineSpacing() <= maxLabelHeight;
        std::vector<QString> wrappedLabels;
        for (const auto& label : data.groups) {
            double width = 0;
            QString two = wrapInTwo(label, metrics, width);
            if (width > slot - gap) {
                wrapped = false;
                break;
            }
            wrappedLabels.push_back(two.isEmpty() ? label : two);
        }
        if (wrapped) {
            layout.labelMode = BarChartLayout::LabelMode::Wrapped;
            layout.groupLabels = wrappedLabels;
            labelHeight = lineHeight + metrics.lineSpacing();
        } else if (slot * sin45 >= lineHeight * 1.15) {
            layout.labelMode = BarChartLayout::LabelMode::Rotated45;
            labelLength = std::min(
                widest, std::max(lineHeight, (maxLabelHeight - lineHeight * sin45) / sin45));
            labelHeight = labelLength * sin45 + lineHeight * sin45;
        } else {
            layout.labelMode = BarChartLayout::LabelMode::Rotated90;
            layout.labelEvery =
                std::max(1, int(std::ceil(lineHeight * 1.15 / std::max(slot, 1e-9))));
            labelLength = std::min(widest, std::max(lineHeight, maxLabelHeight));
            labelHeight = labelLength;
        }
        if (layout.labelMode == BarChartLayout::LabelMode::Rotated45 ||
            layout.labelMode == BarChartLayout::LabelMode::Rotated90) {
            for (auto& label : layout.groupLabels) {
                label = metrics.elidedText(label, Qt::ElideRight, labelLength + 0.5);
            }
        }
    }

    // Room for the top tick's label, and a line for the values over the tallest bar.
    const double plotTop = top + metrics.height() * 0.5 + (style.valueLabels ? lineHeight : 0);
    const double plotBottom = std::max(plotTop + 1, inner.bottom() - labelHeight - gap);
    layout.plotRect = QRectF(QPointF(plotLeft, plotTop), QPointF(plotRight, plotBottom));

    // Label outlines, hanging from the axis under each group's centre.
    layout.labelOutlines.resize(groupCount);
    layout.labelAnchors.resize(groupCount);
    if (layout.labelMode == BarChartLayout::LabelMode::Rotated45) {
        layout.labelAngle = -45;
    } else if (layout.labelMode == BarChartLayout::LabelMode::Rotated90) {
        layout.labelAngle = -90;
    }
    for (std::size_t g = 0; g < groupCount; ++g) {
        if (g % std::size_t(layout.labelEvery) != 0) {
            continue;
        }
        const double centre = plotLeft + (double(g) + 0.5) * slot;
        const QString& text = layout.groupLabels[g];
        QRectF rect;
        QTransform transform;
        if (layout.labelMode == BarChartLayout::LabelMode::Horizontal ||
            layout.labelMode == BarChartLayout::LabelMode::Wrapped) {
            const QStringList lines = text.split('\n');
            double width = 0;
            for (const auto& line : lines) {
                width = std::max(width, metrics.horizontalAdvance(line));
            }
            rect = QRectF(
                -width / 2, 0, width, lineHeight + (lines.size() - 1) * metrics.lineSpacing());
            transform.translate(centre, plotBottom + gap);
        } else {
            // Rotated: the text ends at the local origin, its middle line through it, and the
            // upper end hangs just under the axis at the group's centre.
            const double length = metrics.horizontalAdvance(text);
            rect = QRectF(-length, -lineHeight / 2, length, lineHeight);
            const QRectF turned = QTransform().rotate(layout.labelAngle).mapRect(rect);
            transform.translate(centre, plotBottom + gap - turned.top());
            transform.rotate(layout.labelAngle);
        }
        layout.labelAnchors[g] = transform.map(QPointF(0, 0));
        layout.labelOutlines[g] = transform.map(QPolygonF(rect));
    }

    // Bars.
    layout.bars.assign(groupCount, std::vector<QRectF>(data.series.size()));
    const double zero = layout.yFor(0);
    for (std::size_t g = 0; g < groupCount; ++g) {
        const double left = plotLeft + double(g) * slot;
        if (data.stacked) {
            const double width = slot * 0.6;
            double positive = 0, negative = 0;
            for (std::size_t s = 0; s < data.series.size(); ++s) {
                const double v = data.value(g, s);
                if (v == 0) {
                    continue;
                }
                double& base = v > 0 ? positive : negative;
                const double from = layout.yFor(base), to = layout.yFor(base + v);
                base += v;
                layout.bars[g][s] = QRectF(QPointF(left + slot * 0.2, std::min(from, to)),
                                           QPointF(left + slot * 0.2 + width, std::max(from, to)));
            }
        } else {
            const double width = slot * 0.8 / double(seriesCount);
            for (std::size_t s = 0; s < data.series.size(); ++s) {
                const double v = data.value(g, s);
                if (v == 0) {
                    continue;
                }
                const double x = left + slot * 0.1 + double(s) * width;
                const double to = layout.yFor(v);
                layout.bars[g][s] =
                    QRectF(QPointF(x, std::min(zero, to)), QPointF(x + width, std::max(zero, to)));
            }
        }
    }
    if (style.valueLabels) {
        placeValueLabels(layout, data, metrics, slot, seriesCount);
    }
    return layout;
}

void drawBarChart(QPainter& painter,
                  const QRectF& box,
                  const BarChartData& data,
                  const ChartStyle& givenStyle)
{
    ChartStyle style = givenStyle;
    if (style.dpi <= 0) {
        style.dpi = painter.device() ? painter.device()->logicalDpiY() : 96;
    }
    const BarChartLayout layout = layoutBarChart(box, data, style);
    const double mm = layout.dpi / 25.4;
    const QFont font = chartFont(style, layout.fontPx, false);
    const QFont titleFont = chartFont(style, layout.titlePx, true);
    const QFontMetricsF metrics(font);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    if (style.background.alpha() > 0) {
        painter.fillRect(box, style.background);
    }
    painter.setPen(style.textColor);
    if (!data.title.isEmpty()) {
        painter.setFont(titleFont);
        const QFontMetricsF titleMetrics(titleFont);
        painter.drawText(
            layout.titleRect,
            Qt::AlignHCenter | Qt::AlignVCenter,
            titleMetrics.elidedText(data.title, Qt::ElideRight, layout.titleRect.width()));
    }
    painter.setFont(font);
    for (std::size_t s = 0; s < layout.legendSwatches.size(); ++s) {
        const QColor color =
            data.series[s].color.isValid() ? data.series[s].color : fallbackColor(s);
        painter.setPen(QPen(color.darker(150), std::max(0.5, 0.15 * mm)));
        painter.setBrush(color);
        painter.drawRect(layout.legendSwatches[s]);
        painter.setPen(style.textColor);
        painter.drawText(layout.legendTextOrigins[s], data.series[s].label);
    }

    // Grid and value ticks.
    const QRectF plot = layout.plotRect;
    const int decimals =
        layout.ticks.size() >= 2 ? decimalsForStep(layout.ticks[1] - layout.ticks[0]) : 0;
    for (double tick : layout.ticks) {
        const double y = layout.yFor(tick * layout.divisor);
        painter.setPen(QPen(style.gridColor, std::max(0.5, 0.12 * mm)));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(style.axisColor);
        painter.drawLine(QPointF(plot.left() - 0.8 * mm, y), QPointF(plot.left(), y));
        painter.setPen(style.textColor);
        const QString text = formatNumber(tick, decimals);
        const double width = metrics.horizontalAdvance(text);
        painter.drawText(QPointF(plot.left() - 1.2 * mm - width,
                                 y + metrics.ascent() / 2 - metrics.descent() / 2),
                         text);
    }
    if (!layout.axisTitle.isEmpty()) {
        painter.save();
        painter.translate(box.left() + 1.5 * mm + metrics.ascent(), plot.center().y());
        painter.rotate(-90);
        const double width = metrics.horizontalAdvance(layout.axisTitle);
        painter.drawText(QPointF(-width / 2, 0), layout.axisTitle);
        painter.restore();
    }

    // Bars.
    const double outline = std::max(0.5, 0.12 * mm);
    for (std::size_t g = 0; g < layout.bars.size(); ++g) {
        for (std::size_t s = 0; s < layout.bars[g].size(); ++s) {
            const QRectF& bar = layout.bars[g][s];
            if (bar.isNull()) {
                continue;
            }
            const QColor color = barColor(data, g, s);
            painter.setPen(QPen(color.darker(150), outline));
            painter.setBrush(color);
            painter.drawRect(bar);
        }
    }
    painter.setPen(style.textColor);
    for (const auto& label : layout.valueLabels) {
        painter.drawText(label.rect, Qt::AlignCenter, label.text);
    }
    // Axes over the bars' feet.
    painter.setPen(QPen(style.axisColor, std::max(0.6, 0.2 * mm)));
    painter.drawLine(plot.topLeft(), plot.bottomLeft());
    const double zero = layout.yFor(0);
    painter.drawLine(QPointF(plot.left(), zero), QPointF(plot.right(), zero));

    // Group labels.
    painter.setPen(style.textColor);
    painter.setBrush(Qt::NoBrush);
    for (std::size_t g = 0; g < layout.labelOutlines.size(); ++g) {
        const QPolygonF& outlinePolygon = layout.labelOutlines[g];
        if (outlinePolygon.size() < 4) {
            continue;
        }
        const QString& text = layout.groupLabels[g];
        if (layout.labelMode == BarChartLayout::LabelMode::Horizontal ||
            layout.labelMode == BarChartLayout::LabelMode::Wrapped) {
            painter.drawText(outlinePolygon.boundingRect().adjusted(-2, 0, 2, 0),
                             Qt::AlignHCenter | Qt::AlignTop,
                             text);
        } else {
            const double length = metrics.horizontalAdvance(text);
            painter.save();
            painter.translate(layout.labelAnchors[g]);
            painter.rotate(layout.labelAngle);
            painter.drawText(QPointF(-length, -metrics.height() / 2 + metrics.ascent()), text);
            painter.restore();
        }
    }
    painter.restore();
}

} // namespace layers
