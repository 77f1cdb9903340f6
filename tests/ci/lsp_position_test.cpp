// LSP positions (UTF-16 code units by default, UTF-8 when negotiated) against
// migcheck's code-point columns, and file URIs.
#include <doctest/doctest.h>

#include "ci/lsp/file_uri.h"
#include "ci/lsp/position_encoding.h"
#include "tests/ci/lsp_test_session.h"
#include "tests/test_support.h"

using migcheck::lsp::from_lsp_character;
using migcheck::lsp::PositionEncoding;
using migcheck::lsp::to_lsp_character;
using migcheck::testing::LspSession;
using migcheck::testing::TempDir;
using migcheck::testing::write_file;
using nlohmann::json;

namespace {
// "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
constexpr std::string_view kLine = "a\xC3\xA9\xF0\x9F\x98\x80z";
}  // namespace

TEST_CASE("lsp positions: code-point columns to and from each encoding") {
  // Column 4 is "z": after a, é and 😀.
  CHECK(to_lsp_character(kLine, 4, PositionEncoding::utf16) == 4);
  CHECK(to_lsp_character(kLine, 4, PositionEncoding::utf8) == 7);
  CHECK(to_lsp_character(kLine, 4, PositionEncoding::utf32) == 3);
  CHECK(from_lsp_character(kLine, 4, PositionEncoding::utf16) == 4);
  CHECK(from_lsp_character(kLine, 7, PositionEncoding::utf8) == 4);
  CHECK(from_lsp_character(kLine, 3, PositionEncoding::utf32) == 4);
  // Inside the surrogate pair, or inside a UTF-8 sequence: that character.
  CHECK(from_lsp_character(kLine, 3, PositionEncoding::utf16) == 3);
  CHECK(from_lsp_character(kLine, 2, PositionEncoding::utf8) == 2);
  // Past the end clamps to the end of the line.
  CHECK(to_lsp_character(kLine, 50, PositionEncoding::utf16) == 5);
  CHECK(from_lsp_character(kLine, 50, PositionEncoding::utf16) == 5);
}

TEST_CASE("lsp positions: file URIs escape and unescape") {
  std::string path = "/tmp/a b/\xC3\xA9#1.sql";
  std::string uri = migcheck::lsp::file_uri_from_path(path);
  CHECK(uri == "file:///tmp/a%20b/%C3%A9%231.sql");
  CHECK(migcheck::lsp::path_from_file_uri(uri) == path);
  CHECK(migcheck::lsp::path_from_file_uri("file://localhost/x.sql") == "/x.sql");
  CHECK_FALSE(migcheck::lsp::path_from_file_uri("untitled:Untitled-1"));
  CHECK_FALSE(migcheck::lsp::path_from_file_uri("file:///bad%zz"));
}

TEST_CASE("lsp positions: a diagnostic after non-ASCII text, in UTF-16 and in UTF-8") {
  TempDir dir;
  write_file(dir / "001_accounts.sql", "CREATE TABLE accounts (plan text);\n");
  std::string text = "SELECT 1;\n/* \xC3\xA9\xF0\x9F\x98\x80 */ DROP TABLE accounts;\n";
  write_file(dir / "002_drop.sql", text);
  // "DROP" follows 9 code points: "/* ", é, 😀, " */ ".
  auto drop_start = [&](json capabilities) {
    LspSession session;
    session.initialize(dir.path(), capabilities);
    json diagnostics = session.open(dir / "002_drop.sql", text);
    for (const json& diagnostic : diagnostics) {
      if (diagnostic["code"] == "dropping-table") return diagnostic["range"]["start"];
    }
    FAIL("no dropping-table diagnostic in " << diagnostics.dump());
    return json();
  };
  CHECK(drop_start(json::object()) == json{{"line", 1}, {"character", 10}});
  CHECK(drop_start({{"general", {{"positionEncodings", {"utf-8"}}}}}) ==
        json{{"line", 1}, {"character", 13}});
}
