#pragma once

#include "layers/analysis/analysis_support.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace geo {
class AnalysisFeedback;
}

namespace layers {

class Project;

struct DamageOptions
{
    std::string event;        ///< kejadian to summarize; "" = every record
    bool writeResults = true; ///< hasil_kerusakan_* tables and an analisis_log row
};

struct DamageCounts
{
    std::int64_t records = 0;
    std::int64_t minor = 0;     ///< ringan
    std::int64_t moderate = 0;  ///< sedang
    std::int64_t severe = 0;    ///< berat
    std::int64_t other = 0;     ///< a damage level outside the vocabulary
    std::int64_t affected = 0;  ///< jumlah_terdampak
    std::int64_t displaced = 0; ///< jumlah_mengungsi
};

/// What a record's asset category is.
enum class DamageCategoryKind {
    Category,      ///< the linked asset's kategori
    NoCategory,    ///< linked asset without a kategori
    NoAsset,       ///< no aset_uuid ("tanpa aset")
    AssetNotFound, ///< aset_uuid given, no such asset in the project
};

struct DamageRow
{
    int area = -1; ///< index into DamageResult::areas; -1 = outside every desa/kelurahan
    DamageCategoryKind kind = DamageCategoryKind::Category;
    std::string category; ///< for kind Category
    DamageCounts counts;
};

struct DamageResult
{
    std::string event;                          ///< "" = all
    std::map<std::string, std::int64_t> events; ///< every kejadian in the project, records
    std::vector<ReportingArea> areas;
    std::vector<DamageRow> byVillage;         ///< kind/category unused
    std::vector<DamageRow> byCategory;        ///< area unused
    std::vector<DamageRow> byVillageCategory; ///< the finest rows
    DamageCounts total;
    std::int64_t locatedByPoint = 0; ///< records whose kode_desa matched no village
    long long logId = 0;
};

/// Summarizes the rapid damage records (`kerusakan`) per desa/kelurahan and per asset category
/// (aset_uuid → aset_desa.kategori): records per damage level, people affected and displaced.
/// A record's village is its kode_desa when that names a desa/kelurahan of `wilayah`, else
/// the one its point lies in. Throws ProjectError when `event` has no record.
DamageResult summarizeDamage(Project& project,
                             const DamageOptions& options = {},
                             geo::AnalysisFeedback* feedback = nullptr);

/// The label of a row's category in the current language ("tanpa aset", "no asset", ...).
std::string damageCategoryLabel(const DamageRow& row);

/// Writes the per village and category rows, then a total row, as CSV (UTF-8, header in the
/// current language). Throws ProjectError when the file cannot be written.
void writeDamageCsv(const DamageResult& result, const std::string& utf8Path);

} // namespace layers
