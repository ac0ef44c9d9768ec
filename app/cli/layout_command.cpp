#include "app/cli/commands.h"
#include "app/cli/guarded.h"
#include "app/cli/offscreen_gui.h"
#include "layers/i18n.h"
#include "layers/layout/layout_export.h"
#include "layers/project.h"

#include <cstdio>
#include <iostream>

namespace app::cli {

using layers::arg;
using layers::tr;

int runLayout(const std::vector<std::string>& arguments)
{
    std::string templates;
    for (const auto& name : layers::LayoutTemplate::available()) {
        templates += (templates.empty() ? "" : ", ") + name;
    }
    const std::string usage =
        std::string(tr(
            "Pemakaian: petadesa-cli layout PROYEK.sqlite KELUARAN.pdf|png|svg --template NAMA\n"
            "           [--paper A4|A3|A2|A1|A0] [--orientation landscape|portrait] [--dpi 300]\n"
            "           [--title JUDUL] [--subtitle TEKS] [--producer NAMA] [--sources TEKS]\n"
            "           [--logo BERKAS.png|svg] [--grid latlon|utm|none] [--atlas desa]\n"
            "           [--village KODE|NAMA] [--no-labels] [--all-scales]\n"
            "\n"
            "Mencetak peta siap forum: judul, peta pada skala bulat, legenda (hanya yang tampak),\n"
            "skala batang, arah utara, grid berlabel, peta lokasi, sumber, tanggal dan penyusun.\n"
            "  --atlas desa  halaman sampul kecamatan lalu satu halaman per desa/kelurahan\n"
            "                (PDF: satu berkas; PNG/SVG: _01, _02, ... per halaman)\n"
            "  --village     satu halaman untuk satu desa/kelurahan\n"
            "  --all-scales  semua lapisan pada semua skala (tanpa batas keterbacaan)\n"
            "Templat: ",
            "Usage: petadesa-cli layout PROJECT.sqlite OUT.pdf|png|svg --template NAME\n"
            "           [--paper A4|A3|A2|A1|A0] [--orientation landscape|portrait] [--dpi 300]\n"
            "           [--title TITLE] [--subtitle TEXT] [--producer NAME] [--sources TEXT]\n"
            "           [--logo FILE.png|svg] [--grid latlon|utm|none] [--atlas desa]\n"
            "           [--village CODE|NAME] [--no-labels] [--all-scales]\n"
            "\n"
            "Prints a map for the forum: title, the map at a round scale, a legend of what is\n"
            "visible, scale bar, north arrow, labelled grid, locator map, sources, date, "
            "producer.\n"
            "  --atlas desa  a kecamatan cover page, then one page per desa/kelurahan\n"
            "                (PDF: one file; PNG/SVG: _01, _02, ... per page)\n"
            "  --village     one page for one desa/kelurahan\n"
            "  --all-scales  every layer at every scale (no legibility limit)\n"
            "Templates: ")) +
        templates + "\n";
    return guarded(usage, [&] {
        Arguments args(arguments,
                       {"template",
                        "paper",
                        "orientation",
                        "dpi",
                        "title",
                        "subtitle",
                        "producer",
                        "sources",
                        "logo",
                        "grid",
                        "atlas",
                        "village"},
                       {"no-labels", "all-scales"});
        if (args.has("help")) {
            std::cout << usage;
            return Success;
        }
        if (args.positional().size() != 2) {
            throw UsageProblem{tr("Sebutkan berkas proyek dan berkas keluaran.",
                                  "Name the project file and the output file.")};
        }
        if (!args.has("template")) {
            throw UsageProblem{
                tr("Pilih templat dengan --template.", "Choose a template with --template.")};
        }
        layers::LayoutOptions options;
        options.projectPath = args.positional()[0];
        options.templateName = args.value("template");
        if (args.has("paper")) {
            options.paper = layers::paperFromName(args.value("paper"));
            if (!options.paper) {
                throw UsageProblem{arg(tr("Kertas '%1' tidak dikenal (A4, A3, A2, A1, A0).",
                                          "Unknown paper '%1' (A4, A3, A2, A1, A0)."),
                                       {args.value("paper")})};
            }
        }
        if (args.has("orientation")) {
            const std::string orientation = args.value("orientation");
            if (orientation != "landscape" && orientation != "portrait") {
                throw UsageProblem{tr("--orientation harus landscape atau portrait.",
                                      "--orientation must be landscape or portrait.")};
            }
            options.landscape = orientation == "landscape";
        }
        if (args.has("dpi")) {
            char* end = nullptr;
            const std::string text = args.value("dpi");
            options.dpi = std::strtod(text.c_str(), &end);
            if (end == text.c_str() || *end || options.dpi < 50 || options.dpi > 1200) {
                throw UsageProblem{arg(
                    tr("--dpi tidak sah: '%1' (50 sampai 1200)", "invalid --dpi '%1' (50 to 1200)"),
                    {text})};
            }
        }
        if (args.has("grid")) {
            options.grid = layers::gridFromName(args.value("grid"));
            if (!options.grid) {
                throw UsageProblem{tr("--grid harus latlon, utm atau none.",
                                      "--grid must be latlon, utm or none.")};
            }
        }
        if (args.has("atlas")) {
            if (args.value("atlas") != "desa") {
                throw UsageProblem{tr("--atlas hanya mengenal 'desa' (satu halaman per "
                                      "desa/kelurahan).",
                                      "--atlas only knows 'desa' (one page per desa/kelurahan).")};
            }
            options.atlas = true;
        }
        options.village = args.value("village");
        if (options.atlas && !options.village.empty()) {
            throw UsageProblem{tr("Pilih --atlas atau --village, tidak keduanya.",
                                  "Choose --atlas or --village, not both.")};
        }
        options.title = QString::fromStdString(args.value("title"));
        options.subtitle = QString::fromStdString(args.value("subtitle"));
        options.producer = QString::fromStdString(args.value("producer"));
        options.sources = QString::fromStdString(args.value("sources"));
        options.logoPath = QString::fromStdString(args.value("logo"));
        options.labels = !args.has("no-labels");
        options.allScales = args.has("all-scales");

        OffscreenGui gui;
        layers::RenderFeedback feedback;
        const auto result = layers::exportLayout(
            options, args.positional()[1], feedback, [](std::size_t page, std::size_t pages) {
                if (pages > 1) {
                    std::cerr << arg(tr("halaman %1/%2\n", "page %1/%2\n"),
                                     {std::to_string(page), std::to_string(pages)});
                }
            });
        for (const auto& warning : result.warnings) {
            std::cerr << tr("Peringatan: ", "Warning: ") << warning << "\n";
        }
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.2f", result.seconds);
        for (const auto& file : result.files) {
            std::cout << file << "\n";
        }
        std::cout << arg(
            tr("Tata letak ditulis: %1 halaman, %2 berkas (%3 detik)\n",
               "Layout written: %1 pages, %2 files (%3 s)\n"),
            {std::to_string(result.pages), std::to_string(result.files.size()), seconds});
        return Success;
    });
}

} // namespace app::cli
