#include "migrations/git/git_tree.h"

#include <algorithm>
#include <mutex>

#include "migrations/git/git_nodes.h"

namespace migcheck {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

std::string join_path(const std::string& directory, const std::string& name) {
  if (directory.empty()) return name;
  if (name.empty()) return directory;
  return directory + "/" + name;
}

// A node reached after following symbolic links, with the real path it has.
struct Resolved {
  GitNode node;
  std::string path;
};

// A FileTree over git nodes that follows symbolic links inside the tree.
class GitFileTree : public MergedTree {
 public:
  GitFileTree(std::shared_ptr<git_repository> repo, std::unique_ptr<GitNodes> nodes,
              std::string root, std::string label, std::vector<MergeConflict> conflicts = {})
      : repo_(std::move(repo)),
        nodes_(std::move(nodes)),
        root_(std::move(root)),
        label_(std::move(label)),
        conflicts_(std::move(conflicts)) {}

  std::optional<std::vector<Entry>> list(const std::string& directory) const override {
    std::lock_guard lock(mutex_);
    Resolved dir = resolve(join_path(root_, directory));
    if (dir.node.kind != GitNode::Kind::directory) return std::nullopt;
    std::vector<Entry> entries;
    for (const auto& [name, node] : nodes_->children(dir.path)) {
      GitNode::Kind kind = node.kind;
      if (kind == GitNode::Kind::symlink) kind = resolve(join_path(dir.path, name)).node.kind;
      if (node.kind == GitNode::Kind::submodule || kind == GitNode::Kind::submodule) continue;
      entries.push_back({name, kind == GitNode::Kind::directory});
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
  }

  std::optional<std::string> read(const std::string& path) const override {
    std::lock_guard lock(mutex_);
    Resolved file = resolve(join_path(root_, path));
    if (file.node.kind != GitNode::Kind::file) return std::nullopt;
    return blob_text(file.node.id);
  }

  std::string display_path(const std::string& path) const override {
    return label_ + join_path(root_, path);
  }

  const std::vector<MergeConflict>& conflicts() const override { return conflicts_; }

  // Every lookup holds mutex_, so libgit2 sees one caller at a time, while
  // the threads reading a project parse what they have read in parallel.
  bool concurrent_reads() const override { return true; }

 private:
  std::string blob_text(const git_oid& id) const {
    git_blob* raw = nullptr;
    check_git(git_blob_lookup(&raw, repo_.get(), &id), "reading blob " + full_id(id));
    BlobHandle blob(raw);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                       static_cast<size_t>(git_blob_rawsize(blob.get())));
  }

  // Walks `path` one name at a time, splicing in each symbolic link's target
  // as the filesystem would (a link's target is relative to its directory).
  Resolved resolve(const std::string& path) const {
    constexpr int kMaxLinks = 40;  // Linux's limit: a loop of links ends as "absent"
    std::vector<std::string> pending = split_path(path);
    std::reverse(pending.begin(), pending.end());  // pop from the back
    std::vector<std::string> done;
    GitNode current{GitNode::Kind::directory, {}};
    int links = 0;
    while (!pending.empty()) {
      std::string name = std::move(pending.back());
      pending.pop_back();
      if (current.kind != GitNode::Kind::directory) return {};
      if (name == ".") continue;
      if (name == "..") {
        if (done.empty()) return {};  // above the repository's top
        done.pop_back();
        continue;
      }
      std::string candidate = join_path(join(done), name);
      GitNode node = nodes_->node(candidate);
      if (node.kind == GitNode::Kind::symlink) {
        std::string target = blob_text(node.id);
        if (++links > kMaxLinks || target.empty() || target.front() == '/') return {};
        std::vector<std::string> parts = split_path(target);
        pending.insert(pending.end(), parts.rbegin(), parts.rend());
        current = {GitNode::Kind::directory, {}};
        continue;
      }
      if (node.kind == GitNode::Kind::missing) return {};
      done.push_back(std::move(name));
      current = node;
    }
    return {current, join(done)};
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string path;
    for (const std::string& part : parts) path = join_path(path, part);
    return path;
  }

