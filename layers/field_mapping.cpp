#include "layers/field_mapping.h"

#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/vocabulary.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace layers {

namespace {
std::string lower(const std::string& text)
{
    std::string out = text;
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string trim(const std::string& text)
{
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}
} // namespace

FieldMapping mapFields(const Theme& theme,
                       const std::vector<geo::FieldInfo>& sourceFields,
                       const std::map<std::string, std::string>& explicitMap)
{
    FieldMapping mapping;
    std::set<int> used;
    auto findSource = [&](const std::string& name) -> int {
        const std::string wanted = lower(name);
        for (std::size_t i = 0; i < sourceFields.size(); ++i) {
            if (!used.count(static_cast<int>(i)) && lower(sourceFields[i].name) == wanted) {
                return static_cast<int>(i);
            }
        }
        return -1;
    };
    for (const auto& [column, field] : explicitMap) {
        if (!theme.column(column)) {
            throw ProjectError(arg(tr("--map: tema %1 tidak mempunyai kolom '%2'.",
                                      "--map: theme %1 has no column '%2'."),
                                   {theme.name, column}));
        }
        const int index = findSource(field);
        if (index < 0) {
            throw ProjectError(arg(tr("--map: berkas sumber tidak mempunyai kolom '%1'.",
                                      "--map: the source file has no field '%1'."),
                                   {field}));
        }
        mapping.columnToSource[column] = index;
        used.insert(index);
    }
    // Pass 1: same name; pass 2: synonyms; pass 3: names cut to 10 characters (shapefiles).
    for (int pass = 1; pass <= 3; ++pass) {
        for (const auto& column : theme.columns) {
            if (mapping.columnToSource.count(column.name)) {
                continue;
            }
            int index = -1;
            if (pass == 1) {
                index = findSource(column.name);
            } else if (pass == 2) {
                for (const auto& synonym : column.synonyms) {
                    if ((index = findSource(synonym)) >= 0) {
                        break;
                    }
                }
            } else if (column.name.size() > 10) {
                index = findSource(column.name.substr(0, 10));
            }
            if (index >= 0) {
                mapping.columnToSource[column.name] = index;
                used.insert(index);
            }
        }
    }
    for (std::size_t i = 0; i < sourceFields.size(); ++i) {
        if (!used.count(static_cast<int>(i))) {
            mapping.unmappedSources.push_back(static_cast<int>(i));
        }
    }
    return mapping;
}

namespace {
bool parseInteger(const std::string& text, std::int64_t& out)
{
    if (text.empty()) {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0') {
        return false;
    }
    out = value;
    return true;
}

bool parseReal(std::string text, double& out)
{
    if (text.empty()) {
        return false;
    }
    // Indonesian decimal comma ("1,5") when there is no point in the number.
    if (text.find(',') != std::string::npos && text.find('.') == std::string::npos) {
        for (auto& c : text) {
            if (c == ',') {
                c = '.';
            }
        }
    }
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (*end != '\0') {
        return false;
    }
    out = value;
    return true;
}
} // namespace

std::optional<geo::Value>
convertValue(const geo::Value& value, ColumnType type, std::string& problem)
{
    if (geo::isNull(value)) {
        return geo::Value{};
    }
    // Numbers that already have the column's type need no text round trip.
    if (type == ColumnType::Integer) {
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            return geo::Value{*i};
        }
    } else if (type == ColumnType::Real) {
        if (const auto* d = std::get_if<double>(&value); d && std::isfinite(*d)) {
            return geo::Value{*d};
        }
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            return geo::Value{static_cast<double>(*i)};
        }
    }
    const std::string text = trim(geo::toText(value));
    if (text.empty() && std::holds_alternative<std::string>(value)) {
        return geo::Value{};
    }
    switch (type) {
    case ColumnType::Text:
        return geo::Value{text};
    case ColumnType::Date: {
        int d = 0, m = 0, y = 0;
        char tail = 0;
        // 23/11/2026 or 23-11-2026 (day first, as Indonesian forms write dates).
        if (std::sscanf(text.c_str(), "%d/%d/%d%c", &d, &m, &y, &tail) == 3 ||
            std::sscanf(text.c_str(), "%d-%d-%d%c", &d, &m, &y, &tail) == 3) {
            if (d >= 1 && d <= 31 && m >= 1 && m <= 12 && y > 999) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
                return geo::Value{std::string(buffer)};
            }
        }
        return geo::Value{text};
    }
    case ColumnType::Integer: {
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            return geo::Value{*i};
        }
        std::int64_t parsed = 0;
        if (parseInteger(text, parsed)) {
            return geo::Value{parsed};
        }
        double real = 0;
        if (parseReal(text, real) && std::isfinite(real) && std::fabs(real) < 9e15) {
            return geo::Value{static_cast<std::int64_t>(std::llround(real))};
        }
        problem = arg(tr("'%1' bukan bilangan bulat", "'%1' is not a whole number"), {text});
        return std::nullopt;
    }
    case ColumnType::Real: {
        if (const auto* d = std::get_if<double>(&value)) {
            if (!std::isfinite(*d)) {
                problem =
                    arg(tr("'%1' bukan bilangan terhingga", "'%1' is not a finite number"), {text});
                return std::nullopt;
            }
            return geo::Value{*d};
        }
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            return geo::Value{static_cast<double>(*i)};
        }
        double parsed = 0;
        if (parseReal(text, parsed) && std::isfinite(parsed)) {
            return geo::Value{parsed};
        }
        problem = arg(tr("'%1' bukan angka", "'%1' is not a number"), {text});
        return std::nullopt;
    }
    case ColumnType::Boolean: {
        const std::string v = lower(text);
        for (const char* yes : {"1", "ya", "yes", "y", "true", "t", "iya", "benar", "-1"}) {
            if (v == yes) {
                return geo::Value{std::int64_t{1}};
            }
        }
        for (const char* no : {"0", "tidak", "no", "n", "false", "f", "bukan", "salah"}) {
            if (v == no) {
                return geo::Value{std::int64_t{0}};
            }
        }
        problem = arg(tr("'%1' bukan ya/tidak", "'%1' is not yes/no"), {text});
        return std::nullopt;
    }
    }
    return geo::Value{text};
}

bool parseGeopoint(const std::string& raw, double& longitude, double& latitude)
{
    std::string text;
    for (char c : raw) {
        text += (c == '[' || c == ']' || c == ',' || c == ';') ? ' ' : c;
    }
    double lat = 0, lon = 0;
    int consumed = 0;
    if (std::sscanf(text.c_str(), " %lf %lf%n", &lat, &lon, &consumed) < 2) {
        return false;
    }
    // The rest may hold altitude and accuracy, nothing else.
    double extra = 0;
    const char* rest = text.c_str() + consumed;
    int more = 0;
    while (std::sscanf(rest, " %lf%n", &extra, &more) == 1) {
        rest += more;
    }
    while (*rest == ' ') {
        ++rest;
    }
    if (*rest != '\0' || !std::isfinite(lat) || !std::isfinite(lon) || std::fabs(lat) > 90 ||
        std::fabs(lon) > 180) {
        return false;
    }
    latitude = lat;
    longitude = lon;
    return true;
}

} // namespace layers
