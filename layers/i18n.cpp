#include "layers/i18n.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace layers {

namespace {
std::atomic<int> s_language{-1};
} // namespace

Language languageFromEnvironment()
{
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value) {
            return std::strncmp(value, "en", 2) == 0 ? Language::English : Language::Indonesian;
        }
    }
    return Language::Indonesian;
}

Language language()
{
    int current = s_language.load();
    if (current < 0) {
        current = static_cast<int>(languageFromEnvironment());
        s_language.store(current);
    }
    return static_cast<Language>(current);
}

void setLanguage(Language value)
{
    s_language.store(static_cast<int>(value));
}

const char* tr(const char* indonesian, const char* english)
{
    return language() == Language::English ? english : indonesian;
}

std::string arg(std::string text, std::initializer_list<std::string> arguments)
{
    int index = static_cast<int>(arguments.size());
    // Replace from the highest number down so %1 does not eat the start of %10.
    for (auto it = std::rbegin(arguments); it != std::rend(arguments); ++it, --index) {
        const std::string marker = "%" + std::to_string(index);
        std::size_t pos = 0;
        while ((pos = text.find(marker, pos)) != std::string::npos) {
            text.replace(pos, marker.size(), *it);
            pos += it->size();
        }
    }
    return text;
}

} // namespace layers
