#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migrations/alembic/python_expr.h"
#include "migrations/alembic/sqlalchemy_types.h"

namespace migcheck {

// A foreign key from sa.ForeignKey("table.col") on a column,
// sa.ForeignKeyConstraint(...) in a table, or op.create_foreign_key(...).
struct ForeignKeySpec {
  std::optional<std::string> name;
  std::vector<std::string> columns;
  std::string ref_schema;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::optional<std::string> ondelete;
  std::optional<std::string> onupdate;
  std::optional<std::string> match;
  std::optional<bool> deferrable;
  std::optional<std::string> initially;
  bool not_valid = false;  // postgresql_not_valid=True
};

// Reads ondelete=, onupdate=, match=, deferrable=, initially= and
// postgresql_not_valid= from a call's keywords.
void read_foreign_key_options(const PyExpr& call, ForeignKeySpec& fk);
// "FOREIGN KEY(a) REFERENCES t (b) ON DELETE CASCADE NOT VALID", as
// SQLAlchemy orders the clauses.
std::string foreign_key_clause(const ForeignKeySpec& fk);
// " DEFERRABLE INITIALLY DEFERRED" or "".
std::string deferrability(const PyExpr& call);
// "CONSTRAINT name " or "" when unnamed.
std::string constraint_prefix(const std::optional<std::string>& name);

// sa.Column(name, type, *constraints, **options).
struct ColumnSpec {
  std::string name;
  ColumnType type;
  bool primary_key = false;
  std::optional<bool> nullable;  // as written; unset means SQLAlchemy's default
  bool unique = false;
  bool index = false;
  std::optional<bool> autoincrement;  // unset is SQLAlchemy's "auto"
  std::optional<std::string> server_default;
  std::string generated;  // "GENERATED ... AS IDENTITY" or "GENERATED ALWAYS AS (...) STORED"
  bool identity = false;
  bool sequence = false;  // sa.Sequence(...): no SERIAL
  std::optional<std::string> comment;
  std::vector<ForeignKeySpec> foreign_keys;
  // sa.CheckConstraint(...) given to the column: "[CONSTRAINT name] CHECK (...)",
  // which SQLAlchemy writes after the column's definition.
  std::vector<std::string> checks;
};
ColumnSpec read_column(const PyExpr& column);

// SQLAlchemy's choice of the table's autoincrement column for a column that
// is the table's only primary key column: SERIAL for an integer type.
bool is_serial(const ColumnSpec& column);
// "name TYPE DEFAULT x NOT NULL CHECK (...)" (SERIAL in place of the type when
// `serial`).
std::string column_definition(const ColumnSpec& column, bool not_null, bool serial);

// A table-level constraint passed to op.create_table.
struct TableConstraint {
  enum class Kind { primary_key, foreign_key, unique, check };
  Kind kind;
  std::optional<std::string> name;
  std::vector<std::string> columns;  // primary key, unique
  ForeignKeySpec foreign_key;
  std::string sql;  // the full clause for CREATE TABLE
};
// Returns nullopt when `expr` is not a constraint construct.
std::optional<TableConstraint> read_table_constraint(const PyExpr& expr);

// sa.schema.CreateSequence(sa.Sequence("name", schema=...)) or DropSequence(...)
// given to op.execute: CREATE SEQUENCE [schema.]name START WITH 1 or DROP
// SEQUENCE [schema.]name, as SQLAlchemy 1.4 compiles them; nullopt when
// `expr` is neither. Throws UnresolvedArgument for one with arguments not
// modelled.
std::optional<std::string> render_sequence_statement(const PyExpr& expr);

}  // namespace migcheck
