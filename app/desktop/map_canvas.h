#pragma once

#include "layers/render/map_settings.h"

#include <QImage>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace geo {
class CoordinateTransform;
}
namespace layers {
class RenderScheduler;
}

namespace app {

class MapTool;

/// The map view. Shows the last rendered image at once (shifted and scaled while the view
/// moves) and renders the next one in the background through layers::RenderScheduler:
/// refresh() only schedules, a single-shot timer coalesces requests into one
/// layers::MapRenderJob on an immutable MapSettings snapshot, a newer request cancels the
/// running job without waiting, and stale results are dropped by a generation counter. The
/// GUI thread never waits for a render.
///
/// Coordinates: "map" points are in the canvas CRS (the project's working CRS, metres);
/// lon/lat helpers convert to and from EPSG:4326 on the GUI thread. GUI thread only.
class MapCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit MapCanvas(QWidget* parent = nullptr);
    ~MapCanvas() override;

    /// Shows a project in a CRS ("EPSG:N"); clears the image and the tool's state.
    void setProject(const std::string& projectPath, const std::string& crs);
    const std::string& projectPath() const { return m_projectPath; }
    const std::string& crs() const { return m_crs; }
    /// The CRS measurements use: the canvas CRS when it is projected, else the UTM zone of
    /// the view's centre.
    std::string measurementCrs() const;

    /// The layers to draw, bottom first. Schedules a render.
    void setMapLayers(std::vector<layers::MapLayer> mapLayers);
    const std::vector<layers::MapLayer>& mapLayers() const { return m_layers; }
    /// Thematic maps drawn with the layers (see layers::MapSettings::thematicLayers).
    void setThematicLayers(std::vector<layers::ThematicLayer> thematicLayers);
    const std::vector<layers::ThematicLayer>& thematicLayers() const { return m_thematic; }
    /// Raster backgrounds (GeoTIFF, DEM hillshade, MBTiles) under the layers. Schedules a render.
    void setRasters(std::vector<layers::RasterLayer> rasters);
    const std::vector<layers::RasterLayer>& rasters() const { return m_rasters; }
    /// The routes of the last evacuation plan over the layers. Schedules a render.
    void setEvacuationRoutesVisible(bool visible);
    bool evacuationRoutesVisible() const { return m_evacuationRoutes; }
    /// Features drawn highlighted (the selection) for one theme; others keep theirs.
    void setHighlighted(const std::string& theme, std::vector<long long> fids);
    void clearHighlighted();

    // View.
    QPointF center() const { return m_center; }
    double mapUnitsPerPixel() const { return m_mapUnitsPerPixel; }
    void setView(QPointF center, double mapUnitsPerPixel);
    layers::MapRect extent() const;
    /// Fits a rectangle (map units) into the view with a small margin.
    void zoomToRectangle(const QRectF& mapRectangle);
    /// Fits a lon/lat rectangle; a point or tiny box is shown at least minimumWidth metres wide.
    void zoomToLonLatRectangle(const QRectF& lonLatRectangle, double minimumWidth = 300);
    void setFullExtent(const QRectF& mapRectangle) { m_fullExtent = mapRectangle; }
    void zoomToFullExtent();
    /// Zooms by factor (>1 zooms in) keeping the map point under anchor (widget pixels) fixed.
    void zoomBy(double factor, QPointF anchor);
    void zoomBy(double factor) { zoomBy(factor, QPointF(width() / 2.0, height() / 2.0)); }
    /// Moves the view by a pixel offset (the map follows the mouse).
    void panByPixels(QPointF delta);
    /// The 1:N scale of the view on this screen.
    double scaleDenominator() const;
    void setScaleDenominator(double denominator);

    QPointF toMap(QPointF widgetPoint) const;
    QPointF toWidget(QPointF mapPoint) const;
    std::optional<QPointF> mapToLonLat(QPointF mapPoint) const;
    std::optional<QPointF> lonLatToMap(QPointF lonLat) const;
    /// A lon/lat rectangle around a widget point, tolerance pixels each side.
    QRectF lonLatRectangleAround(QPointF widgetPoint, double tolerancePixels) const;
    /// The lon/lat bounding box of a map rectangle (corners and edge points transformed).
    QRectF mapRectangleToLonLat(const QRectF& mapRectangle) const;
    QRectF lonLatRectangleToMap(const QRectF& lonLatRectangle) const;

    /// Finds the vertex to snap to near a widget point (map coordinates), ignoring the feature
    /// with excludeUuid; set by the main window, which knows the project.
    using Snapper =
        std::function<std::optional<QPointF>(QPointF widgetPoint, const std::string& excludeUuid)>;
    void setSnapper(Snapper snapper) { m_snapper = std::move(snapper); }
    /// The snapped map point for a widget point, or nullopt when nothing is near (or no
    /// snapper is set).
    std::optional<QPointF> snap(QPointF widgetPoint, const std::string& excludeUuid = {}) const
    {
        return m_snapper ? m_snapper(widgetPoint, excludeUuid) : std::nullopt;
    }

    // Rendering.
    /// Schedules a render; calls in the same event-loop turn give one render.
    void refresh();
    /// A render is scheduled or running.
    bool isRendering() const;
    bool hasImage() const { return !m_image.isNull(); }
    const QImage& image() const { return m_image; }
    /// Renders started / finished with an image since construction (tests, screenshots).
    int renderStartCount() const;
    int renderFinishCount() const { return m_renderFinishes; }
    const QStringList& renderErrors() const { return m_errors; }
    void setRefreshDelay(int milliseconds);

    // Tools: the canvas does not own them.
    void setTool(MapTool* tool);
    MapTool* tool() const { return m_tool; }

signals:
    void renderStarted();
    /// A render finished and its image is shown (stale or canceled renders do not count).
    void renderFinished();
    void viewChanged();
    /// The mouse moved to a map point (canvas CRS).
    void mouseMoved(QPointF mapPoint);
    void toolChanged(app::MapTool* tool);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    Snapper m_snapper;
    void rendered();
    void viewMoved();
    layers::MapSettings settingsSnapshot() const;

    std::string m_projectPath;
    std::string m_crs = "EPSG:4326";
    bool m_projected = false;
    std::unique_ptr<geo::CoordinateTransform> m_toLonLat;
    std::unique_ptr<geo::CoordinateTransform> m_fromLonLat;
    std::vector<layers::MapLayer> m_layers;
    std::vector<layers::ThematicLayer> m_thematic;
    std::vector<layers::RasterLayer> m_rasters;
    bool m_evacuationRoutes = false;

    QPointF m_center;
    double m_mapUnitsPerPixel = 1;
    QRectF m_fullExtent;
    /// A fit asked for before the first paint (the widget's final size is not known yet);
    /// applied again on every resize until then.
    std::optional<QRectF> m_pendingFit;
    bool m_painted = false;

    layers::RenderScheduler* m_scheduler;
    bool m_pending = false; ///< refresh() called, render not started yet
    QImage m_image;
    layers::MapRect m_imageExtent; ///< what m_image shows, in map units
    QStringList m_errors;
    int m_renderFinishes = 0;

    MapTool* m_tool = nullptr;
    // Panning with the middle button (any tool) and box zoom with shift-drag.
    bool m_middlePanning = false;
    QPointF m_lastMousePosition;
    bool m_boxZooming = false;
    QPointF m_boxStart;
    QPointF m_boxEnd;
};

} // namespace app
