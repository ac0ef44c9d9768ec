// The evacuation plan on the bundled Maumere sample (real OSM roads and AIFDR tsunami zones,
// illustrative settlements and sites), checked against an independent computation: the roads
// noded by SpatiaLite (ST_Node after ST_Transform to the working CRS), points joined to the
// nearest noded road by brute force, and a plain Dijkstra from every site, one at a time.

#include "geo/analysis/feedback.h"
#include "geo/spatial_database.h"
#include "layers/analysis/evacuation_analysis.h"
#include "layers/importer.h"
#include "layers/project.h"
#include "support/temp_dir.h"

#include <queue>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <string>

namespace {

using layers::Project;

constexpr double infinity = std::numeric_limits<double>::infinity();

std::string sampleSource(const std::string& theme)
{
    return std::string(PETADESA_SOURCE_DATA_DIR) + "/sample/src/" + theme + ".geojson";
}

std::string vocabulary()
{
    return std::string(PETADESA_SOURCE_DATA_DIR) + "/vocab";
}

std::int64_t sqlInteger(Project& project, const std::string& sql)
{
    const auto value = project.database().scalar(sql);
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return *i;
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return static_cast<std::int64_t>(*d);
    }
    return 0;
}

struct Point
{
    double x = 0, y = 0;
};

/// "MULTILINESTRING((x y, x y), (x y, ...))" -> lines. Only what SpatiaLite's AsText writes.
std::vector<std::vector<Point>> parseMultiLineString(const std::string& wkt)
{
    std::vector<std::vector<Point>> lines;
    std::size_t i = wkt.find("((");
    if (i == std::string::npos) {
        return lines;
    }
    ++i;
    while (i < wkt.size()) {
        const auto open = wkt.find('(', i);
        if (open == std::string::npos) {
            break;
        }
        const auto close = wkt.find(')', open);
        std::vector<Point> line;
        std::string part = wkt.substr(open + 1, close - open - 1);
        std::size_t p = 0;
        while (p < part.size()) {
            auto comma = part.find(',', p);
            if (comma == std::string::npos) {
                comma = part.size();
            }
            Point point;
            std::sscanf(part.substr(p, comma - p).c_str(), "%lf %lf", &point.x, &point.y);
            line.push_back(point);
            p = comma + 1;
        }
        lines.push_back(std::move(line));
        i = close + 1;
    }
    return lines;
}

