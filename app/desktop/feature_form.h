#pragma once

#include "layers/project.h"

#include <QDialog>

#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace layers {
struct Column;
struct Theme;
} // namespace layers

namespace app {

class EditSession;
class VocabularyCombo;
class VocabularyModels;

/// A feature's form, generated from its theme's columns: text, number, date and checkbox
/// editors, vocabulary fields as searchable drop-downs (asset codes also through a tree
/// picker), required fields marked, each problem shown under its field, photos attached by
/// path. Saving goes through the EditSession (undo, history) and carries the updated_at the
/// form read, so an edit made meanwhile in another window is never overwritten: changes to
/// other fields are merged, changes to the same field are reported as a conflict.
/// GUI thread; the session and the models outlive the form.
class FeatureForm : public QDialog
{
    Q_OBJECT
public:
    /// The form of an existing feature.
    FeatureForm(EditSession& session,
                VocabularyModels& vocabularies,
                const std::string& theme,
                const std::string& uuid,
                QWidget* parent = nullptr);
    /// The form of a new feature with this geometry (WKB, EPSG:4326).
    FeatureForm(EditSession& session,
                VocabularyModels& vocabularies,
                const std::string& theme,
                std::vector<unsigned char> wkb,
                QWidget* parent = nullptr);

    const std::string& theme() const { return m_theme; }
    const std::string& uuid() const { return m_uuid; }
    bool isNew() const { return m_uuid.empty(); }

    /// The editor of a column (QLineEdit, VocabularyCombo, QDateEdit or QCheckBox).
    QWidget* editor(const std::string& column) const;
    /// The editor's content as text ("1"/"0" for checkboxes, the code for vocabularies).
    QString text(const std::string& column) const;
    /// Puts text into a column's editor as a user would type it.
    void setText(const std::string& column, const QString& text);
    /// The problem shown under a column's editor ("" when none).
    QString problem(const std::string& column) const;
    /// The line under the title: saved, merged, no changes.
    QString statusText() const;

    /// Checks every field and saves; returns true when the feature was saved (the form then
    /// closes). Problems are shown under their fields, errors in a message.
    bool save();
    /// Reads the feature again from the project (discarding unsaved changes).
    void reload();

signals:
    void saved(const QString& theme, const QString& uuid);

private:
    struct Field
    {
        const layers::Column* column = nullptr;
        QLineEdit* line = nullptr;
        VocabularyCombo* combo = nullptr;
        QDateEdit* date = nullptr;
        QCheckBox* check = nullptr;
        QLabel* problem = nullptr;
    };

    void build();
    QWidget* makeEditor(Field& field);
    void showValue(Field& field, const geo::Value& value);
    /// The editor's value; nullopt with problem set when it cannot be read.
    std::optional<geo::Value> readValue(const Field& field, QString& problem) const;
    const Field* field(const std::string& column) const;
    void showHeader();
    void deleteFeature();
    void chooseCode(Field& field);
    void choosePhoto(Field& field);

    EditSession& m_session;
    VocabularyModels& m_vocabularies;
    const layers::Theme* m_themeSchema = nullptr;
    std::string m_theme;
    std::string m_uuid;
    std::vector<unsigned char> m_newWkb;
    layers::Attributes m_original;
    std::string m_updatedAt;
    std::vector<Field> m_fields;
    QLabel* m_header = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_deleteButton = nullptr;
};

} // namespace app
