#include "app/desktop/language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace app {

namespace {
layers::Language s_current = layers::Language::Indonesian;
QTranslator* s_translator = nullptr;
} // namespace

QString languageSetting()
{
    return QSettings().value("bahasa").toString();
}

void setLanguageSetting(const QString& code)
{
    QSettings settings;
    if (code.isEmpty()) {
        settings.remove("bahasa");
    } else {
        settings.setValue("bahasa", code);
    }
}

layers::Language interfaceLanguage()
{
    const QString setting = languageSetting();
    if (setting == "en") {
        return layers::Language::English;
    }
    if (setting == "id") {
        return layers::Language::Indonesian;
    }
    if (QLocale::system().language() == QLocale::English ||
        layers::languageFromEnvironment() == layers::Language::English) {
        return layers::Language::English;
    }
    return layers::Language::Indonesian;
}

void installLanguage(QCoreApplication& application, layers::Language language)
{
    if (s_translator) {
        QCoreApplication::removeTranslator(s_translator);
        delete s_translator;
        s_translator = nullptr;
    }
    auto* translator = new QTranslator(&application);
    const QString file =
        language == layers::Language::English ? ":/i18n/petadesa_en.qm" : ":/i18n/qtbase_id.qm";
    if (translator->load(file)) {
        QCoreApplication::installTranslator(translator);
        s_translator = translator;
    } else {
        delete translator;
    }
    QLocale::setDefault(language == layers::Language::English
                            ? QLocale(QLocale::English, QLocale::UnitedStates)
                            : QLocale(QLocale::Indonesian, QLocale::Indonesia));
    layers::setLanguage(language);
    s_current = language;
}

layers::Language currentLanguage()
{
    return s_current;
}

} // namespace app
