#include "layers/layout/layout_page.h"

#include "geo/coordinate_transform.h"
#include "layers/i18n.h"
#include "layers/render/chart.h"
#include "layers/render/evacuation_routes.h"
#include "layers/render/fonts.h"
#include "layers/render/map_renderer.h"
#include "layers/render/symbol_painter.h"
#include "layers/theme.h"

#include <QFontMetricsF>
#include <QImageReader>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>

namespace layers {

namespace {

QString text(const char* indonesian, const char* english)
{
    return QString::fromUtf8(tr(indonesian, english));
}

const QColor ink(30, 30, 30);
const QColor muted(90, 90, 90);

/// Millimetres to device pixels, and fonts in points, for one page.
class PageUnits
{
public:
    PageUnits(QPainter& painter, double dpi, double unit)
        : m_painter(painter), m_dpi(dpi), m_unit(unit)
    {}
    double px(double mm) const { return mm * m_dpi / 25.4; }
    QRectF px(const QRectF& mm) const
    {
        return QRectF(px(mm.left()), px(mm.top()), px(mm.width()), px(mm.height()));
    }
    double dpi() const { return m_dpi; }
    double unit() const { return m_unit; }
    /// A font of pt points on A4, scaled with the paper.
    QFont font(double pt, bool bold = false) const
    {
        QFont font(mapFontFamily());
        font.setPointSizeF(pt * m_unit);
        font.setBold(bold);
        return font;
    }
    QFontMetricsF metrics(const QFont& font) const
    {
        return QFontMetricsF(font, m_painter.device());
    }
    QPen pen(const QColor& color, double widthMm) const
    {
        QPen pen(color, std::max(0.5, px(widthMm * m_unit)));
        pen.setJoinStyle(Qt::MiterJoin);
        return pen;
    }

private:
    QPainter& m_painter;
    double m_dpi;
    double m_unit;
};

/// A block of wrapped paragraphs drawn top-down in a box; the fonts shrink together (down to
/// half size) until everything fits, so text never overflows its box.
struct Paragraph
{
    QString text;
    double pt = 8;
    bool bold = false;
    QColor color = ink;
    double spaceAfterMm = 1;
};

double paragraphsHeight(const PageUnits& units,
                        const std::vector<Paragraph>& paragraphs,
                        double width,
                        double factor,
                        int flags)
{
    double height = 0;
    for (const auto& paragraph : paragraphs) {
        const QFont font = units.font(paragraph.pt * factor, paragraph.bold);
        height +=
            units.metrics(font)
                .boundingRect(QRectF(0, 0, width, 1e6), flags | Qt::TextWordWrap, paragraph.text)
                .height();
        height += units.px(paragraph.spaceAfterMm * units.unit() * factor);
    }
    return height;
}

void drawParagraphs(QPainter& painter,
                    const PageUnits& units,
                    const QRectF& box,
                    const std::vector<Paragraph>& paragraphs,
                    int flags = Qt::AlignLeft)
{
    double factor = 1;
    while (factor > 0.5 &&
           paragraphsHeight(units, paragraphs, box.width(), factor, flags) > box.height()) {
        factor *= 0.92;
    }
    double y = box.top();
    painter.save();
    painter.setClipRect(box);
    for (const auto& paragraph : paragraphs) {
        const QFont font = units.font(paragraph.pt * factor, paragraph.bold);
        painter.setFont(font);
        painter.setPen(paragraph.color);
        const QRectF bounds = units.metrics(font).boundingRect(
            QRectF(box.left(), y, box.width(), 1e6), flags | Qt::TextWordWrap, paragraph.text);
        painter.drawText(QRectF(box.left(), y, box.width(), bounds.height()),
                         flags | Qt::TextWordWrap,
                         paragraph.text);
        y += bounds.height() + units.px(paragraph.spaceAfterMm * units.unit() * factor);
    }
    painter.restore();
}

/// Map coordinates (crs units) to page pixels inside the map box.
class MapToPage
{
public:
    MapToPage(const MapRect& extent, const QRectF& box) : m_extent(extent), m_box(box) {}
    QPointF operator()(double x, double y) const
    {
        return {m_box.left() + (x - m_extent.minX) / m_extent.width() * m_box.width(),
                m_box.top() + (m_extent.maxY - y) / m_extent.height() * m_box.height()};
    }

private:
    MapRect m_extent;
    QRectF m_box;
};

QPainterPath ringsPath(const std::vector<std::vector<std::pair<double, double>>>& rings,
                       const MapToPage& toPage)
{
    QPainterPath path;
    for (const auto& ring : rings) {
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const QPointF p = toPage(ring[i].first, ring[i].second);
            i ? path.lineTo(p) : path.moveTo(p);
        }
        path.closeSubpath();
    }
    return path;
}

/// Where a polyline crosses the horizontal line y (first crossing), if it does.
std::optional<double> crossingX(const std::vector<QPointF>& line, double y)
{
    for (std::size_t i = 1; i < line.size(); ++i) {
        const QPointF a = line[i - 1], b = line[i];
        if ((a.y() - y) * (b.y() - y) <= 0 && a.y() != b.y()) {
            return a.x() + (y - a.y()) / (b.y() - a.y()) * (b.x() - a.x());
        }
    }
    return std::nullopt;
}

std::optional<double> crossingY(const std::vector<QPointF>& line, double x)
{
    for (std::size_t i = 1; i < line.size(); ++i) {
        const QPointF a = line[i - 1], b = line[i];
        if ((a.x() - x) * (b.x() - x) <= 0 && a.x() != b.x()) {
            return a.y() + (x - a.x()) / (b.x() - a.x()) * (b.y() - a.y());
        }
    }
    return std::nullopt;
}

/// Grid lines across the map and their labels in the band around it. Vertical lines are
/// labelled above and below the map, horizontal ones left and right (turned along the edge);
/// a label that would touch its neighbour is left out.
void drawGrid(QPainter& painter,
              const PageUnits& units,
              const LayoutPage& page,
              const MapRect& extent,
              const QRectF& mapBox)
{
    if (page.layoutTemplate.grid == LayoutTemplate::Grid::None) {
        return;
    }
    const MapToPage toPage(extent, mapBox);
    const int samples = 24;
    // Lines in page pixels with their label text; vertical ones first.
    std::vector<std::pair<std::vector<QPointF>, QString>> vertical, horizontal;
    if (page.layoutTemplate.grid == LayoutTemplate::Grid::Utm) {
        const double step = gridInterval(std::max(extent.width(), extent.height()), 5, false);
        for (double x = std::ceil(extent.minX / step) * step; x <= extent.maxX; x += step) {
            vertical.push_back(
                {{toPage(x, extent.minY), toPage(x, extent.maxY)}, formatGrouped(x) + " mT"});
        }
        for (double y = std::ceil(extent.minY / step) * step; y <= extent.maxY; y += step) {
            horizontal.push_back(
                {{toPage(extent.minX, y), toPage(extent.maxX, y)}, formatGrouped(y) + " mU"});
        }
    } else {
        const MapRect lonLat = transformBox(extent, page.crs, "EPSG:4326");
        if (!lonLat.isValid()) {
            return;
        }
        const geo::CoordinateTransform toMap("EPSG:4326", page.crs);
        const double step = gridInterval(std::max(lonLat.width(), lonLat.height()), 4, true);
        auto line = [&](double x0, double y0, double x1, double y1) {
            std::vector<QPointF> points;
            for (int i = 0; i <= samples; ++i) {
                double x = x0 + (x1 - x0) * i / samples, y = y0 + (y1 - y0) * i / samples;
                if (toMap.transform(x, y)) {
                    points.push_back(toPage(x, y));
                }
            }
            return points;
        };
        const double first = std::ceil(lonLat.minX / step - 1e-9) * step;
        for (double lon = first; lon <= lonLat.maxX + 1e-9; lon += step) {
            vertical.push_back({line(lon, lonLat.minY, lon, lonLat.maxY), formatDms(lon, false)});
        }
        const double firstLat = std::ceil(lonLat.minY / step - 1e-9) * step;
        for (double lat = firstLat; lat <= lonLat.maxY + 1e-9; lat += step) {
            horizontal.push_back({line(lonLat.minX, lat, lonLat.maxX, lat), formatDms(lat, true)});
        }
    }
    painter.save();
    painter.setClipRect(mapBox);
    QPen gridPen(QColor(60, 60, 60, 150), std::max(0.5, units.px(0.12 * units.unit())));
    painter.setPen(gridPen);
    painter.setBrush(Qt::NoBrush);
    for (const auto* lines : {&vertical, &horizontal}) {
        for (const auto& [points, label] : *lines) {
            painter.drawPolyline(points.data(), int(points.size()));
        }
    }
    painter.restore();

    painter.save();
    const QFont font = units.font(5.5);
    painter.setFont(font);
    painter.setPen(ink);
    const QFontMetricsF metrics = units.metrics(font);
    const double tick = units.px(1.2 * units.unit());
    const double pad = units.px(0.6 * units.unit());
    QPen tickPen = units.pen(ink, 0.2);
    for (const bool top : {true, false}) {
        const double edge = top ? mapBox.top() : mapBox.bottom();
        double lastRight = -1e9;
        for (const auto& [points, label] : vertical) {
            const auto x = crossingX(points, edge);
            if (!x || *x < mapBox.left() || *x > mapBox.right()) {
                continue;
            }
            painter.setPen(tickPen);
            painter.drawLine(QPointF(*x, edge), QPointF(*x, top ? edge - tick : edge + tick));
            const double width = metrics.horizontalAdvance(label);
            const double left = *x - width / 2;
            if (left < lastRight + pad) {
                continue;
            }
            lastRight = left + width;
            painter.setPen(ink);
            const double baseline =
                top ? edge - tick - pad - metrics.descent() : edge + tick + pad + metrics.ascent();
            painter.drawText(QPointF(left, baseline), label);
        }
    }
    for (const bool left : {true, false}) {
        const double edge = left ? mapBox.left() : mapBox.right();
        double lastBottom = 1e18;
        for (const auto& [points, label] : horizontal) {
            const auto y = crossingY(points, edge);
            if (!y || *y < mapBox.top() || *y > mapBox.bottom()) {
                continue;
            }
            painter.setPen(tickPen);
            painter.drawLine(QPointF(edge, *y), QPointF(left ? edge - tick : edge + tick, *y));
            const double width = metrics.horizontalAdvance(label);
            // Read from the bottom up on the left edge, top down on the right.
            const double start = left ? *y + width / 2 : *y - width / 2;
            const double end = left ? *y - width / 2 : *y + width / 2;
            if (std::max(start, end) > lastBottom - pad) {
                continue;
            }
            lastBottom = std::min(start, end);
            painter.save();
            painter.setPen(ink);
            if (left) {
                painter.translate(edge - tick - pad - metrics.descent(), start);
                painter.rotate(-90);
            } else {
                painter.translate(edge + tick + pad + metrics.descent(), start);
                painter.rotate(90);
            }
            painter.drawText(QPointF(0, 0), label);
            painter.restore();
        }
    }
    painter.restore();
}

/// The angle of true north from the page's up direction (degrees, clockwise), at the map's
/// centre: the UTM grid convergence.
double northAngle(const std::string& crs, const MapRect& extent)
{
    const double cx = (extent.minX + extent.maxX) / 2, cy = (extent.minY + extent.maxY) / 2;
    double lon = cx, lat = cy;
    const geo::CoordinateTransform toLonLat(crs, "EPSG:4326");
    if (!toLonLat.transform(lon, lat)) {
        return 0;
    }
    double nx = lon, ny = lat + 0.01;
    const geo::CoordinateTransform toMap("EPSG:4326", crs);
    if (!toMap.transform(nx, ny)) {
        return 0;
    }
    return std::atan2(nx - cx, ny - cy) * 180 / M_PI;
}

void drawNorthArrow(QPainter& painter, const PageUnits& units, const QRectF& box, double angle)
{
    painter.save();
    const QFont font = units.font(9, true);
    const QFontMetricsF metrics = units.metrics(font);
    const double letter = metrics.height();
    const double size = std::min(box.width(), box.height() - letter);
    const QPointF centre(box.center().x(), box.top() + letter + size / 2);
    painter.setFont(font);
    painter.setPen(ink);
    const QString north = text("U", "N");
    painter.drawText(
        QPointF(centre.x() - metrics.horizontalAdvance(north) / 2, box.top() + metrics.ascent()),
        north);
    painter.translate(centre);
    painter.rotate(angle);
    const double h = size * 0.48, w = size * 0.2;
    QPainterPath left, right;
    left.moveTo(0, -h);
    left.lineTo(-w, h);
    left.lineTo(0, h * 0.55);
    left.closeSubpath();
    right.moveTo(0, -h);
    right.lineTo(w, h);
    right.lineTo(0, h * 0.55);
    right.closeSubpath();
    painter.setPen(units.pen(ink, 0.2));
    painter.setBrush(ink);
    painter.drawPath(left);
    painter.setBrush(Qt::white);
    painter.drawPath(right);
    painter.restore();
}

void drawScaleBar(QPainter& painter, const PageUnits& units, const QRectF& box, double scale)
{
    painter.save();
    const QFont titleFont = units.font(8, true);
    const QFont labelFont = units.font(6);
    const QFontMetricsF titleMetrics = units.metrics(titleFont);
    const QFontMetricsF labelMetrics = units.metrics(labelFont);
    painter.setFont(titleFont);
    painter.setPen(ink);
    const QString scaleText = text("Skala 1 : ", "Scale 1 : ") + formatGrouped(scale);
    painter.drawText(QPointF(box.left(), box.top() + titleMetrics.ascent()), scaleText);

    const double unitLabelWidth = labelMetrics.horizontalAdvance(" km") + units.px(1);
    const double sidePad = labelMetrics.horizontalAdvance("0000") / 2;
    const double maxLengthPx = box.width() - unitLabelWidth - 2 * sidePad;
    const ScaleBarSpec bar = scaleBarFor(scale, maxLengthPx * 25.4 / units.dpi());
    if (bar.segments <= 0) {
        painter.restore();
        return;
    }
    const double barLeft = box.left() + sidePad;
    const double barTop = box.top() + titleMetrics.height() + units.px(1.5 * units.unit());
    const double barHeight = units.px(1.6 * units.unit());
    const double segmentPx = units.px(bar.lengthMm) / bar.segments;
    painter.setPen(units.pen(ink, 0.2));
    for (int i = 0; i < bar.segments; ++i) {
        painter.setBrush(i % 2 ? Qt::white : ink);
        painter.drawRect(QRectF(barLeft + i * segmentPx, barTop, segmentPx, barHeight));
    }
    painter.setFont(labelFont);
    painter.setPen(ink);
    const double divisor = bar.kilometres ? 1000.0 : 1.0;
    const double segmentValue = bar.totalMetres / bar.segments / divisor;
    const int decimals = segmentValue == std::floor(segmentValue)
                             ? 0
                             : (segmentValue * 10 == std::floor(segmentValue * 10) ? 1 : 2);
    double lastRight = -1e9;
    for (int i = 0; i <= bar.segments; ++i) {
        const QString label = formatGrouped(segmentValue * i, decimals);
        const double width = labelMetrics.horizontalAdvance(label);
        const double x = barLeft + i * segmentPx - width / 2;
        // The ends are always labelled; inner labels only where they fit.
        if (i != bar.segments && x < lastRight + units.px(0.8)) {
            continue;
        }
        painter.drawText(QPointF(x, barTop + barHeight + labelMetrics.ascent() + units.px(0.5)),
                         label);
        lastRight = x + width;
    }
    painter.drawText(QPointF(barLeft + bar.segments * segmentPx +
                                 labelMetrics.horizontalAdvance(
                                     formatGrouped(segmentValue * bar.segments, decimals)) /
                                     2 +
                                 units.px(0.8),
                             barTop + barHeight + labelMetrics.ascent() + units.px(0.5)),
                     bar.kilometres ? "km" : "m");
    painter.restore();
}

void drawSectionTitle(QPainter& painter, const PageUnits& units, QRectF& box, const QString& title)
{
    const QFont font = units.font(8.5, true);
    painter.setFont(font);
    painter.setPen(ink);
    const QFontMetricsF metrics = units.metrics(font);
    painter.drawText(QPointF(box.left(), box.top() + metrics.ascent()), title);
    box.setTop(box.top() + metrics.height() + units.px(1 * units.unit()));
}

/// The legend in as few columns and as large a font as fit; entries that still do not fit
/// are summarised in a last line.
std::size_t drawLegend(QPainter& painter,
                       const PageUnits& units,
                       QRectF box,
                       const std::vector<LegendEntry>& entries)
{
    painter.save();
    drawSectionTitle(painter, units, box, text("Legenda", "Legend"));
    struct Row
    {
        bool header;
        const LegendEntry* entry;
    };
    std::vector<Row> rows;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i == 0 || entries[i].theme != entries[i - 1].theme) {
            rows.push_back({true, &entries[i]});
        }
        rows.push_back({false, &entries[i]});
    }
    // The largest font, then the fewest columns (at least 28 mm wide on A4), that hold every
    // row; when nothing does, the smallest font in the most columns, and the rest left out.
    const int maxColumns = std::clamp(int(box.width() / units.px(28 * units.unit())), 1, 4);
    double factor = 1;
    int columns = maxColumns;
    double rowHeight = 0;
    int perColumn = 1;
    bool fits = false;
    for (double f = 1; f >= 0.55 && !fits; f *= 0.9) {
        for (int c = 1; c <= maxColumns && !fits; ++c) {
            const double h = units.metrics(units.font(6.5 * f)).height() * 1.25;
            const int per = std::max(1, int(box.height() / h));
            if (c * per >= int(rows.size())) {
                fits = true;
                factor = f;
                columns = c;
                rowHeight = h;
                perColumn = int(std::ceil(double(rows.size()) / c));
            }
        }
    }
    if (!fits) {
        factor = 0.55;
        rowHeight = units.metrics(units.font(6.5 * factor)).height() * 1.25;
        perColumn = std::max(1, int(box.height() / rowHeight));
    }
    const double columnWidth = box.width() / std::max(1, columns);
    const QFont entryFont = units.font(6.5 * factor);
    const QFont headerFont = units.font(6.5 * factor, true);
    const QFontMetricsF metrics = units.metrics(entryFont);
    const double swatchW = units.px(5 * units.unit() * std::max(0.7, factor));
    const double swatchH = rowHeight * 0.72;
    std::size_t drawn = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const int column = int(i) / perColumn;
        const int row = int(i) % perColumn;
        if (column >= columns) {
            break;
        }
        const double x = box.left() + column * columnWidth;
        const double y = box.top() + row * rowHeight;
        if (rows[i].header) {
            painter.setFont(headerFont);
            painter.setPen(ink);
            painter.drawText(QPointF(x, y + metrics.ascent() + (rowHeight - metrics.height()) / 2),
                             metrics.elidedText(
                                 rows[i].entry->group, Qt::ElideRight, columnWidth - units.px(1)));
            continue;
        }
        const LegendEntry& entry = *rows[i].entry;
        const QRectF swatch(x + units.px(1), y + (rowHeight - swatchH) / 2, swatchW, swatchH);
        drawLegendSwatch(painter, entry.symbol, entry.family, swatch, units.dpi());
        painter.setFont(entryFont);
        painter.setPen(ink);
        const double textLeft = swatch.right() + units.px(1.5);
        painter.drawText(
            QPointF(textLeft, y + metrics.ascent() + (rowHeight - metrics.height()) / 2),
            metrics.elidedText(
                entry.text, Qt::ElideRight, x + columnWidth - textLeft - units.px(1)));
        ++drawn;
    }
    painter.restore();
    return drawn;
}

