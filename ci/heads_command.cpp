#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "ci/commands.h"
#include "ci/project_arguments.h"
#include "linter/input_error.h"
#include "migrations/git/git_heads.h"
#include "migrations/graph.h"

namespace migcheck {

namespace {

struct HeadsArguments {
  ProjectArguments project;
  std::string format = "text";
  GitHeadsRequest git;  // --against / --rev / --all-branches / --branches
};

// The git modes: the heads a merge would leave, or every branch pair's conflicts.
int run_git_heads(const HeadsArguments& args) {
  GitHeadsRequest request = args.git;
  request.project_directory = args.project.directory;
  request.options = project_options(args.project);
  GitHeadsReport report = git_heads(request);
  if (args.format == "json") {
    // Paths are bytes: a file name that is not UTF-8 must not abort the output.
    std::cout << report.json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
  } else {
    std::cout << report.summary << "\n";
    for (const auto& head : report.heads) std::cout << head << "\n";
    std::vector<size_t> widths;
    for (const auto& row : report.table) {
      widths.resize(row.size());
      for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    }
    for (const auto& row : report.table) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        line +=
            row[i] + (i + 1 < row.size() ? std::string(widths[i] - row[i].size() + 2, ' ') : "");
      }
      std::cout << line << "\n";
    }
    for (const Finding& finding : report.findings) {
      const Location& at = finding.location;
      std::cout << at.file << ":" << at.line << ":" << at.column << ": "
                << to_string(finding.severity) << ": " << finding.message << " [" << finding.rule
                << "]\n  help: " << finding.help.view() << "\n";
    }
  }
  return report.findings.empty() ? 0 : 1;
}

// `alembic heads` prints "<rev> (<branch labels>) (head)", or "(effective
// head)" for a head another revision depends on, and no marker for an id
// that is a head only as a file another of its id replaced.
void print_text(const MigrationSet& set, const GraphIndex& graph) {
  for (const auto& id : set.graph.heads) {
    int i = graph.find(id);
    std::cout << id;
    if (auto labels = graph.effective_branch_labels(i); !labels.empty()) {
      std::cout << " (" << comma_list(labels) << ")";
    }
    std::cout << (graph.is_real_head(i) ? " (head)"
                  : graph.is_head(i)    ? " (effective head)"
                                        : "")
              << "\n";
  }
}

void print_json(const MigrationSet& set, const GraphIndex& graph) {
  nlohmann::ordered_json heads = nlohmann::ordered_json::array();
  for (const auto& id : set.graph.heads) {
    int i = graph.find(id);
    const Revision& revision = graph.revision(i);
    heads.push_back({{"revision", id},
                     {"file", revision.file},
                     {"message", revision.message},
                     {"branch_labels", graph.effective_branch_labels(i)},
                     {"effective_head", !graph.is_real_head(i)}});
  }
  nlohmann::ordered_json out = {{"format", std::string(to_string(set.format))}, {"heads", heads}};
  if (set.graph.heads.size() > 1) out["merge_command"] = alembic_merge_command(set.graph.heads);
  std::cout << out.dump(2) << "\n";
}

int run_heads(const HeadsArguments& args) {
  if (args.format != "text" && args.format != "json") {
    throw InputError("--format: unknown format '" + args.format + "' (text, json)");
  }
  if (args.git.any()) return run_git_heads(args);
  MigrationSet set = load_project_arguments(args.project, false);
  GraphIndex graph(set);
  if (args.format == "json") {
    print_json(set, graph);
  } else {
    print_text(set, graph);
  }
  size_t problems = print_graph_problems(set, std::cerr);
  if (set.graph.heads.size() > 1) {
    std::cerr << "migcheck: " << set.graph.heads.size() << " heads; merge them with `"
              << alembic_merge_command(set.graph.heads) << "`\n";
  }
  return set.graph.heads.size() > 1 || problems > 0 ? 1 : 0;
}

}  // namespace

void add_heads_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<HeadsArguments>();
  CLI::App* heads = app.add_subcommand(
      "heads", "Show the heads of the revision graph; exit 1 when there are several");
  add_project_options(*heads, args->project);
  heads->add_option("--format", args->format, "Output: text (like `alembic heads`) or json");
  heads->add_option("--against", args->git.against,
                    "Show the heads merging --rev into this git ref would leave (libgit2 "
                    "in-memory merge; exit 1 on a branch conflict)");
  heads->add_option("--rev", args->git.rev, "The git ref merged into --against (default: HEAD)");
  heads->add_flag("--all-branches", args->git.all_branches,
                  "Check every local and remote-tracking branch not yet merged into the default "
                  "branch for revisions that would conflict when merged");
  heads->add_option("--branches", args->git.branches,
                    "With --all-branches, only branches matching this glob (e.g. 'origin/*')");
  heads->callback([args, &exit_code] { exit_code = run_heads(*args); });
}

}  // namespace migcheck
