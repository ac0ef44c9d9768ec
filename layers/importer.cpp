#include "layers/importer.h"

#include "geo/errors.h"
#include "geo/gdal_dataset.h"
#include "geo/geometry_check.h"
#include "geo/packed_rtree.h"
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
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

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

/// Appends text as a JSON string, escaped as QJsonDocument escapes it. ASCII only.
void appendJsonString(std::string& out, const std::string& text)
{
    constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (u) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

bool isAscii(const std::string& text)
{
    return std::all_of(
        text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// The compact JSON object QJsonDocument would write for these members (names in sorted
/// order, null values left out; "" for an empty object), when every name and text is ASCII and
/// every number an integer. Returns false otherwise, and the caller asks Qt.
bool writeSimpleJson(const std::vector<std::pair<std::string, int>>& sortedMembers,
                     const std::vector<geo::Value>& values,
                     std::string& out)
{
    out.clear();
    for (const auto& [name, index] : sortedMembers) {
        const auto& value = values[static_cast<std::size_t>(index)];
        if (geo::isNull(value)) {
            continue;
        }
        out += out.empty() ? '{' : ',';
        appendJsonString(out, name);
        out += ':';
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            out += std::to_string(*i);
        } else if (const auto* s = std::get_if<std::string>(&value); s && isAscii(*s)) {
            appendJsonString(out, *s);
        } else {
            return false;
        }
    }
    if (!out.empty()) {
        out += '}';
    }
    return true;
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
/// What the reading thread hands to the writing thread, in feature order: a line for the
/// report, or a row to insert.
struct ImportEvent
{
    enum class Kind { Issue, Row };
    Kind kind = Kind::Row;
    std::size_t layer = 0; ///< index into the layer names
    std::int64_t featureId = -1;
    // Issue.
    ImportIssue::Kind issueKind = ImportIssue::Kind::Warning;
    std::string reason;
    // Row.
    std::vector<geo::Value> values; ///< parallel to the theme's columns
    std::string uuid;
    bool uuidFromSource = false; ///< the writer checks it is not in the project yet
    std::string extra;           ///< atribut_lain, "" for null
    std::vector<unsigned char> blob;
    double minX = 0, minY = 0, maxX = 0, maxY = 0; ///< the blob's bounding box
    std::string repaired; ///< the repair's description, "" when the geometry was valid
};

struct EventBatch
{
    std::vector<ImportEvent> events;
    std::int64_t read = 0; ///< features read when the batch was sealed
};

/// Batches from the reading thread to the writing thread; push blocks while the queue is full.
/// close() (by the writer) makes push fail, so the reader stops; finish() (by the reader)
/// ends the stream, carrying the reader's exception if it failed.
class EventQueue
{
public:
    bool push(EventBatch&& batch)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_closed || m_batches.size() < capacity; });
        if (m_closed) {
            return false;
        }
        m_batches.push_back(std::move(batch));
        m_notEmpty.notify_one();
        return true;
    }
    /// False at the end of the stream.
    bool pop(EventBatch& batch)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_batches.empty() || m_finished; });
        if (m_batches.empty()) {
            return false;
        }
        batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_notFull.notify_one();
        return true;
    }
    void finish(std::exception_ptr failure)
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_failure = std::move(failure);
        m_notEmpty.notify_all();
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notFull.notify_all();
    }
    std::exception_ptr failure()
    {
        std::lock_guard lock(m_mutex);
        return m_failure;
    }

private:
    static constexpr std::size_t capacity = 16;
    std::mutex m_mutex;
    std::condition_variable m_notFull, m_notEmpty;
    std::deque<EventBatch> m_batches;
    bool m_finished = false;
    bool m_closed = false;
    std::exception_ptr m_failure;
};

/// What the reader learns about the source besides the features (merged into the result).
struct ReadSummary
{
    std::int64_t read = 0;
    std::vector<std::string> layers;
    std::map<std::string, std::string> fieldMapping;
    std::vector<std::string> unmappedFields;
    std::map<std::string, std::map<std::string, std::int64_t>> unknownValues;
    std::string sourceCrs;
    bool assumedLonLat = false;
};

