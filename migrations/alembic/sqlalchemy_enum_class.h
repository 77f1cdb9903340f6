#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migrations/alembic/python_expr.h"
#include "migrations/alembic/python_imports.h"

namespace migcheck {

// sa.Enum(TheClass, ...) (`call`, whose first argument names a Python enum
// class with `members`, defined as `class_name`) as SQLAlchemy reads it: its
// values are the members' names, or what values_callable returns when it is
// the common `lambda x: [e.value for e in x]` (or `e.name`); and its name,
// unless given, the class's name in lower case. Returns the call with the
// values in place of the class, or nullopt when the values are not known
// (another values_callable, a value that is not a string, an alias).
std::optional<PyExpr> enum_of_class(const PyExpr& call, const std::vector<EnumMember>& members,
                                    const std::string& class_name);

}  // namespace migcheck
