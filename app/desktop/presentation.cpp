#include "app/desktop/presentation.h"

#include "app/desktop/layer_panel.h"
#include "app/desktop/map_canvas.h"
#include "app/desktop/map_tools.h"
#include "geo/spatial_database.h"
#include "layers/project.h"
#include "layers/render/style.h"
#include "layers/theme.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <map>
#include <set>

namespace app {

namespace {
constexpr int maxCategoriesPerLayer = 8;
const QColor maskColor(12, 18, 32, 150);
const QColor bandColor(18, 38, 66, 225);
} // namespace

/// The presentation's canvas tool: draws the overlay (mask, title band, legend) and hands keys
/// and clicks to the view.
class PresentationTool : public MapTool
{
public:
    PresentationTool(MapCanvas* canvas, PresentationView* view) : MapTool(canvas), m_view(view) {}
    QString id() const override { return "presentation"; }
    bool allowsBoxZoom() const override { return false; }
    bool keyPress(QKeyEvent* event) override { return m_view->handleKey(event); }
    void paint(QPainter& painter) override { m_view->paintOverlay(painter); }
    void mousePress(QMouseEvent* event) override
    {
        if (event->button() == Qt::LeftButton) {
            m_view->next();
        } else if (event->button() == Qt::RightButton) {
            m_view->showMenu(event->globalPosition().toPoint());
        }
    }

private:
    PresentationView* m_view;
};

PresentationView::PresentationView(layers::Project& project,
                                   const std::string& crs,
                                   std::vector<layers::MapLayer> mapLayers,
                                   QWidget* parent)
    : QWidget(parent, parent ? Qt::Window : Qt::WindowFlags()), m_layers(std::move(mapLayers))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Mode Presentasi — PetaDesa"));
    m_projectName = QString::fromStdString(project.name());
    m_canvas = new MapCanvas(this);
    m_canvas->setProject(project.path(), crs);
    m_tool = new PresentationTool(m_canvas, this);
    m_canvas->setTool(m_tool);
    setFocusProxy(m_canvas);
    for (size_t i = 0; i < m_overlays.size(); ++i) {
        for (const std::string& theme : overlayThemes(Overlay(i))) {
            for (const layers::MapLayer& layer : m_layers) {
                m_overlays[i] = m_overlays[i] || (layer.theme == theme && layer.visible);
            }
        }
    }
    readVillages(project);
    readLegend(project);
    sortVillages();
    applyLayers();
    connect(m_canvas, &MapCanvas::viewChanged, m_canvas, qOverload<>(&QWidget::update));
}

PresentationView::~PresentationView()
{
    m_canvas->setTool(nullptr);
}

std::vector<std::string> PresentationView::overlayThemes(Overlay overlay)
{
    switch (overlay) {
    case Overlay::Hazard:
        return {"zona_bahaya"};
    case Overlay::Evacuation:
        return {"titik_evakuasi"};
    case Overlay::Potential:
        return {"potensi_ekonomi"};
    }
    return {};
}

void PresentationView::readVillages(layers::Project& project)
{
    geo::SpatialDatabase& db = project.database();
    std::map<std::string, QString> kecamatanNames;
    auto kecamatan = db.prepare(
        "SELECT kode, nama FROM wilayah WHERE tingkat = 'kecamatan' AND kode IS NOT NULL");
    while (kecamatan.step()) {
        kecamatanNames[kecamatan.text(0)] = QString::fromStdString(kecamatan.text(1));
    }
    auto statement =
        db.prepare("SELECT fid, nama, kode, tingkat, kode_induk, AsBinary(geom) FROM wilayah "
                   "WHERE tingkat IN ('desa', 'kelurahan') AND geom IS NOT NULL");
    while (statement.step()) {
        PresentationVillage village;
        village.fid = statement.integer(0);
        village.name = QString::fromStdString(statement.text(1));
        village.code = QString::fromStdString(statement.text(2));
        village.level = QString::fromStdString(statement.text(3));
        // The parent kecamatan: kode_induk, else the village code without its last part.
        std::string parent = statement.text(4);
        if (!kecamatanNames.count(parent)) {
            const std::string code = statement.text(2);
            parent = code.substr(0, code.rfind('.') == std::string::npos ? 0 : code.rfind('.'));
        }
        if (auto found = kecamatanNames.find(parent); found != kecamatanNames.end()) {
            village.kecamatan = found->second;
        } else if (kecamatanNames.size() == 1) {
            village.kecamatan = kecamatanNames.begin()->second;
        }
        Geometry geometry = geometryFromWkb(statement.blob(5));
        bool transformed = !geometry.isEmpty();
        for (auto& part : geometry.parts) {
            for (auto& ring : part) {
                for (QPointF& p : ring) {
                    const auto t = m_canvas->lonLatToMap(p);
                    transformed = transformed && t.has_value();
                    p = t.value_or(p);
                }
            }
        }
        if (!transformed) {
            continue;
        }
        village.bounds = geometry.boundingRect();
        village.geometry = std::move(geometry);
        m_villages.push_back(std::move(village));
    }
}

