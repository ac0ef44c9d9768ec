#pragma once

#include "app/desktop/messages.h"
#include "support/temp_dir.h"

#include <QString>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace app {
class MainWindow;
class MapCanvas;
} // namespace app

namespace geo {
class SpatialDatabase;
}

namespace apptest {

/// A message the app showed (recorded instead of a modal box).
struct Message
{
    app::MessageKind kind;
    QString title;
    QString text;
};

/// Routes app::showMessage/askQuestion to a list (questions are answered yes).
void recordMessages();
std::vector<Message>& messages();

/// A small project built once per test run from data/sample/src (villages, roads, assets,
/// evacuation sites) with layers::Project::create and importFile; each test gets its own copy.
class ProjectTest : public ::testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;
    /// A fresh copy of the test project.
    const std::string& projectPath() const { return m_path; }
    std::string freshPath(const std::string& name) const;

private:
    std::unique_ptr<testsupport::TempDir> m_dir;
    std::string m_path;
};

/// The main window open on a fresh copy of the test project (1200 x 800), after its first
/// render: the fixture of the GUI tests that work through the window.
class WindowTest : public ProjectTest
{
protected:
    void SetUp() override;
    void TearDown() override;
    std::unique_ptr<app::MainWindow> window;
    app::MapCanvas* canvas = nullptr;
};

/// Holds the write lock of a project file (BEGIN IMMEDIATE on its own connection) until
/// destroyed or released: a background job that writes must then wait on its worker thread,
/// while a job run on the calling thread would block the caller for SQLite's busy timeout and
/// fail. Lets a test show that a job really runs in the background. With blockReaders the
/// connection also takes SQLite's exclusive locking mode, which keeps readers out too (WAL
/// readers are not stopped by a write lock): for jobs that only read.
class ProjectWriteLock
{
public:
    explicit ProjectWriteLock(const std::string& path, bool blockReaders = false);
    ~ProjectWriteLock();
    void release();

private:
    std::unique_ptr<geo::SpatialDatabase> m_db;
};

/// Processes events until predicate is true or timeout milliseconds passed.
template <typename Predicate> bool waitFor(Predicate predicate, int timeout = 20000);
bool waitForImpl(const std::function<bool()>& predicate, int timeout);
template <typename Predicate> bool waitFor(Predicate predicate, int timeout)
{
    return waitForImpl(predicate, timeout);
}

/// Geodesic distance on the WGS 84 ellipsoid (Vincenty's inverse formula), metres.
double vincentyDistance(double lon1, double lat1, double lon2, double lat2);

} // namespace apptest
