#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace app {

enum class MessageKind { Information, Warning, Error };

/// Shows a message to the user (a QMessageBox on the GUI thread). Every user-facing error of
/// the desktop app goes through here, so tests can record messages instead of blocking on a box.
void showMessage(QWidget* parent, MessageKind kind, const QString& title, const QString& text);

/// Asks a yes/no question; returns true for yes. Tests answer through the handler.
bool askQuestion(QWidget* parent, const QString& title, const QString& text);

/// Replaces the message boxes (tests). The handler returns the answer for questions.
using MessageHandler =
    std::function<bool(MessageKind kind, const QString& title, const QString& text)>;
void setMessageHandler(MessageHandler handler);

} // namespace app
