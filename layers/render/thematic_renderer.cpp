#include "layers/render/thematic_renderer.h"

#include "geo/analysis/kernel_density.h"
#include "geo/coordinate_transform.h"
#include "geo/errors.h"
#include "geo/spatial_database.h"
#include "geo/spatialite_blob.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/render/fonts.h"
#include "layers/render/map_renderer.h"
#include "layers/render/number_format.h"
#include "layers/render/style.h"

#include <QFont>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <set>

namespace layers {

namespace {

constexpr double noValue = std::numeric_limits<double>::quiet_NaN();
const char* villageTiers = "('desa', 'kelurahan')";

double mmToPixels(double mm, double dpi)
{
    return mm * dpi / 25.4;
}

QString fromUtf8(const std::string& text)
{
    return QString::fromStdString(text);
}

std::set<std::string> columnsOf(geo::SpatialDatabase& db, const std::string& table)
{
    if (!db.tableExists(table)) {
        throw ProjectError(
            arg(tr("tabel '%1' tidak ada di proyek", "table '%1' is not in the project"), {table}));
    }
    std::set<std::string> names;
    auto statement = db.prepare("PRAGMA table_info(" + geo::quoteIdentifier(table) + ")");
    while (statement.step()) {
        names.insert(statement.text(1));
    }
    return names;
}

void requireColumn(const std::set<std::string>& columns,
                   const std::string& table,
                   const std::string& column)
{
    if (!columns.count(column)) {
        throw ProjectError(
            arg(tr("kolom '%1' tidak ada di tabel '%2'", "column '%1' is not in table '%2'"),
                {column, table}));
    }
}

/// "col1 = ? AND col2 = ?" for the filters (columns checked, values bound from `first`).
std::string filterClause(const ThematicLayer& layer,
                         const std::set<std::string>& columns,
                         const std::string& prefix)
{
    std::string clause;
    for (const auto& [column, value] : layer.filters) {
        requireColumn(columns, layer.table, column);
        clause += (clause.empty() ? "" : " AND ") + prefix + geo::quoteIdentifier(column) + " = ?";
    }
    return clause;
}

void bindFilters(geo::Statement& statement, const ThematicLayer& layer, int first)
{
    for (const auto& filter : layer.filters) {
        statement.bind(first++, filter.second);
    }
}

struct ChoroplethRow
{
    std::string key;
    std::string name;
    double value = noValue;
    std::vector<unsigned char> geometry;
};

/// The rows of a choropleth: one per village (or per feature of a table with geometry).
std::vector<ChoroplethRow>
choroplethRows(geo::SpatialDatabase& db, const ThematicLayer& layer, bool withGeometry)
{
    if (layer.valueColumn.empty()) {
        throw ProjectError(
            tr("peta tematik: kolom nilai belum dipilih", "thematic map: no value column chosen"));
    }
    const auto columns = columnsOf(db, layer.table);
    requireColumn(columns, layer.table, layer.valueColumn);
    const std::string value = geo::quoteIdentifier(layer.valueColumn);
    const std::string numeric =
        "CASE WHEN typeof(" + value + ") IN ('integer', 'real') THEN " + value + " END";
    std::string sql;
    const bool ownGeometry = columns.count("geom") && layer.keyColumn.empty();
    if (ownGeometry) {
        const std::string key = columns.count("kode") ? "kode" : "rowid";
        const std::string name = columns.count("nama") ? "nama" : "NULL";
        sql = "SELECT " + key + ", " + name + ", " + numeric + ", " +
              (withGeometry ? "geom" : "NULL") + " FROM " + geo::quoteIdentifier(layer.table) +
              " WHERE geom IS NOT NULL";
        bool tierFiltered = false;
        for (const auto& filter : layer.filters) {
            tierFiltered = tierFiltered || filter.first == "tingkat";
        }
        if (layer.table == "wilayah" && !tierFiltered) {
            sql += std::string(" AND tingkat IN ") + villageTiers;
        }
        const std::string filters = filterClause(layer, columns, "");
        if (!filters.empty()) {
            sql += " AND " + filters;
        }
    } else {
        std::string key = layer.keyColumn;
        if (key.empty()) {
            for (const char* candidate : {"kode_wilayah", "kode_desa", "kode"}) {
                if (columns.count(candidate)) {
                    key = candidate;
                    break;
                }
            }
        }
        if (key.empty()) {
            throw ProjectError(arg(tr("tabel '%1' tidak punya geometri atau kode desa "
                                      "(kode_wilayah, kode_desa, kode)",
                                      "table '%1' has neither a geometry nor a village code "
                                      "(kode_wilayah, kode_desa, kode)"),
                                   {layer.table}));
        }
        requireColumn(columns, layer.table, key);
        const std::string filters = filterClause(layer, columns, "");
        sql = "SELECT w.kode, w.nama, v.total, " + std::string(withGeometry ? "w.geom" : "NULL") +
              " FROM wilayah w LEFT JOIN (SELECT " + geo::quoteIdentifier(key) + " AS k, SUM(" +
              numeric + ") AS total FROM " + geo::quoteIdentifier(layer.table) +
              (filters.empty() ? "" : " WHERE " + filters) + " GROUP BY " +
              geo::quoteIdentifier(key) + ") v ON v.k = w.kode WHERE w.tingkat IN " + villageTiers +
              " AND w.geom IS NOT NULL";
    }
    auto statement = db.prepare(sql);
    bindFilters(statement, layer, 1);
    std::vector<ChoroplethRow> rows;
    while (statement.step()) {
        ChoroplethRow row;
        row.key = statement.text(0);
        row.name = statement.isNull(1) ? std::string() : statement.text(1);
        row.value = statement.isNull(2) ? noValue : statement.real(2);
        if (withGeometry) {
            row.geometry = statement.blob(3);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

Classification classifyRows(const std::vector<ChoroplethRow>& rows, const ThematicLayer& layer)
{
    std::vector<double> values;
    values.reserve(rows.size());
    for (const auto& row : rows) {
        values.push_back(row.value);
    }
    return classify(std::move(values), layer.method, layer.classes, layer.ramp);
}

/// Maps display-CRS coordinates to output pixels.
struct PixelMap
{
    MapRect visible;
    double unitsPerPixel = 1;
    QPointF operator()(double x, double y) const
    {
        return QPointF((x - visible.minX) / unitsPerPixel, (visible.maxY - y) / unitsPerPixel);
    }
};

PixelMap pixelMapOf(const MapSettings& settings)
{
    return {settings.visibleExtent(), settings.mapUnitsPerPixel()};
}

QPainterPath pathOf(const geo::FlatGeometry& geometry, const PixelMap& toPixel)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (std::size_t part = 0; part < geometry.partCount(); ++part) {
        QPolygonF ring;
        for (std::uint32_t p = geometry.partStarts[part]; p < geometry.partStarts[part + 1]; ++p) {
            ring << toPixel(geometry.xy[2 * p], geometry.xy[2 * p + 1]);
        }
        path.addPolygon(ring);
        path.closeSubpath();
    }
    return path;
}

const QColor noDataColor(222, 222, 222);

void drawChoropleth(QPainter& painter,
                    geo::SpatialDatabase& db,
                    const MapSettings& settings,
                    const ThematicLayer& layer,
                    const RenderFeedback& feedback)
{
    const auto rows = choroplethRows(db, layer, true);
    const Classification classes = classifyRows(rows, layer);
    geo::CoordinateTransform toDisplay("EPSG:4326", settings.crs);
    const PixelMap toPixel = pixelMapOf(settings);
    const QRectF canvas(QPointF(0, 0), QSizeF(settings.size));
    painter.save();
    painter.setOpacity(layer.opacity);
    painter.setPen(QPen(QColor(255, 255, 255), std::max(0.6, mmToPixels(0.3, settings.dpi))));
    geo::FlatGeometry geometry;
    for (const auto& row : rows) {
        if (feedback.isCanceled()) {
            break;
        }
        if (row.geometry.empty() ||
            !geo::parseSpatialiteBlob(row.geometry.data(), row.geometry.size(), geometry) ||
            geometry.kind != geo::FlatGeometry::Kind::Polygon) {
            continue;
        }
        toDisplay.transformInterleaved(geometry.xy.data(), geometry.pointCount());
        const QPainterPath path = pathOf(geometry, toPixel);
        if (!path.boundingRect().intersects(canvas)) {
            continue;
        }
        const int c = classes.classOf(row.value);
        painter.setBrush(c < 0 ? noDataColor : classes.colors[std::size_t(c)]);
        painter.drawPath(path);
    }
    // Village edges once more in grey over the fills, so neighbours of one class stay apart.
    painter.setOpacity(1.0);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(110, 110, 110), std::max(0.5, mmToPixels(0.15, settings.dpi))));
    for (const auto& row : rows) {
        if (!row.geometry.empty() &&
            geo::parseSpatialiteBlob(row.geometry.data(), row.geometry.size(), geometry) &&
            geometry.kind == geo::FlatGeometry::Kind::Polygon) {
            toDisplay.transformInterleaved(geometry.xy.data(), geometry.pointCount());
            painter.drawPath(pathOf(geometry, toPixel));
        }
    }
    painter.restore();
}

/// Category colours of the point table's style (opaque), in the style's legend order.
struct CategoryColours
{
    std::vector<std::pair<std::string, Symbol>> ordered;
    Symbol fallback;
    QColor colourOf(const std::string& category) const
    {
        for (const auto& [value, symbol] : ordered) {
            if (value == category) {
                QColor c = symbol.fill;
                c.setAlpha(255);
                return c;
            }
        }
        QColor c = fallback.fill;
        c.setAlpha(255);
        return c;
    }
    QString labelOf(const std::string& category) const
    {
        for (const auto& [value, symbol] : ordered) {
            if (value == category) {
                return symbol.label();
            }
        }
        return category.empty() ? fallback.label() : fromUtf8(category);
    }
    int rankOf(const std::string& category) const
    {
        for (std::size_t i = 0; i < ordered.size(); ++i) {
            if (ordered[i].first == category) {
                return int(i);
            }
        }
        return int(ordered.size());
    }
};

CategoryColours categoryColours(const std::string& table)
{
    const ThemeStyle style = ThemeStyle::load(table);
    return {style.categories, style.defaultSymbol};
}

struct VillageTotals
{
    std::string code;
    double x = 0, y = 0;
    double total = 0;
    std::vector<std::pair<std::string, double>> categories; ///< in style order
};

std::vector<VillageTotals> villageTotals(geo::SpatialDatabase& db, const ThematicLayer& layer)
{
    const auto rows =
        villageCategoryTotals(db, layer.pointTable, layer.categoryColumn, layer.weightColumn);
    const CategoryColours colours = categoryColours(layer.pointTable);
    std::map<std::string, VillageTotals> byCode;
    for (const auto& row : rows) {
        auto& village = byCode[row.villageCode];
        village.code = row.villageCode;
        village.x = row.x;
        village.y = row.y;
        village.total += row.total;
        village.categories.emplace_back(row.category, row.total);
    }
    std::vector<VillageTotals> list;
    for (auto& [code, village] : byCode) {
        std::sort(village.categories.begin(),
                  village.categories.end(),
                  [&](const auto& a, const auto& b) {
                      return colours.rankOf(a.first) < colours.rankOf(b.first);
                  });
        if (village.total > 0) {
            list.push_back(std::move(village));
        }
    }
    // Largest first, so small circles stay visible on top.
    std::sort(
        list.begin(), list.end(), [](const auto& a, const auto& b) { return a.total > b.total; });
    return list;
}

constexpr double largestSymbolMm = 12; ///< diameter of the largest village's circle
constexpr double smallestSymbolMm = 2;

double symbolDiameterMm(double total, double largestTotal)
{
    if (largestTotal <= 0) {
        return smallestSymbolMm;
    }
    return std::max(smallestSymbolMm, largestSymbolMm * std::sqrt(total / largestTotal));
}

const QColor symbolColour(253, 141, 60); // YlOrRd's orange

void drawSymbols(QPainter& painter,
                 geo::SpatialDatabase& db,
                 const MapSettings& settings,
                 const ThematicLayer& layer)
{
    const auto villages = villageTotals(db, layer);
    if (villages.empty()) {
        return;
    }
    const double largest = villages.front().total;
    const CategoryColours colours = categoryColours(layer.pointTable);
    geo::CoordinateTransform toDisplay("EPSG:4326", settings.crs);
    const PixelMap toPixel = pixelMapOf(settings);
    painter.save();
    painter.setOpacity(layer.opacity);
    const QPen outline(QColor(60, 60, 60), std::max(0.6, mmToPixels(0.2, settings.dpi)));
    for (const auto& village : villages) {
        double x = village.x, y = village.y;
        if (!toDisplay.transform(x, y)) {
            continue;
        }
        const QPointF centre = toPixel(x, y);
        const double radius =
            mmToPixels(symbolDiameterMm(village.total, largest), settings.dpi) / 2;
        const QRectF box(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius);
        if (layer.kind == ThematicLayer::Kind::ProportionalSymbols) {
            QColor fill = symbolColour;
            fill.setAlpha(200);
            painter.setPen(outline);
            painter.setBrush(fill);
            painter.drawEllipse(box);
            continue;
        }
        // Pie: slices clockwise from twelve o'clock in the style's category order.
        double start = 90 * 16;
        painter.setPen(QPen(QColor(255, 255, 255), std::max(0.5, mmToPixels(0.12, settings.dpi))));
        for (const auto& [category, total] : village.categories) {
            const double span = -total / village.total * 360 * 16;
            painter.setBrush(colours.colourOf(category));
            if (village.categories.size() == 1) {
                painter.drawEllipse(box);
            } else {
                painter.drawPie(box, int(std::lround(start)), int(std::lround(span)));
            }
            start += span;
        }
        painter.setPen(outline);
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(box);
    }
    painter.restore();
}

/// The working metric CRS of a project (its UTM zone by default).
std::string metricCrsOf(geo::SpatialDatabase& db)
{
    auto statement = db.prepare("SELECT nilai FROM proyek WHERE kunci = 'crs_kerja'");
    std::string crs = statement.step() && !statement.isNull(0) ? statement.text(0) : std::string();
    if (crs.empty() || !geo::isProjectedCrs(crs)) {
        throw ProjectError(tr("proyek belum punya CRS kerja metrik untuk kepadatan kernel",
                              "the project has no metric working CRS for the kernel density"));
    }
    return crs;
}

std::vector<QColor> densityRamp(ColorRamp ramp)
{
    return rampColors(ramp, 9);
}

/// Colour of a density share t in [0, 1]: the ramp with alpha rising from transparent.
QColor densityColour(const std::vector<QColor>& ramp, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const double position = t * double(ramp.size() - 1);
    const auto lower = std::min(ramp.size() - 2, std::size_t(std::floor(position)));
    const double f = position - double(lower);
    const QColor& a = ramp[lower];
    const QColor& b = ramp[lower + 1];
    QColor c(int(std::lround(a.red() + f * (b.red() - a.red()))),
             int(std::lround(a.green() + f * (b.green() - a.green()))),
             int(std::lround(a.blue() + f * (b.blue() - a.blue()))));
    c.setAlphaF(float(std::min(1.0, 0.25 + 0.75 * std::sqrt(t))));
    return c;
}

void drawDensity(QPainter& painter, const MapSettings& settings, const ThematicLayer& layer)
{
    std::string metric;
    const geo::DensityGrid grid = densityGrid(settings.projectPath, layer, metric);
    if (grid.width == 0 || grid.maximum <= 0) {
        return;
    }
    const auto ramp = densityRamp(layer.ramp);
    QImage image(grid.width, grid.height, QImage::Format_ARGB32);
    const double floor = grid.maximum * 0.02; // the faint rim of every kernel stays clear
    for (int r = 0; r < grid.height; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < grid.width; ++c) {
            const float v = grid.at(c, r);
            line[c] = v <= floor ? qRgba(0, 0, 0, 0) : densityColour(ramp, v / grid.maximum).rgba();
        }
    }
    // The grid's corners in the display CRS: a projective map is exact for the same CRS and
    // within a fraction of a pixel between UTM and lon/lat over a kecamatan.
    geo::CoordinateTransform toDisplay(metric, settings.crs);
    const PixelMap toPixel = pixelMapOf(settings);
    const double right = grid.originX + grid.width * grid.cellSize;
    const double bottom = grid.originY - grid.height * grid.cellSize;
    QPolygonF corners;
    for (const auto& [x0, y0] : {std::pair{grid.originX, grid.originY},
                                 std::pair{right, grid.originY},
                                 std::pair{right, bottom},
                                 std::pair{grid.originX, bottom}}) {
        double x = x0, y = y0;
        if (!toDisplay.transform(x, y)) {
            throw geo::ProjError("density grid corner outside " + settings.crs);
        }
        corners << toPixel(x, y);
    }
    QTransform transform;
    const QPolygonF cells({QPointF(0, 0),
                           QPointF(grid.width, 0),
                           QPointF(grid.width, grid.height),
                           QPointF(0, grid.height)});
    if (!QTransform::quadToQuad(cells, corners, transform)) {
        throw geo::Error("density grid: degenerate corners in " + settings.crs);
    }
    painter.save();
    painter.setOpacity(layer.opacity);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.setTransform(transform, true);
    painter.drawImage(QPointF(0, 0), image);
    painter.restore();
}

QString defaultTitle(const ThematicLayer& layer)
{
    switch (layer.kind) {
    case ThematicLayer::Kind::Choropleth:
        return fromUtf8(layer.valueColumn) +
               (layer.table == "wilayah" ? QString()
                                         : QStringLiteral(" (") + fromUtf8(layer.table) + ")");
    case ThematicLayer::Kind::ProportionalSymbols:
    case ThematicLayer::Kind::PieCharts:
        return fromUtf8(layer.pointTable) + QStringLiteral(" ") +
               (layer.weightColumn.empty()
                    ? QString::fromUtf8(tr("per desa", "per village"))
                    : fromUtf8(layer.weightColumn) + " " + tr("per desa", "per village"));
    case ThematicLayer::Kind::Density:
        return QString::fromUtf8(tr("Kepadatan ", "Density of ")) + fromUtf8(layer.pointTable);
    }
    return {};
}

QString withUnit(QString title, const QString& unit)
{
    return unit.isEmpty() ? title : title + QStringLiteral(" (") + unit + ")";
}

QString methodLabel(ClassMethod method)
{
    switch (method) {
    case ClassMethod::Quantile:
        return QString::fromUtf8(tr("kuantil", "quantile"));
    case ClassMethod::EqualInterval:
        return QString::fromUtf8(tr("interval sama", "equal interval"));
    case ClassMethod::NaturalBreaks:
        return QString::fromUtf8(tr("jeda alami (Jenks)", "natural breaks (Jenks)"));
    }
    return {};
}

} // namespace

