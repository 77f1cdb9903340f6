#include "ci/lsp/diagnostics.h"

#include <algorithm>

#include "ci/report.h"

namespace migcheck::lsp {

namespace {

nlohmann::json lsp_position(const LineIndex& lines, int line, int column,
                            PositionEncoding encoding) {
  // A finding past the text (an empty file's end) points at its last line.
  int last = std::max(1, lines.line_count());
  line = std::clamp(line, 1, last);
  std::string_view text = lines.line_count() > 0 ? lines.line_text(line) : std::string_view();
  return {{"line", line - 1}, {"character", to_lsp_character(text, column, encoding)}};
}

int lsp_severity(Severity severity) {
  switch (severity) {
    case Severity::error:
      return 1;
    case Severity::warning:
      return 2;
    case Severity::info:
      return 3;
  }
  return 1;
}

}  // namespace

std::string rule_documentation_uri(std::string_view rule) {
  // The headings of docs/rules.md are the rule ids, so each is its anchor.
  return std::string(kToolInformationUri) + "/blob/main/docs/rules.md#" + std::string(rule);
}

nlohmann::json lsp_range(const Location& location, const LineIndex& lines,
                         PositionEncoding encoding) {
  int end_line = location.end_line > 0 ? location.end_line : location.line;
  int end_column = location.end_column > 0 ? location.end_column : location.column;
  return {{"start", lsp_position(lines, location.line, location.column, encoding)},
          {"end", lsp_position(lines, end_line, end_column, encoding)}};
}

nlohmann::json lsp_offset_position(const LineIndex& lines, size_t offset,
                                   PositionEncoding encoding) {
  LineIndex::Position position = lines.position(offset);
  return lsp_position(lines, position.line, position.column, encoding);
}

std::optional<DocumentPosition> document_position(const nlohmann::json& position,
                                                  const LineIndex& lines,
                                                  PositionEncoding encoding) {
  if (!position.is_object()) return std::nullopt;
  auto line = position.find("line");
  auto character = position.find("character");
  if (line == position.end() || character == position.end() || !line->is_number_unsigned() ||
      !character->is_number_unsigned()) {
    return std::nullopt;
  }
  int number = line->get<int>() + 1;
  if (number > lines.line_count()) return DocumentPosition{number, 1};
  return DocumentPosition{
      number, from_lsp_character(lines.line_text(number), character->get<int>(), encoding)};
}

bool covers(const Location& location, DocumentPosition position) {
  int end_line = location.end_line > 0 ? location.end_line : location.line;
  int end_column = location.end_column > 0 ? location.end_column : location.column;
  auto at = std::make_pair(position.line, position.column);
  return std::make_pair(location.line, location.column) <= at &&
         at <= std::make_pair(end_line, end_column);
}

nlohmann::json to_diagnostic(const Finding& finding, const LineIndex& lines,
                             PositionEncoding encoding) {
  // The recipe (Finding::help) is in the hover: an editor's diagnostic list
  // shows the message alone best.
  nlohmann::json diagnostic = {{"range", lsp_range(finding.location, lines, encoding)},
                               {"severity", lsp_severity(finding.severity)},
                               {"source", "migcheck"},
                               {"message", finding.message}};
  if (!finding.rule.empty()) {
    diagnostic["code"] = finding.rule;
    diagnostic["codeDescription"] = {{"href", rule_documentation_uri(finding.rule)}};
  }
  return diagnostic;
}

}  // namespace migcheck::lsp