void drawFigures(QPainter& painter,
                 const PageUnits& units,
                 QRectF box,
                 const QString& title,
                 const FigureRows& rows)
{
    if (rows.empty()) {
        return;
    }
    painter.save();
    drawSectionTitle(painter, units, box, title);
    double factor = 1;
    double rowHeight = 0;
    for (;;) {
        rowHeight = units.metrics(units.font(6.8 * factor)).height() * 1.3;
        if (rowHeight * rows.size() <= box.height() || factor < 0.55) {
            break;
        }
        factor *= 0.92;
    }
    const QFont labelFont = units.font(6.8 * factor);
    const QFont valueFont = units.font(6.8 * factor, true);
    const QFontMetricsF metrics = units.metrics(labelFont);
    double labelWidth = 0;
    for (const auto& [label, value] : rows) {
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(label));
    }
    labelWidth = std::min(labelWidth + units.px(2), box.width() * 0.5);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double y = box.top() + i * rowHeight;
        if (y + rowHeight > box.bottom() + 0.5) {
            break;
        }
        if (i % 2 == 0) {
            painter.fillRect(QRectF(box.left(), y, box.width(), rowHeight), QColor(238, 242, 236));
        }
        const double baseline = y + (rowHeight - metrics.height()) / 2 + metrics.ascent();
        painter.setPen(muted);
        painter.setFont(labelFont);
        painter.drawText(
            QPointF(box.left() + units.px(1), baseline),
            metrics.elidedText(rows[i].first, Qt::ElideRight, labelWidth - units.px(2)));
        painter.setPen(ink);
        painter.setFont(valueFont);
        const QFontMetricsF valueMetrics = units.metrics(valueFont);
        painter.drawText(QPointF(box.left() + labelWidth, baseline),
                         valueMetrics.elidedText(rows[i].second,
                                                 Qt::ElideRight,
                                                 box.width() - labelWidth - units.px(1)));
    }
    painter.restore();
}