/// The reading side of an import: reads every feature through OGR (reprojected to
/// EPSG:4326), checks and repairs its geometry with GEOS, converts and maps its attributes and
/// builds its SpatiaLite geometry. Runs on its own thread, which owns the GDAL dataset while
/// it reads; touches no database (the project's checks that need SQL run in the writer).
class FeatureReader
{
public:
    FeatureReader(geo::VectorSource& source,
                  const std::vector<std::string>& layerNames,
                  const Theme& theme,
                  const ImportOptions& options,
                  const std::map<std::string, geo::Value>& constants,
                  const Vocabularies& vocabularies,
                  ImportFeedback* feedback)
        : m_source(source), m_layerNames(layerNames), m_theme(theme), m_options(options),
          m_constants(constants), m_vocabularies(vocabularies), m_feedback(feedback),
          m_vocabularyCache(theme.columns.size())
    {
        auto columnIndex = [&](const char* name) -> int {
            for (std::size_t i = 0; i < theme.columns.size(); ++i) {
                if (theme.columns[i].name == name) {
                    return static_cast<int>(i);
                }
            }
            return -1;
        };
        m_originalClass = theme.name == "zona_bahaya" ? columnIndex("kelas_asli") : -1;
        m_assetCode = theme.name == "aset_desa" ? columnIndex("kode_aset") : -1;
        m_assetCategory = theme.name == "aset_desa" ? columnIndex("kategori") : -1;
    }

    /// Reads everything into queue; returns early when the writer closed it. Throws
    /// ProjectError for an unreadable layer and ImportCanceled when the user cancelled.
    void run(EventQueue& queue, ReadSummary& summary)
    {
        m_queue = &queue;
        m_summary = &summary;
        for (std::size_t layer = 0; layer < m_layerNames.size(); ++layer) {
            if (!readLayer(layer)) {
                return;
            }
        }
        seal();
    }

private:
    static constexpr std::size_t batchSize = 256;
    static constexpr std::size_t vocabularyCacheLimit = 4096;

    void addIssue(ImportIssue::Kind kind, std::size_t layer, std::int64_t fid, std::string reason)
    {
        ImportEvent event;
        event.kind = ImportEvent::Kind::Issue;
        event.layer = layer;
        event.featureId = fid;
        event.issueKind = kind;
        event.reason = std::move(reason);
        m_batch.events.push_back(std::move(event));
    }

    /// Hands the current batch to the writer; false when the writer stopped listening.
    bool seal()
    {
        if (m_batch.events.empty()) {
            return true;
        }
        m_batch.read = m_summary->read;
        const bool accepted = m_queue->push(std::move(m_batch));
        m_batch = EventBatch{};
        m_batch.events.reserve(batchSize);
        return accepted;
    }

    /// The vocabulary code of a value of column c (cached: the same few values repeat).
    const std::optional<std::string>& vocabularyCode(std::size_t c, const std::string& text)
    {
        auto& cache = m_vocabularyCache[c];
        if (auto it = cache.find(text); it != cache.end()) {
            return it->second;
        }
        auto code = m_vocabularies.match(m_theme.columns[c].vocabulary, text);
        if (cache.size() >= vocabularyCacheLimit) {
            cache.clear();
        }
        return cache.emplace(text, std::move(code)).first->second;
    }

