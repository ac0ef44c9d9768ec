#pragma once

#include "layers/analysis/potential_analysis.h"
#include "layers/render/chart.h"

#include <QFutureWatcher>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <map>
#include <memory>
#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace geo {
class AnalysisFeedback;
}

namespace app {

/// What the chart panel's worker hands back to the GUI thread (values only).
struct ChartOutcome
{
    layers::PotentialResult potential;
    /// Potential category code -> its label in the interface language.
    std::map<std::string, QString> categoryLabels;
    QString error;
    bool canceled = false;
    int generation = 0;
};

/// Draws a layers::BarChartData with layers::drawBarChart (the chart of the print layouts) at
/// the screen's resolution; the tooltip names the bar under the mouse. GUI thread.
class ChartView : public QWidget
{
    Q_OBJECT
public:
    explicit ChartView(QWidget* parent = nullptr);
    void setChart(const layers::BarChartData& chartData);
    const layers::BarChartData& chart() const { return m_data; }
    /// The style it draws with at a resolution (sizes in points, so larger on a print).
    static layers::ChartStyle chartStyle(double dpi);
    /// The tooltip text of the bar at a widget point ("" = no bar there).
    QString barTextAt(const QPointF& point) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    layers::BarChartData m_data;
};

/// The charts dock ("Grafik"): bar charts per village and category of the economic potential
/// (feature count, area in ha or value in Rp) and of the village assets (count or value), from
/// the potential analysis's per-village, per-category roll-up (layers::analyzePotential, the
/// engine of `petadesa-cli analyze potential`; nothing is written to the project). The
/// analysis runs on a worker thread with its own read-only connection (QtConcurrent; values in,
/// values out) with a progress bar and a cancel button: the GUI thread never waits, a newer run
/// or another project drops a running one, and a cancel keeps the chart shown. Switching the
/// measure, the village or stacking only redraws. All villages: one group of bars (a stack by
/// default) per village, one bar per category; one village: its categories in their map
/// colours. Lives on the GUI thread.
class ChartPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Measure { PotentialCount, PotentialArea, PotentialValue, AssetCount, AssetValue };
    /// Series beyond this many categories are summed as "lainnya" (others).
    static constexpr std::size_t maxSeries = 8;

    explicit ChartPanel(QWidget* parent = nullptr);
    ~ChartPanel() override;

    /// The project to chart ("" = none); drops a running computation and clears the chart. The
    /// figures are computed when the panel is next shown (or on refresh()).
    void setProjectPath(const QString& path);
    /// The project changed: recomputes now when the panel is visible, else when next shown.
    void invalidate();
    /// Starts the computation in the background and returns at once (restarts a running one).
    void refresh();
    /// Asks the running computation to stop; the chart shown stays.
    void cancel();
    bool isRunning() const { return m_running; }
    bool hasFigures() const { return m_hasFigures; }
    /// The last computed figures (valid when hasFigures()).
    const layers::PotentialResult& figures() const { return m_figures; }

    void setMeasure(Measure measure);
    Measure measure() const;
    /// A village by its wilayah fid; -1 = all villages.
    void setVillage(std::int64_t fid);
    std::int64_t village() const;
    void setStacked(bool stacked);
    /// Villages by name (false) or largest first (true).
    void setSortByTotal(bool largestFirst);

    /// The chart as drawn (groups, series, values in the measure's unit).
    const layers::BarChartData& chartData() const;
    /// Writes the chart as PNG (1800 x 1000 px, 150 dpi) or SVG (by the extension), through a
    /// QSaveFile: a failure leaves no partial file. False with the reason in error.
    bool exportChart(const QString& path, QString* error = nullptr) const;

    QComboBox* measureBox() const { return m_measure; }
    QComboBox* villageBox() const { return m_village; }
    QPushButton* refreshButton() const { return m_refresh; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* summaryLabel() const { return m_summary; }
    ChartView* view() const { return m_view; }

signals:
    /// A computation ended: succeeded is false after an error or a cancel (not sent for a run
    /// replaced by a newer one or dropped by a project change).
    void computeFinished(bool succeeded);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showOutcome();
    void fillVillages();
    void rebuildChart();
    void updateSummary();
    void chooseExport();

    QString m_projectPath;
    QComboBox* m_measure;
    QComboBox* m_village;
    QComboBox* m_sort;
    QCheckBox* m_stacked;
    QPushButton* m_refresh;
    QPushButton* m_cancel;
    QPushButton* m_export;
    QProgressBar* m_progress;
    QLabel* m_summary;
    ChartView* m_view;
    QTimer m_poll;
    QFutureWatcher<ChartOutcome> m_watcher;
    std::shared_ptr<geo::AnalysisFeedback> m_feedback;
    layers::PotentialResult m_figures;
    std::map<std::string, QString> m_categoryLabels;
    bool m_hasFigures = false;
    bool m_stale = true;
    bool m_running = false;
    int m_generation = 0;
};

} // namespace app
