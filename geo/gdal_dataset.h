#pragma once

#include "geo/value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class GDALDataset;
class OGRLayer;
class OGRCoordinateTransformation;
class OGRSpatialReference;

namespace geo {

enum class FieldType { Integer, Real, Text, Date, Other };

struct FieldInfo
{
    std::string name;
    FieldType type = FieldType::Text;
};

/// What a layer of a source file holds, read without scanning every feature.
struct LayerInfo
{
    std::string name;
    std::string geometryType;       ///< OGR's name: "Point", "Multi Polygon", "None", ...
    std::int64_t featureCount = -1; ///< -1 when the driver cannot tell cheaply
    bool hasGeometry = false;
    bool hasCrs = false;
    std::string crsName;      ///< e.g. "WGS 84 / UTM zone 50S"
    std::string crsAuthority; ///< e.g. "EPSG:32750", empty when unknown
    std::vector<FieldInfo> fields;
};

/// One feature as read: attribute values parallel to LayerInfo::fields, geometry as 2D ISO WKB
/// in the reader's target CRS (empty when the feature has none).
struct SourceFeature
{
    std::int64_t fid = 0;
    std::vector<Value> values;
    std::vector<unsigned char> wkb;
    /// Why the geometry could not be used; the caller words it for the user.
    enum class GeometryProblem { None, Empty, Curve, Transform, NotFinite, OutOfRange };
    GeometryProblem geometryProblem = GeometryProblem::None;
    std::string geometryDetail; ///< GDAL's message or the offending bounding box
};

struct GdalDatasetCloser
{
    void operator()(GDALDataset* dataset) const noexcept;
};
struct CoordinateTransformationDeleter
{
    void operator()(OGRCoordinateTransformation* transformation) const noexcept;
};
struct SpatialReferenceReleaser
{
    void operator()(OGRSpatialReference* srs) const noexcept;
};
using DatasetPtr = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

/// A vector file opened read-only through OGR, with the options that make odd files readable
/// (a missing .shx is rebuilt; CSV longitude/latitude, ODK/Kobo GPS and WKT columns become
/// geometries). Thread-confined: GDAL datasets are not shared between threads.
class VectorSource
{
public:
    explicit VectorSource(const std::string& utf8Path);
    ~VectorSource();
    VectorSource(const VectorSource&) = delete;
    VectorSource& operator=(const VectorSource&) = delete;

    const std::string& path() const { return m_path; }
    std::string driverName() const;
    std::vector<std::string> layerNames() const;
    LayerInfo layerInfo(const std::string& layerName) const;

    /// Reads features of one layer, reprojected to targetCrs. sourceCrs overrides the layer's
    /// CRS ("" keeps it). A layer without CRS whose coordinates fit lon/lat is read as
    /// EPSG:4326 and assumedLonLat() says so; otherwise construction throws GdalError.
    class Reader
    {
    public:
        Reader(VectorSource& source,
               const std::string& layerName,
               const std::string& sourceCrs,
               const std::string& targetCrs);
        ~Reader();
        Reader(const Reader&) = delete;
        Reader& operator=(const Reader&) = delete;

        /// Fills feature and returns true, or returns false at the end of the layer.
        bool next(SourceFeature& feature);
        const LayerInfo& info() const { return m_info; }
        bool assumedLonLat() const { return m_assumedLonLat; }
        /// The CRS the features were read in, as "EPSG:N" or a name.
        const std::string& sourceCrs() const { return m_sourceCrsText; }

    private:
        OGRLayer* m_layer = nullptr;
        LayerInfo m_info;
        std::unique_ptr<OGRCoordinateTransformation, CoordinateTransformationDeleter> m_transform;
        bool m_assumedLonLat = false;
        bool m_targetIsLonLat = true;
        std::string m_sourceCrsText;
        std::string m_path;
    };

private:
    friend class Reader;
    std::string m_path;
    std::string m_temporaryDirectory; ///< a private copy of a shapefile whose .shx is rebuilt
    DatasetPtr m_dataset;
};

enum class GeometryKind { Point, Line, Polygon, Any };

/// Writes one layer of a new file through OGR; the driver follows the file extension
/// (.gpkg, .geojson/.json, .shp, .kml, .csv). Geometries arrive as WKB in EPSG:4326.
class VectorWriter
{
public:
    VectorWriter(const std::string& utf8Path,
                 const std::string& layerName,
                 GeometryKind kind,
                 const std::vector<FieldInfo>& fields);
    ~VectorWriter();
    VectorWriter(const VectorWriter&) = delete;
    VectorWriter& operator=(const VectorWriter&) = delete;

    void write(const std::vector<Value>& values, const std::vector<unsigned char>& wkb);
    /// Commits and closes the file; throws GdalError when the driver reports a failure.
    void close();
    std::int64_t written() const { return m_written; }

    /// The OGR driver for a path's extension, or "" when the extension is not supported.
    static std::string driverForPath(const std::string& utf8Path);

private:
    std::string m_path;
    DatasetPtr m_dataset;
    OGRLayer* m_layer = nullptr;
    bool m_inTransaction = false;
    std::int64_t m_written = 0;
};

/// ISO WKB of a 2D point.
std::vector<unsigned char> pointWkb(double x, double y);

/// Registers GDAL drivers once per process; safe to call from any thread.
void registerGdalDrivers();

} // namespace geo
