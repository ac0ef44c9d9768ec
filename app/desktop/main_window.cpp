#include "app/desktop/main_window.h"

#include "app/desktop/analysis_panel.h"
#include "app/desktop/attribute_table.h"
#include "app/desktop/chart_panel.h"
#include "app/desktop/edit_session.h"
#include "app/desktop/export_dialog.h"
#include "app/desktop/feature_form.h"
#include "app/desktop/feature_query.h"
#include "app/desktop/history_panel.h"
#include "app/desktop/import_dialog.h"
#include "app/desktop/language.h"
#include "app/desktop/layer_panel.h"
#include "app/desktop/layout_dialog.h"
#include "app/desktop/map_canvas.h"
#include "app/desktop/map_tools.h"
#include "app/desktop/messages.h"
#include "app/desktop/presentation.h"
#include "app/desktop/quality_panel.h"
#include "app/desktop/thematic_dialog.h"
#include "app/desktop/thematic_panel.h"
#include "app/desktop/vocabulary_widgets.h"
#include "app/desktop/welcome_page.h"
#include "geo/coordinate_transform.h"
#include "geo/raster.h"
#include "geo/spatial_database.h"
#include "layers/data_paths.h"
#include "layers/project.h"
#include "layers/project_rasters.h"
#include "layers/render/map_renderer.h"
#include "layers/theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>

#include <unistd.h>

#include <cmath>

namespace app {

namespace {
constexpr double identifyTolerancePixels = 5;
const QRectF indonesiaLonLat(QPointF(95, -11), QPointF(141, 6));

/// Why a raster cannot go on the map (missing file, not a raster GDAL reads, no CRS), or an
/// empty text when it can.
QString rasterProblem(const std::string& path)
{
    if (!QFileInfo::exists(QString::fromStdString(path))) {
        return QCoreApplication::translate("app::MainWindow", "berkas tidak ditemukan");
    }
    try {
        if (geo::ElevationModel::crsOf(path).empty()) {
            return QCoreApplication::translate("app::MainWindow", "tanpa sistem koordinat");
        }
    } catch (const std::exception& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}
/// The actions that need an open project.
constexpr const char* projectActions[] = {
    "save_as", "new_window", "import", "export", "print", "thematic", "check_quality", "chart"};
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle("PetaDesa");
    setWindowIcon(QIcon::fromTheme("applications-science"));
    m_stack = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_stack);
    m_canvas = new MapCanvas(m_stack);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_canvas);
    setCentralWidget(m_stack);

    m_afterEditTimer.setSingleShot(true);
    m_afterEditTimer.setInterval(0);
    connect(&m_afterEditTimer, &QTimer::timeout, this, &MainWindow::afterEdit);
    m_zoomToSelectionTimer.setSingleShot(true);
    m_zoomToSelectionTimer.setInterval(300);
    connect(&m_zoomToSelectionTimer, &QTimer::timeout, this, [this] {
        zoomToSelection(m_pendingZoomTheme);
    });
    m_saveRastersTimer.setSingleShot(true);
    m_saveRastersTimer.setInterval(400);
    connect(&m_saveRastersTimer, &QTimer::timeout, this, &MainWindow::saveRasterBackgrounds);

    createTools();
    createActions();
    createMenus();
    createDocks();
    createStatusBar();

    connect(m_welcome, &WelcomePage::openSampleRequested, this, &MainWindow::openSample);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openProjectDialog);
    connect(m_welcome, &WelcomePage::newRequested, this, &MainWindow::newProject);
    connect(m_welcome, &WelcomePage::openPathRequested, this, [this](const QString& path) {
        openProject(path);
    });
    connect(m_canvas, &MapCanvas::mouseMoved, this, &MainWindow::showCoordinates);
    connect(m_canvas, &MapCanvas::viewChanged, this, &MainWindow::updateScale);
    connect(m_canvas, &MapCanvas::renderStarted, this, [this] {
        m_renderState->setText(tr("Menggambar…"));
    });
    connect(m_canvas, &MapCanvas::renderFinished, this, [this] {
        const QStringList errors = m_canvas->renderErrors();
        m_renderState->setText(errors.isEmpty()
                                   ? QString()
                                   : tr("%n lapisan gagal digambar", nullptr, int(errors.size())));
        m_renderState->setToolTip(errors.join("\n"));
    });

    QSettings settings;
    restoreGeometry(settings.value("jendela/geometri").toByteArray());
    showWelcome();
}

MainWindow::~MainWindow()
{
    closeProject();
}

QString MainWindow::samplePath()
{
    return QString::fromStdString(layers::dataDirectory()) + "/sample/kecamatan_sample.sqlite";
}

void MainWindow::createTools()
{
    auto add = [this](MapTool* tool) { m_tools[tool->id()] = tool; };
    add(new PanTool(m_canvas));
    add(new ZoomBoxTool(m_canvas));
    auto* identify = new IdentifyTool(m_canvas);
    add(identify);
    auto* select = new SelectTool(m_canvas);
    add(select);
    auto* measure = new MeasureTool(m_canvas, MeasureTool::Mode::Distance);
    auto* measureArea = new MeasureTool(m_canvas, MeasureTool::Mode::Area);
    add(measure);
    add(measureArea);
    auto* addPoint = new AddFeatureTool(m_canvas, Geometry::Type::Point);
    auto* addLine = new AddFeatureTool(m_canvas, Geometry::Type::Line);
    auto* addPolygon = new AddFeatureTool(m_canvas, Geometry::Type::Polygon);
    add(addPoint);
    add(addLine);
    add(addPolygon);
    const FeatureLocator locator = [this](QPointF widgetPoint) -> std::optional<EditTarget> {
        if (!m_project) {
            return std::nullopt;
        }
        const std::string theme = m_layerPanel->currentTheme();
        try {
            const auto hits = featuresInRectangle(
                *m_project, theme, m_canvas->lonLatRectangleAround(widgetPoint, 8), 1);
            if (hits.empty()) {
                statusBar()->showMessage(
                    tr("Tidak ada fitur %1 di sini; pilih lapisannya di "
                       "panel Lapisan.")
                        .arg(QString::fromStdString(
                            layers::findTheme(theme) ? layers::findTheme(theme)->label() : theme)),
                    4000);
                return std::nullopt;
            }
            const auto feature = m_project->feature(theme, hits.front().uuid);
            if (!feature) {
                return std::nullopt;
            }
            auto geometry = toCanvasGeometry(feature->wkb);
            if (!geometry) {
                return std::nullopt;
            }
            return EditTarget{theme, feature->uuid, *geometry};
        } catch (const std::exception& error) {
            statusBar()->showMessage(QString::fromStdString(error.what()), 6000);
            return std::nullopt;
        }
    };
    // Snapping: the nearest vertex within 10 pixels among the visible layers' features near
    // the mouse (R*Tree box queries on the project's thread; a few features each).
    m_canvas->setSnapper([this](QPointF widgetPoint,
                                const std::string& exclude) -> std::optional<QPointF> {
        if (!m_project || !m_actions["snap"]->isChecked()) {
            return std::nullopt;
        }
        constexpr double tolerancePixels = 10;
        std::optional<QPointF> best;
        double bestDistance = tolerancePixels;
        try {
            const QRectF box = m_canvas->lonLatRectangleAround(widgetPoint, tolerancePixels);
            for (const auto& theme : m_layerPanel->order()) {
                if (!m_layerPanel->isLayerVisible(theme)) {
                    continue;
                }
                for (const auto& hit : featuresInRectangle(*m_project, theme, box, 8)) {
                    if (hit.uuid == exclude) {
                        continue;
                    }
                    const auto feature = m_project->feature(theme, hit.uuid);
                    const auto geometry = feature ? toCanvasGeometry(feature->wkb) : std::nullopt;
                    if (!geometry) {
                        continue;
                    }
                    for (const auto& part : geometry->parts) {
                        for (const auto& ring : part) {
                            for (const QPointF& point : ring) {
                                const double d =
                                    QLineF(m_canvas->toWidget(point), widgetPoint).length();
                                if (d <= bestDistance) {
                                    bestDistance = d;
                                    best = point;
                                }
                            }
                        }
                    }
                }
            }
        } catch (const std::exception&) {
            return std::nullopt; // snapping is a help: never an error while digitizing
        }
        return best;
    });
    auto* move = new FeatureEditTool(m_canvas, FeatureEditTool::Mode::MoveFeature, locator);
    auto* vertex = new FeatureEditTool(m_canvas, FeatureEditTool::Mode::MoveVertex, locator);
    add(move);
    add(vertex);
    auto* remove = new DeleteTool(m_canvas);
    add(remove);

    connect(identify, &IdentifyTool::identifyRequested, this, [this](QPointF point) {
        if (!identifyAt(point)) {
            statusBar()->showMessage(tr("Tidak ada fitur di titik ini."), 3000);
        }
    });
    connect(select, &SelectTool::selectRequested, this, &MainWindow::selectInRectangle);
    for (auto* tool : {measure, measureArea}) {
        connect(tool, &MeasureTool::measurementChanged, this, [this](const QString& text) {
            m_measurement->setText(text);
        });
    }
    for (auto* tool : {addPoint, addLine, addPolygon}) {
        connect(tool, &AddFeatureTool::geometryFinished, this, &MainWindow::addFeature);
    }
    for (auto* tool : {move, vertex}) {
        connect(tool, &FeatureEditTool::geometryEdited, this, &MainWindow::applyGeometryEdit);
    }
    connect(remove, &DeleteTool::deleteRequested, this, &MainWindow::deleteAt);
}

