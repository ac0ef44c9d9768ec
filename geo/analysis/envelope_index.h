#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace geo {

/// An axis-aligned rectangle; empty when minX > maxX.
struct Envelope
{
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();

    static Envelope ofPoint(double x, double y) { return {x, y, x, y}; }
    bool isEmpty() const { return minX > maxX || minY > maxY; }
    bool intersects(const Envelope& other) const
    {
        return minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY;
    }
    void include(const Envelope& other)
    {
        minX = other.minX < minX ? other.minX : minX;
        minY = other.minY < minY ? other.minY : minY;
        maxX = other.maxX > maxX ? other.maxX : maxX;
        maxY = other.maxY > maxY ? other.maxY : maxY;
    }
    Envelope expanded(double distance) const
    {
        return {minX - distance, minY - distance, maxX + distance, maxY + distance};
    }
};

/// An immutable packed R-tree over rectangles (items sorted along a Hilbert curve, then packed
/// bottom-up into nodes of a fixed size, as flatbush does; an STR-style bulk-loaded tree).
/// Queries give the indices of the items whose rectangles intersect the query rectangle.
/// Read-only after construction: several threads may query one index at the same time.
class EnvelopeIndex
{
public:
    EnvelopeIndex() = default;
    explicit EnvelopeIndex(const std::vector<Envelope>& items, std::uint32_t nodeSize = 16);

    std::size_t size() const { return m_itemCount; }

    /// Calls visit(itemIndex) for every item whose rectangle intersects query; the order
    /// follows the tree, not the item indices.
    template <typename Visit> void visit(const Envelope& query, Visit&& visitItem) const;

    /// Appends the matching item indices to out, in ascending order.
    void query(const Envelope& query, std::vector<std::uint32_t>& out) const;

private:
    std::size_t m_itemCount = 0;
    std::uint32_t m_nodeSize = 16;
    std::vector<Envelope> m_boxes;          ///< items (Hilbert order), then each node level
    std::vector<std::uint32_t> m_ids;       ///< item index for items, first child for nodes
    std::vector<std::uint32_t> m_levelEnds; ///< one past the last box of each level
};

template <typename Visit> void EnvelopeIndex::visit(const Envelope& query, Visit&& visitItem) const
{
    if (m_boxes.empty() || query.isEmpty()) {
        return;
    }
    // (position, level); the stack never holds more than nodeSize entries per level.
    std::array<std::pair<std::uint32_t, std::uint32_t>, 1024> stack;
    std::size_t top = 0;
    const auto rootLevel = static_cast<std::uint32_t>(m_levelEnds.size() - 1);
    stack[top++] = {static_cast<std::uint32_t>(m_boxes.size() - 1), rootLevel};
    while (top > 0) {
        const auto [position, level] = stack[--top];
        if (!m_boxes[position].intersects(query)) {
            continue;
        }
        if (level == 0) {
            visitItem(m_ids[position]);
            continue;
        }
        const std::uint32_t first = m_ids[position];
        const std::uint32_t end = first + m_nodeSize < m_levelEnds[level - 1]
                                      ? first + m_nodeSize
                                      : m_levelEnds[level - 1];
        for (std::uint32_t child = end; child-- > first;) {
            if (!m_boxes[child].intersects(query)) {
                continue;
            }
            if (level == 1) {
                visitItem(m_ids[child]);
            } else {
                stack[top++] = {child, level - 1};
            }
        }
    }
}

/// A uniform grid over rectangles for point and small-box queries: each cell lists (in
/// ascending order) the items whose rectangle meets it, so a point finds its candidates in one
/// lookup. The cell
/// size follows the typical item size, and the grid stays below about four million cells.
/// Read-only after construction, like EnvelopeIndex.
class EnvelopeGrid
{
public:
    EnvelopeGrid() = default;
    explicit EnvelopeGrid(const std::vector<Envelope>& items);

    /// Calls visit(itemIndex) for the items of the cell holding (x, y) whose rectangle holds
    /// the point, in ascending item order.
    template <typename Visit>
    void visitPoint(double x, double y, const std::vector<Envelope>& items, Visit&& visit) const
    {
        if (m_columns == 0 || !(x >= m_bounds.minX && x <= m_bounds.maxX && y >= m_bounds.minY &&
                                y <= m_bounds.maxY)) {
            return;
        }
        const std::size_t cell = cellOf(x, y);
        for (std::uint32_t k = m_cellStarts[cell]; k < m_cellStarts[cell + 1]; ++k) {
            const std::uint32_t item = m_items[k];
            const Envelope& box = items[item];
            if (x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY) {
                visit(item);
            }
        }
    }

    /// Calls visit(itemIndex) once for every item whose rectangle intersects `box` (in no
    /// particular order): for boxes the size of a few cells, a few lookups instead of a walk
    /// down a tree. Each item is reported in the first cell of the query that it meets.
    template <typename Visit>
    void visitBox(const Envelope& box, const std::vector<Envelope>& items, Visit&& visit) const
    {
        if (m_columns == 0 || box.isEmpty() || !box.intersects(m_bounds)) {
            return;
        }
        const double minX = box.minX > m_bounds.minX ? box.minX : m_bounds.minX;
        const double minY = box.minY > m_bounds.minY ? box.minY : m_bounds.minY;
        const double maxX = box.maxX < m_bounds.maxX ? box.maxX : m_bounds.maxX;
        const double maxY = box.maxY < m_bounds.maxY ? box.maxY : m_bounds.maxY;
        const std::size_t first = cellOf(minX, minY), last = cellOf(maxX, maxY);
        const std::size_t column0 = first % m_columns, column1 = last % m_columns;
        const bool single = first == last;
        for (std::size_t row = first / m_columns; row <= last / m_columns; ++row) {
            for (std::size_t column = column0; column <= column1; ++column) {
                const std::size_t cell = row * m_columns + column;
                for (std::uint32_t k = m_cellStarts[cell]; k < m_cellStarts[cell + 1]; ++k) {
                    const std::uint32_t item = m_items[k];
                    const Envelope& itemBox = items[item];
                    if (!itemBox.intersects(box)) {
                        continue;
                    }
                    if (!single && cellOf(itemBox.minX > minX ? itemBox.minX : minX,
                                          itemBox.minY > minY ? itemBox.minY : minY) != cell) {
                        continue; // reported in an earlier cell of the query
                    }
                    visit(item);
                }
            }
        }
    }

private:
    std::size_t cellOf(double x, double y) const
    {
        auto column = static_cast<std::size_t>((x - m_bounds.minX) * m_inverseCell);
        auto row = static_cast<std::size_t>((y - m_bounds.minY) * m_inverseCell);
        column = column < m_columns ? column : m_columns - 1;
        row = row < m_rows ? row : m_rows - 1;
        return row * m_columns + column;
    }

    Envelope m_bounds;
    double m_inverseCell = 1;
    std::size_t m_columns = 0;
    std::size_t m_rows = 0;
    std::vector<std::uint32_t> m_cellStarts; ///< offsets into m_items, plus the end
    std::vector<std::uint32_t> m_items;
};

} // namespace geo
