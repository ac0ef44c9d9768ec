#include "geo/spatialite_blob.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace geo {

void FlatGeometry::clear()
{
    xy.clear();
    partStarts.clear();
    polygonStarts.clear();
}

namespace {

class Reader
{
public:
    Reader(const unsigned char* data, std::size_t size, bool little)
        : m_data(data), m_size(size), m_little(little)
    {}
    bool seek(std::size_t position)
    {
        m_position = position;
        return m_position <= m_size;
    }
    bool readByte(unsigned char& out)
    {
        if (m_position + 1 > m_size) {
            return false;
        }
        out = m_data[m_position++];
        return true;
    }
    bool readInt(std::uint32_t& out)
    {
        if (m_position + 4 > m_size) {
            return false;
        }
        unsigned char b[4];
        std::memcpy(b, m_data + m_position, 4);
        m_position += 4;
        out = m_little ? (std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 |
                          std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24)
                       : (std::uint32_t(b[3]) | std::uint32_t(b[2]) << 8 |
                          std::uint32_t(b[1]) << 16 | std::uint32_t(b[0]) << 24);
        return true;
    }
    bool readDouble(double& out)
    {
        if (m_position + 8 > m_size) {
            return false;
        }
        unsigned char b[8];
        std::memcpy(b, m_data + m_position, 8);
        m_position += 8;
        if (!m_little) {
            for (int i = 0; i < 4; ++i) {
                std::swap(b[i], b[7 - i]);
            }
        }
        std::memcpy(&out, b, 8);
        return true;
    }
    bool skip(std::size_t bytes)
    {
        m_position += bytes;
        return m_position <= m_size;
    }
    /// Reads count points of the given dimension, keeping x and y.
    bool readPoints(std::uint32_t count, int dimensions, std::vector<double>& xy)
    {
        if (count > (m_size - m_position) / (8u * static_cast<unsigned>(dimensions))) {
            return false;
        }
        const std::size_t start = xy.size();
        xy.resize(start + 2 * std::size_t(count));
        double* out = xy.data() + start;
        if (m_little && dimensions == 2) {
            std::memcpy(out, m_data + m_position, 16 * std::size_t(count));
            m_position += 16 * std::size_t(count);
            return true;
        }
        for (std::uint32_t i = 0; i < count; ++i) {
            if (!readDouble(out[2 * i]) || !readDouble(out[2 * i + 1]) ||
                !skip(8 * std::size_t(dimensions - 2))) {
                return false;
            }
        }
        return true;
    }

private:
    const unsigned char* m_data;
    std::size_t m_size;
    std::size_t m_position = 0;
    bool m_little;
};

int dimensionsOf(std::uint32_t type)
{
    if (type >= 3000) {
        return 4;
    }
    if (type >= 1000) {
        return 3;
    }
    return 2;
}

bool readBody(Reader& reader, std::uint32_t type, FlatGeometry& out, int& highest)
{
    const int dimensions = dimensionsOf(type);
    const std::uint32_t base = type % 1000;
    std::uint32_t count = 0;
    switch (base) {
    case 1: {
        out.partStarts.push_back(static_cast<std::uint32_t>(out.pointCount()));
        highest = std::max(highest, 0);
        return reader.readPoints(1, dimensions, out.xy);
    }
    case 2:
        highest = std::max(highest, 1);
        out.partStarts.push_back(static_cast<std::uint32_t>(out.pointCount()));
        return reader.readInt(count) && reader.readPoints(count, dimensions, out.xy);
    case 3: {
        highest = std::max(highest, 2);
        out.polygonStarts.push_back(static_cast<std::uint32_t>(out.partStarts.size()));
        std::uint32_t rings = 0;
        if (!reader.readInt(rings)) {
            return false;
        }
        for (std::uint32_t r = 0; r < rings; ++r) {
            out.partStarts.push_back(static_cast<std::uint32_t>(out.pointCount()));
            if (!reader.readInt(count) || !reader.readPoints(count, dimensions, out.xy)) {
                return false;
            }
        }
        return true;
    }
    case 4:
    case 5:
    case 6:
    case 7: {
        std::uint32_t entities = 0;
        if (!reader.readInt(entities)) {
            return false;
        }
        for (std::uint32_t e = 0; e < entities; ++e) {
            unsigned char marker = 0;
            std::uint32_t entityType = 0;
            if (!reader.readByte(marker) || marker != 0x69 || !reader.readInt(entityType) ||
                !readBody(reader, entityType, out, highest)) {
                return false;
            }
        }
        return true;
    }
    default:
        return false; // compressed or unknown class
    }
}

} // namespace

bool spatialiteBlobEnvelope(const unsigned char* data,
                            std::size_t size,
                            double& minX,
                            double& minY,
                            double& maxX,
                            double& maxY)
{
    if (size < 44 || data[0] != 0x00 || data[38] != 0x7C) {
        return false;
    }
    Reader reader(data, size, data[1] == 0x01);
    reader.seek(6);
    return reader.readDouble(minX) && reader.readDouble(minY) && reader.readDouble(maxX) &&
           reader.readDouble(maxY);
}