void MainWindow::createActions()
{
    auto make = [this](const QString& id, const QString& text, const QKeySequence& shortcut = {}) {
        auto* action = new QAction(text, this);
        if (!shortcut.isEmpty()) {
            action->setShortcut(shortcut);
        }
        m_actions[id] = action;
        return action;
    };
    connect(make("raster_add", tr("Tambah latar &raster…")), &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this,
            tr("Latar raster"),
            QString(),
            tr("Raster (*.tif *.tiff *.jp2 *.vrt *.mbtiles *.img);;Semua berkas (*)"));
        if (path.isEmpty()) {
            return;
        }
        const bool hillshade =
            !path.endsWith(".mbtiles", Qt::CaseInsensitive) &&
            askQuestion(this,
                        tr("Latar raster"),
                        tr("Apakah berkas ini DEM (ketinggian)? Ya: digambar sebagai bayangan "
                           "bukit (hillshade). Tidak: digambar sebagai citra."));
        addRasterBackground(path, hillshade);
    });
    connect(make("raster_clear", tr("Hapus semua latar raster")),
            &QAction::triggered,
            this,
            &MainWindow::clearRasterBackgrounds);
    QAction* routes = make("evacuation_routes", tr("&Jalur evakuasi"));
    routes->setCheckable(true);
    routes->setToolTip(tr("Jalur dari permukiman ke tempat evakuasi menurut rencana evakuasi "
                          "terakhir (Analisis → Rencana evakuasi)"));
    connect(routes, &QAction::toggled, this, [this](bool visible) {
        m_canvas->setEvacuationRoutesVisible(visible);
    });
    QAction* snap = make("snap", tr("&Kunci ke simpul"));
    snap->setCheckable(true);
    snap->setChecked(true);
    snap->setToolTip(tr("Titik baru dan simpul yang diseret menempel ke simpul fitur terdekat "
                        "(10 piksel) di lapisan yang tampak"));
    connect(make("new", tr("Proyek &baru…"), QKeySequence::New),
            &QAction::triggered,
            this,
            &MainWindow::newProject);
    connect(make("open", tr("&Buka proyek…"), QKeySequence::Open),
            &QAction::triggered,
            this,
            &MainWindow::openProjectDialog);
    connect(make("open_sample", tr("Buka &contoh")),
            &QAction::triggered,
            this,
            &MainWindow::openSample);
    connect(make("save_as", tr("&Simpan sebagai…"), QKeySequence::SaveAs),
            &QAction::triggered,
            this,
            &MainWindow::chooseSaveAsTarget);
    connect(make("new_window", tr("&Jendela baru"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)),
            &QAction::triggered,
            this,
            &MainWindow::newWindow);
    connect(make("import", tr("&Impor data…"), QKeySequence(Qt::CTRL | Qt::Key_I)),
            &QAction::triggered,
            this,
            [this] { openImportDialog(); });
    connect(make("export", tr("&Ekspor…"), QKeySequence(Qt::CTRL | Qt::Key_E)),
            &QAction::triggered,
            this,
            &MainWindow::exportTheme);
    connect(make("print", tr("&Cetak peta…"), QKeySequence::Print),
            &QAction::triggered,
            this,
            [this] { openLayoutDialog(); });
    connect(make("quit", tr("&Keluar"), QKeySequence::Quit),
            &QAction::triggered,
            this,
            &QWidget::close);

    auto* undo = make("undo", tr("&Urungkan"), QKeySequence::Undo);
    auto* redo = make("redo", tr("U&langi"), QKeySequence::Redo);
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(undo, &QAction::triggered, this, [this] {
        if (m_session) {
            m_session->undoStack()->undo();
        }
    });
    connect(redo, &QAction::triggered, this, [this] {
        if (m_session) {
            m_session->undoStack()->redo();
        }
    });
    connect(make("delete_selected", tr("Hapus fitur &terpilih"), QKeySequence::Delete),
            &QAction::triggered,
            this,
            &MainWindow::deleteSelected);
    connect(make("check_quality", tr("Periksa &mutu data")), &QAction::triggered, this, [this] {
        m_qualityDock->show();
        m_qualityDock->raise();
        m_quality->check();
    });
    connect(make("clear_selection", tr("Kosongkan pilihan")), &QAction::triggered, this, [this] {
        for (auto& [theme, fids] : m_selection) {
            fids.clear();
        }
        m_canvas->clearHighlighted();
        m_table->selectFids({});
    });

    connect(make("zoom_in", tr("Perbesar"), QKeySequence::ZoomIn),
            &QAction::triggered,
            this,
            [this] { m_canvas->zoomBy(2); });
    connect(make("zoom_out", tr("Perkecil"), QKeySequence::ZoomOut),
            &QAction::triggered,
            this,
            [this] { m_canvas->zoomBy(0.5); });
    connect(make("zoom_full", tr("Seluruh peta"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)),
            &QAction::triggered,
            this,
            [this] { m_canvas->zoomToFullExtent(); });
    // Ctrl+R, not QKeySequence::Refresh: that is F5 too, and F5 starts the presentation.
    connect(make("reload", tr("Muat ulang"), QKeySequence(Qt::CTRL | Qt::Key_R)),
            &QAction::triggered,
            this,
            [this] { afterEdit(); });
    connect(make("presentation", tr("Mode &Presentasi"), QKeySequence(Qt::Key_F5)),
            &QAction::triggered,
            this,
            [this] { openPresentation(); });
    m_actions["presentation"]->setToolTip(
        tr("Layar penuh, satu desa demi satu desa (panah, PgUp/PgDn, Spasi; Esc keluar)"));
    connect(make("thematic", tr("Peta tematik…")), &QAction::triggered, this, [this] {
        chooseThematicMap();
    });
    connect(make("chart", tr("&Grafik potensi dan aset")), &QAction::triggered, this, [this] {
        m_chartDock->show();
        m_chartDock->raise(); // showing the panel computes its figures when they are stale
    });
    m_actions["chart"]->setToolTip(
        tr("Grafik batang per desa dan kategori: potensi ekonomi (jumlah, luas, nilai) dan aset"));

    m_toolGroup = new QActionGroup(this);
    m_toolGroup->setExclusive(true);
    const std::vector<std::pair<QString, QString>> tools = {
        {"pan", tr("Geser")},
        {"zoom", tr("Perbesar kotak")},
        {"identify", tr("Identifikasi")},
        {"select", tr("Pilih")},
        {"measure", tr("Ukur jarak")},
        {"measure_area", tr("Ukur luas")},
        {"add_point", tr("Tambah titik")},
        {"add_line", tr("Tambah garis")},
        {"add_polygon", tr("Tambah area")},
        {"move", tr("Pindahkan fitur")},
        {"vertex", tr("Ubah simpul")},
        {"delete", tr("Hapus fitur")},
    };
    for (const auto& [id, text] : tools) {
        auto* action = make(id, text);
        action->setCheckable(true);
        m_toolGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, id = id] { setTool(id); });
    }
    m_actions["pan"]->setShortcut(QKeySequence(Qt::Key_P));
    m_actions["identify"]->setShortcut(QKeySequence(Qt::Key_I));
    m_actions["select"]->setShortcut(QKeySequence(Qt::Key_S));
    m_actions["measure"]->setShortcut(QKeySequence(Qt::Key_M));
    m_actions["pan"]->setToolTip(tr("Geser peta dengan menyeret (juga tombol tengah mouse)"));
    m_actions["zoom"]->setToolTip(tr("Seret kotak untuk memperbesar (juga Shift+seret)"));
    m_actions["identify"]->setToolTip(tr("Klik fitur untuk membuka formulirnya"));
    m_actions["select"]->setToolTip(tr("Klik atau seret kotak untuk memilih fitur lapisan aktif"));
    m_actions["measure"]->setToolTip(
        tr("Klik titik-titik; klik ganda untuk selesai. Jarak datar dalam UTM proyek (meter)"));
    m_actions["measure_area"]->setToolTip(
        tr("Klik titik-titik batas; klik ganda untuk selesai. Luas dalam UTM proyek (hektare)"));
    m_actions["add_point"]->setToolTip(tr("Klik di peta untuk menambah titik ke lapisan aktif"));
    m_actions["add_line"]->setToolTip(tr("Klik simpul-simpul garis; klik ganda untuk selesai"));
    m_actions["add_polygon"]->setToolTip(
        tr("Klik simpul-simpul batas area; klik ganda untuk selesai"));
    m_actions["move"]->setToolTip(tr("Seret fitur lapisan aktif ke tempat baru"));
    m_actions["vertex"]->setToolTip(
        tr("Seret simpul garis atau area lapisan aktif; klik ganda di tepi menambah simpul, "
           "Backspace menghapus simpul di bawah tetikus"));
    m_actions["delete"]->setToolTip(tr("Klik fitur lapisan aktif untuk menghapusnya"));

    auto* languages = new QActionGroup(this);
    for (const auto& [code, text] : std::vector<std::pair<QString, QString>>{
             {"", tr("Ikuti bahasa sistem")}, {"id", "Bahasa Indonesia"}, {"en", "English"}}) {
        auto* action = make("language_" + (code.isEmpty() ? QString("system") : code), text);
        action->setCheckable(true);
        action->setChecked(languageSetting() == code);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] { chooseLanguage(code); });
    }
    connect(make("about", tr("Tentang PetaDesa")), &QAction::triggered, this, &MainWindow::about);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&Berkas"));
    for (const char* id : {"new", "open", "open_sample", "save_as", "new_window"}) {
        file->addAction(m_actions[id]);
    }
    file->addSeparator();
    file->addAction(m_actions["import"]);
    file->addAction(m_actions["export"]);
    file->addAction(m_actions["print"]);
    file->addSeparator();
    file->addAction(m_actions["quit"]);

    QMenu* edit = menuBar()->addMenu(tr("&Sunting"));
    edit->addAction(m_actions["undo"]);
    edit->addAction(m_actions["redo"]);
    edit->addSeparator();
    for (const char* id : {"add_point", "add_line", "add_polygon", "move", "vertex", "delete"}) {
        edit->addAction(m_actions[id]);
    }
    edit->addSeparator();
    edit->addAction(m_actions["delete_selected"]);
    edit->addSeparator();
    edit->addAction(m_actions["snap"]);

    QMenu* view = menuBar()->addMenu(tr("&Tampilan"));
    for (const char* id : {"pan", "zoom"}) {
        view->addAction(m_actions[id]);
    }
    view->addSeparator();
    for (const char* id : {"zoom_in", "zoom_out", "zoom_full", "reload"}) {
        view->addAction(m_actions[id]);
    }
    view->addSeparator();
    view->addAction(m_actions["presentation"]);
    view->addAction(m_actions["thematic"]);
    view->addAction(m_actions["evacuation_routes"]);
    view->addAction(m_actions["chart"]);
    view->addAction(m_actions["raster_add"]);
    view->addAction(m_actions["raster_clear"]);
    m_actions["view_menu"] = view->menuAction();

    QMenu* tools = menuBar()->addMenu(tr("&Alat"));
    for (const char* id : {"identify", "select", "measure", "measure_area"}) {
        tools->addAction(m_actions[id]);
    }
    tools->addSeparator();
    tools->addAction(m_actions["clear_selection"]);
    tools->addAction(m_actions["check_quality"]);

    QMenu* settings = menuBar()->addMenu(tr("&Pengaturan"));
    QMenu* language = settings->addMenu(tr("Bahasa"));
    for (const char* id : {"language_system", "language_id", "language_en"}) {
        language->addAction(m_actions[id]);
    }
    QMenu* help = menuBar()->addMenu(tr("Ban&tuan"));
    help->addAction(m_actions["about"]);

    QToolBar* main = addToolBar(tr("Utama"));
    main->setObjectName("toolbar_utama");
    main->setToolButtonStyle(Qt::ToolButtonTextOnly);
    main->addAction(m_actions["open"]);
    main->addAction(m_actions["import"]);
    main->addSeparator();
    main->addAction(m_actions["undo"]);
    main->addAction(m_actions["redo"]);
    main->addSeparator();
    for (const char* id :
         {"pan", "zoom", "zoom_full", "identify", "select", "measure", "measure_area"}) {
        main->addAction(m_actions[id]);
    }
    QToolBar* editing = addToolBar(tr("Penyuntingan"));
    editing->setObjectName("toolbar_sunting");
    editing->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char* id : {"add_point", "add_line", "add_polygon", "move", "vertex", "delete"}) {
        editing->addAction(m_actions[id]);
    }
}

