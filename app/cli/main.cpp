#include "app/cli/commands.h"
#include "layers/i18n.h"

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

using namespace app::cli;
using layers::tr;

namespace {

void printUsage()
{
    std::cout << tr(
        "petadesa-cli — PetaDesa dari baris perintah\n"
        "\n"
        "Pemakaian: petadesa-cli PERINTAH [OPSI] ...\n"
        "\n"
        "Perintah:\n"
        "  init     membuat berkas proyek baru\n"
        "  info     nama, CRS, cakupan dan jumlah fitur per tema\n"
        "  import   mengimpor berkas vektor (SHP, GeoJSON, GPKG, KML, GPX, CSV, ...) ke satu tema\n"
        "  export   mengekspor satu tema ke GPKG, GeoJSON, SHP, KML atau CSV\n"
        "  render   menggambar peta proyek ke PNG\n"
        "  layout   mencetak peta (PDF, PNG, SVG) dari templat; atlas per desa\n"
        "  analyze  analisis: paparan bahaya, zona aman, evakuasi, kerusakan, ...\n"
        "  validate laporan mutu data (dan perbaikan yang aman dengan --fix)\n"
        "\n"
        "Opsi umum: --help (bantuan perintah), --version.\n"
        "Kode keluar: 0 berhasil, 1 salah pemakaian, 2 data masukan buruk, 3 kegagalan lain.\n"
        "Pesan dalam bahasa Indonesia; LANG=en_US.UTF-8 untuk bahasa Inggris.\n",
        "petadesa-cli — PetaDesa from the command line\n"
        "\n"
        "Usage: petadesa-cli COMMAND [OPTIONS] ...\n"
        "\n"
        "Commands:\n"
        "  init     create a new project file\n"
        "  info     name, CRSs, extent and feature count per theme\n"
        "  import   import a vector file (SHP, GeoJSON, GPKG, KML, GPX, CSV, ...) into one theme\n"
        "  export   export one theme to GPKG, GeoJSON, SHP, KML or CSV\n"
        "  render   draw the project's map into a PNG\n"
        "  layout   print a map (PDF, PNG, SVG) from a template; atlas per village\n"
        "  analyze  analyses: hazard exposure, safe areas, evacuation, damage, ...\n"
        "  validate data-quality report (and safe repairs with --fix)\n"
        "\n"
        "Common options: --help (help on a command), --version.\n"
        "Exit codes: 0 success, 1 usage error, 2 bad input data, 3 other failure.\n"
        "Messages are in Indonesian; LANG=en_US.UTF-8 gives English.\n");
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty()) {
        printUsage();
        return UsageError;
    }
    const std::string command = arguments.front();
    arguments.erase(arguments.begin());
    if (command == "--help" || command == "-h" || command == "help") {
        printUsage();
        return Success;
    }
    if (command == "--version" || command == "version") {
        std::cout << "petadesa-cli " << PETADESA_VERSION << "\n";
        return Success;
    }
    try {
        if (command == "init") {
            return runInit(arguments);
        }
        if (command == "info") {
            return runInfo(arguments);
        }
        if (command == "import") {
            return runImport(arguments);
        }
        if (command == "export") {
            return runExport(arguments);
        }
        if (command == "render") {
            return runRender(arguments);
        }
        if (command == "layout") {
            return runLayout(arguments);
        }
        if (command == "analyze") {
            return runAnalyze(arguments);
        }
        if (command == "validate") {
            return runValidate(arguments);
        }
    } catch (const std::exception& error) {
        std::cerr << tr("Galat: ", "Error: ") << error.what() << "\n";
        return Failure;
    }
    std::cerr << tr("Perintah tidak dikenal: ", "Unknown command: ") << command << "\n\n";
    printUsage();
    return UsageError;
}
