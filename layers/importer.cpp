#include "layers/importer.h"

#include "geo/errors.h"
#include "geo/gdal_dataset.h"
#include "geo/geometry_check.h"
#include "geo/spatialite_blob.h"
#include "layers/field_mapping.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/theme.h"
#include "layers/vocabulary.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

namespace layers {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string text)
{
    for (auto& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

/// A text column that may hold an ODK/Kobo geopoint ("lat lon alt acc").
int findGeopointField(const geo::LayerInfo& info)
{
    for (std::size_t i = 0; i < info.fields.size(); ++i) {
        const std::string name = lower(info.fields[i].name);
        for (const char* key :
             {"geolocation", "geopoint", "gps", "lokasi", "location", "koordinat", "coordinates"}) {
            if (name.find(key) != std::string::npos &&
                info.fields[i].type == geo::FieldType::Text) {
                return static_cast<int>(i);
            }
        }
    }
    return -1;
}

QJsonValue jsonValue(const geo::Value& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return QJsonValue(static_cast<qint64>(*i));
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return std::isfinite(*d) ? QJsonValue(*d) : QJsonValue(QString::number(*d));
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        return QJsonValue(QString::fromStdString(*s));
    }
    return QJsonValue(QJsonValue::Null);
}

std::string defaultReportPath(const std::string& projectPath, const std::string& theme)
{
    const fs::path project(projectPath);
    std::string stamp = Project::now();
    stamp.erase(std::remove_if(stamp.begin(),
                               stamp.end(),
                               [](char c) { return c == '-' || c == ':' || c == '.'; }),
                stamp.end());
    const std::string word = tr("laporan_impor", "import_report");
    return (project.parent_path() /
            (project.stem().string() + "_" + word + "_" + theme + "_" + stamp + ".csv"))
        .string();
}

void writeReport(const std::string& path, const std::vector<ImportIssue>& issues)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw ProjectError(arg(tr("Laporan impor tidak dapat ditulis ke '%1'.",
                                  "Cannot write the import report to '%1'."),
                               {path}));
    }
    out << tr("berkas,lapisan,fitur,tindakan,alasan\n", "file,layer,feature,action,reason\n");
    for (const auto& issue : issues) {
        const char* action = issue.kind == ImportIssue::Kind::Rejected ? tr("ditolak", "rejected")
                             : issue.kind == ImportIssue::Kind::Repaired
                                 ? tr("diperbaiki", "repaired")
                                 : tr("peringatan", "warning");
        out << csvField(issue.file) << ',' << csvField(issue.layer) << ','
            << (issue.featureId >= 0 ? std::to_string(issue.featureId) : std::string()) << ','
            << action << ',' << csvField(issue.reason) << '\n';
    }
    if (!out.flush()) {
        throw ProjectError(arg(tr("Laporan impor tidak dapat ditulis ke '%1'.",
                                  "Cannot write the import report to '%1'."),
                               {path}));
    }
}

std::string familyWord(geo::GeometryFamily family)
{
    switch (family) {
    case geo::GeometryFamily::Point:
        return tr("titik", "point");
    case geo::GeometryFamily::Line:
        return tr("garis", "line");
    case geo::GeometryFamily::Polygon:
        return tr("area", "polygon");
    case geo::GeometryFamily::Any:
        break;
    }
    return tr("geometri", "geometry");
}

std::string describe(const geo::SourceFeature& feature, bool assumedLonLat)
{
    using P = geo::SourceFeature::GeometryProblem;
    switch (feature.geometryProblem) {
    case P::Empty:
        return tr("geometri kosong", "empty geometry");
    case P::Curve:
        return tr("geometri lengkung tidak dapat diubah menjadi garis",
                  "curved geometry cannot be converted to lines");
    case P::Transform:
        return arg(tr("koordinat tidak dapat ditransformasi dari %1",
                      "coordinates cannot be transformed from %1"),
                   {feature.geometryDetail});
    case P::NotFinite:
        return tr("koordinat bukan bilangan terhingga (NaN/inf)",
                  "coordinates are not finite numbers (NaN/inf)");
    case P::OutOfRange:
        return arg(assumedLonLat
                       ? tr("koordinat di luar rentang bujur/lintang (%1); berkas tanpa CRS, "
                            "sebutkan dengan --crs",
                            "coordinates outside the longitude/latitude range (%1); the file has "
                            "no CRS, name it with --crs")
                       : tr("koordinat di luar rentang bujur/lintang (%1)",
                            "coordinates outside the longitude/latitude range (%1)"),
                   {feature.geometryDetail});
    case P::None:
        break;
    }
    return {};
}

