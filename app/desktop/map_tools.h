#pragma once

#include "app/desktop/geometry.h"

#include <QCursor>
#include <QObject>
#include <QPointF>
#include <QRectF>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QKeyEvent;
class QMouseEvent;
class QPainter;

namespace app {

class MapCanvas;

/// A way of using the mouse on the canvas (pan, identify, measure, edit). The canvas forwards
/// its events to the active tool and calls paint() for the tool's overlay (widget pixels).
/// GUI thread; the tool does not own the canvas.
class MapTool : public QObject
{
    Q_OBJECT
public:
    explicit MapTool(MapCanvas* canvas);
    MapCanvas* canvas() const { return m_canvas; }
    /// A stable identifier ("pan", "identify", ...) for settings and tests.
    virtual QString id() const = 0;
    virtual QCursor cursor() const { return Qt::ArrowCursor; }
    /// Called when the tool stops being the canvas's tool: forget what was half done.
    virtual void reset() {}
    virtual void mousePress(QMouseEvent* event);
    virtual void mouseMove(QMouseEvent* event);
    virtual void mouseRelease(QMouseEvent* event);
    virtual void mouseDoubleClick(QMouseEvent* event);
    /// Returns true when the tool used the key.
    virtual bool keyPress(QKeyEvent* event);
    virtual void paint(QPainter& painter);
    /// Whether shift-drag zooms to a box while this tool is active.
    virtual bool allowsBoxZoom() const { return true; }

protected:
    void updateCanvas();
    /// The map point under the mouse, snapped to a nearby vertex when snapping finds one.
    QPointF snappedMapPoint(QPointF widgetPoint, const std::string& excludeUuid = {}) const;

private:
    MapCanvas* m_canvas;
};

/// Drags the map.
class PanTool : public MapTool
{
    Q_OBJECT
public:
    using MapTool::MapTool;
    QString id() const override { return "pan"; }
    QCursor cursor() const override { return Qt::OpenHandCursor; }
    void reset() override { m_dragging = false; }
    void mousePress(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseRelease(QMouseEvent* event) override;

private:
    bool m_dragging = false;
    QPointF m_last;
};

/// Drag a box to zoom in to it; a click zooms in, a right click zooms out.
class ZoomBoxTool : public MapTool
{
    Q_OBJECT
public:
    using MapTool::MapTool;
    QString id() const override { return "zoom"; }
    QCursor cursor() const override { return Qt::CrossCursor; }
    void reset() override { m_dragging = false; }
    void mousePress(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseRelease(QMouseEvent* event) override;
    void paint(QPainter& painter) override;

private:
    bool m_dragging = false;
    QPointF m_start, m_end;
};

/// A click asks for the feature under the mouse (the main window opens its form).
class IdentifyTool : public MapTool
{
    Q_OBJECT
public:
    using MapTool::MapTool;
    QString id() const override { return "identify"; }
    QCursor cursor() const override { return Qt::WhatsThisCursor; }
    void mouseRelease(QMouseEvent* event) override;
signals:
    void identifyRequested(QPointF widgetPoint);
};

/// A click selects the feature under the mouse, a drag selects every feature in the box;
/// with Ctrl or Shift the selection grows instead of being replaced.
class SelectTool : public MapTool
{
    Q_OBJECT
public:
    using MapTool::MapTool;
    QString id() const override { return "select"; }
    QCursor cursor() const override { return Qt::PointingHandCursor; }
    bool allowsBoxZoom() const override { return false; }
    void reset() override { m_dragging = false; }
    void mousePress(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseRelease(QMouseEvent* event) override;
    void paint(QPainter& painter) override;
signals:
    /// A widget-pixel rectangle (a click gives a small box around the point).
    void selectRequested(QRectF widgetRectangle, bool add);

private:
    bool m_dragging = false;
    QPointF m_start, m_end;
};

/// Measures a distance along clicked points (metres) or the area they enclose (square metres
/// shown as hectares), planar in the measurement CRS: the project's working UTM zone, whose
/// scale error is below 0.1% within a zone. A double or right click ends the measurement; the
/// next click starts a new one; Esc clears.
class MeasureTool : public MapTool
{
    Q_OBJECT
public:
    enum class Mode { Distance, Area };
    MeasureTool(MapCanvas* canvas, Mode mode);
    QString id() const override { return m_mode == Mode::Distance ? "measure" : "measure_area"; }
    QCursor cursor() const override { return Qt::CrossCursor; }
    Mode mode() const { return m_mode; }
    void reset() override;
    void mouseRelease(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseDoubleClick(QMouseEvent* event) override;
    bool keyPress(QKeyEvent* event) override;
    void paint(QPainter& painter) override;

    /// The clicked points in the canvas CRS.
    const std::vector<QPointF>& points() const { return m_points; }
    /// Length of the clicked line in metres (without the moving point).
    double distance() const;
    /// Area of the clicked polygon in square metres.
    double area() const;
    /// "1.234,5 m" / "2,35 ha (23.456 m²)" in the interface language.
    QString resultText() const;
    bool isFinished() const { return m_finished; }

signals:
    void measurementChanged(const QString& text);

private:
    std::vector<QPointF> measuredPoints(bool withMoving) const;
    Mode m_mode;
    std::vector<QPointF> m_points;
    std::optional<QPointF> m_moving;
    bool m_finished = false;
    bool m_ignoreRelease = false;
};

/// A feature picked for editing, with its geometry in the canvas CRS.
struct EditTarget
{
    std::string theme;
    std::string uuid;
    Geometry geometry;
};
/// Finds the editable feature under a widget point (supplied by the main window).
using FeatureLocator = std::function<std::optional<EditTarget>(QPointF widgetPoint)>;

/// Digitizes a new point, line or polygon: click to add vertices, Backspace removes the last,
/// a double click, right click or Enter finishes, Esc cancels.
class AddFeatureTool : public MapTool
{
    Q_OBJECT
public:
    AddFeatureTool(MapCanvas* canvas, Geometry::Type type);
    QString id() const override;
    QCursor cursor() const override { return Qt::CrossCursor; }
    Geometry::Type type() const { return m_type; }
    void reset() override;
    void mouseRelease(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseDoubleClick(QMouseEvent* event) override;
    bool keyPress(QKeyEvent* event) override;
    void paint(QPainter& painter) override;
    const std::vector<QPointF>& points() const { return m_points; }
    /// Ends the digitizing when enough points are there; returns false otherwise.
    bool finish();

signals:
    /// The new geometry, in the canvas CRS.
    void geometryFinished(const app::Geometry& geometry);

private:
    Geometry::Type m_type;
    std::vector<QPointF> m_points;
    std::optional<QPointF> m_moving;
    bool m_ignoreRelease = false;
};

/// Drags a whole feature (move) or one vertex of it (reshape; a point's vertex is the point).
class FeatureEditTool : public MapTool
{
    Q_OBJECT
public:
    enum class Mode { MoveFeature, MoveVertex };
    FeatureEditTool(MapCanvas* canvas, Mode mode, FeatureLocator locator);
    QString id() const override { return m_mode == Mode::MoveFeature ? "move" : "vertex"; }
    QCursor cursor() const override { return Qt::SizeAllCursor; }
    void reset() override;
    void mousePress(QMouseEvent* event) override;
    void mouseMove(QMouseEvent* event) override;
    void mouseRelease(QMouseEvent* event) override;
    /// Reshape: a double click on an edge of the shown feature adds a vertex there.
    void mouseDoubleClick(QMouseEvent* event) override;
    /// Reshape: Delete or Backspace removes the vertex under the mouse.
    bool keyPress(QKeyEvent* event) override;
    void paint(QPainter& painter) override;
    /// The feature being edited (shown with its vertices), if any.
    const std::optional<EditTarget>& target() const { return m_target; }

signals:
    /// The edited geometry, in the canvas CRS.
    void geometryEdited(const std::string& theme,
                        const std::string& uuid,
                        const app::Geometry& geometry);

private:
    struct VertexIndex
    {
        std::size_t part = 0, ring = 0;
        qsizetype point = 0;
    };
    std::optional<VertexIndex> vertexNear(QPointF widgetPoint) const;
    /// Saves m_edited as the target's new geometry.
    void commitEdit();
    Mode m_mode;
    FeatureLocator m_locator;
    std::optional<EditTarget> m_target;
    Geometry m_edited;
    std::optional<VertexIndex> m_vertex;
    bool m_dragging = false;
    QPointF m_pressMap;
    QPointF m_mouse; ///< the last mouse position (widget), for Delete
};

/// A click asks to delete the feature under the mouse (the main window confirms).
class DeleteTool : public MapTool
{
    Q_OBJECT
public:
    using MapTool::MapTool;
    QString id() const override { return "delete"; }
    QCursor cursor() const override { return Qt::ForbiddenCursor; }
    void mouseRelease(QMouseEvent* event) override;
signals:
    void deleteRequested(QPointF widgetPoint);
};

} // namespace app
