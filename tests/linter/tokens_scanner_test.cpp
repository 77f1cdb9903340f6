// migcheck's token scanner against libpg_query's own (pg_query_scan), the
// oracle: token for token, offsets and kind, on tricky inputs, on generated
// ones, and on every SQL file of the tests, the examples and the benchmark.
#include <doctest/doctest.h>
#include <pg_query.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "linter/tokens.h"
#include "tests/test_support.h"

using namespace migcheck;
using migcheck::testing::TempDir;

namespace {

// pg_query_scan answers in protobuf (pg_query.proto: ScanResult { repeated
// ScanToken tokens = 2 }, ScanToken { start = 1, end = 2, token = 4,
// keyword_kind = 5 }); the fields needed are varints.
class ProtoReader {
 public:
  ProtoReader(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  bool done() const { return p_ >= end_ || failed_; }
  uint64_t varint() {
    uint64_t value = 0;
    for (int shift = 0; p_ < end_ && shift < 64; shift += 7) {
      uint8_t byte = *p_++;
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    failed_ = true;
    return 0;
  }
  // Reads one field: a varint's value, or a length-delimited field's bytes.
  bool field(uint32_t& number, uint64_t& value, ProtoReader& nested) {
    uint64_t tag = varint();
    if (failed_) return false;
    number = static_cast<uint32_t>(tag >> 3);
    if ((tag & 7) == 0) {
      value = varint();
      return !failed_;
    }
    if ((tag & 7) != 2) return failed_ = true, false;
    uint64_t len = varint();
    if (failed_ || len > static_cast<uint64_t>(end_ - p_)) return failed_ = true, false;
    nested = ProtoReader(p_, len);
    p_ += len;
    return true;
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  bool failed_ = false;
};

// libpg_query 15's token numbers (gram.h).
constexpr uint64_t kIdent = 258, kUident = 259, kFconst = 260, kSconst = 261, kUsconst = 262,
                   kBconst = 263, kXconst = 264, kIconst = 266, kSqlComment = 275, kCComment = 276;

struct OracleToken {
  size_t begin, end;
  uint64_t token;
  Token::Kind kind;
};

Token::Kind kind_of(uint64_t token, uint64_t keyword_kind) {
  if (keyword_kind != 0) return Token::Kind::word;
  switch (token) {
    case kIdent:
    case kUident:
      return Token::Kind::word;
    case kSconst:
    case kUsconst:
    case kBconst:
    case kXconst:
      return Token::Kind::string;
    case kIconst:
    case kFconst:
      return Token::Kind::number;
    case kSqlComment:
    case kCComment:
      return Token::Kind::comment;
    default:
      return token < 256 ? Token::Kind::punctuation : Token::Kind::other;
  }
}

// The oracle's tokens, or nullopt when its scanner raises an error.
std::optional<std::vector<OracleToken>> oracle_scan(const std::string& text) {
  PgQueryScanResult result = pg_query_scan(text.c_str());
  std::optional<std::vector<OracleToken>> tokens;
  if (!result.error) {
    tokens.emplace();
    ProtoReader reader(reinterpret_cast<const uint8_t*>(result.pbuf.data), result.pbuf.len);
    uint32_t number = 0;
    uint64_t value = 0;
    ProtoReader nested(nullptr, 0);
    while (!reader.done() && reader.field(number, value, nested)) {
      if (number != 2) continue;
      std::array<uint64_t, 6> fields{};  // start, end, token, keyword_kind at their numbers
      ProtoReader inner(nullptr, 0);
      while (!nested.done() && nested.field(number, value, inner)) {
        if (number < fields.size()) fields[number] = value;
      }
      tokens->push_back({fields[1], fields[2], fields[4], kind_of(fields[4], fields[5])});
    }
  }
  pg_query_free_scan_result(result);
  return tokens;
}

std::string describe(const std::string& text, size_t begin, size_t end, Token::Kind kind) {
  return "[" + std::to_string(begin) + "," + std::to_string(end) + ") kind " +
         std::to_string(static_cast<int>(kind)) + " `" +
         text.substr(begin, std::min(end, text.size()) - std::min(begin, end)) + "`";
}

// The first difference between the two scanners on `text`, or "" when none.
// One libpg_query quirk is allowed for: it ends a U&'..' string where it
// starts and a U&".." identifier one byte after, where ours end after their
// closing quote.
std::string first_difference(const std::string& text) {
  std::optional<std::vector<OracleToken>> expected = oracle_scan(text);
  std::vector<Token> actual = scan_tokens(text);
  if (!expected) {
    return actual.empty() ? "" : "oracle rejects, ours scans " + std::to_string(actual.size());
  }
  for (size_t i = 0; i < std::max(expected->size(), actual.size()); ++i) {
    if (i >= expected->size())
      return "extra token " + describe(text, actual[i].begin, actual[i].end, actual[i].kind);
    const OracleToken& e = (*expected)[i];
    if (i >= actual.size()) return "missing token " + describe(text, e.begin, e.end, e.kind);
    const Token& a = actual[i];
    bool quirk =
        (e.token == kUsconst && e.end == e.begin) || (e.token == kUident && e.end == e.begin + 1);
    bool same_end =
        quirk ? (a.end > a.begin + 3 && (text[a.end - 1] == '\'' || text[a.end - 1] == '"'))
              : a.end == e.end;
    if (a.begin != e.begin || !same_end || a.kind != e.kind) {
      return "token " + std::to_string(i) + ": expected " + describe(text, e.begin, e.end, e.kind) +
             ", got " + describe(text, a.begin, a.end, a.kind);
    }
  }
  return "";
}

// Statement ranges as the oracle's tokens give them.
std::vector<std::pair<size_t, size_t>> oracle_ranges(const std::string& text) {
  std::vector<Token> tokens;
  if (auto scanned = oracle_scan(text)) {
    for (const OracleToken& token : *scanned)
      tokens.push_back({token.begin, token.end, token.kind});
  }
  return statement_ranges(text, tokens);
}

void check_same(const std::string& text) {
  INFO("text: ", text);
  CHECK(first_difference(text) == "");
}

}  // namespace

// One input each: a scan that fails rejects the whole text.
TEST_CASE("string literals scan as PostgreSQL's scanner does") {
  for (const char* text : {"SELECT 'it''s'",
                           "SELECT ''",
                           "SELECT 'a\\'",
                           "SELECT 'unterminated",
                           "SELECT '",
                           "SELECT E'a\\'b\\\\'",
                           "SELECT e'\\n\\t\\b\\f\\r\\q\\x41\\x4\\xg\\101\\7\\0101'",
                           "SELECT E'\\u00e9\\U0001F600'",
                           "SELECT E'\\xC3\\xA9'",
                           "SELECT E'\\xff'",
                           "SELECT E'\\0'",
                           "SELECT E'\\x00'",
                           "SELECT E'\\777'",
                           "SELECT E'\\u0000'",
                           "SELECT E'\\u12'",
                           "SELECT E'\\U0001F60'",
                           "SELECT E'\\U00110000'",
                           "SELECT E'\\uD83D\\uDE00'",
                           "SELECT E'\\uD83D\\U0000DE00'",
                           "SELECT E'\\uD83D'",
                           "SELECT E'\\uDE00'",
                           "SELECT E'\\uD83Dx'",
                           "SELECT E'\\uD83D\\u0041'",
                           "SELECT E'\\xC3\\u00e9'",
                           "SELECT E'\\u00e9\\xA9'",
                           "SELECT E'\\xC3' 'x'",
                           "SELECT E'\\xC3'\n'\\xA9'",
                           "SELECT E'\\xC3'\n'\xA9'",
                           "SELECT E'\\",
                           "SELECT E'\\'",
                           "SELECT U&'d\\0061t\\+000061'",
                           "SELECT U&'a''b' UESCAPE '!'",
                           "SELECT U&'\\'",
                           "SELECT B'0101', b'1', X'1F', x''",
                           "SELECT B'0''1'",
                           "SELECT N'national', n''",
                           "SELECT 'a'\n'b'",
                           "SELECT 'a'  \n\t 'b'",
                           "SELECT 'a' 'b'",
                           "SELECT 'a'\r'b'",
                           "SELECT 'a'\r\n  \f'b'",
                           "SELECT 'a' -- c\n'b'",
                           "SELECT E'x'\n'\\n'",
                           "SELECT 'a'\n'",
                           "SELECT 'a' /* c */\n'b'",
                           "SELECT 'a'\n-- c\n'b'",
                           "SELECT 'a'\n-",
                           "SELECT 'a'\n",
                           "'a'\n  'b",
                           "SELECT B'1'\n'0'",
                           "SELECT U&'a'\n'b'",
                           "SELECT 'a'\v\n'b'"}) {
    check_same(text);
  }
}

TEST_CASE("quoted identifiers and comments scan as PostgreSQL's scanner does") {
  for (const char* text : {"SELECT \"Quoted \"\" Ident\"",
                           "SELECT \"\"",
                           "SELECT \"a\"\"\"",
                           "SELECT \"\"\"a\"",
                           "SELECT \"unterminated",
                           "SELECT U&\"d!0061t\" UESCAPE '!'",
                           "SELECT U&\"\"",
                           "SELECT u&x, U&, u & 'x', uu&'x', n'x'",
                           "SELECT U&",
                           "SELECT 1 /* a /* b */ c */ + 2",
                           "/* unterminated /* nested */",
                           "/**/ /***/ /*/ x */ /* ** / */ /* */* */",
                           "/*/",
                           "/* */*/",
                           "SELECT 1 -- trailing comment",
                           "-- only a comment",
                           "--\r\nSELECT 1;--",
                           "SELECT 1;\0 SELECT 'x",
                           "",
                           "  \n\t\f "}) {
    check_same(text);
  }
}

TEST_CASE("the scan stops at a NUL byte, as libpg_query's C string does") {
  std::string text("SELECT 1;\0 SELECT 'x", 20);
  check_same(text);
  CHECK(scan_tokens(text).size() == 3);
}

TEST_CASE("what PostgreSQL's scanner rejects gives no tokens") {
  for (const char* text :
       {"SELECT 'a", "SELECT \"\"", "/* a /* b */", "SELECT $x$ a", "SELECT 0x1F", "SELECT 1_000",
        "SELECT E'\\xff'", "SELECT E'\\u12'", "SELECT $1a"}) {
    INFO("text: ", text);
    CHECK(scan_tokens(text).empty());
  }
}

TEST_CASE("tokens carry their byte offsets and kinds") {
  std::string text = "ALTER TABLE \"T\" ADD c int DEFAULT $$x$$::text; -- done";
  std::vector<std::pair<std::string, Token::Kind>> expected = {
      {"ALTER", Token::Kind::word},    {"TABLE", Token::Kind::word},
      {"\"T\"", Token::Kind::word},    {"ADD", Token::Kind::word},
      {"c", Token::Kind::word},        {"int", Token::Kind::word},
      {"DEFAULT", Token::Kind::word},  {"$$x$$", Token::Kind::string},
      {"::", Token::Kind::other},      {"text", Token::Kind::word},
      {";", Token::Kind::punctuation}, {"-- done", Token::Kind::comment}};
  std::vector<Token> tokens = scan_tokens(text);
  REQUIRE(tokens.size() == expected.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    CHECK(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin) == expected[i].first);
    CHECK(tokens[i].kind == expected[i].second);
  }
}

TEST_CASE("dollar quotes and parameters scan as PostgreSQL's scanner does") {
  for (const char* text :
       {"SELECT $$a$$, $tag$ $$ $ta$ $tag$, $a1$x$a1$, $_$y$_$", "SELECT $é$z$é$",
        "SELECT $1, $12::int", "SELECT $1a", "SELECT $1.5, $ 1, $a, $a b, a$b, a$1$",
        "SELECT $$unterminated", "SELECT $abc$ $abcd$ $ab$ $abc$", "$$$$", "$x$$x$", "SELECT $1$2",
        "$", "$$", "$a", "$1_", "$a$b$a$", "$a$$a$$a$"}) {
    check_same(text);
  }
}

TEST_CASE("numbers scan as PostgreSQL 15's scanner does") {
  for (const char* text : {"SELECT 1, 1.5, .5, 5., 1.5e10, 1e10, 1E+10, 1.e-3, .5e2",
                           "99999999999",
                           "SELECT 1..5, 1...2",
                           "SELECT 0x1F",
                           "SELECT 1_000",
                           "SELECT 1e",
                           "SELECT 1e+",
                           "SELECT 1.5e",
                           "SELECT 1a",
                           "SELECT 1.a",
                           "SELECT 1e5x",
                           "SELECT t.1",
                           "SELECT 1.5.6",
                           "SELECT a[1:2]",
                           "1$",
                           "1é",
                           "1.5é",
                           "1e5_",
                           ".5a",
                           "1.."}) {
    check_same(text);
  }
}

TEST_CASE("operators scan as PostgreSQL's scanner does") {
  for (const char* text :
       {"SELECT a::int, a := 1, a => 1, a <= b, a >= b, a <> b, a != b, a..b, a<=>b",
        "SELECT 1=-1, 1+-1, a@-b, a?-b, a*-b, a--b\n, a/*c*/b, a+/*c*/b, a!=-1, a<=-1",
        "SELECT a ~~ b, a !~* b, a @@ b, a #> b, a ->> b, a || b, a |/ b, ~a, !!a, a % b",
        "SELECT a =- b, a =+- b, a <-- b, a </* b */, a ^ b, a ` b, a ? b, a */ b",
        "SELECT a{b}c\\d\x01e\x7f\vf", "SELECT a;;b; ;", "SELECT a, (b), [c], d.e, f:g"}) {
    check_same(text);
  }
  // An operator of 64 characters or more is an error; trailing +s are cut first.
  for (size_t length : {63, 64, 65}) {
    check_same("SELECT 1 " + std::string(length, '~') + " 2");
    check_same("SELECT 1 " + std::string(length, '+') + " 2");
    check_same("SELECT 1 @" + std::string(length, '-') + " 2");
  }
}

TEST_CASE("identifiers and keywords scan as PostgreSQL's scanner does") {
  for (const char* text :
       {"CREATE TABLE café (ñ int, _x$y int, \xE2\x82\xAC int, select_ int, \"SELECT\" int)",
        "SELECT NCHAR, nationaL, Current_Timestamp, xmlelement, u, e, b, x, n, U, E, B, X, N"}) {
    check_same(text);
  }
}

// Short strings over the characters that matter to the scanner's rules: every
// rule's edges, including the ones nobody writes by hand.
TEST_CASE("generated inputs scan as PostgreSQL's scanner does") {
  const std::string alphabet = "'\"$-/*eEuUbBxXnN&\\0179.+:=<>!~?;a_ \n\t(";
  std::mt19937 random(20261204);
  std::uniform_int_distribution<size_t> length(1, 12), pick(0, alphabet.size() - 1);
  int differences = 0;
  for (int n = 0; n < 4000; ++n) {
    std::string text;
    for (size_t k = length(random); k > 0; --k) text += alphabet[pick(random)];
    std::string difference = first_difference(text);
    if (difference.empty()) continue;
    INFO("text: ", text);
    CHECK(difference == "");
    if (++differences == 10) break;
  }
}

// Every SQL file the project has, whole and statement by statement, and the
// benchmark corpora (generated as bench/run.sh does).
TEST_CASE("every SQL file of the tests, the examples and the benchmark scans the same") {
  TempDir corpus;
  auto generated = migcheck::testing::run_command("/usr/bin/python3 bench/gen_corpus.py " +
                                                  migcheck::testing::shell_quote(corpus.path()));
  REQUIRE(generated.exit_code == 0);
  std::vector<std::filesystem::path> files;
  for (const char* root : {"tests", "examples", "bench"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      bool hidden = entry.path().string().find("/.") != std::string::npos;  // bench/.corpus
      if (entry.path().extension() == ".sql" && !hidden) files.push_back(entry.path());
    }
  }
  files.push_back(corpus / "big.sql");
  for (const auto& entry : std::filesystem::directory_iterator(corpus / "many")) {
    files.push_back(entry.path());
  }
  REQUIRE(files.size() > 2500);
  size_t statements = 0;
  for (const auto& file : files) {
    std::string text = migcheck::testing::read_file(file);
    INFO("file: ", file.string());
    CHECK(first_difference(text) == "");
    auto ranges = statement_ranges(text);
    CHECK(ranges == oracle_ranges(text));
    for (auto [begin, end] : ranges) {
      std::string statement = text.substr(begin, end - begin);
      if (std::string difference = first_difference(statement); !difference.empty()) {
        INFO("statement: ", statement);
        CHECK(difference == "");
      }
      ++statements;
    }
  }
  CHECK(statements > 40000);
}

TEST_CASE("a word is lower-cased unless quoted, and U&\"..\" is unquoted like \"..\"") {
  CHECK(normalized_word("FooBar") == "foobar");
  CHECK(normalized_word("\"A\"\"b\"") == "A\"b");
  CHECK(normalized_word("U&\"Ab\"") == "Ab");
  CHECK(normalized_word("u&\"d\\0061t\"") == "d\\0061t");
  CHECK(normalized_word("U&") == "u&");
}
