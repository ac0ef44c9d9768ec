#include "geo/analysis/service_coverage.h"

#include "geo/analysis/envelope_index.h"
#include "geo/analysis/feedback.h"
#include "geo/analysis/shortest_paths.h"

#include <algorithm>
#include <cmath>

namespace geo {

namespace {

Envelope envelopeOf(const PlanarGeometry& geometry)
{
    Envelope box;
    for (const auto& part : geometry.parts) {
        for (const auto& p : part) {
            box.include(Envelope::ofPoint(p.x, p.y));
        }
    }
    return box;
}

void straightLine(const std::vector<PlanarPoint>& settlements,
                  const std::vector<PlanarGeometry>& services,
                  const ServiceCoverageOptions& options,
                  const AnalysisFeedback* feedback,
                  ServiceCoverage& result)
{
    std::vector<Envelope> boxes;
    boxes.reserve(services.size());
    Envelope all;
    for (const auto& service : services) {
        boxes.push_back(envelopeOf(service));
        if (!boxes.back().isEmpty()) {
            all.include(boxes.back());
        }
    }
    const EnvelopeIndex index(boxes);
    std::vector<std::uint32_t> candidates;
    const double start = std::max(options.maxDistanceM, 1.0);
    for (std::size_t i = 0; i < settlements.size(); ++i) {
        if ((i & 0x3FF) == 0) {
            throwIfCanceled(feedback);
        }
        auto& s = result.settlements[i];
        const PlanarPoint& p = settlements[i];
        if (all.isEmpty()) {
            s.status = ServiceCoverage::Status::NoServiceReachable;
            continue;
        }
        Envelope span = all;
        span.include(Envelope::ofPoint(p.x, p.y));
        const double reach = (span.maxX - span.minX) + (span.maxY - span.minY);
        // Growing searches: every service nearer than `radius` is a candidate of the search.
        for (double radius = start;; radius *= 4) {
            candidates.clear();
            index.query(Envelope::ofPoint(p.x, p.y).expanded(radius), candidates);
            for (const auto k : candidates) {
                const double d = distance(services[k], p);
                if (d < s.distanceM) {
                    s.distanceM = d;
                    s.nearestService = static_cast<int>(k);
                }
            }
            if (s.distanceM <= radius || radius > reach) {
                break;
            }
        }
        s.status = s.distanceM <= options.maxDistanceM ? ServiceCoverage::Status::Covered
                                                       : ServiceCoverage::Status::Beyond;
    }
}

void network(const std::vector<PlanarPoint>& settlements,
             const std::vector<PlanarGeometry>& services,
             const std::vector<RoadLine>& roads,
             const ServiceCoverageOptions& options,
             const AnalysisFeedback* feedback,
             ServiceCoverage& result)
{
    auto graph = RoadGraph::build(roads, {}, options.graph, feedback);
    std::vector<PlanarPoint> points = settlements;
    for (const auto& service : services) {
        points.push_back(centroid(service));
    }
    const auto attachments = graph.attach(points, options.maxSnapDistanceM, feedback);
    result.graph = graph.stats();
    std::vector<PathSource> sources;
    for (std::size_t t = 0; t < services.size(); ++t) {
        const auto& attachment = attachments[settlements.size() + t];
        if (attachment.attached && !services[t].parts.empty()) {
            sources.push_back(
                {attachment.node, attachment.distance, static_cast<std::uint32_t>(t)});
        }
    }
    result.servicesOnNetwork = sources.size();
    const NearestSites search(graph, sources, 1, ZoneRule::Ignore, feedback);
    for (std::size_t i = 0; i < settlements.size(); ++i) {
        auto& s = result.settlements[i];
        const auto& attachment = attachments[i];
        if (!attachment.attached) {
            s.status = ServiceCoverage::Status::NoRoad;
            continue;
        }
        s.roadDistanceM = attachment.distance;
        const auto nearest = search.nearest(attachment.node, false);
        if (nearest.empty()) {
            s.status = ServiceCoverage::Status::NoServiceReachable;
            continue;
        }
        s.nearestService = static_cast<int>(nearest.front().site);
        s.distanceM = nearest.front().distance + attachment.distance;
        s.status = s.distanceM <= options.maxDistanceM ? ServiceCoverage::Status::Covered
                                                       : ServiceCoverage::Status::Beyond;
    }
}

} // namespace

ServiceCoverage serviceCoverage(const std::vector<PlanarPoint>& settlements,
                                const std::vector<PlanarGeometry>& services,
                                const std::vector<RoadLine>& roads,
                                const ServiceCoverageOptions& options,
                                const AnalysisFeedback* feedback)
{
    ServiceCoverage result;
    result.settlements.resize(settlements.size());
    if (options.overNetwork) {
        network(settlements, services, roads, options, feedback, result);
    } else {
        straightLine(settlements, services, options, feedback, result);
    }
    return result;
}

} // namespace geo
