#include "app/desktop/feature_query.h"

#include "geo/spatial_database.h"
#include "layers/project.h"

#include <algorithm>

namespace app {

std::vector<FeatureHit> featuresInRectangle(layers::Project& project,
                                            const std::string& theme,
                                            const QRectF& rectangle,
                                            int limit)
{
    const std::string table = geo::quoteIdentifier(theme);
    const std::string index = geo::quoteIdentifier("idx_" + theme + "_geom");
    auto statement = project.database().prepare(
        "SELECT t.fid, t.uuid FROM " + table + " AS t WHERE t.fid IN (SELECT pkid FROM " + index +
        " WHERE xmin <= ?3 AND xmax >= ?1 AND ymin <= ?4 AND ymax >= ?2) "
        "AND Intersects(t.geom, BuildMbr(?1, ?2, ?3, ?4, 4326)) "
        "ORDER BY Dimension(t.geom), Distance(t.geom, MakePoint(?5, ?6, 4326)), Area(t.geom), "
        "t.fid LIMIT ?7");
    statement.bind(1, rectangle.left())
        .bind(2, rectangle.top())
        .bind(3, rectangle.right())
        .bind(4, rectangle.bottom())
        .bind(5, rectangle.center().x())
        .bind(6, rectangle.center().y())
        .bind(7, static_cast<std::int64_t>(limit));
    std::vector<FeatureHit> hits;
    while (statement.step()) {
        hits.push_back({theme, statement.integer(0), statement.text(1)});
    }
    return hits;
}

std::optional<QRectF> featuresBounds(layers::Project& project,
                                     const std::string& theme,
                                     const std::vector<std::int64_t>& fids)
{
    constexpr std::size_t batch = 500;
    const std::string table = geo::quoteIdentifier(theme);
    bool found = false;
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    for (std::size_t start = 0; start < fids.size(); start += batch) {
        const std::size_t count = std::min(batch, fids.size() - start);
        std::string placeholders;
        for (std::size_t i = 0; i < count; ++i) {
            placeholders += i ? ",?" : "?";
        }
        auto statement = project.database().prepare(
            "SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), "
            "max(MbrMaxY(geom)) FROM " +
            table + " WHERE geom IS NOT NULL AND fid IN (" + placeholders + ")");
        for (std::size_t i = 0; i < count; ++i) {
            statement.bind(static_cast<int>(i + 1), fids[start + i]);
        }
        if (statement.step() && !statement.isNull(0)) {
            const double x0 = statement.real(0), y0 = statement.real(1);
            const double x1 = statement.real(2), y1 = statement.real(3);
            if (!found) {
                minX = x0, minY = y0, maxX = x1, maxY = y1;
                found = true;
            } else {
                minX = std::min(minX, x0), minY = std::min(minY, y0);
                maxX = std::max(maxX, x1), maxY = std::max(maxY, y1);
            }
        }
    }
    if (!found) {
        return std::nullopt;
    }
    return QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
}

std::int64_t fidOf(layers::Project& project, const std::string& theme, const std::string& uuid)
{
    auto statement = project.database().prepare("SELECT fid FROM " + geo::quoteIdentifier(theme) +
                                                " WHERE uuid = ?");
    statement.bind(1, uuid);
    return statement.step() ? statement.integer(0) : -1;
}

std::string uuidOf(layers::Project& project, const std::string& theme, std::int64_t fid)
{
    auto statement = project.database().prepare("SELECT uuid FROM " + geo::quoteIdentifier(theme) +
                                                " WHERE fid = ?");
    statement.bind(1, fid);
    return statement.step() ? statement.text(0) : std::string();
}

} // namespace app
