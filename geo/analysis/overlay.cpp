#include "geo/analysis/overlay.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/geometry_ops.h"
#include "geo/coordinate_transform.h"
#include "geo/errors.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

namespace geo {

namespace {

constexpr std::uint32_t cancelCheckInterval = 256;
constexpr std::size_t maximumChunkSize = 2048;

struct Candidate
{
    std::uint32_t zone;
    int group;
    int level;
};

/// Candidates ordered by group, then level from high to low, then input order.
void sortCandidates(std::vector<Candidate>& candidates)
{
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.group != b.group) {
            return a.group < b.group;
        }
        if (a.level != b.level) {
            return a.level > b.level;
        }
        return a.zone < b.zone;
    });
}

/// [begin, end) of each group in sorted candidates.
void groupRanges(const std::vector<Candidate>& candidates,
                 std::vector<std::pair<std::size_t, std::size_t>>& ranges)
{
    ranges.clear();
    std::size_t begin = 0;
    while (begin < candidates.size()) {
        std::size_t end = begin;
        while (end < candidates.size() && candidates[end].group == candidates[begin].group) {
            ++end;
        }
        ranges.emplace_back(begin, end);
        begin = end;
    }
}

Envelope envelopeOf(const Segment& s)
{
    return {std::min(s.x1, s.x2), std::min(s.y1, s.y2), std::max(s.x1, s.x2), std::max(s.y1, s.y2)};
}

/// Runs work() on the calling thread and on `helpers` more threads; returns when all are done.
/// work() must not throw.
template <typename Work> void runWithHelpers(std::size_t helpers, Work& work)
{
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < helpers; ++t) {
        threads.emplace_back([&work] { work(); });
    }
    work();
    for (auto& thread : threads) {
        thread.join();
    }
}

/// True when an end point of one segment lies within `distance` of the other segment: for
/// segments that do not meet, whether they come that close.
bool endsWithin(const Segment& a, const Segment& b, double distance)
{
    auto pointNear = [&](double px, double py, const Segment& s) {
        const double sx = s.x2 - s.x1, sy = s.y2 - s.y1;
        const double lengthSquared = sx * sx + sy * sy;
        double t = lengthSquared > 0 ? ((px - s.x1) * sx + (py - s.y1) * sy) / lengthSquared : 0;
        t = std::clamp(t, 0.0, 1.0);
        const double dx = s.x1 + t * sx - px, dy = s.y1 + t * sy - py;
        return dx * dx + dy * dy <= distance * distance;
    };
    return pointNear(a.x1, a.y1, b) || pointNear(a.x2, a.y2, b) || pointNear(b.x1, b.y1, a) ||
           pointNear(b.x2, b.y2, a);
}

void sortUnique(std::vector<double>& ts)
{
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
}

/// True when a vertex of some ring of `inner` lies strictly inside `outer`.
bool anyRingInside(const IndexedPolygon& inner, const IndexedPolygon& outer)
{
    const auto& vertices = inner.ringVertices();
    for (std::size_t i = 0; i + 1 < vertices.size(); i += 2) {
        if (outer.contains(vertices[i], vertices[i + 1])) {
            return true;
        }
    }
    return false;
}

/// True when a vertex of some ring of `inner` lies in `outer` (edges included).
bool anyRingCovered(const IndexedPolygon& inner, const IndexedPolygon& outer)
{
    const auto& vertices = inner.ringVertices();
    for (std::size_t i = 0; i + 1 < vertices.size(); i += 2) {
        if (outer.covers(vertices[i], vertices[i + 1])) {
            return true;
        }
    }
    return false;
}

bool polygonsIntersect(const IndexedPolygon& a, const IndexedPolygon& b)
{
    if (a.isEmpty() || b.isEmpty() || !a.envelope().intersects(b.envelope())) {
        return false;
    }
    if (anyRingCovered(b, a) || anyRingCovered(a, b)) {
        return true;
    }
    const Envelope common{std::max(a.envelope().minX, b.envelope().minX),
                          std::max(a.envelope().minY, b.envelope().minY),
                          std::min(a.envelope().maxX, b.envelope().maxX),
                          std::min(a.envelope().maxY, b.envelope().maxY)};
    bool hit = false;
    std::vector<double> scratch;
    a.visitEdges(common, [&](std::uint32_t e) {
        if (hit) {
            return;
        }
        const Segment& s = a.edges()[e];
        b.visitEdges(envelopeOf(s), [&](std::uint32_t f) {
            if (!hit) {
                scratch.clear();
                hit = segmentContacts(s, b.edges()[f], scratch);
            }
        });
    });
    return hit;
}

} // namespace

/// The per-thread state of an overlay call: its own PROJ transformation and scratch buffers.
class OverlayWorker
{
public:
    explicit OverlayWorker(const ZoneOverlay& overlay) : o(overlay)
    {
        if (!o.m_measure.from.empty() && !o.m_measure.to.empty() &&
            o.m_measure.from != o.m_measure.to) {
            m_transform.emplace(o.m_measure.from, o.m_measure.to);
        }
    }

    void point(std::uint32_t feature, double x, double y, OverlayResult& out);
    void geometry(std::uint32_t feature, const std::vector<unsigned char>& wkb, OverlayResult& out);

private:
    struct LevelMeasure
    {
        std::size_t group; ///< index into m_ranges
        int level;
        double measure;
    };
    struct RegionMeasure
    {
        std::size_t group;
        int level;
        std::uint32_t region;
        double measure;
    };

    void project(double& x, double& y) const
    {
        if (o.m_fit.isUsable() && o.m_fit.contains(x, y)) {
            o.m_fit.apply(x, y);
            return;
        }
        if (m_transform && !m_transform->transform(x, y)) {
            throw ProjError("a coordinate cannot be transformed to " + o.m_measure.to);
        }
    }
    /// The measured point at parameter t of an edge whose end points are measured already.
    /// On edges shorter than 50 m the point is interpolated: the image of a straight edge of
    /// the storage CRS bends by less than 0.02 mm over that length in a UTM zone (curvature
    /// about 3e-8 per metre), far below the 1e-6 relative agreement with SpatiaLite that the
    /// tests ask; longer edges are projected point by point.
    std::pair<double, double> along(
        const Segment& edge, double t, double startX, double startY, double endX, double endY) const
    {
        if (t == 0.0) {
            return {startX, startY};
        }
        if (t == 1.0) {
            return {endX, endY};
        }
        if (!m_transform || std::hypot(endX - startX, endY - startY) < 50.0) {
            return {startX + t * (endX - startX), startY + t * (endY - startY)};
        }
        double x = edge.x1 + t * (edge.x2 - edge.x1);
        double y = edge.y1 + t * (edge.y2 - edge.y1);
        project(x, y);
        return {x, y};
    }
    bool findCandidates(const Envelope& box);
    void regionsOfPoint(double x, double y, std::vector<std::uint32_t>& out);
    static void add(std::vector<LevelMeasure>& list, std::size_t group, int level, double measure);
    static void add(std::vector<RegionMeasure>& list,
                    std::size_t group,
                    int level,
                    std::uint32_t region,
                    double m);
    void emit(std::uint32_t feature,
              const std::vector<int>& highest,
              double featureMeasure,
              bool isPoint,
              double firstX,
              double firstY,
              OverlayResult& out);
    void lines(std::uint32_t feature, const Polyline& line, OverlayResult& out);
    void points(std::uint32_t feature, const Polyline& points, OverlayResult& out);
    void polygon(std::uint32_t feature, const std::vector<unsigned char>& wkb, OverlayResult& out);

