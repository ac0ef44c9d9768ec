#include "layers/render/map_renderer.h"

#include "geo/coordinate_transform.h"
#include "geo/errors.h"
#include "geo/raster_source.h"
#include "geo/spatial_database.h"
#include "geo/spatialite_blob.h"
#include "layers/data_paths.h"
#include "layers/i18n.h"
#include "layers/render/evacuation_routes.h"
#include "layers/render/fonts.h"
#include "layers/render/symbol_painter.h"
#include "layers/render/thematic_renderer.h"
#include "layers/theme.h"

#include <QElapsedTimer>
#include <QFont>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QSvgRenderer>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

namespace layers {

namespace {

constexpr int cancelCheckInterval = 256;

double mmToPixels(double mm, double dpi)
{
    return mm * dpi / 25.4;
}

struct LabelCandidate
{
    QString text;
    QPointF anchor;
    double sizePx = 10;
    QColor color;
    bool besidePoint = false; ///< place to the right of a point symbol
    double offsetPx = 0;
};

/// The 4326 box covering a display extent (edges sampled, so curved edges are included).
MapRect storageBox(const MapRect& extent, const std::string& crs)
{
    if (crs == "EPSG:4326") {
        return extent;
    }
    // Padded by 1 %: symbols of features just outside reach into the view.
    const MapRect box = transformBox(extent, crs, "EPSG:4326");
    const double padX = box.width() * 0.01, padY = box.height() * 0.01;
    return {box.minX - padX, box.minY - padY, box.maxX + padX, box.maxY + padY};
}

/// Point markers rendered once per symbol and size, then blitted.
class MarkerCache
{
public:
    explicit MarkerCache(double dpi) : m_dpi(dpi) {}
    const QImage& marker(const Symbol& symbol, double sizePx)
    {
        const int pixels = std::max(3, int(std::lround(sizePx)));
        auto key = std::make_pair(&symbol, pixels);
        auto it = m_cache.find(key);
        if (it != m_cache.end()) {
            return it->second;
        }
        QImage image(pixels + 2, pixels + 2, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        drawMarkerSymbol(painter, symbol, QRectF(1, 1, pixels, pixels), m_dpi);
        painter.end();
        return m_cache.emplace(key, std::move(image)).first->second;
    }

private:
    double m_dpi;
    std::map<std::pair<const Symbol*, int>, QImage> m_cache;
};

/// A point inside (or on) the largest ring of a polygon, for its label.
/// True when the pen outlines a polygon with an antialiased stroke at least about one pixel
/// wide: the stroke then covers the fill's edge, so the fill can be drawn without
/// antialiasing, which halves the cost of large translucent fills (hazard zones at village
/// scale) and changes no pixel by more than a few levels.
bool outlineHidesFillEdge(const QPainter& painter)
{
    const QPen& pen = painter.pen();
    return painter.testRenderHint(QPainter::Antialiasing) &&
           painter.device()->devType() == QInternal::Image && pen.style() == Qt::SolidLine &&
           pen.widthF() >= 0.7 && pen.color().alpha() == 255;
}

/// Runs `fill` with antialiasing and the pen off, restoring both.
template <typename Fill> void fillWithoutAntialiasing(QPainter& painter, Fill fill)
{
    const QPen pen = painter.pen();
    painter.setPen(Qt::NoPen);
    painter.setRenderHint(QPainter::Antialiasing, false);
    fill();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(pen);
}

QPointF labelPointOfPolygon(const std::vector<QPointF>& ring)
{
    double area = 0, cx = 0, cy = 0;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const double cross = ring[j].x() * ring[i].y() - ring[i].x() * ring[j].y();
        area += cross;
        cx += (ring[j].x() + ring[i].x()) * cross;
        cy += (ring[j].y() + ring[i].y()) * cross;
    }
    if (std::fabs(area) < 1e-9) {
        return n ? ring.front() : QPointF();
    }
    QPointF centroid(cx / (3 * area), cy / (3 * area));
    // Inside test; a crescent's centroid lies outside: then use the middle of the widest
    // horizontal chord through it.
    bool inside = false;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        if ((ring[i].y() > centroid.y()) != (ring[j].y() > centroid.y()) &&
            centroid.x() < (ring[j].x() - ring[i].x()) * (centroid.y() - ring[i].y()) /
                                   (ring[j].y() - ring[i].y()) +
                               ring[i].x()) {
            inside = !inside;
        }
    }
    if (inside) {
        return centroid;
    }
    std::vector<double> crossings;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        if ((ring[i].y() > centroid.y()) != (ring[j].y() > centroid.y())) {
            crossings.push_back((ring[j].x() - ring[i].x()) * (centroid.y() - ring[i].y()) /
                                    (ring[j].y() - ring[i].y()) +
                                ring[i].x());
        }
    }
    std::sort(crossings.begin(), crossings.end());
    double best = -1;
    for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
        if (crossings[k + 1] - crossings[k] > best) {
            best = crossings[k + 1] - crossings[k];
            centroid.setX((crossings[k] + crossings[k + 1]) / 2);
        }
    }
    return centroid;
}

