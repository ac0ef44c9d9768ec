#pragma once

#include "layers/render/map_settings.h"
#include "layers/render/render_feedback.h"

#include <QImage>

#include <string>
#include <vector>

namespace layers {

struct RenderResult
{
    QImage image;                    ///< ARGB32 premultiplied, settings.size
    std::vector<std::string> errors; ///< one per layer that failed; the others still drew
    bool canceled = false;
    double seconds = 0;
    std::vector<std::pair<std::string, double>> layerSeconds; ///< time spent per layer drawn
};

/// Draws the settings' layers into a new image, synchronously, on the calling thread (any
/// thread: it opens its own database connections and uses the thread's PROJ/GEOS contexts).
/// One failing layer adds an error and the others still draw.
RenderResult renderMap(const MapSettings& settings, const RenderFeedback& feedback);

/// The same as renderMap, painting onto an existing painter (layouts, PDF export) whose device
/// covers settings.size pixels at settings.dpi.
std::vector<std::string>
renderMapTo(QPainter& painter,
            const MapSettings& settings,
            const RenderFeedback& feedback,
            std::vector<std::pair<std::string, double>>* layerSeconds = nullptr);

/// The extent of the project's data in crs (EPSG:4326 storage transformed), or an invalid
/// rectangle when the project is empty.
MapRect projectExtent(const std::string& projectPath, const std::string& crs);

/// A key that changes whenever the project file or its WAL changes (path, size and
/// modification time of both): for caches of what is read from the file.
std::string projectFileStamp(const std::string& projectPath);

/// The box in toCrs covering a box in fromCrs (its edges sampled, so curved edges count);
/// invalid when nothing transforms.
MapRect transformBox(const MapRect& box, const std::string& fromCrs, const std::string& toCrs);

/// The EPSG:4326 box covering an extent in crs (its edges sampled, so curved edges count).
MapRect storageBoxOf(const MapRect& extent, const std::string& crs);

/// The EPSG:4326 bounds of every theme's R*Tree (float32, rounded outwards), uncached.
MapRect storageExtent(const std::string& projectPath);

} // namespace layers
