#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace geo {

class SpatialDatabase;

/// One entry of a 2D SQLite R*Tree (SpatiaLite's idx_<table>_<column>): the row id and its box
/// as the R*Tree stores it, in 32-bit floats.
struct RtreeEntry
{
    std::int64_t id = 0;
    float minX = 0, maxX = 0, minY = 0, maxY = 0;
};

/// The entry SQLite stores when the box (doubles) is inserted into an R*Tree: each minimum
/// rounded down and each maximum rounded up to a float, exactly as the rtree module does, so
/// the float box always contains the double box.
RtreeEntry rtreeEntry(std::int64_t id, double minX, double minY, double maxX, double maxY);

/// The number of entries in a 2D R*Tree.
std::int64_t rtreeEntryCount(SpatialDatabase& database, const std::string& rtreeTable);

/// Every entry of a 2D R*Tree, in no particular order.
std::vector<RtreeEntry> rtreeEntries(SpatialDatabase& database, const std::string& rtreeTable);

/// Replaces the whole content of a 2D float R*Tree virtual table with a packed tree of the
/// given entries (Sort-Tile-Recursive), written straight into the tree's node, parent and rowid
/// tables in SQLite's own R*Tree format: far cheaper than inserting the rows one by one through
/// the virtual table, and the result is an ordinary R*Tree that SQLite queries, updates and
/// checks (rtreecheck) as usual. Ids must be unique. Runs inside the caller's transaction, so
/// a rollback restores the previous tree; the connection's defensive mode is lifted only for
/// these writes. Throws DatabaseError (nothing is changed by a failure once the caller rolls
/// back).
void writePackedRtree(SpatialDatabase& database,
                      const std::string& rtreeTable,
                      std::vector<RtreeEntry> entries);

} // namespace geo