/// The page's bar chart (layers/render/chart.h): one bar per category, sized in points so it
/// reads the same at every paper size and resolution.
void drawChart(QPainter& painter,
               const PageUnits& units,
               QRectF box,
               const QString& title,
               const std::vector<ChartBar>& bars)
{
    painter.save();
    drawSectionTitle(painter, units, box, title);
    if (bars.empty()) {
        painter.setFont(units.font(6.5));
        painter.setPen(muted);
        painter.drawText(
            box, Qt::AlignLeft | Qt::AlignTop, text("Belum ada data.", "No data yet."));
        painter.restore();
        return;
    }
    BarChartData data;
    data.unit = text("fitur", "features");
    data.series.push_back({text("Jumlah", "Count"), QColor(60, 120, 60)});
    for (const auto& bar : bars) {
        data.groups.push_back(bar.label);
        data.values.push_back({bar.value});
        data.groupColors.push_back(bar.color); // each category in its map colour
    }
    ChartStyle style;
    style.dpi = units.dpi();
    style.fontSizePt = 6.5 * units.unit();
    style.titleSizePt = 7.5 * units.unit();
    style.legend = false;
    style.valueLabels = true;
    drawBarChart(painter, box, data, style);
    painter.restore();
}

void drawLogo(QPainter& painter,
              const PageUnits& units,
              const QRectF& box,
              const QString& logoPath,
              const QString& producer)
{
    painter.save();
    const QRectF slot(box.left(), box.top(), box.height(), box.height());
    bool drawn = false;
    if (!logoPath.isEmpty()) {
        if (logoPath.endsWith(".svg", Qt::CaseInsensitive)) {
            QSvgRenderer svg(logoPath);
            if (svg.isValid()) {
                svg.setAspectRatioMode(Qt::KeepAspectRatio);
                svg.render(&painter, slot);
                drawn = true;
            }
        } else {
            QImageReader reader(logoPath);
            const QImage image = reader.read();
            if (!image.isNull()) {
                const QSizeF fitted = QSizeF(image.size()).scaled(slot.size(), Qt::KeepAspectRatio);
                painter.drawImage(
                    QRectF(slot.center() - QPointF(fitted.width() / 2, fitted.height() / 2),
                           fitted),
                    image);
                drawn = true;
            }
        }
    }
    if (!drawn) {
        QPen dashed = units.pen(QColor(150, 150, 150), 0.2);
        dashed.setStyle(Qt::DashLine);
        painter.setPen(dashed);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(slot);
        painter.setFont(units.font(6));
        painter.setPen(QColor(150, 150, 150));
        painter.drawText(slot, Qt::AlignCenter, "Logo");
    }
    const QRectF textBox(slot.right() + units.px(2 * units.unit()),
                         box.top(),
                         box.right() - slot.right() - units.px(2 * units.unit()),
                         box.height());
    drawParagraphs(
        painter,
        units,
        textBox,
        {{text("Disusun oleh", "Produced by"), 6, false, muted, 0.3}, {producer, 8, true, ink, 0}},
        Qt::AlignLeft);
    painter.restore();
}

