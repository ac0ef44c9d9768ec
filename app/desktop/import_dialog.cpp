#include "app/desktop/import_dialog.h"

#include "app/desktop/language.h"
#include "app/desktop/messages.h"
#include "layers/field_mapping.h"
#include "layers/project.h"
#include "layers/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace app {

ImportDialog::ImportDialog(const std::string& projectPath, QWidget* parent)
    : QDialog(parent), m_projectPath(projectPath)
{
    setWindowTitle(tr("Impor data"));
    resize(900, 760);
    auto* layout = new QVBoxLayout(this);

    auto* form = new QFormLayout;
    auto* fileRow = new QHBoxLayout;
    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(
        tr("Shapefile, GeoJSON, GeoPackage, KML/KMZ, GPX, CSV (ODK/Kobo), …"));
    auto* browse = new QToolButton(this);
    browse->setText(tr("Pilih berkas…"));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("Berkas"), fileRow);
    m_theme = new QComboBox(this);
    for (const auto& theme : layers::themes()) {
        m_theme->addItem(QString::fromStdString(theme.label()), QString::fromStdString(theme.name));
    }
    form->addRow(tr("Masuk ke tema"), m_theme);
    layout->addLayout(form);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* layerBox = new QGroupBox(tr("Lapisan di berkas"), splitter);
    auto* layerLayout = new QVBoxLayout(layerBox);
    m_layers = new QListWidget(layerBox);
    layerLayout->addWidget(m_layers);
    auto* mappingBox = new QGroupBox(tr("Pemetaan kolom"), splitter);
    auto* mappingLayout = new QVBoxLayout(mappingBox);
    m_mapping = new QTableWidget(0, 3, mappingBox);
    m_mapping->setHorizontalHeaderLabels(
        {tr("Kolom tema"), tr("Diambil dari kolom sumber"), tr("Isi tetap bila kosong")});
    m_mapping->verticalHeader()->hide();
    m_mapping->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_mapping->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_mapping->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    mappingLayout->addWidget(m_mapping);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    layout->addWidget(splitter, 3);

    auto* options = new QHBoxLayout;
    m_strict = new QCheckBox(tr("Tolak fitur dengan nilai di luar daftar"), this);
    m_keepUnmapped = new QCheckBox(tr("Simpan kolom sumber lain (atribut_lain)"), this);
    m_keepUnmapped->setChecked(true);
    m_crs = new QLineEdit(this);
    m_crs->setPlaceholderText(tr("CRS dari berkas"));
    m_crs->setToolTip(tr("Isi mis. EPSG:32750 bila berkas tidak menyebut CRS-nya"));
    m_crs->setMaximumWidth(180);
    options->addWidget(m_strict);
    options->addWidget(m_keepUnmapped);
    options->addStretch(1);
    options->addWidget(new QLabel(tr("CRS sumber"), this));
    options->addWidget(m_crs);
    layout->addLayout(options);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    layout->addWidget(m_progress);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_report = new QTableWidget(0, 4, this);
    m_report->setHorizontalHeaderLabels({tr("Tindakan"), tr("Lapisan"), tr("Fitur"), tr("Alasan")});
    m_report->verticalHeader()->hide();
    m_report->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_report->horizontalHeader()->setStretchLastSection(true);
    m_report->setWordWrap(false);
    m_report->hide();
    layout->addWidget(m_report, 2);

    auto* buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("Impor"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(tr("Batalkan impor"), QDialogButtonBox::ActionRole);
    m_close = buttons->addButton(tr("Tutup"), QDialogButtonBox::RejectRole);
    m_cancel->setEnabled(false);
    m_import->setDefault(true);
    layout->addWidget(buttons);

    connect(browse, &QToolButton::clicked, this, &ImportDialog::chooseFile);
    connect(m_file, &QLineEdit::editingFinished, this, [this] {
        // Also emitted when focus leaves the field: read the file only when it changed.
        if (!m_file->text().isEmpty() && m_file->text() != m_loadedFile) {
            setFile(m_file->text());
        }
    });
    connect(m_theme, &QComboBox::currentIndexChanged, this, &ImportDialog::fillMapping);
    connect(m_layers, &QListWidget::itemChanged, this, &ImportDialog::fillMapping);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::cancelImport);
    connect(buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(&m_watcher, &QFutureWatcher<ImportOutcome>::finished, this, &ImportDialog::finished);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (!m_feedback) {
            return;
        }
        const auto total = m_feedback->total();
        if (total > 0) {
            m_progress->setRange(0, 100);
            m_progress->setValue(
                int(std::min<std::int64_t>(100, m_feedback->done() * 100 / total)));
        } else {
            m_progress->setRange(0, 0); // busy indicator
        }
        m_summary->setText(
            tr("Membaca fitur %1…")
                .arg(QLocale().toString(static_cast<qlonglong>(m_feedback->done()))));
    });
}

