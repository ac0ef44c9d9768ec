#include "support/sample_project.h"

#include "layers/importer.h"
#include "layers/project.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>

namespace testsupport {

namespace fs = std::filesystem;

namespace {

/// A key that changes when the test binary or the sample sources change.
std::string cacheKey()
{
    auto stamp = [](const fs::path& path) {
        std::error_code ec;
        const auto time = fs::last_write_time(path, ec);
        return ec ? 0LL
                  : static_cast<long long>(
                        std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch())
                            .count());
    };
    unsigned long long key = static_cast<unsigned long long>(stamp("/proc/self/exe"));
    std::error_code ec;
    for (const auto& entry :
         fs::directory_iterator(fs::path(PETADESA_SOURCE_DATA_DIR) / "sample" / "src", ec)) {
        key = key * 31 + static_cast<unsigned long long>(stamp(entry.path()));
    }
    return std::to_string(key);
}

void build(const std::string& path, const std::string& reportDirectory)
{
    const std::string data = PETADESA_SOURCE_DATA_DIR;
    layers::Project::create(path, {"Sampel Maumere", "EPSG:32751", true, data + "/vocab"});
    layers::Project project(path);
    for (const char* theme : {"wilayah",
                              "zona_bahaya",
                              "jalan",
                              "permukiman",
                              "pusat_kemasyarakatan",
                              "aset_desa",
                              "bumdes_unit",
                              "potensi_ekonomi",
                              "titik_evakuasi",
                              "kerusakan"}) {
        layers::ImportOptions options;
        options.theme = theme;
        options.reportPath = reportDirectory + "/report_" + theme + ".csv";
        layers::importFile(project, data + "/sample/src/" + theme + ".geojson", options);
    }
} // closing the last connection folds the WAL into the file

/// The sample, built once for this test binary and its sources and kept beside the binary:
/// ctest runs every test in its own process, and the build costs seconds under ASan.
std::string cachedSample()
{
    std::error_code ec;
    const fs::path directory = fs::read_symlink("/proc/self/exe", ec).parent_path();
    const fs::path cached = directory / ("sample_cache_" + cacheKey() + ".sqlite");
    if (fs::exists(cached)) {
        return cached.string();
    }
    // Build under a private name, then rename: parallel test processes may race here.
    std::random_device random;
    const fs::path work =
        directory / ("sample_build_" + std::to_string(::getpid()) + "_" + std::to_string(random()));
    fs::create_directories(work);
    const fs::path built = work / "sample.sqlite";
    build(built.string(), work.string());
    for (const auto& entry : fs::directory_iterator(directory, ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("sample_cache_", 0) == 0 && entry.path() != cached) {
            fs::remove(entry.path(), ec); // an older binary's sample
        }
    }
    fs::rename(built, cached, ec);
    fs::remove_all(work, ec);
    return cached.string();
}

} // namespace

void copySampleProject(const std::string& path)
{
    static std::once_flag once;
    static std::string sample;
    std::call_once(once, [] { sample = cachedSample(); });
    fs::copy_file(sample, path, fs::copy_options::overwrite_existing);
}

} // namespace testsupport
