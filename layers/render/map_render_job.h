#pragma once

#include "layers/render/map_renderer.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace layers {

/// Renders a MapSettings snapshot on a worker thread (QtConcurrent). Lives on the GUI thread;
/// start() returns at once, cancel() never blocks, finished() is emitted on the GUI thread
/// with the result. A job runs once; the canvas makes a new one per refresh.
class MapRenderJob : public QObject
{
    Q_OBJECT
public:
    explicit MapRenderJob(MapSettings settings, QObject* parent = nullptr);
    ~MapRenderJob() override;

    void start();
    /// Asks the worker to stop; finished() still comes, with canceled set.
    void cancel();
    bool isActive() const;
    /// Blocks until the worker is done (tests, export); never call it on the GUI thread of
    /// an interactive window.
    void waitForFinished();
    const MapSettings& settings() const { return m_settings; }
    const RenderResult& result() const { return m_result; }
    /// The cancel flag and progress counter shared with the worker.
    const RenderFeedback& feedback() const { return *m_feedback; }

signals:
    void finished();

private:
    MapSettings m_settings;
    std::shared_ptr<RenderFeedback> m_feedback;
    QFutureWatcher<RenderResult> m_watcher;
    RenderResult m_result;
};

} // namespace layers
