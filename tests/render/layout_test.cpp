#include "geo/spatial_database.h"
#include "layers/analysis/evacuation_analysis.h"
#include "layers/i18n.h"
#include "layers/layout/layout_data.h"
#include "layers/layout/layout_export.h"
#include "layers/layout/layout_page.h"
#include "layers/project.h"
#include "layers/project_rasters.h"
#include "layers/render/map_renderer.h"
#include "layers/theme.h"
#include "support/image_compare.h"
#include "support/sample_project.h"
#include "support/temp_dir.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <set>

using namespace layers;

namespace {

/// One copy of the sample kecamatan for the tests of this file (read-only use).
const std::string& sample()
{
    static testsupport::TempDir dir;
    static const std::string path = [] {
        const std::string file = dir.file("sample.sqlite");
        testsupport::copySampleProject(file);
        return file;
    }();
    return path;
}

std::string runTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(60000);
    return process.readAllStandardOutput().toStdString();
}

bool inside(const QRectF& outer, const QRectF& inner)
{
    return inner.left() >= outer.left() - 1e-9 && inner.top() >= outer.top() - 1e-9 &&
           inner.right() <= outer.right() + 1e-9 && inner.bottom() <= outer.bottom() + 1e-9;
}

/// A white page image of size pixels that says it is at dpi, for paintLayoutPage.
QImage blankPage(QSize size, int dpi)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
    image.fill(Qt::white);
    return image;
}

/// A white image of the whole page at dpi.
QImage blankPage(const LayoutPage& page, int dpi)
{
    const QSizeF mm = page.spec.sizeMm();
    return blankPage(QSize(int(std::lround(mm.width() / 25.4 * dpi)),
                           int(std::lround(mm.height() / 25.4 * dpi))),
                     dpi);
}
} // namespace

TEST(LayoutGeometry, BoxesStayInTheFrameAndNeverOverlap)
{
    for (const auto& name : LayoutTemplate::available()) {
        const LayoutTemplate layoutTemplate = LayoutTemplate::load(name);
        for (Paper paper : {Paper::A4, Paper::A3, Paper::A1, Paper::A0}) {
            for (bool landscape : {true, false}) {
                for (bool figures : {false, true}) {
                    const PageSpec spec{paper, landscape, 300};
                    const auto g = computeLayoutGeometry(layoutTemplate, spec, figures);
                    const std::string where = name + " " + paperName(paper) +
                                              (landscape ? " landscape" : " portrait") +
                                              (figures ? " figures" : "");
                    EXPECT_NEAR(g.page.width(), spec.sizeMm().width(), 1e-9) << where;
                    // Grid labels need a band around the map inside the frame.
                    EXPECT_TRUE(inside(
                        g.frame, g.map.adjusted(-5 * g.unit, -5 * g.unit, 5 * g.unit, 5 * g.unit)))
                        << where;
                    EXPECT_GT(g.map.width() * g.map.height(),
                              0.3 * g.frame.width() * g.frame.height())
                        << where << ": the map is the page's main content";
                    std::vector<std::pair<std::string, QRectF>> content;
                    for (const auto& [box, rect] : g.boxes()) {
                        if (box == "page" || box == "frame" || rect.isEmpty()) {
                            continue;
                        }
                        EXPECT_TRUE(inside(g.frame, rect)) << where << ": " << box;
                        EXPECT_GT(rect.height(), 5 * g.unit) << where << ": " << box;
                        content.emplace_back(box, rect);
                    }
                    for (std::size_t i = 0; i < content.size(); ++i) {
                        for (std::size_t j = i + 1; j < content.size(); ++j) {
                            const QRectF overlap = content[i].second.intersected(content[j].second);
                            EXPECT_TRUE(overlap.width() < 1e-6 || overlap.height() < 1e-6)
                                << where << ": " << content[i].first << " overlaps "
                                << content[j].first;
                        }
                    }
                    const bool needsFigures =
                        figures || layoutTemplate.kind == LayoutTemplate::Kind::Profile;
                    EXPECT_EQ(!g.figures.isEmpty(), needsFigures) << where;
                    EXPECT_EQ(!g.chart.isEmpty(),
                              layoutTemplate.kind == LayoutTemplate::Kind::Profile)
                        << where;
                }
            }
        }
    }
}