std::vector<VillageCategoryTotal> villageCategoryTotals(geo::SpatialDatabase& db,
                                                        const std::string& pointTable,
                                                        const std::string& categoryColumn,
                                                        const std::string& weightColumn)
{
    const auto columns = columnsOf(db, pointTable);
    requireColumn(columns, pointTable, "geom");
    std::string category = "NULL";
    if (!categoryColumn.empty()) {
        requireColumn(columns, pointTable, categoryColumn);
        category = "p." + geo::quoteIdentifier(categoryColumn);
    }
    std::string weight = "1";
    if (!weightColumn.empty()) {
        requireColumn(columns, pointTable, weightColumn);
        weight = "coalesce(p." + geo::quoteIdentifier(weightColumn) + ", 0)";
    }
    // The R*Tree narrows candidates to the village's box; the point on surface decides.
    const std::string sql =
        "SELECT w.kode, w.nama, X(PointOnSurface(w.geom)), Y(PointOnSurface(w.geom)), " + category +
        ", SUM(" + weight + ") FROM wilayah w JOIN " + geo::quoteIdentifier(pointTable) +
        " p ON p.fid IN (SELECT pkid FROM " + geo::quoteIdentifier("idx_" + pointTable + "_geom") +
        " WHERE xmin <= MbrMaxX(w.geom) AND xmax >= MbrMinX(w.geom) AND ymin <= MbrMaxY(w.geom) "
        "AND ymax >= MbrMinY(w.geom)) AND ST_Within(PointOnSurface(p.geom), w.geom) = 1 "
        "WHERE w.tingkat IN " +
        std::string(villageTiers) + " GROUP BY w.kode, 5 ORDER BY w.kode, 5";
    auto statement = db.prepare(sql);
    std::vector<VillageCategoryTotal> totals;
    while (statement.step()) {
        VillageCategoryTotal row;
        row.villageCode = statement.text(0);
        row.villageName = statement.isNull(1) ? std::string() : statement.text(1);
        row.x = statement.real(2);
        row.y = statement.real(3);
        row.category = statement.isNull(4) ? std::string() : statement.text(4);
        row.total = statement.real(5);
        totals.push_back(std::move(row));
    }
    return totals;
}

