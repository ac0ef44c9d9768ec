#include "layers/vocabulary.h"

#include "geo/errors.h"
#include "geo/spatial_database.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace layers {

std::vector<std::vector<std::string>> parseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool fieldStarted = false;
    std::size_t i = 0;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        i = 3; // UTF-8 byte order mark
    }
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
            fieldStarted = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            row.push_back(std::move(field));
            field.clear();
            fieldStarted = false;
            if (!(row.size() == 1 && row.front().empty())) {
                rows.push_back(std::move(row));
            }
            row.clear();
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !row.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string csvField(const std::string& value)
{
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    return quoted + "\"";
}

std::string Vocabularies::normalize(const std::string& value)
{
    std::string out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (unsigned char c : value) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t' || c == '\r' || c == '\n') {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) {
            out += ' ';
            pendingSpace = false;
        }
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

void Vocabularies::add(const std::string& domain, VocabularyEntry entry)
{
    auto& lookup = m_lookup[domain];
    lookup.emplace(entry.kode, entry.kode);
    for (const std::string* key : {&entry.kode, &entry.nama, &entry.namaEn}) {
        if (!key->empty()) {
            lookup.emplace(normalize(*key), entry.kode);
        }
    }
    for (const auto& synonym : entry.synonyms) {
        lookup.emplace(normalize(synonym), entry.kode);
    }
    if (m_position[domain].count(entry.kode)) {
        return;
    }
    auto& list = m_entries[domain];
    m_position[domain].emplace(entry.kode, list.size());
    list.push_back(std::move(entry));
}

void Vocabularies::addCodeOnly(const std::string& domain, VocabularyEntry entry)
{
    // Asset codes match by code only: their names repeat across the hierarchy. The shipped
    // list repeats one code (4.02.01.99.999); the first row wins, as in lookups.
    if (m_position[domain].count(entry.kode)) {
        return;
    }
    m_lookup[domain].emplace(entry.kode, entry.kode);
    auto& list = m_entries[domain];
    m_position[domain].emplace(entry.kode, list.size());
    list.push_back(std::move(entry));
}

namespace {
std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw geo::Error("cannot read vocabulary file '" + path.string() + "'");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::string> splitSynonyms(const std::string& text)
{
    std::vector<std::string> parts;
    std::string part;
    for (char c : text) {
        if (c == '|') {
            if (!part.empty()) {
                parts.push_back(part);
            }
            part.clear();
        } else {
            part += c;
        }
    }
    if (!part.empty()) {
        parts.push_back(part);
    }
    return parts;
}

std::string assetParent(const std::string& kode)
{
    // 4.01.01.06.001 -> 4.01.01.06.000 -> 4.01.01.00.000 -> ... -> 4.00.00.00.000
    std::string parent = kode;
    for (auto it = parent.rbegin(); it != parent.rend();) {
        auto end = std::find(it, parent.rend(), '.');
        const bool allZero = std::all_of(it, end, [](char c) { return c == '0'; });
        if (!allZero) {
            std::fill(it, end, '0');
            return parent == kode ? std::string() : parent;
        }
        if (end == parent.rend()) {
            break;
        }
        it = end + 1;
    }
    return {};
}
} // namespace

Vocabularies Vocabularies::fromDirectory(const std::string& directory)
{
    namespace fs = std::filesystem;
    Vocabularies vocabularies;
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(directory, ec)) {
        if (item.path().extension() == ".csv") {
            files.push_back(item.path());
        }
    }
    if (ec || files.empty()) {
        throw geo::Error("no vocabulary files (*.csv) in '" + directory + "'");
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const auto rows = parseCsv(readFile(file));
        if (rows.empty()) {
            continue;
        }
        const auto& header = rows.front();
        auto index = [&](const std::string& name) -> int {
            auto it = std::find(header.begin(), header.end(), name);
            return it == header.end() ? -1 : static_cast<int>(it - header.begin());
        };
        auto cell = [](const std::vector<std::string>& row, int i) -> std::string {
            return i >= 0 && static_cast<std::size_t>(i) < row.size()
                       ? row[static_cast<std::size_t>(i)]
                       : std::string();
        };
        const int kode = index("kode");
        const int nama = index("nama");
        if (kode < 0 || nama < 0) {
            throw geo::Error("vocabulary file '" + file.string() +
                             "' needs the columns kode and nama");
        }
        const bool assets = file.stem() == "kode_aset_desa";
        const std::string domain = assets ? "kode_aset" : file.stem().string();
        const int namaEn = index("nama_en");
        const int induk = index("induk");
        const int sinonim = index("sinonim");
        for (std::size_t r = 1; r < rows.size(); ++r) {
            const auto& row = rows[r];
            VocabularyEntry entry;
            entry.kode = cell(row, kode);
            if (entry.kode.empty()) {
                continue;
            }
            entry.nama = cell(row, nama);
            entry.namaEn = cell(row, namaEn);
            entry.induk = assets ? assetParent(entry.kode) : cell(row, induk);
            entry.synonyms = splitSynonyms(cell(row, sinonim));
            if (assets) {
                vocabularies.addCodeOnly(domain, std::move(entry));
            } else {
                vocabularies.add(domain, std::move(entry));
            }
        }
    }
    return vocabularies;
}

