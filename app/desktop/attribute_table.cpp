#include "app/desktop/attribute_table.h"

#include "geo/spatial_database.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace app {

namespace {
/// The user's text as a LIKE pattern that matches it anywhere, with % and _ taken literally.
std::string containsPattern(const QString& text)
{
    std::string escaped;
    for (char c : text.toStdString()) {
        if (c == '%' || c == '_' || c == '\\') {
            escaped += '\\';
        }
        escaped += c;
    }
    return "%" + escaped + "%";
}
} // namespace

AttributeTableModel::AttributeTableModel(QObject* parent) : QAbstractTableModel(parent)
{}

void AttributeTableModel::setProject(layers::Project* project)
{
    beginResetModel();
    m_project = project;
    m_theme.clear();
    m_schema = nullptr;
    m_columns.clear();
    m_fids.clear();
    m_rowOfFid.clear();
    m_pages.clear();
    m_pageUse.clear();
    endResetModel();
}

void AttributeTableModel::setTheme(const std::string& theme)
{
    beginResetModel();
    m_theme = theme;
    m_schema = layers::findTheme(theme);
    m_columns.clear();
    if (m_schema) {
        for (const auto& column : m_schema->columns) {
            m_columns.push_back(column.name);
        }
        m_columns.push_back("updated_at");
        m_columns.push_back("author");
    }
    m_filterColumn.clear();
    m_filterText.clear();
    m_sortColumn = -1;
    m_pagesRead = 0;
    loadFids();
    endResetModel();
}

void AttributeTableModel::setFilter(const std::string& column, const QString& text)
{
    beginResetModel();
    m_filterColumn = column;
    m_filterText = text.trimmed();
    loadFids();
    endResetModel();
}

void AttributeTableModel::reload()
{
    beginResetModel();
    loadFids();
    endResetModel();
}

void AttributeTableModel::sort(int column, Qt::SortOrder order)
{
    beginResetModel();
    m_sortColumn = column;
    m_sortOrder = order;
    loadFids();
    endResetModel();
}

std::string AttributeTableModel::whereClause() const
{
    if (m_filterText.isEmpty()) {
        return {};
    }
    std::vector<std::string> columns;
    if (!m_filterColumn.empty()) {
        columns.push_back(m_filterColumn);
    } else if (m_schema) {
        for (const auto& column : m_schema->columns) {
            columns.push_back(column.name);
        }
    }
    std::string where;
    for (const auto& column : columns) {
        where += where.empty() ? " WHERE (" : " OR ";
        where += geo::quoteIdentifier(column) + " LIKE ?1 ESCAPE '\\'";
    }
    return where.empty() ? where : where + ")";
}

void AttributeTableModel::loadFids()
{
    m_fids.clear();
    m_rowOfFid.clear();
    m_pages.clear();
    m_pageUse.clear();
    m_error.clear();
    if (!m_project || !m_schema) {
        return;
    }
    std::string sql = "SELECT fid FROM " + geo::quoteIdentifier(m_theme) + whereClause();
    if (m_sortColumn >= 0 && m_sortColumn < int(m_columns.size())) {
        const std::string column = geo::quoteIdentifier(m_columns[std::size_t(m_sortColumn)]);
        sql += " ORDER BY " + column + " IS NULL, " + column +
               (m_sortOrder == Qt::AscendingOrder ? " ASC" : " DESC") + ", fid";
    } else {
        sql += " ORDER BY fid";
    }
    try {
        auto statement = m_project->database().prepare(sql);
        if (!m_filterText.isEmpty()) {
            statement.bind(1, containsPattern(m_filterText));
        }
        while (statement.step()) {
            m_fids.push_back(statement.integer(0));
        }
    } catch (const std::exception& error) {
        m_fids.clear();
        m_error = QString::fromStdString(error.what());
    }
}

int AttributeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_fids.size());
}

int AttributeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

std::int64_t AttributeTableModel::fidAt(int row) const
{
    return row >= 0 && row < int(m_fids.size()) ? m_fids[std::size_t(row)] : -1;
}

int AttributeTableModel::rowOf(std::int64_t fid) const
{
    if (m_rowOfFid.empty() && !m_fids.empty()) {
        m_rowOfFid.reserve(m_fids.size());
        for (std::size_t i = 0; i < m_fids.size(); ++i) {
            m_rowOfFid.emplace(m_fids[i], int(i));
        }
    }
    const auto found = m_rowOfFid.find(fid);
    return found == m_rowOfFid.end() ? -1 : found->second;
}

std::string AttributeTableModel::columnName(int column) const
{
    return column >= 0 && column < int(m_columns.size()) ? m_columns[std::size_t(column)]
                                                         : std::string();
}

