#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "ci/lsp/position_encoding.h"
#include "ci/lsp/workspace_lint.h"
#include "linter/fix.h"

namespace migcheck::lsp {

// The quick fix that applies `fix` (a complete one, fix/complete_fixes.h) as
// `migcheck fix` would: its byte edits as LSP text edits of the files as the
// editor has them, and the files it creates. An unsafe fix says so in its
// title. nullopt when a file it edits cannot be read, or it creates a file and
// the client cannot (`create_files`: the client's resourceOperations).
std::optional<nlohmann::json> fix_action(const Fix& fix, const nlohmann::json& diagnostic,
                                         bool preferred, const WorkspaceLint& workspace,
                                         PositionEncoding encoding, bool create_files);

}  // namespace migcheck::lsp
