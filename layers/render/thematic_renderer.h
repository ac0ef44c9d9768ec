#pragma once

#include "layers/render/map_settings.h"
#include "layers/render/render_feedback.h"

#include <QPainter>

#include <string>
#include <vector>

namespace geo {
class SpatialDatabase;
struct DensityGrid;
} // namespace geo

namespace layers {

/// Draws the settings' visible thematic layers of one stage (under or above the vector
/// layers) onto a painter covering settings.size. Any thread; opens its own connection.
/// A failing layer adds an error and the others still draw.
void drawThematicLayers(QPainter& painter,
                        const MapSettings& settings,
                        bool aboveVectors,
                        const RenderFeedback& feedback,
                        std::vector<std::string>& errors);

/// The legend of a thematic layer (classes with their ranges and unit, reference circles,
/// pie categories, the density ramp), computed from the project as the map draws it.
/// Throws geo::Error / ProjectError on a missing table or column.
ThematicLegend thematicLegend(const std::string& projectPath, const ThematicLayer& layer);

/// Tables a choropleth can use: `wilayah` and the project's `hasil_*` tables, sorted.
std::vector<std::string> choroplethTables(const std::string& projectPath);
/// The numeric (INTEGER/REAL/DOUBLE/NUMERIC) columns of a table, without keys (fid, id,
/// *_fid, kode*), in table order.
std::vector<std::string> numericColumns(const std::string& projectPath, const std::string& table);

/// Draws one legend item's symbol into box (for the layer panel and print layouts).
void drawLegendSymbol(QPainter& painter, const QRectF& box, const LegendItem& item, double dpi);

/// Draws a legend block (title, note, one row per item) with its top-left corner at `topLeft`
/// and returns the rectangle it covered. Text in the bundled font, sizes in points and
/// millimetres at `dpi`, on a translucent white panel when `panel` is set.
QRectF drawThematicLegend(QPainter& painter,
                          const QPointF& topLeft,
                          const ThematicLegend& legend,
                          double dpi,
                          bool panel = true);

/// The numeric values of a choropleth per feature (village), as classified; NaN for a village
/// without a value. Exposed for tests and the CLI summary.
struct ChoroplethValue
{
    std::string key;  ///< village code or fid
    std::string name; ///< village name when known
    double value = 0;
};
std::vector<ChoroplethValue> choroplethValues(const std::string& projectPath,
                                              const ThematicLayer& layer);

/// Per village (desa/kelurahan in `wilayah`) and category: the count of `pointTable`
/// features, or the sum of `weightColumn`, for features whose point on surface lies in the
/// village (SpatiaLite SQL through the R*Tree). The one aggregation the symbols and pies use.
struct VillageCategoryTotal
{
    std::string villageCode;
    std::string villageName;
    double x = 0, y = 0; ///< the village's point on surface, EPSG:4326
    std::string category;
    double total = 0;
};
std::vector<VillageCategoryTotal> villageCategoryTotals(geo::SpatialDatabase& db,
                                                        const std::string& pointTable,
                                                        const std::string& categoryColumn,
                                                        const std::string& weightColumn);

/// The density grid of a layer in the project's working metric CRS (`metricCrs` receives it),
/// over the data's extent plus the bandwidth; cached per project file state and parameters.
geo::DensityGrid
densityGrid(const std::string& projectPath, const ThematicLayer& layer, std::string& metricCrs);

} // namespace layers
