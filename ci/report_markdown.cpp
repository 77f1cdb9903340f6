// A Markdown summary for $GITHUB_STEP_SUMMARY or a pull/merge request
// comment: a heading, a status line, the checks of a combined run, a table of
// findings, and how to fix each rule that fired.
#include <algorithm>
#include <cstdio>
#include <set>

#include "ci/report_formats.h"
#include "runner/trace_text.h"

namespace migcheck {

namespace {

// A pull-request comment holds at most 65,536 characters; beyond this many
// rows the table is cut and says how many it left out.
constexpr size_t kMaxRows = 200;

// Escapes text for inline Markdown (GitHub Flavored): punctuation that could
// start emphasis, links, HTML or end a table cell is backslash-escaped, and
// line breaks become <br> so a table row stays on one line. Messages quote
// identifiers in backticks; a closed pair becomes <code>, whose content GitHub
// still unescapes (a Markdown code span would show the backslashes).
std::string inline_text(std::string_view text) {
  std::string escaped;
  bool in_code = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      escaped += "<br>";
    } else if (c == '\r') {
      continue;
    } else if (c == '`' && (in_code || text.find('`', i + 1) < text.find('\n', i + 1))) {
      escaped += in_code ? "</code>" : "<code>";
      in_code = !in_code;
    } else {
      if (std::string_view("\\`*_[]<>|~&").find(c) != std::string_view::npos) escaped += '\\';
      escaped += c;
    }
  }
  return escaped;
}

std::string_view severity_cell(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "🔴 error";
    case Severity::warning:
      return "🟡 warning";
    case Severity::info:
      return "🔵 info";
  }
  return "error";
}

std::string_view status_cell(CheckStatus status) {
  switch (status) {
    case CheckStatus::passed:
      return "✅ passed";
    case CheckStatus::failed:
      return "❌ failed";
    case CheckStatus::skipped:
      return "⏭️ skipped";
  }
  return "failed";
}

// "path:line", a link to the lines on the forge when a base URL is given.
std::string location_cell(const Finding& finding, const std::string& link_base) {
  const Location& location = finding.location;
  std::string path = repository_path(location.file);
  std::string label = path;
  if (location.line > 0) label += ":" + std::to_string(location.line);
  std::string cell = inline_text(label);
  if (!link_base.empty() && !path.empty() && !path.starts_with('/')) {
    std::string url = link_base + uri_encode_path(path);
    if (location.line > 0) url += "#L" + std::to_string(location.line);
    if (location.end_line > location.line) url += "-L" + std::to_string(location.end_line);
    cell = "[" + cell + "](" + url + ")";
  }
  if (!finding.revision.empty()) cell += "<br>revision " + inline_text(finding.revision);
  return cell;
}

std::string message_cell(const Finding& finding) {
  std::string cell = inline_text(finding.message);
  std::string evidence = evidence_text(finding);
  if (!evidence.empty()) cell += "<br>Observed: " + inline_text(evidence);
  return cell;
}

void write_checks(const Report& report, std::ostream& out) {
  out << "| Check | Status | Findings | Time | Note |\n| --- | --- | ---: | ---: | --- |\n";
  for (const CheckSummary& check : report.checks) {
    out << "| " << inline_text(check.name) << " | " << status_cell(check.status) << " | "
        << (check.status == CheckStatus::skipped ? "–" : std::to_string(check.findings)) << " | "
        << (check.seconds ? seconds_text(*check.seconds) : "–") << " | " << inline_text(check.note)
        << " |\n";
  }
  out << "\n";
}

void write_findings(const Report& report, const RenderOptions& options, std::ostream& out) {
  out << "| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n";
  size_t shown = std::min(report.findings.size(), kMaxRows);
  for (size_t i = 0; i < shown; ++i) {
    const Finding& finding = report.findings[i];
    out << "| " << severity_cell(finding.severity) << " | " << inline_text(finding.rule) << " | "
        << location_cell(finding, options.link_base) << " | " << message_cell(finding) << " |\n";
  }
  if (shown < report.findings.size()) {
    out << "\n_" << report.findings.size() - shown << " more findings not shown._\n";
  }
  out << "\n";
}

// The help of each rule that fired, once, folded away.
void write_help(const Report& report, std::ostream& out) {
  std::set<std::string_view> written;
  for (const Finding& finding : report.findings) {
    if (finding.help.empty() || !written.insert(finding.rule).second) continue;
    out << "<details>\n<summary>How to fix " << inline_text(finding.rule) << "</summary>\n\n";
    size_t start = 0;
    std::string_view help = finding.help;
    while (start <= help.size()) {
      size_t newline = std::min(help.find('\n', start), help.size());
      // A hard line break keeps the help's own lines apart.
      out << inline_text(help.substr(start, newline - start))
          << (newline < help.size() ? "  \n" : "\n");
      start = newline + 1;
    }
    out << "\n</details>\n\n";
  }
}

