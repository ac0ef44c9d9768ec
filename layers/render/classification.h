#pragma once

#include <QColor>
#include <QString>

#include <vector>

namespace layers {

/// How values are split into classes for a choropleth.
enum class ClassMethod {
    Quantile,      ///< about the same number of values in each class
    EqualInterval, ///< classes of equal width between the minimum and the maximum
    NaturalBreaks  ///< Jenks: the split with the least sum of squared deviations in classes
};

/// Sequential ColorBrewer schemes (light = low).
enum class ColorRamp { YlOrRd, Greens, Blues, YlGn, Purples };

/// The result of classifying values: class i holds breaks[i] <= v < breaks[i + 1] (the last
/// class also holds its upper bound). breaks.front() is the minimum, breaks.back() the
/// maximum; inner breaks are round numbers chosen between the neighbouring classes' values,
/// so the labels are exact and read well. Fewer classes than asked for when the values do not
/// allow them (e.g. only three distinct values).
struct Classification
{
    std::vector<double> breaks;
    std::vector<int> counts;     ///< values per class
    std::vector<QColor> colors;  ///< per class
    std::vector<QString> labels; ///< "10 – 25" in the user's number format
    int classCount() const { return breaks.size() < 2 ? 0 : int(breaks.size()) - 1; }
    /// The class of a value (clamped to the first/last class), -1 for NaN or no classes.
    int classOf(double value) const;
};

/// Break positions for sorted values, as indices: class c holds sorted[start[c]] ..
/// sorted[start[c + 1] - 1]. These are the raw splits before rounding; exposed for tests.
std::vector<std::size_t> quantileSplits(const std::vector<double>& sorted, int classes);
/// The exact Fisher-Jenks optimum (dynamic programme over prefix sums, O(k·n²) for n values;
/// never splits equal values).
std::vector<std::size_t> naturalBreakSplits(const std::vector<double>& sorted, int classes);
/// The sum over classes of squared deviations from the class mean, for splits as above.
double withinClassSquares(const std::vector<double>& sorted,
                          const std::vector<std::size_t>& starts);

/// The roundest number b with low < b <= high (fewest significant digits; ties go to 5s and
/// 2s over other digits). Requires low < high.
double roundestBetween(double low, double high);

/// Classifies values (NaN ignored) into at most `classes` classes with the ramp's colours.
Classification
classify(std::vector<double> values, ClassMethod method, int classes, ColorRamp ramp);

/// `count` colours of a ramp, light to dark, sampled from its 9-class ColorBrewer scheme.
std::vector<QColor> rampColors(ColorRamp ramp, int count);

/// Names as used by the CLI and saved settings: "quantile", "equal", "jenks"; "YlOrRd", ...
QString methodName(ClassMethod method);
bool parseMethod(const QString& name, ClassMethod& method);
QString rampName(ColorRamp ramp);
bool parseRamp(const QString& name, ColorRamp& ramp);

} // namespace layers
