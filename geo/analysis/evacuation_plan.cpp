#include "geo/analysis/evacuation_plan.h"

#include "geo/analysis/capacity_assignment.h"
#include "geo/analysis/feedback.h"

#include <queue>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <unordered_map>

namespace geo {

MinimumNeeds minimumNeeds(std::int64_t people, const MinimumNeedsRates& rates)
{
    MinimumNeeds needs;
    if (people <= 0) {
        return needs;
    }
    const double n = double(people);
    needs.riceKg = n * rates.riceKgPerWeek;
    needs.drinkingWaterLitres = n * rates.drinkingWaterLitresPerWeek;
    needs.cleanWaterLitres = n * rates.cleanWaterLitresPerWeek;
    needs.toilets = rates.peoplePerToilet > 0
                        ? static_cast<std::int64_t>(std::ceil(n / rates.peoplePerToilet))
                        : 0;
    needs.shelterM2 = n * rates.shelterM2PerPerson;
    return needs;
}

namespace {

class StageTimer
{
public:
    explicit StageTimer(std::vector<std::pair<std::string, double>>& timings) : m_timings(timings)
    {}
    void lap(const char* stage)
    {
        const auto now = std::chrono::steady_clock::now();
        m_timings.emplace_back(stage, std::chrono::duration<double>(now - m_last).count());
        m_last = now;
    }

private:
    std::vector<std::pair<std::string, double>>& m_timings;
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

/// Takes (settlement, site) pairs in arrival order as a search out of the sites with room
/// settles its labels, and places people; a site that fills stops the search's wave. A label
/// gives the cost from the settlement's road node; the pair's cost adds the settlement's own
/// walk to the road, so pairs wait in a queue until the search has passed their cost (no later
/// label can give a cheaper pair), then go in order.
class ArrivalWatcher : public NearestSites::Observer
{
public:
    ArrivalWatcher(ArrivalOrderAssignment& assignment,
                   const EvacuationPlan& plan,
                   const std::vector<std::uint32_t>& pending,
                   const std::vector<PathSource>& openSources,
                   bool zonePhases)
        : m_assignment(assignment), m_plan(plan)
    {
        for (auto i : pending) {
            const auto& attachment = plan.settlements[i].attachment;
            m_waiting[attachment.node].push_back({i, zonePhases && attachment.inZone});
        }
        m_unplaced = pending.size();
        std::vector<std::uint32_t> open;
        for (const auto& source : openSources) {
            open.push_back(source.site);
        }
        std::sort(open.begin(), open.end());
        m_openSites = std::size_t(std::unique(open.begin(), open.end()) - open.begin());
    }

    bool isLive(std::uint32_t site) const override { return m_assignment.isOpen(site); }
    void settled(std::uint32_t node, bool leavingZone, const NearestSites::Reach& reach) override
    {
        const auto found = m_waiting.find(node);
        if (found != m_waiting.end()) {
            for (const auto& [settlement, startsInZone] : found->second) {
                if (startsInZone == leavingZone && m_assignment.unplaced(settlement) > 0) {
                    const double walk = m_plan.settlements[settlement].attachment.distance;
                    m_pairs.push({reach.enteredZoneM, reach.distance + walk, settlement, reach});
                }
            }
        }
        release(reach.enteredZoneM, reach.distance);
    }
    bool isDone() const override { return m_unplaced == 0 || m_openSites == 0; }

    /// Places the pairs still waiting, once the search is over.
    void finish()
    {
        release(std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity());
    }

    const std::vector<std::pair<Allocation, NearestSites::Reach>>& made() const { return m_made; }

private:
    struct Pair
    {
        double entered = 0;
        double cost = 0; ///< metres including the settlement's walk to the road
        std::uint32_t settlement = 0;
        NearestSites::Reach reach;
    };
    struct Later
    {
        bool operator()(const Pair& a, const Pair& b) const
        {
            if (a.entered != b.entered) {
                return a.entered > b.entered;
            }
            if (a.cost != b.cost) {
                return a.cost > b.cost;
            }
            return a.settlement != b.settlement ? a.settlement > b.settlement
                                                : a.reach.site > b.reach.site;
        }
    };

    void release(double entered, double cost)
    {
        while (!m_pairs.empty()) {
            const auto& top = m_pairs.top();
            if (top.entered > entered || (top.entered == entered && top.cost > cost)) {
                break;
            }
            const Pair pair = top;
            m_pairs.pop();
            const auto site = pair.reach.site;
            if (m_assignment.unplaced(pair.settlement) == 0 || !m_assignment.isOpen(site)) {
                continue;
            }
            const auto allocation =
                m_assignment.place(pair.settlement, site, pair.reach.distance, pair.entered);
            if (allocation.people > 0) {
                m_made.emplace_back(allocation, pair.reach);
                if (m_assignment.unplaced(pair.settlement) == 0) {
                    --m_unplaced;
                }
                if (!m_assignment.isOpen(site)) {
                    --m_openSites;
                }
            }
        }
    }

