#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "linter/location.h"
#include "migrations/alembic/python_module.h"
#include "migrations/migration_set.h"

namespace migcheck {

// An op call in a revision file, as the source map has it.
struct OpCall {
  const SqlUnit* unit = nullptr;
  size_t begin = 0;  // file offsets of the call expression
  size_t end = 0;
  const std::string& text() const { return unit->map.file()->text(); }
  const std::string& path() const { return unit->map.file()->path(); }
  std::string_view call() const { return std::string_view(text()).substr(begin, end - begin); }
};

// The call whose generated SQL a finding at `location` points at.
std::optional<OpCall> call_at(const MigrationSet& set, const Location& location);

// The call's expression as read from its revision file; `module` gets the
// file's tokens, which the expression's offsets point into. Nothing when the
// file does not read as Python (the lint reported that).
std::optional<PyExpr> call_expression(const OpCall& call, PyModule& module);

// The call whose op.execute literal holds file offset `offset` of `unit`.
std::optional<OpCall> call_around(const SqlUnit& unit, size_t offset);

// The file offset where the line holding `offset` starts.
size_t line_start(const std::string& text, size_t offset);

// `call` (the text of a call expression) with `name=value` added as its last
// keyword argument, in the call's style: on a line of its own when the
// closing parenthesis is on one. Nothing for a call without arguments.
std::optional<std::string> with_keyword(std::string_view call, std::string_view keyword);

// A Python string literal of `text`.
std::string python_string(const std::string& text);

}  // namespace migcheck
