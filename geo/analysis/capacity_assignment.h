#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geo {

/// A site a settlement can reach, with the distance (any unit; metres in the evacuation plan)
/// and the metres its route enters avoided zones: pairs rank by entered, then distance.
struct SiteCandidate
{
    std::uint32_t site = 0;
    double distance = 0;
    double entered = 0;
};

/// People of one settlement sent to one site.
struct Allocation
{
    std::uint32_t settlement = 0;
    std::uint32_t site = 0;
    std::int64_t people = 0;
    double distance = 0;
    double entered = 0;
    int round = 0; ///< the round (1, 2, ...) that made it
};

/// Assigns people to sites with limited room in arrival order: all (settlement, site) pairs are
/// taken by increasing distance (routes entering avoided zones after all others), as if
/// everyone walked at the same speed and sites took people as they arrive; a pair moves
/// min(people still unplaced, room left) and a full site takes no more, so the rest of a
/// settlement goes on to its next nearest site. A settlement may thus be split across sites.
/// The caller supplies candidates in rounds (e.g. the k nearest sites from a network search)
/// through runRound(), or places pairs one by one in arrival order through place(); a
/// settlement whose candidates were all full before it was placed gets more in the next
/// round, until no site with room is left. Capacity is never exceeded. Plain data,
/// thread-confined.
class ArrivalOrderAssignment
{
public:
    /// demand: people per settlement (negative counts as 0). capacity: room per site, or a
    /// negative number for a site of unknown, unlimited room.
    ArrivalOrderAssignment(std::vector<std::int64_t> demand, std::vector<std::int64_t> capacity);

    /// Settlements with people still unplaced that may still find room (not given up).
    std::vector<std::uint32_t> pending() const;
    /// True when the site has room left (unlimited sites always have).
    bool isOpen(std::uint32_t site) const;
    std::vector<bool> openSites() const;

    /// One round. candidates[i] lists the sites settlements[i] can reach, nearest first; sites
    /// without room are skipped. A settlement with no open candidate is given up (its people
    /// stay unplaced). Returns the allocations made in this round.
    std::vector<Allocation> runRound(const std::vector<std::uint32_t>& settlements,
                                     const std::vector<std::vector<SiteCandidate>>& candidates);

    /// Starts a round of place() calls.
    void beginRound() { ++m_round; }
    /// Moves min(unplaced, room) people of the settlement to the site, for a pair the caller
    /// takes in arrival order. Returns the allocation (0 people when the site is full).
    Allocation place(std::uint32_t settlement, std::uint32_t site, double distance, double entered);
    /// Marks a settlement as having no reachable site with room: its people stay unplaced.
    void giveUp(std::uint32_t settlement) { m_givenUp[settlement] = true; }

    std::int64_t unplaced(std::uint32_t settlement) const { return m_unplaced[settlement]; }
    std::int64_t assigned(std::uint32_t site) const { return m_assigned[site]; }
    std::int64_t capacity(std::uint32_t site) const { return m_capacity[site]; }
    bool isGivenUp(std::uint32_t settlement) const { return m_givenUp[settlement]; }
    int rounds() const { return m_round; }

private:
    std::vector<std::int64_t> m_unplaced;
    std::vector<std::int64_t> m_capacity;
    std::vector<std::int64_t> m_assigned;
    std::vector<bool> m_givenUp;
    int m_round = 0;
};

/// Runs ArrivalOrderAssignment to the end over a complete table: distances[s][t] is the
/// distance from settlement s to site t, or a negative number when t is unreachable. Small
/// instances and tests; the network analysis supplies candidates from its search instead.
std::vector<Allocation> assignInArrivalOrder(const std::vector<std::int64_t>& demand,
                                             const std::vector<std::int64_t>& capacity,
                                             const std::vector<std::vector<double>>& distances,
                                             std::size_t candidatesPerRound);

} // namespace geo
