#pragma once

#include <string>
#include <vector>

namespace geo {

/// Collects GDAL errors and warnings raised on this thread while in scope (CPL handlers are
/// thread-local). The handler only records: nothing is thrown across GDAL's C frames.
class GdalErrorCapture
{
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    /// The message of the last CE_Failure or CE_Fatal, empty when none.
    const std::string& lastFailure() const { return m_lastFailure; }
    /// Warnings (CE_Warning) in the order GDAL raised them.
    const std::vector<std::string>& warnings() const { return m_warnings; }
    void clear();

    static void record(int level, int number, const char* message) noexcept;

private:
    std::string m_lastFailure;
    std::vector<std::string> m_warnings;
};

} // namespace geo
