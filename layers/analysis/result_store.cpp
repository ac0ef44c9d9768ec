#include "layers/analysis/result_store.h"

#include "geo/errors.h"
#include "geo/spatial_database.h"
#include "layers/project.h"

namespace layers {

ResultStore::ResultStore(Project& project) : m_project(project)
{
    m_project.database().exec(
        "CREATE TABLE IF NOT EXISTS analisis_log (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "analisis TEXT NOT NULL, waktu TEXT NOT NULL, pengguna TEXT NOT NULL, parameter TEXT, "
        "masukan TEXT, ringkasan TEXT)");
}

void ResultStore::createTable(const std::string& table,
                              const std::vector<ResultColumn>& columns,
                              const std::string& geometryType)
{
    if (table.rfind("hasil_", 0) != 0) {
        throw geo::Error("result tables are named hasil_*: " + table);
    }
    auto& db = m_project.database();
    const std::string quoted = geo::quoteIdentifier(table);
    if (db.tableExists(table)) {
        auto hasGeometry = db.prepare("SELECT 1 FROM geometry_columns WHERE f_table_name = ?");
        hasGeometry.bind(1, table);
        const bool geometryRegistered = hasGeometry.step();
        hasGeometry.reset(); // a pending read would lock the DROP TABLEs below
        if (geometryRegistered) {
            auto disable = db.prepare("SELECT DisableSpatialIndex(?, 'geom')");
            disable.bind(1, table);
            disable.run();
            db.exec("DROP TABLE IF EXISTS " + geo::quoteIdentifier("idx_" + table + "_geom"));
            auto discard = db.prepare("SELECT DiscardGeometryColumn(?, 'geom')");
            discard.bind(1, table);
            discard.run();
        }
        db.exec("DROP TABLE " + quoted);
    }
    std::string sql = "CREATE TABLE " + quoted + " (id INTEGER PRIMARY KEY AUTOINCREMENT";
    for (const auto& [name, type] : columns) {
        sql += ", " + geo::quoteIdentifier(name) + " " + type;
    }
    sql += ")";
    db.exec(sql);
    if (!geometryType.empty()) {
        auto add = db.prepare("SELECT AddGeometryColumn(?, 'geom', 4326, ?, 'XY')");
        add.bind(1, table).bind(2, geometryType);
        if (!add.step() || add.integer(0) != 1) {
            throw geo::DatabaseError("AddGeometryColumn failed for " + table, 0);
        }
        auto index = db.prepare("SELECT CreateSpatialIndex(?, 'geom')");
        index.bind(1, table);
        index.run();
    }
}

long long ResultStore::logRun(const std::string& analysis,
                              const std::string& parametersJson,
                              const std::string& inputsJson,
                              const std::string& summaryJson)
{
    auto& db = m_project.database();
    auto insert = db.prepare("INSERT INTO analisis_log (analisis, waktu, pengguna, parameter, "
                             "masukan, ringkasan) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, analysis).bind(2, Project::now()).bind(3, Project::defaultAuthor());
    insert.bind(4, parametersJson).bind(5, inputsJson).bind(6, summaryJson);
    insert.run();
    return db.lastInsertRowId();
}

} // namespace layers
