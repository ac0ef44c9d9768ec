#include "geo/analysis/safe_areas.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/geometry_ops.h"
#include "geo/errors.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numeric>
#include <thread>

namespace geo {

namespace {

/// Distance from a polygon to the nearest point, by growing R-tree searches.
double nearestPoint(const GEOSGeometry& polygon,
                    const std::vector<OverlayPoint>& points,
                    const EnvelopeIndex& index,
                    const Envelope& pointBounds)
{
    if (points.empty()) {
        return std::numeric_limits<double>::infinity();
    }
    const auto prepared = geos::prepare(polygon);
    const Envelope box = geos::envelope(polygon);
    Envelope all = pointBounds;
    all.include(box);
    const double span = (all.maxX - all.minX) + (all.maxY - all.minY);
    double radius = 250;
    double best = std::numeric_limits<double>::infinity();
    std::vector<std::uint32_t> candidates;
    for (;;) {
        candidates.clear();
        index.visit(box.expanded(radius), [&](std::uint32_t i) { candidates.push_back(i); });
        for (auto i : candidates) {
            const auto point = geos::point(points[i].x, points[i].y);
            best = std::min(best, geos::distance(*prepared, *point));
        }
        // Every point nearer than `radius` was a candidate.
        if (best <= radius || radius > span) {
            return best;
        }
        radius = std::isfinite(best) ? best : radius * 4;
    }
}

struct Worker
{
    const SafeAreaInput& input;
    const SafeAreaOptions& options;
    const std::vector<std::vector<unsigned char>>& hazards; ///< valid WKB, empty = unusable
    const EnvelopeIndex& hazardIndex;
    const EnvelopeIndex& settlementIndex;
    const Envelope& settlementBounds;

    std::vector<SafeAreaPart> village(std::uint32_t index, const GEOSGeometry* allowed) const
    {
        auto village = geos::makeValid(
            geos::fromWkb(input.villages[index], "village " + std::to_string(index)));
        std::vector<SafeAreaPart> parts;
        if (geos::isEmpty(*village)) {
            return parts;
        }
        const Envelope box = geos::envelope(*village);
        std::vector<std::uint32_t> candidates;
        hazardIndex.query(box.expanded(std::max(0.0, options.bufferDistance)), candidates);
        GeosGeometry remainder;
        if (candidates.empty()) {
            remainder = std::move(village);
        } else {
            // Only the hazards' parts near the village matter: what lies more than twice the
            // buffer beyond the village's envelope cannot come within the buffer of it, and the
            // rectangle's own edges stay that far away too.
            const Envelope clip = box.expanded(2 * options.bufferDistance + 1);
            std::vector<GeosGeometry> near;
            near.reserve(candidates.size());
            for (auto h : candidates) {
                if (hazards[h].empty()) {
                    continue;
                }
                auto hazard = geos::fromWkb(hazards[h], "hazard " + std::to_string(h));
                const Envelope hazardBox = geos::envelope(*hazard);
                if (hazardBox.minX < clip.minX || hazardBox.minY < clip.minY ||
                    hazardBox.maxX > clip.maxX || hazardBox.maxY > clip.maxY) {
                    hazard = geos::clipByRectangle(*hazard, clip);
                }
                if (!geos::isEmpty(*hazard)) {
                    near.push_back(std::move(hazard));
                }
            }
            auto hazardUnion = geos::unaryUnion(*geos::collect(std::move(near)));
            if (options.bufferDistance > 0) {
                hazardUnion =
                    geos::buffer(*hazardUnion, options.bufferDistance, options.quadrantSegments);
            }
            remainder = geos::difference(*village, *hazardUnion);
        }
        if (allowed) {
            remainder = geos::intersection(*remainder, *allowed);
        }
        for (auto& piece : geos::polygons(*remainder)) {
            const double area = geos::measure(*piece, 2);
            if (area < options.minimumArea || area <= 0) {
                continue;
            }
            SafeAreaPart part;
            part.village = index;
            part.area = area;
            part.nearestSettlement =
                nearestPoint(*piece, input.settlements, settlementIndex, settlementBounds);
            part.wkb = geometryToWkb(*piece);
            parts.push_back(std::move(part));
        }
        return parts;
    }
};

/// Competition ranks ("1 2 2 4") of the values in the given order; equal within 1e-9
/// relative share a rank.
template <typename Less, typename Value>
std::vector<std::size_t> ranks(std::size_t n, Less less, Value value)
{
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), less);
    std::vector<std::size_t> rankOf(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double v = value(order[i]);
        const double previous = i > 0 ? value(order[i - 1]) : 0;
        const bool tie =
            i > 0 && (v == previous || std::fabs(v - previous) <=
                                           1e-9 * std::max(std::fabs(v), std::fabs(previous)));
        rankOf[order[i]] = tie ? rankOf[order[i - 1]] : i + 1;
    }
    return rankOf;
}

