#pragma once

#include "geo/geometry_check.h"
#include "layers/render/style.h"

#include <QRectF>

class QPainter;

namespace layers {

/// Draws a point symbol (its SVG icon, else its shape) filling box. dpi sets the stroke width.
void drawMarkerSymbol(QPainter& painter, const Symbol& symbol, const QRectF& box, double dpi);

/// Draws a legend swatch for a symbol of a theme with the given geometry family: a line for
/// lines, a filled rectangle for areas, the marker for points (and mixed themes).
void drawLegendSwatch(QPainter& painter,
                      const Symbol& symbol,
                      geo::GeometryFamily family,
                      const QRectF& box,
                      double dpi);

} // namespace layers
