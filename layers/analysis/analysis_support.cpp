#include "layers/analysis/analysis_support.h"

#include "geo/analysis/planar_geometry.h"
#include "geo/coordinate_transform.h"
#include "geo/spatial_database.h"
#include "geo/spatialite_blob.h"
#include "layers/i18n.h"
#include "layers/project.h"

#include <QJsonDocument>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace layers {

GeometryReader::GeometryReader(geo::SpatialDatabase& db, std::string table)
    : m_db(db), m_table(std::move(table))
{}

std::vector<unsigned char> GeometryReader::wkb(std::span<const unsigned char> blob,
                                               std::int64_t fid)
{
    std::vector<unsigned char> out;
    if (geo::wkbFromSpatialiteBlob(blob.data(), blob.size(), out)) {
        return out;
    }
    if (!m_single) {
        m_single.emplace(m_db.prepare("SELECT AsBinary(geom) FROM " +
                                      geo::quoteIdentifier(m_table) + " WHERE fid = ?"));
    }
    m_single->bind(1, fid);
    if (m_single->step() && !m_single->isNull(0)) {
        out = m_single->blob(0);
    }
    m_single->reset();
    return out;
}

ReportingAreas readReportingAreas(Project& project, bool includeDusun)
{
    ReportingAreas result;
    GeometryReader geometries(project.database(), "wilayah");
    auto statement = project.database().prepare(
        "SELECT fid, kode, nama, tingkat, kode_induk, geom FROM wilayah "
        "WHERE geom IS NOT NULL AND tingkat IN ('desa', 'kelurahan', 'dusun') "
        "ORDER BY CASE tingkat WHEN 'dusun' THEN 1 ELSE 0 END, fid");
    while (statement.step()) {
        ReportingArea area;
        area.fid = statement.integer(0);
        area.code = statement.text(1);
        area.name = statement.text(2);
        area.tier = statement.text(3);
        area.parentCode = statement.text(4);
        area.set = area.tier == "dusun" ? 1 : 0;
        if (area.set == 1 && !includeDusun) {
            continue;
        }
        result.regions.push_back({geometries.wkb(statement.blobView(5), area.fid), area.set});
        result.areas.push_back(std::move(area));
    }
    return result;
}

std::string workingCrsOf(Project& project)
{
    std::string crs = project.workingCrs();
    if (!crs.empty()) {
        return crs;
    }
    const Extent extent = project.extent();
    if (extent.isEmpty) {
        throw ProjectError(tr("Proyek belum berisi data.", "The project holds no data yet."));
    }
    return "EPSG:" + std::to_string(geo::utmEpsgFor((extent.minX + extent.maxX) / 2,
                                                    (extent.minY + extent.maxY) / 2));
}

int hazardLevelRank(const std::string& level)
{
    if (level == "rendah") {
        return 1;
    }
    if (level == "sedang") {
        return 2;
    }
    if (level == "tinggi") {
        return 3;
    }
    return 0;
}

const char* hazardLevelCode(int rank)
{
    switch (rank) {
    case 1:
        return "rendah";
    case 2:
        return "sedang";
    case 3:
        return "tinggi";
    default:
        return "";
    }
}

PhaseTimer::PhaseTimer()
    : m_enabled(std::getenv("PETADESA_PROFILE") != nullptr),
      m_last(std::chrono::steady_clock::now()), m_lastCpu(std::clock())
{}

void PhaseTimer::mark(const char* phase)
{
    const auto now = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    if (m_enabled) {
        std::fprintf(stderr,
                     "[profile] %-28s %.3f s wall, %.3f s cpu\n",
                     phase,
                     std::chrono::duration<double>(now - m_last).count(),
                     static_cast<double>(cpu - m_lastCpu) / CLOCKS_PER_SEC);
    }
    m_last = now;
    m_lastCpu = cpu;
}

std::string compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace layers
