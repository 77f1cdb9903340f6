#pragma once
#include <cstddef>
#include <string_view>

#include "migrations/alembic/python_module.h"

namespace migcheck {

// Python's own lists, sets and dicts in migration code: changing one
// (`seen.add(x)`, `rows.append(r)`, `updates[k] = v`) does nothing to the
// database, so the reader need not report it.

// True when `value` builds a new list, set or dict: a display or a
// comprehension (`[...]`, `{...}`), or list()/set()/dict().
bool builds_collection(const PyModule& module, const PyExpr& value);

// A method of list, set or dict that changes the collection in place.
bool is_collection_mutator(std::string_view method);

// True when every call among tokens [first, last) is one of Python's pure
// builtins (str(), int(), len(), ...), so evaluating them reaches no database.
bool calls_only_builtins(const PyModule& module, size_t first, size_t last);

}  // namespace migcheck
