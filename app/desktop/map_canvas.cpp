#include "app/desktop/map_canvas.h"

#include "app/desktop/map_tools.h"
#include "geo/coordinate_transform.h"
#include "layers/render/render_scheduler.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace app {

namespace {
constexpr double metresPerInch = 0.0254;
constexpr double metresPerDegree = 111319.49;
} // namespace

MapCanvas::MapCanvas(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    m_scheduler = new layers::RenderScheduler([this] { return settingsSnapshot(); }, this);
    m_scheduler->setDelay(10);
    connect(m_scheduler, &layers::RenderScheduler::renderStarted, this, [this] {
        m_pending = false;
        emit renderStarted();
    });
    connect(m_scheduler, &layers::RenderScheduler::rendered, this, &MapCanvas::rendered);
}

MapCanvas::~MapCanvas() = default;

void MapCanvas::setProject(const std::string& projectPath, const std::string& crs)
{
    m_projectPath = projectPath;
    m_crs = crs.empty() ? std::string("EPSG:4326") : crs;
    m_toLonLat = std::make_unique<geo::CoordinateTransform>(m_crs, "EPSG:4326");
    m_fromLonLat = std::make_unique<geo::CoordinateTransform>("EPSG:4326", m_crs);
    m_projected = geo::isProjectedCrs(m_crs);
    m_image = QImage();
    m_errors.clear();
    m_scheduler->cancel();
    if (m_tool) {
        m_tool->reset();
    }
    refresh();
}

std::string MapCanvas::measurementCrs() const
{
    if (m_projected) {
        return m_crs;
    }
    const auto lonLat = mapToLonLat(m_center).value_or(QPointF(118, -2));
    return "EPSG:" + std::to_string(geo::utmEpsgFor(lonLat.x(), lonLat.y()));
}

void MapCanvas::setThematicLayers(std::vector<layers::ThematicLayer> thematicLayers)
{
    m_thematic = std::move(thematicLayers);
    refresh();
}

void MapCanvas::setEvacuationRoutesVisible(bool visible)
{
    if (visible != m_evacuationRoutes) {
        m_evacuationRoutes = visible;
        refresh();
    }
}

void MapCanvas::setRasters(std::vector<layers::RasterLayer> rasters)
{
    m_rasters = std::move(rasters);
    refresh();
}

void MapCanvas::setMapLayers(std::vector<layers::MapLayer> mapLayers)
{
    // Keep the selection of themes that stay.
    for (auto& layer : mapLayers) {
        for (const auto& old : m_layers) {
            if (old.theme == layer.theme && layer.highlighted.empty()) {
                layer.highlighted = old.highlighted;
            }
        }
    }
    m_layers = std::move(mapLayers);
    refresh();
}

void MapCanvas::setHighlighted(const std::string& theme, std::vector<long long> fids)
{
    for (auto& layer : m_layers) {
        if (layer.theme == theme) {
            layer.highlighted = fids;
        }
    }
    refresh();
}

void MapCanvas::clearHighlighted()
{
    for (auto& layer : m_layers) {
        layer.highlighted.clear();
    }
    refresh();
}

void MapCanvas::setView(QPointF center, double mapUnitsPerPixel)
{
    if (!(mapUnitsPerPixel > 0) || !std::isfinite(mapUnitsPerPixel) || !std::isfinite(center.x()) ||
        !std::isfinite(center.y())) {
        return;
    }
    m_center = center;
    m_mapUnitsPerPixel = mapUnitsPerPixel;
    viewMoved();
    refresh();
}

layers::MapRect MapCanvas::extent() const
{
    const double halfWidth = width() * m_mapUnitsPerPixel / 2;
    const double halfHeight = height() * m_mapUnitsPerPixel / 2;
    return {m_center.x() - halfWidth,
            m_center.y() - halfHeight,
            m_center.x() + halfWidth,
            m_center.y() + halfHeight};
}

void MapCanvas::zoomToRectangle(const QRectF& rectangle)
{
    const QRectF r = rectangle.normalized();
    if (!m_painted) {
        m_pendingFit = r;
    }
    const double w = std::max(width(), 1), h = std::max(height(), 1);
    const double margin = 1.05;
    double unitsPerPixel = std::max(r.width() / w, r.height() / h) * margin;
    // A point (zero size) keeps the current scale and only centres.
    if (!(unitsPerPixel > 0)) {
        unitsPerPixel = m_mapUnitsPerPixel;
    }
    setView(r.center(), unitsPerPixel);
}

void MapCanvas::zoomToLonLatRectangle(const QRectF& lonLat, double minimumWidth)
{
    QRectF r = lonLatRectangleToMap(lonLat);
    const double metresPerUnit = m_projected ? 1.0 : metresPerDegree;
    const double minimum = minimumWidth / metresPerUnit;
    if (r.width() < minimum && r.height() < minimum) {
        const QPointF c = r.center();
        r = QRectF(c.x() - minimum / 2, c.y() - minimum / 2, minimum, minimum);
    }
    zoomToRectangle(r);
}