    const ZoneOverlay& o;
    std::optional<CoordinateTransform> m_transform;
    std::vector<Candidate> m_candidates;
    std::vector<std::pair<std::size_t, std::size_t>> m_ranges;
    std::vector<std::uint32_t> m_regionCandidates;
    std::vector<std::uint32_t> m_regionsHere;
    std::vector<char> m_touched;
    std::vector<double> m_ts;
    std::vector<LevelMeasure> m_levels;
    std::vector<RegionMeasure> m_regionLevels;
    // lines()
    std::vector<signed char> m_zoneState;
    std::vector<signed char> m_regionState;
    std::vector<char> m_zoneContact;
    std::vector<char> m_regionContact;
    std::vector<char> m_zoneNear;
    std::vector<char> m_regionNear;
    std::vector<int> m_pieceZone;
    std::vector<double> m_projected;
    Polyline m_parts;

public:
    /// Whether lines measure their whole length (for ExposedPart::share) or only the length
    /// inside zones.
    bool m_lineShares = true;
};

bool OverlayWorker::findCandidates(const Envelope& box)
{
    m_candidates.clear();
    o.m_zoneGrid.visitBox(box, o.m_zoneEnvelopes, [&](std::uint32_t z) {
        m_candidates.push_back({z, o.m_zoneGroup[z], o.m_zoneLevel[z]});
    });
    if (m_candidates.empty()) {
        return false;
    }
    sortCandidates(m_candidates);
    groupRanges(m_candidates, m_ranges);
    m_regionCandidates.clear();
    o.m_regionGrid.visitBox(
        box, o.m_regionEnvelopes, [&](std::uint32_t r) { m_regionCandidates.push_back(r); });
    std::sort(m_regionCandidates.begin(), m_regionCandidates.end()); // input order
    m_levels.clear();
    m_regionLevels.clear();
    return true;
}

void OverlayWorker::regionsOfPoint(double x, double y, std::vector<std::uint32_t>& out)
{
    out.clear();
    for (auto r : m_regionCandidates) {
        const int set = o.m_regionSet[r];
        const bool setDone = std::any_of(out.begin(), out.end(), [&](std::uint32_t other) {
            return o.m_regionSet[other] == set;
        });
        if (!setDone && o.m_regions[r].covers(x, y)) {
            out.push_back(r);
        }
    }
}

void OverlayWorker::add(std::vector<LevelMeasure>& list, std::size_t group, int level, double m)
{
    for (auto& entry : list) {
        if (entry.group == group && entry.level == level) {
            entry.measure += m;
            return;
        }
    }
    list.push_back({group, level, m});
}

void OverlayWorker::add(
    std::vector<RegionMeasure>& list, std::size_t group, int level, std::uint32_t region, double m)
{
    for (auto& entry : list) {
        if (entry.group == group && entry.level == level && entry.region == region) {
            entry.measure += m;
            return;
        }
    }
    list.push_back({group, level, region, m});
}

void OverlayWorker::emit(std::uint32_t feature,
                         const std::vector<int>& highest,
                         double featureMeasure,
                         bool isPoint,
                         double firstX,
                         double firstY,
                         OverlayResult& out)
{
    const double tiny = 1e-12 * std::fabs(featureMeasure);
    std::vector<int> levels;
    for (std::size_t g = 0; g < m_ranges.size(); ++g) {
        if (highest[g] == 0) {
            continue;
        }
        levels.assign(1, highest[g]);
        for (const auto& entry : m_levels) {
            if (entry.group == g && entry.measure > tiny && entry.level < highest[g]) {
                levels.push_back(entry.level);
            }
        }
        std::sort(levels.begin(), levels.end(), std::greater<>());
        levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
        const int group = m_candidates[m_ranges[g].first].group;
        for (const int level : levels) {
            double measure = 0;
            for (const auto& entry : m_levels) {
                if (entry.group == g && entry.level == level) {
                    measure = std::max(0.0, entry.measure);
                }
            }
            const double share =
                isPoint ? 1.0 : (featureMeasure > 0 ? measure / featureMeasure : 0.0);
            const auto partIndex = static_cast<std::uint32_t>(out.parts.size());
            out.parts.push_back({feature, group, level, measure, share, featureMeasure});
            const auto sharesBefore = out.regionShares.size();
            for (const auto& entry : m_regionLevels) {
                if (entry.group == g && entry.level == level && entry.measure > tiny) {
                    out.regionShares.push_back(
                        {partIndex,
                         entry.region,
                         entry.measure,
                         featureMeasure > 0 ? entry.measure / featureMeasure : 0.0});
                }
            }
            if (out.regionShares.size() == sharesBefore && (isPoint || measure <= tiny)) {
                // Nothing measured here (a point, or a part that only touches): the regions
                // of the feature's first vertex.
                regionsOfPoint(firstX, firstY, m_regionsHere);
                for (auto r : m_regionsHere) {
                    out.regionShares.push_back({partIndex, r, 0.0, isPoint ? 1.0 : 0.0});
                }
            }
        }
    }
}

void OverlayWorker::point(std::uint32_t feature, double x, double y, OverlayResult& out)
{
    if (!std::isfinite(x) || !std::isfinite(y)) {
        out.problems.push_back({feature, "coordinates are not finite"});
        return;
    }
    m_candidates.clear();
    o.m_zoneGrid.visitPoint(x, y, o.m_zoneEnvelopes, [&](std::uint32_t z) {
        m_candidates.push_back({z, o.m_zoneGroup[z], o.m_zoneLevel[z]});
    });
    if (m_candidates.empty()) {
        return;
    }
    sortCandidates(m_candidates);
    bool regionsKnown = false;
    int doneGroup = 0;
    bool anyDone = false;
    for (const auto& c : m_candidates) {
        if (anyDone && c.group == doneGroup) {
            continue;
        }
        if (!o.m_zones[c.zone].covers(x, y)) {
            continue;
        }
        doneGroup = c.group;
        anyDone = true;
        const auto partIndex = static_cast<std::uint32_t>(out.parts.size());
        out.parts.push_back({feature, c.group, c.level, 0.0, 1.0, 0.0});
        if (!regionsKnown) {
            regionsKnown = true;
            m_regionCandidates.clear();
            o.m_regionGrid.visitPoint(x, y, o.m_regionEnvelopes, [&](std::uint32_t r) {
                m_regionCandidates.push_back(r);
            });
            regionsOfPoint(x, y, m_regionsHere);
        }
        for (auto r : m_regionsHere) {
            out.regionShares.push_back({partIndex, r, 0.0, 1.0});
        }
    }
}

