#pragma once

#include "geo/analysis/planar_geometry.h"
#include "geo/analysis/road_graph.h"

#include <cstddef>
#include <limits>
#include <vector>

namespace geo {

class AnalysisFeedback;

struct ServiceCoverageOptions
{
    /// Metres: a settlement within this distance of a service is covered.
    double maxDistanceM = 800.0;
    /// Walk over the road network instead of in a straight line.
    bool overNetwork = false;
    /// Network only: a settlement or service farther than this from every road is not on it.
    double maxSnapDistanceM = 500.0;
    RoadGraphOptions graph;
};

/// Which settlements lie within a walking distance of any service (community center, health
/// post, evacuation site). Distances in metres; indexes into the caller's lists.
struct ServiceCoverage
{
    enum class Status {
        Covered,            ///< a service lies within the distance
        Beyond,             ///< the nearest service is farther than the distance
        NoRoad,             ///< network: no road within the snapping distance
        NoServiceReachable, ///< network: no service on this part of the network (or none at all)
    };
    struct Settlement
    {
        Status status = Status::Beyond;
        int nearestService = -1; ///< the nearest service, or -1
        /// Straight-line distance to the nearest service geometry, or the network distance
        /// (walks to and from the road included); infinity when no service is reachable.
        double distanceM = std::numeric_limits<double>::infinity();
        double roadDistanceM = 0; ///< network: the straight walk to the road
    };
    std::vector<Settlement> settlements;
    RoadGraphStats graph;              ///< network only
    std::size_t servicesOnNetwork = 0; ///< network only
};

/// Straight line: the distance from each settlement point to the nearest service geometry
/// (a point, a line, or a polygon, which is at distance 0 from the points inside it), found
/// with growing searches in a packed R-tree of the services' envelopes.
/// Network: the road graph (RoadGraph, as the evacuation plan builds it, without avoided
/// zones), every settlement and every service (a polygon by its centroid) joined at the
/// nearest road point, and the nearest service of every settlement from one multi-source
/// Dijkstra over all services (NearestSites with k = 1).
/// All coordinates in one metric CRS. Runs on the calling thread; throws AnalysisCanceled.
ServiceCoverage serviceCoverage(const std::vector<PlanarPoint>& settlements,
                                const std::vector<PlanarGeometry>& services,
                                const std::vector<RoadLine>& roads,
                                const ServiceCoverageOptions& options = {},
                                const AnalysisFeedback* feedback = nullptr);

} // namespace geo