TEST(LayoutGeometry, ScalesWithThePaper)
{
    const auto layoutTemplate = LayoutTemplate::load("potensi");
    const auto a4 = computeLayoutGeometry(layoutTemplate, {Paper::A4, true, 300}, false);
    const auto a1 = computeLayoutGeometry(layoutTemplate, {Paper::A1, true, 300}, false);
    const double factor = 594.0 / 210.0;
    EXPECT_NEAR(a1.unit, factor, 1e-9);
    // ISO 216 sheets are similar, so every box is the A4 box scaled (within rounding).
    const auto small = a4.boxes(), large = a1.boxes();
    for (std::size_t i = 0; i < small.size(); ++i) {
        EXPECT_NEAR(large[i].second.left(), small[i].second.left() * factor, 2.0) << small[i].first;
        EXPECT_NEAR(large[i].second.width(), small[i].second.width() * factor, 2.0)
            << small[i].first;
        EXPECT_NEAR(large[i].second.height(), small[i].second.height() * factor, 2.0)
            << small[i].first;
    }
}

TEST(LayoutGeometry, MatchesTheGoldenBoxes)
{
    // The element boxes of every template on A4 and A3, both orientations, in mm: a change of
    // the arrangement shows here as a diff (UPDATE_GOLDEN=1 rewrites the file).
    QJsonObject all;
    for (const auto& name : LayoutTemplate::available()) {
        const auto layoutTemplate = LayoutTemplate::load(name);
        for (Paper paper : {Paper::A4, Paper::A3}) {
            for (bool landscape : {true, false}) {
                QJsonObject boxes;
                const auto g = computeLayoutGeometry(layoutTemplate, {paper, landscape, 300}, true);
                for (const auto& [box, rect] : g.boxes()) {
                    boxes.insert(QString::fromStdString(box),
                                 QJsonArray{std::round(rect.left() * 10) / 10,
                                            std::round(rect.top() * 10) / 10,
                                            std::round(rect.width() * 10) / 10,
                                            std::round(rect.height() * 10) / 10});
                }
                all.insert(QString::fromStdString(name + "_" + paperName(paper) +
                                                  (landscape ? "_landscape" : "_portrait")),
                           boxes);
            }
        }
    }
    const QString path = QString(GOLDEN_DIR) + "/layout_geometry.json";
    const QByteArray actual = QJsonDocument(all).toJson(QJsonDocument::Indented);
    if (qEnvironmentVariableIsSet("UPDATE_GOLDEN")) {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(actual);
        return;
    }
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << "run with UPDATE_GOLDEN=1";
    EXPECT_EQ(QJsonDocument::fromJson(file.readAll()).object(), all) << "layout boxes changed:\n"
                                                                     << actual.toStdString();
}

TEST(LayoutElements, ScaleBarsHaveRoundLengths)
{
    // Hand-checked: 40 mm at 1:25,000 is 1,000 m; 35 mm at 1:15,000 is 525 m, so 500 m.
    auto bar = scaleBarFor(25000, 40);
    EXPECT_DOUBLE_EQ(bar.totalMetres, 1000);
    EXPECT_EQ(bar.segments, 4);
    EXPECT_DOUBLE_EQ(bar.lengthMm, 40);
    EXPECT_TRUE(bar.kilometres);
    bar = scaleBarFor(15000, 35);
    EXPECT_DOUBLE_EQ(bar.totalMetres, 500);
    EXPECT_EQ(bar.segments, 5);
    EXPECT_NEAR(bar.lengthMm, 33.333, 1e-3);
    EXPECT_FALSE(bar.kilometres);
    // Against a brute-force search over every 1/2/5 × 10^k: the longest that fits.
    std::mt19937 random(7);
    std::uniform_real_distribution<double> logScale(3, 6.5), length(10, 120);
    for (int i = 0; i < 500; ++i) {
        const double scale = std::round(std::pow(10.0, logScale(random)));
        const double maxMm = length(random);
        double best = 0;
        for (int k = -2; k <= 8; ++k) {
            for (double step : {1.0, 2.0, 5.0}) {
                const double metres = step * std::pow(10.0, k);
                if (metres / scale * 1000 <= maxMm + 1e-9) {
                    best = std::max(best, metres);
                }
            }
        }
        const auto spec = scaleBarFor(scale, maxMm);
        EXPECT_NEAR(spec.totalMetres, best, best * 1e-12) << scale << " " << maxMm;
        EXPECT_LE(spec.lengthMm, maxMm + 1e-9);
        EXPECT_GT(spec.lengthMm, maxMm * 0.4); // never a stub of a bar
    }
}

