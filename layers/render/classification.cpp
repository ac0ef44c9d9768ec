#include "layers/render/classification.h"

#include "layers/render/number_format.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace layers {

int Classification::classOf(double value) const
{
    if (classCount() == 0 || std::isnan(value)) {
        return -1;
    }
    // Class i holds breaks[i] <= v < breaks[i + 1]; the inner breaks decide.
    const auto first = breaks.begin() + 1, last = breaks.end() - 1;
    return int(std::upper_bound(first, last, value) - first);
}

namespace {

/// The index nearest to `target` in [1, n-1] where sorted[q-1] < sorted[q]; n when none.
std::size_t nearestSplit(const std::vector<double>& sorted, std::size_t target)
{
    const std::size_t n = sorted.size();
    for (std::size_t distance = 0; distance < n; ++distance) {
        for (std::size_t q : {target - distance, target + distance}) {
            if (q >= 1 && q < n && q <= target + distance && sorted[q - 1] < sorted[q]) {
                return q;
            }
        }
    }
    return n;
}

} // namespace

std::vector<std::size_t> quantileSplits(const std::vector<double>& sorted, int classes)
{
    const std::size_t n = sorted.size();
    std::vector<std::size_t> starts{0};
    for (int c = 1; c < classes; ++c) {
        const auto target = std::size_t(std::lround(double(c) * double(n) / classes));
        const std::size_t q = nearestSplit(sorted, target);
        if (q < n && q > starts.back()) {
            starts.push_back(q);
        }
    }
    starts.push_back(n);
    return starts;
}

std::vector<std::size_t> naturalBreakSplits(const std::vector<double>& sorted, int classes)
{
    const std::size_t n = sorted.size();
    if (n == 0) {
        return {0};
    }
    // Distinct values with their counts: equal values always share a class, and the
    // programme runs over d distinct values instead of n.
    std::vector<double> unique;
    std::vector<std::size_t> firstIndex;
    for (std::size_t i = 0; i < n; ++i) {
        if (i == 0 || sorted[i] != sorted[i - 1]) {
            unique.push_back(sorted[i]);
            firstIndex.push_back(i);
        }
    }
    const std::size_t d = unique.size();
    firstIndex.push_back(n);
    const std::size_t k = std::min<std::size_t>(std::max(1, classes), d);
    // Prefix sums of counts, values and squares, centred on the mean for precision.
    double mean = 0;
    for (double v : sorted) {
        mean += v / double(n);
    }
    std::vector<double> count(d + 1, 0), sum(d + 1, 0), squares(d + 1, 0);
    for (std::size_t i = 0; i < d; ++i) {
        const double w = double(firstIndex[i + 1] - firstIndex[i]);
        const double x = unique[i] - mean;
        count[i + 1] = count[i] + w;
        sum[i + 1] = sum[i] + w * x;
        squares[i + 1] = squares[i] + w * x * x;
    }
    // Sum of squared deviations of distinct values [i, j).
    auto cost = [&](std::size_t i, std::size_t j) {
        const double w = count[j] - count[i];
        const double s = sum[j] - sum[i];
        return std::max(0.0, (squares[j] - squares[i]) - s * s / w);
    };
    const double infinity = std::numeric_limits<double>::infinity();
    // best[c][j]: least cost of the first j distinct values in c + 1 classes; from[c][j]: the
    // start of the last class in that optimum.
    std::vector<std::vector<double>> best(k, std::vector<double>(d + 1, infinity));
    std::vector<std::vector<std::size_t>> from(k, std::vector<std::size_t>(d + 1, 0));
    for (std::size_t j = 1; j <= d; ++j) {
        best[0][j] = cost(0, j);
    }
    for (std::size_t c = 1; c < k; ++c) {
        for (std::size_t j = c + 1; j <= d; ++j) {
            for (std::size_t i = c; i < j; ++i) {
                const double candidate = best[c - 1][i] + cost(i, j);
                if (candidate < best[c][j]) {
                    best[c][j] = candidate;
                    from[c][j] = i;
                }
            }
        }
    }
    std::vector<std::size_t> starts(k + 1);
    starts[k] = n;
    std::size_t j = d;
    for (std::size_t c = k - 1; c >= 1; --c) {
        j = from[c][j];
        starts[c] = firstIndex[j];
    }
    starts[0] = 0;
    return starts;
}

