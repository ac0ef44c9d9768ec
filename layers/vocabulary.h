#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace geo {
class SpatialDatabase;
}

namespace layers {

struct VocabularyEntry
{
    std::string kode;
    std::string nama;
    std::string namaEn;
    std::string induk;
    std::vector<std::string> synonyms;
};

/// The controlled vocabularies (asset codes, hazard types and levels, ...), keyed by domain.
/// Loaded from data/vocab/*.csv into a new project, then read from the project's own tables,
/// so a project file carries the vocabulary it was made with.
class Vocabularies
{
public:
    /// Reads every <domain>.csv of a folder; kode_aset_desa.csv becomes domain "kode_aset".
    static Vocabularies fromDirectory(const std::string& directory);
    static Vocabularies fromProject(geo::SpatialDatabase& database);
    /// Creates (if needed) and fills the vocab and vocab_sinonim tables; call in a transaction.
    void writeTo(geo::SpatialDatabase& database) const;

    bool hasDomain(const std::string& domain) const;
    std::vector<std::string> domains() const;
    const std::vector<VocabularyEntry>& entries(const std::string& domain) const;
    const VocabularyEntry* entry(const std::string& domain, const std::string& kode) const;
    /// The kode a raw value stands for: exact kode, then normalized kode, nama, nama_en or
    /// synonym. nullopt when the value is unknown.
    std::optional<std::string> match(const std::string& domain, const std::string& value) const;

    /// Lower case, trimmed, runs of spaces, underscores and hyphens as one space.
    static std::string normalize(const std::string& value);

private:
    void add(const std::string& domain, VocabularyEntry entry);
    std::map<std::string, std::vector<VocabularyEntry>> m_entries;
    void addCodeOnly(const std::string& domain, VocabularyEntry entry);
    std::map<std::string, std::map<std::string, std::string>> m_lookup;   // normalized -> kode
    std::map<std::string, std::map<std::string, std::size_t>> m_position; // kode -> index
};

/// Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF).
std::vector<std::vector<std::string>> parseCsv(const std::string& text);
/// Quotes one CSV field when needed.
std::string csvField(const std::string& value);

} // namespace layers
