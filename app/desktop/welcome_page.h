#pragma once

#include <QWidget>

class QListWidget;

namespace app {

/// Shown when no project is open: open the sample, open a project, make a new one, or pick a
/// recent project.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void setRecentProjects(const QStringList& paths);

signals:
    void openSampleRequested();
    void openRequested();
    void newRequested();
    void openPathRequested(const QString& path);

private:
    QListWidget* m_recent;
};

} // namespace app
