#include "geo/spatial_database.h"

#include "geo/errors.h"

#include <sqlite3.h>

#include <spatialite.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace geo {

void SqliteCloser::operator()(sqlite3* db) const noexcept
{
    sqlite3_close_v2(db);
}

void StatementFinalizer::operator()(sqlite3_stmt* statement) const noexcept
{
    sqlite3_finalize(statement);
}

void SpatialiteCacheDeleter::operator()(void* cache) const noexcept
{
    spatialite_cleanup_ex(cache);
}

std::string toText(const Value& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*i);
    }
    if (const auto* d = std::get_if<double>(&value)) {
        if (std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 1e15) {
            return std::to_string(static_cast<std::int64_t>(*d));
        }
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.15g", *d);
        return buffer;
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        return *s;
    }
    return {};
}

std::string quoteIdentifier(const std::string& name)
{
    std::string quoted = "\"";
    for (char c : name) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

namespace {

// SQL functions that read or write files, or reach the network. A project file from someone
// else may call them from a view or trigger; the authorizer refuses them everywhere.
constexpr std::array<std::string_view, 32> deniedFunctions = {
    "load_extension",
    "blobfromfile",
    "blobtofile",
    "xb_loadxml",
    "xb_storexml",
    "exportshp",
    "importshp",
    "exportdbf",
    "importdbf",
    "exportkml",
    "exportgeojson",
    "exportgeojson2",
    "importgeojson",
    "importwfs",
    "importdxf",
    "importdxffromdir",
    "importxls",
    "importzipshp",
    "importzipdbf",
    "exportsvg",
    "readfile",
    "writefile",
    "edit",
    "fts3_tokenizer",
    "createrouting",
    "createtopogeo",
    "initwms",
    "registerwmsgetmap",
    "importgeojson2",
    "exportgeojsonsql",
    "checkduplicaterows",
    "disablegpkgamphibiousmode",
};

int authorize(
    void* /*userData*/, int action, const char* a, const char* b, const char*, const char*)
{
    if (action == SQLITE_ATTACH || action == SQLITE_DETACH) {
        return SQLITE_DENY;
    }
    if (action == SQLITE_FUNCTION) {
        const char* name = b ? b : a;
        if (!name) {
            return SQLITE_OK;
        }
        std::string lower(name);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
            return static_cast<char>(std::tolower(c));
        });
        for (auto denied : deniedFunctions) {
            if (lower == denied) {
                return SQLITE_DENY;
            }
        }
    }
    return SQLITE_OK;
}

} // namespace

SpatialDatabase::SpatialDatabase(const std::string& utf8Path, Mode mode) : m_path(utf8Path)
{
    // SpatiaLite's file-touching functions stay disabled unless this is "relaxed".
    ::setenv("SPATIALITE_SECURITY", "strict", 1);
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(utf8Path.c_str(), &raw, flags, nullptr);
    m_db.reset(raw);
    if (rc != SQLITE_OK) {
        std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        throw DatabaseError("cannot open database '" + utf8Path + "': " + message, rc);
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, nullptr);
    m_cache.reset(spatialite_alloc_connection());
    spatialite_init_ex(raw, m_cache.get(), 0);
    // SpatiaLite 5.0's own geometry triggers call non-innocuous functions, so the schema has
    // to stay trusted; the authorizer below keeps files and the network out of reach instead.
    sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, nullptr);
    sqlite3_set_authorizer(raw, &authorize, nullptr);
    if (mode != Mode::ReadOnly) {
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
    }
    exec("PRAGMA foreign_keys=ON");
}

SpatialDatabase::~SpatialDatabase()
{
    if (m_db) {
        sqlite3_set_authorizer(m_db.get(), nullptr, nullptr);
    }
}

void SpatialDatabase::throwError(const std::string& context, int code) const
{
    throw DatabaseError(context + ": " + sqlite3_errmsg(m_db.get()) + " (" + m_path + ")", code);
}

void SpatialDatabase::exec(const std::string& sql)
{
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db.get(), sql.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw DatabaseError(message + " in SQL: " + sql.substr(0, 200) + " (" + m_path + ")", rc);
    }
}

Statement SpatialDatabase::prepare(const std::string& sql)
{
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v2(
        m_db.get(), sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        throwError("cannot prepare SQL '" + sql.substr(0, 200) + "'", rc);
    }
    return Statement(*this, statement, sql);
}

std::int64_t SpatialDatabase::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db.get());
}

int SpatialDatabase::changes() const
{
    return sqlite3_changes(m_db.get());
}

bool SpatialDatabase::tableExists(const std::string& name)
{
    auto statement = prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND "
                             "name = ?");
    statement.bind(1, name);
    return statement.step();
}