/// The reference: nearest site distance of every settlement (infinity when unreachable).
std::map<std::string, double> referenceNearest(Project& project, double maxSnap)
{
    auto& db = project.database();
    const auto wkt = std::get<std::string>(
        db.scalar("SELECT AsText(ST_Node(ST_Collect(ST_Transform(geom, 32751)))) FROM jalan "
                  "WHERE jalan_kaki IS NOT 0"));
    const auto lines = parseMultiLineString(wkt);
    // Nodes at the noded lines' ends (ST_Node puts the same coordinates at every junction).
    std::map<std::pair<double, double>, int> nodeIds;
    auto nodeAt = [&](const Point& p) {
        return nodeIds.try_emplace({p.x, p.y}, int(nodeIds.size())).first->second;
    };
    struct Segment
    {
        Point a, b;
        std::size_t line;
        double along; ///< metres from the line's start to a
    };
    std::vector<Segment> segments;
    std::vector<double> lineLength(lines.size(), 0);
    std::vector<std::pair<int, int>> lineEnds;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        for (std::size_t k = 0; k + 1 < lines[l].size(); ++k) {
            const auto& a = lines[l][k];
            const auto& b = lines[l][k + 1];
            segments.push_back({a, b, l, lineLength[l]});
            lineLength[l] += std::hypot(b.x - a.x, b.y - a.y);
        }
        lineEnds.emplace_back(nodeAt(lines[l].front()), nodeAt(lines[l].back()));
    }
    int nodes = int(nodeIds.size());
    std::vector<std::vector<std::pair<double, int>>> stops(lines.size());
    struct Joined
    {
        int node = -1;
        double snap = 0;
    };
    auto join = [&](const Point& p) {
        double best = infinity, bestAlong = 0;
        std::size_t bestLine = 0;
        for (const auto& s : segments) {
            const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
            const double len2 = dx * dx + dy * dy;
            const double t =
                len2 > 0 ? std::clamp(((p.x - s.a.x) * dx + (p.y - s.a.y) * dy) / len2, 0.0, 1.0)
                         : 0.0;
            const double d = std::hypot(s.a.x + t * dx - p.x, s.a.y + t * dy - p.y);
            if (d < best) {
                best = d;
                bestLine = s.line;
                bestAlong = s.along + t * std::sqrt(len2);
            }
        }
        if (best > maxSnap) {
            return Joined{};
        }
        const int node = nodes++;
        stops[bestLine].push_back({bestAlong, node});
        return Joined{node, best};
    };
    std::map<std::string, Joined> settlements;
    {
        auto s = db.prepare("SELECT uuid, X(ST_Transform(geom, 32751)), Y(ST_Transform(geom, "
                            "32751)) FROM permukiman");
        while (s.step()) {
            settlements[s.text(0)] = join({s.real(1), s.real(2)});
        }
    }
    std::vector<Joined> sites;
    {
        auto s = db.prepare("SELECT X(ST_Transform(geom, 32751)), Y(ST_Transform(geom, 32751)) "
                            "FROM titik_evakuasi");
        while (s.step()) {
            sites.push_back(join({s.real(0), s.real(1)}));
        }
    }
    std::vector<std::vector<std::pair<int, double>>> adjacent(nodes);
    auto link = [&](int a, int b, double w) {
        adjacent[a].push_back({b, w});
        adjacent[b].push_back({a, w});
    };
    for (std::size_t l = 0; l < lines.size(); ++l) {
        auto list = stops[l];
        std::sort(list.begin(), list.end());
        int previous = lineEnds[l].first;
        double previousAlong = 0;
        for (const auto& [along, node] : list) {
            link(previous, node, along - previousAlong);
            previous = node;
            previousAlong = along;
        }
        link(previous, lineEnds[l].second, lineLength[l] - previousAlong);
    }
    std::map<std::string, double> nearest;
    for (const auto& [uuid, joined] : settlements) {
        nearest[uuid] = infinity;
    }
    for (const auto& site : sites) {
        if (site.node < 0) {
            continue;
        }
        std::vector<double> distance(nodes, infinity);
        using Item = std::pair<double, int>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
        distance[site.node] = site.snap;
        queue.push({site.snap, site.node});
        while (!queue.empty()) {
            const auto [d, n] = queue.top();
            queue.pop();
            if (d > distance[n]) {
                continue;
            }
            for (const auto& [next, w] : adjacent[n]) {
                if (d + w < distance[next]) {
                    distance[next] = d + w;
                    queue.push({d + w, next});
                }
            }
        }
        for (const auto& [uuid, joined] : settlements) {
            if (joined.node >= 0) {
                nearest[uuid] = std::min(nearest[uuid], distance[joined.node] + joined.snap);
            }
        }
    }
    return nearest;
}

class SampleEvacuation : public testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<testsupport::TempDir>();
        s_path = s_dir->file("sample.sqlite");
        Project::create(s_path, {"Sampel", "EPSG:32751", true, vocabulary()});
        Project project(s_path);
        for (const char* theme : {"zona_bahaya", "jalan", "permukiman", "titik_evakuasi"}) {
            layers::ImportOptions options;
            options.theme = theme;
            options.reportPath = s_dir->file(std::string("report_") + theme + ".csv");
            layers::importFile(project, sampleSource(theme), options);
        }
        layers::EvacuationParameters open;
        open.avoidLevel = "";
        s_open = std::make_unique<layers::EvacuationReport>(layers::runEvacuation(project, open));
        // Run twice: the second run replaces the result tables of the first.
        layers::runEvacuation(project, {});
        s_plan = std::make_unique<layers::EvacuationReport>(layers::runEvacuation(project, {}));
    }
    static void TearDownTestSuite()
    {
        s_plan.reset();
        s_open.reset();
        s_dir.reset();
    }

    static std::unique_ptr<testsupport::TempDir> s_dir;
    static std::string s_path;
    static std::unique_ptr<layers::EvacuationReport> s_open;
    static std::unique_ptr<layers::EvacuationReport> s_plan;
};

