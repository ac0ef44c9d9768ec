#include "geo/analysis/capacity_assignment.h"
#include "geo/analysis/evacuation_plan.h"
#include "geo/analysis/feedback.h"

#include <queue>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

using geo::EvacuationPlan;
using geo::EvacuationSettlement;
using geo::EvacuationSite;
using geo::PlanarPoint;
using geo::PlanarPolygon;
using geo::RoadLine;

namespace {

constexpr double X0 = 400000, Y0 = 9030000;
constexpr double infinity = std::numeric_limits<double>::infinity();

/// A synthetic town drawn like OSM data: long east-west streets crossing north-south streets
/// without shared vertices (only some north-south pieces end exactly on a street), with gaps.
/// The reference graph is built from the grid's own definition, not by noding.
struct Town
{
    int columns = 0, rows = 0;
    double spacing = 120;
    std::vector<RoadLine> lines;
    /// Grid links present: horizontal (r, c)-(r, c+1) and vertical (r, c)-(r+1, c).
    std::vector<std::vector<bool>> horizontal, vertical;

    PlanarPoint node(int r, int c) const { return {X0 + c * spacing, Y0 + r * spacing}; }
};

Town makeTown(std::mt19937& random, int columns, int rows)
{
    Town town;
    town.columns = columns;
    town.rows = rows;
    town.horizontal.assign(rows, std::vector<bool>(columns - 1, true));
    town.vertical.assign(rows - 1, std::vector<bool>(columns, false));
    // Streets east-west: whole rows with vertices only at their ends and now and then between
    // junctions, so north-south streets cross them inside a segment.
    for (int r = 0; r < rows; ++r) {
        RoadLine street;
        street.points.push_back(town.node(r, 0));
        for (int c = 0; c + 1 < columns; ++c) {
            if (random() % 3 == 0) {
                const auto a = town.node(r, c);
                street.points.push_back({a.x + town.spacing * 0.37, a.y});
            }
        }
        street.points.push_back(town.node(r, columns - 1));
        town.lines.push_back(std::move(street));
    }
    // Streets north-south: pieces spanning several rows, crossing the streets in between.
    for (int c = 0; c < columns; ++c) {
        int r = 0;
        while (r + 1 < rows) {
            if (random() % 5 == 0) {
                ++r; // a gap
                continue;
            }
            const int span = 1 + int(random() % 4);
            const int end = std::min(rows - 1, r + span);
            town.lines.push_back({{town.node(r, c), town.node(end, c)}, 0});
            for (int k = r; k < end; ++k) {
                town.vertical[k][c] = true;
            }
            r = end;
        }
    }
    return town;
}

/// Reference: settlements joined to the nearest grid link (by brute force), then a plain
/// Dijkstra from every site, one site at a time: the distance from every settlement to every
/// site (infinity when unreachable), walks to and from the road included.
std::vector<std::vector<double>>
referenceTable(const Town& town,
               const std::vector<EvacuationSettlement>& settlements,
               const std::vector<EvacuationSite>& sites,
               double maxSnap)
{
    struct Link
    {
        PlanarPoint a, b;
        int na, nb;
    };
    std::vector<Link> links;
    const int gridNodes = town.rows * town.columns;
    auto id = [&](int r, int c) { return r * town.columns + c; };
    for (int r = 0; r < town.rows; ++r) {
        for (int c = 0; c < town.columns; ++c) {
            if (c + 1 < town.columns && town.horizontal[r][c]) {
                links.push_back({town.node(r, c), town.node(r, c + 1), id(r, c), id(r, c + 1)});
            }
            if (r + 1 < town.rows && town.vertical[r][c]) {
                links.push_back({town.node(r, c), town.node(r + 1, c), id(r, c), id(r + 1, c)});
            }
        }
    }
    // Join every point to its nearest link: a new node with two half-links.
    std::vector<std::vector<std::pair<int, double>>> adjacent(gridNodes);
    std::vector<std::vector<std::pair<double, int>>> onLink(links.size());
    std::vector<int> nodeOf;
    std::vector<double> snap;
    std::vector<PlanarPoint> all;
    for (const auto& s : settlements) {
        all.push_back(s.location);
    }
    for (const auto& s : sites) {
        all.push_back(s.location);
    }
    for (const auto& p : all) {
        double best = infinity, bestT = 0;
        int bestLink = -1;
        for (std::size_t l = 0; l < links.size(); ++l) {
            const auto& [a, b, na, nb] = links[l];
            const double dx = b.x - a.x, dy = b.y - a.y;
            const double t =
                std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
            const double d = std::hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
            if (d < best) {
                best = d;
                bestT = t;
                bestLink = int(l);
            }
        }
        if (best > maxSnap) {
            nodeOf.push_back(-1);
            snap.push_back(0);
            continue;
        }
        const int node = int(adjacent.size());
        adjacent.emplace_back();
        nodeOf.push_back(node);
        snap.push_back(best);
        onLink[bestLink].push_back({bestT, node});
    }
    for (std::size_t l = 0; l < links.size(); ++l) {
        const double len = std::hypot(links[l].b.x - links[l].a.x, links[l].b.y - links[l].a.y);
        auto stops = onLink[l];
        std::sort(stops.begin(), stops.end());
        int previous = links[l].na;
        double previousT = 0;
        for (const auto& [t, node] : stops) {
            adjacent[previous].push_back({node, (t - previousT) * len});
            adjacent[node].push_back({previous, (t - previousT) * len});
            previous = node;
            previousT = t;
        }
        adjacent[previous].push_back({links[l].nb, (1 - previousT) * len});
        adjacent[links[l].nb].push_back({previous, (1 - previousT) * len});
    }
    std::vector<std::vector<double>> table(settlements.size(),
                                           std::vector<double>(sites.size(), infinity));
    for (std::size_t t = 0; t < sites.size(); ++t) {
        const int source = nodeOf[settlements.size() + t];
        if (source < 0) {
            continue;
        }
        std::vector<double> distance(adjacent.size(), infinity);
        using Item = std::pair<double, int>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
        distance[source] = snap[settlements.size() + t];
        queue.push({distance[source], source});
        while (!queue.empty()) {
            const auto [d, n] = queue.top();
            queue.pop();
            if (d > distance[n]) {
                continue;
            }
            for (const auto& [next, w] : adjacent[n]) {
                if (d + w < distance[next]) {
                    distance[next] = d + w;
                    queue.push({d + w, next});
                }
            }
        }
        for (std::size_t s = 0; s < settlements.size(); ++s) {
            if (nodeOf[s] >= 0) {
                table[s][t] = distance[nodeOf[s]] + snap[s];
            }
        }
    }
    return table;
}

std::vector<double> nearestOf(const std::vector<std::vector<double>>& table)
{
    std::vector<double> nearest;
    for (const auto& row : table) {
        nearest.push_back(*std::min_element(row.begin(), row.end()));
    }
    return nearest;
}

struct SyntheticTown
{
    Town town;
    std::vector<EvacuationSettlement> settlements;
    std::vector<EvacuationSite> sites;
};

SyntheticTown syntheticTown(unsigned seed)
{
    std::mt19937 random(seed);
    SyntheticTown t;
    t.town = makeTown(random, 16, 12);
    std::uniform_real_distribution<double> x(X0 - 30, X0 + 15 * 120 + 30);
    std::uniform_real_distribution<double> y(Y0 - 30, Y0 + 11 * 120 + 30);
    for (int i = 0; i < 300; ++i) {
        t.settlements.push_back({{x(random), y(random)}, std::int64_t(random() % 400)});
    }
    for (int i = 0; i < 9; ++i) {
        t.sites.push_back({{x(random), y(random)}, std::int64_t(random() % 6000), -1});
    }
    t.sites[2].capacity = 0;                         // closed
    t.sites[5].capacity = -1;                        // unknown: unlimited
    t.sites[5].location = {X0 + 15 * 120 + 400, Y0}; // beyond the snapping distance
    return t;
}

} // namespace