Value SpatialDatabase::scalar(const std::string& sql)
{
    auto statement = prepare(sql);
    if (!statement.step()) {
        return {};
    }
    return statement.value(0);
}

void SpatialDatabase::backupTo(const std::string& utf8Path)
{
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(
        utf8Path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<sqlite3, SqliteCloser> target(raw);
    if (rc != SQLITE_OK) {
        throw DatabaseError("cannot create '" + utf8Path +
                                "': " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)),
                            rc);
    }
    sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", m_db.get(), "main");
    if (!backup) {
        throw DatabaseError("cannot copy to '" + utf8Path + "': " + sqlite3_errmsg(target.get()),
                            sqlite3_errcode(target.get()));
    }
    const int step = sqlite3_backup_step(backup, -1);
    const int finish = sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE || finish != SQLITE_OK) {
        throw DatabaseError("copy to '" + utf8Path + "' failed: " + sqlite3_errmsg(target.get()),
                            step != SQLITE_DONE ? step : finish);
    }
}

Statement::Statement(SpatialDatabase& database, sqlite3_stmt* statement, std::string sql)
    : m_database(&database), m_statement(statement), m_sql(std::move(sql))
{}

Statement& Statement::bind(int index, const Value& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return bind(index, *i);
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return bind(index, *d);
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        return bind(index, *s);
    }
    return bindNull(index);
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_statement.get(), index);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_statement.get(), index, value);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (std::isnan(value)) {
        sqlite3_bind_null(m_statement.get(), index);
    } else {
        sqlite3_bind_double(m_statement.get(), index, value);
    }
    return *this;
}

Statement& Statement::bind(int index, const std::string& value)
{
    sqlite3_bind_text(
        m_statement.get(), index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindStatic(int index, std::string_view value)
{
    sqlite3_bind_text(
        m_statement.get(), index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    sqlite3_bind_blob(m_statement.get(), index, data, static_cast<int>(size), SQLITE_TRANSIENT);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_statement.get());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    m_database->throwError("SQL failed '" + m_sql.substr(0, 200) + "'", rc);
}

void Statement::run()
{
    while (step()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_statement.get());
    sqlite3_clear_bindings(m_statement.get());
}

bool SpatialDatabase::inTransaction() const
{
    return sqlite3_get_autocommit(m_db.get()) == 0;
}

void Statement::rewind()
{
    sqlite3_reset(m_statement.get());
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_statement.get());
}

std::string Statement::columnName(int column) const
{
    const char* name = sqlite3_column_name(m_statement.get(), column);
    return name ? name : "";
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_statement.get(), column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_statement.get(), column);
}

std::string Statement::text(int column) const
{
    const auto* text = sqlite3_column_text(m_statement.get(), column);
    if (!text) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(m_statement.get(), column)));
}

std::vector<unsigned char> Statement::blob(int column) const
{
    const auto* data =
        static_cast<const unsigned char*>(sqlite3_column_blob(m_statement.get(), column));
    const int size = sqlite3_column_bytes(m_statement.get(), column);
    if (!data || size <= 0) {
        return {};
    }
    return std::vector<unsigned char>(data, data + size);
}

std::string_view Statement::textView(int column) const
{
    const auto* text = sqlite3_column_text(m_statement.get(), column);
    if (!text) {
        return {};
    }
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(m_statement.get(), column))};
}

std::span<const unsigned char> Statement::blobView(int column) const
{
    const auto* data =
        static_cast<const unsigned char*>(sqlite3_column_blob(m_statement.get(), column));
    const int size = sqlite3_column_bytes(m_statement.get(), column);
    if (!data || size <= 0) {
        return {};
    }
    return {data, static_cast<std::size_t>(size)};
}

Value Statement::value(int column) const
{
    switch (sqlite3_column_type(m_statement.get(), column)) {
    case SQLITE_INTEGER:
        return integer(column);
    case SQLITE_FLOAT:
        return real(column);
    case SQLITE_TEXT:
        return text(column);
    default:
        return {};
    }
}

Transaction::Transaction(SpatialDatabase& database)
    : m_database(database), m_nested(sqlite3_get_autocommit(database.handle()) == 0)
{
    m_database.exec(m_nested ? "SAVEPOINT petadesa_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_open) {
        return;
    }
    if (m_nested) {
        // Undo this part only; the enclosing transaction decides about the rest.
        sqlite3_exec(m_database.handle(),
                     "ROLLBACK TO petadesa_nested; RELEASE petadesa_nested",
                     nullptr,
                     nullptr,
                     nullptr);
    } else {
        sqlite3_exec(m_database.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit()
{
    m_database.exec(m_nested ? "RELEASE petadesa_nested" : "COMMIT");
    m_open = false;
}

} // namespace geo
