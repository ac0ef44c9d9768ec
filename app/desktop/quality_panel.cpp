#include "app/desktop/quality_panel.h"

#include "app/desktop/language.h"
#include "geo/analysis/feedback.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/theme.h"

#include <QBrush>
#include <QColor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace app {

namespace {

QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

QualityPanel::QualityPanel(QWidget* parent)
    : QWidget(parent), m_checkButton(new QPushButton(tr("Periksa"), this)),
      m_summary(new QLabel(this)), m_table(new QTableWidget(0, 4, this))
{
    m_checkButton->setObjectName("periksa_mutu");
    m_checkButton->setToolTip(tr("Periksa geometri, letak, duplikat, kolom wajib, kosakata dan "
                                 "kode di semua tema"));
    m_summary->setText(tr("Tekan Periksa untuk memeriksa mutu data proyek."));
    m_summary->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(m_checkButton);
    top->addWidget(m_summary, 1);
    m_table->setHorizontalHeaderLabels({tr("Tema"), tr("Fitur"), tr("Alasan"), tr("Saran")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Klik dua kali untuk menuju fitur di peta"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    m_checkButton->setEnabled(false);

    connect(m_checkButton, &QPushButton::clicked, this, &QualityPanel::check);
    connect(
        m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { zoomToRow(row); });
    connect(
        &m_watcher, &QFutureWatcher<QualityOutcome>::finished, this, &QualityPanel::showOutcome);
}

QualityPanel::~QualityPanel()
{
    // The worker owns what it touches; it only needs to stop early.
    cancelRunning();
}

void QualityPanel::cancelRunning()
{
    if (m_feedback) {
        m_feedback->cancel();
        m_feedback.reset();
    }
    m_running = false;
}

void QualityPanel::setProjectPath(const QString& path)
{
    cancelRunning();
    ++m_generation;
    m_projectPath = path;
    m_issues.clear();
    m_errors = m_warnings = m_fixable = m_omitted = 0;
    m_table->setRowCount(0);
    m_checkButton->setEnabled(!path.isEmpty());
    m_summary->setText(path.isEmpty() ? QString()
                                      : tr("Tekan Periksa untuk memeriksa mutu data proyek."));
}

void QualityPanel::check()
{
    if (m_projectPath.isEmpty()) {
        return;
    }
    cancelRunning();
    const int generation = ++m_generation;
    m_feedback = std::make_shared<geo::AnalysisFeedback>();
    m_running = true;
    m_summary->setText(tr("Memeriksa…"));
    const std::string path = m_projectPath.toStdString();
    const layers::Language language = currentLanguage();
    auto feedback = m_feedback;
    // The worker opens its own connection: a Project never crosses threads.
    m_watcher.setFuture(QtConcurrent::run([path, language, feedback, generation] {
        QualityOutcome outcome;
        outcome.generation = generation;
        try {
            layers::setLanguage(language);
            layers::Project project(path, layers::Project::Access::ReadOnly);
            outcome.report = layers::validateProject(project, {}, feedback.get());
        } catch (const geo::AnalysisCanceled&) {
            outcome.canceled = true;
        } catch (const std::exception& error) {
            outcome.error = QString::fromStdString(error.what());
        }
        return outcome;
    }));
}

void QualityPanel::showOutcome()
{
    const QualityOutcome outcome = m_watcher.result();
    if (outcome.generation != m_generation || outcome.canceled) {
        return; // replaced by a newer check, or the project changed
    }
    m_running = false;
    m_feedback.reset();
    if (!outcome.error.isEmpty()) {
        m_summary->setText(tr("Pemeriksaan gagal: %1").arg(outcome.error));
        emit checkFinished();
        return;
    }
    m_issues = outcome.report.issues;
    m_errors = outcome.report.errors;
    m_warnings = outcome.report.warnings;
    m_fixable = outcome.report.fixable;
    m_omitted = outcome.report.omitted;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(static_cast<int>(m_issues.size()));
    const QBrush errorBrush(QColor(190, 30, 30));
    for (int row = 0; row < static_cast<int>(m_issues.size()); ++row) {
        const auto& issue = m_issues[std::size_t(row)];
        const layers::Theme* theme = layers::findTheme(issue.theme);
        QString feature = QString("fid %1").arg(issue.fid);
        if (!issue.name.empty()) {
            feature += " · " + q(issue.name);
        }
        const QStringList texts = {theme ? q(theme->label()) : q(issue.theme),
                                   feature,
                                   q(issue.reason),
                                   q(issue.suggestion)};
        for (int column = 0; column < 4; ++column) {
            auto* item = new QTableWidgetItem(texts[column]);
            item->setToolTip(texts[column]);
            item->setData(Qt::UserRole, row);
            if (issue.severity == layers::IssueSeverity::Error) {
                item->setForeground(errorBrush);
            }
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_summary->setText(summaryText());
    emit checkFinished();
}

QString QualityPanel::summaryText() const
{
    if (m_errors + m_warnings == 0) {
        return tr("Tidak ada masalah ditemukan.");
    }
    QString text =
        tr("%1 galat, %2 peringatan; %3 dapat diperbaiki otomatis (petadesa-cli validate --fix).")
            .arg(m_errors)
            .arg(m_warnings)
            .arg(m_fixable);
    if (m_omitted > 0) {
        text += " " + tr("%1 butir lain hanya dihitung (paling banyak %2 per tema dan jenis).")
                          .arg(m_omitted)
                          .arg(layers::ValidationOptions().maxIssuesPerKind);
    }
    return text;
}

void QualityPanel::zoomToRow(int row)
{
    if (row < 0 || row >= static_cast<int>(m_issues.size())) {
        return;
    }
    const auto& issue = m_issues[std::size_t(row)];
    if (issue.extent.isEmpty) {
        return;
    }
    emit zoomRequested(QRectF(QPointF(issue.extent.minX, issue.extent.minY),
                              QPointF(issue.extent.maxX, issue.extent.maxY)),
                       q(issue.theme),
                       issue.fid);
}

} // namespace app
