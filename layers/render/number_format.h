#pragma once

#include <QString>

#include <vector>

namespace layers {

/// A "round" step near `rough`: 1, 2, 2.5 or 5 times a power of ten (0 for rough <= 0).
double niceStep(double rough);

/// Round tick values covering [minimum, maximum] with about `targetCount` intervals: the first
/// tick <= minimum, the last >= maximum, equally spaced by niceStep. One tick (0) when both
/// are 0.
std::vector<double> niceTicks(double minimum, double maximum, int targetCount = 5);

/// A number in the user's language: Indonesian "1.234.567,5", English "1,234,567.5", with
/// `decimals` digits after the mark (trailing zeros kept, so a legend's labels line up).
QString formatNumber(double value, int decimals = 0);

/// The digits after the mark that write multiples of `step` exactly (0 for 20, 1 for 2.5).
int decimalsForStep(double step);

/// A divisor and its word for large values, so an axis reads "Rp juta" with ticks 0–400 and
/// not 0–400.000.000: 1e9 "miliar"/"billion", 1e6 "juta"/"million", 1e3 "ribu"/"thousand"
/// (from 100,000 up), else 1 and "".
struct MagnitudeUnit
{
    double divisor = 1;
    QString word;
};
MagnitudeUnit magnitudeFor(double largestAbsoluteValue);

} // namespace layers