using Rings = std::vector<std::vector<std::pair<double, double>>>;

/// The locator: the project's admin areas small, the page's map extent as a red frame and
/// the village's rings (atlas pages; empty otherwise) filled.
void drawInset(QPainter& painter,
               const PageUnits& units,
               const LayoutPage& page,
               const QRectF& box,
               const MapRect& mainExtent,
               const Rings& village,
               std::vector<std::string>& errors)
{
    if (box.isEmpty()) {
        return;
    }
    painter.save();
    QRectF area = box;
    drawSectionTitle(painter, units, area, text("Lokasi", "Location"));
    const QRect pixels = area.toAlignedRect();
    MapSettings settings;
    settings.projectPath = page.projectPath;
    settings.crs = page.crs;
    settings.size = pixels.size();
    settings.dpi = units.dpi();
    settings.labels = false;
    MapLayer admin;
    admin.theme = "wilayah";
    settings.layers.push_back(admin);
    MapRect context = transformBox(administrativeExtent(page.projectPath), "EPSG:4326", page.crs);
    if (!context.isValid()) {
        context = mainExtent;
    }
    // Context around the whole project, and always the page's own extent.
    context = {std::min(context.minX, mainExtent.minX),
               std::min(context.minY, mainExtent.minY),
               std::max(context.maxX, mainExtent.maxX),
               std::max(context.maxY, mainExtent.maxY)};
    const double pad = std::max(context.width(), context.height()) * 0.08;
    settings.extent = {
        context.minX - pad, context.minY - pad, context.maxX + pad, context.maxY + pad};
    painter.setClipRect(QRectF(pixels));
    painter.fillRect(QRectF(pixels), QColor(246, 248, 250));
    painter.translate(pixels.topLeft());
    RenderFeedback feedback;
    for (auto& error : renderMapTo(painter, settings, feedback)) {
        errors.push_back(error);
    }
    const MapToPage toPage(settings.visibleExtent(), QRectF(0, 0, pixels.width(), pixels.height()));
    if (!village.empty()) {
        painter.setPen(units.pen(QColor(180, 20, 20), 0.2));
        painter.setBrush(QColor(220, 40, 40, 170));
        painter.drawPath(ringsPath(village, toPage));
    }
    const QPointF a = toPage(mainExtent.minX, mainExtent.maxY);
    const QPointF b = toPage(mainExtent.maxX, mainExtent.minY);
    painter.setPen(units.pen(QColor(200, 0, 0), 0.45));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(a, b));
    painter.resetTransform();
    painter.setClipping(false);
    painter.setPen(units.pen(muted, 0.2));
    painter.drawRect(QRectF(pixels));
    painter.restore();
}

