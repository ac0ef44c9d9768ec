#include "geo/gdal_error_capture.h"

#include <cpl_error.h>

namespace geo {

namespace {
void CPL_STDCALL handler(CPLErr level, CPLErrorNum number, const char* message)
{
    GdalErrorCapture::record(static_cast<int>(level), number, message);
}
} // namespace

GdalErrorCapture::GdalErrorCapture()
{
    CPLPushErrorHandlerEx(&handler, this);
}

GdalErrorCapture::~GdalErrorCapture()
{
    CPLPopErrorHandler();
}

void GdalErrorCapture::clear()
{
    m_lastFailure.clear();
    m_warnings.clear();
}

void GdalErrorCapture::record(int level, int /*number*/, const char* message) noexcept
{
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (!self || !message) {
        return;
    }
    try {
        if (level >= CE_Failure) {
            self->m_lastFailure = message;
        } else if (level == CE_Warning && self->m_warnings.size() < 1000) {
            self->m_warnings.emplace_back(message);
        }
    } catch (...) {
        // Out of memory while recording: drop the message, never throw into GDAL.
    }
}

} // namespace geo
