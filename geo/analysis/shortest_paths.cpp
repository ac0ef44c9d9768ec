#include "geo/analysis/shortest_paths.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/road_graph.h"

#include <queue>

#include <algorithm>
#include <limits>

namespace geo {

namespace {

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

/// Walker regimes of ZoneRule::ExitOnly (the second state of every node).
constexpr std::uint32_t beenOutside = 0; ///< has walked an edge outside every zone
constexpr std::uint32_t leavingZone = 1; ///< started on a zone edge, has walked only zone edges

struct Entry
{
    double entered = 0;
    double distance = 0;
    std::uint32_t state = 0;
    std::uint32_t site = 0;
    std::uint32_t previous = none;
    std::uint32_t edge = none;
};

struct Later
{
    bool operator()(const Entry& a, const Entry& b) const
    {
        if (a.entered != b.entered) {
            return a.entered > b.entered;
        }
        if (a.distance != b.distance) {
            return a.distance > b.distance;
        }
        return a.site != b.site ? a.site > b.site : a.state > b.state;
    }
};

} // namespace

NearestSites::NearestSites(const RoadGraph& graph,
                           const std::vector<PathSource>& sources,
                           std::size_t k,
                           ZoneRule rule,
                           const AnalysisFeedback* feedback,
                           Observer* observer)
    : m_graph(graph), m_k(std::clamp<std::size_t>(k, 1, 255)),
      m_phases(rule == ZoneRule::ExitOnly && graph.hasZoneEdges() ? 2 : 1)
{
    const std::size_t states = graph.nodeCount() * m_phases;
    m_labelCount.assign(states, 0);
    m_stateLabels.assign(states * m_k, none);
    const auto& edges = graph.edges();
    // Only a node at a zone edge can hold a walker still leaving a zone (who has walked zone
    // edges only, or starts on one); elsewhere that regime is never asked for.
    std::vector<char> touchesZone;
    if (m_phases == 2) {
        touchesZone.assign(graph.nodeCount(), 0);
        for (const auto& edge : edges) {
            if (edge.inZone) {
                touchesZone[edge.from] = touchesZone[edge.to] = 1;
            }
        }
    }

    auto isLive = [&](std::uint32_t site) { return !observer || observer->isLive(site); };
    // The slot a new label of `site` goes to at `state`, or none when the state already holds
    // that site or k live sites. Labels of sites that died (with an observer) free their slot.
    auto freeSlot = [&](std::uint32_t state, std::uint32_t site) -> std::uint32_t {
        const std::uint32_t* slots = m_stateLabels.data() + std::size_t(state) * m_k;
        const std::uint8_t count = m_labelCount[state];
        std::uint32_t dead = none;
        for (std::uint8_t j = 0; j < count; ++j) {
            const auto other = m_labels[slots[j]].site;
            if (other == site) {
                return none;
            }
            if (dead == none && !isLive(other)) {
                dead = j;
            }
        }
        if (count < m_k) {
            return count;
        }
        return dead;
    };

    // The best tentative cost per site of up to k sites per state, to push only entries that
    // can still be among the state's k nearest: not a site's second-best way to a state, and
    // not worse than k other sites' ways. Pruning only; what settles is decided on pop.
    struct Tentative
    {
        std::uint32_t site = none;
        double entered = 0;
        double distance = 0;
    };
    std::vector<Tentative> tentative(states * m_k);
    std::vector<std::uint8_t> tentativeCount(states, 0);
    auto worthPushing =
        [&](std::uint32_t state, std::uint32_t site, double entered, double distance) {
            Tentative* slots = tentative.data() + std::size_t(state) * m_k;
            auto better = [&](const Tentative& t) {
                return entered != t.entered ? entered < t.entered : distance < t.distance;
            };
            const std::uint8_t count = tentativeCount[state];
            std::uint8_t worst = 0;
            bool worstDead = false;
            for (std::uint8_t j = 0; j < count; ++j) {
                if (observer && !worstDead && !isLive(slots[j].site)) {
                    worst = j; // a dead site's slot is the first to give up
                    worstDead = true;
                }
                if (slots[j].site == site) {
                    if (!better(slots[j])) {
                        return false;
                    }
                    slots[j].entered = entered;
                    slots[j].distance = distance;
                    return true;
                }
                const auto& w = slots[worst];
                if (!worstDead &&
                    (slots[j].entered != w.entered ? slots[j].entered > w.entered
                                                   : slots[j].distance > w.distance)) {
                    worst = j;
                }
            }
            if (count < m_k) {
                slots[count] = {site, entered, distance};
                ++tentativeCount[state];
                return true;
            }
            if (!worstDead && !better(slots[worst])) {
                return false;
            }
            slots[worst] = {site, entered, distance};
            return true;
        };

    std::vector<Entry> storage;
    storage.reserve(sources.size() * m_phases + graph.nodeCount());
    std::priority_queue<Entry, std::vector<Entry>, Later> queue(Later{}, std::move(storage));
    for (const auto& source : sources) {
        if (source.node >= graph.nodeCount()) {
            continue;
        }
        queue.push({0.0, source.offset, source.node * m_phases, source.site});
        if (m_phases == 2 && touchesZone[source.node]) {
            queue.push({0.0, source.offset, source.node * m_phases + leavingZone, source.site});
        }
    }
    // The search runs from the sites back towards the walkers, so a label at (node, regime)
    // holds the best way on for a walker who is at that node in that regime.
    std::size_t popped = 0;
    while (!queue.empty()) {
        const Entry entry = queue.top();
        queue.pop();
        if ((++popped & 0xFFFF) == 0) {
            throwIfCanceled(feedback);
        }
        const auto state = entry.state;
        if (!isLive(entry.site)) {
            continue;
        }
        const auto slot = freeSlot(state, entry.site);
        if (slot == none) {
            continue;
        }
        const auto index = static_cast<std::uint32_t>(m_labels.size());
        m_labels.push_back(
            {entry.entered, entry.distance, entry.site, state, entry.previous, entry.edge});
        m_stateLabels[std::size_t(state) * m_k + slot] = index;
        if (slot == m_labelCount[state]) {
            ++m_labelCount[state];
        }

        const std::uint32_t node = state / m_phases;
        const std::uint32_t phase = state % m_phases;
        if (observer) {
            observer->settled(node,
                              m_phases == 2 && phase == leavingZone,
                              {entry.site, entry.distance, entry.entered, index});
            if (observer->isDone()) {
                break;
            }
            if (!observer->isLive(entry.site)) {
                continue; // the site just filled up: its wave stops here
            }
        }
        auto relax = [&](std::uint32_t next, double entered, double length, std::uint32_t edge) {
            if ((observer || m_labelCount[next] < m_k) &&
                worthPushing(next, entry.site, entry.entered + entered, entry.distance + length)) {
                queue.push({entry.entered + entered,
                            entry.distance + length,
                            next,
                            entry.site,
                            index,
                            edge});
            }
        };
        for (const auto& arc : graph.arcs(node)) {
            const auto& edge = edges[arc.edge];
            if (m_phases == 1) {
                relax(arc.node, 0.0, edge.length, arc.edge);
                continue;
            }
            const std::uint32_t base = arc.node * m_phases;
            if (phase == beenOutside) {
                if (edge.inZone) {
                    // Walking into a zone after having been outside: counted.
                    relax(base + beenOutside, edge.length, edge.length, arc.edge);
                } else {
                    relax(base + beenOutside, 0.0, edge.length, arc.edge);
                    // A walker still leaving a zone who steps outside is now outside.
                    if (touchesZone[arc.node]) {
                        relax(base + leavingZone, 0.0, edge.length, arc.edge);
                    }
                }
            } else if (edge.inZone) {
                relax(base + leavingZone, 0.0, edge.length, arc.edge);
            }
        }
    }
    throwIfCanceled(feedback);
}

std::vector<NearestSites::Reach> NearestSites::nearest(std::uint32_t node, bool startsInZone) const
{
    std::vector<Reach> reaches;
    if (node >= m_graph.nodeCount()) {
        return reaches;
    }
    const std::uint32_t phase = (startsInZone && m_phases == 2) ? leavingZone : beenOutside;
    const std::uint32_t state = node * m_phases + phase;
    for (std::uint8_t j = 0; j < m_labelCount[state]; ++j) {
        const auto index = m_stateLabels[std::size_t(state) * m_k + j];
        const auto& label = m_labels[index];
        reaches.push_back({label.site, label.distance, label.entered, index});
    }
    // Labels are settled in rank order already.
    return reaches;
}

std::vector<NearestSites::Step> NearestSites::path(const Reach& reach) const
{
    std::vector<Step> steps;
    std::uint32_t index = reach.label;
    while (index != none && index < m_labels.size()) {
        const auto& label = m_labels[index];
        if (label.previous == none) {
            break;
        }
        const std::uint32_t node = label.state / m_phases;
        steps.push_back({label.edge, m_graph.edges()[label.edge].from == node});
        index = label.previous;
    }
    return steps;
}

} // namespace geo
