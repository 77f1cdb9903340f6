#pragma once
#include "linter/connection_settings.h"
#include "migrations/file_tree.h"
#include "migrations/migration_set.h"
#include "migrations/project_loader.h"

namespace migcheck {

// load_project, also telling what the migration tool sets on the connection
// every migration runs on: the timeouts Alembic's env.py sets
// (read_env_settings), read with the SQL (ProjectOptions::read_sql).
MigrationSet load_project(const FileTree& tree, const ProjectOptions& options,
                          ConnectionSettings& environment);

}  // namespace migcheck
