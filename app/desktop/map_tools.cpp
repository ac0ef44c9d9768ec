#include "app/desktop/map_tools.h"

#include "app/desktop/map_canvas.h"
#include "geo/coordinate_transform.h"

#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace app {

namespace {
const QColor rubberColor(220, 40, 120);
const QColor fillColor(220, 40, 120, 50);
constexpr double vertexTolerancePixels = 8;

void drawVertices(QPainter& painter, const std::vector<QPointF>& points)
{
    painter.setPen(QPen(rubberColor, 1));
    painter.setBrush(QColor(255, 255, 255));
    for (const QPointF& p : points) {
        painter.drawRect(QRectF(p.x() - 3, p.y() - 3, 6, 6));
    }
}
} // namespace

MapTool::MapTool(MapCanvas* canvas) : QObject(canvas), m_canvas(canvas)
{}

void MapTool::mousePress(QMouseEvent*)
{}
void MapTool::mouseMove(QMouseEvent*)
{}
void MapTool::mouseRelease(QMouseEvent*)
{}
void MapTool::mouseDoubleClick(QMouseEvent*)
{}
bool MapTool::keyPress(QKeyEvent*)
{
    return false;
}
void MapTool::paint(QPainter&)
{}

void MapTool::updateCanvas()
{
    m_canvas->update();
}

// Pan

void PanTool::mousePress(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_last = event->position();
        canvas()->setCursor(Qt::ClosedHandCursor);
    }
}

void PanTool::mouseMove(QMouseEvent* event)
{
    if (m_dragging) {
        canvas()->panByPixels(event->position() - m_last);
        m_last = event->position();
    }
}

void PanTool::mouseRelease(QMouseEvent* event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        canvas()->setCursor(cursor());
        canvas()->refresh();
    }
}

// Zoom box

void ZoomBoxTool::mousePress(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_start = m_end = event->position();
    }
}

void ZoomBoxTool::mouseMove(QMouseEvent* event)
{
    if (m_dragging) {
        m_end = event->position();
        updateCanvas();
    }
}

void ZoomBoxTool::mouseRelease(QMouseEvent* event)
{
    if (event->button() == Qt::RightButton) {
        canvas()->zoomBy(0.5, event->position());
        return;
    }
    if (!m_dragging || event->button() != Qt::LeftButton) {
        return;
    }
    m_dragging = false;
    const QRectF box = QRectF(m_start, event->position()).normalized();
    if (box.width() > 4 && box.height() > 4) {
        canvas()->zoomToRectangle(
            QRectF(canvas()->toMap(box.topLeft()), canvas()->toMap(box.bottomRight()))
                .normalized());
    } else {
        canvas()->zoomBy(2, event->position());
    }
    updateCanvas();
}

void ZoomBoxTool::paint(QPainter& painter)
{
    if (m_dragging) {
        painter.setPen(QPen(QColor(30, 90, 200), 1, Qt::DashLine));
        painter.setBrush(QColor(30, 90, 200, 40));
        painter.drawRect(QRectF(m_start, m_end).normalized());
    }
}

// Identify

void IdentifyTool::mouseRelease(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        emit identifyRequested(event->position());
    }
}

// Select

void SelectTool::mousePress(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_start = m_end = event->position();
    }
}

void SelectTool::mouseMove(QMouseEvent* event)
{
    if (m_dragging) {
        m_end = event->position();
        updateCanvas();
    }
}

void SelectTool::mouseRelease(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton) {
        return;
    }
    m_dragging = false;
    const bool add = event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier);
    QRectF box = QRectF(m_start, event->position()).normalized();
    if (box.width() < 4 && box.height() < 4) {
        const QPointF p = event->position();
        box = QRectF(p.x() - 4, p.y() - 4, 8, 8);
    }
    updateCanvas();
    emit selectRequested(box, add);
}

void SelectTool::paint(QPainter& painter)
{
    if (m_dragging) {
        painter.setPen(QPen(QColor(240, 180, 0), 1, Qt::DashLine));
        painter.setBrush(QColor(240, 180, 0, 50));
        painter.drawRect(QRectF(m_start, m_end).normalized());
    }
}

// Measure

MeasureTool::MeasureTool(MapCanvas* canvas, Mode mode) : MapTool(canvas), m_mode(mode)
{}

void MeasureTool::reset()
{
    m_ignoreRelease = false;
    m_points.clear();
    m_moving.reset();
    m_finished = false;
    updateCanvas();
    emit measurementChanged(QString());
}

