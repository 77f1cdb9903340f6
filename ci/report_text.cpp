#include <algorithm>

#include "ci/report_formats.h"
#include "ci/report_snippet.h"
#include "runner/trace_text.h"

namespace migcheck {

namespace {

// Source lines wider than this are cut to a window around the located clause.
constexpr size_t kMaxSnippetWidth = 160;

// ANSI styling, or nothing when colour is off.
class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  std::string bold(std::string_view text) const { return wrap("\x1b[1m", text); }
  std::string gutter(std::string_view text) const { return wrap("\x1b[34m", text); }
  std::string severity(Severity severity, std::string_view text) const {
    switch (severity) {
      case Severity::error:
        return wrap("\x1b[1;31m", text);
      case Severity::warning:
        return wrap("\x1b[1;33m", text);
      case Severity::info:
        return wrap("\x1b[1;36m", text);
    }
    return std::string(text);
  }

 private:
  std::string wrap(std::string_view code, std::string_view text) const {
    if (!color_ || text.empty()) return std::string(text);
    return std::string(code) + std::string(text) + "\x1b[0m";
  }
  bool color_;
};

// "file:line:col", "file:line" or "file", as far as the location is known.
std::string location_text(const Location& location) {
  std::string text = location.file;
  if (location.line > 0) {
    text += ":" + std::to_string(location.line);
    if (location.column > 0) text += ":" + std::to_string(location.column);
  }
  return text;
}

// Writes `text` with every line after the first indented by `indent`.
void write_indented(std::ostream& out, std::string_view text, std::string_view indent) {
  size_t start = 0;
  while (true) {
    size_t newline = text.find('\n', start);
    std::string_view line = text.substr(start, newline - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (start > 0) out << "\n" << (line.empty() ? "" : indent);
    out << line;
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  out << "\n";
}

void write_source_line(const Report& report, const Finding& finding, const Style& style,
                       std::ostream& out) {
  const Location& location = finding.location;
  auto source = report.sources.find(location.file);
  if (location.line < 1 || source == report.sources.end() || !source->second) return;
  const LineIndex& lines = source->second->lines();
  if (location.line > lines.line_count()) return;
  int end_column = location.end_line == location.line  ? location.end_column
                   : location.end_line > location.line ? 0
                                                       : location.column + 1;
  Snippet snippet =
      make_snippet(lines.line_text(location.line), location.column, end_column, kMaxSnippetWidth);
  std::string number = std::to_string(location.line);
  std::string blank(number.size(), ' ');
  out << "  " << style.gutter(number + " |") << " " << snippet.code << "\n";
  out << "  " << style.gutter(blank + " |") << " "
      << style.severity(finding.severity, snippet.underline) << "\n";
}

void write_finding(const Report& report, const Finding& finding, const Style& style,
                   std::ostream& out) {
  std::string location = location_text(finding.location);
  if (!location.empty()) out << style.bold(location) << "  ";
  out << style.severity(finding.severity, to_string(finding.severity)) << "  " << finding.rule
      << "  ";
  write_indented(out, finding.message, "  ");
  write_source_line(report, finding, style, out);
  if (!finding.revision.empty()) out << "  revision: " << finding.revision << "\n";
  std::string evidence = evidence_text(finding);
  if (!evidence.empty()) out << "  observed: " << evidence << "\n";
  if (!finding.help.empty()) {
    out << "  " << style.bold("help:") << " ";
    write_indented(out, finding.help, "        ");
  }
}

// The summary table of a combined run, columns padded to their widest cell.
void write_checks(const Report& report, const Style& style, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = {{"check", "status", "findings", "time", ""}};
  for (const CheckSummary& check : report.checks) {
    rows.push_back({check.name, std::string(to_string(check.status)),
                    check.status == CheckStatus::skipped ? "-" : std::to_string(check.findings),
                    check.seconds ? seconds_text(*check.seconds) : "-", check.note});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t i = 0; i < rows[r].size(); ++i) {
      line += rows[r][i];
      if (i + 1 < rows[r].size()) line += std::string(widths[i] - rows[r][i].size() + 2, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << (r == 0 ? style.bold(line) : line) << "\n";
  }
  out << "\n";
}

// The trace as a timeline per revision, one line a statement: where it ran,
// its time, the SQL, then what it newly locked (and for how long; locks on
// relations the revision made are marked, they block no one), rewrote,
// and (with --load) how long application queries on each table waited for it.
void write_trace(const Report& report, const Style& style, std::ostream& out) {
  std::string revision;
  for (const TraceRecord& record : report.trace) {
    if (record.revision != revision || revision.empty()) {
      revision = record.revision;
      out << style.bold("trace of revision " + revision + " (first upgrade)") << "\n";
    }
    out << "  " << location_text(record.location) << "  " << milliseconds_text(record.duration_ms)
        << "  " << sql_excerpt(record.sql, 70) << "\n";
    for (const TracedLock& lock : record.locks) {
      out << "      locks " << lock.relation << " " << lock_mode_words(lock.mode) << " for "
          << milliseconds_text(lock.held_ms)
          << (lock.on_new_relation ? " (made by this revision: blocks no one)" : "") << "\n";
    }
    for (const std::string& relation : record.rewrites) out << "      rewrote " << relation << "\n";
    for (const BlockedTime& time : record.blocked) {
      if (time.reads_ms <= 0 && time.writes_ms <= 0) continue;
      std::string estimate = estimate_text(time);
      out << "      blocked " << time.relation << " (" << time.rows
          << " rows): " << blocked_text(time) << (estimate.empty() ? "" : "; " + estimate) << "\n";
    }
  }
  if (!report.trace.empty()) out << "\n";
}

}  // namespace

void render_text(const Report& report, const RenderOptions& options, std::ostream& out) {
  Style style(options.color);
  for (const Finding& finding : report.findings) {
    write_finding(report, finding, style, out);
    out << "\n";
  }
  if (options.verbose) write_trace(report, style, out);
  if (!report.checks.empty()) write_checks(report, style, out);
  out << style.bold(summary_sentence(report)) << "\n";
}

}  // namespace migcheck
