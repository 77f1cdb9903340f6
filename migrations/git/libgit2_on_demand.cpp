// libgit2's functions, loaded on first use (migrations/on_demand_library.h):
// one line for each function migcheck calls. A function used without a line
// here fails to link.
#include <git2.h>

#include <cstdarg>
#include <stdexcept>
#include <string>

#include "migrations/on_demand_library.h"

namespace {
constinit migcheck::OnDemandLibrary libgit2(MIGCHECK_LIBGIT2_SONAME);
}  // namespace

MIGCHECK_ON_DEMAND(libgit2, void, git_blob_free, (git_blob * blob), (blob))
MIGCHECK_ON_DEMAND(libgit2, int, git_blob_lookup,
                   (git_blob * *blob, git_repository* repo, const git_oid* id), (blob, repo, id))
MIGCHECK_ON_DEMAND(libgit2, const void*, git_blob_rawcontent, (const git_blob* blob), (blob))
MIGCHECK_ON_DEMAND(libgit2, git_object_size_t, git_blob_rawsize, (const git_blob* blob), (blob))
MIGCHECK_ON_DEMAND(libgit2, void, git_branch_iterator_free, (git_branch_iterator * iter), (iter))
MIGCHECK_ON_DEMAND(libgit2, int, git_branch_iterator_new,
                   (git_branch_iterator * *out, git_repository* repo, git_branch_t list_flags),
                   (out, repo, list_flags))
MIGCHECK_ON_DEMAND(libgit2, int, git_branch_next,
                   (git_reference * *out, git_branch_t* out_type, git_branch_iterator* iter),
                   (out, out_type, iter))
MIGCHECK_ON_DEMAND(libgit2, void, git_buf_dispose, (git_buf * buffer), (buffer))
MIGCHECK_ON_DEMAND(libgit2, const git_signature*, git_commit_author, (const git_commit* commit),
                   (commit))
MIGCHECK_ON_DEMAND(libgit2, void, git_commit_free, (git_commit * commit), (commit))
MIGCHECK_ON_DEMAND(libgit2, const git_oid*, git_commit_id, (const git_commit* commit), (commit))
MIGCHECK_ON_DEMAND(libgit2, int, git_commit_lookup,
                   (git_commit * *commit, git_repository* repo, const git_oid* id),
                   (commit, repo, id))
MIGCHECK_ON_DEMAND(libgit2, int, git_commit_parent,
                   (git_commit * *out, const git_commit* commit, unsigned int n), (out, commit, n))
MIGCHECK_ON_DEMAND(libgit2, unsigned int, git_commit_parentcount, (const git_commit* commit),
                   (commit))
MIGCHECK_ON_DEMAND(libgit2, const char*, git_commit_summary, (git_commit * commit), (commit))
MIGCHECK_ON_DEMAND(libgit2, int, git_commit_tree, (git_tree * *tree_out, const git_commit* commit),
                   (tree_out, commit))
MIGCHECK_ON_DEMAND(libgit2, int, git_diff_find_similar,
                   (git_diff * diff, const git_diff_find_options* options), (diff, options))
MIGCHECK_ON_DEMAND(libgit2, void, git_diff_free, (git_diff * diff), (diff))
MIGCHECK_ON_DEMAND(libgit2, const git_diff_delta*, git_diff_get_delta,
                   (const git_diff* diff, size_t idx), (diff, idx))
MIGCHECK_ON_DEMAND(libgit2, size_t, git_diff_num_deltas, (const git_diff* diff), (diff))
MIGCHECK_ON_DEMAND(libgit2, int, git_diff_tree_to_index,
                   (git_diff * *diff, git_repository* repo, git_tree* old_tree, git_index* index,
                    const git_diff_options* opts),
                   (diff, repo, old_tree, index, opts))
MIGCHECK_ON_DEMAND(libgit2, int, git_diff_tree_to_tree,
                   (git_diff * *diff, git_repository* repo, git_tree* old_tree, git_tree* new_tree,
                    const git_diff_options* opts),
                   (diff, repo, old_tree, new_tree, opts))
MIGCHECK_ON_DEMAND(libgit2, int, git_diff_tree_to_workdir_with_index,
                   (git_diff * *diff, git_repository* repo, git_tree* old_tree,
                    const git_diff_options* opts),
                   (diff, repo, old_tree, opts))
MIGCHECK_ON_DEMAND(libgit2, const git_error*, git_error_last, (void), ())
MIGCHECK_ON_DEMAND(libgit2, int, git_graph_descendant_of,
                   (git_repository * repo, const git_oid* commit, const git_oid* ancestor),
                   (repo, commit, ancestor))
MIGCHECK_ON_DEMAND(libgit2, void, git_index_conflict_iterator_free,
                   (git_index_conflict_iterator * iterator), (iterator))
MIGCHECK_ON_DEMAND(libgit2, int, git_index_conflict_iterator_new,
                   (git_index_conflict_iterator * *iterator_out, git_index* index),
                   (iterator_out, index))
