#include "app/desktop/layout_dialog.h"

#include "app/desktop/language.h"
#include "layers/i18n.h"
#include "layers/layout/layout_data.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace app {

namespace {

constexpr int previewWidth = 620;

} // namespace

LayoutDialog::LayoutDialog(const std::string& projectPath, QWidget* parent)
    : QDialog(parent), m_projectPath(projectPath)
{
    setWindowTitle(tr("Cetak peta"));
    resize(1060, 640);
    auto* layout = new QHBoxLayout(this);
    auto* controls = new QVBoxLayout;
    auto* form = new QFormLayout;

    m_template = new QComboBox(this);
    for (const auto& name : layers::LayoutTemplate::available()) {
        try {
            const auto layoutTemplate = layers::LayoutTemplate::load(name);
            m_template->addItem(layoutTemplate.title(), QString::fromStdString(name));
        } catch (const std::exception&) {
            // A broken template file is left out of the list; the CLI names its error.
        }
    }
    form->addRow(tr("Templat"), m_template);
    m_paper = new QComboBox(this);
    m_paper->addItem(tr("Bawaan templat"), QString());
    for (const char* paper : {"A4", "A3", "A2", "A1", "A0"}) {
        m_paper->addItem(paper, QString(paper));
    }
    form->addRow(tr("Kertas"), m_paper);
    m_orientation = new QComboBox(this);
    m_orientation->addItem(tr("Bawaan templat"), QString());
    m_orientation->addItem(tr("Mendatar (landscape)"), QString("landscape"));
    m_orientation->addItem(tr("Tegak (portrait)"), QString("portrait"));
    form->addRow(tr("Orientasi"), m_orientation);
    m_village = new QComboBox(this);
    m_village->addItem(tr("Seluruh wilayah"), QString());
    m_village->addItem(tr("Atlas: sampul + satu halaman per desa"), QString("*atlas*"));
    try {
        for (const auto& village : layers::atlasVillages(projectPath)) {
            m_village->addItem(
                QString::fromStdString(village.nama),
                QString::fromStdString(village.kode.empty() ? village.nama : village.kode));
        }
    } catch (const std::exception&) {
        // A project without wilayah prints the whole area only.
    }
    form->addRow(tr("Halaman"), m_village);
    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(tr("Judul templat"));
    form->addRow(tr("Judul"), m_title);
    m_producer = new QLineEdit(this);
    m_producer->setPlaceholderText(tr("mis. Pendamping Desa Kec. Alok"));
    form->addRow(tr("Penyusun"), m_producer);
    auto* outputRow = new QHBoxLayout;
    m_output = new QLineEdit(this);
    m_output->setPlaceholderText(tr("peta.pdf, peta.png atau peta.svg"));
    auto* browse = new QToolButton(this);
    browse->setText(tr("Pilih…"));
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);
    form->addRow(tr("Berkas"), outputRow);
    controls->addLayout(form);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    controls->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    controls->addWidget(m_status);
    controls->addStretch(1);
    auto* buttons = new QDialogButtonBox(this);
    m_exportButton = buttons->addButton(tr("Ekspor"), QDialogButtonBox::AcceptRole);
    m_cancelButton = buttons->addButton(tr("Batal"), QDialogButtonBox::ActionRole);
    m_cancelButton->setEnabled(false);
    buttons->addButton(tr("Tutup"), QDialogButtonBox::RejectRole);
    controls->addWidget(buttons);
    layout->addLayout(controls, 0);

    m_previewLabel = new QLabel(this);
    m_previewLabel->setMinimumSize(previewWidth, 440);
    m_previewLabel->setAlignment(Qt::AlignCenter);
    m_previewLabel->setStyleSheet("QLabel { background: #d9dde2; }");
    m_previewLabel->setText(tr("Pratinjau sedang digambar…"));
    layout->addWidget(m_previewLabel, 1);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(250);
    connect(&m_previewTimer, &QTimer::timeout, this, &LayoutDialog::startPreview);
    for (QComboBox* box : {m_template, m_paper, m_orientation, m_village}) {
        connect(box, &QComboBox::currentIndexChanged, this, &LayoutDialog::schedulePreview);
    }
    for (QLineEdit* edit : {m_title, m_producer}) {
        connect(edit, &QLineEdit::textChanged, this, &LayoutDialog::schedulePreview);
    }
    connect(&m_preview, &QFutureWatcher<LayoutPreview>::finished, this, &LayoutDialog::showPreview);
    connect(browse, &QToolButton::clicked, this, &LayoutDialog::chooseOutput);
    connect(m_exportButton, &QPushButton::clicked, this, &LayoutDialog::startExport);
    connect(m_cancelButton, &QPushButton::clicked, this, &LayoutDialog::cancelExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &LayoutDialog::pageDone, this, [this](int page, int pages) {
        m_progress->setRange(0, pages);
        m_progress->setValue(page);
    });
    connect(&m_export, &QFutureWatcher<LayoutExportOutcome>::finished, this, [this] {
        const LayoutExportOutcome outcome = m_export.result();
        m_exportButton->setEnabled(true);
        m_cancelButton->setEnabled(false);
        m_progress->setVisible(false);
        const bool succeeded = outcome.error.empty() && !outcome.result.canceled;
        if (!outcome.error.empty()) {
            m_status->setText(tr("Ekspor gagal: %1").arg(QString::fromStdString(outcome.error)));
        } else if (outcome.result.canceled) {
            m_status->setText(tr("Ekspor dibatalkan; tidak ada berkas yang ditulis."));
        } else {
            m_status->setText(tr("Selesai: %1 halaman ditulis ke %2 (%3 detik).")
                                  .arg(outcome.result.pages)
                                  .arg(QString::fromStdString(outcome.result.files.front()))
                                  .arg(outcome.result.seconds, 0, 'f', 1));
        }
        emit exportFinished(succeeded);
    });
    schedulePreview();
}

