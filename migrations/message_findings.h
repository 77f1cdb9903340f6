#pragma once
#include <string_view>

#include "migrations/migration_set.h"

namespace migcheck {

// Adds a vague-migration-message finding to each revision whose message (an
// Alembic docstring's first paragraph, or the name part of a numbered SQL
// migration's file name) says nothing about the change: empty, a number or
// revision id, Alembic's "empty message", or a stock phrase such as "update
// database" or "fix stuff". Loose .sql files (the plain layout) have none.
void add_vague_message_findings(MigrationSet& set);

// Whether a message is one of those.
bool is_vague_migration_message(std::string_view message);

}  // namespace migcheck