void MainWindow::createDocks()
{
    m_layerPanel = new LayerPanel(this);
    m_thematicPanel = new ThematicPanel(this);
    m_layerDock = new QDockWidget(tr("Lapisan"), this);
    m_layerDock->setObjectName("dock_lapisan");
    // Thematic maps and their legends sit under the themes in the same dock.
    auto* layerSplitter = new QSplitter(Qt::Vertical, m_layerDock);
    layerSplitter->addWidget(m_layerPanel);
    layerSplitter->addWidget(m_thematicPanel);
    layerSplitter->setStretchFactor(0, 3);
    layerSplitter->setStretchFactor(1, 2);
    m_layerDock->setWidget(layerSplitter);
    connect(m_thematicPanel, &ThematicPanel::layersChanged, this, [this] {
        m_canvas->setThematicLayers(m_thematicPanel->layers());
    });
    connect(m_thematicPanel, &ThematicPanel::editRequested, this, [this](int index) {
        chooseThematicMap(index);
    });
    addDockWidget(Qt::LeftDockWidgetArea, m_layerDock);

    m_table = new AttributeTable(this);
    m_tableDock = new QDockWidget(tr("Tabel atribut"), this);
    m_tableDock->setObjectName("dock_tabel");
    m_tableDock->setWidget(m_table);
    addDockWidget(Qt::BottomDockWidgetArea, m_tableDock);

    m_history = new HistoryPanel(this);
    m_historyDock = new QDockWidget(tr("Riwayat"), this);
    m_historyDock->setObjectName("dock_riwayat");
    m_historyDock->setWidget(m_history);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    tabifyDockWidget(m_tableDock, m_historyDock);

    m_analysisPanel = new AnalysisPanel(this);
    m_analysisDock = new QDockWidget(tr("Analisis"), this);
    m_analysisDock->setObjectName("dock_analisis");
    m_analysisDock->setWidget(m_analysisPanel);
    // The analyses write into the project: redraw, and show the routes of a new evacuation plan.
    connect(m_analysisPanel, &AnalysisPanel::finished, this, [this](bool succeeded) {
        if (!succeeded) {
            return;
        }
        if (m_analysisPanel->lastAnalysis() == "evacuation") {
            m_actions["evacuation_routes"]->setChecked(true);
        }
        m_canvas->refresh();
    });
    addDockWidget(Qt::RightDockWidgetArea, m_analysisDock);
    m_analysisDock->hide();
    m_quality = new QualityPanel(this);
    m_qualityDock = new QDockWidget(tr("Kualitas data"), this);
    m_qualityDock->setObjectName("dock_kualitas");
    m_qualityDock->setWidget(m_quality);
    addDockWidget(Qt::BottomDockWidgetArea, m_qualityDock);
    tabifyDockWidget(m_historyDock, m_qualityDock);
    m_chartPanel = new ChartPanel(this);
    m_chartDock = new QDockWidget(tr("Grafik"), this);
    m_chartDock->setObjectName("dock_grafik");
    m_chartDock->setWidget(m_chartPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartDock);
    tabifyDockWidget(m_qualityDock, m_chartDock);
    m_chartDock->hide();
    m_tableDock->raise();
    resizeDocks({m_layerDock}, {280}, Qt::Horizontal);
    resizeDocks({m_tableDock}, {220}, Qt::Vertical);

    QMenu* view = qobject_cast<QMenu*>(m_actions["view_menu"]->menu());
    if (view) {
        view->addSeparator();
        view->addAction(m_layerDock->toggleViewAction());
        view->addAction(m_tableDock->toggleViewAction());
        view->addAction(m_historyDock->toggleViewAction());
        view->addAction(m_analysisDock->toggleViewAction());
        view->addAction(m_qualityDock->toggleViewAction());
        view->addAction(m_chartDock->toggleViewAction());
    }

    connect(m_layerPanel, &LayerPanel::layersChanged, this, [this] {
        m_canvas->setMapLayers(m_layerPanel->mapLayers());
        for (const auto& [theme, fids] : m_selection) {
            m_canvas->setHighlighted(theme, std::vector<long long>(fids.begin(), fids.end()));
        }
    });
    connect(m_layerPanel, &LayerPanel::rastersChanged, this, [this] {
        m_canvas->setRasters(m_layerPanel->rasterLayers());
        if (!m_restoringRasters && m_project) {
            m_saveRastersTimer.start();
        }
    });
    connect(m_layerPanel, &LayerPanel::zoomToRasterRequested, this, &MainWindow::zoomToRaster);
    connect(m_layerPanel, &LayerPanel::addRasterRequested, this, [this] {
        m_actions["raster_add"]->trigger();
    });
    connect(m_layerPanel, &LayerPanel::locateRasterRequested, this, [this](int index) {
        const QString old = QString::fromStdString(m_layerPanel->raster(index).layer.path);
        const QString path = QFileDialog::getOpenFileName(
            this,
            tr("Cari berkas %1").arg(QFileInfo(old).fileName()),
            QFileInfo(old).absolutePath(),
            tr("Raster (*.tif *.tiff *.jp2 *.vrt *.mbtiles *.img);;Semua berkas (*)"));
        if (!path.isEmpty()) {
            relocateRaster(index, path);
        }
    });
    connect(m_layerPanel, &LayerPanel::currentThemeChanged, this, [this](const QString& theme) {
        updateEditActions();
        // The table follows the active layer.
        if (m_project && !theme.isEmpty() && m_table->theme() != theme.toStdString()) {
            m_table->setTheme(theme.toStdString());
            const auto found = m_selection.find(theme.toStdString());
            if (found != m_selection.end()) {
                m_table->selectFids(found->second);
            }
        }
    });
    connect(m_layerPanel, &LayerPanel::zoomToLayerRequested, this, [this](const QString& theme) {
        if (!m_project) {
            return;
        }
        try {
            const layers::Extent e = m_project->extent(theme.toStdString());
            if (!e.isEmpty) {
                m_canvas->zoomToLonLatRectangle(
                    QRectF(QPointF(e.minX, e.minY), QPointF(e.maxX, e.maxY)));
            }
        } catch (const std::exception& error) {
            statusBar()->showMessage(QString::fromStdString(error.what()), 6000);
        }
    });
    connect(m_quality,
            &QualityPanel::zoomRequested,
            this,
            [this](const QRectF& lonLat, const QString& theme, qint64 fid) {
                if (!m_project) {
                    return;
                }
                m_canvas->zoomToLonLatRectangle(lonLat.normalized());
                setSelection(theme.toStdString(), {static_cast<std::int64_t>(fid)});
            });
    connect(m_layerPanel, &LayerPanel::openTableRequested, this, [this](const QString& theme) {
        m_tableDock->show();
        m_table->setTheme(theme.toStdString());
    });
    connect(m_table,
            &AttributeTable::selectionChanged,
            this,
            [this](const QString& theme, const std::vector<std::int64_t>& fids) {
                m_selection[theme.toStdString()] = fids;
                m_canvas->setHighlighted(theme.toStdString(),
                                         std::vector<long long>(fids.begin(), fids.end()));
                statusBar()->showMessage(tr("%n fitur terpilih", nullptr, int(fids.size())), 3000);
                if (!fids.empty()) {
                    m_pendingZoomTheme = theme.toStdString();
                    m_zoomToSelectionTimer.start();
                }
            });
    connect(m_table, &AttributeTable::themeLoaded, this, [this](const QString& theme) {
        const auto found = m_selection.find(theme.toStdString());
        if (found != m_selection.end()) {
            m_table->selectFids(found->second);
        }
    });
    connect(m_table, &AttributeTable::zoomToSelectionRequested, this, [this] {
        zoomToSelection(m_table->theme());
    });
    connect(m_table,
            &AttributeTable::featureActivated,
            this,
            [this](const QString& theme, std::int64_t fid) {
                if (!m_project) {
                    return;
                }
                try {
                    const std::string uuid = uuidOf(*m_project, theme.toStdString(), fid);
                    if (!uuid.empty()) {
                        openForm(theme.toStdString(), uuid);
                    }
                } catch (const std::exception& error) {
                    showMessage(this,
                                MessageKind::Error,
                                tr("Formulir"),
                                QString::fromStdString(error.what()));
                }
            });
}

