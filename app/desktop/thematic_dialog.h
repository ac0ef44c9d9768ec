#pragma once

#include "layers/render/thematic_layer.h"

#include <QDialog>

#include <string>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace app {

/// Chooses a thematic map: a choropleth of a numeric column of `wilayah` or a `hasil_*` table
/// (method, classes, colour ramp), a kernel density surface, pie charts or proportional
/// circles of a point theme per village. Reads the project's tables when opened. GUI thread.
class ThematicDialog : public QDialog
{
    Q_OBJECT
public:
    ThematicDialog(const std::string& projectPath, QWidget* parent = nullptr);

    /// The thematic layer as chosen.
    layers::ThematicLayer layer() const;
    /// Fills the fields from an existing layer (editing).
    void setLayer(const layers::ThematicLayer& layer);

    QComboBox* kindBox() const { return m_kind; }
    QComboBox* tableBox() const { return m_table; }
    QComboBox* columnBox() const { return m_column; }
    QComboBox* methodBox() const { return m_method; }
    QSpinBox* classesBox() const { return m_classes; }
    QComboBox* pointTableBox() const { return m_pointTable; }
    QDoubleSpinBox* bandwidthBox() const { return m_bandwidth; }

private:
    void fillColumns();
    void fillWeights();
    void kindChanged();

    std::string m_projectPath;
    QComboBox* m_kind;
    QStackedWidget* m_pages;
    QComboBox* m_table;
    QComboBox* m_column;
    QComboBox* m_method;
    QSpinBox* m_classes;
    QComboBox* m_ramp;
    QComboBox* m_pointTable;
    QComboBox* m_weight;
    QDoubleSpinBox* m_bandwidth;
    QLineEdit* m_title;
    QLineEdit* m_unit;
};

} // namespace app
