#pragma once

#include "geo/geometry_check.h"

#include <string>
#include <string_view>
#include <vector>

namespace layers {

enum class ColumnType { Text, Integer, Real, Boolean, Date };

/// One attribute column of a theme table.
struct Column
{
    std::string name; ///< column name in the project file (Indonesian domain term)
    ColumnType type = ColumnType::Text;
    std::string vocabulary; ///< vocabulary domain whose kode this column holds, or ""
    bool required = false;
    std::vector<std::string> synonyms; ///< source field names that map here on import
    std::string labelId;
    std::string labelEn;
    std::string label() const;
};

/// A theme: one table of the project file (also the theme name the CLI takes).
struct Theme
{
    std::string name;
    geo::GeometryFamily family = geo::GeometryFamily::Any;
    std::string labelId;
    std::string labelEn;
    std::vector<Column> columns;

    std::string label() const;
    /// SpatiaLite geometry type of the table's geom column.
    std::string spatialiteGeometryType() const;
    const Column* column(std::string_view name) const;
};

/// Columns every theme table has besides its own: fid, uuid, created_at, updated_at, author.
const std::vector<std::string>& bookkeepingColumns();

/// The ten themes in DESIGN.md §3, in display order (admin areas first, damage last).
const std::vector<Theme>& themes();
const Theme* findTheme(std::string_view name);
/// Theme names joined with ", " for messages.
std::string themeNames();

} // namespace layers
