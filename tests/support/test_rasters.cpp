#include "support/test_rasters.h"

#include "support/temp_dir.h"

#include <QProcess>
#include <QStringList>

#include <stdexcept>

namespace testsupport {

std::string merapiDem()
{
    return std::string(TEST_DATA_DIR) + "/realdata/dem_srtm1_jelajahstatid/srtm1_merapi.tif";
}

std::string merapiColourRelief(const std::string& directory)
{
    const std::string colours = directory + "/merapi_warna.txt";
    const std::string output = directory + "/merapi_warna.tif";
    // Elevation (m) -> red green blue; the crop spans 781-2918 m.
    writeText(colours,
              "nv 0 0 0 0\n"
              "700 40 140 60\n"
              "1500 170 150 70\n"
              "2300 150 80 40\n"
              "3000 210 40 30\n");
    QProcess gdaldem;
    gdaldem.start("gdaldem",
                  {"color-relief",
                   "-q",
                   "-alpha",
                   QString::fromStdString(merapiDem()),
                   QString::fromStdString(colours),
                   QString::fromStdString(output)});
    if (!gdaldem.waitForFinished(60000) || gdaldem.exitCode() != 0) {
        throw std::runtime_error("gdaldem color-relief failed: " +
                                 gdaldem.readAllStandardError().toStdString());
    }
    return output;
}

} // namespace testsupport
