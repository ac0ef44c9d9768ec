#pragma once

#include <QRectF>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace layers {
class Project;
}

namespace app {

struct FeatureHit
{
    std::string theme;
    std::int64_t fid = 0;
    std::string uuid;
};

/// Features of one theme whose geometry intersects a lon/lat rectangle (EPSG:4326), found
/// through the theme's R*Tree and refined with SpatiaLite's Intersects; points before lines
/// before areas, then nearest to the rectangle's centre, then smallest. Runs SQL on the
/// caller's thread (the project's thread), with every value bound.
std::vector<FeatureHit> featuresInRectangle(layers::Project& project,
                                            const std::string& theme,
                                            const QRectF& lonLatRectangle,
                                            int limit);

/// The lon/lat bounding box of the given features (of zero size for one point); nullopt when
/// none of them exists or has a geometry.
std::optional<QRectF> featuresBounds(layers::Project& project,
                                     const std::string& theme,
                                     const std::vector<std::int64_t>& fids);

/// The feature's fid, or -1 when no feature has this UUID.
std::int64_t fidOf(layers::Project& project, const std::string& theme, const std::string& uuid);
/// The feature's UUID, or "" when no feature has this fid.
std::string uuidOf(layers::Project& project, const std::string& theme, std::int64_t fid);

} // namespace app
