#pragma once
#include <memory>
#include <vector>

#include "linter/finding.h"
#include "linter/source_file.h"
#include "linter/source_map.h"
#include "migrations/alembic/project_modules.h"
#include "migrations/alembic/python_module.h"
#include "migrations/migration_set.h"

namespace migcheck {

// The SQL one of a revision's functions runs, and what could not be read.
struct TranslatedFunction {
  // In order: transactional units, with each `autocommit_block()` section as
  // a unit of its own (transactional = false). Empty units are left out.
  std::vector<SqlUnit> units;
  std::vector<Finding> findings;            // unresolved-operation, one per call not translated
  std::vector<ConditionalSql> conditional;  // SQL that may not run (an `if` branch, ...)
};

// Translates the body of `def upgrade()` or `def downgrade()` (`function`,
// a statement of `module`): each op.* call with literal arguments becomes the
// SQL Alembic's offline mode emits, mapped to the call; the SQL of
// op.execute("...") maps byte for byte into its literal. Names bound to
// literals at module level or earlier in the function are followed (in
// f-strings, `+`, `%` and str methods too: python_eval), and a module-level
// helper is translated in place with its parameters bound to the call's
// arguments. op.bulk_insert and SQLAlchemy Core statements given to
// op.execute (t.update().where(...).values(...)) become the SQL SQLAlchemy
// sends (sqlalchemy_core).
// A `for` over values written in the file is unrolled; the blocks of `if`,
// `elif`, `else`, `while`, `except` and loops over unknown values are
// translated as SQL that may not run (TranslatedFunction::conditional).
// `# migcheck:ignore ...` comments on or right above a call become
// `-- migcheck:ignore ...` before its SQL; `# migcheck:ignore-file ...`
// comments open every unit.
// sa.Enum(SomeEnum, ...) of a Python enum class defined in the file, or
// imported from one of the project's modules (`modules`, when given), has
// the class's member names as its values, as SQLAlchemy gives it.
TranslatedFunction translate_function(const PyModule& module,
                                      const std::shared_ptr<const SourceFile>& file,
                                      const PyStatement& function,
                                      const ProjectModules* modules = nullptr);

}  // namespace migcheck