TEST(LayoutElements, MapsSnapToStandardScales)
{
    // 3,000 × 2,000 m into 250 × 170 mm needs 1:12,000: the next standard scale is 1:15,000.
    EXPECT_DOUBLE_EQ(fittingScale({0, 0, 3000, 2000}, 250, 170), 15000);
    EXPECT_DOUBLE_EQ(fittingScale({0, 0, 1250, 850}, 250, 170), 5000);
    // Larger than 1:1,000,000: two significant digits, rounded up.
    EXPECT_DOUBLE_EQ(fittingScale({0, 0, 400000, 100}, 250, 170), 1600000);
    for (double scale : standardScales()) {
        EXPECT_DOUBLE_EQ(fittingScale({0, 0, scale * 0.25, scale * 0.17}, 250, 170), scale);
    }
}

TEST(LayoutElements, GridIntervalsAndLabels)
{
    EXPECT_DOUBLE_EQ(gridInterval(4800, 5, false), 1000);
    EXPECT_DOUBLE_EQ(gridInterval(2400, 5, false), 500);
    EXPECT_DOUBLE_EQ(gridInterval(1100, 5, false), 250);
    EXPECT_DOUBLE_EQ(gridInterval(0.1, 4, true), 120.0 / 3600); // 2 minutes
    EXPECT_DOUBLE_EQ(gridInterval(0.7, 4, true), 0.25);         // 15 minutes
    setLanguage(Language::Indonesian);
    EXPECT_EQ(formatDms(-8.625, true).toStdString(), "8°37'30\" LS");
    EXPECT_EQ(formatDms(122.25, false).toStdString(), "122°15' BT");
    EXPECT_EQ(formatGrouped(25000).toStdString(), "25.000");
    setLanguage(Language::English);
    EXPECT_EQ(formatDms(-8.625, true).toStdString(), "8°37'30\" S");
    EXPECT_EQ(formatGrouped(25000).toStdString(), "25,000");
    setLanguage(languageFromEnvironment());
}

TEST(LayoutData, LegendListsOnlyWhatTheMapShows)
{
    // Maumere town centre (UTM 51S): the legend equals the categories of the features whose
    // bounds touch the view, computed independently with SpatiaLite SQL.
    MapSettings settings;
    settings.projectPath = sample();
    settings.crs = "EPSG:32751";
    settings.extent = {412200, 9045900, 414000, 9047000};
    settings.size = QSize(800, 500);
    for (const char* theme : {"wilayah", "zona_bahaya", "jalan", "titik_evakuasi", "aset_desa"}) {
        settings.layers.push_back({theme, true, 1.0, std::nullopt, {}});
    }
    const auto legend = visibleLegend(settings);
    ASSERT_FALSE(legend.empty());
    geo::SpatialDatabase db(sample(), geo::SpatialDatabase::Mode::ReadOnly);
    const MapRect view = settings.visibleExtent();
    std::set<std::pair<std::string, std::string>> expected, actual;
    for (const auto& layer : settings.layers) {
        const ThemeStyle style = ThemeStyle::load(layer.theme);
        if (style.maxScale > 0 && settings.scaleDenominator() > style.maxScale) {
            continue;
        }
        auto statement = db.prepare(
            "SELECT DISTINCT " + style.categoryColumn + " FROM " + layer.theme +
            " WHERE MbrIntersects(geom, ST_Transform(BuildMbr(?, ?, ?, ?, 32751), 4326)) = 1");
        statement.bind(1, view.minX).bind(2, view.minY).bind(3, view.maxX).bind(4, view.maxY);
        while (statement.step()) {
            const Symbol& symbol = style.symbolFor(statement.isNull(0) ? "" : statement.text(0));
            expected.insert({layer.theme, symbol.label().toStdString()});
        }
    }
    for (const auto& entry : legend) {
        actual.insert({entry.theme, entry.text.toStdString()});
    }
    // The R*Tree box of the view is a little larger than the view (its curved edges sampled),
    // so the legend may hold a category just outside; it never misses one inside.
    for (const auto& item : expected) {
        EXPECT_TRUE(actual.count(item)) << item.first << ": " << item.second;
    }
    EXPECT_LE(actual.size(), expected.size() + 2);
    // The town has no island desa: "Batas desa" is absent and "Batas kelurahan" present.
    EXPECT_TRUE(actual.count(
        {"wilayah", ThemeStyle::load("wilayah").symbolFor("kelurahan").label().toStdString()}));
    EXPECT_FALSE(actual.count(
        {"wilayah", ThemeStyle::load("wilayah").symbolFor("desa").label().toStdString()}));
    // Top layer first.
    EXPECT_EQ(legend.front().theme, "aset_desa");
}

