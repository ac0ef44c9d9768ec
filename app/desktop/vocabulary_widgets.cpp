#include "app/desktop/vocabulary_widgets.h"

#include "app/desktop/language.h"

#include <QCompleter>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace app {

namespace {
bool isCodeList(const std::string& domain)
{
    return domain == "kode_aset";
}

QString entryName(const layers::VocabularyEntry& entry)
{
    if (currentLanguage() == layers::Language::English && !entry.namaEn.empty()) {
        return QString::fromStdString(entry.namaEn);
    }
    return QString::fromStdString(entry.nama);
}

QString entryText(const std::string& domain, const layers::VocabularyEntry& entry)
{
    if (isCodeList(domain)) {
        return QString::fromStdString(entry.kode) + QStringLiteral(" — ") + entryName(entry);
    }
    return entryName(entry);
}
} // namespace

VocabularyModels::VocabularyModels(const layers::Vocabularies& vocabularies, QObject* parent)
    : QObject(parent), m_vocabularies(vocabularies)
{}

QStandardItemModel* VocabularyModels::listModel(const std::string& domain)
{
    auto& model = m_lists[domain];
    if (model) {
        return model;
    }
    model = new QStandardItemModel(this);
    const auto& entries = m_vocabularies.hasDomain(domain) ? m_vocabularies.entries(domain)
                                                           : std::vector<layers::VocabularyEntry>{};
    auto* empty = new QStandardItem(QString());
    empty->setData(QString(), CodeRole);
    model->appendRow(empty);
    for (const auto& entry : entries) {
        auto* item = new QStandardItem(entryText(domain, entry));
        item->setData(QString::fromStdString(entry.kode), CodeRole);
        item->setToolTip(QString::fromStdString(entry.kode));
        model->appendRow(item);
    }
    return model;
}

QStandardItemModel* VocabularyModels::treeModel(const std::string& domain)
{
    auto& model = m_trees[domain];
    if (model) {
        return model;
    }
    model = new QStandardItemModel(this);
    model->setHorizontalHeaderLabels(
        {QCoreApplication::translate("app::VocabularyModels", "Kode"),
         QCoreApplication::translate("app::VocabularyModels", "Nama")});
    if (!m_vocabularies.hasDomain(domain)) {
        return model;
    }
    const auto& entries = m_vocabularies.entries(domain);
    std::map<std::string, QStandardItem*> byCode;
    for (const auto& entry : entries) {
        if (byCode.count(entry.kode)) {
            continue; // a repeated code: the first row wins
        }
        auto* code = new QStandardItem(QString::fromStdString(entry.kode));
        code->setData(QString::fromStdString(entry.kode), CodeRole);
        code->setEditable(false);
        auto* name = new QStandardItem(entryName(entry));
        name->setData(QString::fromStdString(entry.kode), CodeRole);
        name->setEditable(false);
        // Parents come before their children in the list (codes sort by hierarchy).
        const auto parent = entry.induk.empty() ? byCode.end() : byCode.find(entry.induk);
        if (parent != byCode.end()) {
            parent->second->appendRow({code, name});
        } else {
            model->appendRow({code, name});
        }
        byCode[entry.kode] = code;
    }
    return model;
}

QString VocabularyModels::displayText(const std::string& domain, const std::string& code) const
{
    if (code.empty()) {
        return QString();
    }
    if (const auto* entry = m_vocabularies.entry(domain, code)) {
        return entryText(domain, *entry);
    }
    return QString::fromStdString(code);
}

VocabularyCombo::VocabularyCombo(VocabularyModels& models, std::string domain, QWidget* parent)
    : QComboBox(parent), m_models(models), m_domain(std::move(domain))
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setModel(models.listModel(m_domain));
    setMaxVisibleItems(20);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    auto* completer = new QCompleter(model(), this);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(15);
    setCompleter(completer);
    lineEdit()->setPlaceholderText(tr("ketik untuk mencari…"));
}

void VocabularyCombo::setCode(const std::string& code)
{
    const int row =
        code.empty() ? 0 : findData(QString::fromStdString(code), VocabularyModels::CodeRole);
    if (row >= 0) {
        setCurrentIndex(row);
        setEditText(itemText(row));
    } else {
        setCurrentIndex(-1);
        setEditText(QString::fromStdString(code));
    }
    lineEdit()->setCursorPosition(0);
}

