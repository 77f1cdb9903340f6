#include <algorithm>
#include <set>

#include "migrations/graph.h"
#include "migrations/project_rules.h"

namespace migcheck {

namespace {

// Which assignment of an Alembic revision a finding is about.
enum class Metadata { id, parents, depends_on, branch_labels };

// A finding at the assignment to fix (`down_revision = ...`), or at the
// file's first line when the revision does not write it (a SQL layout, or a
// legacy id taken from the file name).
Finding revision_finding(const Revision& revision, Metadata about, const Rule& rule,
                         std::string message, std::string help) {
  static constexpr std::string_view kNames[] = {"revision", "down_revision", "depends_on",
                                                "branch_labels"};
  const TextPosition& at = about == Metadata::id           ? revision.id_at
                           : about == Metadata::parents    ? revision.parents_at
                           : about == Metadata::depends_on ? revision.depends_on_at
                                                           : revision.branch_labels_at;
  int width = static_cast<int>(kNames[static_cast<int>(about)].size());
  Location location = at.line > 0
                          ? Location{revision.file, at.line, at.column, at.line, at.column + width}
                          : Location{revision.file, 1, 1, 1, 1};
  return project_finding(rule, std::move(location), std::move(message), std::move(help),
                         revision.id);
}

std::string describe(const Revision& revision) {
  return revision.id + " (" + revision.file +
         (revision.message.empty() ? "" : ": " + revision.message) + ")";
}

// Revisions on a cycle of parent and dependency edges: what remains after
// peeling off, from both ends, every revision with no remaining predecessor or
// no remaining successor.
std::vector<int> revisions_on_cycles(const GraphIndex& graph) {
  int n = graph.size();
  std::vector<std::vector<int>> successors(n), predecessors(n);
  for (int i = 0; i < n; ++i) {
    for (const auto* edges : {&graph.parents(i), &graph.dependencies(i)}) {
      for (int before : *edges) {
        successors[before].push_back(i);
        predecessors[i].push_back(before);
      }
    }
  }
  std::vector<char> removed(n, 0);
  auto peel = [&](const std::vector<std::vector<int>>& incoming,
                  const std::vector<std::vector<int>>& outgoing) {
    std::vector<int> remaining(n, 0), ready;
    for (int i = 0; i < n; ++i) {
      if (removed[i]) continue;
      for (int j : incoming[i]) remaining[i] += !removed[j];
      if (remaining[i] == 0) ready.push_back(i);
    }
    while (!ready.empty()) {
      int node = ready.back();
      ready.pop_back();
      removed[node] = 1;
      for (int next : outgoing[node]) {
        if (!removed[next] && --remaining[next] == 0) ready.push_back(next);
      }
    }
  };
  peel(predecessors, successors);
  peel(successors, predecessors);
  std::vector<int> cycle;
  for (int i = 0; i < n; ++i) {
    if (!removed[i]) cycle.push_back(i);
  }
  return cycle;
}

void add_reference_findings(const MigrationSet& set, const GraphIndex& graph,
                            std::vector<Finding>& findings) {
  for (int i = 0; i < graph.size(); ++i) {
    const Revision& revision = set.revisions[i];
    // The index keeps each parent and dependency it found, once: as many as
    // were named means none is missing, without a lookup per name.
    if (graph.parents(i).size() == revision.parents.size() &&
        graph.dependencies(i).size() == revision.depends_on.size()) {
      continue;
    }
    for (const auto& parent : revision.parents) {
      if (graph.find(parent) != GraphIndex::npos) continue;
      findings.push_back(revision_finding(
          revision, Metadata::parents, kMissingParent,
          "revision " + revision.id + " has down_revision '" + parent +
              "', which is not a revision of this project",
          "restore the missing revision file, or point down_revision at an existing revision"));
    }
    for (const auto& dependency : revision.depends_on) {
      bool known = graph.find(dependency) != GraphIndex::npos;
      for (int i = 0; !known && i < graph.size(); ++i) {
        const auto& labels = graph.revision(i).branch_labels;
        known = std::find(labels.begin(), labels.end(), dependency) != labels.end();
      }
      if (known) continue;
      findings.push_back(revision_finding(
          revision, Metadata::depends_on, kDependsOnMissing,
          "revision " + revision.id + " depends on '" + dependency +
              "', which is neither a revision id nor a branch label of this project",
          "fix depends_on to name an existing revision or branch label"));
    }
  }
}

// At the later file of each pair, the one Alembic keeps, naming the one it
// drops.
void add_duplicate_findings(const GraphIndex& graph, std::vector<Finding>& findings) {
  std::unordered_map<std::string_view, int> previous;  // the last file of each id so far
  for (int i = 0; i < graph.size(); ++i) {
    const Revision& revision = graph.revision(i);
    auto [seen, fresh] = previous.emplace(revision.id, i);
    if (fresh) continue;
    const Revision& replaced = graph.revision(seen->second);
    seen->second = i;
    findings.push_back(revision_finding(
        revision, Metadata::id, kDuplicateRevisionId,
        "revision id " + revision.id + " is used by " + replaced.file + " and " + revision.file +
            ": Alembic keeps the one it loads later and never runs " + replaced.file +
            ", which it still counts as a head, so `alembic upgrade head` fails",
        "give one of them a new id (and update the down_revision that refers to it)"));
  }
}

// RevisionMap._map_branch_labels: each label goes into the map that holds the
// revision ids, and Alembic stops every command on a label already there (a
// revision id, or a label declared before).
void add_branch_label_findings(const GraphIndex& graph, std::vector<Finding>& findings) {
  std::unordered_map<std::string_view, int> owners;  // labels declared so far
  for (int i = 0; i < graph.size(); ++i) {
    const Revision& revision = graph.revision(i);
    for (const std::string& label : revision.branch_labels) {
      int owner = graph.find(label);
      std::string what = "the id of revision";
      if (owner == GraphIndex::npos) {
        auto [declared, fresh] = owners.emplace(label, i);
        if (fresh) continue;
        owner = declared->second;
        what = "already the branch label of revision";
      }
      const Revision& other = graph.revision(owner);
      findings.push_back(revision_finding(
          revision, Metadata::branch_labels, kDuplicateBranchLabel,
          "branch label '" + label + "' of revision " + revision.id + " is " + what + " " +
              other.id + " (" + other.file + "): Alembic stops every command (\"Branch name '" +
              label + "' in revision " + revision.id + " already used by revision " + other.id +
              "\")",
          "rename the branch label: a label must name one branch and no revision"));
    }
  }
}

// Alembic's multiple-bases layout: each head on a branch of its own name
// (branch_labels), upgraded with `alembic upgrade heads` or `label@head`.
// Several heads are the design there, not a forgotten merge.
bool independent_labelled_branches(const GraphIndex& graph, const std::vector<std::string>& heads) {
  std::set<std::string> seen;
  for (const auto& head : heads) {
    auto labels = graph.effective_branch_labels(graph.find(head));
    if (labels.empty()) return false;
    for (const auto& label : labels) {
      if (!seen.insert(label).second) return false;
    }
  }
  return true;
}

}  // namespace

std::string alembic_merge_command(const std::vector<std::string>& heads) {
  std::string command = "alembic merge -m \"merge heads\"";
  std::set<std::string_view> named;  // an id two branches share is merged once
  for (const auto& head : heads) {
    if (named.insert(head).second) command += " " + head;
  }
  return command;
}

void analyze_graph(MigrationSet& set) {
  GraphIndex graph(set);
  RevisionGraph& result = set.graph;
  result = {};
  // The heads that are branches: a replaced revision's place among Alembic's
  // heads is the duplicate-revision-id finding's to explain.
  std::vector<std::string> branch_heads;
  for (int i = 0; i < graph.size(); ++i) {
    const std::string& id = graph.revision(i).id;
    // Alembic's heads and bases start as every revision it loaded, the
    // replaced ones too, of which only linked ones are ever discarded.
    bool counted = !graph.is_replaced(i) || set.format == MigrationFormat::alembic;
    if (counted && graph.is_head(i)) result.heads.push_back(id);
    if (counted && graph.is_base(i)) result.bases.push_back(id);
    if (graph.is_replaced(i)) continue;
    if (graph.is_head(i)) branch_heads.push_back(id);
    if (graph.is_branch_point(i)) result.branch_points.push_back(id);
    if (graph.is_merge_point(i)) result.merge_points.push_back(id);
  }
  // Alembic upgrades in the reverse of its history order; revisions it cannot
  // reach from a head (on a cycle) follow in file order so none is dropped.
  std::vector<int> history = graph.history_order();
  std::vector<char> placed(graph.size(), 0);
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    result.order.push_back(graph.revision(*it).id);
    placed[*it] = 1;
  }
  for (int i = 0; i < graph.size(); ++i) {
    if (!placed[i] && !graph.is_replaced(i)) result.order.push_back(graph.revision(i).id);
  }

