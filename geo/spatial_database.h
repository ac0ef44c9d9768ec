#pragma once

#include "geo/value.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace geo {

struct SqliteCloser
{
    void operator()(sqlite3* db) const noexcept;
};
struct StatementFinalizer
{
    void operator()(sqlite3_stmt* statement) const noexcept;
};
struct SpatialiteCacheDeleter
{
    void operator()(void* cache) const noexcept;
};

class SpatialDatabase;

/// A prepared statement. Belongs to the thread of its database; values are bound by index
/// (1-based) and never spliced into SQL text.
class Statement
{
public:
    Statement(SpatialDatabase& database, sqlite3_stmt* statement, std::string sql);

    Statement& bind(int index, const Value& value);
    Statement& bindNull(int index);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    /// Binds text without copying it: the characters must stay unchanged until the parameter
    /// is bound again or the statement is finalized (for loops over many rows).
    Statement& bindStatic(int index, std::string_view value);
    Statement& bindBlob(int index, const void* data, std::size_t size);

    /// Steps once; true while a row is available. Throws DatabaseError on failure.
    bool step();
    /// Steps to completion, for statements that return no rows.
    void run();
    /// Resets and clears the bindings.
    void reset();
    /// Resets and keeps the bindings, for a loop that binds every parameter again.
    void rewind();

    int columnCount() const;
    std::string columnName(int column) const;
    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::vector<unsigned char> blob(int column) const;
    /// The column's text or bytes without a copy, valid until the next step, reset or read of
    /// the same column as another type: for loops over many rows.
    std::string_view textView(int column) const;
    std::span<const unsigned char> blobView(int column) const;
    /// The column as a Value of its storage class (blobs come back as null).
    Value value(int column) const;

private:
    SpatialDatabase* m_database;
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> m_statement;
    std::string m_sql;
};

/// One SQLite connection with SpatiaLite loaded, set up defensively: no extension loading, a
/// deny-list of file-touching SQL functions, defensive mode, WAL, foreign keys on.
/// Thread-confined: open one per thread, pass paths and values between threads.
class SpatialDatabase
{
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    SpatialDatabase(const std::string& utf8Path, Mode mode);
    ~SpatialDatabase();
    SpatialDatabase(const SpatialDatabase&) = delete;
    SpatialDatabase& operator=(const SpatialDatabase&) = delete;

    const std::string& path() const { return m_path; }
    void exec(const std::string& sql);
    Statement prepare(const std::string& sql);
    std::int64_t lastInsertRowId() const;
    int changes() const;
    bool tableExists(const std::string& name);
    /// First column of the first row, or null.
    Value scalar(const std::string& sql);
    /// Writes a consistent copy of the whole database into a new file with SQLite's online
    /// backup API (VACUUM INTO attaches a file, which the authorizer refuses). The caller
    /// writes to a temporary name and renames. Throws DatabaseError.
    void backupTo(const std::string& utf8Path);

    /// True while a transaction (or savepoint) of this connection is open: its changes are
    /// not yet visible to other connections.
    bool inTransaction() const;

    sqlite3* handle() const { return m_db.get(); }
    [[noreturn]] void throwError(const std::string& context, int code) const;

private:
    std::string m_path;
    // Destroyed bottom-up: the connection closes before its SpatiaLite cache is freed.
    std::unique_ptr<void, SpatialiteCacheDeleter> m_cache;
    std::unique_ptr<sqlite3, SqliteCloser> m_db;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() ran. Inside
/// another transaction of the connection it is a savepoint instead: commit() releases it into
/// the enclosing transaction, and destruction without commit() undoes only its own changes.
class Transaction
{
public:
    explicit Transaction(SpatialDatabase& database);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    SpatialDatabase& m_database;
    bool m_nested = false;
    bool m_open = true;
};

/// Quotes an identifier for SQL ("name" with inner quotes doubled). Only for identifiers that
/// come from our own schema; user text is always bound as a value.
std::string quoteIdentifier(const std::string& name);

} // namespace geo
