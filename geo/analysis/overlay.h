#pragma once

#include "geo/analysis/envelope_index.h"
#include "geo/analysis/indexed_polygon.h"
#include "geo/coordinate_transform.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace geo {

class AnalysisFeedback;
class OverlayWorker;

/// A hazard zone: a polygon, the group it belongs to (one group per hazard type) and its
/// ordinal level (higher is more dangerous, e.g. 1 rendah, 2 sedang, 3 tinggi).
struct OverlayZone
{
    std::vector<unsigned char> wkb;
    int group = 0;
    int level = 1;
};

/// A region features are reported by (a village, a sub-village). Regions of one set should
/// not overlap; where they do, a point goes to the first region of the set (input order) and
/// a line or polygon is measured in each.
struct OverlayRegion
{
    std::vector<unsigned char> wkb;
    int set = 0;
};

struct OverlayPoint
{
    double x = 0;
    double y = 0;
};

/// The part of one feature exposed to one zone group at one level. Within a group each part of
/// a feature counts once, at the highest level of the zones covering it, so the parts of one
/// feature and group never overlap. A feature's first part for a group carries its highest
/// level: the highest level of the zones it touches (intersects, edges included), which may
/// hold no length or area of it. Parts are ordered by feature, then group, then level from
/// high to low.
struct ExposedPart
{
    std::uint32_t feature = 0;
    int group = 0;
    int level = 0;
    /// Length (lines) or area (polygons) of the part in the measuring CRS; 0 for points and
    /// for a line or polygon that only touches a zone.
    double measure = 0;
    /// measure / featureMeasure; 1 for points.
    double share = 1;
    double featureMeasure = 0;
};

/// The share of a part that lies in one region.
struct RegionShare
{
    std::uint32_t part = 0; ///< index into OverlayResult::parts
    std::uint32_t region = 0;
    double measure = 0;
    double share = 1; ///< region measure / feature measure (1 for points)
};

/// A feature that could not be overlaid (unreadable geometry, coordinates PROJ cannot
/// transform); it is left out.
struct OverlayProblem
{
    std::uint32_t feature = 0;
    std::string reason;
};

struct OverlayResult
{
    std::vector<ExposedPart> parts;
    std::vector<RegionShare> regionShares; ///< ordered by part
    std::vector<OverlayProblem> problems;
};

/// Lengths and areas are measured after transforming from `from` to `to` (e.g. EPSG:4326 to
/// the working UTM zone); both empty = planar in the input units.
struct MeasureCrs
{
    std::string from;
    std::string to;
};

/// Overlays features with hazard zones: points × polygons, lines × polygons with clipped
/// lengths, polygons × polygons with clipped areas, and splits what is exposed over regions.
///
/// How: zones and regions sit in a packed R-tree of their envelopes (and a uniform grid of
/// them for points), each with its edges in a band index (IndexedPolygon). A line is split at
/// every edge of the zones and regions near it and each piece is classified by its midpoint
/// (a zone edge counts as inside). The area of a polygon inside the union of the zones at or
/// above a level is the shoelace sum over the boundary pieces of that intersection (Green's
/// theorem): the feature's and the zones' edges are split at each other, and a piece belongs
/// to the boundary when the point just left of it is inside every set and the point just
/// right of it is not; coincident edges count once. No polygon is built. Measures are taken
/// on the transformed end points of the pieces, which is what measuring
/// Transform(ST_Intersection(...)) gives (split points on edges shorter than 50 m are
/// interpolated, < 0.02 mm off). Membership follows the even-odd rule (the OGC interior of
/// valid polygons); invalid zones are repaired with GEOS MakeValid first.
///
/// Thread rules: construction and queries on one thread; a call uses `threads` workers of its
/// own (each with its own PROJ context) and returns when they are done. Long calls poll
/// feedback between features and throw AnalysisCanceled.
class ZoneOverlay
{
public:
    ZoneOverlay(const std::vector<OverlayZone>& zones,
                const std::vector<OverlayRegion>& regions,
                MeasureCrs measure = {},
                int threads = 1);
    ~ZoneOverlay();
    ZoneOverlay(const ZoneOverlay&) = delete;
    ZoneOverlay& operator=(const ZoneOverlay&) = delete;

    /// Zones that could not be used (unreadable WKB), by input index.
    const std::vector<OverlayProblem>& zoneProblems() const { return m_zoneProblems; }

    OverlayResult overlayPoints(const std::vector<OverlayPoint>& points,
                                AnalysisFeedback* feedback = nullptr) const;
    /// What lines measure: Shares measures their whole length too, for ExposedPart::share
    /// and featureMeasure; ExposedOnly measures only what lies in zones (share and
    /// featureMeasure are 0), which spares projecting the rest (roads counted in km).
    enum class LineMeasure { Shares, ExposedOnly };

    /// Lines and polygons (points in WKB work too) as WKB.
    OverlayResult overlayGeometries(const std::vector<std::vector<unsigned char>>& geometries,
                                    AnalysisFeedback* feedback = nullptr,
                                    LineMeasure lineMeasure = LineMeasure::Shares) const;

    /// The first region of the set containing (x, y) (edges included), or -1.
    int regionOf(double x, double y, int set) const;

    /// For every region, how many zones of each group and level touch it (intersect).
    struct RegionZones
    {
        std::uint32_t region = 0;
        int group = 0;
        int level = 0;
        std::uint32_t zones = 0;
    };
    std::vector<RegionZones> zonesPerRegion(AnalysisFeedback* feedback = nullptr) const;

private:
    friend class OverlayWorker;
    template <typename Job>
    OverlayResult runParallel(std::size_t count, AnalysisFeedback* feedback, Job job) const;

    std::vector<IndexedPolygon> m_zones;
    std::vector<int> m_zoneGroup;
    std::vector<int> m_zoneLevel;
    std::vector<IndexedPolygon> m_regions;
    std::vector<int> m_regionSet;
    EnvelopeIndex m_zoneIndex;
    EnvelopeIndex m_regionIndex;
    std::vector<Envelope> m_zoneEnvelopes;
    std::vector<Envelope> m_regionEnvelopes;
    EnvelopeGrid m_zoneGrid;   ///< for points
    EnvelopeGrid m_regionGrid; ///< for points
    std::vector<OverlayProblem> m_zoneProblems;
    MeasureCrs m_measure;
    /// The measuring transformation over the zones' and regions' extent, fitted once to 20 nm
    /// (exact PROJ calls for points outside it, or when no fit is that accurate).
    PolynomialTransform m_fit;
    int m_threads = 1;
    /// The workers' state (PROJ transformation, scratch buffers), one per worker slot, made
    /// on first use and kept for the next call: creating a transformation costs more than
    /// overlaying a small chunk. A call uses each slot from one thread at a time.
    mutable std::vector<std::unique_ptr<OverlayWorker>> m_workers;
};

} // namespace geo
