#include "app/cli/analysis_output.h"
#include "app/cli/commands.h"
#include "layers/analysis/potential_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace app::cli {

using layers::arg;
using layers::tr;
using namespace output;

namespace {

/// JSON key of a category code: "" (no category) becomes "tanpa_kategori".
QString categoryKey(const std::string& code)
{
    return code.empty() ? QStringLiteral("tanpa_kategori") : q(code);
}

QJsonObject potentialJson(const layers::PotentialFigures& f)
{
    QJsonObject o;
    o["count"] = static_cast<qint64>(f.count);
    o["area_ha"] = f.areaHa;
    o["value_rp"] = f.valueRp;
    QJsonObject production;
    for (const auto& [unit, amount] : f.production) {
        production[unit.empty() ? QStringLiteral("tanpa_satuan") : q(unit)] = amount;
    }
    o["production"] = production;
    o["value_share"] = f.valueShare;
    o["count_share"] = f.countShare;
    return o;
}

QJsonObject bumdesJson(const layers::BumdesFigures& f)
{
    QJsonObject o;
    o["units"] = static_cast<qint64>(f.units);
    o["capital_rp"] = f.capitalRp;
    o["turnover_rp"] = f.turnoverRp;
    o["workers"] = static_cast<qint64>(f.workers);
    return o;
}

QJsonObject assetJson(const layers::AssetFigures& f)
{
    QJsonObject o;
    o["count"] = static_cast<qint64>(f.count);
    o["value_rp"] = f.valueRp;
    return o;
}

QJsonObject resultJson(layers::Project& project, const layers::PotentialResult& result)
{
    QJsonObject object;
    object["project"] = q(project.path());
    object["working_crs"] = q(result.workingCrs);
    object["by"] = q(result.by);
    object["score_formula"] = QString::fromUtf8(layers::potentialScoreFormula());
    QJsonArray categories;
    QJsonObject labels;
    for (const auto& code : result.categories) {
        categories.append(categoryKey(code));
        labels[categoryKey(code)] = q(layers::potentialCategoryLabel(project, code));
    }
    object["categories"] = categories;
    object["category_labels"] = labels;
    QJsonArray villages;
    for (const auto& v : result.villages) {
        QJsonObject o;
        o["kode"] = q(v.code);
        o["nama"] = q(v.name);
        o["tingkat"] = q(v.tier);
        o["kode_induk"] = q(v.parentCode);
        o["area_ha"] = v.areaHa;
        QJsonObject cats;
        for (const auto& [code, f] : v.categories) {
            cats[categoryKey(code)] = potentialJson(f);
        }
        o["categories"] = cats;
        o["total"] = potentialJson(v.total);
        QJsonArray leading;
        for (const auto& code : v.leadingCategories) {
            leading.append(q(code));
        }
        o["leading_categories"] = leading;
        o["potential_per_km2"] = v.potentialPerKm2;
        o["value_per_km2"] = v.valuePerKm2;
        QJsonArray units;
        for (const auto index : v.bumdesUnits) {
            const auto& u = result.bumdesUnits[index];
            QJsonObject unit;
            unit["fid"] = static_cast<qint64>(u.fid);
            unit["uuid"] = q(u.uuid);
            unit["nama_bumdes"] = q(u.bumdesName);
            unit["nama_unit"] = q(u.unitName);
            unit["jenis_usaha"] = q(u.type);
            unit["sektor"] = q(u.sector);
            unit["status"] = q(u.status);
            unit["capital_rp"] = u.capitalRp;
            unit["turnover_rp"] = u.turnoverRp;
            unit["workers"] = static_cast<qint64>(u.workers);
            units.append(unit);
        }
        o["bumdes_units"] = units;
        o["bumdes"] = bumdesJson(v.bumdes);
        QJsonObject byType, bySector;
        for (const auto& [type, f] : v.bumdesByType) {
            byType[type.empty() ? QStringLiteral("tanpa_jenis") : q(type)] = bumdesJson(f);
        }
        for (const auto& [sector, f] : v.bumdesBySector) {
            bySector[sector.empty() ? QStringLiteral("tanpa_sektor") : q(sector)] = bumdesJson(f);
        }
        o["bumdes_by_type"] = byType;
        o["bumdes_by_sector"] = bySector;
        o["assets"] = assetJson(v.assets);
        QJsonObject assets;
        for (const auto& [category, f] : v.assetsByCategory) {
            assets[category.empty() ? QStringLiteral("tanpa_kategori") : q(category)] =
                assetJson(f);
        }
        o["assets_by_category"] = assets;
        QJsonArray risk;
        for (const auto& r : v.atRisk) {
            QJsonObject entry;
            entry["hazard_type"] = q(r.hazardType);
            entry["level"] = q(r.level);
            entry["category"] = categoryKey(r.category);
            entry["count"] = static_cast<qint64>(r.count);
            entry["area_ha"] = r.areaHa;
            entry["value_rp"] = r.valueRp;
            risk.append(entry);
        }
        o["potential_at_risk"] = risk;
        o["score"] = v.score;
        QJsonObject parts;
        parts["V"] = v.scoreValue;
        parts["N"] = v.scoreDensity;
        parts["K"] = v.scoreDiversity;
        o["score_parts"] = parts;
        o["rank"] = v.rank;
        o["rank_of"] = v.groupSize;
        villages.append(o);
    }
    object["villages"] = villages;
    object["outside_villages"] = potentialJson(result.outside);
    object["potential_features"] = static_cast<qint64>(result.potentials);
    object["assets"] = static_cast<qint64>(result.assets);
    object["assets_outside_villages"] = static_cast<qint64>(result.assetsOutside);
    object["bumdes_units"] = static_cast<qint64>(result.bumdesUnits.size());
    object["bumdes_outside_villages"] = static_cast<qint64>(result.bumdesOutside);
    object["potential_at_risk_computed"] = result.riskComputed;
    QJsonArray problems;
    for (const auto& problem : result.problems) {
        problems.append(q(problem));
    }
    object["problems"] = problems;
    QJsonArray tables;
    for (const auto& table : result.resultTables) {
        tables.append(q(table));
    }
    object["result_tables"] = tables;
    object["log_id"] = static_cast<qint64>(result.logId);
    return object;
}

void printText(layers::Project& project, const layers::PotentialResult& result)
{
    std::cout << tr("Potensi ekonomi: ", "Economic potential: ") << project.name() << "\n";
    std::cout << arg(tr("%1 fitur potensi, %2 unit BUM Desa, %3 aset; per %4 (%5 wilayah). "
                        "CRS ukur: %6\n",
                        "%1 potential features, %2 BUM Desa units, %3 assets; per %4 (%5 areas). "
                        "Measured in: %6\n"),
                     {formatNumber(static_cast<double>(result.potentials)),
                      formatNumber(static_cast<double>(result.bumdesUnits.size())),
                      formatNumber(static_cast<double>(result.assets)),
                      result.by,
                      formatNumber(static_cast<double>(result.villages.size())),
                      result.workingCrs});
    std::vector<const layers::VillageProfile*> order;
    for (const auto& v : result.villages) {
        order.push_back(&v);
    }
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
        return a->parentCode != b->parentCode ? a->parentCode < b->parentCode : a->rank < b->rank;
    });
    char line[512];
    std::snprintf(line,
                  sizeof line,
                  "\n  %-4s %6s  %-24s %-16s %8s %10s %18s %8s %6s  %s\n",
                  tr("prk", "rank"),
                  tr("skor", "score"),
                  tr("wilayah", "area"),
                  tr("kode", "code"),
                  tr("potensi", "potential"),
                  tr("luas (ha)", "area (ha)"),
                  tr("nilai (Rp)", "value (Rp)"),
                  tr("per km²", "per km²"),
                  "BUMDes",
                  tr("kategori unggulan", "leading categories"));
    std::cout << line;
    std::string parent = "\x01";
    for (const auto* v : order) {
        if (v->parentCode != parent) {
            parent = v->parentCode;
            std::cout << "  " << tr("induk ", "parent ")
                      << (parent.empty() ? std::string(tr("(tanpa kode)", "(no code)")) : parent)
                      << ":\n";
        }
        std::string leading;
        for (const auto& code : v->leadingCategories) {
            const auto it = v->categories.find(code);
            const double share = it == v->categories.end() ? 0.0
                                 : v->total.valueRp > 0    ? it->second.valueShare
                                                           : it->second.countShare;
            leading +=
                (leading.empty() ? "" : ", ") + code + " " + formatNumber(100.0 * share, 0) + "%";
        }
        std::snprintf(line,
                      sizeof line,
                      "  %-4d %6s  %-24.24s %-16s %8s %10s %18s %8s %6s  %s\n",
                      v->rank,
                      formatNumber(v->score, 1).c_str(),
                      v->name.c_str(),
                      v->code.c_str(),
                      formatNumber(static_cast<double>(v->total.count)).c_str(),
                      formatNumber(v->total.areaHa, 1).c_str(),
                      formatNumber(v->total.valueRp).c_str(),
                      formatNumber(v->potentialPerKm2, 1).c_str(),
                      formatNumber(static_cast<double>(v->bumdes.units)).c_str(),
                      leading.c_str());
        std::cout << line;
    }
    std::cout << "\n" << layers::potentialScoreFormula() << "\n";
    std::cout << tr("Bagian kategori unggulan: dari nilai Rp (atau dari jumlah fitur bila desa "
                    "tanpa nilai).\n",
                    "Shares of the leading categories: of the value in Rp (of the feature count "
                    "when the village has no value).\n");
    if (result.outside.count > 0 || result.assetsOutside > 0 || result.bumdesOutside > 0) {
        std::cout << arg(tr("Di luar semua wilayah: %1 potensi, %2 aset, %3 unit BUM Desa.\n",
                            "Outside every area: %1 potential, %2 assets, %3 BUM Desa units.\n"),
                         {formatNumber(static_cast<double>(result.outside.count)),
                          formatNumber(static_cast<double>(result.assetsOutside)),
                          formatNumber(static_cast<double>(result.bumdesOutside))});
    }
    if (!result.problems.empty()) {
        std::cout << arg(
            tr("%1 fitur dilewati karena geometrinya rusak, mis.: %2\n",
               "%1 features left out for a broken geometry, e.g.: %2\n"),
            {formatNumber(static_cast<double>(result.problems.size())), result.problems.front()});
    }
    std::string tables;
    for (const auto& table : result.resultTables) {
        tables += (tables.empty() ? "" : ", ") + table;
    }
    std::cout << tr("Hasil: ", "Results: ") << tables << ".\n";
}

} // namespace

