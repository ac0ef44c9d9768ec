#pragma once

#include "app/cli/commands.h"
#include "geo/analysis/feedback.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <iostream>
#include <string>

namespace app::cli {

/// Runs a command body and turns usage problems and exceptions into petadesa-cli's exit codes,
/// with the message (and for a usage problem the command's usage) on stderr.
template <typename Body> int guarded(const std::string& usage, Body&& body)
{
    using layers::tr;
    try {
        return body();
    } catch (const UsageProblem& problem) {
        std::cerr << problem.message << "\n\n" << usage;
        return UsageError;
    } catch (const layers::ProjectError& error) {
        std::cerr << tr("Galat: ", "Error: ") << error.what() << "\n";
        return BadInput;
    } catch (const geo::AnalysisCanceled&) {
        std::cerr << tr("Analisis dibatalkan.\n", "Analysis canceled.\n");
        return Failure;
    } catch (const std::exception& error) {
        std::cerr << tr("Galat: ", "Error: ") << error.what() << "\n";
        return Failure;
    }
}

} // namespace app::cli
