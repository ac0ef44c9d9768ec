#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace layers {

class Project;

struct ExportResult
{
    std::vector<std::string> datasets; ///< the datasets (a mixed theme gives several shapefiles)
    std::vector<std::string> files;    ///< every file written, sidecars (.shx, .dbf, .cpg) too
    std::int64_t features = 0;
};

/// Writes one theme to a file whose extension picks the format: .gpkg, .geojson/.json, .shp,
/// .kml, .csv (geometry as WKT). Fields: uuid, created_at, updated_at, author, the theme's
/// columns and atribut_lain; coordinates in EPSG:4326. A shapefile holds one geometry type,
/// so a mixed theme becomes NAME_titik.shp, NAME_garis.shp and NAME_area.shp. Files are
/// written in a temporary folder and moved into place at the end; an existing file is only
/// replaced when overwrite is true.
ExportResult exportTheme(Project& project,
                         const std::string& theme,
                         const std::string& utf8Path,
                         bool overwrite = false);

} // namespace layers
