#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace geo {

/// An attribute value as it travels between OGR, SQLite and the domain code.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool isNull(const Value& value)
{
    return std::holds_alternative<std::monostate>(value);
}

/// The value as text ("" for null); numbers without a trailing ".0" when integral.
std::string toText(const Value& value);

} // namespace geo
