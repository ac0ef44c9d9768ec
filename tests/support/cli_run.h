#pragma once

// Runs petadesa-cli (PETADESA_CLI, a compile definition of cli_tests) as a user would, in a
// chosen language, and reads its output. Shared by the CLI test files.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <string>

namespace testsupport {

struct Run
{
    int exitCode = -1; ///< -1 when the process crashed or did not finish
    std::string out;
    std::string err;
};

inline Run
run(const QString& program, const QStringList& arguments, const QString& language = "C.UTF-8")
{
    QProcess process;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert("LANG", language);
    environment.remove("LC_ALL");
    environment.remove("LC_MESSAGES");
    environment.remove("LANGUAGE");
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    process.waitForFinished(180000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput().toStdString(),
            process.readAllStandardError().toStdString()};
}

inline Run cli(const QStringList& arguments, const QString& language = "C.UTF-8")
{
    return run(PETADESA_CLI, arguments, language);
}

inline QJsonObject json(const std::string& text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

inline QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace testsupport
