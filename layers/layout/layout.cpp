#include "layers/layout/layout.h"

#include "geo/errors.h"
#include "layers/data_paths.h"
#include "layers/i18n.h"
#include "layers/theme.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace layers {

std::optional<Paper> paperFromName(const std::string& name)
{
    static const std::pair<const char*, Paper> names[] = {{"A4", Paper::A4},
                                                          {"A3", Paper::A3},
                                                          {"A2", Paper::A2},
                                                          {"A1", Paper::A1},
                                                          {"A0", Paper::A0}};
    for (const auto& [text, paper] : names) {
        if (QString::fromStdString(name).compare(text, Qt::CaseInsensitive) == 0) {
            return paper;
        }
    }
    return std::nullopt;
}

std::string paperName(Paper paper)
{
    switch (paper) {
    case Paper::A4:
        return "A4";
    case Paper::A3:
        return "A3";
    case Paper::A2:
        return "A2";
    case Paper::A1:
        return "A1";
    case Paper::A0:
        return "A0";
    }
    return "A4";
}

QSizeF PageSpec::sizeMm() const
{
    QSizeF portrait;
    switch (paper) {
    case Paper::A4:
        portrait = {210, 297};
        break;
    case Paper::A3:
        portrait = {297, 420};
        break;
    case Paper::A2:
        portrait = {420, 594};
        break;
    case Paper::A1:
        portrait = {594, 841};
        break;
    case Paper::A0:
        portrait = {841, 1189};
        break;
    }
    return landscape ? portrait.transposed() : portrait;
}

std::optional<LayoutTemplate::Grid> gridFromName(const std::string& name)
{
    if (name == "latlon" || name == "geografis") {
        return LayoutTemplate::Grid::LatLon;
    }
    if (name == "utm") {
        return LayoutTemplate::Grid::Utm;
    }
    if (name == "none" || name == "tanpa") {
        return LayoutTemplate::Grid::None;
    }
    return std::nullopt;
}

QString LayoutTemplate::title() const
{
    return language() == Language::English && !titleEn.isEmpty() ? titleEn : titleId;
}

QString LayoutTemplate::subtitle() const
{
    return language() == Language::English && !subtitleEn.isEmpty() ? subtitleEn : subtitleId;
}

LayoutTemplate LayoutTemplate::fromJson(const std::string& name, const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const std::string where = "data/layouts/" + name + ".json";
    if (!document.isObject()) {
        throw geo::Error(where + ": " + parseError.errorString().toStdString());
    }
    const QJsonObject object = document.object();
    LayoutTemplate result;
    result.name = name;
    const QString kind = object.value("kind").toString("map");
    if (kind == "map") {
        result.kind = Kind::Map;
    } else if (kind == "profile") {
        result.kind = Kind::Profile;
    } else {
        throw geo::Error(
            where + ": " +
            arg(tr("jenis '%1' tidak dikenal (map, profile)", "unknown kind '%1' (map, profile)"),
                {kind.toStdString()}));
    }
    result.titleId = object.value("title_id").toString();
    result.titleEn = object.value("title_en").toString();
    result.subtitleId = object.value("subtitle_id").toString();
    result.subtitleEn = object.value("subtitle_en").toString();
    for (const auto& value : object.value("layers").toArray()) {
        const std::string theme = value.toString().toStdString();
        if (!findTheme(theme)) {
            throw geo::Error(where + ": " +
                             arg(tr("tema '%1' tidak dikenal", "unknown theme '%1'"), {theme}));
        }
        result.layers.push_back(theme);
    }
    if (result.layers.empty()) {
        throw geo::Error(where + ": " + tr("tidak ada lapisan", "no layers"));
    }
    const auto grid = gridFromName(object.value("grid").toString("latlon").toStdString());
    if (!grid) {
        throw geo::Error(
            where + ": " +
            tr("grid harus latlon, utm atau none", "grid must be latlon, utm or none"));
    }
    result.grid = *grid;
    result.evacuationRoutes = object.value("evacuation_routes").toBool(false);
    const auto paper = paperFromName(object.value("paper").toString("A4").toStdString());
    if (!paper) {
        throw geo::Error(where + ": " + tr("kertas tidak dikenal", "unknown paper"));
    }
    result.paper = *paper;
    result.landscape = object.value("orientation").toString("landscape") != "portrait";
    return result;
}

std::vector<std::string> LayoutTemplate::available()
{
    std::vector<std::string> names;
    const QDir directory(QString::fromStdString(dataDirectory() + "/layouts"));
    for (const QString& file : directory.entryList({"*.json"}, QDir::Files, QDir::Name)) {
        names.push_back(file.chopped(5).toStdString());
    }
    return names;
}

LayoutTemplate LayoutTemplate::load(const std::string& name)
{
    QFile file(QString::fromStdString(dataDirectory() + "/layouts/" + name + ".json"));
    const bool safeName = name.find_first_of("/\\.") == std::string::npos && !name.empty();
    if (!safeName || !file.open(QIODevice::ReadOnly)) {
        std::string list;
        for (const auto& known : available()) {
            list += (list.empty() ? "" : ", ") + known;
        }
        throw geo::Error(arg(tr("templat tata letak '%1' tidak ada (tersedia: %2)",
                                "no layout template '%1' (available: %2)"),
                             {name, list}));
    }
    return fromJson(name, file.readAll());
}