std::vector<std::string> choroplethTables(const std::string& projectPath)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    std::vector<std::string> tables{"wilayah"};
    auto statement = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                "LIKE 'hasil\\_%' ESCAPE '\\' ORDER BY name");
    while (statement.step()) {
        tables.push_back(statement.text(0));
    }
    return tables;
}

std::vector<std::string> numericColumns(const std::string& projectPath, const std::string& table)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    std::vector<std::string> names;
    if (!db.tableExists(table)) {
        return names;
    }
    auto statement = db.prepare("PRAGMA table_info(" + geo::quoteIdentifier(table) + ")");
    while (statement.step()) {
        const std::string name = statement.text(1);
        const QString type = QString::fromStdString(statement.text(2)).toUpper();
        const bool numeric = type.contains("INT") || type.contains("REAL") ||
                             type.contains("DOUB") || type.contains("NUM") || type.contains("FLOA");
        const bool key = name == "fid" || name == "id" || name.rfind("kode", 0) == 0 ||
                         (name.size() > 4 && name.compare(name.size() - 4, 4, "_fid") == 0);
        if (numeric && !key) {
            names.push_back(name);
        }
    }
    return names;
}

std::vector<ChoroplethValue> choroplethValues(const std::string& projectPath,
                                              const ThematicLayer& layer)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    std::vector<ChoroplethValue> values;
    for (const auto& row : choroplethRows(db, layer, false)) {
        values.push_back({row.key, row.name, row.value});
    }
    return values;
}

