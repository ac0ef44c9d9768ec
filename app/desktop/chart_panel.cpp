#include "app/desktop/chart_panel.h"

#include "app/desktop/language.h"
#include "app/desktop/messages.h"
#include "geo/analysis/feedback.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/render/number_format.h"
#include "layers/render/style.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace app {

namespace {

QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

bool isAssetMeasure(ChartPanel::Measure measure)
{
    return measure == ChartPanel::Measure::AssetCount || measure == ChartPanel::Measure::AssetValue;
}

double measureOf(const layers::PotentialFigures& figures, ChartPanel::Measure measure)
{
    switch (measure) {
    case ChartPanel::Measure::PotentialArea:
        return figures.areaHa;
    case ChartPanel::Measure::PotentialValue:
        return figures.valueRp;
    default:
        return double(figures.count);
    }
}

double measureOf(const layers::AssetFigures& figures, ChartPanel::Measure measure)
{
    return measure == ChartPanel::Measure::AssetValue ? figures.valueRp : double(figures.count);
}

/// The measure's value per category of one village.
std::map<std::string, double> categoryValues(const layers::VillageProfile& village,
                                             ChartPanel::Measure measure)
{
    std::map<std::string, double> values;
    if (isAssetMeasure(measure)) {
        for (const auto& [code, figures] : village.assetsByCategory) {
            values[code] = measureOf(figures, measure);
        }
    } else {
        for (const auto& [code, figures] : village.categories) {
            values[code] = measureOf(figures, measure);
        }
    }
    return values;
}

QString capitalized(QString text)
{
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}

} // namespace

ChartView::ChartView(QWidget* parent) : QWidget(parent)
{
    setMinimumSize(320, 200);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ChartView::setChart(const layers::BarChartData& chartData)
{
    m_data = chartData;
    update();
}

layers::ChartStyle ChartView::chartStyle(double dpi)
{
    layers::ChartStyle style;
    style.dpi = dpi;
    style.fontSizePt = 8.5;
    style.titleSizePt = 10.5;
    style.valueLabels = true;
    style.maxLabelShare = 0.3;
    return style;
}

void ChartView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    if (m_data.groups.empty()) {
        painter.setPen(QColor(110, 110, 110));
        painter.drawText(rect(), Qt::AlignCenter, tr("Belum ada grafik."));
        return;
    }
    layers::drawBarChart(painter, QRectF(rect()), m_data, chartStyle(logicalDpiY()));
}

QString ChartView::barTextAt(const QPointF& point) const
{
    const auto layout = layers::layoutBarChart(QRectF(rect()), m_data, chartStyle(logicalDpiY()));
    for (std::size_t g = 0; g < layout.bars.size(); ++g) {
        for (std::size_t s = 0; s < layout.bars[g].size(); ++s) {
            if (layout.bars[g][s].isNull() || !layout.bars[g][s].contains(point)) {
                continue;
            }
            const int decimals = m_data.value(g, s) == std::floor(m_data.value(g, s)) ? 0 : 2;
            QString text = m_data.groups[g];
            if (m_data.series.size() > 1) {
                text += " · " + m_data.series[s].label;
            }
            return text + ": " + layers::formatNumber(m_data.value(g, s), decimals) + " " +
                   m_data.unit;
        }
    }
    return {};
}

bool ChartView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = barTextAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

