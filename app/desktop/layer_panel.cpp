#include "app/desktop/layer_panel.h"

#include "layers/data_paths.h"
#include "layers/project.h"
#include "layers/render/style.h"
#include "layers/render/symbol_painter.h"
#include "layers/theme.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace app {

namespace {
constexpr int ThemeRole = Qt::UserRole + 1;
constexpr int IsLayerRole = Qt::UserRole + 2;
constexpr int iconSize = 18;

/// Display order, top first: points over lines over areas.
const std::vector<std::string>& defaultOrder()
{
    static const std::vector<std::string> order = {"kerusakan",
                                                   "titik_evakuasi",
                                                   "bumdes_unit",
                                                   "pusat_kemasyarakatan",
                                                   "aset_desa",
                                                   "permukiman",
                                                   "potensi_ekonomi",
                                                   "jalan",
                                                   "zona_bahaya",
                                                   "wilayah"};
    return order;
}

QString iconPath(const QString& icon)
{
    if (icon.isEmpty()) {
        return {};
    }
    const QString data = QString::fromStdString(layers::dataDirectory());
    for (const QString& candidate : {icon, data + "/" + icon, data + "/icons/" + icon}) {
        if (QFileInfo(candidate).isFile()) {
            return candidate;
        }
    }
    return {};
}

} // namespace

QIcon symbolIcon(const layers::Symbol& symbol, geo::GeometryFamily family, int size)
{
    const double scale = size / 18.0;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box(1, 1, size - 2, size - 2);
    const QString icon = iconPath(symbol.icon);
    if (!icon.isEmpty()) {
        painter.end();
        return QIcon(icon);
    }
    switch (family) {
    case geo::GeometryFamily::Line: {
        QPen pen(symbol.stroke, std::max(2.0, symbol.strokeWidthMm * 4) * scale);
        pen.setStyle(symbol.strokeStyle);
        painter.setPen(pen);
        painter.drawLine(QPointF(1, size - 4 * scale), QPointF(size - 1, 4 * scale));
        break;
    }
    case geo::GeometryFamily::Polygon: {
        QPen pen(symbol.stroke, 1.5 * scale);
        pen.setStyle(symbol.strokeStyle);
        painter.setPen(pen);
        painter.setBrush(symbol.fill);
        painter.drawRect(box.adjusted(scale, 3 * scale, -scale, -scale));
        break;
    }
    case geo::GeometryFamily::Point:
    case geo::GeometryFamily::Any:
        // The renderer's own marker, so the legend shows what the map draws.
        layers::drawMarkerSymbol(painter, symbol, box, painter.device()->logicalDpiX());
        break;
    }
    return QIcon(pixmap);
}

LayerPanel::LayerPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setIconSize(QSize(iconSize, iconSize));
    m_tree->setDragDropMode(QAbstractItemView::InternalMove);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setUniformRowHeights(true);
    layout->addWidget(m_tree, 1);

    auto* buttons = new QHBoxLayout;
    m_up = new QToolButton(this);
    m_up->setArrowType(Qt::UpArrow);
    m_up->setToolTip(tr("Naikkan lapisan (digambar lebih atas)"));
    m_down = new QToolButton(this);
    m_down->setArrowType(Qt::DownArrow);
    m_down->setToolTip(tr("Turunkan lapisan"));
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addSpacing(8);
    m_opacityLabel = new QLabel(tr("Opasitas"), this);
    buttons->addWidget(m_opacityLabel);
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(100);
    m_opacity->setToolTip(tr("Opasitas lapisan terpilih"));
    buttons->addWidget(m_opacity, 1);
    layout->addLayout(buttons);

    connect(m_up, &QToolButton::clicked, this, [this] { moveLayer(currentTheme(), -1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveLayer(currentTheme(), 1); });
    connect(m_opacity, &QSlider::valueChanged, this, [this](int value) {
        if (!m_updating && !currentTheme().empty()) {
            setLayerOpacity(currentTheme(), value / 100.0);
        }
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* changed, int) {
        if (!m_updating && changed->data(0, IsLayerRole).toBool()) {
            emit layersChanged();
        }
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &LayerPanel::currentChanged);
    connect(m_tree->model(), &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_updating) {
            QTimer::singleShot(0, this, &LayerPanel::normalizeAfterDrop);
        }
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, &LayerPanel::showContextMenu);
}

