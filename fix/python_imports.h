#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "linter/fix.h"
#include "migrations/alembic/python_module.h"

namespace migcheck {

// How code in `module` can name the module `target` ("sqlalchemy",
// "sqlalchemy.dialects.postgresql") through the module's top-level imports:
// "sa" after `import sqlalchemy as sa`, "postgresql" after `from
// sqlalchemy.dialects import postgresql`. Nothing when no import binds it.
std::optional<std::string> module_reference(const PyModule& module, std::string_view target);

// The name for `target` in a fix's replacement text: the module's own, or
// `fallback` with `import_line` ("import sqlalchemy as sa") added to `edits`
// after the module's last top-level import.
std::string module_reference_or_import(const PyModule& module, const std::string& path,
                                       std::string_view target, std::string_view fallback,
                                       std::string_view import_line, std::vector<TextEdit>& edits);

}  // namespace migcheck