ImportDialog::~ImportDialog()
{
    // ~QDialog hides the window, which takes the focus from the file field: its
    // editingFinished must not reach this half-destroyed dialog.
    m_file->blockSignals(true);
    if (m_feedback) {
        m_feedback->cancel();
    }
    // The worker owns its project connection and the shared feedback; it finishes on its own.
}

void ImportDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this,
        tr("Pilih berkas untuk diimpor"),
        QFileInfo(QString::fromStdString(m_projectPath)).absolutePath(),
        tr("Data vektor (*.shp *.geojson *.json *.gpkg *.kml *.kmz *.gpx *.csv *.sqlite *.osm "
           "*.dxf *.zip);;Semua berkas (*)"));
    if (!path.isEmpty()) {
        setFile(path);
    }
}

void ImportDialog::setFile(const QString& path)
{
    m_loadedFile = path;
    m_file->setText(path);
    m_layers->blockSignals(true);
    m_layers->clear();
    m_layerInfos.clear();
    m_layers->blockSignals(false);
    try {
        geo::VectorSource source(path.toStdString());
        for (const auto& name : source.layerNames()) {
            m_layerInfos.push_back(source.layerInfo(name));
        }
    } catch (const std::exception& error) {
        showMessage(this,
                    MessageKind::Error,
                    tr("Berkas tidak dapat dibaca"),
                    QString::fromStdString(error.what()));
        fillMapping();
        return;
    }
    m_layers->blockSignals(true);
    const QLocale locale;
    for (const auto& info : m_layerInfos) {
        QString text = QString::fromStdString(info.name);
        if (info.featureCount >= 0) {
            text += " — " + tr("%1 fitur").arg(locale.toString(qlonglong(info.featureCount)));
        }
        if (!info.geometryType.empty() && info.geometryType.rfind("Unknown", 0) != 0) {
            text += " (" + QString::fromStdString(info.geometryType) + ")";
        }
        auto* item = new QListWidgetItem(text, m_layers);
        item->setData(Qt::UserRole, QString::fromStdString(info.name));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(info.featureCount != 0 && info.hasGeometry ? Qt::Checked
                                                                       : Qt::Unchecked);
    }
    m_layers->blockSignals(false);
    // A file named after a theme (aset_desa.geojson) goes to that theme.
    const QString base = QFileInfo(path).completeBaseName().toLower();
    for (const auto& theme : layers::themes()) {
        if (base == QString::fromStdString(theme.name)) {
            setTheme(theme.name);
            break;
        }
    }
    fillMapping();
}

void ImportDialog::setTheme(const std::string& theme)
{
    const int index = m_theme->findData(QString::fromStdString(theme));
    if (index >= 0) {
        m_theme->setCurrentIndex(index);
    }
}

std::string ImportDialog::theme() const
{
    return m_theme->currentData().toString().toStdString();
}

