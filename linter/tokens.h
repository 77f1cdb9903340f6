#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace migcheck {

// One lexical token of PostgreSQL's own scanner (pg_query_scan). Parse trees
// lack locations for some clauses (an ALTER TABLE command has none), so
// findings locate their clause through these byte offsets.
struct Token {
  enum class Kind { keyword, identifier, string, number, comment, punctuation, other };
  size_t begin;  // byte offsets into the scanned text
  size_t end;
  Kind kind;
};

// Tokens of `text`, comments included. Returns an empty list when the scanner
// rejects the text (an unterminated quote, say).
std::vector<Token> scan_tokens(std::string_view text);

// The word a token spells for matching clauses: keywords and plain identifiers
// lower-cased, quoted identifiers unquoted as written.
std::string normalized_word(std::string_view token_text);

}  // namespace migcheck
