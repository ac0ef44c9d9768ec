#include "layers/data_paths.h"

#include <cstdlib>
#include <filesystem>

namespace layers {

std::string dataDirectory()
{
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("PETADESA_DATA_DIR"); env && *env) {
        return env;
    }
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "petadesa";
        if (fs::exists(installed / "vocab", ec)) {
            return installed.string();
        }
    }
    return PETADESA_SOURCE_DATA_DIR;
}

} // namespace layers
