#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_expr.h"

namespace migcheck {

// The table of `with op.batch_alter_table("t", schema=...) as batch_op:`,
// which batch_op.* calls act on. On PostgreSQL Alembic's batch mode emits
// plain ALTER statements ("recreate" defaults to "auto", which only SQLite
// triggers).
struct BatchTable {
  std::string name;
  std::string schema;
};

// True for the op.* methods translate_op_call knows (execute excluded: its
// SQL is mapped into the literal by the translator).
bool is_translated_op(std::string_view method);

// The PostgreSQL statements (without trailing semicolons) that Alembic's
// offline mode emits for `op.<method>(...)`, or `batch_op.<method>(...)` when
// `batch` is set. Throws UnresolvedArgument when an argument is not a
// literal or the call is not one migcheck translates.
std::vector<std::string> translate_op_call(std::string_view method, const PyExpr& call,
                                           const BatchTable* batch);

// The statement `enum_type.create(bind)` or `.drop(bind)` runs for a
// native enum type given as sa.Enum(..., name=...) or postgresql.ENUM(...):
// CREATE TYPE ... AS ENUM or DROP TYPE. Throws UnresolvedArgument for a type
// migcheck cannot render or one that is not a native enum.
std::string translate_enum_method(std::string_view method, const PyExpr& enum_type);

}  // namespace migcheck