void OverlayWorker::geometry(std::uint32_t feature,
                             const std::vector<unsigned char>& wkb,
                             OverlayResult& out)
{
    Polyline& parts = m_parts; // keeps its capacity from feature to feature
    if (!readWkbParts(wkb.data(), wkb.size(), parts)) {
        out.problems.push_back({feature, "unreadable geometry"});
        return;
    }
    if (parts.dimension < 0 || parts.envelope.isEmpty()) {
        out.problems.push_back({feature, "empty geometry"});
        return;
    }
    if (!std::isfinite(parts.envelope.minX) || !std::isfinite(parts.envelope.maxX) ||
        !std::isfinite(parts.envelope.minY) || !std::isfinite(parts.envelope.maxY)) {
        out.problems.push_back({feature, "coordinates are not finite"});
        return;
    }
    const auto partsBefore = out.parts.size();
    const auto sharesBefore = out.regionShares.size();
    try {
        if (parts.dimension == 0) {
            points(feature, parts, out);
        } else if (parts.dimension == 1) {
            lines(feature, parts, out);
        } else {
            polygon(feature, wkb, out);
        }
    } catch (const Error& error) {
        if (dynamic_cast<const AnalysisCanceled*>(&error)) {
            throw;
        }
        out.parts.resize(partsBefore);
        out.regionShares.resize(sharesBefore);
        out.problems.push_back({feature, error.what()});
    }
}

void OverlayWorker::points(std::uint32_t feature, const Polyline& list, OverlayResult& out)
{
    if (!findCandidates(list.envelope)) {
        return;
    }
    std::vector<int> highest(m_ranges.size(), 0);
    for (std::size_t i = 0; i + 1 < list.xy.size(); i += 2) {
        for (std::size_t g = 0; g < m_ranges.size(); ++g) {
            for (auto k = m_ranges[g].first; k < m_ranges[g].second; ++k) {
                const auto& c = m_candidates[k];
                if (c.level <= highest[g]) {
                    break;
                }
                if (o.m_zones[c.zone].covers(list.xy[i], list.xy[i + 1])) {
                    highest[g] = c.level;
                    break;
                }
            }
        }
    }
    emit(feature, highest, 0.0, true, list.xy[0], list.xy[1], out);
}

