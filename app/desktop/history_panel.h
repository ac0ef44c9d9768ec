#pragma once

#include <QWidget>

#include <string>

class QLabel;
class QTableWidget;

namespace layers {
class Project;
}

namespace app {

/// The edit history (riwayat) of one feature: when, who, what, old and new values. GUI thread.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget* parent = nullptr);

    void setProject(layers::Project* project);
    /// Shows a feature's history ("" clears).
    void showFeature(const std::string& theme, const std::string& uuid);
    /// Reads the shown feature's history again.
    void refresh();
    const std::string& featureUuid() const { return m_uuid; }
    QTableWidget* table() const { return m_table; }

private:
    layers::Project* m_project = nullptr;
    std::string m_theme;
    std::string m_uuid;
    QLabel* m_title;
    QTableWidget* m_table;
};

} // namespace app
