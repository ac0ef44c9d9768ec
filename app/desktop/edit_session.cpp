#include "app/desktop/edit_session.h"

#include "layers/theme.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace app {

namespace {

QString themeLabel(const std::string& theme)
{
    const layers::Theme* t = layers::findTheme(theme);
    return QString::fromStdString(t ? t->label() : theme);
}

/// A command whose first redo() is skipped: the session applies it before pushing, so a
/// failure (a conflict) reaches the caller instead of the stack. A failing undo or redo later
/// reports through the session and drops the command.
class FeatureCommand : public QUndoCommand
{
public:
    FeatureCommand(EditSession& session, std::string theme)
        : m_session(session), m_theme(std::move(theme))
    {}

    void undo() final
    {
        try {
            undoEdit();
        } catch (const std::exception& error) {
            setObsolete(true);
            m_session.notifyFailure(QCoreApplication::translate(
                                        "app::EditSession", "Tidak dapat membatalkan \"%1\": %2")
                                        .arg(text(), QString::fromStdString(error.what())));
        }
    }
    void redo() final
    {
        if (m_firstRedo) {
            m_firstRedo = false;
            return;
        }
        try {
            redoEdit();
        } catch (const std::exception& error) {
            setObsolete(true);
            m_session.notifyFailure(
                QCoreApplication::translate("app::EditSession", "Tidak dapat mengulangi \"%1\": %2")
                    .arg(text(), QString::fromStdString(error.what())));
        }
    }

protected:
    virtual void undoEdit() = 0;
    virtual void redoEdit() = 0;

    /// Refuses to touch a feature that another window changed after this command's edit.
    void checkUnchanged(const FeatureIdentity& feature, const std::string& expectedUpdatedAt)
    {
        const std::string now = m_session.updatedAt(m_theme, feature.uuid);
        if (now.empty()) {
            throw layers::ProjectError(
                QCoreApplication::translate("app::EditSession",
                                            "fitur sudah dihapus di jendela lain")
                    .toStdString());
        }
        if (now != expectedUpdatedAt) {
            throw layers::EditConflict(
                QCoreApplication::translate(
                    "app::EditSession", "fitur sudah diubah di jendela lain sejak perubahan ini")
                    .toStdString());
        }
    }

    EditSession& m_session;
    std::string m_theme;
    bool m_firstRedo = true;
};

class InsertCommand : public FeatureCommand
{
public:
    InsertCommand(EditSession& session,
                  const std::string& theme,
                  layers::Attributes attributes,
                  std::vector<unsigned char> wkb)
        : FeatureCommand(session, theme), m_attributes(std::move(attributes)), m_wkb(std::move(wkb))
    {
        setText(
            QCoreApplication::translate("app::EditSession", "Tambah %1").arg(themeLabel(theme)));
    }

    std::string apply()
    {
        const std::string uuid =
            m_session.project().insertFeature(m_theme, m_attributes, m_wkb, m_session.author());
        m_feature = m_session.identity(uuid);
        m_updatedAt = m_session.updatedAt(m_theme, uuid);
        if (auto feature = m_session.project().feature(m_theme, uuid)) {
            m_createdAt = feature->createdAt;
        }
        m_session.notifyChanged(m_theme, uuid);
        return uuid;
    }

protected:
    void undoEdit() override
    {
        checkUnchanged(*m_feature, m_updatedAt);
        m_session.project().deleteFeature(m_theme, m_feature->uuid, m_session.author());
        m_session.notifyChanged(m_theme, m_feature->uuid);
    }
    void redoEdit() override
    {
        // Back under the same UUID, so links and other windows still find it.
        m_session.project().restoreFeature(
            m_theme, m_feature->uuid, m_createdAt, m_attributes, m_wkb, m_session.author());
        m_updatedAt = m_session.updatedAt(m_theme, m_feature->uuid);
        m_session.notifyChanged(m_theme, m_feature->uuid);
    }

private:
    layers::Attributes m_attributes;
    std::vector<unsigned char> m_wkb;
    std::shared_ptr<FeatureIdentity> m_feature;
    std::string m_updatedAt;
    std::string m_createdAt;
};

class UpdateCommand : public FeatureCommand
{
public:
    UpdateCommand(EditSession& session,
                  const std::string& theme,
                  const std::string& uuid,
                  layers::Attributes newValues,
                  layers::Attributes oldValues,
                  std::optional<std::vector<unsigned char>> newWkb,
                  std::optional<std::vector<unsigned char>> oldWkb)
        : FeatureCommand(session, theme), m_feature(session.identity(uuid)),
          m_new(std::move(newValues)), m_old(std::move(oldValues)), m_newWkb(std::move(newWkb)),
          m_oldWkb(std::move(oldWkb))
    {
        setText(m_newWkb ? QCoreApplication::translate("app::EditSession", "Ubah bentuk %1")
                               .arg(themeLabel(theme))
                         : QCoreApplication::translate("app::EditSession", "Ubah atribut %1")
                               .arg(themeLabel(theme)));
    }

