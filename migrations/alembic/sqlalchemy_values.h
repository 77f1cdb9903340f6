#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_expr.h"

namespace migcheck {

// An argument whose value only running Python would know (a variable, a loop
// value, a construct migcheck does not model). `offset` is where it starts in
// the file; the op call becomes an unresolved-operation finding.
class UnresolvedArgument : public std::runtime_error {
 public:
  UnresolvedArgument(const std::string& what, size_t offset)
      : std::runtime_error(what), offset_(offset) {}
  size_t offset() const { return offset_; }

 private:
  size_t offset_;
};

// The last name of a call's callee or of an attribute chain: "Column" for
// sa.Column(...), sqlalchemy.Column or Column. Empty for anything else.
std::string construct_name(const PyExpr& expr);
// True for a call (or a bare class) whose construct_name is `name`.
bool is_construct(const PyExpr& expr, std::string_view name);

// A string argument: a literal, op.f("x") or sa.quoted_name("x", ...).
std::string string_value(const PyExpr& expr, std::string_view what);
// As string_value, with None (or an absent argument) as nullopt.
std::optional<std::string> optional_string(const PyExpr* expr, std::string_view what);
std::vector<std::string> string_list(const PyExpr& expr, std::string_view what);
bool bool_value(const PyExpr* expr, bool fallback, std::string_view what);
// An integer literal as written.
std::string number_value(const PyExpr& expr, std::string_view what);

// SQL given as text: a string literal or sa.text("...") / text("...").
// Returns the expression holding the literal (for source mapping).
const PyExpr& sql_text_literal(const PyExpr& expr, std::string_view what);
// A server-side default as SQLAlchemy renders it: "'x'" for a string,
// the text of sa.text(...), now() for sa.func.now(), true for sa.true().
std::string render_server_default(const PyExpr& expr);
// The qualified name of sa.Sequence("name"[, schema=...]); nullopt for
// anything else. Throws UnresolvedArgument for a Sequence with other options.
std::optional<std::string> sequence_name(const PyExpr& expr);
// An expression used as SQL: sa.text("..."), a literal string taken as SQL
// text, sa.func.f(...), sa.true()/false()/null(), Sequence(...).next_value().
std::string render_sql_expression(const PyExpr& expr, std::string_view what);

}  // namespace migcheck
