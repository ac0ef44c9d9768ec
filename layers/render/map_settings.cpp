#include "layers/render/map_settings.h"

#include "geo/coordinate_transform.h"

#include <cmath>

namespace layers {

MapRect MapSettings::visibleExtent() const
{
    if (!extent.isValid() || size.width() <= 0 || size.height() <= 0) {
        return extent;
    }
    const double outputAspect = double(size.width()) / size.height();
    const double extentAspect = extent.width() / extent.height();
    MapRect visible = extent;
    const double cx = (extent.minX + extent.maxX) / 2;
    const double cy = (extent.minY + extent.maxY) / 2;
    if (extentAspect < outputAspect) {
        const double halfWidth = extent.height() * outputAspect / 2;
        visible.minX = cx - halfWidth;
        visible.maxX = cx + halfWidth;
    } else {
        const double halfHeight = extent.width() / outputAspect / 2;
        visible.minY = cy - halfHeight;
        visible.maxY = cy + halfHeight;
    }
    return visible;
}

double MapSettings::mapUnitsPerPixel() const
{
    return size.width() > 0 ? visibleExtent().width() / size.width() : 0;
}

double MapSettings::scaleDenominator() const
{
    double metresPerPixel = mapUnitsPerPixel();
    if (!geo::isProjectedCrs(crs)) {
        const MapRect visible = visibleExtent();
        const double latitude = (visible.minY + visible.maxY) / 2 * M_PI / 180;
        metresPerPixel *= 111320.0 * std::cos(latitude);
    }
    return metresPerPixel / (0.0254 / dpi);
}

const std::vector<std::string>& defaultLayerOrder()
{
    static const std::vector<std::string> order = {"wilayah",
                                                   "potensi_ekonomi",
                                                   "zona_bahaya",
                                                   "jalan",
                                                   "permukiman",
                                                   "aset_desa",
                                                   "pusat_kemasyarakatan",
                                                   "bumdes_unit",
                                                   "titik_evakuasi",
                                                   "kerusakan"};
    return order;
}

std::vector<MapLayer> defaultLayers()
{
    std::vector<MapLayer> layers;
    for (const auto& theme : defaultLayerOrder()) {
        layers.push_back({theme, true, 1.0, std::nullopt, {}});
    }
    return layers;
}

} // namespace layers