void LayerPanel::setProject(layers::Project& project)
{
    m_updating = true;
    m_tree->clear();
    m_opacities.clear();
    for (const std::string& theme : defaultOrder()) {
        const layers::Theme* schema = layers::findTheme(theme);
        if (!schema) {
            continue;
        }
        auto* layer = new QTreeWidgetItem(m_tree);
        layer->setData(0, ThemeRole, QString::fromStdString(theme));
        layer->setData(0, IsLayerRole, true);
        layer->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable |
                        Qt::ItemIsDragEnabled);
        layer->setCheckState(0, Qt::Checked);
        layers::ThemeStyle style;
        try {
            style = layers::ThemeStyle::load(theme);
        } catch (const std::exception&) {
            style.theme = theme; // a broken style file: plain symbols, the map still opens
        }
        m_opacities[theme] = style.opacity;
        if (style.categories.empty()) {
            layer->setIcon(0, symbolIcon(style.defaultSymbol, schema->family));
        } else {
            layer->setIcon(0, symbolIcon(style.categories.front().second, schema->family));
            for (const auto& [value, symbol] : style.categories) {
                auto* entry = new QTreeWidgetItem(layer);
                entry->setFlags(Qt::ItemIsEnabled);
                entry->setIcon(0, symbolIcon(symbol, schema->family));
                const QString label = symbol.label();
                entry->setText(0, label.isEmpty() ? QString::fromStdString(value) : label);
            }
            auto* other = new QTreeWidgetItem(layer);
            other->setFlags(Qt::ItemIsEnabled);
            other->setIcon(0, symbolIcon(style.defaultSymbol, schema->family));
            other->setText(0, tr("lainnya"));
            // The legends users look at first are open; the rest open with a click.
            layer->setExpanded(theme == "zona_bahaya" || theme == "titik_evakuasi" ||
                               theme == "aset_desa");
        }
    }
    m_updating = false;
    updateCounts(project);
    if (m_tree->topLevelItemCount() > 0) {
        m_tree->setCurrentItem(item("aset_desa") ? item("aset_desa") : m_tree->topLevelItem(0));
    }
    emit layersChanged();
}

void LayerPanel::updateCounts(layers::Project& project)
{
    m_updating = true;
    const QLocale locale;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* layer = m_tree->topLevelItem(i);
        const std::string theme = layer->data(0, ThemeRole).toString().toStdString();
        const layers::Theme* schema = layers::findTheme(theme);
        std::int64_t count = 0;
        try {
            count = project.featureCount(theme);
        } catch (const std::exception&) {
            count = -1;
        }
        QString label = QString::fromStdString(schema ? schema->label() : theme);
        if (count >= 0) {
            label += QString(" (%1)").arg(locale.toString(static_cast<qlonglong>(count)));
        }
        layer->setText(0, label);
    }
    m_updating = false;
}

QTreeWidgetItem* LayerPanel::item(const std::string& theme) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* layer = m_tree->topLevelItem(i);
        if (layer->data(0, ThemeRole).toString().toStdString() == theme) {
            return layer;
        }
    }
    return nullptr;
}

std::vector<std::string> LayerPanel::order() const
{
    std::vector<std::string> themes;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        themes.push_back(m_tree->topLevelItem(i)->data(0, ThemeRole).toString().toStdString());
    }
    return themes;
}

std::vector<layers::MapLayer> LayerPanel::mapLayers() const
{
    std::vector<layers::MapLayer> result;
    for (int i = m_tree->topLevelItemCount() - 1; i >= 0; --i) {
        const QTreeWidgetItem* layer = m_tree->topLevelItem(i);
        layers::MapLayer mapLayer;
        mapLayer.theme = layer->data(0, ThemeRole).toString().toStdString();
        mapLayer.visible = layer->checkState(0) == Qt::Checked;
        const auto opacity = m_opacities.find(mapLayer.theme);
        mapLayer.opacity = opacity == m_opacities.end() ? 1.0 : opacity->second;
        result.push_back(std::move(mapLayer));
    }
    return result;
}

