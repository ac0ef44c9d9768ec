#include "app/desktop/screenshot.h"

#include "app/desktop/analysis_panel.h"
#include "app/desktop/attribute_table.h"
#include "app/desktop/chart_panel.h"
#include "app/desktop/feature_form.h"
#include "app/desktop/feature_query.h"
#include "app/desktop/import_dialog.h"
#include "app/desktop/layer_panel.h"
#include "app/desktop/layout_dialog.h"
#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"
#include "app/desktop/map_tools.h"
#include "app/desktop/presentation.h"
#include "geo/spatial_database.h"
#include "layers/data_paths.h"
#include "layers/project.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmap>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>

#include <cstdio>

namespace app {

ScreenshotTaker::ScreenshotTaker(MainWindow& window, QString output, QString state, QObject* parent)
    : QObject(parent), m_window(window), m_output(std::move(output)), m_state(std::move(state))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(120000);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        std::fprintf(stderr, "screenshot: no render finished within two minutes\n");
        emit done(false);
    });
}

void ScreenshotTaker::start()
{
    m_timeout.start();
    MapCanvas* canvas = m_window.canvas();
    if (!m_window.project()) {
        // The welcome page: nothing to render.
        QTimer::singleShot(500, this, &ScreenshotTaker::grab);
        return;
    }
    if (canvas->renderFinishCount() > 0) {
        applyState();
        return;
    }
    connect(canvas,
            &MapCanvas::renderFinished,
            this,
            &ScreenshotTaker::applyState,
            Qt::SingleShotConnection);
}

void ScreenshotTaker::applyState()
{
    MapCanvas* canvas = m_window.canvas();
    layers::Project* project = m_window.project();
    // The status bar shows the coordinates under the mouse: put it on the map.
    const QPointF inside(canvas->width() * 0.45, canvas->height() * 0.45);
    QMouseEvent move(QEvent::MouseMove,
                     inside,
                     canvas->mapToGlobal(inside),
                     Qt::NoButton,
                     Qt::NoButton,
                     Qt::NoModifier);
    QApplication::sendEvent(canvas, &move);
    if (m_state == "main" || m_state == "measure" || m_state == "raster" || m_state == "chart" ||
        m_state == "analysis" || m_state == "exposure") {
        // The town, where the data is dense, rather than the whole kecamatan with its islands.
        try {
            const layers::Extent roads = project->extent("jalan");
            if (!roads.isEmpty) {
                canvas->zoomToLonLatRectangle(
                    QRectF(QPointF(roads.minX, roads.minY), QPointF(roads.maxX, roads.maxY)));
            }
        } catch (const std::exception& error) {
            std::fprintf(stderr, "screenshot: %s\n", error.what());
        }
    }
    if (m_state == "import") {
        ImportDialog* dialog = m_window.openImportDialog();
        if (dialog) {
            dialog->setFile(QString::fromStdString(layers::dataDirectory()) +
                            "/sample/src/aset_desa.geojson");
            dialog->resize(980, 720);
        }
    } else if (m_state == "form" || m_state == "table") {
        // A school asset with a code: zoom to it and open its form.
        std::string uuid;
        std::int64_t fid = -1;
        try {
            auto statement = project->database().prepare(
                "SELECT fid, uuid FROM aset_desa WHERE kode_aset IS NOT NULL AND nama IS NOT NULL "
                "AND GeometryType(geom) LIKE '%POINT%' ORDER BY fid LIMIT 1 OFFSET 12");
            if (statement.step()) {
                fid = statement.integer(0);
                uuid = statement.text(1);
            }
        } catch (const std::exception& error) {
            std::fprintf(stderr, "screenshot: %s\n", error.what());
        }
        if (m_state == "form" && !uuid.empty()) {
            m_window.layerPanel()->setCurrentTheme("aset_desa");
            m_window.setSelection("aset_desa", {fid});
            m_window.zoomToSelection("aset_desa");
            canvas->setScaleDenominator(12000);
            m_window.setTool("identify");
            if (FeatureForm* form = m_window.openForm("aset_desa", uuid)) {
                form->move(m_window.geometry().topLeft() + QPoint(m_window.width() - 600, 110));
            }
        } else if (m_state == "table") {
            m_window.tableDock()->show();
            m_window.resizeDocks({m_window.tableDock()}, {380}, Qt::Vertical);
            m_window.attributeTable()->setTheme("aset_desa");
            m_window.attributeTable()->setFilter("", "posyandu");
            auto* model = m_window.attributeTable()->model();
            std::vector<std::int64_t> fids;
            for (int row = 0; row < std::min(3, model->rowCount()); ++row) {
                fids.push_back(model->fidAt(row));
            }
            m_window.layerPanel()->setCurrentTheme("aset_desa");
            m_window.setSelection("aset_desa", fids);
            // After the docks took their new sizes.
            QTimer::singleShot(100, &m_window, [this] { m_window.zoomToSelection("aset_desa"); });
        }
    } else if (m_state == "analysis" || m_state == "exposure") {
        m_window.analysisDock()->show();
        m_window.resizeDocks({m_window.analysisDock()}, {560}, Qt::Horizontal);
        m_window.analysisPanel()->setAnalysis(m_state == "analysis" ? "evacuation" : "exposure");
        m_window.analysisPanel()->run();
    } else if (m_state == "chart") {
        // Potential value per village, stacked by category, in a tall bottom dock.
        m_window.chartDock()->show();
        m_window.chartDock()->raise();
        m_window.resizeDocks({m_window.chartDock()}, {460}, Qt::Vertical);
        m_window.chartPanel()->setMeasure(ChartPanel::Measure::PotentialValue);
        m_window.chartPanel()->setSortByTotal(true);
        m_window.chartPanel()->refresh();
    } else if (m_state == "layout") {
        if (LayoutDialog* dialog = m_window.openLayoutDialog()) {
            m_layoutDialog = dialog;
            dialog->templateBox()->setCurrentIndex(dialog->templateBox()->findData("evakuasi"));
            dialog->villageBox()->setCurrentIndex(dialog->villageBox()->findText("Wuring"));
            dialog->resize(1180, 720);
            dialog->move(m_window.geometry().topLeft() + QPoint(200, 120));
        }
    } else if (m_state == "presentation") {
        if (PresentationView* view = m_window.openPresentation()) {
            m_presentation = view;
            // The village at the centre of the road network (the town), else the first.
            try {
                const layers::Extent roads = project->extent("jalan");
                const auto centre = view->canvas()->lonLatToMap(
                    QPointF((roads.minX + roads.maxX) / 2, (roads.minY + roads.maxY) / 2));
                for (int i = 0; centre && !roads.isEmpty && i < view->villageCount(); ++i) {
                    const QRectF bounds = view->villages()[size_t(i)].bounds;
                    if (bounds.contains(*centre)) {
                        view->showVillage(i);
                        break;
                    }
                }
            } catch (const std::exception& error) {
                std::fprintf(stderr, "screenshot: %s\n", error.what());
            }
        }
    } else if (m_state == "raster") {
        // The raster added with --background under the themes. The tsunami zones of the same
        // scenario would cover the depth raster: off. Legends folded so every entry shows; the
        // raster is the current entry, its opacity on the slider.
        LayerPanel* panel = m_window.layerPanel();
        panel->setLayerVisible("zona_bahaya", false);
        panel->tree()->collapseAll();
        panel->setCurrentRaster(0);
        panel->setRasterOpacity(0, 0.85);
        if (auto* dock = m_window.findChild<QDockWidget*>("dock_lapisan")) {
            m_window.resizeDocks({dock}, {330}, Qt::Horizontal);
        }
        canvas->zoomBy(1.4);
        m_window.statusBar()->clearMessage();
    } else if (m_state == "measure") {
        m_window.setTool("measure");
        auto* tool = qobject_cast<MeasureTool*>(m_window.tool("measure"));
        if (tool) {
            const QPointF a(canvas->width() * 0.35, canvas->height() * 0.55);
            const QPointF b(canvas->width() * 0.55, canvas->height() * 0.40);
            const QPointF c(canvas->width() * 0.70, canvas->height() * 0.50);
            for (const QPointF& p : {a, b, c}) {
                QMouseEvent press(QEvent::MouseButtonPress,
                                  p,
                                  canvas->mapToGlobal(p),
                                  Qt::LeftButton,
                                  Qt::LeftButton,
                                  Qt::NoModifier);
                QMouseEvent release(QEvent::MouseButtonRelease,
                                    p,
                                    canvas->mapToGlobal(p),
                                    Qt::LeftButton,
                                    Qt::NoButton,
                                    Qt::NoModifier);
                QApplication::sendEvent(canvas, &press);
                QApplication::sendEvent(canvas, &release);
            }
        }
    }
    QTimer::singleShot(300, this, &ScreenshotTaker::waitForQuietCanvas);
}

