#include "app/cli/commands.h"
#include "layers/i18n.h"

#include <iostream>

namespace app::cli {

using layers::tr;

namespace {

struct Analysis
{
    const char* name;
    int (*run)(const std::vector<std::string>& arguments);
    const char* descriptionId;
    const char* descriptionEn;
};

// One line per analysis; each lives in its own *_command.cpp.
const Analysis analyses[] = {
    {"exposure", runExposure, "paparan bahaya per tingkat", "hazard exposure by level"},
    {"safe-areas", runSafeAreas, "zona aman di luar zona bahaya", "safe areas outside hazards"},
    {"damage", runDamage, "ringkasan kaji cepat kerusakan", "rapid damage summary"},
    {"evacuation", runEvacuation, "rencana evakuasi dan kapasitas", "evacuation plan, capacity"},
    {"potential",
     runPotential,
     "profil potensi ekonomi per desa",
     "economic potential per village"},
    {"bumdes-gaps", runBumdesGaps, "celah layanan BUM Desa", "BUM Desa service gaps"},
    {"coverage", runCoverage, "cakupan layanan per desa", "service coverage per village"},
    {nullptr, nullptr, nullptr, nullptr},
};

void printUsage()
{
    std::cout << tr("Pemakaian: petadesa-cli analyze ANALISIS PROYEK.sqlite [OPSI] [--json]\n\n"
                    "Analisis:\n",
                    "Usage: petadesa-cli analyze ANALYSIS PROJECT.sqlite [OPTIONS] [--json]\n\n"
                    "Analyses:\n");
    for (const auto& analysis : analyses) {
        if (analysis.name) {
            std::cout << "  " << analysis.name << "  "
                      << tr(analysis.descriptionId, analysis.descriptionEn) << "\n";
        }
    }
    std::cout << tr("\n'petadesa-cli analyze ANALISIS --help' untuk opsi tiap analisis.\n",
                    "\n'petadesa-cli analyze ANALYSIS --help' for the options of each.\n");
}

} // namespace

int runAnalyze(const std::vector<std::string>& arguments)
{
    if (arguments.empty() || arguments.front() == "--help" || arguments.front() == "-h") {
        printUsage();
        return arguments.empty() ? UsageError : Success;
    }
    for (const auto& analysis : analyses) {
        if (analysis.name && arguments.front() == analysis.name) {
            return analysis.run(std::vector<std::string>(arguments.begin() + 1, arguments.end()));
        }
    }
    std::cerr << tr("Analisis tidak dikenal: ", "Unknown analysis: ") << arguments.front()
              << "\n\n";
    printUsage();
    return UsageError;
}

} // namespace app::cli