void MainWindow::createStatusBar()
{
    m_measurement = new QLabel(this);
    m_coordinates = new QLabel(this);
    m_coordinates->setMinimumWidth(420);
    m_scale = new QComboBox(this);
    m_scale->setEditable(true);
    m_scale->setInsertPolicy(QComboBox::NoInsert);
    m_scale->setMinimumWidth(130);
    m_scale->setToolTip(tr("Skala peta; ketik mis. 1:5000"));
    for (int denominator : {1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000}) {
        m_scale->addItem("1:" + QLocale().toString(denominator), denominator);
    }
    m_renderState = new QLabel(this);
    // Permanent widgets: a temporary status message never covers them.
    statusBar()->addPermanentWidget(m_measurement);
    statusBar()->addPermanentWidget(m_renderState);
    statusBar()->addPermanentWidget(m_coordinates);
    statusBar()->addPermanentWidget(new QLabel(tr("Skala"), this));
    statusBar()->addPermanentWidget(m_scale);
    connect(m_scale, &QComboBox::activated, this, [this] {
        QString digits = m_scale->currentText().section(':', -1);
        digits.remove(QRegularExpression("[^0-9]"));
        bool ok = false;
        const double denominator = digits.toDouble(&ok);
        if (ok && denominator > 0) {
            m_canvas->setScaleDenominator(denominator);
        }
    });
}

FeatureForm* MainWindow::currentForm() const
{
    return m_form;
}

PresentationView* MainWindow::openPresentation()
{
    if (!m_project) {
        return nullptr;
    }
    if (m_presentation) {
        m_presentation->activateWindow();
        return m_presentation;
    }
    try {
        m_presentation =
            new PresentationView(*m_project, m_canvas->crs(), m_canvas->mapLayers(), this);
        m_presentation->canvas()->setEvacuationRoutesVisible(m_canvas->evacuationRoutesVisible());
        m_presentation->canvas()->setRasters(m_canvas->rasters());
    } catch (const std::exception& error) {
        showMessage(
            this,
            MessageKind::Warning,
            tr("Mode Presentasi"),
            tr("Presentasi tidak dapat dibuka: %1").arg(QString::fromStdString(error.what())));
        return nullptr;
    }
    if (m_presentation->villageCount() == 0) {
        showMessage(this,
                    MessageKind::Information,
                    tr("Mode Presentasi"),
                    tr("Proyek ini belum berisi wilayah desa atau kelurahan (tema wilayah)."));
    }
    // On the main window's screen; the geometry also holds where no window manager applies
    // the full-screen state (a bare X server).
    m_presentation->setGeometry(screen()->geometry());
    m_presentation->showFullScreen();
    m_presentation->showVillage(0);
    m_presentation->setFocus();
    return m_presentation;
}