int runPotential(const std::vector<std::string>& arguments)
{
    const std::string usage =
        tr("Pemakaian: petadesa-cli analyze potential PROYEK.sqlite [--by desa|dusun]\n"
           "           [--no-risk] [--json]\n"
           "\n"
           "Profil potensi ekonomi per desa/kelurahan (atau per dusun): potensi per kategori\n"
           "(jumlah, luas ha terpotong batas desa, produksi, nilai Rp, bagian), unit BUM Desa\n"
           "per jenis usaha dan sektor (modal, omzet, tenaga kerja), aset per kategori, kategori\n"
           "unggulan, kepadatan per km², potensi berisiko per jenis dan tingkat bahaya, dan skor\n"
           "yang memeringkat desa dalam kecamatannya (rumus dicetak bersama hasil).\n"
           "Hasil ditulis ke tabel hasil_potensi_profil (peta), hasil_potensi_kategori,\n"
           "hasil_potensi_produksi, hasil_potensi_bumdes, hasil_potensi_aset dan\n"
           "hasil_potensi_berisiko, dengan catatan di analisis_log.\n"
           "  --by desa|dusun  tingkat wilayah (bawaan: desa)\n"
           "  --no-risk        tanpa tumpang-susun dengan zona bahaya\n"
           "  --json           keluaran JSON (villages: kode, nama, categories, bumdes_units,\n"
           "                   score, ...)\n",
           "Usage: petadesa-cli analyze potential PROJECT.sqlite [--by desa|dusun]\n"
           "           [--no-risk] [--json]\n"
           "\n"
           "Economic potential profile per village (desa/kelurahan) or sub-village (dusun):\n"
           "potential by category (count, area in ha clipped to the village, production, value\n"
           "in Rp, shares), BUM Desa units by business type and sector (capital, turnover,\n"
           "workers), assets by category, leading categories, density per km², potential at\n"
           "risk per hazard type and level, and a score ranking the villages of each kecamatan\n"
           "(the formula is printed with the results).\n"
           "Results go to the tables hasil_potensi_profil (a map layer), hasil_potensi_kategori,\n"
           "hasil_potensi_produksi, hasil_potensi_bumdes, hasil_potensi_aset and\n"
           "hasil_potensi_berisiko, with a record in analisis_log.\n"
           "  --by desa|dusun  area level (default: desa)\n"
           "  --no-risk        no overlay with the hazard zones\n"
           "  --json           JSON output (villages: kode, nama, categories, bumdes_units,\n"
           "                   score, ...)\n");
    return guarded(usage, [&] {
        Arguments args(arguments, {"by"}, {"json", "no-risk"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        const std::string path = projectArgument(args);
        layers::PotentialOptions options;
        const std::string by = args.value("by", "desa");
        if (by == "dusun") {
            options.by = layers::PotentialOptions::By::Dusun;
        } else if (by != "desa" && by != "kelurahan") {
            throw UsageProblem{arg(tr("--by harus desa atau dusun, bukan '%1'.",
                                      "--by must be desa or dusun, not '%1'."),
                                   {by})};
        }
        options.includeRisk = !args.has("no-risk");
        layers::Project project(path);
        ConsoleProgress progress(tr("Menghitung potensi", "Computing potential"));
        const auto result = layers::analyzePotential(project, options, &progress);
        if (args.has("json")) {
            printJson(resultJson(project, result));
        } else {
            printText(project, result);
        }
        return int(Success);
    });
}

} // namespace app::cli