class VectorLayerRenderer
{
public:
    VectorLayerRenderer(const MapSettings& settings,
                        const MapLayer& layer,
                        const ThemeStyle& style,
                        const Theme& theme,
                        geo::SpatialDatabase& db,
                        const geo::InterpolatedTransform& toDisplay,
                        const MapRect& storageExtent,
                        bool coversAll,
                        MarkerCache& markers)
        : m_settings(settings), m_layer(layer), m_style(style), m_theme(theme), m_db(db),
          m_toDisplay(toDisplay), m_storageExtent(storageExtent), m_coversAll(coversAll),
          m_markers(markers)
    {
        m_visible = settings.visibleExtent();
        m_unitsPerPixel = settings.mapUnitsPerPixel();
        m_highlighted.insert(layer.highlighted.begin(), layer.highlighted.end());
    }

    /// Returns false when canceled.
    bool render(QPainter& painter,
                std::vector<LabelCandidate>& labels,
                bool withLabels,
                const RenderFeedback& feedback)
    {
        auto known = [&](const std::string& column) {
            return !column.empty() && m_theme.column(column) != nullptr;
        };
        const bool categorized = known(m_style.categoryColumn);
        const bool labelled = withLabels && known(m_style.labelColumn);
        const bool sized = known(m_style.sizeColumn) && m_style.sizeColumnReference > 0;
        std::string sql = "SELECT fid, geom";
        sql += categorized ? ", " + geo::quoteIdentifier(m_style.categoryColumn) : ", NULL";
        sql += labelled ? ", " + geo::quoteIdentifier(m_style.labelColumn) : ", NULL";
        sql += sized ? ", " + geo::quoteIdentifier(m_style.sizeColumn) : ", NULL";
        sql += " FROM " + geo::quoteIdentifier(m_theme.name);
        if (!m_coversAll) {
            sql += " WHERE fid IN (SELECT pkid FROM " +
                   geo::quoteIdentifier("idx_" + m_theme.name + "_geom") +
                   " WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?)";
        }
        auto statement = m_db.prepare(sql);
        if (!m_coversAll) {
            statement.bind(1, m_storageExtent.maxX).bind(2, m_storageExtent.minX);
            statement.bind(3, m_storageExtent.maxY).bind(4, m_storageExtent.minY);
        }
        painter.setOpacity(m_layer.opacity * m_style.opacity);
        geo::FlatGeometry geometry;
        std::vector<QPointF> pixels;
        const Symbol* current = nullptr;
        const double dpi = m_settings.dpi;
        long long count = 0;
        while (statement.step()) {
            if (++count % cancelCheckInterval == 0) {
                feedback.addProgress(cancelCheckInterval);
                if (feedback.isCanceled()) {
                    return false;
                }
            }
            const auto blob = statement.blob(1);
            if (blob.empty() || !geo::parseSpatialiteBlob(blob.data(), blob.size(), geometry)) {
                continue;
            }
            m_toDisplay.transformInterleaved(geometry.xy.data(), geometry.pointCount());
            const std::string category = categorized ? statement.text(2) : std::string();
            const Symbol& symbol = m_style.symbolFor(category);
            if (&symbol != current) {
                current = &symbol;
                const double width = std::max(0.6, mmToPixels(symbol.strokeWidthMm, dpi));
                QPen pen(symbol.stroke, width);
                pen.setStyle(symbol.strokeStyle);
                // Round joins cost a curve per vertex; they only show on wide lines.
                pen.setCapStyle(width >= 2.5 ? Qt::RoundCap : Qt::FlatCap);
                pen.setJoinStyle(width >= 2.5 ? Qt::RoundJoin : Qt::MiterJoin);
                painter.setPen(pen);
                painter.setBrush(symbol.fill.alpha() > 0 ? QBrush(symbol.fill) : QBrush());
            }
            const long long fid = statement.integer(0);
            const bool highlight = m_highlighted.count(fid) > 0;
            QPointF labelAnchor;
            bool hasAnchor = false;
            double markerPx = 0;
            if (geometry.kind == geo::FlatGeometry::Kind::Point) {
                double size = symbol.sizeMm;
                if (sized && !statement.isNull(4)) {
                    size = symbol.sizeMm * std::sqrt(std::max(0.0, statement.real(4)) /
                                                     m_style.sizeColumnReference);
                    size = std::clamp(size, symbol.sizeMm * 0.4, symbol.sizeMm * 4);
                }
                markerPx = mmToPixels(size, dpi);
                const QImage& marker = m_markers.marker(symbol, markerPx);
                for (std::size_t p = 0; p < geometry.pointCount(); ++p) {
                    const QPointF at = toPixel(geometry.xy[2 * p], geometry.xy[2 * p + 1]);
                    painter.drawImage(
                        QPointF(at.x() - marker.width() / 2.0, at.y() - marker.height() / 2.0),
                        marker);
                    if (highlight) {
                        m_highlightPath.addEllipse(at, markerPx / 2 + 3, markerPx / 2 + 3);
                    }
                    if (!hasAnchor) {
                        labelAnchor = at;
                        hasAnchor = true;
                    }
                }
            } else if (geometry.kind == geo::FlatGeometry::Kind::Line && !highlight) {
                // Lines are batched per symbol and drawn at the end, minor classes first, so a
                // network of 50,000 segments costs a few painter calls instead of 50,000.
                auto& batch = m_lineBatches[&symbol];
                for (std::size_t part = 0; part < geometry.partCount(); ++part) {
                    ringPixels(geometry, part, pixels);
                    if (pixels.size() < 2) {
                        continue;
                    }
                    batch.push_back(static_cast<int>(m_linePoints.size()));
                    batch.push_back(static_cast<int>(pixels.size()));
                    m_linePoints.insert(m_linePoints.end(), pixels.begin(), pixels.end());
                    if (labelled && !hasAnchor) {
                        labelAnchor = pixels[pixels.size() / 2];
                        hasAnchor = true;
                    }
                }
            } else if (geometry.kind == geo::FlatGeometry::Kind::Polygon &&
                       geometry.partCount() == 1 && !highlight && !labelled) {
                // The common case: one ring, drawn directly.
                ringPixels(geometry, 0, pixels);
                if (pixels.size() >= 3) {
                    if (outlineHidesFillEdge(painter)) {
                        fillWithoutAntialiasing(painter, [&] {
                            painter.drawPolygon(
                                pixels.data(), static_cast<int>(pixels.size()), Qt::OddEvenFill);
                        });
                        if (pixels.front() != pixels.back()) {
                            pixels.push_back(pixels.front());
                        }
                        painter.drawPolyline(pixels.data(), static_cast<int>(pixels.size()));
                    } else {
                        painter.drawPolygon(
                            pixels.data(), static_cast<int>(pixels.size()), Qt::OddEvenFill);
                    }
                } else if (!pixels.empty()) {
                    painter.drawPoint(pixels.front()); // smaller than a pixel
                }
            } else {
                QPainterPath path;
                path.setFillRule(Qt::OddEvenFill);
                const bool polygon = geometry.kind == geo::FlatGeometry::Kind::Polygon;
                double bestArea = -1;
                for (std::size_t part = 0; part < geometry.partCount(); ++part) {
                    ringPixels(geometry, part, pixels);
                    if (pixels.size() < 2) {
                        continue;
                    }
                    if (polygon) {
                        path.addPolygon(QPolygonF(QList<QPointF>(pixels.begin(), pixels.end())));
                        path.closeSubpath();
                        if (labelled) {
                            const QRectF box =
                                QPolygonF(QList<QPointF>(pixels.begin(), pixels.end()))
                                    .boundingRect();
                            if (box.width() * box.height() > bestArea) {
                                bestArea = box.width() * box.height();
                                labelAnchor = labelPointOfPolygon(pixels);
                                hasAnchor = box.width() > 30 && box.height() > 12;
                            }
                        }
                    } else {
                        path.addPolygon(QPolygonF(QList<QPointF>(pixels.begin(), pixels.end())));
                        if (labelled && !hasAnchor) {
                            labelAnchor = pixels[pixels.size() / 2];
                            hasAnchor = true;
                        }
                    }
                }
                if (polygon && outlineHidesFillEdge(painter)) {
                    fillWithoutAntialiasing(painter,
                                            [&] { painter.fillPath(path, painter.brush()); });
                    painter.strokePath(path, painter.pen());
                } else if (polygon) {
                    painter.drawPath(path);
                } else {
                    painter.strokePath(path, painter.pen());
                }
                if (highlight) {
                    m_highlightPath.addPath(path);
                }
            }
            if (labelled && hasAnchor && !statement.isNull(3)) {
                LabelCandidate label;
                label.text = QString::fromStdString(statement.text(3));
                label.anchor = labelAnchor;
                label.sizePx = mmToPixels(m_style.labelSizeMm, dpi);
                label.color = m_style.labelColor;
                label.besidePoint = geometry.kind == geo::FlatGeometry::Kind::Point;
                label.offsetPx = markerPx / 2 + 2;
                if (!label.text.isEmpty()) {
                    labels.push_back(std::move(label));
                }
            }
        }
        drawLineBatches(painter);
        painter.setOpacity(1.0);
        if (!m_highlightPath.isEmpty()) {
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(QColor(0, 200, 255), std::max(2.0, mmToPixels(0.8, dpi))));
            painter.drawPath(m_highlightPath);
        }
        return true;
    }

