#pragma once

#include <string>

namespace layers {

/// The data/ folder (vocabularies, styles, sample): $PETADESA_DATA_DIR, else
/// <exe>/../share/petadesa when installed, else the source tree's data/ for build-tree runs.
std::string dataDirectory();

} // namespace layers
