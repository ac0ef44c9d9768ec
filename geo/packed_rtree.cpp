#include "geo/packed_rtree.h"

#include "geo/errors.h"
#include "geo/spatial_database.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <utility>

namespace geo {

namespace {

// SQLite's rtree.c rounds a double to the float it stores with these factors (RNDTOWARDS,
// RNDAWAY), so that the float box always contains the double box.
constexpr double roundTowardsZero = 1.0 - 1.0 / 8388608.0;
constexpr double roundAwayFromZero = 1.0 + 1.0 / 8388608.0;

float roundDown(double d)
{
    float f = static_cast<float>(d);
    if (f > d) {
        f = static_cast<float>(d * (d < 0 ? roundAwayFromZero : roundTowardsZero));
    }
    return f;
}

float roundUp(double d)
{
    float f = static_cast<float>(d);
    if (f < d) {
        f = static_cast<float>(d * (d < 0 ? roundTowardsZero : roundAwayFromZero));
    }
    return f;
}

constexpr std::size_t bytesPerCell = 8 + 4 * 4; // id, then xmin, xmax, ymin, ymax as floats

void putBigEndian16(unsigned char* out, unsigned value)
{
    out[0] = static_cast<unsigned char>((value >> 8) & 0xFF);
    out[1] = static_cast<unsigned char>(value & 0xFF);
}

void putBigEndian32(unsigned char* out, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i) {
        out[i] = static_cast<unsigned char>((value >> (24 - 8 * i)) & 0xFF);
    }
}

void putBigEndian64(unsigned char* out, std::uint64_t value)
{
    for (int i = 0; i < 8; ++i) {
        out[i] = static_cast<unsigned char>((value >> (56 - 8 * i)) & 0xFF);
    }
}

void putFloat(unsigned char* out, float value)
{
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, 4);
    putBigEndian32(out, bits);
}

/// Lifts SQLITE_DBCONFIG_DEFENSIVE (which makes virtual-table shadow tables read-only) while in
/// scope, and restores the previous setting.
class ShadowTableWrites
{
public:
    explicit ShadowTableWrites(sqlite3* db) : m_db(db)
    {
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, -1, &m_previous);
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
    }
    ~ShadowTableWrites()
    {
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, m_previous, nullptr);
    }
    ShadowTableWrites(const ShadowTableWrites&) = delete;
    ShadowTableWrites& operator=(const ShadowTableWrites&) = delete;

private:
    sqlite3* m_db;
    int m_previous = 1;
};

double centerX(const RtreeEntry& e)
{
    return (static_cast<double>(e.minX) + static_cast<double>(e.maxX)) / 2;
}

double centerY(const RtreeEntry& e)
{
    return (static_cast<double>(e.minY) + static_cast<double>(e.maxY)) / 2;
}

/// Sort-Tile-Recursive: orders items into vertical slices by x, each slice by y, and cuts them
/// into runs of at most capacity items (as even as possible). Returns the runs as [begin, end).
std::vector<std::pair<std::size_t, std::size_t>> tile(std::vector<RtreeEntry>& items,
                                                      std::size_t capacity)
{
    const std::size_t n = items.size();
    const std::size_t nodes = (n + capacity - 1) / capacity;
    const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    auto byX = [](const RtreeEntry& a, const RtreeEntry& b) {
        const double ax = centerX(a), bx = centerX(b);
        return ax < bx || (ax == bx && a.id < b.id);
    };
    auto byY = [](const RtreeEntry& a, const RtreeEntry& b) {
        const double ay = centerY(a), by = centerY(b);
        return ay < by || (ay == by && a.id < b.id);
    };
    std::sort(items.begin(), items.end(), byX);
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t s = 0; s < slices; ++s) {
        const std::size_t begin = s * n / slices;
        const std::size_t end = (s + 1) * n / slices;
        if (begin == end) {
            continue;
        }
        const auto first = items.begin() + static_cast<std::ptrdiff_t>(begin);
        const auto last = items.begin() + static_cast<std::ptrdiff_t>(end);
        std::sort(first, last, byY);
        const std::size_t k = end - begin;
        const std::size_t count = (k + capacity - 1) / capacity;
        for (std::size_t j = 0; j < count; ++j) {
            runs.emplace_back(begin + j * k / count, begin + (j + 1) * k / count);
        }
    }
    return runs;
}

