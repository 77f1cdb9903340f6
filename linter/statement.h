#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

#include "linter/json_tree.h"
#include "linter/statement_parser.h"

namespace migcheck {

// A byte range of the unit's SQL that a finding points at.
struct Span {
  size_t begin;
  size_t end;
};

// One statement as rules see it: its parse tree, its text and where it is.
struct Statement {
  // The statement `parsed` found in `sql`, the index-th of its unit.
  Statement(const ParsedStatement& parsed, std::string_view sql, size_t index);

  const JsonNode& node;   // {"AlterTableStmt": {...}}
  std::string_view type;  // "AlterTableStmt"
  const JsonNode& body;   // the inner object
  std::string_view sql;   // the whole unit's SQL (or the statement's own text, see anchor)
  size_t begin;           // the statement's byte range in `sql`
  size_t end;
  size_t base;   // added to the tree's "location" values
  size_t index;  // 0-based position within the unit
  // True when this statement comes from inside a DO block or EXECUTE string
  // rather than the migration's own top level.
  bool nested = false;
  // Set when the statement's text does not appear verbatim in the unit (an
  // EXECUTE string with doubled quotes): `sql` is then the statement's own
  // text, and findings point at this span of the unit instead.
  std::optional<Span> anchor;
  // An ALTER TABLE of a table (not of an index, view or sequence): its list of
  // AlterTableCmd nodes, found once for the dozens of rules that walk it. The
  // null node (no commands) for any other statement.
  const JsonNode& table_commands;

  std::string_view text() const { return sql.substr(begin, end - begin); }
  // The SQL offset of a node's "location" field, or the statement start.
  size_t offset_of(const JsonNode& node_with_location) const {
    long long location = node_with_location["location"].integer(-1);
    return location < 0 ? begin : base + static_cast<size_t>(location);
  }
  // Where a span of `sql` lies in the unit's SQL.
  Span in_unit(Span span) const { return anchor ? *anchor : span; }
};

}  // namespace migcheck
