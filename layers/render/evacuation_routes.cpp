#include "layers/render/evacuation_routes.h"

#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "geo/spatialite_blob.h"

#include <QPainter>
#include <QPolygonF>

#include <cmath>

namespace layers {

QColor evacuationRouteColor()
{
    return {0, 120, 60};
}

std::vector<RouteLine>
evacuationRoutes(const std::string& projectPath, const MapRect& box, const std::string& crs)
{
    std::vector<RouteLine> routes;
    geo::SpatialDatabase db(projectPath, geo::SpatialDatabase::Mode::ReadOnly);
    if (!db.tableExists("hasil_evakuasi_rute") || !db.tableExists("idx_hasil_evakuasi_rute_geom")) {
        return routes;
    }
    auto statement = db.prepare(
        "SELECT geom FROM hasil_evakuasi_rute WHERE id IN (SELECT pkid FROM "
        "idx_hasil_evakuasi_rute_geom WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?)");
    statement.bind(1, box.maxX).bind(2, box.minX).bind(3, box.maxY).bind(4, box.minY);
    const geo::CoordinateTransform transform("EPSG:4326", crs);
    geo::FlatGeometry geometry;
    while (statement.step()) {
        const auto blob = statement.blob(0);
        if (blob.empty() || !geo::parseSpatialiteBlob(blob.data(), blob.size(), geometry) ||
            geometry.kind != geo::FlatGeometry::Kind::Line) {
            continue;
        }
        transform.transformInterleaved(geometry.xy.data(), geometry.pointCount());
        for (std::size_t part = 0; part < geometry.partCount(); ++part) {
            RouteLine line;
            for (auto i = geometry.partStarts[part]; i < geometry.partStarts[part + 1]; ++i) {
                line.emplace_back(geometry.xy[2 * i], geometry.xy[2 * i + 1]);
            }
            if (line.size() >= 2) {
                routes.push_back(std::move(line));
            }
        }
    }
    return routes;
}

std::size_t drawEvacuationRoutes(QPainter& painter,
                                 const std::vector<RouteLine>& routes,
                                 const std::function<QPointF(double, double)>& toDevice,
                                 double widthPx,
                                 double headPx)
{
    painter.save();
    QPen pen(evacuationRouteColor(), widthPx);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    for (const auto& route : routes) {
        QPolygonF line;
        for (const auto& [x, y] : route) {
            line << toDevice(x, y);
        }
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(line);
        // The arrowhead points along the last segment long enough to give a direction.
        const QPointF tip = line.last();
        for (qsizetype i = line.size() - 2; i >= 0; --i) {
            const QPointF d = tip - line[i];
            const double length = std::hypot(d.x(), d.y());
            if (length < headPx * 0.5) {
                continue;
            }
            const QPointF u = d / length, n(-u.y(), u.x());
            painter.setPen(Qt::NoPen);
            painter.setBrush(evacuationRouteColor());
            painter.drawPolygon(QPolygonF(
                {tip, tip - u * headPx + n * headPx * 0.45, tip - u * headPx - n * headPx * 0.45}));
            break;
        }
    }
    painter.restore();
    return routes.size();
}

} // namespace layers
