#pragma once

#include "geo/geometry_check.h"
#include "layers/render/map_settings.h"

#include <QIcon>
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

/// The layers panel: one entry per theme with a visibility checkbox and its feature count,
/// the legend of its category symbols (from the theme's style) underneath, drawing order by
/// drag and drop or the up/down buttons (top of the list draws on top), and an opacity slider
/// for the current layer. The current layer is the one new features go to. GUI thread.
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

signals:
    /// Visibility, order or opacity changed.
    void layersChanged();
    void currentThemeChanged(const QString& theme);
    void zoomToLayerRequested(const QString& theme);
    void openTableRequested(const QString& theme);

private:
    QTreeWidgetItem* item(const std::string& theme) const;
    void normalizeAfterDrop();
    void currentChanged();
    void showContextMenu(const QPoint& position);

    QTreeWidget* m_tree;
    QSlider* m_opacity;
    QLabel* m_opacityLabel;
    QToolButton* m_up;
    QToolButton* m_down;
    std::map<std::string, double> m_opacities;
    bool m_updating = false;
};

} // namespace app