QString crsDescription(const std::string& crs)
{
    const std::string name = geo::crsName(crs);
    return QString::fromStdString(name.empty() ? crs : name + " (" + crs + ")");
}

/// The template's layers with their styles for paper. A style's scale limits keep a screen
/// legible; on paper a layer (or its labels) also draws beyond them while it stays legible:
/// at most two features per cm² of map (labels: one per 2 cm²). Below that density the
/// forum map shows every icon; a province of two million assets still keeps them hidden.
std::vector<MapLayer>
printLayers(const LayoutPage& page, const MapSettings& settings, const QRectF& mapBoxMm)
{
    const double scale = settings.scaleDenominator();
    const double areaCm2 = mapBoxMm.width() * mapBoxMm.height() / 100.0;
    const MapRect box = storageBoxOf(settings.visibleExtent(), settings.crs);
    const auto counts = featuresInBox(page.projectPath, page.layoutTemplate.layers, box);
    std::vector<MapLayer> layers;
    for (const auto& [theme, count] : counts) {
        MapLayer layer;
        layer.theme = theme;
        ThemeStyle style = ThemeStyle::load(theme);
        const double density = double(count) / std::max(1.0, areaCm2);
        if (page.allScales || (style.maxScale > 0 && scale > style.maxScale && density <= 2.0)) {
            style.maxScale = 0;
        }
        if (style.labelMaxScale > 0 && scale > style.labelMaxScale && density <= 0.5) {
            style.labelMaxScale = 0;
        }
        layer.style = std::move(style);
        layers.push_back(std::move(layer));
    }
    return layers;
}