TEST(EvacuationPlan, MinimumNeedsFollowPerkaBnpb7of2008)
{
    const auto needs = geo::minimumNeeds(100);
    EXPECT_DOUBLE_EQ(needs.riceKg, 280.0);
    EXPECT_DOUBLE_EQ(needs.drinkingWaterLitres, 1750.0);
    EXPECT_DOUBLE_EQ(needs.cleanWaterLitres, 6700.0);
    EXPECT_EQ(needs.toilets, 5);
    EXPECT_DOUBLE_EQ(needs.shelterM2, 350.0);
    EXPECT_EQ(geo::minimumNeeds(21).toilets, 2);
    EXPECT_EQ(geo::minimumNeeds(0).toilets, 0);
}

TEST(EvacuationPlan, SyntheticTownMatchesPlainDijkstraAndRespectsCapacity)
{
    const auto [town, settlements, sites] = syntheticTown(42);
    geo::EvacuationOptions options;
    options.maxSnapDistanceM = 200;
    options.sitesPerNode = 3;
    const auto plan = geo::planEvacuation(town.lines, {}, settlements, sites, options);
    const auto reference =
        nearestOf(referenceTable(town, settlements, sites, options.maxSnapDistanceM));

    EXPECT_GT(plan.graph.crossings, 20u); // the OSM-style crossings were noded
    EXPECT_FALSE(plan.sites[5].attachment.attached);
    int compared = 0;
    std::int64_t reachablePopulation = 0;
    for (std::size_t s = 0; s < settlements.size(); ++s) {
        const auto& result = plan.settlements[s];
        if (reference[s] == infinity) {
            EXPECT_EQ(result.nearestSite, -1);
            continue;
        }
        ASSERT_GE(result.nearestSite, 0) << s;
        EXPECT_NEAR(result.nearestDistanceM, reference[s], 1e-3) << "settlement " << s;
        reachablePopulation += result.population;
        ++compared;
    }
    EXPECT_GT(compared, 250);

    // Capacity respected; totals add up; every route walks its reported distance.
    std::vector<std::int64_t> taken(sites.size(), 0), placed(settlements.size(), 0);
    for (const auto& route : plan.routes) {
        taken[route.site] += route.people;
        placed[route.settlement] += route.people;
        ASSERT_GE(route.line.size(), 2u);
        EXPECT_NEAR(route.line.front().x, settlements[route.settlement].location.x, 1e-9);
        EXPECT_NEAR(route.line.back().y, sites[route.site].location.y, 1e-9);
        double walked = 0;
        for (std::size_t i = 1; i < route.line.size(); ++i) {
            walked += std::hypot(route.line[i].x - route.line[i - 1].x,
                                 route.line[i].y - route.line[i - 1].y);
        }
        EXPECT_NEAR(walked, route.distanceM, 1e-6);
        EXPECT_GE(route.distanceM + 1e-9, plan.settlements[route.settlement].nearestDistanceM);
    }
    for (std::size_t t = 0; t < sites.size(); ++t) {
        EXPECT_EQ(taken[t], plan.sites[t].assigned);
        if (sites[t].capacity >= 0) {
            EXPECT_LE(taken[t], sites[t].capacity);
        }
    }
    EXPECT_EQ(plan.sites[2].assigned, 0);
    // The town is one connected network: people are left without a place only when every
    // site on it is full.
    if (plan.noRoom > 0) {
        for (std::size_t t = 0; t < sites.size(); ++t) {
            if (plan.sites[t].attachment.attached) {
                EXPECT_EQ(plan.sites[t].assigned, std::max<std::int64_t>(sites[t].capacity, 0));
            }
        }
    }
    EXPECT_GE(plan.rounds, 1);
    for (std::size_t s = 0; s < settlements.size(); ++s) {
        EXPECT_EQ(placed[s], plan.settlements[s].assigned);
        EXPECT_EQ(plan.settlements[s].assigned + plan.settlements[s].unplaced,
                  plan.settlements[s].population);
    }
    EXPECT_EQ(plan.assigned + plan.noRoom, reachablePopulation);
    EXPECT_EQ(plan.assigned + plan.noRoom + plan.unreachable, plan.population);
}

