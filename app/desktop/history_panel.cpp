#include "app/desktop/history_panel.h"

#include "layers/project.h"
#include "layers/theme.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace app {

HistoryPanel::HistoryPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(tr("Pilih fitur (Identifikasi) untuk melihat riwayatnya."), this);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_table = new QTableWidget(0, 5, this);
    m_table->setHorizontalHeaderLabels(
        {tr("Waktu"), tr("Pengguna"), tr("Aksi"), tr("Nilai lama"), tr("Nilai baru")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 1);
}

void HistoryPanel::setProject(layers::Project* project)
{
    m_project = project;
    showFeature({}, {});
}

void HistoryPanel::showFeature(const std::string& theme, const std::string& uuid)
{
    m_theme = theme;
    m_uuid = uuid;
    refresh();
}

void HistoryPanel::refresh()
{
    m_table->setRowCount(0);
    if (!m_project || m_uuid.empty()) {
        m_title->setText(tr("Pilih fitur (Identifikasi) untuk melihat riwayatnya."));
        return;
    }
    const layers::Theme* schema = layers::findTheme(m_theme);
    m_title->setText(tr("Riwayat %1 %2")
                         .arg(QString::fromStdString(schema ? schema->label() : m_theme),
                              QString::fromStdString(m_uuid.substr(0, 8))));
    std::vector<layers::HistoryEntry> entries;
    try {
        entries = m_project->history(m_uuid);
    } catch (const std::exception& error) {
        m_title->setText(QString::fromStdString(error.what()));
        return;
    }
    m_table->setRowCount(int(entries.size()));
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& entry = entries[i];
        QString action = QString::fromStdString(entry.action);
        if (entry.action == "tambah") {
            action = tr("tambah");
        } else if (entry.action == "ubah") {
            action = tr("ubah");
        } else if (entry.action == "hapus") {
            action = tr("hapus");
        }
        const QStringList cells = {QString::fromStdString(entry.time).left(19).replace('T', ' '),
                                   QString::fromStdString(entry.author),
                                   action,
                                   QString::fromStdString(entry.oldValues),
                                   QString::fromStdString(entry.newValues)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(cells[c]);
            m_table->setItem(int(i), c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->scrollToBottom();
}

} // namespace app
