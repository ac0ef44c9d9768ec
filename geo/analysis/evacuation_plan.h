#pragma once

#include "geo/analysis/planar_geometry.h"
#include "geo/analysis/road_graph.h"
#include "geo/analysis/shortest_paths.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace geo {

class AnalysisFeedback;

/// Minimum needs per displaced person (InaSAFE BNPB_id profile after Perka BNPB 7/2008, and the
/// Sphere covered living space per person).
struct MinimumNeedsRates
{
    double riceKgPerWeek = 2.8;
    double drinkingWaterLitresPerWeek = 17.5;
    double cleanWaterLitresPerWeek = 67.0;
    double peoplePerToilet = 20.0;
    double shelterM2PerPerson = 3.5;
};

/// The weekly needs of a group of people.
struct MinimumNeeds
{
    double riceKg = 0;
    double drinkingWaterLitres = 0;
    double cleanWaterLitres = 0;
    std::int64_t toilets = 0; ///< rounded up
    double shelterM2 = 0;
};

MinimumNeeds minimumNeeds(std::int64_t people, const MinimumNeedsRates& rates = {});

/// A settlement: a point (or a polygon's centroid) in the working metric CRS and its people.
struct EvacuationSettlement
{
    PlanarPoint location;
    std::int64_t population = 0;
};

/// An evacuation site in the working metric CRS.
struct EvacuationSite
{
    PlanarPoint location;
    std::int64_t capacity = -1; ///< persons; negative when unknown (treated as unlimited)
    double areaM2 = -1;         ///< negative when unknown
};

struct EvacuationOptions
{
    double walkingSpeedKmh = 4.0;
    /// Metres: a settlement or site farther than this from every road is not on the network.
    double maxSnapDistanceM = 500.0;
    RoadGraphOptions graph;
    ZoneRule zoneRule = ZoneRule::ExitOnly;
    /// Sites whose way each road node keeps while people are placed (a full site frees its
    /// place). More is exact in more cases and slower; see NearestSites.
    std::size_t sitesPerNode = 8;
    MinimumNeedsRates needs;
};

/// The result of planEvacuation(); distances in metres (snapping included), indexes into the
/// caller's settlement and site lists.
struct EvacuationPlan
{
    enum class Status {
        Served,          ///< every person has a place
        PartlyServed,    ///< some people have a place, the rest found every site full
        NoRoom,          ///< a site is reachable but every reachable site is full
        NoRoad,          ///< no road within the maximum snapping distance
        NoSiteReachable, ///< on the network, but no site is reachable (disconnected part)
    };
    struct Settlement
    {
        GraphAttachment attachment;
        int nearestSite = -1;        ///< nearest reachable site, or -1
        double nearestDistanceM = 0; ///< to the nearest site, snapping at both ends included
        /// Metres the route to the nearest site walks into avoided zones after having been
        /// outside them; above 0 only when every site is cut off by zones.
        double nearestEnteredZoneM = 0;
        std::int64_t population = 0;
        std::int64_t assigned = 0; ///< people given a place
        std::int64_t unplaced = 0; ///< population - assigned
        Status status = Status::NoRoad;
    };
    struct Site
    {
        GraphAttachment attachment;
        std::int64_t capacity = -1;
        std::int64_t assigned = 0;
        std::int64_t nearestDemand = 0; ///< people whose nearest site this is
        std::int64_t overload = 0;      ///< nearestDemand beyond a known capacity
        MinimumNeeds needs;             ///< for the assigned people
        double shelterShortfallM2 = -1; ///< shelter need beyond the site's area; -1 unknown area
    };
    struct Route
    {
        std::uint32_t settlement = 0;
        std::uint32_t site = 0;
        std::int64_t people = 0;
        double distanceM = 0;
        double zoneM = 0;        ///< metres on roads inside avoided zones (leaving included)
        double enteredZoneM = 0; ///< of which walked after having been outside the zones
        int round = 0;
        std::vector<PlanarPoint> line; ///< settlement, road, site, in the working CRS
    };

    std::vector<Settlement> settlements;
    std::vector<Site> sites;
    std::vector<Route> routes;
    RoadGraphStats graph;
    int rounds = 0; ///< placing searches run (more than 1 only after a turned-away wave)
    double walkingSpeedKmh = 4.0;
    std::int64_t population = 0;
    std::int64_t assigned = 0;
    std::int64_t noRoom = 0;      ///< reachable people for whom every site was full
    std::int64_t unreachable = 0; ///< people of settlements with no road or no reachable site
    /// Settlements whose nearest site can only be reached through an avoided zone.
    std::size_t throughZone = 0;
    /// Seconds per stage ("graph", "attach", "nearest", "assignment", "routes").
    std::vector<std::pair<std::string, double>> timings;

    double minutes(double metres) const
    {
        return walkingSpeedKmh > 0 ? metres / (walkingSpeedKmh * 1000.0 / 60.0) : 0.0;
    }
};

/// The evacuation plan over a road network in the working metric CRS: a road graph (noded,
/// cut at the avoided zones), every settlement and site attached at the nearest road point,
/// the nearest reachable site of every settlement in one multi-source pass, then people
/// assigned to sites in arrival order within capacity (ArrivalOrderAssignment), routes and
/// minimum needs. Runs on the calling thread; throws AnalysisCanceled when cancelled.
EvacuationPlan planEvacuation(const std::vector<RoadLine>& roads,
                              const std::vector<PlanarPolygon>& avoidZones,
                              const std::vector<EvacuationSettlement>& settlements,
                              const std::vector<EvacuationSite>& sites,
                              const EvacuationOptions& options = {},
                              AnalysisFeedback* feedback = nullptr);

} // namespace geo
