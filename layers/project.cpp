#include "layers/project.h"

#include "geo/coordinate_transform.h"
#include "geo/errors.h"
#include "layers/data_paths.h"
#include "layers/i18n.h"
#include "layers/theme.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <random>

namespace layers {

namespace fs = std::filesystem;

void Extent::include(const Extent& other)
{
    if (other.isEmpty) {
        return;
    }
    if (isEmpty) {
        *this = other;
        return;
    }
    minX = std::min(minX, other.minX);
    minY = std::min(minY, other.minY);
    maxX = std::max(maxX, other.maxX);
    maxY = std::max(maxY, other.maxY);
}

std::string Project::now()
{
    using namespace std::chrono;
    // Strictly increasing within the process, so two edits never share an updated_at.
    static std::mutex mutex;
    static system_clock::time_point last;
    std::lock_guard lock(mutex);
    auto time = time_point_cast<milliseconds>(system_clock::now());
    if (time <= last) {
        time = time_point_cast<milliseconds>(last + milliseconds(1));
    }
    last = time;
    const std::time_t seconds = system_clock::to_time_t(time);
    const auto millis = duration_cast<milliseconds>(time.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[64];
    std::snprintf(buffer,
                  sizeof buffer,
                  "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                  utc.tm_year + 1900,
                  utc.tm_mon + 1,
                  utc.tm_mday,
                  utc.tm_hour,
                  utc.tm_min,
                  utc.tm_sec,
                  static_cast<int>(millis));
    return buffer;
}

std::string Project::newUuid()
{
    // UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter that orders
    // UUIDs made within one millisecond, then 62 random bits. Time-ordered UUIDs append to the
    // uuid index instead of landing at random pages, which keeps large imports fast; the
    // random part keeps them unique across the village files that are merged later.
    thread_local std::mt19937_64 random([] {
        std::random_device device;
        return (std::uint64_t(device()) << 32) ^ device();
    }());
    thread_local std::uint64_t lastMillis = 0;
    thread_local std::uint32_t counter = 0;
    const auto millis =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
    // A counter run out moves on to the next millisecond ahead of the clock; until the clock
    // passes it (or when the clock steps back) the counter goes on counting there.
    if (millis > lastMillis) {
        lastMillis = millis;
        counter = static_cast<std::uint32_t>(random() & 0x3FF); // leave room to count up
    } else if (counter < 0xFFF) {
        ++counter;
    } else {
        ++lastMillis;
        counter = static_cast<std::uint32_t>(random() & 0x3FF);
    }
    const std::uint64_t high = (lastMillis << 16) | 0x7000 | counter;
    const std::uint64_t low = (random() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
    // 8-4-4-4-12 lowercase hex digits (written by hand: imports make one per feature).
    std::string text(36, '-');
    constexpr char digits[] = "0123456789abcdef";
    std::size_t at = 0;
    for (int nibble = 15; nibble >= 0; --nibble) {
        if (at == 8 || at == 13) {
            ++at;
        }
        text[at++] = digits[(high >> (4 * nibble)) & 0xF];
    }
    for (int nibble = 15; nibble >= 0; --nibble) {
        if (at == 18 || at == 23) {
            ++at;
        }
        text[at++] = digits[(low >> (4 * nibble)) & 0xF];
    }
    return text;
}

std::string Project::defaultAuthor()
{
    for (const char* name : {"PETADESA_USER", "USER", "USERNAME"}) {
        if (const char* value = std::getenv(name); value && *value) {
            return value;
        }
    }
    return "petadesa";
}

namespace {

std::string sqlType(ColumnType type)
{
    switch (type) {
    case ColumnType::Integer:
    case ColumnType::Boolean:
        return "INTEGER";
    case ColumnType::Real:
        return "DOUBLE";
    case ColumnType::Text:
    case ColumnType::Date:
        break;
    }
    return "TEXT";
}

void createThemeTable(geo::SpatialDatabase& db, const Theme& theme)
{
    std::string sql = "CREATE TABLE " + geo::quoteIdentifier(theme.name) +
                      " (fid INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE, "
                      "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, author TEXT NOT NULL";
    for (const auto& column : theme.columns) {
        sql += ", " + geo::quoteIdentifier(column.name) + " " + sqlType(column.type);
        if (column.required) {
            sql += " NOT NULL";
        }
        if (column.type == ColumnType::Boolean) {
            sql += " CHECK (" + geo::quoteIdentifier(column.name) + " IN (0, 1))";
        }
        if (theme.name == "kerusakan" && column.name == "aset_uuid") {
            sql += " REFERENCES aset_desa (uuid) ON DELETE SET NULL";
        }
    }
    // Source attributes that no theme column took, kept as a JSON object.
    sql += ", atribut_lain TEXT)";
    db.exec(sql);
    auto add = db.prepare("SELECT AddGeometryColumn(?, 'geom', 4326, ?, 'XY')");
    add.bind(1, theme.name).bind(2, theme.spatialiteGeometryType());
    if (!add.step() || add.integer(0) != 1) {
        throw geo::DatabaseError("AddGeometryColumn failed for " + theme.name, 0);
    }
    auto index = db.prepare("SELECT CreateSpatialIndex(?, 'geom')");
    index.bind(1, theme.name);
    if (!index.step() || index.integer(0) != 1) {
        throw geo::DatabaseError("CreateSpatialIndex failed for " + theme.name, 0);
    }
}

QJsonValue toJson(const geo::Value& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return QJsonValue(static_cast<qint64>(*i));
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return QJsonValue(*d);
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        return QJsonValue(QString::fromStdString(*s));
    }
    return QJsonValue(QJsonValue::Null);
}

std::string toJsonText(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

void Project::create(const std::string& utf8Path, const CreateOptions& options)
{
    std::error_code ec;
    if (fs::exists(utf8Path, ec)) {
        throw ProjectError(
            arg(tr("Berkas '%1' sudah ada; proyek baru tidak menimpa berkas.",
                   "File '%1' already exists; a new project never overwrites a file."),
                {utf8Path}));
    }
    if (!options.workingCrs.empty()) {
        if (!geo::isKnownCrs(options.workingCrs)) {
            throw ProjectError(
                arg(tr("CRS '%1' tidak dikenal.", "Unknown CRS '%1'."), {options.workingCrs}));
        }
        if (!geo::isProjectedCrs(options.workingCrs)) {
            throw ProjectError(arg(tr("CRS kerja '%1' harus berupa proyeksi metrik (mis. UTM).",
                                      "Working CRS '%1' must be a metric projection (e.g. UTM)."),
                                   {options.workingCrs}));
        }
    }
    const std::string vocabularyDirectory = options.vocabularyDirectory.empty()
                                                ? dataDirectory() + "/vocab"
                                                : options.vocabularyDirectory;
    const Vocabularies vocabularies = Vocabularies::fromDirectory(vocabularyDirectory);

    // Build the file under a temporary name and rename it at the end, so a failure or a kill
    // never leaves a half-made project under the requested name.
    const std::string temporary = utf8Path + ".tmp-" + std::to_string(::getpid());
    fs::remove(temporary, ec);
    try {
        geo::SpatialDatabase db(temporary, geo::SpatialDatabase::Mode::Create);
        db.exec("PRAGMA application_id = " + std::to_string(projectApplicationId));
        geo::Transaction transaction(db);
        db.exec("SELECT InitSpatialMetadata(0, 'WGS84')");
        if (!options.workingCrs.empty() && options.workingCrs.rfind("EPSG:", 0) == 0) {
            const auto code = static_cast<std::int64_t>(std::stoll(options.workingCrs.substr(5)));
            auto known = db.prepare("SELECT 1 FROM spatial_ref_sys WHERE srid = ?");
            known.bind(1, code);
            if (!known.step()) {
                auto srid = db.prepare("SELECT InsertEpsgSrid(?)");
                srid.bind(1, code);
                srid.run();
            }
        }
        db.exec("CREATE TABLE proyek (kunci TEXT PRIMARY KEY, nilai TEXT)");
        db.exec("CREATE TABLE riwayat (id INTEGER PRIMARY KEY AUTOINCREMENT, waktu TEXT NOT NULL, "
                "pengguna TEXT NOT NULL, tema TEXT NOT NULL, fitur_uuid TEXT NOT NULL, "
                "aksi TEXT NOT NULL CHECK (aksi IN ('tambah', 'ubah', 'hapus')), "
                "nilai_lama TEXT, nilai_baru TEXT)");
        db.exec("CREATE INDEX riwayat_fitur ON riwayat (fitur_uuid)");
        db.exec("CREATE TABLE impor_log (id INTEGER PRIMARY KEY AUTOINCREMENT, waktu TEXT NOT NULL,"
                " pengguna TEXT NOT NULL, tema TEXT NOT NULL, berkas TEXT NOT NULL, "
                "lapisan TEXT, crs_sumber TEXT, dibaca INTEGER, dimasukkan INTEGER, "
                "ditolak INTEGER, diperbaiki INTEGER, parameter TEXT)");
        vocabularies.writeTo(db);
        for (const auto& theme : themes()) {
            createThemeTable(db, theme);
        }
        auto meta = db.prepare("INSERT INTO proyek (kunci, nilai) VALUES (?, ?)");
        auto put = [&](const std::string& key, const std::string& value) {
            meta.bind(1, key).bind(2, value);
            meta.run();
            meta.reset();
        };
        put("nama", options.name.empty() ? fs::path(utf8Path).stem().string() : options.name);
        put("schema_version", std::to_string(currentSchemaVersion));
        put("crs_simpan", "EPSG:4326");
        put("crs_kerja", options.workingCrs);
        put("crs_kerja_otomatis", options.workingCrs.empty() ? "1" : "0");
        put("data_ilustrasi", options.illustrative ? "1" : "0");
        put("dibuat", now());
        put("aplikasi", std::string("PetaDesa ") + PETADESA_VERSION);
        transaction.commit();
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (...) {
        fs::remove(temporary, ec);
        fs::remove(temporary + "-wal", ec);
        fs::remove(temporary + "-shm", ec);
        throw;
    }
    fs::remove(temporary + "-wal", ec);
    fs::remove(temporary + "-shm", ec);
    if (fs::exists(utf8Path, ec)) {
        fs::remove(temporary, ec);
        throw ProjectError(
            arg(tr("Berkas '%1' sudah ada.", "File '%1' already exists."), {utf8Path}));
    }
    fs::rename(temporary, utf8Path);
}

Project::Project(const std::string& utf8Path, Access access) : m_path(utf8Path)
{
    std::error_code ec;
    if (!fs::exists(utf8Path, ec)) {
        throw ProjectError(arg(
            tr("Berkas proyek '%1' tidak ditemukan.", "Project file '%1' not found."), {utf8Path}));
    }
    try {
        m_database = std::make_unique<geo::SpatialDatabase>(
            utf8Path,
            access == Access::ReadOnly ? geo::SpatialDatabase::Mode::ReadOnly
                                       : geo::SpatialDatabase::Mode::ReadWrite);
        if (!m_database->tableExists("proyek")) {
            throw ProjectError(arg(tr("'%1' bukan berkas proyek PetaDesa (tabel proyek tidak ada).",
                                      "'%1' is not a PetaDesa project file (no proyek table)."),
                                   {utf8Path}));
        }
    } catch (const geo::DatabaseError& error) {
        throw ProjectError(arg(tr("'%1' bukan basis data SQLite yang dapat dibuka: %2",
                                  "'%1' is not an SQLite database that can be opened: %2"),
                               {utf8Path, error.what()}));
    }
    const int version = schemaVersion();
    if (version > currentSchemaVersion) {
        throw ProjectError(
            arg(tr("Proyek '%1' dibuat oleh PetaDesa yang lebih baru (skema %2; "
                   "versi ini mengenal sampai skema %3).",
                   "Project '%1' was made by a newer PetaDesa (schema %2; this "
                   "version knows up to schema %3)."),
                {utf8Path, std::to_string(version), std::to_string(currentSchemaVersion)}));
    }
    if (version < currentSchemaVersion) {
        if (access == Access::ReadOnly) {
            throw ProjectError(arg(tr("Proyek '%1' memakai skema lama %2; buka untuk menulis "
                                      "agar dimigrasikan.",
                                      "Project '%1' uses old schema %2; open it for writing to "
                                      "migrate it."),
                                   {utf8Path, std::to_string(version)}));
        }
        migrate(version);
    }
    m_vocabularies = Vocabularies::fromProject(*m_database);
}

int Project::schemaVersion() const
{
    const std::string text = metadata("schema_version");
    try {
        return text.empty() ? 0 : std::stoi(text);
    } catch (const std::exception&) {
        return 0;
    }
}

void Project::migrate(int fromVersion)
{
    // Each step upgrades one version inside one transaction; a failed step leaves the file at
    // the version it had. Version 1 is the first released schema, so no step exists yet:
    // a later schema adds `if (version == 1) { ...; version = 2; }` here.
    geo::Transaction transaction(*m_database);
    int version = fromVersion;
    if (version < 1) {
        throw ProjectError(arg(tr("Proyek '%1' tidak mempunyai versi skema yang dikenal.",
                                  "Project '%1' has no known schema version."),
                               {m_path}));
    }
    setMetadata("schema_version", std::to_string(version));
    transaction.commit();
}

std::string Project::metadata(const std::string& key) const
{
    auto statement = m_database->prepare("SELECT nilai FROM proyek WHERE kunci = ?");
    statement.bind(1, key);
    return statement.step() ? statement.text(0) : std::string();
}

void Project::setMetadata(const std::string& key, const std::string& value)
{
    auto statement =
        m_database->prepare("INSERT INTO proyek (kunci, nilai) VALUES (?, ?) "
                            "ON CONFLICT (kunci) DO UPDATE SET nilai = excluded.nilai");
    statement.bind(1, key).bind(2, value);
    statement.run();
}

const Theme& Project::theme(const std::string& name) const
{
    const Theme* found = findTheme(name);
    if (!found) {
        throw ProjectError(arg(tr("Tema '%1' tidak dikenal; tema yang ada: %2.",
                                  "Unknown theme '%1'; the themes are: %2."),
                               {name, themeNames()}));
    }
    return *found;
}

std::int64_t Project::featureCount(const std::string& name)
{
    const Theme& t = theme(name);
    auto statement = m_database->prepare("SELECT count(*) FROM " + geo::quoteIdentifier(t.name));
    statement.step();
    return statement.integer(0);
}

Extent Project::extent(const std::string& name)
{
    const Theme& t = theme(name);
    // The R*Tree holds every bounding box, so this reads no geometry.
    auto statement = m_database->prepare("SELECT min(xmin), min(ymin), max(xmax), max(ymax) FROM " +
                                         geo::quoteIdentifier("idx_" + t.name + "_geom"));
    Extent e;
    if (statement.step() && !statement.isNull(0)) {
        e = {statement.real(0), statement.real(1), statement.real(2), statement.real(3), false};
    }
    return e;
}

Extent Project::extent()
{
    Extent all;
    for (const auto& t : themes()) {
        all.include(extent(t.name));
    }
    return all;
}

void Project::chooseWorkingCrsFromData()
{
    if (!workingCrs().empty() && metadata("crs_kerja_otomatis") != "1") {
        return;
    }
    const Extent e = extent();
    if (e.isEmpty) {
        return;
    }
    const int epsg = geo::utmEpsgFor((e.minX + e.maxX) / 2, (e.minY + e.maxY) / 2);
    setMetadata("crs_kerja", "EPSG:" + std::to_string(epsg));
    setMetadata("crs_kerja_otomatis", "1");
}

std::string Project::insertFeature(const std::string& themeName,
                                   const Attributes& attributes,
                                   const std::vector<unsigned char>& wkb,
                                   const std::string& author)
{
    const std::string uuid = newUuid();
    insertWithIdentity(theme(themeName), uuid, now(), attributes, wkb, author);
    return uuid;
}

void Project::restoreFeature(const std::string& themeName,
                             const std::string& uuid,
                             const std::string& createdAt,
                             const Attributes& attributes,
                             const std::vector<unsigned char>& wkb,
                             const std::string& author)
{
    const Theme& t = theme(themeName);
    auto existing =
        m_database->prepare("SELECT 1 FROM " + geo::quoteIdentifier(t.name) + " WHERE uuid = ?");
    existing.bind(1, uuid);
    if (existing.step()) {
        throw ProjectError(arg(tr("Fitur %1 masih ada di tema %2; tidak dipulihkan.",
                                  "Feature %1 still exists in theme %2; not restored."),
                               {uuid, t.name}));
    }
    insertWithIdentity(t, uuid, createdAt.empty() ? now() : createdAt, attributes, wkb, author);
}

void Project::insertWithIdentity(const Theme& t,
                                 const std::string& uuid,
                                 const std::string& createdAt,
                                 const Attributes& attributes,
                                 const std::vector<unsigned char>& wkb,
                                 const std::string& author)
{
    for (const auto& [key, value] : attributes) {
        if (!t.column(key)) {
            throw ProjectError(
                arg(tr("Tema %1 tidak mempunyai kolom '%2'.", "Theme %1 has no column '%2'."),
                    {t.name, key}));
        }
    }
    const std::string time = now();
    std::string columns = "uuid, created_at, updated_at, author";
    std::string placeholders = "?, ?, ?, ?";
    for (const auto& [key, value] : attributes) {
        columns += ", " + geo::quoteIdentifier(key);
        placeholders += ", ?";
    }
    columns += ", geom";
    placeholders += ", GeomFromWKB(?, 4326)";
    geo::Transaction transaction(*m_database);
    auto insert = m_database->prepare("INSERT INTO " + geo::quoteIdentifier(t.name) + " (" +
                                      columns + ") VALUES (" + placeholders + ")");
    insert.bind(1, uuid).bind(2, createdAt).bind(3, time).bind(4, author);
    int index = 5;
    QJsonObject newValues;
    for (const auto& [key, value] : attributes) {
        insert.bind(index++, value);
        newValues.insert(QString::fromStdString(key), toJson(value));
    }
    if (wkb.empty()) {
        insert.bindNull(index++);
    } else {
        insert.bindBlob(index++, wkb.data(), wkb.size());
    }
    insert.run();
    auto wkt = m_database->prepare("SELECT AsText(geom) FROM " + geo::quoteIdentifier(t.name) +
                                   " WHERE uuid = ?");
    wkt.bind(1, uuid);
    if (wkt.step() && !wkt.isNull(0)) {
        newValues.insert("geom", QString::fromStdString(wkt.text(0)));
    }
    auto log =
        m_database->prepare("INSERT INTO riwayat (waktu, pengguna, tema, fitur_uuid, aksi, "
                            "nilai_lama, nilai_baru) VALUES (?, ?, ?, ?, 'tambah', NULL, ?)");
    log.bind(1, time).bind(2, author).bind(3, t.name).bind(4, uuid).bind(5, toJsonText(newValues));
    log.run();
    transaction.commit();
}

std::optional<Feature> Project::feature(const std::string& themeName, const std::string& uuid)
{
    const Theme& t = theme(themeName);
    std::string sql = "SELECT fid, uuid, created_at, updated_at, author, AsBinary(geom)";
    for (const auto& column : t.columns) {
        sql += ", " + geo::quoteIdentifier(column.name);
    }
    sql += " FROM " + geo::quoteIdentifier(t.name) + " WHERE uuid = ?";
    auto statement = m_database->prepare(sql);
    statement.bind(1, uuid);
    if (!statement.step()) {
        return std::nullopt;
    }
    Feature f;
    f.fid = statement.integer(0);
    f.uuid = statement.text(1);
    f.createdAt = statement.text(2);
    f.updatedAt = statement.text(3);
    f.author = statement.text(4);
    f.wkb = statement.blob(5);
    int index = 6;
    for (const auto& column : t.columns) {
        f.attributes[column.name] = statement.value(index++);
    }
    return f;
}

void Project::updateFeature(const std::string& themeName,
                            const std::string& uuid,
                            const Attributes& changes,
                            const std::optional<std::vector<unsigned char>>& wkb,
                            const std::string& author,
                            const std::optional<std::string>& expectedUpdatedAt)
{
    const Theme& t = theme(themeName);
    for (const auto& [key, value] : changes) {
        if (!t.column(key)) {
            throw ProjectError(
                arg(tr("Tema %1 tidak mempunyai kolom '%2'.", "Theme %1 has no column '%2'."),
                    {t.name, key}));
        }
    }
    geo::Transaction transaction(*m_database);
    const auto before = feature(themeName, uuid);
    if (!before) {
        throw ProjectError(
            arg(tr("Fitur %1 tidak ada di tema %2.", "Feature %1 does not exist in theme %2."),
                {uuid, t.name}));
    }
    if (expectedUpdatedAt && *expectedUpdatedAt != before->updatedAt) {
        throw EditConflict(arg(tr("Fitur %1 sudah diubah oleh %2 pada %3 sejak dibaca; muat ulang "
                                  "lalu ulangi perubahan.",
                                  "Feature %1 was changed by %2 at %3 since it was read; reload "
                                  "it and repeat the edit."),
                               {uuid, before->author, before->updatedAt}));
    }
    QJsonObject oldValues;
    QJsonObject newValues;
    std::string assignments = "updated_at = ?, author = ?";
    for (const auto& [key, value] : changes) {
        assignments += ", " + geo::quoteIdentifier(key) + " = ?";
        oldValues.insert(QString::fromStdString(key), toJson(before->attributes.at(key)));
        newValues.insert(QString::fromStdString(key), toJson(value));
    }
    const std::string table = geo::quoteIdentifier(t.name);
    if (wkb) {
        assignments += ", geom = GeomFromWKB(?, 4326)";
        auto wkt = m_database->prepare("SELECT AsText(geom) FROM " + table + " WHERE uuid = ?");
        wkt.bind(1, uuid);
        if (wkt.step()) {
            oldValues.insert("geom",
                             wkt.isNull(0) ? QJsonValue(QJsonValue::Null)
                                           : QJsonValue(QString::fromStdString(wkt.text(0))));
        }
    }
    const std::string time = now();
    auto update =
        m_database->prepare("UPDATE " + table + " SET " + assignments + " WHERE uuid = ?");
    int index = 1;
    update.bind(1, time).bind(2, author);
    index = 3;
    for (const auto& [key, value] : changes) {
        update.bind(index++, value);
    }
    if (wkb) {
        update.bindBlob(index++, wkb->data(), wkb->size());
    }
    update.bind(index++, uuid);
    update.run();
    if (wkb) {
        auto wkt = m_database->prepare("SELECT AsText(geom) FROM " + table + " WHERE uuid = ?");
        wkt.bind(1, uuid);
        if (wkt.step() && !wkt.isNull(0)) {
            newValues.insert("geom", QString::fromStdString(wkt.text(0)));
        }
    }
    auto log = m_database->prepare("INSERT INTO riwayat (waktu, pengguna, tema, fitur_uuid, aksi, "
                                   "nilai_lama, nilai_baru) VALUES (?, ?, ?, ?, 'ubah', ?, ?)");
    log.bind(1, time).bind(2, author).bind(3, t.name).bind(4, uuid);
    log.bind(5, toJsonText(oldValues)).bind(6, toJsonText(newValues));
    log.run();
    transaction.commit();
}

void Project::deleteFeature(const std::string& themeName,
                            const std::string& uuid,
                            const std::string& author)
{
    const Theme& t = theme(themeName);
    geo::Transaction transaction(*m_database);
    const auto before = feature(themeName, uuid);
    if (!before) {
        throw ProjectError(
            arg(tr("Fitur %1 tidak ada di tema %2.", "Feature %1 does not exist in theme %2."),
                {uuid, t.name}));
    }
    QJsonObject oldValues;
    for (const auto& [key, value] : before->attributes) {
        oldValues.insert(QString::fromStdString(key), toJson(value));
    }
    oldValues.insert("created_at", QString::fromStdString(before->createdAt));
    oldValues.insert("author", QString::fromStdString(before->author));
    const std::string table = geo::quoteIdentifier(t.name);
    auto wkt = m_database->prepare("SELECT AsText(geom) FROM " + table + " WHERE uuid = ?");
    wkt.bind(1, uuid);
    if (wkt.step() && !wkt.isNull(0)) {
        oldValues.insert("geom", QString::fromStdString(wkt.text(0)));
    }
    auto remove = m_database->prepare("DELETE FROM " + table + " WHERE uuid = ?");
    remove.bind(1, uuid);
    remove.run();
    auto log = m_database->prepare("INSERT INTO riwayat (waktu, pengguna, tema, fitur_uuid, aksi, "
                                   "nilai_lama, nilai_baru) VALUES (?, ?, ?, ?, 'hapus', ?, NULL)");
    log.bind(1, now()).bind(2, author).bind(3, t.name).bind(4, uuid).bind(5, toJsonText(oldValues));
    log.run();
    transaction.commit();
}

std::vector<HistoryEntry> Project::history(const std::string& featureUuid)
{
    std::string sql = "SELECT id, waktu, pengguna, tema, fitur_uuid, aksi, nilai_lama, nilai_baru "
                      "FROM riwayat";
    if (!featureUuid.empty()) {
        sql += " WHERE fitur_uuid = ?";
    }
    sql += " ORDER BY id";
    auto statement = m_database->prepare(sql);
    if (!featureUuid.empty()) {
        statement.bind(1, featureUuid);
    }
    std::vector<HistoryEntry> entries;
    while (statement.step()) {
        entries.push_back({statement.integer(0),
                           statement.text(1),
                           statement.text(2),
                           statement.text(3),
                           statement.text(4),
                           statement.text(5),
                           statement.text(6),
                           statement.text(7)});
    }
    return entries;
}

} // namespace layers
