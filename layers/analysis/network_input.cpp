#include "layers/analysis/network_input.h"

#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "layers/project.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <string>

namespace layers {

namespace {

/// A value that means "yes" in an OSM-style tag (bridge=yes, tunnel=culvert, ...).
bool isTagSet(const geo::Value& value)
{
    if (geo::isNull(value)) {
        return false;
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return *i != 0;
    }
    std::string text = geo::toText(value);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return !(text.empty() || text == "no" || text == "0" || text == "false" || text == "tidak");
}

/// The grade of a road from the OSM tags an import kept in atribut_lain.
int roadLevel(const geo::Value& layer, const geo::Value& bridge, const geo::Value& tunnel)
{
    if (!geo::isNull(layer)) {
        try {
            std::size_t used = 0;
            const std::string text = geo::toText(layer);
            const int level = std::stoi(text, &used);
            if (used > 0) {
                return level;
            }
        } catch (const std::exception&) {
        }
    }
    if (isTagSet(bridge)) {
        return 1;
    }
    if (isTagSet(tunnel)) {
        return -1;
    }
    return 0;
}

} // namespace

bool readMetricGeometry(const geo::Statement& statement,
                        int column,
                        const geo::CoordinateTransform& toMetric,
                        geo::PlanarGeometry& geometry)
{
    if (statement.isNull(column)) {
        return false;
    }
    const auto wkb = statement.blob(column);
    if (!geo::readWkb(wkb.data(), wkb.size(), geometry) ||
        geometry.kind == geo::PlanarGeometry::Kind::Empty) {
        return false;
    }
    for (auto& part : geometry.parts) {
        for (auto& p : part) {
            if (!toMetric.transform(p.x, p.y)) {
                return false;
            }
        }
    }
    return true;
}

WalkableRoads readWalkableRoads(Project& project, const geo::CoordinateTransform& toMetric)
{
    WalkableRoads result;
    auto statement = project.database().prepare(
        "SELECT AsBinary(geom), jalan_kaki, "
        "CASE WHEN json_valid(atribut_lain) THEN json_extract(atribut_lain, '$.layer') END, "
        "CASE WHEN json_valid(atribut_lain) THEN json_extract(atribut_lain, '$.bridge') END, "
        "CASE WHEN json_valid(atribut_lain) THEN json_extract(atribut_lain, '$.tunnel') END "
        "FROM jalan ORDER BY fid");
    geo::PlanarGeometry geometry;
    while (statement.step()) {
        if (!statement.isNull(1) && statement.integer(1) == 0) {
            ++result.notWalkable;
            continue;
        }
        if (!readMetricGeometry(statement, 0, toMetric, geometry) ||
            geometry.kind != geo::PlanarGeometry::Kind::Line) {
            ++result.skipped;
            continue;
        }
        const int level = roadLevel(statement.value(2), statement.value(3), statement.value(4));
        for (auto& part : geometry.parts) {
            result.lines.push_back({std::move(part), level});
        }
        ++result.roads;
    }
    return result;
}

SettlementPoints readSettlements(Project& project,
                                 const geo::CoordinateTransform& toMetric,
                                 const geo::CoordinateTransform& toStorage)
{
    SettlementPoints result;
    auto statement = project.database().prepare("SELECT fid, uuid, nama, jumlah_penduduk, "
                                                "kode_desa, AsBinary(geom) FROM permukiman "
                                                "ORDER BY fid");
    geo::PlanarGeometry geometry;
    while (statement.step()) {
        if (!readMetricGeometry(statement, 5, toMetric, geometry)) {
            ++result.skipped;
            continue;
        }
        SettlementPoint s;
        s.fid = statement.integer(0);
        s.uuid = statement.text(1);
        s.name = statement.text(2);
        s.hasPopulation = !statement.isNull(3);
        s.population = s.hasPopulation ? std::max<std::int64_t>(statement.integer(3), 0) : 0;
        s.villageCode = statement.text(4);
        s.location = geo::centroid(geometry);
        s.lonLat = s.location;
        toStorage.transform(s.lonLat.x, s.lonLat.y);
        result.points.push_back(std::move(s));
    }
    return result;
}

} // namespace layers
