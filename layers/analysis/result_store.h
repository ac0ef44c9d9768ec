#pragma once

#include <string>
#include <utility>
#include <vector>

namespace layers {

class Project;

/// One column of a result table: name and SQLite type ("INTEGER", "DOUBLE", "TEXT").
using ResultColumn = std::pair<std::string, std::string>;

/// Writes analysis results into the project file, where QGIS, ogrinfo and the desktop app
/// read them like any layer. Each result table is replaced on every run; every run adds one
/// row to `analisis_log` (analysis, time, author, parameters, inputs, summary: provenance).
/// Call inside a geo::Transaction so a failed run leaves the previous results in place.
/// Thread-confined like the Project it writes to.
class ResultStore
{
public:
    explicit ResultStore(Project& project);

    /// Drops and recreates `table` (a name starting with "hasil_") with the columns, an
    /// integer primary key `id`, and, when geometryType is not empty (POINT, MULTIPOLYGON,
    /// MULTILINESTRING, GEOMETRY), a `geom` column in EPSG:4326 with a spatial index.
    void createTable(const std::string& table,
                     const std::vector<ResultColumn>& columns,
                     const std::string& geometryType = {});

    /// Records one run; parameters, inputs and summary are JSON texts. Returns the log id.
    long long logRun(const std::string& analysis,
                     const std::string& parametersJson,
                     const std::string& inputsJson,
                     const std::string& summaryJson);

private:
    Project& m_project;
};

} // namespace layers
