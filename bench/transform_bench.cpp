// The measuring transformation of the exposure overlay, point by point: PROJ (EPSG:4326 to the
// UTM zone of synthetic M, EPSG:32750) against geo::PolynomialTransform fitted over the same
// kabupaten-sized box, in one run on the same points. Prints ns per point for both, their ratio,
// the fitted degree and the largest difference from PROJ over the points.
//   build/release/bench/transform_bench [POINTS]
#include "geo/coordinate_transform.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv)
{
    const std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2'000'000;
    // The extent of synthetic M's zones and villages with the overlay's 5 % margin.
    const double minX = 116.04, minY = -8.84, maxX = 116.83, maxY = -8.50;
    const geo::CoordinateTransform exact("EPSG:4326", "EPSG:32750");
    const geo::PolynomialTransform fit(exact, minX, minY, maxX, maxY, 2e-8);
    if (!fit.isUsable()) {
        std::fprintf(stderr, "no polynomial fits within 20 nm\n");
        return 1;
    }
    std::vector<double> xy(2 * count);
    std::uint64_t state = 7;
    for (std::size_t i = 0; i < count; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        xy[2 * i] = minX + (maxX - minX) * static_cast<double>(state >> 11) / 9007199254740992.0;
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        xy[2 * i + 1] =
            minY + (maxY - minY) * static_cast<double>(state >> 11) / 9007199254740992.0;
    }
    auto time = [&](auto&& apply, std::vector<double>& out) {
        out = xy;
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < count; ++i) {
            apply(out[2 * i], out[2 * i + 1]);
        }
        return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
                   .count() /
               static_cast<double>(count);
    };
    std::vector<double> byProj, byFit;
    const double projNs = time([&](double& x, double& y) { exact.transform(x, y); }, byProj);
    const double fitNs = time([&](double& x, double& y) { fit.apply(x, y); }, byFit);
    double worst = 0;
    for (std::size_t i = 0; i < count; ++i) {
        worst = std::max(
            worst, std::hypot(byFit[2 * i] - byProj[2 * i], byFit[2 * i + 1] - byProj[2 * i + 1]));
    }
    std::printf("points %zu\nPROJ %.1f ns/point\npolynomial (degree %d) %.1f ns/point\n"
                "ratio %.2f\nlargest difference %.2g m\n",
                count,
                projNs,
                fit.degree(),
                fitNs,
                fitNs / projNs,
                worst);
    return 0;
}
