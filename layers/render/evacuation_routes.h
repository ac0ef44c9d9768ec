#pragma once

#include "layers/render/map_settings.h"

#include <QColor>

#include <functional>
#include <string>
#include <utility>
#include <vector>

class QPainter;
class QPointF;

namespace layers {

/// The green of evacuation routes (arah evakuasi) on screen and on paper.
QColor evacuationRouteColor();

/// One route as a polyline in a map CRS, from the settlement to the evacuation site.
using RouteLine = std::vector<std::pair<double, double>>;

/// The evacuation routes of the last evacuation plan (`hasil_evakuasi_rute`) whose bounds
/// touch box (EPSG:4326), as polylines in crs running from the settlement to the site; empty
/// when the plan was never run.
std::vector<RouteLine>
evacuationRoutes(const std::string& projectPath, const MapRect& box, const std::string& crs);

/// Draws routes as round-capped lines widthPx wide with an arrowhead of headPx at the site end,
/// toDevice mapping map coordinates to the painter's. Returns how many routes were drawn.
std::size_t drawEvacuationRoutes(QPainter& painter,
                                 const std::vector<RouteLine>& routes,
                                 const std::function<QPointF(double, double)>& toDevice,
                                 double widthPx,
                                 double headPx);

} // namespace layers