private:
    void drawLineBatches(QPainter& painter)
    {
        // Reverse legend order: the first category (e.g. arterial roads) ends on top.
        std::vector<const Symbol*> order = {&m_style.defaultSymbol};
        for (auto it = m_style.categories.rbegin(); it != m_style.categories.rend(); ++it) {
            order.push_back(&it->second);
        }
        for (const Symbol* symbol : order) {
            auto it = m_lineBatches.find(symbol);
            if (it == m_lineBatches.end()) {
                continue;
            }
            const double width = std::max(0.6, mmToPixels(symbol->strokeWidthMm, m_settings.dpi));
            QPen pen(symbol->stroke, width);
            pen.setStyle(symbol->strokeStyle);
            pen.setCapStyle(width >= 2.5 ? Qt::RoundCap : Qt::FlatCap);
            pen.setJoinStyle(width >= 2.5 ? Qt::RoundJoin : Qt::BevelJoin);
            painter.setPen(pen);
            painter.setBrush(Qt::NoBrush);
            const auto& batch = it->second;
            if (symbol->strokeStyle == Qt::SolidLine && width < 2.5) {
                // Thin solid lines: one drawLines call over all segments (joins are invisible).
                std::vector<QLineF> segments;
                for (std::size_t k = 0; k < batch.size(); k += 2) {
                    const QPointF* points = m_linePoints.data() + batch[k];
                    for (int i = 1; i < batch[k + 1]; ++i) {
                        segments.emplace_back(points[i - 1], points[i]);
                    }
                }
                painter.drawLines(segments.data(), static_cast<int>(segments.size()));
            } else {
                for (std::size_t k = 0; k < batch.size(); k += 2) {
                    painter.drawPolyline(m_linePoints.data() + batch[k], batch[k + 1]);
                }
            }
        }
        m_lineBatches.clear();
        m_linePoints.clear();
    }

    QPointF toPixel(double x, double y) const
    {
        return QPointF((x - m_visible.minX) / m_unitsPerPixel,
                       (m_visible.maxY - y) / m_unitsPerPixel);
    }
    /// The part's points in pixels, dropping points closer than half a pixel to the last kept.
    void
    ringPixels(const geo::FlatGeometry& geometry, std::size_t part, std::vector<QPointF>& out) const
    {
        out.clear();
        const std::uint32_t begin = geometry.partStarts[part];
        const std::uint32_t end = geometry.partStarts[part + 1];
        for (std::uint32_t p = begin; p < end; ++p) {
            const QPointF at = toPixel(geometry.xy[2 * p], geometry.xy[2 * p + 1]);
            if (!std::isfinite(at.x()) || !std::isfinite(at.y())) {
                continue;
            }
            if (!out.empty() && p + 1 != end) {
                const QPointF d = at - out.back();
                if (d.x() * d.x() + d.y() * d.y() < 0.25) {
                    continue;
                }
            }
            out.push_back(at);
        }
    }

    const MapSettings& m_settings;
    const MapLayer& m_layer;
    const ThemeStyle& m_style;
    const Theme& m_theme;
    geo::SpatialDatabase& m_db;
    const geo::InterpolatedTransform& m_toDisplay;
    MapRect m_storageExtent;
    bool m_coversAll;
    MarkerCache& m_markers;
    MapRect m_visible;
    double m_unitsPerPixel = 1;
    std::unordered_set<long long> m_highlighted;
    QPainterPath m_highlightPath;
    std::map<const Symbol*, std::vector<int>> m_lineBatches; ///< (first point, count) pairs
    std::vector<QPointF> m_linePoints;
};