void MapCanvas::zoomToFullExtent()
{
    if (m_fullExtent.width() > 0 || m_fullExtent.height() > 0) {
        zoomToRectangle(m_fullExtent);
    }
}

void MapCanvas::zoomBy(double factor, QPointF anchor)
{
    if (!(factor > 0)) {
        return;
    }
    const QPointF anchorMap = toMap(anchor);
    const double unitsPerPixel = m_mapUnitsPerPixel / factor;
    // Keep anchorMap under the anchor pixel.
    const QPointF center(anchorMap.x() - (anchor.x() - width() / 2.0) * unitsPerPixel,
                         anchorMap.y() + (anchor.y() - height() / 2.0) * unitsPerPixel);
    setView(center, unitsPerPixel);
}

void MapCanvas::panByPixels(QPointF delta)
{
    m_center = QPointF(m_center.x() - delta.x() * m_mapUnitsPerPixel,
                       m_center.y() + delta.y() * m_mapUnitsPerPixel);
    viewMoved();
}

double MapCanvas::scaleDenominator() const
{
    double metresPerPixel = m_mapUnitsPerPixel;
    if (!m_projected) {
        metresPerPixel *= metresPerDegree * std::cos(m_center.y() * M_PI / 180);
    }
    const double dpi = logicalDpiX() > 0 ? logicalDpiX() : 96;
    return metresPerPixel * dpi / metresPerInch;
}

void MapCanvas::setScaleDenominator(double denominator)
{
    const double current = scaleDenominator();
    if (denominator > 0 && current > 0) {
        setView(m_center, m_mapUnitsPerPixel * denominator / current);
    }
}

QPointF MapCanvas::toMap(QPointF p) const
{
    return {m_center.x() + (p.x() - width() / 2.0) * m_mapUnitsPerPixel,
            m_center.y() - (p.y() - height() / 2.0) * m_mapUnitsPerPixel};
}

QPointF MapCanvas::toWidget(QPointF p) const
{
    return {(p.x() - m_center.x()) / m_mapUnitsPerPixel + width() / 2.0,
            height() / 2.0 - (p.y() - m_center.y()) / m_mapUnitsPerPixel};
}

std::optional<QPointF> MapCanvas::mapToLonLat(QPointF p) const
{
    if (!m_toLonLat) {
        return p;
    }
    double x = p.x(), y = p.y();
    if (!m_toLonLat->transform(x, y)) {
        return std::nullopt;
    }
    return QPointF(x, y);
}

std::optional<QPointF> MapCanvas::lonLatToMap(QPointF p) const
{
    if (!m_fromLonLat) {
        return p;
    }
    double x = p.x(), y = p.y();
    if (!m_fromLonLat->transform(x, y)) {
        return std::nullopt;
    }
    return QPointF(x, y);
}

namespace {
template <typename Transform> QRectF transformRectangle(const QRectF& r, Transform transform)
{
    bool first = true;
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    constexpr int steps = 4;
    for (int i = 0; i <= steps; ++i) {
        for (int j = 0; j <= steps; ++j) {
            const QPointF p(r.left() + r.width() * i / steps, r.top() + r.height() * j / steps);
            const auto t = transform(p);
            if (!t) {
                continue;
            }
            if (first) {
                minX = maxX = t->x();
                minY = maxY = t->y();
                first = false;
            } else {
                minX = std::min(minX, t->x()), maxX = std::max(maxX, t->x());
                minY = std::min(minY, t->y()), maxY = std::max(maxY, t->y());
            }
        }
    }
    return first ? QRectF() : QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
}
} // namespace

QRectF MapCanvas::mapRectangleToLonLat(const QRectF& r) const
{
    return transformRectangle(r, [this](QPointF p) { return mapToLonLat(p); });
}

QRectF MapCanvas::lonLatRectangleToMap(const QRectF& r) const
{
    return transformRectangle(r, [this](QPointF p) { return lonLatToMap(p); });
}

QRectF MapCanvas::lonLatRectangleAround(QPointF widgetPoint, double tolerance) const
{
    const QPointF a = toMap(widgetPoint - QPointF(tolerance, tolerance));
    const QPointF b = toMap(widgetPoint + QPointF(tolerance, tolerance));
    return mapRectangleToLonLat(QRectF(a, b).normalized());
}

void MapCanvas::refresh()
{
    // Only schedules: many calls in one event-loop turn restart the same timer.
    if (m_projectPath.empty()) {
        return;
    }
    m_pending = true;
    m_scheduler->refresh();
}

bool MapCanvas::isRendering() const
{
    return m_pending || m_scheduler->isRendering();
}

int MapCanvas::renderStartCount() const
{
    return m_scheduler->rendersStarted();
}

void MapCanvas::setRefreshDelay(int milliseconds)
{
    m_scheduler->setDelay(milliseconds);
}

layers::MapSettings MapCanvas::settingsSnapshot() const
{
    layers::MapSettings settings;
    settings.projectPath = m_projectPath;
    settings.crs = m_crs;
    settings.extent = extent();
    const qreal ratio = devicePixelRatioF();
    settings.size = QSize(std::max(1, int(std::lround(width() * ratio))),
                          std::max(1, int(std::lround(height() * ratio))));
    settings.dpi = (logicalDpiX() > 0 ? logicalDpiX() : 96) * ratio;
    settings.layers = m_layers;
    settings.thematicLayers = m_thematic;
    settings.rasters = m_rasters;
    settings.evacuationRoutes = m_evacuationRoutes;
    settings.background = QColor(255, 255, 255);
    return settings;
}