bool parseSpatialiteBlob(const unsigned char* data, std::size_t size, FlatGeometry& out)
{
    out.clear();
    if (size < 44 || data[0] != 0x00 || data[38] != 0x7C || data[size - 1] != 0xFE) {
        return false;
    }
    Reader reader(data, size, data[1] == 0x01);
    reader.seek(39);
    std::uint32_t type = 0;
    if (!reader.readInt(type)) {
        return false;
    }
    int highest = -1;
    if (!readBody(reader, type, out, highest)) {
        out.clear();
        return false;
    }
    out.kind = highest == 2   ? FlatGeometry::Kind::Polygon
               : highest == 1 ? FlatGeometry::Kind::Line
                              : FlatGeometry::Kind::Point;
    out.partStarts.push_back(static_cast<std::uint32_t>(out.pointCount()));
    out.polygonStarts.push_back(static_cast<std::uint32_t>(out.partStarts.size() - 1));
    return true;
}

namespace {

class WkbToBlob
{
public:
    explicit WkbToBlob(const std::vector<unsigned char>& wkb) : m_wkb(wkb) {}
    bool convert(std::vector<unsigned char>& out, int srid)
    {
        out.clear();
        out.reserve(m_wkb.size() + 48);
        out.push_back(0x00);
        out.push_back(0x01); // little endian
        appendInt(out, static_cast<std::uint32_t>(srid));
        const std::size_t mbrAt = out.size();
        out.resize(out.size() + 32);
        out.push_back(0x7C);
        if (!geometry(out, true)) {
            return false;
        }
        if (m_position != m_wkb.size() || m_minX > m_maxX) {
            return false;
        }
        out.push_back(0xFE);
        const double mbr[4] = {m_minX, m_minY, m_maxX, m_maxY};
        std::memcpy(out.data() + mbrAt, mbr, 32);
        return true;
    }

private:
    bool readHeader(bool& little, std::uint32_t& type)
    {
        if (m_position + 5 > m_wkb.size()) {
            return false;
        }
        little = m_wkb[m_position] == 1;
        ++m_position;
        return readInt(little, type);
    }
    bool readInt(bool little, std::uint32_t& out)
    {
        if (m_position + 4 > m_wkb.size()) {
            return false;
        }
        const unsigned char* b = m_wkb.data() + m_position;
        out = little ? (std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 |
                        std::uint32_t(b[3]) << 24)
                     : (std::uint32_t(b[3]) | std::uint32_t(b[2]) << 8 | std::uint32_t(b[1]) << 16 |
                        std::uint32_t(b[0]) << 24);
        m_position += 4;
        return true;
    }
    bool readDouble(bool little, double& out)
    {
        if (m_position + 8 > m_wkb.size()) {
            return false;
        }
        unsigned char b[8];
        std::memcpy(b, m_wkb.data() + m_position, 8);
        if (!little) {
            for (int i = 0; i < 4; ++i) {
                std::swap(b[i], b[7 - i]);
            }
        }
        std::memcpy(&out, b, 8);
        m_position += 8;
        return true;
    }
    static void appendInt(std::vector<unsigned char>& out, std::uint32_t value)
    {
        unsigned char b[4] = {static_cast<unsigned char>(value),
                              static_cast<unsigned char>(value >> 8),
                              static_cast<unsigned char>(value >> 16),
                              static_cast<unsigned char>(value >> 24)};
        out.insert(out.end(), b, b + 4);
    }
    static void appendDouble(std::vector<unsigned char>& out, double value)
    {
        unsigned char b[8];
        std::memcpy(b, &value, 8);
        out.insert(out.end(), b, b + 8);
    }
    bool points(std::vector<unsigned char>& out, bool little, std::uint32_t count)
    {
        if (count > (m_wkb.size() - m_position) / 16) {
            return false;
        }
        for (std::uint32_t i = 0; i < count; ++i) {
            double x = 0, y = 0;
            readDouble(little, x);
            readDouble(little, y);
            m_minX = std::min(m_minX, x);
            m_maxX = std::max(m_maxX, x);
            m_minY = std::min(m_minY, y);
            m_maxY = std::max(m_maxY, y);
            appendDouble(out, x);
            appendDouble(out, y);
        }
        return true;
    }
    bool geometry(std::vector<unsigned char>& out, bool top)
    {
        bool little = true;
        std::uint32_t type = 0;
        if (!readHeader(little, type) || type < 1 || type > 7) {
            return false; // 2D only
        }
        if (top) {
            appendInt(out, type);
        } else {
            out.push_back(0x69);
            appendInt(out, type);
        }
        std::uint32_t count = 0;
        switch (type) {
        case 1:
            return points(out, little, 1);
        case 2:
            if (!readInt(little, count)) {
                return false;
            }
            appendInt(out, count);
            return points(out, little, count);
        case 3: {
            std::uint32_t rings = 0;
            if (!readInt(little, rings)) {
                return false;
            }
            appendInt(out, rings);
            for (std::uint32_t r = 0; r < rings; ++r) {
                if (!readInt(little, count)) {
                    return false;
                }
                appendInt(out, count);
                if (!points(out, little, count)) {
                    return false;
                }
            }
            return true;
        }
        default: {
            if (!readInt(little, count) || count > m_wkb.size()) {
                return false;
            }
            appendInt(out, count);
            for (std::uint32_t i = 0; i < count; ++i) {
                if (!geometry(out, false)) {
                    return false;
                }
            }
            return true;
        }
        }
    }