  std::shared_ptr<git_repository> repo_;
  std::unique_ptr<GitNodes> nodes_;
  std::string root_;
  std::string label_;
  std::vector<MergeConflict> conflicts_;
  // Lookups fill the nodes' caches, and a FileTree may be read from several threads.
  mutable std::mutex mutex_;
};

std::string relative_to(const std::string& root, const std::string& path) {
  if (root.empty()) return path;
  if (path.size() > root.size() && path.starts_with(root) && path[root.size()] == '/') {
    return path.substr(root.size() + 1);
  }
  return "";
}

// The stage-0 entries of an index, and for each conflict the version of the
// side that still has the file (theirs first), with the conflict listed.
std::unique_ptr<IndexNodes> index_nodes(git_index* index, const std::string& root,
                                        const std::string& label,
                                        std::vector<MergeConflict>* conflicts) {
  auto nodes = std::make_unique<IndexNodes>();
  size_t count = git_index_entrycount(index);
  for (size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index, i);
    if (GIT_INDEX_ENTRY_STAGE(entry) == 0) nodes->add_entry(*entry);
  }
  if (!git_index_has_conflicts(index)) return nodes;
  git_index_conflict_iterator* raw = nullptr;
  check_git(git_index_conflict_iterator_new(&raw, index), "listing merge conflicts");
  GitHandle<git_index_conflict_iterator, git_index_conflict_iterator_free> iterator(raw);
  const git_index_entry* ancestor = nullptr;
  const git_index_entry* ours = nullptr;
  const git_index_entry* theirs = nullptr;
  while (git_index_conflict_next(&ancestor, &ours, &theirs, iterator.get()) == 0) {
    const git_index_entry* kept = theirs ? theirs : ours;
    if (kept) nodes->add_entry(*kept);
    const git_index_entry* any = kept ? kept : ancestor;
    std::string path = relative_to(root, any->path);
    if (path.empty() || !conflicts) continue;
    conflicts->push_back(
        {path, label + any->path, ancestor != nullptr, ours != nullptr, theirs != nullptr});
  }
  if (conflicts) {
    std::sort(conflicts->begin(), conflicts->end(),
              [](const MergeConflict& a, const MergeConflict& b) { return a.path < b.path; });
  }
  return nodes;
}

}  // namespace

std::unique_ptr<FileTree> commit_tree(const GitRepository& repo, const git_commit* commit,
                                      const std::string& root, const std::string& label) {
  git_tree* raw = nullptr;
  check_git(git_commit_tree(&raw, commit),
            "reading the tree of " + short_id(*git_commit_id(commit)));
  TreeHandle tree(raw);
  return std::make_unique<GitFileTree>(
      repo.shared(), std::make_unique<TreeNodes>(repo.shared(), tree.get()), root, label);
}

std::unique_ptr<FileTree> index_tree(const GitRepository& repo, const std::string& root,
                                     const std::string& label) {
  git_index* raw = nullptr;
  check_git(git_repository_index(&raw, repo.get()), "reading the index");
  IndexHandle index(raw);
  return std::make_unique<GitFileTree>(repo.shared(),
                                       index_nodes(index.get(), root, label, nullptr), root, label);
}

std::unique_ptr<MergedTree> merged_tree(const GitRepository& repo, const git_commit* ours,
                                        const git_commit* theirs, const std::string& root,
                                        const std::string& label) {
  git_merge_options options = GIT_MERGE_OPTIONS_INIT;  // rename detection on, as git merge
  git_index* raw = nullptr;
  check_git(git_merge_commits(&raw, repo.get(), ours, theirs, &options), "merging in memory");
  IndexHandle index(raw);
  std::vector<MergeConflict> conflicts;
  auto nodes = index_nodes(index.get(), root, label, &conflicts);
  return std::make_unique<GitFileTree>(repo.shared(), std::move(nodes), root, label,
                                       std::move(conflicts));
}

}  // namespace migcheck