TEST(LayoutData, VillageFiguresAgreeWithSql)
{
    const auto villages = atlasVillages(sample());
    ASSERT_EQ(villages.size(), 21u); // 13 kelurahan + 8 desa
    geo::SpatialDatabase db(sample(), geo::SpatialDatabase::Mode::ReadOnly);
    setLanguage(Language::English);
    for (const auto& village : villages) {
        const auto figures = villageFigures(sample(), village.fid, "EPSG:32751");
        auto statement = db.prepare(
            "SELECT (SELECT count(*) FROM aset_desa AS a WHERE ST_Intersects(a.geom, w.geom)), "
            "ST_Area(ST_Transform(w.geom, 32751)) / 10000.0 FROM wilayah AS w WHERE fid = ?");
        statement.bind(1, village.fid);
        ASSERT_TRUE(statement.step());
        std::map<std::string, std::string> byLabel;
        for (const auto& [label, value] : figures) {
            byLabel[label.toStdString()] = value.toStdString();
        }
        EXPECT_EQ(byLabel["Village assets"].substr(0, byLabel["Village assets"].find(' ')),
                  formatGrouped(double(statement.integer(0))).toStdString())
            << village.nama;
        EXPECT_EQ(byLabel["Area"], formatGrouped(statement.real(1), 1).toStdString() + " ha")
            << village.nama;
    }
    setLanguage(languageFromEnvironment());
}