std::unique_ptr<testsupport::TempDir> SampleEvacuation::s_dir;
std::string SampleEvacuation::s_path;
std::unique_ptr<layers::EvacuationReport> SampleEvacuation::s_open;
std::unique_ptr<layers::EvacuationReport> SampleEvacuation::s_plan;

} // namespace

TEST_F(SampleEvacuation, RunsOverTheWholeSample)
{
    EXPECT_EQ(s_plan->settlements.size(), 365u);
    EXPECT_EQ(s_plan->sites.size(), 18u);
    EXPECT_EQ(s_plan->workingCrs, "EPSG:32751");
    EXPECT_EQ(s_plan->roads, 127u);
    EXPECT_GT(s_plan->avoidedZones, 300u); // the tinggi polygons
    EXPECT_GT(s_plan->graph.zoneEdges, 0u);
    EXPECT_EQ(s_open->avoidedZones, 0u);
    EXPECT_EQ(s_open->graph.zoneEdges, 0u);
}

TEST_F(SampleEvacuation, CapacityIsRespectedAndTotalsAddUp)
{
    Project project(s_path);
    for (const auto* report : {s_open.get(), s_plan.get()}) {
        std::map<std::size_t, std::int64_t> bySite;
        for (const auto& route : report->routes) {
            bySite[route.site] += route.people;
            EXPECT_GT(route.people, 0);
        }
        std::int64_t capacity = 0;
        for (std::size_t t = 0; t < report->sites.size(); ++t) {
            const auto& site = report->sites[t];
            ASSERT_GE(site.capacity, 0);
            EXPECT_LE(site.assigned, site.capacity) << site.name;
            EXPECT_EQ(bySite[t], site.assigned) << site.name;
            capacity += site.capacity;
        }
        std::int64_t reachable = 0, assigned = 0;
        for (const auto& s : report->settlements) {
            if (!s.nearestSiteUuid.empty()) {
                reachable += s.population;
            }
            assigned += s.assigned;
            EXPECT_EQ(s.assigned + s.unplaced, s.population);
        }
        EXPECT_EQ(report->assigned, assigned);
        EXPECT_EQ(report->assigned + report->noRoom, reachable);
        EXPECT_EQ(report->assigned + report->noRoom + report->unreachable, report->population);
        EXPECT_EQ(report->population,
                  sqlInteger(project,
                             "SELECT sum(jumlah_penduduk) FROM "
                             "permukiman"));
        // Capacity is 80 % of the exposed people: every site fills up.
        EXPECT_EQ(report->assigned, capacity);
        EXPECT_EQ(capacity, 32960);
    }
    // The tables say the same.
    EXPECT_EQ(sqlInteger(project,
                         "SELECT count(*) FROM hasil_evakuasi_tempat WHERE tertampung > "
                         "kapasitas"),
              0);
    EXPECT_EQ(sqlInteger(project, "SELECT sum(tertampung) FROM hasil_evakuasi_tempat"),
              s_plan->assigned);
    EXPECT_EQ(sqlInteger(project, "SELECT sum(jumlah_orang) FROM hasil_evakuasi_rute"),
              s_plan->assigned);
    EXPECT_EQ(sqlInteger(project,
                         "SELECT sum(tertampung) + sum(tidak_tertampung) FROM "
                         "hasil_evakuasi_permukiman"),
              s_plan->population);
    EXPECT_EQ(sqlInteger(project, "SELECT count(*) FROM hasil_evakuasi_rute"),
              std::int64_t(s_plan->routes.size()));
}

TEST_F(SampleEvacuation, NearestDistancesMatchAnIndependentDijkstra)
{
    Project project(s_path);
    const auto reference = referenceNearest(project, 500.0);
    int compared = 0, unreachable = 0;
    for (const auto& s : s_open->settlements) {
        const double expected = reference.at(s.uuid);
        if (expected == infinity) {
            EXPECT_TRUE(s.nearestSiteUuid.empty()) << s.name;
            ++unreachable;
            continue;
        }
        ASSERT_FALSE(s.nearestSiteUuid.empty()) << s.name;
        EXPECT_NEAR(s.nearestDistanceM, expected, 0.5) << s.name;
        ++compared;
    }
    EXPECT_GT(compared, 290);
    EXPECT_EQ(unreachable, 67); // the island settlements: no road within 500 m
}

