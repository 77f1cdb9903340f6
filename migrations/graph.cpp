#include "migrations/graph.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "linter/input_error.h"

namespace migcheck {

namespace {

void push_unique(std::vector<int>& list, int value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

GraphIndex::GraphIndex(const MigrationSet& set) : set_(set) {
  size_t n = set.revisions.size();
  parents_.resize(n);
  dependencies_.resize(n);
  children_.resize(n);
  dependents_.resize(n);
  labels_.resize(n);
  replaced_.resize(n);
  std::unordered_map<std::string, int> ids;
  std::unordered_map<std::string, int> labels;
  ids.reserve(n);  // no rehashing on the way to thousands of revisions
  // RevisionMap._revision_map: map_[revision.revision] = revision, the later
  // file replacing the earlier. A numbered SQL layout (a dbmate version in two
  // files) runs the first.
  bool later_replaces = set.format == MigrationFormat::alembic;
  for (size_t i = 0; i < n; ++i) {
    auto [it, fresh] = ids.emplace(set.revisions[i].id, static_cast<int>(i));
    if (!fresh && !later_replaces) {
      replaced_[i] = 1;
    } else if (!fresh) {
      replaced_[it->second] = 1;
      it->second = static_cast<int>(i);
    }
    for (const auto& label : set.revisions[i].branch_labels)
      labels.emplace(label, static_cast<int>(i));
  }
  auto lookup = [&](const std::string& name, bool labels_too) {
    if (auto it = ids.find(name); it != ids.end()) return it->second;
    if (labels_too) {
      if (auto it = labels.find(name); it != labels.end()) return it->second;
    }
    return npos;
  };
  for (size_t i = 0; i < n; ++i) {
    if (replaced_[i]) continue;  // only the revisions in Alembic's map link
    int self = static_cast<int>(i);
    for (const auto& id : set.revisions[i].parents) {
      int parent = lookup(id, false);
      if (parent == npos) continue;
      push_unique(parents_[i], parent);
      push_unique(children_[parent], self);
    }
    for (const auto& id : set.revisions[i].depends_on) {
      int dependency = lookup(id, true);
      if (dependency == npos) continue;
      push_unique(dependencies_[i], dependency);
      if (std::find(parents_[i].begin(), parents_[i].end(), dependency) == parents_[i].end()) {
        push_unique(dependents_[dependency], self);
      }
    }
  }
  id_lookup_ = std::move(ids);
  label_lookup_ = std::move(labels);

  // Alembic's RevisionMap._add_branches: a label spreads to every descendant,
  // then from the last descendant walked back down to a branch or merge point.
  for (size_t i = 0; i < n; ++i) {
    const auto& own = set.revisions[i].branch_labels;
    if (own.empty()) continue;
    std::vector<int> stack{static_cast<int>(i)};
    std::vector<char> seen(n, 0);
    int last = static_cast<int>(i);
    while (!stack.empty()) {
      int node = stack.back();
      stack.pop_back();
      if (seen[node]) continue;
      seen[node] = 1;
      last = node;
      labels_[node].insert(labels_[node].end(), own.begin(), own.end());
      for (int child : children_[node]) stack.push_back(child);
    }
    for (int node = last;;) {
      bool real_branch_point = children_[node].size() + dependents_[node].size() > 1;
      if (real_branch_point || is_merge_point(node)) break;
      labels_[node].insert(labels_[node].end(), own.begin(), own.end());
      if (parents_[node].size() != 1) break;
      node = parents_[node].front();
    }
  }
  for (auto& list : labels_) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
}

int GraphIndex::find(std::string_view id) const {
  auto it = id_lookup_.find(std::string(id));
  return it == id_lookup_.end() ? npos : it->second;
}

int GraphIndex::resolve(std::string_view name) const {
  std::string text(name);
  if (int exact = find(text); exact != npos) return exact;
  if (auto it = label_lookup_.find(text); it != label_lookup_.end()) return it->second;
  if (text == "head" || text == "heads") {
    std::vector<int> heads;
    for (int i = 0; i < size(); ++i) {
      if (is_head(i)) heads.push_back(i);
    }
    if (heads.size() == 1) return heads.front();
    throw InputError("'" + text + "' is ambiguous: the project has " +
                     std::to_string(heads.size()) + " heads");
  }
  std::vector<int> matches;
  for (int i = 0; i < size(); ++i) {
    if (set_.revisions[i].id.rfind(text, 0) == 0) matches.push_back(i);
  }
  if (matches.size() == 1 && !text.empty()) return matches.front();
  if (matches.empty() || text.empty()) {
    throw InputError("no revision named '" + text +
                     "' (an id, a unique id prefix or a branch label)");
  }
  std::string list;
  for (int i : matches) list += (list.empty() ? "" : ", ") + set_.revisions[i].id;
  throw InputError("'" + text + "' is ambiguous: " + list + " all start with it");
}

std::vector<std::string> GraphIndex::effective_branch_labels(int i) const {
  return labels_[i];
}

std::vector<int> GraphIndex::history_order() const {
  int n = size();
  // Revision._normalized_down_revisions: parents plus the dependencies not
  // already dependencies of an ancestor.
  std::vector<std::vector<int>> down(n);
  std::vector<char> has_normalized_dependencies(n, 0);
  for (int i = 0; i < n; ++i) {
    down[i] = parents_[i];
    if (dependencies_[i].empty()) continue;
    std::set<int> inherited;
    std::vector<char> seen(n, 0);
    std::vector<int> stack(parents_[i].begin(), parents_[i].end());
    while (!stack.empty()) {
      int node = stack.back();
      stack.pop_back();
      if (seen[node] || node == i) continue;
      seen[node] = 1;
      inherited.insert(dependencies_[node].begin(), dependencies_[node].end());
      stack.insert(stack.end(), parents_[node].begin(), parents_[node].end());
    }
    for (int dependency : dependencies_[i]) {
      if (!inherited.count(dependency)) {
        push_unique(down[i], dependency);
        has_normalized_dependencies[i] = 1;
      }
    }
  }
  auto ancestors = [&](int start) {
    std::vector<char> seen(n, 0);
    std::vector<int> stack{start};
    while (!stack.empty()) {
      int node = stack.back();
      stack.pop_back();
      if (seen[node]) continue;
      seen[node] = 1;
      stack.insert(stack.end(), down[node].begin(), down[node].end());
    }
    return seen;
  };

  // "heads" as a target resolves to the real heads: an effective head is
  // reached through the revision that depends on it.
  std::vector<int> current_heads;
  for (int i = 0; i < n; ++i) {
    if (is_real_head(i) && !is_replaced(i)) current_heads.push_back(i);
  }
  std::vector<char> todo(n, 0);
  for (int head : current_heads) {
    auto reach = ancestors(head);
    for (int i = 0; i < n; ++i) todo[i] = todo[i] || reach[i];
  }
  std::vector<std::vector<char>> ancestors_by_index;
  for (int head : current_heads) ancestors_by_index.push_back(ancestors(head));

  std::vector<int> output;
  size_t index = 0;
  size_t switches = 0;  // a cycle could make two heads wait for each other forever
  while (!current_heads.empty()) {
    int candidate = current_heads[index];
    bool blocked = false;
    for (size_t other = 0; other < ancestors_by_index.size(); ++other) {
      if (other != index && ancestors_by_index[other][candidate]) {
        index = other;  // another head descends from the candidate: walk it first
        blocked = true;
        break;
      }
    }
    if (blocked && ++switches <= current_heads.size()) continue;
    switches = 0;
    if (todo[candidate]) {
      output.push_back(candidate);
      todo[candidate] = 0;
    }
    std::vector<int> heads_to_add;
    for (int r : down[candidate]) {
      if (todo[r] &&
          std::find(current_heads.begin(), current_heads.end(), r) == current_heads.end()) {
        heads_to_add.push_back(r);
      }
    }
    if (heads_to_add.empty()) {
      current_heads.erase(current_heads.begin() + static_cast<long>(index));
      ancestors_by_index.erase(ancestors_by_index.begin() + static_cast<long>(index));
      index = index > 0 ? index - 1 : 0;
    } else if (!has_normalized_dependencies[candidate] && parents_[candidate].size() == 1 &&
               set_.revisions[candidate].parents.size() == 1) {
      current_heads[index] = heads_to_add.front();
      ancestors_by_index[index][candidate] = 0;
    } else {
      current_heads[index] = heads_to_add.front();
      ancestors_by_index[index] = ancestors(heads_to_add.front());
      for (size_t k = 1; k < heads_to_add.size(); ++k) {
        current_heads.push_back(heads_to_add[k]);
        ancestors_by_index.push_back(ancestors(heads_to_add[k]));
      }
    }
  }
  return output;
}

}  // namespace migcheck