    void apply(const std::optional<std::string>& expectedUpdatedAt)
    {
        m_session.project().updateFeature(
            m_theme, m_feature->uuid, m_new, m_newWkb, m_session.author(), expectedUpdatedAt);
        m_updatedAt = m_session.updatedAt(m_theme, m_feature->uuid);
        m_session.notifyChanged(m_theme, m_feature->uuid);
    }

protected:
    void undoEdit() override
    {
        m_session.project().updateFeature(
            m_theme, m_feature->uuid, m_old, m_oldWkb, m_session.author(), m_updatedAt);
        m_updatedAt = m_session.updatedAt(m_theme, m_feature->uuid);
        m_session.notifyChanged(m_theme, m_feature->uuid);
    }
    void redoEdit() override
    {
        m_session.project().updateFeature(
            m_theme, m_feature->uuid, m_new, m_newWkb, m_session.author(), m_updatedAt);
        m_updatedAt = m_session.updatedAt(m_theme, m_feature->uuid);
        m_session.notifyChanged(m_theme, m_feature->uuid);
    }

private:
    std::shared_ptr<FeatureIdentity> m_feature;
    layers::Attributes m_new;
    layers::Attributes m_old;
    std::optional<std::vector<unsigned char>> m_newWkb;
    std::optional<std::vector<unsigned char>> m_oldWkb;
    std::string m_updatedAt;
};

class DeleteCommand : public FeatureCommand
{
public:
    DeleteCommand(EditSession& session,
                  const std::string& theme,
                  const std::vector<std::string>& uuids)
        : FeatureCommand(session, theme)
    {
        for (const auto& uuid : uuids) {
            m_features.push_back({session.identity(uuid), {}, {}, {}, {}});
        }
        setText(QCoreApplication::translate("app::EditSession", "Hapus %1").arg(themeLabel(theme)));
    }

    void apply()
    {
        for (auto& entry : m_features) {
            auto feature = m_session.project().feature(m_theme, entry.identity->uuid);
            if (!feature) {
                continue;
            }
            entry.attributes = feature->attributes;
            entry.wkb = feature->wkb;
            entry.createdAt = feature->createdAt;
        }
        remove(false);
    }

protected:
    void undoEdit() override
    {
        for (auto& entry : m_features) {
            // The feature comes back under its own UUID and creation time.
            m_session.project().restoreFeature(m_theme,
                                               entry.identity->uuid,
                                               entry.createdAt,
                                               entry.attributes,
                                               entry.wkb,
                                               m_session.author());
            entry.updatedAt = m_session.updatedAt(m_theme, entry.identity->uuid);
            m_session.notifyChanged(m_theme, entry.identity->uuid);
        }
    }
    void redoEdit() override { remove(true); }

private:
    struct Entry
    {
        std::shared_ptr<FeatureIdentity> identity;
        layers::Attributes attributes;
        std::vector<unsigned char> wkb;
        std::string updatedAt;
        std::string createdAt;
    };

