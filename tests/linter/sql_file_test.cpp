#include <doctest/doctest.h>

#include "linter/input_error.h"
#include "linter/sql_file.h"

using namespace migcheck;

TEST_CASE("invalid UTF-8 is an input error naming file, line and column") {
  auto file = SourceFile::make("bad.sql", "SELECT 1;\nSELECT '\xFF';\n");
  try {
    validate_source_text(file->text(), file->path());
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "bad.sql:2:9: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
  }
}

TEST_CASE("a NUL byte is an input error") {
  auto file = SourceFile::make("nul.sql", std::string("SELECT 1;\0", 10));
  CHECK_THROWS_AS(validate_source_text(file->text(), file->path()), InputError);
}

TEST_CASE("overlong encodings and surrogates are rejected, real UTF-8 accepted") {
  CHECK_THROWS_AS(validate_source_text("\xC0\xAF", "a"), InputError);
  CHECK_THROWS_AS(validate_source_text("\xED\xA0\x80", "b"), InputError);
  CHECK_NOTHROW(validate_source_text("SELECT '\xE2\x82\xAC \xF0\x9F\x98\x80';", "c"));
}

TEST_CASE("a byte-order mark becomes blanks in the SQL but not in the map") {
  auto file = SourceFile::make("bom.sql",
                               "\xEF\xBB\xBF"
                               "DROP TABLE t;");
  SqlUnit unit = sql_unit_for_file(file, false);
  CHECK(unit.sql == "   DROP TABLE t;");
  auto location = unit.map.locate(3, 7);
  CHECK(location.line == 1);
  CHECK(location.column == 1);
  CHECK(location.end_column == 5);
}