geo::DensityGrid
densityGrid(const std::string& projectPath, const ThematicLayer& layer, std::string& metricCrs)
{
    if (!(layer.bandwidthMetres > 0)) {
        throw ProjectError(tr("lebar pita kepadatan harus lebih dari 0 m",
                              "the density bandwidth must be more than 0 m"));
    }
    const std::string key = projectFileStamp(projectPath) + "|" + layer.pointTable + "|" +
                            layer.weightColumn + "|" + std::to_string(layer.bandwidthMetres) + "|" +
                            std::to_string(layer.cellSizeMetres);
    static std::mutex mutex;
    static std::map<std::string, std::pair<std::string, geo::DensityGrid>> cache;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) {
            metricCrs = it->second.first;
            return it->second.second;
        }
    }
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    metricCrs = metricCrsOf(db);
    const auto columns = columnsOf(db, layer.pointTable);
    requireColumn(columns, layer.pointTable, "geom");
    std::string weight = "1";
    if (!layer.weightColumn.empty()) {
        requireColumn(columns, layer.pointTable, layer.weightColumn);
        weight = "coalesce(" + geo::quoteIdentifier(layer.weightColumn) + ", 0)";
    }
    auto statement =
        db.prepare("SELECT X(PointOnSurface(geom)), Y(PointOnSurface(geom)), " + weight + " FROM " +
                   geo::quoteIdentifier(layer.pointTable) + " WHERE geom IS NOT NULL");
    geo::CoordinateTransform toMetric("EPSG:4326", metricCrs);
    std::vector<geo::WeightedPoint> points;
    geo::Envelope extent;
    while (statement.step()) {
        if (statement.isNull(0)) {
            continue;
        }
        double x = statement.real(0), y = statement.real(1);
        if (!toMetric.transform(x, y)) {
            continue;
        }
        points.push_back({x, y, statement.real(2)});
        extent.minX = std::min(extent.minX, x);
        extent.minY = std::min(extent.minY, y);
        extent.maxX = std::max(extent.maxX, x);
        extent.maxY = std::max(extent.maxY, y);
    }
    geo::DensityGrid grid;
    if (!points.empty()) {
        const double h = layer.bandwidthMetres;
        extent = {extent.minX - h, extent.minY - h, extent.maxX + h, extent.maxY + h};
        double cell = layer.cellSizeMetres > 0 ? layer.cellSizeMetres : h / 10;
        // At most about 4 million cells: coarser cells for a province-wide layer.
        const double cells =
            (extent.maxX - extent.minX) * (extent.maxY - extent.minY) / (cell * cell);
        if (cells > 4e6) {
            cell *= std::sqrt(cells / 4e6);
        }
        grid = geo::kernelDensity(points, extent, h, cell);
    }
    std::lock_guard lock(mutex);
    if (cache.size() > 16) {
        cache.clear();
    }
    cache[key] = {metricCrs, grid};
    return grid;
}