double withinClassSquares(const std::vector<double>& sorted, const std::vector<std::size_t>& starts)
{
    double total = 0;
    for (std::size_t c = 0; c + 1 < starts.size(); ++c) {
        const std::size_t begin = starts[c], end = starts[c + 1];
        if (end <= begin) {
            continue;
        }
        double mean = 0;
        for (std::size_t i = begin; i < end; ++i) {
            mean += sorted[i];
        }
        mean /= double(end - begin);
        for (std::size_t i = begin; i < end; ++i) {
            total += (sorted[i] - mean) * (sorted[i] - mean);
        }
    }
    return total;
}

double roundestBetween(double low, double high)
{
    const double magnitude = std::max(std::fabs(low), std::fabs(high));
    if (!(low < high) || !std::isfinite(magnitude)) {
        return high;
    }
    const int top = magnitude > 0 ? int(std::floor(std::log10(magnitude))) + 1 : 0;
    for (int exponent = top; exponent > top - 17; --exponent) {
        // Steps 10^e, then 5·10^(e-1), then 2·10^(e-1); 10^(e-1) is the next round.
        for (int mantissa : {10, 5, 2}) {
            // step = mantissa · 10^(exponent-1), kept as an exact ratio for small steps.
            const int power = exponent - 1;
            const double scale = std::pow(10.0, std::abs(power));
            const double step = power >= 0 ? mantissa * scale : mantissa / scale;
            double multiple = std::floor(high / step + 1e-9);
            auto valueOf = [&](double m) {
                return power >= 0 ? m * mantissa * scale : m * mantissa / scale;
            };
            double candidate = valueOf(multiple);
            if (candidate > high) {
                candidate = valueOf(multiple - 1);
            }
            if (candidate > low && candidate <= high) {
                return candidate == 0 ? 0.0 : candidate;
            }
        }
    }
    return high;
}

std::vector<QColor> rampColors(ColorRamp ramp, int count)
{
    static const char* schemes[][9] = {
        // YlOrRd, Greens, Blues, YlGn, Purples (ColorBrewer 2.0, 9 classes; colorbrewer2.org).
        {"#ffffcc",
         "#ffeda0",
         "#fed976",
         "#feb24c",
         "#fd8d3c",
         "#fc4e2a",
         "#e31a1c",
         "#bd0026",
         "#800026"},
        {"#f7fcf5",
         "#e5f5e0",
         "#c7e9c0",
         "#a1d99b",
         "#74c476",
         "#41ab5d",
         "#238b45",
         "#006d2c",
         "#00441b"},
        {"#f7fbff",
         "#deebf7",
         "#c6dbef",
         "#9ecae1",
         "#6baed6",
         "#4292c6",
         "#2171b5",
         "#08519c",
         "#08306b"},
        {"#ffffe5",
         "#f7fcb9",
         "#d9f0a3",
         "#addd8e",
         "#78c679",
         "#41ab5d",
         "#238443",
         "#006837",
         "#004529"},
        {"#fcfbfd",
         "#efedf5",
         "#dadaeb",
         "#bcbddc",
         "#9e9ac8",
         "#807dba",
         "#6a51a3",
         "#54278f",
         "#3f007d"}};
    const auto& scheme = schemes[int(ramp)];
    std::vector<QColor> colors;
    if (count <= 0) {
        return colors;
    }
    // The lightest step is nearly white; start one step in, as ColorBrewer's own 3- to
    // 7-class schemes do, so the lowest class still reads as a fill on white paper.
    const double first = count <= 7 ? 1.0 : 0.0, last = 8.0;
    for (int i = 0; i < count; ++i) {
        const double position =
            count == 1 ? (first + last) / 2 : first + (last - first) * i / (count - 1);
        const int lower = std::min(7, int(std::floor(position)));
        const double t = position - lower;
        const QColor a(scheme[lower]), b(scheme[lower + 1]);
        colors.emplace_back(int(std::lround(a.red() + t * (b.red() - a.red()))),
                            int(std::lround(a.green() + t * (b.green() - a.green()))),
                            int(std::lround(a.blue() + t * (b.blue() - a.blue()))));
    }
    return colors;
}