std::string shadowTable(const std::string& rtreeTable, const char* suffix)
{
    return quoteIdentifier(rtreeTable + suffix);
}

} // namespace

RtreeEntry rtreeEntry(std::int64_t id, double minX, double minY, double maxX, double maxY)
{
    return {id, roundDown(minX), roundUp(maxX), roundDown(minY), roundUp(maxY)};
}

std::int64_t rtreeEntryCount(SpatialDatabase& database, const std::string& rtreeTable)
{
    auto count = database.prepare("SELECT count(*) FROM " + shadowTable(rtreeTable, "_rowid"));
    return count.step() ? count.integer(0) : 0;
}

std::vector<RtreeEntry> rtreeEntries(SpatialDatabase& database, const std::string& rtreeTable)
{
    auto select = database.prepare("SELECT * FROM " + quoteIdentifier(rtreeTable));
    if (select.columnCount() != 5) {
        throw DatabaseError("'" + rtreeTable + "' is not a two-dimensional R*Tree", 0);
    }
    std::vector<RtreeEntry> entries;
    while (select.step()) {
        // The stored floats come back as doubles; converting back is exact.
        entries.push_back({select.integer(0),
                           static_cast<float>(select.real(1)),
                           static_cast<float>(select.real(2)),
                           static_cast<float>(select.real(3)),
                           static_cast<float>(select.real(4))});
    }
    return entries;
}

