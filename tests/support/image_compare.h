#pragma once

#include <QImage>
#include <QString>

namespace testsupport {

struct ImageComparison
{
    bool matches = false;
    int mismatchedPixels = 0;
    QString message; ///< what differed and where the actual and diff images were written
};

/// Compares a rendered image with tests/golden/<name>.png: pixels differing by more than
/// `tolerance` in any channel count as mismatched, and up to `allowedMismatches` are accepted
/// (QGIS QgsMultiRenderChecker style). On failure writes <name>_actual.png and <name>_diff.png
/// under the build's test-output folder. With UPDATE_GOLDEN=1 in the environment the golden
/// file is (re)written instead and the comparison passes.
ImageComparison compareWithGolden(const QImage& actual,
                                  const QString& name,
                                  int tolerance = 4,
                                  int allowedMismatches = 40);

} // namespace testsupport
