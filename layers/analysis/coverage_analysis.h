#pragma once

#include "geo/analysis/road_graph.h"
#include "layers/analysis/analysis_support.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace geo {
class AnalysisFeedback;
}

namespace layers {

class Project;

/// Options of the service coverage (`petadesa-cli analyze coverage`).
struct CoverageParameters
{
    /// The theme of the services: "pusat_kemasyarakatan" or "titik_evakuasi".
    std::string target = "pusat_kemasyarakatan";
    /// jenis values (codes, names or synonyms of the theme's vocabulary); empty = every kind.
    std::vector<std::string> kinds;
    double distanceM = 800.0;
    bool overNetwork = false;
    double maxSnapDistanceM = 500.0;
};

/// One settlement (permukiman) and its nearest service.
struct CoverageSettlement
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string name;
    std::int64_t population = 0;
    int area = -1; ///< index into CoverageReport::areas, -1 outside every desa/kelurahan
    /// terlayani, di_luar_jangkauan, tanpa_jalan (network), tidak_terjangkau (network)
    std::string status;
    bool covered = false;
    double distanceM = -1; ///< to the nearest service; -1 when none is reachable
    double roadDistanceM = 0;
    std::string nearestUuid;
    std::string nearestName;
    std::string nearestKind;
    double lon = 0, lat = 0; ///< the point measured from (a polygon's centroid)
};

/// Population per desa/kelurahan.
struct CoverageVillage
{
    int area = -1; ///< index into CoverageReport::areas, -1 for the settlements outside them
    std::int64_t population = 0;
    std::int64_t covered = 0;
    std::int64_t notCovered = 0;
    std::size_t settlements = 0;
    std::size_t settlementsNotCovered = 0;
    /// covered / population; 0 when the village has no people recorded.
    double coveredShare() const
    {
        return population > 0 ? double(covered) / double(population) : 0.0;
    }
};

struct CoverageReport
{
    CoverageParameters parameters;
    std::vector<std::string> kinds; ///< the jenis codes used (empty = all)
    std::string workingCrs;
    std::vector<ReportingArea> areas;
    std::vector<CoverageSettlement> settlements;
    std::vector<CoverageVillage> villages; ///< areas in order, then the outside row if any
    CoverageVillage total;
    std::size_t services = 0;
    std::size_t servicesOnNetwork = 0;
    std::size_t noRoad = 0;      ///< settlements
    std::size_t unreachable = 0; ///< settlements
    std::size_t skippedFeatures = 0;
    std::size_t settlementsWithoutPopulation = 0;
    geo::RoadGraphStats graph;
    std::string settlementTable;
    std::string villageTable;
    long long logId = 0;
};

/// Result table names of a target: hasil_cakupan_pusat_* or hasil_cakupan_evakuasi_*.
std::string coverageTablePrefix(const std::string& target);

/// Which people (permukiman.jumlah_penduduk) live beyond `distanceM` of every service of the
/// target theme (filtered by jenis), in a straight line or over the walkable roads
/// (geo::serviceCoverage in the working metric CRS). A settlement polygon is measured from its
/// centroid and counts whole. Its village is the first desa/kelurahan (by fid) containing that
/// point, else the one its kode_desa names. Writes the per-village table (with the village
/// polygon) and the uncovered settlements (with their geometry) plus an analisis_log row, in
/// one transaction. Throws ProjectError for unusable input (unknown target or kind, no
/// services, no settlements, no roads for --network) and geo::AnalysisCanceled.
CoverageReport runCoverage(Project& project,
                           const CoverageParameters& parameters,
                           geo::AnalysisFeedback* feedback = nullptr);

} // namespace layers
