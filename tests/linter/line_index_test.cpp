#include <doctest/doctest.h>

#include "linter/line_index.h"
#include "linter/source_map.h"

using migcheck::LineIndex;

TEST_CASE("line index counts lines across LF, CRLF and lone CR") {
  LineIndex index("a\nbb\r\nccc\rdddd");
  CHECK(index.line_count() == 4);
  CHECK(index.position(0).line == 1);
  CHECK(index.position(2).line == 2);
  CHECK(index.position(6).line == 3);
  CHECK(index.position(6).column == 1);
  CHECK(index.position(10).line == 4);
  CHECK(index.line_text(2) == "bb");
  CHECK(index.line_text(3) == "ccc");
}

TEST_CASE("columns count characters: tabs and multi-byte UTF-8 are one column each") {
  // "\té€😀x": tab (1 byte), é (2), € (3), 😀 (4), then x.
  LineIndex index("\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x");
  CHECK(index.position(1).column == 2);
  CHECK(index.position(3).column == 3);
  CHECK(index.position(6).column == 4);
  CHECK(index.position(10).column == 5);
}

TEST_CASE("a byte-order mark is not a column") {
  LineIndex index("\xEF\xBB\xBFSELECT 1;");
  CHECK(index.position(3).column == 1);
  CHECK(index.position(0).column == 1);
  CHECK(index.position(9).column == 7);
}

TEST_CASE("an offset inside a leading byte-order mark is line 1, column 1") {
  // The first line starts after the mark: offset 0 has no line start at or
  // before it, and once read the line before the first.
  LineIndex index("\xEF\xBB\xBF\nSELECT 1;");
  for (size_t offset : {0, 1, 2, 3}) {
    INFO(offset);
    CHECK(index.position(offset).line == 1);
    CHECK(index.position(offset).column == 1);
  }
  CHECK(index.position(4).line == 2);
  CHECK(index.position(4).column == 1);
}

TEST_CASE("source map locates exact and generated segments") {
  auto file =
      migcheck::SourceFile::make("m.py", "op.drop_column('t', 'c')\nop.execute(\"SELECT 1\")\n");
  migcheck::SourceMap map(file);
  map.add({0, 30, 0, 24, false});   // generated ALTER TABLE for the first call
  map.add({31, 39, 37, 45, true});  // SELECT 1 inside the string literal
  auto generated = map.locate(5, 10);
  CHECK(generated.file == "m.py");
  CHECK(generated.line == 1);
  CHECK(generated.column == 1);
  CHECK(generated.end_column == 25);
  auto exact = map.locate(33, 34);
  CHECK(exact.line == 2);
  CHECK(exact.column == 15);
  CHECK(exact.end_column == 16);
}
