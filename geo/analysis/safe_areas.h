#pragma once

#include "geo/analysis/overlay.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace geo {

class AnalysisFeedback;

struct SafeAreaOptions
{
    double bufferDistance = 50;  ///< kept away from every hazard polygon, in CRS units
    int quadrantSegments = 8;    ///< segments per quarter circle of the buffer
    double minimumArea = 10'000; ///< parts smaller than this (CRS units²) are dropped
    int threads = 0;             ///< worker threads; 0 = the machine's cores (at most 8)
};

/// Everything in one metric CRS.
struct SafeAreaInput
{
    std::vector<std::vector<unsigned char>> villages; ///< polygons (WKB)
    std::vector<std::vector<unsigned char>> hazards;  ///< polygons to keep away from (WKB)
    std::vector<OverlayPoint> settlements;            ///< where people live
    /// Where safe land may be at all (e.g. cells of a DEM above an elevation); WKB polygon,
    /// empty = everywhere.
    std::vector<unsigned char> allowed;
};

struct SafeAreaPart
{
    std::uint32_t village = 0;
    std::vector<unsigned char> wkb; ///< POLYGON in the input CRS
    double area = 0;
    /// Distance to the nearest settlement (0 when one lies inside); infinity without
    /// settlements.
    double nearestSettlement = std::numeric_limits<double>::infinity();
    std::uint32_t rank = 0;        ///< 1 = best over all parts (see findSafeAreas)
    std::uint32_t villageRank = 0; ///< 1 = best in its village
};

struct SafeAreaResult
{
    std::vector<SafeAreaPart> parts;             ///< ordered by rank
    std::vector<OverlayProblem> villageProblems; ///< villages left out, by input index
    std::vector<OverlayProblem> hazardProblems;  ///< hazards left out (unreadable), by index
};

/// Safe land: each village minus the union of the hazard polygons buffered by
/// bufferDistance, intersected with `allowed` when given, split into its polygons, parts
/// smaller than minimumArea dropped. Each village uses only the hazards whose buffered
/// envelope meets it (an R-tree query), so the cost grows with the data, not its square.
///
/// Rank: parts are ordered by (area rank + distance rank), where the area rank is 1 for the
/// largest part and the distance rank is 1 for the part nearest to a settlement; ties go to
/// the larger part. villageRank applies the same order within each village.
///
/// Villages are processed on `threads` workers, each with its own GEOS context; the call
/// returns when all are done. Polls feedback between villages (throws AnalysisCanceled) and
/// reports progress on the calling thread. Throws GeosError only for failures outside one
/// village; a village that fails is listed in problems.
SafeAreaResult findSafeAreas(const SafeAreaInput& input,
                             const SafeAreaOptions& options,
                             AnalysisFeedback* feedback = nullptr);

} // namespace geo