    ArrivalOrderAssignment& m_assignment;
    const EvacuationPlan& m_plan;
    std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, bool>>> m_waiting;
    std::priority_queue<Pair, std::vector<Pair>, Later> m_pairs;
    std::size_t m_unplaced = 0;
    std::size_t m_openSites = 0;
    std::vector<std::pair<Allocation, NearestSites::Reach>> m_made;
};

void appendPoint(std::vector<PlanarPoint>& line, const PlanarPoint& p)
{
    if (line.empty() || line.back().x != p.x || line.back().y != p.y) {
        line.push_back(p);
    }
}

} // namespace

EvacuationPlan planEvacuation(const std::vector<RoadLine>& roads,
                              const std::vector<PlanarPolygon>& avoidZones,
                              const std::vector<EvacuationSettlement>& settlements,
                              const std::vector<EvacuationSite>& sites,
                              const EvacuationOptions& options,
                              AnalysisFeedback* feedback)
{
    EvacuationPlan plan;
    plan.walkingSpeedKmh = options.walkingSpeedKmh;
    StageTimer timer(plan.timings);
    auto progress = [&](double percent) {
        throwIfCanceled(feedback);
        if (feedback) {
            feedback->setProgress(percent);
        }
    };

    // 1. The road graph, and every settlement and site joined to it.
    auto graph = RoadGraph::build(roads, avoidZones, options.graph, feedback);
    timer.lap("graph");
    progress(35);
    std::vector<PlanarPoint> points;
    points.reserve(settlements.size() + sites.size());
    for (const auto& s : settlements) {
        points.push_back(s.location);
    }
    for (const auto& s : sites) {
        points.push_back(s.location);
    }
    const auto attachments = graph.attach(points, options.maxSnapDistanceM, feedback);
    plan.graph = graph.stats();
    plan.settlements.resize(settlements.size());
    plan.sites.resize(sites.size());
    for (std::size_t i = 0; i < settlements.size(); ++i) {
        auto& s = plan.settlements[i];
        s.attachment = attachments[i];
        s.population = std::max<std::int64_t>(settlements[i].population, 0);
        plan.population += s.population;
    }
    std::vector<PathSource> allSources;
    for (std::size_t t = 0; t < sites.size(); ++t) {
        auto& site = plan.sites[t];
        site.attachment = attachments[settlements.size() + t];
        site.capacity = sites[t].capacity < 0 ? -1 : sites[t].capacity;
        if (site.attachment.attached) {
            allSources.push_back(
                {site.attachment.node, site.attachment.distance, static_cast<std::uint32_t>(t)});
        }
    }
    timer.lap("attach");
    progress(45);

    // 2. The nearest site of every settlement, all in one pass.
    const std::size_t k = std::max<std::size_t>(options.sitesPerNode, 1);
    auto search = std::make_unique<NearestSites>(graph, allSources, 1, options.zoneRule, feedback);
    std::vector<std::int64_t> demand(settlements.size(), 0);
    for (std::uint32_t i = 0; i < settlements.size(); ++i) {
        auto& s = plan.settlements[i];
        if (!s.attachment.attached) {
            s.status = EvacuationPlan::Status::NoRoad;
            continue;
        }
        auto list = search->nearest(s.attachment.node, s.attachment.inZone);
        if (list.empty()) {
            s.status = EvacuationPlan::Status::NoSiteReachable;
            continue;
        }
        s.nearestSite = static_cast<int>(list.front().site);
        s.nearestDistanceM = list.front().distance + s.attachment.distance;
        s.nearestEnteredZoneM = list.front().enteredZoneM;
        if (s.nearestEnteredZoneM > 0) {
            ++plan.throughZone;
        }
        plan.sites[list.front().site].nearestDemand += s.population;
        demand[i] = s.population;
    }
    search.reset();
    timer.lap("nearest");
    progress(65);

    // 3. Places within capacity, in arrival order: a search out of every site with room
    // settles (site, node) labels by increasing cost, and each label that reaches a settlement
    // places its people at once (ArrivalWatcher); a site that fills stops spreading. A site
    // that fills can have kept another site's wave from passing a node (k places per node),
    // so the search is repeated from the sites still open until it places nobody.
    std::vector<std::int64_t> capacity;
    capacity.reserve(sites.size());
    for (const auto& site : plan.sites) {
        capacity.push_back(site.capacity);
    }
    ArrivalOrderAssignment assignment(demand, capacity);
    double routeSeconds = 0;
    auto addRoute = [&](const Allocation& allocation,
                        const NearestSites::Reach* reach,
                        const NearestSites& from) {
        const auto& settlement = plan.settlements[allocation.settlement];
        const auto& site = plan.sites[allocation.site];
        EvacuationPlan::Route route;
        route.settlement = allocation.settlement;
        route.site = allocation.site;
        route.people = allocation.people;
        route.distanceM = allocation.distance + settlement.attachment.distance;
        route.enteredZoneM = allocation.entered;
        route.round = allocation.round;
        appendPoint(route.line, settlements[allocation.settlement].location);
        appendPoint(route.line, settlement.attachment.point);
        if (reach) {
            for (const auto& step : from.path(*reach)) {
                const auto& edge = graph.edges()[step.edge];
                if (edge.inZone) {
                    route.zoneM += edge.length;
                }
                const auto shape = graph.shape(edge);
                if (step.forward) {
                    for (const auto& p : shape) {
                        appendPoint(route.line, p);
                    }
                } else {
                    for (auto it = shape.rbegin(); it != shape.rend(); ++it) {
                        appendPoint(route.line, *it);
                    }
                }
            }
        }
        appendPoint(route.line, site.attachment.point);
        appendPoint(route.line, sites[allocation.site].location);
        if (route.line.size() == 1) {
            route.line.push_back(route.line.front());
        }
        plan.routes.push_back(std::move(route));
    };
    const bool zonePhases = options.zoneRule == ZoneRule::ExitOnly && graph.hasZoneEdges();
    for (;;) {
        const auto pendingList = assignment.pending();
        std::vector<PathSource> openSources;
        for (const auto& source : allSources) {
            if (assignment.isOpen(source.site)) {
                openSources.push_back(source);
            }
        }
        if (pendingList.empty()) {
            break;
        }
        throwIfCanceled(feedback);
        ArrivalWatcher watcher(assignment, plan, pendingList, openSources, zonePhases);
        if (!openSources.empty()) {
            assignment.beginRound();
            const NearestSites arrivals(
                graph, openSources, k, options.zoneRule, feedback, &watcher);
            watcher.finish();
            const auto routeStart = std::chrono::steady_clock::now();
            for (const auto& [allocation, reach] : watcher.made()) {
                addRoute(allocation, &reach, arrivals);
            }
            routeSeconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - routeStart)
                    .count();
        }
        if (watcher.made().empty()) {
            // Nothing moved, so no site with room is reachable from what is left.
            for (auto i : pendingList) {
                assignment.giveUp(i);
            }
            break;
        }
    }
    plan.rounds = assignment.rounds();
    timer.lap("assignment");
    plan.timings.emplace_back("routes (part of assignment)", routeSeconds);
    progress(90);

