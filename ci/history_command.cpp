#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "ci/commands.h"
#include "ci/project_arguments.h"
#include "linter/input_error.h"
#include "migrations/graph.h"

namespace migcheck {

namespace {

struct HistoryArguments {
  ProjectArguments project;
  std::string format = "text";
};

// One line of `alembic history` (Script._head_only with parents, branches,
// tree indicators and the message). Alembic writes ", <doc>" even for an
// empty docstring; a SQL layout's revision without a message (a loose .sql
// file, named by its id alone) ends at its markers instead.
std::string history_line(const MigrationSet& set, const GraphIndex& graph, int i) {
  const Revision& revision = graph.revision(i);
  std::string line = revision.parents.empty() ? "<base>" : comma_list(revision.parents);
  if (!revision.depends_on.empty()) line += " (" + comma_list(revision.depends_on) + ")";
  line += " -> " + revision.id;
  if (auto labels = graph.effective_branch_labels(i); !labels.empty()) {
    line += " (" + comma_list(labels) + ")";
  }
  if (graph.is_real_head(i)) {
    line += " (head)";
  } else if (graph.is_head(i)) {
    line += " (effective head)";
  }
  if (graph.is_branch_point(i)) line += " (branchpoint)";
  if (graph.is_merge_point(i)) line += " (mergepoint)";
  if (revision.message.empty() && set.format != MigrationFormat::alembic) return line;
  return line + ", " + revision.message;
}

void print_json(const MigrationSet& set, const GraphIndex& graph, const std::vector<int>& order) {
  nlohmann::ordered_json revisions = nlohmann::ordered_json::array();
  for (int i : order) {
    const Revision& revision = graph.revision(i);
    revisions.push_back({{"revision", revision.id},
                         {"parents", revision.parents},
                         {"depends_on", revision.depends_on},
                         {"branch_labels", graph.effective_branch_labels(i)},
                         {"file", revision.file},
                         {"message", revision.message},
                         {"head", graph.is_head(i)},
                         {"branch_point", graph.is_branch_point(i)},
                         {"merge_point", graph.is_merge_point(i)}});
  }
  nlohmann::ordered_json out = {{"format", std::string(to_string(set.format))},
                                {"heads", set.graph.heads},
                                {"bases", set.graph.bases},
                                {"revisions", revisions}};
  std::cout << out.dump(2) << "\n";
}

std::string dot_quote(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c == '\n' ? ' ' : c;
  }
  return quoted + "\"";
}

void print_dot(const GraphIndex& graph, const std::vector<int>& order) {
  std::cout << "digraph migrations {\n  rankdir=BT;\n  node [shape=box];\n";
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Revision& revision = graph.revision(*it);
    std::cout << "  " << dot_quote(revision.id)
              << " [label=" << dot_quote(revision.id + ": " + revision.message)
              << (graph.is_head(*it) ? ", style=bold" : "") << "];\n";
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Revision& revision = graph.revision(*it);
    for (const auto& parent : revision.parents) {
      std::cout << "  " << dot_quote(revision.id) << " -> " << dot_quote(parent) << ";\n";
    }
    for (const auto& dependency : revision.depends_on) {
      std::cout << "  " << dot_quote(revision.id) << " -> " << dot_quote(dependency)
                << " [style=dashed, label=\"depends_on\"];\n";
    }
  }
  std::cout << "}\n";
}

// Mermaid node ids must be plain words; labels escape quotes as entities.
std::string mermaid_label(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"') {
      escaped += "#quot;";
    } else if (c == '\n') {
      escaped += ' ';
    } else {
      escaped += c;
    }
  }
  return escaped;
}

void print_mermaid(const GraphIndex& graph, const std::vector<int>& order) {
  std::cout << "flowchart BT\n";
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Revision& revision = graph.revision(*it);
    std::cout << "  r" << *it << "[\"" << mermaid_label(revision.id + ": " + revision.message)
              << "\"]\n";
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    for (int parent : graph.parents(*it)) std::cout << "  r" << *it << " --> r" << parent << "\n";
    for (int dependency : graph.dependencies(*it)) {
      std::cout << "  r" << *it << " -. depends_on .-> r" << dependency << "\n";
    }
  }
}

int run_history(const HistoryArguments& args) {
  if (args.format != "text" && args.format != "json" && args.format != "dot" &&
      args.format != "mermaid") {
    throw InputError("--format: unknown format '" + args.format + "' (text, json, dot, mermaid)");
  }
  MigrationSet set = load_project_arguments(args.project, false);
  GraphIndex graph(set);
  std::vector<int> order = graph.history_order();
  if (args.format == "json") {
    print_json(set, graph, order);
  } else if (args.format == "dot") {
    print_dot(graph, order);
  } else if (args.format == "mermaid") {
    print_mermaid(graph, order);
  } else {
    for (int i : order) std::cout << history_line(set, graph, i) << "\n";
  }
  print_graph_problems(set, std::cerr);
  return 0;
}

}  // namespace

void add_history_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<HistoryArguments>();
  CLI::App* history = app.add_subcommand(
      "history", "Show the revision graph, newest first (like `alembic history`)");
  add_project_options(*history, args->project);
  history->add_option("--format", args->format, "Output: text, json, dot or mermaid");
  history->callback([args, &exit_code] { exit_code = run_history(*args); });
}

}  // namespace migcheck
