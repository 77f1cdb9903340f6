#pragma once
#include <string>

#include "fix/apply_fixes.h"

namespace migcheck {

// The change to `file` as a unified diff (`git apply` and `patch -p1` take
// it), a created file as one from /dev/null.
std::string unified_diff(const FixedFile& file);

}  // namespace migcheck
