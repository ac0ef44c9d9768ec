#pragma once

#include "layers/validation.h"

#include <QFutureWatcher>
#include <QRectF>
#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace geo {
class AnalysisFeedback;
}

namespace app {

/// What a background data-quality check hands back to the GUI thread (values only).
struct QualityOutcome
{
    layers::ValidationReport report;
    QString error;
    bool canceled = false;
    int generation = 0;
};

/// The data-quality panel ("Kualitas data"): the items of layers::validateProject in a table
/// (theme, feature, reason, suggestion), errors first in colour. check() starts the check on a
/// worker thread with its own read-only Project connection (QtConcurrent; values in, values
/// out) and returns at once: the GUI thread never waits. A double click asks the window to zoom
/// to the item (zoomRequested). Lives on the GUI thread.
class QualityPanel : public QWidget
{
    Q_OBJECT
public:
    explicit QualityPanel(QWidget* parent = nullptr);
    ~QualityPanel() override;

    /// The project to check ("" = none); cancels a running check and clears the table.
    void setProjectPath(const QString& path);
    /// Starts a check of the whole project in the background (restarts a running one).
    void check();
    bool isRunning() const { return m_running; }
    const std::vector<layers::Issue>& issues() const { return m_issues; }
    QTableWidget* table() const { return m_table; }
    QString summaryText() const;
    /// Emits zoomRequested for the item in a table row (what a double click does).
    void zoomToRow(int row);

signals:
    /// lonLat: the item's bounding box in EPSG:4326.
    void zoomRequested(const QRectF& lonLat, const QString& theme, qint64 fid);
    /// A check finished (also after an error); not for a check replaced by a newer one.
    void checkFinished();

private:
    void showOutcome();
    void cancelRunning();

    QString m_projectPath;
    QPushButton* m_checkButton;
    QLabel* m_summary;
    QTableWidget* m_table;
    QFutureWatcher<QualityOutcome> m_watcher;
    std::shared_ptr<geo::AnalysisFeedback> m_feedback;
    std::vector<layers::Issue> m_issues;
    std::size_t m_errors = 0;
    std::size_t m_warnings = 0;
    std::size_t m_fixable = 0;
    std::size_t m_omitted = 0;
    int m_generation = 0;
    bool m_running = false;
};

} // namespace app
