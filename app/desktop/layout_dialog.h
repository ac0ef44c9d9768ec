#pragma once

#include "layers/layout/layout_export.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QImage>
#include <QTimer>

#include <memory>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace app {

struct LayoutPreview
{
    QImage image;
    std::string error;
    int generation = 0;
};

struct LayoutExportOutcome
{
    layers::LayoutExportResult result;
    std::string error;
};

/// Print a map: template, paper, orientation, title, the kecamatan, one village or the atlas,
/// with a live preview of the first page. Previews and the export run on worker threads (the
/// GUI thread never waits); a newer preview cancels the one still drawing.
class LayoutDialog : public QDialog
{
    Q_OBJECT
public:
    LayoutDialog(const std::string& projectPath, QWidget* parent = nullptr);
    ~LayoutDialog() override;

    /// The options the controls describe.
    layers::LayoutOptions options() const;
    void setOutput(const QString& path);
    void startExport();
    void cancelExport();
    bool isExporting() const { return m_export.isRunning(); }
    bool isPreviewing() const { return m_preview.isRunning(); }
    /// The last preview shown (null before the first one arrives).
    QImage previewImage() const { return m_previewImage; }
    QComboBox* templateBox() const { return m_template; }
    QComboBox* villageBox() const { return m_village; }
    QLineEdit* titleEdit() const { return m_title; }

signals:
    void previewReady();
    void exportFinished(bool succeeded);
    void pageDone(int page, int pages);

private:
    void schedulePreview();
    void startPreview();
    void showPreview();
    void chooseOutput();

    std::string m_projectPath;
    QComboBox* m_template;
    QComboBox* m_paper;
    QComboBox* m_orientation;
    QComboBox* m_village;
    QLineEdit* m_title;
    QLineEdit* m_producer;
    QLineEdit* m_output;
    QLabel* m_previewLabel;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_exportButton;
    QPushButton* m_cancelButton;
    QTimer m_previewTimer;
    QFutureWatcher<LayoutPreview> m_preview;
    QFutureWatcher<LayoutExportOutcome> m_export;
    std::shared_ptr<layers::RenderFeedback> m_previewFeedback;
    std::shared_ptr<layers::RenderFeedback> m_exportFeedback;
    int m_generation = 0;
    QImage m_previewImage;
};

} // namespace app
