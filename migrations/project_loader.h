#pragma once
#include <string>
#include <string_view>

#include "migrations/file_tree.h"
#include "migrations/migration_set.h"

namespace migcheck {

// Which migration tool's layout to read; `detect` looks at the files (in this
// order: Alembic, a Flyway configuration (flyway.toml, flyway.conf), then the
// migration files of Prisma, pop, golang-migrate, Flyway, dbmate or goose, plain SQL).
enum class ProjectLayout {
  detect,
  alembic,
  golang_migrate,
  flyway,
  goose,
  dbmate,
  pop,
  prisma,
  sql
};
// Parses a --layout value ("auto", "alembic", "golang-migrate", "flyway",
// "goose", "dbmate", "sql"); false when unknown.
bool parse_project_layout(std::string_view text, ProjectLayout& out);
// The --layout values, for help texts and errors.
inline constexpr std::string_view kProjectLayoutNames =
    "auto, alembic, golang-migrate, flyway, goose, dbmate, pop, prisma, sql";

struct ProjectOptions {
  // The project directory inside the tree ("" is the tree's root); alembic.ini
  // and relative paths in it are resolved from here.
  std::string directory;
  ProjectLayout layout = ProjectLayout::detect;
  std::string ini_file = "alembic.ini";  // Alembic's -c/--config
  std::string ini_section = "alembic";   // Alembic's -n/--name
  // The project directory's absolute path when the tree is the disk, so that
  // absolute paths in alembic.ini (%(here)s expands to one) map into the tree.
  // Empty for git trees, where %(here)s is the project directory itself.
  std::string absolute_directory;
  // False reads only what the graph needs (Alembic revision metadata, no op
  // translation, no findings only lint reports): for heads and history, where
  // speed matters and SQL does not.
  bool read_sql = true;
};

// Finds the project's format, reads every revision through `tree` (so a git
// tree works as well as the disk) and computes the revision graph with its
// findings. Throws InputError naming the file and position for unreadable
// input, or the directory when no migration project is found there.
MigrationSet load_project(const FileTree& tree, const ProjectOptions& options);

}  // namespace migcheck
