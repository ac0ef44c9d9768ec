#pragma once

#include <initializer_list>
#include <string>

namespace layers {

enum class Language { Indonesian, English };

/// The language of messages: English when LC_ALL, LC_MESSAGES, LANGUAGE or LANG (first set
/// one) starts with "en", otherwise Indonesian. setLanguage() overrides it.
Language language();
void setLanguage(Language language);
Language languageFromEnvironment();

/// Picks the Indonesian or English text. Both texts are written side by side where the
/// message is raised, so no screen mixes languages.
const char* tr(const char* indonesian, const char* english);

/// Replaces %1, %2, ... in text by the arguments.
std::string arg(std::string text, std::initializer_list<std::string> arguments);

} // namespace layers
