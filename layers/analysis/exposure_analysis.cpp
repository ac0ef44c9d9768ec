#include "layers/analysis/exposure_analysis.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/wkb.h"
#include "geo/spatial_database.h"
#include "geo/spatialite_blob.h"
#include "layers/analysis/result_store.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace layers {

std::size_t ExposureResult::exposedFeatureCount() const
{
    std::size_t count = 0;
    for (const auto& chunk : featureChunks) {
        count += chunk.size();
    }
    return count;
}

bool ExposureFigures::isEmpty() const
{
    return zones == 0 && assets == 0 && settlements == 0 && communityCenters == 0 &&
           bumdesUnits == 0 && potentials == 0 && roadKm == 0 && population == 0 &&
           potentialAreaHa == 0;
}

namespace {

enum class Kind { Asset, CommunityCenter, BumdesUnit, Potential, Road, Settlement };

struct ThemeSpec
{
    const char* table;
    Kind kind;
    const char* nameColumn;
    const char* categoryColumn; ///< "" = none
    const char* valueColumn;    ///< "" = none
};

/// In the order they are read and overlaid. Reading a row of points costs more than overlaying
/// it, and a polygon or line costs more to overlay than to read: the potential polygons come
/// first (the reader reads the first asset chunks meanwhile), the roads after the assets (the
/// rest of the assets' feature rows are written meanwhile).
constexpr ThemeSpec themeSpecs[] = {
    {"potensi_ekonomi", Kind::Potential, "nama", "kategori", "nilai_rp"},
    {"aset_desa", Kind::Asset, "nama", "kategori", "nilai_rp"},
    {"jalan", Kind::Road, "nama", "kelas", ""},
    {"pusat_kemasyarakatan", Kind::CommunityCenter, "nama", "jenis", "kapasitas"},
    {"bumdes_unit", Kind::BumdesUnit, "nama_unit", "jenis_usaha", ""},
    {"permukiman", Kind::Settlement, "nama", "", "jumlah_penduduk"},
};

/// The rows of one theme as the overlay needs them. Points come straight from the SpatiaLite
/// blob; other geometries as WKB.
struct ThemeRows
{
    const ThemeSpec* spec = nullptr;
    std::vector<std::string> categories{""}; ///< the theme's own; "" (0) = none
    std::vector<std::int64_t> fid;
    std::vector<std::uint32_t> category; ///< index into categories
    std::vector<double> value;
    std::vector<geo::OverlayPoint> points;
    std::vector<std::uint32_t> pointRow;
    std::vector<std::vector<unsigned char>> geometries;
    std::vector<std::uint32_t> geometryRow;
    std::vector<int> geometryDimension; ///< 0 point, 1 line, 2 polygon, parallel to geometries
    bool lastOfTheme = true;            ///< a theme may come in several chunks, in fid order
};

/// ExposureFigures while counting: categories by index instead of by name, so that adding a
/// feature is a few array updates. toFigures() gives the figures by name.
struct Tally
{
    std::int64_t zones = 0;
    std::int64_t assets = 0;
    double assetValueRp = 0;
    std::vector<CategoryExposure> assetsByCategory;
    std::vector<char> assetCategorySeen;
    std::int64_t settlements = 0;
    double population = 0;
    std::int64_t communityCenters = 0;
    std::int64_t communityCenterCapacity = 0;
    std::int64_t bumdesUnits = 0;
    std::int64_t potentials = 0;
    double potentialAreaHa = 0;
    double potentialValueRp = 0;
    std::vector<PotentialCategoryExposure> potentialsByCategory;
    std::vector<char> potentialCategorySeen;
    double roadKm = 0;

    CategoryExposure& asset(std::uint32_t category)
    {
        if (category >= assetsByCategory.size()) {
            assetsByCategory.resize(category + 1);
            assetCategorySeen.resize(category + 1, 0);
        }
        assetCategorySeen[category] = 1;
        return assetsByCategory[category];
    }
    PotentialCategoryExposure& potential(std::uint32_t category)
    {
        if (category >= potentialsByCategory.size()) {
            potentialsByCategory.resize(category + 1);
            potentialCategorySeen.resize(category + 1, 0);
        }
        potentialCategorySeen[category] = 1;
        return potentialsByCategory[category];
    }

