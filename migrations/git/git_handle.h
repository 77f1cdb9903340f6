#pragma once
#include <git2.h>

#include <memory>
#include <string_view>

namespace migcheck {

// Owning pointers for libgit2 objects: each frees itself with its own
// git_*_free, so no error path leaks a tree, an index or a diff.
template <typename T, void (*Free)(T*)>
struct GitFree {
  void operator()(T* object) const { Free(object); }
};
template <typename T, void (*Free)(T*)>
using GitHandle = std::unique_ptr<T, GitFree<T, Free>>;

using RepositoryHandle = GitHandle<git_repository, git_repository_free>;
using ObjectHandle = GitHandle<git_object, git_object_free>;
using CommitHandle = GitHandle<git_commit, git_commit_free>;
using TreeHandle = GitHandle<git_tree, git_tree_free>;
using TreeEntryHandle = GitHandle<git_tree_entry, git_tree_entry_free>;
using BlobHandle = GitHandle<git_blob, git_blob_free>;
using IndexHandle = GitHandle<git_index, git_index_free>;
using DiffHandle = GitHandle<git_diff, git_diff_free>;
using ReferenceHandle = GitHandle<git_reference, git_reference_free>;
using ReferenceIteratorHandle = GitHandle<git_reference_iterator, git_reference_iterator_free>;
using BranchIteratorHandle = GitHandle<git_branch_iterator, git_branch_iterator_free>;

// Throws std::runtime_error with libgit2's own message when `error` < 0: for
// failures that are not the user's fault (a corrupt object, an I/O error).
void check_git(int error, std::string_view what);

// libgit2's message for the last failed call, or "" when it set none.
std::string last_git_error();

}  // namespace migcheck
