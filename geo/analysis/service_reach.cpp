#include "geo/analysis/service_reach.h"

#include "geo/analysis/envelope_index.h"
#include "geo/analysis/feedback.h"
#include "geo/analysis/shortest_paths.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace geo {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

double segmentDistance(const PlanarPoint& p, const PlanarPoint& a, const PlanarPoint& b)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double lengthSquared = dx * dx + dy * dy;
    double t = 0;
    if (lengthSquared > 0) {
        t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared, 0.0, 1.0);
    }
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

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

/// Stops a single-site search once the labels settle beyond the distance.
class StopBeyond : public NearestSites::Observer
{
public:
    explicit StopBeyond(double limit) : m_limit(limit) {}
    bool isLive(std::uint32_t) const override { return true; }
    void settled(std::uint32_t node, bool, const NearestSites::Reach& reach) override
    {
        if (reach.distance > m_limit) {
            m_done = true;
        } else {
            reached.emplace_back(node, reach.distance);
        }
    }
    bool isDone() const override { return m_done; }

    std::vector<std::pair<std::uint32_t, double>> reached;

private:
    double m_limit;
    bool m_done = false;
};

} // namespace

double distanceTo(const PlanarGeometry& geometry, const PlanarPoint& point)
{
    if (geometry.kind == PlanarGeometry::Kind::Polygon) {
        for (const auto& polygon : geometry.polygons()) {
            if (contains(polygon, point)) {
                return 0;
            }
        }
    }
    double best = infinity;
    for (const auto& part : geometry.parts) {
        if (part.size() == 1) {
            best = std::min(best, std::hypot(point.x - part[0].x, point.y - part[0].y));
            continue;
        }
        for (std::size_t i = 0; i + 1 < part.size(); ++i) {
            best = std::min(best, segmentDistance(point, part[i], part[i + 1]));
        }
        if (geometry.kind == PlanarGeometry::Kind::Polygon && part.size() > 2) {
            best = std::min(best, segmentDistance(point, part.back(), part.front()));
        }
    }
    return best;
}

