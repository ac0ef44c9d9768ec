#pragma once

#include "app/desktop/geometry.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QStackedWidget;

namespace layers {
class Project;
struct ThematicLayer;
} // namespace layers

namespace app {

class AttributeTable;
class EditSession;
class FeatureForm;
class HistoryPanel;
class AnalysisPanel;
class ChartPanel;
class ImportDialog;
class LayoutDialog;
class LayerPanel;
class ThematicPanel;
class MapCanvas;
class MapTool;
class PresentationView;
class QualityPanel;
class VocabularyModels;
class WelcomePage;

/// The PetaDesa window: map canvas in the centre, layers, attribute table and history in
/// docks, tools in a toolbar, coordinates (lat/lon and UTM) and scale in the status bar.
/// Each window has its own Project connection on the GUI thread; two windows on one file
/// keep each other's edits (forms carry the updated_at they read). Every action catches its
/// errors and shows them; no exception leaves a slot.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a project file; false (after a message) when it cannot be opened.
    bool openProject(const QString& path);
    /// Shows the welcome page (no project).
    void showWelcome();
    /// The bundled sample (data/sample/kecamatan_sample.sqlite).
    static QString samplePath();

    layers::Project* project() const { return m_project.get(); }
    MapCanvas* canvas() const { return m_canvas; }
    LayerPanel* layerPanel() const { return m_layerPanel; }
    ThematicPanel* thematicPanel() const { return m_thematicPanel; }
    /// Adds a thematic map (choropleth, density, pies, symbols) to the map and the layers dock.
    void addThematicLayer(const layers::ThematicLayer& layer);
    /// Adds a raster background to the project, as an entry of the layers panel above the other
    /// rasters and under every theme: an image (orthophoto GeoTIFF), a DEM drawn as hillshade,
    /// or MBTiles (chosen by the extension). Returns false with a message when no project is
    /// open or GDAL cannot read it.
    bool addRasterBackground(const QString& path, bool hillshade);
    /// Removes every raster background from the project.
    void clearRasterBackgrounds();
    /// Fits the view to a raster entry (index as in LayerPanel: 0 is the top raster).
    void zoomToRaster(int index);
    /// Points an entry at another file (one that went missing); false with a message when GDAL
    /// cannot read it.
    bool relocateRaster(int index, const QString& path);
    /// Writes the panel's raster entries into the project now (they are otherwise written a
    /// moment after each change, and when the project closes).
    void saveRasterBackgrounds();
    AttributeTable* attributeTable() const { return m_table; }
    HistoryPanel* historyPanel() const { return m_history; }
    QualityPanel* qualityPanel() const { return m_quality; }
    QDockWidget* qualityDock() const { return m_qualityDock; }
    EditSession* editSession() const { return m_session.get(); }
    VocabularyModels* vocabularyModels() const { return m_vocabularies.get(); }
    QDockWidget* tableDock() const { return m_tableDock; }
    AnalysisPanel* analysisPanel() const { return m_analysisPanel; }
    QDockWidget* analysisDock() const { return m_analysisDock; }
    ChartPanel* chartPanel() const { return m_chartPanel; }
    QDockWidget* chartDock() const { return m_chartDock; }
    /// The last form opened and still open, if any.
    FeatureForm* currentForm() const;
    /// Actions by id: "identify", "select", "measure", "add_point", "undo", "save_as", ...
    QAction* action(const QString& id) const;
    MapTool* tool(const QString& id) const;
    /// Makes a tool the canvas's tool (and checks its action).
    void setTool(const QString& id);