void PresentationView::readLegend(layers::Project& project)
{
    // Top layer first, as a legend reads.
    for (auto layer = m_layers.rbegin(); layer != m_layers.rend(); ++layer) {
        const layers::Theme* schema = layers::findTheme(layer->theme);
        if (!schema || project.featureCount(layer->theme) == 0) {
            continue;
        }
        layers::ThemeStyle style;
        try {
            style = layer->style ? *layer->style : layers::ThemeStyle::load(layer->theme);
        } catch (const std::exception&) {
            style.theme = layer->theme; // a broken style file: plain symbols
        }
        const int size = 40;
        std::vector<PresentationLegendEntry> entries;
        entries.push_back({layer->theme, QString::fromStdString(schema->label()), QIcon()});
        if (style.categoryColumn.empty() || !schema->column(style.categoryColumn)) {
            entries.push_back({layer->theme,
                               style.defaultSymbol.label().isEmpty()
                                   ? QString::fromStdString(schema->label())
                                   : style.defaultSymbol.label(),
                               symbolIcon(style.defaultSymbol, schema->family, size)});
            m_legend.emplace_back(layer->theme, std::move(entries));
            continue;
        }
        // Only the categories that occur in the project, in the style's order.
        const std::string column = geo::quoteIdentifier(style.categoryColumn);
        const std::string value =
            style.categoryPrefix > 0
                ? "substr(" + column + ", 1, " + std::to_string(style.categoryPrefix) + ")"
                : column;
        auto statement =
            project.database().prepare("SELECT DISTINCT CAST(" + value + " AS TEXT) FROM " +
                                       geo::quoteIdentifier(layer->theme));
        std::set<std::string> present;
        while (statement.step()) {
            present.insert(statement.isNull(0) ? std::string() : statement.text(0));
        }
        int shown = 0;
        bool other = false;
        for (const std::string& v : present) {
            const bool known = std::any_of(style.categories.begin(),
                                           style.categories.end(),
                                           [&](const auto& c) { return c.first == v; });
            other = other || !known;
        }
        for (const auto& [category, symbol] : style.categories) {
            if (!present.count(category)) {
                continue;
            }
            if (shown++ == maxCategoriesPerLayer) {
                entries.push_back({layer->theme, tr("… dan lainnya"), QIcon()});
                break;
            }
            entries.push_back(
                {layer->theme,
                 symbol.label().isEmpty() ? QString::fromStdString(category) : symbol.label(),
                 symbolIcon(symbol, schema->family, size)});
        }
        if (other && shown <= maxCategoriesPerLayer) {
            entries.push_back({layer->theme,
                               tr("lainnya"),
                               symbolIcon(style.defaultSymbol, schema->family, size)});
        }
        m_legend.emplace_back(layer->theme, std::move(entries));
    }
}

void PresentationView::sortVillages()
{
    const std::int64_t current = m_villages.empty() ? -1 : currentVillage().fid;
    std::stable_sort(m_villages.begin(),
                     m_villages.end(),
                     [this](const PresentationVillage& a, const PresentationVillage& b) {
                         const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
                         const int byCode = a.code.compare(b.code);
                         if (m_order == Order::ByCode && byCode != 0) {
                             return byCode < 0;
                         }
                         return byName != 0 ? byName < 0 : byCode < 0;
                     });
    m_index = 0;
    for (size_t i = 0; i < m_villages.size(); ++i) {
        if (m_villages[i].fid == current) {
            m_index = int(i);
        }
    }
}

void PresentationView::applyLayers()
{
    std::vector<layers::MapLayer> shown = m_layers;
    for (size_t i = 0; i < m_overlays.size(); ++i) {
        for (const std::string& theme : overlayThemes(Overlay(i))) {
            for (layers::MapLayer& layer : shown) {
                if (layer.theme == theme) {
                    layer.visible = m_overlays[i];
                }
            }
        }
    }
    m_layers = shown;
    m_canvas->setMapLayers(std::move(shown));
    m_canvas->update();
}

void PresentationView::showVillage(int index)
{
    if (m_villages.empty()) {
        return;
    }
    m_index = std::clamp(index, 0, villageCount() - 1);
    fitVillage();
    m_canvas->update();
    emit villageChanged(m_index);
}

