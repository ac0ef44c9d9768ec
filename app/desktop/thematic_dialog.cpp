#include "app/desktop/thematic_dialog.h"

#include "layers/render/thematic_renderer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace app {

using Kind = layers::ThematicLayer::Kind;

ThematicDialog::ThematicDialog(const std::string& projectPath, QWidget* parent)
    : QDialog(parent), m_projectPath(projectPath)
{
    setWindowTitle(tr("Peta tematik"));
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Koroplet: nilai angka per desa"), int(Kind::Choropleth));
    m_kind->addItem(tr("Kepadatan kernel (permukaan raster)"), int(Kind::Density));
    m_kind->addItem(tr("Diagram lingkaran per desa menurut kategori"), int(Kind::PieCharts));
    m_kind->addItem(tr("Simbol proporsional per desa"), int(Kind::ProportionalSymbols));

    // Choropleth page.
    auto* choropleth = new QWidget(this);
    auto* choroplethForm = new QFormLayout(choropleth);
    m_table = new QComboBox(choropleth);
    try {
        for (const auto& table : layers::choroplethTables(projectPath)) {
            m_table->addItem(QString::fromStdString(table));
        }
    } catch (const std::exception&) {
        m_table->addItem("wilayah"); // the project could not be read: the map will say why
    }
    m_column = new QComboBox(choropleth);
    m_method = new QComboBox(choropleth);
    m_method->addItem(tr("Kuantil (jumlah desa sama per kelas)"),
                      int(layers::ClassMethod::Quantile));
    m_method->addItem(tr("Interval sama"), int(layers::ClassMethod::EqualInterval));
    m_method->addItem(tr("Jeda alami (Jenks)"), int(layers::ClassMethod::NaturalBreaks));
    m_classes = new QSpinBox(choropleth);
    m_classes->setRange(2, 9);
    m_classes->setValue(5);
    m_ramp = new QComboBox(choropleth);
    for (auto ramp : {layers::ColorRamp::YlOrRd,
                      layers::ColorRamp::Greens,
                      layers::ColorRamp::Blues,
                      layers::ColorRamp::YlGn,
                      layers::ColorRamp::Purples}) {
        m_ramp->addItem(layers::rampName(ramp), int(ramp));
    }
    choroplethForm->addRow(tr("Tabel"), m_table);
    choroplethForm->addRow(tr("Kolom nilai"), m_column);
    choroplethForm->addRow(tr("Metode kelas"), m_method);
    choroplethForm->addRow(tr("Jumlah kelas"), m_classes);
    choroplethForm->addRow(tr("Warna"), m_ramp);

    // Point page (density, pies, symbols).
    auto* points = new QWidget(this);
    auto* pointForm = new QFormLayout(points);
    m_pointTable = new QComboBox(points);
    for (const char* table :
         {"potensi_ekonomi", "aset_desa", "bumdes_unit", "pusat_kemasyarakatan", "permukiman"}) {
        m_pointTable->addItem(QString::fromLatin1(table));
    }
    m_weight = new QComboBox(points);
    m_bandwidth = new QDoubleSpinBox(points);
    m_bandwidth->setRange(10, 50000);
    m_bandwidth->setDecimals(0);
    m_bandwidth->setSingleStep(100);
    m_bandwidth->setValue(500);
    m_bandwidth->setSuffix(" m");
    pointForm->addRow(tr("Tema"), m_pointTable);
    pointForm->addRow(tr("Bobot"), m_weight);
    pointForm->addRow(tr("Lebar pita"), m_bandwidth);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(choropleth);
    m_pages->addWidget(points);

    m_title = new QLineEdit(this);
    m_title->setPlaceholderText(tr("otomatis"));
    m_unit = new QLineEdit(this);
    m_unit->setPlaceholderText(tr("mis. jiwa, Rp, ha"));
    auto* common = new QFormLayout;
    common->addRow(tr("Jenis peta"), m_kind);
    auto* labels = new QFormLayout;
    labels->addRow(tr("Judul legenda"), m_title);
    labels->addRow(tr("Satuan"), m_unit);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Tampilkan"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(common);
    layout->addWidget(m_pages);
    layout->addLayout(labels);
    layout->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ThematicDialog::kindChanged);
    connect(m_table, &QComboBox::currentIndexChanged, this, &ThematicDialog::fillColumns);
    connect(m_pointTable, &QComboBox::currentIndexChanged, this, &ThematicDialog::fillWeights);
    fillColumns();
    fillWeights();
    kindChanged();
    const int population = m_column->findText("jumlah_penduduk");
    if (population >= 0) {
        m_column->setCurrentIndex(population);
    }
}

void ThematicDialog::fillColumns()
{
    m_column->clear();
    try {
        for (const auto& column :
             layers::numericColumns(m_projectPath, m_table->currentText().toStdString())) {
            m_column->addItem(QString::fromStdString(column));
        }
    } catch (const std::exception&) {
    }
}

void ThematicDialog::fillWeights()
{
    m_weight->clear();
    m_weight->addItem(tr("jumlah fitur"), QString());
    try {
        for (const auto& column :
             layers::numericColumns(m_projectPath, m_pointTable->currentText().toStdString())) {
            m_weight->addItem(QString::fromStdString(column), QString::fromStdString(column));
        }
    } catch (const std::exception&) {
    }
}

void ThematicDialog::kindChanged()
{
    const auto kind = Kind(m_kind->currentData().toInt());
    m_pages->setCurrentIndex(kind == Kind::Choropleth ? 0 : 1);
    m_bandwidth->setEnabled(kind == Kind::Density);
}

layers::ThematicLayer ThematicDialog::layer() const
{
    layers::ThematicLayer layer;
    layer.kind = Kind(m_kind->currentData().toInt());
    layer.title = m_title->text().trimmed();
    layer.unit = m_unit->text().trimmed();
    layer.table = m_table->currentText().toStdString();
    layer.valueColumn = m_column->currentText().toStdString();
    layer.method = layers::ClassMethod(m_method->currentData().toInt());
    layer.classes = m_classes->value();
    layer.ramp = layers::ColorRamp(m_ramp->currentData().toInt());
    layer.pointTable = m_pointTable->currentText().toStdString();
    layer.weightColumn = m_weight->currentData().toString().toStdString();
    layer.bandwidthMetres = m_bandwidth->value();
    layer.opacity =
        layer.kind == Kind::Choropleth ? 0.85 : (layer.kind == Kind::Density ? 0.9 : 1.0);
    return layer;
}

void ThematicDialog::setLayer(const layers::ThematicLayer& layer)
{
    m_kind->setCurrentIndex(m_kind->findData(int(layer.kind)));
    m_table->setCurrentText(QString::fromStdString(layer.table));
    m_column->setCurrentText(QString::fromStdString(layer.valueColumn));
    m_method->setCurrentIndex(m_method->findData(int(layer.method)));
    m_classes->setValue(layer.classes);
    m_ramp->setCurrentIndex(m_ramp->findData(int(layer.ramp)));
    m_pointTable->setCurrentText(QString::fromStdString(layer.pointTable));
    m_weight->setCurrentIndex(
        std::max(0, m_weight->findData(QString::fromStdString(layer.weightColumn))));
    m_bandwidth->setValue(layer.bandwidthMetres);
    m_title->setText(layer.title);
    m_unit->setText(layer.unit);
}

} // namespace app
