#include "support/image_compare.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cstdlib>

namespace testsupport {

ImageComparison
compareWithGolden(const QImage& rendered, const QString& name, int tolerance, int allowedMismatches)
{
    ImageComparison result;
    const QString goldenPath = QStringLiteral(GOLDEN_DIR "/") + name + ".png";
    const QImage actual = rendered.convertToFormat(QImage::Format_ARGB32);
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (update && *update && *update != '0') {
        QDir().mkpath(QStringLiteral(GOLDEN_DIR));
        result.matches = actual.save(goldenPath, "png");
        result.message = "golden image written: " + goldenPath;
        return result;
    }
    const QImage golden = QImage(goldenPath).convertToFormat(QImage::Format_ARGB32);
    if (golden.isNull()) {
        result.message = "no golden image " + goldenPath + " (run with UPDATE_GOLDEN=1)";
        return result;
    }
    if (golden.size() != actual.size()) {
        result.message = QString("size %1x%2 differs from the golden %3x%4")
                             .arg(actual.width())
                             .arg(actual.height())
                             .arg(golden.width())
                             .arg(golden.height());
        return result;
    }
    QImage diff(actual.size(), QImage::Format_ARGB32);
    diff.fill(QColor(255, 255, 255));
    for (int y = 0; y < actual.height(); ++y) {
        const QRgb* a = reinterpret_cast<const QRgb*>(actual.constScanLine(y));
        const QRgb* g = reinterpret_cast<const QRgb*>(golden.constScanLine(y));
        QRgb* d = reinterpret_cast<QRgb*>(diff.scanLine(y));
        for (int x = 0; x < actual.width(); ++x) {
            const int delta = std::max({std::abs(qRed(a[x]) - qRed(g[x])),
                                        std::abs(qGreen(a[x]) - qGreen(g[x])),
                                        std::abs(qBlue(a[x]) - qBlue(g[x])),
                                        std::abs(qAlpha(a[x]) - qAlpha(g[x]))});
            if (delta > tolerance) {
                ++result.mismatchedPixels;
                d[x] = qRgb(255, 0, 0);
            } else {
                d[x] = qRgb(200 + qGray(g[x]) / 5, 200 + qGray(g[x]) / 5, 200 + qGray(g[x]) / 5);
            }
        }
    }
    result.matches = result.mismatchedPixels <= allowedMismatches;
    if (!result.matches) {
        const QString output = QStringLiteral(TEST_OUTPUT_DIR);
        QDir().mkpath(output);
        actual.save(output + "/" + name + "_actual.png", "png");
        diff.save(output + "/" + name + "_diff.png", "png");
        result.message =
            QString("%1 pixels differ by more than %2 (allowed %3); see %4/%5_diff.png")
                .arg(result.mismatchedPixels)
                .arg(tolerance)
                .arg(allowedMismatches)
                .arg(output, name);
    }
    return result;
}

} // namespace testsupport
