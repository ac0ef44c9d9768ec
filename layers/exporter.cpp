#include "layers/exporter.h"

#include "geo/errors.h"
#include "geo/gdal_dataset.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/theme.h"

#include <unistd.h>

#include <filesystem>

namespace layers {

namespace fs = std::filesystem;

namespace {

geo::FieldType fieldType(ColumnType type)
{
    switch (type) {
    case ColumnType::Integer:
    case ColumnType::Boolean:
        return geo::FieldType::Integer;
    case ColumnType::Real:
        return geo::FieldType::Real;
    default:
        return geo::FieldType::Text;
    }
}

struct Part
{
    std::string suffix; ///< "" or _titik/_garis/_area
    geo::GeometryKind kind;
    int dimension; ///< -1 = all
};

} // namespace

ExportResult exportTheme(Project& project,
                         const std::string& themeName,
                         const std::string& utf8Path,
                         bool overwrite)
{
    const Theme* theme = findTheme(themeName);
    if (!theme) {
        throw ProjectError(arg(tr("Tema '%1' tidak dikenal; tema yang ada: %2.",
                                  "Unknown theme '%1'; the themes are: %2."),
                               {themeName, themeNames()}));
    }
    const std::string driver = geo::VectorWriter::driverForPath(utf8Path);
    if (driver.empty() || driver == "GPX") {
        throw ProjectError(arg(tr("Format keluaran '%1' tidak didukung; pakai .gpkg, .geojson, "
                                  ".shp, .kml, .kmz atau .csv.",
                                  "Output format of '%1' is not supported; use .gpkg, .geojson, "
                                  ".shp, .kml, .kmz or .csv."),
                               {utf8Path}));
    }
    const fs::path target = fs::absolute(utf8Path);
    std::vector<Part> parts;
    geo::GeometryKind kind = geo::GeometryKind::Any;
    switch (theme->family) {
    case geo::GeometryFamily::Point:
        kind = geo::GeometryKind::Point;
        break;
    case geo::GeometryFamily::Line:
        kind = geo::GeometryKind::Line;
        break;
    case geo::GeometryFamily::Polygon:
        kind = geo::GeometryKind::Polygon;
        break;
    case geo::GeometryFamily::Any:
        break;
    }
    auto& db = project.database();
    const std::string table = geo::quoteIdentifier(theme->name);
    if (driver == "ESRI Shapefile" && kind == geo::GeometryKind::Any) {
        const std::pair<int, Part> candidates[] = {
            {0, {tr("_titik", "_point"), geo::GeometryKind::Point, 0}},
            {1, {tr("_garis", "_line"), geo::GeometryKind::Line, 1}},
            {2, {tr("_area", "_area"), geo::GeometryKind::Polygon, 2}}};
        for (const auto& [dimension, part] : candidates) {
            auto count =
                db.prepare("SELECT count(*) FROM " + table + " WHERE ST_Dimension(geom) = ?");
            count.bind(1, static_cast<std::int64_t>(dimension));
            count.step();
            if (count.integer(0) > 0) {
                parts.push_back(part);
            }
        }
        if (parts.empty()) {
            parts.push_back({"", geo::GeometryKind::Point, -1});
        }
    } else {
        parts.push_back({"", kind, -1});
    }

    std::vector<geo::FieldInfo> fields = {{"uuid", geo::FieldType::Text},
                                          {"created_at", geo::FieldType::Text},
                                          {"updated_at", geo::FieldType::Text},
                                          {"author", geo::FieldType::Text}};
    std::string select = "SELECT uuid, created_at, updated_at, author";
    for (const auto& column : theme->columns) {
        fields.push_back({column.name, fieldType(column.type)});
        select += ", " + geo::quoteIdentifier(column.name);
    }
    fields.push_back({"atribut_lain", geo::FieldType::Text});
    select += ", atribut_lain, AsBinary(geom) FROM " + table;

    std::error_code ec;
    const fs::path directory = target.parent_path();
    if (!fs::is_directory(directory, ec)) {
        throw ProjectError(
            arg(tr("Folder '%1' tidak ada.", "Folder '%1' does not exist."), {directory.string()}));
    }
    const fs::path staging =
        directory / (".petadesa-export-" + std::to_string(::getpid()) + "-" + theme->name);
    fs::remove_all(staging, ec);
    fs::create_directory(staging);
    ExportResult result;
    std::vector<std::pair<fs::path, fs::path>> moves;
    try {
        for (const auto& part : parts) {
            const std::string fileName =
                target.stem().string() + part.suffix + target.extension().string();
            geo::VectorWriter writer(
                (staging / fileName).string(), theme->name + part.suffix, part.kind, fields);
            std::string sql = select;
            if (part.dimension >= 0) {
                sql += " WHERE ST_Dimension(geom) = " + std::to_string(part.dimension);
            }
            sql += " ORDER BY fid";
            auto statement = db.prepare(sql);
            const int columnCount = static_cast<int>(fields.size());
            std::vector<geo::Value> values(fields.size());
            while (statement.step()) {
                for (int i = 0; i < columnCount; ++i) {
                    values[static_cast<std::size_t>(i)] = statement.value(i);
                }
                writer.write(values, statement.blob(columnCount));
                ++result.features;
            }
            writer.close();
            result.datasets.push_back((directory / fileName).string());
        }
        for (const auto& item : fs::directory_iterator(staging)) {
            const fs::path destination = directory / item.path().filename();
            if (fs::exists(destination, ec) && !overwrite) {
                throw ProjectError(arg(tr("Berkas '%1' sudah ada; pakai --overwrite untuk "
                                          "menimpanya.",
                                          "File '%1' already exists; use --overwrite to replace "
                                          "it."),
                                       {destination.string()}));
            }
            moves.emplace_back(item.path(), destination);
        }
        for (const auto& [from, to] : moves) {
            fs::rename(from, to);
            result.files.push_back(to.string());
        }
    } catch (const geo::Error& error) {
        fs::remove_all(staging, ec);
        throw ProjectError(arg(tr("Ekspor gagal: %1", "Export failed: %1"), {error.what()}));
    } catch (...) {
        fs::remove_all(staging, ec);
        throw;
    }
    fs::remove_all(staging, ec);
    return result;
}

} // namespace layers