    ExposureFigures toFigures(const std::deque<std::string>& categories) const
    {
        ExposureFigures f;
        f.zones = zones;
        f.assets = assets;
        f.assetValueRp = assetValueRp;
        for (std::size_t c = 0; c < assetsByCategory.size(); ++c) {
            if (assetCategorySeen[c]) {
                f.assetsByCategory[categories[c]] = assetsByCategory[c];
            }
        }
        f.settlements = settlements;
        f.population = population;
        f.communityCenters = communityCenters;
        f.communityCenterCapacity = communityCenterCapacity;
        f.bumdesUnits = bumdesUnits;
        f.potentials = potentials;
        f.potentialAreaHa = potentialAreaHa;
        f.potentialValueRp = potentialValueRp;
        for (std::size_t c = 0; c < potentialsByCategory.size(); ++c) {
            if (potentialCategorySeen[c]) {
                f.potentialsByCategory[categories[c]] = potentialsByCategory[c];
            }
        }
        f.roadKm = roadKm;
        return f;
    }
};

struct Aggregator
{
    std::vector<std::string> hazardTypes;
    /// All themes' categories; a deque, so that a writer thread may hold views of them while
    /// more are added.
    std::deque<std::string> categories{""};
    std::map<std::string, std::uint32_t, std::less<>> categoryIndex{{"", 0}};
    std::vector<std::array<Tally, 4>> levels; ///< [group][level 1..3]
    const std::vector<ReportingArea>* reportingAreas = nullptr;
    /// Tallies per area, group and level: slot (area * groups + group) * 4 + level holds an
    /// index into areaTallies, or -1 while nothing was counted there.
    std::vector<std::int32_t> areaSlots;
    std::vector<Tally> areaTallies;

    void start()
    {
        levels.resize(hazardTypes.size());
        areaSlots.assign(reportingAreas->size() * hazardTypes.size() * 4, -1);
    }

    Tally& area(std::size_t area, int group, int level)
    {
        auto& slot = areaSlots[(area * hazardTypes.size() + static_cast<std::size_t>(group)) * 4 +
                               static_cast<std::size_t>(level)];
        if (slot < 0) {
            slot = static_cast<std::int32_t>(areaTallies.size());
            areaTallies.emplace_back();
        }
        return areaTallies[static_cast<std::size_t>(slot)];
    }

    std::uint32_t category(const std::string& name)
    {
        if (const auto it = categoryIndex.find(name); it != categoryIndex.end()) {
            return it->second;
        }
        const auto index = static_cast<std::uint32_t>(categories.size());
        categories.push_back(name);
        categoryIndex.emplace(name, index);
        return index;
    }

    static void addCount(Kind kind, Tally& f, std::uint32_t category, double value, bool isPoint)
    {
        // Points carry their value whole; lines and polygons share it in addMeasure (potential,
        // settlements) or carry it whole here (assets).
        switch (kind) {
        case Kind::Asset: {
            ++f.assets;
            f.assetValueRp += value;
            auto& c = f.asset(category);
            ++c.count;
            c.valueRp += value;
            break;
        }
        case Kind::CommunityCenter:
            ++f.communityCenters;
            f.communityCenterCapacity += static_cast<std::int64_t>(value);
            break;
        case Kind::BumdesUnit:
            ++f.bumdesUnits;
            break;
        case Kind::Potential: {
            ++f.potentials;
            auto& c = f.potential(category);
            ++c.count;
            if (isPoint) {
                f.potentialValueRp += value;
                c.valueRp += value;
            }
            break;
        }
        case Kind::Road:
            break;
        case Kind::Settlement:
            ++f.settlements;
            if (isPoint) {
                f.population += value;
            }
            break;
        }
    }

    static void addMeasure(Kind kind,
                           Tally& f,
                           std::uint32_t category,
                           double value,
                           int dimension,
                           double measure,
                           double share)
    {
        if (dimension == 0) {
            return;
        }
        switch (kind) {
        case Kind::Potential: {
            auto& c = f.potential(category);
            if (dimension == 2) {
                f.potentialAreaHa += measure / 10'000.0;
                c.areaHa += measure / 10'000.0;
            }
            f.potentialValueRp += value * share;
            c.valueRp += value * share;
            break;
        }
        case Kind::Road:
            f.roadKm += dimension == 1 ? measure / 1000.0 : 0.0;
            break;
        case Kind::Settlement:
            f.population += value * share;
            break;
        default:
            break;
        }
    }

