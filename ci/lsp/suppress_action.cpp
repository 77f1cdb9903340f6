#include "ci/lsp/suppress_action.h"

#include <filesystem>

#include "linter/suppressions.h"

namespace migcheck::lsp {

namespace {

std::string_view indentation(std::string_view line) {
  size_t end = line.find_first_not_of(" \t");
  return line.substr(0, end == std::string_view::npos ? line.size() : end);
}

// In a Python revision, a line that holds an `op.` (or `batch_op.`) call is
// Python; any other line a finding points at is inside a SQL string literal.
bool is_python_call_line(std::string_view line) {
  return line.find("op.") != std::string_view::npos;
}

}  // namespace

std::optional<SuppressionEdit> suppression_edit(const Finding& finding, const LineIndex& lines) {
  if (finding.rule.empty() || finding.rule == kUnusedSuppressionRule.id) return std::nullopt;
  int line = finding.location.line;
  if (line < 1 || line > lines.line_count()) return std::nullopt;
  std::string_view text = lines.line_text(line);
  bool python = std::filesystem::path(finding.location.file).extension() == ".py" &&
                is_python_call_line(text);
  std::string comment = std::string(indentation(text)) + (python ? "# " : "-- ") +
                        "migcheck:ignore " + finding.rule + " reason: why this is safe here\n";
  return SuppressionEdit{line, std::move(comment)};
}

}  // namespace migcheck::lsp
