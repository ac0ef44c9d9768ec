#pragma once

#include "geo/geometry_check.h"
#include "layers/render/map_settings.h"
#include "layers/render/style.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace layers {

/// One desa or kelurahan of the project: an atlas page.
struct AtlasVillage
{
    std::int64_t fid = 0;
    std::string kode;
    std::string nama;
    std::string tingkat;   ///< desa or kelurahan
    std::string kecamatan; ///< the parent's name ("" when the parent is not in the project)
    MapRect storageBox;    ///< EPSG:4326 bounds
};

/// The desa and kelurahan of the project, ordered by Kemendagri code, then name.
std::vector<AtlasVillage> atlasVillages(const std::string& projectPath);

/// The bounds of the project's admin areas (every level) in EPSG:4326, or of all its data when
/// it has none: what a kecamatan map shows.
MapRect administrativeExtent(const std::string& projectPath);

/// The rings of a wilayah polygon transformed to crs (outer and inner rings alike).
std::vector<std::vector<std::pair<double, double>>>
villageRings(const std::string& projectPath, std::int64_t fid, const std::string& crs);

/// Figures printed on a page: label and formatted value, in the message language.
using FigureRows = std::vector<std::pair<QString, QString>>;

/// A village's own figures: population and households (from wilayah), area in ha (in the
/// working CRS), and the features of each theme that touch it (assets with their value,
/// potential with its value, BUM Desa units with their turnover, community centres,
/// evacuation sites, settlements).
FigureRows villageFigures(const std::string& projectPath, std::int64_t fid, const std::string& crs);

/// The figures of the whole project (the atlas cover): villages, population, households and
/// feature counts.
FigureRows projectFigures(const std::string& projectPath, const std::string& crs);

/// How many features of each theme have bounds touching box (EPSG:4326), from the R*Trees.
std::vector<std::pair<std::string, std::int64_t>> featuresInBox(
    const std::string& projectPath, const std::vector<std::string>& themes, const MapRect& box);

/// One legend line.
struct LegendEntry
{
    std::string theme;
    QString group; ///< the theme's name, shown above its entries
    QString text;  ///< the category's legend text
    Symbol symbol;
    geo::GeometryFamily family = geo::GeometryFamily::Any;
};

/// The legend of what a map shows: for every layer drawn at this extent and scale (in layer
/// order, top layer first), the categories that occur among its features in the extent, in
/// the style's order, then "other" when a feature falls in no category.
std::vector<LegendEntry> visibleLegend(const MapSettings& settings);

/// Where the project's data came from, for the page: the project's `sumber_data` metadata
/// when set, else the imported files' names.
QString dataSources(const std::string& projectPath);

} // namespace layers
