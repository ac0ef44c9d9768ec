#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geo {

class AnalysisFeedback;
class RoadGraph;

/// A site where the search starts: its graph node, the metres already walked to reach that
/// node (the site's distance from the road), and the caller's site number.
struct PathSource
{
    std::uint32_t node = 0;
    double offset = 0;
    std::uint32_t site = 0;
};

/// How paths may use the edges inside avoided zones.
enum class ZoneRule {
    /// Zone edges are ordinary edges.
    Ignore,
    /// Routes leave avoided zones but do not enter them. A walker who starts on a zone edge
    /// walks out freely; after the first edge outside every zone, metres on zone edges count
    /// as entering. Paths are ranked by (metres entering zones, metres): a route that enters
    /// no zone always wins, and only a walker cut off from every site by zones gets the route
    /// that enters them least, with those metres reported.
    ExitOnly,
};

/// The k nearest distinct sites of every node over the road graph, computed for all nodes in
/// one multi-source Dijkstra pass (each node keeps up to k labels of distinct sites). The
/// search runs from the sites outward, which is the reverse of walking; roads are walked both
/// ways on foot, so distances are the same. Keeps a reference to the graph, which must
/// outlive it. Thread-confined while being built; read-only afterwards.
class NearestSites
{
public:
    /// What a walker starting at a node reaches: a site, the metres to it (including the
    /// site's offset), and the label that starts the way there.
    struct Reach
    {
        std::uint32_t site = 0;
        double distance = 0;
        /// Metres walked on zone edges after having been outside every zone (0 for a route
        /// that only leaves zones).
        double enteredZoneM = 0;
        std::uint32_t label = 0;
    };
    /// One edge of a path, in walking order; forward when walked from the edge's `from` node.
    struct Step
    {
        std::uint32_t edge = 0;
        bool forward = true;
    };

    /// Acts on labels while the search settles them; see the constructor.
    class Observer
    {
    public:
        virtual ~Observer() = default;
        /// False for a site whose labels must stop spreading and stop counting towards the k
        /// per node (a full site).
        virtual bool isLive(std::uint32_t site) const = 0;
        /// A label settled at node: reach tells the site and the cost. leavingZone: the label
        /// is for a walker who started on a zone edge and still walks out of the zone.
        virtual void settled(std::uint32_t node, bool leavingZone, const Reach& reach) = 0;
        /// True when the caller needs nothing more: the search stops.
        virtual bool isDone() const = 0;
    };

    /// Runs the search. With an observer, labels are handed to it in the order they settle
    /// (least metres entering zones, then shortest: the arrival order), sites it declares dead
    /// stop spreading and free their places among a node's k, and the search stops once the
    /// observer is done. A site that dies after its wave filled a node's k places can have
    /// kept another site's wave from passing that node: the caller searches again from the
    /// sites still alive until a search changes nothing. Throws AnalysisCanceled when
    /// feedback is cancelled.
    NearestSites(const RoadGraph& graph,
                 const std::vector<PathSource>& sources,
                 std::size_t k,
                 ZoneRule rule,
                 const AnalysisFeedback* feedback = nullptr,
                 Observer* observer = nullptr);

    /// Up to k sites nearest to a walker starting at node, best first (least metres entering
    /// zones, then shortest). For searches run without an observer. startsInZone: the walker starts
    /// on a zone edge, so walking out of the zone is free (with ZoneRule::ExitOnly).
    std::vector<Reach> nearest(std::uint32_t node, bool startsInZone) const;
    /// The edges from the reach's start node to its site, in walking order.
    std::vector<Step> path(const Reach& reach) const;

    std::size_t labelCount() const { return m_labels.size(); }

private:
    struct Label
    {
        double entered = 0; ///< metres entering zones, ranked before distance
        double distance = 0;
        std::uint32_t site = 0;
        std::uint32_t state = 0;
        std::uint32_t previous = 0; ///< label one step nearer the site, or none
        std::uint32_t edge = 0;     ///< the edge from this label's node to the previous one's
    };

    const RoadGraph& m_graph;
    std::size_t m_k = 1;
    std::uint32_t m_phases = 1;
    std::vector<Label> m_labels;
    std::vector<std::uint8_t> m_labelCount;   ///< labels per state
    std::vector<std::uint32_t> m_stateLabels; ///< k slots per state
};

} // namespace geo