const std::vector<geo::Value>* AttributeTableModel::rowValues(int row) const
{
    if (!m_project || row < 0 || row >= int(m_fids.size())) {
        return nullptr;
    }
    const int pageIndex = row / pageSize;
    auto page = m_pages.find(pageIndex);
    if (page == m_pages.end()) {
        const int first = pageIndex * pageSize;
        const int last = std::min(int(m_fids.size()), first + pageSize);
        std::string sql = "SELECT fid";
        for (const auto& column : m_columns) {
            sql += ", " + geo::quoteIdentifier(column);
        }
        sql += " FROM " + geo::quoteIdentifier(m_theme) + " WHERE fid IN (";
        for (int i = first; i < last; ++i) {
            sql += i == first ? "?" : ",?";
        }
        sql += ")";
        Page loaded;
        try {
            auto statement = m_project->database().prepare(sql);
            for (int i = first; i < last; ++i) {
                statement.bind(i - first + 1, m_fids[std::size_t(i)]);
            }
            while (statement.step()) {
                std::vector<geo::Value> values;
                values.reserve(m_columns.size());
                for (std::size_t c = 0; c < m_columns.size(); ++c) {
                    values.push_back(statement.value(int(c) + 1));
                }
                loaded.rows.emplace(statement.integer(0), std::move(values));
            }
        } catch (const std::exception&) {
            // A failed read shows empty cells; the next scroll tries again.
            return nullptr;
        }
        ++m_pagesRead;
        page = m_pages.emplace(pageIndex, std::move(loaded)).first;
        m_pageUse.push_front(pageIndex);
        while (m_pageUse.size() > cachedPages) {
            m_pages.erase(m_pageUse.back());
            m_pageUse.pop_back();
        }
    } else if (m_pageUse.front() != pageIndex) {
        m_pageUse.remove(pageIndex);
        m_pageUse.push_front(pageIndex);
    }
    const auto found = page->second.rows.find(m_fids[std::size_t(row)]);
    return found == page->second.rows.end() ? nullptr : &found->second;
}

QVariant AttributeTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::TextAlignmentRole &&
                             role != Qt::ToolTipRole && role != Qt::EditRole)) {
        return {};
    }
    const std::size_t column = std::size_t(index.column());
    const layers::Column* schemaColumn =
        m_schema && column < m_schema->columns.size() ? &m_schema->columns[column] : nullptr;
    if (role == Qt::TextAlignmentRole) {
        if (schemaColumn && (schemaColumn->type == layers::ColumnType::Integer ||
                             schemaColumn->type == layers::ColumnType::Real)) {
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    const auto* values = rowValues(index.row());
    if (!values || column >= values->size()) {
        return {};
    }
    const geo::Value& value = (*values)[column];
    if (geo::isNull(value)) {
        return {};
    }
    if (role == Qt::EditRole) {
        return QString::fromStdString(geo::toText(value));
    }
    const QLocale locale;
    if (schemaColumn) {
        if (schemaColumn->type == layers::ColumnType::Boolean) {
            const auto* number = std::get_if<std::int64_t>(&value);
            return number && *number ? tr("ya") : tr("tidak");
        }
        if (const auto* integer = std::get_if<std::int64_t>(&value);
            integer && schemaColumn->type == layers::ColumnType::Integer &&
            schemaColumn->name.rfind("tahun", 0) != 0) {
            return locale.toString(static_cast<qlonglong>(*integer));
        }
        if (const auto* real = std::get_if<double>(&value)) {
            return locale.toString(*real, 'f', *real == std::floor(*real) ? 0 : 2);
        }
        if (!schemaColumn->vocabulary.empty() && schemaColumn->vocabulary != "kode_aset" &&
            m_project) {
            const std::string code = geo::toText(value);
            if (const auto* entry =
                    m_project->vocabularies().entry(schemaColumn->vocabulary, code)) {
                const bool english = layers::language() == layers::Language::English;
                return QString::fromStdString(english && !entry->namaEn.empty() ? entry->namaEn
                                                                                : entry->nama);
            }
        }
    }
    if (m_columns[column] == "updated_at") {
        // 2026-11-23T10:15:00.123Z -> 2026-11-23 10:15
        return QString::fromStdString(geo::toText(value)).left(16).replace('T', ' ');
    }
    return QString::fromStdString(geo::toText(value));
}

QVariant AttributeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) {
        return {};
    }
    const std::size_t column = std::size_t(section);
    if (m_schema && column < m_schema->columns.size()) {
        return QString::fromStdString(m_schema->columns[column].label());
    }
    const std::string name = columnName(section);
    if (name == "updated_at") {
        return tr("Diubah");
    }
    if (name == "author") {
        return tr("Oleh");
    }
    return {};
}