    /// Adds the overlay of one theme's points or geometries; the exposed features go to
    /// `exposedFeatures`.
    void add(const ThemeSpec& spec,
             const ThemeRows& rows,
             const geo::OverlayResult& result,
             const std::vector<std::uint32_t>& rowOf,
             bool isPoint,
             std::vector<ExposedFeature>& exposedFeatures)
    {
        std::vector<std::uint32_t> globalCategory;
        for (const auto& name : rows.categories) {
            globalCategory.push_back(category(name));
        }
        const auto& parts = result.parts;
        const auto& shares = result.regionShares;
        std::size_t s = 0; // the first region share of part i (shares are ordered by part)
        std::size_t i = 0;
        while (i < parts.size()) {
            const auto feature = parts[i].feature;
            const int group = parts[i].group;
            std::size_t j = i;
            while (j < parts.size() && parts[j].feature == feature && parts[j].group == group) {
                ++j;
            }
            const std::uint32_t row = rowOf[feature];
            const double value = rows.value[row];
            const std::uint32_t category = globalCategory[rows.category[row]];
            const int dimension = isPoint ? 0 : rows.geometryDimension[feature];
            const bool pointLike = dimension == 0;
            const int highest = parts[i].level;
            addCount(spec.kind,
                     levels[static_cast<std::size_t>(group)][highest],
                     category,
                     value,
                     pointLike);

            ExposedFeature exposed;
            exposed.theme = spec.table;
            exposed.fid = rows.fid[row];
            exposed.hazard = static_cast<std::uint32_t>(group);
            exposed.level = highest;
            exposed.category = category;
            exposed.share = pointLike ? 1.0 : 0.0;

            while (s < shares.size() && shares[s].part < i) {
                ++s;
            }
            std::size_t firstOfNext = s; // the first share of part i + 1
            while (firstOfNext < shares.size() && shares[firstOfNext].part == i) {
                ++firstOfNext;
            }
            // Counts go to one area per set: the one holding most of the highest part.
            for (int set = 0; set < 2; ++set) {
                int best = -1;
                double bestMeasure = -1;
                for (auto k = s; k < firstOfNext; ++k) {
                    const auto& share = shares[k];
                    if ((*reportingAreas)[share.region].set == set && share.measure > bestMeasure) {
                        best = static_cast<int>(share.region);
                        bestMeasure = share.measure;
                    }
                }
                if (best >= 0) {
                    addCount(spec.kind,
                             area(static_cast<std::size_t>(best), group, highest),
                             category,
                             value,
                             pointLike);
                    if (set == 0) {
                        exposed.area = best;
                    }
                }
            }
            for (std::size_t k = i; k < j; ++k) {
                const auto& part = parts[k];
                addMeasure(spec.kind,
                           levels[static_cast<std::size_t>(group)][part.level],
                           category,
                           value,
                           dimension,
                           part.measure,
                           part.share);
                while (s < shares.size() && shares[s].part < k) {
                    ++s;
                }
                for (; s < shares.size() && shares[s].part == k; ++s) {
                    const auto& share = shares[s];
                    addMeasure(spec.kind,
                               area(share.region, group, part.level),
                               category,
                               value,
                               dimension,
                               share.measure,
                               share.share);
                }
                if (!pointLike) {
                    exposed.share += part.share;
                    (dimension == 1 ? exposed.lengthM : exposed.areaM2) += part.measure;
                }
            }
            if (spec.kind == Kind::Asset || spec.kind == Kind::Potential) {
                exposed.valueRp = value;
            }
            if (spec.kind == Kind::Settlement) {
                exposed.population = value * exposed.share;
            }
            if (spec.kind != Kind::Road) {
                exposedFeatures.push_back(exposed);
            }
            i = j;
        }
    }
};

/// Reads a theme in fid order and hands it to handOver(ThemeRows&&) in chunks of `chunkRows`
/// rows (0: in one), so that the first chunks can be overlaid while the rest is read. It
/// returns false to stop reading.
template <typename Emit>
void readTheme(geo::SpatialDatabase& db,
               const ThemeSpec& spec,
               std::size_t chunkRows,
               Emit&& handOver)
{
    ThemeRows rows;
    rows.spec = &spec;
    // A chunk's lists are allocated once (pages not written are never touched).
    auto reserve = [&] {
        if (chunkRows > 0) {
            rows.fid.reserve(chunkRows);
            rows.category.reserve(chunkRows);
            rows.value.reserve(chunkRows);
            rows.points.reserve(chunkRows);
            rows.pointRow.reserve(chunkRows);
        }
    };
    reserve();
    auto column = [](const char* name, const char* fallback) {
        return *name ? geo::quoteIdentifier(name) : std::string(fallback);
    };
    // Rows of one theme mostly repeat a few categories: the last one is looked up without a
    // copy or a search.
    std::map<std::string, std::uint32_t, std::less<>> categoryIndex{{"", 0}};
    std::uint32_t lastCategory = 0;
    // Geometries are read from their blobs (a 2D POINT blob is exactly 60 bytes), without
    // SpatiaLite's AsBinary; blobs that cannot be read so (compressed, Z/M) are asked for
    // their WKB one by one.
    // Rows without geometry are skipped here rather than by a WHERE clause (one column test
    // less per row); a missing value reads as 0.
    const std::string value =
        *spec.valueColumn ? "ifnull(" + geo::quoteIdentifier(spec.valueColumn) + ", 0)" : "0";
    auto statement =
        db.prepare("SELECT fid, " + column(spec.categoryColumn, "NULL") + ", " + value +
                   ", geom FROM " + geo::quoteIdentifier(spec.table) + " ORDER BY fid");
    GeometryReader geometries(db, spec.table);
    while (statement.step()) {
        const auto blob = statement.blobView(3);
        if (blob.empty() && statement.isNull(3)) {
            continue;
        }
        if (chunkRows > 0 && rows.fid.size() == chunkRows) {
            rows.lastOfTheme = false;
            if (!handOver(std::move(rows))) {
                return;
            }
            rows = ThemeRows();
            rows.spec = &spec;
            reserve();
            categoryIndex = {{"", 0}};
            lastCategory = 0;
        }
        const auto row = static_cast<std::uint32_t>(rows.fid.size());
        rows.fid.push_back(statement.integer(0));
        if (*spec.categoryColumn) {
            const std::string_view name = statement.textView(1);
            if (name != rows.categories[lastCategory]) {
                // A theme has a few categories: a scan finds one faster than a tree; the map
                // takes over for themes with many.
                std::uint32_t found = 0;
                if (rows.categories.size() <= 32) {
                    for (std::uint32_t c = 1; c < rows.categories.size() && !found; ++c) {
                        found = rows.categories[c] == name ? c : 0;
                    }
                } else if (const auto it = categoryIndex.find(name); it != categoryIndex.end()) {
                    found = it->second;
                }
                if (found || name.empty()) {
                    lastCategory = found;
                } else {
                    lastCategory = static_cast<std::uint32_t>(rows.categories.size());
                    rows.categories.emplace_back(name);
                    categoryIndex.emplace(std::string(name), lastCategory);
                }
            }
            rows.category.push_back(lastCategory);
        } else {
            rows.category.push_back(0);
        }
        rows.value.push_back(statement.real(2));
        geo::OverlayPoint point;
        if (blob.size() == 60 && geo::spatialitePoint(blob.data(), blob.size(), point.x, point.y)) {
            rows.points.push_back(point);
            rows.pointRow.push_back(row);
        } else {
            auto wkb = geometries.wkb(blob, rows.fid.back());
            rows.geometryDimension.push_back(std::max(0, geo::wkbDimension(wkb)));
            rows.geometries.push_back(std::move(wkb));
            rows.geometryRow.push_back(row);
        }
    }
    rows.lastOfTheme = true;
    handOver(std::move(rows));
}

/// Rows per chunk a reader thread hands over.
constexpr std::size_t chunkRows = 65536;

/// Reads the themes in order on a thread of its own, with a read-only connection of its own,
/// while the caller indexes the zones and overlays the themes already read. When the caller's
/// connection holds uncommitted changes (a transaction is open), another connection would not
/// see them: then next() reads on the caller's connection instead.
class ThemeReader
{
public:
    ThemeReader(Project& project, std::vector<const ThemeSpec*> specs, bool threaded)
        : m_specs(std::move(specs)), m_project(project)
    {
        if (!threaded) {
            return;
        }
        m_thread = std::thread([this, path = project.path()] {
            try {
                geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::ReadOnly);
                // Pages read straight from the mapped file: no copy through read().
                db.exec("PRAGMA mmap_size = 1073741824");
                for (const ThemeSpec* spec : m_specs) {
                    readTheme(db, *spec, chunkRows, [&](ThemeRows&& rows) {
                        // At most two chunks wait: memory stays bounded when overlays lag.
                        std::unique_lock lock(m_mutex);
                        m_changed.wait(lock, [&] { return m_ready.size() < 2 || m_stop.load(); });
                        m_ready.push_back(std::move(rows));
                        m_changed.notify_all();
                        return !m_stop.load();
                    });
                    if (m_stop.load()) {
                        return;
                    }
                }
            } catch (...) {
                std::lock_guard lock(m_mutex);
                m_failure = std::current_exception();
                m_changed.notify_all();
            }
        });
    }
    ~ThemeReader()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop.store(true);
            m_changed.notify_all();
        }
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    ThemeReader(const ThemeReader&) = delete;
    ThemeReader& operator=(const ThemeReader&) = delete;

    /// The next chunk of rows, themes in the order given; rethrows what the reader thread
    /// threw.
    ThemeRows next()
    {
        if (!m_thread.joinable()) {
            ThemeRows whole;
            readTheme(m_project.database(), *m_specs[m_taken++], 0, [&](ThemeRows&& rows) {
                whole = std::move(rows);
                return true;
            });
            return whole;
        }
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_ready.empty() || m_failure; });
        if (m_ready.empty()) {
            std::rethrow_exception(m_failure);
        }
        ThemeRows rows = std::move(m_ready.front());
        m_ready.pop_front();
        m_changed.notify_all();
        return rows;
    }

