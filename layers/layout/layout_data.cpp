#include "layers/layout/layout_data.h"

#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "geo/spatialite_blob.h"
#include "layers/i18n.h"
#include "layers/layout/layout.h"
#include "layers/render/map_renderer.h"
#include "layers/theme.h"

#include <QFileInfo>

#include <algorithm>
#include <map>
#include <set>

namespace layers {

namespace {

const char* villageLevels = "('desa', 'kelurahan')";

QString text(const char* indonesian, const char* english)
{
    return QString::fromUtf8(tr(indonesian, english));
}

int sridOf(const std::string& crs)
{
    return crs.rfind("EPSG:", 0) == 0 ? std::stoi(crs.substr(5)) : 4326;
}

} // namespace

std::vector<AtlasVillage> atlasVillages(const std::string& projectPath)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    auto statement = db.prepare(
        std::string("SELECT w.fid, COALESCE(w.kode, ''), COALESCE(w.nama, ''), w.tingkat, "
                    "COALESCE((SELECT p.nama FROM wilayah AS p WHERE p.kode = w.kode_induk "
                    "AND p.tingkat = 'kecamatan' LIMIT 1), ''), "
                    "MbrMinX(w.geom), MbrMinY(w.geom), MbrMaxX(w.geom), MbrMaxY(w.geom) "
                    "FROM wilayah AS w WHERE w.tingkat IN ") +
        villageLevels + " AND w.geom IS NOT NULL ORDER BY w.kode, w.nama, w.fid");
    std::vector<AtlasVillage> villages;
    while (statement.step()) {
        AtlasVillage village;
        village.fid = statement.integer(0);
        village.kode = statement.text(1);
        village.nama = statement.text(2);
        village.tingkat = statement.text(3);
        village.kecamatan = statement.text(4);
        village.storageBox = {
            statement.real(5), statement.real(6), statement.real(7), statement.real(8)};
        villages.push_back(std::move(village));
    }
    return villages;
}

MapRect administrativeExtent(const std::string& projectPath)
{
    {
        geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
        auto statement =
            db.prepare("SELECT min(xmin), min(ymin), max(xmax), max(ymax) FROM idx_wilayah_geom");
        if (statement.step() && !statement.isNull(0)) {
            MapRect box{statement.real(0), statement.real(1), statement.real(2), statement.real(3)};
            if (box.isValid()) {
                return box;
            }
        }
    }
    return storageExtent(projectPath);
}

std::vector<std::vector<std::pair<double, double>>>
villageRings(const std::string& projectPath, std::int64_t fid, const std::string& crs)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    auto statement = db.prepare("SELECT geom FROM wilayah WHERE fid = ?");
    statement.bind(1, fid);
    std::vector<std::vector<std::pair<double, double>>> rings;
    if (!statement.step()) {
        return rings;
    }
    const auto blob = statement.blob(0);
    geo::FlatGeometry geometry;
    if (blob.empty() || !geo::parseSpatialiteBlob(blob.data(), blob.size(), geometry) ||
        geometry.kind != geo::FlatGeometry::Kind::Polygon) {
        return rings;
    }
    const geo::CoordinateTransform transform("EPSG:4326", crs);
    transform.transformInterleaved(geometry.xy.data(), geometry.pointCount());
    for (std::size_t part = 0; part < geometry.partCount(); ++part) {
        std::vector<std::pair<double, double>> ring;
        for (std::uint32_t i = geometry.partStarts[part]; i < geometry.partStarts[part + 1]; ++i) {
            ring.emplace_back(geometry.xy[2 * i], geometry.xy[2 * i + 1]);
        }
        rings.push_back(std::move(ring));
    }
    return rings;
}