void ImportDialog::fillMapping()
{
    m_mapping->setRowCount(0);
    m_automatic.clear();
    const layers::Theme* schema = layers::findTheme(theme());
    if (!schema) {
        return;
    }
    // The fields of the first checked layer (a copy: building widgets may re-enter).
    std::optional<geo::LayerInfo> info;
    for (int i = 0; i < m_layers->count(); ++i) {
        if (m_layers->item(i)->checkState() == Qt::Checked &&
            std::size_t(i) < m_layerInfos.size()) {
            info = m_layerInfos[std::size_t(i)];
            break;
        }
    }
    layers::FieldMapping mapping;
    if (info) {
        try {
            mapping = layers::mapFields(*schema, info->fields, {});
        } catch (const std::exception&) {
            mapping = {};
        }
    }
    m_mapping->setRowCount(int(schema->columns.size()));
    for (std::size_t row = 0; row < schema->columns.size(); ++row) {
        const auto& column = schema->columns[row];
        QString label = QString::fromStdString(column.label()) + " (" +
                        QString::fromStdString(column.name) + ")";
        if (column.required) {
            label += " *";
        }
        auto* name = new QTableWidgetItem(label);
        name->setFlags(Qt::ItemIsEnabled);
        name->setData(Qt::UserRole, QString::fromStdString(column.name));
        m_mapping->setItem(int(row), 0, name);
        auto* combo = new QComboBox(m_mapping);
        combo->addItem(tr("(tidak diambil)"), QString());
        if (info) {
            for (const auto& field : info->fields) {
                combo->addItem(QString::fromStdString(field.name),
                               QString::fromStdString(field.name));
            }
        }
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        const auto found = mapping.columnToSource.find(column.name);
        if (info && found != mapping.columnToSource.end() && found->second >= 0 &&
            std::size_t(found->second) < info->fields.size()) {
            const std::string field = info->fields[std::size_t(found->second)].name;
            m_automatic[column.name] = field;
            combo->setCurrentIndex(combo->findData(QString::fromStdString(field)));
        }
        m_mapping->setCellWidget(int(row), 1, combo);
        m_mapping->setItem(int(row), 2, new QTableWidgetItem());
    }
}

QString ImportDialog::mappedField(const std::string& column) const
{
    for (int row = 0; row < m_mapping->rowCount(); ++row) {
        if (m_mapping->item(row, 0)->data(Qt::UserRole).toString().toStdString() == column) {
            auto* combo = qobject_cast<QComboBox*>(m_mapping->cellWidget(row, 1));
            if (!combo || combo->currentIndex() == 0) {
                return {};
            }
            return combo->currentText();
        }
    }
    return {};
}

void ImportDialog::setMappedField(const std::string& column, const QString& field)
{
    for (int row = 0; row < m_mapping->rowCount(); ++row) {
        if (m_mapping->item(row, 0)->data(Qt::UserRole).toString().toStdString() == column) {
            if (auto* combo = qobject_cast<QComboBox*>(m_mapping->cellWidget(row, 1))) {
                const int index = field.isEmpty() ? 0 : combo->findText(field);
                combo->setCurrentIndex(std::max(0, index));
            }
        }
    }
}

layers::ImportOptions ImportDialog::options() const
{
    layers::ImportOptions options;
    options.theme = theme();
    for (int i = 0; i < m_layers->count(); ++i) {
        if (m_layers->item(i)->checkState() == Qt::Checked) {
            options.layers.push_back(
                m_layers->item(i)->data(Qt::UserRole).toString().toStdString());
        }
    }
    for (int row = 0; row < m_mapping->rowCount(); ++row) {
        const std::string column =
            m_mapping->item(row, 0)->data(Qt::UserRole).toString().toStdString();
        const QString field = mappedField(column);
        // Only what the user changed is passed explicitly: layers of one file may differ.
        const auto automatic = m_automatic.find(column);
        if (!field.isEmpty() &&
            (automatic == m_automatic.end() || automatic->second != field.toStdString())) {
            options.fieldMap[column] = field.toStdString();
        }
        const QString constant =
            m_mapping->item(row, 2) ? m_mapping->item(row, 2)->text().trimmed() : QString();
        if (!constant.isEmpty()) {
            options.constants[column] = constant.toStdString();
        }
    }
    options.strict = m_strict->isChecked();
    options.keepUnmapped = m_keepUnmapped->isChecked();
    options.sourceCrs = m_crs->text().trimmed().toStdString();
    return options;
}