private:
    std::vector<const ThemeSpec*> m_specs;
    Project& m_project;
    std::size_t m_taken = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<ThemeRows> m_ready;
    std::exception_ptr m_failure;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

QJsonObject figuresJson(const ExposureFigures& f)
{
    QJsonObject o;
    o["zones"] = static_cast<qint64>(f.zones);
    o["assets"] = static_cast<qint64>(f.assets);
    o["asset_value_rp"] = f.assetValueRp;
    o["population"] = f.population;
    o["settlements"] = static_cast<qint64>(f.settlements);
    o["community_centers"] = static_cast<qint64>(f.communityCenters);
    o["bumdes_units"] = static_cast<qint64>(f.bumdesUnits);
    o["potential"] = static_cast<qint64>(f.potentials);
    o["potential_area_ha"] = f.potentialAreaHa;
    o["potential_value_rp"] = f.potentialValueRp;
    o["road_km"] = f.roadKm;
    return o;
}

const std::vector<ResultColumn>& figureColumns()
{
    static const std::vector<ResultColumn> columns = {{"zona", "INTEGER"},
                                                      {"aset", "INTEGER"},
                                                      {"nilai_aset_rp", "DOUBLE"},
                                                      {"permukiman", "INTEGER"},
                                                      {"penduduk", "DOUBLE"},
                                                      {"pusat_kemasyarakatan", "INTEGER"},
                                                      {"kapasitas_pusat", "INTEGER"},
                                                      {"unit_bumdes", "INTEGER"},
                                                      {"potensi", "INTEGER"},
                                                      {"luas_potensi_ha", "DOUBLE"},
                                                      {"nilai_potensi_rp", "DOUBLE"},
                                                      {"jalan_km", "DOUBLE"}};
    return columns;
}

