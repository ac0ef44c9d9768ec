#pragma once

#include <string>

namespace testsupport {

/// The SRTM 1" crop of Merapi (tests/data/realdata/dem_srtm1_jelajahstatid, EPSG:4326, Int16).
std::string merapiDem();

/// The same crop as a colour image: an RGBA GeoTIFF written into directory by
/// `gdaldem color-relief -alpha` (green low slopes, brown, red summit), so tests have a second
/// real raster that differs from the hillshade at nearly every pixel. Throws when gdaldem fails.
std::string merapiColourRelief(const std::string& directory);

} // namespace testsupport
