#include <doctest/doctest.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "linter/input_error.h"
#include "linter/sql_file.h"
#include "tests/test_support.h"

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

// Plain text is checked eight bytes at a time: a bad byte anywhere in or
// around those words is found at its own column, and good UTF-8 there passes.
TEST_CASE("a bad byte is found at its column wherever it falls") {
  const std::pair<std::string, std::string> bad[] = {{std::string(1, '\0'), "NUL byte in the file"},
                                                     {"\xFF", "invalid UTF-8 (byte 0xFF)"},
                                                     {"\xC3(", "invalid UTF-8 (byte 0xC3)"}};
  for (size_t at = 0; at <= 20; ++at) {
    std::string plain(at, 'x');
    CHECK_NOTHROW(validate_source_text(plain + "\xC3\xA9" + plain + "\xE2\x82\xAC", "good.sql"));
    for (const auto& [bytes, what] : bad) {
      std::string text = plain + bytes + std::string(12, 'y');
      try {
        validate_source_text(text, "bad.sql");
        FAIL("expected an InputError at column " << at + 1);
      } catch (const InputError& e) {
        CHECK(
            std::string(e.what()).starts_with("bad.sql:1:" + std::to_string(at + 1) + ": " + what));
      }
    }
  }
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

// Reading stops at a regular file's size without a last empty read; every
// size around the short-string buffer (15) and the 64 KiB chunk comes back
// whole, and a pipe, whose size is unknown, too.
TEST_CASE("read_source_file returns every byte, whatever the size, from a file or a pipe") {
  migcheck::testing::TempDir dir;
  for (size_t size : {0, 1, 14, 15, 16, 17, 4095, 4096, 65535, 65536, 65537, 300000}) {
    std::string text;
    for (size_t i = 0; i < size; ++i) text += static_cast<char>('a' + i % 26);
    auto path = dir / ("f" + std::to_string(size) + ".sql");
    migcheck::testing::write_file(path, text);
    INFO("size ", size);
    CHECK(read_source_file(path.string())->text() == text);
  }
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  std::string sent(100000, 'x');
  std::thread writer([&] {
    for (size_t done = 0; done < sent.size();) {
      ssize_t n = ::write(ends[1], sent.data() + done, sent.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ::close(ends[1]);
  });
  std::string received = read_source_file("/proc/self/fd/" + std::to_string(ends[0]))->text();
  writer.join();
  ::close(ends[0]);
  CHECK(received == sent);
  CHECK_THROWS_AS(read_source_file((dir / "absent.sql").string()), InputError);
}