void OverlayWorker::lines(std::uint32_t feature, const Polyline& line, OverlayResult& out)
{
    if (!findCandidates(line.envelope)) {
        return;
    }
    const std::size_t zoneCount = m_candidates.size();
    const std::size_t regionCount = m_regionCandidates.size();
    m_touched.assign(zoneCount, 0);
    // Where a piece lies for each zone and region: a segment that meets none of a polygon's
    // edges lies wholly inside or outside it, as the piece before it did, so the point-in-
    // polygon test runs only for pieces of segments that meet its edges, and once per part
    // otherwise. State: -1 unknown, 0 outside, 1 inside (edges included).
    std::vector<signed char>& zoneState = m_zoneState;
    std::vector<signed char>& regionState = m_regionState;
    std::vector<char>& zoneContact = m_zoneContact;
    std::vector<char>& regionContact = m_regionContact;
    zoneContact.resize(zoneCount);
    regionContact.resize(regionCount);
    // Most lines are short beside a zone or village: a polygon with no edge in the line's
    // envelope meets no segment of it, so its edges are not searched segment by segment.
    m_zoneNear.resize(zoneCount);
    for (std::size_t k = 0; k < zoneCount; ++k) {
        m_zoneNear[k] = o.m_zones[m_candidates[k].zone].hasEdgeIn(line.envelope) ? 1 : 0;
    }
    m_regionNear.resize(regionCount);
    for (std::size_t r = 0; r < regionCount; ++r) {
        m_regionNear[r] = o.m_regions[m_regionCandidates[r]].hasEdgeIn(line.envelope) ? 1 : 0;
    }
    std::vector<double>& projected = m_projected;
    double featureMeasure = 0;
    for (std::size_t p = 0; p + 1 < line.starts.size(); ++p) {
        zoneState.assign(zoneCount, -1);
        regionState.assign(regionCount, -1);
        bool haveLast = false; // the previous segment's end, measured
        double lastX = 0, lastY = 0;
        for (std::uint32_t i = line.starts[p]; i + 1 < line.starts[p + 1]; ++i) {
            const Segment segment{
                line.xy[2 * i], line.xy[2 * i + 1], line.xy[2 * i + 2], line.xy[2 * i + 3]};
            if (segment.x1 == segment.x2 && segment.y1 == segment.y2) {
                continue;
            }
            const Envelope box = envelopeOf(segment);
            m_ts.assign({0.0, 1.0});
            for (std::size_t k = 0; k < zoneCount; ++k) {
                if (!m_zoneNear[k]) {
                    zoneContact[k] = 0;
                    continue;
                }
                const auto& zone = o.m_zones[m_candidates[k].zone];
                bool contact = false;
                zone.visitEdges(box, [&](std::uint32_t e) {
                    contact = segmentContacts(segment, zone.edges()[e], m_ts) || contact;
                });
                zoneContact[k] = contact ? 1 : 0;
                m_touched[k] = m_touched[k] || contact;
                if (contact) {
                    zoneState[k] = -1; // known again after the last piece is tested
                }
            }
            sortUnique(m_ts);
            const double dx = segment.x2 - segment.x1, dy = segment.y2 - segment.y1;

            // Which zone (per group) holds each piece: the first covering candidate of the
            // group, levels high to low; -1 none.
            auto classify = [&] {
                const std::size_t pieces = m_ts.size() - 1;
                m_pieceZone.assign(pieces * m_ranges.size(), -1);
                bool anyInside = false;
                for (std::size_t j = 0; j < pieces; ++j) {
                    const double t = (m_ts[j] + m_ts[j + 1]) / 2;
                    const double mx = segment.x1 + t * dx, my = segment.y1 + t * dy;
                    for (std::size_t g = 0; g < m_ranges.size(); ++g) {
                        for (auto k = m_ranges[g].first; k < m_ranges[g].second; ++k) {
                            bool inside = false;
                            if (zoneContact[k]) {
                                inside = o.m_zones[m_candidates[k].zone].covers(mx, my);
                                if (j + 1 == pieces) {
                                    zoneState[k] = inside ? 1 : 0; // holds for what follows
                                }
                            } else {
                                if (zoneState[k] < 0) {
                                    zoneState[k] = o.m_zones[m_candidates[k].zone].covers(mx, my);
                                }
                                inside = zoneState[k] == 1;
                            }
                            if (inside) {
                                m_pieceZone[j * m_ranges.size() + g] = static_cast<int>(k);
                                anyInside = true;
                                break;
                            }
                        }
                    }
                }
                return anyInside;
            };
            bool anyInside = classify();
            // Regions split only what lies in a zone: a segment outside every zone is not
            // split at their edges (and where it left them is unknown afterwards).
            bool regionSplits = false;
            for (std::size_t r = 0; r < regionCount; ++r) {
                if (!anyInside) {
                    regionContact[r] = 0;
                    regionState[r] = -1;
                    continue;
                }
                if (!m_regionNear[r]) {
                    regionContact[r] = 0;
                    continue;
                }
                const auto& region = o.m_regions[m_regionCandidates[r]];
                bool contact = false;
                region.visitEdges(box, [&](std::uint32_t e) {
                    contact = segmentContacts(segment, region.edges()[e], m_ts) || contact;
                });
                regionContact[r] = contact ? 1 : 0;
                if (contact) {
                    regionState[r] = -1; // tested piece by piece, unknown after the segment
                    regionSplits = true;
                }
            }
            if (regionSplits) {
                sortUnique(m_ts);
                anyInside = classify();
            }
            const std::size_t pieces = m_ts.size() - 1;
            if (!anyInside && !m_lineShares) {
                haveLast = false; // nothing measured here
                continue;
            }

            // Measured end points of the pieces.
            projected.resize(2 * m_ts.size());
            double startX = segment.x1, startY = segment.y1;
            if (haveLast) {
                startX = lastX; // this part's previous end vertex
                startY = lastY;
            } else {
                project(startX, startY);
            }
            double endX = segment.x2, endY = segment.y2;
            project(endX, endY);
            for (std::size_t j = 0; j < m_ts.size(); ++j) {
                const auto [x, y] = along(segment, m_ts[j], startX, startY, endX, endY);
                projected[2 * j] = x;
                projected[2 * j + 1] = y;
            }
            lastX = projected[projected.size() - 2];
            lastY = projected[projected.size() - 1];
            haveLast = true;
            for (std::size_t j = 0; j < pieces; ++j) {
                const double length = std::hypot(projected[2 * j + 2] - projected[2 * j],
                                                 projected[2 * j + 3] - projected[2 * j + 1]);
                if (m_lineShares) {
                    featureMeasure += length;
                }
                bool regionsKnown = false;
                for (std::size_t g = 0; g < m_ranges.size(); ++g) {
                    const int k = m_pieceZone[j * m_ranges.size() + g];
                    if (k < 0) {
                        continue;
                    }
                    if (!regionsKnown) {
                        regionsKnown = true;
                        const double t = (m_ts[j] + m_ts[j + 1]) / 2;
                        const double mx = segment.x1 + t * dx, my = segment.y1 + t * dy;
                        m_regionsHere.clear();
                        for (std::size_t r = 0; r < regionCount; ++r) {
                            bool inside = false;
                            if (regionContact[r]) {
                                inside = o.m_regions[m_regionCandidates[r]].covers(mx, my);
                            } else {
                                if (regionState[r] < 0) {
                                    regionState[r] =
                                        o.m_regions[m_regionCandidates[r]].covers(mx, my);
                                }
                                inside = regionState[r] == 1;
                            }
                            if (inside) {
                                m_regionsHere.push_back(m_regionCandidates[r]);
                            }
                        }
                    }
                    const int level = m_candidates[static_cast<std::size_t>(k)].level;
                    add(m_levels, g, level, length);
                    for (auto r : m_regionsHere) {
                        add(m_regionLevels, g, level, r, length);
                    }
                }
            }
        }
    }
    std::vector<int> highest(m_ranges.size(), 0);
    for (std::size_t g = 0; g < m_ranges.size(); ++g) {
        for (auto k = m_ranges[g].first; k < m_ranges[g].second; ++k) {
            const auto& c = m_candidates[k];
            bool inside = false;
            for (std::size_t p = 0; p + 1 < line.starts.size() && !inside; ++p) {
                const std::uint32_t v = line.starts[p];
                inside = v < line.starts[p + 1] &&
                         o.m_zones[c.zone].covers(line.xy[2 * v], line.xy[2 * v + 1]);
            }
            if (m_touched[k] || inside) {
                highest[g] = c.level;
                break;
            }
        }
    }
    emit(feature, highest, featureMeasure, false, line.xy[0], line.xy[1], out);
}