TEST(LayoutExport, PdfKeepsTextSelectableAtTheRightSize)
{
    testsupport::TempDir dir;
    LayoutOptions options;
    options.projectPath = sample();
    options.templateName = "evakuasi";
    options.paper = Paper::A4;
    options.title = "Peta Uji Evakuasi";
    options.producer = "Tim Uji";
    RenderFeedback feedback;
    const auto result = exportLayout(options, dir.file("map.pdf"), feedback);
    ASSERT_EQ(result.files.size(), 1u);
    EXPECT_TRUE(result.warnings.empty());
    const std::string info = runTool("pdfinfo", {QString::fromStdString(dir.file("map.pdf"))});
    EXPECT_NE(info.find("Pages:           1"), std::string::npos) << info;
    EXPECT_NE(info.find("842 x 595"), std::string::npos) << info; // A4 landscape in points
    const std::string text =
        runTool("pdftotext", {QString::fromStdString(dir.file("map.pdf")), "-"});
    for (const char* expected : {"Peta Uji Evakuasi",
                                 "Tim Uji",
                                 "Legenda",
                                 "Skala 1 : ",
                                 "Tempat Evakuasi Sementara",
                                 "EPSG:32751",
                                 " mT",
                                 " mU"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
}

TEST(LayoutExport, AtlasHasACoverAndOnePagePerVillage)
{
    testsupport::TempDir dir;
    LayoutOptions options;
    options.projectPath = sample();
    options.templateName = "aset";
    options.paper = Paper::A4;
    options.dpi = 150;
    options.atlas = true;
    RenderFeedback feedback;
    std::size_t lastPage = 0;
    const auto result =
        exportLayout(options, dir.file("atlas.pdf"), feedback, [&](std::size_t page, std::size_t) {
            lastPage = page;
        });
    EXPECT_EQ(result.pages, 22u);
    EXPECT_EQ(lastPage, 22u);
    const std::string info = runTool("pdfinfo", {QString::fromStdString(dir.file("atlas.pdf"))});
    EXPECT_NE(info.find("Pages:           22"), std::string::npos) << info;
    // Each village page names its village, in Kemendagri code order after the cover.
    const auto villages = atlasVillages(sample());
    for (int page : {2, 12, 22}) {
        const std::string text = runTool("pdftotext",
                                         {"-f",
                                          QString::number(page),
                                          "-l",
                                          QString::number(page),
                                          QString::fromStdString(dir.file("atlas.pdf")),
                                          "-"});
        EXPECT_NE(text.find(villages[page - 2].nama), std::string::npos)
            << "page " << page << ": " << text;
        EXPECT_NE(text.find("Halaman " + std::to_string(page) + " dari 22"), std::string::npos);
    }
}

TEST(LayoutExport, PngAtTheDpiAndSvgIsWellFormed)
{
    testsupport::TempDir dir;
    LayoutOptions options;
    options.projectPath = sample();
    options.templateName = "profil";
    options.dpi = 100;
    options.village = "Watugong";
    RenderFeedback feedback;
    auto result = exportLayout(options, dir.file("profile.png"), feedback);
    ASSERT_EQ(result.files.size(), 1u);
    QImage image(QString::fromStdString(result.files[0]));
    EXPECT_EQ(image.size(), QSize(827, 1169)); // A4 portrait at 100 dpi
    EXPECT_NEAR(image.dotsPerMeterX() * 0.0254, 100, 0.5);

    result = exportLayout(options, dir.file("profile.svg"), feedback);
    ASSERT_EQ(result.files.size(), 1u);
    QFile file(QString::fromStdString(result.files[0]));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int texts = 0;
    QString allText;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text") {
            ++texts;
            allText += xml.readElementText(QXmlStreamReader::IncludeChildElements);
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_GT(texts, 20);
    EXPECT_TRUE(allText.contains("Watugong"));
}

TEST(LayoutExport, PageMatchesTheGoldenImage)
{
    LayoutOptions options;
    options.projectPath = sample();
    options.templateName = "evakuasi";
    options.paper = Paper::A4;
    options.dpi = 60;
    options.village = "Wuring";
    options.producer = "Tim Uji";
    auto pages = buildLayoutPages(options);
    ASSERT_EQ(pages.size(), 1u);
    pages[0].date = "1 Januari 2026"; // fixed, so the golden image does not age
    QImage image = blankPage(pages[0], 60);
    QPainter painter(&image);
    RenderFeedback feedback;
    const auto result = paintLayoutPage(painter, pages[0], feedback);
    painter.end();
    EXPECT_TRUE(result.errors.empty());
    EXPECT_GT(result.legendEntries, 5u);
    const auto comparison = testsupport::compareWithGolden(
        image, "layout_evakuasi_wuring", 24, image.width() * image.height() / 200);
    EXPECT_TRUE(comparison.matches) << comparison.message.toStdString();
}

TEST(LayoutExport, LongTitlesStayInTheirBox)
{
    // A long title and village name wrap and shrink inside the title box: everything outside
    // that box is drawn exactly as with a short title.
    LayoutOptions options;
    options.projectPath = sample();
    options.templateName = "potensi";
    options.paper = Paper::A4;
    options.dpi = 50;
    options.village = "Wolomarang";
    auto render = [&](const QString& title, LayoutGeometry* geometry) {
        options.title = title;
        auto pages = buildLayoutPages(options);
        pages[0].date = "1 Januari 2026";
        QImage image = blankPage(QSize(585, 413), 50);
        QPainter painter(&image);
        RenderFeedback feedback;
        *geometry = paintLayoutPage(painter, pages[0], feedback).geometry;
        return image;
    };
    LayoutGeometry geometry;
    const QImage shortTitle = render("Peta", &geometry);
    const QImage longTitle = render(QString("Peta Potensi Ekonomi dan Rencana Usaha BUM Desa "
                                            "Bersama untuk Musyawarah Antar Desa ")
                                        .repeated(4),
                                    &geometry);
    const double scale = 50 / 25.4;
    const QRect titleBox(
        QPointF(geometry.title.left() * scale, geometry.title.top() * scale).toPoint(),
        QPointF(geometry.title.right() * scale, geometry.title.bottom() * scale).toPoint());
    int outside = 0, inside = 0;
    for (int y = 0; y < shortTitle.height(); ++y) {
        for (int x = 0; x < shortTitle.width(); ++x) {
            if (shortTitle.pixel(x, y) != longTitle.pixel(x, y)) {
                titleBox.adjusted(-1, -1, 1, 1).contains(x, y) ? ++inside : ++outside;
            }
        }
    }
    EXPECT_GT(inside, 100);
    EXPECT_EQ(outside, 0);
}

TEST(LayoutExport, CanceledExportLeavesNoFile)
{
    testsupport::TempDir dir;
    QFile previous(QString::fromStdString(dir.file("map.pdf")));
    ASSERT_TRUE(previous.open(QIODevice::WriteOnly));
    previous.write("previous map");
    previous.close();
    LayoutOptions options;
    options.projectPath = sample();
    options.templateName = "aset";
    options.atlas = true;
    RenderFeedback feedback;
    const auto result =
        exportLayout(options, dir.file("map.pdf"), feedback, [&](std::size_t page, std::size_t) {
            if (page == 2) {
                feedback.cancel();
            }
        });
    EXPECT_TRUE(result.canceled);
    EXPECT_TRUE(result.files.empty());
    QFile file(QString::fromStdString(dir.file("map.pdf")));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("previous map")); // the old map is untouched
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                            std::filesystem::directory_iterator()),
              1); // and no temporary file is left
}

