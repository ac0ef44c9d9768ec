#include "geo/analysis/capacity_assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

using geo::Allocation;
using geo::assignInArrivalOrder;

namespace {

/// The arrival-order rule written the plain way: every pair sorted by distance, once.
std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t>
referenceAssignment(const std::vector<std::int64_t>& demand,
                    const std::vector<std::int64_t>& capacity,
                    const std::vector<std::vector<double>>& distances)
{
    std::vector<std::tuple<double, std::uint32_t, std::uint32_t>> pairs;
    for (std::uint32_t s = 0; s < demand.size(); ++s) {
        for (std::uint32_t t = 0; t < capacity.size(); ++t) {
            if (distances[s][t] >= 0) {
                pairs.emplace_back(distances[s][t], s, t);
            }
        }
    }
    std::sort(pairs.begin(), pairs.end());
    auto left = demand;
    auto room = capacity;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> result;
    for (const auto& [d, s, t] : pairs) {
        const std::int64_t take = room[t] < 0 ? left[s] : std::min(left[s], room[t]);
        if (take > 0) {
            left[s] -= take;
            if (room[t] >= 0) {
                room[t] -= take;
            }
            result[{s, t}] += take;
        }
    }
    return result;
}

std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t>
asMap(const std::vector<Allocation>& allocations)
{
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> result;
    for (const auto& a : allocations) {
        result[{a.settlement, a.site}] += a.people;
    }
    return result;
}

} // namespace

TEST(ArrivalOrderAssignment, HandCheckedTwoSites)
{
    // Settlement 0 (100 people) is 50 m from site 0 (room 60) and 300 m from site 1.
    // Settlement 1 (30 people) is 80 m from site 0 and 100 m from site 1 (room 100).
    const auto made = assignInArrivalOrder({100, 30}, {60, 100}, {{50, 300}, {80, 100}}, 8);
    const auto m = asMap(made);
    EXPECT_EQ(m.at({0, 0}), 60); // the nearest people fill site 0 first
    EXPECT_EQ(m.at({1, 1}), 30); // site 0 is full when settlement 1 arrives
    EXPECT_EQ(m.at({0, 1}), 40); // the rest of settlement 0 walks on to site 1
    EXPECT_EQ(m.count({1, 0}), 0u);
}

TEST(ArrivalOrderAssignment, CapacityZeroSiteTakesNobody)
{
    const auto made = assignInArrivalOrder({10, 20}, {0, 50}, {{1, 10}, {2, 20}}, 8);
    for (const auto& a : made) {
        EXPECT_NE(a.site, 0u);
    }
    const auto m = asMap(made);
    EXPECT_EQ(m.at({0, 1}), 10);
    EXPECT_EQ(m.at({1, 1}), 20);
}

TEST(ArrivalOrderAssignment, UnlimitedSiteTakesEveryone)
{
    const auto made = assignInArrivalOrder({10, 20}, {-1, 5}, {{10, 1}, {20, 2}}, 8);
    const auto m = asMap(made);
    EXPECT_EQ(m.at({0, 1}), 5);
    EXPECT_EQ(m.at({0, 0}), 5);
    EXPECT_EQ(m.at({1, 0}), 20);
}

TEST(ArrivalOrderAssignment, UnreachableAndFullLeaveUnplaced)
{
    geo::ArrivalOrderAssignment assignment({10, 10, 0}, {5});
    const auto made = assignment.runRound({0, 1, 2}, {{{0, 1.0}}, {}, {{0, 1.0}}});
    ASSERT_EQ(made.size(), 1u);
    EXPECT_EQ(made[0].people, 5);
    EXPECT_EQ(assignment.unplaced(0), 5);
    EXPECT_TRUE(assignment.isGivenUp(1)); // nothing reachable
    EXPECT_FALSE(assignment.isOpen(0));
    // Next round: no site with room left, so settlement 0 is given up too.
    EXPECT_TRUE(assignment.runRound({0}, {{{0, 1.0}}}).empty());
    EXPECT_TRUE(assignment.pending().empty());
    EXPECT_EQ(assignment.unplaced(0), 5);
}

TEST(ArrivalOrderAssignment, RandomInstancesRespectCapacityAndMatchTheRule)
{
    std::mt19937 random(7);
    for (int instance = 0; instance < 200; ++instance) {
        const int settlements = 1 + int(random() % 40);
        const int sites = 1 + int(random() % 8);
        std::vector<std::int64_t> demand(settlements), capacity(sites);
        for (auto& d : demand) {
            d = std::int64_t(random() % 500);
        }
        for (auto& c : capacity) {
            const auto r = random() % 10;
            c = r == 0 ? 0 : (r == 1 ? -1 : std::int64_t(random() % 1500));
        }
        std::vector<std::vector<double>> distances(settlements, std::vector<double>(sites));
        for (auto& row : distances) {
            for (auto& d : row) {
                // Distinct distances (no ties), some unreachable.
                d = random() % 7 == 0 ? -1.0 : double(random() % 100000) + 1e-3 * (random() % 997);
            }
        }
        for (std::size_t k : {std::size_t(1), std::size_t(2), std::size_t(100)}) {
            const auto made = assignInArrivalOrder(demand, capacity, distances, k);
            std::vector<std::int64_t> placed(settlements, 0), taken(sites, 0);
            for (const auto& a : made) {
                ASSERT_GT(a.people, 0);
                ASSERT_GE(distances[a.settlement][a.site], 0.0) << "unreachable pair used";
                placed[a.settlement] += a.people;
                taken[a.site] += a.people;
            }
            std::int64_t freeRoomReachable = 0;
            for (int t = 0; t < sites; ++t) {
                if (capacity[t] >= 0) {
                    EXPECT_LE(taken[t], capacity[t]) << "instance " << instance;
                }
            }
            for (int s = 0; s < settlements; ++s) {
                EXPECT_LE(placed[s], demand[s]);
                if (placed[s] < demand[s]) {
                    // Unplaced people only when every site they can reach is full.
                    for (int t = 0; t < sites; ++t) {
                        if (distances[s][t] >= 0 && (capacity[t] < 0 || taken[t] < capacity[t])) {
                            ++freeRoomReachable;
                        }
                    }
                }
            }
            EXPECT_EQ(freeRoomReachable, 0) << "instance " << instance << " k " << k;
            if (k >= std::size_t(sites)) {
                // With every site a candidate the rounds reduce to the plain rule.
                EXPECT_EQ(asMap(made), referenceAssignment(demand, capacity, distances))
                    << "instance " << instance;
            }
        }
    }
}
