#pragma once

#include "geo/analysis/planar_geometry.h"
#include "geo/analysis/road_graph.h"

#include <cstddef>
#include <cstdint>
#include <string>
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

/// A settlement of `permukiman` as the distance analyses use it: one point where its people are
/// counted.
struct SettlementPoint
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string name;
    std::string villageCode;     ///< kode_desa
    std::int64_t population = 0; ///< jumlah_penduduk, 0 when missing or negative
    bool hasPopulation = false;  ///< jumlah_penduduk is set
    geo::PlanarPoint location;   ///< metric: the point, or the centroid of a line or polygon
    geo::PlanarPoint lonLat;     ///< the same point in EPSG:4326
};

struct SettlementPoints
{
    std::vector<SettlementPoint> points; ///< by fid
    std::size_t skipped = 0;             ///< features without a usable geometry
};

/// Every settlement with a usable geometry, by fid. Shared by the evacuation plan and the
/// service coverage. Thread-confined like the project.
SettlementPoints readSettlements(Project& project,
                                 const geo::CoordinateTransform& toMetric,
                                 const geo::CoordinateTransform& toStorage);

} // namespace layers
