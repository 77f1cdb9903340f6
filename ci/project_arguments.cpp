#include "ci/project_arguments.h"

#include <filesystem>

#include "linter/input_error.h"
#include "migrations/file_tree.h"
#include "migrations/project_loader.h"
#include "migrations/project_rules.h"

namespace migcheck {

void add_project_options(CLI::App& command, ProjectArguments& arguments) {
  command.add_option("--project", arguments.directory, "Migration project directory (default: .)");
  command.add_option("--layout", arguments.layout,
                     "Project layout: " + std::string(kProjectLayoutNames));
  command.add_option("-c,--alembic-config", arguments.config,
                     "Alembic's configuration file (its -c), relative to the project (default: "
                     "alembic.ini)");
  command.add_option("-n,--name", arguments.name,
                     "Section of the Alembic configuration file (default: alembic)");
}

void add_config_option(CLI::App& command, std::optional<std::string>& file) {
  command.add_option("--config", file,
                     "migcheck's configuration file (default: .migcheck.toml or pyproject.toml's "
                     "[tool.migcheck], found walking up from the working directory)");
}

ProjectOptions project_options(const ProjectArguments& arguments) {
  ProjectOptions options;
  if (!parse_project_layout(arguments.layout, options.layout)) {
    throw InputError("--layout: unknown layout '" + arguments.layout + "' (" +
                     std::string(kProjectLayoutNames) + ")");
  }
  options.ini_file = arguments.config;
  options.ini_section = arguments.name;
  options.absolute_directory =
      std::filesystem::absolute(arguments.directory).lexically_normal().string();
  return options;
}

MigrationSet load_project_arguments(const ProjectArguments& arguments, bool read_sql) {
  ProjectOptions options = project_options(arguments);
  options.read_sql = read_sql;
  auto tree = disk_tree(arguments.directory);
  return load_project(*tree, options);
}

std::string comma_list(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

size_t print_graph_problems(const MigrationSet& set, std::ostream& out) {
  size_t count = 0;
  for (const Finding& finding : set.graph_findings) {
    if (finding.rule == kMultipleHeads.id) continue;
    out << "migcheck: " << finding.location.file << ": " << to_string(finding.severity) << ": "
        << finding.message << " [" << finding.rule << "]\n";
    if (finding.severity == Severity::error) ++count;
  }
  return count;
}

}  // namespace migcheck
