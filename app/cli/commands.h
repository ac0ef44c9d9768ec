#pragma once

#include <string>
#include <vector>

namespace app::cli {

/// Exit codes of petadesa-cli.
enum ExitCode { Success = 0, UsageError = 1, BadInput = 2, Failure = 3 };

/// Thrown for a wrong command line; main() prints it with the command's usage.
struct UsageProblem
{
    std::string message;
};

/// Splits "--name value" / "--name=value" options from positional arguments.
class Arguments
{
public:
    Arguments(const std::vector<std::string>& arguments,
              const std::vector<std::string>& valueOptions,
              const std::vector<std::string>& flags);
    const std::vector<std::string>& positional() const { return m_positional; }
    bool has(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    std::vector<std::string> values(const std::string& name) const;

private:
    std::vector<std::string> m_positional;
    std::vector<std::pair<std::string, std::string>> m_options;
};

int runInit(const std::vector<std::string>& arguments);
int runInfo(const std::vector<std::string>& arguments);
int runImport(const std::vector<std::string>& arguments);
int runExport(const std::vector<std::string>& arguments);
int runAnalyze(const std::vector<std::string>& arguments);
int runEvacuation(const std::vector<std::string>& arguments);
int runExposure(const std::vector<std::string>& arguments);
int runSafeAreas(const std::vector<std::string>& arguments);
int runDamage(const std::vector<std::string>& arguments);
int runPotential(const std::vector<std::string>& arguments);
int runBumdesGaps(const std::vector<std::string>& arguments);
int runRender(const std::vector<std::string>& arguments);
int runLayout(const std::vector<std::string>& arguments);
int runCoverage(const std::vector<std::string>& arguments);
int runValidate(const std::vector<std::string>& arguments);

} // namespace app::cli
