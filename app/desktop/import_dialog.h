#pragma once

#include "geo/gdal_dataset.h"
#include "layers/importer.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>

#include <memory>
#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace app {

/// The outcome of an import run on a worker thread.
struct ImportOutcome
{
    layers::ImportResult result;
    bool succeeded = false;
    bool canceled = false;
    std::string error;
};

/// Progress of an import shared with the dialog: the worker stores counts, the dialog polls
/// them with a timer (no signal crosses threads), cancel() comes from the GUI thread.
class ImportProgress : public layers::ImportFeedback
{
public:
    void progress(std::int64_t done, std::int64_t total) override
    {
        m_done.store(done);
        m_total.store(total);
    }
    std::int64_t done() const { return m_done.load(); }
    std::int64_t total() const { return m_total.load(); }

private:
    std::atomic<std::int64_t> m_done{0};
    std::atomic<std::int64_t> m_total{-1};
};

/// Imports a vector file into one theme: file chooser, theme, the file's layers, the field
/// mapping (prefilled by layers::mapFields, each column's source field in an editable combo),
/// options, a progress bar with cancel, and afterwards the report of rejected, repaired and
/// unknown values in a table. The import runs on a worker thread (QtConcurrent) with its own
/// Project connection; the GUI thread keeps drawing. Lives on the GUI thread.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(const std::string& projectPath, QWidget* parent = nullptr);
    ~ImportDialog() override;

    /// Reads the file's layers and fields and prefills the mapping.
    void setFile(const QString& path);
    void setTheme(const std::string& theme);
    std::string theme() const;

    /// The source field a theme column takes ("" = none).
    QString mappedField(const std::string& column) const;
    void setMappedField(const std::string& column, const QString& field);

    void startImport();
    void cancelImport();
    bool isRunning() const { return m_watcher.isRunning(); }
    const std::optional<ImportOutcome>& outcome() const { return m_outcome; }

    QTableWidget* mappingTable() const { return m_mapping; }
    QTableWidget* reportTable() const { return m_report; }
    QListWidget* layerList() const { return m_layers; }
    QProgressBar* progressBar() const { return m_progress; }

signals:
    /// The import ended (succeeded, canceled or failed); the outcome is shown.
    void importFinished(bool succeeded);
    /// Features were written to the project (the main window reloads).
    void projectChanged(const QString& theme);

protected:
    void reject() override;

private:
    void chooseFile();
    void fillMapping();
    void finished();
    void showReport(const layers::ImportResult& result);
    layers::ImportOptions options() const;

    std::string m_projectPath;
    QString m_loadedFile;
    std::vector<geo::LayerInfo> m_layerInfos;
    QLineEdit* m_file;
    QComboBox* m_theme;
    QListWidget* m_layers;
    QTableWidget* m_mapping;
    QCheckBox* m_strict;
    QCheckBox* m_keepUnmapped;
    QLineEdit* m_crs;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTableWidget* m_report;
    QPushButton* m_import;
    QPushButton* m_cancel;
    QPushButton* m_close;
    QFutureWatcher<ImportOutcome> m_watcher;
    std::shared_ptr<ImportProgress> m_feedback;
    QTimer m_poll;
    std::optional<ImportOutcome> m_outcome;
    std::map<std::string, std::string> m_automatic; ///< column -> field mapFields chose
};

} // namespace app
