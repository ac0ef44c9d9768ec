#pragma once

#include "geo/errors.h"

#include <atomic>

namespace geo {

/// Cancellation and progress shared between a long analysis and its caller. The analysis runs
/// on one thread (and may use its own workers); any thread may call cancel() or read
/// progress() at any time. progressChanged() runs on the analysis thread.
class AnalysisFeedback
{
public:
    virtual ~AnalysisFeedback() = default;

    void cancel() noexcept { m_canceled.store(true); }
    bool isCanceled() const noexcept { return m_canceled.load(); }

    /// 0 to 100.
    double progress() const noexcept { return m_progress.load(); }
    void setProgress(double percent)
    {
        m_progress.store(percent);
        progressChanged(percent);
    }

protected:
    /// Called on the analysis thread after every setProgress(); must not block for long.
    virtual void progressChanged(double percent) { (void)percent; }

private:
    std::atomic<bool> m_canceled{false};
    std::atomic<double> m_progress{0.0};
};

/// Thrown by an analysis that saw the cancel flag; the analysis wrote nothing.
class AnalysisCanceled : public Error
{
public:
    AnalysisCanceled() : Error("analysis canceled") {}
};

/// Throws AnalysisCanceled when feedback is set and canceled.
inline void throwIfCanceled(const AnalysisFeedback* feedback)
{
    if (feedback && feedback->isCanceled()) {
        throw AnalysisCanceled();
    }
}

} // namespace geo
