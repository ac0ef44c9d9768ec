#include "app/desktop/analysis_panel.h"

#include "app/desktop/language.h"
#include "geo/analysis/feedback.h"
#include "layers/analysis/damage_analysis.h"
#include "layers/analysis/evacuation_analysis.h"
#include "layers/analysis/exposure_analysis.h"
#include "layers/analysis/safe_area_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace app {

/// Progress and cancel shared with the worker; the panel polls progress() on a timer.
class PanelFeedback : public geo::AnalysisFeedback
{
};

namespace {

QString number(double value, int decimals = 0)
{
    return QLocale().toString(value, 'f', decimals);
}

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

AnalysisTable exposureTable(layers::Project& project, geo::AnalysisFeedback& feedback)
{
    const auto result = layers::analyzeExposure(project, {}, &feedback);
    AnalysisTable table;
    table.columns = {QObject::tr("Jenis bahaya"),
                     QObject::tr("Tingkat"),
                     QObject::tr("Zona"),
                     QObject::tr("Aset"),
                     QObject::tr("Nilai aset (Rp)"),
                     QObject::tr("Penduduk"),
                     QObject::tr("Pusat kemasyarakatan"),
                     QObject::tr("Unit BUM Desa"),
                     QObject::tr("Potensi"),
                     QObject::tr("Jalan (km)")};
    for (const auto& level : result.byLevel) {
        const auto& f = level.figures;
        table.rows.push_back({text(level.hazardType),
                              text(level.level),
                              number(f.zones),
                              number(f.assets),
                              number(f.assetValueRp),
                              number(f.population),
                              number(f.communityCenters),
                              number(f.bumdesUnits),
                              number(f.potentials),
                              number(f.roadKm, 2)});
    }
    table.summary = QObject::tr("%1 dari %2 zona bahaya dipakai; %3 fitur terpapar. Hasil lengkap "
                                "di tabel hasil_paparan_* proyek.")
                        .arg(result.zonesUsed)
                        .arg(result.zones)
                        .arg(result.exposedFeatureCount());
    return table;
}

AnalysisTable safeAreaTable(layers::Project& project,
                            const layers::SafeAreaOptions& options,
                            geo::AnalysisFeedback& feedback)
{
    const auto result = layers::findSafeAreas(project, options, &feedback);
    AnalysisTable table;
    table.columns = {QObject::tr("Desa/kelurahan"),
                     QObject::tr("Luas (ha)"),
                     QObject::tr("Zona aman (ha)"),
                     QObject::tr("Bagian")};
    for (const auto& village : result.villages) {
        table.rows.push_back({text(result.areas[village.area].name),
                              number(village.villageAreaHa, 1),
                              number(village.safeAreaHa, 1),
                              number(double(village.parts))});
    }
    table.summary = QObject::tr("%1 bagian zona aman, dijauhkan dari %2 zona bahaya. Poligon di "
                                "tabel hasil_zona_aman.")
                        .arg(result.parts.size())
                        .arg(result.hazardZones);
    return table;
}

AnalysisTable evacuationTable(layers::Project& project,
                              const layers::EvacuationParameters& parameters,
                              geo::AnalysisFeedback& feedback)
{
    const auto report = layers::runEvacuation(project, parameters, &feedback);
    AnalysisTable table;
    table.columns = {QObject::tr("Tempat evakuasi"),
                     QObject::tr("Jenis"),
                     QObject::tr("Kapasitas"),
                     QObject::tr("Ditampung"),
                     QObject::tr("Kelebihan")};
    for (const auto& site : report.sites) {
        table.rows.push_back(
            {text(site.name),
             text(site.kind),
             site.capacity < 0 ? QObject::tr("tidak tercatat") : number(double(site.capacity)),
             number(double(site.assigned)),
             number(double(site.overload))});
    }
    table.summary = QObject::tr("%1 jiwa: %2 tertampung, %3 tanpa tempat, %4 tidak terjangkau. "
                                "Rute di tabel hasil_evakuasi_rute.")
                        .arg(number(double(report.population)))
                        .arg(number(double(report.assigned)))
                        .arg(number(double(report.noRoom)))
                        .arg(number(double(report.unreachable)));
    return table;
}

AnalysisTable damageTable(layers::Project& project,
                          const layers::DamageOptions& options,
                          geo::AnalysisFeedback& feedback)
{
    const auto result = layers::summarizeDamage(project, options, &feedback);
    AnalysisTable table;
    table.columns = {QObject::tr("Desa/kelurahan"),
                     QObject::tr("Catatan"),
                     QObject::tr("Ringan"),
                     QObject::tr("Sedang"),
                     QObject::tr("Berat"),
                     QObject::tr("Terdampak"),
                     QObject::tr("Mengungsi")};
    for (const auto& row : result.byVillage) {
        const auto& c = row.counts;
        table.rows.push_back({row.area >= 0 ? text(result.areas[std::size_t(row.area)].name)
                                            : QObject::tr("di luar desa"),
                              number(double(c.records)),
                              number(double(c.minor)),
                              number(double(c.moderate)),
                              number(double(c.severe)),
                              number(double(c.affected)),
                              number(double(c.displaced))});
    }
    table.summary = QObject::tr("%1 catatan kerusakan; %2 jiwa terdampak, %3 mengungsi.")
                        .arg(result.total.records)
                        .arg(result.total.affected)
                        .arg(result.total.displaced);
    return table;
}

} // namespace