void PresentationView::setOverlayVisible(Overlay overlay, bool visible)
{
    m_overlays[size_t(overlay)] = visible;
    applyLayers();
}

void PresentationView::setOrder(Order order)
{
    m_order = order;
    sortVillages();
    showVillage(m_index);
}

double PresentationView::titleHeight() const
{
    return std::max(90.0, height() * 0.12);
}

double PresentationView::legendLines() const
{
    double lines = 1.3 + 1; // the title and the margins
    const std::vector<PresentationLegendEntry> entries = legend();
    for (size_t i = 0; i < entries.size(); ++i) {
        lines += entries[i].icon.isNull() ? (i == 0 ? 1.0 : 1.25) : 1.0;
    }
    return lines;
}

double PresentationView::legendLineHeight() const
{
    return std::clamp(height() / 30.0, 22.0, 44.0);
}

int PresentationView::legendColumns() const
{
    const double available = height() - titleHeight() - height() * (0.045 + 0.04);
    return legendLines() * legendLineHeight() <= available ? 1 : 2;
}

QRectF PresentationView::legendArea() const
{
    const double margin = height() * 0.02;
    const double w = std::clamp(width() * 0.24, 240.0, 480.0) * legendColumns();
    const double footer = height() * 0.045;
    return {width() - w - margin,
            titleHeight() + margin,
            w,
            height() - titleHeight() - footer - 2 * margin};
}

QRectF PresentationView::mapArea() const
{
    const double margin = height() * 0.03;
    const QRectF legend = legendArea();
    const double footer = height() * 0.045;
    return {margin,
            titleHeight() + margin,
            std::max(50.0, legend.left() - 2 * margin),
            std::max(50.0, height() - titleHeight() - footer - 2 * margin)};
}

void PresentationView::fitVillage()
{
    if (m_villages.empty() || width() <= 0 || height() <= 0) {
        return;
    }
    const QRectF bounds = currentVillage().bounds;
    const QRectF area = mapArea();
    // At least 300 m across, so a tiny village still shows its surroundings.
    const double minimum = 300;
    double unitsPerPixel = std::max(std::max(bounds.width(), minimum) / area.width(),
                                    std::max(bounds.height(), minimum) / area.height()) *
                           1.08;
    // The village's centre goes to the centre of the free area, not of the window.
    const QPointF c = bounds.center();
    const double w = m_canvas->width(), h = m_canvas->height();
    const QPointF centre(c.x() - (area.center().x() - w / 2) * unitsPerPixel,
                         c.y() + (area.center().y() - h / 2) * unitsPerPixel);
    m_canvas->setView(centre, unitsPerPixel);
}

QString PresentationView::title() const
{
    if (m_villages.empty()) {
        return tr("Tidak ada desa/kelurahan di proyek ini");
    }
    const PresentationVillage& v = currentVillage();
    return (v.level == "kelurahan" ? tr("Kelurahan %1") : tr("Desa %1")).arg(v.name);
}

QString PresentationView::subtitle() const
{
    if (m_villages.empty()) {
        return m_projectName;
    }
    const PresentationVillage& v = currentVillage();
    QStringList parts;
    if (!v.kecamatan.isEmpty()) {
        parts << tr("Kecamatan %1").arg(v.kecamatan);
    }
    if (!v.code.isEmpty()) {
        parts << tr("Kode %1").arg(v.code);
    }
    if (parts.isEmpty()) {
        parts << m_projectName;
    }
    return parts.join(QStringLiteral("  ·  "));
}

std::vector<PresentationLegendEntry> PresentationView::legend() const
{
    std::vector<PresentationLegendEntry> entries;
    for (const auto& [theme, themeEntries] : m_legend) {
        const bool visible = std::any_of(m_layers.begin(), m_layers.end(), [&](const auto& l) {
            return l.theme == theme && l.visible;
        });
        if (visible) {
            entries.insert(entries.end(), themeEntries.begin(), themeEntries.end());
        }
    }
    return entries;
}

