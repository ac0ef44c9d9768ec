#include "layers/validation.h"

#include "geo/analysis/feedback.h"
#include "geo/analysis/overlay.h"
#include "geo/analysis/planar_geometry.h"
#include "geo/coordinate_transform.h"
#include "geo/geometry_check.h"
#include "geo/spatial_database.h"
#include "layers/analysis/analysis_support.h"
#include "layers/i18n.h"
#include "layers/theme.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <regex>
#include <set>

namespace layers {

std::string issueKindCode(IssueKind kind)
{
    switch (kind) {
    case IssueKind::EmptyGeometry:
        return "geometri_kosong";
    case IssueKind::BadGeometry:
        return "geometri_salah_jenis";
    case IssueKind::InvalidGeometry:
        return "geometri_tidak_valid";
    case IssueKind::OutsideVillages:
        return "di_luar_desa";
    case IssueKind::OtherVillage:
        return "di_desa_lain";
    case IssueKind::UnknownVillageCode:
        return "kode_desa_tidak_dikenal";
    case IssueKind::Duplicate:
        return "duplikat";
    case IssueKind::MissingRequired:
        return "wajib_kosong";
    case IssueKind::UnknownVocabulary:
        return "nilai_di_luar_kosakata";
    case IssueKind::VocabularyNotCode:
        return "nilai_bukan_kode";
    case IssueKind::Whitespace:
        return "spasi_berlebih";
    case IssueKind::MissingAssetCode:
        return "aset_tanpa_kode";
    case IssueKind::MissingVillageCode:
        return "wilayah_tanpa_kode";
    case IssueKind::MalformedVillageCode:
        return "kode_wilayah_salah_bentuk";
    case IssueKind::DuplicateVillageCode:
        return "kode_wilayah_ganda";
    case IssueKind::NotANumber:
        return "bukan_angka";
    case IssueKind::NotWholeNumber:
        return "bukan_bilangan_bulat";
    case IssueKind::NegativeValue:
        return "nilai_negatif";
    }
    return "";
}

std::string issueSeverityCode(IssueSeverity severity)
{
    return severity == IssueSeverity::Error ? "galat" : "peringatan";
}

namespace {

std::string trimmed(const std::string& text)
{
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) {
        ++begin;
    }
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) {
        --end;
    }
    return text.substr(begin, end - begin);
}

bool isDigits(const std::string& text, std::size_t from, std::size_t count)
{
    if (from + count > text.size()) {
        return false;
    }
    for (std::size_t i = from; i < from + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            return false;
        }
    }
    return true;
}

/// pp.kk.cc (groups = 3) or pp.kk.cc.dddd (groups = 4).
bool isKemendagriCode(const std::string& code, int groups)
{
    const std::size_t length = groups == 3 ? 8 : 13;
    if (code.size() != length || !isDigits(code, 0, 2) || code[2] != '.' || !isDigits(code, 3, 2) ||
        code[5] != '.' || !isDigits(code, 6, 2)) {
        return false;
    }
    return groups == 3 || (code[8] == '.' && isDigits(code, 9, 4));
}

/// The dotted form of a code written as digits only (and separators other than dots), or "".
std::string dottedCode(const std::string& code, int groups)
{
    std::string digits;
    for (char c : code) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        } else if (c != '.' && c != ' ' && c != '-' && c != '_' && c != '/') {
            return {};
        }
    }
    if (digits.size() != (groups == 3 ? 6u : 10u)) {
        return {};
    }
    std::string out = digits.substr(0, 2) + "." + digits.substr(2, 2) + "." + digits.substr(4, 2);
    if (groups == 4) {
        out += "." + digits.substr(6, 4);
    }
    return out;
}

bool isNumeric(const Column& column)
{
    return column.type == ColumnType::Integer || column.type == ColumnType::Real;
}

/// How a text in a numeric column reads as a number. SQLite converts plain literals ("12.5",
/// " 7 ") on insert into an INTEGER or REAL column and keeps the rest as text: decimal commas,
/// thousands separators, a currency, units, words.
struct NumberReading
{
    enum class Kind {
        Number,    ///< one reading: canonical holds it
        Ambiguous, ///< "1,500": 1.5 with a decimal comma, 1500 with a thousands comma
        Fraction,  ///< a number, but not whole where a whole number belongs
        NotANumber,
    };
    Kind kind = Kind::NotANumber;
    std::string canonical; ///< plain digits with a point ("1500000", "12.5")
};

