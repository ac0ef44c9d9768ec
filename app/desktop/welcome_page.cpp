#include "app/desktop/welcome_page.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace app {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto* column = new QWidget(this);
    column->setMaximumWidth(560);
    auto* layout = new QVBoxLayout(column);
    auto* title = new QLabel("PetaDesa", column);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 2.4);
    big.setBold(true);
    title->setFont(big);
    layout->addWidget(title);
    auto* subtitle = new QLabel(tr("Peta aset, potensi, BUM Desa dan rawan bencana desa — "
                                   "dalam satu berkas proyek."),
                                column);
    subtitle->setWordWrap(true);
    layout->addWidget(subtitle);
    layout->addSpacing(16);
    auto* sample = new QPushButton(tr("Buka contoh (Kecamatan Alok, Sikka)"), column);
    sample->setMinimumHeight(40);
    auto* open = new QPushButton(tr("Buka proyek…"), column);
    auto* create = new QPushButton(tr("Proyek baru…"), column);
    layout->addWidget(sample);
    layout->addWidget(open);
    layout->addWidget(create);
    layout->addSpacing(16);
    layout->addWidget(new QLabel(tr("Proyek terakhir"), column));
    m_recent = new QListWidget(column);
    m_recent->setMaximumHeight(160);
    layout->addWidget(m_recent);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 2);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);

    connect(sample, &QPushButton::clicked, this, &WelcomePage::openSampleRequested);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(create, &QPushButton::clicked, this, &WelcomePage::newRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit openPathRequested(item->data(Qt::UserRole).toString());
    });
}

void WelcomePage::setRecentProjects(const QStringList& paths)
{
    m_recent->clear();
    for (const QString& path : paths) {
        if (!QFileInfo::exists(path)) {
            continue;
        }
        auto* item = new QListWidgetItem(QFileInfo(path).fileName() + "  —  " + path, m_recent);
        item->setData(Qt::UserRole, path);
    }
}

} // namespace app
