#include "geo/gdal_dataset.h"

#include "geo/errors.h"
#include "geo/gdal_error_capture.h"
#include "geo/text_encoding.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_feature.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace geo {

void GdalDatasetCloser::operator()(GDALDataset* dataset) const noexcept
{
    GDALClose(GDALDataset::ToHandle(dataset));
}

void CoordinateTransformationDeleter::operator()(
    OGRCoordinateTransformation* transformation) const noexcept
{
    OGRCoordinateTransformation::DestroyCT(transformation);
}

void SpatialReferenceReleaser::operator()(OGRSpatialReference* srs) const noexcept
{
    if (srs) {
        srs->Release();
    }
}

void registerGdalDrivers()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Never reach the network for PROJ grids or remote files.
        CPLSetConfigOption("PROJ_NETWORK", "OFF");
        CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
        GDALAllRegister();
    });
}

namespace {

std::string lowerExtension(const std::string& path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return ext;
}

/// Sets a GDAL config option on this thread only, restoring the previous value on exit.
class ThreadConfigOption
{
public:
    ThreadConfigOption(const char* key, const char* value) : m_key(key)
    {
        const char* old = CPLGetThreadLocalConfigOption(key, nullptr);
        if (old) {
            m_old = old;
            m_hadOld = true;
        }
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ThreadConfigOption()
    {
        CPLSetThreadLocalConfigOption(m_key, m_hadOld ? m_old.c_str() : nullptr);
    }
    ThreadConfigOption(const ThreadConfigOption&) = delete;
    ThreadConfigOption& operator=(const ThreadConfigOption&) = delete;

private:
    const char* m_key;
    std::string m_old;
    bool m_hadOld = false;
};

std::string srsAuthority(const OGRSpatialReference& srs)
{
    const char* name = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (name && code) {
        return std::string(name) + ":" + code;
    }
    OGRSpatialReference copy(srs);
    if (copy.AutoIdentifyEPSG() == OGRERR_NONE) {
        name = copy.GetAuthorityName(nullptr);
        code = copy.GetAuthorityCode(nullptr);
        if (name && code) {
            return std::string(name) + ":" + code;
        }
    }
    return {};
}

FieldType fieldTypeOf(OGRFieldType type)
{
    switch (type) {
    case OFTInteger:
    case OFTInteger64:
        return FieldType::Integer;
    case OFTReal:
        return FieldType::Real;
    case OFTString:
        return FieldType::Text;
    case OFTDate:
    case OFTDateTime:
    case OFTTime:
        return FieldType::Date;
    default:
        return FieldType::Other;
    }
}

LayerInfo describe(OGRLayer& layer)
{
    LayerInfo info;
    info.name = layer.GetName();
    OGRFeatureDefn* definition = layer.GetLayerDefn();
    info.hasGeometry = definition->GetGeomFieldCount() > 0;
    info.geometryType = OGRGeometryTypeToName(layer.GetGeomType());
    info.featureCount = layer.GetFeatureCount(FALSE);
    if (const OGRSpatialReference* srs = layer.GetSpatialRef()) {
        info.hasCrs = true;
        const char* name = srs->GetName();
        info.crsName = name ? name : "";
        info.crsAuthority = srsAuthority(*srs);
    }
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
        OGRFieldDefn* field = definition->GetFieldDefn(i);
        info.fields.push_back({ensureUtf8(field->GetNameRef()), fieldTypeOf(field->GetType())});
    }
    return info;
}

bool fitsLonLat(const OGREnvelope& e)
{
    return std::isfinite(e.MinX) && std::isfinite(e.MaxX) && std::isfinite(e.MinY) &&
           std::isfinite(e.MaxY) && e.MinX >= -180.0 && e.MaxX <= 180.0 && e.MinY >= -90.0 &&
           e.MaxY <= 90.0;
}

std::string formatDate(OGRFeature& feature, int index, OGRFieldType type)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, tz = 0;
    float second = 0;
    if (!feature.GetFieldAsDateTime(index, &year, &month, &day, &hour, &minute, &second, &tz)) {
        return feature.GetFieldAsString(index);
    }
    char buffer[64];
    if (type == OFTDate) {
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    } else if (type == OFTTime) {
        std::snprintf(
            buffer, sizeof buffer, "%02d:%02d:%02d", hour, minute, static_cast<int>(second));
    } else {
        std::snprintf(buffer,
                      sizeof buffer,
                      "%04d-%02d-%02dT%02d:%02d:%02d",
                      year,
                      month,
                      day,
                      hour,
                      minute,
                      static_cast<int>(second));
    }
    return buffer;
}

} // namespace

