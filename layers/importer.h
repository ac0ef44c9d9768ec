#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace layers {

class Project;

struct ImportOptions
{
    std::string theme;
    std::vector<std::string> layers;              ///< empty: every layer with features
    std::map<std::string, std::string> fieldMap;  ///< theme column -> source field (--map)
    std::map<std::string, std::string> constants; ///< theme column -> value for all (--set)
    std::string sourceCrs;                        ///< overrides the file's CRS (--crs)
    bool strict = false;      ///< reject features whose vocabulary values are unknown
    bool keepUnmapped = true; ///< keep unmapped source fields in atribut_lain (JSON)
    std::string author;       ///< "" = Project::defaultAuthor()
    std::string reportPath;   ///< "" = next to the project file
};

/// One line of the import report: a rejected feature, a repair or a warning.
struct ImportIssue
{
    enum class Kind { Rejected, Repaired, Warning };
    Kind kind = Kind::Warning;
    std::string file;
    std::string layer;
    std::int64_t featureId = -1; ///< -1 when the issue concerns the whole layer
    std::string reason;
};

struct ImportResult
{
    std::int64_t read = 0;
    std::int64_t imported = 0;
    std::int64_t rejected = 0;
    std::int64_t repaired = 0;
    std::vector<std::string> layers;                 ///< layers read
    std::map<std::string, std::string> fieldMapping; ///< column -> source field used
    std::vector<std::string> unmappedFields;
    std::map<std::string, std::map<std::string, std::int64_t>>
        unknownValues; ///< column -> value -> count
    std::vector<ImportIssue> issues;
    std::string sourceCrs;
    bool assumedLonLat = false;
    std::string reportPath; ///< where the issues CSV was written ("" when there were none)
};

/// Progress and cancellation shared between an import and its caller. The import writes on
/// the caller's thread (reading and checking run on a helper thread of its own); another
/// thread may call cancel() at any time.
class ImportFeedback
{
public:
    virtual ~ImportFeedback() = default;
    /// Called every few hundred features with the count read so far and the expected total
    /// (-1 when unknown). Runs on the importing thread.
    virtual void progress(std::int64_t done, std::int64_t total) { (void)done, (void)total; }
    void cancel() { m_canceled.store(true); }
    bool isCanceled() const { return m_canceled.load(); }

private:
    std::atomic<bool> m_canceled{false};
};

/// Thrown when the user cancelled; the project is left exactly as it was.
class ImportCanceled : public std::exception
{
public:
    const char* what() const noexcept override { return "import canceled"; }
};

/// Imports a vector file into one theme in ONE transaction: either every accepted feature is
/// written, or (on error, cancel or kill) nothing is. Rejected features and repairs are listed
/// in the result and, when there are any, in a CSV report beside the project. The file is read,
/// reprojected, checked and converted on a helper thread that owns the GDAL dataset meanwhile;
/// the project's connection is used on the caller's thread only.
/// Throws ProjectError for unusable input (unreadable file, unknown theme, no layer).
ImportResult importFile(Project& project,
                        const std::string& utf8Path,
                        const ImportOptions& options,
                        ImportFeedback* feedback = nullptr);

} // namespace layers