void ImportDialog::startImport()
{
    if (isRunning()) {
        return;
    }
    const std::string file = m_file->text().trimmed().toStdString();
    if (file.empty()) {
        showMessage(this, MessageKind::Warning, tr("Impor data"), tr("Pilih berkas dulu."));
        return;
    }
    const layers::ImportOptions importOptions = options();
    m_outcome.reset();
    m_report->hide();
    m_report->setRowCount(0);
    m_feedback = std::make_shared<ImportProgress>();
    m_import->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 0);
    m_summary->setText(tr("Mengimpor…"));
    m_poll.start();
    const std::string projectPath = m_projectPath;
    const layers::Language language = currentLanguage();
    auto feedback = m_feedback;
    // The worker opens its own connection: a Project never crosses threads.
    m_watcher.setFuture(QtConcurrent::run([projectPath, file, importOptions, feedback, language] {
        ImportOutcome outcome;
        try {
            layers::setLanguage(language);
            layers::Project project(projectPath);
            outcome.result = layers::importFile(project, file, importOptions, feedback.get());
            outcome.succeeded = true;
        } catch (const layers::ImportCanceled&) {
            outcome.canceled = true;
        } catch (const std::exception& error) {
            outcome.error = error.what();
        }
        return outcome;
    }));
}

void ImportDialog::cancelImport()
{
    if (m_feedback) {
        m_feedback->cancel();
        m_cancel->setEnabled(false);
        m_summary->setText(tr("Membatalkan…"));
    }
}

void ImportDialog::reject()
{
    if (isRunning()) {
        // Closing while importing cancels; the dialog closes when the worker stopped.
        cancelImport();
        connect(this,
                &ImportDialog::importFinished,
                this,
                &QDialog::reject,
                Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
        return;
    }
    QDialog::reject();
}

void ImportDialog::finished()
{
    m_poll.stop();
    m_import->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 100);
    m_outcome = m_watcher.result();
    m_feedback.reset();
    const ImportOutcome& outcome = *m_outcome;
    if (outcome.canceled) {
        m_progress->setValue(0);
        m_summary->setText(tr("Impor dibatalkan; proyek tidak berubah."));
    } else if (!outcome.succeeded) {
        m_progress->setValue(0);
        m_summary->setText(tr("Impor gagal; proyek tidak berubah."));
        showMessage(
            this, MessageKind::Error, tr("Impor gagal"), QString::fromStdString(outcome.error));
    } else {
        m_progress->setValue(100);
        showReport(outcome.result);
        emit projectChanged(QString::fromStdString(theme()));
    }
    emit importFinished(outcome.succeeded);
}

void ImportDialog::showReport(const layers::ImportResult& result)
{
    const QLocale locale;
    QString summary = tr("Dibaca %1, dimasukkan %2, ditolak %3, diperbaiki %4.")
                          .arg(locale.toString(qlonglong(result.read)),
                               locale.toString(qlonglong(result.imported)),
                               locale.toString(qlonglong(result.rejected)),
                               locale.toString(qlonglong(result.repaired)));
    if (result.assumedLonLat) {
        summary += " " + tr("Berkas tanpa CRS dibaca sebagai bujur/lintang (EPSG:4326).");
    }
    if (!result.reportPath.empty()) {
        summary += " " + tr("Laporan: %1").arg(QString::fromStdString(result.reportPath));
    }
    m_summary->setText(summary);
    int rows = int(result.issues.size());
    for (const auto& [column, values] : result.unknownValues) {
        rows += int(values.size());
    }
    m_report->setRowCount(rows);
    int row = 0;
    auto put = [&](const QString& action,
                   const QString& layer,
                   const QString& feature,
                   const QString& reason) {
        const QStringList cells = {action, layer, feature, reason};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(cells[c]);
            m_report->setItem(row, c, item);
        }
        ++row;
    };
    for (const auto& issue : result.issues) {
        const QString action = issue.kind == layers::ImportIssue::Kind::Rejected ? tr("ditolak")
                               : issue.kind == layers::ImportIssue::Kind::Repaired
                                   ? tr("diperbaiki")
                                   : tr("peringatan");
        put(action,
            QString::fromStdString(issue.layer),
            issue.featureId >= 0 ? QString::number(issue.featureId) : QString(),
            QString::fromStdString(issue.reason));
    }
    for (const auto& [column, values] : result.unknownValues) {
        for (const auto& [value, count] : values) {
            put(tr("nilai tak dikenal"),
                QString(),
                QString(),
                tr("Kolom %1: \"%2\" (%3 fitur) tidak ada di daftar; disimpan apa adanya.")
                    .arg(QString::fromStdString(column),
                         QString::fromStdString(value),
                         locale.toString(qlonglong(count))));
        }
    }
    m_report->resizeColumnsToContents();
    m_report->setVisible(rows > 0);
}

} // namespace app