void MeasureTool::mouseRelease(QMouseEvent* event)
{
    if (m_ignoreRelease) {
        m_ignoreRelease = false; // the release that ends a double click
        return;
    }
    if (event->button() == Qt::RightButton) {
        m_finished = true;
        m_moving.reset();
        updateCanvas();
        emit measurementChanged(resultText());
        return;
    }
    if (event->button() != Qt::LeftButton) {
        return;
    }
    if (m_finished) {
        m_points.clear();
        m_finished = false;
    }
    m_points.push_back(canvas()->toMap(event->position()));
    updateCanvas();
    emit measurementChanged(resultText());
}

void MeasureTool::mouseMove(QMouseEvent* event)
{
    if (!m_points.empty() && !m_finished) {
        m_moving = snappedMapPoint(event->position());
        updateCanvas();
    }
}

void MeasureTool::mouseDoubleClick(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        // The double click's first release already added the point.
        m_finished = true;
        m_ignoreRelease = true;
        m_moving.reset();
        updateCanvas();
        emit measurementChanged(resultText());
    }
}

bool MeasureTool::keyPress(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        reset();
        return true;
    }
    if (event->key() == Qt::Key_Backspace && !m_points.empty()) {
        m_points.pop_back();
        updateCanvas();
        emit measurementChanged(resultText());
        return true;
    }
    return false;
}

std::vector<QPointF> MeasureTool::measuredPoints(bool withMoving) const
{
    std::vector<QPointF> points = m_points;
    if (withMoving && m_moving && !m_finished) {
        points.push_back(*m_moving);
    }
    const std::string target = canvas()->measurementCrs();
    if (target != canvas()->crs()) {
        try {
            const geo::CoordinateTransform transform(canvas()->crs(), target);
            for (QPointF& p : points) {
                double x = p.x(), y = p.y();
                transform.transform(x, y);
                p = QPointF(x, y);
            }
        } catch (const std::exception&) {
            return {}; // no metric CRS here: nothing to measure
        }
    }
    return points;
}

double MeasureTool::distance() const
{
    const auto points = measuredPoints(false);
    return polylineLength(QPolygonF(QList<QPointF>(points.begin(), points.end())));
}

double MeasureTool::area() const
{
    const auto points = measuredPoints(false);
    return ringArea(QPolygonF(QList<QPointF>(points.begin(), points.end())));
}

QString MeasureTool::resultText() const
{
    const QLocale locale;
    if (m_points.size() < 2) {
        return QString();
    }
    if (m_mode == Mode::Distance) {
        const double metres = distance();
        QString text = tr("Jarak: %1 m").arg(locale.toString(metres, 'f', 1));
        if (metres >= 1000) {
            text += QString(" (%1 km)").arg(locale.toString(metres / 1000, 'f', 2));
        }
        return text;
    }
    const double squareMetres = area();
    return tr("Luas: %1 ha (%2 m²)")
        .arg(locale.toString(squareMetres / 10000, 'f', 2))
        .arg(locale.toString(squareMetres, 'f', 0));
}

void MeasureTool::paint(QPainter& painter)
{
    if (m_points.empty()) {
        return;
    }
    QPolygonF line;
    for (const QPointF& p : m_points) {
        line << canvas()->toWidget(p);
    }
    if (m_moving && !m_finished) {
        line << canvas()->toWidget(*m_moving);
    }
    painter.setPen(QPen(rubberColor, 2));
    if (m_mode == Mode::Area && line.size() >= 3) {
        painter.setBrush(fillColor);
        painter.drawPolygon(line);
    } else {
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(line);
    }
    drawVertices(painter, std::vector<QPointF>(line.begin(), line.end()));
    const QString text = resultText();
    if (!text.isEmpty()) {
        const QPointF at = line.last() + QPointF(10, -10);
        QFont font = painter.font();
        font.setBold(true);
        painter.setFont(font);
        const QRectF box = painter.fontMetrics().boundingRect(text).adjusted(-4, -2, 4, 2);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 220));
        painter.drawRect(box.translated(at));
        painter.setPen(QColor(20, 20, 20));
        painter.drawText(at, text);
    }
}

// Add feature

AddFeatureTool::AddFeatureTool(MapCanvas* canvas, Geometry::Type type)
    : MapTool(canvas), m_type(type)
{}

