#include "layers/analysis/damage_analysis.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/overlay.h"
#include "geo/spatial_database.h"
#include "layers/analysis/result_store.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonObject>

#include <fstream>
#include <tuple>

namespace layers {

namespace {

void add(DamageCounts& counts,
         const std::string& level,
         std::int64_t affected,
         std::int64_t displaced)
{
    ++counts.records;
    if (level == "ringan") {
        ++counts.minor;
    } else if (level == "sedang") {
        ++counts.moderate;
    } else if (level == "berat") {
        ++counts.severe;
    } else {
        ++counts.other;
    }
    counts.affected += affected;
    counts.displaced += displaced;
}

const char* kindCode(DamageCategoryKind kind)
{
    switch (kind) {
    case DamageCategoryKind::Category:
        return "kategori";
    case DamageCategoryKind::NoCategory:
        return "tanpa kategori";
    case DamageCategoryKind::NoAsset:
        return "tanpa aset";
    case DamageCategoryKind::AssetNotFound:
        return "aset tidak ditemukan";
    }
    return "";
}

long long writeResults(Project& project, const DamageOptions& options, const DamageResult& result)
{
    auto& db = project.database();
    geo::Transaction transaction(db);
    ResultStore store(project);
    const std::vector<ResultColumn> counts = {{"catatan", "INTEGER"},
                                              {"ringan", "INTEGER"},
                                              {"sedang", "INTEGER"},
                                              {"berat", "INTEGER"},
                                              {"lainnya", "INTEGER"},
                                              {"terdampak", "INTEGER"},
                                              {"mengungsi", "INTEGER"}};
    auto bindCounts = [](geo::Statement& insert, int index, const DamageCounts& c) {
        for (const std::int64_t value :
             {c.records, c.minor, c.moderate, c.severe, c.other, c.affected, c.displaced}) {
            insert.bind(index++, value);
        }
    };
    std::vector<ResultColumn> villageColumns = {
        {"kejadian", "TEXT"}, {"kode_wilayah", "TEXT"}, {"nama_wilayah", "TEXT"}};
    villageColumns.insert(villageColumns.end(), counts.begin(), counts.end());
    store.createTable("hasil_kerusakan_desa", villageColumns);
    auto village = db.prepare("INSERT INTO hasil_kerusakan_desa (kejadian, kode_wilayah, "
                              "nama_wilayah, catatan, ringan, sedang, berat, lainnya, terdampak, "
                              "mengungsi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& row : result.byVillage) {
        if (result.event.empty()) {
            village.bindNull(1);
        } else {
            village.bind(1, result.event);
        }
        if (row.area >= 0) {
            const auto& area = result.areas[static_cast<std::size_t>(row.area)];
            village.bind(2, area.code).bind(3, area.name);
        } else {
            village.bindNull(2).bindNull(3);
        }
        bindCounts(village, 4, row.counts);
        village.run();
        village.reset();
    }
    std::vector<ResultColumn> categoryColumns = {
        {"kejadian", "TEXT"}, {"kategori", "TEXT"}, {"jenis_kategori", "TEXT"}};
    categoryColumns.insert(categoryColumns.end(), counts.begin(), counts.end());
    store.createTable("hasil_kerusakan_kategori", categoryColumns);
    auto category = db.prepare("INSERT INTO hasil_kerusakan_kategori (kejadian, kategori, "
                               "jenis_kategori, catatan, ringan, sedang, berat, lainnya, "
                               "terdampak, mengungsi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& row : result.byCategory) {
        if (result.event.empty()) {
            category.bindNull(1);
        } else {
            category.bind(1, result.event);
        }
        if (row.kind == DamageCategoryKind::Category) {
            category.bind(2, row.category);
        } else {
            category.bindNull(2);
        }
        category.bind(3, std::string(kindCode(row.kind)));
        bindCounts(category, 4, row.counts);
        category.run();
        category.reset();
    }
    QJsonObject parameters;
    parameters["event"] =
        options.event.empty() ? QJsonValue() : QString::fromStdString(options.event);
    QJsonObject inputs;
    inputs["kerusakan"] = static_cast<qint64>(result.total.records);
    QJsonObject summary;
    summary["records"] = static_cast<qint64>(result.total.records);
    summary["ringan"] = static_cast<qint64>(result.total.minor);
    summary["sedang"] = static_cast<qint64>(result.total.moderate);
    summary["berat"] = static_cast<qint64>(result.total.severe);
    summary["affected"] = static_cast<qint64>(result.total.affected);
    summary["displaced"] = static_cast<qint64>(result.total.displaced);
    const long long id = store.logRun(
        "kerusakan", compactJson(parameters), compactJson(inputs), compactJson(summary));
    transaction.commit();
    return id;
}

} // namespace

std::string damageCategoryLabel(const DamageRow& row)
{
    switch (row.kind) {
    case DamageCategoryKind::Category:
        return row.category;
    case DamageCategoryKind::NoCategory:
        return tr("(tanpa kategori)", "(no category)");
    case DamageCategoryKind::NoAsset:
        return tr("tanpa aset", "no asset");
    case DamageCategoryKind::AssetNotFound:
        return tr("aset tidak ditemukan", "asset not found");
    }
    return {};
}

DamageResult
summarizeDamage(Project& project, const DamageOptions& options, geo::AnalysisFeedback* feedback)
{
    DamageResult result;
    result.event = options.event;
    auto& db = project.database();
    {
        auto events = db.prepare("SELECT kejadian, count(*) FROM kerusakan GROUP BY kejadian "
                                 "ORDER BY kejadian");
        while (events.step()) {
            result.events[events.text(0)] = events.integer(1);
        }
    }
    if (!options.event.empty() && !result.events.count(options.event)) {
        std::string known;
        for (const auto& [name, count] : result.events) {
            known += (known.empty() ? "" : ", ") + name;
        }
        throw ProjectError(
            arg(tr("Tidak ada catatan kerusakan untuk kejadian '%1'. Kejadian "
                   "yang ada: %2",
                   "No damage records for the event '%1'. Events in the project: "
                   "%2"),
                {options.event, known.empty() ? tr("(tidak ada)", "(none)") : known}));
    }

    // Villages: by code, else by location.
    const ReportingAreas areas = readReportingAreas(project, false);
    result.areas = areas.areas;
    std::map<std::string, int> areaOfCode;
    for (std::size_t i = 0; i < areas.areas.size(); ++i) {
        if (!areas.areas[i].code.empty()) {
            areaOfCode.emplace(areas.areas[i].code, static_cast<int>(i));
        }
    }
    const geo::ZoneOverlay locator({}, areas.regions);

    std::map<int, DamageCounts> byVillage;
    std::map<std::tuple<int, std::string>, DamageCounts> byCategory; // (kind, category)
    std::map<std::tuple<int, int, std::string>, DamageCounts> byVillageCategory;
    auto records = db.prepare(
        "SELECT k.tingkat_kerusakan, coalesce(k.jumlah_terdampak, 0), "
        "coalesce(k.jumlah_mengungsi, 0), k.kode_desa, X(k.geom), Y(k.geom), k.aset_uuid, "
        "a.uuid IS NOT NULL, a.kategori FROM kerusakan AS k LEFT JOIN aset_desa AS a ON a.uuid = "
        "k.aset_uuid WHERE (?1 = '' OR k.kejadian = ?1) ORDER BY k.fid");
    records.bind(1, options.event);
    std::int64_t seen = 0;
    while (records.step()) {
        if (++seen % 256 == 0) {
            geo::throwIfCanceled(feedback);
        }
        const std::string level = records.text(0);
        const std::int64_t affected = records.integer(1);
        const std::int64_t displaced = records.integer(2);
        int area = -1;
        const auto code = areaOfCode.find(records.text(3));
        if (code != areaOfCode.end()) {
            area = code->second;
        } else if (!records.isNull(4)) {
            area = locator.regionOf(records.real(4), records.real(5), 0);
            ++result.locatedByPoint;
        }
        DamageCategoryKind kind = DamageCategoryKind::Category;
        std::string category;
        if (records.isNull(6) || records.text(6).empty()) {
            kind = DamageCategoryKind::NoAsset;
        } else if (records.integer(7) == 0) {
            kind = DamageCategoryKind::AssetNotFound;
        } else if (records.isNull(8) || records.text(8).empty()) {
            kind = DamageCategoryKind::NoCategory;
        } else {
            category = records.text(8);
        }
        add(result.total, level, affected, displaced);
        add(byVillage[area], level, affected, displaced);
        add(byCategory[{static_cast<int>(kind), category}], level, affected, displaced);
        add(byVillageCategory[{area, static_cast<int>(kind), category}],
            level,
            affected,
            displaced);
    }
    for (const auto& [area, counts] : byVillage) {
        DamageRow row;
        row.area = area;
        row.counts = counts;
        result.byVillage.push_back(row);
    }
    for (const auto& [key, counts] : byCategory) {
        DamageRow row;
        row.kind = static_cast<DamageCategoryKind>(std::get<0>(key));
        row.category = std::get<1>(key);
        row.counts = counts;
        result.byCategory.push_back(row);
    }
    for (const auto& [key, counts] : byVillageCategory) {
        DamageRow row;
        row.area = std::get<0>(key);
        row.kind = static_cast<DamageCategoryKind>(std::get<1>(key));
        row.category = std::get<2>(key);
        row.counts = counts;
        result.byVillageCategory.push_back(row);
    }
    geo::throwIfCanceled(feedback);
    if (options.writeResults) {
        result.logId = writeResults(project, options, result);
    }
    return result;
}

void writeDamageCsv(const DamageResult& result, const std::string& utf8Path)
{
    std::ofstream out(utf8Path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw ProjectError(arg(tr("Tidak dapat menulis '%1'.", "Cannot write '%1'."), {utf8Path}));
    }
    out << tr("kejadian,kode_desa,desa,kategori_aset,catatan,rusak_ringan,rusak_sedang,"
              "rusak_berat,lainnya,terdampak,mengungsi\n",
              "event,village_code,village,asset_category,records,minor,moderate,severe,other,"
              "affected,displaced\n");
    auto line = [&](const std::string& code,
                    const std::string& name,
                    const std::string& category,
                    const DamageCounts& c) {
        out << csvField(result.event) << ',' << csvField(code) << ',' << csvField(name) << ','
            << csvField(category) << ',' << c.records << ',' << c.minor << ',' << c.moderate << ','
            << c.severe << ',' << c.other << ',' << c.affected << ',' << c.displaced << '\n';
    };
    for (const auto& row : result.byVillageCategory) {
        if (row.area >= 0) {
            const auto& area = result.areas[static_cast<std::size_t>(row.area)];
            line(area.code, area.name, damageCategoryLabel(row), row.counts);
        } else {
            line("",
                 tr("(di luar desa)", "(outside the villages)"),
                 damageCategoryLabel(row),
                 row.counts);
        }
    }
    line("", tr("JUMLAH", "TOTAL"), "", result.total);
    out.flush();
    if (!out) {
        throw ProjectError(arg(tr("Tidak dapat menulis '%1'.", "Cannot write '%1'."), {utf8Path}));
    }
}

} // namespace layers