    const std::vector<unsigned char>& m_wkb;
    std::size_t m_position = 0;
    double m_minX = std::numeric_limits<double>::infinity();
    double m_minY = std::numeric_limits<double>::infinity();
    double m_maxX = -std::numeric_limits<double>::infinity();
    double m_maxY = -std::numeric_limits<double>::infinity();
};

} // namespace

std::vector<unsigned char> spatialiteBlobFromWkb(const std::vector<unsigned char>& wkb, int srid)
{
    std::vector<unsigned char> blob;
    WkbToBlob converter(wkb);
    if (!converter.convert(blob, srid)) {
        blob.clear();
    }
    return blob;
}

namespace {

/// Copies the body of a 2D SpatiaLite geometry of the given class into WKB, in the blob's
/// byte order; false when it is not one or runs past the end.
bool copyBody(const unsigned char* data,
              std::size_t end,
              std::size_t& position,
              bool little,
              std::uint32_t type,
              std::vector<unsigned char>& out)
{
    auto readCount = [&](std::uint32_t& count) {
        if (position + 4 > end) {
            return false;
        }
        const unsigned char* b = data + position;
        count = little ? (std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 |
                          std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24)
                       : (std::uint32_t(b[3]) | std::uint32_t(b[2]) << 8 |
                          std::uint32_t(b[1]) << 16 | std::uint32_t(b[0]) << 24);
        return true;
    };
    // Copies [position, position + bytes) when it lies before the end.
    auto copy = [&](std::size_t bytes) {
        if (bytes > end - position) {
            return false;
        }
        out.insert(out.end(), data + position, data + position + bytes);
        position += bytes;
        return true;
    };
    std::uint32_t count = 0;
    switch (type) {
    case 1:
        return copy(16);
    case 2:
        return readCount(count) && count <= (end - position) / 16 &&
               copy(4 + 16 * std::size_t(count));
    case 3: {
        std::uint32_t rings = 0;
        if (!readCount(rings) || rings > (end - position) / 4 || !copy(4)) {
            return false;
        }
        for (std::uint32_t r = 0; r < rings; ++r) {
            if (!readCount(count) || count > (end - position) / 16 ||
                !copy(4 + 16 * std::size_t(count))) {
                return false;
            }
        }
        return true;
    }
    case 4:
    case 5:
    case 6:
    case 7: {
        std::uint32_t members = 0;
        if (!readCount(members) || members > (end - position) / 5 || !copy(4)) {
            return false;
        }
        for (std::uint32_t m = 0; m < members; ++m) {
            std::uint32_t memberType = 0;
            if (position >= end || data[position] != 0x69) {
                return false;
            }
            ++position;
            if (!readCount(memberType) || memberType < 1 || memberType > 7) {
                return false;
            }
            out.push_back(little ? 0x01 : 0x00);
            if (!copy(4) || !copyBody(data, end, position, little, memberType, out)) {
                return false;
            }
        }
        return true;
    }
    default:
        return false;
    }
}

} // namespace

bool wkbFromSpatialiteBlob(const unsigned char* data,
                           std::size_t size,
                           std::vector<unsigned char>& out)
{
    out.clear();
    if (size < 44 || data[0] != 0x00 || (data[1] != 0x00 && data[1] != 0x01) || data[38] != 0x7C ||
        data[size - 1] != 0xFE) {
        return false;
    }
    const bool little = data[1] == 0x01;
    const unsigned char* t = data + 39;
    const std::uint32_t type = little ? (std::uint32_t(t[0]) | std::uint32_t(t[1]) << 8 |
                                         std::uint32_t(t[2]) << 16 | std::uint32_t(t[3]) << 24)
                                      : (std::uint32_t(t[3]) | std::uint32_t(t[2]) << 8 |
                                         std::uint32_t(t[1]) << 16 | std::uint32_t(t[0]) << 24);
    out.reserve(size - 38);
    out.push_back(little ? 0x01 : 0x00);
    out.insert(out.end(), t, t + 4);
    std::size_t position = 43;
    const std::size_t end = size - 1; // the 0xFE end marker
    if (!copyBody(data, end, position, little, type, out) || position != end) {
        out.clear();
        return false;
    }
    return true;
}

} // namespace geo