TEST(LayoutExport, ClearErrors)
{
    LayoutOptions options;
    options.projectPath = sample();
    options.templateName = "no-such";
    try {
        buildLayoutPages(options);
        FAIL() << "expected an error";
    } catch (const std::exception& error) {
        EXPECT_NE(std::string(error.what()).find("potensi"), std::string::npos) << error.what();
    }
    options.templateName = "aset";
    options.village = "Atlantis";
    EXPECT_THROW(buildLayoutPages(options), std::exception);
    options.village.clear();
    testsupport::TempDir dir;
    RenderFeedback feedback;
    EXPECT_THROW(exportLayout(options, dir.file("map.docx"), feedback), std::exception);
}

TEST(LayoutExport, SparseLayersPrintBeyondTheirScreenScaleLimit)
{
    // The whole sample (islands included) prints at 1:300,000 or smaller on A4, beyond the
    // screen limits of potential (1:250,000) and assets (1:50,000). On the sheet the 175
    // potential features are sparse (at most 2 per cm² of map) and print; the 816 assets are
    // denser and stay hidden, unless every scale is asked for.
    LayoutOptions options;
    options.projectPath = sample();
    options.templateName = "lengkap";
    options.paper = Paper::A4;
    options.dpi = 40;
    auto paint = [&] {
        auto pages = buildLayoutPages(options);
        QImage image = blankPage(QSize(468, 331), 40);
        QPainter painter(&image);
        RenderFeedback feedback;
        return paintLayoutPage(painter, pages.at(0), feedback);
    };
    auto listed = [](const LayoutPageResult& result, const char* theme) {
        return std::find(result.legendThemes.begin(), result.legendThemes.end(), theme) !=
               result.legendThemes.end();
    };
    const auto result = paint();
    EXPECT_GT(result.scale, ThemeStyle::load("potensi_ekonomi").maxScale);
    const double areaCm2 = result.geometry.map.width() * result.geometry.map.height() / 100;
    geo::SpatialDatabase db(sample(), geo::SpatialDatabase::Mode::ReadOnly);
    const auto count = [&](const char* theme) {
        return double(
            std::get<std::int64_t>(db.scalar(std::string("SELECT count(*) FROM ") + theme)));
    };
    ASSERT_LE(count("potensi_ekonomi") / areaCm2, 2.0);
    ASSERT_GT(count("aset_desa") / areaCm2, 2.0);
    EXPECT_TRUE(listed(result, "potensi_ekonomi"));
    EXPECT_TRUE(listed(result, "wilayah"));
    EXPECT_FALSE(listed(result, "aset_desa"));
    options.allScales = true;
    EXPECT_TRUE(listed(paint(), "aset_desa"));
}

