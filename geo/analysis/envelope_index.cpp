#include "geo/analysis/envelope_index.h"

#include <algorithm>
#include <numeric>

namespace geo {

namespace {

// Position of (x, y) in [0, 65535]² along a Hilbert curve (from flatbush, after
// "Fast Hilbert curve generation, sorting, and range queries" by Rawrunprotocol).
std::uint32_t hilbert(std::uint32_t x, std::uint32_t y)
{
    std::uint32_t a = x ^ y;
    std::uint32_t b = 0xFFFF ^ a;
    std::uint32_t c = 0xFFFF ^ (x | y);
    std::uint32_t d = x & (y ^ 0xFFFF);
    std::uint32_t A = a | (b >> 1);
    std::uint32_t B = (a >> 1) ^ a;
    std::uint32_t C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
    std::uint32_t D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;

    a = A;
    b = B;
    c = C;
    d = D;
    A = ((a & (a >> 2)) ^ (b & (b >> 2)));
    B = ((a & (b >> 2)) ^ (b & ((a ^ b) >> 2)));
    C ^= ((a & (c >> 2)) ^ (b & (d >> 2)));
    D ^= ((b & (c >> 2)) ^ ((a ^ b) & (d >> 2)));

    a = A;
    b = B;
    c = C;
    d = D;
    A = ((a & (a >> 4)) ^ (b & (b >> 4)));
    B = ((a & (b >> 4)) ^ (b & ((a ^ b) >> 4)));
    C ^= ((a & (c >> 4)) ^ (b & (d >> 4)));
    D ^= ((b & (c >> 4)) ^ ((a ^ b) & (d >> 4)));

    a = A;
    b = B;
    c = C;
    d = D;
    C ^= ((a & (c >> 8)) ^ (b & (d >> 8)));
    D ^= ((b & (c >> 8)) ^ ((a ^ b) & (d >> 8)));

    a = C ^ (C >> 1);
    b = D ^ (D >> 1);

    std::uint32_t i0 = x ^ y;
    std::uint32_t i1 = b | (0xFFFF ^ (i0 | a));

    i0 = (i0 | (i0 << 8)) & 0x00FF00FF;
    i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F;
    i0 = (i0 | (i0 << 2)) & 0x33333333;
    i0 = (i0 | (i0 << 1)) & 0x55555555;

    i1 = (i1 | (i1 << 8)) & 0x00FF00FF;
    i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F;
    i1 = (i1 | (i1 << 2)) & 0x33333333;
    i1 = (i1 | (i1 << 1)) & 0x55555555;

    return (i1 << 1) | i0;
}

} // namespace

EnvelopeIndex::EnvelopeIndex(const std::vector<Envelope>& items, std::uint32_t nodeSize)
    : m_nodeSize(std::max<std::uint32_t>(2, std::min<std::uint32_t>(nodeSize, 64)))
{
    // Empty rectangles are kept as items that no query meets.
    std::vector<std::uint32_t> order;
    order.reserve(items.size());
    Envelope bounds;
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        if (!items[i].isEmpty()) {
            order.push_back(i);
            bounds.include(items[i]);
        }
    }
    m_itemCount = items.size();
    if (order.empty()) {
        return;
    }
    const double width = bounds.maxX - bounds.minX;
    const double height = bounds.maxY - bounds.minY;
    std::vector<std::uint32_t> keys(items.size(), 0);
    for (auto i : order) {
        const auto& box = items[i];
        const double cx = width > 0 ? ((box.minX + box.maxX) / 2 - bounds.minX) / width : 0;
        const double cy = height > 0 ? ((box.minY + box.maxY) / 2 - bounds.minY) / height : 0;
        keys[i] = hilbert(static_cast<std::uint32_t>(cx * 65535.0),
                          static_cast<std::uint32_t>(cy * 65535.0));
    }
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return keys[a] < keys[b];
    });
    m_boxes.reserve(order.size() + order.size() / (m_nodeSize - 1) + 2);
    m_ids.reserve(m_boxes.capacity());
    for (auto i : order) {
        m_boxes.push_back(items[i]);
        m_ids.push_back(i);
    }
    std::uint32_t start = 0;
    auto end = static_cast<std::uint32_t>(m_boxes.size());
    m_levelEnds.push_back(end);
    while (end - start > 1) {
        for (std::uint32_t i = start; i < end; i += m_nodeSize) {
            Envelope box;
            const std::uint32_t last = std::min(i + m_nodeSize, end);
            for (std::uint32_t j = i; j < last; ++j) {
                box.include(m_boxes[j]);
            }
            m_boxes.push_back(box);
            m_ids.push_back(i);
        }
        start = end;
        end = static_cast<std::uint32_t>(m_boxes.size());
        m_levelEnds.push_back(end);
    }
}

void EnvelopeIndex::query(const Envelope& query, std::vector<std::uint32_t>& out) const
{
    const std::size_t before = out.size();
    visit(query, [&](std::uint32_t item) { out.push_back(item); });
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
}

EnvelopeGrid::EnvelopeGrid(const std::vector<Envelope>& items)
{
    std::vector<double> sizes;
    for (const auto& box : items) {
        if (!box.isEmpty()) {
            m_bounds.include(box);
            sizes.push_back(std::max(box.maxX - box.minX, box.maxY - box.minY));
        }
    }
    if (sizes.empty()) {
        return;
    }
    std::nth_element(
        sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(sizes.size() / 2), sizes.end());
    const double width = m_bounds.maxX - m_bounds.minX;
    const double height = m_bounds.maxY - m_bounds.minY;
    // About two cells across a typical item, at most ~4M cells and ~16M entries.
    double cell = std::max(sizes[sizes.size() / 2] / 2, std::max(width, height) / 2048);
    if (!(cell > 0)) {
        cell = std::max({width, height, 1e-9});
    }
    for (;;) {
        m_columns = static_cast<std::size_t>(width / cell) + 1;
        m_rows = static_cast<std::size_t>(height / cell) + 1;
        std::size_t entries = 0;
        for (const auto& box : items) {
            if (!box.isEmpty()) {
                entries += (static_cast<std::size_t>((box.maxX - box.minX) / cell) + 2) *
                           (static_cast<std::size_t>((box.maxY - box.minY) / cell) + 2);
            }
        }
        if (m_columns * m_rows <= 4'000'000 && entries <= 16'000'000) {
            break;
        }
        cell *= 2;
    }
    m_inverseCell = 1 / cell;
    m_cellStarts.assign(m_columns * m_rows + 1, 0);
    auto span = [&](const Envelope& box, auto&& each) {
        const std::size_t first = cellOf(box.minX, box.minY);
        const std::size_t last = cellOf(box.maxX, box.maxY);
        const std::size_t column0 = first % m_columns, column1 = last % m_columns;
        for (std::size_t row = first / m_columns; row <= last / m_columns; ++row) {
            for (std::size_t column = column0; column <= column1; ++column) {
                each(row * m_columns + column);
            }
        }
    };
    for (const auto& box : items) {
        if (!box.isEmpty()) {
            span(box, [&](std::size_t c) { ++m_cellStarts[c + 1]; });
        }
    }
    for (std::size_t c = 0; c + 1 < m_cellStarts.size(); ++c) {
        m_cellStarts[c + 1] += m_cellStarts[c];
    }
    m_items.resize(m_cellStarts.back());
    std::vector<std::uint32_t> fill(m_cellStarts.begin(), m_cellStarts.end() - 1);
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        if (!items[i].isEmpty()) {
            span(items[i], [&](std::size_t c) { m_items[fill[c]++] = i; });
        }
    }
}

} // namespace geo