PresentationView* MainWindow::presentation() const
{
    return m_presentation;
}

QAction* MainWindow::action(const QString& id) const
{
    const auto found = m_actions.find(id);
    return found == m_actions.end() ? nullptr : found->second;
}

MapTool* MainWindow::tool(const QString& id) const
{
    const auto found = m_tools.find(id);
    return found == m_tools.end() ? nullptr : found->second;
}

void MainWindow::setTool(const QString& id)
{
    MapTool* chosen = tool(id);
    if (!chosen) {
        return;
    }
    if (QAction* a = action(id)) {
        a->setChecked(true);
    }
    m_measurement->clear();
    m_canvas->setTool(chosen);
    m_canvas->setFocus();
}

void MainWindow::showWelcome()
{
    closeProject();
    m_welcome->setRecentProjects(QSettings().value("proyekTerbaru").toStringList());
    m_stack->setCurrentWidget(m_welcome);
    m_layerDock->hide();
    m_tableDock->hide();
    m_historyDock->hide();
    m_analysisDock->hide();
    m_qualityDock->hide();
    m_chartDock->hide();
    for (const char* id : projectActions) {
        m_actions[id]->setEnabled(false);
    }
    for (QAction* a : m_toolGroup->actions()) {
        a->setEnabled(false);
    }
    updateWindowTitle();
}

void MainWindow::closeProject()
{
    if (m_project && m_saveRastersTimer.isActive()) {
        saveRasterBackgrounds();
    }
    m_saveRastersTimer.stop();
    if (m_presentation) {
        m_presentation->close();
    }
    // Forms use the session and the vocabulary models that go with the project: delete them
    // now, not later.
    for (auto* form : findChildren<FeatureForm*>()) {
        delete form;
    }
    if (m_import) {
        m_import->close();
    }
    if (m_canvas) {
        m_canvas->setTool(nullptr);
    }
    if (m_table) {
        m_table->setProject(nullptr);
    }
    if (m_analysisPanel) {
        m_analysisPanel->setProject({});
    }
    if (m_history) {
        m_history->setProject(nullptr);
    }
    if (m_quality) {
        m_quality->setProjectPath({});
    }
    if (m_chartPanel) {
        m_chartPanel->setProjectPath({});
    }
    m_selection.clear();
    m_session.reset();
    m_vocabularies.reset();
    m_project.reset();
    m_projectPath.clear();
}

bool MainWindow::openProject(const QString& path)
{
    std::unique_ptr<layers::Project> project;
    try {
        project =
            std::make_unique<layers::Project>(QFileInfo(path).absoluteFilePath().toStdString());
    } catch (const std::exception& error) {
        showMessage(this,
                    MessageKind::Error,
                    tr("Proyek tidak dapat dibuka"),
                    QString::fromStdString(error.what()));
        return false;
    }
    try {
        closeProject();
        m_project = std::move(project);
        m_projectPath = QString::fromStdString(m_project->path());
        m_session = std::make_unique<EditSession>(*m_project);
        m_vocabularies = std::make_unique<VocabularyModels>(m_project->vocabularies());
        QUndoStack* stack = m_session->undoStack();
        connect(stack, &QUndoStack::canUndoChanged, m_actions["undo"], &QAction::setEnabled);
        connect(stack, &QUndoStack::canRedoChanged, m_actions["redo"], &QAction::setEnabled);
        connect(stack, &QUndoStack::undoTextChanged, this, [this](const QString& text) {
            m_actions["undo"]->setText(text.isEmpty() ? tr("&Urungkan")
                                                      : tr("&Urungkan %1").arg(text));
        });
        connect(stack, &QUndoStack::redoTextChanged, this, [this](const QString& text) {
            m_actions["redo"]->setText(text.isEmpty() ? tr("U&langi") : tr("U&langi %1").arg(text));
        });
        m_actions["undo"]->setEnabled(false);
        m_actions["redo"]->setEnabled(false);
        connect(m_session.get(), &EditSession::featuresChanged, this, [this] {
            m_afterEditTimer.start();
        });
        connect(m_session.get(), &EditSession::editFailed, this, [this](const QString& message) {
            showMessage(this, MessageKind::Warning, tr("Urungkan/ulangi"), message);
            m_afterEditTimer.start();
        });

        std::string crs = m_project->workingCrs();
        const layers::Extent extent = m_project->extent();
        if (crs.empty()) {
            crs = extent.isEmpty
                      ? std::string("EPSG:4326")
                      : "EPSG:" + std::to_string(geo::utmEpsgFor((extent.minX + extent.maxX) / 2,
                                                                 (extent.minY + extent.maxY) / 2));
        }
        m_canvas->setProject(m_project->path(), crs);
        const std::string name = geo::crsName(crs);
        const auto slash = name.find(" / ");
        m_utmName =
            QString::fromStdString(slash == std::string::npos ? crs : name.substr(slash + 3));
        m_utmName.replace("zone", tr("zona"));

        m_layerPanel->setProject(*m_project);
        m_canvas->setMapLayers(m_layerPanel->mapLayers());
        restoreRasterBackgrounds();
        m_thematicPanel->setProject(m_project->path());
        m_canvas->setThematicLayers({});
        const QRectF lonLat = extent.isEmpty ? indonesiaLonLat
                                             : QRectF(QPointF(extent.minX, extent.minY),
                                                      QPointF(extent.maxX, extent.maxY));
        m_canvas->setFullExtent(m_canvas->lonLatRectangleToMap(lonLat));
        m_canvas->zoomToFullExtent();
        m_table->setProject(m_project.get());
        m_table->setTheme(m_layerPanel->currentTheme());
        m_history->setProject(m_project.get());
        m_analysisPanel->setProject(m_project->path());
        m_quality->setProjectPath(QString::fromStdString(m_project->path()));
        m_chartPanel->setProjectPath(QString::fromStdString(m_project->path()));

        m_stack->setCurrentWidget(m_canvas);
        m_layerDock->show();
        m_tableDock->show();
        m_historyDock->show();
        m_qualityDock->show();
        m_tableDock->raise();
        for (const char* id : projectActions) {
            m_actions[id]->setEnabled(true);
        }
        for (QAction* a : m_toolGroup->actions()) {
            a->setEnabled(true);
        }
        updateEditActions();
        if (!m_canvas->tool()) {
            setTool("pan");
        }
        updateWindowTitle();
        updateScale();
        rememberProject(m_projectPath);
        emit projectOpened(m_projectPath);
        return true;
    } catch (const std::exception& error) {
        showMessage(this,
                    MessageKind::Error,
                    tr("Proyek tidak dapat dibuka"),
                    QString::fromStdString(error.what()));
        showWelcome();
        return false;
    }
}

void MainWindow::rememberProject(const QString& path)
{
    QSettings settings;
    settings.setValue("proyekTerakhir", path);
    QStringList recent = settings.value("proyekTerbaru").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8) {
        recent.removeLast();
    }
    settings.setValue("proyekTerbaru", recent);
}

void MainWindow::updateWindowTitle()
{
    if (!m_project) {
        setWindowTitle("PetaDesa");
        return;
    }
    QString title = QString::fromStdString(m_project->name());
    if (m_project->isIllustrative()) {
        title += " " + tr("(data ilustrasi)");
    }
    setWindowTitle(title + " — PetaDesa");
}

