#include "migrations/git/repository.h"

#include <algorithm>
#include <filesystem>

#include "linter/input_error.h"
#include "migrations/git/close_matches.h"

namespace migcheck {

namespace {

// libgit2 keeps global state (its thread-local errors, the settings): set it
// up once for the process and tear it down at exit.
void ensure_libgit2() {
  struct Library {
    Library() {
      git_libgit2_init();
      // libgit2 caches trees only up to 4 KiB; a versions folder with thousands
      // of revisions is far larger and is read once per branch diff.
      git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, size_t{4} << 20);
      // migcheck only reads; re-hashing every object read doubled the cost of
      // a branch scan, and git itself does not verify objects on read.
      git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    }
    ~Library() { git_libgit2_shutdown(); }
  };
  static Library library;
}

std::string strip_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// "main~2" → "main": the part of a revision expression that names a ref.
std::string ref_part(const std::string& ref) {
  return ref.substr(0, ref.find_first_of("~^@:"));
}

}  // namespace

std::string full_id(const git_oid& id) {
  char text[GIT_OID_HEXSZ + 1];
  git_oid_tostr(text, sizeof text, &id);
  return text;
}

std::string short_id(const git_oid& id) {
  return full_id(id).substr(0, 7);
}

GitRepository GitRepository::open(const std::string& path) {
  ensure_libgit2();
  git_repository* repo = nullptr;
  std::error_code ec;
  std::string absolute = std::filesystem::absolute(path.empty() ? "." : path, ec).string();
  if (git_repository_open_ext(&repo, absolute.c_str(), 0, nullptr) < 0) {
    throw InputError(path + ": not inside a git repository (" + last_git_error() + ")");
  }
  return GitRepository(RepositoryHandle(repo));
}

GitRepository GitRepository::reopen() const {
  git_repository* repo = nullptr;
  std::string where = is_bare() ? git_repository_path(get()) : workdir();
  check_git(git_repository_open(&repo, where.c_str()), "reopening " + where);
  return GitRepository(RepositoryHandle(repo));
}

bool GitRepository::is_bare() const {
  return git_repository_is_bare(get()) == 1;
}

bool GitRepository::is_shallow() const {
  return git_repository_is_shallow(get()) == 1;
}

std::string GitRepository::workdir() const {
  const char* dir = git_repository_workdir(get());
  return dir ? strip_trailing_slash(dir) : "";
}

std::string GitRepository::tree_path(const std::string& directory) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (is_bare()) {
    fs::path given(directory.empty() ? "." : directory);
    fs::path gitdir = fs::weakly_canonical(git_repository_path(get()), ec);
    if (fs::weakly_canonical(fs::absolute(given), ec) == gitdir) return "";
    if (given.is_absolute()) {
      throw InputError(directory +
                       ": a bare repository has no working directory; give the project's path "
                       "inside the repository");
    }
    std::string inside = strip_trailing_slash(given.lexically_normal().generic_string());
    return inside == "." ? "" : inside;
  }
  fs::path root = fs::weakly_canonical(workdir(), ec);
  fs::path target = fs::weakly_canonical(fs::absolute(directory.empty() ? "." : directory), ec);
  fs::path relative = target.lexically_relative(root);
  std::string inside = relative.generic_string();
  if (relative.empty() || inside == ".." || inside.starts_with("../")) {
    throw InputError(directory + ": outside the git working directory " + workdir());
  }
  return inside == "." ? "" : strip_trailing_slash(inside);
}

std::vector<std::string> GitRepository::reference_names() const {
  std::vector<std::string> names;
  git_reference_iterator* raw = nullptr;
  check_git(git_reference_iterator_new(&raw, get()), "listing references");
  ReferenceIteratorHandle iterator(raw);
  git_reference* reference = nullptr;
  while (git_reference_next(&reference, iterator.get()) == 0) {
    ReferenceHandle owned(reference);
    if (git_reference_is_branch(reference) || git_reference_is_remote(reference) ||
        git_reference_is_tag(reference)) {
      names.emplace_back(git_reference_shorthand(reference));
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

CommitHandle GitRepository::resolve_commit(const std::string& ref) const {
  git_object* raw = nullptr;
  int error = git_revparse_single(&raw, get(), ref.c_str());
  if (error == 0) {
    ObjectHandle object(raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0) {
      throw InputError("git revision '" + ref + "' does not name a commit");
    }
    return CommitHandle(reinterpret_cast<git_commit*>(peeled));
  }
  std::string name = ref_part(ref);
  if ((name == "HEAD" || name.empty()) && git_repository_head_unborn(get()) == 1) {
    throw InputError("git revision '" + ref + "': HEAD is on " + describe_head() +
                     ", which has no commits yet; commit first or name another revision");
  }
  if (error == GIT_EAMBIGUOUS) {
    throw InputError("git revision '" + ref + "' is ambiguous; give more digits of the SHA");
  }
  std::string message = "unknown git revision '" + ref + "'";
  std::vector<std::string> matches = close_matches(name, reference_names());
  if (!matches.empty()) {
    message += "; did you mean";
    for (size_t i = 0; i < matches.size(); ++i) message += (i ? ", '" : " '") + matches[i] + "'";
    message += "?";
  }
  if (is_shallow()) {
    message +=
        " (this is a shallow clone: fetch the branch and its history, e.g. `git fetch "
        "--unshallow origin`, or `fetch-depth: 0` in actions/checkout)";
  }
  throw InputError(message);
}

bool GitRepository::head_has_commit() const {
  return git_repository_head_unborn(get()) != 1;
}

std::string GitRepository::describe_head() const {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, get(), "HEAD") < 0) return "HEAD";
  ReferenceHandle head(raw);
  if (git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC) {
    std::string target = git_reference_symbolic_target(head.get());
    const std::string prefix = "refs/heads/";
    std::string branch = target.starts_with(prefix) ? target.substr(prefix.size()) : target;
    return git_repository_head_unborn(get()) == 1 ? "unborn branch '" + branch + "'" : branch;
  }
  const git_oid* id = git_reference_target(head.get());
  return id ? "HEAD (detached at " + short_id(*id) + ")" : "HEAD";
}

}  // namespace migcheck
