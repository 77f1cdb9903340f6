#pragma once
#include <string>
#include <vector>

#include "migrations/alembic/python_expr.h"

namespace migcheck {

// The statements alembic-postgresql-enum (an Alembic plugin its env.py
// activates by importing it) runs for
// `op.sync_enum_values(enum_schema, enum_name, new_values, affected_columns,
// enum_values_to_rename)`: the type is renamed to <name>_old, made anew with
// the new values, and every affected column is converted to it (ALTER COLUMN
// ... TYPE, a rewrite of its table) with the help of two temporary
// comparison operators, then the old type is dropped. A column given as a
// tuple, the plugin's old style, has its default read from the database at
// run time: the statements that drop and restore it are not known here and
// are left out. alembic-autogenerate-enums's operation of the same name is
// told apart by its arguments. Throws UnresolvedArgument for values that are
// not literals.
std::vector<std::string> enum_sync_statements(const PyExpr& call);

}  // namespace migcheck
