#include "app_fixture.h"

#include "app/desktop/main_window.h"
#include "app/desktop/map_canvas.h"
#include "geo/spatial_database.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "support/temp_dir.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <cmath>
#include <filesystem>
#include <functional>

namespace apptest {

namespace {
std::vector<Message> s_messages;

/// Built on first use, removed at exit.
const std::string& templateProject()
{
    static testsupport::TempDir dir;
    static const std::string path = [] {
        const std::string file = dir.file("uji.sqlite");
        layers::CreateOptions options;
        options.name = "Proyek uji";
        options.workingCrs = "EPSG:32751";
        layers::Project::create(file, options);
        layers::Project project(file);
        const std::string source = std::string(PETADESA_SOURCE_DATA_DIR) + "/sample/src/";
        for (const char* theme : {"wilayah", "jalan", "aset_desa", "titik_evakuasi"}) {
            layers::ImportOptions import;
            import.theme = theme;
            import.reportPath = dir.file(std::string("laporan_") + theme + ".csv");
            layers::importFile(project, source + theme + ".geojson", import);
        }
        return file;
    }();
    return path;
}
} // namespace

void recordMessages()
{
    app::setMessageHandler([](app::MessageKind kind, const QString& title, const QString& text) {
        s_messages.push_back({kind, title, text});
        return true;
    });
}

std::vector<Message>& messages()
{
    return s_messages;
}

void ProjectTest::SetUp()
{
    s_messages.clear();
    m_dir = std::make_unique<testsupport::TempDir>();
    m_path = freshPath("proyek.sqlite");
}

void ProjectTest::TearDown()
{
    // Let deleteLater() and finished renders settle before the files go.
    QCoreApplication::processEvents();
    m_dir.reset();
}

std::string ProjectTest::freshPath(const std::string& name) const
{
    const std::string path = m_dir->file(name);
    std::filesystem::copy_file(templateProject(), path);
    return path;
}

void WindowTest::SetUp()
{
    ProjectTest::SetUp();
    window = std::make_unique<app::MainWindow>();
    window->resize(1200, 800);
    window->show();
    ASSERT_TRUE(window->openProject(QString::fromStdString(projectPath())));
    canvas = window->canvas();
    ASSERT_TRUE(waitFor([this] { return canvas->renderFinishCount() > 0; }))
        << "the first render did not finish";
}

void WindowTest::TearDown()
{
    window.reset();
    ProjectTest::TearDown();
}

ProjectWriteLock::ProjectWriteLock(const std::string& path, bool blockReaders)
    : m_db(std::make_unique<geo::SpatialDatabase>(path, geo::SpatialDatabase::Mode::ReadWrite))
{
    if (blockReaders) {
        // Held until the connection closes (release()).
        m_db->exec("PRAGMA locking_mode=EXCLUSIVE");
    }
    m_db->exec(blockReaders ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE");
}

ProjectWriteLock::~ProjectWriteLock()
{
    release();
}

void ProjectWriteLock::release()
{
    if (m_db) {
        m_db->exec("ROLLBACK");
        m_db.reset();
    }
}

bool waitForImpl(const std::function<bool()>& predicate, int timeout)
{
    QElapsedTimer timer;
    timer.start();
    while (!predicate()) {
        if (timer.elapsed() > timeout) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

double vincentyDistance(double lon1, double lat1, double lon2, double lat2)
{
    constexpr double a = 6378137.0;
    constexpr double f = 1 / 298.257223563;
    constexpr double b = a * (1 - f);
    const double rad = M_PI / 180;
    const double L = (lon2 - lon1) * rad;
    const double U1 = std::atan((1 - f) * std::tan(lat1 * rad));
    const double U2 = std::atan((1 - f) * std::tan(lat2 * rad));
    const double sinU1 = std::sin(U1), cosU1 = std::cos(U1);
    const double sinU2 = std::sin(U2), cosU2 = std::cos(U2);
    double lambda = L, lambdaPrevious = 0;
    double sinSigma = 0, cosSigma = 0, sigma = 0, cosSqAlpha = 0, cos2SigmaM = 0;
    for (int i = 0; i < 200; ++i) {
        const double sinLambda = std::sin(lambda), cosLambda = std::cos(lambda);
        sinSigma = std::sqrt(std::pow(cosU2 * sinLambda, 2) +
                             std::pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
        if (sinSigma == 0) {
            return 0;
        }
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
        sigma = std::atan2(sinSigma, cosSigma);
        const double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
        cosSqAlpha = 1 - sinAlpha * sinAlpha;
        cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0;
        const double C = f / 16 * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
        lambdaPrevious = lambda;
        lambda =
            L + (1 - C) * f * sinAlpha *
                    (sigma + C * sinSigma *
                                 (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        if (std::abs(lambda - lambdaPrevious) < 1e-12) {
            break;
        }
    }
    const double uSq = cosSqAlpha * (a * a - b * b) / (b * b);
    const double A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
    const double B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
    const double deltaSigma =
        B * sinSigma *
        (cos2SigmaM + B / 4 *
                          (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                           B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) *
                               (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return b * A * (sigma - deltaSigma);
}

} // namespace apptest
