#pragma once

// Helpers shared by the analysis commands (exposure, safe areas, damage): JSON printing,
// localized numbers, progress on stderr and the exception-to-exit-code boundary.

#include "app/cli/commands.h"
#include "app/cli/guarded.h"
#include "geo/analysis/feedback.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

namespace app::cli::output {

inline QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

inline void printJson(const QJsonObject& object)
{
    std::cout << QJsonDocument(object).toJson(QJsonDocument::Indented).toStdString();
}

/// 1234567.5 -> "1.234.567,5" (Indonesian) or "1,234,567.5" (English).
inline std::string formatNumber(double value, int decimals = 0)
{
    const bool english = layers::language() == layers::Language::English;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
    std::string text(buffer);
    std::string fraction;
    if (const auto dot = text.find('.'); dot != std::string::npos) {
        fraction = text.substr(dot + 1);
        text.resize(dot);
    }
    for (int i = static_cast<int>(text.size()) - 3; i > 0; i -= 3) {
        text.insert(static_cast<std::size_t>(i), 1, english ? ',' : '.');
    }
    if (!fraction.empty()) {
        text += (english ? "." : ",") + fraction;
    }
    const bool negative = value < 0 && std::stod(buffer) != 0;
    return (negative ? "-" : "") + text;
}

/// Prints progress to stderr once an analysis has run for more than two seconds.
class ConsoleProgress : public geo::AnalysisFeedback
{
public:
    explicit ConsoleProgress(const char* label) : m_label(label) {}
    ~ConsoleProgress() override
    {
        if (m_printed) {
            std::fprintf(stderr, "\n");
        }
    }

protected:
    void progressChanged(double percent) override
    {
        using namespace std::chrono;
        const auto now = steady_clock::now();
        if (now - m_start < seconds(2) || now - m_last < milliseconds(500)) {
            return;
        }
        m_last = now;
        m_printed = true;
        std::fprintf(stderr, "\r%s %d%%", m_label, static_cast<int>(percent));
        std::fflush(stderr);
    }

private:
    const char* m_label;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_last;
    bool m_printed = false;
};

/// The number of option --name (fallback when absent); a usage problem when it is not a
/// number of at least minimum.
inline double numberOption(const Arguments& args, const char* name, double fallback, double minimum)
{
    if (!args.has(name)) {
        return fallback;
    }
    const std::string text = args.value(name);
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || !std::isfinite(value) || value < minimum) {
        throw UsageProblem{
            layers::arg(layers::tr("--%1 memerlukan angka %2 atau lebih, bukan '%3'.",
                                   "--%1 needs a number of %2 or more, not '%3'."),
                        {name, formatNumber(minimum, minimum == 0 ? 0 : 1), text})};
    }
    return value;
}

/// Opens the project named by the single positional argument.
inline std::string projectArgument(const Arguments& args)
{
    if (args.positional().size() != 1) {
        throw UsageProblem{layers::tr("Sebutkan satu berkas proyek.", "Name one project file.")};
    }
    return args.positional()[0];
}

} // namespace app::cli::output