LayoutDialog::~LayoutDialog()
{
    if (m_previewFeedback) {
        m_previewFeedback->cancel();
    }
    if (m_exportFeedback) {
        m_exportFeedback->cancel();
    }
    m_preview.waitForFinished();
    m_export.waitForFinished();
}

layers::LayoutOptions LayoutDialog::options() const
{
    layers::LayoutOptions options;
    options.projectPath = m_projectPath;
    options.templateName = m_template->currentData().toString().toStdString();
    if (!m_paper->currentData().toString().isEmpty()) {
        options.paper = layers::paperFromName(m_paper->currentData().toString().toStdString());
    }
    if (!m_orientation->currentData().toString().isEmpty()) {
        options.landscape = m_orientation->currentData().toString() == "landscape";
    }
    const QString village = m_village->currentData().toString();
    options.atlas = village == "*atlas*";
    if (!options.atlas) {
        options.village = village.toStdString();
    }
    options.title = m_title->text().trimmed();
    options.producer = m_producer->text().trimmed();
    return options;
}

void LayoutDialog::schedulePreview()
{
    m_previewTimer.start();
}

void LayoutDialog::startPreview()
{
    if (m_preview.isRunning()) {
        // Stop the stale preview; its finished signal starts this one again.
        m_previewFeedback->cancel();
        m_previewTimer.start();
        return;
    }
    m_previewFeedback = std::make_shared<layers::RenderFeedback>();
    const auto feedback = m_previewFeedback;
    const layers::LayoutOptions options = this->options();
    const layers::Language language = currentLanguage();
    const int generation = ++m_generation;
    const QSize room = m_previewLabel->size() - QSize(16, 16);
    m_preview.setFuture(QtConcurrent::run([options, feedback, language, generation, room] {
        LayoutPreview preview;
        preview.generation = generation;
        try {
            layers::setLanguage(language);
            auto pages = layers::buildLayoutPages(options);
            layers::LayoutPage page = pages.size() > 1 ? pages[1] : pages.front();
            const QSizeF mm = page.spec.sizeMm();
            // The preview's resolution: the sheet fits the preview's room.
            page.spec.dpi = std::max(
                20.0,
                std::min(room.width() / (mm.width() / 25.4), room.height() / (mm.height() / 25.4)));
            preview.image = QImage(QSize(int(std::lround(mm.width() / 25.4 * page.spec.dpi)),
                                         int(std::lround(mm.height() / 25.4 * page.spec.dpi))),
                                   QImage::Format_ARGB32_Premultiplied);
            const int dotsPerMeter = int(std::lround(page.spec.dpi / 0.0254));
            preview.image.setDotsPerMeterX(dotsPerMeter);
            preview.image.setDotsPerMeterY(dotsPerMeter);
            preview.image.fill(Qt::white);
            QPainter painter(&preview.image);
            layers::paintLayoutPage(painter, page, *feedback);
        } catch (const std::exception& error) {
            preview.error = error.what();
        }
        return preview;
    }));
}

void LayoutDialog::showPreview()
{
    const LayoutPreview preview = m_preview.result();
    if (preview.generation != m_generation || m_previewFeedback->isCanceled()) {
        return; // superseded: the newer preview is scheduled
    }
    if (!preview.error.empty()) {
        m_previewLabel->setText(QString::fromStdString(preview.error));
        return;
    }
    m_previewImage = preview.image;
    m_previewLabel->setPixmap(QPixmap::fromImage(preview.image));
    emit previewReady();
}

void LayoutDialog::chooseOutput()
{
    const QString path = QFileDialog::getSaveFileName(
        this,
        tr("Simpan peta"),
        QFileInfo(QString::fromStdString(m_projectPath)).absolutePath() + "/peta.pdf",
        tr("PDF (*.pdf);;PNG (*.png);;SVG (*.svg)"));
    if (!path.isEmpty()) {
        setOutput(path);
    }
}

void LayoutDialog::setOutput(const QString& path)
{
    m_output->setText(path);
}

void LayoutDialog::startExport()
{
    if (isExporting()) {
        return;
    }
    if (m_output->text().trimmed().isEmpty()) {
        chooseOutput();
        if (m_output->text().trimmed().isEmpty()) {
            return;
        }
    }
    m_exportFeedback = std::make_shared<layers::RenderFeedback>();
    const auto feedback = m_exportFeedback;
    const layers::LayoutOptions options = this->options();
    const std::string output = m_output->text().trimmed().toStdString();
    const layers::Language language = currentLanguage();
    m_exportButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_status->setText(tr("Mencetak…"));
    // The dialog outlives the job: its destructor cancels and waits.
    LayoutDialog* dialog = this;
    m_export.setFuture(QtConcurrent::run([=] {
        LayoutExportOutcome outcome;
        try {
            layers::setLanguage(language);
            outcome.result = layers::exportLayout(
                options, output, *feedback, [dialog](std::size_t page, std::size_t pages) {
                    emit dialog->pageDone(int(page), int(pages));
                });
        } catch (const std::exception& error) {
            outcome.error = error.what();
        }
        return outcome;
    }));
}

void LayoutDialog::cancelExport()
{
    if (m_exportFeedback) {
        m_exportFeedback->cancel();
    }
}

} // namespace app
