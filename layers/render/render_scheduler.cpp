#include "layers/render/render_scheduler.h"

namespace layers {

RenderScheduler::RenderScheduler(SettingsProvider provider, QObject* parent)
    : QObject(parent), m_provider(std::move(provider))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(5);
    connect(&m_timer, &QTimer::timeout, this, &RenderScheduler::startRender);
}

RenderScheduler::~RenderScheduler()
{
    cancel();
}

void RenderScheduler::refresh()
{
    m_timer.start();
}

void RenderScheduler::cancel()
{
    if (m_job) {
        m_job->cancel();
    }
}

bool RenderScheduler::isRendering() const
{
    return m_job && m_job->isActive();
}

void RenderScheduler::startRender()
{
    if (m_job) {
        // Let the old job finish on its own; its result is stale and will be dropped.
        m_job->cancel();
        MapRenderJob* old = m_job.get();
        connect(old, &MapRenderJob::finished, this, [this, old] {
            // Deleted later: this runs inside the job's own signal.
            for (auto& job : m_canceledJobs) {
                if (job.get() == old) {
                    job.release()->deleteLater();
                }
            }
            std::erase_if(m_canceledJobs, [](const auto& job) { return !job; });
        });
        m_canceledJobs.push_back(std::move(m_job));
    }
    const quint64 generation = ++m_generation;
    m_job = std::make_unique<MapRenderJob>(m_provider());
    MapRenderJob* job = m_job.get();
    connect(job, &MapRenderJob::finished, this, [this, job, generation] {
        if (generation != m_generation || job != m_job.get()) {
            return; // stale
        }
        m_lastResult = job->result();
        if (!m_lastResult.canceled) {
            m_lastImage = m_lastResult.image;
            m_lastSettings = job->settings();
        }
        emit rendered();
    });
    ++m_started;
    job->start();
    emit renderStarted();
}

} // namespace layers