ChartPanel::ChartPanel(QWidget* parent)
    : QWidget(parent), m_measure(new QComboBox(this)), m_village(new QComboBox(this)),
      m_sort(new QComboBox(this)), m_stacked(new QCheckBox(tr("Bertumpuk"), this)),
      m_refresh(new QPushButton(tr("Hitung ulang"), this)),
      m_cancel(new QPushButton(tr("Batal"), this)), m_export(new QPushButton(tr("Ekspor…"), this)),
      m_progress(new QProgressBar(this)), m_summary(new QLabel(this)), m_view(new ChartView(this))
{
    m_measure->addItem(tr("Potensi: jumlah fitur"), int(Measure::PotentialCount));
    m_measure->addItem(tr("Potensi: luas (ha)"), int(Measure::PotentialArea));
    m_measure->addItem(tr("Potensi: nilai (Rp)"), int(Measure::PotentialValue));
    m_measure->addItem(tr("Aset: jumlah"), int(Measure::AssetCount));
    m_measure->addItem(tr("Aset: nilai (Rp)"), int(Measure::AssetValue));
    m_measure->setCurrentIndex(2);
    m_sort->addItem(tr("Menurut nama"), false);
    m_sort->addItem(tr("Terbesar dulu"), true);
    m_stacked->setChecked(true);
    m_stacked->setToolTip(tr("Kategori bertumpuk dalam satu batang per desa, atau berdampingan"));
    m_refresh->setToolTip(tr("Hitung ulang dengan analisis potensi (tidak menulis ke proyek)"));
    m_export->setToolTip(tr("Simpan grafik sebagai PNG atau SVG"));
    m_cancel->setEnabled(false);
    m_village->setMinimumContentsLength(22);
    m_village->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(180);
    m_progress->setVisible(false);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Grafik"), this));
    controls->addWidget(m_measure);
    controls->addWidget(new QLabel(tr("Wilayah"), this));
    controls->addWidget(m_village);
    controls->addWidget(m_sort);
    controls->addWidget(m_stacked);
    controls->addStretch(1);
    controls->addWidget(m_refresh);
    controls->addWidget(m_cancel);
    controls->addWidget(m_export);
    auto* status = new QHBoxLayout;
    status->addWidget(m_progress);
    status->addWidget(m_summary, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addLayout(status);
    layout->addWidget(m_view, 1);

    connect(m_measure, &QComboBox::currentIndexChanged, this, &ChartPanel::rebuildChart);
    connect(m_village, &QComboBox::currentIndexChanged, this, &ChartPanel::rebuildChart);
    connect(m_sort, &QComboBox::currentIndexChanged, this, &ChartPanel::rebuildChart);
    connect(m_stacked, &QCheckBox::toggled, this, &ChartPanel::rebuildChart);
    connect(m_refresh, &QPushButton::clicked, this, &ChartPanel::refresh);
    connect(m_cancel, &QPushButton::clicked, this, &ChartPanel::cancel);
    connect(m_export, &QPushButton::clicked, this, &ChartPanel::chooseExport);
    connect(&m_watcher, &QFutureWatcher<ChartOutcome>::finished, this, &ChartPanel::showOutcome);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_feedback) {
            m_progress->setValue(int(m_feedback->progress()));
        }
    });
    setProjectPath({});
}

ChartPanel::~ChartPanel()
{
    // The worker owns everything it touches; it only needs to stop early.
    if (m_feedback) {
        m_feedback->cancel();
    }
}

void ChartPanel::setProjectPath(const QString& path)
{
    if (m_feedback) {
        m_feedback->cancel();
        m_feedback.reset();
    }
    ++m_generation; // a running computation's result is dropped
    m_running = false;
    m_poll.stop();
    m_projectPath = path;
    m_figures = {};
    m_categoryLabels.clear();
    m_hasFigures = false;
    m_stale = true;
    m_progress->setVisible(false);
    m_refresh->setEnabled(!path.isEmpty());
    m_cancel->setEnabled(false);
    m_export->setEnabled(false);
    m_summary->setText(path.isEmpty() ? QString() : tr("Grafik dihitung saat panel dibuka."));
    fillVillages();
    rebuildChart();
}

void ChartPanel::invalidate()
{
    m_stale = true;
    if (isVisible() && !m_projectPath.isEmpty()) {
        refresh();
    }
}

void ChartPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale && !m_running && !m_projectPath.isEmpty()) {
        // After the show, so the dock appears before the work starts.
        QTimer::singleShot(0, this, [this] {
            if (m_stale && !m_running && !m_projectPath.isEmpty()) {
                refresh();
            }
        });
    }
}

