#pragma once

#include <atomic>

namespace layers {

/// Shared between a render (or analysis) worker and whoever started it. cancel() may be called
/// from any thread and never blocks; the worker polls isCanceled() every few hundred features.
class RenderFeedback
{
public:
    void cancel() { m_canceled.store(true, std::memory_order_relaxed); }
    bool isCanceled() const { return m_canceled.load(std::memory_order_relaxed); }
    /// Features drawn (or processed) so far; the worker adds, anyone may read.
    void addProgress(long long count) const
    {
        m_progress.fetch_add(count, std::memory_order_relaxed);
    }
    long long progress() const { return m_progress.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_canceled{false};
    mutable std::atomic<long long> m_progress{0};
};

} // namespace layers