TEST_F(SampleEvacuation, IslandsHaveNoRoadAndEveryoneElseHasARoute)
{
    for (const auto* report : {s_open.get(), s_plan.get()}) {
        std::size_t noRoad = 0;
        for (const auto& s : report->settlements) {
            if (s.status == "tanpa_jalan") {
                ++noRoad;
                bool island = false;
                for (const char* name :
                     {"Pemana", "Samparong", "Gunung Sari", "Koja Doi", "Kojagete", "Perumaan"}) {
                    island = island || s.name.find(name) != std::string::npos;
                }
                EXPECT_TRUE(island) << s.name;
            } else {
                EXPECT_FALSE(s.nearestSiteUuid.empty()) << s.name;
            }
        }
        EXPECT_EQ(noRoad, 67u);
    }
}

TEST_F(SampleEvacuation, RoutesStayOutOfHighZonesUnlessCutOff)
{
    Project project(s_path);
    // Independent check of every route that reports no entering: measured by SpatiaLite, the
    // length of its road part inside tinggi zones is what it walks out from its start.
    auto statement = project.database().prepare(
        "SELECT r.permukiman_nama, p.mulai_di_zona, p.jarak_ke_jalan_m, r.jarak_di_zona_m, "
        "(SELECT coalesce(sum(ST_Length(ST_Transform(ST_Intersection(r.geom, z.geom), 32751))), "
        "0) FROM zona_bahaya z WHERE z.tingkat = 'tinggi' AND MbrIntersects(z.geom, r.geom)) "
        "FROM hasil_evakuasi_rute r JOIN hasil_evakuasi_permukiman p ON p.permukiman_uuid = "
        "r.permukiman_uuid WHERE r.masuk_zona_m = 0");
    int checked = 0;
    while (statement.step()) {
        const bool startsInZone = statement.integer(1) == 1;
        const double snap = statement.real(2);
        const double zoneMetres = statement.real(3);
        const double measured = statement.real(4);
        if (!startsInZone) {
            EXPECT_EQ(zoneMetres, 0.0) << statement.text(0);
            EXPECT_LE(measured, snap + 0.5) << statement.text(0);
        } else {
            // Overlapping zones are counted twice by the sum, so only an upper bound.
            EXPECT_LE(zoneMetres, measured + snap + 0.5) << statement.text(0);
        }
        ++checked;
    }
    EXPECT_GT(checked, 60);
    // Cut-off settlements (Hewuli and Wuring have no site) get a route that enters a zone,
    // reported, instead of none.
    EXPECT_GT(s_plan->throughZone, 0u);
    for (const auto& s : s_plan->settlements) {
        if (s.enteredZoneM > 0) {
            EXPECT_FALSE(s.nearestSiteUuid.empty());
        }
    }
    // Avoiding zones never shortens the way to the nearest site.
    for (std::size_t i = 0; i < s_plan->settlements.size(); ++i) {
        if (!s_plan->settlements[i].nearestSiteUuid.empty()) {
            EXPECT_GE(s_plan->settlements[i].nearestDistanceM + 1e-6,
                      s_open->settlements[i].nearestDistanceM);
        }
    }
}

