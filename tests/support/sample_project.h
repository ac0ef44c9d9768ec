#pragma once

#include <string>

namespace testsupport {

/// Copies the bundled sample kecamatan (built once per test process from data/sample/src as
/// data/sample/build.sh does, with working CRS EPSG:32751) to `path`.
void copySampleProject(const std::string& path);

} // namespace testsupport
