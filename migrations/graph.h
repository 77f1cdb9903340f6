#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "migrations/migration_set.h"

namespace migcheck {

// The revision graph of a MigrationSet with Alembic's semantics
// (alembic/script/revision.py): edges from `down_revision` ("versioned"
// parents) decide heads, branch points and merge points; `depends_on` adds
// ordering edges that make a revision an "effective head" rather than a real
// one but never remove it from `alembic heads`. When two Alembic files declare
// one id, the one loaded later replaces the other, which then has no edges (in
// a SQL layout the first stays).
class GraphIndex {
 public:
  explicit GraphIndex(const MigrationSet& set);

  static constexpr int npos = -1;
  // The revision with exactly this id (the last loaded when ids are
  // duplicated, as Alembic keeps it).
  int find(std::string_view id) const;
  // A revision named as Alembic accepts it on its command line: a full id, a
  // branch label, "head" when there is one head, or a unique id prefix.
  // Throws InputError when it names none or several.
  int resolve(std::string_view name) const;

  const Revision& revision(int i) const { return set_.revisions[i]; }
  int size() const { return static_cast<int>(set_.revisions.size()); }

  const std::vector<int>& parents(int i) const { return parents_[i]; }            // down_revision
  const std::vector<int>& dependencies(int i) const { return dependencies_[i]; }  // depends_on
  const std::vector<int>& children(int i) const { return children_[i]; }      // via down_revision
  const std::vector<int>& dependents(int i) const { return dependents_[i]; }  // via depends_on

  // True for a revision another of its id replaces: Alembic never runs it.
  bool is_replaced(int i) const { return replaced_[i]; }
  bool is_head(int i) const { return children_[i].empty(); }
  bool is_real_head(int i) const { return children_[i].empty() && dependents_[i].empty(); }
  bool is_base(int i) const { return set_.revisions[i].parents.empty(); }
  bool is_branch_point(int i) const { return children_[i].size() > 1; }
  bool is_merge_point(int i) const { return set_.revisions[i].parents.size() > 1; }

  // Branch labels as Alembic shows them: a label also names the revisions
  // after it and those before it back to a branch or merge point. Sorted.
  std::vector<std::string> effective_branch_labels(int i) const;

  // Alembic's `history` order (newest first), a port of
  // RevisionMap._topological_sort from the heads down.
  std::vector<int> history_order() const;

 private:
  const MigrationSet& set_;
  std::unordered_map<std::string, int> id_lookup_, label_lookup_;
  std::vector<std::vector<int>> parents_, dependencies_, children_, dependents_;
  std::vector<std::vector<std::string>> labels_;
  std::vector<char> replaced_;
};

// Fills set.graph (heads, bases, parents-first order) and appends the graph
// findings: multiple-heads, missing-parent, revision-cycle,
// duplicate-revision-id, duplicate-branch-label, depends-on-missing. The heads
// are Alembic's: a replaced revision is one of them too (nothing discards it),
// so its id may be listed twice.
void analyze_graph(MigrationSet& set);

// The command that merges `heads`, as the multiple-heads finding suggests it.
std::string alembic_merge_command(const std::vector<std::string>& heads);

}  // namespace migcheck
