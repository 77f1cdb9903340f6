#pragma once
#include "migrations/alembic/python_expr.h"

namespace migcheck {

// The value Python computes for the few operations migrations build names and
// SQL with, when every operand is known (names already replaced by their
// values): `+` of strings, lists or tuples; `%` formatting (%s, %d, %i, %%,
// %(key)s); "...".format(...) ({}, {0}, {name}, {x!s}); a string's
// replace(), lower(), upper() and join() of strings; list(), tuple()
// and str(). The result of an operation on strings maps to the whole
// expression (a `+` keeps each side's own map). Anything else, or an operation
// whose outcome this does not model exactly (a format spec, non-ASCII case
// mapping, a float's str()), is returned as it is, and stays unresolved.
PyExpr evaluate(const PyExpr& expr);

}  // namespace migcheck
