#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "linter/fix.h"
#include "linter/source_file.h"

namespace migcheck {

// A file the applied fixes change or create.
struct FixedFile {
  std::string path;
  std::optional<std::string> before;  // nullopt for a file the fixes create
  std::string after;
};

// Applies `fixes` in order to the texts in `sources` (keyed by path, as the
// lint read them). A fix whose edits overlap an edit already taken is left
// out (counted in `skipped`: the next run can apply it); identical edits of
// two fixes (the same annotation) are made once; insertions at one point go
// in in fix order. Files in path order, only those that change.
std::vector<FixedFile> apply_fixes(
    const std::vector<Fix>& fixes,
    const std::map<std::string, std::shared_ptr<const SourceFile>>& sources,
    size_t* skipped = nullptr);

}  // namespace migcheck
