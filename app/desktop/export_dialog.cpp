#include "app/desktop/export_dialog.h"

#include "app/desktop/language.h"
#include "layers/project.h"
#include "layers/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace app {

ExportDialog::ExportDialog(const std::string& projectPath,
                           const std::string& theme,
                           QWidget* parent)
    : QDialog(parent), m_projectPath(projectPath)
{
    setWindowTitle(tr("Ekspor tema"));
    resize(620, 220);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_theme = new QComboBox(this);
    for (const auto& t : layers::themes()) {
        m_theme->addItem(QString::fromStdString(t.label()), QString::fromStdString(t.name));
    }
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(QString::fromStdString(theme))));
    form->addRow(tr("Tema"), m_theme);
    auto* row = new QHBoxLayout;
    m_output = new QLineEdit(this);
    m_output->setPlaceholderText(tr("mis. aset.gpkg, aset.geojson, aset.shp, aset.kml, aset.csv"));
    auto* browse = new QToolButton(this);
    browse->setText(tr("Pilih…"));
    row->addWidget(m_output, 1);
    row->addWidget(browse);
    form->addRow(tr("Berkas tujuan"), row);
    m_overwrite = new QCheckBox(tr("Timpa bila berkas sudah ada"), this);
    form->addRow(QString(), m_overwrite);
    layout->addLayout(form);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("Ekspor"), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Tutup"), QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);
    connect(browse, &QToolButton::clicked, this, &ExportDialog::chooseOutput);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<ExportOutcome>::finished, this, [this] {
        const ExportOutcome outcome = m_watcher.result();
        m_export->setEnabled(true);
        if (outcome.succeeded) {
            m_status->setText(
                tr("Selesai: %1 fitur ditulis ke %2.")
                    .arg(QLocale().toString(qlonglong(outcome.result.features)),
                         QString::fromStdString(outcome.result.datasets.empty()
                                                    ? std::string()
                                                    : outcome.result.datasets.front())));
        } else {
            m_status->setText(tr("Ekspor gagal: %1").arg(QString::fromStdString(outcome.error)));
        }
        emit exportFinished(outcome.succeeded);
    });
}

void ExportDialog::chooseOutput()
{
    const QString theme = m_theme->currentData().toString();
    const QString path = QFileDialog::getSaveFileName(
        this,
        tr("Ekspor ke"),
        QFileInfo(QString::fromStdString(m_projectPath)).absolutePath() + "/" + theme + ".gpkg",
        tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;Shapefile (*.shp);;KML (*.kml);;CSV "
           "(*.csv)"),
        nullptr,
        QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty()) {
        setOutput(path);
    }
}

void ExportDialog::setOutput(const QString& path)
{
    m_output->setText(path);
}

void ExportDialog::startExport()
{
    if (isRunning() || m_output->text().trimmed().isEmpty()) {
        return;
    }
    const std::string projectPath = m_projectPath;
    const std::string theme = m_theme->currentData().toString().toStdString();
    const std::string output = m_output->text().trimmed().toStdString();
    const bool overwrite = m_overwrite->isChecked();
    const layers::Language language = currentLanguage();
    m_export->setEnabled(false);
    m_status->setText(tr("Mengekspor…"));
    m_watcher.setFuture(QtConcurrent::run([=] {
        ExportOutcome outcome;
        try {
            layers::setLanguage(language);
            layers::Project project(projectPath, layers::Project::Access::ReadOnly);
            outcome.result = layers::exportTheme(project, theme, output, overwrite);
            outcome.succeeded = true;
        } catch (const std::exception& error) {
            outcome.error = error.what();
        }
        return outcome;
    }));
}

} // namespace app