void PresentationView::paintOverlay(QPainter& painter)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF whole = m_canvas->rect();
    // Neighbours dimmed: the mask covers everything outside the village's rings.
    if (!m_villages.empty()) {
        QPainterPath village;
        for (const auto& part : currentVillage().geometry.parts) {
            for (const QPolygonF& ring : part) {
                QPolygonF widgetRing;
                widgetRing.reserve(ring.size());
                for (const QPointF& p : ring) {
                    widgetRing << m_canvas->toWidget(p);
                }
                village.addPolygon(widgetRing);
                village.closeSubpath();
            }
        }
        village.setFillRule(Qt::OddEvenFill);
        QPainterPath mask;
        mask.addRect(whole);
        mask.addPath(village);
        mask.setFillRule(Qt::OddEvenFill);
        painter.fillPath(mask, maskColor);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(
            QPen(QColor(255, 255, 255, 220), 7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(village);
        painter.setPen(QPen(QColor(122, 42, 122), 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(village);
    }

    // Title band.
    const double band = titleHeight();
    const double pad = band * 0.18;
    painter.fillRect(QRectF(0, 0, whole.width(), band), bandColor);
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPixelSize(int(band * 0.42));
    QFont subtitleFont = font();
    subtitleFont.setPixelSize(int(band * 0.22));
    const QString counter =
        m_villages.empty() ? QString() : QString("%1 / %2").arg(m_index + 1).arg(villageCount());
    painter.setFont(subtitleFont);
    const double counterWidth = painter.fontMetrics().horizontalAdvance(counter + "    ");
    painter.setPen(QColor(255, 255, 255));
    painter.setFont(titleFont);
    const QRectF titleBox(pad, pad * 0.6, whole.width() - 2 * pad - counterWidth, band * 0.52);
    painter.drawText(
        titleBox,
        Qt::AlignLeft | Qt::AlignVCenter,
        painter.fontMetrics().elidedText(title(), Qt::ElideRight, int(titleBox.width())));
    painter.setFont(subtitleFont);
    painter.setPen(QColor(214, 226, 240));
    const double nameWidth =
        std::min(painter.fontMetrics().horizontalAdvance(m_projectName), int(whole.width() / 3));
    const QRectF subtitleBox(pad, band * 0.58, whole.width() - 3 * pad - nameWidth, band * 0.32);
    painter.drawText(
        subtitleBox,
        Qt::AlignLeft | Qt::AlignVCenter,
        painter.fontMetrics().elidedText(subtitle(), Qt::ElideRight, int(subtitleBox.width())));
    painter.drawText(QRectF(pad, pad * 0.6, whole.width() - 2 * pad, band * 0.52),
                     Qt::AlignRight | Qt::AlignVCenter,
                     counter);
    painter.drawText(
        QRectF(whole.width() - pad - nameWidth, band * 0.58, nameWidth, band * 0.32),
        Qt::AlignRight | Qt::AlignVCenter,
        painter.fontMetrics().elidedText(m_projectName, Qt::ElideRight, int(nameWidth)));

    // Legend of the visible layers.
    const QRectF legendBox = legendArea();
    painter.setPen(QPen(QColor(120, 130, 145), 1));
    painter.setBrush(QColor(255, 255, 255, 238));
    painter.drawRoundedRect(legendBox, 10, 10);
    const std::vector<PresentationLegendEntry> entries = legend();
    // Large lines in one column, or two when one does not hold them; smaller lines (down to
    // 16 px) when two do not either, then "…".
    const int columns = legendColumns();
    const double columnWidth = legendBox.width() / columns;
    const double lineHeight = std::clamp(
        std::min(legendLineHeight(), legendBox.height() * columns / legendLines()), 16.0, 44.0);
    QFont entryFont = font();
    entryFont.setPixelSize(int(lineHeight * 0.6));
    QFont headingFont = entryFont;
    headingFont.setBold(true);
    QFont legendTitleFont = entryFont;
    legendTitleFont.setBold(true);
    legendTitleFont.setPixelSize(int(lineHeight * 0.8));
    const double inner = lineHeight * 0.5;
    const double top = legendBox.top() + inner + lineHeight * 1.3;
    painter.setPen(QColor(20, 30, 45));
    painter.setFont(legendTitleFont);
    painter.drawText(
        QRectF(legendBox.left() + inner, legendBox.top() + inner, columnWidth, lineHeight),
        Qt::AlignLeft | Qt::AlignVCenter,
        tr("Legenda"));
    double y = top;
    int column = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
        const PresentationLegendEntry& entry = entries[i];
        const bool heading = entry.icon.isNull();
        const double needed = heading ? lineHeight * 1.25 : lineHeight;
        if (y + needed > legendBox.bottom() - inner && column + 1 < columns) {
            ++column;
            y = top;
        }
        const double left = legendBox.left() + column * columnWidth;
        if (y + needed > legendBox.bottom() - inner) {
            painter.setFont(entryFont);
            painter.drawText(QRectF(left + inner, y, columnWidth - 2 * inner, lineHeight),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             QStringLiteral("…"));
            break;
        }
        if (heading) {
            y += y == top ? 0 : lineHeight * 0.25;
            painter.setFont(headingFont);
            painter.drawText(QRectF(left + inner, y, columnWidth - 2 * inner, lineHeight),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             painter.fontMetrics().elidedText(
                                 entry.text, Qt::ElideRight, int(columnWidth - 2 * inner)));
            y += lineHeight;
            continue;
        }
        const double icon = lineHeight * 0.85;
        const QRectF iconBox(left + inner * 1.6, y + (lineHeight - icon) / 2, icon, icon);
        painter.drawPixmap(iconBox.toRect(), entry.icon.pixmap(int(icon), int(icon)));
        painter.setFont(entryFont);
        const double textLeft = iconBox.right() + inner;
        const double textWidth = left + columnWidth - inner - textLeft;
        painter.drawText(
            QRectF(textLeft, y, textWidth, lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter,
            painter.fontMetrics().elidedText(entry.text, Qt::ElideRight, int(textWidth)));
        y += lineHeight;
    }

    // Footer: the keys.
    const double footer = height() * 0.045;
    painter.fillRect(QRectF(0, whole.height() - footer, whole.width(), footer),
                     QColor(18, 38, 66, 200));
    QFont footerFont = font();
    footerFont.setPixelSize(int(footer * 0.45));
    painter.setFont(footerFont);
    painter.setPen(QColor(230, 236, 245));
    auto mark = [this](Overlay o) {
        return isOverlayVisible(o) ? QStringLiteral("■") : QStringLiteral("□");
    };
    const QString keys =
        tr("→ PgDn Spasi: berikutnya   ← PgUp: sebelumnya   %1 B: zona bahaya   %2 E: evakuasi   "
           "%3 P: potensi   M: menu   Esc: keluar")
            .arg(mark(Overlay::Hazard), mark(Overlay::Evacuation), mark(Overlay::Potential));
    painter.drawText(QRectF(pad, whole.height() - footer, whole.width() - 2 * pad, footer),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     keys);
    painter.restore();
}

bool PresentationView::handleKey(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
    case Qt::Key_Down:
        next();
        return true;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace:
    case Qt::Key_Up:
        previous();
        return true;
    case Qt::Key_Home:
        showVillage(0);
        return true;
    case Qt::Key_End:
        showVillage(villageCount() - 1);
        return true;
    case Qt::Key_B:
    case Qt::Key_H:
        setOverlayVisible(Overlay::Hazard, !isOverlayVisible(Overlay::Hazard));
        return true;
    case Qt::Key_E:
        setOverlayVisible(Overlay::Evacuation, !isOverlayVisible(Overlay::Evacuation));
        return true;
    case Qt::Key_P:
        setOverlayVisible(Overlay::Potential, !isOverlayVisible(Overlay::Potential));
        return true;
    case Qt::Key_M:
    case Qt::Key_Menu:
        showMenu(mapToGlobal(QPoint(width() / 2, height() / 2)));
        return true;
    case Qt::Key_Escape:
        close();
        return true;
    default:
        return false;
    }
}

void PresentationView::showMenu(QPoint globalPosition)
{
    QMenu menu(this);
    const std::vector<std::pair<Overlay, QString>> overlays = {
        {Overlay::Hazard, tr("Zona bahaya (B)")},
        {Overlay::Evacuation, tr("Titik evakuasi (E)")},
        {Overlay::Potential, tr("Potensi ekonomi (P)")}};
    for (const auto& [overlay, text] : overlays) {
        QAction* action = menu.addAction(text);
        action->setCheckable(true);
        action->setChecked(isOverlayVisible(overlay));
        connect(action, &QAction::toggled, this, [this, o = overlay](bool on) {
            setOverlayVisible(o, on);
        });
    }
    menu.addSeparator();
    auto* orders = new QActionGroup(&menu);
    for (const auto& [order, text] : std::vector<std::pair<Order, QString>>{
             {Order::ByName, tr("Urut menurut nama")}, {Order::ByCode, tr("Urut menurut kode")}}) {
        QAction* action = menu.addAction(text);
        action->setCheckable(true);
        action->setChecked(m_order == order);
        orders->addAction(action);
        connect(action, &QAction::triggered, this, [this, o = order] { setOrder(o); });
    }
    menu.addSeparator();
    connect(menu.addAction(tr("Keluar dari presentasi (Esc)")),
            &QAction::triggered,
            this,
            &QWidget::close);
    menu.exec(globalPosition);
}

void PresentationView::resizeEvent(QResizeEvent*)
{
    m_canvas->setGeometry(rect());
    fitVillage();
}

void PresentationView::closeEvent(QCloseEvent* event)
{
    emit finished();
    event->accept();
}

} // namespace app
