#pragma once
#include <optional>
#include <string>
#include <vector>

#include "linter/statement.h"

namespace migcheck {

// One SQL statement text a DO block runs.
struct EmbeddedSql {
  std::string text;  // the SQL as PostgreSQL runs it
  // Where `text` appears verbatim in the unit's SQL; unset when it does not
  // (an EXECUTE string with doubled quotes), and findings then point at `anchor`.
  std::optional<size_t> offset;
  Span anchor{0, 0};
};

struct DoBlockSql {
  std::vector<EmbeddedSql> statements;  // in the order they are written
  std::optional<std::string> error;     // PL/pgSQL's own message when the body does not parse
};

// The SQL a DO statement runs at migration time, found by libpg_query's
// PL/pgSQL parser: plain SQL statements of the body (nested blocks, IFs and
// loops included), EXECUTE of a string literal, and COMMIT/ROLLBACK. Dynamic EXECUTEs of built
// strings cannot be known and are left out; so are DO blocks in languages
// other than PL/pgSQL.
DoBlockSql do_block_statements(const Statement& do_statement);

}  // namespace migcheck
