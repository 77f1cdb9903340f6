// JUnit XML, the test report every CI system can show: one test case per
// checked unit (revision, or file when there is none) and rule, failing when
// the unit has findings of that rule at or above --fail-on; a unit without
// findings is one passing test case. A combined run adds a suite of its checks.
#include <algorithm>
#include <cstdio>
#include <map>

#include "ci/report_formats.h"

namespace migcheck {

namespace {

// XML 1.0 text and attribute values: markup characters as entities, line
// breaks kept in attributes, and control characters XML forbids replaced.
std::string xml_escape(std::string_view text, bool attribute) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        escaped += attribute ? "&apos;" : "'";
        break;
      case '\n':
        escaped += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        escaped += "&#13;";
        break;
      case '\t':
        escaped += attribute ? "&#9;" : "\t";
        break;
      default:
        escaped += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? '?' : c;
    }
  }
  return escaped;
}

std::string attr(std::string_view value) {
  return xml_escape(value, true);
}
std::string xml_text(std::string_view value) {
  return xml_escape(value, false);
}

std::string unit_of(const Finding& finding) {
  return finding.revision.empty() ? finding.location.file : finding.revision;
}

// The findings of one unit and one rule.
struct TestCase {
  std::string unit;
  std::string rule;
  std::vector<const Finding*> findings;
};

// Units in the order they were checked, then any that only findings name;
// within a unit, rules in the order of their first finding.
std::vector<TestCase> group(const Report& report) {
  std::vector<std::string> units = report.checked_units;
  std::map<std::string, std::vector<TestCase>> by_unit;
  for (const std::string& unit : units) by_unit[unit];
  for (const Finding& finding : report.findings) {
    std::string unit = unit_of(finding);
    auto [entry, inserted] = by_unit.try_emplace(unit);
    if (inserted) units.push_back(unit);
    std::vector<TestCase>& cases = entry->second;
    auto it = std::find_if(cases.begin(), cases.end(),
                           [&](const TestCase& c) { return c.rule == finding.rule; });
    if (it == cases.end()) it = cases.insert(cases.end(), TestCase{unit, finding.rule, {}});
    it->findings.push_back(&finding);
  }
  std::vector<TestCase> result;
  for (const std::string& unit : units) {
    std::vector<TestCase>& cases = by_unit[unit];
    if (cases.empty()) result.push_back(TestCase{unit, std::string(kToolName), {}});
    for (TestCase& test_case : cases) result.push_back(std::move(test_case));
    cases.clear();  // a unit listed twice is reported once
  }
  return result;
}

std::string describe(const Finding& finding) {
  const Location& location = finding.location;
  std::string text = location.file;
  if (location.line > 0) text += ":" + std::to_string(location.line);
  if (location.line > 0 && location.column > 0) text += ":" + std::to_string(location.column);
  text += (text.empty() ? "" : ": ") + std::string(to_string(finding.severity)) + ": " +
          finding.message;
  if (!finding.help.empty()) text.append("\n").append(finding.help.view());
  std::string evidence = evidence_text(finding);
  if (!evidence.empty()) text += "\nObserved: " + evidence;
  return text;
}

std::string seconds_attribute(const std::optional<double>& seconds) {
  if (!seconds) return "";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, " time=\"%.3f\"", *seconds);
  return buffer;
}

struct Counts {
  size_t tests = 0;
  size_t failures = 0;
  size_t skipped = 0;
};

std::string counts_attributes(const Counts& counts) {
  return " tests=\"" + std::to_string(counts.tests) + "\" failures=\"" +
         std::to_string(counts.failures) + "\" errors=\"0\" skipped=\"" +
         std::to_string(counts.skipped) + "\"";
}

// Renders the units' suite into `body` and returns its counts.
Counts write_units(const Report& report, std::string& body) {
  Counts counts;
  std::string cases;
  for (const TestCase& test_case : group(report)) {
    ++counts.tests;
    cases += "    <testcase classname=\"" + attr(test_case.unit) + "\" name=\"" +
             attr(test_case.rule) + "\"";
    if (test_case.findings.empty()) {
      cases += "/>\n";
      continue;
    }
    const Finding& first = *test_case.findings.front();
    cases += " file=\"" + attr(repository_path(first.location.file)) + "\"";
    if (first.location.line > 0) cases += " line=\"" + std::to_string(first.location.line) + "\"";
    cases += ">\n";
    std::string details;
    Severity worst = Severity::info;
    for (const Finding* finding : test_case.findings) {
      details += (details.empty() ? "" : "\n\n") + describe(*finding);
      worst = std::max(worst, finding->severity);
    }
    if (worst >= report.fail_on) {
      ++counts.failures;
      std::string message = first.message;
      if (test_case.findings.size() > 1) {
        message += " (and " + std::to_string(test_case.findings.size() - 1) + " more)";
      }
      cases += "      <failure message=\"" + attr(message) + "\" type=\"" +
               std::string(to_string(worst)) + "\">" + xml_text(details) + "</failure>\n";
    } else {
      // Below --fail-on: the run passes, but the finding stays visible.
      cases += "      <system-out>" + xml_text(details) + "</system-out>\n";
    }
    cases += "    </testcase>\n";
  }
  body += "  <testsuite name=\"" + std::string(kToolName) + "\"" + counts_attributes(counts) +
          ">\n" + cases + "  </testsuite>\n";
  return counts;
}

Counts write_checks(const Report& report, std::string& body) {
  Counts counts;
  std::string cases;
  for (const CheckSummary& check : report.checks) {
    ++counts.tests;
    cases += "    <testcase classname=\"checks\" name=\"" + attr(check.name) + "\"" +
             seconds_attribute(check.seconds);
    std::string note = check.note.empty() ? std::string(to_string(check.status)) : check.note;
    switch (check.status) {
      case CheckStatus::passed:
        cases += "/>\n";
        continue;
      case CheckStatus::skipped:
        ++counts.skipped;
        cases += ">\n      <skipped message=\"" + attr(note) + "\"/>\n";
        break;
      case CheckStatus::failed:
        ++counts.failures;
        cases += ">\n      <failure message=\"" + attr(note) + "\" type=\"failed\">" +
                 xml_text(std::to_string(check.findings) +
                          (check.findings == 1 ? " finding" : " findings")) +
                 "</failure>\n";
        break;
    }
    cases += "    </testcase>\n";
  }
  body += "  <testsuite name=\"checks\"" + counts_attributes(counts) + ">\n" + cases +
          "  </testsuite>\n";
  return counts;
}

}  // namespace

void render_junit(const Report& report, std::ostream& out) {
  std::string body;
  Counts total;
  if (!report.checks.empty()) total = write_checks(report, body);
  Counts units = write_units(report, body);
  total.tests += units.tests;
  total.failures += units.failures;
  total.skipped += units.skipped;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"" << kToolName << "\"" << counts_attributes(total) << ">\n"
      << body << "</testsuites>\n";
}

}  // namespace migcheck
