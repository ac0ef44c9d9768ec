#include "app/desktop/messages.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

namespace app {

namespace {
MessageHandler& handler()
{
    static MessageHandler s_handler;
    return s_handler;
}
} // namespace

void setMessageHandler(MessageHandler newHandler)
{
    handler() = std::move(newHandler);
}

void showMessage(QWidget* parent, MessageKind kind, const QString& title, const QString& text)
{
    if (handler()) {
        handler()(kind, title, text);
        return;
    }
    QMessageBox box(parent);
    box.setWindowTitle(title);
    box.setText(text);
    box.setIcon(kind == MessageKind::Information ? QMessageBox::Information
                : kind == MessageKind::Warning   ? QMessageBox::Warning
                                                 : QMessageBox::Critical);
    box.addButton(QCoreApplication::translate("app::Messages", "OK"), QMessageBox::AcceptRole);
    box.exec();
}

bool askQuestion(QWidget* parent, const QString& title, const QString& text)
{
    if (handler()) {
        return handler()(MessageKind::Information, title, text);
    }
    QMessageBox box(parent);
    box.setWindowTitle(title);
    box.setText(text);
    box.setIcon(QMessageBox::Question);
    QPushButton* yes =
        box.addButton(QCoreApplication::translate("app::Messages", "&Ya"), QMessageBox::YesRole);
    box.addButton(QCoreApplication::translate("app::Messages", "&Tidak"), QMessageBox::NoRole);
    box.exec();
    return box.clickedButton() == yes;
}

} // namespace app
