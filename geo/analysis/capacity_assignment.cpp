#include "geo/analysis/capacity_assignment.h"

#include <queue>

#include <algorithm>

namespace geo {

ArrivalOrderAssignment::ArrivalOrderAssignment(std::vector<std::int64_t> demand,
                                               std::vector<std::int64_t> capacity)
    : m_unplaced(std::move(demand)), m_capacity(std::move(capacity)),
      m_assigned(m_capacity.size(), 0), m_givenUp(m_unplaced.size(), false)
{
    for (auto& people : m_unplaced) {
        people = std::max<std::int64_t>(people, 0);
    }
}

std::vector<std::uint32_t> ArrivalOrderAssignment::pending() const
{
    std::vector<std::uint32_t> list;
    for (std::uint32_t s = 0; s < m_unplaced.size(); ++s) {
        if (m_unplaced[s] > 0 && !m_givenUp[s]) {
            list.push_back(s);
        }
    }
    return list;
}

bool ArrivalOrderAssignment::isOpen(std::uint32_t site) const
{
    return site < m_capacity.size() &&
           (m_capacity[site] < 0 || m_assigned[site] < m_capacity[site]);
}

std::vector<bool> ArrivalOrderAssignment::openSites() const
{
    std::vector<bool> open(m_capacity.size());
    for (std::uint32_t t = 0; t < m_capacity.size(); ++t) {
        open[t] = isOpen(t);
    }
    return open;
}

std::vector<Allocation>
ArrivalOrderAssignment::runRound(const std::vector<std::uint32_t>& settlements,
                                 const std::vector<std::vector<SiteCandidate>>& candidates)
{
    ++m_round;
    std::vector<Allocation> made;
    struct Pair
    {
        double entered = 0;
        double distance = 0;
        std::uint32_t settlement = 0;
        std::uint32_t site = 0;
        std::uint32_t list = 0;     ///< index into settlements/candidates
        std::uint32_t position = 0; ///< index into candidates[list]
    };
    struct Later
    {
        bool operator()(const Pair& a, const Pair& b) const
        {
            if (a.entered != b.entered) {
                return a.entered > b.entered;
            }
            if (a.distance != b.distance) {
                return a.distance > b.distance;
            }
            return a.settlement != b.settlement ? a.settlement > b.settlement : a.site > b.site;
        }
    };
    std::priority_queue<Pair, std::vector<Pair>, Later> queue;
    auto pushNext = [&](std::uint32_t list, std::uint32_t from) {
        const auto& sites = candidates[list];
        for (auto position = from; position < sites.size(); ++position) {
            if (isOpen(sites[position].site)) {
                queue.push({sites[position].entered,
                            sites[position].distance,
                            settlements[list],
                            sites[position].site,
                            list,
                            position});
                return true;
            }
        }
        return false;
    };
    const auto count = std::min(settlements.size(), candidates.size());
    for (std::uint32_t list = 0; list < count; ++list) {
        const auto s = settlements[list];
        if (s >= m_unplaced.size() || m_unplaced[s] == 0 || m_givenUp[s]) {
            continue;
        }
        if (!pushNext(list, 0)) {
            m_givenUp[s] = true; // no site with room is reachable
        }
    }
    while (!queue.empty()) {
        const Pair pair = queue.top();
        queue.pop();
        const auto s = pair.settlement;
        if (m_unplaced[s] == 0) {
            continue;
        }
        const auto allocation = place(s, pair.site, pair.distance, pair.entered);
        if (allocation.people > 0) {
            made.push_back(allocation);
        }
        if (m_unplaced[s] > 0) {
            // Sites all full: the settlement waits for the next round's candidates.
            pushNext(pair.list, pair.position + 1);
        }
    }
    return made;
}

Allocation ArrivalOrderAssignment::place(std::uint32_t settlement,
                                         std::uint32_t site,
                                         double distance,
                                         double entered)
{
    Allocation allocation{settlement, site, 0, distance, entered, m_round};
    if (settlement >= m_unplaced.size() || !isOpen(site) || m_unplaced[settlement] == 0) {
        return allocation;
    }
    const std::int64_t room =
        m_capacity[site] < 0 ? m_unplaced[settlement] : m_capacity[site] - m_assigned[site];
    allocation.people = std::min(m_unplaced[settlement], room);
    m_unplaced[settlement] -= allocation.people;
    m_assigned[site] += allocation.people;
    return allocation;
}

std::vector<Allocation> assignInArrivalOrder(const std::vector<std::int64_t>& demand,
                                             const std::vector<std::int64_t>& capacity,
                                             const std::vector<std::vector<double>>& distances,
                                             std::size_t candidatesPerRound)
{
    ArrivalOrderAssignment assignment(demand, capacity);
    std::vector<Allocation> all;
    for (;;) {
        const auto pending = assignment.pending();
        if (pending.empty()) {
            break;
        }
        std::vector<std::vector<SiteCandidate>> candidates;
        candidates.reserve(pending.size());
        for (auto s : pending) {
            std::vector<SiteCandidate> list;
            for (std::uint32_t t = 0; t < capacity.size(); ++t) {
                if (s < distances.size() && t < distances[s].size() && distances[s][t] >= 0 &&
                    assignment.isOpen(t)) {
                    list.push_back({t, distances[s][t]});
                }
            }
            std::sort(list.begin(), list.end(), [](const SiteCandidate& a, const SiteCandidate& b) {
                return a.distance != b.distance ? a.distance < b.distance : a.site < b.site;
            });
            if (list.size() > candidatesPerRound) {
                list.resize(candidatesPerRound);
            }
            candidates.push_back(std::move(list));
        }
        auto made = assignment.runRound(pending, candidates);
        all.insert(all.end(), made.begin(), made.end());
    }
    return all;
}

} // namespace geo
