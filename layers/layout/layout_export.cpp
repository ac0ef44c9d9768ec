#include "layers/layout/layout_export.h"

#include "geo/coordinate_transform.h"
#include "geo/errors.h"
#include "layers/analysis/potential_analysis.h"
#include "layers/i18n.h"
#include "layers/project.h"
#include "layers/project_rasters.h"
#include "layers/render/map_renderer.h"

#include <QDate>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <map>

namespace layers {

namespace {

QString text(const char* indonesian, const char* english)
{
    return QString::fromUtf8(tr(indonesian, english));
}

QString capitalized(const std::string& word)
{
    QString result = QString::fromStdString(word);
    if (!result.isEmpty()) {
        result[0] = result[0].toUpper();
    }
    return result;
}

/// The metric CRS the maps are drawn in: the project's working CRS, else the UTM zone of
/// its admin areas.
std::string mapCrs(const std::string& workingCrs, const MapRect& storage)
{
    if (!workingCrs.empty() && geo::isProjectedCrs(workingCrs)) {
        return workingCrs;
    }
    const double lon = (storage.minX + storage.maxX) / 2, lat = (storage.minY + storage.maxY) / 2;
    return "EPSG:" + std::to_string(geo::utmEpsgFor(lon, lat));
}

MapRect padded(const MapRect& box, double share)
{
    const double pad = std::max(box.width(), box.height()) * share;
    return {box.minX - pad, box.minY - pad, box.maxX + pad, box.maxY + pad};
}

/// The profile pages' bars: potential features per top-level category, from the potential
/// analysis's per-village roll-up (the counting rule of `analyze potential` and the desktop
/// chart panel), largest first. Per village fid; key -1: every village and the potential
/// outside them (the whole project).
std::map<std::int64_t, std::vector<ChartBar>> potentialCharts(Project& project)
{
    PotentialOptions options;
    options.includeRisk = false;
    options.writeResults = false;
    const PotentialResult potential = analyzePotential(project, options);
    const ThemeStyle style = ThemeStyle::load("potensi_ekonomi");
    auto barsOf = [&](const std::map<std::string, std::int64_t>& counts) {
        std::vector<std::pair<std::string, std::int64_t>> sorted(counts.begin(), counts.end());
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
            return a.second > b.second;
        });
        std::vector<ChartBar> bars;
        for (const auto& [code, count] : sorted) {
            if (count <= 0) {
                continue;
            }
            QColor color = style.symbolFor(code).fill;
            color.setAlpha(255);
            bars.push_back({QString::fromStdString(potentialCategoryLabel(project, code)),
                            double(count),
                            color});
        }
        return bars;
    };
    std::map<std::int64_t, std::vector<ChartBar>> charts;
    std::map<std::string, std::int64_t> all;
    for (const auto& village : potential.villages) {
        std::map<std::string, std::int64_t> counts;
        for (const auto& [code, figures] : village.categories) {
            counts[code] += figures.count;
            all[code] += figures.count;
        }
        charts[village.fid] = barsOf(counts);
    }
    for (const auto& [code, figures] : potential.outsideByCategory) {
        all[code] += figures.count;
    }
    charts[-1] = barsOf(all);
    return charts;
}

} // namespace