AnalysisPanel::AnalysisPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_analysis = new QComboBox(this);
    m_analysis->addItem(tr("Paparan bahaya"), QString("exposure"));
    m_analysis->addItem(tr("Zona aman"), QString("safe-areas"));
    m_analysis->addItem(tr("Rencana evakuasi"), QString("evacuation"));
    m_analysis->addItem(tr("Rekap kerusakan"), QString("damage"));
    layout->addWidget(m_analysis);

    m_parameters = new QStackedWidget(this);
    auto* exposure = new QLabel(
        tr("Aset, penduduk, sarana, potensi dan jalan per jenis dan tingkat bahaya."), this);
    exposure->setWordWrap(true);
    m_parameters->addWidget(exposure);

    auto* safe = new QWidget(this);
    auto* safeForm = new QFormLayout(safe);
    m_safeLevel = new QComboBox(safe);
    for (const char* level : {"rendah", "sedang", "tinggi"}) {
        m_safeLevel->addItem(level, QString(level));
    }
    m_safeLevel->setCurrentIndex(1);
    safeForm->addRow(tr("Jauhi zona mulai tingkat"), m_safeLevel);
    m_safeBuffer = new QDoubleSpinBox(safe);
    m_safeBuffer->setRange(0, 5000);
    m_safeBuffer->setValue(50);
    m_safeBuffer->setSuffix(" m");
    safeForm->addRow(tr("Jarak dari zona"), m_safeBuffer);
    m_parameters->addWidget(safe);

    auto* evacuation = new QWidget(this);
    auto* evacuationForm = new QFormLayout(evacuation);
    m_speed = new QDoubleSpinBox(evacuation);
    m_speed->setRange(0.5, 10);
    m_speed->setValue(4);
    m_speed->setSuffix(" km/jam");
    evacuationForm->addRow(tr("Kecepatan jalan kaki"), m_speed);
    m_avoidLevel = new QComboBox(evacuation);
    m_avoidLevel->addItem(tr("tidak ada"), QString());
    for (const char* level : {"rendah", "sedang", "tinggi"}) {
        m_avoidLevel->addItem(level, QString(level));
    }
    m_avoidLevel->setCurrentIndex(3);
    evacuationForm->addRow(tr("Hindari zona mulai tingkat"), m_avoidLevel);
    m_parameters->addWidget(evacuation);

    auto* damage = new QWidget(this);
    auto* damageForm = new QFormLayout(damage);
    m_event = new QLineEdit(damage);
    m_event->setPlaceholderText(tr("semua kejadian"));
    damageForm->addRow(tr("Kejadian"), m_event);
    m_parameters->addWidget(damage);
    layout->addWidget(m_parameters);

    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Jalankan"), this);
    m_cancel = new QPushButton(tr("Batal"), this);
    m_cancel->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    layout->addLayout(buttons);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSortingEnabled(true);
    layout->addWidget(m_table, 1);

    connect(m_analysis,
            &QComboBox::currentIndexChanged,
            m_parameters,
            &QStackedWidget::setCurrentIndex);
    connect(m_run, &QPushButton::clicked, this, &AnalysisPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &AnalysisPanel::cancel);
    connect(
        &m_watcher, &QFutureWatcher<AnalysisOutcome>::finished, this, &AnalysisPanel::showOutcome);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_feedback) {
            m_progress->setValue(int(m_feedback->progress()));
        }
    });
    setProject({});
}