void ChartPanel::refresh()
{
    if (m_projectPath.isEmpty()) {
        return;
    }
    if (m_feedback) {
        m_feedback->cancel(); // the older run stops; its result is dropped by generation
    }
    const int generation = ++m_generation;
    m_feedback = std::make_shared<geo::AnalysisFeedback>();
    m_running = true;
    m_stale = false;
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_summary->setText(tr("Menghitung potensi dan aset per desa…"));
    m_poll.start();
    const std::string path = m_projectPath.toStdString();
    const layers::Language language = currentLanguage();
    auto feedback = m_feedback;
    // The worker opens its own read-only connection: a Project never crosses threads.
    m_watcher.setFuture(QtConcurrent::run([path, language, feedback, generation] {
        ChartOutcome outcome;
        outcome.generation = generation;
        try {
            layers::setLanguage(language);
            geo::throwIfCanceled(feedback.get());
            layers::Project project(path, layers::Project::Access::ReadOnly);
            layers::PotentialOptions options;
            options.includeRisk = false;
            options.writeResults = false;
            outcome.potential = layers::analyzePotential(project, options, feedback.get());
            for (const auto& code : outcome.potential.categories) {
                outcome.categoryLabels[code] = q(layers::potentialCategoryLabel(project, code));
            }
        } catch (const geo::AnalysisCanceled&) {
            outcome.canceled = true;
        } catch (const std::exception& error) {
            outcome.error = QString::fromStdString(error.what());
        }
        return outcome;
    }));
}

void ChartPanel::cancel()
{
    if (m_running && m_feedback) {
        m_feedback->cancel();
        m_cancel->setEnabled(false);
        m_summary->setText(tr("Membatalkan…"));
    }
}

void ChartPanel::showOutcome()
{
    ChartOutcome outcome = m_watcher.result();
    if (outcome.generation != m_generation) {
        return; // replaced by a newer run, or the project changed
    }
    m_running = false;
    m_feedback.reset();
    m_poll.stop();
    m_progress->setVisible(false);
    m_cancel->setEnabled(false);
    if (outcome.canceled || !outcome.error.isEmpty()) {
        m_stale = true; // the chart shown (if any) stays; the next show tries again
        m_summary->setText(outcome.canceled
                               ? (m_hasFigures
                                      ? tr("Dibatalkan; grafik sebelumnya tetap ditampilkan.")
                                      : tr("Dibatalkan."))
                               : tr("Perhitungan gagal: %1").arg(outcome.error));
        emit computeFinished(false);
        return;
    }
    m_figures = std::move(outcome.potential);
    m_categoryLabels = std::move(outcome.categoryLabels);
    m_hasFigures = true;
    m_export->setEnabled(true);
    fillVillages();
    rebuildChart();
    updateSummary();
    emit computeFinished(true);
}

void ChartPanel::fillVillages()
{
    const std::int64_t current = village();
    const QSignalBlocker blocker(m_village);
    m_village->clear();
    m_village->addItem(tr("Semua desa/kelurahan"), qint64(-1));
    std::vector<const layers::VillageProfile*> villages;
    for (const auto& village : m_figures.villages) {
        villages.push_back(&village);
    }
    std::sort(villages.begin(), villages.end(), [](const auto* a, const auto* b) {
        return QString::localeAwareCompare(q(a->name), q(b->name)) < 0;
    });
    for (const auto* village : villages) {
        m_village->addItem(q(village->name), qint64(village->fid));
    }
    m_village->setCurrentIndex(std::max(0, m_village->findData(qint64(current))));
}

void ChartPanel::setMeasure(Measure measure)
{
    m_measure->setCurrentIndex(std::max(0, m_measure->findData(int(measure))));
}

ChartPanel::Measure ChartPanel::measure() const
{
    return Measure(m_measure->currentData().toInt());
}

void ChartPanel::setVillage(std::int64_t fid)
{
    m_village->setCurrentIndex(std::max(0, m_village->findData(qint64(fid))));
}

std::int64_t ChartPanel::village() const
{
    return m_village->count() > 0 ? m_village->currentData().toLongLong() : -1;
}

void ChartPanel::setStacked(bool stacked)
{
    m_stacked->setChecked(stacked);
}

void ChartPanel::setSortByTotal(bool largestFirst)
{
    m_sort->setCurrentIndex(largestFirst ? 1 : 0);
}

const layers::BarChartData& ChartPanel::chartData() const
{
    return m_view->chart();
}

