#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace geo {
class AnalysisFeedback;
}

namespace layers {

class Project;
class Vocabularies;

/// Economic potential (`potensi_ekonomi`) of one category in one area. Points count whole in
/// the first area that contains them; a polygon counts in the area holding most of it, while
/// its area, value and production are shared over the areas by the part lying in each.
struct PotentialFigures
{
    std::int64_t count = 0;
    double areaHa = 0; ///< polygons clipped to the area, in the working CRS
    double valueRp = 0;
    std::map<std::string, double> production; ///< satuan_produksi ("" = none) -> produksi
    double valueShare = 0; ///< of the area's potential value, 0..1 (0 when it has none)
    double countShare = 0; ///< of the area's potential features, 0..1
};

struct AssetFigures
{
    std::int64_t count = 0;
    double valueRp = 0;
};

struct BumdesFigures
{
    std::int64_t units = 0;
    double capitalRp = 0;  ///< modal_rp
    double turnoverRp = 0; ///< omzet_rp
    std::int64_t workers = 0;
};

/// One BUM Desa unit (bumdes_unit, a point) and the area it lies in.
struct BumdesUnitRecord
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string bumdesName; ///< nama_bumdes
    std::string unitName;   ///< nama_unit
    std::string type;       ///< jenis_usaha
    std::string sector;     ///< sektor (a kategori_potensi code)
    std::string status;
    double capitalRp = 0;
    double turnoverRp = 0;
    std::int64_t workers = 0;
    int village = -1; ///< index into PotentialResult::villages, -1 outside all
};

/// Potential (count, ha, Rp) of one category in one hazard type and level, in one area:
/// the exposure analysis's figures (same overlay, same counting rule).
struct PotentialAtRisk
{
    std::string hazardType;
    std::string level;
    std::string category; ///< top-level category ("" = none)
    std::int64_t count = 0;
    double areaHa = 0;
    double valueRp = 0;
};

/// The profile of one desa/kelurahan (or dusun with By::Dusun), ready for a report page.
struct VillageProfile
{
    std::int64_t fid = 0; ///< wilayah.fid
    std::string code;     ///< Kemendagri code ("" when missing)
    std::string name;
    std::string tier;       ///< desa, kelurahan or dusun
    std::string parentCode; ///< kode_induk: the kecamatan (the desa for a dusun)
    double areaHa = 0;      ///< of the village polygon, in the working CRS

    /// By top-level category of the kategori_potensi vocabulary (sub-categories such as
    /// "tanaman pangan" roll up into "pertanian"); "" = no category.
    std::map<std::string, PotentialFigures> categories;
    PotentialFigures total;
    std::vector<std::string> leadingCategories; ///< up to 3: by value, then count
    double potentialPerKm2 = 0;                 ///< features per km² of the village
    double valuePerKm2 = 0;                     ///< Rp per km²

    std::vector<std::size_t> bumdesUnits; ///< indices into PotentialResult::bumdesUnits
    BumdesFigures bumdes;
    std::map<std::string, BumdesFigures> bumdesByType;   ///< jenis_usaha ("" = none)
    std::map<std::string, BumdesFigures> bumdesBySector; ///< sektor ("" = none)

    AssetFigures assets;
    std::map<std::string, AssetFigures> assetsByCategory; ///< aset_desa.kategori

    std::vector<PotentialAtRisk> atRisk;

    /// See potentialScoreFormula(); 0..100.
    double score = 0;
    double scoreValue = 0;     ///< V: valuePerKm2 / the group's highest
    double scoreDensity = 0;   ///< N: potentialPerKm2 / the group's highest
    double scoreDiversity = 0; ///< K: categories present / the group's highest
    int rank = 0;              ///< 1 = highest score among the villages of the same parentCode
    int groupSize = 0;         ///< villages ranked together
};

struct PotentialOptions
{
    enum class By { Desa, Dusun };
    /// Desa: desa/kelurahan rows of wilayah; Dusun: dusun rows (ranked within their desa).
    By by = By::Desa;
    /// Potential at risk per hazard type and level, from the exposure analysis's overlay.
    bool includeRisk = true;
    /// Write hasil_potensi_* tables and an analisis_log row (one transaction).
    bool writeResults = true;
};

struct PotentialResult
{
    std::string workingCrs;
    std::string by; ///< "desa" or "dusun"
    std::vector<VillageProfile> villages;
    std::vector<BumdesUnitRecord> bumdesUnits;
    /// Categories that occur, in vocabulary order, then unknown values, "" last.
    std::vector<std::string> categories;
    PotentialFigures outside; ///< potential in no village (a polygon's part outside all)
    /// The same by top-level category ("" = none), for totals over the whole project.
    std::map<std::string, PotentialFigures> outsideByCategory;
    std::int64_t potentials = 0;
    std::int64_t assets = 0;
    std::int64_t assetsOutside = 0;
    std::int64_t bumdesOutside = 0;
    bool riskComputed = false;
    std::vector<std::string> problems; ///< features left out, "theme #fid: reason"
    long long logId = 0;
    std::vector<std::string> resultTables;
};

/// The score formula, as printed with the results (in the current language).
const char* potentialScoreFormula();

/// The top-level kategori_potensi code of a value: sub-categories roll up through `induk`
/// ("tanaman pangan" -> "pertanian"), names and synonyms are matched; unknown values are
/// returned as they are.
std::string potentialTopCategory(const Vocabularies& vocabularies, const std::string& value);

/// The label of a potential category code in the current language ("" = no category).
std::string potentialCategoryLabel(Project& project, const std::string& code);

/// Economic potential, BUM Desa units and assets per village (desa/kelurahan, or dusun), with
/// a profile and a score ranking the villages of each kecamatan (kode_induk). Features are
/// split over the villages with geo::ZoneOverlay (polygons clipped, areas measured in the
/// working CRS); the potential at risk comes from analyzeExposure on potensi_ekonomi.
/// Writes hasil_potensi_profil (MULTIPOLYGON, one row per village), hasil_potensi_kategori,
/// hasil_potensi_produksi, hasil_potensi_bumdes, hasil_potensi_aset and
/// hasil_potensi_berisiko, and an analisis_log row, in one transaction.
/// Runs on the caller's thread; throws geo::AnalysisCanceled when cancelled (nothing written).
PotentialResult analyzePotential(Project& project,
                                 const PotentialOptions& options = {},
                                 geo::AnalysisFeedback* feedback = nullptr);

} // namespace layers