TEST_F(SampleEvacuation, ResultTablesAndProvenance)
{
    Project project(s_path);
    auto& db = project.database();
    for (const char* table :
         {"hasil_evakuasi_permukiman", "hasil_evakuasi_tempat", "hasil_evakuasi_rute"}) {
        auto s = db.prepare("SELECT srid, spatial_index_enabled FROM geometry_columns WHERE "
                            "f_table_name = ?");
        s.bind(1, std::string(table));
        ASSERT_TRUE(s.step()) << table;
        EXPECT_EQ(s.integer(0), 4326);
        EXPECT_EQ(s.integer(1), 1);
    }
    EXPECT_EQ(sqlInteger(project, "SELECT count(*) FROM hasil_evakuasi_permukiman"), 365);
    EXPECT_EQ(sqlInteger(project, "SELECT count(*) FROM hasil_evakuasi_tempat"), 18);
    EXPECT_EQ(sqlInteger(project,
                         "SELECT count(*) FROM hasil_evakuasi_rute WHERE geom IS NULL OR "
                         "NOT ST_IsValid(geom)"),
              0);
    EXPECT_EQ(sqlInteger(project, "SELECT count(*) FROM analisis_log WHERE analisis = 'evakuasi'"),
              3);
    const auto parameters = std::get<std::string>(
        db.scalar("SELECT parameter FROM analisis_log WHERE analisis = 'evakuasi' ORDER BY id "
                  "DESC LIMIT 1"));
    EXPECT_NE(parameters.find("\"avoid_level\":\"tinggi\""), std::string::npos);
    EXPECT_NE(parameters.find("\"speed_kmh\":4"), std::string::npos);
    // Minimum needs per site for its assigned people.
    auto s = db.prepare("SELECT tertampung, beras_kg_minggu, air_minum_l_minggu, "
                        "air_bersih_l_minggu, jamban, luas_hunian_m2, luas_m2, kekurangan_luas_m2 "
                        "FROM hasil_evakuasi_tempat");
    while (s.step()) {
        const double people = double(s.integer(0));
        EXPECT_NEAR(s.real(1), people * 2.8, 1e-6);
        EXPECT_NEAR(s.real(2), people * 17.5, 1e-6);
        EXPECT_NEAR(s.real(3), people * 67, 1e-6);
        EXPECT_EQ(s.integer(4), std::int64_t(std::ceil(people / 20)));
        EXPECT_NEAR(s.real(5), people * 3.5, 1e-6);
        EXPECT_NEAR(s.real(7), std::max(0.0, people * 3.5 - s.real(6)), 1e-6);
    }
    // Minutes at 4 km/h.
    for (const auto& settlement : s_plan->settlements) {
        if (!settlement.nearestSiteUuid.empty()) {
            EXPECT_NEAR(
                settlement.nearestMinutes, settlement.nearestDistanceM / (4000.0 / 60), 1e-9);
        }
    }
}

TEST(Evacuation, BadInputIsAProjectError)
{
    testsupport::TempDir dir;
    const auto path = dir.file("kosong.sqlite");
    Project::create(path, {"Kosong", "EPSG:32751", false, vocabulary()});
    Project project(path);
    layers::ImportOptions options;
    options.theme = "jalan";
    options.reportPath = dir.file("r.csv");
    layers::importFile(project, sampleSource("jalan"), options);
    EXPECT_THROW(layers::runEvacuation(project, {}), layers::ProjectError); // no sites
    options.theme = "titik_evakuasi";
    layers::importFile(project, sampleSource("titik_evakuasi"), options);
    EXPECT_THROW(layers::runEvacuation(project, {}), layers::ProjectError); // no settlements
    options.theme = "permukiman";
    layers::importFile(project, sampleSource("permukiman"), options);
    layers::EvacuationParameters bad;
    bad.avoidLevel = "sangat-tidak-dikenal";
    EXPECT_THROW(layers::runEvacuation(project, bad), layers::ProjectError);
    bad.avoidLevel = "KRB III"; // a synonym of tinggi
    EXPECT_NO_THROW(layers::runEvacuation(project, bad));
    bad.walkingSpeedKmh = 0;
    EXPECT_THROW(layers::runEvacuation(project, bad), layers::ProjectError);
}

TEST(Evacuation, CancelLeavesThePreviousResults)
{
    testsupport::TempDir dir;
    const auto path = dir.file("batal.sqlite");
    Project::create(path, {"Batal", "EPSG:32751", false, vocabulary()});
    Project project(path);
    for (const char* theme : {"jalan", "permukiman", "titik_evakuasi"}) {
        layers::ImportOptions options;
        options.theme = theme;
        options.reportPath = dir.file(std::string(theme) + ".csv");
        layers::importFile(project, sampleSource(theme), options);
    }
    layers::runEvacuation(project, {});
    const auto before = sqlInteger(project, "SELECT count(*) FROM analisis_log");
    geo::AnalysisFeedback feedback;
    feedback.cancel();
    EXPECT_THROW(layers::runEvacuation(project, {}, &feedback), geo::AnalysisCanceled);
    EXPECT_EQ(sqlInteger(project, "SELECT count(*) FROM analisis_log"), before);
    EXPECT_EQ(sqlInteger(project, "SELECT count(*) FROM hasil_evakuasi_permukiman"), 365);
}
