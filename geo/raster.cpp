#include "geo/raster.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/geometry_ops.h"
#include "geo/errors.h"
#include "geo/gdal_dataset.h"
#include "geo/gdal_error_capture.h"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>

namespace geo {

namespace {

constexpr double degrees = 180.0 / 3.14159265358979323846;

// Metres per degree on the WGS 84 ellipsoid at a latitude (series to 1 cm).
double metresPerDegreeLatitude(double latitude)
{
    const double phi = latitude / degrees;
    return 111132.92 - 559.82 * std::cos(2 * phi) + 1.175 * std::cos(4 * phi) -
           0.0023 * std::cos(6 * phi);
}

double metresPerDegreeLongitude(double latitude)
{
    const double phi = latitude / degrees;
    return 111412.84 * std::cos(phi) - 93.5 * std::cos(3 * phi) + 0.118 * std::cos(5 * phi);
}

void describeCrs(const OGRSpatialReference* srs,
                 std::string& crs,
                 std::string& wktText,
                 bool& geographic,
                 double& linearUnit)
{
    if (!srs) {
        return;
    }
    OGRSpatialReference copy(*srs);
    copy.AutoIdentifyEPSG();
    const char* authority = copy.GetAuthorityName(nullptr);
    const char* code = copy.GetAuthorityCode(nullptr);
    char* wkt = nullptr;
    copy.exportToWkt(&wkt);
    wktText = wkt ? wkt : "";
    CPLFree(wkt);
    if (authority && code && std::string(authority) == "EPSG") {
        crs = std::string("EPSG:") + code;
    } else {
        crs = wktText;
    }
    geographic = copy.IsGeographic();
    if (!geographic) {
        linearUnit = copy.GetLinearUnits();
    }
}

DatasetPtr openRaster(const std::string& utf8Path)
{
    registerGdalDrivers();
    GdalErrorCapture errors;
    DatasetPtr dataset(GDALDataset::Open(utf8Path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!dataset) {
        throw GdalError("cannot open raster '" + utf8Path + "': " + errors.lastFailure());
    }
    if (dataset->GetRasterCount() < 1) {
        throw GdalError("'" + utf8Path + "' has no raster band");
    }
    return dataset;
}

} // namespace

std::string ElevationModel::crsOf(const std::string& utf8Path)
{
    const auto dataset = openRaster(utf8Path);
    std::string crs, wkt;
    bool geographic = false;
    double unit = 1;
    describeCrs(dataset->GetSpatialRef(), crs, wkt, geographic, unit);
    return crs;
}

Envelope ElevationModel::extentOf(const std::string& utf8Path)
{
    const auto dataset = openRaster(utf8Path);
    double transform[6] = {0, 1, 0, 0, 0, -1};
    if (dataset->GetGeoTransform(transform) != CE_None) {
        throw GdalError("'" + utf8Path + "' has no georeferencing");
    }
    const double columns = dataset->GetRasterXSize();
    const double rows = dataset->GetRasterYSize();
    Envelope extent;
    for (const auto& [column, row] : {std::pair{0.0, 0.0},
                                      std::pair{columns, 0.0},
                                      std::pair{0.0, rows},
                                      std::pair{columns, rows}}) {
        extent.include(
            Envelope::ofPoint(transform[0] + column * transform[1] + row * transform[2],
                              transform[3] + column * transform[4] + row * transform[5]));
    }
    return extent;
}

ElevationModel::ElevationModel(const std::string& utf8Path, const Envelope& window)
    : m_path(utf8Path)
{
    GdalErrorCapture errors;
    const DatasetPtr dataset = openRaster(utf8Path);
    double transform[6] = {0, 1, 0, 0, 0, -1};
    if (dataset->GetGeoTransform(transform) != CE_None) {
        throw GdalError("'" + utf8Path + "' has no georeferencing");
    }
    if (transform[2] != 0 || transform[4] != 0) {
        throw GdalError("'" + utf8Path + "' is rotated; warp it north-up first");
    }
    describeCrs(dataset->GetSpatialRef(), m_crs, m_crsWkt, m_geographic, m_linearUnit);
    GDALRasterBand* band = dataset->GetRasterBand(1);
    int hasNoData = 0;
    const double noData = band->GetNoDataValue(&hasNoData);
    if (hasNoData) {
        m_noData = noData;
    }
    int column0 = 0, row0 = 0;
    int columns = dataset->GetRasterXSize(), rows = dataset->GetRasterYSize();
    if (!window.isEmpty()) {
        // Cells touching the window, one extra cell around for the slope.
        auto toColumn = [&](double x) { return (x - transform[0]) / transform[1]; };
        auto toRow = [&](double y) { return (y - transform[3]) / transform[5]; };
        const double c1 = toColumn(window.minX), c2 = toColumn(window.maxX);
        const double r1 = toRow(window.minY), r2 = toRow(window.maxY);
        const int firstColumn = std::max(0, static_cast<int>(std::floor(std::min(c1, c2))) - 1);
        const int lastColumn = std::min(columns, static_cast<int>(std::ceil(std::max(c1, c2))) + 1);
        const int firstRow = std::max(0, static_cast<int>(std::floor(std::min(r1, r2))) - 1);
        const int lastRow = std::min(rows, static_cast<int>(std::ceil(std::max(r1, r2))) + 1);
        column0 = firstColumn;
        row0 = firstRow;
        columns = std::max(0, lastColumn - firstColumn);
        rows = std::max(0, lastRow - firstRow);
    }
    m_width = columns;
    m_height = rows;
    m_cellWidth = transform[1];
    m_cellHeight = transform[5];
    m_originX = transform[0] + column0 * transform[1];
    m_originY = transform[3] + row0 * transform[5];
    m_values.assign(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), 0.0);
    if (columns > 0 && rows > 0) {
        if (band->RasterIO(GF_Read,
                           column0,
                           row0,
                           columns,
                           rows,
                           m_values.data(),
                           columns,
                           rows,
                           GDT_Float64,
                           0,
                           0,
                           nullptr) != CE_None) {
            throw GdalError("cannot read '" + utf8Path + "': " + errors.lastFailure());
        }
    }
}

Envelope ElevationModel::extent() const
{
    const double x2 = m_originX + m_width * m_cellWidth;
    const double y2 = m_originY + m_height * m_cellHeight;
    return {std::min(m_originX, x2),
            std::min(m_originY, y2),
            std::max(m_originX, x2),
            std::max(m_originY, y2)};
}

bool ElevationModel::isValid(int column, int row) const
{
    if (column < 0 || row < 0 || column >= m_width || row >= m_height) {
        return false;
    }
    const double v = value(column, row);
    return std::isfinite(v) && !(m_noData && v == *m_noData);
}

std::optional<double> ElevationModel::elevation(int column, int row) const
{
    if (!isValid(column, row)) {
        return std::nullopt;
    }
    return value(column, row);
}

std::optional<double> ElevationModel::elevationAt(double x, double y) const
{
    const auto column = static_cast<int>(std::floor((x - m_originX) / m_cellWidth));
    const auto row = static_cast<int>(std::floor((y - m_originY) / m_cellHeight));
    return elevation(column, row);
}

std::optional<double> ElevationModel::slope(int column, int row) const
{
    if (!isValid(column, row)) {
        return std::nullopt;
    }
    const double centre = value(column, row);
    // Missing neighbours (edge, nodata) take the centre's value.
    auto z = [&](int dc, int dr) {
        return isValid(column + dc, row + dr) ? value(column + dc, row + dr) : centre;
    };
    double dx = std::fabs(m_cellWidth) * m_linearUnit;
    double dy = std::fabs(m_cellHeight) * m_linearUnit;
    if (m_geographic) {
        const double latitude = m_originY + (row + 0.5) * m_cellHeight;
        dx = std::fabs(m_cellWidth) * metresPerDegreeLongitude(latitude);
        dy = std::fabs(m_cellHeight) * metresPerDegreeLatitude(latitude);
    }
    // Rows run southwards when m_cellHeight < 0; the slope magnitude does not depend on it.
    const double a = z(-1, -1), b = z(0, -1), c = z(1, -1);
    const double d = z(-1, 0), f = z(1, 0);
    const double g = z(-1, 1), h = z(0, 1), i = z(1, 1);
    const double dzdx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * dx);
    const double dzdy = ((g + 2 * h + i) - (a + 2 * b + c)) / (8 * dy);
    return std::atan(std::sqrt(dzdx * dzdx + dzdy * dzdy)) * degrees;
}

