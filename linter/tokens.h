#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace migcheck {

// One lexical token as PostgreSQL's scanner cuts SQL. Parse trees lack
// locations for some clauses (an ALTER TABLE command has none), so findings
// locate their clause through these byte offsets.
struct Token {
  // A word is a keyword or an identifier (quoted or not): no rule tells the
  // two apart, and a word longer than any keyword is an identifier. Strings
  // include dollar quotes; punctuation is one character (; , ( . and the like,
  // and a lone $); other is a longer operator, ::, .., := or a parameter $1.
  enum class Kind { word, string, number, comment, punctuation, other };
  size_t begin;  // byte offsets into the scanned text
  size_t end;
  Kind kind;
};

// Tokens of `text`, comments included. Returns an empty list when the scanner
// rejects the text (an unterminated quote, say).
std::vector<Token> scan_tokens(std::string_view text);

// The statements of SQL text as byte ranges, split at top-level semicolons by
// PostgreSQL's scanner: from the first token that is not a comment up to and
// including the semicolon (a last statement without one ends at its last
// token). Empty when the scanner rejects the text. The first form takes the
// text's tokens when the caller has them already.
std::vector<std::pair<size_t, size_t>> statement_ranges(std::string_view sql,
                                                        const std::vector<Token>& tokens);
std::vector<std::pair<size_t, size_t>> statement_ranges(std::string_view sql);

// The word a token spells for matching clauses: keywords and plain identifiers
// lower-cased, quoted identifiers unquoted as written (U&"..." too, its
// escapes left as written).
std::string normalized_word(std::string_view token_text);

}  // namespace migcheck
