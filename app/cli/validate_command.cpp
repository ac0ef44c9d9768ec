#include "app/cli/analysis_output.h"
#include "app/cli/commands.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/theme.h"
#include "layers/validation.h"

#include <QJsonArray>
#include <QJsonObject>

#include <iostream>
#include <map>
#include <sstream>

namespace app::cli {

using layers::arg;
using layers::tr;
using namespace output;

namespace {

QJsonObject issueJson(const layers::Issue& issue)
{
    QJsonObject o;
    o["theme"] = q(issue.theme);
    o["fid"] = static_cast<qint64>(issue.fid);
    o["id"] = q(issue.uuid);
    o["name"] = issue.name.empty() ? QJsonValue() : q(issue.name);
    o["severity"] = q(layers::issueSeverityCode(issue.severity));
    o["kind"] = q(layers::issueKindCode(issue.kind));
    o["column"] = issue.column.empty() ? QJsonValue() : q(issue.column);
    o["value"] = issue.value.empty() ? QJsonValue() : q(issue.value);
    o["reason"] = q(issue.reason);
    o["suggestion"] = q(issue.suggestion);
    o["fixable"] = issue.fixable;
    if (issue.relatedFid != 0) {
        o["related_fid"] = static_cast<qint64>(issue.relatedFid);
    }
    if (!issue.extent.isEmpty) {
        o["bbox"] =
            QJsonArray{issue.extent.minX, issue.extent.minY, issue.extent.maxX, issue.extent.maxY};
    } else {
        o["bbox"] = QJsonValue();
    }
    return o;
}

std::string featureText(const layers::Issue& issue)
{
    std::string text = issue.theme + " fid " + std::to_string(issue.fid);
    if (!issue.name.empty()) {
        text += " \"" + issue.name + "\"";
    }
    return text;
}

} // namespace

int runValidate(const std::vector<std::string>& arguments)
{
    const std::string usage =
        tr("Pemakaian: petadesa-cli validate PROYEK.sqlite [--fix] [--theme TEMA ...]\n"
           "           [--duplicate-m 2] [--max-per-kind 1000] [--json]\n"
           "\n"
           "Laporan mutu data: geometri kosong, salah jenis atau tidak valid; fitur di luar\n"
           "desa/kelurahan atau di luar desa yang disebut kode_desa-nya; duplikat (nama sama di\n"
           "tempat yang sama); kolom wajib kosong; nilai di luar kosakata; aset tanpa kode aset;\n"
           "wilayah tanpa kode Kemendagri atau dengan kode salah bentuk (pp.kk.cc.dddd); teks,\n"
           "pecahan atau angka negatif di kolom angka. Tiap butir menyebut tema, fitur, alasan\n"
           "dan saran perbaikan.\n"
           "  --fix            perbaiki yang aman (MakeValid dengan jenis tetap, buang spasi,\n"
           "                   nilai kosakata jadi kodenya, titik pada kode Kemendagri, angka\n"
           "                   yang tersimpan sebagai teks jadi angka) dalam satu transaksi,\n"
           "                   tercatat di riwayat; tidak ada yang dihapus\n"
           "  --theme TEMA     hanya tema ini (boleh diulang)\n"
           "  --duplicate-m M  jarak terjauh dua fitur yang dianggap di tempat yang sama (2)\n"
           "  --max-per-kind N paling banyak N butir per tema dan jenis masalah, sisanya dihitung\n"
           "                   saja (1000; 0 = semua)\n"
           "  --json           keluaran JSON\n"
           "Kode keluar: 0 tanpa galat (peringatan boleh), 2 bila masih ada galat.\n",
           "Usage: petadesa-cli validate PROJECT.sqlite [--fix] [--theme THEME ...]\n"
           "           [--duplicate-m 2] [--max-per-kind 1000] [--json]\n"
           "\n"
           "Data-quality report: empty, wrong-type or invalid geometries; features outside every\n"
           "village or outside the village their kode_desa names; duplicates (same name at the\n"
           "same place); empty required columns; values outside the vocabularies; assets without\n"
           "an asset code; areas without a Kemendagri code or with a malformed one\n"
           "(pp.kk.cc.dddd); text, fractions or negative numbers in numeric columns. Each item\n"
           "names the theme, the feature, the reason and a fix.\n"
           "  --fix            repair what is safe (MakeValid keeping the type, trim spaces,\n"
           "                   vocabulary values to their code, dots in Kemendagri codes, numbers\n"
           "                   stored as text written as numbers) in one transaction, recorded\n"
           "                   in the history; nothing is deleted\n"
           "  --theme THEME    only this theme (repeatable)\n"
           "  --duplicate-m M  the farthest two features count as at the same place (2)\n"
           "  --max-per-kind N at most N items per theme and kind of problem, the rest only\n"
           "                   counted (1000; 0 = all)\n"
           "  --json           JSON output\n"
           "Exit code: 0 without errors (warnings allowed), 2 when errors remain.\n");
    return guarded(usage, [&] {
        Arguments args(arguments, {"theme", "duplicate-m", "max-per-kind"}, {"fix", "json"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        const std::string path = projectArgument(args);
        layers::ValidationOptions options;
        options.themes = args.values("theme");
        for (const auto& theme : options.themes) {
            if (!layers::findTheme(theme)) {
                throw UsageProblem{
                    arg(tr("Tema '%1' tidak dikenal (%2).", "Unknown theme '%1' (%2)."),
                        {theme, layers::themeNames()})};
            }
        }
        options.duplicateToleranceM = numberOption(args, "duplicate-m", 2.0, 0.0);
        options.maxIssuesPerKind =
            static_cast<std::size_t>(numberOption(args, "max-per-kind", 1000.0, 0.0));
        layers::Project project(path);
        ConsoleProgress progress(tr("Memeriksa data", "Checking the data"));
        auto report = layers::validateProject(project, options, &progress);
        std::vector<layers::FixChange> changes;
        if (args.has("fix")) {
            // Every fixable item, also those past the limit of the report.
            layers::ValidationOptions all = options;
            all.maxIssuesPerKind = 0;
            const auto full =
                report.omitted > 0 ? layers::validateProject(project, all, &progress) : report;
            changes = layers::fixIssues(project, full.issues, layers::Project::defaultAuthor());
            if (!changes.empty()) {
                report = layers::validateProject(project, options, &progress);
            }
        }
        const int exitCode = report.errors > 0 ? int(BadInput) : int(Success);

        if (args.has("json")) {
            QJsonObject object;
            object["project"] = q(project.path());
            QJsonObject checked;
            for (const auto& [theme, count] : report.featuresChecked) {
                checked[q(theme)] = static_cast<qint64>(count);
            }
            object["features_checked"] = checked;
            object["errors"] = static_cast<qint64>(report.errors);
            object["warnings"] = static_cast<qint64>(report.warnings);
            object["fixable"] = static_cast<qint64>(report.fixable);
            object["omitted"] = static_cast<qint64>(report.omitted);
            QJsonArray counts;
            for (const auto& [key, count] : report.counts) {
                QJsonObject o;
                o["theme"] = q(key.first);
                o["kind"] = q(layers::issueKindCode(key.second));
                o["count"] = static_cast<qint64>(count);
                counts.append(o);
            }
            object["counts"] = counts;
            object["villages_available"] = report.villagesAvailable;
            QJsonArray issues;
            for (const auto& issue : report.issues) {
                issues.append(issueJson(issue));
            }
            object["issues"] = issues;
            if (args.has("fix")) {
                QJsonArray fixed;
                for (const auto& change : changes) {
                    QJsonObject o;
                    o["theme"] = q(change.theme);
                    o["fid"] = static_cast<qint64>(change.fid);
                    o["id"] = q(change.uuid);
                    o["kind"] = q(layers::issueKindCode(change.kind));
                    o["column"] = q(change.column);
                    o["old"] = q(change.oldValue);
                    o["new"] = q(change.newValue);
                    fixed.append(o);
                }
                object["fixed"] = fixed;
            }
            printJson(object);
            return exitCode;
        }

        std::cout << tr("Mutu data: ", "Data quality: ") << project.name() << "\n";
        if (!changes.empty()) {
            std::cout << arg(tr("Diperbaiki (%1 perubahan, tercatat di riwayat):\n",
                                "Fixed (%1 changes, recorded in the history):\n"),
                             {formatNumber(double(changes.size()))});
            for (const auto& change : changes) {
                std::cout << "  " << change.theme << " fid " << change.fid << " " << change.column
                          << ": ";
                if (change.column == "geom") {
                    std::cout << tr("dibuat valid (", "made valid (") << change.oldValue << ")\n";
                } else {
                    std::cout << "'" << change.oldValue << "' → '" << change.newValue << "'\n";
                }
            }
            std::cout << "\n";
        } else if (args.has("fix")) {
            std::cout << tr("Tidak ada yang bisa diperbaiki otomatis.\n\n",
                            "Nothing could be fixed automatically.\n\n");
        }
        std::string theme;
        for (const auto& issue : report.issues) {
            if (issue.theme != theme) {
                theme = issue.theme;
                std::cout << theme << ":\n";
            }
            std::cout << "  "
                      << (issue.severity == layers::IssueSeverity::Error
                              ? tr("GALAT", "ERROR")
                              : tr("peringatan", "warning"))
                      << " " << featureText(issue) << ": " << issue.reason << " "
                      << tr("Saran: ", "Suggestion: ") << issue.suggestion << "\n";
        }
        if (report.omitted > 0) {
            std::cout << arg(tr("(%1 butir lain tidak ditampilkan: paling banyak %2 per tema dan "
                                "jenis; --max-per-kind 0 untuk semua.)\n",
                                "(%1 more items not shown: at most %2 per theme and kind; "
                                "--max-per-kind 0 for all.)\n"),
                             {formatNumber(double(report.omitted)),
                              formatNumber(double(options.maxIssuesPerKind))});
        }
        if (!report.villagesAvailable) {
            std::cout << tr("Wilayah belum berisi desa/kelurahan: letak fitur tidak diperiksa.\n",
                            "wilayah holds no desa/kelurahan: positions were not checked.\n");
        }
        std::cout << arg(tr("%1 galat, %2 peringatan (%3 bisa diperbaiki dengan --fix).\n",
                            "%1 errors, %2 warnings (%3 can be fixed with --fix).\n"),
                         {formatNumber(double(report.errors)),
                          formatNumber(double(report.warnings)),
                          formatNumber(double(report.fixable))});
        return exitCode;
    });
}

} // namespace app::cli
