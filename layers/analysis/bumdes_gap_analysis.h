#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace geo {
class AnalysisFeedback;
}

namespace layers {

class Project;

struct BumdesGapOptions
{
    double distanceM = 2000;
    /// Along the roads (jalan) where both ends lie within maxSnapM of a road; else straight.
    bool network = false;
    double maxSnapM = 500;
    bool writeResults = true;
    /// The jenis_usaha -> kategori_potensi table; "" = dataDirectory()/analysis/
    /// bumdes_sektor_potensi.csv.
    std::string matchingFile;
};

/// Potential (count, ha, Rp).
struct GapFigures
{
    std::int64_t count = 0;
    double areaHa = 0;
    double valueRp = 0;
};

/// One BUM Desa unit and the potential of its sectors within the distance.
struct UnitReach
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string name; ///< nama_unit, else nama_bumdes
    std::string type; ///< jenis_usaha
    std::string sector;
    std::string status;
    bool active = true;                  ///< status is not "tidak aktif"
    std::vector<std::string> categories; ///< the potential categories it serves
    std::string matchedBy;               ///< "sektor", "jenis_usaha", "jenis_usaha=kategori" or ""
    int village = -1;                    ///< index into BumdesGapResult::villages
    bool onRoad = false;
    GapFigures served;
    std::map<std::string, GapFigures> servedByCategory;
};

/// One potential feature no active unit of its category reaches within the distance.
struct UnservedPotential
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string name;
    std::string category; ///< top-level kategori_potensi
    int village = -1;
    double areaHa = 0;
    double valueRp = 0;
    double nearestUnitM = -1; ///< -1 when no unit serves the category anywhere
    std::string nearestUnitUuid;
};

struct VillageGap
{
    std::int64_t fid = 0;
    std::string code;
    std::string name;
    /// Per category: all potential, the part served, the part unserved; units serving it.
    struct Category
    {
        GapFigures potential;
        GapFigures served;
        GapFigures unserved;
        std::int64_t units = 0; ///< active units in the village serving the category
    };
    std::map<std::string, Category> categories;
    GapFigures unserved;
};

struct BumdesGapResult
{
    BumdesGapOptions options;
    std::string workingCrs;
    std::map<std::string, std::vector<std::string>> matching; ///< jenis_usaha -> categories
    std::vector<UnitReach> units;
    std::vector<VillageGap> villages;
    std::vector<UnservedPotential> unserved;
    GapFigures unservedOutside; ///< unserved potential outside every village
    std::size_t roads = 0;
    std::size_t potentialWithoutCategory = 0;
    std::vector<std::string> problems;
    long long logId = 0;
};

/// BUM Desa service gaps: for each unit the potential of its sectors within the distance, and
/// the potential no active unit of its category reaches, per village (geo::findServiceReach in
/// the working CRS). A unit serves the top-level category of its `sektor`; without one, the
/// categories its jenis_usaha maps to in the matching table; a jenis_usaha that is itself a
/// potential category ("pertanian", "jasa") serves that category. Units with status
/// "tidak aktif" serve nothing. A feature's village is the desa/kelurahan holding its point
/// (a polygon's centroid). Writes hasil_bumdes_jangkauan (POINT), hasil_bumdes_celah_desa and
/// hasil_potensi_tak_terlayani (the unserved features' geometry) and an analisis_log row.
BumdesGapResult analyzeBumdesGaps(Project& project,
                                  const BumdesGapOptions& options = {},
                                  geo::AnalysisFeedback* feedback = nullptr);

} // namespace layers
