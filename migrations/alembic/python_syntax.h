#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_tokens.h"

namespace migcheck {

// Throws InputError "path:line:col: invalid syntax: ..." for an '=' where
// Python requires an expression: in the condition of `if`, `elif` or `while`,
// and in a call's arguments other than `name=value` keyword arguments (and in
// parentheses that group an expression). Python refuses to import such a
// module, so Alembic cannot load the revision; the reader alone would read
// past it. `tokens` are tokenize_python's without the comments.
void check_assignments_in_expressions(std::string_view source, const std::vector<PyToken>& tokens,
                                      const std::string& path);

}  // namespace migcheck
