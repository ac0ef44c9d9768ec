// Linked into every test binary: the environment the tests expect, set before main() runs, so
// ctest, a manual run and the test listing at build time all see the same one. (ctest's
// ENVIRONMENT property cannot carry a list through gtest_discover_tests.)
#include <cstdlib>
#include <initializer_list>

namespace {

struct TestEnvironment
{
    TestEnvironment()
    {
        ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
        // Messages in Indonesian, the default language, whatever the machine's locale.
        ::setenv("LANG", "C.UTF-8", 1);
        for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"}) {
            ::unsetenv(name);
        }
        ::setenv("PROJ_NETWORK", "OFF", 1);
        ::setenv("PETADESA_DATA_DIR", PETADESA_TEST_DATA_ROOT, 1);
    }
};

const TestEnvironment environment;

} // namespace
