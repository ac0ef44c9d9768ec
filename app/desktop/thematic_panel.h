#pragma once

#include "layers/render/thematic_layer.h"

#include <QWidget>

#include <string>
#include <vector>

class QTreeWidget;
class QTreeWidgetItem;

namespace app {

/// The thematic maps of the window, shown in the layers dock under the themes: one entry per
/// map with a visibility checkbox and its legend (classes with ranges and unit, reference
/// circles, categories, the density ramp) underneath; right click edits or removes it.
/// Hidden while there is none. GUI thread.
class ThematicPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ThematicPanel(QWidget* parent = nullptr);

    void setProject(const std::string& projectPath);
    void addLayer(const layers::ThematicLayer& layer);
    void removeLayer(int index);
    void clear();
    /// The visible and hidden maps, in the order added (drawn in that order).
    std::vector<layers::ThematicLayer> layers() const;
    int layerCount() const { return int(m_layers.size()); }
    /// Legend lines shown under a map (errors count as one line).
    int legendEntryCount(int index) const;
    QTreeWidget* tree() const { return m_tree; }

signals:
    void layersChanged();
    void editRequested(int index);

private:
    void rebuild();
    void showContextMenu(const QPoint& position);

    std::string m_projectPath;
    std::vector<layers::ThematicLayer> m_layers;
    QTreeWidget* m_tree;
    bool m_updating = false;
};

} // namespace app
