#pragma once

#include "geo/geometry_check.h"
#include "layers/render/map_settings.h"

#include <QIcon>
#include <QString>
#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QLabel;
class QSlider;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace layers {
class Project;
}

namespace app {

/// A legend symbol as an icon of size pixels: the symbol's SVG icon, else its marker shape, line
/// or area swatch (the layers panel and the presentation legend draw the same symbols).
QIcon symbolIcon(const layers::Symbol& symbol, geo::GeometryFamily family, int size = 18);

/// The icon of a raster background of a kind (image, hillshade, tiles), size pixels.
QIcon rasterIcon(layers::RasterLayer::Kind kind, int size = 18);

/// A raster background as the layers panel holds it.
struct RasterEntry
{
    layers::RasterLayer layer;
    /// False when the file is missing or GDAL cannot read it: the entry stays (and is saved
    /// with the project) but draws nothing.
    bool available = true;
    QString problem; ///< why it is unavailable (its tooltip)
};

/// The layers panel: one entry per theme with a visibility checkbox and its feature count,
/// the legend of its category symbols (from the theme's style) underneath, drawing order by
/// drag and drop or the up/down buttons (top of the list draws on top), and an opacity slider
/// for the current layer. The current layer is the one new features go to. Raster backgrounds
/// are entries under the themes (they draw below every theme) with the same checkbox, slider
/// and up/down buttons, ordered among themselves. GUI thread.
class LayerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LayerPanel(QWidget* parent = nullptr);

    /// Lists the project's themes with their counts and legends.
    void setProject(layers::Project& project);
    /// Re-reads the feature counts.
    void updateCounts(layers::Project& project);

    /// The layers to draw, bottom first.
    std::vector<layers::MapLayer> mapLayers() const;
    /// Theme names in the panel's order, top first.
    std::vector<std::string> order() const;

    void setLayerVisible(const std::string& theme, bool visible);
    bool isLayerVisible(const std::string& theme) const;
    void setLayerOpacity(const std::string& theme, double opacity);
    double layerOpacity(const std::string& theme) const;
    /// Moves a layer up (delta < 0) or down in the list.
    void moveLayer(const std::string& theme, int delta);
    std::string currentTheme() const;
    void setCurrentTheme(const std::string& theme);
    /// The legend entries shown under a layer.
    int legendEntryCount(const std::string& theme) const;
    QTreeWidget* tree() const { return m_tree; }

    // Raster backgrounds. An index counts the raster entries from the top of the panel (0 is
    // the raster drawn above the other rasters); lists are bottom first, as they are drawn.
    /// Adds a raster above the other rasters (the current entry stays).
    void addRaster(const RasterEntry& entry);
    /// Replaces every raster entry (a project's saved list), bottom first.
    void setRasters(const std::vector<RasterEntry>& entries);
    /// Every raster entry, available or not, bottom first: what the project saves.
    std::vector<RasterEntry> rasters() const;
    /// The rasters to draw, bottom first: the available entries with their visibility.
    std::vector<layers::RasterLayer> rasterLayers() const;
    int rasterCount() const;
    QTreeWidgetItem* rasterItem(int index) const;
    RasterEntry raster(int index) const;
    void setRasterVisible(int index, bool visible);
    bool isRasterVisible(int index) const;
    void setRasterOpacity(int index, double opacity);
    double rasterOpacity(int index) const;
    /// Moves a raster up (delta < 0) or down among the rasters.
    void moveRaster(int index, int delta);
    void removeRaster(int index);
    /// Replaces an entry (its file found again, say) in its place, keeping its visibility.
    void replaceRaster(int index, const RasterEntry& entry);
    /// The index of the current entry when it is a raster, else -1.
    int currentRaster() const;
    void setCurrentRaster(int index);

signals:
    /// Visibility, order or opacity of a theme changed.
    void layersChanged();
    /// A raster entry was added, removed, shown, hidden, moved or changed its opacity.
    void rastersChanged();
    /// The current entry changed; an empty theme when it is a raster.
    void currentThemeChanged(const QString& theme);
    void zoomToLayerRequested(const QString& theme);
    void openTableRequested(const QString& theme);
    void zoomToRasterRequested(int index);
    /// The user wants to choose the file of an unavailable raster.
    void locateRasterRequested(int index);
    void addRasterRequested();

private:
    QTreeWidgetItem* item(const std::string& theme) const;
    int themeCount() const;
    int rasterIndexOf(const QTreeWidgetItem* item) const;
    QTreeWidgetItem* insertRaster(const RasterEntry& entry);
    void showRaster(QTreeWidgetItem* item, const RasterEntry& entry);
    void normalizeAfterDrop();
    void currentChanged();
    void showContextMenu(const QPoint& position);
    void showRasterMenu(int index, const QPoint& globalPosition);

    QTreeWidget* m_tree;
    QSlider* m_opacity;
    QLabel* m_opacityLabel;
    QToolButton* m_up;
    QToolButton* m_down;
    QToolButton* m_addRaster;
    std::map<std::string, double> m_opacities;
    /// Raster entries by the id in their item (RasterIdRole); the checkbox holds visibility.
    std::map<int, RasterEntry> m_rasters;
    int m_nextRasterId = 1;
    bool m_updating = false;
};

} // namespace app
