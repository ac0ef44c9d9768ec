#include "app/cli/commands.h"

#include "app/cli/guarded.h"
#include "layers/exporter.h"
#include "layers/i18n.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "layers/theme.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

namespace app::cli {

using layers::arg;
using layers::tr;

Arguments::Arguments(const std::vector<std::string>& arguments,
                     const std::vector<std::string>& valueOptions,
                     const std::vector<std::string>& flags)
{
    auto contains = [](const std::vector<std::string>& list, const std::string& name) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& a = arguments[i];
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            std::string name = a.substr(2);
            std::string value;
            bool inlineValue = false;
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                inlineValue = true;
            }
            if (name == "help" || contains(flags, name)) {
                if (inlineValue) {
                    throw UsageProblem{
                        arg(tr("Opsi --%1 tidak menerima nilai.", "Option --%1 takes no value."),
                            {name})};
                }
                m_options.emplace_back(name, "");
            } else if (contains(valueOptions, name)) {
                if (!inlineValue) {
                    if (i + 1 >= arguments.size()) {
                        throw UsageProblem{
                            arg(tr("Opsi --%1 memerlukan nilai.", "Option --%1 needs a value."),
                                {name})};
                    }
                    value = arguments[++i];
                }
                m_options.emplace_back(name, value);
            } else {
                throw UsageProblem{
                    arg(tr("Opsi tidak dikenal: --%1", "Unknown option: --%1"), {name})};
            }
        } else {
            m_positional.push_back(a);
        }
    }
}

bool Arguments::has(const std::string& name) const
{
    return std::any_of(m_options.begin(), m_options.end(), [&](const auto& option) {
        return option.first == name;
    });
}

std::string Arguments::value(const std::string& name, const std::string& fallback) const
{
    for (auto it = m_options.rbegin(); it != m_options.rend(); ++it) {
        if (it->first == name) {
            return it->second;
        }
    }
    return fallback;
}

std::vector<std::string> Arguments::values(const std::string& name) const
{
    std::vector<std::string> list;
    for (const auto& [key, value] : m_options) {
        if (key == name) {
            list.push_back(value);
        }
    }
    return list;
}

namespace {

void printJson(const QJsonObject& object)
{
    std::cout << QJsonDocument(object).toJson(QJsonDocument::Indented).toStdString();
}

QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

std::string normalizeCrs(const std::string& crs)
{
    // "32750" -> "EPSG:32750"; "epsg:32750" -> "EPSG:32750".
    if (!crs.empty() && std::all_of(crs.begin(), crs.end(), ::isdigit)) {
        return "EPSG:" + crs;
    }
    if (crs.size() > 5 && (crs.compare(0, 5, "epsg:") == 0)) {
        return "EPSG:" + crs.substr(5);
    }
    return crs;
}

std::string formatCount(std::int64_t n)
{
    // 12345 -> 12.345 (Indonesian) or 12,345 (English).
    std::string digits = std::to_string(n < 0 ? -n : n);
    const char separator = layers::language() == layers::Language::English ? ',' : '.';
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
        digits.insert(static_cast<std::size_t>(i), 1, separator);
    }
    return (n < 0 ? "-" : "") + digits;
}

} // namespace

