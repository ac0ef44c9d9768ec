#include "geo/text_encoding.h"

#include <gtest/gtest.h>

TEST(TextEncoding, ValidUtf8IsKept)
{
    EXPECT_TRUE(geo::isValidUtf8("Desa Wolomarang"));
    EXPECT_TRUE(geo::isValidUtf8("M\xC3\xA9xico"));
    EXPECT_EQ(geo::ensureUtf8("M\xC3\xA9xico"), "M\xC3\xA9xico");
}

TEST(TextEncoding, Windows1252IsDecoded)
{
    // "México" in latin-1 / cp1252, as a DBF without .cpg holds it.
    EXPECT_FALSE(geo::isValidUtf8("M\xE9xico"));
    EXPECT_EQ(geo::ensureUtf8("M\xE9xico"), "M\xC3\xA9xico");
    // cp1252-only characters: euro sign and right single quote.
    EXPECT_EQ(geo::ensureUtf8("\x80 \x92"), "\xE2\x82\xAC \xE2\x80\x99");
}

TEST(TextEncoding, OverlongAndTruncatedSequencesAreInvalid)
{
    EXPECT_FALSE(geo::isValidUtf8("\xC0\xAF"));     // overlong '/'
    EXPECT_FALSE(geo::isValidUtf8("abc\xE2\x82"));  // cut off
    EXPECT_FALSE(geo::isValidUtf8("\xED\xA0\x80")); // surrogate
}
