#pragma once
#include <map>
#include <optional>
#include <string>

#include "migrations/alembic/python_expr.h"

namespace migcheck {

// The value Python computes for the few operations migrations build names and
// SQL with, when every operand is known (names already replaced by their
// values): `+` of strings, lists or tuples; `%` formatting (%s, %d, %i, %%,
// %(key)s); "...".format(...) ({}, {0}, {name}, {x!s}); a string's
// replace(), lower(), upper() and join() of strings; list(), tuple(),
// str() and urllib.parse.quote_plus(); `or` and `and` of a literal and
// another value (`or` of an unknown value is `other`). The result of an operation on strings maps
// to the whole expression (a `+` keeps each side's own map). Anything else, or an operation whose
// outcome this does not model exactly (a format spec, non-ASCII case mapping, a float's str()), is
// returned as it is, and stays unresolved.
PyExpr evaluate(const PyExpr& expr);

// Python's truth of a literal value (an empty string or container, 0, None
// and False are false); nullopt for anything else.
std::optional<bool> truth(const PyExpr& value);

// Names and the values known for them.
using PyEnv = std::map<std::string, PyExpr>;

// Replaces names bound to known values, then evaluates, so
// `op.add_column(TABLE, ...)` with a module-level TABLE = "users" reads as a
// literal, and so do f"DROP TABLE {TABLE}", TABLE + "_id" and
// "DROP TABLE %s" % TABLE.
PyExpr substitute(const PyExpr& expr, const PyEnv& env);

}  // namespace migcheck
