#include "app/desktop/thematic_panel.h"

#include "layers/render/thematic_renderer.h"

#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace app {

namespace {
constexpr int IndexRole = Qt::UserRole + 1;
constexpr int iconSize = 18;

QIcon legendIcon(const layers::LegendItem& item)
{
    QPixmap pixmap(iconSize, iconSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    layers::LegendItem shown = item;
    if (shown.kind == layers::LegendItem::Kind::Circle) {
        // Relative sizes, fitted into the icon: the legend's largest circle fills it.
        shown.sizeMm = std::min(shown.sizeMm, 4.6);
    }
    layers::drawLegendSymbol(painter, QRectF(1, 3, iconSize - 2, iconSize - 6), shown, 96);
    painter.end();
    return QIcon(pixmap);
}
} // namespace

ThematicPanel::ThematicPanel(QWidget* parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabel(tr("Peta tematik"));
    m_tree->setIconSize(QSize(iconSize, iconSize));
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
        if (m_updating || item->parent()) {
            return;
        }
        const int index = item->data(0, IndexRole).toInt();
        if (index >= 0 && index < int(m_layers.size())) {
            m_layers[std::size_t(index)].visible = item->checkState(0) == Qt::Checked;
            emit layersChanged();
        }
    });
    connect(
        m_tree, &QTreeWidget::customContextMenuRequested, this, &ThematicPanel::showContextMenu);
    setVisible(false);
}

void ThematicPanel::setProject(const std::string& projectPath)
{
    m_projectPath = projectPath;
    clear();
}

void ThematicPanel::addLayer(const layers::ThematicLayer& layer)
{
    m_layers.push_back(layer);
    rebuild();
    emit layersChanged();
}

void ThematicPanel::removeLayer(int index)
{
    if (index < 0 || index >= int(m_layers.size())) {
        return;
    }
    m_layers.erase(m_layers.begin() + index);
    rebuild();
    emit layersChanged();
}

void ThematicPanel::clear()
{
    const bool had = !m_layers.empty();
    m_layers.clear();
    rebuild();
    if (had) {
        emit layersChanged();
    }
}

std::vector<layers::ThematicLayer> ThematicPanel::layers() const
{
    return m_layers;
}

int ThematicPanel::legendEntryCount(int index) const
{
    const QTreeWidgetItem* item = m_tree->topLevelItem(index);
    return item ? item->childCount() : 0;
}

void ThematicPanel::rebuild()
{
    m_updating = true;
    m_tree->clear();
    // Newest on top, as layers are listed top first.
    for (int index = int(m_layers.size()) - 1; index >= 0; --index) {
        const auto& layer = m_layers[std::size_t(index)];
        auto* top = new QTreeWidgetItem(m_tree);
        top->setData(0, IndexRole, index);
        top->setFlags(top->flags() | Qt::ItemIsUserCheckable);
        top->setCheckState(0, layer.visible ? Qt::Checked : Qt::Unchecked);
        try {
            const auto legend = layers::thematicLegend(m_projectPath, layer);
            top->setText(0, legend.title);
            if (!legend.note.isEmpty()) {
                auto* note = new QTreeWidgetItem(top);
                note->setText(0, legend.note);
                note->setForeground(0, QColor(100, 100, 100));
                note->setFlags(Qt::ItemIsEnabled);
            }
            for (const auto& entry : legend.items) {
                auto* child = new QTreeWidgetItem(top);
                child->setText(0, entry.label);
                child->setIcon(0, legendIcon(entry));
                child->setFlags(Qt::ItemIsEnabled);
            }
        } catch (const std::exception& error) {
            top->setText(0,
                         QString::fromStdString(layer.valueColumn.empty() ? layer.pointTable
                                                                          : layer.valueColumn));
            auto* child = new QTreeWidgetItem(top);
            child->setText(0, tr("Galat: %1").arg(QString::fromStdString(error.what())));
            child->setForeground(0, QColor(180, 0, 0));
        }
        top->setExpanded(true);
    }
    m_updating = false;
    setVisible(!m_layers.empty());
}

void ThematicPanel::showContextMenu(const QPoint& position)
{
    QTreeWidgetItem* item = m_tree->itemAt(position);
    while (item && item->parent()) {
        item = item->parent();
    }
    if (!item) {
        return;
    }
    const int index = item->data(0, IndexRole).toInt();
    QMenu menu(this);
    QAction* edit = menu.addAction(tr("Ubah…"));
    QAction* remove = menu.addAction(tr("Hapus peta tematik"));
    QAction* chosen = menu.exec(m_tree->viewport()->mapToGlobal(position));
    if (chosen == edit) {
        emit editRequested(index);
    } else if (chosen == remove) {
        removeLayer(index);
    }
}

} // namespace app
