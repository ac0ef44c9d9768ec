#pragma once

#include "layers/render/map_render_job.h"

#include <QImage>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace layers {

/// Coalesces refresh requests into renders (QGIS's refresh()/refreshMap() split): refresh()
/// only restarts a short single-shot timer, so any number of calls in one event-loop turn cost
/// one render. On timeout it cancels the running job (without waiting), takes a fresh
/// MapSettings snapshot from the provider and starts a new MapRenderJob; results of older
/// jobs are dropped by a generation counter. Lives on the GUI thread.
class RenderScheduler : public QObject
{
    Q_OBJECT
public:
    using SettingsProvider = std::function<MapSettings()>;
    explicit RenderScheduler(SettingsProvider provider, QObject* parent = nullptr);
    ~RenderScheduler() override;

    /// Schedules a render; returns at once.
    void refresh();
    /// Cancels the running job, if any; never blocks.
    void cancel();
    bool isRendering() const;
    /// Renders started so far (for tests and diagnostics).
    int rendersStarted() const { return m_started; }
    const QImage& lastImage() const { return m_lastImage; }
    const MapSettings& lastSettings() const { return m_lastSettings; }
    const RenderResult& lastResult() const { return m_lastResult; }
    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }

signals:
    /// A render finished and its image is the newest; settings are the snapshot it drew.
    void rendered();
    void renderStarted();

private:
    void startRender();
    SettingsProvider m_provider;
    QTimer m_timer;
    std::unique_ptr<MapRenderJob> m_job;
    std::vector<std::unique_ptr<MapRenderJob>> m_canceledJobs; ///< finishing in the background
    quint64 m_generation = 0;
    int m_started = 0;
    QImage m_lastImage;
    MapSettings m_lastSettings;
    RenderResult m_lastResult;
};

} // namespace layers