int bindFigures(geo::Statement& statement, int index, const ExposureFigures& f)
{
    statement.bind(index++, static_cast<std::int64_t>(f.zones));
    statement.bind(index++, static_cast<std::int64_t>(f.assets));
    statement.bind(index++, f.assetValueRp);
    statement.bind(index++, static_cast<std::int64_t>(f.settlements));
    statement.bind(index++, f.population);
    statement.bind(index++, static_cast<std::int64_t>(f.communityCenters));
    statement.bind(index++, static_cast<std::int64_t>(f.communityCenterCapacity));
    statement.bind(index++, static_cast<std::int64_t>(f.bumdesUnits));
    statement.bind(index++, static_cast<std::int64_t>(f.potentials));
    statement.bind(index++, f.potentialAreaHa);
    statement.bind(index++, f.potentialValueRp);
    statement.bind(index++, f.roadKm);
    return index;
}

std::string placeholders(std::size_t n)
{
    std::string text;
    for (std::size_t i = 0; i < n; ++i) {
        text += i ? ", ?" : "?";
    }
    return text;
}

std::string columnList(const std::vector<ResultColumn>& columns)
{
    std::string text;
    for (const auto& [name, type] : columns) {
        (void)type;
        text += (text.empty() ? "" : ", ") + geo::quoteIdentifier(name);
    }
    return text;
}

const std::vector<ResultColumn>& featureColumns()
{
    static const std::vector<ResultColumn> columns = {{"tema", "TEXT"},
                                                      {"fitur_fid", "INTEGER"},
                                                      {"kategori", "TEXT"},
                                                      {"jenis_bahaya", "TEXT"},
                                                      {"tingkat", "TEXT"},
                                                      {"kode_wilayah", "TEXT"},
                                                      {"nama_wilayah", "TEXT"},
                                                      {"nilai_rp", "DOUBLE"},
                                                      {"penduduk", "DOUBLE"},
                                                      {"panjang_m", "DOUBLE"},
                                                      {"luas_m2", "DOUBLE"},
                                                      {"bagian", "DOUBLE"}};
    return columns;
}

/// The exposed features of one theme, with views of the category names they index.
struct FeatureBatch
{
    std::vector<ExposedFeature> features;
    std::vector<std::string_view> categories;
};

/// Writes hasil_paparan_fitur rows batch by batch. Threaded, it writes on a thread of its own
/// while the caller overlays the next theme; the caller leaves the connection alone until
/// finish() returns. The hazard types and areas of `result` must not change meanwhile.
/// Neither geometry nor name is written: the desktop joins fitur_fid to the theme (tema) for
/// those; 10^5 rows with a spatial index, or a lookup per row, cost more than the analysis.
class FeatureWriter
{
public:
    FeatureWriter(geo::SpatialDatabase& db, const ExposureResult& result, bool threaded)
        : m_db(db), m_result(result)
    {
        if (threaded) {
            m_thread = std::thread([this] { run(); });
        }
    }
    ~FeatureWriter()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            m_changed.notify_all();
        }
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    FeatureWriter(const FeatureWriter&) = delete;
    FeatureWriter& operator=(const FeatureWriter&) = delete;

    void add(std::shared_ptr<const FeatureBatch> batch)
    {
        if (!m_thread.joinable()) {
            write(*batch);
            return;
        }
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(batch));
        m_changed.notify_all();
    }

    /// Waits until every batch is written; rethrows what the writer thread threw.
    void finish()
    {
        if (m_thread.joinable()) {
            {
                std::lock_guard lock(m_mutex);
                m_done = true;
                m_changed.notify_all();
            }
            m_thread.join();
        }
        m_full.reset();
        if (m_failure) {
            std::rethrow_exception(m_failure);
        }
    }

