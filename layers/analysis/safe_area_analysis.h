#pragma once

#include "layers/analysis/analysis_support.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace geo {
class AnalysisFeedback;
}

namespace layers {

class Project;

struct SafeAreaOptions
{
    std::string minimumLevel = "sedang"; ///< zones at or above this level are kept away from
    std::string hazardType;              ///< "" = every hazard type
    double bufferMetres = 50;            ///< in the working CRS
    double minimumAreaHa = 1;
    std::string demPath;                    ///< "" = no elevation or slope limits
    std::optional<double> minimumElevation; ///< metres, from the DEM
    std::optional<double> maximumSlope;     ///< degrees, computed from the DEM in metres
    bool writeResults = true;
};

/// One safe part of a village.
struct SafeAreaPart
{
    std::size_t area = 0; ///< index into SafeAreaResult::areas
    double areaHa = 0;
    std::optional<double> nearestSettlementM; ///< none when the project has no settlements
    std::uint32_t rank = 0;                   ///< 1 = best in the project
    std::uint32_t villageRank = 0;            ///< 1 = best in its village
    std::vector<unsigned char> wkb;           ///< POLYGON, EPSG:4326
};

struct SafeAreaVillage
{
    std::size_t area = 0;
    double villageAreaHa = 0;
    double safeAreaHa = 0;
    std::int64_t parts = 0;
};

struct SafeAreaResult
{
    std::string workingCrs;
    std::vector<ReportingArea> areas;
    std::vector<SafeAreaPart> parts; ///< by rank
    std::vector<SafeAreaVillage> villages;
    std::int64_t hazardZones = 0; ///< zones kept away from
    std::int64_t settlements = 0;
    std::string demCrs; ///< "" without a DEM
    std::vector<std::string> problems;
    long long logId = 0;
};

/// Safe areas: the land of every desa/kelurahan of `wilayah` outside all hazard zones at or
/// above the level, kept `bufferMetres` away from them (computed in the working CRS), limited
/// to DEM cells above the elevation and below the slope when a DEM is given (land the DEM
/// does not cover is left out), split into parts of at least minimumAreaHa; each part with its
/// area, distance to the nearest settlement and rank (geo::findSafeAreas says how). Results go
/// to the polygon table hasil_zona_aman with an analisis_log record.
/// Runs on the caller's thread (plus geo's workers); throws ProjectError for bad options or a
/// project without villages, geo::AnalysisCanceled when canceled (nothing written).
SafeAreaResult findSafeAreas(Project& project,
                             const SafeAreaOptions& options = {},
                             geo::AnalysisFeedback* feedback = nullptr);

} // namespace layers