namespace {

/// Digits after the mark that write `value` exactly (up to 6).
int decimalsOf(double value)
{
    int decimals = 0;
    double scaled = std::fabs(value);
    while (decimals < 6 && std::fabs(scaled - std::round(scaled)) > 1e-7 * std::max(1.0, scaled)) {
        scaled *= 10;
        ++decimals;
    }
    return decimals;
}

} // namespace

Classification classify(std::vector<double> values, ClassMethod method, int classes, ColorRamp ramp)
{
    Classification result;
    values.erase(
        std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
        values.end());
    if (values.empty()) {
        return result;
    }
    std::sort(values.begin(), values.end());
    const double minimum = values.front(), maximum = values.back();
    classes = std::clamp(classes, 1, 9);
    if (minimum == maximum) {
        result.breaks = {minimum, maximum};
    } else if (method == ClassMethod::EqualInterval) {
        const double width = (maximum - minimum) / classes;
        const double precision = niceStep(width / 10);
        result.breaks.push_back(minimum);
        for (int c = 1; c < classes; ++c) {
            double edge = std::round((minimum + c * width) / precision) * precision;
            edge = roundestBetween(edge - precision / 2, edge + precision / 2);
            if (edge > result.breaks.back() && edge < maximum) {
                result.breaks.push_back(edge);
            }
        }
        result.breaks.push_back(maximum);
    } else {
        const auto starts = method == ClassMethod::Quantile ? quantileSplits(values, classes)
                                                            : naturalBreakSplits(values, classes);
        result.breaks.push_back(minimum);
        for (std::size_t c = 1; c + 1 < starts.size(); ++c) {
            result.breaks.push_back(roundestBetween(values[starts[c] - 1], values[starts[c]]));
        }
        result.breaks.push_back(maximum);
    }
    const int count = result.classCount();
    result.counts.assign(std::size_t(count), 0);
    for (double v : values) {
        ++result.counts[std::size_t(result.classOf(v))];
    }
    result.colors = rampColors(ramp, count);
    int decimals = 0;
    for (std::size_t i = 1; i + 1 < result.breaks.size(); ++i) {
        decimals = std::max(decimals, decimalsOf(result.breaks[i]));
    }
    if (count == 1 || minimum == maximum) {
        decimals =
            std::max(decimals, std::min(2, std::max(decimalsOf(minimum), decimalsOf(maximum))));
    }
    const double unit = std::pow(10.0, -decimals);
    // Outer bounds rounded outwards, so every value lies inside its label's range.
    const double low = std::floor(minimum / unit + 1e-9) * unit;
    const double high = std::ceil(maximum / unit - 1e-9) * unit;
    for (int c = 0; c < count; ++c) {
        const double from = c == 0 ? low : result.breaks[std::size_t(c)];
        const double to = c == count - 1 ? high : result.breaks[std::size_t(c) + 1];
        result.labels.push_back(from == to
                                    ? formatNumber(from, decimals)
                                    : formatNumber(from, decimals) + QString::fromUtf8(" – ") +
                                          formatNumber(to, decimals));
    }
    return result;
}

QString methodName(ClassMethod method)
{
    switch (method) {
    case ClassMethod::Quantile:
        return QStringLiteral("quantile");
    case ClassMethod::EqualInterval:
        return QStringLiteral("equal");
    case ClassMethod::NaturalBreaks:
        return QStringLiteral("jenks");
    }
    return {};
}

bool parseMethod(const QString& name, ClassMethod& method)
{
    for (auto candidate :
         {ClassMethod::Quantile, ClassMethod::EqualInterval, ClassMethod::NaturalBreaks}) {
        if (name.compare(methodName(candidate), Qt::CaseInsensitive) == 0) {
            method = candidate;
            return true;
        }
    }
    return false;
}

QString rampName(ColorRamp ramp)
{
    static const char* names[] = {"YlOrRd", "Greens", "Blues", "YlGn", "Purples"};
    return QString::fromLatin1(names[int(ramp)]);
}

bool parseRamp(const QString& name, ColorRamp& ramp)
{
    for (auto candidate : {ColorRamp::YlOrRd,
                           ColorRamp::Greens,
                           ColorRamp::Blues,
                           ColorRamp::YlGn,
                           ColorRamp::Purples}) {
        if (name.compare(rampName(candidate), Qt::CaseInsensitive) == 0) {
            ramp = candidate;
            return true;
        }
    }
    return false;
}

} // namespace layers
