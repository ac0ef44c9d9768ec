#pragma once

#include "layers/project.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace app {

/// The identity of a feature across undo and redo: re-creating a deleted feature gives it a
/// new UUID, and every command that refers to the feature follows the change.
struct FeatureIdentity
{
    std::string uuid;
};

/// The edits of one project window, undoable with a QUndoStack. Every change, undo and redo
/// included, goes through layers::Project insertFeature/updateFeature/deleteFeature: one
/// transaction each, recorded in the history table (riwayat). Edits made from a form carry the
/// updated_at the form read, so a change made meanwhile in another window is refused instead
/// of overwritten. GUI thread; the project outlives the session.
class EditSession : public QObject
{
    Q_OBJECT
public:
    EditSession(layers::Project& project, QObject* parent = nullptr);
    ~EditSession() override;

    layers::Project& project() { return m_project; }
    QUndoStack* undoStack() { return &m_stack; }
    const std::string& author() const { return m_author; }
    void setAuthor(const std::string& author) { m_author = author; }

    /// Adds a feature (geometry as WKB in EPSG:4326) and returns its UUID. Throws ProjectError.
    std::string addFeature(const std::string& theme,
                           const layers::Attributes& attributes,
                           const std::vector<unsigned char>& wkb);
    /// Changes attributes of a feature read at expectedUpdatedAt. oldValues holds the values
    /// the form showed (restored by undo). Throws EditConflict when the stored feature changed
    /// since it was read, ProjectError for other failures; nothing is written then.
    void updateAttributes(const std::string& theme,
                          const std::string& uuid,
                          const layers::Attributes& changes,
                          const layers::Attributes& oldValues,
                          const std::string& expectedUpdatedAt);
    /// Replaces a feature's geometry (WKB in EPSG:4326).
    void updateGeometry(const std::string& theme,
                        const std::string& uuid,
                        const std::vector<unsigned char>& wkb);
    /// Deletes features (one undo step).
    void deleteFeatures(const std::string& theme, const std::vector<std::string>& uuids);

    /// The identity object of a UUID (created on first use).
    std::shared_ptr<FeatureIdentity> identity(const std::string& uuid);
    /// Gives an identity the UUID a re-created feature got.
    void rebind(const std::shared_ptr<FeatureIdentity>& identity, const std::string& uuid);
    /// The UUID a feature has now (after undo re-created it), or uuid itself.
    std::string currentUuid(const std::string& uuid) const;
    /// updated_at of a feature now, or "" when it does not exist.
    std::string updatedAt(const std::string& theme, const std::string& uuid);

    /// Called by the commands: a change happened / an undo or redo failed.
    void notifyChanged(const std::string& theme, const std::string& uuid);
    void notifyFailure(const QString& message);

signals:
    /// A feature of theme was added, changed or deleted (by an edit, undo or redo).
    void featuresChanged(const QString& theme, const QString& uuid);
    /// An undo or redo could not be applied (the command is dropped from the stack).
    void editFailed(const QString& message);

private:
    layers::Project& m_project;
    QUndoStack m_stack;
    std::string m_author;
    std::map<std::string, std::weak_ptr<FeatureIdentity>> m_identities;
};

} // namespace app