TEST(EvacuationPlan, PlacesPeopleExactlyInArrivalOrder)
{
    // The plan's placing search against the rule applied the plain way to a full table of
    // distances (geo::assignInArrivalOrder with every site a candidate).
    for (unsigned seed : {1u, 2u, 3u}) {
        const auto [town, settlements, sites] = syntheticTown(seed);
        geo::EvacuationOptions options;
        options.maxSnapDistanceM = 200;
        options.sitesPerNode = sites.size();
        const auto plan = geo::planEvacuation(town.lines, {}, settlements, sites, options);
        const auto table = referenceTable(town, settlements, sites, options.maxSnapDistanceM);
        std::vector<std::int64_t> demand, capacity;
        std::vector<std::vector<double>> distances;
        for (std::size_t s = 0; s < settlements.size(); ++s) {
            demand.push_back(settlements[s].population);
            distances.emplace_back();
            for (double d : table[s]) {
                distances.back().push_back(d == infinity ? -1.0 : d);
            }
        }
        for (const auto& site : sites) {
            capacity.push_back(site.capacity);
        }
        std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> expected, actual;
        for (const auto& a : geo::assignInArrivalOrder(demand, capacity, distances, sites.size())) {
            expected[{a.settlement, a.site}] += a.people;
        }
        for (const auto& route : plan.routes) {
            actual[{route.settlement, route.site}] += route.people;
        }
        EXPECT_EQ(actual, expected) << "seed " << seed;
        // With a small k per node the plan may differ, but never in totals or capacity.
        options.sitesPerNode = 2;
        const auto small = geo::planEvacuation(town.lines, {}, settlements, sites, options);
        EXPECT_EQ(small.assigned, plan.assigned);
    }
}