AttributeTable::AttributeTable(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    m_themes = new QComboBox(this);
    for (const auto& theme : layers::themes()) {
        m_themes->addItem(QString::fromStdString(theme.label()),
                          QString::fromStdString(theme.name));
    }
    bar->addWidget(m_themes);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Cari"), this));
    m_column = new QComboBox(this);
    bar->addWidget(m_column);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("teks yang dicari…"));
    m_search->setClearButtonEnabled(true);
    bar->addWidget(m_search, 1);
    auto* zoom = new QToolButton(this);
    zoom->setText(tr("Perbesar ke pilihan"));
    bar->addWidget(zoom);
    m_count = new QLabel(this);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_model = new AttributeTableModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->horizontalHeader()->setDefaultSectionSize(130);
    layout->addWidget(m_view, 1);

    auto* searchTimer = new QTimer(this);
    searchTimer->setSingleShot(true);
    searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, searchTimer, qOverload<>(&QTimer::start));
    connect(searchTimer, &QTimer::timeout, this, [this] {
        setFilter(m_column->currentData().toString().toStdString(), m_search->text());
    });
    connect(m_column, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_search->text().isEmpty()) {
            setFilter(m_column->currentData().toString().toStdString(), m_search->text());
        }
    });
    connect(m_themes, &QComboBox::currentIndexChanged, this, [this] {
        const std::string theme = m_themes->currentData().toString().toStdString();
        if (theme != this->theme()) {
            setTheme(theme);
        }
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        emit featureActivated(QString::fromStdString(m_model->theme()),
                              m_model->fidAt(index.row()));
    });
    connect(zoom, &QToolButton::clicked, this, &AttributeTable::zoomToSelectionRequested);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_echo) {
            emit selectionChanged(QString::fromStdString(m_model->theme()), selectedFids());
        }
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &AttributeTable::updateCount);
}

void AttributeTable::setProject(layers::Project* project)
{
    m_pendingTheme.reset();
    m_model->setProject(project);
    const std::string theme = m_themes->currentData().toString().toStdString();
    if (project) {
        setTheme(theme.empty() ? std::string("aset_desa") : theme);
    }
}

void AttributeTable::setTheme(const std::string& theme)
{
    const int index = m_themes->findData(QString::fromStdString(theme));
    if (index >= 0 && m_themes->currentIndex() != index) {
        m_themes->setCurrentIndex(index); // comes back through currentIndexChanged
        return;
    }
    if (!isVisible()) {
        // Read when the table is shown: a hidden table costs nothing on a large project.
        m_pendingTheme = theme;
        return;
    }
    m_pendingTheme.reset();
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    m_model->setTheme(theme);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    fillColumns();
    updateCount();
    emit themeLoaded(QString::fromStdString(theme));
}

std::string AttributeTable::theme() const
{
    return m_pendingTheme ? *m_pendingTheme : m_model->theme();
}

void AttributeTable::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_pendingTheme) {
        const std::string pending = *m_pendingTheme;
        setTheme(pending);
    }
}

void AttributeTable::fillColumns()
{
    m_column->blockSignals(true);
    m_column->clear();
    m_column->addItem(tr("semua kolom"), QString());
    if (const layers::Theme* schema = layers::findTheme(m_model->theme())) {
        for (const auto& column : schema->columns) {
            m_column->addItem(QString::fromStdString(column.label()),
                              QString::fromStdString(column.name));
        }
    }
    m_column->blockSignals(false);
}

void AttributeTable::setFilter(const std::string& column, const QString& text)
{
    if (m_pendingTheme) {
        const std::string pending = *m_pendingTheme;
        m_pendingTheme.reset();
        m_model->setTheme(pending);
        fillColumns();
    }
    const int index = m_column->findData(QString::fromStdString(column));
    m_column->blockSignals(true);
    m_column->setCurrentIndex(std::max(index, 0));
    m_column->blockSignals(false);
    if (m_search->text() != text) {
        m_search->blockSignals(true);
        m_search->setText(text);
        m_search->blockSignals(false);
    }
    m_model->setFilter(column, text);
}

void AttributeTable::reload()
{
    const auto selected = selectedFids();
    m_model->reload();
    selectFids(selected);
}

void AttributeTable::updateCount()
{
    const QLocale locale;
    if (!m_model->lastError().isEmpty()) {
        m_count->setText(m_model->lastError());
        return;
    }
    m_count->setText(tr("%1 baris").arg(locale.toString(m_model->rowCount())));
}

std::vector<std::int64_t> AttributeTable::selectedFids() const
{
    std::vector<std::int64_t> fids;
    for (const QItemSelectionRange& range : m_view->selectionModel()->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row) {
            fids.push_back(m_model->fidAt(row));
        }
    }
    std::sort(fids.begin(), fids.end());
    fids.erase(std::unique(fids.begin(), fids.end()), fids.end());
    return fids;
}

void AttributeTable::selectFids(const std::vector<std::int64_t>& fids)
{
    std::vector<int> rows;
    for (const auto fid : fids) {
        const int row = m_model->rowOf(fid);
        if (row >= 0) {
            rows.push_back(row);
        }
    }
    std::sort(rows.begin(), rows.end());
    QItemSelection selection;
    const int lastColumn = std::max(0, m_model->columnCount() - 1);
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) {
            ++j;
        }
        selection.select(m_model->index(rows[i], 0), m_model->index(rows[j], lastColumn));
        i = j + 1;
    }
    m_echo = false;
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    m_echo = true;
    if (!rows.empty()) {
        m_view->scrollTo(m_model->index(rows.front(), 0));
    }
}

} // namespace app