std::optional<double> parsePlainNumber(const std::string& text)
{
    double value = 0;
    const char* end = text.data() + text.size();
    const char* begin = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
    const auto [stop, error] = std::from_chars(begin, end, value); // locale-free
    if (error != std::errc() || stop != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

/// Reads "12,5", "1.500.000", "1.500.000,75", "1,500,000", "1,500.5", "Rp 2.000.000",
/// "-3", "2e6"; "nan", "inf", "12 ha", "dua" and hex are not numbers.
NumberReading readNumberText(const std::string& raw, bool wholeNumber)
{
    NumberReading reading;
    std::string text = trimmed(raw);
    for (const char* prefix : {"rp.", "rp", "idr"}) {
        const std::size_t n = std::strlen(prefix);
        if (text.size() > n && std::equal(prefix, prefix + n, text.begin(), [](char a, char b) {
                return a == std::tolower(static_cast<unsigned char>(b));
            })) {
            text = trimmed(text.substr(n));
            break;
        }
    }
    static const std::regex plain(R"(^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$)");
    static const std::regex dotGroups(R"(^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$)");
    static const std::regex commaGroups(R"(^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$)");
    static const std::regex singleCommaGroup(R"(^[+-]?[1-9]\d{0,2},\d{3}$)");
    static const std::regex decimalComma(R"(^[+-]?\d+,\d+$)");
    std::string normalized;
    auto without = [&](char drop, char point) {
        std::string out;
        for (char c : text) {
            if (c != drop) {
                out += c == point ? '.' : c;
            }
        }
        return out;
    };
    if (std::regex_match(text, plain)) {
        normalized = text;
    } else if (std::regex_match(text, singleCommaGroup)) {
        reading.kind = NumberReading::Kind::Ambiguous;
        return reading;
    } else if (std::regex_match(text, dotGroups)) {
        normalized = without('.', ','); // Indonesian: 1.500.000,75
    } else if (std::regex_match(text, commaGroups)) {
        normalized = without(',', '.'); // English: 1,500,000.75
    } else if (std::regex_match(text, decimalComma)) {
        normalized = without('.', ','); // 12,5
    } else {
        return reading;
    }
    const auto value = parsePlainNumber(normalized);
    if (!value) {
        return reading;
    }
    if (wholeNumber) {
        if (*value != std::floor(*value) || std::fabs(*value) > 9e15) {
            reading.kind = NumberReading::Kind::Fraction;
            return reading;
        }
        reading.canonical = std::to_string(static_cast<std::int64_t>(*value));
    } else {
        // Plain digits (no exponent), as short as reads back the same number.
        char buffer[400];
        const auto [end, error] =
            std::to_chars(buffer, buffer + sizeof buffer, *value, std::chars_format::fixed);
        reading.canonical.assign(buffer, error == std::errc() ? end : buffer);
    }
    reading.kind = NumberReading::Kind::Number;
    return reading;
}

std::string nameColumnOf(const Theme& theme)
{
    for (const char* column : {"nama", "nama_unit", "kejadian"}) {
        if (theme.column(column)) {
            return column;
        }
    }
    return {};
}

std::string codeList(const Vocabularies& vocabularies, const std::string& domain)
{
    const auto& entries = vocabularies.entries(domain);
    if (entries.size() > 20) {
        return {};
    }
    std::string list;
    for (const auto& entry : entries) {
        list += (list.empty() ? "" : ", ") + entry.kode;
    }
    return list;
}

struct Place
{
    std::size_t row = 0; ///< index into the theme's rows
    double x = 0, y = 0; ///< working CRS
};

/// One feature as read for checking.
struct Row
{
    std::int64_t fid = 0;
    std::string uuid;
    std::string name;
    Extent extent;
    bool hasPlace = false;
    geo::PlanarPoint place; ///< lon/lat of the point or the centroid
};

class Checker
{
public:
    Checker(Project& project, const ValidationOptions& options, geo::AnalysisFeedback* feedback)
        : m_project(project), m_options(options), m_feedback(feedback),
          m_vocabularies(project.vocabularies())
    {
        ReportingAreas areas = readReportingAreas(project, false);
        m_areas = std::move(areas.areas);
        m_locator =
            std::make_unique<geo::ZoneOverlay>(std::vector<geo::OverlayZone>{}, areas.regions);
        for (std::size_t a = 0; a < m_areas.size(); ++a) {
            if (!m_areas[a].code.empty()) {
                m_areaByCode.emplace(trimmed(m_areas[a].code), a);
            }
        }
        m_report.villagesAvailable = !m_areas.empty();
        if (!project.extent().isEmpty) {
            m_toMetric =
                std::make_unique<geo::CoordinateTransform>("EPSG:4326", workingCrsOf(project));
        }
    }

    ValidationReport run()
    {
        for (const auto& theme : themes()) {
            if (!m_options.themes.empty() &&
                std::find(m_options.themes.begin(), m_options.themes.end(), theme.name) ==
                    m_options.themes.end()) {
                continue;
            }
            checkTheme(theme);
        }
        countPending();
        return std::move(m_report);
    }

private:
    Issue& add(const Theme& theme,
               const Row& row,
               IssueSeverity severity,
               IssueKind kind,
               std::string reason,
               std::string suggestion,
               std::string column = {},
               std::string value = {})
    {
        Issue issue;
        issue.theme = theme.name;
        issue.fid = row.fid;
        issue.uuid = row.uuid;
        issue.name = row.name;
        issue.severity = severity;
        issue.kind = kind;
        issue.column = std::move(column);
        issue.value = std::move(value);
        issue.reason = std::move(reason);
        issue.suggestion = std::move(suggestion);
        issue.extent = row.extent;
        countPending();
        auto& count = m_report.counts[{theme.name, kind}];
        ++count;
        if (m_options.maxIssuesPerKind > 0 && count > m_options.maxIssuesPerKind) {
            ++m_report.omitted;
            m_omitted = std::move(issue);
            m_pending = &m_omitted;
            return m_omitted;
        }
        m_report.issues.push_back(std::move(issue));
        m_pending = &m_report.issues.back();
        return m_report.issues.back();
    }

    /// Counts the last added item once the caller has set it up (severity, fixable).
    void countPending()
    {
        if (!m_pending) {
            return;
        }
        (m_pending->severity == IssueSeverity::Error ? m_report.errors : m_report.warnings)++;
        m_report.fixable += m_pending->fixable;
        m_pending = nullptr;
    }

    void checkTheme(const Theme& theme)
    {
        std::string sql = "SELECT fid, uuid, AsBinary(geom)";
        for (const auto& column : theme.columns) {
            sql += ", " + geo::quoteIdentifier(column.name);
        }
        // Blobs read as NULL: their storage class tells them apart.
        std::vector<std::string> numericColumns;
        for (const auto& column : theme.columns) {
            if (isNumeric(column)) {
                sql += ", typeof(" + geo::quoteIdentifier(column.name) + ") = 'blob'";
                numericColumns.push_back(column.name);
            }
        }
        sql += " FROM " + geo::quoteIdentifier(theme.name) + " ORDER BY fid";
        auto statement = m_project.database().prepare(sql);
        const std::string nameColumn = nameColumnOf(theme);
        const bool checkVillage = theme.column("kode_desa") != nullptr && !m_areas.empty();
        std::vector<Row> rows;
        std::vector<std::string> duplicateKeys;
        std::size_t count = 0;
        while (statement.step()) {
            if ((++count & 0xFF) == 0) {
                geo::throwIfCanceled(m_feedback);
            }
            Row row;
            row.fid = statement.integer(0);
            row.uuid = statement.text(1);
            std::map<std::string, geo::Value> values;
            for (std::size_t c = 0; c < theme.columns.size(); ++c) {
                values[theme.columns[c].name] = statement.value(static_cast<int>(c) + 3);
            }
            std::set<std::string> blobs;
            for (std::size_t n = 0; n < numericColumns.size(); ++n) {
                if (statement.integer(static_cast<int>(theme.columns.size() + 3 + n)) != 0) {
                    blobs.insert(numericColumns[n]);
                }
            }
            if (!nameColumn.empty()) {
                row.name = trimmed(geo::toText(values[nameColumn]));
            }
            checkGeometry(theme, row, statement);
            checkAttributes(theme, row, values, blobs);
            if (checkVillage && row.hasPlace) {
                checkVillageOf(theme, row, trimmed(geo::toText(values["kode_desa"])));
            }
            // Duplicates: the same normalized name, or for unnamed features the same values.
            std::string key;
            if (!row.name.empty()) {
                key = Vocabularies::normalize(row.name);
            } else {
                key = "\x01";
                for (const auto& [column, value] : values) {
                    key += geo::toText(value) + '\x1f';
                }
            }
            duplicateKeys.push_back(std::move(key));
            rows.push_back(std::move(row));
        }
        m_report.featuresChecked[theme.name] = rows.size();
        findDuplicates(theme, rows, duplicateKeys);
        if (theme.name == "wilayah") {
            findDuplicateCodes(theme, rows);
        }
    }

    void checkGeometry(const Theme& theme, Row& row, const geo::Statement& statement)
    {
        if (statement.isNull(2)) {
            add(theme,
                row,
                IssueSeverity::Error,
                IssueKind::EmptyGeometry,
                tr("Fitur tanpa geometri.", "The feature has no geometry."),
                tr("Gambar letaknya di peta (Ubah simpul / Tambah) atau hapus fiturnya.",
                   "Draw it on the map or delete the feature."));
            return;
        }
        const auto wkb = statement.blob(2);
        geo::PlanarGeometry planar;
        if (geo::readWkb(wkb.data(), wkb.size(), planar) &&
            planar.kind != geo::PlanarGeometry::Kind::Empty) {
            for (const auto& part : planar.parts) {
                for (const auto& p : part) {
                    row.extent.include({p.x, p.y, p.x, p.y, false});
                }
            }
            row.place = geo::centroid(planar);
            row.hasPlace = std::isfinite(row.place.x) && std::isfinite(row.place.y);
        }
        const auto check = geo::checkGeometry(wkb, theme.family);
        using P = geo::GeometryCheck::Problem;
        switch (check.problem) {
        case P::None:
            return;
        case P::Empty:
            add(theme,
                row,
                IssueSeverity::Error,
                IssueKind::EmptyGeometry,
                tr("Geometri kosong (tanpa koordinat).", "Empty geometry (no coordinates)."),
                tr("Gambar letaknya di peta atau hapus fiturnya.",
                   "Draw it on the map or delete the feature."));
            return;
        case P::Unreadable:
            add(theme,
                row,
                IssueSeverity::Error,
                IssueKind::BadGeometry,
                arg(tr("Geometri tidak terbaca: %1", "Unreadable geometry: %1"), {check.detail}),
                tr("Gambar ulang geometrinya.", "Draw the geometry again."),
                "geom",
                check.detail);
            return;
        case P::WrongFamily:
        case P::MultiplePoints:
            add(theme,
                row,
                IssueSeverity::Error,
                IssueKind::BadGeometry,
                arg(tr("Jenis geometri %1 tidak cocok untuk tema %2.",
                       "Geometry type %1 does not fit theme %2."),
                    {check.problem == P::MultiplePoints
                         ? arg(tr("multititik (%1 titik)", "multipoint (%1 points)"),
                               {check.detail})
                         : check.detail,
                     theme.name}),
                tr("Gambar ulang dengan jenis yang benar, atau pindahkan ke tema yang sesuai.",
                   "Draw it again with the right type, or move it to a fitting theme."),
                "geom",
                check.detail);
            return;
        case P::Invalid:
            break;
        }
        const bool repaired = check.status == geo::GeometryCheck::Status::Repaired;
        geo::PlanarGeometry after;
        const bool sameKind = repaired && geo::readWkb(check.wkb.data(), check.wkb.size(), after) &&
                              after.kind == planar.kind;
        auto& issue =
            add(theme,
                row,
                IssueSeverity::Error,
                IssueKind::InvalidGeometry,
                arg(tr("Geometri tidak valid: %1.", "Invalid geometry: %1."), {check.detail}),
                sameKind ? tr("--fix memperbaikinya dengan GEOS MakeValid (jenis geometri tetap).",
                              "--fix repairs it with GEOS MakeValid (the geometry type is kept).")
                         : tr("Perbaiki simpulnya dengan tangan (MakeValid mengubah jenisnya).",
                              "Fix its vertices by hand (MakeValid changes its type)."),
                "geom",
                check.detail);
        if (sameKind) {
            issue.fixable = true;
            issue.fixWkb = check.wkb;
        }
    }

    void checkAttributes(const Theme& theme,
                         const Row& row,
                         const std::map<std::string, geo::Value>& values,
                         const std::set<std::string>& blobs)
    {
        for (const auto& column : theme.columns) {
            const geo::Value& value = values.at(column.name);
            const std::string text = geo::isNull(value) ? std::string() : geo::toText(value);
            const std::string clean = trimmed(text);
            if (isNumeric(column) && (!clean.empty() || blobs.count(column.name))) {
                checkNumber(theme, row, column, value, blobs.count(column.name) > 0);
                continue;
            }
            if (clean.empty()) {
                if (column.required) {
                    const std::string codes = column.vocabulary.empty()
                                                  ? std::string()
                                                  : codeList(m_vocabularies, column.vocabulary);
                    add(theme,
                        row,
                        IssueSeverity::Error,
                        IssueKind::MissingRequired,
                        arg(tr("Kolom wajib %1 kosong.", "Required column %1 is empty."),
                            {column.name}),
                        codes.empty() ? arg(tr("Isi kolom %1.", "Fill in %1."), {column.name})
                                      : arg(tr("Isi kolom %1 dengan salah satu: %2.",
                                               "Fill in %1 with one of: %2."),
                                            {column.name, codes}),
                        column.name);
                } else if (theme.name == "aset_desa" && column.name == "kode_aset") {
                    add(theme,
                        row,
                        IssueSeverity::Warning,
                        IssueKind::MissingAssetCode,
                        tr("Aset tanpa kode aset.", "The asset has no asset code."),
                        tr("Isi kode_aset menurut Permendagri 1/2016 (pohon kode di formulir).",
                           "Fill in kode_aset after Permendagri 1/2016 (the code tree in the "
                           "form)."),
                        column.name);
                } else if (theme.name == "wilayah" && column.name == "kode") {
                    const std::string tier = tierOf(values);
                    if (tier == "kecamatan" || tier == "desa" || tier == "kelurahan") {
                        add(theme,
                            row,
                            IssueSeverity::Warning,
                            IssueKind::MissingVillageCode,
                            arg(tr("%1 tanpa kode Kemendagri.", "%1 without a Kemendagri code."),
                                {tier}),
                            tr("Isi kode Kemendagri (Permendagri 72/2019), mis. 53.07.05.1006.",
                               "Fill in the Kemendagri code (Permendagri 72/2019), e.g. "
                               "53.07.05.1006."),
                            column.name);
                    }
                }
                continue;
            }
            if (!column.vocabulary.empty()) {
                checkVocabulary(theme, row, column, text);
                continue;
            }
            if (theme.name == "wilayah" && column.name == "kode") {
                checkKemendagriCode(theme, row, tierOf(values), text);
                continue;
            }
            if (column.type == ColumnType::Text && clean != text) {
                auto& issue =
                    add(theme,
                        row,
                        IssueSeverity::Warning,
                        IssueKind::Whitespace,
                        arg(tr("Spasi di awal atau akhir %1.", "Spaces at the start or end of %1."),
                            {column.name}),
                        tr("--fix membuang spasinya.", "--fix trims them."),
                        column.name,
                        text);
                issue.fixable = true;
                issue.fixValue = clean;
            }
        }
    }

    /// A numeric column's value: a number (finite, whole where whole numbers belong, not
    /// negative: every numeric column of the themes is a count, capacity, area, production,
    /// money or year), else what it is and, for a number written as text, the number.
    void checkNumber(const Theme& theme,
                     const Row& row,
                     const Column& column,
                     const geo::Value& value,
                     bool blob)
    {
        const bool whole = column.type == ColumnType::Integer;
        if (blob) {
            add(theme,
                row,
                IssueSeverity::Error,
                IssueKind::NotANumber,
                arg(tr("%1 berisi data biner, bukan angka.", "%1 holds binary data, not a number."),
                    {column.name}),
                tr("Isi angkanya di formulir, atau kosongkan.",
                   "Enter the number in the form, or clear it."),
                column.name,
                "(blob)");
            return;
        }
        if (const auto* text = std::get_if<std::string>(&value)) {
            const NumberReading reading = readNumberText(*text, whole);
            std::string suggestion;
            switch (reading.kind) {
            case NumberReading::Kind::Number:
                suggestion = arg(
                    tr("--fix menulisnya sebagai angka %1.", "--fix writes it as the number %1."),
                    {reading.canonical});
                break;
            case NumberReading::Kind::Ambiguous:
                suggestion = arg(tr("'%1' bisa berarti pecahan (koma desimal) atau ribuan: tulis "
                                    "angkanya tanpa pemisah ribuan.",
                                    "'%1' may be a fraction (decimal comma) or thousands: write "
                                    "the number without thousands separators."),
                                 {trimmed(*text)});
                break;
            case NumberReading::Kind::Fraction:
                suggestion = arg(tr("%1 berisi bilangan bulat: tulis angka tanpa pecahan.",
                                    "%1 holds whole numbers: write one without a fraction."),
                                 {column.name});
                break;
            case NumberReading::Kind::NotANumber:
                suggestion = tr("Tulis angkanya saja, tanpa satuan atau kata (mis. 1500000 atau "
                                "12,5), atau kosongkan bila tidak diketahui.",
                                "Write the number alone, without unit or words (e.g. 1500000 "
                                "or 12.5), or clear it when unknown.");
                break;
            }
            auto& issue = add(theme,
                              row,
                              IssueSeverity::Error,
                              IssueKind::NotANumber,
                              arg(tr("%1 berisi teks '%2', bukan angka.",
                                     "%1 holds the text '%2', not a number."),
                                  {column.name, *text}),
                              suggestion,
                              column.name,
                              *text);
            if (reading.kind == NumberReading::Kind::Number) {
                issue.fixable = true;
                issue.fixValue = reading.canonical;
            }
            return;
        }
        double number = 0;
        if (const auto* real = std::get_if<double>(&value)) {
            number = *real;
            if (!std::isfinite(number)) {
                add(theme,
                    row,
                    IssueSeverity::Error,
                    IssueKind::NotANumber,
                    arg(tr("%1 bernilai tak terhingga.", "%1 is infinite."), {column.name}),
                    tr("Isi angka yang sebenarnya, atau kosongkan.",
                       "Enter the real number, or clear it."),
                    column.name,
                    geo::toText(value));
                return;
            }
            if (whole && number != std::floor(number)) {
                add(theme,
                    row,
                    IssueSeverity::Warning,
                    IssueKind::NotWholeNumber,
                    arg(tr("%1 = %2 bukan bilangan bulat.", "%1 = %2 is not a whole number."),
                        {column.name, geo::toText(value)}),
                    tr("Tulis bilangan bulat (angka yang diketik dengan titik ribuan, mis. "
                       "'1.500', tersimpan sebagai 1,5).",
                       "Write a whole number (a number typed with a thousands point, e.g. "
                       "'1.500', is stored as 1.5)."),
                    column.name,
                    geo::toText(value));
            }
        } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
            number = static_cast<double>(*integer);
        }
        if (number < 0) {
            add(theme,
                row,
                IssueSeverity::Error,
                IssueKind::NegativeValue,
                arg(tr("%1 bernilai negatif (%2).", "%1 is negative (%2)."),
                    {column.name, geo::toText(value)}),
                tr("Periksa angkanya: jumlah, kapasitas, luas, produksi, nilai dan tahun tidak "
                   "pernah negatif.",
                   "Check the number: counts, capacities, areas, production, values and years "
                   "are never negative."),
                column.name,
                geo::toText(value));
        }
    }

    std::string tierOf(const std::map<std::string, geo::Value>& values) const
    {
        const auto it = values.find("tingkat");
        if (it == values.end() || geo::isNull(it->second)) {
            return {};
        }
        const auto code = m_vocabularies.match("tingkat_wilayah", geo::toText(it->second));
        return code ? *code : std::string();
    }

    void checkVocabulary(const Theme& theme,
                         const Row& row,
                         const Column& column,
                         const std::string& text)
    {
        if (m_vocabularies.entry(column.vocabulary, text)) {
            return;
        }
        if (const auto code = m_vocabularies.match(column.vocabulary, text)) {
            auto& issue = add(theme,
                              row,
                              IssueSeverity::Warning,
                              IssueKind::VocabularyNotCode,
                              arg(tr("%1 '%2' bukan kode kosakata %3.",
                                     "%1 '%2' is not a code of vocabulary %3."),
                                  {column.name, text, column.vocabulary}),
                              arg(tr("--fix menggantinya dengan kodenya '%1'.",
                                     "--fix replaces it with its code '%1'."),
                                  {*code}),
                              column.name,
                              text);
            issue.fixable = true;
            issue.fixValue = *code;
            return;
        }
        const std::string codes = codeList(m_vocabularies, column.vocabulary);
        add(theme,
            row,
            IssueSeverity::Error,
            IssueKind::UnknownVocabulary,
            arg(tr("%1 '%2' tidak ada di kosakata %3.", "%1 '%2' is not in vocabulary %3."),
                {column.name, text, column.vocabulary}),
            codes.empty() ? arg(tr("Pilih kode dari daftar %1 (pohon kode di formulir).",
                                   "Choose a code of the %1 list (the code tree in the form)."),
                                {column.vocabulary})
                          : arg(tr("Pilih salah satu: %1.", "Choose one of: %1."), {codes}),
            column.name,
            text);
    }

    void checkKemendagriCode(const Theme& theme,
                             const Row& row,
                             const std::string& tier,
                             const std::string& text)
    {
        const int groups = tier == "kecamatan"                       ? 3
                           : (tier == "desa" || tier == "kelurahan") ? 4
                                                                     : 0;
        const std::string clean = trimmed(text);
        if (groups == 0 || isKemendagriCode(clean, groups)) {
            if (clean != text) {
                auto& issue = add(
                    theme,
                    row,
                    IssueSeverity::Warning,
                    IssueKind::Whitespace,
                    tr("Spasi di awal atau akhir kode.", "Spaces at the start or end of the code."),
                    tr("--fix membuang spasinya.", "--fix trims them."),
                    "kode",
                    text);
                issue.fixable = true;
                issue.fixValue = clean;
            }
            return;
        }
        const std::string pattern = groups == 3 ? "pp.kk.cc" : "pp.kk.cc.dddd";
        const std::string dotted = dottedCode(clean, groups);
        auto& issue = add(
            theme,
            row,
            IssueSeverity::Warning,
            IssueKind::MalformedVillageCode,
            arg(tr("Kode Kemendagri %1 '%2' tidak berbentuk %3.",
                   "Kemendagri code of the %1 '%2' is not of the form %3."),
                {tier, text, pattern}),
            dotted.empty()
                ? arg(tr("Tulis kodenya sebagai %1 (angka, dipisah titik).",
                         "Write the code as %1 (digits separated by dots)."),
                      {pattern})
                : arg(tr("--fix menulisnya sebagai '%1'.", "--fix writes it as '%1'."), {dotted}),
            "kode",
            text);
        if (!dotted.empty()) {
            issue.fixable = true;
            issue.fixValue = dotted;
        }
    }

    void checkVillageOf(const Theme& theme, const Row& row, const std::string& code)
    {
        const int inside = m_locator->regionOf(row.place.x, row.place.y, 0);
        const auto named = code.empty() ? m_areaByCode.end() : m_areaByCode.find(code);
        if (inside < 0) {
            const bool swapped = m_locator->regionOf(row.place.y, row.place.x, 0) >= 0;
            add(theme,
                row,
                IssueSeverity::Warning,
                IssueKind::OutsideVillages,
                tr("Letaknya di luar semua desa/kelurahan di wilayah.",
                   "It lies outside every desa/kelurahan of wilayah."),
                swapped ? tr("Lintang dan bujurnya tampak tertukar: tukar koordinatnya.",
                             "Its latitude and longitude look swapped: swap the coordinates.")
                        : tr("Periksa koordinatnya, atau tambahkan batas desanya ke wilayah.",
                             "Check its coordinates, or add its village boundary to wilayah."));
            return;
        }
        const auto& area = m_areas[std::size_t(inside)];
        // A village without a (well-formed) code is reported itself; its features are not.
        const std::string areaCode = trimmed(area.code);
        if (code.empty() || areaCode.empty() || !isKemendagriCode(areaCode, 4) ||
            areaCode == code) {
            return;
        }
        if (named == m_areaByCode.end()) {
            add(theme,
                row,
                IssueSeverity::Warning,
                IssueKind::UnknownVillageCode,
                arg(tr("kode_desa '%1' bukan desa/kelurahan di wilayah.",
                       "kode_desa '%1' is no desa/kelurahan of wilayah."),
                    {code}),
                arg(tr("Letaknya di %1 (%2): perbaiki kode_desa.",
                       "It lies in %1 (%2): correct kode_desa."),
                    {area.name, area.code}),
                "kode_desa",
                code);
            return;
        }
        if (named->second != std::size_t(inside)) {
            add(theme,
                row,
                IssueSeverity::Warning,
                IssueKind::OtherVillage,
                arg(tr("Letaknya di %1 (%2), bukan di %3 (%4) yang disebut kode_desa.",
                       "It lies in %1 (%2), not in %3 (%4) that kode_desa names."),
                    {area.name, area.code, m_areas[named->second].name, code}),
                tr("Perbaiki kode_desa atau letaknya.", "Correct kode_desa or its position."),
                "kode_desa",
                code);
        }
    }

    void findDuplicates(const Theme& theme,
                        const std::vector<Row>& rows,
                        const std::vector<std::string>& keys)
    {
        if (!m_toMetric) {
            return;
        }
        // Same key, then places within the tolerance (a sweep along x in each key group).
        std::map<std::string, std::vector<Place>> groups;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!rows[i].hasPlace) {
                continue;
            }
            double x = rows[i].place.x, y = rows[i].place.y;
            if (!m_toMetric->transform(x, y)) {
                continue;
            }
            groups[keys[i]].push_back({i, x, y});
        }
        const double tolerance = std::max(0.0, m_options.duplicateToleranceM);
        std::set<std::size_t> reported;
        for (auto& [key, places] : groups) {
            if (places.size() < 2) {
                continue;
            }
            std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
                return a.x < b.x || (a.x == b.x && a.row < b.row);
            });
            for (std::size_t a = 0; a < places.size(); ++a) {
                for (std::size_t b = a + 1;
                     b < places.size() && places[b].x - places[a].x <= tolerance;
                     ++b) {
                    const double d =
                        std::hypot(places[b].x - places[a].x, places[b].y - places[a].y);
                    if (d > tolerance) {
                        continue;
                    }
                    const std::size_t first = std::min(places[a].row, places[b].row);
                    const std::size_t later = std::max(places[a].row, places[b].row);
                    if (!reported.insert(later).second) {
                        continue;
                    }
                    const Row& row = rows[later];
                    auto& issue = add(
                        theme,
                        row,
                        IssueSeverity::Warning,
                        IssueKind::Duplicate,
                        row.name.empty()
                            ? arg(tr("Sama dengan fid %1 (semua atribut) di tempat yang sama "
                                     "(%2 m).",
                                     "Same as fid %1 (every attribute) at the same place (%2 m)."),
                                  {std::to_string(rows[first].fid), distanceText(d)})
                            : arg(tr("Nama sama dengan fid %1 di tempat yang sama (%2 m).",
                                     "Same name as fid %1 at the same place (%2 m)."),
                                  {std::to_string(rows[first].fid), distanceText(d)}),
                        tr("Hapus salah satunya atau gabungkan atributnya.",
                           "Delete one of them or merge their attributes."));
                    issue.relatedFid = rows[first].fid;
                }
            }
        }
    }

    void findDuplicateCodes(const Theme& theme, const std::vector<Row>& rows)
    {
        std::map<std::string, std::int64_t> firstFid;
        auto statement =
            m_project.database().prepare("SELECT fid, trim(kode) FROM wilayah WHERE "
                                         "trim(coalesce(kode, '')) <> '' ORDER BY fid");
        std::map<std::int64_t, std::size_t> rowOf;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            rowOf[rows[i].fid] = i;
        }
        while (statement.step()) {
            const auto fid = statement.integer(0);
            const std::string code = statement.text(1);
            const auto [it, inserted] = firstFid.emplace(code, fid);
            if (inserted || !rowOf.count(fid)) {
                continue;
            }
            auto& issue = add(theme,
                              rows[rowOf[fid]],
                              IssueSeverity::Error,
                              IssueKind::DuplicateVillageCode,
                              arg(tr("Kode Kemendagri %1 juga dipakai fid %2.",
                                     "Kemendagri code %1 is also used by fid %2."),
                                  {code, std::to_string(it->second)}),
                              tr("Perbaiki salah satu kodenya, atau hapus wilayah ganda.",
                                 "Correct one of the codes, or delete the duplicate area."),
                              "kode",
                              code);
            issue.relatedFid = it->second;
        }
    }

    static std::string distanceText(double metres)
    {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.1f", metres);
        return buffer;
    }

    Project& m_project;
    const ValidationOptions& m_options;
    geo::AnalysisFeedback* m_feedback;
    const Vocabularies& m_vocabularies;
    std::vector<ReportingArea> m_areas;
    std::unique_ptr<geo::ZoneOverlay> m_locator;
    std::map<std::string, std::size_t> m_areaByCode;
    std::unique_ptr<geo::CoordinateTransform> m_toMetric;
    ValidationReport m_report;
    Issue m_omitted;            ///< an item past the limit, counted but not kept
    Issue* m_pending = nullptr; ///< the last item, not yet counted
};

} // namespace