void MainWindow::updateEditActions()
{
    const layers::Theme* theme = layers::findTheme(m_layerPanel->currentTheme());
    const bool open = m_project != nullptr;
    const auto family = theme ? theme->family : geo::GeometryFamily::Any;
    m_actions["add_point"]->setEnabled(
        open && theme &&
        (family == geo::GeometryFamily::Point || family == geo::GeometryFamily::Any));
    m_actions["add_line"]->setEnabled(
        open && theme &&
        (family == geo::GeometryFamily::Line || family == geo::GeometryFamily::Any));
    m_actions["add_polygon"]->setEnabled(
        open && theme &&
        (family == geo::GeometryFamily::Polygon || family == geo::GeometryFamily::Any));
    for (const char* id : {"move", "vertex", "delete"}) {
        m_actions[id]->setEnabled(open && theme);
    }
    // A digitizing tool that does not fit the new layer falls back to panning.
    if (MapTool* current = m_canvas->tool()) {
        if (QAction* a = action(current->id()); a && !a->isEnabled()) {
            setTool("pan");
        } else if (current->id().startsWith("add") || current->id() == "move" ||
                   current->id() == "vertex") {
            current->reset();
        }
    }
    if (theme) {
        statusBar()->showMessage(
            tr("Lapisan aktif: %1").arg(QString::fromStdString(theme->label())), 3000);
    }
}

void MainWindow::afterEdit()
{
    if (!m_project) {
        return;
    }
    try {
        refreshAfterEdit();
    } catch (const std::exception& error) {
        statusBar()->showMessage(QString::fromStdString(error.what()), 6000);
    }
}

void MainWindow::refreshAfterEdit()
{
    m_canvas->refresh();
    m_chartPanel->invalidate();
    m_layerPanel->updateCounts(*m_project);
    m_table->reload();
    // The shown history may belong to a feature that undo re-created under a new UUID.
    if (!m_history->featureUuid().empty() && m_session) {
        const std::string uuid = m_session->currentUuid(m_history->featureUuid());
        if (uuid != m_history->featureUuid()) {
            m_history->showFeature(m_table->theme(), uuid);
        } else {
            m_history->refresh();
        }
    }
    // Drop selected fids that no longer exist.
    for (auto& [theme, fids] : m_selection) {
        std::vector<std::int64_t> kept;
        for (const auto fid : fids) {
            if (!uuidOf(*m_project, theme, fid).empty()) {
                kept.push_back(fid);
            }
        }
        if (kept.size() != fids.size()) {
            fids = kept;
            m_canvas->setHighlighted(theme, std::vector<long long>(kept.begin(), kept.end()));
        }
    }
}

void MainWindow::showCoordinates(QPointF mapPoint)
{
    const auto lonLat = m_canvas->mapToLonLat(mapPoint);
    QString text;
    if (lonLat) {
        text = tr("%1, %2 (lintang, bujur)")
                   .arg(QString::number(lonLat->y(), 'f', 5), QString::number(lonLat->x(), 'f', 5));
    }
    if (m_canvas->crs() != "EPSG:4326") {
        text += QString("   %1: %2 E, %3 N")
                    .arg(m_utmName,
                         QString::number(mapPoint.x(), 'f', 0),
                         QString::number(mapPoint.y(), 'f', 0));
    }
    m_coordinates->setText(text);
}

void MainWindow::updateScale()
{
    if (!m_scale || !m_canvas) {
        return;
    }
    const double denominator = m_canvas->scaleDenominator();
    if (!(denominator > 0) || !std::isfinite(denominator)) {
        return;
    }
    const double rounded =
        denominator >= 100 ? std::round(denominator / 10) * 10 : std::round(denominator);
    m_scale->setEditText("1:" + QLocale().toString(static_cast<qlonglong>(rounded)));
}

QString MainWindow::coordinateText() const
{
    return m_coordinates->text();
}

QString MainWindow::scaleText() const
{
    return m_scale->currentText();
}

QString MainWindow::measurementText() const
{
    return m_measurement->text();
}

bool MainWindow::identifyAt(QPointF widgetPoint)
{
    if (!m_project) {
        return false;
    }
    try {
        const QRectF box = m_canvas->lonLatRectangleAround(widgetPoint, identifyTolerancePixels);
        for (const std::string& theme : m_layerPanel->order()) {
            if (!m_layerPanel->isLayerVisible(theme)) {
                continue;
            }
            const auto hits = featuresInRectangle(*m_project, theme, box, 1);
            if (!hits.empty()) {
                setSelection(theme, {hits.front().fid});
                openForm(theme, hits.front().uuid);
                return true;
            }
        }
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Error, tr("Identifikasi"), QString::fromStdString(error.what()));
    }
    return false;
}

FeatureForm* MainWindow::openForm(const std::string& theme, const std::string& uuid)
{
    if (!m_session || !m_vocabularies) {
        return nullptr;
    }
    if (m_form) {
        m_form->close();
    }
    auto* form = new FeatureForm(*m_session, *m_vocabularies, theme, uuid, this);
    m_form = form;
    m_history->showFeature(theme, uuid);
    connect(form,
            &FeatureForm::saved,
            this,
            [this](const QString& savedTheme, const QString& savedUuid) {
                statusBar()->showMessage(tr("Tersimpan."), 3000);
                m_history->showFeature(savedTheme.toStdString(), savedUuid.toStdString());
            });
    form->show();
    form->raise();
    return form;
}

void MainWindow::setSelection(const std::string& theme, const std::vector<std::int64_t>& fids)
{
    m_selection[theme] = fids;
    m_canvas->setHighlighted(theme, std::vector<long long>(fids.begin(), fids.end()));
    if (m_table->theme() == theme) {
        m_table->selectFids(fids);
    }
}

void MainWindow::zoomToSelection(const std::string& theme)
{
    if (!m_project) {
        return;
    }
    const auto found = m_selection.find(theme);
    if (found == m_selection.end() || found->second.empty()) {
        return;
    }
    try {
        if (const auto bounds = featuresBounds(*m_project, theme, found->second)) {
            m_canvas->zoomToLonLatRectangle(*bounds, 200);
        }
    } catch (const std::exception& error) {
        statusBar()->showMessage(QString::fromStdString(error.what()), 6000);
    }
}

void MainWindow::selectInRectangle(QRectF widgetRectangle, bool add)
{
    if (!m_project) {
        return;
    }
    const std::string theme = m_layerPanel->currentTheme();
    if (theme.empty()) {
        statusBar()->showMessage(tr("Pilih lapisan tema (bukan latar raster) di panel Lapisan."),
                                 4000);
        return;
    }
    try {
        const QRectF lonLat =
            m_canvas->mapRectangleToLonLat(QRectF(m_canvas->toMap(widgetRectangle.topLeft()),
                                                  m_canvas->toMap(widgetRectangle.bottomRight()))
                                               .normalized());
        const bool click = widgetRectangle.width() <= 8 && widgetRectangle.height() <= 8;
        const auto hits = featuresInRectangle(*m_project, theme, lonLat, click ? 1 : 1000000);
        std::vector<std::int64_t> fids = add ? m_selection[theme] : std::vector<std::int64_t>{};
        for (const auto& hit : hits) {
            if (std::find(fids.begin(), fids.end(), hit.fid) == fids.end()) {
                fids.push_back(hit.fid);
            }
        }
        if (m_table->theme() != theme) {
            m_table->setTheme(theme);
        }
        setSelection(theme, fids);
        statusBar()->showMessage(tr("%n fitur terpilih", nullptr, int(fids.size())), 3000);
    } catch (const std::exception& error) {
        showMessage(this, MessageKind::Error, tr("Pilih"), QString::fromStdString(error.what()));
    }
}

std::vector<unsigned char> MainWindow::toStorageWkb(const Geometry& mapGeometry) const
{
    Geometry lonLat = mapGeometry;
    for (auto& part : lonLat.parts) {
        for (auto& ring : part) {
            for (QPointF& p : ring) {
                const auto t = m_canvas->mapToLonLat(p);
                if (!t) {
                    throw layers::ProjectError(
                        tr("Koordinat di luar jangkauan proyeksi.").toStdString());
                }
                p = *t;
            }
        }
    }
    return geometryToWkb(lonLat);
}

std::optional<Geometry> MainWindow::toCanvasGeometry(const std::vector<unsigned char>& wkb) const
{
    Geometry geometry = geometryFromWkb(wkb);
    if (geometry.isEmpty()) {
        return std::nullopt;
    }
    for (auto& part : geometry.parts) {
        for (auto& ring : part) {
            for (QPointF& p : ring) {
                const auto t = m_canvas->lonLatToMap(p);
                if (!t) {
                    return std::nullopt;
                }
                p = *t;
            }
        }
    }
    return geometry;
}