void MapCanvas::rendered()
{
    const layers::RenderResult& result = m_scheduler->lastResult();
    const layers::MapSettings& settings = m_scheduler->lastSettings();
    // A canceled job, or one for the project shown before, changes nothing.
    if (result.canceled || result.image.isNull() || settings.projectPath != m_projectPath) {
        return;
    }
    m_image = result.image;
    m_imageExtent = settings.visibleExtent();
    m_errors.clear();
    for (const auto& error : result.errors) {
        m_errors << QString::fromStdString(error);
    }
    ++m_renderFinishes;
    update();
    emit renderFinished();
}

void MapCanvas::viewMoved()
{
    update();
    emit viewChanged();
}

void MapCanvas::paintEvent(QPaintEvent*)
{
    m_painted = true;
    m_pendingFit.reset();
    QPainter painter(this);
    painter.fillRect(rect(), QColor(255, 255, 255));
    if (!m_image.isNull()) {
        // The last image where its extent lies in the current view: shifted while panning,
        // scaled while zooming, until the new render arrives.
        const QPointF topLeft = toWidget(QPointF(m_imageExtent.minX, m_imageExtent.maxY));
        const QPointF bottomRight = toWidget(QPointF(m_imageExtent.maxX, m_imageExtent.minY));
        painter.setRenderHint(QPainter::SmoothPixmapTransform, !m_middlePanning);
        painter.drawImage(QRectF(topLeft, bottomRight), m_image);
    }
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_boxZooming) {
        painter.setPen(QPen(QColor(30, 90, 200), 1, Qt::DashLine));
        painter.setBrush(QColor(30, 90, 200, 40));
        painter.drawRect(QRectF(m_boxStart, m_boxEnd).normalized());
    }
    if (m_tool) {
        m_tool->paint(painter);
    }
}

void MapCanvas::resizeEvent(QResizeEvent*)
{
    if (m_pendingFit) {
        zoomToRectangle(*m_pendingFit);
    }
    refresh();
    emit viewChanged();
}

void MapCanvas::setTool(MapTool* tool)
{
    if (m_tool == tool) {
        return;
    }
    if (m_tool) {
        m_tool->reset();
    }
    m_tool = tool;
    setCursor(tool ? tool->cursor() : QCursor(Qt::ArrowCursor));
    update();
    emit toolChanged(tool);
}

void MapCanvas::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::MiddleButton) {
        m_middlePanning = true;
        m_lastMousePosition = event->position();
        setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier) &&
        (!m_tool || m_tool->allowsBoxZoom())) {
        m_boxZooming = true;
        m_boxStart = m_boxEnd = event->position();
        return;
    }
    if (m_tool) {
        m_tool->mousePress(event);
    }
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event)
{
    emit mouseMoved(toMap(event->position()));
    if (m_middlePanning) {
        panByPixels(event->position() - m_lastMousePosition);
        m_lastMousePosition = event->position();
        return;
    }
    if (m_boxZooming) {
        m_boxEnd = event->position();
        update();
        return;
    }
    if (m_tool) {
        m_tool->mouseMove(event);
    }
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_middlePanning && event->button() == Qt::MiddleButton) {
        m_middlePanning = false;
        setCursor(m_tool ? m_tool->cursor() : QCursor(Qt::ArrowCursor));
        refresh();
        return;
    }
    if (m_boxZooming && event->button() == Qt::LeftButton) {
        m_boxZooming = false;
        const QRectF box = QRectF(m_boxStart, event->position()).normalized();
        if (box.width() > 4 && box.height() > 4) {
            zoomToRectangle(QRectF(toMap(box.topLeft()), toMap(box.bottomRight())).normalized());
        }
        update();
        return;
    }
    if (m_tool) {
        m_tool->mouseRelease(event);
    }
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_tool) {
        m_tool->mouseDoubleClick(event);
    }
}

void MapCanvas::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        return;
    }
    zoomBy(std::pow(2.0, steps / 2), event->position());
    event->accept();
}

void MapCanvas::keyPressEvent(QKeyEvent* event)
{
    if (m_tool && m_tool->keyPress(event)) {
        return;
    }
    const double step = std::min(width(), height()) / 4.0;
    switch (event->key()) {
    case Qt::Key_Left:
        panByPixels(QPointF(step, 0));
        refresh();
        break;
    case Qt::Key_Right:
        panByPixels(QPointF(-step, 0));
        refresh();
        break;
    case Qt::Key_Up:
        panByPixels(QPointF(0, step));
        refresh();
        break;
    case Qt::Key_Down:
        panByPixels(QPointF(0, -step));
        refresh();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(2);
        break;
    case Qt::Key_Minus:
        zoomBy(0.5);
        break;
    case Qt::Key_Home:
        zoomToFullExtent();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace app
