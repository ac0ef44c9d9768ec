#pragma once

#include "geo/gdal_dataset.h"
#include "geo/value.h"
#include "layers/theme.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace layers {

/// Which source field feeds which theme column.
struct FieldMapping
{
    std::map<std::string, int> columnToSource; ///< theme column -> index in the source fields
    std::vector<int> unmappedSources;          ///< source fields no column took
};

/// Maps source fields to theme columns: explicit pairs first (column=field), then by name,
/// then by the column's synonyms, then by shapefile-truncated names (10 characters); names
/// compare without case. Throws ProjectError when an explicit pair names an unknown column
/// or a missing field.
FieldMapping mapFields(const Theme& theme,
                       const std::vector<geo::FieldInfo>& sourceFields,
                       const std::map<std::string, std::string>& explicitMap);

/// Converts a source value to a column's type. Returns nullopt and sets problem when the
/// value cannot be read as that type; null stays null.
std::optional<geo::Value>
convertValue(const geo::Value& value, ColumnType type, std::string& problem);

/// Reads "lat lon [alt [accuracy]]" (ODK geopoint) or "[lat, lon]" (KoboToolbox
/// _geolocation); returns false when the text is not such a location.
bool parseGeopoint(const std::string& text, double& longitude, double& latitude);

} // namespace layers