void MainWindow::addFeature(const Geometry& mapGeometry)
{
    if (!m_session) {
        return;
    }
    const std::string theme = m_layerPanel->currentTheme();
    try {
        auto* form =
            new FeatureForm(*m_session, *m_vocabularies, theme, toStorageWkb(mapGeometry), this);
        if (m_form) {
            m_form->close();
        }
        m_form = form;
        connect(form,
                &FeatureForm::saved,
                this,
                [this](const QString& savedTheme, const QString& uuid) {
                    statusBar()->showMessage(tr("Fitur baru tersimpan."), 3000);
                    m_history->showFeature(savedTheme.toStdString(), uuid.toStdString());
                });
        form->show();
        form->raise();
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Error, tr("Tambah fitur"), QString::fromStdString(error.what()));
    }
}

void MainWindow::applyGeometryEdit(const std::string& theme,
                                   const std::string& uuid,
                                   const Geometry& mapGeometry)
{
    if (!m_session) {
        return;
    }
    try {
        m_session->updateGeometry(theme, uuid, toStorageWkb(mapGeometry));
        m_history->showFeature(theme, uuid);
        statusBar()->showMessage(tr("Bentuk fitur tersimpan."), 3000);
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Error, tr("Ubah bentuk"), QString::fromStdString(error.what()));
        if (MapTool* current = m_canvas->tool()) {
            current->reset();
        }
    }
}

void MainWindow::deleteAt(QPointF widgetPoint)
{
    if (!m_session) {
        return;
    }
    const std::string theme = m_layerPanel->currentTheme();
    try {
        const auto hits = featuresInRectangle(
            *m_project,
            theme,
            m_canvas->lonLatRectangleAround(widgetPoint, identifyTolerancePixels),
            1);
        if (hits.empty()) {
            statusBar()->showMessage(tr("Tidak ada fitur lapisan aktif di titik ini."), 3000);
            return;
        }
        setSelection(theme, {hits.front().fid});
        if (!askQuestion(
                this, tr("Hapus fitur"), tr("Hapus fitur ini? Dapat dibatalkan (Urungkan)."))) {
            return;
        }
        m_session->deleteFeatures(theme, {hits.front().uuid});
        statusBar()->showMessage(tr("Fitur dihapus."), 3000);
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Error, tr("Hapus fitur"), QString::fromStdString(error.what()));
    }
}

void MainWindow::deleteSelected()
{
    if (!m_session) {
        return;
    }
    const std::string theme = m_layerPanel->currentTheme();
    const auto found = m_selection.find(theme);
    if (found == m_selection.end() || found->second.empty()) {
        statusBar()->showMessage(tr("Tidak ada fitur terpilih di lapisan aktif."), 3000);
        return;
    }
    try {
        std::vector<std::string> uuids;
        for (const auto fid : found->second) {
            const std::string uuid = uuidOf(*m_project, theme, fid);
            if (!uuid.empty()) {
                uuids.push_back(uuid);
            }
        }
        if (!askQuestion(this,
                         tr("Hapus fitur"),
                         tr("Hapus %n fitur terpilih? Dapat dibatalkan (Urungkan).",
                            nullptr,
                            int(uuids.size())))) {
            return;
        }
        m_session->deleteFeatures(theme, uuids);
        m_selection[theme].clear();
        m_canvas->setHighlighted(theme, {});
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Error, tr("Hapus fitur"), QString::fromStdString(error.what()));
    }
}

