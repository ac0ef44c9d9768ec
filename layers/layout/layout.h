#pragma once

#include "layers/render/map_settings.h"

#include <QRectF>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace layers {

/// ISO 216 paper sizes the layouts print on.
enum class Paper { A4, A3, A2, A1, A0 };

std::optional<Paper> paperFromName(const std::string& name);
std::string paperName(Paper paper);

struct PageSpec
{
    Paper paper = Paper::A4;
    bool landscape = true;
    double dpi = 300;
    /// Width and height in millimetres.
    QSizeF sizeMm() const;
};

/// A print template from data/layouts/<name>.json: what the page shows. The page geometry
/// follows from the kind and the paper, never from hand-placed boxes, so every template works
/// on every paper size and orientation.
struct LayoutTemplate
{
    enum class Kind { Map, Profile };
    enum class Grid { LatLon, Utm, None };
    std::string name;
    Kind kind = Kind::Map;
    QString titleId, titleEn, subtitleId, subtitleEn;
    std::vector<std::string> layers; ///< themes, bottom first
    Grid grid = Grid::LatLon;
    /// Draw the routes of the last evacuation plan (hasil_evakuasi_rute) with arrows.
    bool evacuationRoutes = false;
    Paper paper = Paper::A4;
    bool landscape = true;

    QString title() const;
    QString subtitle() const;

    /// Parses a template document; throws geo::Error naming the file and the reason.
    static LayoutTemplate fromJson(const std::string& name, const QByteArray& json);
    /// data/layouts/<name>.json; throws geo::Error listing the templates when there is none.
    static LayoutTemplate load(const std::string& name);
    /// The names of the templates in data/layouts, sorted.
    static std::vector<std::string> available();
};

std::optional<LayoutTemplate::Grid> gridFromName(const std::string& name);

/// The boxes of a page's elements, in millimetres from the page's top-left corner. Empty
/// rectangles are elements the page does not have.
struct LayoutGeometry
{
    QRectF page;       ///< the whole sheet
    QRectF frame;      ///< the outer neat line
    QRectF map;        ///< the map itself (grid labels sit outside it)
    QRectF title;      ///< title, subtitle and place
    QRectF northArrow; ///< north arrow
    QRectF scaleBar;   ///< scale bar and the 1:N scale
    QRectF figures;    ///< the village's (or kecamatan's) own figures
    QRectF chart;      ///< a bar chart (profile pages)
    QRectF legend;     ///< legend of what the map shows
    QRectF inset;      ///< locator map
    QRectF info;       ///< projection, sources, date and producer
    QRectF logo;       ///< logo slot
    double unit = 1;   ///< the page's size relative to A4 (1 on A4, 2 on A1): fonts scale by it

    /// Every named box, for tests and for the desktop preview.
    std::vector<std::pair<std::string, QRectF>> boxes() const;
};

/// The element boxes for a template on a page; withFigures reserves the figures box on a map
/// page (atlas pages and the atlas cover).
LayoutGeometry
computeLayoutGeometry(const LayoutTemplate& layoutTemplate, const PageSpec& page, bool withFigures);

/// The standard map scales (1:N) a layout snaps to: 1:1,000 … 1:1,000,000.
const std::vector<double>& standardScales();

/// The smallest standard scale at which extent (map units, metres) fits into a box of
/// widthMm × heightMm; larger than every standard scale: the exact fitting scale rounded up
/// to two significant digits.
double fittingScale(const MapRect& extent, double widthMm, double heightMm);

/// A scale bar: total length in metres, the number of segments and the length on paper.
struct ScaleBarSpec
{
    double totalMetres = 0;
    int segments = 0;
    double lengthMm = 0;
    bool kilometres = false; ///< labels in km (total of 1 km or more)
};

/// The longest round scale bar (1, 2 or 5 × 10^k metres) not longer than maxLengthMm at 1:N.
ScaleBarSpec scaleBarFor(double scaleDenominator, double maxLengthMm);

/// Grid spacing: a round interval giving about `lines` lines over span. For metres 1, 2, 2.5
/// or 5 × 10^k; for degrees a round number of seconds, minutes or degrees.
double gridInterval(double span, int lines, bool degrees);

/// Formats a latitude or longitude as degrees, minutes and seconds with the hemisphere in the
/// message language: 8°37'30" LS / 8°37'30" S; 122°12' BT / 122°12' E.
QString formatDms(double degrees, bool latitude);

/// Numbers with the language's digit grouping: 25.000 (Indonesian), 25,000 (English).
QString formatGrouped(double value, int decimals = 0);

} // namespace layers