ValidationReport
validateProject(Project& project, const ValidationOptions& options, geo::AnalysisFeedback* feedback)
{
    Checker checker(project, options, feedback);
    auto report = checker.run();
    std::stable_sort(
        report.issues.begin(), report.issues.end(), [](const Issue& a, const Issue& b) {
            if (a.theme != b.theme) {
                const auto order = [](const std::string& theme) {
                    const auto& list = themes();
                    for (std::size_t i = 0; i < list.size(); ++i) {
                        if (list[i].name == theme) {
                            return i;
                        }
                    }
                    return list.size();
                };
                return order(a.theme) < order(b.theme);
            }
            if (a.fid != b.fid) {
                return a.fid < b.fid;
            }
            return static_cast<int>(a.kind) < static_cast<int>(b.kind);
        });
    if (feedback) {
        feedback->setProgress(100);
    }
    return report;
}

namespace {

/// A fix's new value as the column's type: numbers as INTEGER or REAL, so the history records
/// a number, not its text.
geo::Value
typedValue(const std::string& themeName, const std::string& column, const std::string& text)
{
    const Theme* theme = findTheme(themeName);
    const Column* schema = theme ? theme->column(column) : nullptr;
    if (schema && isNumeric(*schema)) {
        if (const auto value = parsePlainNumber(text)) {
            if (schema->type == ColumnType::Integer && *value == std::floor(*value) &&
                std::fabs(*value) <= 9e15) {
                return static_cast<std::int64_t>(*value);
            }
            if (schema->type == ColumnType::Real) {
                return *value;
            }
        }
    }
    return text;
}

} // namespace

