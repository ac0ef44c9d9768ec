#include "layers/render/classification.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

namespace {

/// The least within-class sum of squares over every split of sorted values into exactly
/// `classes` non-empty classes that does not separate equal values (brute force).
double bruteForceOptimum(const std::vector<double>& sorted, int classes)
{
    const std::size_t n = sorted.size();
    double best = INFINITY;
    std::vector<std::size_t> starts{0};
    std::function<void(std::size_t)> choose = [&](std::size_t from) {
        if (int(starts.size()) == classes) {
            starts.push_back(n);
            best = std::min(best, layers::withinClassSquares(sorted, starts));
            starts.pop_back();
            return;
        }
        for (std::size_t q = from; q < n; ++q) {
            if (sorted[q - 1] == sorted[q]) {
                continue;
            }
            starts.push_back(q);
            choose(q + 1);
            starts.pop_back();
        }
    };
    choose(1);
    return best;
}

} // namespace

TEST(Classification, JenksHandCases)
{
    const std::vector<double> three = {1, 2, 3, 10, 11, 12, 20, 21, 22};
    EXPECT_EQ(layers::naturalBreakSplits(three, 3), (std::vector<std::size_t>{0, 3, 6, 9}));
    // Two obvious groups; asked for two classes.
    const std::vector<double> two = {0, 0, 1, 1, 100, 101};
    EXPECT_EQ(layers::naturalBreakSplits(two, 2), (std::vector<std::size_t>{0, 4, 6}));
    // Equal values never split: three distinct values give at most three classes.
    const std::vector<double> ties = {5, 5, 5, 7, 7, 9};
    EXPECT_EQ(layers::naturalBreakSplits(ties, 5), (std::vector<std::size_t>{0, 3, 5, 6}));
    const auto classified = layers::classify({1, 2, 3, 10, 11, 12, 20, 21, 22},
                                             layers::ClassMethod::NaturalBreaks,
                                             3,
                                             layers::ColorRamp::YlOrRd);
    // Round breaks between the groups: 3 < 10 <= 10 and 12 < 20 <= 20.
    EXPECT_EQ(classified.breaks, (std::vector<double>{1, 10, 20, 22}));
    EXPECT_EQ(classified.counts, (std::vector<int>{3, 3, 3}));
    EXPECT_EQ(classified.labels[0], QString::fromUtf8("1 – 10"));
    EXPECT_EQ(classified.labels[2], QString::fromUtf8("20 – 22"));
}

TEST(Classification, JenksMatchesBruteForceOnSmallArrays)
{
    std::mt19937 random(20240611);
    std::uniform_int_distribution<int> size(2, 11);
    std::lognormal_distribution<double> value(3.0, 1.2);
    for (int round = 0; round < 300; ++round) {
        std::vector<double> sorted(std::size_t(size(random)));
        for (auto& v : sorted) {
            v = std::round(value(random) * 10) / 10; // ties happen
        }
        std::sort(sorted.begin(), sorted.end());
        std::vector<double> copy = sorted;
        const auto uniqueCount = std::size_t(std::unique(copy.begin(), copy.end()) - copy.begin());
        for (int classes = 1; classes <= 5; ++classes) {
            const auto splits = layers::naturalBreakSplits(sorted, classes);
            ASSERT_EQ(splits.size(), std::min<std::size_t>(std::size_t(classes), uniqueCount) + 1);
            const double optimum = bruteForceOptimum(sorted, int(splits.size()) - 1);
            EXPECT_NEAR(
                layers::withinClassSquares(sorted, splits), optimum, 1e-9 * std::max(1.0, optimum))
                << "round " << round << ", " << classes << " classes";
        }
    }
}

TEST(Classification, QuantilesHoldAboutEqualCounts)
{
    std::vector<double> values;
    for (int i = 1; i <= 100; ++i) {
        values.push_back(i * 3.7);
    }
    const auto classified =
        layers::classify(values, layers::ClassMethod::Quantile, 5, layers::ColorRamp::Greens);
    ASSERT_EQ(classified.classCount(), 5);
    EXPECT_EQ(classified.counts, (std::vector<int>{20, 20, 20, 20, 20}));
    // Each value lies in the class whose label range holds it.
    for (double v : values) {
        const int c = classified.classOf(v);
        EXPECT_GE(v, c == 0 ? classified.breaks[0] : classified.breaks[std::size_t(c)]);
        if (c < 4) {
            EXPECT_LT(v, classified.breaks[std::size_t(c) + 1]);
        }
    }
    // 20 × 3.7 = 74 and 21 × 3.7 = 77.7: the roundest break between them is 75.
    EXPECT_DOUBLE_EQ(classified.breaks[1], 75);
}

TEST(Classification, EqualIntervalsAndRoundNumbers)
{
    const auto classified = layers::classify({0, 13, 27, 50, 99.5, 100},
                                             layers::ClassMethod::EqualInterval,
                                             4,
                                             layers::ColorRamp::YlOrRd);
    EXPECT_EQ(classified.breaks, (std::vector<double>{0, 25, 50, 75, 100}));
    EXPECT_EQ(classified.counts, (std::vector<int>{2, 1, 1, 2}));
    EXPECT_EQ(layers::roundestBetween(74, 77.7), 75);
    EXPECT_EQ(layers::roundestBetween(12, 870), 500);
    EXPECT_EQ(layers::roundestBetween(0.312, 0.318), 0.315);
    EXPECT_EQ(layers::roundestBetween(-3, 2), 0);
    EXPECT_EQ(layers::roundestBetween(1234, 1236), 1235);
    EXPECT_EQ(layers::roundestBetween(99, 100), 100);
}

TEST(Classification, DegenerateInputs)
{
    EXPECT_EQ(layers::classify({}, layers::ClassMethod::Quantile, 5, layers::ColorRamp::Blues)
                  .classCount(),
              0);
    const auto one = layers::classify(
        {7, 7, NAN, 7}, layers::ClassMethod::NaturalBreaks, 5, layers::ColorRamp::Blues);
    ASSERT_EQ(one.classCount(), 1);
    EXPECT_EQ(one.counts[0], 3);
    EXPECT_EQ(one.labels[0], QString("7"));
    EXPECT_EQ(one.classOf(NAN), -1);
}

TEST(Classification, RampsGoFromLightToDark)
{
    for (auto ramp :
         {layers::ColorRamp::YlOrRd, layers::ColorRamp::Greens, layers::ColorRamp::Blues}) {
        for (int count = 2; count <= 9; ++count) {
            const auto colors = layers::rampColors(ramp, count);
            ASSERT_EQ(int(colors.size()), count);
            for (int i = 1; i < count; ++i) {
                EXPECT_LT(colors[std::size_t(i)].lightness(),
                          colors[std::size_t(i) - 1].lightness());
            }
        }
    }
    EXPECT_EQ(layers::rampColors(layers::ColorRamp::YlOrRd, 9).back(), QColor("#800026"));
}