  std::vector<Finding>& findings = set.graph_findings;
  if (set.format == MigrationFormat::alembic) {
    add_duplicate_findings(graph, findings);
    add_branch_label_findings(graph, findings);
  }
  add_reference_findings(set, graph, findings);
  if (auto cycle = revisions_on_cycles(graph); !cycle.empty()) {
    std::string list;
    for (int i : cycle) list += (list.empty() ? "" : ", ") + graph.revision(i).id;
    findings.push_back(
        revision_finding(graph.revision(cycle.front()), Metadata::parents, kRevisionCycle,
                         "revisions " + list + " form a cycle through down_revision or depends_on",
                         "break the cycle: a revision must not descend from itself"));
  }
  if (branch_heads.size() > 1 && !independent_labelled_branches(graph, branch_heads)) {
    std::string list;
    for (const auto& head : branch_heads) {
      list += (list.empty() ? "" : ", ") + describe(graph.revision(graph.find(head)));
    }
    Finding finding =
        revision_finding(graph.revision(graph.find(branch_heads.back())), Metadata::parents,
                         kMultipleHeads, std::to_string(branch_heads.size()) + " heads: " + list,
                         "merge them with `" + alembic_merge_command(branch_heads) +
                             "`, or point the newer revision's down_revision at the other head");
    findings.push_back(std::move(finding));
  }
}

}  // namespace migcheck
