#include "geo/gdal_dataset.h"
#include "layers/project.h"
#include "support/temp_dir.h"

#include <QProcess>
#include <QProcessEnvironment>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

// kill -9 in the middle of a large import: the project must still pass integrity_check and
// hold no row of the interrupted import (one transaction, rolled back by SQLite on open).
TEST(KillImport, ProjectStaysIntactAndHoldsNoPartialRows)
{
    testsupport::TempDir dir;
    const std::string project = dir.file("p.sqlite");
    layers::Project::create(project, {"Uji kill", "EPSG:32751", false, {}});
    {
        layers::Project p(project);
        p.insertFeature("permukiman",
                        {{"nama", std::string("sebelum impor")}},
                        geo::pointWkb(122.2, -8.6),
                        "uji");
    }
    const std::string source = dir.file("besar.csv");
    {
        std::ofstream out(source);
        out << "nama,penduduk,lintang,bujur\n";
        for (int i = 0; i < 1500000; ++i) {
            out << "RT " << i << ',' << (i % 300) << ',' << -8.6 - (i % 1000) * 1e-5 << ','
                << 122.2 + (i / 1000) * 1e-5 << '\n';
        }
    }
    QProcess process;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert("LANG", "C.UTF-8"); // Indonesian progress messages
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"}) {
        environment.remove(name);
    }
    process.setProcessEnvironment(environment);
    process.start(PETADESA_CLI,
                  {"import",
                   QString::fromStdString(project),
                   QString::fromStdString(source),
                   "--theme",
                   "permukiman"});
    ASSERT_TRUE(process.waitForStarted());
    // Wait until the import reports progress on stderr (rows are being read, checked and
    // written inside its transaction), then kill -9. The progress line appears after two
    // seconds and counts features: "Mengimpor 41.216 / 1.500.000 (2%)".
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    bool writing = false;
    QByteArray progress;
    while (std::chrono::steady_clock::now() < deadline && process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(100);
        progress += process.readAllStandardError();
        const auto at = progress.lastIndexOf("Mengimpor ");
        if (at >= 0) {
            const QByteArray count = progress.mid(at + 10).split(' ').front().replace(".", "");
            if (count.toLongLong() >= 20000) {
                writing = true;
                break;
            }
        }
    }
    ASSERT_TRUE(writing) << "the import finished or never progressed before it could be killed: "
                         << progress.toStdString();
    ASSERT_EQ(::kill(static_cast<pid_t>(process.processId()), SIGKILL), 0);
    process.waitForFinished();
    EXPECT_EQ(process.exitStatus(), QProcess::CrashExit);

    layers::Project p(project);
    EXPECT_EQ(std::get<std::string>(p.database().scalar("PRAGMA integrity_check")), "ok");
    EXPECT_EQ(p.featureCount("permukiman"), 1);
    EXPECT_EQ(std::get<std::int64_t>(p.database().scalar("SELECT count(*) FROM impor_log")), 0);
    EXPECT_EQ(std::get<std::int64_t>(p.database().scalar("SELECT count(*) FROM "
                                                         "idx_permukiman_geom")),
              1);
}
