#pragma once

#include "geo/analysis/planar_geometry.h"
#include "geo/analysis/road_graph.h"

#include <cstdint>
#include <vector>

namespace geo {

class AnalysisFeedback;

/// A place that serves targets of one group (e.g. a BUM Desa unit for one potential
/// category), in the working metric CRS.
struct ServiceSite
{
    PlanarPoint location;
    std::uint32_t group = 0;
};

/// A feature to be served (e.g. a potential point or area), in the working metric CRS, with
/// the point where it joins the road network (its point, or the centroid of an area).
struct ServiceTarget
{
    PlanarGeometry geometry;
    PlanarPoint anchor;
    std::uint32_t group = 0;
};

struct ServiceReachOptions
{
    double maxDistance = 2000; ///< metres
    /// Along the roads where both ends lie within maxSnapDistance of a road; straight line
    /// otherwise (and always when the site lies on or in the target).
    bool network = false;
    double maxSnapDistance = 500;
    RoadGraphOptions graph;
};

/// A site and a target of its group within the distance.
struct ServicePair
{
    std::uint32_t site = 0;
    std::uint32_t target = 0;
    double distance = 0;
    bool alongRoad = false; ///< measured over the road network (else straight line)
};

struct ServiceReach
{
    std::vector<ServicePair> pairs; ///< every site-target pair within maxDistance, by site
    /// Per target: distance to the nearest site of its group (by the same rule as the pairs),
    /// infinity when no site of the group can reach it; nearestSite -1 then.
    std::vector<double> nearest;
    std::vector<std::int64_t> nearestSite;
    std::vector<char> siteOnRoad;   ///< network only: attached to a road
    std::vector<char> targetOnRoad; ///< network only
    RoadGraphStats graph;
};

/// Shortest planar distance from a point to a geometry: 0 inside a polygon (even-odd rule) or
/// on it.
double distanceTo(const PlanarGeometry& geometry, const PlanarPoint& point);

/// For every site, the targets of its group within maxDistance; for every target, its nearest
/// site of its group. Straight-line distances go from the site to the nearest point of the
/// target. Network distances (options.network) walk from the site to its nearest road point,
/// along the roads (geo::RoadGraph, both ways) to the road point nearest the target's anchor
/// and on to the anchor; each site's search (geo::NearestSites) stops at maxDistance.
/// Throws AnalysisCanceled when feedback is cancelled.
ServiceReach findServiceReach(const std::vector<ServiceSite>& sites,
                              const std::vector<ServiceTarget>& targets,
                              const std::vector<RoadLine>& roads,
                              const ServiceReachOptions& options,
                              const AnalysisFeedback* feedback = nullptr);

} // namespace geo