/// The evacuation routes over the layers, when the settings ask for them: 0.55 mm lines with a
/// 1.8 mm arrowhead, as on the printed evacuation map. A project without a plan draws nothing.
void drawEvacuationRouteLayer(QPainter& painter,
                              const MapSettings& settings,
                              std::vector<std::string>& errors)
{
    if (!settings.evacuationRoutes) {
        return;
    }
    try {
        const MapRect visible = settings.visibleExtent();
        const auto routes = evacuationRoutes(
            settings.projectPath, storageBoxOf(visible, settings.crs), settings.crs);
        const double sx = settings.size.width() / visible.width();
        const double sy = settings.size.height() / visible.height();
        drawEvacuationRoutes(
            painter,
            routes,
            [&](double x, double y) {
                return QPointF((x - visible.minX) * sx, (visible.maxY - y) * sy);
            },
            std::max(1.5, mmToPixels(0.55, settings.dpi)),
            std::max(6.0, mmToPixels(1.8, settings.dpi)));
    } catch (const std::exception& error) {
        errors.push_back(std::string("hasil_evakuasi_rute: ") + error.what());
    }
}

void placeLabels(QPainter& painter, const std::vector<LabelCandidate>& labels, const QSize& size)
{
    std::vector<QRectF> placed;
    const bool vectorDevice =
        painter.paintEngine() && painter.paintEngine()->type() != QPaintEngine::Raster;
    QFont font(mapFontFamily());
    const QRectF canvas(0, 0, size.width(), size.height());
    for (const auto& label : labels) {
        font.setPixelSize(std::max(6, int(std::lround(label.sizePx))));
        const QFontMetricsF metrics(font);
        const QRectF textBox = metrics.boundingRect(label.text);
        QPointF origin =
            label.besidePoint
                ? QPointF(label.anchor.x() + label.offsetPx,
                          label.anchor.y() + metrics.ascent() / 2 - metrics.descent() / 2)
                : QPointF(label.anchor.x() - textBox.width() / 2,
                          label.anchor.y() + metrics.ascent() / 2 - metrics.descent() / 2);
        const QRectF box = textBox.translated(origin).adjusted(-2, -1, 2, 1);
        if (!canvas.contains(box)) {
            continue;
        }
        bool collides = false;
        for (const auto& other : placed) {
            if (other.intersects(box)) {
                collides = true;
                break;
            }
        }
        if (collides) {
            continue;
        }
        placed.push_back(box);
        // Halo: the text drawn in white around its position, then the text itself. Glyphs
        // come from Qt's glyph cache; outlining a text path per label costs ten times more.
        painter.setFont(font);
        const double halo = std::max(1.0, label.sizePx / 8);
        if (vectorDevice) {
            // PDF and SVG: one outlined halo path and the text once, so it stays selectable
            // and searchable without eight copies.
            QPainterPath outline;
            outline.addText(origin, font, label.text);
            painter.strokePath(outline,
                               QPen(QColor(255, 255, 255, 230),
                                    2 * halo,
                                    Qt::SolidLine,
                                    Qt::RoundCap,
                                    Qt::RoundJoin));
        } else {
            painter.setPen(QColor(255, 255, 255, 230));
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    if (dx || dy) {
                        painter.drawText(origin + QPointF(dx * halo, dy * halo), label.text);
                    }
                }
            }
        }
        painter.setPen(label.color);
        painter.drawText(origin, label.text);
    }
}

} // namespace

