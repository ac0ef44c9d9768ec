#pragma once

#include "geo/analysis/planar_geometry.h"
#include "geo/analysis/road_graph.h"

#include <cstddef>
#include <vector>

namespace geo {
class CoordinateTransform;
class Statement;
} // namespace geo

namespace layers {

class Project;

/// Reads a geometry column (as WKB) and transforms it with toMetric (e.g. to the working CRS).
/// Returns false for an empty or unreadable geometry or one PROJ cannot transform.
bool readMetricGeometry(const geo::Statement& statement,
                        int column,
                        const geo::CoordinateTransform& toMetric,
                        geo::PlanarGeometry& geometry);

/// The roads of `jalan` a pedestrian may use, in the metric CRS of toMetric.
struct WalkableRoads
{
    std::vector<geo::RoadLine> lines; ///< one per part of a multi-line
    std::size_t roads = 0;            ///< jalan features used
    std::size_t notWalkable = 0;      ///< jalan_kaki = 0
    std::size_t skipped = 0;          ///< features without a usable line geometry
};

/// Every road except those with jalan_kaki = 0 (on foot, one-way does not bind), each with its
/// grade from the OSM tags an import kept in atribut_lain (layer, else bridge +1 / tunnel -1).
/// Shared by the evacuation plan and the service coverage. Thread-confined like the project.
WalkableRoads readWalkableRoads(Project& project, const geo::CoordinateTransform& toMetric);

} // namespace layers