std::vector<FixChange>
fixIssues(Project& project, const std::vector<Issue>& issues, const std::string& author)
{
    struct Pending
    {
        std::string theme;
        std::string uuid;
        std::int64_t fid = 0;
        Attributes changes;
        std::optional<std::vector<unsigned char>> wkb;
        std::vector<FixChange> log;
    };
    std::vector<Pending> pending;
    std::map<std::pair<std::string, std::string>, std::size_t> index;
    for (const auto& issue : issues) {
        if (!issue.fixable) {
            continue;
        }
        const auto key = std::make_pair(issue.theme, issue.uuid);
        auto [it, inserted] = index.emplace(key, pending.size());
        if (inserted) {
            pending.push_back({issue.theme, issue.uuid, issue.fid, {}, std::nullopt, {}});
        }
        Pending& p = pending[it->second];
        FixChange change{
            issue.theme, issue.fid, issue.uuid, issue.kind, issue.column, issue.value, {}};
        if (!issue.fixWkb.empty()) {
            p.wkb = issue.fixWkb;
            change.column = "geom";
            change.newValue = "MakeValid";
        } else if (issue.fixValue) {
            p.changes[issue.column] = typedValue(issue.theme, issue.column, *issue.fixValue);
            change.newValue = *issue.fixValue;
        } else {
            continue;
        }
        p.log.push_back(std::move(change));
    }
    std::vector<FixChange> changes;
    if (pending.empty()) {
        return changes;
    }
    geo::Transaction transaction(project.database());
    for (auto& p : pending) {
        project.updateFeature(p.theme, p.uuid, p.changes, p.wkb, author);
        for (auto& change : p.log) {
            changes.push_back(std::move(change));
        }
    }
    transaction.commit();
    return changes;
}

} // namespace layers