TEST(EvacuationPlan, ClosedRoadInHighZoneForcesADetour)
{
    // Settlement west, site east; the direct road crosses a tinggi zone, a detour goes north.
    std::vector<RoadLine> roads = {
        {{{X0, Y0}, {X0 + 1000, Y0}}, 0},
        {{{X0 + 100, Y0}, {X0 + 100, Y0 + 300}, {X0 + 900, Y0 + 300}, {X0 + 900, Y0}}, 0},
    };
    PlanarPolygon zone;
    zone.rings.push_back(
        {{X0 + 400, Y0 - 50}, {X0 + 600, Y0 - 50}, {X0 + 600, Y0 + 50}, {X0 + 400, Y0 + 50}});
    const std::vector<EvacuationSettlement> settlements = {
        {{X0, Y0 - 10}, 50},       // outside: must go round
        {{X0 + 500, Y0 + 20}, 70}, // inside: walks out east
    };
    const std::vector<EvacuationSite> sites = {{{X0 + 1000, Y0 + 5}, 1000, 100}};
    const auto open = geo::planEvacuation(roads, {}, settlements, sites);
    EXPECT_NEAR(open.settlements[0].nearestDistanceM, 10 + 1000 + 5, 1e-6);
    const auto closed = geo::planEvacuation(roads, {zone}, settlements, sites);
    EXPECT_NEAR(closed.settlements[0].nearestDistanceM, 10 + 100 + 300 + 800 + 300 + 100 + 5, 1e-6);
    EXPECT_NEAR(closed.settlements[1].nearestDistanceM, 20 + 500 + 5, 1e-6);
    EXPECT_EQ(closed.graph.zoneEdges, 1u);
    EXPECT_EQ(closed.throughZone, 0u);
    EXPECT_EQ(closed.settlements[1].nearestEnteredZoneM, 0.0);
    ASSERT_EQ(closed.routes.size(), 2u);
    EXPECT_NEAR(closed.routes[1].zoneM, 100.0, 1e-6); // walked out of the zone: 500 -> 600
    EXPECT_EQ(closed.routes[1].enteredZoneM, 0.0);
    // The needs of the site: 120 people.
    EXPECT_EQ(closed.sites[0].assigned, 120);
    EXPECT_DOUBLE_EQ(closed.sites[0].needs.riceKg, 120 * 2.8);
    EXPECT_EQ(closed.sites[0].needs.toilets, 6);
    EXPECT_DOUBLE_EQ(closed.sites[0].shelterShortfallM2, 120 * 3.5 - 100);
}