void OverlayWorker::polygon(std::uint32_t feature,
                            const std::vector<unsigned char>& wkb,
                            OverlayResult& out)
{
    const IndexedPolygon shape(wkb);
    if (shape.isEmpty()) {
        out.problems.push_back({feature, "empty polygon"});
        return;
    }
    const Envelope box = shape.envelope();
    if (!findCandidates(box)) {
        return;
    }
    const std::size_t regionCount = m_regionCandidates.size();
    const std::vector<Segment>& featureEdges = shape.edges();
    m_touched.assign(m_candidates.size(), 0);
    std::vector<char> regionTouched(regionCount, 0);

    // 1. The feature's edges split at every zone and region edge: which of them does it touch?
    std::vector<std::uint32_t> splitStarts{0};
    std::vector<double> splits;
    for (const Segment& edge : featureEdges) {
        const Envelope edgeBox = envelopeOf(edge);
        m_ts.assign({0.0, 1.0});
        for (std::size_t k = 0; k < m_candidates.size(); ++k) {
            const auto& zone = o.m_zones[m_candidates[k].zone];
            zone.visitEdges(edgeBox, [&](std::uint32_t e) {
                if (segmentContacts(edge, zone.edges()[e], m_ts)) {
                    m_touched[k] = 1;
                }
            });
        }
        for (std::size_t j = 0; j < regionCount; ++j) {
            const auto& region = o.m_regions[m_regionCandidates[j]];
            region.visitEdges(edgeBox, [&](std::uint32_t e) {
                if (segmentContacts(edge, region.edges()[e], m_ts)) {
                    regionTouched[j] = 1;
                }
            });
        }
        sortUnique(m_ts);
        splits.insert(splits.end(), m_ts.begin(), m_ts.end());
        splitStarts.push_back(static_cast<std::uint32_t>(splits.size()));
    }

    // 2. A group whose zones neither cross the feature's boundary nor lie inside it holds the
    //    feature whole (at the highest zone covering it) or not at all; so does a region.
    //    (A feature of several rings may lie in several zones: always the long way.)
    const bool singleRing = shape.ringVertices().size() == 2;
    std::vector<char> slowGroup(m_ranges.size(), 0);
    std::vector<int> coveringLevel(m_ranges.size(), 0);
    bool anySlowGroup = false;
    for (std::size_t g = 0; g < m_ranges.size(); ++g) {
        for (auto k = m_ranges[g].first; k < m_ranges[g].second; ++k) {
            const auto& zone = o.m_zones[m_candidates[k].zone];
            if (!singleRing || m_touched[k] || anyRingInside(zone, shape)) {
                slowGroup[g] = 1;
            } else if (coveringLevel[g] == 0 && zone.covers(shape.firstX(), shape.firstY())) {
                coveringLevel[g] = m_candidates[k].level;
            }
        }
        anySlowGroup = anySlowGroup || slowGroup[g];
    }
    bool slowRegions = false;
    for (std::size_t j = 0; j < regionCount; ++j) {
        const auto& region = o.m_regions[m_regionCandidates[j]];
        slowRegions =
            slowRegions || !singleRing || regionTouched[j] || anyRingInside(region, shape);
    }
    std::vector<char> regionHoldsFeature(regionCount, 0);
    if (!slowRegions) {
        for (std::size_t j = 0; j < regionCount; ++j) {
            regionHoldsFeature[j] =
                o.m_regions[m_regionCandidates[j]].covers(shape.firstX(), shape.firstY());
        }
    }

    // Participants of the boundary classification: the feature, the regions (when they cut
    // it) and the zones of the groups that cut it.
    struct Participant
    {
        const IndexedPolygon* polygon;
        int kind;          ///< 0 feature, 1 region, 2 zone
        std::size_t index; ///< region candidate or zone candidate position
        std::size_t group; ///< zones: index into m_ranges
    };
    std::vector<Participant> participants;
    participants.push_back({&shape, 0, 0, 0});
    if (slowRegions) {
        for (std::size_t j = 0; j < regionCount; ++j) {
            participants.push_back({&o.m_regions[m_regionCandidates[j]], 1, j, 0});
        }
    }
    const std::size_t zoneParticipant0 = participants.size();
    std::vector<std::size_t> participantOfCandidate(m_candidates.size(), 0);
    for (std::size_t g = 0; g < m_ranges.size(); ++g) {
        if (!slowGroup[g]) {
            continue;
        }
        for (auto k = m_ranges[g].first; k < m_ranges[g].second; ++k) {
            participantOfCandidate[k] = participants.size();
            participants.push_back({&o.m_zones[m_candidates[k].zone], 2, k, g});
        }
    }
    (void)zoneParticipant0;

    // Distinct levels per group, high to low; twice the area at or above each level, per group
    // and per group and region; and twice the area of feature ∩ region.
    std::vector<std::vector<int>> levels(m_ranges.size());
    std::vector<std::size_t> levelBase(m_ranges.size());
    std::size_t levelSlots = 0;
    for (std::size_t g = 0; g < m_ranges.size(); ++g) {
        for (auto k = m_ranges[g].first; k < m_ranges[g].second; ++k) {
            if (levels[g].empty() || levels[g].back() != m_candidates[k].level) {
                levels[g].push_back(m_candidates[k].level);
            }
        }
        levelBase[g] = levelSlots;
        levelSlots += levels[g].size();
    }
    std::vector<double> atOrAbove(levelSlots, 0.0);
    std::vector<double> atOrAboveInRegion(levelSlots * regionCount, 0.0);
    std::vector<double> inRegion(regionCount, 0.0);

    // Measured coordinates relative to an origin near the feature keep the shoelace exact.
    double originX = shape.firstX(), originY = shape.firstY();
    project(originX, originY);
    const double scale = std::max(
        {1.0, std::fabs(box.minX), std::fabs(box.maxX), std::fabs(box.minY), std::fabs(box.maxY)});
    double doubleArea = 0;

    std::vector<char> zoneIn(m_candidates.size()), zoneOut(m_candidates.size());
    std::vector<char> regionIn(regionCount), regionOut(regionCount);
    // Where a zone or region edge lies for each other participant: an edge that meets none of
    // a participant's edges lies wholly inside or outside it, and so does the next edge of
    // its ring when that one meets none either; then the point-in-polygon test runs once for
    // the run of edges, when first needed, instead of twice per piece. States: perPiece,
    // unknown, 0 outside, 1 inside. The feature holds an edge that does not meet its boundary
    // wholly.
    constexpr signed char perPiece = -2, unknown = -1;
    std::vector<signed char> state(participants.size(), unknown);
    std::vector<char> contact(participants.size(), 0);
    std::vector<std::uint32_t> edgeIds;
    std::vector<Segment> edges;
    // The last edge whose end was measured, and that end.
    bool lastEndKnown = false;
    Segment lastEnd{};
    double lastEndX = 0, lastEndY = 0;
    for (std::size_t x = 0; x < participants.size(); ++x) {
        const Participant& self = participants[x];
        edges.clear();
        edgeIds.clear();
        if (self.kind == 0) {
            edges = featureEdges;
        } else {
            // In ring order, so that runs of edges carry their state.
            self.polygon->visitEdges(box, [&](std::uint32_t e) { edgeIds.push_back(e); });
            std::sort(edgeIds.begin(), edgeIds.end());
            for (const auto e : edgeIds) {
                edges.push_back(self.polygon->edges()[e]);
            }
        }
        bool chained = false; // the previous edge handled ends where this one starts
        for (std::size_t edgeIndex = 0; edgeIndex < edges.size(); ++edgeIndex) {
            const Segment& edge = edges[edgeIndex];
            bool wholeInFeature = false;
            if (self.kind != 0) {
                chained = chained && edgeIndex > 0 &&
                          edgeIds[edgeIndex] == edgeIds[edgeIndex - 1] + 1 &&
                          edges[edgeIndex - 1].x2 == edge.x1 && edges[edgeIndex - 1].y2 == edge.y1;
                if (!chained) {
                    std::fill(state.begin(), state.end(), unknown);
                }
            }
            if (self.kind == 0) {
                m_ts.assign(splits.begin() + splitStarts[edgeIndex],
                            splits.begin() + splitStarts[edgeIndex + 1]);
                if (!anySlowGroup && !slowRegions) {
                    // Only the area of the feature itself is needed.
                    m_ts.assign({0.0, 1.0});
                }
            } else {
                const Envelope edgeBox = envelopeOf(edge);
                // A state holds only where no boundary comes within reach of the points the
                // pieces are tested at (epsilon off the edge), with room for rounding.
                const double reach = 4e-11 * scale;
                const Envelope nearBox = edgeBox.expanded(reach);
                m_ts.assign({0.0, 1.0});
                // An edge that neither meets the feature's boundary nor starts inside it lies
                // outside the feature and bounds nothing that counts.
                bool meetsFeature = false, nearFeature = false;
                shape.visitEdges(nearBox, [&](std::uint32_t f) {
                    const Segment& other = featureEdges[f];
                    if (segmentContacts(edge, other, m_ts)) {
                        meetsFeature = true;
                    } else if (!nearFeature) {
                        nearFeature = endsWithin(edge, other, reach);
                    }
                });
                if (!meetsFeature && !shape.contains(edge.x1, edge.y1)) {
                    chained = false;
                    continue;
                }
                wholeInFeature = !meetsFeature && !nearFeature;
                for (std::size_t y = 1; y < participants.size(); ++y) {
                    const Participant& other = participants[y];
                    contact[y] = 0;
                    if (y == x || !other.polygon->envelope().intersects(nearBox)) {
                        continue;
                    }
                    // Zones of different groups never meet in one boundary.
                    if (self.kind == 2 && other.kind == 2 && self.group != other.group) {
                        continue;
                    }
                    bool meets = false, near = false;
                    other.polygon->visitEdges(nearBox, [&](std::uint32_t f) {
                        const Segment& b = other.polygon->edges()[f];
                        if (segmentContacts(edge, b, m_ts)) {
                            meets = true;
                        } else if (!near) {
                            near = endsWithin(edge, b, reach);
                        }
                    });
                    contact[y] = meets || near ? 1 : 0;
                }
                sortUnique(m_ts);
                // What this edge meets is tested per piece; the rest keep their state.
                for (std::size_t y = 1; y < participants.size(); ++y) {
                    if (y == x || contact[y]) {
                        state[y] = perPiece;
                    } else if (state[y] == perPiece) {
                        state[y] = unknown;
                    }
                }
                chained = true;
            }
            const double dx = edge.x2 - edge.x1, dy = edge.y2 - edge.y1;
            const double edgeLength = std::hypot(dx, dy);
            const double nx = -dy / edgeLength, ny = dx / edgeLength; // towards the interior
            // Measured end points of the pieces, projected only when a piece counts (the
            // feature's own pieces always count towards its area).
            // Consecutive edges share a vertex: the previous edge's measured end is reused.
            bool endsKnown = false;
            double startX = 0, startY = 0, endX = 0, endY = 0;
            auto measured = [&](double t) {
                if (!endsKnown) {
                    endsKnown = true;
                    if (lastEndKnown && lastEnd.x2 == edge.x1 && lastEnd.y2 == edge.y1) {
                        startX = lastEndX;
                        startY = lastEndY;
                    } else {
                        startX = edge.x1;
                        startY = edge.y1;
                        project(startX, startY);
                    }
                    endX = edge.x2;
                    endY = edge.y2;
                    project(endX, endY);
                    lastEndKnown = true;
                    lastEnd = edge;
                    lastEndX = endX;
                    lastEndY = endY;
                }
                const auto [px, py] = along(edge, t, startX, startY, endX, endY);
                return std::pair<double, double>(px - originX, py - originY);
            };
            bool previousKnown = false;
            std::pair<double, double> previous{0, 0};
            for (std::size_t j = 0; j + 1 < m_ts.size(); ++j) {
                const double t1 = m_ts[j + 1];
                bool termKnown = false;
                double termValue = 0;
                auto term = [&]() {
                    if (!termKnown) {
                        const auto a = previousKnown ? previous : measured(m_ts[j]);
                        const auto b = measured(t1);
                        termValue = a.first * b.second - b.first * a.second;
                        previous = b;
                        previousKnown = true;
                        termKnown = true;
                    }
                    return termValue;
                };
                if (self.kind == 0) {
                    doubleArea += term();
                } else {
                    previousKnown = false;
                }
                if (!anySlowGroup && !slowRegions) {
                    continue;
                }
                const double t = (m_ts[j] + t1) / 2;
                const double mx = edge.x1 + t * dx, my = edge.y1 + t * dy;
                const double pieceLength = (t1 - m_ts[j]) * edgeLength;
                const double epsilon = std::min(1e-11 * scale, 0.25 * pieceLength);
                if (!(epsilon > 0)) {
                    continue;
                }
                const double inX = mx + epsilon * nx, inY = my + epsilon * ny;
                const double outX = mx - epsilon * nx, outY = my - epsilon * ny;
                if (self.kind != 0 && !wholeInFeature && !shape.contains(inX, inY)) {
                    continue; // every intersection lies inside the feature
                }
                // The point left of a feature piece is inside it by construction.
                const bool featureOut = wholeInFeature || shape.contains(outX, outY);
                // Inside and outside of a participant just left and right of the piece.
                auto sides = [&](std::size_t y, const IndexedPolygon& polygon) {
                    if (self.kind != 0 && state[y] == unknown) {
                        const auto where =
                            polygon.locate((edge.x1 + edge.x2) / 2, (edge.y1 + edge.y2) / 2);
                        // On a boundary the edge did not meet (rounding): tested per piece.
                        state[y] = where == IndexedPolygon::Location::Interior   ? 1
                                   : where == IndexedPolygon::Location::Exterior ? 0
                                                                                 : perPiece;
                    }
                    if (self.kind != 0 && state[y] >= 0) {
                        return std::pair<bool, bool>(state[y] == 1, state[y] == 1);
                    }
                    return polygon.containsBoth(inX, inY, outX, outY);
                };
                if (slowRegions) {
                    for (std::size_t j2 = 0; j2 < regionCount; ++j2) {
                        const auto& region = o.m_regions[m_regionCandidates[j2]];
                        std::tie(regionIn[j2], regionOut[j2]) = sides(1 + j2, region);
                        // feature ∩ region, for the groups that hold the feature whole.
                        if (regionIn[j2] && !(featureOut && regionOut[j2]) && self.kind != 2) {
                            const std::size_t first = !featureOut ? 0 : 1 + j2;
                            if (first == x) {
                                inRegion[j2] += term();
                            }
                        }
                    }
                }
                for (std::size_t g = 0; g < m_ranges.size(); ++g) {
                    if (!slowGroup[g] || (self.kind == 2 && self.group != g)) {
                        continue;
                    }
                    const auto [begin, end] = m_ranges[g];
                    for (auto k = begin; k < end; ++k) {
                        const auto& zone = o.m_zones[m_candidates[k].zone];
                        std::tie(zoneIn[k], zoneOut[k]) = sides(participantOfCandidate[k], zone);
                    }
                    bool unionIn = false, unionOut = false;
                    std::size_t k = begin;
                    for (std::size_t li = 0; li < levels[g].size(); ++li) {
                        // Add the zones of this level to the union (levels run high to low).
                        std::size_t levelEnd = k;
                        while (levelEnd < end && m_candidates[levelEnd].level == levels[g][li]) {
                            ++levelEnd;
                        }
                        for (auto z = k; z < levelEnd; ++z) {
                            unionIn = unionIn || zoneIn[z];
                            unionOut = unionOut || zoneOut[z];
                        }
                        k = levelEnd;
                        // The point left of the piece is in the intersection when it is in
                        // the union; the point right of it is outside unless in both.
                        const bool outside = featureOut && unionOut;
                        if (!unionIn) {
                            continue;
                        }
                        // Only the piece of the first participant whose boundary runs here
                        // with its interior on the left counts (coincident edges once).
                        auto firstZone = [&]() -> std::size_t {
                            for (auto z = begin; z < levelEnd; ++z) {
                                if (zoneIn[z] && !zoneOut[z]) {
                                    return participantOfCandidate[z];
                                }
                            }
                            return participants.size();
                        };
                        if (!outside) {
                            const std::size_t first = !featureOut ? 0 : firstZone();
                            if (first == x) {
                                atOrAbove[levelBase[g] + li] += term();
                            }
                        }
                        if (!slowRegions) {
                            continue;
                        }
                        for (std::size_t j2 = 0; j2 < regionCount; ++j2) {
                            if (!regionIn[j2] || (outside && regionOut[j2])) {
                                continue;
                            }
                            std::size_t first = participants.size();
                            if (!featureOut) {
                                first = 0;
                            } else if (!regionOut[j2]) {
                                first = 1 + j2;
                            } else {
                                first = firstZone();
                            }
                            if (first == x) {
                                atOrAboveInRegion[(levelBase[g] + li) * regionCount + j2] += term();
                            }
                        }
                    }
                }
            }
        }
    }

    const double featureMeasure = std::fabs(doubleArea) / 2;
    std::vector<int> highest(m_ranges.size(), 0);
    for (std::size_t g = 0; g < m_ranges.size(); ++g) {
        if (!slowGroup[g]) {
            // The feature lies whole in the highest zone covering it (or in none).
            highest[g] = coveringLevel[g];
            if (highest[g] > 0) {
                add(m_levels, g, highest[g], featureMeasure);
                for (std::size_t j2 = 0; j2 < regionCount; ++j2) {
                    const double inside = slowRegions
                                              ? inRegion[j2] / 2
                                              : (regionHoldsFeature[j2] ? featureMeasure : 0);
                    add(m_regionLevels, g, highest[g], m_regionCandidates[j2], inside);
                }
            }
            continue;
        }
        for (auto k = m_ranges[g].first; k < m_ranges[g].second; ++k) {
            const auto& zone = o.m_zones[m_candidates[k].zone];
            if (m_touched[k] || anyRingCovered(shape, zone) || anyRingCovered(zone, shape)) {
                highest[g] = m_candidates[k].level;
                break;
            }
        }
        for (std::size_t li = 0; li < levels[g].size(); ++li) {
            const std::size_t slot = levelBase[g] + li;
            const double above = li == 0 ? 0.0 : atOrAbove[slot - 1];
            const double exact = (atOrAbove[slot] - above) / 2;
            add(m_levels, g, levels[g][li], exact);
            for (std::size_t j2 = 0; j2 < regionCount; ++j2) {
                double inside = 0;
                if (slowRegions) {
                    const double regionAbove =
                        li == 0 ? 0.0 : atOrAboveInRegion[(slot - 1) * regionCount + j2];
                    inside = (atOrAboveInRegion[slot * regionCount + j2] - regionAbove) / 2;
                } else if (regionHoldsFeature[j2]) {
                    inside = exact;
                }
                add(m_regionLevels, g, levels[g][li], m_regionCandidates[j2], inside);
            }
        }
    }
    emit(feature, highest, featureMeasure, false, shape.firstX(), shape.firstY(), out);
}