std::vector<LayoutPage> buildLayoutPages(const LayoutOptions& options)
{
    LayoutPage base;
    base.layoutTemplate = LayoutTemplate::load(options.templateName);
    if (options.grid) {
        base.layoutTemplate.grid = *options.grid;
    }
    base.spec.paper = options.paper.value_or(base.layoutTemplate.paper);
    base.spec.landscape = options.landscape.value_or(base.layoutTemplate.landscape);
    base.spec.dpi = options.dpi;
    base.projectPath = options.projectPath;
    base.labels = options.labels;
    base.allScales = options.allScales;
    std::string projectName;
    const bool profile = base.layoutTemplate.kind == LayoutTemplate::Kind::Profile;
    std::map<std::int64_t, std::vector<ChartBar>> charts;
    {
        Project project(options.projectPath, Project::Access::ReadOnly);
        projectName = project.name();
        base.illustrative = project.isIllustrative();
        base.rasters = drawableProjectRasters(project);
        base.producer = options.producer;
        if (base.producer.isEmpty()) {
            base.producer = QString::fromStdString(project.metadata("penyusun"));
        }
        if (base.producer.isEmpty()) {
            base.producer = QString::fromStdString(Project::defaultAuthor());
        }
        const MapRect storage = administrativeExtent(options.projectPath);
        if (!storage.isValid()) {
            throw ProjectError(tr("Proyek belum berisi data untuk dipetakan.",
                                  "The project holds no data to map yet."));
        }
        base.crs = mapCrs(project.workingCrs(), storage);
        if (profile) {
            charts = potentialCharts(project);
        }
    }
    base.sources = options.sources.isEmpty() ? dataSources(options.projectPath) : options.sources;
    const QLocale locale(language() == Language::English ? QLocale::English : QLocale::Indonesian);
    base.date = locale.toString(QDate::currentDate(), "d MMMM yyyy");
    base.title = options.title.isEmpty() ? base.layoutTemplate.title() : options.title;
    base.subtitle = options.subtitle.isEmpty() ? base.layoutTemplate.subtitle() : options.subtitle;
    base.logoPath = options.logoPath;

    auto kecamatanPage = [&](bool withFigures) {
        LayoutPage page = base;
        page.place = QString::fromStdString(projectName);
        page.focus = padded(
            transformBox(administrativeExtent(options.projectPath), "EPSG:4326", page.crs), 0.02);
        page.withFigures = withFigures || profile;
        if (page.withFigures) {
            page.figuresTitle = text("Ringkasan wilayah", "Area summary");
            page.figures = projectFigures(options.projectPath, page.crs);
        }
        if (profile) {
            page.chartTitle = text("Potensi ekonomi menurut kategori (jumlah)",
                                   "Economic potential by category (count)");
            page.chart = charts[-1];
        }
        return page;
    };
    auto villagePage = [&](const AtlasVillage& village) {
        LayoutPage page = base;
        page.village = village.fid;
        page.withFigures = true;
        page.place = capitalized(village.tingkat) + " " + QString::fromStdString(village.nama);
        if (!village.kecamatan.empty()) {
            page.place +=
                text(", Kecamatan ", ", Kecamatan ") + QString::fromStdString(village.kecamatan);
        }
        page.focus = padded(transformBox(village.storageBox, "EPSG:4326", page.crs), 0.06);
        page.figuresTitle = text("Data desa", "Village figures");
        page.figures = villageFigures(options.projectPath, village.fid, page.crs);
        if (profile) {
            page.chartTitle = text("Potensi ekonomi menurut kategori (jumlah)",
                                   "Economic potential by category (count)");
            page.chart = charts[village.fid];
        }
        return page;
    };

    std::vector<LayoutPage> pages;
    if (!options.village.empty()) {
        for (const auto& village : atlasVillages(options.projectPath)) {
            if (village.kode == options.village ||
                QString::fromStdString(village.nama)
                        .compare(QString::fromStdString(options.village), Qt::CaseInsensitive) ==
                    0) {
                pages.push_back(villagePage(village));
                break;
            }
        }
        if (pages.empty()) {
            throw geo::Error(arg(tr("desa/kelurahan '%1' tidak ada di proyek (sebutkan kode "
                                    "Kemendagri atau nama)",
                                    "no desa/kelurahan '%1' in the project (give its Kemendagri "
                                    "code or name)"),
                                 {options.village}));
        }
        return pages;
    }
    if (!options.atlas) {
        pages.push_back(kecamatanPage(false));
        return pages;
    }
    const auto villages = atlasVillages(options.projectPath);
    if (villages.empty()) {
        throw ProjectError(tr("Atlas memerlukan desa/kelurahan di tema wilayah.",
                              "An atlas needs desa/kelurahan in the wilayah theme."));
    }
    pages.push_back(kecamatanPage(true));
    for (const auto& village : villages) {
        pages.push_back(villagePage(village));
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        pages[i].pageLabel =
            QString::fromUtf8(arg(tr("Halaman %1 dari %2", "Page %1 of %2"),
                                  {std::to_string(i + 1), std::to_string(pages.size())}));
    }
    return pages;
}

namespace {

QString numberedPath(const std::string& outputPath, std::size_t index, std::size_t count)
{
    const QFileInfo info(QString::fromStdString(outputPath));
    if (count <= 1) {
        return info.filePath();
    }
    const int digits = count >= 100 ? 3 : 2;
    return info.path() + "/" + info.completeBaseName() + "_" +
           QString::number(index + 1).rightJustified(digits, '0') + "." + info.suffix();
}

QPageSize pageSize(Paper paper)
{
    switch (paper) {
    case Paper::A4:
        return QPageSize(QPageSize::A4);
    case Paper::A3:
        return QPageSize(QPageSize::A3);
    case Paper::A2:
        return QPageSize(QPageSize::A2);
    case Paper::A1:
        return QPageSize(QPageSize::A1);
    case Paper::A0:
        return QPageSize(QPageSize::A0);
    }
    return QPageSize(QPageSize::A4);
}

void collectWarnings(LayoutExportResult& result,
                     std::size_t index,
                     const LayoutPageResult& pageResult)
{
    for (const auto& error : pageResult.errors) {
        result.warnings.push_back(
            arg(tr("halaman %1: %2", "page %1: %2"), {std::to_string(index + 1), error}));
    }
}

void commit(QSaveFile& file, LayoutExportResult& result)
{
    if (!file.commit()) {
        throw geo::Error(file.fileName().toStdString() + ": " + file.errorString().toStdString());
    }
    result.files.push_back(file.fileName().toStdString());
}

} // namespace