void ChartPanel::rebuildChart()
{
    const std::int64_t villageFid = village();
    m_sort->setEnabled(villageFid < 0);
    m_stacked->setEnabled(villageFid < 0);
    layers::BarChartData chart;
    if (!m_hasFigures) {
        m_view->setChart(chart);
        return;
    }
    const Measure measure = this->measure();
    const bool assets = isAssetMeasure(measure);

    // Category labels and colours: potential in the map's colours, assets in the chart's.
    layers::ThemeStyle style;
    try {
        style = layers::ThemeStyle::load("potensi_ekonomi");
    } catch (const std::exception&) {
        // Without the style file the chart's own colours serve.
    }
    auto label = [&](const std::string& code) {
        if (code.empty()) {
            return tr("tanpa kategori");
        }
        if (!assets) {
            const auto found = m_categoryLabels.find(code);
            if (found != m_categoryLabels.end()) {
                return found->second;
            }
        }
        return capitalized(q(code));
    };
    auto color = [&](const std::string& code) {
        if (assets) {
            return QColor();
        }
        const layers::Symbol& symbol = style.symbolFor(code);
        if (&symbol == &style.defaultSymbol) {
            return QColor();
        }
        QColor fill = symbol.fill;
        fill.setAlpha(255);
        return fill;
    };

    switch (measure) {
    case Measure::PotentialCount:
        chart.unit = tr("fitur");
        break;
    case Measure::PotentialArea:
        chart.unit = "ha";
        break;
    case Measure::AssetCount:
        chart.unit = tr("aset");
        break;
    default:
        chart.unit = "Rp";
        break;
    }
    const QString what = assets ? tr("Aset desa") : tr("Potensi ekonomi");
    const QString measureText =
        measure == Measure::PotentialArea                                      ? tr("luas (ha)")
        : measure == Measure::PotentialValue || measure == Measure::AssetValue ? tr("nilai (Rp)")
                                                                               : tr("jumlah");

    if (villageFid >= 0) {
        // One village: its categories, largest first, each in its own colour.
        const layers::VillageProfile* village = nullptr;
        for (const auto& v : m_figures.villages) {
            if (v.fid == villageFid) {
                village = &v;
            }
        }
        if (!village) {
            m_view->setChart(chart);
            return;
        }
        std::vector<std::pair<std::string, double>> values;
        for (const auto& [code, value] : categoryValues(*village, measure)) {
            if (value != 0) {
                values.emplace_back(code, value);
            }
        }
        std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
            return a.second > b.second;
        });
        chart.title = tr("%1 %2 %3: %4 menurut kategori")
                          .arg(what, capitalized(q(village->tier)), q(village->name), measureText);
        chart.series.push_back({capitalized(measureText), QColor(90, 140, 90)});
        for (const auto& [code, value] : values) {
            chart.groups.push_back(label(code));
            chart.values.push_back({value});
            chart.groupColors.push_back(color(code));
        }
        m_view->setChart(chart);
        return;
    }

    // All villages: one group per village, one series per category (the smallest categories
    // beyond maxSeries summed as "lainnya").
    std::map<std::string, double> totals;
    std::vector<std::map<std::string, double>> perVillage;
    for (const auto& village : m_figures.villages) {
        perVillage.push_back(categoryValues(village, measure));
        for (const auto& [code, value] : perVillage.back()) {
            totals[code] += value;
        }
    }
    std::vector<std::string> order; // potential: the vocabulary's order; assets: largest first
    if (assets) {
        for (const auto& [code, total] : totals) {
            order.push_back(code);
        }
        std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
            return totals[a] > totals[b];
        });
    } else {
        order = m_figures.categories;
    }
    order.erase(std::remove_if(order.begin(),
                               order.end(),
                               [&](const std::string& code) { return totals[code] == 0; }),
                order.end());
    std::vector<std::string> kept = order;
    bool others = false;
    if (kept.size() > maxSeries) {
        std::vector<std::string> bySize = order;
        std::stable_sort(bySize.begin(), bySize.end(), [&](const auto& a, const auto& b) {
            return totals[a] > totals[b];
        });
        bySize.resize(maxSeries - 1);
        kept.clear();
        for (const auto& code : order) {
            if (std::find(bySize.begin(), bySize.end(), code) != bySize.end()) {
                kept.push_back(code);
            }
        }
        others = true;
    }
    for (const auto& code : kept) {
        chart.series.push_back({label(code), color(code)});
    }
    if (others) {
        chart.series.push_back({tr("Lainnya"), QColor(179, 179, 179)});
    }
    std::vector<std::size_t> villageOrder(m_figures.villages.size());
    for (std::size_t i = 0; i < villageOrder.size(); ++i) {
        villageOrder[i] = i;
    }
    auto villageTotal = [&](std::size_t i) {
        double sum = 0;
        for (const auto& [code, value] : perVillage[i]) {
            sum += value;
        }
        return sum;
    };
    const bool largestFirst = m_sort->currentData().toBool();
    std::stable_sort(villageOrder.begin(), villageOrder.end(), [&](std::size_t a, std::size_t b) {
        if (largestFirst) {
            return villageTotal(a) > villageTotal(b);
        }
        return QString::localeAwareCompare(q(m_figures.villages[a].name),
                                           q(m_figures.villages[b].name)) < 0;
    });
    for (const std::size_t i : villageOrder) {
        chart.groups.push_back(q(m_figures.villages[i].name));
        std::vector<double> row(chart.series.size(), 0.0);
        for (const auto& [code, value] : perVillage[i]) {
            const auto at = std::find(kept.begin(), kept.end(), code);
            if (at != kept.end()) {
                row[std::size_t(at - kept.begin())] += value;
            } else if (others) {
                row.back() += value;
            }
        }
        chart.values.push_back(std::move(row));
    }
    chart.stacked = m_stacked->isChecked();
    chart.title = tr("%1 per desa/kelurahan: %2 menurut kategori").arg(what, measureText);
    m_view->setChart(chart);
}

