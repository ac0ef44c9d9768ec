#pragma once

#include "geo/value.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace layers {
class Project;
struct Theme;
} // namespace layers

namespace app {

/// The rows of one theme, for a QTableView over hundreds of thousands of features. Filtering
/// and sorting run in SQL with bound values and give the ordered list of fids (8 bytes a row);
/// the attribute values are read lazily, a page of rows at a time keyed by fid, and only
/// the most recently used pages are kept. Works on the project's (GUI) thread.
class AttributeTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int pageSize = 256;
    static constexpr std::size_t cachedPages = 64;

    explicit AttributeTableModel(QObject* parent = nullptr);

    void setProject(layers::Project* project);
    void setTheme(const std::string& theme);
    const std::string& theme() const { return m_theme; }
    /// Shows rows whose column contains text (any text column when column is ""); an empty
    /// text shows every row. Case-insensitive.
    void setFilter(const std::string& column, const QString& text);
    /// Reads the fids again (after edits); keeps the filter and the sort.
    void reload();

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    std::int64_t fidAt(int row) const;
    /// The row showing a fid, or -1.
    int rowOf(std::int64_t fid) const;
    /// The column name (theme column, updated_at or author) of a model column.
    std::string columnName(int column) const;
    /// Pages read from the database since the theme was set (tests check laziness).
    int pagesRead() const { return m_pagesRead; }
    /// The last error (bad database), or "".
    const QString& lastError() const { return m_error; }

private:
    struct Page
    {
        std::unordered_map<std::int64_t, std::vector<geo::Value>> rows;
    };
    void loadFids();
    const std::vector<geo::Value>* rowValues(int row) const;
    std::string whereClause() const;

    layers::Project* m_project = nullptr;
    std::string m_theme;
    const layers::Theme* m_schema = nullptr;
    std::vector<std::string> m_columns;
    std::vector<std::int64_t> m_fids;
    mutable std::unordered_map<std::int64_t, int> m_rowOfFid;
    std::string m_filterColumn;
    QString m_filterText;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    mutable std::unordered_map<int, Page> m_pages;
    mutable std::list<int> m_pageUse; ///< most recent first
    mutable int m_pagesRead = 0;
    QString m_error;
};

/// The attribute table panel: theme chooser, search box with a column chooser, the table
/// (sorted by clicking a header) and a count. Selecting rows selects the features on the map.
class AttributeTable : public QWidget
{
    Q_OBJECT
public:
    explicit AttributeTable(QWidget* parent = nullptr);

    void setProject(layers::Project* project);
    void setTheme(const std::string& theme);
    std::string theme() const;
    void setFilter(const std::string& column, const QString& text);
    AttributeTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    /// Selects the rows of these fids (from a selection made on the map) without echoing it.
    void selectFids(const std::vector<std::int64_t>& fids);
    std::vector<std::int64_t> selectedFids() const;
    void reload();

signals:
    /// The user selected rows.
    void selectionChanged(const QString& theme, const std::vector<std::int64_t>& fids);
    /// The rows of a theme were read (the table reads them only while it is shown).
    void themeLoaded(const QString& theme);
    /// A row was double-clicked: open its form.
    void featureActivated(const QString& theme, std::int64_t fid);
    void zoomToSelectionRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateCount();
    void fillColumns();

    AttributeTableModel* m_model;
    QComboBox* m_themes;
    QComboBox* m_column;
    QLineEdit* m_search;
    QTableView* m_view;
    QLabel* m_count;
    bool m_echo = true;
    std::optional<std::string> m_pendingTheme;
};

} // namespace app