Vocabularies Vocabularies::fromProject(geo::SpatialDatabase& database)
{
    Vocabularies vocabularies;
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> synonyms;
    {
        auto statement = database.prepare("SELECT domain, sinonim, kode FROM vocab_sinonim");
        while (statement.step()) {
            synonyms[{statement.text(0), statement.text(2)}].push_back(statement.text(1));
        }
    }
    auto statement = database.prepare(
        "SELECT domain, kode, nama, nama_en, induk FROM vocab ORDER BY domain, urutan");
    while (statement.step()) {
        VocabularyEntry entry{
            statement.text(1), statement.text(2), statement.text(3), statement.text(4), {}};
        const std::string domain = statement.text(0);
        if (domain == "kode_aset") {
            vocabularies.addCodeOnly(domain, std::move(entry));
            continue;
        }
        auto it = synonyms.find({domain, entry.kode});
        if (it != synonyms.end()) {
            entry.synonyms = it->second;
        }
        vocabularies.add(domain, std::move(entry));
    }
    return vocabularies;
}

void Vocabularies::writeTo(geo::SpatialDatabase& database) const
{
    database.exec("CREATE TABLE IF NOT EXISTS vocab (domain TEXT NOT NULL, kode TEXT NOT NULL, "
                  "nama TEXT NOT NULL, nama_en TEXT, induk TEXT, urutan INTEGER NOT NULL, "
                  "PRIMARY KEY (domain, kode))");
    database.exec("CREATE TABLE IF NOT EXISTS vocab_sinonim (domain TEXT NOT NULL, "
                  "sinonim TEXT NOT NULL, kode TEXT NOT NULL, PRIMARY KEY (domain, sinonim))");
    auto insert = database.prepare("INSERT OR REPLACE INTO vocab (domain, kode, nama, nama_en, "
                                   "induk, urutan) VALUES (?, ?, ?, ?, ?, ?)");
    auto insertSynonym = database.prepare(
        "INSERT OR IGNORE INTO vocab_sinonim (domain, sinonim, kode) VALUES (?, ?, ?)");
    for (const auto& [domain, list] : m_entries) {
        std::int64_t order = 0;
        for (const auto& entry : list) {
            insert.bind(1, domain).bind(2, entry.kode).bind(3, entry.nama);
            insert.bind(4, entry.namaEn).bind(5, entry.induk).bind(6, order++);
            insert.run();
            insert.reset();
            for (const auto& synonym : entry.synonyms) {
                insertSynonym.bind(1, domain).bind(2, synonym).bind(3, entry.kode);
                insertSynonym.run();
                insertSynonym.reset();
            }
        }
    }
}

bool Vocabularies::hasDomain(const std::string& domain) const
{
    return m_entries.count(domain) > 0;
}

std::vector<std::string> Vocabularies::domains() const
{
    std::vector<std::string> names;
    for (const auto& [domain, list] : m_entries) {
        names.push_back(domain);
    }
    return names;
}

const std::vector<VocabularyEntry>& Vocabularies::entries(const std::string& domain) const
{
    static const std::vector<VocabularyEntry> none;
    auto it = m_entries.find(domain);
    return it == m_entries.end() ? none : it->second;
}

const VocabularyEntry* Vocabularies::entry(const std::string& domain, const std::string& kode) const
{
    auto domainIt = m_position.find(domain);
    if (domainIt == m_position.end()) {
        return nullptr;
    }
    auto it = domainIt->second.find(kode);
    if (it == domainIt->second.end()) {
        return nullptr;
    }
    return &m_entries.at(domain)[it->second];
}

std::optional<std::string> Vocabularies::match(const std::string& domain,
                                               const std::string& value) const
{
    auto it = m_lookup.find(domain);
    if (it == m_lookup.end()) {
        return std::nullopt;
    }
    const auto& lookup = it->second;
    if (auto exact = lookup.find(value); exact != lookup.end()) {
        return exact->second;
    }
    if (auto normalized = lookup.find(normalize(value)); normalized != lookup.end()) {
        return normalized->second;
    }
    return std::nullopt;
}

} // namespace layers