ZoneOverlay::ZoneOverlay(const std::vector<OverlayZone>& zones,
                         const std::vector<OverlayRegion>& regions,
                         MeasureCrs measure,
                         int threads)
    : m_measure(std::move(measure)), m_threads(std::max(1, threads))
{
    // Zones are read (and repaired when invalid) on the workers, each with its own GEOS
    // context; the result does not depend on the thread count.
    // Regions are read on the workers too, after the zones.
    m_zones.resize(zones.size());
    m_regions.resize(regions.size());
    std::vector<std::string> zoneErrors(zones.size());
    std::vector<std::exception_ptr> regionFailures(regions.size()); // rethrown on this thread
    std::atomic<std::size_t> next{0};
    auto build = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= zones.size() + regions.size()) {
                return;
            }
            if (i >= zones.size()) {
                const std::size_t r = i - zones.size();
                try {
                    m_regions[r] = IndexedPolygon(regions[r].wkb);
                } catch (const Error&) {
                    m_regions[r] = IndexedPolygon(); // unreadable: an empty region
                } catch (...) {
                    regionFailures[r] = std::current_exception();
                }
                continue;
            }
            try {
                // Most zones show they are valid by their edges alone, without GEOS.
                IndexedPolygon plain(zones[i].wkb);
                if (plain.isPlainlyValid()) {
                    m_zones[i] = std::move(plain);
                    continue;
                }
            } catch (const Error&) {
                // Read by GEOS below, which says what is wrong.
            }
            try {
                // Invalid zones (self-intersections) are repaired first, so membership and the
                // ring orientation mean what they should.
                auto geometry = geos::fromWkb(zones[i].wkb, "zone " + std::to_string(i));
                const char valid = GEOSisValid_r(geosContext(), geometry.get());
                if (valid == 1) {
                    m_zones[i] = IndexedPolygon(zones[i].wkb);
                } else {
                    m_zones[i] =
                        IndexedPolygon(geometryToWkb(*geos::makeValid(std::move(geometry))));
                }
            } catch (const std::exception& error) {
                m_zones[i] = IndexedPolygon();
                zoneErrors[i] = error.what();
            }
        }
    };
    runWithHelpers(std::min<std::size_t>(static_cast<std::size_t>(m_threads) - 1,
                                         (zones.size() + regions.size()) / 256),
                   build);
    for (const auto& failure : regionFailures) {
        if (failure) {
            std::rethrow_exception(failure); // e.g. out of memory, as it was on this thread
        }
    }
    std::vector<Envelope> envelopes;
    envelopes.reserve(zones.size());
    for (std::uint32_t i = 0; i < zones.size(); ++i) {
        m_zoneGroup.push_back(zones[i].group);
        m_zoneLevel.push_back(zones[i].level);
        if (!zoneErrors[i].empty()) {
            m_zoneProblems.push_back({i, zoneErrors[i]});
        }
        envelopes.push_back(m_zones[i].isEmpty() ? Envelope() : m_zones[i].envelope());
    }
    m_zoneIndex = EnvelopeIndex(envelopes);
    m_zoneGrid = EnvelopeGrid(envelopes);
    m_zoneEnvelopes = envelopes;
    envelopes.clear();
    for (std::size_t r = 0; r < regions.size(); ++r) {
        m_regionSet.push_back(regions[r].set);
        envelopes.push_back(m_regions[r].isEmpty() ? Envelope() : m_regions[r].envelope());
    }
    m_regionIndex = EnvelopeIndex(envelopes);
    m_regionGrid = EnvelopeGrid(envelopes);
    m_regionEnvelopes = envelopes;

    // What is measured lies near the zones: the measuring transformation is fitted over their
    // extent and the regions', with a margin of 5 % each side.
    if (!m_measure.from.empty() && !m_measure.to.empty() && m_measure.from != m_measure.to) {
        Envelope extent;
        for (const auto* list : {&m_zoneEnvelopes, &m_regionEnvelopes}) {
            for (const auto& box : *list) {
                if (!box.isEmpty()) {
                    extent.include(box);
                }
            }
        }
        if (!extent.isEmpty()) {
            const double margin =
                0.05 * std::max(extent.maxX - extent.minX, extent.maxY - extent.minY);
            const Envelope box = extent.expanded(margin);
            try {
                const CoordinateTransform exact(m_measure.from, m_measure.to);
                m_fit = PolynomialTransform(exact, box.minX, box.minY, box.maxX, box.maxY, 2e-8);
            } catch (const Error&) {
                // The workers' own transformations report what PROJ cannot do.
            }
        }
    }
}