void LayerPanel::setLayerVisible(const std::string& theme, bool visible)
{
    if (QTreeWidgetItem* layer = item(theme)) {
        layer->setCheckState(0, visible ? Qt::Checked : Qt::Unchecked);
    }
}

bool LayerPanel::isLayerVisible(const std::string& theme) const
{
    const QTreeWidgetItem* layer = item(theme);
    return layer && layer->checkState(0) == Qt::Checked;
}

void LayerPanel::setLayerOpacity(const std::string& theme, double opacity)
{
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (m_opacities[theme] == opacity) {
        return;
    }
    m_opacities[theme] = opacity;
    if (theme == currentTheme()) {
        m_updating = true;
        m_opacity->setValue(int(std::lround(opacity * 100)));
        m_updating = false;
    }
    emit layersChanged();
}

double LayerPanel::layerOpacity(const std::string& theme) const
{
    const auto found = m_opacities.find(theme);
    return found == m_opacities.end() ? 1.0 : found->second;
}

void LayerPanel::moveLayer(const std::string& theme, int delta)
{
    QTreeWidgetItem* layer = item(theme);
    if (!layer) {
        return;
    }
    const int from = m_tree->indexOfTopLevelItem(layer);
    const int to = std::clamp(from + delta, 0, m_tree->topLevelItemCount() - 1);
    if (from == to) {
        return;
    }
    m_updating = true;
    const bool expanded = layer->isExpanded();
    m_tree->takeTopLevelItem(from);
    m_tree->insertTopLevelItem(to, layer);
    layer->setExpanded(expanded);
    m_tree->setCurrentItem(layer);
    m_updating = false;
    emit layersChanged();
}

std::string LayerPanel::currentTheme() const
{
    QTreeWidgetItem* current = m_tree->currentItem();
    while (current && current->parent()) {
        current = current->parent();
    }
    return current ? current->data(0, ThemeRole).toString().toStdString() : std::string();
}

void LayerPanel::setCurrentTheme(const std::string& theme)
{
    if (QTreeWidgetItem* layer = item(theme)) {
        m_tree->setCurrentItem(layer);
    }
}

int LayerPanel::legendEntryCount(const std::string& theme) const
{
    const QTreeWidgetItem* layer = item(theme);
    return layer ? layer->childCount() : 0;
}

void LayerPanel::currentChanged()
{
    const std::string theme = currentTheme();
    m_updating = true;
    m_opacity->setValue(int(std::lround(layerOpacity(theme) * 100)));
    m_updating = false;
    m_opacity->setEnabled(!theme.empty());
    emit currentThemeChanged(QString::fromStdString(theme));
}

void LayerPanel::normalizeAfterDrop()
{
    // A drop between legend entries lands inside another layer: lift it back to the top.
    m_updating = true;
    bool moved = false;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* parent = m_tree->topLevelItem(i);
        for (int c = parent->childCount() - 1; c >= 0; --c) {
            QTreeWidgetItem* child = parent->child(c);
            if (child->data(0, IsLayerRole).toBool()) {
                parent->takeChild(c);
                m_tree->insertTopLevelItem(i + 1, child);
                moved = true;
            }
        }
    }
    m_updating = false;
    Q_UNUSED(moved);
    emit layersChanged();
}

void LayerPanel::showContextMenu(const QPoint& position)
{
    QTreeWidgetItem* clicked = m_tree->itemAt(position);
    while (clicked && clicked->parent()) {
        clicked = clicked->parent();
    }
    if (!clicked) {
        return;
    }
    const QString theme = clicked->data(0, ThemeRole).toString();
    QMenu menu(this);
    menu.addAction(
        tr("Perbesar ke lapisan"), this, [this, theme] { emit zoomToLayerRequested(theme); });
    menu.addAction(
        tr("Buka tabel atribut"), this, [this, theme] { emit openTableRequested(theme); });
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

} // namespace app
