#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_expr.h"
#include "migrations/alembic/python_tokens.h"

namespace migcheck {

// Whether the condition in tokens [first, last) of an `if` or `elif` is true,
// when Python's answer follows from values written in the file: `==`, `!=`,
// `in`, `not in`, `is None`, `is not None` between literals (after
// `resolve` has replaced the names it knows), `not`, `and`, `or`,
// parentheses and a literal's truth. nullopt when running code is needed
// (a name not known, a call, a chained comparison, anything else).
std::optional<bool> decide_condition(std::string_view source, const std::vector<PyToken>& tokens,
                                     size_t first, size_t last,
                                     const std::function<PyExpr(const PyExpr&)>& resolve);

}  // namespace migcheck
