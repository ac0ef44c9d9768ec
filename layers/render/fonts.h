#pragma once

#include <QString>

namespace layers {

/// Registers data/fonts/DejaVuSans*.ttf with Qt (once; call on the GUI thread after the
/// QGuiApplication exists) and returns the family name maps and labels use. Maps never depend
/// on system fonts, so they look the same on every machine and in golden tests.
QString registerBundledFonts();

/// The family registered by registerBundledFonts() ("DejaVu Sans").
QString mapFontFamily();

} // namespace layers