std::vector<std::pair<std::string, QRectF>> LayoutGeometry::boxes() const
{
    return {{"page", page},
            {"frame", frame},
            {"map", map},
            {"title", title},
            {"north_arrow", northArrow},
            {"scale_bar", scaleBar},
            {"figures", figures},
            {"chart", chart},
            {"legend", legend},
            {"inset", inset},
            {"info", info},
            {"logo", logo}};
}

namespace {

/// Lays out a column of boxes from the top of `column`: fixed heights, and one flexible box
/// (height < 0) that takes what is left.
std::vector<QRectF> stack(const QRectF& column, const std::vector<double>& heights, double gap)
{
    double fixed = 0;
    int flexible = 0;
    for (double height : heights) {
        if (height >= 0) {
            fixed += height;
        } else {
            ++flexible;
        }
    }
    const double gaps = gap * double(heights.size() > 0 ? heights.size() - 1 : 0);
    const double flexHeight =
        flexible ? std::max(0.0, (column.height() - fixed - gaps) / flexible) : 0;
    std::vector<QRectF> boxes;
    double y = column.top();
    for (double height : heights) {
        const double h = height >= 0 ? height : flexHeight;
        boxes.emplace_back(column.left(), y, column.width(), h);
        y += h + gap;
    }
    return boxes;
}

} // namespace

LayoutGeometry
computeLayoutGeometry(const LayoutTemplate& layoutTemplate, const PageSpec& spec, bool withFigures)
{
    LayoutGeometry g;
    const QSizeF size = spec.sizeMm();
    g.unit = std::min(size.width(), size.height()) / 210.0;
    const double u = g.unit;
    g.page = QRectF(0, 0, size.width(), size.height());
    const double margin = 8 * u;
    g.frame = g.page.adjusted(margin, margin, -margin, -margin);
    const double gridBand = 6 * u; // grid labels outside the map's neat line
    const double gap = 3 * u;
    const bool profile = layoutTemplate.kind == LayoutTemplate::Kind::Profile;
    const QRectF inner = g.frame.adjusted(gap, gap, -gap, -gap);

    if (spec.landscape) {
        // Map on the left, a side panel on the right (the BIG/BNPB arrangement).
        const double side = std::round(inner.width() * 0.27 * 10) / 10;
        const QRectF panel(inner.right() - side, inner.top(), side, inner.height());
        QRectF mapArea(inner.left() + gridBand,
                       inner.top() + gridBand,
                       inner.width() - side - 2 * gridBand - gap,
                       inner.height() - 2 * gridBand);
        if (profile) {
            // The lower third of the map area holds the figures and the chart.
            const double lower = std::round(mapArea.height() * 0.36 * 10) / 10;
            const QRectF row(
                inner.left(), inner.bottom() - lower, inner.width() - side - gap, lower);
            mapArea.setBottom(row.top() - gridBand - gap);
            const double half = (row.width() - gap) / 2;
            g.figures = QRectF(row.left(), row.top(), half, row.height());
            g.chart = QRectF(row.left() + half + gap, row.top(), half, row.height());
        }
        g.map = mapArea;
        const double figuresHeight = withFigures && !profile ? 36 * u : -2;
        std::vector<double> heights = {26 * u, 20 * u};
        if (figuresHeight > 0) {
            heights.push_back(figuresHeight);
        }
        heights.insert(heights.end(),
                       {-1, side * (figuresHeight > 0 ? 0.42 : 0.62), 22 * u, 14 * u});
        const auto boxes = stack(panel, heights, gap);
        std::size_t k = 0;
        g.title = boxes[k++];
        const QRectF arrowRow = boxes[k++];
        g.northArrow =
            QRectF(arrowRow.left(), arrowRow.top(), arrowRow.height() * 0.8, arrowRow.height());
        g.scaleBar = QRectF(g.northArrow.right() + gap,
                            arrowRow.top(),
                            arrowRow.right() - g.northArrow.right() - gap,
                            arrowRow.height());
        if (figuresHeight > 0) {
            g.figures = boxes[k++];
        }
        g.legend = boxes[k++];
        g.inset = boxes[k++];
        g.info = boxes[k++];
        g.logo = boxes[k++];
        return g;
    }

    // Portrait: the title across the top, the map, then a band of columns at the bottom.
    const double titleHeight = 22 * u;
    g.title = QRectF(inner.left(), inner.top(), inner.width(), titleHeight);
    const double bandHeight = std::round(inner.height() * (profile ? 0.20 : 0.25) * 10) / 10;
    const QRectF band(inner.left(), inner.bottom() - bandHeight, inner.width(), bandHeight);
    double mapBottom = band.top() - gap - gridBand;
    if (profile || withFigures) {
        const double rowHeight = std::round(inner.height() * (profile ? 0.24 : 0.14) * 10) / 10;
        const QRectF row(inner.left(), band.top() - gap - rowHeight, inner.width(), rowHeight);
        if (profile) {
            const double half = (row.width() - gap) / 2;
            g.figures = QRectF(row.left(), row.top(), half, row.height());
            g.chart = QRectF(row.left() + half + gap, row.top(), half, row.height());
        } else {
            g.figures = row;
        }
        mapBottom = row.top() - gap - gridBand;
    }
    g.map = QRectF(inner.left() + gridBand,
                   g.title.bottom() + gap + gridBand,
                   inner.width() - 2 * gridBand,
                   mapBottom - (g.title.bottom() + gap + gridBand));
    const double legendWidth = std::round(band.width() * 0.42 * 10) / 10;
    const double middleWidth = std::round(band.width() * 0.26 * 10) / 10;
    g.legend = QRectF(band.left(), band.top(), legendWidth, band.height());
    const QRectF middle(g.legend.right() + gap, band.top(), middleWidth, band.height());
    const auto middleBoxes = stack(middle, {14 * u, -1}, gap);
    g.northArrow =
        QRectF(middle.left(), middle.top(), middleBoxes[0].height() * 0.8, middleBoxes[0].height());
    g.scaleBar = QRectF(g.northArrow.right() + gap,
                        middle.top(),
                        middle.right() - g.northArrow.right() - gap,
                        middleBoxes[0].height());
    g.inset = middleBoxes[1];
    const QRectF right(
        middle.right() + gap, band.top(), band.right() - middle.right() - gap, band.height());
    const auto rightBoxes = stack(right, {-1, 14 * u}, gap);
    g.info = rightBoxes[0];
    g.logo = rightBoxes[1];
    return g;
}

