#pragma once

#include "layers/render/fonts.h"

#include <QGuiApplication>

namespace app::cli {

/// The QGuiApplication that drawing needs (fonts, images, PDF), on the offscreen platform
/// unless QT_QPA_PLATFORM says otherwise, with the bundled map fonts registered.
class OffscreenGui
{
public:
    OffscreenGui()
    {
        if (qgetenv("QT_QPA_PLATFORM").isEmpty()) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        m_application = std::make_unique<QGuiApplication>(m_argc, m_argv);
        layers::registerBundledFonts();
    }

private:
    int m_argc = 1;
    char m_name[13] = "petadesa-cli";
    char* m_argv[2] = {m_name, nullptr};
    std::unique_ptr<QGuiApplication> m_application;
};

} // namespace app::cli