AnalysisPanel::~AnalysisPanel()
{
    cancel();
    m_watcher.waitForFinished();
}

void AnalysisPanel::setProject(const std::string& projectPath)
{
    cancel();
    m_watcher.waitForFinished();
    m_projectPath = projectPath;
    m_run->setEnabled(!projectPath.empty());
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    m_summary->clear();
}

void AnalysisPanel::setAnalysis(const QString& analysis)
{
    m_analysis->setCurrentIndex(std::max(0, m_analysis->findData(analysis)));
}

void AnalysisPanel::run()
{
    if (isRunning() || m_projectPath.empty()) {
        return;
    }
    m_feedback = std::make_shared<PanelFeedback>();
    const auto feedback = m_feedback;
    const std::string projectPath = m_projectPath;
    const QString analysis = m_analysis->currentData().toString();
    m_lastAnalysis = analysis;
    layers::SafeAreaOptions safe;
    safe.minimumLevel = m_safeLevel->currentData().toString().toStdString();
    safe.bufferMetres = m_safeBuffer->value();
    layers::EvacuationParameters evacuation;
    evacuation.walkingSpeedKmh = m_speed->value();
    evacuation.avoidLevel = m_avoidLevel->currentData().toString().toStdString();
    layers::DamageOptions damage;
    damage.event = m_event->text().trimmed().toStdString();
    const layers::Language language = currentLanguage();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_summary->setText(tr("Menganalisis…"));
    m_poll.start();
    m_watcher.setFuture(QtConcurrent::run([=] {
        AnalysisOutcome outcome;
        try {
            layers::setLanguage(language);
            layers::Project project(projectPath);
            if (analysis == "exposure") {
                outcome.table = exposureTable(project, *feedback);
            } else if (analysis == "safe-areas") {
                outcome.table = safeAreaTable(project, safe, *feedback);
            } else if (analysis == "evacuation") {
                outcome.table = evacuationTable(project, evacuation, *feedback);
            } else {
                outcome.table = damageTable(project, damage, *feedback);
            }
        } catch (const geo::AnalysisCanceled&) {
            outcome.canceled = true;
        } catch (const std::exception& error) {
            outcome.error = error.what();
        }
        return outcome;
    }));
}

void AnalysisPanel::cancel()
{
    if (m_feedback) {
        m_feedback->cancel();
    }
}

void AnalysisPanel::showOutcome()
{
    m_poll.stop();
    const AnalysisOutcome outcome = m_watcher.result();
    m_run->setEnabled(!m_projectPath.empty());
    m_cancel->setEnabled(false);
    m_progress->setVisible(false);
    if (outcome.canceled) {
        m_summary->setText(tr("Analisis dibatalkan; hasil sebelumnya tetap di proyek."));
        emit finished(false);
        return;
    }
    if (!outcome.error.empty()) {
        m_summary->setText(tr("Analisis gagal: %1").arg(QString::fromStdString(outcome.error)));
        emit finished(false);
        return;
    }
    m_summary->setText(outcome.table.summary);
    m_table->setSortingEnabled(false);
    m_table->clear();
    m_table->setColumnCount(int(outcome.table.columns.size()));
    m_table->setHorizontalHeaderLabels(outcome.table.columns);
    m_table->setRowCount(int(outcome.table.rows.size()));
    for (int row = 0; row < int(outcome.table.rows.size()); ++row) {
        const QStringList& cells = outcome.table.rows[std::size_t(row)];
        for (int column = 0; column < int(cells.size()); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column > 0) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->setSortingEnabled(true);
    emit finished(true);
}

} // namespace app
