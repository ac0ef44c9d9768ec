#pragma once

#include "geo/analysis/overlay.h"
#include "geo/analysis/road_graph.h"
#include "geo/spatial_database.h"
#include "layers/analysis/network_input.h"

#include <QJsonArray>
#include <QJsonObject>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace geo {
class CoordinateTransform;
struct PlanarGeometry;
} // namespace geo

namespace layers {

class Project;

/// The WKB of geometry blobs a query reads: converted from the blob itself where it is 2D and
/// uncompressed (no SQL round trip, the bytes AsBinary gives), asked of SpatiaLite by fid
/// otherwise. Uses the connection it is given, on the caller's thread.
class GeometryReader
{
public:
    GeometryReader(geo::SpatialDatabase& db, std::string table);
    /// Empty when SpatiaLite cannot read the blob either.
    std::vector<unsigned char> wkb(std::span<const unsigned char> blob, std::int64_t fid);

private:
    geo::SpatialDatabase& m_db;
    std::string m_table;
    std::optional<geo::Statement> m_single;
};

/// An administrative area used to report results: a desa/kelurahan (set 0) or a dusun (set 1).
struct ReportingArea
{
    std::int64_t fid = 0;
    std::string code; ///< Kemendagri code, or "" when the row has none
    std::string name;
    std::string tier; ///< "desa", "kelurahan" or "dusun"
    std::string parentCode;
    int set = 0;
};

/// The desa/kelurahan and dusun polygons of `wilayah` (EPSG:4326 WKB in `regions`, same order
/// as `areas`). Thread-confined like the project.
struct ReportingAreas
{
    std::vector<ReportingArea> areas;
    std::vector<geo::OverlayRegion> regions;
};
ReportingAreas readReportingAreas(Project& project, bool includeDusun = true);

/// The project's working CRS ("EPSG:N"), or the UTM zone of its data when none is set yet.
/// Throws ProjectError when the project holds no data to choose from.
std::string workingCrsOf(Project& project);

/// Ordinal of a hazard level code: rendah 1, sedang 2, tinggi 3; 0 for anything else.
int hazardLevelRank(const std::string& level);
/// The code of an ordinal level ("rendah", "sedang", "tinggi").
const char* hazardLevelCode(int rank);

/// A JSON text of an object, compact, for analisis_log.
std::string compactJson(const QJsonObject& object);

/// With PETADESA_PROFILE set in the environment, mark() prints the wall and process CPU
/// seconds since the previous mark to stderr (a developer aid for the benchmarks).
class PhaseTimer
{
public:
    PhaseTimer();
    void mark(const char* phase);

private:
    bool m_enabled = false;
    std::chrono::steady_clock::time_point m_last;
    std::clock_t m_lastCpu = 0;
};

} // namespace layers
