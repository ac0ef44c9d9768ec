#pragma once

#include "layers/exporter.h"

#include <QDialog>
#include <QFutureWatcher>

#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace app {

struct ExportOutcome
{
    layers::ExportResult result;
    bool succeeded = false;
    std::string error;
};

/// Writes one theme to GeoPackage, GeoJSON, Shapefile, KML or CSV on a worker thread with its
/// own Project connection. Lives on the GUI thread.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const std::string& projectPath,
                 const std::string& theme,
                 QWidget* parent = nullptr);

    void setOutput(const QString& path);
    void startExport();
    bool isRunning() const { return m_watcher.isRunning(); }

signals:
    void exportFinished(bool succeeded);

private:
    void chooseOutput();

    std::string m_projectPath;
    QComboBox* m_theme;
    QLineEdit* m_output;
    QCheckBox* m_overwrite;
    QLabel* m_status;
    QPushButton* m_export;
    QFutureWatcher<ExportOutcome> m_watcher;
};

} // namespace app
