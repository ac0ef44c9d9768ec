#pragma once

#include <QFutureWatcher>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace app {

class PanelFeedback;

/// A table of results the panel shows: a heading, column titles and rows of text.
struct AnalysisTable
{
    QString summary;
    QStringList columns;
    std::vector<QStringList> rows;
};

struct AnalysisOutcome
{
    AnalysisTable table;
    std::string error;
    bool canceled = false;
};

/// The disaster analyses of the project (hazard exposure, safe areas, evacuation plan, damage
/// summary) with their main parameters, run on a worker thread with its own connection to the
/// project file, with progress and cancel; the results table shows when it is done, and the
/// hasil_* tables in the project hold the full results.
class AnalysisPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AnalysisPanel(QWidget* parent = nullptr);
    ~AnalysisPanel() override;

    /// The project the analyses read and write ("" = none: the panel is disabled).
    void setProject(const std::string& projectPath);
    /// "exposure", "safe-areas", "evacuation" or "damage".
    void setAnalysis(const QString& analysis);
    void run();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    /// The analysis of the last run ("exposure", "safe-areas", "evacuation" or "damage").
    QString lastAnalysis() const { return m_lastAnalysis; }
    QTableWidget* resultTable() const { return m_table; }
    QLabel* summaryLabel() const { return m_summary; }
    QProgressBar* progressBar() const { return m_progress; }

signals:
    /// An analysis finished; succeeded is false after an error or a cancel.
    void finished(bool succeeded);

private:
    void showOutcome();

    std::string m_projectPath;
    QString m_lastAnalysis;
    QComboBox* m_analysis;
    QStackedWidget* m_parameters;
    QComboBox* m_safeLevel;
    QDoubleSpinBox* m_safeBuffer;
    QDoubleSpinBox* m_speed;
    QComboBox* m_avoidLevel;
    QLineEdit* m_event;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTableWidget* m_table;
    QTimer m_poll;
    std::shared_ptr<PanelFeedback> m_feedback;
    QFutureWatcher<AnalysisOutcome> m_watcher;
};

} // namespace app