namespace {

/// The joins and conditions, after "FROM theme AS t", that keep the features touching the
/// wilayah feature whose fid is bound to the first parameter: its R*Tree box, then
/// ST_Intersects.
std::string touchingWilayah(const std::string& theme)
{
    return ", wilayah AS w WHERE w.fid = ? AND t.fid IN (SELECT pkid FROM " +
           geo::quoteIdentifier("idx_" + theme + "_geom") +
           " WHERE xmin <= MbrMaxX(w.geom) AND xmax >= MbrMinX(w.geom) AND "
           "ymin <= MbrMaxY(w.geom) AND ymax >= MbrMinY(w.geom)) AND "
           "ST_Intersects(t.geom, w.geom) = 1";
}

struct ThemeCount
{
    std::int64_t count = 0;
    double sum = 0;
};

/// Features of a theme touching the wilayah feature `fid` (R*Tree, then ST_Intersects), with
/// the sum of a numeric column ("" = none).
ThemeCount countTouching(geo::SpatialDatabase& db,
                         const std::string& theme,
                         const std::string& sumColumn,
                         std::int64_t fid)
{
    const std::string sql =
        "SELECT count(*), " +
        (sumColumn.empty() ? std::string("0")
                           : "total(t." + geo::quoteIdentifier(sumColumn) + ")") +
        " FROM " + geo::quoteIdentifier(theme) + " AS t" + touchingWilayah(theme);
    auto statement = db.prepare(sql);
    statement.bind(1, fid);
    ThemeCount result;
    if (statement.step()) {
        result.count = statement.integer(0);
        result.sum = statement.real(1);
    }
    return result;
}

QString rupiah(double value)
{
    if (value >= 1e9) {
        return "Rp " + formatGrouped(value / 1e9, 1) + text(" miliar", " billion");
    }
    if (value >= 1e6) {
        return "Rp " + formatGrouped(value / 1e6, 1) + text(" juta", " million");
    }
    return "Rp " + formatGrouped(value, 0);
}

} // namespace

FigureRows villageFigures(const std::string& projectPath, std::int64_t fid, const std::string& crs)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    FigureRows rows;
    auto statement =
        db.prepare("SELECT COALESCE(kode, ''), jumlah_penduduk, jumlah_kk, "
                   "ST_Area(ST_Transform(geom, ?)) / 10000.0 FROM wilayah WHERE fid = ?");
    statement.bind(1, std::int64_t(sridOf(crs))).bind(2, fid);
    if (!statement.step()) {
        return rows;
    }
    rows.emplace_back(text("Kode Kemendagri", "Kemendagri code"),
                      statement.text(0).empty() ? "–" : QString::fromStdString(statement.text(0)));
    rows.emplace_back(text("Luas", "Area"), formatGrouped(statement.real(3), 1) + " ha");
    rows.emplace_back(
        text("Penduduk", "Population"),
        statement.isNull(1) ? "–" : formatGrouped(statement.real(1)) + text(" jiwa", " people"));
    rows.emplace_back(text("Kepala keluarga", "Households"),
                      statement.isNull(2) ? "–"
                                          : formatGrouped(statement.real(2)) + text(" KK", ""));
    const auto assets = countTouching(db, "aset_desa", "nilai_rp", fid);
    rows.emplace_back(text("Aset desa", "Village assets"),
                      formatGrouped(double(assets.count)) + " (" + rupiah(assets.sum) + ")");
    const auto potential = countTouching(db, "potensi_ekonomi", "nilai_rp", fid);
    rows.emplace_back(text("Potensi ekonomi", "Economic potential"),
                      formatGrouped(double(potential.count)) + " (" + rupiah(potential.sum) + ")");
    const auto units = countTouching(db, "bumdes_unit", "omzet_rp", fid);
    rows.emplace_back(text("Unit BUM Desa", "BUM Desa units"),
                      formatGrouped(double(units.count)) + text(" (omzet ", " (turnover ") +
                          rupiah(units.sum) + ")");
    const auto centers = countTouching(db, "pusat_kemasyarakatan", "", fid);
    rows.emplace_back(text("Pusat kemasyarakatan", "Community centres"),
                      formatGrouped(double(centers.count)));
    const auto sites = countTouching(db, "titik_evakuasi", "", fid);
    rows.emplace_back(text("Tempat evakuasi", "Evacuation sites"),
                      formatGrouped(double(sites.count)));
    return rows;
}

FigureRows projectFigures(const std::string& projectPath, const std::string& crs)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    FigureRows rows;
    auto statement = db.prepare(
        std::string("SELECT count(*), sum(tingkat = 'desa'), sum(tingkat = 'kelurahan'), "
                    "total(jumlah_penduduk), total(jumlah_kk), "
                    "total(ST_Area(ST_Transform(geom, ?))) / 10000.0 FROM wilayah "
                    "WHERE tingkat IN ") +
        villageLevels);
    statement.bind(1, std::int64_t(sridOf(crs)));
    if (statement.step()) {
        rows.emplace_back(text("Desa / kelurahan", "Villages (desa / kelurahan)"),
                          formatGrouped(statement.real(0)) + " (" +
                              formatGrouped(statement.real(1)) + " desa, " +
                              formatGrouped(statement.real(2)) + " kelurahan)");
        rows.emplace_back(text("Luas", "Area"), formatGrouped(statement.real(5), 1) + " ha");
        rows.emplace_back(text("Penduduk", "Population"),
                          formatGrouped(statement.real(3)) + text(" jiwa", " people"));
        rows.emplace_back(text("Kepala keluarga", "Households"),
                          formatGrouped(statement.real(4)) + text(" KK", ""));
    }
    const std::pair<const char*, std::pair<const char*, const char*>> counted[] = {
        {"aset_desa", {"Aset desa", "Village assets"}},
        {"potensi_ekonomi", {"Potensi ekonomi", "Economic potential"}},
        {"bumdes_unit", {"Unit BUM Desa", "BUM Desa units"}},
        {"pusat_kemasyarakatan", {"Pusat kemasyarakatan", "Community centres"}},
        {"titik_evakuasi", {"Tempat evakuasi", "Evacuation sites"}},
    };
    for (const auto& [theme, label] : counted) {
        const auto count = db.scalar("SELECT count(*) FROM " + geo::quoteIdentifier(theme));
        rows.emplace_back(text(label.first, label.second),
                          formatGrouped(double(std::get<std::int64_t>(count))));
    }
    return rows;
}

