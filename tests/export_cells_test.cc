// The quoting helpers every export leans on (tools/export.h).
#include "tools/export.h"

#include <gtest/gtest.h>

namespace sg::tools {
namespace {

TEST(CsvCellTest, PlainTextIsLeftAlone) {
  EXPECT_EQ(CsvCell("Sergei Lavrov"), "Sergei Lavrov");
  EXPECT_EQ(CsvCell(""), "");
  EXPECT_EQ(CsvCell("Київ 北京"), "Київ 北京");
}

TEST(CsvCellTest, QuotesDoubledAndSeparatorsQuoted) {
  EXPECT_EQ(CsvCell("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(CsvCell("cr\rhere"), "\"cr\rhere\"");
}

TEST(CsvCellTest, FormulaLookingCellsGetALeadingApostrophe) {
  EXPECT_EQ(CsvCell("=1+2"), "'=1+2");
  EXPECT_EQ(CsvCell("+7"), "'+7");
  EXPECT_EQ(CsvCell("-Minus"), "'-Minus");
  EXPECT_EQ(CsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvCell("\tx"), "'\tx");
  EXPECT_EQ(CsvCell("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvCell("=HYPERLINK(\"u\",\"x\")"), "\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"");
  EXPECT_EQ(CsvCell("a=b"), "a=b");  // only the first character counts
}

TEST(XmlSafeTest, DropsWhatXmlCannotCarry) {
  EXPECT_EQ(XmlSafe("a\x01" "b\x1f" "c"), "abc");
  EXPECT_EQ(XmlSafe("tab\tand\nline"), "tab\tand\nline");
  EXPECT_EQ(XmlSafe("bad \xff byte"), "bad  byte");
  EXPECT_EQ(XmlSafe("<&> Київ"), "<&> Київ");  // escaping is the writer's job
}

TEST(DotQuoteTest, EscapesQuotesBackslashesAndNewlines) {
  EXPECT_EQ(DotQuote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
}

TEST(ExportFormatTest, ParsesEveryName) {
  for (const char* name : {"jsonl", "graphml", "dot", "gexf", "cyjs", "neo4j-csv"}) {
    EXPECT_TRUE(ParseExportFormat(name).has_value()) << name;
  }
  EXPECT_FALSE(ParseExportFormat("xls").has_value());
  EXPECT_TRUE(WritesDirectory(ExportFormat::kNeo4jCsv));
  EXPECT_FALSE(WritesDirectory(ExportFormat::kGexf));
}

}  // namespace
}  // namespace sg::tools