void ChartPanel::updateSummary()
{
    QString text = tr("%1 desa/kelurahan, %2 fitur potensi, %3 aset.")
                       .arg(m_figures.villages.size())
                       .arg(layers::formatNumber(double(m_figures.potentials)))
                       .arg(layers::formatNumber(double(m_figures.assets)));
    if (m_figures.outside.count > 0 || m_figures.assetsOutside > 0) {
        text += " " + tr("Di luar semua desa (tidak tergambar): %1 fitur potensi, %2 aset.")
                          .arg(layers::formatNumber(double(m_figures.outside.count)))
                          .arg(layers::formatNumber(double(m_figures.assetsOutside)));
    }
    m_summary->setText(text);
}

bool ChartPanel::exportChart(const QString& path, QString* error) const
{
    const layers::BarChartData& chart = chartData();
    auto fail = [&](const QString& reason) {
        if (error) {
            *error = reason;
        }
        return false;
    };
    if (chart.groups.empty()) {
        return fail(tr("Belum ada grafik untuk diekspor."));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(file.errorString());
    }
    if (QFileInfo(path).suffix().compare("svg", Qt::CaseInsensitive) == 0) {
        const QSize size(1000, 560);
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(96);
        svg.setTitle(chart.title);
        QPainter painter(&svg);
        painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        layers::drawBarChart(painter, QRectF(QPoint(0, 0), size), chart, ChartView::chartStyle(96));
        painter.end();
    } else {
        constexpr double dpi = 150;
        QImage image(1800, 1000, QImage::Format_ARGB32_Premultiplied);
        image.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
        image.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
        image.fill(Qt::white);
        QPainter painter(&image);
        layers::drawBarChart(painter, QRectF(image.rect()), chart, ChartView::chartStyle(dpi));
        painter.end();
        if (!image.save(&file, "PNG")) {
            file.cancelWriting();
            return fail(tr("PNG tidak dapat ditulis."));
        }
    }
    if (!file.commit()) {
        return fail(file.errorString());
    }
    return true;
}

void ChartPanel::chooseExport()
{
    const QString path =
        QFileDialog::getSaveFileName(this,
                                     tr("Ekspor grafik"),
                                     QFileInfo(m_projectPath).absolutePath() + "/grafik.png",
                                     tr("Gambar PNG (*.png);;Gambar vektor SVG (*.svg)"));
    if (path.isEmpty()) {
        return;
    }
    QString reason;
    if (!exportChart(path, &reason)) {
        showMessage(this, MessageKind::Error, tr("Ekspor grafik gagal"), reason);
    }
}

} // namespace app