VectorSource::VectorSource(const std::string& utf8Path) : m_path(utf8Path)
{
    registerGdalDrivers();
    std::error_code ec;
    if (utf8Path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(utf8Path, ec)) {
        throw GdalError("'" + utf8Path + "': file not found");
    }
    const std::string ext = lowerExtension(utf8Path);
    CPLStringList openOptions;
    if (ext == ".csv" || ext == ".txt") {
        // Longitude/latitude columns, ODK Collect ("-Longitude") and KoboToolbox ("_longitude")
        // GPS columns, or a WKT geometry column.
        openOptions.AddString("X_POSSIBLE_NAMES=longitude,lon,lng,long,x,bujur,*_longitude,"
                              "*-longitude,*_lon,*_lng,*.longitude");
        openOptions.AddString("Y_POSSIBLE_NAMES=latitude,lat,y,lintang,*_latitude,*-latitude,"
                              "*_lat,*.latitude");
        openOptions.AddString("GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom,geometri,*_wkt");
        openOptions.AddString("KEEP_GEOM_COLUMNS=NO");
        openOptions.AddString("AUTODETECT_TYPE=YES");
        openOptions.AddString("EMPTY_STRING_AS_NULL=YES");
    }
    GdalErrorCapture errors;
    std::string openPath = utf8Path;
    // A shapefile without its .shx: GDAL can rebuild the index, but it writes the rebuilt file
    // beside the source. Copy the shapefile's files to a private folder and rebuild there, so
    // an import never changes the user's data.
    std::unique_ptr<ThreadConfigOption> restoreShx;
    if (ext == ".shp") {
        const std::filesystem::path source(utf8Path);
        bool hasIndex = false;
        for (const char* candidate : {".shx", ".SHX", ".Shx"}) {
            hasIndex =
                hasIndex || std::filesystem::exists(
                                std::filesystem::path(source).replace_extension(candidate), ec);
        }
        if (!hasIndex) {
            std::string pattern =
                (std::filesystem::temp_directory_path() / "petadesa-shp-XXXXXX").string();
            if (::mkdtemp(pattern.data())) {
                m_temporaryDirectory = pattern;
                const std::string stem = source.stem().string();
                for (const auto& item : std::filesystem::directory_iterator(
                         source.parent_path().empty() ? std::filesystem::path(".")
                                                      : source.parent_path(),
                         ec)) {
                    if (item.path().stem().string() == stem && item.is_regular_file()) {
                        std::filesystem::copy_file(item.path(),
                                                   std::filesystem::path(pattern) /
                                                       item.path().filename(),
                                                   ec);
                    }
                }
                openPath = (std::filesystem::path(pattern) / source.filename()).string();
                restoreShx = std::make_unique<ThreadConfigOption>("SHAPE_RESTORE_SHX", "YES");
            }
        }
    }
    if (ext == ".kmz" && !GetGDALDriverManager()->GetDriverByName("LIBKML")) {
        openPath = "/vsizip/" + utf8Path;
    }
    GDALDataset* raw = GDALDataset::Open(openPath.c_str(),
                                         GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                         nullptr,
                                         openOptions.List(),
                                         nullptr);
    m_dataset.reset(raw);
    restoreShx.reset();
    if (!m_dataset) {
        std::string reason = errors.lastFailure();
        // A raster (GeoTIFF, ASCII grid, ...) is readable, just not as vector data: say so.
        GdalErrorCapture quiet;
        DatasetPtr raster(GDALDataset::Open(utf8Path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (raster) {
            const char* driver = raster->GetDriver() ? raster->GetDriver()->GetDescription() : "";
            throw GdalError("'" + utf8Path + "': this is a raster (" + driver + ", " +
                            std::to_string(raster->GetRasterXSize()) + "x" +
                            std::to_string(raster->GetRasterYSize()) +
                            " cells), not vector features; use it as a map background");
        }
        if (reason.empty()) {
            reason = "not a vector format that GDAL can read";
        }
        throw GdalError("'" + utf8Path + "': " + reason);
    }
    if (m_dataset->GetLayerCount() == 0) {
        throw GdalError("'" + utf8Path + "': the file holds no vector layer");
    }
}

VectorSource::~VectorSource()
{
    m_dataset.reset();
    if (!m_temporaryDirectory.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(m_temporaryDirectory, ec);
    }
}

std::string VectorSource::driverName() const
{
    GDALDriver* driver = m_dataset->GetDriver();
    return driver ? driver->GetDescription() : "";
}

std::vector<std::string> VectorSource::layerNames() const
{
    std::vector<std::string> names;
    for (int i = 0; i < m_dataset->GetLayerCount(); ++i) {
        names.emplace_back(m_dataset->GetLayer(i)->GetName());
    }
    return names;
}

LayerInfo VectorSource::layerInfo(const std::string& layerName) const
{
    OGRLayer* layer = m_dataset->GetLayerByName(layerName.c_str());
    if (!layer) {
        throw GdalError("'" + m_path + "': no layer named '" + layerName + "'");
    }
    return describe(*layer);
}

VectorSource::Reader::Reader(VectorSource& source,
                             const std::string& layerName,
                             const std::string& sourceCrs,
                             const std::string& targetCrs)
    : m_path(source.m_path)
{
    GdalErrorCapture errors;
    m_layer = source.m_dataset->GetLayerByName(layerName.c_str());
    if (!m_layer) {
        throw GdalError("'" + m_path + "': no layer named '" + layerName + "'");
    }
    m_info = describe(*m_layer);
    m_layer->ResetReading();

    OGRSpatialReference target;
    if (target.SetFromUserInput(targetCrs.c_str()) != OGRERR_NONE) {
        throw GdalError("unknown target CRS '" + targetCrs + "'");
    }
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    m_targetIsLonLat = target.IsGeographic();

    OGRSpatialReference from;
    if (!sourceCrs.empty()) {
        if (from.SetFromUserInput(sourceCrs.c_str()) != OGRERR_NONE) {
            throw GdalError("unknown CRS '" + sourceCrs + "': " + errors.lastFailure());
        }
        m_sourceCrsText = sourceCrs;
    } else if (const OGRSpatialReference* layerSrs = m_layer->GetSpatialRef()) {
        from = *layerSrs;
        m_sourceCrsText = m_info.crsAuthority.empty() ? m_info.crsName : m_info.crsAuthority;
    } else if (m_info.hasGeometry) {
        OGREnvelope extent;
        if (m_layer->GetExtent(&extent, TRUE) == OGRERR_NONE && !fitsLonLat(extent)) {
            throw GdalError("'" + m_path + "', layer '" + m_info.name +
                            "': no CRS and the coordinates are not longitude/latitude; "
                            "name the CRS (e.g. --crs EPSG:32750)");
        }
        from.SetFromUserInput("EPSG:4326");
        m_assumedLonLat = true;
        m_sourceCrsText = "EPSG:4326";
    } else {
        from.SetFromUserInput("EPSG:4326");
        m_sourceCrsText = "EPSG:4326";
    }
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!from.IsSame(&target)) {
        m_transform.reset(OGRCreateCoordinateTransformation(&from, &target));
        if (!m_transform) {
            throw GdalError("'" + m_path + "', layer '" + m_info.name +
                            "': cannot transform from " + m_sourceCrsText + " to " + targetCrs +
                            ": " + errors.lastFailure());
        }
    }
}

VectorSource::Reader::~Reader() = default;

bool VectorSource::Reader::next(SourceFeature& out)
{
    GdalErrorCapture errors;
    OGRFeatureUniquePtr feature(m_layer->GetNextFeature());
    if (!feature) {
        if (!errors.lastFailure().empty()) {
            throw GdalError("'" + m_path + "', layer '" + m_info.name +
                            "': reading stopped: " + errors.lastFailure());
        }
        return false;
    }
    out.fid = feature->GetFID();
    out.geometryProblem = SourceFeature::GeometryProblem::None;
    out.geometryDetail.clear();
    out.wkb.clear();
    const int fieldCount = static_cast<int>(m_info.fields.size());
    out.values.assign(static_cast<std::size_t>(fieldCount), Value{});
    OGRFeatureDefn* definition = feature->GetDefnRef();
    for (int i = 0; i < fieldCount && i < definition->GetFieldCount(); ++i) {
        if (!feature->IsFieldSetAndNotNull(i)) {
            continue;
        }
        const OGRFieldType type = definition->GetFieldDefn(i)->GetType();
        auto& value = out.values[static_cast<std::size_t>(i)];
        switch (type) {
        case OFTInteger:
        case OFTInteger64:
            value = static_cast<std::int64_t>(feature->GetFieldAsInteger64(i));
            break;
        case OFTReal:
            value = feature->GetFieldAsDouble(i);
            break;
        case OFTDate:
        case OFTDateTime:
        case OFTTime:
            value = formatDate(*feature, i, type);
            break;
        case OFTBinary:
            break;
        default:
            value = ensureUtf8(feature->GetFieldAsString(i));
            break;
        }
    }

    OGRGeometry* geometry = feature->GetGeometryRef();
    if (!geometry) {
        return true;
    }
    std::unique_ptr<OGRGeometry> linear;
    if (geometry->hasCurveGeometry()) {
        linear.reset(geometry->getLinearGeometry());
        if (!linear) {
            out.geometryProblem = SourceFeature::GeometryProblem::Curve;
            return true;
        }
        geometry = linear.get();
    }
    if (geometry->IsEmpty()) {
        out.geometryProblem = SourceFeature::GeometryProblem::Empty;
        return true;
    }
    geometry->flattenTo2D();
    if (m_transform) {
        errors.clear();
        if (geometry->transform(m_transform.get()) != OGRERR_NONE) {
            out.geometryProblem = SourceFeature::GeometryProblem::Transform;
            out.geometryDetail =
                m_sourceCrsText + (errors.lastFailure().empty() ? "" : ": " + errors.lastFailure());
            return true;
        }
    }
    OGREnvelope envelope;
    geometry->getEnvelope(&envelope);
    if (!std::isfinite(envelope.MinX) || !std::isfinite(envelope.MaxX) ||
        !std::isfinite(envelope.MinY) || !std::isfinite(envelope.MaxY)) {
        out.geometryProblem = SourceFeature::GeometryProblem::NotFinite;
        return true;
    }
    if (m_targetIsLonLat && !fitsLonLat(envelope)) {
        char buffer[160];
        std::snprintf(buffer,
                      sizeof buffer,
                      "%.6g %.6g .. %.6g %.6g",
                      envelope.MinX,
                      envelope.MinY,
                      envelope.MaxX,
                      envelope.MaxY);
        out.geometryProblem = SourceFeature::GeometryProblem::OutOfRange;
        out.geometryDetail = buffer;
        return true;
    }
    out.wkb.resize(geometry->WkbSize());
    geometry->exportToWkb(wkbNDR, out.wkb.data(), wkbVariantIso);
    return true;
}

std::string VectorWriter::driverForPath(const std::string& utf8Path)
{
    registerGdalDrivers();
    const std::string ext = lowerExtension(utf8Path);
    if (ext == ".gpkg") {
        return "GPKG";
    }
    if (ext == ".geojson" || ext == ".json") {
        return "GeoJSON";
    }
    if (ext == ".shp") {
        return "ESRI Shapefile";
    }
    if (ext == ".kmz") {
        return GetGDALDriverManager()->GetDriverByName("LIBKML") ? "LIBKML" : "";
    }
    if (ext == ".kml") {
        // LIBKML writes attributes as ExtendedData that Google Earth and OGR read back.
        return GetGDALDriverManager()->GetDriverByName("LIBKML") ? "LIBKML" : "KML";
    }
    if (ext == ".csv") {
        return "CSV";
    }
    if (ext == ".gpx") {
        return "GPX";
    }
    return {};
}

VectorWriter::VectorWriter(const std::string& utf8Path,
                           const std::string& layerName,
                           GeometryKind kind,
                           const std::vector<FieldInfo>& fields)
    : m_path(utf8Path)
{
    registerGdalDrivers();
    const std::string driverName = driverForPath(utf8Path);
    if (driverName.empty()) {
        throw GdalError("'" + utf8Path +
                        "': unsupported output format (use .gpkg, .geojson, "
                        ".shp, .kml or .csv)");
    }
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName.c_str());
    if (!driver) {
        throw GdalError("GDAL driver '" + driverName + "' is not available");
    }
    GdalErrorCapture errors;
    // KML placemarks show the "nama" field as their name, when the layer has one.
    ThreadConfigOption kmlName("LIBKML_NAME_FIELD", "nama");
    m_dataset.reset(driver->Create(utf8Path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!m_dataset) {
        throw GdalError("cannot create '" + utf8Path + "': " + errors.lastFailure());
    }
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRwkbGeometryType type = wkbUnknown;
    switch (kind) {
    case GeometryKind::Point:
        type = wkbPoint;
        break;
    case GeometryKind::Line:
        type = wkbMultiLineString;
        break;
    case GeometryKind::Polygon:
        type = wkbMultiPolygon;
        break;
    case GeometryKind::Any:
        type = wkbUnknown;
        break;
    }
    CPLStringList options;
    if (driverName == "ESRI Shapefile") {
        options.AddString("ENCODING=UTF-8");
        if (kind == GeometryKind::Line) {
            type = wkbLineString;
        } else if (kind == GeometryKind::Polygon) {
            type = wkbPolygon;
        }
    } else if (driverName == "CSV") {
        options.AddString("GEOMETRY=AS_WKT");
        options.AddString("CREATE_CSVT=YES");
    } else if (driverName == "GPKG") {
        options.AddString("GEOMETRY_NAME=geom");
        options.AddString("FID=fid");
    } else if (driverName == "GeoJSON") {
        options.AddString("RFC7946=NO");
    }
    m_layer = m_dataset->CreateLayer(layerName.c_str(), &srs, type, options.List());
    if (!m_layer) {
        throw GdalError("cannot create layer '" + layerName + "' in '" + utf8Path +
                        "': " + errors.lastFailure());
    }
    for (const auto& field : fields) {
        OGRFieldType ogrType = OFTString;
        switch (field.type) {
        case FieldType::Integer:
            ogrType = OFTInteger64;
            break;
        case FieldType::Real:
            ogrType = OFTReal;
            break;
        default:
            ogrType = OFTString;
            break;
        }
        OGRFieldDefn definition(field.name.c_str(), ogrType);
        if (m_layer->CreateField(&definition) != OGRERR_NONE) {
            throw GdalError("cannot create field '" + field.name + "' in '" + utf8Path +
                            "': " + errors.lastFailure());
        }
    }
    m_inTransaction = m_dataset->StartTransaction(FALSE) == OGRERR_NONE;
}

VectorWriter::~VectorWriter()
{
    if (m_dataset && m_inTransaction) {
        m_dataset->RollbackTransaction();
    }
}

void VectorWriter::write(const std::vector<Value>& values, const std::vector<unsigned char>& wkb)
{
    GdalErrorCapture errors;
    OGRFeature feature(m_layer->GetLayerDefn());
    const int count = std::min(static_cast<int>(values.size()), feature.GetFieldCount());
    for (int i = 0; i < count; ++i) {
        const Value& value = values[static_cast<std::size_t>(i)];
        if (const auto* n = std::get_if<std::int64_t>(&value)) {
            feature.SetField(i, static_cast<GIntBig>(*n));
        } else if (const auto* d = std::get_if<double>(&value)) {
            feature.SetField(i, *d);
        } else if (const auto* s = std::get_if<std::string>(&value)) {
            feature.SetField(i, s->c_str());
        } else {
            feature.SetFieldNull(i);
        }
    }
    if (!wkb.empty()) {
        OGRGeometry* geometry = nullptr;
        if (OGRGeometryFactory::createFromWkb(
                wkb.data(), m_layer->GetSpatialRef(), &geometry, wkb.size()) != OGRERR_NONE) {
            throw GdalError("'" + m_path + "': invalid WKB geometry");
        }
        const OGRwkbGeometryType layerType = wkbFlatten(m_layer->GetGeomType());
        if (layerType == wkbMultiPolygon || layerType == wkbMultiLineString) {
            geometry = OGRGeometryFactory::forceTo(geometry, layerType);
        }
        feature.SetGeometryDirectly(geometry);
    }
    ThreadConfigOption kmlName("LIBKML_NAME_FIELD", "nama");
    if (m_layer->CreateFeature(&feature) != OGRERR_NONE) {
        throw GdalError("cannot write feature to '" + m_path + "': " + errors.lastFailure());
    }
    ++m_written;
}

void VectorWriter::close()
{
    GdalErrorCapture errors;
    if (m_inTransaction) {
        if (m_dataset->CommitTransaction() != OGRERR_NONE) {
            throw GdalError("cannot commit '" + m_path + "': " + errors.lastFailure());
        }
        m_inTransaction = false;
    }
    m_dataset->FlushCache(true);
    m_dataset.reset();
    if (!errors.lastFailure().empty()) {
        throw GdalError("cannot finish '" + m_path + "': " + errors.lastFailure());
    }
}

std::vector<unsigned char> pointWkb(double x, double y)
{
    std::vector<unsigned char> wkb(21);
    wkb[0] = 1; // little endian
    const std::uint32_t type = 1;
    std::memcpy(&wkb[1], &type, 4);
    std::memcpy(&wkb[5], &x, 8);
    std::memcpy(&wkb[13], &y, 8);
    return wkb;
}

} // namespace geo