/// The evacuation routes as green lines with an arrowhead at the site, in the BNPB map's
/// manner (arah evakuasi); returns how many were drawn.
std::size_t drawRoutesOnPage(QPainter& painter,
                             const PageUnits& units,
                             const LayoutPage& page,
                             const MapRect& extent,
                             const QRectF& mapBox)
{
    const auto routes =
        evacuationRoutes(page.projectPath, storageBoxOf(extent, page.crs), page.crs);
    if (routes.empty()) {
        return 0;
    }
    const MapToPage toPage(extent, mapBox);
    painter.save();
    painter.setClipRect(mapBox);
    drawEvacuationRoutes(
        painter,
        routes,
        [&](double x, double y) { return toPage(x, y); },
        units.px(0.55 * units.unit()),
        units.px(1.8 * units.unit()));
    painter.restore();
    return routes.size();
}

} // namespace

std::pair<double, MapRect> pageMapExtent(const LayoutPage& page, const LayoutGeometry& geometry)
{
    const double scale = fittingScale(page.focus, geometry.map.width(), geometry.map.height());
    const double halfW = geometry.map.width() / 1000.0 * scale / 2;
    const double halfH = geometry.map.height() / 1000.0 * scale / 2;
    const double cx = (page.focus.minX + page.focus.maxX) / 2;
    const double cy = (page.focus.minY + page.focus.maxY) / 2;
    return {scale, MapRect{cx - halfW, cy - halfH, cx + halfW, cy + halfH}};
}

