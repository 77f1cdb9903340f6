#include <iostream>
#include <memory>

#include "ci/commands.h"
#include "ci/project_arguments.h"
#include "migrations/graph.h"
#include "migrations/sql_layouts.h"

namespace migcheck {

namespace {

struct ShowArguments {
  ProjectArguments project;
  std::string revision;
};

std::string position(const Location& location) {
  return location.file + ":" + std::to_string(location.line) + ":" +
         std::to_string(location.column);
}

// Each statement of each unit with the place in the user's file it maps to,
// so a user sees exactly what migcheck understood of the revision.
void print_units(const std::string& title, const std::vector<SqlUnit>& units) {
  std::cout << "\n" << title << ":";
  if (units.empty()) std::cout << " (nothing)";
  std::cout << "\n";
  for (size_t u = 0; u < units.size(); ++u) {
    const SqlUnit& unit = units[u];
    std::cout << "  -- unit " << (u + 1) << ", "
              << (unit.transactional ? "in a transaction" : "outside a transaction") << "\n";
    for (std::string_view statement : split_sql_statements(unit.sql)) {
      size_t begin = static_cast<size_t>(statement.data() - unit.sql.data());
      std::string text(statement);
      std::cout << "  " << position(unit.map.locate(begin, begin + statement.size())) << ":\n";
      size_t start = 0;
      while (start < text.size()) {
        size_t line_end = text.find('\n', start);
        if (line_end == std::string::npos) line_end = text.size();
        std::cout << "    " << text.substr(start, line_end - start) << "\n";
        start = line_end + 1;
      }
    }
  }
}

int run_show(const ShowArguments& args) {
  MigrationSet set = load_project_arguments(args.project);
  GraphIndex graph(set);
  int i = graph.resolve(args.revision);
  const Revision& revision = graph.revision(i);
  std::cout << "Revision: " << revision.id;
  if (graph.is_head(i)) std::cout << " (head)";
  if (graph.is_branch_point(i)) std::cout << " (branchpoint)";
  if (graph.is_merge_point(i)) std::cout << " (mergepoint)";
  std::cout << "\n"
            << (graph.is_merge_point(i) ? "Merges: " : "Parent: ")
            << (revision.parents.empty() ? "<base>" : comma_list(revision.parents)) << "\n";
  if (!revision.depends_on.empty())
    std::cout << "Also depends on: " << comma_list(revision.depends_on) << "\n";
  if (!graph.children(i).empty()) {
    std::vector<std::string> children;
    for (int child : graph.children(i)) children.push_back(graph.revision(child).id);
    std::cout << "Children: " << comma_list(children) << "\n";
  }
  if (auto labels = graph.effective_branch_labels(i); !labels.empty()) {
    std::cout << "Branch names: " << comma_list(labels) << "\n";
  }
  std::cout << "Path: " << revision.file << "\n"
            << "Message: " << revision.message << "\n";
  print_units("Upgrade SQL", revision.up);
  if (revision.has_down) {
    print_units("Downgrade SQL", revision.down);
  } else {
    std::cout << "\nDowngrade SQL: (no down migration)\n";
  }
  if (!revision.read_findings.empty()) {
    std::cout << "\nNotes from reading the file:\n";
    for (const Finding& finding : revision.read_findings) {
      std::cout << "  " << position(finding.location) << ": " << finding.message << " ["
                << finding.rule << "]\n";
    }
  }
  return 0;
}

}  // namespace

void add_show_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ShowArguments>();
  CLI::App* show = app.add_subcommand(
      "show",
      "Show a revision's metadata and the SQL migcheck lints for it, statement by statement");
  show->add_option("revision", args->revision,
                   "Revision id, unique id prefix, branch label or \"head\"")
      ->required();
  add_project_options(*show, args->project);
  show->callback([args, &exit_code] { exit_code = run_show(*args); });
}

}  // namespace migcheck