/// Ranks 1..n by (area rank + distance rank), ties to the larger part.
void rank(std::vector<SafeAreaPart*>& parts, std::uint32_t SafeAreaPart::*field)
{
    const std::size_t n = parts.size();
    const auto areaRank = ranks(
        n,
        [&](std::size_t a, std::size_t b) { return parts[a]->area > parts[b]->area; },
        [&](std::size_t i) { return parts[i]->area; });
    const auto distanceRank = ranks(
        n,
        [&](std::size_t a, std::size_t b) {
            return parts[a]->nearestSettlement < parts[b]->nearestSettlement;
        },
        [&](std::size_t i) { return parts[i]->nearestSettlement; });
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto scoreA = areaRank[a] + distanceRank[a];
        const auto scoreB = areaRank[b] + distanceRank[b];
        if (scoreA != scoreB) {
            return scoreA < scoreB;
        }
        return parts[a]->area > parts[b]->area;
    });
    for (std::size_t i = 0; i < n; ++i) {
        parts[order[i]]->*field = static_cast<std::uint32_t>(i + 1);
    }
}

} // namespace

SafeAreaResult findSafeAreas(const SafeAreaInput& input,
                             const SafeAreaOptions& options,
                             AnalysisFeedback* feedback)
{
    SafeAreaResult result;
    throwIfCanceled(feedback);

    // Hazards: read once here, repaired when invalid; workers read the (valid) WKB again.
    std::vector<std::vector<unsigned char>> hazards(input.hazards.size());
    std::vector<Envelope> hazardEnvelopes(input.hazards.size());
    for (std::uint32_t i = 0; i < input.hazards.size(); ++i) {
        try {
            auto geometry = geos::fromWkb(input.hazards[i], "hazard " + std::to_string(i));
            if (geos::isEmpty(*geometry)) {
                continue;
            }
            const char valid = GEOSisValid_r(geosContext(), geometry.get());
            if (valid != 1) {
                geometry = geos::makeValid(std::move(geometry));
                hazards[i] = geometryToWkb(*geometry);
            } else {
                hazards[i] = input.hazards[i];
            }
            hazardEnvelopes[i] = geos::envelope(*geometry);
        } catch (const GeosError& error) {
            result.hazardProblems.push_back({i, error.what()});
            hazards[i].clear();
        }
    }
    const EnvelopeIndex hazardIndex(hazardEnvelopes);

    std::vector<Envelope> pointEnvelopes;
    pointEnvelopes.reserve(input.settlements.size());
    Envelope settlementBounds;
    for (const auto& p : input.settlements) {
        pointEnvelopes.push_back(Envelope::ofPoint(p.x, p.y));
        settlementBounds.include(pointEnvelopes.back());
    }
    const EnvelopeIndex settlementIndex(pointEnvelopes);

    const Worker worker{input, options, hazards, hazardIndex, settlementIndex, settlementBounds};
    const std::size_t villageCount = input.villages.size();
    std::vector<std::vector<SafeAreaPart>> perVillage(villageCount);
    std::vector<std::string> villageErrors(villageCount);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
    std::mutex errorMutex;
    std::exception_ptr failure;

    auto work = [&](bool reportsProgress) {
        try {
            GeosGeometry allowed;
            if (!input.allowed.empty()) {
                allowed = geos::makeValid(geos::fromWkb(input.allowed, "allowed area"));
            }
            while (!stop.load()) {
                const std::size_t i = next.fetch_add(1);
                if (i >= villageCount) {
                    break;
                }
                if (feedback && feedback->isCanceled()) {
                    stop.store(true);
                    break;
                }
                try {
                    perVillage[i] = worker.village(static_cast<std::uint32_t>(i), allowed.get());
                } catch (const GeosError& error) {
                    villageErrors[i] = error.what();
                } catch (const ProjError& error) {
                    villageErrors[i] = error.what();
                }
                const std::size_t finished = done.fetch_add(1) + 1;
                if (reportsProgress && feedback) {
                    feedback->setProgress(100.0 * static_cast<double>(finished) /
                                          static_cast<double>(villageCount));
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(errorMutex);
            if (!failure) {
                failure = std::current_exception();
            }
            stop.store(true);
        }
    };

    unsigned threadCount = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                               : std::min(8u, std::thread::hardware_concurrency());
    threadCount =
        std::max(1u, std::min<unsigned>(threadCount, static_cast<unsigned>(villageCount)));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < threadCount; ++t) {
        threads.emplace_back(work, false);
    }
    work(true);
    for (auto& thread : threads) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    throwIfCanceled(feedback);

    for (std::uint32_t i = 0; i < villageCount; ++i) {
        if (!villageErrors[i].empty()) {
            result.villageProblems.push_back({i, villageErrors[i]});
        }
        for (auto& part : perVillage[i]) {
            result.parts.push_back(std::move(part));
        }
    }
    std::vector<SafeAreaPart*> all;
    all.reserve(result.parts.size());
    for (auto& part : result.parts) {
        all.push_back(&part);
    }
    rank(all, &SafeAreaPart::rank);
    std::vector<std::vector<SafeAreaPart*>> byVillage(villageCount);
    for (auto& part : result.parts) {
        byVillage[part.village].push_back(&part);
    }
    for (auto& list : byVillage) {
        rank(list, &SafeAreaPart::villageRank);
    }
    std::sort(result.parts.begin(), result.parts.end(), [](const auto& a, const auto& b) {
        return a.rank < b.rank;
    });
    return result;
}

} // namespace geo