private:
    void run()
    {
        try {
            for (;;) {
                std::shared_ptr<const FeatureBatch> batch;
                {
                    std::unique_lock lock(m_mutex);
                    m_changed.wait(lock, [&] { return m_stop || m_done || !m_queue.empty(); });
                    if (m_stop || m_queue.empty()) {
                        break; // stopped, or done with nothing left
                    }
                    batch = std::move(m_queue.front());
                    m_queue.pop_front();
                }
                write(*batch);
            }
        } catch (...) {
            m_failure = std::current_exception();
        }
        m_full.reset(); // statements are finalized on the thread that used them
    }

    /// Rows go several to a statement: one statement per row costs more than the row itself.
    /// Texts are bound without copies: they outlive the statement.
    void write(const FeatureBatch& batch)
    {
        constexpr std::size_t rowsPerStatement = 64;
        constexpr int perRow = 12;
        auto statementFor = [&](std::size_t rows) {
            std::string values;
            for (std::size_t r = 0; r < rows; ++r) {
                values += r ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            }
            return m_db.prepare("INSERT INTO hasil_paparan_fitur (" + columnList(featureColumns()) +
                                ") VALUES " + values);
        };
        const auto& features = batch.features;
        for (std::size_t begin = 0; begin < features.size(); begin += rowsPerStatement) {
            const std::size_t count = std::min(rowsPerStatement, features.size() - begin);
            if (count == rowsPerStatement && !m_full) {
                m_full.emplace(statementFor(rowsPerStatement));
            }
            std::optional<geo::Statement> partial;
            if (count < rowsPerStatement) {
                partial.emplace(statementFor(count));
            }
            geo::Statement& insert = count == rowsPerStatement ? *m_full : *partial;
            for (std::size_t r = 0; r < count; ++r) {
                const ExposedFeature& f = features[begin + r];
                const int base = static_cast<int>(r) * perRow;
                insert.bindStatic(base + 1, f.theme).bind(base + 2, f.fid);
                const std::string_view category = batch.categories[f.category];
                if (category.empty()) {
                    insert.bindNull(base + 3);
                } else {
                    insert.bindStatic(base + 3, category);
                }
                insert.bindStatic(base + 4, m_result.hazardTypes[f.hazard]);
                insert.bindStatic(base + 5, hazardLevelCode(f.level));
                if (f.area >= 0) {
                    const auto& area = m_result.areas[static_cast<std::size_t>(f.area)];
                    insert.bindStatic(base + 6, area.code).bindStatic(base + 7, area.name);
                } else {
                    insert.bindNull(base + 6).bindNull(base + 7);
                }
                insert.bind(base + 8, f.valueRp).bind(base + 9, f.population);
                insert.bind(base + 10, f.lengthM).bind(base + 11, f.areaM2);
                insert.bind(base + 12, f.share);
            }
            insert.run();
            insert.rewind();
        }
    }

    geo::SpatialDatabase& m_db;
    const ExposureResult& m_result;
    std::optional<geo::Statement> m_full;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::shared_ptr<const FeatureBatch>> m_queue;
    bool m_stop = false;
    bool m_done = false;
    std::exception_ptr m_failure;
    std::thread m_thread;
};

/// Writes the summary tables and the analisis_log row, inside the caller's transaction.
long long writeSummaries(Project& project,
                         ResultStore& store,
                         const ExposureResult& result,
                         const QJsonObject& inputs)
{
    auto& db = project.database();
    std::vector<ResultColumn> levelColumns = {{"jenis_bahaya", "TEXT"}, {"tingkat", "TEXT"}};
    levelColumns.insert(levelColumns.end(), figureColumns().begin(), figureColumns().end());
    store.createTable("hasil_paparan_tingkat", levelColumns);
    {
        auto insert = db.prepare("INSERT INTO hasil_paparan_tingkat (" + columnList(levelColumns) +
                                 ") VALUES (" + placeholders(levelColumns.size()) + ")");
        for (const auto& row : result.byLevel) {
            insert.bind(1, row.hazardType).bind(2, row.level);
            bindFigures(insert, 3, row.figures);
            insert.run();
            insert.reset();
        }
    }

    const std::vector<ResultColumn> categoryColumns = {{"jenis_bahaya", "TEXT"},
                                                       {"tingkat", "TEXT"},
                                                       {"kategori", "TEXT"},
                                                       {"aset", "INTEGER"},
                                                       {"nilai_rp", "DOUBLE"}};
    store.createTable("hasil_paparan_kategori", categoryColumns);
    {
        auto insert = db.prepare("INSERT INTO hasil_paparan_kategori (" +
                                 columnList(categoryColumns) + ") VALUES (?, ?, ?, ?, ?)");
        for (const auto& row : result.byLevel) {
            for (const auto& [category, c] : row.figures.assetsByCategory) {
                insert.bind(1, row.hazardType).bind(2, row.level);
                if (category.empty()) {
                    insert.bindNull(3);
                } else {
                    insert.bind(3, category);
                }
                insert.bind(4, static_cast<std::int64_t>(c.count)).bind(5, c.valueRp);
                insert.run();
                insert.reset();
            }
        }
    }

    std::vector<ResultColumn> areaColumns = {{"kode_wilayah", "TEXT"},
                                             {"nama_wilayah", "TEXT"},
                                             {"tingkat_wilayah", "TEXT"},
                                             {"kode_induk", "TEXT"},
                                             {"jenis_bahaya", "TEXT"},
                                             {"tingkat", "TEXT"}};
    areaColumns.insert(areaColumns.end(), figureColumns().begin(), figureColumns().end());
    store.createTable("hasil_paparan_desa", areaColumns);
    {
        auto insert = db.prepare("INSERT INTO hasil_paparan_desa (" + columnList(areaColumns) +
                                 ") VALUES (" + placeholders(areaColumns.size()) + ")");
        for (const auto& row : result.byArea) {
            const auto& area = result.areas[row.area];
            insert.bind(1, area.code).bind(2, area.name).bind(3, area.tier);
            insert.bind(4, area.parentCode).bind(5, row.hazardType).bind(6, row.level);
            bindFigures(insert, 7, row.figures);
            insert.run();
            insert.reset();
        }
    }

    QJsonObject parameters;
    parameters["working_crs"] = QString::fromStdString(result.workingCrs);
    parameters["counting_rule"] =
        "each feature once per hazard type, at the highest level of the zones it touches";
    QJsonObject summary;
    QJsonArray levels;
    for (const auto& row : result.byLevel) {
        QJsonObject o = figuresJson(row.figures);
        o["hazard_type"] = QString::fromStdString(row.hazardType);
        o["level"] = QString::fromStdString(row.level);
        levels.append(o);
    }
    summary["by_level"] = levels;
    summary["exposed_features"] = static_cast<qint64>(result.exposedFeatureCount());
    return store.logRun(
        "paparan", compactJson(parameters), compactJson(inputs), compactJson(summary));
}

} // namespace