const std::vector<double>& standardScales()
{
    static const std::vector<double> scales = {
        1000,  2000,   2500,   5000,   10000,  15000,  20000,  25000,  30000,  40000,  50000,
        75000, 100000, 125000, 150000, 200000, 250000, 300000, 400000, 500000, 750000, 1000000};
    return scales;
}

double fittingScale(const MapRect& extent, double widthMm, double heightMm)
{
    const double needed =
        std::max(extent.width() / (widthMm / 1000.0), extent.height() / (heightMm / 1000.0));
    for (double scale : standardScales()) {
        if (scale >= needed) {
            return scale;
        }
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(needed)) - 1);
    return std::ceil(needed / magnitude) * magnitude;
}

ScaleBarSpec scaleBarFor(double scaleDenominator, double maxLengthMm)
{
    ScaleBarSpec spec;
    if (scaleDenominator <= 0 || maxLengthMm <= 0) {
        return spec;
    }
    const double maxMetres = maxLengthMm / 1000.0 * scaleDenominator;
    double magnitude = std::pow(10.0, std::floor(std::log10(maxMetres)));
    double best = magnitude;
    for (double step : {1.0, 2.0, 5.0}) {
        if (step * magnitude <= maxMetres) {
            best = step * magnitude;
        }
    }
    spec.totalMetres = best;
    const double leading = best / magnitude;
    spec.segments = leading == 5 ? 5 : 4; // 1 → 4 × 0.25, 2 → 4 × 0.5, 5 → 5 × 1
    spec.lengthMm = best / scaleDenominator * 1000.0;
    spec.kilometres = best >= 1000;
    return spec;
}

double gridInterval(double span, int lines, bool degrees)
{
    if (span <= 0 || lines <= 0) {
        return 0;
    }
    const double target = span / lines;
    if (degrees) {
        static const double seconds[] = {1,     2,     5,     10,    15,    20,     30,    60,
                                         120,   300,   600,   900,   1200,  1800,   3600,  7200,
                                         10800, 18000, 36000, 54000, 72000, 108000, 180000};
        for (double s : seconds) {
            if (s / 3600.0 >= target) {
                return s / 3600.0;
            }
        }
        return 90;
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(target)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= target) {
            return step * magnitude;
        }
    }
    return 10 * magnitude;
}

QString formatDms(double degrees, bool latitude)
{
    const bool negative = degrees < 0;
    long long totalSeconds = std::llround(std::fabs(degrees) * 3600.0);
    const long long d = totalSeconds / 3600;
    const long long m = (totalSeconds / 60) % 60;
    const long long s = totalSeconds % 60;
    QString text = QString::number(d) + QChar(0x00B0);
    if (m || s) {
        text += QString::number(m) + "'";
    }
    if (s) {
        text += QString::number(s) + "\"";
    }
    const bool english = language() == Language::English;
    QString hemisphere;
    if (latitude) {
        hemisphere = negative ? (english ? "S" : "LS") : (english ? "N" : "LU");
    } else {
        hemisphere = negative ? (english ? "W" : "BB") : (english ? "E" : "BT");
    }
    if (totalSeconds == 0) {
        return text;
    }
    return text + " " + hemisphere;
}

QString formatGrouped(double value, int decimals)
{
    const QLocale locale(language() == Language::English ? QLocale::English : QLocale::Indonesian);
    return locale.toString(value, 'f', decimals);
}

} // namespace layers
