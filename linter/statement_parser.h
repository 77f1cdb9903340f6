#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "linter/json_tree.h"

namespace migcheck {

// One top-level statement as libpg_query parsed it.
struct ParsedStatement {
  const JsonNode& stmt;  // RawStmt.stmt, e.g. {"AlterTableStmt": {...}}
  size_t begin;          // byte range in the SQL, leading comments and blanks trimmed
  size_t end;            // exclusive, before the terminating semicolon
  size_t base;           // add to the tree's "location" values to get SQL offsets
};

struct SyntaxError {
  std::string message;  // PostgreSQL's own words
  size_t offset;        // byte offset in the SQL where PostgreSQL points
};

// The parse of a SQL text of at most kParsePieceBytes, made ahead of time (on
// another thread) and handed to parse_statements with that same text: files
// linted in order, each after the one before, can then be parsed in parallel.
class PreparsedSql;
struct PreparsedSqlDeleter {
  void operator()(PreparsedSql* parsed) const;
};
using PreparsedSqlPtr = std::unique_ptr<PreparsedSql, PreparsedSqlDeleter>;

// Parses `sql` ahead when it fits in one piece; null for larger input, which
// parse_statements cuts into pieces and parses ahead on its own. Call on a
// BigStackThread.
PreparsedSqlPtr preparse_statements(const std::string& sql);

// Parses `sql` and calls `visit` for each statement in order. Input larger
// than kParsePieceBytes is parsed in smaller pieces cut at statement
// boundaries, the next piece on another thread while `visit` runs, so a
// file's whole parse tree is never held at once. `preparsed`, when given,
// is preparse_statements(sql) done earlier. On a syntax error the statements
// before it are visited and the error is returned. Call on a BigStackThread.
std::optional<SyntaxError> parse_statements(
    const std::string& sql, const std::function<void(const ParsedStatement&)>& visit,
    PreparsedSqlPtr preparsed = nullptr);

inline constexpr size_t kParsePieceBytes = 64 * 1024;

// Skips blanks and SQL comments (nested /* */ included) from `offset`.
size_t skip_blanks_and_comments(std::string_view sql, size_t offset);

}  // namespace migcheck