TEST(EvacuationPlan, SettlementCutOffByAZoneGetsTheLeastExposedRoute)
{
    // The only road to the site crosses a 200 m wide tinggi zone.
    std::vector<RoadLine> roads = {{{{X0, Y0}, {X0 + 1000, Y0}}, 0}};
    PlanarPolygon zone;
    zone.rings.push_back(
        {{X0 + 400, Y0 - 50}, {X0 + 600, Y0 - 50}, {X0 + 600, Y0 + 50}, {X0 + 400, Y0 + 50}});
    const auto plan = geo::planEvacuation(
        roads, {zone}, {{{X0 + 10, Y0 - 60}, 30}}, {{{X0 + 1000, Y0}, 100, -1}});
    const auto& s = plan.settlements[0];
    EXPECT_EQ(s.status, EvacuationPlan::Status::Served);
    EXPECT_NEAR(s.nearestDistanceM, 60 + 990, 1e-6);
    EXPECT_NEAR(s.nearestEnteredZoneM, 200, 1e-6);
    EXPECT_EQ(plan.throughZone, 1u);
    ASSERT_EQ(plan.routes.size(), 1u);
    EXPECT_NEAR(plan.routes[0].zoneM, 200, 1e-6);
    EXPECT_NEAR(plan.routes[0].enteredZoneM, 200, 1e-6);
}

TEST(EvacuationPlan, DisconnectedAndRoadlessSettlementsAreUnreachable)
{
    std::vector<RoadLine> roads = {
        {{{X0, Y0}, {X0 + 500, Y0}}, 0},
        {{{X0, Y0 + 2000}, {X0 + 500, Y0 + 2000}}, 0}, // an island road without a site
    };
    const std::vector<EvacuationSettlement> settlements = {
        {{X0 + 100, Y0 + 30}, 10},
        {{X0 + 100, Y0 + 2030}, 20},
        {{X0 + 100, Y0 + 1000}, 40},
    };
    const std::vector<EvacuationSite> sites = {{{X0 + 400, Y0}, 5, -1}};
    const auto plan = geo::planEvacuation(roads, {}, settlements, sites);
    EXPECT_EQ(plan.settlements[0].status, EvacuationPlan::Status::PartlyServed);
    EXPECT_EQ(plan.settlements[0].assigned, 5);
    EXPECT_EQ(plan.settlements[1].status, EvacuationPlan::Status::NoSiteReachable);
    EXPECT_EQ(plan.settlements[2].status, EvacuationPlan::Status::NoRoad);
    EXPECT_EQ(plan.unreachable, 60);
    EXPECT_EQ(plan.noRoom, 5);
    EXPECT_EQ(plan.assigned, 5);
    EXPECT_EQ(plan.sites[0].nearestDemand, 10);
    EXPECT_EQ(plan.sites[0].overload, 5);
    ASSERT_EQ(plan.routes.size(), 1u);
    EXPECT_NEAR(plan.routes[0].distanceM, 30 + 300, 1e-9);
}

TEST(EvacuationPlan, CancelThrows)
{
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    std::vector<RoadLine> roads = {{{{X0, Y0}, {X0 + 500, Y0}}, 0}};
    EXPECT_THROW(
        geo::planEvacuation(roads, {}, {{{X0, Y0}, 1}}, {{{X0, Y0}, 1, -1}}, {}, &feedback),
        geo::AnalysisCanceled);
}
