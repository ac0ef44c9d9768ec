#include "layers/render/style.h"

#include "geo/errors.h"
#include "layers/data_paths.h"
#include "layers/i18n.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <mutex>

namespace layers {

QString Symbol::label() const
{
    return language() == Language::English && !labelEn.isEmpty() ? labelEn : labelId;
}

const Symbol& ThemeStyle::symbolFor(const std::string& value) const
{
    const std::string key =
        categoryPrefix > 0 && value.size() > static_cast<std::size_t>(categoryPrefix)
            ? value.substr(0, static_cast<std::size_t>(categoryPrefix))
            : value;
    for (const auto& [category, symbol] : categories) {
        if (category == key) {
            return symbol;
        }
    }
    return defaultSymbol;
}

namespace {

/// "#RRGGBB" or "#RRGGBBAA".
QColor parseColor(const QString& text, const QColor& fallback)
{
    if (text.isEmpty()) {
        return fallback;
    }
    if (text.size() == 9 && text.startsWith('#')) {
        QColor color(text.left(7));
        bool ok = false;
        const int alpha = text.mid(7, 2).toInt(&ok, 16);
        if (color.isValid() && ok) {
            color.setAlpha(alpha);
            return color;
        }
    }
    QColor color(text);
    if (!color.isValid()) {
        throw geo::Error("invalid colour '" + text.toStdString() + "'");
    }
    return color;
}

Qt::PenStyle parsePenStyle(const QString& text, Qt::PenStyle fallback)
{
    if (text == "solid") {
        return Qt::SolidLine;
    }
    if (text == "dash") {
        return Qt::DashLine;
    }
    if (text == "dot") {
        return Qt::DotLine;
    }
    if (text == "dashdot") {
        return Qt::DashDotLine;
    }
    if (text == "none") {
        return Qt::NoPen;
    }
    return fallback;
}

Symbol::Shape parseShape(const QString& text, Symbol::Shape fallback)
{
    static const std::pair<const char*, Symbol::Shape> shapes[] = {
        {"circle", Symbol::Shape::Circle},
        {"square", Symbol::Shape::Square},
        {"triangle", Symbol::Shape::Triangle},
        {"diamond", Symbol::Shape::Diamond},
        {"star", Symbol::Shape::Star},
        {"cross", Symbol::Shape::Cross}};
    for (const auto& [name, shape] : shapes) {
        if (text == name) {
            return shape;
        }
    }
    return fallback;
}

Symbol parseSymbol(const QJsonObject& object, const Symbol& base)
{
    Symbol symbol = base;
    symbol.fill = parseColor(object.value("fill").toString(), base.fill);
    symbol.stroke = parseColor(object.value("stroke").toString(), base.stroke);
    symbol.strokeWidthMm = object.value("stroke_width_mm").toDouble(base.strokeWidthMm);
    symbol.strokeStyle = parsePenStyle(object.value("stroke_style").toString(), base.strokeStyle);
    symbol.sizeMm = object.value("size_mm").toDouble(base.sizeMm);
    symbol.shape = parseShape(object.value("shape").toString(), base.shape);
    if (object.contains("icon")) {
        symbol.icon = object.value("icon").toString();
    }
    if (object.contains("label_id")) {
        symbol.labelId = object.value("label_id").toString();
    }
    if (object.contains("label_en")) {
        symbol.labelEn = object.value("label_en").toString();
    }
    return symbol;
}

} // namespace

ThemeStyle ThemeStyle::fromJson(const std::string& theme, const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        throw geo::Error("style of " + theme + ": " + error.errorString().toStdString());
    }
    const QJsonObject root = document.object();
    ThemeStyle style;
    style.theme = theme;
    style.categoryColumn = root.value("category_column").toString().toStdString();
    style.categoryPrefix = root.value("category_prefix").toInt(0);
    style.opacity = root.value("opacity").toDouble(1.0);
    style.maxScale = root.value("max_scale").toDouble(0);
    style.labelColumn = root.value("label_column").toString().toStdString();
    style.labelSizeMm = root.value("label_size_mm").toDouble(2.8);
    style.labelColor = parseColor(root.value("label_color").toString(), QColor(20, 20, 20));
    style.labelMaxScale = root.value("label_max_scale").toDouble(0);
    style.sizeColumn = root.value("size_column").toString().toStdString();
    style.sizeColumnReference = root.value("size_reference").toDouble(0);
    style.defaultSymbol = parseSymbol(root.value("default").toObject(), Symbol{});
    for (const auto& item : root.value("categories").toArray()) {
        const QJsonObject object = item.toObject();
        style.categories.emplace_back(object.value("value").toString().toStdString(),
                                      parseSymbol(object, style.defaultSymbol));
    }
    return style;
}

ThemeStyle ThemeStyle::load(const std::string& theme)
{
    // Parsed once per file version: every frame asks for every theme's style.
    const QString path = QString::fromStdString(dataDirectory() + "/styles/" + theme + ".json");
    const QFileInfo info(path);
    const std::string key = path.toStdString() + "|" +
                            std::to_string(info.lastModified().toMSecsSinceEpoch()) + "|" +
                            std::to_string(info.size());
    static std::mutex mutex;
    static std::map<std::string, ThemeStyle> cache;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) {
            return it->second;
        }
    }
    ThemeStyle style;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        style = fromJson(theme, file.readAll());
    } else {
        style.theme = theme;
    }
    std::lock_guard lock(mutex);
    cache[key] = style;
    return style;
}

} // namespace layers
