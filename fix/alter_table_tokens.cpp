#include "fix/alter_table_tokens.h"

namespace migcheck {

UnitTokens::UnitTokens(const SqlUnit& sql_unit)
    : unit(sql_unit), tokens(scan_tokens(sql_unit.sql)) {
  std::erase_if(tokens, [](const Token& t) { return t.kind == Token::Kind::comment; });
}

std::optional<size_t> token_at(const UnitTokens& unit, std::string_view word,
                               const Location& location, size_t from) {
  for (size_t i = from; i < unit.tokens.size(); ++i) {
    if (unit.word(i) != word) continue;
    Location at = unit.unit.map.locate(unit.tokens[i].begin, unit.tokens[i].end);
    if (at.line == location.line && at.column == location.column) return i;
  }
  return std::nullopt;
}

std::string altered_table(const UnitTokens& unit, size_t at) {
  size_t start = at;
  while (start > 0 && unit.text(start - 1) != ";") --start;
  size_t i = start;
  for (std::string_view word : {"alter", "table"}) {
    if (i >= at || unit.word(i++) != word) return "";
  }
  if (unit.word(i) == "if" && unit.word(i + 1) == "exists") i += 2;
  if (unit.word(i) == "only") ++i;
  size_t first = i;
  while (i + 2 < at && unit.text(i + 1) == ".") i += 2;
  return std::string(unit.unit.sql.substr(unit.tokens[first].begin,
                                          unit.tokens[i].end - unit.tokens[first].begin));
}

size_t command_end(const UnitTokens& unit, size_t at) {
  size_t end = unit.tokens[at].end;
  int depth = 0;
  for (size_t i = at; i < unit.tokens.size(); ++i) {
    std::string_view text = unit.text(i);
    if (text == "(") ++depth;
    if (text == ")") --depth;
    if ((text == "," && depth == 0) || text == ";") break;
    end = unit.tokens[i].end;
  }
  return end;
}

}  // namespace migcheck
