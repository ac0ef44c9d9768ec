#include "layers/render/number_format.h"

#include "layers/i18n.h"

#include <algorithm>
#include <cmath>

namespace layers {

double niceStep(double rough)
{
    if (!(rough > 0) || !std::isfinite(rough)) {
        return 0;
    }
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    const double fraction = rough / power; // in [1, 10)
    double nice = 10;
    for (double candidate : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (fraction <= candidate * (1 + 1e-9)) {
            nice = candidate;
            break;
        }
    }
    return nice * power;
}

std::vector<double> niceTicks(double minimum, double maximum, int targetCount)
{
    if (minimum > maximum) {
        std::swap(minimum, maximum);
    }
    if (minimum == maximum) {
        if (minimum == 0) {
            return {0};
        }
        // One value: a range from 0 to it.
        minimum = std::min(0.0, minimum);
        maximum = std::max(0.0, maximum);
    }
    const double step = niceStep((maximum - minimum) / std::max(1, targetCount));
    const double first = std::floor(minimum / step + 1e-9) * step;
    const double last = std::ceil(maximum / step - 1e-9) * step;
    std::vector<double> ticks;
    const int count = int(std::lround((last - first) / step));
    for (int i = 0; i <= count; ++i) {
        double tick = first + i * step;
        if (std::fabs(tick) < step * 1e-9) {
            tick = 0; // no "-0"
        }
        ticks.push_back(tick);
    }
    return ticks;
}

int decimalsForStep(double step)
{
    if (!(step > 0)) {
        return 0;
    }
    int decimals = 0;
    double scaled = step;
    while (decimals < 6 && std::fabs(scaled - std::round(scaled)) > 1e-6 * std::max(1.0, scaled)) {
        scaled *= 10;
        ++decimals;
    }
    return decimals;
}

QString formatNumber(double value, int decimals)
{
    const bool english = language() == Language::English;
    const QChar group = english ? QChar(',') : QChar('.');
    const QChar mark = english ? QChar('.') : QChar(',');
    QString text = QString::number(std::fabs(value), 'f', std::clamp(decimals, 0, 10));
    if (text.toDouble() == 0) {
        value = 0; // no "-0"
    }
    QString integer = text.section('.', 0, 0);
    const QString fraction = text.section('.', 1);
    for (int i = integer.size() - 3; i > 0; i -= 3) {
        integer.insert(i, group);
    }
    QString result = value < 0 ? QStringLiteral("-") + integer : integer;
    if (!fraction.isEmpty()) {
        result += mark + fraction;
    }
    return result;
}

MagnitudeUnit magnitudeFor(double largest)
{
    const bool english = language() == Language::English;
    largest = std::fabs(largest);
    if (largest >= 1e9) {
        return {1e9, english ? QStringLiteral("billion") : QStringLiteral("miliar")};
    }
    if (largest >= 1e6) {
        return {1e6, english ? QStringLiteral("million") : QStringLiteral("juta")};
    }
    if (largest >= 1e5) {
        return {1e3, english ? QStringLiteral("thousand") : QStringLiteral("ribu")};
    }
    return {1, QString()};
}

} // namespace layers
