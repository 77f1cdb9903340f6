#pragma once
#include <memory>
#include <optional>

#include "linter/source_file.h"
#include "migrations/migration_set.h"

namespace migcheck {

// Reads one Alembic revision file (versions/*.py) without running Python:
// its metadata (revision, down_revision, branch_labels, depends_on, the
// docstring's message) and the SQL its upgrade() and downgrade() run, mapped
// back to the calls in the file. Returns nullopt for a file Alembic itself
// would not treat as a revision; throws InputError naming file:line when a
// revision's metadata cannot be read.
std::optional<Revision> read_alembic_revision(std::shared_ptr<const SourceFile> file);

}  // namespace migcheck
