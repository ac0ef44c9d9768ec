#pragma once

#include "layers/layout/layout.h"
#include "layers/layout/layout_data.h"
#include "layers/render/map_settings.h"
#include "layers/render/render_feedback.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

class QPainter;

namespace layers {

/// A bar of the page's chart.
struct ChartBar
{
    QString label;
    double value = 0;
    QColor color;
};

/// Everything one printed page shows. Built by the layout export (one per atlas village) and by
/// the desktop preview; painting it touches only the project file, read-only.
struct LayoutPage
{
    LayoutTemplate layoutTemplate;
    PageSpec spec;
    std::string projectPath;
    std::string crs; ///< the map's metric CRS ("EPSG:32751")
    MapRect focus;   ///< the extent (crs units) the map must show; the scale is rounded
    std::optional<std::int64_t> village; ///< wilayah fid: outlined, its neighbours dimmed
    bool withFigures = false;            ///< reserve the figures box on a map page
    QString title;
    QString subtitle;
    QString place; ///< "Desa Watugong, Kecamatan Alok Timur"
    QString figuresTitle;
    FigureRows figures;
    QString chartTitle;
    std::vector<ChartBar> chart;
    QString sources;
    QString producer;
    QString date;
    QString logoPath;
    QString pageLabel; ///< "Halaman 2 dari 22", "" on single pages
    bool illustrative = false;
    bool labels = true;
    bool allScales = false;           ///< ignore the styles' scale limits and the legibility rule
    std::vector<RasterLayer> rasters; ///< backgrounds under the themes (the project's visible ones)
};

struct LayoutPageResult
{
    LayoutGeometry geometry;
    MapRect extent;   ///< the map's extent in crs units
    double scale = 0; ///< the map's 1:N
    std::size_t legendEntries = 0;
    std::vector<std::string> legendThemes; ///< the themes the legend lists, top first
    std::size_t routes = 0;                ///< evacuation routes drawn
    std::vector<std::string> errors; ///< layers that failed to draw; the page is still complete
};

/// Paints the page onto a painter whose device is the whole sheet at page.spec.dpi (a PDF or
/// SVG page or an image), on the calling thread.
LayoutPageResult
paintLayoutPage(QPainter& painter, const LayoutPage& page, const RenderFeedback& feedback);

/// The map scale and extent a page will use (no painting): the smallest standard scale at which
/// page.focus fits the map box, centred on it.
std::pair<double, MapRect> pageMapExtent(const LayoutPage& page, const LayoutGeometry& geometry);

} // namespace layers
