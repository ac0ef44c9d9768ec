#pragma once

#include "app/desktop/geometry.h"
#include "layers/render/map_settings.h"

#include <QIcon>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace layers {
class Project;
}

namespace app {

class MapCanvas;

/// One village (desa or kelurahan) of the presentation, its geometry in the canvas CRS.
struct PresentationVillage
{
    std::int64_t fid = 0;
    QString name;
    QString code;      ///< Kemendagri code, may be empty
    QString level;     ///< "desa" or "kelurahan"
    QString kecamatan; ///< name of the parent kecamatan, may be empty
    Geometry geometry; ///< canvas CRS
    QRectF bounds;     ///< canvas CRS
};

/// One entry of the presentation legend: a layer heading (no icon) or a category symbol.
struct PresentationLegendEntry
{
    std::string theme;
    QString text;
    QIcon icon; ///< null for a layer heading
};

/// Presentation mode for the kecamatan forum: a full-screen window that shows one village
/// after another, zoomed to it with the neighbours dimmed (a translucent mask outside the
/// village polygon), a title band with the village and its kecamatan, and a large legend of
/// the visible layers. Keys (and presentation clickers, which send them): Right, Page Down,
/// Space or a left click = next village; Left, Page Up, Backspace = previous; Home/End =
/// first/last; B or H = hazard zones, E = evacuation sites, P = potential; M or a right click
/// = a small menu; Escape leaves.
///
/// The map is the ordinary MapCanvas with its own RenderScheduler: every render runs in the
/// background and the window never waits for one. The villages and the legend are read once,
/// when the window opens, from the caller's project connection (GUI thread); the window keeps
/// no reference to the project. GUI thread only.
class PresentationView : public QWidget
{
    Q_OBJECT
public:
    enum class Overlay { Hazard = 0, Evacuation = 1, Potential = 2 };
    enum class Order { ByName, ByCode };

    /// crs: the canvas CRS ("EPSG:N"); mapLayers: the main window's layers (bottom first),
    /// whose visibility the presentation starts from. Throws on unreadable project data.
    PresentationView(layers::Project& project,
                     const std::string& crs,
                     std::vector<layers::MapLayer> mapLayers,
                     QWidget* parent = nullptr);
    ~PresentationView() override;

    int villageCount() const { return int(m_villages.size()); }
    int currentIndex() const { return m_index; }
    /// The village on screen; villageCount() must be > 0.
    const PresentationVillage& currentVillage() const { return m_villages.at(size_t(m_index)); }
    const std::vector<PresentationVillage>& villages() const { return m_villages; }
    void showVillage(int index);
    void next() { showVillage(m_index + 1); }
    void previous() { showVillage(m_index - 1); }

    void setOverlayVisible(Overlay overlay, bool visible);
    bool isOverlayVisible(Overlay overlay) const { return m_overlays[size_t(overlay)]; }
    /// The themes an overlay switches.
    static std::vector<std::string> overlayThemes(Overlay overlay);
    void setOrder(Order order);
    Order order() const { return m_order; }

    MapCanvas* canvas() const { return m_canvas; }
    /// The legend as drawn: visible layers with features, top layer first.
    std::vector<PresentationLegendEntry> legend() const;
    /// The title band's lines ("Desa Gunung Sari", "Kecamatan Alok · 53.07.05.2016").
    QString title() const;
    QString subtitle() const;

    /// Called by the canvas tool.
    void paintOverlay(QPainter& painter);
    bool handleKey(QKeyEvent* event);
    void showMenu(QPoint globalPosition);

signals:
    void villageChanged(int index);
    /// The window closed (Escape or the menu); it deletes itself.
    void finished();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void readVillages(layers::Project& project);
    void readLegend(layers::Project& project);
    void sortVillages();
    void applyLayers();
    void fitVillage();
    /// The part of the window not covered by the title band, the legend and the footer.
    QRectF mapArea() const;
    QRectF legendArea() const;
    /// The legend's height in lines, its preferred line height and its columns (1 or 2).
    double legendLines() const;
    double legendLineHeight() const;
    int legendColumns() const;
    double titleHeight() const;

    MapCanvas* m_canvas = nullptr;
    class PresentationTool* m_tool = nullptr;
    std::vector<layers::MapLayer> m_layers;
    std::vector<PresentationVillage> m_villages;
    /// Per theme (top first): legend entries for the categories present in the project.
    std::vector<std::pair<std::string, std::vector<PresentationLegendEntry>>> m_legend;
    QString m_projectName;
    std::array<bool, 3> m_overlays{};
    Order m_order = Order::ByName;
    int m_index = 0;
};

} // namespace app