    /// Opens the form of the top feature under a canvas point; false when none is there.
    bool identifyAt(QPointF widgetPoint);
    /// Opens a feature's form (non-modal) and shows its history.
    FeatureForm* openForm(const std::string& theme, const std::string& uuid);
    /// Opens the presentation mode (full screen, one village after another; Escape leaves);
    /// null when no project is open or it cannot be shown (after a message).
    PresentationView* openPresentation();
    /// The open presentation window, if any.
    PresentationView* presentation() const;
    /// Opens the import dialog (non-modal).
    /// Opens the print-layout dialog (template, paper, village or atlas, live preview).
    LayoutDialog* openLayoutDialog();
    ImportDialog* openImportDialog();
    /// Selects features of a theme (replacing that theme's selection), highlights them on the
    /// map and in the table.
    void setSelection(const std::string& theme, const std::vector<std::int64_t>& fids);
    const std::map<std::string, std::vector<std::int64_t>>& selection() const
    {
        return m_selection;
    }
    /// Zooms to the selected features of a theme.
    void zoomToSelection(const std::string& theme);
    /// Writes a consistent copy of the project to target (SQLite's backup API into a temporary
    /// name, then renamed) and continues in the copy; false (after a message) on failure.
    bool saveProjectAs(const QString& target);

    /// Status bar texts (tests, screenshots).
    QString coordinateText() const;
    QString scaleText() const;
    QString measurementText() const;

signals:
    void projectOpened(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void createTools();
    void closeProject();
    void updateWindowTitle();
    void updateEditActions();
    void afterEdit();
    void refreshAfterEdit();
    void showCoordinates(QPointF mapPoint);
    void updateScale();
    void selectInRectangle(QRectF widgetRectangle, bool add);
    void deleteAt(QPointF widgetPoint);
    void deleteSelected();
    void addFeature(const Geometry& mapGeometry);
    void applyGeometryEdit(const std::string& theme,
                           const std::string& uuid,
                           const Geometry& mapGeometry);
    std::vector<unsigned char> toStorageWkb(const Geometry& mapGeometry) const;
    std::optional<Geometry> toCanvasGeometry(const std::vector<unsigned char>& wkb) const;

    void newProject();
    void openProjectDialog();
    void openSample();
    void chooseSaveAsTarget();
    void newWindow();
    void exportTheme();
    /// Opens the thematic map dialog (modal); editIndex >= 0 edits that map.
    void chooseThematicMap(int editIndex = -1);
    void chooseLanguage(const QString& code);
    /// Reads the project's raster backgrounds into the layers panel; missing files are named
    /// in one message and stay as unavailable entries.
    void restoreRasterBackgrounds();
    void about();
    void rememberProject(const QString& path);

    std::unique_ptr<layers::Project> m_project;
    std::unique_ptr<EditSession> m_session;
    std::unique_ptr<VocabularyModels> m_vocabularies;
    QString m_projectPath;
    QString m_utmName;

    QStackedWidget* m_stack = nullptr;
    WelcomePage* m_welcome = nullptr;
    MapCanvas* m_canvas = nullptr;
    LayerPanel* m_layerPanel = nullptr;
    ThematicPanel* m_thematicPanel = nullptr;
    AttributeTable* m_table = nullptr;
    HistoryPanel* m_history = nullptr;
    QDockWidget* m_layerDock = nullptr;
    QDockWidget* m_tableDock = nullptr;
    QDockWidget* m_historyDock = nullptr;
    AnalysisPanel* m_analysisPanel = nullptr;
    QDockWidget* m_analysisDock = nullptr;
    ChartPanel* m_chartPanel = nullptr;
    QDockWidget* m_chartDock = nullptr;
    QualityPanel* m_quality = nullptr;
    QDockWidget* m_qualityDock = nullptr;
    QLabel* m_coordinates = nullptr;
    QComboBox* m_scale = nullptr;
    QLabel* m_renderState = nullptr;
    QLabel* m_measurement = nullptr;
    QPointer<FeatureForm> m_form;
    QPointer<ImportDialog> m_import;
    QPointer<PresentationView> m_presentation;

    std::map<QString, QAction*> m_actions;
    std::map<QString, MapTool*> m_tools;
    QActionGroup* m_toolGroup = nullptr;
    std::map<std::string, std::vector<std::int64_t>> m_selection;
    QTimer m_afterEditTimer;
    QTimer m_zoomToSelectionTimer;
    QTimer m_saveRastersTimer;       ///< coalesces raster changes (an opacity drag) into one write
    bool m_restoringRasters = false; ///< the panel is being filled from the project
    std::string m_pendingZoomTheme;
};

} // namespace app
