#include "layers/data_paths.h"
#include "layers/vocabulary.h"

#include <gtest/gtest.h>

using layers::Vocabularies;

namespace {
const Vocabularies& shipped()
{
    static const Vocabularies vocabularies =
        Vocabularies::fromDirectory(std::string(PETADESA_SOURCE_DATA_DIR) + "/vocab");
    return vocabularies;
}
} // namespace

TEST(Vocabulary, ParsesQuotedCsv)
{
    const auto rows = layers::parseCsv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\nlast,\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1][0], "x, y");
    EXPECT_EQ(rows[1][1], "say \"hi\"");
    ASSERT_EQ(rows[2].size(), 2u);
    EXPECT_EQ(rows[2][1], "");
    EXPECT_EQ(layers::csvField("a,b"), "\"a,b\"");
}

TEST(Vocabulary, NormalizesSpellings)
{
    EXPECT_EQ(Vocabularies::normalize("  Tanah_Longsor "), "tanah longsor");
    EXPECT_EQ(Vocabularies::normalize("KRB--III"), "krb iii");
}

TEST(Vocabulary, AllAssetCodesAreLoaded)
{
    // 4,250 rows with one code repeated (4.02.01.99.999): 4,249 distinct codes.
    const auto& codes = shipped().entries("kode_aset");
    EXPECT_EQ(codes.size(), 4249u);
    EXPECT_EQ(shipped().entry("kode_aset", "4.02.01.99.999")->nama, "BANGUNAN PENINGGALAN LAINNYA");
    const auto* posyandu = shipped().entry("kode_aset", "4.01.01.06.001");
    ASSERT_NE(posyandu, nullptr);
    EXPECT_EQ(posyandu->nama, "BANGUNAN POSYANDU");
    EXPECT_EQ(posyandu->induk, "4.01.01.06.000");
    EXPECT_EQ(shipped().match("kode_aset", "4.01.01.06.001").value_or(""), "4.01.01.06.001");
    EXPECT_FALSE(shipped().match("kode_aset", "BANGUNAN POSYANDU"));
}

struct MatchCase
{
    const char* domain;
    const char* value;
    const char* kode;
};

class VocabularyMatch : public testing::TestWithParam<MatchCase>
{
};

TEST_P(VocabularyMatch, MapsSourceValues)
{
    const auto& c = GetParam();
    const auto kode = shipped().match(c.domain, c.value);
    ASSERT_TRUE(kode) << c.domain << " '" << c.value << "'";
    EXPECT_EQ(*kode, c.kode);
}

INSTANTIATE_TEST_SUITE_P(
    Shipped,
    VocabularyMatch,
    testing::Values(MatchCase{"tingkat_bahaya", "KRB III", "tinggi"},
                    MatchCase{"tingkat_bahaya", "KRB II", "sedang"},
                    MatchCase{"tingkat_bahaya", "KRB I", "rendah"},
                    MatchCase{"tingkat_bahaya", "High", "tinggi"},
                    MatchCase{"tingkat_bahaya", "Very High", "tinggi"},
                    MatchCase{"tingkat_bahaya", "Medium", "sedang"},
                    MatchCase{"tingkat_bahaya", "low", "rendah"},
                    MatchCase{"jenis_bahaya", "flood", "banjir"},
                    MatchCase{"jenis_bahaya", "Tanah_Longsor", "tanah longsor"},
                    MatchCase{"jenis_evakuasi", "assembly point", "titik kumpul"},
                    MatchCase{"jenis_evakuasi", "tes", "TES"},
                    MatchCase{"kelas_jalan", "residential", "lingkungan"},
                    MatchCase{"kelas_jalan", "primary", "arteri"},
                    MatchCase{"kelas_jalan", "footway", "setapak"},
                    MatchCase{"tingkat_kerusakan", "rusak berat", "berat"},
                    MatchCase{"jenis_usaha_bumdes", "simpan pinjam", "keuangan"},
                    MatchCase{"kategori_potensi", "perdagangan", "perdagangan/jasa"},
                    MatchCase{"jenis_pusat", "masjid", "rumah ibadah"},
                    MatchCase{"kondisi_aset", "Rusak Ringan", "rusak ringan"},
                    MatchCase{"tingkat_wilayah", "Kelurahan", "kelurahan"}));

TEST(Vocabulary, UnknownValuesDoNotMatch)
{
    EXPECT_FALSE(shipped().match("tingkat_bahaya", "YES"));
    EXPECT_FALSE(shipped().match("no_such_domain", "x"));
}

TEST(Vocabulary, EveryDomainTheThemesNeedExists)
{
    for (const char* domain : {"tingkat_wilayah",
                               "kode_aset",
                               "kondisi_aset",
                               "asal_aset",
                               "jenis_pusat",
                               "jenis_usaha_bumdes",
                               "kategori_potensi",
                               "status_bumdes",
                               "status_badan_hukum",
                               "jenis_bahaya",
                               "tingkat_bahaya",
                               "jenis_evakuasi",
                               "kelas_jalan",
                               "permukaan_jalan",
                               "tingkat_kerusakan"}) {
        EXPECT_TRUE(shipped().hasDomain(domain)) << domain;
    }
}
