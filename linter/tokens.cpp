#include "linter/tokens.h"

#include <string>

#include "linter/ascii_text.h"

namespace migcheck {

std::string normalized_word(std::string_view text) {
  if (text.size() >= 4 && (text[0] == 'u' || text[0] == 'U') && text[1] == '&' && text[2] == '"') {
    text.remove_prefix(2);
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    std::string word;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      word += text[i];
      if (text[i] == '"') ++i;  // "" inside a quoted identifier
    }
    return word;
  }
  return ascii_lower(text);
}

std::vector<std::pair<size_t, size_t>> statement_ranges(std::string_view sql,
                                                        const std::vector<Token>& tokens) {
  std::vector<std::pair<size_t, size_t>> statements;
  constexpr size_t kNone = std::string_view::npos;  // not std::optional: GCC 12 -O2 misreports it
  size_t begin = kNone;
  size_t last_end = 0;
  for (const Token& token : tokens) {
    if (token.kind == Token::Kind::comment) continue;
    if (begin == kNone) begin = token.begin;
    last_end = token.end;
    if (token.kind == Token::Kind::punctuation && sql.substr(token.begin, 1) == ";") {
      statements.emplace_back(begin, token.end);
      begin = kNone;
    }
  }
  if (begin != kNone) statements.emplace_back(begin, last_end);
  return statements;
}

std::vector<std::pair<size_t, size_t>> statement_ranges(std::string_view sql) {
  return statement_ranges(sql, scan_tokens(sql));
}

}  // namespace migcheck