void drawThematicLayers(QPainter& painter,
                        const MapSettings& settings,
                        bool aboveVectors,
                        const RenderFeedback& feedback,
                        std::vector<std::string>& errors)
{
    std::unique_ptr<geo::SpatialDatabase> db;
    for (const auto& layer : settings.thematicLayers) {
        if (!layer.visible || layer.drawsAboveVectors() != aboveVectors || feedback.isCanceled()) {
            continue;
        }
        try {
            if (!db && layer.kind != ThematicLayer::Kind::Density) {
                db = std::make_unique<geo::SpatialDatabase>(settings.projectPath,
                                                            geo::SpatialDatabase::Mode::ReadOnly);
            }
            switch (layer.kind) {
            case ThematicLayer::Kind::Choropleth:
                drawChoropleth(painter, *db, settings, layer, feedback);
                break;
            case ThematicLayer::Kind::ProportionalSymbols:
            case ThematicLayer::Kind::PieCharts:
                drawSymbols(painter, *db, settings, layer);
                break;
            case ThematicLayer::Kind::Density:
                drawDensity(painter, settings, layer);
                break;
            }
        } catch (const std::exception& error) {
            errors.push_back(defaultTitle(layer).toStdString() + ": " + error.what());
        }
    }
}

ThematicLegend thematicLegend(const std::string& projectPath, const ThematicLayer& layer)
{
    ThematicLegend legend;
    legend.title = withUnit(layer.title.isEmpty() ? defaultTitle(layer) : layer.title, layer.unit);
    switch (layer.kind) {
    case ThematicLayer::Kind::Choropleth: {
        geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
        const auto rows = choroplethRows(db, layer, false);
        const Classification classes = classifyRows(rows, layer);
        legend.note = methodLabel(layer.method) + QStringLiteral(", ") +
                      QString::number(classes.classCount()) + " " +
                      QString::fromUtf8(tr("kelas", "classes"));
        for (int c = 0; c < classes.classCount(); ++c) {
            legend.items.push_back({LegendItem::Kind::Fill,
                                    classes.labels[std::size_t(c)],
                                    classes.colors[std::size_t(c)],
                                    QColor(110, 110, 110),
                                    0,
                                    {}});
        }
        const bool missing = std::any_of(
            rows.begin(), rows.end(), [](const auto& row) { return std::isnan(row.value); });
        if (missing) {
            legend.items.push_back({LegendItem::Kind::Fill,
                                    QString::fromUtf8(tr("tanpa data", "no data")),
                                    noDataColor,
                                    QColor(110, 110, 110),
                                    0,
                                    {}});
        }
        break;
    }
    case ThematicLayer::Kind::ProportionalSymbols:
    case ThematicLayer::Kind::PieCharts: {
        geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
        const auto villages = villageTotals(db, layer);
        if (villages.empty()) {
            break;
        }
        if (layer.kind == ThematicLayer::Kind::PieCharts) {
            const CategoryColours colours = categoryColours(layer.pointTable);
            std::set<std::pair<int, std::string>> present;
            for (const auto& village : villages) {
                for (const auto& entry : village.categories) {
                    present.insert({colours.rankOf(entry.first), entry.first});
                }
            }
            for (const auto& [rank, category] : present) {
                legend.items.push_back({LegendItem::Kind::Fill,
                                        colours.labelOf(category),
                                        colours.colourOf(category),
                                        QColor(90, 90, 90),
                                        0,
                                        {}});
            }
        }
        // Three reference circles at round values.
        const double largest = villages.front().total;
        const double big = roundestBetween(largest * 0.5, largest);
        const double middle = roundestBetween(big * 0.2, big * 0.5);
        const double small = roundestBetween(middle * 0.1, middle * 0.4);
        QColor fill =
            layer.kind == ThematicLayer::Kind::PieCharts ? QColor(255, 255, 255, 0) : symbolColour;
        const MagnitudeUnit magnitude = magnitudeFor(big);
        for (double reference : {big, middle, small}) {
            const double shown = reference / magnitude.divisor;
            legend.items.push_back(
                {LegendItem::Kind::Circle,
                 (formatNumber(shown, decimalsForStep(shown)) + ' ' + magnitude.word).trimmed(),
                 fill,
                 QColor(60, 60, 60),
                 symbolDiameterMm(reference, largest),
                 {}});
        }
        break;
    }
    case ThematicLayer::Kind::Density: {
        std::string metric;
        const auto grid = densityGrid(projectPath, layer, metric);
        LegendItem item;
        item.kind = LegendItem::Kind::Gradient;
        const auto ramp = densityRamp(layer.ramp);
        for (int i = 0; i <= 8; ++i) {
            item.gradient.push_back(densityColour(ramp, 0.02 + 0.98 * i / 8.0));
        }
        const double high = grid.maximum;
        item.label = QStringLiteral("0 – ") + formatNumber(high, high >= 10 ? 0 : 2) + " " +
                     QString::fromUtf8(tr("per km²", "per km²"));
        legend.items.push_back(item);
        legend.note = arg(tr("kernel kuartik, lebar pita %1 m", "quartic kernel, bandwidth %1 m"),
                          {formatNumber(layer.bandwidthMetres, 0).toStdString()})
                          .c_str();
        break;
    }
    }
    return legend;
}

