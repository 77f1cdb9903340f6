#pragma once
#include <set>
#include <string>

#include "migrations/alembic/python_expr.h"

namespace migcheck {

// Settings read from the environment, as the process Alembic runs in would
// read them if it had migcheck's environment: os.environ.get(name[, default])
// and os.getenv(name[, default]) are the variable's value when it is set,
// else the default the code gives (None without one). Each read in `expr` is
// replaced by that value, and `notes` gains one note per variable saying
// which of the two was used ("environment variable X: ..."), for the
// findings about SQL built from it. The values themselves stay out of the
// notes: they are often passwords.
PyExpr with_environment(const PyExpr& expr, std::set<std::string>& notes);

}  // namespace migcheck
