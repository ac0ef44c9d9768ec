#include "app/cli/analysis_output.h"
#include "app/cli/commands.h"
#include "layers/analysis/damage_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <iostream>

namespace app::cli {

using layers::arg;
using layers::tr;
using namespace output;

namespace {

QJsonObject countsJson(const layers::DamageCounts& c)
{
    QJsonObject o;
    o["records"] = static_cast<qint64>(c.records);
    o["ringan"] = static_cast<qint64>(c.minor);
    o["sedang"] = static_cast<qint64>(c.moderate);
    o["berat"] = static_cast<qint64>(c.severe);
    o["other_level"] = static_cast<qint64>(c.other);
    o["affected"] = static_cast<qint64>(c.affected);
    o["displaced"] = static_cast<qint64>(c.displaced);
    return o;
}

void villageJson(QJsonObject& o, const layers::DamageResult& result, int area)
{
    if (area >= 0) {
        const auto& a = result.areas[static_cast<std::size_t>(area)];
        o["village_code"] = q(a.code);
        o["village"] = q(a.name);
    } else {
        o["village_code"] = QJsonValue();
        o["village"] = QJsonValue();
    }
}

void categoryJson(QJsonObject& o, const layers::DamageRow& row)
{
    o["category"] =
        row.kind == layers::DamageCategoryKind::Category ? q(row.category) : QJsonValue();
    o["asset_linked"] = row.kind == layers::DamageCategoryKind::Category ||
                        row.kind == layers::DamageCategoryKind::NoCategory;
    o["label"] = q(layers::damageCategoryLabel(row));
}

std::string countsText(const layers::DamageCounts& c)
{
    return arg(tr("%1 catatan (ringan %2, sedang %3, berat %4%5), %6 terdampak, %7 mengungsi",
                  "%1 records (minor %2, moderate %3, severe %4%5), %6 affected, %7 displaced"),
               {formatNumber(static_cast<double>(c.records)),
                formatNumber(static_cast<double>(c.minor)),
                formatNumber(static_cast<double>(c.moderate)),
                formatNumber(static_cast<double>(c.severe)),
                c.other ? arg(tr(", lainnya %1", ", other %1"),
                              {formatNumber(static_cast<double>(c.other))})
                        : std::string(),
                formatNumber(static_cast<double>(c.affected)),
                formatNumber(static_cast<double>(c.displaced))});
}

} // namespace

int runDamage(const std::vector<std::string>& arguments)
{
    const std::string usage =
        tr("Pemakaian: petadesa-cli analyze damage PROYEK.sqlite [--event NAMA] [--json]\n"
           "           [--csv LAPORAN.csv]\n"
           "\n"
           "Kaji cepat kerusakan: ringkasan catatan tema kerusakan per desa/kelurahan dan per\n"
           "kategori aset (aset_uuid → aset_desa.kategori; catatan tanpa aset masuk \"tanpa\n"
           "aset\"): jumlah per tingkat kerusakan (ringan/sedang/berat), orang terdampak dan\n"
           "mengungsi. Desa sebuah catatan: kode_desa bila cocok, selain itu letak titiknya.\n"
           "Catatan dari ODK/KoboToolbox masuk dengan 'petadesa-cli import PROYEK BERKAS.csv\n"
           "--theme kerusakan'. Hasil ke tabel hasil_kerusakan_desa dan hasil_kerusakan_kategori.\n"
           "  --event NAMA     hanya satu kejadian (nilai kolom kejadian)\n"
           "  --csv BERKAS     tulis laporan CSV per desa dan kategori\n"
           "  --json           keluaran JSON\n",
           "Usage: petadesa-cli analyze damage PROJECT.sqlite [--event NAME] [--json]\n"
           "           [--csv REPORT.csv]\n"
           "\n"
           "Rapid damage records: a summary of the kerusakan theme per village and per asset\n"
           "category (aset_uuid → aset_desa.kategori; records without an asset count under \"no\n"
           "asset\"): records per damage level (ringan/sedang/berat), people affected and\n"
           "displaced. A record's village is its kode_desa when that matches, else where its\n"
           "point lies. ODK/KoboToolbox records come in with 'petadesa-cli import PROJECT\n"
           "FILE.csv --theme kerusakan'. Results go to hasil_kerusakan_desa and\n"
           "hasil_kerusakan_kategori.\n"
           "  --event NAME     one event only (a value of the kejadian column)\n"
           "  --csv FILE       write a CSV report per village and category\n"
           "  --json           JSON output\n");
    return guarded(usage, [&] {
        Arguments args(arguments, {"event", "csv"}, {"json"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        const std::string path = projectArgument(args);
        layers::Project project(path);
        layers::DamageOptions options;
        options.event = args.value("event");
        ConsoleProgress progress(tr("Meringkas kerusakan", "Summarizing damage"));
        const auto result = layers::summarizeDamage(project, options, &progress);
        const std::string csv = args.value("csv");
        if (!csv.empty()) {
            layers::writeDamageCsv(result, csv);
        }

        if (args.has("json")) {
            QJsonObject object;
            object["project"] = q(project.path());
            object["event"] = result.event.empty() ? QJsonValue() : q(result.event);
            QJsonObject events;
            for (const auto& [name, count] : result.events) {
                events[q(name)] = static_cast<qint64>(count);
            }
            object["events"] = events;
            object["total"] = countsJson(result.total);
            QJsonArray villages;
            for (const auto& row : result.byVillage) {
                QJsonObject o = countsJson(row.counts);
                villageJson(o, result, row.area);
                villages.append(o);
            }
            object["by_village"] = villages;
            QJsonArray categories;
            for (const auto& row : result.byCategory) {
                QJsonObject o = countsJson(row.counts);
                categoryJson(o, row);
                categories.append(o);
            }
            object["by_category"] = categories;
            QJsonArray both;
            for (const auto& row : result.byVillageCategory) {
                QJsonObject o = countsJson(row.counts);
                villageJson(o, result, row.area);
                categoryJson(o, row);
                both.append(o);
            }
            object["by_village_category"] = both;
            object["located_by_point"] = static_cast<qint64>(result.locatedByPoint);
            object["csv"] = csv.empty() ? QJsonValue() : q(csv);
            object["result_tables"] =
                QJsonArray{"hasil_kerusakan_desa", "hasil_kerusakan_kategori"};
            object["log_id"] = static_cast<qint64>(result.logId);
            printJson(object);
            return int(Success);
        }

        std::cout << tr("Kaji cepat kerusakan: ", "Rapid damage assessment: ") << project.name()
                  << "\n";
        std::cout << tr("Kejadian: ", "Event: ")
                  << (result.event.empty() ? tr("semua", "all") : result.event) << "\n";
        if (result.event.empty() && result.events.size() > 1) {
            for (const auto& [name, count] : result.events) {
                std::cout << "  " << name << ": " << formatNumber(static_cast<double>(count))
                          << "\n";
            }
        }
        std::cout << tr("Jumlah: ", "Total: ") << countsText(result.total) << "\n\n";
        std::cout << tr("Per desa/kelurahan:\n", "Per village:\n");
        for (const auto& row : result.byVillage) {
            const std::string name = row.area >= 0
                                         ? result.areas[static_cast<std::size_t>(row.area)].name
                                         : tr("(di luar desa)", "(outside the villages)");
            std::cout << "  " << name << ": " << countsText(row.counts) << "\n";
        }
        std::cout << "\n" << tr("Per kategori aset:\n", "Per asset category:\n");
        for (const auto& row : result.byCategory) {
            std::cout << "  " << layers::damageCategoryLabel(row) << ": " << countsText(row.counts)
                      << "\n";
        }
        if (!csv.empty()) {
            std::cout << "\n" << tr("Laporan CSV: ", "CSV report: ") << csv << "\n";
        }
        std::cout << tr("Hasil: hasil_kerusakan_desa, hasil_kerusakan_kategori.\n",
                        "Results: hasil_kerusakan_desa, hasil_kerusakan_kategori.\n");
        return int(Success);
    });
}

} // namespace app::cli