ExposureResult
analyzeExposure(Project& project, const ExposureOptions& options, geo::AnalysisFeedback* feedback)
{
    // How the work overlaps: a reader thread reads the themes on a connection of its own while
    // this thread reads and indexes the zones; each theme is overlaid by worker threads
    // (ZoneOverlay) while its exposed features are written on a writer thread, in the
    // transaction this thread holds, as the next theme is overlaid.
    PhaseTimer timer;
    ExposureResult result;
    result.workingCrs = workingCrsOf(project);
    auto& db = project.database();
    if (feedback) {
        feedback->setProgress(0);
    }
    std::vector<const ThemeSpec*> specs;
    for (const auto& spec : themeSpecs) {
        if (options.themes.empty() ||
            std::find(options.themes.begin(), options.themes.end(), spec.table) !=
                options.themes.end()) {
            specs.push_back(&spec);
        }
    }
    // Reading on the caller's connection (inside its open transaction) keeps to this thread.
    const bool ownThreads = !db.inTransaction() && !project.path().empty();
    ThemeReader reader(project, specs, ownThreads);

    // Zones: one group per hazard type (sorted by name), levels rendah..tinggi as 1..3.
    Aggregator aggregator;
    std::vector<geo::OverlayZone> zones;
    std::vector<std::int64_t> zoneFid;
    {
        // One pass: the hazard types (of every row, as SELECT DISTINCT would give them) and
        // the zones with a geometry; groups are numbered once the types are known.
        struct Pending
        {
            geo::OverlayZone zone;
            std::int64_t fid;
            std::string type; ///< "" for NULL, as the lookup always had it
            std::string level;
        };
        std::set<std::string, std::less<>> types;
        std::vector<Pending> pending;
        GeometryReader geometries(db, "zona_bahaya");
        auto statement =
            db.prepare("SELECT fid, jenis_bahaya, tingkat, geom FROM zona_bahaya ORDER BY fid");
        while (statement.step()) {
            if (!statement.isNull(1)) {
                types.emplace(statement.textView(1));
            }
            const auto blob = statement.blobView(3);
            if (blob.empty() && statement.isNull(3)) {
                continue;
            }
            ++result.zones;
            std::string level = statement.text(2);
            const int rank = hazardLevelRank(level);
            if (rank == 0) {
                ++result.unknownLevels[level];
                continue;
            }
            const std::int64_t fid = statement.integer(0);
            pending.push_back(
                {{geometries.wkb(blob, fid), 0, rank}, fid, statement.text(1), std::move(level)});
        }
        aggregator.hazardTypes.assign(types.begin(), types.end()); // sorted as ORDER BY
        for (auto& p : pending) {
            const auto group = types.find(p.type);
            if (group == types.end()) {
                ++result.unknownLevels[p.level];
                continue;
            }
            p.zone.group = static_cast<int>(std::distance(types.begin(), group));
            zones.push_back(std::move(p.zone));
            zoneFid.push_back(p.fid);
        }
    }
    const ReportingAreas areas = readReportingAreas(project);
    result.areas = areas.areas;
    result.hazardTypes = aggregator.hazardTypes;
    aggregator.reportingAreas = &result.areas;
    aggregator.start();
    geo::throwIfCanceled(feedback);
    timer.mark("read zones and areas");

    // The result transaction, and the writer of the feature rows (destroyed first: it stops
    // before the transaction rolls back on a failure).
    std::optional<geo::Transaction> transaction;
    std::optional<ResultStore> store;
    std::optional<FeatureWriter> writer;
    if (options.writeResults) {
        transaction.emplace(db);
        store.emplace(project);
        store->createTable("hasil_paparan_fitur", featureColumns());
        writer.emplace(db, result, ownThreads);
        timer.mark("start writing");
    }

    const geo::ZoneOverlay overlay(
        zones,
        areas.regions,
        {"EPSG:4326", result.workingCrs},
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    timer.mark("index zones");
    result.zonesUsed = static_cast<std::int64_t>(zones.size() - overlay.zoneProblems().size());
    std::vector<bool> zoneUsable(zones.size(), true);
    for (const auto& problem : overlay.zoneProblems()) {
        zoneUsable[problem.feature] = false;
        result.problems.push_back("zona_bahaya #" + std::to_string(zoneFid[problem.feature]) +
                                  ": " + problem.reason);
    }
    for (std::size_t z = 0; z < zones.size(); ++z) {
        if (zoneUsable[z]) {
            ++aggregator.levels[static_cast<std::size_t>(zones[z].group)][zones[z].level].zones;
        }
    }
    for (const auto& touch : overlay.zonesPerRegion(feedback)) {
        aggregator.area(touch.region, touch.group, touch.level).zones = touch.zones;
    }
    timer.mark("zones per area");

    QJsonObject inputs;
    inputs["zona_bahaya"] = static_cast<qint64>(result.zones);
    inputs["wilayah"] = static_cast<qint64>(result.areas.size());
    std::vector<std::shared_ptr<FeatureBatch>> batches;
    double step = 0;
    for (std::size_t t = 0; t < specs.size(); ++t) {
        const ThemeSpec& spec = *specs[t];
        qint64 rowCount = 0;
        for (bool last = false; !last;) {
            const ThemeRows rows = reader.next();
            last = rows.lastOfTheme;
            rowCount += static_cast<qint64>(rows.fid.size());
            timer.mark((std::string("wait for ") + spec.table).c_str());
            geo::throwIfCanceled(feedback);
            auto batch = std::make_shared<FeatureBatch>();
            const auto pointResult = overlay.overlayPoints(rows.points, feedback);
            aggregator.add(spec, rows, pointResult, rows.pointRow, true, batch->features);
            // Roads count in km only: their length outside the zones is never needed.
            const auto geometryResult = overlay.overlayGeometries(
                rows.geometries,
                feedback,
                spec.kind == Kind::Road ? geo::ZoneOverlay::LineMeasure::ExposedOnly
                                        : geo::ZoneOverlay::LineMeasure::Shares);
            aggregator.add(spec, rows, geometryResult, rows.geometryRow, false, batch->features);
            for (const auto& name : aggregator.categories) {
                batch->categories.emplace_back(name);
            }
            if (writer) {
                writer->add(batch);
            }
            batches.push_back(std::move(batch));
            timer.mark((std::string("overlay ") + spec.table).c_str());
            for (const auto* list : {&pointResult.problems, &geometryResult.problems}) {
                const auto& rowOf =
                    list == &pointResult.problems ? rows.pointRow : rows.geometryRow;
                for (const auto& problem : *list) {
                    result.problems.push_back(std::string(spec.table) + " #" +
                                              std::to_string(rows.fid[rowOf[problem.feature]]) +
                                              ": " + problem.reason);
                }
            }
        }
        inputs[spec.table] = rowCount;
        if (feedback) {
            feedback->setProgress(90.0 * ++step / static_cast<double>(std::size(themeSpecs)));
        }
    }

    for (std::size_t g = 0; g < aggregator.hazardTypes.size(); ++g) {
        for (int level = 1; level <= 3; ++level) {
            result.byLevel.push_back(
                {aggregator.hazardTypes[g],
                 hazardLevelCode(level),
                 aggregator.levels[g][level].toFigures(aggregator.categories)});
        }
    }
    // By area, then hazard type, then level: the order of the slots.
    const std::size_t groups = aggregator.hazardTypes.size();
    for (std::size_t slot = 0; slot < aggregator.areaSlots.size(); ++slot) {
        if (aggregator.areaSlots[slot] < 0) {
            continue;
        }
        ExposureFigures figures =
            aggregator.areaTallies[static_cast<std::size_t>(aggregator.areaSlots[slot])].toFigures(
                aggregator.categories);
        if (figures.isEmpty()) {
            continue;
        }
        const std::size_t level = slot % 4;
        const std::size_t group = (slot / 4) % groups;
        result.byArea.push_back({slot / 4 / groups,
                                 aggregator.hazardTypes[group],
                                 hazardLevelCode(static_cast<int>(level)),
                                 std::move(figures)});
    }
    result.categories.assign(aggregator.categories.begin(), aggregator.categories.end());
    timer.mark("sum up");
    if (writer) {
        writer->finish();
        timer.mark("wait for feature rows");
    }
    // The writer is done with the batches: their features move to the result.
    for (auto& batch : batches) {
        result.featureChunks.push_back(std::move(batch->features));
    }
    batches.clear();
    if (writer) {
        geo::throwIfCanceled(feedback);
        result.logId = writeSummaries(project, *store, result, inputs);
        timer.mark("summaries and log");
        transaction->commit();
        timer.mark("commit");
    }
    if (feedback) {
        feedback->setProgress(100);
    }
    return result;
}

} // namespace layers
