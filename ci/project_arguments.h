#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "migrations/migration_set.h"
#include "migrations/project_loader.h"

namespace migcheck {

// The options that name a migration project on disk, shared by the commands
// that read one.
struct ProjectArguments {
  std::string directory = ".";
  std::string layout = "auto";
  std::string config = "alembic.ini";  // Alembic's ini (-c/--alembic-config)
  std::string name = "alembic";
};

// --project, --layout, -c/--alembic-config and -n/--name, for every command
// that reads a project. Each names Alembic's ini with -c/--alembic-config, and
// --config is always migcheck's own configuration (.migcheck.toml).
void add_project_options(CLI::App& command, ProjectArguments& arguments);
// --config FILE: migcheck's configuration, for the commands that have one
// (lint, roundtrip, pre-deploy-check).
void add_config_option(CLI::App& command, std::optional<std::string>& file);

// The loader's options the arguments name; throws InputError for a bad --layout.
ProjectOptions project_options(const ProjectArguments& arguments);

// Reads the project, with its SQL unless `read_sql` is false (heads and
// history need only the graph); throws InputError for a bad --layout or input.
MigrationSet load_project_arguments(const ProjectArguments& arguments, bool read_sql = true);

// "a, b, c", as Alembic joins revision ids and labels.
std::string comma_list(const std::vector<std::string>& items);

// Writes the set's graph findings, except multiple-heads (which heads and
// history show themselves), as "migcheck: file: message" lines; returns how
// many were errors.
size_t print_graph_problems(const MigrationSet& set, std::ostream& out);

}  // namespace migcheck