int runInit(const std::vector<std::string>& arguments)
{
    const char* usage = tr(
        "Pemakaian: petadesa-cli init PROYEK.sqlite [--name NAMA] [--crs EPSG:N] [--illustrative]\n"
        "\n"
        "Membuat berkas proyek SpatiaLite baru (tidak menimpa berkas yang ada).\n"
        "  --name NAMA       nama proyek (bawaan: nama berkas)\n"
        "  --crs EPSG:N      CRS kerja metrik, mis. EPSG:32750 (bawaan: zona UTM data)\n"
        "  --illustrative    tandai proyek berisi data ilustrasi\n",
        "Usage: petadesa-cli init PROJECT.sqlite [--name NAME] [--crs EPSG:N] [--illustrative]\n"
        "\n"
        "Creates a new SpatiaLite project file (never overwrites a file).\n"
        "  --name NAME       project name (default: the file name)\n"
        "  --crs EPSG:N      metric working CRS, e.g. EPSG:32750 (default: the data's UTM zone)\n"
        "  --illustrative    mark the project as holding illustrative data\n");
    return guarded(usage, [&] {
        Arguments args(arguments, {"name", "crs"}, {"illustrative"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        if (args.positional().size() != 1) {
            throw UsageProblem{tr("Sebutkan satu berkas proyek.", "Name one project file.")};
        }
        layers::CreateOptions options;
        options.name = args.value("name");
        options.workingCrs = normalizeCrs(args.value("crs"));
        options.illustrative = args.has("illustrative");
        layers::Project::create(args.positional()[0], options);
        std::cout << arg(tr("Proyek dibuat: %1\n", "Project created: %1\n"),
                         {args.positional()[0]});
        return int(Success);
    });
}

int runInfo(const std::vector<std::string>& arguments)
{
    const char* usage = tr("Pemakaian: petadesa-cli info PROYEK.sqlite [--json]\n"
                           "\n"
                           "Menampilkan nama, CRS, cakupan dan jumlah fitur per tema.\n",
                           "Usage: petadesa-cli info PROJECT.sqlite [--json]\n"
                           "\n"
                           "Shows the name, CRSs, extent and feature count per theme.\n");
    return guarded(usage, [&] {
        Arguments args(arguments, {}, {"json"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        if (args.positional().size() != 1) {
            throw UsageProblem{tr("Sebutkan satu berkas proyek.", "Name one project file.")};
        }
        layers::Project project(args.positional()[0], layers::Project::Access::ReadOnly);
        const auto extent = project.extent();
        if (args.has("json")) {
            QJsonObject object;
            object["name"] = q(project.name());
            object["file"] = q(project.path());
            object["schema_version"] = project.schemaVersion();
            object["storage_crs"] = q(project.metadata("crs_simpan"));
            object["working_crs"] = q(project.workingCrs());
            object["illustrative"] = project.isIllustrative();
            if (extent.isEmpty) {
                object["extent"] = QJsonValue(QJsonValue::Null);
            } else {
                object["extent"] = QJsonArray{extent.minX, extent.minY, extent.maxX, extent.maxY};
            }
            QJsonObject counts;
            for (const auto& theme : layers::themes()) {
                counts[q(theme.name)] = static_cast<qint64>(project.featureCount(theme.name));
            }
            object["themes"] = counts;
            printJson(object);
            return int(Success);
        }
        std::cout << tr("Proyek      : ", "Project     : ") << project.name() << "\n";
        std::cout << tr("Berkas      : ", "File        : ") << project.path() << "\n";
        std::cout << tr("CRS simpan  : ", "Storage CRS : ") << project.metadata("crs_simpan")
                  << "\n";
        std::cout << tr("CRS kerja   : ", "Working CRS : ")
                  << (project.workingCrs().empty() ? tr("(belum ditentukan)", "(not set yet)")
                                                   : project.workingCrs())
                  << "\n";
        if (!extent.isEmpty) {
            char buffer[160];
            std::snprintf(buffer,
                          sizeof buffer,
                          "%.6f %.6f — %.6f %.6f",
                          extent.minX,
                          extent.minY,
                          extent.maxX,
                          extent.maxY);
            std::cout << tr("Cakupan     : ", "Extent      : ") << buffer << "\n";
        }
        if (project.isIllustrative()) {
            std::cout << tr("Catatan     : berisi data ilustrasi (bukan data nyata)\n",
                            "Note        : holds illustrative data (not real data)\n");
        }
        std::cout << "\n";
        for (const auto& theme : layers::themes()) {
            char line[200];
            std::snprintf(line,
                          sizeof line,
                          "  %-22s %10s  %s\n",
                          theme.name.c_str(),
                          formatCount(project.featureCount(theme.name)).c_str(),
                          theme.label().c_str());
            std::cout << line;
        }
        return int(Success);
    });
}

namespace {

/// Prints progress to stderr once an import has run for more than two seconds.
class ConsoleFeedback : public layers::ImportFeedback
{
public:
    void progress(std::int64_t done, std::int64_t total) override
    {
        using namespace std::chrono;
        const auto now = steady_clock::now();
        if (now - m_start < seconds(2) || now - m_last < milliseconds(500)) {
            return;
        }
        m_last = now;
        m_printed = true;
        if (total > 0) {
            std::fprintf(
                stderr,
                "\r%s %s / %s (%d%%)",
                tr("Mengimpor", "Importing"),
                formatCount(done).c_str(),
                formatCount(total).c_str(),
                static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)));
        } else {
            std::fprintf(
                stderr, "\r%s %s", tr("Mengimpor", "Importing"), formatCount(done).c_str());
        }
        std::fflush(stderr);
    }
    void finish()
    {
        if (m_printed) {
            std::fprintf(stderr, "\n");
        }
    }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_last;
    bool m_printed = false;
};

QJsonArray issuesJson(const layers::ImportResult& result, layers::ImportIssue::Kind kind)
{
    QJsonArray list;
    for (const auto& issue : result.issues) {
        if (issue.kind != kind) {
            continue;
        }
        QJsonObject item;
        item["file"] = q(issue.file);
        item["layer"] = q(issue.layer);
        item["feature_id"] =
            issue.featureId >= 0 ? QJsonValue(static_cast<qint64>(issue.featureId)) : QJsonValue();
        item["reason"] = q(issue.reason);
        list.append(item);
    }
    return list;
}

std::pair<std::string, std::string> splitPair(const std::string& text, const char* option)
{
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw UsageProblem{arg(tr("--%1 memerlukan bentuk kolom=nilai, bukan '%2'.",
                                  "--%1 needs the form column=value, not '%2'."),
                               {option, text})};
    }
    return {text.substr(0, eq), text.substr(eq + 1)};
}

} // namespace

int runImport(const std::vector<std::string>& arguments)
{
    const char* usage =
        tr("Pemakaian: petadesa-cli import PROYEK.sqlite BERKAS --theme TEMA [--layer NAMA]\n"
           "           [--map kolom=kolom_sumber ...] [--set kolom=nilai ...] [--crs EPSG:N]\n"
           "           [--strict] [--drop-unmapped] [--report LAPORAN.csv] [--json]\n"
           "\n"
           "Mengimpor berkas vektor ke satu tema dalam satu transaksi: gagal atau dibatalkan\n"
           "berarti proyek tetap seperti semula. CRS dideteksi dan diproyeksikan ke EPSG:4326,\n"
           "kolom dipetakan menurut nama dan sinonim, nilai kosakata dipetakan, geometri tidak\n"
           "valid diperbaiki. Fitur yang ditolak dicatat di laporan CSV di samping proyek.\n"
           "  --theme TEMA       salah satu dari: %1\n"
           "  --layer NAMA       lapisan sumber (boleh berulang; bawaan: semua yang berisi fitur)\n"
           "  --layer-theme L=T  lapisan L ke tema T (boleh berulang, menggantikan --theme):\n"
           "                     beberapa lapisan satu berkas ke temanya dalam satu perintah\n"
           "  --map k=s          isi kolom k dari kolom sumber s\n"
           "  --set k=v          isi kolom k dengan nilai v bila sumber tidak mengisinya\n"
           "                     (TEMA.k=v: hanya untuk TEMA)\n"
           "  --crs EPSG:N       CRS berkas sumber bila tidak tercantum atau salah\n"
           "  --strict           tolak fitur dengan nilai di luar kosakata\n"
           "  --drop-unmapped    jangan simpan kolom sumber lain di atribut_lain\n"
           "  --report BERKAS    tulis laporan ke BERKAS\n"
           "  --json             keluaran JSON\n",
           "Usage: petadesa-cli import PROJECT.sqlite FILE --theme THEME [--layer NAME]\n"
           "           [--map column=source_field ...] [--set column=value ...] [--crs EPSG:N]\n"
           "           [--strict] [--drop-unmapped] [--report REPORT.csv] [--json]\n"
           "\n"
           "Imports a vector file into one theme in one transaction: a failure or a cancel\n"
           "leaves the project as it was. The CRS is detected and reprojected to EPSG:4326,\n"
           "fields are mapped by name and synonyms, vocabulary values are mapped, invalid\n"
           "geometries are repaired. Rejected features go to a CSV report beside the project.\n"
           "  --theme THEME      one of: %1\n"
           "  --layer NAME       source layer (repeatable; default: every layer with features)\n"
           "  --layer-theme L=T  layer L into theme T (repeatable, instead of --theme): several\n"
           "                     layers of one file into their themes in one command\n"
           "  --map c=s          fill column c from source field s\n"
           "  --set c=v          fill column c with value v where the source leaves it empty\n"
           "                     (THEME.c=v: for THEME only)\n"
           "  --crs EPSG:N       CRS of the source file when it is missing or wrong\n"
           "  --strict           reject features with values outside the vocabulary\n"
           "  --drop-unmapped    do not keep other source fields in atribut_lain\n"
           "  --report FILE      write the report to FILE\n"
           "  --json             JSON output\n");
    const std::string usageText = arg(usage, {layers::themeNames()});
    return guarded(usageText.c_str(), [&] {
        Arguments args(arguments,
                       {"theme", "layer", "layer-theme", "map", "set", "crs", "report"},
                       {"strict", "json", "drop-unmapped"});
        if (args.has("help")) {
            std::cout << usageText;
            return int(Success);
        }
        if (args.positional().size() != 2) {
            throw UsageProblem{tr("Sebutkan berkas proyek dan berkas yang diimpor.",
                                  "Name the project file and the file to import.")};
        }
        layers::ImportOptions options;
        // One import per theme: --theme with its --layer list, or --layer-theme pairs that
        // send several layers of one file to their themes in one run.
        std::vector<std::pair<std::string, std::vector<std::string>>> jobs;
        const auto layerThemes = args.values("layer-theme");
        if (!layerThemes.empty()) {
            if (args.has("theme") || args.has("layer")) {
                throw UsageProblem{tr("--layer-theme tidak dipakai bersama --theme atau --layer.",
                                      "--layer-theme is not used together with --theme or "
                                      "--layer.")};
            }
            for (const auto& pair : layerThemes) {
                const auto [layer, theme] = splitPair(pair, "layer-theme");
                if (!layers::findTheme(theme)) {
                    throw UsageProblem{
                        arg(tr("Tema '%1' tidak dikenal.", "Unknown theme '%1'."), {theme})};
                }
                auto it = std::find_if(
                    jobs.begin(), jobs.end(), [&](const auto& job) { return job.first == theme; });
                if (it == jobs.end()) {
                    jobs.push_back({theme, {layer}});
                } else {
                    it->second.push_back(layer);
                }
            }
        } else {
            options.theme = args.value("theme");
            if (options.theme.empty()) {
                throw UsageProblem{tr("--theme wajib diisi.", "--theme is required.")};
            }
            if (!layers::findTheme(options.theme)) {
                throw UsageProblem{
                    arg(tr("Tema '%1' tidak dikenal.", "Unknown theme '%1'."), {options.theme})};
            }
            jobs.push_back({options.theme, args.values("layer")});
        }
        for (const auto& pair : args.values("map")) {
            options.fieldMap.insert(splitPair(pair, "map"));
        }
        for (const auto& pair : args.values("set")) {
            options.constants.insert(splitPair(pair, "set"));
        }
        options.sourceCrs = normalizeCrs(args.value("crs"));
        options.strict = args.has("strict");
        options.keepUnmapped = !args.has("drop-unmapped");
        options.reportPath = args.value("report");
        layers::Project project(args.positional()[0]);
        const auto allConstants = options.constants;
        int worst = int(Success);
        QJsonArray allJson;
        for (const auto& [theme, sourceLayers] : jobs) {
            options.theme = theme;
            options.layers = sourceLayers;
            options.constants.clear();
            for (const auto& [key, value] : allConstants) {
                // --set THEME.COLUMN=VALUE applies to that theme only; an unqualified --set
                // applies to every theme of the run that has the column.
                const auto dot = key.find('.');
                if (dot != std::string::npos) {
                    if (key.substr(0, dot) == theme) {
                        options.constants[key.substr(dot + 1)] = value;
                    }
                } else if (jobs.size() == 1 || layers::findTheme(theme)->column(key)) {
                    options.constants[key] = value;
                }
            }
            ConsoleFeedback feedback;
            const auto result =
                layers::importFile(project, args.positional()[1], options, &feedback);
            feedback.finish();
            const int code =
                result.imported == 0 && result.rejected > 0 ? int(BadInput) : int(Success);
            if (args.has("json")) {
                QJsonObject object;
                object["file"] = q(args.positional()[1]);
                object["theme"] = q(options.theme);
                QJsonArray layerList;
                for (const auto& name : result.layers) {
                    layerList.append(q(name));
                }
                object["layers"] = layerList;
                object["source_crs"] = q(result.sourceCrs);
                object["assumed_lonlat"] = result.assumedLonLat;
                object["read"] = static_cast<qint64>(result.read);
                object["imported"] = static_cast<qint64>(result.imported);
                object["rejected"] = static_cast<qint64>(result.rejected);
                object["repaired"] = static_cast<qint64>(result.repaired);
                QJsonObject mapping;
                for (const auto& [column, field] : result.fieldMapping) {
                    mapping[q(column)] = q(field);
                }
                object["field_mapping"] = mapping;
                QJsonArray unmapped;
                for (const auto& field : result.unmappedFields) {
                    unmapped.append(q(field));
                }
                object["unmapped_fields"] = unmapped;
                QJsonObject unknown;
                for (const auto& [column, counts] : result.unknownValues) {
                    QJsonObject values;
                    for (const auto& [value, count] : counts) {
                        values[q(value)] = static_cast<qint64>(count);
                    }
                    unknown[q(column)] = values;
                }
                object["unknown_values"] = unknown;
                object["rejections"] = issuesJson(result, layers::ImportIssue::Kind::Rejected);
                object["repairs"] = issuesJson(result, layers::ImportIssue::Kind::Repaired);
                object["warnings"] = issuesJson(result, layers::ImportIssue::Kind::Warning);
                object["report"] = result.reportPath.empty() ? QJsonValue() : q(result.reportPath);
                if (jobs.size() == 1) {
                    printJson(object);
                    return code;
                }
                allJson.append(object);
                worst = std::max(worst, code);
                continue;
            }
            std::cout << arg(
                tr("Diimpor %1 dari %2 fitur ke %3 (ditolak %4, geometri diperbaiki %5).\n",
                   "Imported %1 of %2 features into %3 (rejected %4, geometries repaired "
                   "%5).\n"),
                {formatCount(result.imported),
                 formatCount(result.read),
                 options.theme,
                 formatCount(result.rejected),
                 formatCount(result.repaired)});
            std::cout << tr("CRS sumber: ", "Source CRS: ") << result.sourceCrs << "\n";
            if (!result.fieldMapping.empty()) {
                std::cout << tr("Pemetaan kolom:", "Field mapping:");
                for (const auto& [column, field] : result.fieldMapping) {
                    std::cout << " " << column << "←" << field;
                }
                std::cout << "\n";
            }
            for (const auto& [column, counts] : result.unknownValues) {
                std::cout << arg(tr("Nilai di luar kosakata pada %1:",
                                    "Values outside the vocabulary "
                                    "in %1:"),
                                 {column});
                int shown = 0;
                for (const auto& [value, count] : counts) {
                    if (shown++ == 10) {
                        std::cout << " …";
                        break;
                    }
                    std::cout << " '" << value << "' (" << count << ")";
                }
                std::cout << "\n";
            }
            int shown = 0;
            for (const auto& issue : result.issues) {
                if (issue.kind != layers::ImportIssue::Kind::Rejected) {
                    continue;
                }
                if (shown++ == 10) {
                    std::cout << "  …\n";
                    break;
                }
                std::cout << "  " << tr("ditolak", "rejected") << " " << issue.layer << " #"
                          << issue.featureId << ": " << issue.reason << "\n";
            }
            if (!result.reportPath.empty()) {
                std::cout << tr("Laporan: ", "Report: ") << result.reportPath << "\n";
            }
            worst = std::max(worst, code);
        }
        if (args.has("json") && jobs.size() > 1) {
            QJsonObject object;
            object["imports"] = allJson;
            printJson(object);
        }
        return worst;
    });
}

int runExport(const std::vector<std::string>& arguments)
{
    const char* usage =
        tr("Pemakaian: petadesa-cli export PROYEK.sqlite TEMA KELUARAN [--overwrite] [--json]\n"
           "\n"
           "Mengekspor satu tema; format menurut ekstensi: .gpkg, .geojson, .shp, .kml, .csv.\n"
           "Tema campuran ke shapefile menjadi NAMA_titik/_garis/_area.shp.\n",
           "Usage: petadesa-cli export PROJECT.sqlite THEME OUTPUT [--overwrite] [--json]\n"
           "\n"
           "Exports one theme; the extension picks the format: .gpkg, .geojson, .shp, .kml, .csv.\n"
           "A mixed theme exported to shapefile becomes NAME_point/_line/_area.shp.\n");
    return guarded(usage, [&] {
        Arguments args(arguments, {}, {"overwrite", "json"});
        if (args.has("help")) {
            std::cout << usage;
            return int(Success);
        }
        if (args.positional().size() != 3) {
            throw UsageProblem{tr("Sebutkan berkas proyek, tema dan berkas keluaran.",
                                  "Name the project file, the theme and the output file.")};
        }
        if (!layers::findTheme(args.positional()[1])) {
            throw UsageProblem{
                arg(tr("Tema '%1' tidak dikenal.", "Unknown theme '%1'."), {args.positional()[1]})};
        }
        layers::Project project(args.positional()[0], layers::Project::Access::ReadOnly);
        const auto result = layers::exportTheme(
            project, args.positional()[1], args.positional()[2], args.has("overwrite"));
        if (args.has("json")) {
            QJsonObject object;
            object["theme"] = q(args.positional()[1]);
            object["features"] = static_cast<qint64>(result.features);
            QJsonArray files;
            for (const auto& file : result.files) {
                files.append(q(file));
            }
            object["files"] = files;
            printJson(object);
            return int(Success);
        }
        std::cout << arg(tr("Diekspor %1 fitur: ", "Exported %1 features: "),
                         {formatCount(result.features)});
        for (std::size_t i = 0; i < result.files.size(); ++i) {
            std::cout << (i ? ", " : "") << result.files[i];
        }
        std::cout << "\n";
        return int(Success);
    });
}

} // namespace app::cli