namespace {

void drawRasters(QPainter& painter,
                 const MapSettings& settings,
                 const RenderFeedback& feedback,
                 std::vector<std::string>& errors)
{
    const MapRect visible = settings.visibleExtent();
    for (const auto& raster : settings.rasters) {
        if (!raster.visible || raster.opacity <= 0 || feedback.isCanceled()) {
            continue; // a hidden or fully transparent raster is not even read
        }
        try {
            const auto image = geo::renderRaster(raster.path,
                                                 raster.kind == RasterLayer::Kind::Hillshade
                                                     ? geo::RasterStyle::Hillshade
                                                     : geo::RasterStyle::Image,
                                                 settings.crs,
                                                 visible.minX,
                                                 visible.minY,
                                                 visible.maxX,
                                                 visible.maxY,
                                                 settings.size.width(),
                                                 settings.size.height());
            QImage qimage(reinterpret_cast<const uchar*>(image.argb.data()),
                          image.width,
                          image.height,
                          image.width * 4,
                          QImage::Format_ARGB32);
            painter.setOpacity(std::min(raster.opacity, 1.0));
            painter.drawImage(QPointF(0, 0), qimage);
            painter.setOpacity(1.0);
        } catch (const std::exception& error) {
            errors.push_back(raster.path + ": " + error.what());
        }
    }
}

/// A read-only connection per thread and project file, kept between renders: opening SQLite
/// with SpatiaLite costs more than a small frame. Thread-confined by construction; a connection
/// sees the newest committed data at each query. Replaced when the file is replaced.
geo::SpatialDatabase& threadConnection(const std::string& path)
{
    struct Cached
    {
        std::string key;
        std::unique_ptr<geo::SpatialDatabase> db;
    };
    thread_local Cached cached;
    std::error_code ec;
    const auto inode =
        std::filesystem::status(path, ec).type() == std::filesystem::file_type::regular
            ? std::to_string(std::filesystem::hash_value(std::filesystem::canonical(path, ec)))
            : std::string();
    const std::string key =
        path + "|" + inode + "|" + std::to_string(std::filesystem::file_size(path, ec) > 0);
    if (!cached.db || cached.key != key) {
        cached.db.reset();
        cached.db =
            std::make_unique<geo::SpatialDatabase>(path, geo::SpatialDatabase::Mode::ReadOnly);
        cached.key = key;
    }
    return *cached.db;
}

/// What one thread needs to draw layers: its own connection, transformations and markers.
/// Created on the thread that uses it.
class LayerContext
{
public:
    explicit LayerContext(const MapSettings& settings)
        : m_settings(settings), m_markers(settings.dpi)
    {}
    /// Draws one layer; returns false when canceled. Throws on failure.
    bool draw(QPainter& painter,
              const MapLayer& layer,
              const ThemeStyle& style,
              std::vector<LabelCandidate>& labels,
              const RenderFeedback& feedback)
    {
        const Theme* theme = findTheme(layer.theme);
        if (!theme) {
            throw geo::Error(
                arg(tr("tema '%1' tidak dikenal", "unknown theme '%1'"), {layer.theme}));
        }
        if (!m_db) {
            const MapRect visible = m_settings.visibleExtent();
            m_db = &threadConnection(m_settings.projectPath);
            m_exact = std::make_unique<geo::CoordinateTransform>("EPSG:4326", m_settings.crs);
            m_box = storageBox(visible, m_settings.crs);
            // A twentieth of a pixel: invisible, and far cheaper than PROJ per vertex.
            m_toDisplay =
                std::make_unique<geo::InterpolatedTransform>(*m_exact,
                                                             m_box.minX,
                                                             m_box.minY,
                                                             m_box.maxX,
                                                             m_box.maxY,
                                                             0.05 * m_settings.mapUnitsPerPixel());
            const MapRect all = projectExtent(m_settings.projectPath, "EPSG:4326");
            m_coversAll = all.isValid() && m_box.minX <= all.minX && m_box.minY <= all.minY &&
                          m_box.maxX >= all.maxX && m_box.maxY >= all.maxY;
        }
        const double scale = m_settings.scaleDenominator();
        const bool withLabels =
            m_settings.labels && (style.labelMaxScale <= 0 || scale <= style.labelMaxScale);
        VectorLayerRenderer renderer(
            m_settings, layer, style, *theme, *m_db, *m_toDisplay, m_box, m_coversAll, m_markers);
        return renderer.render(painter, labels, withLabels, feedback);
    }

private:
    const MapSettings& m_settings;
    MarkerCache m_markers;
    geo::SpatialDatabase* m_db = nullptr;
    std::unique_ptr<geo::CoordinateTransform> m_exact;
    std::unique_ptr<geo::InterpolatedTransform> m_toDisplay;
    MapRect m_box;
    bool m_coversAll = false;
};

/// The layers that draw at this scale, with their styles.
struct DrawableLayer
{
    const MapLayer* layer;
    ThemeStyle style;
};

std::vector<DrawableLayer> drawableLayers(const MapSettings& settings,
                                          std::vector<std::string>& errors)
{
    std::vector<DrawableLayer> list;
    const double scale = settings.scaleDenominator();
    for (const auto& layer : settings.layers) {
        if (!layer.visible) {
            continue;
        }
        try {
            ThemeStyle style = layer.style ? *layer.style : ThemeStyle::load(layer.theme);
            if (style.maxScale > 0 && scale > style.maxScale) {
                continue; // too small a scale for this layer
            }
            list.push_back({&layer, std::move(style)});
        } catch (const std::exception& error) {
            errors.push_back(layer.theme + ": " + error.what());
        }
    }
    return list;
}

} // namespace

