#pragma once
#include <memory>
#include <optional>

#include "linter/source_file.h"
#include "migrations/alembic/project_modules.h"
#include "migrations/migration_set.h"

namespace migcheck {

// Reads one Alembic revision file (versions/*.py) without running Python:
// its metadata (revision, down_revision, branch_labels, depends_on, and as
// message Alembic's `Script.doc`: the docstring up to its first blank line)
// and the SQL its upgrade() and downgrade() run, mapped back to the calls in
// the file (migrations/alembic/op_translator.h). Calls it cannot translate
// and a downgrade() that undoes nothing are in Revision::read_findings
// (unresolved-operation, irreversible-downgrade).
//
// As Alembic 1.8 loads a versions folder: returns nullopt for a file Alembic
// skips (__init__.py, ".#" editor files, names not ending in ".py"); a .py
// file without a module-level `revision` takes its id from a hexadecimal file
// name (Alembic's legacy form) or is an InputError, because Alembic stops on
// it too. Throws InputError "file:line:col: ..." when a revision's metadata
// is not a literal, or the file cannot be tokenized.
// `modules`, when given, are the project's Python modules, whose enum
// classes the revision may import (op_translator.h).
std::optional<Revision> read_alembic_revision(std::shared_ptr<const SourceFile> file,
                                              const ProjectModules* modules = nullptr);

}  // namespace migcheck