    // 4. Totals, overloads and minimum needs.
    for (std::uint32_t i = 0; i < plan.settlements.size(); ++i) {
        auto& s = plan.settlements[i];
        if (s.nearestSite < 0) { // NoRoad or NoSiteReachable
            s.unplaced = s.population;
            plan.unreachable += s.population;
            continue;
        }
        s.unplaced = assignment.unplaced(i);
        s.assigned = s.population - s.unplaced;
        plan.assigned += s.assigned;
        plan.noRoom += s.unplaced;
        if (s.unplaced == 0) {
            s.status = EvacuationPlan::Status::Served;
        } else if (s.assigned > 0) {
            s.status = EvacuationPlan::Status::PartlyServed;
        } else {
            s.status = EvacuationPlan::Status::NoRoom;
        }
    }
    for (std::uint32_t t = 0; t < plan.sites.size(); ++t) {
        auto& site = plan.sites[t];
        site.assigned = assignment.assigned(t);
        if (site.capacity >= 0) {
            site.overload = std::max<std::int64_t>(0, site.nearestDemand - site.capacity);
        }
        site.needs = minimumNeeds(site.assigned, options.needs);
        if (sites[t].areaM2 >= 0) {
            site.shelterShortfallM2 = std::max(0.0, site.needs.shelterM2 - sites[t].areaM2);
        }
    }
    std::sort(plan.routes.begin(), plan.routes.end(), [](const auto& a, const auto& b) {
        return a.settlement != b.settlement ? a.settlement < b.settlement
                                            : a.distanceM < b.distanceM;
    });
    timer.lap("totals");
    progress(100);
    return plan;
}

} // namespace geo
