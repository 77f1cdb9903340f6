#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "migrations/alembic/python_expr.h"

namespace migcheck {

// A column's type as far as bulk_insert renders a Python value for it as a
// literal: a string, an integer or a bool for the first three; `unknown` when
// the type is not in the file (values render by their own kind); `other` for
// any other type, or none, whose literals migcheck does not render (a value of
// the wrong kind fails in SQLAlchemy, a type left out may render differently).
enum class ValueType { string, integer, boolean, unknown, other };

// A table that bulk_insert and Core statements (t.update(), sa.delete(t), ...)
// act on.
struct CoreTable {
  std::string name;
  std::string schema;
  // sa.column(...)s in order; for quay's `tables.<name>` (the metadata its
  // env.py passes to upgrade(op, tables, tester)) the columns are not in the
  // file: `columns_known` is false and values render by their own kind.
  std::vector<std::pair<std::string, ValueType>> columns;
  bool columns_known = true;

  std::string sql_name() const;
  // The type of column `name`; throws UnresolvedArgument when the table has
  // no such column (SQLAlchemy fails there too).
  ValueType column_type(const std::string& name, const PyExpr& where) const;
};

// sa.table("t", sa.column("c", sa.String), ..., schema="s") or
// `tables.<name>`; nullopt for anything else. Throws UnresolvedArgument for a
// table() whose names are not literals.
std::optional<CoreTable> read_core_table(const PyExpr& expr);

// A value only running code knows: a name, an attribute of one (not a
// table's column), a method call on one or a Python conversion of one, a
// string built from them (not other calls, which may build SQL such as
// sa.func.now()). Sent as a bind parameter, it is written $1, $2, ...
bool is_runtime_value(const PyExpr& value);

// A Python value as SQLAlchemy renders it as a literal of `type`: 'text',
// 42, true; None is NULL for any type. Throws UnresolvedArgument for any
// other value or a value of the wrong kind for the type.
std::string render_literal(const PyExpr& value, ValueType type);

// The SQL of a SQLAlchemy Core statement given to op.execute or a
// connection's execute: t.delete(), t.update(), t.insert() or
// sa.delete(t) / sa.update(t) / sa.insert(t), sa.select(t) or
// sa.select(t.c.a, ...) of one table (.distinct()), with .where(...) criteria
// (comparisons of columns, .is_(), .is_not(), .in_([...]), .in_/.not_in of a
// select, .like(), .ilike(), & and |, sa.and_/sa.or_; other tables' columns
// join those tables: UPDATE ... FROM, DELETE ... USING) and .values(...); a
// sa.table(...) of sa.column(...)s or sa.Column(...)s. As SQLAlchemy sends
// it: a Python value, written in the file or known only to running code (a
// name, an attribute of one), is a bind parameter, rendered $1, $2, ...;
// None compared is IS NULL, True/False, op.inline_literal(...) and
// sa.null()/sa.func.f() are inline. nullopt when `expr` is not such a
// statement; throws UnresolvedArgument for a part not modelled.
std::optional<std::string> render_core_statement(const PyExpr& expr);

}  // namespace migcheck
