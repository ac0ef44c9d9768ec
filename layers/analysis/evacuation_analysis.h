#pragma once

#include "geo/analysis/evacuation_plan.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace geo {
class AnalysisFeedback;
}

namespace layers {

class Project;

/// Options of the evacuation plan (`petadesa-cli analyze evacuation`).
struct EvacuationParameters
{
    double walkingSpeedKmh = 4.0;
    /// Roads in hazard zones at this level or above may only be walked out of (rendah, sedang,
    /// tinggi); "" avoids no zone.
    std::string avoidLevel = "tinggi";
    /// jenis_bahaya codes of the avoided zones; empty means every hazard type.
    std::vector<std::string> hazardTypes;
    double maxSnapDistanceM = 500.0;
    double snapToleranceM = 1.0;
    /// Lines that cross without a shared vertex (at equal grade) meet there; false keeps
    /// every such crossing apart, as if each were a bridge.
    bool crossingsAsJunctions = true;
    std::size_t sitesPerNode = 8;
};

/// One settlement (permukiman) in the plan. Ids are the features' uuids; fid for reference.
struct EvacuationSettlementResult
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string name;
    std::int64_t population = 0;
    /// terlayani, sebagian, tidak_tertampung, tanpa_jalan, tidak_terjangkau
    std::string status;
    std::string nearestSiteUuid; ///< "" when no site is reachable
    double nearestDistanceM = 0;
    double nearestMinutes = 0;
    double roadDistanceM = 0;  ///< straight walk to the road (part of the distances)
    bool startsInZone = false; ///< the road where it joins lies in an avoided zone
    /// Metres the route to the nearest site walks into avoided zones after having been outside
    /// them: above 0 only when zones cut the settlement off from every site.
    double enteredZoneM = 0;
    std::int64_t assigned = 0;
    std::int64_t unplaced = 0;
};

/// One evacuation site (titik_evakuasi) in the plan.
struct EvacuationSiteResult
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string name;
    std::string kind;
    std::int64_t capacity = -1; ///< -1 when not recorded (treated as unlimited)
    double areaM2 = -1;         ///< -1 when not recorded
    bool onNetwork = false;
    bool inZone = false; ///< the road where it joins lies in an avoided zone
    double roadDistanceM = 0;
    std::int64_t assigned = 0;
    std::int64_t nearestDemand = 0;
    std::int64_t overload = 0;
    geo::MinimumNeeds needs;
    double shelterShortfallM2 = -1;
};

/// People of one settlement sent to one site, along one route.
struct EvacuationRouteResult
{
    std::size_t settlement = 0; ///< index into EvacuationReport::settlements
    std::size_t site = 0;       ///< index into EvacuationReport::sites
    std::string settlementUuid;
    std::string siteUuid;
    std::int64_t people = 0;
    double distanceM = 0;
    double minutes = 0;
    double zoneM = 0;        ///< metres on roads in avoided zones (walking out included)
    double enteredZoneM = 0; ///< of which after having been outside the zones
    int round = 0;
};

struct EvacuationReport
{
    EvacuationParameters parameters;
    std::string workingCrs;
    std::vector<EvacuationSettlementResult> settlements;
    std::vector<EvacuationSiteResult> sites;
    std::vector<EvacuationRouteResult> routes;
    geo::RoadGraphStats graph;
    int rounds = 0;
    std::int64_t population = 0;
    std::int64_t assigned = 0;
    std::int64_t noRoom = 0;          ///< reachable people for whom every reachable site was full
    std::int64_t unreachable = 0;     ///< people with no road nearby or no site reachable
    std::size_t throughZone = 0;      ///< settlements cut off by avoided zones from every site
    geo::MinimumNeeds needs;          ///< of all assigned people
    std::size_t roads = 0;            ///< jalan features used
    std::size_t roadsNotWalkable = 0; ///< jalan_kaki = 0
    std::size_t avoidedZones = 0;     ///< zona_bahaya polygons avoided
    std::size_t skippedFeatures = 0;  ///< features without a usable geometry
    std::size_t settlementsWithoutPopulation = 0;
    std::size_t sitesWithoutCapacity = 0;
    long long logId = 0;
    /// Seconds per stage: reading, the geo stages, writing.
    std::vector<std::pair<std::string, double>> timings;
};

/// Status code stored in hasil_evakuasi_permukiman.status and the JSON output.
std::string evacuationStatusCode(geo::EvacuationPlan::Status status);

/// Plans the evacuation of the project's settlements to its evacuation sites over its roads
/// (geo::planEvacuation in the working metric CRS) and writes hasil_evakuasi_permukiman,
/// hasil_evakuasi_tempat and hasil_evakuasi_rute plus an analisis_log row, all in one
/// transaction: a failure or a cancel leaves the previous results. Throws ProjectError for
/// unusable input (no roads, sites or settlements, bad level) and geo::AnalysisCanceled when
/// cancelled. Runs on the calling thread, which must own the project.
EvacuationReport runEvacuation(Project& project,
                               const EvacuationParameters& parameters,
                               geo::AnalysisFeedback* feedback = nullptr);

} // namespace layers
