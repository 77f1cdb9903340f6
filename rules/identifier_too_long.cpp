#include <array>
#include <set>

#include "linter/byte_words.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

// PostgreSQL's NAMEDATALEN - 1.
constexpr size_t kMaxIdentifierBytes = 63;

// The name as PostgreSQL keeps it: 63 bytes, cut back to a UTF-8 character start.
std::string truncated(const std::string& name) {
  size_t length = kMaxIdentifierBytes;
  while (length > 0 && (static_cast<unsigned char>(name[length]) & 0xC0) == 0x80) --length;
  return name.substr(0, length);
}

// Most statements cannot hold a long identifier: no quoted one, and no run of
// more than 63 identifier bytes. Checking that costs less than their tokens.
bool may_hold_long_identifier(std::string_view text) {
  if (text.find('"') != std::string_view::npos) return true;
  // A run of 64 bytes covers at least seven whole eight-byte words, and a
  // word with a space, newline or other byte below '$' ends any run: most
  // statements are ruled out a word at a time, without the byte loop.
  constexpr size_t kWordsInLongestRun = 7;
  size_t unbroken = 0;
  for (size_t at = 0; at + 8 <= text.size(); at += 8) {
    unbroken = byte_words::has_below(byte_words::load(text, at), '$') ? 0 : unbroken + 1;
    if (unbroken == kWordsInLongestRun) break;
  }
  if (unbroken < kWordsInLongestRun) return false;
  // A table, not comparisons: this runs over every byte of such a statement.
  static constexpr auto kIdentifierByte = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) {
      table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '$' || c >= 0x80;
    }
    return table;
  }();
  size_t run = 0;
  for (char c : text) {
    run = kIdentifierByte[static_cast<unsigned char>(c)] ? run + 1 : 0;
    if (run > kMaxIdentifierBytes) return true;
  }
  return false;
}

void check(const Statement& statement, RuleContext& context) {
  if (!may_hold_long_identifier(statement.text())) return;
  std::set<std::string> reported;
  for (const Token& token : context.tokens(statement)) {
    if (token.kind != Token::Kind::word) continue;
    std::string name = normalized_word(statement.sql.substr(token.begin, token.end - token.begin));
    if (name.size() <= kMaxIdentifierBytes || !reported.insert(name).second) continue;
    context.report({token.begin, token.end},
                   "Identifier `" + name + "` is " + std::to_string(name.size()) +
                       " bytes; PostgreSQL silently truncates it to `" + truncated(name) + "`.");
  }
}

}  // namespace

const Rule kIdentifierTooLongRule{
    .id = "identifier-too-long",
    .severity = Severity::error,
    .summary = "An identifier is longer than PostgreSQL's 63-byte limit",
    .lock = "",
    .rationale =
        "PostgreSQL truncates identifiers to 63 bytes with only a NOTICE. Two long names that "
        "share their first 63 bytes (generated index or constraint names often do) become the "
        "same name, so the second CREATE fails or a DROP hits the wrong object, and the name "
        "in the database no longer matches the one in the code or ORM.",
    .safe_alternative =
        "Shorten the name to at most 63 bytes (UTF-8), and name constraints and "
        "indexes explicitly.",
    .check = check,
};

}  // namespace migcheck