    void remove(bool check)
    {
        for (auto& entry : m_features) {
            if (check) {
                checkUnchanged(*entry.identity, entry.updatedAt);
            }
            m_session.project().deleteFeature(m_theme, entry.identity->uuid, m_session.author());
            m_session.notifyChanged(m_theme, entry.identity->uuid);
        }
    }

    std::vector<Entry> m_features;
};

} // namespace

EditSession::EditSession(layers::Project& project, QObject* parent)
    : QObject(parent), m_project(project), m_author(layers::Project::defaultAuthor())
{}

EditSession::~EditSession()
{
    // The commands refer to this session; drop them first.
    m_stack.clear();
}

std::string EditSession::addFeature(const std::string& theme,
                                    const layers::Attributes& attributes,
                                    const std::vector<unsigned char>& wkb)
{
    auto command = std::make_unique<InsertCommand>(*this, theme, attributes, wkb);
    const std::string uuid = command->apply();
    m_stack.push(command.release());
    return uuid;
}

void EditSession::updateAttributes(const std::string& theme,
                                   const std::string& uuid,
                                   const layers::Attributes& changes,
                                   const layers::Attributes& oldValues,
                                   const std::string& expectedUpdatedAt)
{
    if (changes.empty()) {
        return;
    }
    layers::Attributes old;
    for (const auto& [key, value] : changes) {
        const auto found = oldValues.find(key);
        old[key] = found == oldValues.end() ? geo::Value() : found->second;
    }
    auto command = std::make_unique<UpdateCommand>(
        *this, theme, uuid, changes, old, std::nullopt, std::nullopt);
    command->apply(expectedUpdatedAt);
    m_stack.push(command.release());
}

void EditSession::updateGeometry(const std::string& theme,
                                 const std::string& uuid,
                                 const std::vector<unsigned char>& wkb)
{
    const auto before = m_project.feature(theme, uuid);
    if (!before) {
        throw layers::ProjectError(
            QCoreApplication::translate("app::EditSession",
                                        "Fitur tidak ada lagi (mungkin dihapus di jendela lain).")
                .toStdString());
    }
    auto command = std::make_unique<UpdateCommand>(
        *this, theme, uuid, layers::Attributes{}, layers::Attributes{}, wkb, before->wkb);
    command->apply(before->updatedAt);
    m_stack.push(command.release());
}

void EditSession::deleteFeatures(const std::string& theme, const std::vector<std::string>& uuids)
{
    if (uuids.empty()) {
        return;
    }
    auto command = std::make_unique<DeleteCommand>(*this, theme, uuids);
    command->apply();
    m_stack.push(command.release());
}

std::shared_ptr<FeatureIdentity> EditSession::identity(const std::string& uuid)
{
    auto& slot = m_identities[uuid];
    if (auto existing = slot.lock()) {
        return existing;
    }
    auto created = std::make_shared<FeatureIdentity>(FeatureIdentity{uuid});
    slot = created;
    return created;
}

void EditSession::rebind(const std::shared_ptr<FeatureIdentity>& identity, const std::string& uuid)
{
    identity->uuid = uuid;
    m_identities[uuid] = identity;
}

std::string EditSession::currentUuid(const std::string& uuid) const
{
    const auto found = m_identities.find(uuid);
    if (found != m_identities.end()) {
        if (auto identity = found->second.lock()) {
            return identity->uuid;
        }
    }
    return uuid;
}

std::string EditSession::updatedAt(const std::string& theme, const std::string& uuid)
{
    const auto feature = m_project.feature(theme, uuid);
    return feature ? feature->updatedAt : std::string();
}

void EditSession::notifyChanged(const std::string& theme, const std::string& uuid)
{
    emit featuresChanged(QString::fromStdString(theme), QString::fromStdString(uuid));
}

void EditSession::notifyFailure(const QString& message)
{
    emit editFailed(message);
}

} // namespace app
