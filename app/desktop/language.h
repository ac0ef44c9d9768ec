#pragma once

#include "layers/i18n.h"

#include <QString>

class QCoreApplication;

namespace app {

/// The interface language: the "bahasa" setting ("id" or "en") when set, else English when
/// the system locale or the environment (LANG, LC_ALL, ...) is English, else Indonesian.
layers::Language interfaceLanguage();

/// The saved choice: "id", "en" or "" (follow the system). Stored with QSettings.
QString languageSetting();
void setLanguageSetting(const QString& code);

/// Installs the translators for language into the application (English: petadesa_en.qm;
/// Indonesian: qtbase_id.qm for Qt's own dialogs), sets the default QLocale for numbers and
/// makes the layers:: messages follow, so no screen mixes languages. GUI thread; call before
/// creating widgets (a change applies to widgets created afterwards).
void installLanguage(QCoreApplication& application, layers::Language language);

/// The language installed by installLanguage().
layers::Language currentLanguage();

} // namespace app