ImportDialog* MainWindow::openImportDialog()
{
    if (!m_project) {
        return nullptr;
    }
    if (m_import) {
        m_import->raise();
        return m_import;
    }
    auto* dialog = new ImportDialog(m_project->path(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTheme(m_layerPanel->currentTheme());
    m_import = dialog;
    connect(dialog, &ImportDialog::projectChanged, this, [this](const QString& theme) {
        if (!m_project) {
            return;
        }
        // A first import may have chosen the working CRS: open the file again to use it.
        const std::string before = m_canvas->crs();
        std::string now;
        try {
            layers::Project reread(m_project->path(), layers::Project::Access::ReadOnly);
            now = reread.workingCrs();
        } catch (const std::exception&) {
        }
        if (!now.empty() && now != before) {
            const QString path = m_projectPath;
            QTimer::singleShot(0, this, [this, path] { openProject(path); });
            return;
        }
        m_layerPanel->updateCounts(*m_project);
        m_layerPanel->setLayerVisible(theme.toStdString(), true);
        m_canvas->refresh();
        m_table->reload();
    });
    dialog->show();
    return dialog;
}

LayoutDialog* MainWindow::openLayoutDialog()
{
    if (!m_project) {
        return nullptr;
    }
    auto* dialog = new LayoutDialog(m_project->path(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::exportTheme()
{
    if (!m_project) {
        return;
    }
    auto* dialog = new ExportDialog(m_project->path(), m_layerPanel->currentTheme(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::newProject()
{
    const QString path = QFileDialog::getSaveFileName(this,
                                                      tr("Proyek baru"),
                                                      QDir::homePath() + "/desa.sqlite",
                                                      tr("Proyek PetaDesa (*.sqlite)"));
    if (path.isEmpty()) {
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this,
                                               tr("Proyek baru"),
                                               tr("Nama proyek (mis. Desa Wolomarang):"),
                                               QLineEdit::Normal,
                                               QFileInfo(path).completeBaseName(),
                                               &ok);
    if (!ok) {
        return;
    }
    try {
        layers::CreateOptions options;
        options.name = name.toStdString();
        layers::Project::create(path.toStdString(), options);
    } catch (const std::exception& error) {
        showMessage(this,
                    MessageKind::Error,
                    tr("Proyek tidak dapat dibuat"),
                    QString::fromStdString(error.what()));
        return;
    }
    openProject(path);
}

void MainWindow::openProjectDialog()
{
    const QString start =
        m_projectPath.isEmpty() ? QDir::homePath() : QFileInfo(m_projectPath).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Buka proyek"), start, tr("Proyek PetaDesa (*.sqlite);;Semua berkas (*)"));
    if (!path.isEmpty()) {
        openProject(path);
    }
}

void MainWindow::openSample()
{
    const QString path = samplePath();
    if (!QFileInfo::exists(path)) {
        showMessage(this,
                    MessageKind::Warning,
                    tr("Contoh belum ada"),
                    tr("Berkas contoh %1 belum dibuat. Jalankan \"make sample\" di folder "
                       "sumber PetaDesa.")
                        .arg(path));
        return;
    }
    if (QFileInfo(path).isWritable() && QFileInfo(QFileInfo(path).absolutePath()).isWritable()) {
        openProject(path);
        return;
    }
    // Installed read-only (/usr/share/petadesa/sample): work on the user's own copy.
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString copy = directory + "/kecamatan_sample.sqlite";
    if (!QFileInfo::exists(copy)) {
        QDir().mkpath(directory);
        if (!QFile::copy(path, copy)) {
            showMessage(this,
                        MessageKind::Warning,
                        tr("Contoh belum ada"),
                        tr("Berkas contoh tidak dapat disalin ke %1.").arg(copy));
            return;
        }
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    }
    openProject(copy);
}

void MainWindow::chooseSaveAsTarget()
{
    if (!m_project) {
        return;
    }
    const QString target = QFileDialog::getSaveFileName(this,
                                                        tr("Simpan proyek sebagai"),
                                                        QFileInfo(m_projectPath).absolutePath(),
                                                        tr("Proyek PetaDesa (*.sqlite)"));
    if (!target.isEmpty()) {
        saveProjectAs(target);
    }
}

bool MainWindow::saveProjectAs(const QString& target)
{
    if (!m_project) {
        return false;
    }
    const QString absolute = QFileInfo(target).absoluteFilePath();
    if (absolute == QFileInfo(m_projectPath).absoluteFilePath()) {
        statusBar()->showMessage(tr("Proyek sudah tersimpan di berkas itu."), 3000);
        return true;
    }
    // SQLite's backup API writes a consistent copy (committed data, WAL included) under a
    // temporary name; the file appears under its name only when complete.
    const QString temporary = absolute + ".tmp-" + QString::number(::getpid());
    QFile::remove(temporary);
    saveRasterBackgrounds(); // the copy takes the rasters as they are now
    try {
        m_project->database().backupTo(temporary.toStdString());
        if (QFileInfo::exists(absolute) && !QFile::remove(absolute)) {
            throw layers::ProjectError(
                tr("Berkas %1 tidak dapat ditimpa.").arg(absolute).toStdString());
        }
        if (!QFile::rename(temporary, absolute)) {
            throw layers::ProjectError(
                tr("Berkas %1 tidak dapat ditulis.").arg(absolute).toStdString());
        }
    } catch (const std::exception& error) {
        QFile::remove(temporary);
        QFile::remove(temporary + "-wal");
        QFile::remove(temporary + "-shm");
        showMessage(this,
                    MessageKind::Error,
                    tr("Gagal menyimpan salinan"),
                    QString::fromStdString(error.what()));
        return false;
    }
    if (!openProject(absolute)) {
        return false;
    }
    // Raster paths become relative to the copy's folder. Not when a file is missing: its
    // absolute path from the original still helps find it.
    const auto rasters = m_layerPanel->rasters();
    if (std::all_of(rasters.begin(), rasters.end(), [](const RasterEntry& entry) {
            return entry.available;
        })) {
        saveRasterBackgrounds();
    }
    statusBar()->showMessage(tr("Proyek disimpan sebagai %1").arg(absolute), 5000);
    return true;
}

void MainWindow::newWindow()
{
    if (m_projectPath.isEmpty()) {
        return;
    }
    auto* window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (window->openProject(m_projectPath)) {
        window->resize(size());
        window->move(pos() + QPoint(40, 40));
        window->show();
    } else {
        window->deleteLater();
    }
}

void MainWindow::chooseLanguage(const QString& code)
{
    setLanguageSetting(code);
    const layers::Language language = interfaceLanguage();
    if (language == currentLanguage()) {
        return;
    }
    // A new window in the new language replaces this one: no screen mixes languages.
    installLanguage(*qApp, language);
    auto* window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->resize(size());
    window->move(pos());
    const QString path = m_projectPath;
    closeProject();
    if (!path.isEmpty()) {
        window->openProject(path);
    }
    window->show();
    setAttribute(Qt::WA_DeleteOnClose, false);
    hide();
    deleteLater();
}

void MainWindow::about()
{
    showMessage(this,
                MessageKind::Information,
                tr("Tentang PetaDesa"),
                tr("PetaDesa %1 — peta aset desa, pusat kemasyarakatan, BUM Desa, potensi "
                   "ekonomi dan kawasan rawan bencana dalam satu berkas SpatiaLite.")
                    .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue("jendela/geometri", saveGeometry());
    closeProject();
    event->accept();
}

bool MainWindow::addRasterBackground(const QString& path, bool hillshade)
{
    if (!m_project) {
        return false;
    }
    layers::RasterLayer raster;
    raster.path = path.toStdString();
    raster.kind =
        path.endsWith(".mbtiles", Qt::CaseInsensitive)
            ? layers::RasterLayer::Kind::MBTiles
            : (hillshade ? layers::RasterLayer::Kind::Hillshade : layers::RasterLayer::Kind::Image);
    raster.opacity = hillshade ? 0.6 : 1.0;
    // GDAL must read it (and know its CRS) before it goes on the map.
    if (const QString problem = rasterProblem(raster.path); !problem.isEmpty()) {
        showMessage(this,
                    MessageKind::Warning,
                    tr("Latar raster"),
                    tr("%1 tidak dapat dibaca: %2").arg(path, problem));
        return false;
    }
    m_layerPanel->addRaster({raster, true, {}});
    statusBar()->showMessage(tr("Latar raster ditambahkan: %1").arg(path), 4000);
    return true;
}

void MainWindow::clearRasterBackgrounds()
{
    m_layerPanel->setRasters({});
}

bool MainWindow::relocateRaster(int index, const QString& path)
{
    RasterEntry entry = m_layerPanel->raster(index);
    if (entry.layer.path.empty()) {
        return false;
    }
    const std::string file = QFileInfo(path).absoluteFilePath().toStdString();
    if (const QString problem = rasterProblem(file); !problem.isEmpty()) {
        showMessage(this,
                    MessageKind::Warning,
                    tr("Latar raster"),
                    tr("%1 tidak dapat dibaca: %2").arg(path, problem));
        return false;
    }
    entry.layer.path = file;
    entry.available = true;
    entry.problem.clear();
    m_layerPanel->replaceRaster(index, entry);
    return true;
}

void MainWindow::zoomToRaster(int index)
{
    const RasterEntry entry = m_layerPanel->raster(index);
    if (entry.layer.path.empty() || !entry.available) {
        return;
    }
    try {
        const geo::Envelope extent = geo::ElevationModel::extentOf(entry.layer.path);
        std::string crs = geo::ElevationModel::crsOf(entry.layer.path);
        if (crs.empty()) {
            crs = "EPSG:4326"; // as the renderer reads a raster without CRS
        }
        const layers::MapRect box = layers::transformBox(
            {extent.minX, extent.minY, extent.maxX, extent.maxY}, crs, m_canvas->crs());
        if (box.isValid()) {
            m_canvas->zoomToRectangle(
                QRectF(QPointF(box.minX, box.minY), QPointF(box.maxX, box.maxY)));
        }
    } catch (const std::exception& error) {
        statusBar()->showMessage(QString::fromStdString(error.what()), 6000);
    }
}

void MainWindow::saveRasterBackgrounds()
{
    m_saveRastersTimer.stop();
    if (!m_project) {
        return;
    }
    std::vector<layers::RasterLayer> rasters;
    for (const RasterEntry& entry : m_layerPanel->rasters()) {
        rasters.push_back(entry.layer);
    }
    try {
        layers::setProjectRasters(*m_project, rasters);
    } catch (const std::exception& error) {
        showMessage(this,
                    MessageKind::Warning,
                    tr("Latar raster"),
                    tr("Daftar latar raster tidak dapat disimpan di proyek: %1")
                        .arg(QString::fromStdString(error.what())));
    }
}

void MainWindow::restoreRasterBackgrounds()
{
    std::vector<RasterEntry> entries;
    QStringList missing;
    try {
        for (const layers::RasterLayer& raster : layers::projectRasters(*m_project)) {
            RasterEntry entry{raster, true, rasterProblem(raster.path)};
            if (!entry.problem.isEmpty()) {
                entry.available = false;
                missing << QString("%1: %2").arg(QString::fromStdString(raster.path),
                                                 entry.problem);
            }
            entries.push_back(std::move(entry));
        }
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Warning, tr("Latar raster"), QString::fromStdString(error.what()));
    }
    m_restoringRasters = true;
    m_layerPanel->setRasters(entries);
    m_restoringRasters = false;
    if (!missing.isEmpty()) {
        showMessage(
            this,
            MessageKind::Warning,
            tr("Latar raster tidak tersedia"),
            tr("Latar raster ini tidak dapat dibuka; lapisannya tetap di panel Lapisan, "
               "ditandai tidak tersedia (klik kanan: Cari berkas… atau Hapus latar raster):\n%1")
                .arg(missing.join("\n")));
    }
}

void MainWindow::chooseThematicMap(int editIndex)
{
    if (!m_project) {
        return;
    }
    try {
        ThematicDialog dialog(m_project->path(), this);
        const auto current = m_thematicPanel->layers();
        const bool editing = editIndex >= 0 && editIndex < int(current.size());
        if (editing) {
            dialog.setLayer(current[std::size_t(editIndex)]);
        }
        if (dialog.exec() != QDialog::Accepted) {
            return;
        }
        if (editing) {
            m_thematicPanel->removeLayer(editIndex);
        }
        addThematicLayer(dialog.layer());
    } catch (const std::exception& error) {
        showMessage(
            this, MessageKind::Warning, tr("Peta tematik"), QString::fromStdString(error.what()));
    }
}

void MainWindow::addThematicLayer(const layers::ThematicLayer& layer)
{
    m_thematicPanel->addLayer(layer);
}

} // namespace app
