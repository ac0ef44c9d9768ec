#pragma once

#include "layers/vocabulary.h"

#include <QComboBox>
#include <QDialog>

#include <map>
#include <memory>
#include <optional>
#include <string>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;
class QLabel;

namespace app {

/// Item models of a project's vocabularies, built once per project on first use and shared
/// by every form, so a form with many vocabulary fields opens at once (the slow Value
/// Relation forms of DOMAIN.md §2.9 rebuild their lists each time). GUI thread.
class VocabularyModels : public QObject
{
    Q_OBJECT
public:
    /// Roles of the list and tree items.
    enum Role { CodeRole = Qt::UserRole + 1 };

    VocabularyModels(const layers::Vocabularies& vocabularies, QObject* parent = nullptr);

    const layers::Vocabularies& vocabularies() const { return m_vocabularies; }
    /// One row per entry ("name" or "code — name" for asset codes), the code in CodeRole; the
    /// first row is empty (no value).
    QStandardItemModel* listModel(const std::string& domain);
    /// The entries as a tree by their parent code (induk): the asset code hierarchy.
    /// Columns: code, name.
    QStandardItemModel* treeModel(const std::string& domain);
    /// The text a list shows for a code ("" for an empty code).
    QString displayText(const std::string& domain, const std::string& code) const;

private:
    const layers::Vocabularies& m_vocabularies;
    std::map<std::string, QStandardItemModel*> m_lists;
    std::map<std::string, QStandardItemModel*> m_trees;
};

/// An editable, searchable drop-down of one vocabulary: typing filters the entries by any
/// part of their name or code (a QCompleter in MatchContains mode).
class VocabularyCombo : public QComboBox
{
    Q_OBJECT
public:
    VocabularyCombo(VocabularyModels& models, std::string domain, QWidget* parent = nullptr);

    const std::string& domain() const { return m_domain; }
    /// Shows a code; an unknown value is shown as it is.
    void setCode(const std::string& code);
    /// The code of the chosen or typed entry: an exact list text, else the vocabulary's match
    /// of the typed text (code, name, English name or synonym). "" when empty; nullopt when
    /// the text is not in the vocabulary.
    std::optional<std::string> code() const;

private:
    VocabularyModels& m_models;
    std::string m_domain;
};

/// Browses a large vocabulary (the 4,250 asset codes) as a tree by its code hierarchy and
/// searches it by name or code. Opens at once: the tree model is shared (VocabularyModels).
class CodePickerDialog : public QDialog
{
    Q_OBJECT
public:
    CodePickerDialog(VocabularyModels& models,
                     const std::string& domain,
                     const std::string& currentCode,
                     QWidget* parent = nullptr);

    /// The search text; the tree shows the matching entries with their parents.
    void setSearchText(const QString& text);
    QLineEdit* searchField() const { return m_search; }
    QTreeView* tree() const { return m_tree; }
    /// Rows visible at the top level after the search.
    int visibleTopLevelCount() const;
    /// Selects the first entry matching the search (depth first); returns its code.
    std::string selectFirstMatch();
    /// The selected code ("" when none).
    std::string selectedCode() const;

private:
    void selectCode(const std::string& code);
    QLineEdit* m_search;
    QTreeView* m_tree;
    QLabel* m_count;
    QSortFilterProxyModel* m_proxy;
};

} // namespace app