MIGCHECK_ON_DEMAND(libgit2, int, git_index_conflict_next,
                   (const git_index_entry** ancestor_out, const git_index_entry** our_out,
                    const git_index_entry** their_out, git_index_conflict_iterator* iterator),
                   (ancestor_out, our_out, their_out, iterator))
MIGCHECK_ON_DEMAND(libgit2, size_t, git_index_entrycount, (const git_index* index), (index))
MIGCHECK_ON_DEMAND(libgit2, void, git_index_free, (git_index * index), (index))
MIGCHECK_ON_DEMAND(libgit2, const git_index_entry*, git_index_get_byindex,
                   (git_index * index, size_t n), (index, n))
MIGCHECK_ON_DEMAND(libgit2, int, git_index_has_conflicts, (const git_index* index), (index))
MIGCHECK_ON_DEMAND(libgit2, int, git_libgit2_init, (void), ())
MIGCHECK_ON_DEMAND(libgit2, int, git_libgit2_shutdown, (void), ())
MIGCHECK_ON_DEMAND(libgit2, int, git_merge_base,
                   (git_oid * out, git_repository* repo, const git_oid* one, const git_oid* two),
                   (out, repo, one, two))
MIGCHECK_ON_DEMAND(libgit2, int, git_merge_commits,
                   (git_index * *out, git_repository* repo, const git_commit* our_commit,
                    const git_commit* their_commit, const git_merge_options* opts),
                   (out, repo, our_commit, their_commit, opts))
MIGCHECK_ON_DEMAND(libgit2, void, git_object_free, (git_object * object), (object))
MIGCHECK_ON_DEMAND(libgit2, int, git_object_peel,
                   (git_object * *peeled, const git_object* object, git_object_t target_type),
                   (peeled, object, target_type))
MIGCHECK_ON_DEMAND(libgit2, int, git_oid_equal, (const git_oid* a, const git_oid* b), (a, b))
MIGCHECK_ON_DEMAND(libgit2, int, git_oid_fromstr, (git_oid * out, const char* str), (out, str))
MIGCHECK_ON_DEMAND(libgit2, int, git_oid_is_zero, (const git_oid* id), (id))
MIGCHECK_ON_DEMAND(libgit2, char*, git_oid_tostr, (char* out, size_t n, const git_oid* id),
                   (out, n, id))
MIGCHECK_ON_DEMAND(libgit2, void, git_patch_free, (git_patch * patch), (patch))
MIGCHECK_ON_DEMAND(libgit2, int, git_patch_from_buffers,
                   (git_patch * *out, const void* old_buffer, size_t old_len,
                    const char* old_as_path, const void* new_buffer, size_t new_len,
                    const char* new_as_path, const git_diff_options* opts),
                   (out, old_buffer, old_len, old_as_path, new_buffer, new_len, new_as_path, opts))
MIGCHECK_ON_DEMAND(libgit2, int, git_patch_to_buf, (git_buf * out, git_patch* patch), (out, patch))
MIGCHECK_ON_DEMAND(libgit2, void, git_reference_free, (git_reference * ref), (ref))
MIGCHECK_ON_DEMAND(libgit2, int, git_reference_is_branch, (const git_reference* ref), (ref))
MIGCHECK_ON_DEMAND(libgit2, int, git_reference_is_remote, (const git_reference* ref), (ref))
MIGCHECK_ON_DEMAND(libgit2, int, git_reference_is_tag, (const git_reference* ref), (ref))
MIGCHECK_ON_DEMAND(libgit2, void, git_reference_iterator_free, (git_reference_iterator * iter),
                   (iter))
MIGCHECK_ON_DEMAND(libgit2, int, git_reference_iterator_new,
                   (git_reference_iterator * *out, git_repository* repo), (out, repo))
MIGCHECK_ON_DEMAND(libgit2, int, git_reference_lookup,
                   (git_reference * *out, git_repository* repo, const char* name),
                   (out, repo, name))
MIGCHECK_ON_DEMAND(libgit2, int, git_reference_next,
                   (git_reference * *out, git_reference_iterator* iter), (out, iter))
MIGCHECK_ON_DEMAND(libgit2, int, git_reference_resolve,
                   (git_reference * *out, const git_reference* ref), (out, ref))
MIGCHECK_ON_DEMAND(libgit2, const char*, git_reference_shorthand, (const git_reference* ref), (ref))
MIGCHECK_ON_DEMAND(libgit2, const char*, git_reference_symbolic_target, (const git_reference* ref),
                   (ref))
MIGCHECK_ON_DEMAND(libgit2, const git_oid*, git_reference_target, (const git_reference* ref), (ref))
MIGCHECK_ON_DEMAND(libgit2, git_reference_t, git_reference_type, (const git_reference* ref), (ref))
MIGCHECK_ON_DEMAND(libgit2, void, git_repository_free, (git_repository * repo), (repo))
MIGCHECK_ON_DEMAND(libgit2, int, git_repository_head_unborn, (git_repository * repo), (repo))
MIGCHECK_ON_DEMAND(libgit2, int, git_repository_index, (git_index * *out, git_repository* repo),
                   (out, repo))
