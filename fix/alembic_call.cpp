#include "fix/alembic_call.h"

#include "linter/input_error.h"

namespace migcheck {

namespace {

bool covers(const SourceFile& file, const SourceMap::Segment& segment, const Location& location) {
  auto begin = file.lines().position(segment.file_begin);
  auto end = file.lines().position(segment.file_end);
  return begin.line == location.line && begin.column == location.column &&
         end.line == location.end_line && end.column == location.end_column;
}

}  // namespace

std::optional<OpCall> call_at(const MigrationSet& set, const Location& location) {
  for (const Revision& revision : set.revisions) {
    for (const auto* units : {&revision.up, &revision.down}) {
      for (const SqlUnit& unit : *units) {
        const auto& file = unit.map.file();
        if (!file || file->path() != location.file) continue;
        for (const SourceMap::Segment& segment : unit.map.segments()) {
          if (!segment.exact && covers(*file, segment, location)) {
            return OpCall{&unit, segment.file_begin, segment.file_end};
          }
        }
      }
    }
  }
  return std::nullopt;
}

std::optional<PyExpr> call_expression(const OpCall& call, PyModule& module) {
  try {
    module = read_python_module(call.text(), call.path());
  } catch (const InputError&) {
    return std::nullopt;
  }
  size_t first = 0;
  while (first < module.tokens.size() && module.tokens[first].begin < call.begin) ++first;
  size_t last = first;
  while (last < module.tokens.size() && module.tokens[last].end <= call.end) ++last;
  if (first == last || module.tokens[first].begin != call.begin) return std::nullopt;
  return PyExprReader(module.source, module.tokens, first, last).read();
}

std::optional<OpCall> call_around(const SqlUnit& unit, size_t offset) {
  for (const SourceMap::Segment& segment : unit.map.segments()) {
    if (!segment.exact && segment.file_begin <= offset && offset < segment.file_end) {
      return OpCall{&unit, segment.file_begin, segment.file_end};
    }
  }
  return std::nullopt;
}

size_t line_start(const std::string& text, size_t offset) {
  size_t newline = text.find_last_of("\r\n", offset == 0 ? 0 : offset - 1);
  return offset == 0 || newline == std::string::npos ? 0 : newline + 1;
}

std::optional<std::string> with_keyword(std::string_view call, std::string_view keyword) {
  if (!call.ends_with(')')) return std::nullopt;
  size_t last = call.find_last_not_of(" \t\r\n", call.size() - 2);
  if (last == std::string_view::npos || call[last] == '(') {
    return std::nullopt;
  }
  std::string_view gap = call.substr(last + 1, call.size() - 1 - (last + 1));
  bool trailing_comma = call[last] == ',';
  std::string added;
  if (gap.find('\n') != std::string_view::npos) {
    size_t start = call.find_last_of('\n', last);
    size_t arg = call.find_first_not_of(" \t", start + 1);
    std::string indent(call.substr(start + 1, arg - start - 1));
    added = std::string(trailing_comma ? "" : ",") + "\n" + indent + std::string(keyword) +
            (trailing_comma ? "," : "");
  } else {
    added = std::string(trailing_comma ? " " : ", ") + std::string(keyword);
  }
  std::string result(call.substr(0, last + 1));
  return result + added + std::string(call.substr(last + 1));
}

std::string python_string(const std::string& text) {
  std::string literal = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') literal += '\\';
    literal += c;
  }
  return literal + "\"";
}

}  // namespace migcheck
