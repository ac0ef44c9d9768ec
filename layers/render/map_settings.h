#pragma once

#include "layers/render/style.h"
#include "layers/render/thematic_layer.h"

#include <QColor>
#include <QSize>

#include <optional>
#include <string>
#include <vector>

namespace layers {

/// A rectangle in map units of some CRS.
struct MapRect
{
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    bool isValid() const { return maxX > minX && maxY > minY; }
};

/// One vector theme to draw; drawn in list order (first at the bottom).
struct MapLayer
{
    std::string theme;
    bool visible = true;
    double opacity = 1.0;
    std::optional<ThemeStyle> style; ///< unset = ThemeStyle::load(theme)
    /// Only features whose fid is listed are drawn highlighted on top (selection).
    std::vector<long long> highlighted;
};

/// A raster background read through GDAL. MapSettings::rasters draws them in list order (first
/// at the bottom), each blended over what is below it with its opacity (0..1); a hidden one or
/// one at opacity 0 is not read at all.
struct RasterLayer
{
    enum class Kind { Image, Hillshade, MBTiles };
    std::string path;
    Kind kind = Kind::Image;
    bool visible = true;
    double opacity = 1.0;
};

/// An immutable snapshot of everything a render needs: the worker copies it and never looks
/// at live objects. Extent is in `crs` units; it is widened to the output's aspect ratio.
struct MapSettings
{
    std::string projectPath;
    std::string crs = "EPSG:4326";
    MapRect extent;
    QSize size = QSize(800, 600);
    double dpi = 96;
    std::vector<RasterLayer> rasters; ///< drawn below the vector layers
    std::vector<MapLayer> layers;
    /// Choropleths and density surfaces draw over the rasters and under `layers`; symbols and
    /// pie charts over `layers`.
    std::vector<ThematicLayer> thematicLayers;
    /// The routes of the last evacuation plan (`hasil_evakuasi_rute`) over the layers, with an
    /// arrowhead at the site.
    bool evacuationRoutes = false;
    QColor background = QColor(255, 255, 255);
    bool labels = true;
    bool antialiasing = true;

    /// The extent widened so that it has the same aspect ratio as size (centre kept).
    MapRect visibleExtent() const;
    /// Map units per output pixel.
    double mapUnitsPerPixel() const;
    /// The 1:N scale of the output, for a metric CRS (degrees converted at the centre).
    double scaleDenominator() const;
};

/// Themes in the order a map draws them, bottom first: areas under lines under points, so
/// hazard zones never hide the assets and evacuation sites inside them.
const std::vector<std::string>& defaultLayerOrder();

/// One visible MapLayer per theme, in defaultLayerOrder().
std::vector<MapLayer> defaultLayers();

} // namespace layers
