#include "layers/analysis/potential_analysis.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/overlay.h"
#include "geo/analysis/wkb.h"
#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "layers/analysis/analysis_support.h"
#include "layers/analysis/exposure_analysis.h"
#include "layers/analysis/result_store.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>
#include <unordered_map>

namespace layers {

const char* potentialScoreFormula()
{
    return tr("skor = 100 × (0,5 × V + 0,25 × N + 0,25 × K); V = nilai potensi (Rp) per km² "
              "dibagi nilai tertinggi di antara desa dengan kode_induk yang sama (kecamatan), "
              "N = jumlah fitur potensi per km² dibagi yang tertinggi, K = jumlah kategori "
              "potensi yang ada dibagi yang tertinggi (0 bila yang tertinggi 0). Peringkat 1 = "
              "skor tertinggi dalam kelompok; skor sama, peringkat sama.",
              "score = 100 × (0.5 × V + 0.25 × N + 0.25 × K); V = potential value (Rp) per km² "
              "divided by the highest among the villages with the same kode_induk (kecamatan), "
              "N = potential features per km² divided by the highest, K = potential "
              "categories present divided by the highest (0 when the highest is 0). Rank 1 = "
              "the highest score in the group; equal scores share a rank.");
}

std::string potentialTopCategory(const Vocabularies& vocabularies, const std::string& value)
{
    if (value.empty()) {
        return value;
    }
    std::string code = value;
    if (!vocabularies.entry("kategori_potensi", code)) {
        const auto match = vocabularies.match("kategori_potensi", value);
        if (!match) {
            return value;
        }
        code = *match;
    }
    for (int depth = 0; depth < 8; ++depth) {
        const auto* entry = vocabularies.entry("kategori_potensi", code);
        if (!entry || entry->induk.empty()) {
            break;
        }
        code = entry->induk;
    }
    return code;
}

std::string potentialCategoryLabel(Project& project, const std::string& code)
{
    if (code.empty()) {
        return tr("tanpa kategori", "no category");
    }
    const auto* entry = project.vocabularies().entry("kategori_potensi", code);
    if (!entry) {
        return code;
    }
    return language() == Language::English && !entry->namaEn.empty() ? entry->namaEn : entry->nama;
}

namespace {

constexpr const char* categoryDomain = "kategori_potensi";

/// Top-level category codes: sub-categories roll up through `induk`; values outside the
/// vocabulary are matched by name or synonym, else kept as they are.
class CategoryIndex
{
public:
    explicit CategoryIndex(const Vocabularies& vocabularies) : m_vocabularies(vocabularies)
    {
        names.push_back("");
        m_index[""] = 0;
        m_raw[""] = 0;
    }

    std::uint32_t of(const std::string& raw)
    {
        if (const auto it = m_raw.find(raw); it != m_raw.end()) {
            return it->second;
        }
        const std::string top = topLevel(raw);
        auto [it, inserted] = m_index.emplace(top, static_cast<std::uint32_t>(names.size()));
        if (inserted) {
            names.push_back(top);
        }
        m_raw[raw] = it->second;
        return it->second;
    }

    std::string topLevel(const std::string& raw) const
    {
        return potentialTopCategory(m_vocabularies, raw);
    }

    /// Vocabulary order, then unknown values by name, "" last.
    std::vector<std::string> ordered(const std::vector<char>& used) const
    {
        std::vector<std::string> known, unknown;
        bool empty = false;
        for (const auto& entry : m_vocabularies.entries(categoryDomain)) {
            const auto it = m_index.find(entry.kode);
            if (it != m_index.end() && used[it->second]) {
                known.push_back(entry.kode);
            }
        }
        for (std::uint32_t i = 0; i < names.size(); ++i) {
            if (!used[i]) {
                continue;
            }
            if (names[i].empty()) {
                empty = true;
            } else if (!m_vocabularies.entry(categoryDomain, names[i])) {
                unknown.push_back(names[i]);
            }
        }
        std::sort(unknown.begin(), unknown.end());
        known.insert(known.end(), unknown.begin(), unknown.end());
        if (empty) {
            known.emplace_back();
        }
        return known;
    }