void writePackedRtree(SpatialDatabase& database,
                      const std::string& rtreeTable,
                      std::vector<RtreeEntry> entries)
{
    {
        auto definition = database.prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE");
        definition.bind(1, rtreeTable);
        std::string sql = definition.step() ? definition.text(0) : std::string();
        std::transform(sql.begin(), sql.end(), sql.begin(), [](unsigned char c) {
            return static_cast<char>(std::tolower(c));
        });
        if (sql.find("using rtree(") == std::string::npos) {
            throw DatabaseError("'" + rtreeTable + "' is not a float R*Tree", 0);
        }
        auto columns =
            database.prepare("SELECT * FROM " + quoteIdentifier(rtreeTable) + " LIMIT 0");
        if (columns.columnCount() != 5) {
            throw DatabaseError("'" + rtreeTable + "' is not a two-dimensional R*Tree", 0);
        }
    }
    // Every node has the size of the root node, which SQLite chose from the page size.
    std::size_t nodeSize = 0;
    {
        auto root = database.prepare("SELECT length(data) FROM " +
                                     shadowTable(rtreeTable, "_node") + " WHERE nodeno = 1");
        if (root.step()) {
            nodeSize = static_cast<std::size_t>(root.integer(0));
        }
    }
    const std::size_t capacity = nodeSize > 4 ? (nodeSize - 4) / bytesPerCell : 0;
    if (capacity < 4) {
        throw DatabaseError("'" + rtreeTable + "' has no usable root node", 0);
    }
    for (const auto& e : entries) {
        if (!(e.minX <= e.maxX) || !(e.minY <= e.maxY) || !std::isfinite(e.minX) ||
            !std::isfinite(e.maxX) || !std::isfinite(e.minY) || !std::isfinite(e.maxY)) {
            throw DatabaseError("R*Tree entry " + std::to_string(e.id) + " has an invalid box", 0);
        }
    }
    auto byId = [](const RtreeEntry& a, const RtreeEntry& b) { return a.id < b.id; };
    if (!std::is_sorted(entries.begin(), entries.end(), byId)) {
        std::sort(entries.begin(), entries.end(), byId);
    }
    if (const auto twice = std::adjacent_find(
            entries.begin(),
            entries.end(),
            [](const RtreeEntry& a, const RtreeEntry& b) { return a.id == b.id; });
        twice != entries.end()) {
        throw DatabaseError("R*Tree entry " + std::to_string(twice->id) + " appears twice", 0);
    }

    ShadowTableWrites allowWrites(database.handle());
    for (const char* suffix : {"_node", "_parent", "_rowid"}) {
        database.exec("DELETE FROM " + shadowTable(rtreeTable, suffix));
    }
    auto insertNode = database.prepare("INSERT INTO " + shadowTable(rtreeTable, "_node") +
                                       " (nodeno, data) VALUES (?, ?)");
    auto insertParent = database.prepare("INSERT INTO " + shadowTable(rtreeTable, "_parent") +
                                         " (nodeno, parentnode) VALUES (?, ?)");
    std::vector<unsigned char> blob(nodeSize);
    auto writeNode = [&](std::int64_t nodeNumber,
                         unsigned depth,
                         std::vector<RtreeEntry>::const_iterator first,
                         std::vector<RtreeEntry>::const_iterator last) {
        std::fill(blob.begin(), blob.end(), 0);
        putBigEndian16(blob.data(), depth);
        putBigEndian16(blob.data() + 2, static_cast<unsigned>(last - first));
        unsigned char* cell = blob.data() + 4;
        for (auto it = first; it != last; ++it, cell += bytesPerCell) {
            putBigEndian64(cell, static_cast<std::uint64_t>(it->id));
            putFloat(cell + 8, it->minX);
            putFloat(cell + 12, it->maxX);
            putFloat(cell + 16, it->minY);
            putFloat(cell + 20, it->maxY);
        }
        insertNode.bind(1, nodeNumber).bindBlob(2, blob.data(), blob.size());
        insertNode.run();
        insertNode.reset();
    };

    // Leaves first, then each level of parents, until the root (node 1) can hold the rest.
    std::vector<std::pair<std::int64_t, std::int64_t>> rowNodes; // entry id -> leaf node
    rowNodes.reserve(entries.size());
    std::vector<RtreeEntry> level = std::move(entries);
    unsigned depth = 0;
    std::int64_t nextNode = 2;
    auto recordChildren = [&](std::int64_t node,
                              std::vector<RtreeEntry>::const_iterator first,
                              std::vector<RtreeEntry>::const_iterator last) {
        for (auto it = first; it != last; ++it) {
            if (depth == 0) {
                rowNodes.emplace_back(it->id, node);
            } else {
                insertParent.bind(1, it->id).bind(2, node);
                insertParent.run();
                insertParent.reset();
            }
        }
    };
    while (level.size() > capacity) {
        std::vector<RtreeEntry> parents;
        for (const auto& [begin, end] : tile(level, capacity)) {
            const auto first = level.cbegin() + static_cast<std::ptrdiff_t>(begin);
            const auto last = level.cbegin() + static_cast<std::ptrdiff_t>(end);
            RtreeEntry box{nextNode++, first->minX, first->maxX, first->minY, first->maxY};
            for (auto it = first; it != last; ++it) {
                box.minX = std::min(box.minX, it->minX);
                box.maxX = std::max(box.maxX, it->maxX);
                box.minY = std::min(box.minY, it->minY);
                box.maxY = std::max(box.maxY, it->maxY);
            }
            writeNode(box.id, 0, first, last);
            recordChildren(box.id, first, last);
            parents.push_back(box);
        }
        level = std::move(parents);
        ++depth;
    }
    writeNode(1, depth, level.cbegin(), level.cend());
    recordChildren(1, level.cbegin(), level.cend());

    // Entry -> leaf rows in id order, many per statement.
    std::sort(rowNodes.begin(), rowNodes.end());
    constexpr std::size_t rowsPerStatement = 200;
    auto rowInsert = [&](std::size_t rows) {
        std::string sql =
            "INSERT INTO " + shadowTable(rtreeTable, "_rowid") + " (rowid, nodeno) VALUES (?, ?)";
        for (std::size_t i = 1; i < rows; ++i) {
            sql += ", (?, ?)";
        }
        return database.prepare(sql);
    };
    auto insertRows = rowInsert(rowsPerStatement);
    std::size_t done = 0;
    for (; done + rowsPerStatement <= rowNodes.size(); done += rowsPerStatement) {
        int index = 1;
        for (std::size_t i = done; i < done + rowsPerStatement; ++i) {
            insertRows.bind(index, rowNodes[i].first).bind(index + 1, rowNodes[i].second);
            index += 2;
        }
        insertRows.run();
        insertRows.reset();
    }
    if (done < rowNodes.size()) {
        auto rest = rowInsert(rowNodes.size() - done);
        int index = 1;
        for (std::size_t i = done; i < rowNodes.size(); ++i) {
            rest.bind(index, rowNodes[i].first).bind(index + 1, rowNodes[i].second);
            index += 2;
        }
        rest.run();
    }
}

} // namespace geo