QString AddFeatureTool::id() const
{
    switch (m_type) {
    case Geometry::Type::Point:
        return "add_point";
    case Geometry::Type::Line:
        return "add_line";
    case Geometry::Type::Polygon:
        return "add_polygon";
    case Geometry::Type::None:
        break;
    }
    return "add";
}

void AddFeatureTool::reset()
{
    m_ignoreRelease = false;
    m_points.clear();
    m_moving.reset();
    updateCanvas();
}

QPointF MapTool::snappedMapPoint(QPointF widgetPoint, const std::string& excludeUuid) const
{
    return canvas()->snap(widgetPoint, excludeUuid).value_or(canvas()->toMap(widgetPoint));
}

void AddFeatureTool::mouseRelease(QMouseEvent* event)
{
    if (m_ignoreRelease) {
        m_ignoreRelease = false; // the release that ends a double click
        return;
    }
    if (event->button() == Qt::RightButton) {
        finish();
        return;
    }
    if (event->button() != Qt::LeftButton) {
        return;
    }
    m_points.push_back(snappedMapPoint(event->position()));
    if (m_type == Geometry::Type::Point) {
        finish();
        return;
    }
    updateCanvas();
}

void AddFeatureTool::mouseMove(QMouseEvent* event)
{
    if (!m_points.empty()) {
        m_moving = canvas()->toMap(event->position());
        updateCanvas();
    }
}

void AddFeatureTool::mouseDoubleClick(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_type != Geometry::Type::Point) {
        m_ignoreRelease = true;
        finish();
    }
}

bool AddFeatureTool::keyPress(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        reset();
        return true;
    case Qt::Key_Backspace:
        if (!m_points.empty()) {
            m_points.pop_back();
            updateCanvas();
        }
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        finish();
        return true;
    default:
        return false;
    }
}

bool AddFeatureTool::finish()
{
    // A double click repeats the last point; drop repeats.
    std::vector<QPointF> points;
    for (const QPointF& p : m_points) {
        if (points.empty() || QLineF(points.back(), p).length() > 1e-9) {
            points.push_back(p);
        }
    }
    const std::size_t needed = m_type == Geometry::Type::Point  ? 1
                               : m_type == Geometry::Type::Line ? 2
                                                                : 3;
    if (points.size() < needed) {
        return false;
    }
    Geometry geometry;
    geometry.type = m_type;
    QPolygonF ring(QList<QPointF>(points.begin(), points.end()));
    if (m_type == Geometry::Type::Polygon) {
        ring.append(ring.first());
    }
    geometry.parts.push_back({ring});
    m_points.clear();
    m_moving.reset();
    updateCanvas();
    emit geometryFinished(geometry);
    return true;
}

void AddFeatureTool::paint(QPainter& painter)
{
    if (m_points.empty()) {
        return;
    }
    QPolygonF line;
    for (const QPointF& p : m_points) {
        line << canvas()->toWidget(p);
    }
    if (m_moving) {
        line << canvas()->toWidget(*m_moving);
    }
    painter.setPen(QPen(rubberColor, 2));
    if (m_type == Geometry::Type::Polygon && line.size() >= 3) {
        painter.setBrush(fillColor);
        painter.drawPolygon(line);
    } else {
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(line);
    }
    std::vector<QPointF> vertices;
    for (const QPointF& p : m_points) {
        vertices.push_back(canvas()->toWidget(p));
    }
    drawVertices(painter, vertices);
}

// Move feature / move vertex

FeatureEditTool::FeatureEditTool(MapCanvas* canvas, Mode mode, FeatureLocator locator)
    : MapTool(canvas), m_mode(mode), m_locator(std::move(locator))
{}

void FeatureEditTool::reset()
{
    m_target.reset();
    m_vertex.reset();
    m_dragging = false;
    updateCanvas();
}

std::optional<FeatureEditTool::VertexIndex> FeatureEditTool::vertexNear(QPointF widgetPoint) const
{
    std::optional<VertexIndex> best;
    double bestDistance = vertexTolerancePixels;
    for (std::size_t part = 0; part < m_edited.parts.size(); ++part) {
        for (std::size_t ring = 0; ring < m_edited.parts[part].size(); ++ring) {
            const QPolygonF& points = m_edited.parts[part][ring];
            for (qsizetype i = 0; i < points.size(); ++i) {
                const double d = QLineF(canvas()->toWidget(points[i]), widgetPoint).length();
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = VertexIndex{part, ring, i};
                }
            }
        }
    }
    return best;
}