std::optional<std::string> VocabularyCombo::code() const
{
    const QString text = currentText().trimmed();
    if (text.isEmpty()) {
        return std::string();
    }
    const int row = findText(text, Qt::MatchFixedString);
    if (row >= 0) {
        return itemData(row, VocabularyModels::CodeRole).toString().toStdString();
    }
    const auto& vocabularies = m_models.vocabularies();
    if (!vocabularies.hasDomain(m_domain)) {
        return text.toStdString();
    }
    // "2.01.01.01.000 — TANAH BENGKOK" typed or pasted: the code part.
    const QString head = text.section(QStringLiteral(" — "), 0, 0).trimmed();
    if (auto match = vocabularies.match(m_domain, head.toStdString())) {
        return match;
    }
    return vocabularies.match(m_domain, text.toStdString());
}

CodePickerDialog::CodePickerDialog(VocabularyModels& models,
                                   const std::string& domain,
                                   const std::string& currentCode,
                                   QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Pilih kode aset"));
    resize(640, 560);
    auto* layout = new QVBoxLayout(this);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Cari nama atau kode, mis. \"kantor\" atau \"3.01\""));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(models.treeModel(domain));
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);
    m_count = new QLabel(this);
    layout->addWidget(m_count);
    auto* buttons = new QDialogButtonBox(this);
    auto* choose = buttons->addButton(tr("Pilih"), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Batal"), QDialogButtonBox::RejectRole);
    choose->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeView::doubleClicked, this, &QDialog::accept);
    connect(m_search, &QLineEdit::textChanged, this, &CodePickerDialog::setSearchText);
    m_count->setText(tr("%n kode", nullptr, m_proxy->sourceModel()->rowCount()));
    if (!currentCode.empty()) {
        selectCode(currentCode);
    }
    m_search->setFocus();
}

void CodePickerDialog::setSearchText(const QString& text)
{
    if (m_search->text() != text) {
        m_search->setText(text); // comes back here through textChanged
        return;
    }
    m_proxy->setFilterFixedString(text.trimmed());
    if (text.trimmed().isEmpty()) {
        m_tree->collapseAll();
        m_count->clear();
        return;
    }
    m_tree->expandAll();
    int matches = 0;
    std::function<void(const QModelIndex&)> count = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
            const QModelIndex index = m_proxy->index(row, 0, parent);
            const QString code = m_proxy->data(index).toString();
            const QString name = m_proxy->data(m_proxy->index(row, 1, parent)).toString();
            if (code.contains(text.trimmed(), Qt::CaseInsensitive) ||
                name.contains(text.trimmed(), Qt::CaseInsensitive)) {
                ++matches;
            }
            count(index);
        }
    };
    count(QModelIndex());
    m_count->setText(tr("%n kode cocok", nullptr, matches));
}

int CodePickerDialog::visibleTopLevelCount() const
{
    return m_proxy->rowCount();
}

std::string CodePickerDialog::selectFirstMatch()
{
    const QString text = m_search->text().trimmed();
    std::function<QModelIndex(const QModelIndex&)> find = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
            const QModelIndex index = m_proxy->index(row, 0, parent);
            const QString code = m_proxy->data(index).toString();
            const QString name = m_proxy->data(m_proxy->index(row, 1, parent)).toString();
            if (text.isEmpty() || code.contains(text, Qt::CaseInsensitive) ||
                name.contains(text, Qt::CaseInsensitive)) {
                return index;
            }
            const QModelIndex child = find(index);
            if (child.isValid()) {
                return child;
            }
        }
        return QModelIndex();
    };
    const QModelIndex found = find(QModelIndex());
    if (!found.isValid()) {
        return {};
    }
    m_tree->setCurrentIndex(found);
    m_tree->scrollTo(found);
    return selectedCode();
}

std::string CodePickerDialog::selectedCode() const
{
    const QModelIndex index = m_tree->currentIndex();
    if (!index.isValid()) {
        return {};
    }
    return m_proxy->data(index, VocabularyModels::CodeRole).toString().toStdString();
}

void CodePickerDialog::selectCode(const std::string& code)
{
    auto* source = qobject_cast<QStandardItemModel*>(m_proxy->sourceModel());
    if (!source) {
        return;
    }
    const auto found = source->match(source->index(0, 0),
                                     VocabularyModels::CodeRole,
                                     QString::fromStdString(code),
                                     1,
                                     Qt::MatchExactly | Qt::MatchRecursive);
    if (!found.isEmpty()) {
        const QModelIndex index = m_proxy->mapFromSource(found.first());
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
    }
}

} // namespace app
