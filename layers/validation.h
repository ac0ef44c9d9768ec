#pragma once

#include "layers/project.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace geo {
class AnalysisFeedback;
}

namespace layers {

/// What a data-quality item is about.
enum class IssueKind {
    EmptyGeometry,        ///< no geometry, or one without coordinates
    BadGeometry,          ///< unreadable, or of a type the theme does not hold
    InvalidGeometry,      ///< not valid by OGC rules; repairable with GEOS MakeValid
    OutsideVillages,      ///< not within any desa/kelurahan of wilayah
    OtherVillage,         ///< lies in another desa/kelurahan than its kode_desa names
    UnknownVillageCode,   ///< kode_desa names no desa/kelurahan of wilayah
    Duplicate,            ///< same place (within the tolerance) and same name in one theme
    MissingRequired,      ///< a required column is empty
    UnknownVocabulary,    ///< a value no vocabulary entry stands for
    VocabularyNotCode,    ///< a name, synonym or other spelling of a code instead of the code
    Whitespace,           ///< text with spaces at its start or end
    MissingAssetCode,     ///< an asset without kode_aset
    MissingVillageCode,   ///< a kecamatan/desa/kelurahan without a Kemendagri code
    MalformedVillageCode, ///< a Kemendagri code not of the form pp.kk.cc(.dddd)
    DuplicateVillageCode, ///< two administrative areas with one Kemendagri code
    NotANumber,           ///< text, a blob or infinity in a numeric column
    NotWholeNumber,       ///< a fraction in a column of whole numbers (people, capacity, year)
    NegativeValue,        ///< a negative count, capacity, area, production or value
};

enum class IssueSeverity { Error, Warning };

/// Stable code of a kind for JSON and tables ("geometri_tidak_valid", ...).
std::string issueKindCode(IssueKind kind);
std::string issueSeverityCode(IssueSeverity severity); ///< "galat" / "peringatan"

/// One data-quality item: which feature, what is wrong, what to do. Texts are in the current
/// language (layers::language()). Coordinates in EPSG:4326.
struct Issue
{
    std::string theme;
    std::int64_t fid = 0;
    std::string uuid;
    std::string name; ///< the feature's name (nama, nama_unit, kejadian), may be empty
    IssueSeverity severity = IssueSeverity::Warning;
    IssueKind kind = IssueKind::EmptyGeometry;
    std::string column; ///< the column concerned, or "" (geometry, place)
    std::string value;  ///< the value concerned, as text
    std::string reason;
    std::string suggestion;
    /// What --fix writes: the column's new value (fixValue) or the repaired geometry (fixWkb).
    bool fixable = false;
    std::optional<std::string> fixValue;
    std::vector<unsigned char> fixWkb;
    std::int64_t relatedFid = 0; ///< the other feature of a duplicate pair, else 0
    /// Where to zoom: the feature's bounding box; empty without a usable geometry.
    Extent extent;
};

struct ValidationOptions
{
    /// Metres: two features of one theme with the same name whose places (a point, or the
    /// centroid of a line or polygon) lie this close are duplicates.
    double duplicateToleranceM = 2.0;
    /// Themes to check; empty = all.
    std::vector<std::string> themes;
    /// Items kept per theme and kind (the rest are counted only), so that a project whose every
    /// asset carries an unknown code does not fill the memory; 0 keeps every item.
    std::size_t maxIssuesPerKind = 1000;
};

struct ValidationReport
{
    std::vector<Issue> issues; ///< ordered by theme (display order), fid, kind
    std::map<std::string, std::size_t> featuresChecked; ///< per theme
    /// Items found per theme and kind, those past maxIssuesPerKind included.
    std::map<std::pair<std::string, IssueKind>, std::size_t> counts;
    std::size_t omitted = 0; ///< items counted but not kept (past maxIssuesPerKind)
    /// Of all items found, kept or not.
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t fixable = 0;
    bool villagesAvailable = false; ///< wilayah holds desa/kelurahan polygons to check against
};

/// Checks every theme of the project: geometry (geo::checkGeometry), place against the
/// desa/kelurahan polygons of wilayah and the kode_desa column, duplicates, required columns,
/// vocabulary values, asset and Kemendagri codes, numbers in the numeric columns. Reads only. Runs
/// on the calling thread, which owns the project; polls feedback between features (throws
/// geo::AnalysisCanceled).
ValidationReport validateProject(Project& project,
                                 const ValidationOptions& options = {},
                                 geo::AnalysisFeedback* feedback = nullptr);

/// One change --fix made.
struct FixChange
{
    std::string theme;
    std::int64_t fid = 0;
    std::string uuid;
    IssueKind kind = IssueKind::InvalidGeometry;
    std::string column; ///< "geom" for a geometry
    std::string oldValue;
    std::string newValue;
};

/// Repairs the fixable issues (invalid geometries made valid with GEOS MakeValid keeping their
/// dimension, spaces trimmed, vocabulary spellings replaced by their code, Kemendagri codes
/// written without dots given their dots, numbers stored as text written as numbers; a
/// numeric column's new value is stored as an INTEGER or REAL) through Project::updateFeature,
/// one call per feature, all inside one transaction: every change is in riwayat, and a failure
/// leaves the project as it was. Nothing is deleted. Returns what changed.
std::vector<FixChange>
fixIssues(Project& project, const std::vector<Issue>& issues, const std::string& author);

} // namespace layers