void FeatureEditTool::mousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        return;
    }
    const QPointF position = event->position();
    // Reuse the shown feature when a vertex of it is under the mouse; else pick again.
    if (!(m_target && m_mode == Mode::MoveVertex && vertexNear(position))) {
        m_target = m_locator ? m_locator(position) : std::nullopt;
        if (m_target) {
            m_edited = m_target->geometry;
        }
    }
    if (!m_target) {
        updateCanvas();
        return;
    }
    if (m_mode == Mode::MoveVertex) {
        m_vertex = vertexNear(position);
        m_dragging = m_vertex.has_value();
    } else {
        m_dragging = true;
    }
    m_pressMap = canvas()->toMap(position);
    updateCanvas();
}

void FeatureEditTool::mouseMove(QMouseEvent* event)
{
    m_mouse = event->position();
    if (!m_dragging || !m_target) {
        return;
    }
    // A dragged vertex snaps to other features' vertices (never to its own feature's).
    const QPointF here = m_mode == Mode::MoveVertex
                             ? snappedMapPoint(event->position(), m_target->uuid)
                             : canvas()->toMap(event->position());
    if (m_mode == Mode::MoveFeature) {
        m_edited = m_target->geometry;
        m_edited.translate(here.x() - m_pressMap.x(), here.y() - m_pressMap.y());
    } else if (m_vertex) {
        QPolygonF& ring = m_edited.parts[m_vertex->part][m_vertex->ring];
        const bool closedRing = m_edited.type == Geometry::Type::Polygon && ring.size() > 1 &&
                                ring.first() == ring.last();
        const qsizetype last = ring.size() - 1;
        ring[m_vertex->point] = here;
        // The first and last points of a closed ring are the same vertex.
        if (closedRing && (m_vertex->point == 0 || m_vertex->point == last)) {
            ring[0] = here;
            ring[last] = here;
        }
    }
    updateCanvas();
}

void FeatureEditTool::mouseRelease(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton || !m_target) {
        return;
    }
    m_dragging = false;
    m_vertex.reset();
    const QPointF here = canvas()->toMap(event->position());
    if (QLineF(here, m_pressMap).length() / canvas()->mapUnitsPerPixel() < 1) {
        updateCanvas();
        return; // a click without a drag changes nothing
    }
    commitEdit();
}

void FeatureEditTool::commitEdit()
{
    m_target->geometry = m_edited;
    updateCanvas();
    emit geometryEdited(m_target->theme, m_target->uuid, m_edited);
}

void FeatureEditTool::mouseDoubleClick(QMouseEvent* event)
{
    if (m_mode != Mode::MoveVertex || !m_target || event->button() != Qt::LeftButton ||
        vertexNear(event->position())) {
        return;
    }
    m_dragging = false;
    m_vertex.reset();
    const double tolerance = vertexTolerancePixels * canvas()->mapUnitsPerPixel();
    if (insertVertexNear(m_edited, canvas()->toMap(event->position()), tolerance)) {
        commitEdit();
    }
}

bool FeatureEditTool::keyPress(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        reset();
        return true;
    }
    if (m_mode == Mode::MoveVertex && m_target && !m_dragging &&
        (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)) {
        const auto vertex = vertexNear(m_mouse);
        if (vertex &&
            removeVertex(m_edited, VertexPosition{vertex->part, vertex->ring, vertex->point})) {
            commitEdit();
        }
        return true;
    }
    return false;
}

void FeatureEditTool::paint(QPainter& painter)
{
    if (!m_target) {
        return;
    }
    painter.setPen(QPen(rubberColor, 2));
    std::vector<QPointF> vertices;
    for (const auto& part : m_edited.parts) {
        QPainterPath path;
        for (const auto& ring : part) {
            QPolygonF screen;
            for (const QPointF& p : ring) {
                screen << canvas()->toWidget(p);
                vertices.push_back(screen.last());
            }
            if (m_edited.type == Geometry::Type::Polygon) {
                path.addPolygon(screen);
                path.closeSubpath();
            } else if (m_edited.type == Geometry::Type::Line) {
                path.addPolygon(screen);
            }
        }
        painter.setBrush(m_edited.type == Geometry::Type::Polygon ? QBrush(fillColor)
                                                                  : QBrush(Qt::NoBrush));
        painter.drawPath(path);
    }
    drawVertices(painter, vertices);
}

// Delete

void DeleteTool::mouseRelease(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        emit deleteRequested(event->position());
    }
}

} // namespace app
