#include "layers/project_rasters.h"

#include "layers/i18n.h"
#include "layers/project.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace layers {

namespace {

const char* kindCode(RasterLayer::Kind kind)
{
    switch (kind) {
    case RasterLayer::Kind::Hillshade:
        return "bayangan_bukit";
    case RasterLayer::Kind::MBTiles:
        return "mbtiles";
    case RasterLayer::Kind::Image:
        break;
    }
    return "citra";
}

QString directoryOf(const Project& project)
{
    return QFileInfo(QString::fromStdString(project.path())).absolutePath();
}

} // namespace

std::string rasterListToJson(const std::vector<RasterLayer>& rasters,
                             const std::string& projectDirectory)
{
    const QDir directory(QString::fromStdString(projectDirectory));
    QJsonArray list;
    for (const RasterLayer& raster : rasters) {
        const QString absolute =
            QDir::cleanPath(QFileInfo(QString::fromStdString(raster.path)).absoluteFilePath());
        QJsonObject entry;
        entry["berkas"] =
            projectDirectory.empty() ? absolute : directory.relativeFilePath(absolute);
        entry["berkas_absolut"] = absolute;
        entry["jenis"] = kindCode(raster.kind);
        entry["opasitas"] = std::clamp(raster.opacity, 0.0, 1.0);
        entry["tampak"] = raster.visible;
        list.append(entry);
    }
    return QJsonDocument(list).toJson(QJsonDocument::Compact).toStdString();
}

std::vector<RasterLayer> rasterListFromJson(const std::string& json,
                                            const std::string& projectDirectory)
{
    std::vector<RasterLayer> rasters;
    if (json.empty()) {
        return rasters;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray()) {
        throw ProjectError(arg(tr("Daftar latar raster di proyek rusak (%1).",
                                  "The project's raster background list is damaged (%1)."),
                               {error.error != QJsonParseError::NoError
                                    ? error.errorString().toStdString()
                                    : std::string(tr("bukan larik JSON", "not a JSON array"))}));
    }
    const QDir directory(QString::fromStdString(projectDirectory));
    for (const QJsonValue& value : document.array()) {
        const QJsonObject entry = value.toObject();
        const QString stored = entry["berkas"].toString();
        const QString absolute = entry["berkas_absolut"].toString();
        if (stored.isEmpty() && absolute.isEmpty()) {
            throw ProjectError(tr("Daftar latar raster di proyek rusak (entri tanpa berkas).",
                                  "The project's raster background list is damaged (an entry "
                                  "without a file)."));
        }
        QString resolved =
            stored.isEmpty() ? absolute : QDir::cleanPath(directory.absoluteFilePath(stored));
        if (!QFileInfo::exists(resolved) && !absolute.isEmpty() && QFileInfo::exists(absolute)) {
            resolved = absolute; // the project moved without its rasters
        }
        RasterLayer raster;
        raster.path = resolved.toStdString();
        const QString kind = entry["jenis"].toString();
        raster.kind = kind == "bayangan_bukit" ? RasterLayer::Kind::Hillshade
                      : kind == "mbtiles"      ? RasterLayer::Kind::MBTiles
                                               : RasterLayer::Kind::Image;
        raster.opacity = std::clamp(entry["opasitas"].toDouble(1.0), 0.0, 1.0);
        raster.visible = entry["tampak"].toBool(true);
        rasters.push_back(std::move(raster));
    }
    return rasters;
}

std::vector<RasterLayer> projectRasters(const Project& project)
{
    return rasterListFromJson(project.metadata(rasterMetadataKey),
                              directoryOf(project).toStdString());
}

std::vector<RasterLayer> drawableProjectRasters(const Project& project)
{
    std::vector<RasterLayer> rasters;
    for (auto& raster : projectRasters(project)) {
        if (raster.visible && raster.opacity > 0 &&
            QFileInfo::exists(QString::fromStdString(raster.path))) {
            rasters.push_back(std::move(raster));
        }
    }
    return rasters;
}

void setProjectRasters(Project& project, const std::vector<RasterLayer>& rasters)
{
    project.setMetadata(rasterMetadataKey,
                        rasterListToJson(rasters, directoryOf(project).toStdString()));
}

} // namespace layers