std::vector<std::pair<std::string, std::int64_t>> featuresInBox(
    const std::string& projectPath, const std::vector<std::string>& themes, const MapRect& box)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    std::vector<std::pair<std::string, std::int64_t>> counts;
    for (const auto& theme : themes) {
        auto statement =
            db.prepare("SELECT count(*) FROM " + geo::quoteIdentifier("idx_" + theme + "_geom") +
                       " WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?");
        statement.bind(1, box.maxX).bind(2, box.minX).bind(3, box.maxY).bind(4, box.minY);
        counts.emplace_back(theme, statement.step() ? statement.integer(0) : 0);
    }
    return counts;
}

std::vector<LegendEntry> visibleLegend(const MapSettings& settings)
{
    std::vector<LegendEntry> entries;
    const MapRect box = storageBoxOf(settings.visibleExtent(), settings.crs);
    if (!box.isValid()) {
        return entries;
    }
    const double scale = settings.scaleDenominator();
    geo::SpatialDatabase db(settings.projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    // The legend reads top layer first, as the eye does.
    for (auto layer = settings.layers.rbegin(); layer != settings.layers.rend(); ++layer) {
        const Theme* theme = findTheme(layer->theme);
        if (!layer->visible || !theme) {
            continue;
        }
        const ThemeStyle style = layer->style ? *layer->style : ThemeStyle::load(layer->theme);
        if (style.maxScale > 0 && scale > style.maxScale) {
            continue;
        }
        const bool categorized =
            !style.categoryColumn.empty() && theme->column(style.categoryColumn) != nullptr;
        std::string column = categorized ? geo::quoteIdentifier(style.categoryColumn) : "NULL";
        if (categorized && style.categoryPrefix > 0) {
            column = "substr(" + column + ", 1, " + std::to_string(style.categoryPrefix) + ")";
        }
        auto statement =
            db.prepare("SELECT DISTINCT " + column + " FROM " + geo::quoteIdentifier(theme->name) +
                       " WHERE fid IN (SELECT pkid FROM " +
                       geo::quoteIdentifier("idx_" + theme->name + "_geom") +
                       " WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?)");
        statement.bind(1, box.maxX).bind(2, box.minX).bind(3, box.maxY).bind(4, box.minY);
        std::set<const Symbol*> used;
        while (statement.step()) {
            used.insert(&style.symbolFor(statement.isNull(0) ? std::string() : statement.text(0)));
        }
        if (used.empty()) {
            continue;
        }
        const QString group = QString::fromStdString(theme->label());
        for (const auto& [value, symbol] : style.categories) {
            if (used.count(&symbol)) {
                entries.push_back({theme->name, group, symbol.label(), symbol, theme->family});
            }
        }
        if (used.count(&style.defaultSymbol)) {
            QString label = style.defaultSymbol.label();
            if (label.isEmpty()) {
                label = group;
            }
            entries.push_back({theme->name, group, label, style.defaultSymbol, theme->family});
        }
    }
    return entries;
}

QString dataSources(const std::string& projectPath)
{
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    {
        auto statement = db.prepare("SELECT nilai FROM proyek WHERE kunci = 'sumber_data'");
        if (statement.step() && !statement.text(0).empty()) {
            return QString::fromStdString(statement.text(0));
        }
    }
    QStringList files;
    auto statement = db.prepare("SELECT DISTINCT berkas FROM impor_log ORDER BY id");
    while (statement.step()) {
        const QString name = QFileInfo(QString::fromStdString(statement.text(0))).fileName();
        if (!files.contains(name)) {
            files << name;
        }
    }
    return files.join(", ");
}

} // namespace layers