    std::vector<std::string> names;

private:
    const Vocabularies& m_vocabularies;
    std::unordered_map<std::string, std::uint32_t> m_index; ///< top-level code -> index
    std::unordered_map<std::string, std::uint32_t> m_raw;   ///< raw value -> index
};

/// The located rows of one theme: points straight from the SpatiaLite blob, the rest as WKB.
struct Located
{
    std::vector<std::int64_t> fid;
    std::vector<geo::OverlayPoint> points;
    std::vector<std::uint32_t> pointRow;
    std::vector<std::vector<unsigned char>> geometries;
    std::vector<std::uint32_t> geometryRow;
    std::vector<int> dimension; ///< per row: 0 point, 1 line, 2 polygon
};

/// Reads fid, the given columns (handed to onRow as columns 1..n) and the geometry of every
/// row of `table` that has one.
template <typename OnRow>
Located readLocated(Project& project,
                    const std::string& table,
                    const std::vector<std::string>& columns,
                    OnRow&& onRow)
{
    Located rows;
    std::string sql = "SELECT fid";
    for (const auto& column : columns) {
        sql += ", " + geo::quoteIdentifier(column);
    }
    // A 2D POINT blob is exactly 60 bytes: those are read from the blob, the rest as WKB.
    sql += ", CASE WHEN length(geom) = 60 THEN geom END, CASE WHEN length(geom) <> 60 THEN "
           "AsBinary(geom) END FROM " +
           geo::quoteIdentifier(table) + " WHERE geom IS NOT NULL ORDER BY fid";
    auto statement = project.database().prepare(sql);
    const int blobColumn = static_cast<int>(columns.size()) + 1;
    std::vector<unsigned char> blob;
    while (statement.step()) {
        const auto row = static_cast<std::uint32_t>(rows.fid.size());
        rows.fid.push_back(statement.integer(0));
        onRow(statement);
        if (!statement.isNull(blobColumn)) {
            blob = statement.blob(blobColumn);
            geo::OverlayPoint point;
            if (geo::spatialitePoint(blob.data(), blob.size(), point.x, point.y)) {
                rows.points.push_back(point);
                rows.pointRow.push_back(row);
                rows.dimension.push_back(0);
                continue;
            }
        }
        auto wkb = statement.isNull(blobColumn + 1) ? std::vector<unsigned char>{}
                                                    : statement.blob(blobColumn + 1);
        if (wkb.empty()) {
            auto single = project.database().prepare(
                "SELECT AsBinary(geom) FROM " + geo::quoteIdentifier(table) + " WHERE fid = ?");
            single.bind(1, rows.fid.back());
            if (single.step() && !single.isNull(0)) {
                wkb = single.blob(0);
            }
        }
        rows.dimension.push_back(std::max(0, geo::wkbDimension(wkb)));
        rows.geometries.push_back(std::move(wkb));
        rows.geometryRow.push_back(row);
    }
    return rows;
}

/// Hands every feature of an overlay with the one all-covering zone to `add(row, village,
/// measure, share, counts)`: once per village it lies in (counts = true for the village that
/// takes its count: the only one for a point, the one holding most of a line or polygon), and
/// with village -1 for the part outside every village.
template <typename Add>
void distribute(const geo::OverlayResult& result,
                const std::vector<std::uint32_t>& rowOf,
                const std::vector<int>& dimension,
                Add&& add)
{
    const auto& shares = result.regionShares;
    std::size_t s = 0;
    for (std::uint32_t p = 0; p < result.parts.size(); ++p) {
        const auto& part = result.parts[p];
        const std::uint32_t row = rowOf[part.feature];
        while (s < shares.size() && shares[s].part < p) {
            ++s;
        }
        const std::size_t begin = s;
        std::size_t end = s;
        while (end < shares.size() && shares[end].part == p) {
            ++end;
        }
        const bool isPoint = dimension[row] == 0;
        int best = -1;
        double bestMeasure = -1;
        double inside = 0, insideShare = 0;
        for (std::size_t k = begin; k < end; ++k) {
            if (shares[k].measure > bestMeasure) {
                best = static_cast<int>(shares[k].region);
                bestMeasure = shares[k].measure;
            }
            inside += shares[k].measure;
            insideShare += shares[k].share;
        }
        if (isPoint) {
            add(row, best, 0.0, 1.0, true);
            continue;
        }
        for (std::size_t k = begin; k < end; ++k) {
            add(row,
                static_cast<int>(shares[k].region),
                shares[k].measure,
                shares[k].share,
                static_cast<int>(shares[k].region) == best);
        }
        const double outside = part.featureMeasure - inside;
        if (best < 0 || outside > 1e-9 * part.featureMeasure) {
            add(row, -1, std::max(0.0, outside), std::max(0.0, 1.0 - insideShare), best < 0);
        }
    }
}

void addPotential(PotentialFigures& f,
                  bool counts,
                  int dimension,
                  double measure,
                  double share,
                  double value,
                  double production,
                  const std::string& unit,
                  bool hasProduction)
{
    if (counts) {
        ++f.count;
    }
    if (dimension == 2) {
        f.areaHa += measure / 10'000.0;
    }
    f.valueRp += value * share;
    if (hasProduction) {
        f.production[unit] += production * share;
    }
}

void addBumdes(BumdesFigures& f, const BumdesUnitRecord& unit)
{
    ++f.units;
    f.capitalRp += unit.capitalRp;
    f.turnoverRp += unit.turnoverRp;
    f.workers += unit.workers;
}

std::string joinCodes(const std::vector<std::string>& codes)
{
    std::string text;
    for (const auto& code : codes) {
        text += (text.empty() ? "" : ", ") + code;
    }
    return text;
}

void bindText(geo::Statement& statement, int index, const std::string& text)
{
    if (text.empty()) {
        statement.bindNull(index);
    } else {
        statement.bind(index, text);
    }
}

long long writeResults(Project& project, PotentialResult& result, const QJsonObject& inputs)
{
    auto& db = project.database();
    geo::Transaction transaction(db);
    ResultStore store(project);
    const std::vector<ResultColumn> areaColumns = {{"kode_wilayah", "TEXT"},
                                                   {"nama_wilayah", "TEXT"}};
    auto with = [&](std::vector<ResultColumn> extra) {
        std::vector<ResultColumn> columns = areaColumns;
        columns.insert(columns.end(), extra.begin(), extra.end());
        return columns;
    };

    store.createTable("hasil_potensi_profil",
                      with({{"tingkat_wilayah", "TEXT"},
                            {"kode_induk", "TEXT"},
                            {"luas_wilayah_ha", "DOUBLE"},
                            {"potensi", "INTEGER"},
                            {"luas_potensi_ha", "DOUBLE"},
                            {"nilai_potensi_rp", "DOUBLE"},
                            {"potensi_per_km2", "DOUBLE"},
                            {"nilai_per_km2", "DOUBLE"},
                            {"jumlah_kategori", "INTEGER"},
                            {"kategori_unggulan", "TEXT"},
                            {"unit_bumdes", "INTEGER"},
                            {"modal_bumdes_rp", "DOUBLE"},
                            {"omzet_bumdes_rp", "DOUBLE"},
                            {"tenaga_kerja_bumdes", "INTEGER"},
                            {"aset", "INTEGER"},
                            {"nilai_aset_rp", "DOUBLE"},
                            {"skor", "DOUBLE"},
                            {"skor_nilai", "DOUBLE"},
                            {"skor_kepadatan", "DOUBLE"},
                            {"skor_keragaman", "DOUBLE"},
                            {"peringkat", "INTEGER"},
                            {"jumlah_peringkat", "INTEGER"}}),
                      "MULTIPOLYGON");
    {
        auto insert = db.prepare(
            "INSERT INTO hasil_potensi_profil (kode_wilayah, nama_wilayah, tingkat_wilayah, "
            "kode_induk, luas_wilayah_ha, potensi, luas_potensi_ha, nilai_potensi_rp, "
            "potensi_per_km2, nilai_per_km2, jumlah_kategori, kategori_unggulan, unit_bumdes, "
            "modal_bumdes_rp, omzet_bumdes_rp, tenaga_kerja_bumdes, aset, nilai_aset_rp, skor, "
            "skor_nilai, skor_kepadatan, skor_keragaman, peringkat, jumlah_peringkat, geom) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "(SELECT CastToMultiPolygon(geom) FROM wilayah WHERE fid = ?))");
        for (const auto& v : result.villages) {
            bindText(insert, 1, v.code);
            insert.bind(2, v.name).bind(3, v.tier);
            bindText(insert, 4, v.parentCode);
            insert.bind(5, v.areaHa).bind(6, v.total.count).bind(7, v.total.areaHa);
            insert.bind(8, v.total.valueRp).bind(9, v.potentialPerKm2).bind(10, v.valuePerKm2);
            std::int64_t present = 0;
            for (const auto& [code, f] : v.categories) {
                present += !code.empty() ? 1 : 0;
            }
            insert.bind(11, present);
            bindText(insert, 12, joinCodes(v.leadingCategories));
            insert.bind(13, v.bumdes.units).bind(14, v.bumdes.capitalRp);
            insert.bind(15, v.bumdes.turnoverRp).bind(16, v.bumdes.workers);
            insert.bind(17, v.assets.count).bind(18, v.assets.valueRp).bind(19, v.score);
            insert.bind(20, v.scoreValue).bind(21, v.scoreDensity).bind(22, v.scoreDiversity);
            insert.bind(23, static_cast<std::int64_t>(v.rank));
            insert.bind(24, static_cast<std::int64_t>(v.groupSize));
            insert.bind(25, v.fid);
            insert.run();
            insert.reset();
        }
    }

    store.createTable("hasil_potensi_kategori",
                      with({{"kategori", "TEXT"},
                            {"potensi", "INTEGER"},
                            {"luas_ha", "DOUBLE"},
                            {"nilai_rp", "DOUBLE"},
                            {"bagian_nilai", "DOUBLE"},
                            {"bagian_jumlah", "DOUBLE"}}));
    store.createTable("hasil_potensi_produksi",
                      with({{"kategori", "TEXT"}, {"satuan", "TEXT"}, {"produksi", "DOUBLE"}}));
    {
        auto insert = db.prepare("INSERT INTO hasil_potensi_kategori (kode_wilayah, nama_wilayah, "
                                 "kategori, potensi, luas_ha, nilai_rp, bagian_nilai, "
                                 "bagian_jumlah) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        auto production = db.prepare("INSERT INTO hasil_potensi_produksi (kode_wilayah, "
                                     "nama_wilayah, kategori, satuan, produksi) VALUES (?, ?, ?, "
                                     "?, ?)");
        for (const auto& v : result.villages) {
            for (const auto& [code, f] : v.categories) {
                bindText(insert, 1, v.code);
                insert.bind(2, v.name);
                bindText(insert, 3, code);
                insert.bind(4, f.count).bind(5, f.areaHa).bind(6, f.valueRp);
                insert.bind(7, f.valueShare).bind(8, f.countShare);
                insert.run();
                insert.reset();
                for (const auto& [unit, amount] : f.production) {
                    bindText(production, 1, v.code);
                    production.bind(2, v.name);
                    bindText(production, 3, code);
                    bindText(production, 4, unit);
                    production.bind(5, amount);
                    production.run();
                    production.reset();
                }
            }
        }
    }

    store.createTable("hasil_potensi_bumdes",
                      with({{"jenis_usaha", "TEXT"},
                            {"sektor", "TEXT"},
                            {"unit", "INTEGER"},
                            {"modal_rp", "DOUBLE"},
                            {"omzet_rp", "DOUBLE"},
                            {"tenaga_kerja", "INTEGER"}}));
    {
        auto insert = db.prepare("INSERT INTO hasil_potensi_bumdes (kode_wilayah, nama_wilayah, "
                                 "jenis_usaha, sektor, unit, modal_rp, omzet_rp, tenaga_kerja) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (const auto& v : result.villages) {
            std::map<std::pair<std::string, std::string>, BumdesFigures> rows;
            for (const auto unit : v.bumdesUnits) {
                const auto& u = result.bumdesUnits[unit];
                addBumdes(rows[{u.type, u.sector}], u);
            }
            for (const auto& [key, f] : rows) {
                bindText(insert, 1, v.code);
                insert.bind(2, v.name);
                bindText(insert, 3, key.first);
                bindText(insert, 4, key.second);
                insert.bind(5, f.units).bind(6, f.capitalRp).bind(7, f.turnoverRp);
                insert.bind(8, f.workers);
                insert.run();
                insert.reset();
            }
        }
    }

    store.createTable("hasil_potensi_aset",
                      with({{"kategori", "TEXT"}, {"aset", "INTEGER"}, {"nilai_rp", "DOUBLE"}}));
    {
        auto insert = db.prepare("INSERT INTO hasil_potensi_aset (kode_wilayah, nama_wilayah, "
                                 "kategori, aset, nilai_rp) VALUES (?, ?, ?, ?, ?)");
        for (const auto& v : result.villages) {
            for (const auto& [category, f] : v.assetsByCategory) {
                bindText(insert, 1, v.code);
                insert.bind(2, v.name);
                bindText(insert, 3, category);
                insert.bind(4, f.count).bind(5, f.valueRp);
                insert.run();
                insert.reset();
            }
        }
    }

    store.createTable("hasil_potensi_berisiko",
                      with({{"jenis_bahaya", "TEXT"},
                            {"tingkat", "TEXT"},
                            {"kategori", "TEXT"},
                            {"potensi", "INTEGER"},
                            {"luas_ha", "DOUBLE"},
                            {"nilai_rp", "DOUBLE"}}));
    {
        auto insert = db.prepare("INSERT INTO hasil_potensi_berisiko (kode_wilayah, "
                                 "nama_wilayah, jenis_bahaya, tingkat, kategori, potensi, "
                                 "luas_ha, nilai_rp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (const auto& v : result.villages) {
            for (const auto& r : v.atRisk) {
                bindText(insert, 1, v.code);
                insert.bind(2, v.name).bind(3, r.hazardType).bind(4, r.level);
                bindText(insert, 5, r.category);
                insert.bind(6, r.count).bind(7, r.areaHa).bind(8, r.valueRp);
                insert.run();
                insert.reset();
            }
        }
    }
    result.resultTables = {"hasil_potensi_profil",
                           "hasil_potensi_kategori",
                           "hasil_potensi_produksi",
                           "hasil_potensi_bumdes",
                           "hasil_potensi_aset",
                           "hasil_potensi_berisiko"};

    QJsonObject parameters;
    parameters["by"] = QString::fromStdString(result.by);
    parameters["working_crs"] = QString::fromStdString(result.workingCrs);
    parameters["include_risk"] = result.riskComputed;
    parameters["score_formula"] =
        "100 * (0.5 * V + 0.25 * N + 0.25 * K), V = value per km2 / group max, N = features "
        "per km2 / group max, K = categories present / group max; group = kode_induk";
    QJsonObject summary;
    summary["villages"] = static_cast<qint64>(result.villages.size());
    summary["potential_outside_villages"] = static_cast<qint64>(result.outside.count);
    summary["assets_outside_villages"] = static_cast<qint64>(result.assetsOutside);
    summary["bumdes_outside_villages"] = static_cast<qint64>(result.bumdesOutside);
    summary["problems"] = static_cast<qint64>(result.problems.size());
    const long long logId =
        store.logRun("potensi", compactJson(parameters), compactJson(inputs), compactJson(summary));
    transaction.commit();
    return logId;
}

} // namespace

PotentialResult
analyzePotential(Project& project, const PotentialOptions& options, geo::AnalysisFeedback* feedback)
{
    PhaseTimer timer;
    PotentialResult result;
    result.workingCrs = workingCrsOf(project);
    result.by = options.by == PotentialOptions::By::Dusun ? "dusun" : "desa";
    const int wantedSet = options.by == PotentialOptions::By::Dusun ? 1 : 0;
    if (feedback) {
        feedback->setProgress(0);
    }

    // The villages: one region set.
    std::vector<geo::OverlayRegion> regions;
    {
        ReportingAreas areas = readReportingAreas(project, wantedSet == 1);
        const geo::CoordinateTransform toMetric("EPSG:4326", result.workingCrs);
        for (std::size_t i = 0; i < areas.areas.size(); ++i) {
            const auto& area = areas.areas[i];
            if (area.set != wantedSet) {
                continue;
            }
            VillageProfile village;
            village.fid = area.fid;
            village.code = area.code;
            village.name = area.name;
            village.tier = area.tier;
            village.parentCode = area.parentCode;
            try {
                village.areaHa =
                    geo::wkbArea(geo::transformWkb(areas.regions[i].wkb, toMetric)) / 10'000.0;
            } catch (const std::exception& error) {
                result.problems.push_back("wilayah #" + std::to_string(area.fid) + ": " +
                                          error.what());
            }
            result.villages.push_back(std::move(village));
            regions.push_back({std::move(areas.regions[i].wkb), 0});
        }
    }
    timer.mark("read villages");
    geo::throwIfCanceled(feedback);

    // One zone covering every feature: the overlay then only splits features over villages.
    const Extent extent = project.extent();
    std::vector<geo::OverlayZone> zones;
    if (!extent.isEmpty) {
        const double minX = std::max(-180.0, extent.minX - 1),
                     maxX = std::min(180.0, extent.maxX + 1);
        const double minY = std::max(-90.0, extent.minY - 1),
                     maxY = std::min(90.0, extent.maxY + 1);
        std::vector<unsigned char> wkb;
        auto put32 = [&](std::uint32_t v) {
            unsigned char bytes[4];
            std::memcpy(bytes, &v, 4);
            wkb.insert(wkb.end(), bytes, bytes + 4);
        };
        auto putDouble = [&](double v) {
            unsigned char bytes[8];
            std::memcpy(bytes, &v, 8);
            wkb.insert(wkb.end(), bytes, bytes + 8);
        };
        static_assert(sizeof(double) == 8);
        const std::uint16_t probe = 1;
        unsigned char little = 0;
        std::memcpy(&little, &probe, 1);
        wkb.push_back(little); // native byte order
        put32(3);              // POLYGON
        put32(1);
        put32(5);
        for (const auto& [x, y] : {std::pair{minX, minY},
                                   std::pair{maxX, minY},
                                   std::pair{maxX, maxY},
                                   std::pair{minX, maxY},
                                   std::pair{minX, minY}}) {
            putDouble(x);
            putDouble(y);
        }
        zones.push_back({std::move(wkb), 0, 1});
    }
    const geo::ZoneOverlay overlay(
        zones,
        regions,
        {"EPSG:4326", result.workingCrs},
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    timer.mark("index villages");

    auto recordProblems = [&](const char* table,
                              const Located& rows,
                              const geo::OverlayResult& points,
                              const geo::OverlayResult& geometries) {
        for (const auto& problem : points.problems) {
            result.problems.push_back(std::string(table) + " #" +
                                      std::to_string(rows.fid[rows.pointRow[problem.feature]]) +
                                      ": " + problem.reason);
        }
        for (const auto& problem : geometries.problems) {
            result.problems.push_back(std::string(table) + " #" +
                                      std::to_string(rows.fid[rows.geometryRow[problem.feature]]) +
                                      ": " + problem.reason);
        }
    };
    QJsonObject inputs;
    inputs["wilayah"] = static_cast<qint64>(result.villages.size());
    const std::size_t villageCount = result.villages.size();

    // Economic potential.
    CategoryIndex categories(project.vocabularies());
    std::vector<std::vector<PotentialFigures>> potential(villageCount);
    std::vector<PotentialFigures> outsideByCategory;
    {
        std::vector<std::uint32_t> category;
        std::vector<double> value, production;
        std::vector<std::string> unit;
        std::vector<char> hasProduction;
        const Located rows =
            readLocated(project,
                        "potensi_ekonomi",
                        {"kategori", "nilai_rp", "produksi", "satuan_produksi"},
                        [&](const geo::Statement& s) {
                            category.push_back(categories.of(s.text(1)));
                            value.push_back(s.isNull(2) ? 0.0 : s.real(2));
                            hasProduction.push_back(s.isNull(3) ? 0 : 1);
                            production.push_back(s.isNull(3) ? 0.0 : s.real(3));
                            unit.push_back(s.isNull(4) ? std::string() : s.text(4));
                        });
        result.potentials = static_cast<std::int64_t>(rows.fid.size());
        inputs["potensi_ekonomi"] = static_cast<qint64>(rows.fid.size());
        timer.mark("read potensi_ekonomi");
        geo::throwIfCanceled(feedback);
        const auto pointResult = overlay.overlayPoints(rows.points, feedback);
        const auto geometryResult = overlay.overlayGeometries(rows.geometries, feedback);
        recordProblems("potensi_ekonomi", rows, pointResult, geometryResult);
        for (auto& list : potential) {
            list.resize(categories.names.size());
        }
        outsideByCategory.resize(categories.names.size());
        auto add = [&](std::uint32_t row, int village, double measure, double share, bool counts) {
            auto& f = village < 0 ? outsideByCategory[category[row]]
                                  : potential[static_cast<std::size_t>(village)][category[row]];
            addPotential(f,
                         counts,
                         rows.dimension[row],
                         measure,
                         share,
                         value[row],
                         production[row],
                         unit[row],
                         hasProduction[row] != 0);
        };
        distribute(pointResult, rows.pointRow, rows.dimension, add);
        distribute(geometryResult, rows.geometryRow, rows.dimension, add);
        timer.mark("overlay potensi_ekonomi");
    }
    if (feedback) {
        feedback->setProgress(30);
    }

    // Assets by kategori.
    {
        std::vector<std::string> assetCategories;
        std::unordered_map<std::string, std::uint32_t> assetCategoryIndex;
        std::vector<std::uint32_t> category;
        std::vector<double> value;
        const Located rows = readLocated(
            project, "aset_desa", {"kategori", "nilai_rp"}, [&](const geo::Statement& s) {
                const std::string name = s.text(1);
                auto [it, inserted] = assetCategoryIndex.emplace(
                    name, static_cast<std::uint32_t>(assetCategories.size()));
                if (inserted) {
                    assetCategories.push_back(name);
                }
                category.push_back(it->second);
                value.push_back(s.isNull(2) ? 0.0 : s.real(2));
            });
        result.assets = static_cast<std::int64_t>(rows.fid.size());
        inputs["aset_desa"] = static_cast<qint64>(rows.fid.size());
        timer.mark("read aset_desa");
        geo::throwIfCanceled(feedback);
        const auto pointResult = overlay.overlayPoints(rows.points, feedback);
        const auto geometryResult = overlay.overlayGeometries(rows.geometries, feedback);
        recordProblems("aset_desa", rows, pointResult, geometryResult);
        std::vector<std::vector<AssetFigures>> figures(
            villageCount, std::vector<AssetFigures>(assetCategories.size()));
        // Assets carry their value whole, to the village that takes their count.
        auto add = [&](std::uint32_t row, int village, double, double, bool counts) {
            if (!counts) {
                return;
            }
            if (village < 0) {
                ++result.assetsOutside;
                return;
            }
            auto& f = figures[static_cast<std::size_t>(village)][category[row]];
            ++f.count;
            f.valueRp += value[row];
        };
        distribute(pointResult, rows.pointRow, rows.dimension, add);
        distribute(geometryResult, rows.geometryRow, rows.dimension, add);
        for (std::size_t v = 0; v < villageCount; ++v) {
            auto& village = result.villages[v];
            for (std::size_t c = 0; c < assetCategories.size(); ++c) {
                const auto& f = figures[v][c];
                if (f.count > 0) {
                    village.assetsByCategory[assetCategories[c]] = f;
                    village.assets.count += f.count;
                    village.assets.valueRp += f.valueRp;
                }
            }
        }
        timer.mark("overlay aset_desa");
    }
    if (feedback) {
        feedback->setProgress(55);
    }

    // BUM Desa units.
    {
        std::vector<BumdesUnitRecord> units;
        const Located rows = readLocated(project,
                                         "bumdes_unit",
                                         {"uuid",
                                          "nama_bumdes",
                                          "nama_unit",
                                          "jenis_usaha",
                                          "sektor",
                                          "status",
                                          "modal_rp",
                                          "omzet_rp",
                                          "tenaga_kerja"},
                                         [&](const geo::Statement& s) {
                                             BumdesUnitRecord unit;
                                             unit.uuid = s.text(1);
                                             unit.bumdesName = s.text(2);
                                             unit.unitName = s.text(3);
                                             unit.type = s.text(4);
                                             unit.sector = s.text(5);
                                             unit.status = s.text(6);
                                             unit.capitalRp = s.isNull(7) ? 0.0 : s.real(7);
                                             unit.turnoverRp = s.isNull(8) ? 0.0 : s.real(8);
                                             unit.workers = s.isNull(9) ? 0 : s.integer(9);
                                             units.push_back(std::move(unit));
                                         });
        for (std::size_t i = 0; i < units.size(); ++i) {
            units[i].fid = rows.fid[i];
        }
        inputs["bumdes_unit"] = static_cast<qint64>(rows.fid.size());
        const auto pointResult = overlay.overlayPoints(rows.points, feedback);
        const auto geometryResult = overlay.overlayGeometries(rows.geometries, feedback);
        recordProblems("bumdes_unit", rows, pointResult, geometryResult);
        auto add = [&](std::uint32_t row, int village, double, double, bool counts) {
            if (counts) {
                units[row].village = village;
            }
        };
        distribute(pointResult, rows.pointRow, rows.dimension, add);
        distribute(geometryResult, rows.geometryRow, rows.dimension, add);
        for (std::size_t i = 0; i < units.size(); ++i) {
            const auto& unit = units[i];
            if (unit.village < 0) {
                ++result.bumdesOutside;
                continue;
            }
            auto& village = result.villages[static_cast<std::size_t>(unit.village)];
            village.bumdesUnits.push_back(i);
            addBumdes(village.bumdes, unit);
            addBumdes(village.bumdesByType[unit.type], unit);
            addBumdes(village.bumdesBySector[categories.topLevel(unit.sector)], unit);
        }
        result.bumdesUnits = std::move(units);
        timer.mark("bumdes_unit");
    }
    if (feedback) {
        feedback->setProgress(65);
    }

    // Potential at risk: the exposure analysis's overlay of potensi_ekonomi with the zones.
    if (options.includeRisk) {
        ExposureOptions exposureOptions;
        exposureOptions.writeResults = false;
        exposureOptions.themes = {"potensi_ekonomi"};
        const ExposureResult exposure = analyzeExposure(project, exposureOptions, feedback);
        std::unordered_map<std::int64_t, std::size_t> villageOfFid;
        for (std::size_t v = 0; v < villageCount; ++v) {
            villageOfFid[result.villages[v].fid] = v;
        }
        for (const auto& row : exposure.byArea) {
            const auto it = villageOfFid.find(exposure.areas[row.area].fid);
            if (it == villageOfFid.end()) {
                continue;
            }
            std::map<std::string, PotentialAtRisk> byCategory;
            for (const auto& [raw, f] : row.figures.potentialsByCategory) {
                const std::string top = categories.topLevel(raw);
                auto& r = byCategory[top];
                r.hazardType = row.hazardType;
                r.level = row.level;
                r.category = top;
                r.count += f.count;
                r.areaHa += f.areaHa;
                r.valueRp += f.valueRp;
            }
            auto& atRisk = result.villages[it->second].atRisk;
            for (auto& [code, r] : byCategory) {
                if (r.count > 0 || r.areaHa > 0 || r.valueRp > 0) {
                    atRisk.push_back(std::move(r));
                }
            }
        }
        for (const auto& problem : exposure.problems) {
            if (problem.rfind("zona_bahaya", 0) == 0) {
                result.problems.push_back(problem);
            }
        }
        result.riskComputed = true;
        timer.mark("potential at risk");
    }
    if (feedback) {
        feedback->setProgress(90);
    }

    // Profiles.
    std::vector<char> used(categories.names.size(), 0);
    for (std::size_t v = 0; v < villageCount; ++v) {
        auto& village = result.villages[v];
        for (std::size_t c = 0; c < categories.names.size(); ++c) {
            const auto& f = potential[v][c];
            if (f.count == 0 && f.areaHa == 0 && f.valueRp == 0 && f.production.empty()) {
                continue;
            }
            used[c] = 1;
            village.categories[categories.names[c]] = f;
            village.total.count += f.count;
            village.total.areaHa += f.areaHa;
            village.total.valueRp += f.valueRp;
            for (const auto& [unit, amount] : f.production) {
                village.total.production[unit] += amount;
            }
        }
        for (auto& [code, f] : village.categories) {
            f.valueShare = village.total.valueRp > 0 ? f.valueRp / village.total.valueRp : 0.0;
            f.countShare = village.total.count > 0 ? static_cast<double>(f.count) /
                                                         static_cast<double>(village.total.count)
                                                   : 0.0;
        }
        village.total.valueShare = village.total.valueRp > 0 ? 1.0 : 0.0;
        village.total.countShare = village.total.count > 0 ? 1.0 : 0.0;
        std::vector<std::pair<std::string, const PotentialFigures*>> ranked;
        for (const auto& [code, f] : village.categories) {
            if (!code.empty() && (f.count > 0 || f.valueRp > 0)) {
                ranked.emplace_back(code, &f);
            }
        }
        std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
            if (a.second->valueRp != b.second->valueRp) {
                return a.second->valueRp > b.second->valueRp;
            }
            if (a.second->count != b.second->count) {
                return a.second->count > b.second->count;
            }
            return a.first < b.first;
        });
        for (std::size_t i = 0; i < ranked.size() && i < 3; ++i) {
            village.leadingCategories.push_back(ranked[i].first);
        }
        const double km2 = village.areaHa / 100.0;
        village.potentialPerKm2 = km2 > 0 ? static_cast<double>(village.total.count) / km2 : 0.0;
        village.valuePerKm2 = km2 > 0 ? village.total.valueRp / km2 : 0.0;
    }
    for (std::size_t c = 0; c < categories.names.size(); ++c) {
        const auto& f = outsideByCategory[c];
        if (f.count > 0 || f.areaHa > 0 || f.valueRp > 0) {
            used[c] = 1;
            result.outside.count += f.count;
            result.outside.areaHa += f.areaHa;
            result.outside.valueRp += f.valueRp;
            result.outsideByCategory[categories.names[c]] = f;
        }
    }
    result.categories = categories.ordered(used);