std::optional<double> ElevationModel::slopeAt(double x, double y) const
{
    const auto column = static_cast<int>(std::floor((x - m_originX) / m_cellWidth));
    const auto row = static_cast<int>(std::floor((y - m_originY) / m_cellHeight));
    return slope(column, row);
}

std::vector<unsigned char> ElevationModel::mask(std::optional<double> minimumElevation,
                                                std::optional<double> maximumSlope,
                                                AnalysisFeedback* feedback) const
{
    if (m_width == 0 || m_height == 0) {
        return {};
    }
    std::vector<unsigned char> cells(m_values.size(), 0);
    bool any = false;
    for (int row = 0; row < m_height; ++row) {
        if (row % 64 == 0) {
            throwIfCanceled(feedback);
        }
        for (int column = 0; column < m_width; ++column) {
            if (!isValid(column, row)) {
                continue;
            }
            if (minimumElevation && value(column, row) < *minimumElevation) {
                continue;
            }
            if (maximumSlope && *slope(column, row) > *maximumSlope) {
                continue;
            }
            cells[static_cast<std::size_t>(row) * static_cast<std::size_t>(m_width) +
                  static_cast<std::size_t>(column)] = 1;
            any = true;
        }
    }
    if (!any) {
        return {};
    }
    GdalErrorCapture errors;
    GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* vectorMemory = GetGDALDriverManager()->GetDriverByName("Memory");
    if (!memory || !vectorMemory) {
        throw GdalError("the GDAL MEM and Memory drivers are missing");
    }
    DatasetPtr raster(memory->Create("", m_width, m_height, 1, GDT_Byte, nullptr));
    if (!raster) {
        throw GdalError("cannot create the mask raster: " + errors.lastFailure());
    }
    double transform[6] = {m_originX, m_cellWidth, 0, m_originY, 0, m_cellHeight};
    raster->SetGeoTransform(transform);
    GDALRasterBand* band = raster->GetRasterBand(1);
    if (band->RasterIO(GF_Write,
                       0,
                       0,
                       m_width,
                       m_height,
                       cells.data(),
                       m_width,
                       m_height,
                       GDT_Byte,
                       0,
                       0,
                       nullptr) != CE_None) {
        throw GdalError("cannot write the mask raster: " + errors.lastFailure());
    }
    DatasetPtr vectors(vectorMemory->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    if (!vectors) {
        throw GdalError("cannot create the mask layer: " + errors.lastFailure());
    }
    OGRLayer* layer = vectors->CreateLayer("mask", nullptr, wkbPolygon, nullptr);
    OGRFieldDefn field("v", OFTInteger);
    if (!layer || layer->CreateField(&field) != OGRERR_NONE) {
        throw GdalError("cannot create the mask layer: " + errors.lastFailure());
    }
    // The band is its own mask: cells of 0 make no polygon.
    if (GDALPolygonize(GDALRasterBand::ToHandle(band),
                       GDALRasterBand::ToHandle(band),
                       OGRLayer::ToHandle(layer),
                       0,
                       nullptr,
                       nullptr,
                       nullptr) != CE_None) {
        throw GdalError("cannot polygonize the mask of '" + m_path + "': " + errors.lastFailure());
    }
    throwIfCanceled(feedback);
    std::vector<GeosGeometry> parts;
    layer->ResetReading();
    for (auto& feature : *layer) {
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry || geometry->IsEmpty()) {
            continue;
        }
        std::vector<unsigned char> wkb(static_cast<std::size_t>(geometry->WkbSize()));
        geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        parts.push_back(geos::fromWkb(wkb, "mask polygon"));
    }
    if (parts.empty()) {
        return {};
    }
    return geometryToWkb(*geos::collect(std::move(parts)));
}

} // namespace geo
