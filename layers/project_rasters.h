#pragma once

#include "layers/render/map_settings.h"

#include <string>
#include <vector>

namespace layers {

class Project;

/// The key under which a project keeps its raster backgrounds in the `proyek` table.
constexpr const char* rasterMetadataKey = "latar_raster";

/// The raster backgrounds as the JSON text stored in the project: an array, bottom raster
/// first, of {"berkas", "berkas_absolut", "jenis", "opasitas", "tampak"}. "berkas" is the path
/// relative to projectDirectory when there is one (absolute otherwise, e.g. another drive),
/// "berkas_absolut" the absolute path; "jenis" is "citra", "bayangan_bukit" or "mbtiles".
std::string rasterListToJson(const std::vector<RasterLayer>& rasters,
                             const std::string& projectDirectory);

/// Reads rasterListToJson's text back, bottom raster first, with absolute paths: "berkas"
/// resolved against projectDirectory when that file exists, else "berkas_absolut" when that
/// exists, else the resolved "berkas" (the file is missing; the entry is kept so the caller can
/// say so). Empty text gives no rasters; malformed text throws ProjectError.
std::vector<RasterLayer> rasterListFromJson(const std::string& json,
                                            const std::string& projectDirectory);

/// The project's raster backgrounds (see rasterListFromJson), relative to its file's folder.
std::vector<RasterLayer> projectRasters(const Project& project);

/// The raster backgrounds a printed or exported map of the project draws: the visible ones
/// whose file exists, bottom first (a missing file is the desktop's to report).
std::vector<RasterLayer> drawableProjectRasters(const Project& project);

/// Replaces the project's raster backgrounds (one metadata row, written at once).
void setProjectRasters(Project& project, const std::vector<RasterLayer>& rasters);

} // namespace layers