    // Score and rank within each group of villages sharing kode_induk.
    {
        std::map<std::string, std::vector<std::size_t>> groups;
        for (std::size_t v = 0; v < villageCount; ++v) {
            groups[result.villages[v].parentCode].push_back(v);
        }
        auto present = [](const VillageProfile& village) {
            int n = 0;
            for (const auto& [code, f] : village.categories) {
                n += !code.empty() ? 1 : 0; // categories holds only what is present
            }
            return n;
        };
        for (const auto& [parent, members] : groups) {
            double maxValue = 0, maxDensity = 0;
            int maxDiversity = 0;
            for (const auto v : members) {
                maxValue = std::max(maxValue, result.villages[v].valuePerKm2);
                maxDensity = std::max(maxDensity, result.villages[v].potentialPerKm2);
                maxDiversity = std::max(maxDiversity, present(result.villages[v]));
            }
            for (const auto v : members) {
                auto& village = result.villages[v];
                village.scoreValue = maxValue > 0 ? village.valuePerKm2 / maxValue : 0.0;
                village.scoreDensity = maxDensity > 0 ? village.potentialPerKm2 / maxDensity : 0.0;
                village.scoreDiversity =
                    maxDiversity > 0 ? static_cast<double>(present(village)) / maxDiversity : 0.0;
                village.score = 100.0 * (0.5 * village.scoreValue + 0.25 * village.scoreDensity +
                                         0.25 * village.scoreDiversity);
                village.groupSize = static_cast<int>(members.size());
            }
            for (const auto v : members) {
                int higher = 0;
                for (const auto other : members) {
                    higher += result.villages[other].score > result.villages[v].score ? 1 : 0;
                }
                result.villages[v].rank = higher + 1;
            }
        }
    }
    timer.mark("profiles");
    geo::throwIfCanceled(feedback);
    if (options.writeResults) {
        result.logId = writeResults(project, result, inputs);
        timer.mark("write results");
    }
    if (feedback) {
        feedback->setProgress(100);
    }
    return result;
}

} // namespace layers
