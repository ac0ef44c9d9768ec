#pragma once

#include "layers/render/classification.h"

#include <QColor>
#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace layers {

/// A thematic map drawn from the project's data: a choropleth of a numeric village value,
/// proportional circles or pie charts of potential per village, or a kernel density surface.
/// A plain value copied into MapSettings; the renderer reads the project itself.
struct ThematicLayer
{
    enum class Kind {
        Choropleth,          ///< village polygons filled by class of `valueColumn`
        ProportionalSymbols, ///< one circle per village, area ∝ the total of `pointTable`
        PieCharts,           ///< one pie per village, slices by `categoryColumn`, area ∝ total
        Density              ///< kernel density raster of `pointTable`'s features
    };
    Kind kind = Kind::Choropleth;
    bool visible = true;
    double opacity = 0.85;
    QString title; ///< legend title; "" = made from the table and column
    QString unit;  ///< e.g. "jiwa", "Rp", "ha"

    // Choropleth.
    /// `wilayah` (its villages), or a `hasil_*` table: with a geometry of its own, or rows that
    /// name a village in `kode_wilayah`/`kode_desa`/`kode` (summed per village).
    std::string table = "wilayah";
    std::string valueColumn;
    std::string keyColumn; ///< "" = found as above
    /// Rows kept: column = value, all must hold (e.g. jenis_bahaya = banjir).
    std::vector<std::pair<std::string, std::string>> filters;
    ClassMethod method = ClassMethod::Quantile;
    int classes = 5;
    ColorRamp ramp = ColorRamp::YlOrRd;

    // Symbols, pies and density.
    std::string pointTable = "potensi_ekonomi";
    std::string categoryColumn = "kategori"; ///< pie slices
    std::string weightColumn;                ///< "" = count features; else e.g. nilai_rp, luas_ha

    // Density.
    double bandwidthMetres = 500;
    double cellSizeMetres = 0; ///< 0 = bandwidth / 10 (coarser for very large extents)

    /// Choropleths and density surfaces lie under the vector layers; symbols and pies on top.
    bool drawsAboveVectors() const
    {
        return kind == Kind::ProportionalSymbols || kind == Kind::PieCharts;
    }
};

/// One line of a legend. Sizes in millimetres.
struct LegendItem
{
    enum class Kind { Fill, Circle, Gradient };
    Kind kind = Kind::Fill;
    QString label;
    QColor fill;
    QColor stroke = QColor(90, 90, 90);
    double sizeMm = 0;            ///< circle diameter
    std::vector<QColor> gradient; ///< Gradient: colours from low to high
};

/// The legend of a thematic layer: its title (with unit) and items in reading order.
struct ThematicLegend
{
    QString title;
    QString note; ///< how the classes were made, e.g. "kuantil, 5 kelas"
    std::vector<LegendItem> items;
};

} // namespace layers