void drawLegendSymbol(QPainter& painter, const QRectF& box, const LegendItem& item, double dpi)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const double line = std::max(0.5, mmToPixels(0.2, dpi));
    switch (item.kind) {
    case LegendItem::Kind::Fill:
        painter.setPen(QPen(item.stroke, line));
        painter.setBrush(item.fill);
        painter.drawRect(box.adjusted(line / 2, line / 2, -line / 2, -line / 2));
        break;
    case LegendItem::Kind::Circle: {
        const double radius = mmToPixels(item.sizeMm, dpi) / 2;
        painter.setPen(QPen(item.stroke, line));
        painter.setBrush(item.fill.alpha() > 0 ? QBrush(item.fill) : QBrush());
        painter.drawEllipse(box.center(), radius, radius);
        break;
    }
    case LegendItem::Kind::Gradient: {
        QLinearGradient gradient(box.topLeft(), box.topRight());
        for (std::size_t i = 0; i < item.gradient.size(); ++i) {
            gradient.setColorAt(
                item.gradient.size() == 1 ? 0 : double(i) / double(item.gradient.size() - 1),
                item.gradient[i]);
        }
        painter.setPen(QPen(item.stroke, line));
        painter.setBrush(gradient);
        painter.drawRect(box.adjusted(line / 2, line / 2, -line / 2, -line / 2));
        break;
    }
    }
    painter.restore();
}