LayoutPageResult
paintLayoutPage(QPainter& painter, const LayoutPage& page, const RenderFeedback& feedback)
{
    LayoutPageResult result;
    const LayoutGeometry g =
        computeLayoutGeometry(page.layoutTemplate, page.spec, page.withFigures);
    result.geometry = g;
    const PageUnits units(painter, page.spec.dpi, g.unit);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(units.px(g.page), Qt::white);

    // The map, at a round scale, then the village emphasis and the grid over it.
    const auto [scale, extent] = pageMapExtent(page, g);
    result.scale = scale;
    result.extent = extent;
    const QRectF mapBox = units.px(g.map);
    const QRect mapPixels = mapBox.toAlignedRect();
    MapSettings settings;
    settings.projectPath = page.projectPath;
    settings.crs = page.crs;
    settings.extent = extent;
    settings.size = mapPixels.size();
    settings.dpi = page.spec.dpi;
    settings.labels = page.labels;
    settings.rasters = page.rasters;
    settings.layers = printLayers(page, settings, g.map);
    painter.save();
    painter.setClipRect(QRectF(mapPixels));
    painter.translate(mapPixels.topLeft());
    result.errors = renderMapTo(painter, settings, feedback);
    painter.restore();
    if (page.layoutTemplate.evacuationRoutes) {
        result.routes =
            drawRoutesOnPage(painter, units, page, settings.visibleExtent(), QRectF(mapPixels));
    }
    // The village's rings, read once for the map and the locator.
    const Rings villageOutline =
        page.village ? villageRings(page.projectPath, *page.village, page.crs) : Rings();
    if (page.village) {
        const MapToPage toPage(settings.visibleExtent(), QRectF(mapPixels));
        const QPainterPath village = ringsPath(villageOutline, toPage);
        QPainterPath outside;
        outside.addRect(QRectF(mapPixels));
        outside.addPath(village);
        outside.setFillRule(Qt::OddEvenFill);
        painter.save();
        painter.setClipRect(QRectF(mapPixels));
        painter.fillPath(outside, QColor(255, 255, 255, 150));
        QPen outline = units.pen(QColor(150, 20, 20), 0.7);
        outline.setJoinStyle(Qt::RoundJoin);
        painter.setPen(outline);
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(village);
        painter.restore();
    }
    drawGrid(painter, units, page, settings.visibleExtent(), QRectF(mapPixels));
    painter.setPen(units.pen(ink, 0.35));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(mapPixels));

    // Title block.
    std::vector<Paragraph> title = {{page.title, 16, true, ink, 1.2}};
    if (!page.place.isEmpty()) {
        title.push_back({page.place, 10, true, QColor(20, 70, 40), 1});
    }
    if (!page.subtitle.isEmpty()) {
        title.push_back({page.subtitle, 7.5, false, muted, 0});
    }
    drawParagraphs(painter,
                   units,
                   units.px(g.title),
                   title,
                   page.spec.landscape ? Qt::AlignLeft : Qt::AlignHCenter);

    drawNorthArrow(painter, units, units.px(g.northArrow), northAngle(page.crs, extent));
    drawScaleBar(painter, units, units.px(g.scaleBar), scale);
    if (!g.figures.isEmpty()) {
        drawFigures(painter, units, units.px(g.figures), page.figuresTitle, page.figures);
    }
    if (!g.chart.isEmpty()) {
        drawChart(painter, units, units.px(g.chart), page.chartTitle, page.chart);
    }
    auto legend = visibleLegend(settings);
    if (result.routes > 0) {
        Symbol route;
        route.stroke = evacuationRouteColor();
        route.strokeWidthMm = 0.55;
        legend.insert(legend.begin(),
                      {"hasil_evakuasi_rute",
                       text("Hasil analisis", "Analysis results"),
                       text("Jalur evakuasi (arah ke tempat evakuasi)",
                            "Evacuation route (towards the site)"),
                       route,
                       geo::GeometryFamily::Line});
    }
    for (const auto& entry : legend) {
        if (result.legendThemes.empty() || result.legendThemes.back() != entry.theme) {
            result.legendThemes.push_back(entry.theme);
        }
    }
    result.legendEntries = drawLegend(painter, units, units.px(g.legend), legend);
    drawInset(painter,
              units,
              page,
              units.px(g.inset),
              settings.visibleExtent(),
              villageOutline,
              result.errors);

    std::vector<Paragraph> info = {
        {text("Sistem koordinat: ", "Coordinate system: ") + crsDescription(page.crs),
         6,
         false,
         ink,
         0.6},
        {page.layoutTemplate.grid == LayoutTemplate::Grid::Utm
             ? text("Grid: UTM dalam meter (mT, mU)", "Grid: UTM in metres (E, N)")
             : text("Grid: geografis (lintang, bujur) WGS 84",
                    "Grid: geographic (latitude, longitude) WGS 84"),
         6,
         false,
         ink,
         0.6},
        {text("Sumber data: ", "Data sources: ") + (page.sources.isEmpty() ? "–" : page.sources),
         6,
         false,
         ink,
         0.6},
        {text("Tanggal: ", "Date: ") + page.date + " · PetaDesa", 6, false, ink, 0.6},
    };
    if (page.illustrative) {
        info.push_back({text("Sebagian data adalah data ilustrasi, bukan untuk perencanaan.",
                             "Part of the data is illustrative, not for planning."),
                        6,
                        true,
                        QColor(170, 20, 20),
                        0.6});
    }
    if (!page.pageLabel.isEmpty()) {
        info.push_back({page.pageLabel, 6, true, ink, 0});
    }
    drawParagraphs(painter, units, units.px(g.info), info);
    drawLogo(painter, units, units.px(g.logo), page.logoPath, page.producer);

    painter.setPen(units.pen(ink, 0.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(units.px(g.frame));
    painter.restore();
    return result;
}

} // namespace layers
