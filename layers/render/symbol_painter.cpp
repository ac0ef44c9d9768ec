#include "layers/render/symbol_painter.h"

#include "layers/data_paths.h"

#include <QPainter>
#include <QPolygonF>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>

namespace layers {

namespace {

void drawShape(QPainter& painter, const Symbol& symbol, const QRectF& box, double dpi)
{
    QColor fill = symbol.fill;
    if (fill.alpha() < 200) {
        fill.setAlpha(230); // a point needs a solid body to be seen
    }
    painter.setBrush(fill);
    QPen pen(symbol.stroke, std::max(1.0, symbol.strokeWidthMm * dpi / 25.4));
    painter.setPen(symbol.strokeStyle == Qt::NoPen ? QPen(Qt::NoPen) : pen);
    const QRectF r =
        box.adjusted(pen.widthF() / 2, pen.widthF() / 2, -pen.widthF() / 2, -pen.widthF() / 2);
    const QPointF c = r.center();
    const double h = r.width() / 2;
    switch (symbol.shape) {
    case Symbol::Shape::Circle:
        painter.drawEllipse(r);
        break;
    case Symbol::Shape::Square:
        painter.drawRect(r);
        break;
    case Symbol::Shape::Triangle:
        painter.drawPolygon(QPolygonF({QPointF(c.x(), r.top()), r.bottomRight(), r.bottomLeft()}));
        break;
    case Symbol::Shape::Diamond:
        painter.drawPolygon(QPolygonF({QPointF(c.x(), r.top()),
                                       QPointF(r.right(), c.y()),
                                       QPointF(c.x(), r.bottom()),
                                       QPointF(r.left(), c.y())}));
        break;
    case Symbol::Shape::Star: {
        QPolygonF star;
        for (int i = 0; i < 10; ++i) {
            const double radius = (i % 2) ? h * 0.45 : h;
            const double angle = -M_PI / 2 + i * M_PI / 5;
            star << QPointF(c.x() + radius * std::cos(angle), c.y() + radius * std::sin(angle));
        }
        painter.drawPolygon(star);
        break;
    }
    case Symbol::Shape::Cross: {
        QPen crossPen(symbol.fill.alpha() > 0 ? symbol.fill : symbol.stroke,
                      std::max(2.0, h * 0.5));
        painter.setPen(crossPen);
        painter.drawLine(QPointF(r.left(), r.top()), QPointF(r.right(), r.bottom()));
        painter.drawLine(QPointF(r.right(), r.top()), QPointF(r.left(), r.bottom()));
        break;
    }
    }
}

} // namespace

void drawMarkerSymbol(QPainter& painter, const Symbol& symbol, const QRectF& box, double dpi)
{
    painter.save();
    bool drawn = false;
    if (!symbol.icon.isEmpty()) {
        QSvgRenderer svg(QString::fromStdString(dataDirectory() + "/icons/") + symbol.icon);
        if (svg.isValid()) {
            svg.render(&painter, box);
            drawn = true;
        }
    }
    if (!drawn) {
        drawShape(painter, symbol, box, dpi);
    }
    painter.restore();
}

void drawLegendSwatch(QPainter& painter,
                      const Symbol& symbol,
                      geo::GeometryFamily family,
                      const QRectF& box,
                      double dpi)
{
    painter.save();
    const double strokePx = std::max(1.0, symbol.strokeWidthMm * dpi / 25.4);
    switch (family) {
    case geo::GeometryFamily::Line: {
        // Lines are thin on the map; the swatch shows them at least a little wider.
        QPen pen(symbol.stroke, std::max(strokePx, box.height() * 0.12));
        pen.setStyle(symbol.strokeStyle);
        pen.setCapStyle(Qt::FlatCap);
        painter.setPen(pen);
        painter.drawLine(QPointF(box.left(), box.center().y()),
                         QPointF(box.right(), box.center().y()));
        break;
    }
    case geo::GeometryFamily::Polygon: {
        QPen pen(symbol.stroke, strokePx);
        pen.setStyle(symbol.strokeStyle);
        painter.setPen(symbol.strokeStyle == Qt::NoPen ? QPen(Qt::NoPen) : pen);
        painter.setBrush(symbol.fill.alpha() > 0 ? QBrush(symbol.fill) : QBrush());
        const double inset = strokePx / 2;
        painter.drawRect(box.adjusted(inset, inset, -inset, -inset));
        break;
    }
    case geo::GeometryFamily::Point:
    case geo::GeometryFamily::Any: {
        const double side = std::min(box.width(), box.height());
        drawMarkerSymbol(painter,
                         symbol,
                         QRectF(box.center() - QPointF(side / 2, side / 2), QSizeF(side, side)),
                         dpi);
        break;
    }
    }
    painter.restore();
}

} // namespace layers
