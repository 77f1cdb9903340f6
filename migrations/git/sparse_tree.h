#pragma once
#include <memory>
#include <set>
#include <string>

#include "migrations/file_tree.h"

namespace migcheck {

// A view of `tree` in which the revision directories hold only `visible`
// files (tree paths), so loading the project reads a branch's own revisions
// and not the thousands it shares with the default branch. Everything outside
// the revision directories (alembic.ini, env.py) reads through unchanged.
std::unique_ptr<FileTree> sparse_tree(const FileTree& tree, std::set<std::string> revision_dirs,
                                      std::set<std::string> visible);

}  // namespace migcheck
