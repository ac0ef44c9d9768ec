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
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace app {

namespace {
constexpr int ThemeRole = Qt::UserRole + 1;
constexpr int IsLayerRole = Qt::UserRole + 2;
constexpr int RasterIdRole = Qt::UserRole + 3; ///< set on raster entries only
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

QIcon rasterIcon(layers::RasterLayer::Kind kind, int size)
{
    const double s = size / 18.0;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(s, s);
    const QRectF frame(1.5, 1.5, 15, 15);
    switch (kind) {
    case layers::RasterLayer::Kind::Hillshade: {
        // Grey relief: a lit and a shaded slope of one mountain.
        painter.fillRect(frame, QColor(225, 225, 225));
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(250, 250, 250));
        painter.drawPolygon(QPolygonF({{1.5, 16.5}, {9, 4}, {9, 16.5}}));
        painter.setBrush(QColor(120, 120, 120));
        painter.drawPolygon(QPolygonF({{9, 4}, {16.5, 16.5}, {9, 16.5}}));
        break;
    }
    case layers::RasterLayer::Kind::MBTiles:
    case layers::RasterLayer::Kind::Image: {
        // An aerial photo: fields in greens and browns.
        const QColor cells[] = {QColor(110, 160, 80),
                                QColor(190, 170, 120),
                                QColor(150, 190, 100),
                                QColor(90, 130, 70)};
        for (int i = 0; i < 4; ++i) {
            painter.fillRect(QRectF(1.5 + (i % 2) * 7.5, 1.5 + (i / 2) * 7.5, 7.5, 7.5), cells[i]);
        }
        if (kind == layers::RasterLayer::Kind::MBTiles) {
            painter.setPen(QPen(QColor(255, 255, 255), 1));
            painter.drawLine(QPointF(9, 1.5), QPointF(9, 16.5));
            painter.drawLine(QPointF(1.5, 9), QPointF(16.5, 9));
        }
        break;
    }
    }
    painter.setPen(QPen(QColor(80, 80, 80), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(frame);
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
    m_addRaster = new QToolButton(this);
    m_addRaster->setIcon(rasterIcon(layers::RasterLayer::Kind::Image));
    m_addRaster->setToolTip(tr("Tambah latar raster (GeoTIFF, DEM, MBTiles)…"));
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addWidget(m_addRaster);
    buttons->addSpacing(8);
    m_opacityLabel = new QLabel(tr("Opasitas"), this);
    buttons->addWidget(m_opacityLabel);
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(100);
    m_opacity->setToolTip(tr("Opasitas lapisan terpilih"));
    buttons->addWidget(m_opacity, 1);
    layout->addLayout(buttons);

    auto move = [this](int delta) {
        if (const int raster = currentRaster(); raster >= 0) {
            moveRaster(raster, delta);
        } else {
            moveLayer(currentTheme(), delta);
        }
    };
    connect(m_up, &QToolButton::clicked, this, [move] { move(-1); });
    connect(m_down, &QToolButton::clicked, this, [move] { move(1); });
    connect(m_addRaster, &QToolButton::clicked, this, &LayerPanel::addRasterRequested);
    connect(m_opacity, &QSlider::valueChanged, this, [this](int value) {
        if (m_updating) {
            return;
        }
        if (const int raster = currentRaster(); raster >= 0) {
            setRasterOpacity(raster, value / 100.0);
        } else if (!currentTheme().empty()) {
            setLayerOpacity(currentTheme(), value / 100.0);
        }
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* changed, int) {
        if (m_updating) {
            return;
        }
        if (changed->data(0, RasterIdRole).isValid()) {
            emit rastersChanged();
        } else if (changed->data(0, IsLayerRole).toBool()) {
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
    m_rasters.clear();
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
        if (layer->data(0, RasterIdRole).isValid()) {
            continue;
        }
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
    if (theme.empty()) {
        return nullptr;
    }
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
        const QTreeWidgetItem* layer = m_tree->topLevelItem(i);
        if (!layer->data(0, RasterIdRole).isValid()) {
            themes.push_back(layer->data(0, ThemeRole).toString().toStdString());
        }
    }
    return themes;
}

std::vector<layers::MapLayer> LayerPanel::mapLayers() const
{
    std::vector<layers::MapLayer> result;
    for (int i = m_tree->topLevelItemCount() - 1; i >= 0; --i) {
        const QTreeWidgetItem* layer = m_tree->topLevelItem(i);
        if (layer->data(0, RasterIdRole).isValid()) {
            continue;
        }
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
    // Themes stay above the rasters.
    const int from = m_tree->indexOfTopLevelItem(layer);
    const int to = std::clamp(from + delta, 0, themeCount() - 1);
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
    const int raster = currentRaster();
    m_updating = true;
    m_opacity->setValue(
        int(std::lround((raster >= 0 ? rasterOpacity(raster) : layerOpacity(theme)) * 100)));
    m_updating = false;
    m_opacity->setEnabled(!theme.empty() || raster >= 0);
    emit currentThemeChanged(QString::fromStdString(theme));
}

void LayerPanel::normalizeAfterDrop()
{
    // A drop between legend entries lands inside another layer: lift it back to the top.
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* parent = m_tree->topLevelItem(i);
        for (int c = parent->childCount() - 1; c >= 0; --c) {
            QTreeWidgetItem* child = parent->child(c);
            if (child->data(0, IsLayerRole).toBool()) {
                parent->takeChild(c);
                m_tree->insertTopLevelItem(i + 1, child);
            }
        }
    }
    // Rasters draw under every theme: a raster dropped among the themes goes back to the top
    // of the rasters, a theme dropped among the rasters to the bottom of the themes (each
    // keeping its order among its kind).
    std::vector<QTreeWidgetItem*> themes;
    std::vector<QTreeWidgetItem*> rasters;
    bool mixed = false;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* layer = m_tree->topLevelItem(i);
        const bool isRaster = layer->data(0, RasterIdRole).isValid();
        mixed = mixed || (!isRaster && !rasters.empty());
        (isRaster ? rasters : themes).push_back(layer);
    }
    if (mixed) {
        QTreeWidgetItem* current = m_tree->currentItem();
        std::map<QTreeWidgetItem*, bool> expanded;
        for (QTreeWidgetItem* layer : themes) {
            expanded[layer] = layer->isExpanded();
        }
        while (m_tree->topLevelItemCount() > 0) {
            m_tree->takeTopLevelItem(0);
        }
        for (QTreeWidgetItem* layer : themes) {
            m_tree->addTopLevelItem(layer);
            layer->setExpanded(expanded[layer]);
        }
        for (QTreeWidgetItem* layer : rasters) {
            m_tree->addTopLevelItem(layer);
        }
        if (current) {
            m_tree->setCurrentItem(current);
        }
    }
    m_updating = false;
    emit layersChanged();
    emit rastersChanged();
}

void LayerPanel::showContextMenu(const QPoint& position)
{
    QTreeWidgetItem* clicked = m_tree->itemAt(position);
    while (clicked && clicked->parent()) {
        clicked = clicked->parent();
    }
    const QPoint global = m_tree->viewport()->mapToGlobal(position);
    if (!clicked) {
        QMenu menu(this);
        menu.addAction(tr("Tambah latar raster…"), this, &LayerPanel::addRasterRequested);
        menu.exec(global);
        return;
    }
    if (const int raster = rasterIndexOf(clicked); raster >= 0) {
        showRasterMenu(raster, global);
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

int LayerPanel::themeCount() const
{
    int count = 0;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        count += !m_tree->topLevelItem(i)->data(0, RasterIdRole).isValid();
    }
    return count;
}

int LayerPanel::rasterIndexOf(const QTreeWidgetItem* wanted) const
{
    int index = 0;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* layer = m_tree->topLevelItem(i);
        if (!layer->data(0, RasterIdRole).isValid()) {
            continue;
        }
        if (layer == wanted) {
            return index;
        }
        ++index;
    }
    return -1;
}

QTreeWidgetItem* LayerPanel::rasterItem(int index) const
{
    for (int i = 0, found = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* layer = m_tree->topLevelItem(i);
        if (layer->data(0, RasterIdRole).isValid() && found++ == index) {
            return layer;
        }
    }
    return nullptr;
}

int LayerPanel::rasterCount() const
{
    return int(m_rasters.size());
}

void LayerPanel::showRaster(QTreeWidgetItem* layer, const RasterEntry& entry)
{
    const QString path = QString::fromStdString(entry.layer.path);
    QString kind;
    switch (entry.layer.kind) {
    case layers::RasterLayer::Kind::Image:
        kind = tr("citra");
        break;
    case layers::RasterLayer::Kind::Hillshade:
        kind = tr("bayangan bukit");
        break;
    case layers::RasterLayer::Kind::MBTiles:
        kind = QStringLiteral("MBTiles");
        break;
    }
    QString text = QString("%1 (%2)").arg(QFileInfo(path).fileName(), kind);
    QString tooltip = tr("Latar raster, %1: %2").arg(kind, path);
    QFont font = m_tree->font();
    if (entry.available) {
        layer->setIcon(0, rasterIcon(entry.layer.kind));
        layer->setForeground(0, m_tree->palette().brush(QPalette::Text));
    } else {
        text += " — " + tr("tidak tersedia");
        tooltip += "\n" + entry.problem;
        font.setItalic(true);
        layer->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        layer->setForeground(0, m_tree->palette().brush(QPalette::Disabled, QPalette::Text));
    }
    layer->setText(0, text);
    layer->setToolTip(0, tooltip);
    layer->setFont(0, font);
}

QTreeWidgetItem* LayerPanel::insertRaster(const RasterEntry& entry)
{
    m_updating = true;
    const int id = m_nextRasterId++;
    m_rasters[id] = entry;
    auto* layer = new QTreeWidgetItem;
    layer->setData(0, RasterIdRole, id);
    layer->setData(0, IsLayerRole, true);
    layer->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable |
                    Qt::ItemIsDragEnabled);
    layer->setCheckState(0, entry.layer.visible ? Qt::Checked : Qt::Unchecked);
    showRaster(layer, entry);
    m_tree->insertTopLevelItem(themeCount(), layer);
    m_updating = false;
    return layer;
}

void LayerPanel::addRaster(const RasterEntry& entry)
{
    // The current layer stays what it was, so editing goes on where it was.
    m_tree->scrollToItem(insertRaster(entry));
    emit rastersChanged();
}

void LayerPanel::setRasters(const std::vector<RasterEntry>& entries)
{
    m_updating = true;
    for (int i = m_tree->topLevelItemCount() - 1; i >= 0; --i) {
        if (m_tree->topLevelItem(i)->data(0, RasterIdRole).isValid()) {
            delete m_tree->takeTopLevelItem(i);
        }
    }
    m_rasters.clear();
    m_updating = false;
    // Bottom first: each one goes on top of the ones before.
    for (const RasterEntry& entry : entries) {
        insertRaster(entry);
    }
    emit rastersChanged();
}

RasterEntry LayerPanel::raster(int index) const
{
    const QTreeWidgetItem* layer = rasterItem(index);
    if (!layer) {
        return {};
    }
    RasterEntry entry = m_rasters.at(layer->data(0, RasterIdRole).toInt());
    entry.layer.visible = layer->checkState(0) == Qt::Checked;
    return entry;
}

std::vector<RasterEntry> LayerPanel::rasters() const
{
    std::vector<RasterEntry> entries;
    for (int index = rasterCount() - 1; index >= 0; --index) {
        entries.push_back(raster(index));
    }
    return entries;
}

std::vector<layers::RasterLayer> LayerPanel::rasterLayers() const
{
    std::vector<layers::RasterLayer> layers;
    for (const RasterEntry& entry : rasters()) {
        if (entry.available) {
            layers.push_back(entry.layer);
        }
    }
    return layers;
}

void LayerPanel::setRasterVisible(int index, bool visible)
{
    if (QTreeWidgetItem* layer = rasterItem(index)) {
        layer->setCheckState(0, visible ? Qt::Checked : Qt::Unchecked);
    }
}

bool LayerPanel::isRasterVisible(int index) const
{
    const QTreeWidgetItem* layer = rasterItem(index);
    return layer && layer->checkState(0) == Qt::Checked;
}

void LayerPanel::setRasterOpacity(int index, double opacity)
{
    QTreeWidgetItem* layer = rasterItem(index);
    if (!layer) {
        return;
    }
    opacity = std::clamp(opacity, 0.0, 1.0);
    RasterEntry& entry = m_rasters.at(layer->data(0, RasterIdRole).toInt());
    if (entry.layer.opacity == opacity) {
        return;
    }
    entry.layer.opacity = opacity;
    if (layer == m_tree->currentItem()) {
        m_updating = true;
        m_opacity->setValue(int(std::lround(opacity * 100)));
        m_updating = false;
    }
    emit rastersChanged();
}

double LayerPanel::rasterOpacity(int index) const
{
    const QTreeWidgetItem* layer = rasterItem(index);
    return layer ? m_rasters.at(layer->data(0, RasterIdRole).toInt()).layer.opacity : 1.0;
}

void LayerPanel::moveRaster(int index, int delta)
{
    QTreeWidgetItem* layer = rasterItem(index);
    if (!layer) {
        return;
    }
    const int to = std::clamp(index + delta, 0, rasterCount() - 1);
    if (to == index) {
        return;
    }
    m_updating = true;
    const int first = themeCount();
    m_tree->takeTopLevelItem(first + index);
    m_tree->insertTopLevelItem(first + to, layer);
    m_tree->setCurrentItem(layer);
    m_updating = false;
    emit rastersChanged();
}

void LayerPanel::removeRaster(int index)
{
    QTreeWidgetItem* layer = rasterItem(index);
    if (!layer) {
        return;
    }
    m_updating = true;
    m_rasters.erase(layer->data(0, RasterIdRole).toInt());
    delete layer; // when it was current, the tree makes another entry current and says so
    m_updating = false;
    emit rastersChanged();
}

void LayerPanel::replaceRaster(int index, const RasterEntry& entry)
{
    QTreeWidgetItem* layer = rasterItem(index);
    if (!layer) {
        return;
    }
    m_updating = true;
    RasterEntry& stored = m_rasters.at(layer->data(0, RasterIdRole).toInt());
    stored = entry;
    showRaster(layer, stored);
    m_updating = false;
    if (layer == m_tree->currentItem()) {
        currentChanged();
    }
    emit rastersChanged();
}

int LayerPanel::currentRaster() const
{
    return rasterIndexOf(m_tree->currentItem());
}

void LayerPanel::setCurrentRaster(int index)
{
    if (QTreeWidgetItem* layer = rasterItem(index)) {
        m_tree->setCurrentItem(layer);
    }
}

void LayerPanel::showRasterMenu(int index, const QPoint& globalPosition)
{
    const RasterEntry entry = raster(index);
    QMenu menu(this);
    if (entry.available) {
        menu.addAction(
            tr("Perbesar ke lapisan"), this, [this, index] { emit zoomToRasterRequested(index); });
        QMenu* opacity = menu.addMenu(tr("Opasitas"));
        for (const int percent : {100, 75, 50, 25}) {
            QAction* choice =
                opacity->addAction(QString("%1%").arg(percent), this, [this, index, percent] {
                    setRasterOpacity(index, percent / 100.0);
                });
            choice->setCheckable(true);
            choice->setChecked(std::lround(entry.layer.opacity * 100) == percent);
        }
    } else {
        menu.addAction(
            tr("Cari berkas…"), this, [this, index] { emit locateRasterRequested(index); });
    }
    QAction* up = menu.addAction(tr("Naikkan"), this, [this, index] { moveRaster(index, -1); });
    up->setEnabled(index > 0);
    QAction* down = menu.addAction(tr("Turunkan"), this, [this, index] { moveRaster(index, 1); });
    down->setEnabled(index + 1 < rasterCount());
    menu.addSeparator();
    menu.addAction(tr("Hapus latar raster"), this, [this, index] { removeRaster(index); });
    menu.exec(globalPosition);
}

} // namespace app