    bool readLayer(std::size_t layer)
    {
        const std::string& layerName = m_layerNames[layer];
        std::unique_ptr<geo::VectorSource::Reader> reader;
        try {
            reader = std::make_unique<geo::VectorSource::Reader>(
                m_source, layerName, m_options.sourceCrs, "EPSG:4326");
        } catch (const geo::Error& error) {
            throw ProjectError(
                arg(tr("Lapisan '%1' tidak dapat dibaca: %2", "Layer '%1' cannot be read: %2"),
                    {layerName, error.what()}));
        }
        const geo::LayerInfo& info = reader->info();
        if (!m_options.layers.empty() || info.featureCount != 0) {
            m_summary->layers.push_back(layerName);
        } else {
            return true;
        }
        if (m_summary->sourceCrs.empty()) {
            m_summary->sourceCrs = reader->sourceCrs();
        }
        if (reader->assumedLonLat()) {
            m_summary->assumedLonLat = true;
            addIssue(ImportIssue::Kind::Warning,
                     layer,
                     -1,
                     tr("berkas tanpa CRS; koordinat dibaca sebagai bujur/lintang WGS 84 "
                        "(EPSG:4326)",
                        "the file has no CRS; coordinates were read as WGS 84 "
                        "longitude/latitude (EPSG:4326)"));
        }
        const FieldMapping mapping = mapFields(m_theme, info.fields, m_options.fieldMap);
        for (const auto& [column, index] : mapping.columnToSource) {
            m_summary->fieldMapping[column] = info.fields[static_cast<std::size_t>(index)].name;
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
        std::vector<QString> extraNames;
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
            m_summary->unmappedFields.push_back(name);
            extraFields.push_back(index);
            extraNames.push_back(QString::fromStdString(name));
        }
        // The same members sorted by name, for the JSON written without Qt; empty when a name
        // is not ASCII or appears twice (then Qt writes every object of this layer).
        std::vector<std::pair<std::string, int>> sortedExtra;
        for (std::size_t i = 0; i < extraFields.size(); ++i) {
            sortedExtra.emplace_back(info.fields[static_cast<std::size_t>(extraFields[i])].name,
                                     extraFields[i]);
        }
        std::sort(sortedExtra.begin(), sortedExtra.end());
        const bool simpleNames =
            std::all_of(sortedExtra.begin(),
                        sortedExtra.end(),
                        [](const auto& member) { return isAscii(member.first); }) &&
            std::adjacent_find(sortedExtra.begin(),
                               sortedExtra.end(),
                               [](const auto& a, const auto& b) { return a.first == b.first; }) ==
                sortedExtra.end();
        const int geopointField =
            (info.hasGeometry && info.geometryType != "None") ? -1 : findGeopointField(info);
        // Where each theme column comes from in this layer, and its --set value.
        std::vector<int> sources(m_theme.columns.size(), -1);
        std::vector<const geo::Value*> constants(m_theme.columns.size(), nullptr);
        for (std::size_t c = 0; c < m_theme.columns.size(); ++c) {
            if (auto it = mapping.columnToSource.find(m_theme.columns[c].name);
                it != mapping.columnToSource.end()) {
                sources[c] = it->second;
            }
            if (auto it = m_constants.find(m_theme.columns[c].name); it != m_constants.end()) {
                constants[c] = &it->second;
            }
        }
        const geo::Value nullValue;

        geo::SourceFeature feature;
        while (true) {
            bool more = false;
            try {
                more = reader->next(feature);
            } catch (const geo::Error& error) {
                throw ProjectError(
                    arg(tr("Pembacaan '%1' berhenti: %2", "Reading '%1' stopped: %2"),
                        {m_source.path(), error.what()}));
            }
            if (!more) {
                break;
            }
            ++m_summary->read;
            if ((m_summary->read & 255) == 0) {
                if (m_feedback && m_feedback->isCanceled()) {
                    throw ImportCanceled();
                }
            }
            if (m_batch.events.size() >= batchSize && !seal()) {
                return false;
            }
            // Geometry.
            if (feature.geometryProblem != geo::SourceFeature::GeometryProblem::None) {
                addIssue(ImportIssue::Kind::Rejected,
                         layer,
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
                         layer,
                         feature.fid,
                         tr("tanpa geometri", "no geometry"));
                continue;
            }
            geo::GeometryCheck check = geo::checkGeometry(feature.wkb, m_theme.family);
            if (check.status == geo::GeometryCheck::Status::Rejected) {
                addIssue(ImportIssue::Kind::Rejected,
                         layer,
                         feature.fid,
                         describe(check, m_theme.family));
                continue;
            }
            // Attributes.
            ImportEvent row;
            row.layer = layer;
            row.featureId = feature.fid;
            row.values.resize(m_theme.columns.size());
            std::string originalLevel;
            std::string rejection;
            std::vector<std::string> warnings;
            for (std::size_t c = 0; c < m_theme.columns.size(); ++c) {
                const Column& column = m_theme.columns[c];
                const geo::Value& raw = sources[c] >= 0
                                            ? feature.values[static_cast<std::size_t>(sources[c])]
                                            : nullValue;
                if (constants[c] &&
                    (geo::isNull(raw) || (std::holds_alternative<std::string>(raw) &&
                                          std::get<std::string>(raw).empty()))) {
                    row.values[c] = *constants[c];
                    continue;
                }
                std::string problem;
                auto converted = convertValue(raw, column.type, problem);
                if (!converted) {
                    warnings.push_back(column.name + ": " + problem);
                    converted = geo::Value{};
                }
                if (!column.vocabulary.empty() && !geo::isNull(*converted)) {
                    std::string text = geo::toText(*converted);
                    if (const auto& kode = vocabularyCode(c, text)) {
                        if (column.name == "tingkat" && *kode != text) {
                            originalLevel = text;
                        }
                        *converted = *kode;
                    } else {
                        ++m_summary->unknownValues[column.name][text];
                        if (m_options.strict) {
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
                row.values[c] = std::move(*converted);
            }
            if (!rejection.empty()) {
                addIssue(ImportIssue::Kind::Rejected, layer, feature.fid, rejection);
                continue;
            }
            for (auto& warning : warnings) {
                addIssue(ImportIssue::Kind::Warning, layer, feature.fid, std::move(warning));
            }
            if (m_originalClass >= 0 && !originalLevel.empty() &&
                geo::isNull(row.values[static_cast<std::size_t>(m_originalClass)])) {
                // Keep the source's own class (e.g. "KRB III", "Very High") beside the level.
                row.values[static_cast<std::size_t>(m_originalClass)] = originalLevel;
            }
            if (m_assetCode >= 0 && m_assetCategory >= 0) {
                // An asset with a known code and no category takes the code's name.
                auto& category = row.values[static_cast<std::size_t>(m_assetCategory)];
                if (geo::isNull(category)) {
                    const auto kode =
                        geo::toText(row.values[static_cast<std::size_t>(m_assetCode)]);
                    if (!kode.empty()) {
                        if (const auto* entry = m_vocabularies.entry("kode_aset", kode)) {
                            category = entry->nama;
                        }
                    }
                }
            }
            // A UUID from the source (an export of another project) is kept when unused.
            if (uuidField >= 0) {
                std::string candidate =
                    geo::toText(feature.values[static_cast<std::size_t>(uuidField)]);
                if (!QUuid::fromString(QString::fromStdString(candidate)).isNull()) {
                    row.uuid = std::move(candidate);
                    row.uuidFromSource = true;
                }
            }
            if (row.uuid.empty()) {
                row.uuid = Project::newUuid();
            }
            if (m_options.keepUnmapped && extraJsonField < 0 && simpleNames &&
                writeSimpleJson(sortedExtra, feature.values, row.extra)) {
                // Written without Qt.
            } else if (m_options.keepUnmapped && (!extraFields.empty() || extraJsonField >= 0)) {
                row.extra.clear();
                QJsonObject object;
                if (extraJsonField >= 0) {
                    const auto text =
                        geo::toText(feature.values[static_cast<std::size_t>(extraJsonField)]);
                    if (!text.empty()) {
                        object = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
                    }
                }
                for (std::size_t i = 0; i < extraFields.size(); ++i) {
                    const auto& value = feature.values[static_cast<std::size_t>(extraFields[i])];
                    if (!geo::isNull(value)) {
                        object.insert(extraNames[i], jsonValue(value));
                    }
                }
                if (!object.isEmpty()) {
                    row.extra = QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
                }
            }
            row.blob = geo::spatialiteBlobFromWkb(check.wkb, 4326);
            if (!row.blob.empty()) {
                geo::spatialiteBlobEnvelope(
                    row.blob.data(), row.blob.size(), row.minX, row.minY, row.maxX, row.maxY);
            }
            if (check.status == geo::GeometryCheck::Status::Repaired) {
                row.repaired = describe(check, m_theme.family);
            }
            m_batch.events.push_back(std::move(row));
        }
        return true;
    }

    geo::VectorSource& m_source;
    const std::vector<std::string>& m_layerNames;
    const Theme& m_theme;
    const ImportOptions& m_options;
    const std::map<std::string, geo::Value>& m_constants;
    const Vocabularies& m_vocabularies;
    ImportFeedback* m_feedback;
    std::vector<std::unordered_map<std::string, std::optional<std::string>>> m_vocabularyCache;
    int m_originalClass = -1;
    int m_assetCode = -1;
    int m_assetCategory = -1;
    EventQueue* m_queue = nullptr;
    ReadSummary* m_summary = nullptr;
    EventBatch m_batch;
};

/// Runs a FeatureReader on its own thread. The destructor stops the reader (closing the queue)
/// and joins it, so no exit path of the writer leaves the thread running.
class ReaderThread
{
public:
    ReaderThread(FeatureReader& reader, EventQueue& queue, ReadSummary& summary)
        : m_queue(queue), m_thread([&reader, &queue, &summary] {
              try {
                  reader.run(queue, summary);
                  queue.finish(nullptr);
              } catch (...) {
                  // Handed to the writer, which rethrows it on its own thread.
                  queue.finish(std::current_exception());
              }
          })
    {}
    ~ReaderThread()
    {
        m_queue.close();
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    ReaderThread(const ReaderThread&) = delete;
    ReaderThread& operator=(const ReaderThread&) = delete;
    /// Waits for the reader to end; the summary is complete afterwards.
    void join()
    {
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

private:
    EventQueue& m_queue;
    std::thread m_thread;
};

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

    std::int64_t expectedTotal = 0;
    for (const auto& name : layerNames) {
        const auto info = source->layerInfo(name);
        if (info.featureCount > 0) {
            expectedTotal += info.featureCount;
        }
    }

    auto& db = project.database();
    const std::string table = geo::quoteIdentifier(theme->name);
    const std::string rtree = "idx_" + theme->name + "_geom";
    std::string columns = "fid, uuid, created_at, updated_at, author";
    std::string placeholders = "?, ?, ?, ?, ?";
    for (const auto& column : theme->columns) {
        columns += ", " + geo::quoteIdentifier(column.name);
        placeholders += ", ?";
    }
    columns += ", atribut_lain, geom";
    placeholders += ", ?, ?"; // geometry bound as a ready SpatiaLite BLOB
    const int assetLink = [&] {
        for (std::size_t i = 0; theme->name == "kerusakan" && i < theme->columns.size(); ++i) {
            if (theme->columns[i].name == "aset_uuid") {
                return static_cast<int>(i);
            }
        }
        return -1;
    }();

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
    // geometry is checked here, the R*Tree is filled at the end and the triggers come back
    // before commit; a failed or killed import rolls all of it back.
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
    // AUTOINCREMENT: new fids continue above every fid the table ever had; they are given
    // here, so each row's R*Tree entry is known without reading the row back.
    auto sequence = db.prepare("SELECT max(coalesce((SELECT max(fid) FROM " + table +
                               "), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), "
                               "0)) + 1");
    sequence.bind(1, theme->name);
    sequence.step();
    const std::int64_t firstNewFid = sequence.integer(0);
    std::int64_t nextFid = firstNewFid;

    // Rows are inserted several per statement; a statement that fails is retried row by row
    // so that only the offending feature is rejected.
    const int parametersPerRow = static_cast<int>(theme->columns.size()) + 7;
    const std::size_t rowsPerStatement =
        static_cast<std::size_t>(std::clamp(999 / parametersPerRow, 1, 64));
    std::string manyPlaceholders = "(" + placeholders + ")";
    for (std::size_t i = 1; i < rowsPerStatement; ++i) {
        manyPlaceholders += ", (" + placeholders + ")";
    }
    auto insertMany =
        db.prepare("INSERT INTO " + table + " (" + columns + ") VALUES " + manyPlaceholders);
    auto insert =
        db.prepare("INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")");
    auto uuidExists = db.prepare("SELECT 1 FROM " + table + " WHERE uuid = ?");
    auto assetExists = db.prepare("SELECT 1 FROM aset_desa WHERE uuid = ?");
    const std::string time = Project::now();
    std::set<std::string> seenUuids;
    std::vector<geo::RtreeEntry> newEntries;

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

    // Rows waiting for their statement, with the report lines that follow them (kept in
    // feature order).
    std::vector<ImportEvent> pending;
    std::size_t pendingRows = 0;
    auto bindRow =
        [&](geo::Statement& statement, int index, const ImportEvent& row, std::int64_t fid) {
            statement.bind(index, fid).bind(index + 1, row.uuid).bind(index + 2, time);
            statement.bind(index + 3, time).bind(index + 4, author);
            index += 5;
            for (const auto& value : row.values) {
                statement.bind(index++, value);
            }
            if (row.extra.empty()) {
                statement.bindNull(index++);
            } else {
                statement.bind(index++, row.extra);
            }
            statement.bindBlob(index++, row.blob.data(), row.blob.size());
            return index;
        };
    auto flush = [&] {
        std::vector<std::int64_t> fids;
        std::vector<bool> inserted;
        fids.reserve(pendingRows);
        for (const auto& event : pending) {
            if (event.kind == ImportEvent::Kind::Row) {
                fids.push_back(nextFid++);
            }
        }
        inserted.assign(fids.size(), true);
        std::vector<std::string> failures(fids.size());
        bool together = false;
        if (fids.size() == rowsPerStatement) {
            int index = 1;
            std::size_t r = 0;
            for (const auto& event : pending) {
                if (event.kind == ImportEvent::Kind::Row) {
                    index = bindRow(insertMany, index, event, fids[r++]);
                }
            }
            try {
                insertMany.run();
                together = true;
            } catch (const geo::DatabaseError&) {
                // Retried row by row below.
            }
            insertMany.reset();
        }
        if (!together) {
            std::size_t r = 0;
            for (const auto& event : pending) {
                if (event.kind != ImportEvent::Kind::Row) {
                    continue;
                }
                bindRow(insert, 1, event, fids[r]);
                try {
                    insert.run();
                } catch (const geo::DatabaseError& error) {
                    inserted[r] = false;
                    failures[r] = error.what();
                }
                insert.reset();
                ++r;
            }
        }
        std::size_t r = 0;
        for (auto& event : pending) {
            const std::string& layerName = layerNames[event.layer];
            if (event.kind == ImportEvent::Kind::Issue) {
                addIssue(event.issueKind, layerName, event.featureId, std::move(event.reason));
                continue;
            }
            if (!inserted[r]) {
                addIssue(ImportIssue::Kind::Rejected, layerName, event.featureId, failures[r]);
                ++r;
                continue;
            }
            newEntries.push_back(
                geo::rtreeEntry(fids[r], event.minX, event.minY, event.maxX, event.maxY));
            if (!event.repaired.empty()) {
                addIssue(ImportIssue::Kind::Repaired,
                         layerName,
                         event.featureId,
                         std::move(event.repaired));
            }
            ++result.imported;
            ++r;
        }
        pending.clear();
        pendingRows = 0;
    };
    // The checks that need the project's tables, then the row joins the pending statement.
    auto accept = [&](ImportEvent& row) {
        if (assetLink >= 0) {
            auto& assetUuid = row.values[static_cast<std::size_t>(assetLink)];
            if (!geo::isNull(assetUuid)) {
                assetExists.bind(1, geo::toText(assetUuid));
                const bool exists = assetExists.step();
                assetExists.reset();
                if (!exists) {
                    ImportEvent warning;
                    warning.kind = ImportEvent::Kind::Issue;
                    warning.layer = row.layer;
                    warning.featureId = row.featureId;
                    warning.reason = arg(tr("aset %1 tidak ada di proyek; tautan dikosongkan",
                                            "asset %1 is not in the project; link left empty"),
                                         {geo::toText(assetUuid)});
                    pending.push_back(std::move(warning));
                    assetUuid = geo::Value{};
                }
            }
        }
        if (row.uuidFromSource) {
            uuidExists.bind(1, row.uuid);
            const bool exists = uuidExists.step() || seenUuids.count(row.uuid) > 0;
            uuidExists.reset();
            if (exists) {
                ImportEvent rejection;
                rejection.kind = ImportEvent::Kind::Issue;
                rejection.issueKind = ImportIssue::Kind::Rejected;
                rejection.layer = row.layer;
                rejection.featureId = row.featureId;
                rejection.reason = arg(tr("UUID %1 sudah ada di proyek",
                                          "UUID %1 is already in "
                                          "the project"),
                                       {row.uuid});
                pending.push_back(std::move(rejection));
                return;
            }
            seenUuids.insert(row.uuid);
        }
        if (row.blob.empty()) {
            ImportEvent rejection;
            rejection.kind = ImportEvent::Kind::Issue;
            rejection.issueKind = ImportIssue::Kind::Rejected;
            rejection.layer = row.layer;
            rejection.featureId = row.featureId;
            rejection.reason = tr("geometri tidak terbaca", "unreadable geometry");
            pending.push_back(std::move(rejection));
            return;
        }
        pending.push_back(std::move(row));
        if (++pendingRows == rowsPerStatement) {
            flush();
        }
    };

    // Reading, checking and converting run on a second thread that owns the GDAL dataset from
    // here on; this thread writes. Everything stays in the one transaction above.
    ReadSummary summary;
    {
        FeatureReader reader(
            *source, layerNames, *theme, options, constants, vocabularies, feedback);
        EventQueue queue;
        ReaderThread thread(reader, queue, summary);
        EventBatch batch;
        while (queue.pop(batch)) {
            for (auto& event : batch.events) {
                if (event.kind == ImportEvent::Kind::Row) {
                    accept(event);
                } else if (pending.empty()) {
                    addIssue(event.issueKind,
                             layerNames[event.layer],
                             event.featureId,
                             std::move(event.reason));
                } else {
                    pending.push_back(std::move(event));
                }
            }
            if (feedback) {
                if (feedback->isCanceled()) {
                    throw ImportCanceled();
                }
                feedback->progress(batch.read, expectedTotal);
            }
        }
        thread.join();
        if (auto failure = queue.failure()) {
            std::rethrow_exception(failure);
        }
    }
    flush();
    result.read = summary.read;
    result.layers = std::move(summary.layers);
    result.fieldMapping = std::move(summary.fieldMapping);
    result.unmappedFields = std::move(summary.unmappedFields);
    result.unknownValues = std::move(summary.unknownValues);
    result.sourceCrs = std::move(summary.sourceCrs);
    result.assumedLonLat = summary.assumedLonLat;

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
        // A packed R*Tree written in one go costs a fraction of inserting the entries one by
        // one; it is rebuilt with the entries already there unless they far outnumber the new.
        const auto existing = geo::rtreeEntryCount(db, rtree);
        if (existing <= 4 * static_cast<std::int64_t>(newEntries.size())) {
            if (existing > 0) {
                const auto old = geo::rtreeEntries(db, rtree);
                newEntries.insert(newEntries.end(), old.begin(), old.end());
            }
            geo::writePackedRtree(db, rtree, std::move(newEntries));
        } else {
            auto index = db.prepare("INSERT INTO " + geo::quoteIdentifier(rtree) +
                                    " (pkid, xmin, xmax, ymin, ymax) SELECT fid, MbrMinX(geom), "
                                    "MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM " +
                                    table + " WHERE fid >= ? AND geom IS NOT NULL");
            index.bind(1, firstNewFid);
            index.run();
        }
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
