#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/location.h"
#include "linter/source_map.h"
#include "linter/tokens.h"

namespace migcheck {

// A unit's SQL with its tokens, comments left out: what the fixes of an
// ALTER TABLE command written in SQL (a .sql file, an op.execute literal) read.
struct UnitTokens {
  const SqlUnit& unit;
  std::vector<Token> tokens;

  explicit UnitTokens(const SqlUnit& sql_unit);
  std::string_view text(size_t i) const {
    if (i >= tokens.size()) return {};
    return std::string_view(unit.sql).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  std::string word(size_t i) const { return normalized_word(text(i)); }
};

// The first token from `from` on of word `word` that a finding at `location`
// points at (all of an op call's SQL points at the whole call).
std::optional<size_t> token_at(const UnitTokens& unit, std::string_view word,
                               const Location& location, size_t from = 0);

// The table of the ALTER TABLE statement holding token `at`, as written
// (quotes and schema kept): ALTER TABLE [IF EXISTS] [ONLY] name. Empty when
// the statement is not one.
std::string altered_table(const UnitTokens& unit, size_t at);

// The SQL offset where the ALTER TABLE command starting at token `at` ends:
// its last token before the comma of the next command, or the statement's.
size_t command_end(const UnitTokens& unit, size_t at);

}  // namespace migcheck