std::vector<std::string> renderMapTo(QPainter& painter,
                                     const MapSettings& settings,
                                     const RenderFeedback& feedback,
                                     std::vector<std::pair<std::string, double>>* layerSeconds)
{
    std::vector<std::string> errors;
    const MapRect visible = settings.visibleExtent();
    if (!visible.isValid() || settings.size.isEmpty()) {
        errors.push_back(tr("cakupan peta kosong", "the map extent is empty"));
        return errors;
    }
    painter.setRenderHint(QPainter::Antialiasing, settings.antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    drawRasters(painter, settings, feedback, errors);
    drawThematicLayers(painter, settings, false, feedback, errors);
    const auto layers = drawableLayers(settings, errors);
    LayerContext context(settings);
    std::vector<LabelCandidate> labels;
    for (const auto& drawable : layers) {
        if (feedback.isCanceled()) {
            break;
        }
        QElapsedTimer timer;
        timer.start();
        std::vector<LabelCandidate> layerLabels;
        try {
            if (!context.draw(painter, *drawable.layer, drawable.style, layerLabels, feedback)) {
                break;
            }
        } catch (const std::exception& error) {
            painter.setOpacity(1.0);
            errors.push_back(drawable.layer->theme + ": " + error.what());
        }
        if (layerSeconds) {
            layerSeconds->emplace_back(drawable.layer->theme, timer.nsecsElapsed() / 1e9);
        }
        // Layers drawn later sit on top, so their labels win: place them first.
        labels.insert(labels.begin(), layerLabels.begin(), layerLabels.end());
    }
    drawThematicLayers(painter, settings, true, feedback, errors);
    if (!feedback.isCanceled()) {
        drawEvacuationRouteLayer(painter, settings, errors);
    }
    if (!feedback.isCanceled() && settings.labels && !labels.empty()) {
        placeLabels(painter, labels, settings.size);
    }
    return errors;
}

RenderResult renderMap(const MapSettings& settings, const RenderFeedback& feedback)
{
    QElapsedTimer timer;
    timer.start();
    RenderResult result;
    result.image = QImage(settings.size, QImage::Format_ARGB32_Premultiplied);
    result.image.setDotsPerMeterX(int(std::lround(settings.dpi / 0.0254)));
    result.image.setDotsPerMeterY(int(std::lround(settings.dpi / 0.0254)));
    result.image.fill(settings.background);
    const MapRect visible = settings.visibleExtent();
    if (!visible.isValid() || settings.size.isEmpty()) {
        result.errors.push_back(tr("cakupan peta kosong", "the map extent is empty"));
        return result;
    }
    QPainter painter(&result.image);
    // Threads pay off at small scales, where many features fall in view; a village-scale frame
    // is quicker drawn straight onto one image than stacked from an image per layer.
    if (settings.scaleDenominator() <= 25000 || QThread::idealThreadCount() < 2) {
        result.errors = renderMapTo(painter, settings, feedback, &result.layerSeconds);
        painter.end();
        result.canceled = feedback.isCanceled();
        result.seconds = timer.nsecsElapsed() / 1e9;
        return result;
    }
    painter.setRenderHint(QPainter::Antialiasing, settings.antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    drawRasters(painter, settings, feedback, result.errors);
    drawThematicLayers(painter, settings, false, feedback, result.errors);
    const auto layers = drawableLayers(settings, result.errors);

    // Each layer draws into its own transparent image on one of a few threads (each with its
    // own connection and transformations, as QGIS's parallel job does); the images are then
    // stacked in layer order and the labels placed over all of them.
    struct LayerOutput
    {
        QImage image;
        std::vector<LabelCandidate> labels;
        std::string error;
        double seconds = 0;
        bool canceled = false;
    };
    std::vector<LayerOutput> outputs(layers.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        std::unique_ptr<LayerContext> context;
        for (std::size_t i = next++; i < layers.size(); i = next++) {
            if (feedback.isCanceled()) {
                break;
            }
            QElapsedTimer layerTimer;
            layerTimer.start();
            LayerOutput& output = outputs[i];
            output.image = QImage(settings.size, QImage::Format_ARGB32_Premultiplied);
            output.image.fill(Qt::transparent);
            QPainter layerPainter(&output.image);
            layerPainter.setRenderHint(QPainter::Antialiasing, settings.antialiasing);
            layerPainter.setRenderHint(QPainter::SmoothPixmapTransform, true);
            try {
                if (!context) {
                    context = std::make_unique<LayerContext>(settings);
                }
                output.canceled = !context->draw(
                    layerPainter, *layers[i].layer, layers[i].style, output.labels, feedback);
            } catch (const std::exception& error) {
                output.error = layers[i].layer->theme + ": " + error.what();
            }
            layerPainter.end();
            output.seconds = layerTimer.nsecsElapsed() / 1e9;
        }
    };
    const int threads = std::clamp(QThread::idealThreadCount(), 1, 4);
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads && static_cast<std::size_t>(t) < layers.size(); ++t) {
        helpers.emplace_back(worker);
    }
    worker();
    for (auto& helper : helpers) {
        helper.join();
    }
    std::vector<LabelCandidate> labels;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        LayerOutput& output = outputs[i];
        if (!output.error.empty()) {
            result.errors.push_back(output.error);
        }
        if (!output.image.isNull() && !feedback.isCanceled()) {
            painter.drawImage(QPointF(0, 0), output.image);
        }
        output.image = QImage();
        result.layerSeconds.emplace_back(layers[i].layer->theme, output.seconds);
        labels.insert(labels.begin(), output.labels.begin(), output.labels.end());
    }
    drawThematicLayers(painter, settings, true, feedback, result.errors);
    if (!feedback.isCanceled()) {
        drawEvacuationRouteLayer(painter, settings, result.errors);
    }
    if (!feedback.isCanceled() && settings.labels && !labels.empty()) {
        placeLabels(painter, labels, settings.size);
    }
    painter.end();
    result.canceled = feedback.isCanceled();
    result.seconds = timer.nsecsElapsed() / 1e9;
    return result;
}