ServiceReach findServiceReach(const std::vector<ServiceSite>& sites,
                              const std::vector<ServiceTarget>& targets,
                              const std::vector<RoadLine>& roads,
                              const ServiceReachOptions& options,
                              const AnalysisFeedback* feedback)
{
    ServiceReach reach;
    const double limit = options.maxDistance;
    reach.nearest.assign(targets.size(), infinity);
    reach.nearestSite.assign(targets.size(), -1);
    reach.siteOnRoad.assign(sites.size(), 0);
    reach.targetOnRoad.assign(targets.size(), 0);

    // The road graph, with every site and target anchor attached.
    const bool network = options.network && !roads.empty();
    RoadGraph graph;
    std::vector<GraphAttachment> siteAt, targetAt;
    if (network) {
        graph = RoadGraph::build(roads, {}, options.graph, feedback);
        std::vector<PlanarPoint> points;
        for (const auto& site : sites) {
            points.push_back(site.location);
        }
        for (const auto& target : targets) {
            points.push_back(target.anchor);
        }
        auto attached = graph.attach(points, options.maxSnapDistance, feedback);
        siteAt.assign(attached.begin(), attached.begin() + static_cast<long>(sites.size()));
        targetAt.assign(attached.begin() + static_cast<long>(sites.size()), attached.end());
        for (std::size_t s = 0; s < sites.size(); ++s) {
            reach.siteOnRoad[s] = siteAt[s].attached ? 1 : 0;
        }
        for (std::size_t t = 0; t < targets.size(); ++t) {
            reach.targetOnRoad[t] = targetAt[t].attached ? 1 : 0;
        }
        reach.graph = graph.stats();
    }
    // A pair is measured along the roads when both ends are on the network and the site is
    // not on or in the target; otherwise in a straight line.
    auto byRoad = [&](std::size_t s, std::size_t t, double straight) {
        return network && siteAt[s].attached && targetAt[t].attached && straight > 0;
    };

    std::vector<Envelope> boxes;
    boxes.reserve(targets.size());
    for (const auto& target : targets) {
        boxes.push_back(envelopeOf(target.geometry));
    }
    const EnvelopeIndex index(boxes);
    // Targets by the node their anchor joins.
    std::unordered_multimap<std::uint32_t, std::uint32_t> targetsAtNode;
    if (network) {
        for (std::uint32_t t = 0; t < targets.size(); ++t) {
            if (targetAt[t].attached) {
                targetsAtNode.emplace(targetAt[t].node, t);
            }
        }
    }

    std::unordered_map<std::uint32_t, ServicePair> found;
    std::vector<std::uint32_t> candidates;
    for (std::uint32_t s = 0; s < sites.size(); ++s) {
        throwIfCanceled(feedback);
        const auto& site = sites[s];
        found.clear();
        candidates.clear();
        index.query(Envelope::ofPoint(site.location.x, site.location.y).expanded(limit),
                    candidates);
        for (const auto t : candidates) {
            if (targets[t].group != site.group) {
                continue;
            }
            const double d = distanceTo(targets[t].geometry, site.location);
            if (d <= limit && !byRoad(s, t, d)) {
                found[t] = {s, t, d, false};
            }
        }
        if (network && siteAt[s].attached) {
            StopBeyond stop(limit - siteAt[s].distance);
            const NearestSites search(
                graph, {{siteAt[s].node, 0.0, 0}}, 1, ZoneRule::Ignore, feedback, &stop);
            for (const auto& [node, along] : stop.reached) {
                const auto [begin, end] = targetsAtNode.equal_range(node);
                for (auto it = begin; it != end; ++it) {
                    const auto t = it->second;
                    if (targets[t].group != site.group || found.count(t)) {
                        continue;
                    }
                    const double d = siteAt[s].distance + along + targetAt[t].distance;
                    if (d <= limit &&
                        byRoad(s, t, distanceTo(targets[t].geometry, site.location))) {
                        found[t] = {s, t, d, true};
                    }
                }
            }
        }
        const auto first = reach.pairs.size();
        for (const auto& [t, pair] : found) {
            reach.pairs.push_back(pair);
        }
        std::sort(reach.pairs.begin() + static_cast<long>(first),
                  reach.pairs.end(),
                  [](const ServicePair& a, const ServicePair& b) { return a.target < b.target; });
    }

    // Nearest site per target: straight line where a pair is not measured along the roads.
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> sitesOfGroup;
    for (std::uint32_t s = 0; s < sites.size(); ++s) {
        sitesOfGroup[sites[s].group].push_back(s);
    }
    for (std::uint32_t t = 0; t < targets.size(); ++t) {
        if ((t & 1023) == 0) {
            throwIfCanceled(feedback);
        }
        const auto it = sitesOfGroup.find(targets[t].group);
        if (it == sitesOfGroup.end()) {
            continue;
        }
        for (const auto s : it->second) {
            const double d = distanceTo(targets[t].geometry, sites[s].location);
            if (!byRoad(s, t, d) && d < reach.nearest[t]) {
                reach.nearest[t] = d;
                reach.nearestSite[t] = s;
            }
        }
    }
    // Along the roads: one search per group from all its sites on the network.
    if (network) {
        for (const auto& [group, members] : sitesOfGroup) {
            std::vector<PathSource> sources;
            for (const auto s : members) {
                if (siteAt[s].attached) {
                    sources.push_back({siteAt[s].node, siteAt[s].distance, s});
                }
            }
            if (sources.empty()) {
                continue;
            }
            const NearestSites search(graph, sources, 1, ZoneRule::Ignore, feedback);
            for (std::uint32_t t = 0; t < targets.size(); ++t) {
                if (targets[t].group != group || !targetAt[t].attached) {
                    continue;
                }
                const auto nearest = search.nearest(targetAt[t].node, false);
                if (nearest.empty()) {
                    continue;
                }
                const auto s = nearest.front().site;
                const double d = nearest.front().distance + targetAt[t].distance;
                // (A site on or in the target was counted at 0 above.)
                if (d < reach.nearest[t]) {
                    reach.nearest[t] = d;
                    reach.nearestSite[t] = s;
                }
            }
        }
    }
    return reach;
}

} // namespace geo
