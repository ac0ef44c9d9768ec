#pragma once

#include "geo/spatial_database.h"
#include "geo/value.h"
#include "layers/vocabulary.h"

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace layers {

struct Theme;

/// The schema version this build writes; files of older versions are migrated on open.
constexpr int currentSchemaVersion = 1;
/// SQLite application_id of PetaDesa project files ("PDSA").
constexpr int projectApplicationId = 0x50445341;

using Attributes = std::map<std::string, geo::Value>;

/// A problem with a project file or an edit that the user can act on (bad file, newer schema,
/// unknown theme or column, edit conflict). Messages are in the current language.
class ProjectError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Another window or process changed the feature since it was read.
class EditConflict : public ProjectError
{
public:
    using ProjectError::ProjectError;
};

struct Extent
{
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    bool isEmpty = true;
    void include(const Extent& other);
};

struct Feature
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string createdAt;
    std::string updatedAt;
    std::string author;
    Attributes attributes;
    std::vector<unsigned char> wkb; ///< EPSG:4326
};

struct HistoryEntry
{
    std::int64_t id = 0;
    std::string time;
    std::string author;
    std::string theme;
    std::string featureUuid;
    std::string action;    ///< "tambah" (insert), "ubah" (update), "hapus" (delete)
    std::string oldValues; ///< JSON object of the values before the edit
    std::string newValues; ///< JSON object of the values after the edit
};

struct CreateOptions
{
    std::string name;
    std::string workingCrs; ///< "" = the UTM zone of the data once data arrives
    bool illustrative = false;
    std::string vocabularyDirectory; ///< "" = dataDirectory()/vocab
};

/// An open PetaDesa project: one SpatiaLite file with a table per theme, vocabularies, edit
/// history and metadata. Thread-confined like its database connection; open one per thread.
class Project
{
public:
    enum class Access { ReadOnly, ReadWrite };

    /// Creates a new project file; refuses to overwrite an existing file.
    static void create(const std::string& utf8Path, const CreateOptions& options);
    /// Opens (and if needed migrates) a project; throws ProjectError with a clear reason.
    explicit Project(const std::string& utf8Path, Access access = Access::ReadWrite);

    const std::string& path() const { return m_path; }
    geo::SpatialDatabase& database() { return *m_database; }
    const Vocabularies& vocabularies() const { return m_vocabularies; }

    std::string metadata(const std::string& key) const;
    void setMetadata(const std::string& key, const std::string& value);
    std::string name() const { return metadata("nama"); }
    /// "EPSG:N"; empty until set or until data arrives.
    std::string workingCrs() const { return metadata("crs_kerja"); }
    int schemaVersion() const;
    bool isIllustrative() const { return metadata("data_ilustrasi") == "1"; }

    std::int64_t featureCount(const std::string& theme);
    Extent extent(const std::string& theme);
    Extent extent();

    /// Sets the working CRS to the UTM zone of the data's extent when none was chosen.
    void chooseWorkingCrsFromData();

    /// Adds a feature in its own transaction and records it in the history; returns its UUID.
    std::string insertFeature(const std::string& theme,
                              const Attributes& attributes,
                              const std::vector<unsigned char>& wkb,
                              const std::string& author);
    /// Puts a deleted feature back under its own UUID and creation time (undo of a delete, or
    /// redo of an insert), in its own transaction, recorded in the history as an insert.
    /// Throws ProjectError when a feature with that UUID exists.
    void restoreFeature(const std::string& theme,
                        const std::string& uuid,
                        const std::string& createdAt,
                        const Attributes& attributes,
                        const std::vector<unsigned char>& wkb,
                        const std::string& author);
    /// Changes the given attributes (and the geometry when wkb is set). When expectedUpdatedAt
    /// is given and the stored feature changed since, throws EditConflict and writes nothing.
    void updateFeature(const std::string& theme,
                       const std::string& uuid,
                       const Attributes& changes,
                       const std::optional<std::vector<unsigned char>>& wkb,
                       const std::string& author,
                       const std::optional<std::string>& expectedUpdatedAt = std::nullopt);
    void
    deleteFeature(const std::string& theme, const std::string& uuid, const std::string& author);
    std::optional<Feature> feature(const std::string& theme, const std::string& uuid);
    std::vector<HistoryEntry> history(const std::string& featureUuid = {});

    /// ISO 8601 UTC time with milliseconds, e.g. 2026-11-23T10:15:00.123Z.
    static std::string now();
    static std::string newUuid();
    /// $PETADESA_USER, else $USER, else "petadesa".
    static std::string defaultAuthor();

private:
    const Theme& theme(const std::string& name) const;
    void insertWithIdentity(const Theme& theme,
                            const std::string& uuid,
                            const std::string& createdAt,
                            const Attributes& attributes,
                            const std::vector<unsigned char>& wkb,
                            const std::string& author);
    void migrate(int fromVersion);
    std::string m_path;
    std::unique_ptr<geo::SpatialDatabase> m_database;
    Vocabularies m_vocabularies;
};

} // namespace layers
