#include "layers/render/map_render_job.h"

#include <QtConcurrent/QtConcurrentRun>

namespace layers {

MapRenderJob::MapRenderJob(MapSettings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)),
      m_feedback(std::make_shared<RenderFeedback>())
{
    connect(&m_watcher, &QFutureWatcher<RenderResult>::finished, this, [this] {
        m_result = m_watcher.result();
        emit finished();
    });
}

MapRenderJob::~MapRenderJob()
{
    // The worker owns copies of everything it touches; it may outlive the job and finishes on
    // its own after a cancel, so destruction never blocks the GUI thread.
    m_feedback->cancel();
    m_watcher.disconnect(this);
}

void MapRenderJob::start()
{
    // The lambda owns a copy of the settings and shares only the feedback flag.
    MapSettings settings = m_settings;
    auto feedback = m_feedback;
    m_watcher.setFuture(QtConcurrent::run(
        [settings = std::move(settings), feedback] { return renderMap(settings, *feedback); }));
}

void MapRenderJob::cancel()
{
    m_feedback->cancel();
}

bool MapRenderJob::isActive() const
{
    return m_watcher.isRunning();
}

void MapRenderJob::waitForFinished()
{
    m_watcher.waitForFinished();
    if (m_watcher.isFinished() && m_result.image.isNull()) {
        m_result = m_watcher.result();
    }
}

} // namespace layers
