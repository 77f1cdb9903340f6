#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "ci/lsp/position_encoding.h"
#include "linter/finding.h"
#include "linter/line_index.h"

namespace migcheck::lsp {

// Where diagnostics link a rule id to: docs/rules.md#<id> in migcheck's
// repository (the same place SARIF's informationUri names).
std::string rule_documentation_uri(std::string_view rule);

// A Location's range as LSP positions in the document whose lines are
// `lines` (0-based lines, characters in `encoding`).
nlohmann::json lsp_range(const Location& location, const LineIndex& lines,
                         PositionEncoding encoding);

// The LSP position of byte `offset` of the text `lines` index.
nlohmann::json lsp_offset_position(const LineIndex& lines, size_t offset,
                                   PositionEncoding encoding);

// An LSP position as a 1-based line and code-point column of the document.
struct DocumentPosition {
  int line;
  int column;
};
// nullopt when `position` is not {line, character} with non-negative numbers.
std::optional<DocumentPosition> document_position(const nlohmann::json& position,
                                                  const LineIndex& lines,
                                                  PositionEncoding encoding);

// Whether a finding's range holds `position` (its end included, so a cursor
// right after the last character still hovers it).
bool covers(const Location& location, DocumentPosition position);

// The LSP Diagnostic for a finding: its rule id as code with a link to the
// rule's documentation, the recipe after the message.
nlohmann::json to_diagnostic(const Finding& finding, const LineIndex& lines,
                             PositionEncoding encoding);

}  // namespace migcheck::lsp
