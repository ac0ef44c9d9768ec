#pragma once

#include <string>

namespace testsupport {

/// A fresh directory under the system temp folder, removed with everything in it on scope exit.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

/// Reads a whole file as bytes.
std::string readText(const std::string& path);
/// Writes text to a file, replacing it.
void writeText(const std::string& path, const std::string& text);

} // namespace testsupport