QRectF drawThematicLegend(
    QPainter& painter, const QPointF& topLeft, const ThematicLegend& legend, double dpi, bool panel)
{
    QFont font(mapFontFamily());
    font.setPixelSize(std::max(1, int(std::lround(7.5 * dpi / 72))));
    QFont bold = font;
    bold.setBold(true);
    bold.setPixelSize(std::max(1, int(std::lround(8.5 * dpi / 72))));
    const QFontMetricsF metrics(font), boldMetrics(bold);
    const double pad = mmToPixels(2, dpi);
    const double row = std::max(metrics.height() * 1.3, mmToPixels(4.5, dpi));
    const double swatchWidth = mmToPixels(6, dpi);
    // Circles need their own height; the gradient is wider.
    double symbolWidth = swatchWidth;
    for (const auto& item : legend.items) {
        if (item.kind == LegendItem::Kind::Circle) {
            symbolWidth = std::max(symbolWidth, mmToPixels(item.sizeMm, dpi));
        } else if (item.kind == LegendItem::Kind::Gradient) {
            symbolWidth = std::max(symbolWidth, mmToPixels(20, dpi));
        }
    }
    double width = boldMetrics.horizontalAdvance(legend.title);
    width = std::max(width, metrics.horizontalAdvance(legend.note));
    double height = boldMetrics.height() + (legend.note.isEmpty() ? 0 : metrics.height());
    std::vector<double> rowHeights;
    for (const auto& item : legend.items) {
        const double h = item.kind == LegendItem::Kind::Circle
                             ? std::max(row, mmToPixels(item.sizeMm, dpi) + mmToPixels(1, dpi))
                             : row;
        rowHeights.push_back(h);
        height += h;
        width = std::max(width, symbolWidth + pad + metrics.horizontalAdvance(item.label));
    }
    const QRectF box(topLeft, QSizeF(width + 2 * pad, height + 2 * pad + mmToPixels(1, dpi)));
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (panel) {
        painter.setPen(QPen(QColor(150, 150, 150), std::max(0.5, mmToPixels(0.15, dpi))));
        painter.setBrush(QColor(255, 255, 255, 225));
        painter.drawRect(box);
    }
    double y = box.top() + pad;
    painter.setPen(QColor(20, 20, 20));
    painter.setFont(bold);
    painter.drawText(QPointF(box.left() + pad, y + boldMetrics.ascent()), legend.title);
    y += boldMetrics.height();
    painter.setFont(font);
    if (!legend.note.isEmpty()) {
        painter.setPen(QColor(90, 90, 90));
        painter.drawText(QPointF(box.left() + pad, y + metrics.ascent()), legend.note);
        y += metrics.height();
    }
    y += mmToPixels(1, dpi);
    for (std::size_t i = 0; i < legend.items.size(); ++i) {
        const auto& item = legend.items[i];
        const double h = rowHeights[i];
        const double swatchHeight = std::min(h * 0.7, mmToPixels(3.5, dpi));
        QRectF symbolBox;
        if (item.kind == LegendItem::Kind::Circle) {
            symbolBox = QRectF(box.left() + pad, y, symbolWidth, h);
        } else if (item.kind == LegendItem::Kind::Gradient) {
            symbolBox =
                QRectF(box.left() + pad, y + (h - swatchHeight) / 2, symbolWidth, swatchHeight);
        } else {
            symbolBox =
                QRectF(box.left() + pad, y + (h - swatchHeight) / 2, swatchWidth, swatchHeight);
        }
        drawLegendSymbol(painter, symbolBox, item, dpi);
        painter.setPen(QColor(20, 20, 20));
        painter.drawText(QPointF(box.left() + pad + symbolWidth + pad,
                                 y + h / 2 + metrics.ascent() / 2 - metrics.descent() / 2),
                         item.label);
        y += h;
    }
    painter.restore();
    return box;
}

} // namespace layers
