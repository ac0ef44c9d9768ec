#pragma once

#include "layers/analysis/analysis_support.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace geo {
class AnalysisFeedback;
}

namespace layers {

class Project;

struct CategoryExposure
{
    std::int64_t count = 0;
    double valueRp = 0;
};

/// Economic potential of one category in one hazard type and level (the figures of
/// ExposureFigures::potentials, potentialAreaHa and potentialValueRp, split by `kategori`).
struct PotentialCategoryExposure
{
    std::int64_t count = 0;
    double areaHa = 0;
    double valueRp = 0;
};

/// What lies in one hazard type at one level, for the project or one area. Counts take each
/// feature once per hazard type, at the highest level of the zones it touches (a zone edge
/// counts as inside); clipped lengths and areas, the population of settlement polygons and the
/// value of potential polygons are shared over the levels by where their parts lie.
struct ExposureFigures
{
    /// Hazard zones of this type and level (for an area: those touching it).
    std::int64_t zones = 0;
    std::int64_t assets = 0;
    double assetValueRp = 0;
    std::map<std::string, CategoryExposure> assetsByCategory; ///< "" = no category
    std::int64_t settlements = 0;
    double population = 0;
    std::int64_t communityCenters = 0;
    std::int64_t communityCenterCapacity = 0;
    std::int64_t bumdesUnits = 0;
    std::int64_t potentials = 0;
    double potentialAreaHa = 0; ///< potential polygons, clipped to the zones
    double potentialValueRp = 0;
    std::map<std::string, PotentialCategoryExposure> potentialsByCategory; ///< "" = none
    double roadKm = 0; ///< `jalan`, clipped to the zones

    bool isEmpty() const;
};

struct LevelExposure
{
    std::string hazardType; ///< jenis_bahaya
    std::string level;      ///< rendah, sedang, tinggi
    ExposureFigures figures;
};

struct AreaExposure
{
    std::size_t area = 0; ///< index into ExposureResult::areas
    std::string hazardType;
    std::string level;
    ExposureFigures figures;
};

/// One exposed feature (asset, community center, BUM Desa unit, potential, settlement; roads
/// are reported as lengths only) of one hazard type, at its highest level.
struct ExposedFeature
{
    const char* theme = ""; ///< table name (static text)
    std::int64_t fid = 0;
    std::uint32_t category = 0; ///< index into ExposureResult::categories
    std::uint32_t hazard = 0;   ///< index into ExposureResult::hazardTypes
    int level = 0;              ///< 1 rendah, 2 sedang, 3 tinggi
    int area = -1;              ///< desa/kelurahan (index into areas), -1 when outside all
    double valueRp = 0;         ///< nilai_rp of assets and potential (whole feature)
    double population = 0;      ///< exposed people of a settlement (area share for polygons)
    double lengthM = 0;         ///< exposed length of a line, all levels
    double areaM2 = 0;          ///< exposed area of a polygon, all levels
    double share = 1;           ///< exposed share of the feature's length or area (1 for points)
};

struct ExposureResult
{
    std::string workingCrs;               ///< lengths and areas are measured here
    std::vector<std::string> hazardTypes; ///< jenis_bahaya values, sorted
    /// kategori (assets, potential), jenis (centers), ... of the features; "" (index 0) = none.
    std::vector<std::string> categories;
    std::vector<ReportingArea> areas;
    std::vector<LevelExposure> byLevel; ///< every hazard type × rendah, sedang, tinggi
    std::vector<AreaExposure> byArea;   ///< only where something is exposed
    /// The exposed features, in the chunks the analysis made them in (themes in order, each
    /// in fid order): joining 10^5 of them into one list would cost more than counting them.
    std::vector<std::vector<ExposedFeature>> featureChunks;
    std::int64_t zones = 0;                            ///< rows of zona_bahaya
    std::int64_t zonesUsed = 0;                        ///< with a known level and a usable geometry
    std::map<std::string, std::int64_t> unknownLevels; ///< tingkat -> zones left out
    std::vector<std::string> problems; ///< features or zones left out, "theme #fid: reason"
    long long logId = 0;               ///< analisis_log row, 0 when not written

    std::size_t exposedFeatureCount() const;
};

struct ExposureOptions
{
    /// Write hasil_paparan_* tables and an analisis_log row (one transaction).
    bool writeResults = true;
    /// Overlay only these themes (table names, e.g. {"potensi_ekonomi"}); empty = all.
    std::vector<std::string> themes;
};

/// Hazard exposure of assets, community centers, BUM Desa units, economic potential, roads
/// and settlements, per hazard type and level, for the project and per desa/kelurahan and
/// dusun of `wilayah`. Geometry is overlaid in the storage CRS (EPSG:4326) with geo::ZoneOverlay;
/// lengths and areas are measured in the working CRS. Results go to hasil_paparan_tingkat,
/// hasil_paparan_kategori, hasil_paparan_desa and hasil_paparan_fitur.
/// Runs on the caller's thread (the project is thread-confined); polls feedback between
/// features and throws geo::AnalysisCanceled, leaving the project as it was.
ExposureResult analyzeExposure(Project& project,
                               const ExposureOptions& options = {},
                               geo::AnalysisFeedback* feedback = nullptr);

} // namespace layers