ZoneOverlay::~ZoneOverlay() = default;

int ZoneOverlay::regionOf(double x, double y, int set) const
{
    std::vector<std::uint32_t> candidates;
    m_regionIndex.query(Envelope::ofPoint(x, y), candidates);
    for (auto r : candidates) {
        if (m_regionSet[r] == set && m_regions[r].covers(x, y)) {
            return static_cast<int>(r);
        }
    }
    return -1;
}

std::vector<ZoneOverlay::RegionZones> ZoneOverlay::zonesPerRegion(AnalysisFeedback* feedback) const
{
    // Regions are independent: counted on the workers, joined in region order.
    std::vector<std::vector<RegionZones>> perRegion(m_regions.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> canceled{false};
    auto count = [&] {
        std::vector<Candidate> candidates;
        for (;;) {
            const std::size_t r = next.fetch_add(1);
            if (r >= m_regions.size() || canceled.load()) {
                return;
            }
            if (feedback && feedback->isCanceled()) {
                canceled.store(true);
                return;
            }
            const auto& region = m_regions[r];
            if (region.isEmpty()) {
                continue;
            }
            candidates.clear();
            m_zoneIndex.visit(region.envelope(), [&](std::uint32_t z) {
                candidates.push_back({z, m_zoneGroup[z], m_zoneLevel[z]});
            });
            sortCandidates(candidates);
            auto& out = perRegion[r];
            for (const auto& c : candidates) {
                if (!polygonsIntersect(region, m_zones[c.zone])) {
                    continue;
                }
                if (!out.empty() && out.back().group == c.group && out.back().level == c.level) {
                    ++out.back().zones;
                } else {
                    out.push_back({static_cast<std::uint32_t>(r), c.group, c.level, 1});
                }
            }
        }
    };
    runWithHelpers(
        std::min<std::size_t>(static_cast<std::size_t>(m_threads) - 1, m_regions.size() / 16),
        count);
    throwIfCanceled(feedback);
    std::vector<RegionZones> out;
    for (auto& list : perRegion) {
        out.insert(out.end(), list.begin(), list.end());
    }
    return out;
}

template <typename Job>
OverlayResult ZoneOverlay::runParallel(std::size_t count, AnalysisFeedback* feedback, Job job) const
{
    throwIfCanceled(feedback);
    // Enough chunks for every worker to stay busy, few enough to keep the merging cheap.
    const std::size_t chunkSize = std::clamp<std::size_t>(
        count / (8 * static_cast<std::size_t>(m_threads)), 16, maximumChunkSize);
    const std::size_t chunks = (count + chunkSize - 1) / chunkSize;
    std::vector<OverlayResult> results(chunks);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::exception_ptr failure;
    const auto threadCount = static_cast<std::size_t>(
        std::max<std::size_t>(1, std::min<std::size_t>(m_threads, chunks)));
    if (m_workers.size() < threadCount) {
        m_workers.resize(threadCount);
    }
    auto work = [&](std::size_t slot) {
        try {
            if (!m_workers[slot]) {
                m_workers[slot] = std::make_unique<OverlayWorker>(*this);
            }
            OverlayWorker& worker = *m_workers[slot];
            for (;;) {
                const std::size_t chunk = next.fetch_add(1);
                if (chunk >= chunks || stop.load()) {
                    return;
                }
                const std::size_t end = std::min(count, (chunk + 1) * chunkSize);
                for (std::size_t i = chunk * chunkSize; i < end; ++i) {
                    if (i % cancelCheckInterval == 0 && feedback && feedback->isCanceled()) {
                        stop.store(true);
                        return;
                    }
                    job(worker, static_cast<std::uint32_t>(i), results[chunk]);
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(mutex);
            if (!failure) {
                failure = std::current_exception();
            }
            stop.store(true);
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < threadCount; ++t) {
        threads.emplace_back(work, t);
    }
    work(0);
    for (auto& thread : threads) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    throwIfCanceled(feedback);
    if (results.size() == 1) {
        return std::move(results.front());
    }
    // One allocation per list: growing them chunk by chunk copies and faults in pages twice.
    std::size_t parts = 0, shares = 0;
    for (const auto& result : results) {
        parts += result.parts.size();
        shares += result.regionShares.size();
    }
    OverlayResult merged;
    merged.parts.reserve(parts);
    merged.regionShares.reserve(shares);
    for (auto& result : results) {
        const auto offset = static_cast<std::uint32_t>(merged.parts.size());
        merged.parts.insert(merged.parts.end(), result.parts.begin(), result.parts.end());
        for (auto share : result.regionShares) {
            share.part += offset;
            merged.regionShares.push_back(share);
        }
        std::move(
            result.problems.begin(), result.problems.end(), std::back_inserter(merged.problems));
        result = OverlayResult(); // freed as it goes
    }
    return merged;
}

OverlayResult ZoneOverlay::overlayPoints(const std::vector<OverlayPoint>& points,
                                         AnalysisFeedback* feedback) const
{
    return runParallel(
        points.size(), feedback, [&](OverlayWorker& worker, std::uint32_t i, OverlayResult& out) {
            worker.point(i, points[i].x, points[i].y, out);
        });
}

OverlayResult ZoneOverlay::overlayGeometries(const std::vector<std::vector<unsigned char>>& list,
                                             AnalysisFeedback* feedback,
                                             LineMeasure lineMeasure) const
{
    return runParallel(
        list.size(), feedback, [&](OverlayWorker& worker, std::uint32_t i, OverlayResult& out) {
            worker.m_lineShares = lineMeasure == LineMeasure::Shares;
            worker.geometry(i, list[i], out);
        });
}

} // namespace geo