LayoutExportResult exportLayout(const LayoutOptions& options,
                                const std::string& outputPath,
                                const RenderFeedback& feedback,
                                const std::function<void(std::size_t, std::size_t)>& progress)
{
    QElapsedTimer timer;
    timer.start();
    LayoutExportResult result;
    const QString suffix = QFileInfo(QString::fromStdString(outputPath)).suffix().toLower();
    if (suffix != "pdf" && suffix != "png" && suffix != "svg") {
        throw geo::Error(arg(tr("%1: format keluaran harus .pdf, .png atau .svg",
                                "%1: the output must be .pdf, .png or .svg"),
                             {outputPath}));
    }
    const std::vector<LayoutPage> pages = buildLayoutPages(options);
    result.pages = pages.size();
    auto openFile = [&](const QString& path) {
        auto file = std::make_unique<QSaveFile>(path);
        if (!file->open(QIODevice::WriteOnly)) {
            throw geo::Error(path.toStdString() + ": " + file->errorString().toStdString());
        }
        return file;
    };

    if (suffix == "pdf") {
        auto file = openFile(QString::fromStdString(outputPath));
        {
            QPdfWriter writer(file.get());
            writer.setResolution(int(std::lround(options.dpi)));
            writer.setCreator("PetaDesa");
            writer.setTitle(pages.front().title + " – " + pages.front().place);
            writer.setPageSize(pageSize(pages.front().spec.paper));
            writer.setPageOrientation(pages.front().spec.landscape ? QPageLayout::Landscape
                                                                   : QPageLayout::Portrait);
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter painter(&writer);
            for (std::size_t i = 0; i < pages.size(); ++i) {
                if (feedback.isCanceled()) {
                    break;
                }
                if (i > 0) {
                    writer.newPage();
                }
                collectWarnings(result, i, paintLayoutPage(painter, pages[i], feedback));
                if (progress) {
                    progress(i + 1, pages.size());
                }
            }
            painter.end();
        }
        if (feedback.isCanceled()) {
            file->cancelWriting();
            result.canceled = true;
        } else {
            commit(*file, result);
        }
    } else {
        for (std::size_t i = 0; i < pages.size() && !feedback.isCanceled(); ++i) {
            const LayoutPage& page = pages[i];
            auto file = openFile(numberedPath(outputPath, i, pages.size()));
            const QSizeF mm = page.spec.sizeMm();
            const QSize pixels(int(std::lround(mm.width() / 25.4 * page.spec.dpi)),
                               int(std::lround(mm.height() / 25.4 * page.spec.dpi)));
            if (suffix == "png") {
                QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
                image.setDotsPerMeterX(int(std::lround(page.spec.dpi / 0.0254)));
                image.setDotsPerMeterY(int(std::lround(page.spec.dpi / 0.0254)));
                image.fill(Qt::white);
                QPainter painter(&image);
                collectWarnings(result, i, paintLayoutPage(painter, page, feedback));
                painter.end();
                if (!feedback.isCanceled() && !image.save(file.get(), "PNG")) {
                    throw geo::Error(file->fileName().toStdString() + ": " +
                                     tr("gambar tidak dapat ditulis", "cannot write the image"));
                }
            } else {
                QSvgGenerator generator;
                generator.setOutputDevice(file.get());
                generator.setResolution(int(std::lround(page.spec.dpi)));
                generator.setSize(pixels);
                generator.setViewBox(QRect(QPoint(0, 0), pixels));
                generator.setTitle(page.title);
                generator.setDescription(page.place);
                QPainter painter(&generator);
                collectWarnings(result, i, paintLayoutPage(painter, page, feedback));
                painter.end();
            }
            if (feedback.isCanceled()) {
                file->cancelWriting();
                break;
            }
            commit(*file, result);
            if (progress) {
                progress(i + 1, pages.size());
            }
        }
        result.canceled = feedback.isCanceled();
    }
    result.seconds = timer.nsecsElapsed() / 1e9;
    return result;
}

} // namespace layers