MIGCHECK_ON_DEMAND(libgit2, int, git_repository_is_bare, (const git_repository* repo), (repo))
MIGCHECK_ON_DEMAND(libgit2, int, git_repository_is_shallow, (git_repository * repo), (repo))
MIGCHECK_ON_DEMAND(libgit2, int, git_repository_open, (git_repository * *out, const char* path),
                   (out, path))
MIGCHECK_ON_DEMAND(libgit2, int, git_repository_open_ext,
                   (git_repository * *out, const char* path, unsigned int flags,
                    const char* ceiling_dirs),
                   (out, path, flags, ceiling_dirs))
MIGCHECK_ON_DEMAND(libgit2, const char*, git_repository_path, (const git_repository* repo), (repo))
MIGCHECK_ON_DEMAND(libgit2, const char*, git_repository_workdir, (const git_repository* repo),
                   (repo))
MIGCHECK_ON_DEMAND(libgit2, int, git_revparse_single,
                   (git_object * *out, git_repository* repo, const char* spec), (out, repo, spec))
MIGCHECK_ON_DEMAND(libgit2, void, git_revwalk_free, (git_revwalk * walk), (walk))
MIGCHECK_ON_DEMAND(libgit2, int, git_revwalk_hide, (git_revwalk * walk, const git_oid* commit_id),
                   (walk, commit_id))
MIGCHECK_ON_DEMAND(libgit2, int, git_revwalk_new, (git_revwalk * *out, git_repository* repo),
                   (out, repo))
MIGCHECK_ON_DEMAND(libgit2, int, git_revwalk_next, (git_oid * out, git_revwalk* walk), (out, walk))
MIGCHECK_ON_DEMAND(libgit2, int, git_revwalk_push, (git_revwalk * walk, const git_oid* id),
                   (walk, id))
MIGCHECK_ON_DEMAND(libgit2, int, git_revwalk_sorting, (git_revwalk * walk, unsigned int sort_mode),
                   (walk, sort_mode))
MIGCHECK_ON_DEMAND(libgit2, int, git_tree_dup, (git_tree * *out, git_tree* source), (out, source))
MIGCHECK_ON_DEMAND(libgit2, const git_tree_entry*, git_tree_entry_byindex,
                   (const git_tree* tree, size_t idx), (tree, idx))
MIGCHECK_ON_DEMAND(libgit2, const git_tree_entry*, git_tree_entry_byname,
                   (const git_tree* tree, const char* filename), (tree, filename))
MIGCHECK_ON_DEMAND(libgit2, int, git_tree_entry_bypath,
                   (git_tree_entry * *out, const git_tree* root, const char* path),
                   (out, root, path))
MIGCHECK_ON_DEMAND(libgit2, git_filemode_t, git_tree_entry_filemode, (const git_tree_entry* entry),
                   (entry))
MIGCHECK_ON_DEMAND(libgit2, void, git_tree_entry_free, (git_tree_entry * entry), (entry))
MIGCHECK_ON_DEMAND(libgit2, const git_oid*, git_tree_entry_id, (const git_tree_entry* entry),
                   (entry))
MIGCHECK_ON_DEMAND(libgit2, const char*, git_tree_entry_name, (const git_tree_entry* entry),
                   (entry))
MIGCHECK_ON_DEMAND(libgit2, git_object_t, git_tree_entry_type, (const git_tree_entry* entry),
                   (entry))
MIGCHECK_ON_DEMAND(libgit2, size_t, git_tree_entrycount, (const git_tree* tree), (tree))
MIGCHECK_ON_DEMAND(libgit2, void, git_tree_free, (git_tree * tree), (tree))
MIGCHECK_ON_DEMAND(libgit2, const git_oid*, git_tree_id, (const git_tree* tree), (tree))
MIGCHECK_ON_DEMAND(libgit2, int, git_tree_lookup,
                   (git_tree * *out, git_repository* repo, const git_oid* id), (out, repo, id))

// Variadic, so forwarded option by option: each option takes its own
// arguments, and C cannot pass on a `...` it did not read.
int git_libgit2_opts(int option, ...) {
  using Opts = int (*)(int, ...);
  static const auto real = reinterpret_cast<Opts>(libgit2.symbol("git_libgit2_opts"));
  va_list arguments;
  va_start(arguments, option);
  int result = -1;
  bool forwarded = true;
  switch (option) {
    case GIT_OPT_SET_CACHE_OBJECT_LIMIT: {
      int type = va_arg(arguments, int);
      size_t limit = va_arg(arguments, size_t);
      result = real(option, type, limit);
      break;
    }
    case GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION:
      result = real(option, va_arg(arguments, int));
      break;
    default:
      forwarded = false;
  }
  va_end(arguments);
  if (!forwarded) {
    throw std::logic_error("git_libgit2_opts option " + std::to_string(option) +
                           " is not forwarded (libgit2_on_demand.cpp)");
  }
  return result;
}