// Per revision, the observed statements that took a lock blocking reads or
// writes on a relation that existed before it, or rewrote a relation: what
// the deploy makes the application wait for.
void write_trace(const Report& report, std::ostream& out) {
  std::string revision;
  bool any = false;
  for (const TraceRecord& record : report.trace) {
    std::string locks;
    for (const TracedLock& lock : record.locks) {
      if (!blocks_reads_or_writes(lock.mode) || lock.on_new_relation) continue;
      locks += (locks.empty() ? "" : "<br>") + inline_text(lock_mode_words(lock.mode)) + " on " +
               inline_text(lock.relation) + " for " + milliseconds_text(lock.held_ms);
    }
    std::string rewrites;
    for (const std::string& relation : record.rewrites) {
      rewrites += (rewrites.empty() ? "" : "<br>") + inline_text(relation);
    }
    if (locks.empty() && rewrites.empty()) continue;
    if (!any) out << "### Observed blocking locks and rewrites\n\n";
    any = true;
    if (record.revision != revision) {
      revision = record.revision;
      out << "Revision " << inline_text(revision)
          << "\n\n| Location | Statement | Time | Blocking locks | Rewrote |\n"
             "| --- | --- | ---: | --- | --- |\n";
    }
    out << "| "
        << inline_text(repository_path(record.location.file) + ":" +
                       std::to_string(record.location.line))
        << " | <code>" << inline_text(sql_excerpt(record.sql)) << "</code> | "
        << milliseconds_text(record.duration_ms) << " | " << (locks.empty() ? "–" : locks) << " | "
        << (rewrites.empty() ? "–" : rewrites) << " |\n";
  }
  if (any) out << "\n";
}

// A blocked time's cell: "–" for none.
std::string blocked_cell(double milliseconds) {
  return milliseconds > 0 ? milliseconds_text(milliseconds) : "–";
}

// The rows of one revision's blocking table: each statement and probed
// table where application queries waited; empty when none did.
std::string blocking_rows(const std::vector<const TraceRecord*>& records, bool estimates) {
  std::string rows;
  for (const TraceRecord* record : records) {
    for (const BlockedTime& blocked : record->blocked) {
      if (blocked.reads_ms <= 0 && blocked.writes_ms <= 0) continue;
      std::string estimate = estimate_text(blocked);
      rows += "| " +
              inline_text(repository_path(record->location.file) + ":" +
                          std::to_string(record->location.line)) +
              " | <code>" + inline_text(sql_excerpt(record->sql)) + "</code> | " +
              inline_text(blocked.relation) + " (" + std::to_string(blocked.rows) + " rows) | " +
              blocked_cell(blocked.reads_ms) + " | " + blocked_cell(blocked.writes_ms) + " | " +
              milliseconds_text(std::max(blocked.longest_read_ms, blocked.longest_write_ms)) +
              " | " + inline_text(waited_lock_words(blocked.lock)) +
              (estimates ? " | " + (estimate.empty() ? "–" : inline_text(estimate)) : "") + " |\n";
    }
  }
  return rows;
}

// Per revision measured under --load, how long application queries on each
// table waited for each statement, or that none waited.
void write_blocking(const Report& report, std::ostream& out) {
  // The measured records of each revision, revisions in the order they ran.
  std::vector<std::pair<std::string, std::vector<const TraceRecord*>>> revisions;
  for (const TraceRecord& record : report.trace) {
    if (record.blocked.empty()) continue;
    if (revisions.empty() || revisions.back().first != record.revision) {
      revisions.emplace_back(record.revision, std::vector<const TraceRecord*>());
    }
    revisions.back().second.push_back(&record);
  }
  if (revisions.empty()) return;
  bool estimates = std::any_of(report.trace.begin(), report.trace.end(), [](const auto& record) {
    return std::any_of(record.blocked.begin(), record.blocked.end(),
                       [](const BlockedTime& blocked) { return blocked.production_rows > 0; });
  });
  out << "### Application queries blocked by each statement (measured under load)\n\n"
         "Measured on the throwaway server while each revision's first upgrade ran, with "
         "application-like sessions reading and writing the tables it names. A wait counts for "
         "the statement whose lock it waited for: a row's for the statement that wrote it; a "
         "table lock's for the statement running then if it takes that lock, else for the "
         "earlier statement of its transaction that took it.\n\n";
  for (const auto& [revision, records] : revisions) {
    std::string rows = blocking_rows(records, estimates);
    if (rows.empty()) {
      std::string tables;
      for (const BlockedTime& blocked : records.front()->blocked) {
        tables += (tables.empty() ? "" : ", ") + inline_text(blocked.relation);
      }
      out << "Revision " << inline_text(revision) << ": no application query on " << tables
          << " waited.\n\n";
      continue;
    }
    out << "Revision " << inline_text(revision)
        << "\n\n| Location | Statement | Table | Reads blocked | Writes blocked | Longest wait | "
           "Waited for |"
        << (estimates ? " At production's rows |" : "")
        << "\n| --- | --- | --- | ---: | ---: | ---: | --- |" << (estimates ? " --- |" : "") << "\n"
        << rows << "\n";
  }
}

}  // namespace

void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out) {
  out << "## " << kToolName << "\n\n";
  out << (report.failed() ? "❌ **Failed**" : "✅ **Passed**") << ": " << summary_sentence(report)
      << "\n\n";
  if (!report.checks.empty()) write_checks(report, out);
  if (!report.findings.empty()) {
    write_findings(report, options, out);
    write_help(report, out);
  }
  write_trace(report, out);
  write_blocking(report, out);
}

}  // namespace migcheck
