#pragma once

#include <string>

namespace geo {

bool isValidUtf8(const std::string& text);

/// Returns text unchanged when it is valid UTF-8; otherwise decodes it as Windows-1252 (the
/// usual encoding of Indonesian DBF files without a .cpg) into UTF-8.
std::string ensureUtf8(const std::string& text);

} // namespace geo