TEST(LayoutExport, EvacuationMapDrawsThePlannedRoutes)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("evakuasi.sqlite");
    testsupport::copySampleProject(path);
    LayoutOptions options;
    options.projectPath = path;
    options.templateName = "evakuasi";
    options.paper = Paper::A4;
    options.dpi = 40;
    options.village = "Madawat";
    auto paint = [&] {
        auto pages = buildLayoutPages(options);
        QImage image = blankPage(QSize(468, 331), 40);
        QPainter painter(&image);
        RenderFeedback feedback;
        return paintLayoutPage(painter, pages.at(0), feedback);
    };
    EXPECT_EQ(paint().routes, 0u); // no plan yet: no routes, no legend line
    {
        layers::Project project(path);
        layers::runEvacuation(project, {});
    }
    const auto result = paint();
    // Every route whose bounds touch the page's map (SpatiaLite's own MBR test on the
    // storage box of the extent) is drawn, each as one line.
    const MapRect box = storageBoxOf(result.extent, "EPSG:32751");
    geo::SpatialDatabase db(path, geo::SpatialDatabase::Mode::ReadOnly);
    auto statement = db.prepare("SELECT count(*) FROM hasil_evakuasi_rute WHERE "
                                "MbrIntersects(geom, BuildMbr(?, ?, ?, ?, 4326)) = 1");
    statement.bind(1, box.minX).bind(2, box.minY).bind(3, box.maxX).bind(4, box.maxY);
    ASSERT_TRUE(statement.step());
    EXPECT_GT(statement.integer(0), 0);
    EXPECT_EQ(std::int64_t(result.routes), statement.integer(0));
    ASSERT_FALSE(result.legendThemes.empty());
    EXPECT_EQ(result.legendThemes.front(), "hasil_evakuasi_rute");
}

TEST(LayoutExport, PrintsTheProjectsVisibleRasterBackgrounds)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("latar.sqlite");
    testsupport::copySampleProject(path);
    const std::string depth = std::string(TEST_DATA_DIR) + "/realdata/inasafe_data/maumere_tsunami/"
                                                           "maumere_aos_depth_20m_land_wgs84.tif";
    LayoutOptions options;
    options.projectPath = path;
    options.templateName = "evakuasi";
    options.paper = Paper::A4;
    options.dpi = 40;
    options.village = "Wuring";
    auto paint = [&] {
        auto pages = buildLayoutPages(options);
        QImage image = blankPage(pages.at(0), 40);
        QPainter painter(&image);
        RenderFeedback feedback;
        const auto result = paintLayoutPage(painter, pages.at(0), feedback);
        painter.end();
        EXPECT_TRUE(result.errors.empty());
        return std::pair(pages.at(0).rasters.size(), image);
    };
    auto differing = [](const QImage& a, const QImage& b) {
        int count = 0;
        for (int y = 0; y < a.height(); ++y) {
            for (int x = 0; x < a.width(); ++x) {
                count += a.pixel(x, y) != b.pixel(x, y);
            }
        }
        return count;
    };
    const auto [noRasters, plain] = paint();
    EXPECT_EQ(noRasters, 0u);
    {
        layers::Project project(path);
        layers::setProjectRasters(project, {{depth, layers::RasterLayer::Kind::Image, true, 1.0}});
    }
    const auto [withDepth, printed] = paint();
    EXPECT_EQ(withDepth, 1u);
    EXPECT_GT(differing(plain, printed), 500); // the depth grid shows under the themes

    // Hidden in the layers panel, or its file gone: printed as before, without an error.
    {
        layers::Project project(path);
        layers::setProjectRasters(
            project,
            {{depth, layers::RasterLayer::Kind::Image, false, 1.0},
             {dir.file("hilang.tif"), layers::RasterLayer::Kind::Image, true, 1.0}});
    }
    const auto [hidden, again] = paint();
    EXPECT_EQ(hidden, 0u);
    EXPECT_EQ(differing(plain, again), 0);
}