std::string projectFileStamp(const std::string& projectPath)
{
    namespace fs = std::filesystem;
    std::string key = projectPath;
    for (const std::string& file : {projectPath, projectPath + "-wal"}) {
        std::error_code ec;
        const auto time = fs::last_write_time(file, ec);
        const auto stamp = ec ? 0 : time.time_since_epoch().count();
        const auto size = ec ? 0 : fs::file_size(file, ec);
        key += "|" + std::to_string(stamp) + ":" + std::to_string(ec ? 0 : size);
    }
    return key;
}

MapRect transformBox(const MapRect& box, const std::string& fromCrs, const std::string& toCrs)
{
    if (fromCrs == toCrs) {
        return box;
    }
    geo::CoordinateTransform transform(fromCrs, toCrs);
    MapRect out{1e300, 1e300, -1e300, -1e300};
    constexpr int steps = 20;
    for (int i = 0; i <= steps; ++i) {
        const double t = double(i) / steps;
        const double xs[4] = {
            box.minX + t * box.width(), box.minX + t * box.width(), box.minX, box.maxX};
        const double ys[4] = {
            box.minY, box.maxY, box.minY + t * box.height(), box.minY + t * box.height()};
        for (int k = 0; k < 4; ++k) {
            double x = xs[k], y = ys[k];
            if (transform.transform(x, y)) {
                out.minX = std::min(out.minX, x);
                out.maxX = std::max(out.maxX, x);
                out.minY = std::min(out.minY, y);
                out.maxY = std::max(out.maxY, y);
            }
        }
    }
    return out.isValid() ? out : MapRect{};
}

