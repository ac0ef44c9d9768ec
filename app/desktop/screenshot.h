#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace app {

class LayoutDialog;
class MainWindow;
class PresentationView;

/// Makes a screenshot of a window for the documentation: waits until the canvas finished its
/// first render, puts the window into a state ("main", "import", "form", "table", "measure",
/// "layout", "analysis", "presentation", "raster"), waits for the render that state causes, then
/// grabs the window (and its open dialogs) with QWidget::grab and writes a PNG. GUI thread.
class ScreenshotTaker : public QObject
{
    Q_OBJECT
public:
    ScreenshotTaker(MainWindow& window, QString output, QString state, QObject* parent = nullptr);
    void start();

signals:
    /// The screenshot was written (or could not be).
    void done(bool succeeded);

private:
    void applyState();
    void waitForQuietCanvas();
    void grab();

    MainWindow& m_window;
    QString m_output;
    QString m_state;
    QTimer m_timeout;
    int m_quietChecks = 0;
    QPointer<LayoutDialog> m_layoutDialog;     ///< the "layout" state's dialog
    QPointer<PresentationView> m_presentation; ///< state "presentation": what is grabbed
};

} // namespace app
