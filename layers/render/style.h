#pragma once

#include <QByteArray>
#include <QColor>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace layers {

/// How one category of features is drawn. Sizes are in millimetres on the output, so a map
/// looks the same on screen (96 dpi) and on paper (300 dpi).
struct Symbol
{
    enum class Shape { Circle, Square, Triangle, Diamond, Star, Cross };
    QColor fill = QColor(120, 120, 120);
    QColor stroke = QColor(40, 40, 40);
    double strokeWidthMm = 0.26;
    Qt::PenStyle strokeStyle = Qt::SolidLine;
    double sizeMm = 3.0;         ///< marker diameter for points
    Shape shape = Shape::Circle; ///< marker shape when there is no icon
    QString icon;                ///< SVG file under data/icons/ ("" = shape)
    QString labelId;             ///< legend text, Indonesian
    QString labelEn;             ///< legend text, English
    QString label() const;
};

/// A theme's default look, from data/styles/<theme>.json: features are categorized by one
/// column's value (or its first characters), each category with its own symbol.
struct ThemeStyle
{
    std::string theme;
    std::string categoryColumn; ///< "" = every feature uses defaultSymbol
    int categoryPrefix = 0;     ///< >0: categorize by the first N characters of the value
    std::vector<std::pair<std::string, Symbol>> categories; ///< in legend order
    Symbol defaultSymbol;
    double opacity = 1.0;
    std::string labelColumn; ///< "" = no labels
    double labelSizeMm = 2.8;
    QColor labelColor = QColor(20, 20, 20);
    /// The layer draws only at scales 1:N with N <= maxScale (0 = always).
    double maxScale = 0;
    /// Labels draw only at scales 1:N with N <= labelMaxScale (0 = always).
    double labelMaxScale = 0;
    /// Points scaled by this numeric column (proportional symbols), "" = fixed size.
    std::string sizeColumn;
    double sizeColumnReference = 0; ///< the value drawn at sizeMm

    const Symbol& symbolFor(const std::string& value) const;
    /// Parses a style document; throws geo::Error with the reason on malformed JSON.
    static ThemeStyle fromJson(const std::string& theme, const QByteArray& json);
    /// data/styles/<theme>.json, or a plain grey style when the file is missing.
    static ThemeStyle load(const std::string& theme);
};

} // namespace layers