void ScreenshotTaker::waitForQuietCanvas()
{
    // Wait until no render is pending, twice in a row, so the state's render is in.
    const MapCanvas* canvas = m_presentation ? m_presentation->canvas() : m_window.canvas();
    const bool previewPending = m_layoutDialog && (m_layoutDialog->isPreviewing() ||
                                                   m_layoutDialog->previewImage().isNull());
    if (canvas->isRendering() || previewPending || m_window.analysisPanel()->isRunning() ||
        m_window.chartPanel()->isRunning()) {
        m_quietChecks = 0;
    } else {
        ++m_quietChecks;
    }
    if (m_quietChecks >= 2) {
        QTimer::singleShot(200, this, &ScreenshotTaker::grab);
        return;
    }
    QTimer::singleShot(150, this, &ScreenshotTaker::waitForQuietCanvas);
}

void ScreenshotTaker::grab()
{
    m_timeout.stop();
    if (m_presentation) {
        const bool saved = m_presentation->grab().save(m_output, "PNG");
        if (!saved) {
            std::fprintf(stderr, "screenshot: cannot write %s\n", qPrintable(m_output));
        }
        emit done(saved);
        return;
    }
    QPixmap shot = m_window.grab();
    QPainter painter(&shot);
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        auto* dialog = qobject_cast<QDialog*>(widget);
        if (!dialog || !dialog->isVisible()) {
            continue;
        }
        const QPoint at = dialog->geometry().topLeft() - m_window.geometry().topLeft();
        const QPixmap image = dialog->grab();
        painter.setPen(QPen(QColor(90, 90, 90), 1));
        painter.drawRect(QRect(at - QPoint(1, 1), image.size() + QSize(1, 1)));
        painter.drawPixmap(at, image);
    }
    painter.end();
    const bool saved = shot.save(m_output, "PNG");
    if (!saved) {
        std::fprintf(stderr, "screenshot: cannot write %s\n", qPrintable(m_output));
    }
    emit done(saved);
}

} // namespace app