MapRect storageBoxOf(const MapRect& extent, const std::string& crs)
{
    return storageBox(extent, crs);
}

MapRect storageExtent(const std::string& projectPath)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    MapRect all{1e300, 1e300, -1e300, -1e300};
    for (const auto& theme : themes()) {
        auto statement = db.prepare("SELECT min(xmin), min(ymin), max(xmax), max(ymax) FROM " +
                                    geo::quoteIdentifier("idx_" + theme.name + "_geom"));
        if (statement.step() && !statement.isNull(0)) {
            all.minX = std::min(all.minX, statement.real(0));
            all.minY = std::min(all.minY, statement.real(1));
            all.maxX = std::max(all.maxX, statement.real(2));
            all.maxY = std::max(all.maxY, statement.real(3));
        }
    }
    return all.isValid() ? all : MapRect{};
}

namespace {

/// Storage extents by project file, valid while the file and its WAL keep their size and
/// modification time: reading every R*Tree's bounds costs more than a village-scale frame.
MapRect cachedStorageExtent(const std::string& projectPath)
{
    const std::string key = projectFileStamp(projectPath);
    static std::mutex mutex;
    static std::map<std::string, MapRect> cache;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) {
            return it->second;
        }
    }
    const MapRect extent = storageExtent(projectPath);
    std::lock_guard lock(mutex);
    if (cache.size() > 64) {
        cache.clear();
    }
    cache[key] = extent;
    return extent;
}

} // namespace

MapRect projectExtent(const std::string& projectPath, const std::string& crs)
{
    const MapRect all = cachedStorageExtent(projectPath);
    if (!all.isValid()) {
        return MapRect{};
    }
    if (crs == "EPSG:4326") {
        return all;
    }
    return transformBox(all, "EPSG:4326", crs);
}

} // namespace layers