std::string describe(const geo::GeometryCheck& check, geo::GeometryFamily family)
{
    using P = geo::GeometryCheck::Problem;
    switch (check.problem) {
    case P::Unreadable:
        return arg(tr("geometri tidak terbaca: %1", "unreadable geometry: %1"), {check.detail});
    case P::Empty:
        return tr("geometri kosong", "empty geometry");
    case P::WrongFamily:
        return arg(tr("tema %1 tidak dapat menampung %2", "a %1 theme cannot hold a %2"),
                   {familyWord(family), check.detail});
    case P::MultiplePoints:
        return arg(tr("tema titik menampung satu titik per fitur; ini multipoint %1 titik",
                      "a point theme holds one point per feature; this is a multipoint of %1 "
                      "points"),
                   {check.detail});
    case P::Invalid:
        return check.status == geo::GeometryCheck::Status::Repaired
                   ? arg(tr("diperbaiki: %1", "repaired: %1"), {check.detail})
                   : arg(tr("geometri tidak valid dan tidak dapat diperbaiki: %1",
                            "invalid geometry that cannot be repaired: %1"),
                         {check.detail});
    case P::None:
        break;
    }
    return {};
}

} // namespace

ImportResult importFile(Project& project,
                        const std::string& utf8Path,
                        const ImportOptions& options,
                        ImportFeedback* feedback)
{
    const Theme* theme = findTheme(options.theme);
    if (!theme) {
        throw ProjectError(arg(tr("Tema '%1' tidak dikenal; tema yang ada: %2.",
                                  "Unknown theme '%1'; the themes are: %2."),
                               {options.theme, themeNames()}));
    }
    for (const auto& [column, value] : options.constants) {
        if (!theme->column(column)) {
            throw ProjectError(arg(tr("--set: tema %1 tidak mempunyai kolom '%2'.",
                                      "--set: theme %1 has no column '%2'."),
                                   {theme->name, column}));
        }
    }
    const Vocabularies& vocabularies = project.vocabularies();
    const std::string author = options.author.empty() ? Project::defaultAuthor() : options.author;
    const std::string fileName = utf8Path;

    std::unique_ptr<geo::VectorSource> source;
    try {
        source = std::make_unique<geo::VectorSource>(utf8Path);
    } catch (const geo::Error& error) {
        throw ProjectError(
            arg(tr("Berkas tidak dapat dibaca: %1", "Cannot read the file: %1"), {error.what()}));
    }

    ImportResult result;
    std::vector<std::string> layerNames = options.layers;
    const bool isGpx = source->driverName() == "GPX";
    if (layerNames.empty()) {
        for (const auto& name : source->layerNames()) {
            // GPX repeats route and track vertices as point layers; take them only on request.
            if (isGpx && (name == "route_points" || name == "track_points")) {
                continue;
            }
            layerNames.push_back(name);
        }
    } else {
        const auto available = source->layerNames();
        for (const auto& name : layerNames) {
            if (std::find(available.begin(), available.end(), name) == available.end()) {
                std::string list;
                for (const auto& a : available) {
                    list += (list.empty() ? "" : ", ") + a;
                }
                throw ProjectError(arg(tr("Berkas '%1' tidak mempunyai lapisan '%2'; lapisan yang "
                                          "ada: %3.",
                                          "File '%1' has no layer '%2'; its layers are: %3."),
                                       {utf8Path, name, list}));
            }
        }
    }

    // Constant values (--set), converted and mapped once.
    std::map<std::string, geo::Value> constants;
    for (const auto& [columnName, raw] : options.constants) {
        const Column& column = *theme->column(columnName);
        std::string problem;
        auto converted = convertValue(geo::Value{raw}, column.type, problem);
        if (!converted) {
            throw ProjectError("--set " + columnName + ": " + problem);
        }
        if (!column.vocabulary.empty() && !geo::isNull(*converted)) {
            auto kode = vocabularies.match(column.vocabulary, geo::toText(*converted));
            if (!kode) {
                throw ProjectError(arg(tr("--set %1: nilai '%2' tidak ada dalam kosakata %3.",
                                          "--set %1: value '%2' is not in vocabulary %3."),
                                       {columnName, raw, column.vocabulary}));
            }
            *converted = *kode;
        }
        constants[columnName] = *converted;
    }

    auto& db = project.database();
    const std::string table = geo::quoteIdentifier(theme->name);
    std::string columns = "uuid, created_at, updated_at, author";
    std::string placeholders = "?, ?, ?, ?";
    for (const auto& column : theme->columns) {
        columns += ", " + geo::quoteIdentifier(column.name);
        placeholders += ", ?";
    }
    columns += ", atribut_lain, geom";
    placeholders += ", ?, ?"; // geometry bound as a ready SpatiaLite BLOB

    auto columnIndex = [&](const char* name) -> int {
        for (std::size_t i = 0; i < theme->columns.size(); ++i) {
            if (theme->columns[i].name == name) {
                return static_cast<int>(i);
            }
        }
        return -1;
    };
    const int originalClass = theme->name == "zona_bahaya" ? columnIndex("kelas_asli") : -1;
    const int assetCode = theme->name == "aset_desa" ? columnIndex("kode_aset") : -1;
    const int assetCategory = theme->name == "aset_desa" ? columnIndex("kategori") : -1;
    const int assetLink = theme->name == "kerusakan" ? columnIndex("aset_uuid") : -1;

    // A bigger page cache writes each page to the WAL once instead of spilling repeatedly.
    db.exec("PRAGMA cache_size = -262144");
    struct RestoreCache
    {
        geo::SpatialDatabase& db;
        ~RestoreCache()
        {
            try {
                db.exec("PRAGMA cache_size = -2000");
            } catch (...) {
            }
        }
    } restoreCache{db};

    geo::Transaction transaction(db);
    // SpatiaLite's per-row triggers (type check, R*Tree update through RTreeAlign, time stamp)
    // cost more than the rest of an import. Inside this transaction they are set aside, every
    // geometry is checked here, the R*Tree is filled in one statement at the end and the
    // triggers come back before commit; a failed or killed import rolls all of it back.
    struct SavedTrigger
    {
        std::string name;
        std::string sql;
    };
    std::vector<SavedTrigger> savedTriggers;
    {
        auto triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                   "AND tbl_name = ? AND name IN (?, ?, ?)");
        triggers.bind(1, theme->name).bind(2, "ggi_" + theme->name + "_geom");
        triggers.bind(3, "gii_" + theme->name + "_geom").bind(4, "tmi_" + theme->name + "_geom");
        while (triggers.step()) {
            savedTriggers.push_back({triggers.text(0), triggers.text(1)});
        }
    }
    for (const auto& trigger : savedTriggers) {
        db.exec("DROP TRIGGER " + geo::quoteIdentifier(trigger.name));
    }
    // AUTOINCREMENT: every new fid is above the largest one in the table now.
    const auto firstNewFid =
        std::get<std::int64_t>(db.scalar("SELECT coalesce(max(fid), 0) + 1 FROM " + table));

    auto insert =
        db.prepare("INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")");
    auto uuidExists = db.prepare("SELECT 1 FROM " + table + " WHERE uuid = ?");
    auto assetExists = db.prepare("SELECT 1 FROM aset_desa WHERE uuid = ?");
    const std::string time = Project::now();
    std::set<std::string> seenUuids;

    auto addIssue = [&](ImportIssue::Kind kind,
                        const std::string& layer,
                        std::int64_t fid,
                        std::string reason) {
        if (kind == ImportIssue::Kind::Rejected) {
            ++result.rejected;
        } else if (kind == ImportIssue::Kind::Repaired) {
            ++result.repaired;
        }
        result.issues.push_back({kind, fileName, layer, fid, std::move(reason)});
    };

    std::int64_t expectedTotal = 0;
    for (const auto& name : layerNames) {
        const auto info = source->layerInfo(name);
        if (info.featureCount > 0) {
            expectedTotal += info.featureCount;
        }
    }

    for (const auto& layerName : layerNames) {
        std::unique_ptr<geo::VectorSource::Reader> reader;
        try {
            reader = std::make_unique<geo::VectorSource::Reader>(
                *source, layerName, options.sourceCrs, "EPSG:4326");
        } catch (const geo::Error& error) {
            throw ProjectError(
                arg(tr("Lapisan '%1' tidak dapat dibaca: %2", "Layer '%1' cannot be read: %2"),
                    {layerName, error.what()}));
        }
        const geo::LayerInfo& info = reader->info();
        if (!options.layers.empty() || info.featureCount != 0) {
            result.layers.push_back(layerName);
        } else {
            continue;
        }
        if (result.sourceCrs.empty()) {
            result.sourceCrs = reader->sourceCrs();
        }
        if (reader->assumedLonLat()) {
            result.assumedLonLat = true;
            addIssue(ImportIssue::Kind::Warning,
                     layerName,
                     -1,
                     tr("berkas tanpa CRS; koordinat dibaca sebagai bujur/lintang WGS 84 "
                        "(EPSG:4326)",
                        "the file has no CRS; coordinates were read as WGS 84 "
                        "longitude/latitude (EPSG:4326)"));
        }
        const FieldMapping mapping = mapFields(*theme, info.fields, options.fieldMap);
        for (const auto& [column, index] : mapping.columnToSource) {
            result.fieldMapping[column] = info.fields[static_cast<std::size_t>(index)].name;
        }
        int uuidField = -1;
        int extraJsonField = -1; // atribut_lain of an exported project
        for (std::size_t i = 0; i < info.fields.size(); ++i) {
            if (lower(info.fields[i].name) == "uuid") {
                uuidField = static_cast<int>(i);
            } else if (lower(info.fields[i].name) == "atribut_lain" ||
                       lower(info.fields[i].name) == "atribut_la") {
                extraJsonField = static_cast<int>(i);
            }
        }
        std::vector<int> extraFields;
        for (int index : mapping.unmappedSources) {
            const std::string& name = info.fields[static_cast<std::size_t>(index)].name;
            if (index == uuidField) {
                continue;
            }
            const std::string lowered = lower(name);
            if (index == extraJsonField || lowered == "created_at" || lowered == "updated_at" ||
                lowered == "author" || lowered == "fid") {
                continue;
            }
            result.unmappedFields.push_back(name);
            extraFields.push_back(index);
        }
        const int geopointField =
            (info.hasGeometry && info.geometryType != "None") ? -1 : findGeopointField(info);

        geo::SourceFeature feature;
        while (true) {
            bool more = false;
            try {
                more = reader->next(feature);
            } catch (const geo::Error& error) {
                throw ProjectError(
                    arg(tr("Pembacaan '%1' berhenti: %2", "Reading '%1' stopped: %2"),
                        {utf8Path, error.what()}));
            }
            if (!more) {
                break;
            }
            ++result.read;
            if ((result.read & 255) == 0 && feedback) {
                if (feedback->isCanceled()) {
                    throw ImportCanceled();
                }
                feedback->progress(result.read, expectedTotal);
            }
            // Geometry.
            if (feature.geometryProblem != geo::SourceFeature::GeometryProblem::None) {
                addIssue(ImportIssue::Kind::Rejected,
                         layerName,
                         feature.fid,
                         describe(feature, reader->assumedLonLat()));
                continue;
            }
            if (feature.wkb.empty() && geopointField >= 0) {
                const auto& raw = feature.values[static_cast<std::size_t>(geopointField)];
                double lon = 0, lat = 0;
                if (parseGeopoint(geo::toText(raw), lon, lat)) {
                    feature.wkb = geo::pointWkb(lon, lat);
                }
            }
            if (feature.wkb.empty()) {
                addIssue(ImportIssue::Kind::Rejected,
                         layerName,
                         feature.fid,
                         tr("tanpa geometri", "no geometry"));
                continue;
            }
            geo::GeometryCheck check = geo::checkGeometry(feature.wkb, theme->family);
            if (check.status == geo::GeometryCheck::Status::Rejected) {
                addIssue(ImportIssue::Kind::Rejected,
                         layerName,
                         feature.fid,
                         describe(check, theme->family));
                continue;
            }
            // Attributes.
            std::vector<geo::Value> values(theme->columns.size());
            std::string originalLevel;
            std::string rejection;
            std::vector<std::string> warnings;
            for (std::size_t c = 0; c < theme->columns.size() && rejection.empty(); ++c) {
                const Column& column = theme->columns[c];
                geo::Value raw;
                auto mapped = mapping.columnToSource.find(column.name);
                if (mapped != mapping.columnToSource.end()) {
                    raw = feature.values[static_cast<std::size_t>(mapped->second)];
                }
                if (geo::isNull(raw) || (std::holds_alternative<std::string>(raw) &&
                                         std::get<std::string>(raw).empty())) {
                    if (auto constant = constants.find(column.name); constant != constants.end()) {
                        values[c] = constant->second;
                        continue;
                    }
                }
                std::string problem;
                auto converted = convertValue(raw, column.type, problem);
                if (!converted) {
                    warnings.push_back(column.name + ": " + problem);
                    converted = geo::Value{};
                }
                if (!column.vocabulary.empty() && !geo::isNull(*converted)) {
                    const std::string text = geo::toText(*converted);
                    if (auto kode = vocabularies.match(column.vocabulary, text)) {
                        if (column.name == "tingkat" && *kode != text) {
                            originalLevel = text;
                        }
                        *converted = *kode;
                    } else {
                        ++result.unknownValues[column.name][text];
                        if (options.strict) {
                            rejection = arg(tr("nilai '%1' untuk %2 tidak ada dalam kosakata %3",
                                               "value '%1' for %2 is not in vocabulary %3"),
                                            {text, column.name, column.vocabulary});
                            break;
                        }
                    }
                }
                if (column.required && geo::isNull(*converted)) {
                    rejection = arg(tr("nilai wajib %1 kosong", "required value %1 is missing"),
                                    {column.name});
                    break;
                }
                values[c] = *converted;
            }
            if (!rejection.empty()) {
                addIssue(ImportIssue::Kind::Rejected, layerName, feature.fid, rejection);
                continue;
            }
            for (auto& warning : warnings) {
                addIssue(ImportIssue::Kind::Warning, layerName, feature.fid, std::move(warning));
            }
            if (originalClass >= 0 && !originalLevel.empty() &&
                geo::isNull(values[static_cast<std::size_t>(originalClass)])) {
                // Keep the source's own class (e.g. "KRB III", "Very High") beside the level.
                values[static_cast<std::size_t>(originalClass)] = originalLevel;
            }
            if (assetCode >= 0 && assetCategory >= 0) {
                // An asset with a known code and no category takes the code's name.
                const auto kode = geo::toText(values[static_cast<std::size_t>(assetCode)]);
                if (geo::isNull(values[static_cast<std::size_t>(assetCategory)]) && !kode.empty()) {
                    if (const auto* entry = vocabularies.entry("kode_aset", kode)) {
                        values[static_cast<std::size_t>(assetCategory)] = entry->nama;
                    }
                }
            }
            if (assetLink >= 0) {
                auto& assetUuid = values[static_cast<std::size_t>(assetLink)];
                if (!geo::isNull(assetUuid)) {
                    assetExists.bind(1, geo::toText(assetUuid));
                    const bool exists = assetExists.step();
                    assetExists.reset();
                    if (!exists) {
                        addIssue(ImportIssue::Kind::Warning,
                                 layerName,
                                 feature.fid,
                                 arg(tr("aset %1 tidak ada di proyek; tautan dikosongkan",
                                        "asset %1 is not in the project; link left empty"),
                                     {geo::toText(assetUuid)}));
                        assetUuid = geo::Value{};
                    }
                }
            }
            // A UUID from the source (an export of another project) is kept when unused.
            std::string uuid;
            if (uuidField >= 0) {
                const std::string candidate =
                    geo::toText(feature.values[static_cast<std::size_t>(uuidField)]);
                if (!QUuid::fromString(QString::fromStdString(candidate)).isNull()) {
                    uuidExists.bind(1, candidate);
                    const bool exists = uuidExists.step() || seenUuids.count(candidate) > 0;
                    uuidExists.reset();
                    if (exists) {
                        addIssue(ImportIssue::Kind::Rejected,
                                 layerName,
                                 feature.fid,
                                 arg(tr("UUID %1 sudah ada di proyek",
                                        "UUID %1 is already in "
                                        "the project"),
                                     {candidate}));
                        continue;
                    }
                    uuid = candidate;
                    seenUuids.insert(uuid);
                }
            }
            if (uuid.empty()) {
                uuid = Project::newUuid();
            }
            std::string extra;
            if (options.keepUnmapped && (!extraFields.empty() || extraJsonField >= 0)) {
                QJsonObject object;
                if (extraJsonField >= 0) {
                    const auto text =
                        geo::toText(feature.values[static_cast<std::size_t>(extraJsonField)]);
                    if (!text.empty()) {
                        object = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
                    }
                }
                for (int index : extraFields) {
                    const auto& value = feature.values[static_cast<std::size_t>(index)];
                    if (!geo::isNull(value)) {
                        object.insert(QString::fromStdString(
                                          info.fields[static_cast<std::size_t>(index)].name),
                                      jsonValue(value));
                    }
                }
                if (!object.isEmpty()) {
                    extra = QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
                }
            }
            int index = 1;
            insert.bind(1, uuid).bind(2, time).bind(3, time).bind(4, author);
            index = 5;
            for (const auto& value : values) {
                insert.bind(index++, value);
            }
            if (extra.empty()) {
                insert.bindNull(index++);
            } else {
                insert.bind(index++, extra);
            }
            const auto blob = geo::spatialiteBlobFromWkb(check.wkb, 4326);
            if (blob.empty()) {
                insert.reset();
                addIssue(ImportIssue::Kind::Rejected,
                         layerName,
                         feature.fid,
                         tr("geometri tidak terbaca", "unreadable geometry"));
                continue;
            }
            insert.bindBlob(index++, blob.data(), blob.size());
            try {
                insert.run();
            } catch (const geo::DatabaseError& error) {
                insert.reset();
                addIssue(ImportIssue::Kind::Rejected, layerName, feature.fid, error.what());
                continue;
            }
            insert.reset();
            if (check.status == geo::GeometryCheck::Status::Repaired) {
                addIssue(ImportIssue::Kind::Repaired,
                         layerName,
                         feature.fid,
                         describe(check, theme->family));
            }
            ++result.imported;
        }
    }
    if (result.layers.empty()) {
        throw ProjectError(arg(tr("Berkas '%1' tidak mempunyai lapisan berisi fitur.",
                                  "File '%1' has no layer with features."),
                               {utf8Path}));
    }
    if (feedback && feedback->isCanceled()) {
        throw ImportCanceled();
    }
    std::sort(result.unmappedFields.begin(), result.unmappedFields.end());
    result.unmappedFields.erase(
        std::unique(result.unmappedFields.begin(), result.unmappedFields.end()),
        result.unmappedFields.end());
    for (const auto& [column, counts] : result.unknownValues) {
        for (const auto& [value, count] : counts) {
            if (!options.strict) {
                result.issues.push_back(
                    {ImportIssue::Kind::Warning,
                     fileName,
                     "",
                     -1,
                     arg(tr("%1: nilai '%2' tidak ada dalam kosakata (%3 fitur), disimpan apa "
                            "adanya",
                            "%1: value '%2' is not in the vocabulary (%3 features), kept as is"),
                         {column, value, std::to_string(count)})});
            }
        }
    }
    if (result.imported > 0) {
        auto index =
            db.prepare("INSERT INTO " + geo::quoteIdentifier("idx_" + theme->name + "_geom") +
                       " (pkid, xmin, xmax, ymin, ymax) SELECT fid, MbrMinX(geom), "
                       "MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM " +
                       table + " WHERE fid >= ? AND geom IS NOT NULL");
        index.bind(1, firstNewFid);
        index.run();
        auto stamp = db.prepare("UPDATE geometry_columns_time SET last_insert = "
                                "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE "
                                "f_table_name = ? AND f_geometry_column = 'geom'");
        stamp.bind(1, theme->name);
        stamp.run();
    }
    for (const auto& trigger : savedTriggers) {
        db.exec(trigger.sql);
    }
    if (result.imported > 0) {
        project.chooseWorkingCrsFromData();
        QJsonObject parameters;
        for (const auto& [column, field] : options.fieldMap) {
            parameters.insert("map." + QString::fromStdString(column),
                              QString::fromStdString(field));
        }
        for (const auto& [column, value] : options.constants) {
            parameters.insert("set." + QString::fromStdString(column),
                              QString::fromStdString(value));
        }
        parameters.insert("strict", options.strict);
        std::string layerList;
        for (const auto& name : result.layers) {
            layerList += (layerList.empty() ? "" : ",") + name;
        }
        auto log = db.prepare("INSERT INTO impor_log (waktu, pengguna, tema, berkas, lapisan, "
                              "crs_sumber, dibaca, dimasukkan, ditolak, diperbaiki, parameter) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        log.bind(1, time).bind(2, author).bind(3, theme->name).bind(4, utf8Path);
        log.bind(5, layerList).bind(6, result.sourceCrs).bind(7, result.read);
        log.bind(8, result.imported).bind(9, result.rejected).bind(10, result.repaired);
        log.bind(11, QJsonDocument(parameters).toJson(QJsonDocument::Compact).toStdString());
        log.run();
        transaction.commit();
    }
    if (!result.issues.empty()) {
        result.reportPath = options.reportPath.empty()
                                ? defaultReportPath(project.path(), theme->name)
                                : options.reportPath;
        writeReport(result.reportPath, result.issues);
    }
    return result;
}

} // namespace layers
