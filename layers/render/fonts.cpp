#include "layers/render/fonts.h"

#include "layers/data_paths.h"

#include <QFontDatabase>
#include <QStringList>

#include <mutex>

namespace layers {

namespace {
QString s_family = QStringLiteral("DejaVu Sans");
}

QString registerBundledFonts()
{
    static std::once_flag once;
    std::call_once(once, [] {
        const QString directory = QString::fromStdString(dataDirectory() + "/fonts/");
        for (const char* file : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}) {
            const int id = QFontDatabase::addApplicationFont(directory + file);
            if (id >= 0) {
                const QStringList families = QFontDatabase::applicationFontFamilies(id);
                if (!families.isEmpty()) {
                    s_family = families.front();
                }
            }
        }
    });
    return s_family;
}

QString mapFontFamily()
{
    return s_family;
}

} // namespace layers
