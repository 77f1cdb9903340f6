#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/ci/report_fixture.h"
#include "tests/test_support.h"

namespace migcheck::testing {

using Json = nlohmann::json;

namespace {

// Parses the report with a real XML parser (Python's expat-based ElementTree)
// and returns the tree as JSON: {tag, attrib, text, children}. A report that
// is not well-formed XML fails here.
Json parse_xml(const std::string& xml) {
  TempDir dir;
  write_file(dir / "report.xml", xml);
  const char* script =
      "import json, sys, xml.etree.ElementTree as ET\n"
      "def conv(e):\n"
      "    return {'tag': e.tag, 'attrib': e.attrib, 'text': e.text or '',\n"
      "            'children': [conv(c) for c in e]}\n"
      "print(json.dumps(conv(ET.parse(sys.argv[1]).getroot())))\n";
  CommandResult result = run_command("/usr/bin/python3 -c " + shell_quote(script) + " " +
                                     shell_quote((dir / "report.xml").string()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return Json::parse(result.out);
}

const Json& child(const Json& element, const std::string& tag) {
  for (const Json& c : element["children"]) {
    if (c["tag"] == tag) return c;
  }
  FAIL("no <" << tag << "> in <" << element["tag"].get<std::string>() << ">");
  static const Json none;
  return none;
}

}  // namespace

TEST_SUITE("test_ci") {
  TEST_CASE("junit: one test case per unit and rule, failing at or above --fail-on") {
    Json root = parse_xml(render(OutputFormat::junit, sample_report()));
    CHECK(root["tag"] == "testsuites");
    CHECK(root["attrib"]["tests"] == "4");
    CHECK(root["attrib"]["failures"] == "1");
    REQUIRE(root["children"].size() == 1);
    const Json& suite = root["children"][0];
    CHECK(suite["tag"] == "testsuite");
    CHECK(suite["attrib"]["tests"] == "4");
    CHECK(suite["attrib"]["failures"] == "1");
    const Json& cases = suite["children"];
    REQUIRE(cases.size() == 4);

    // Units in the order they were checked, then the revision only a finding names.
    CHECK(cases[0]["attrib"]["classname"] == kUsersFile);
    CHECK(cases[0]["attrib"]["name"] == "adding-not-null-column");
    CHECK(cases[0]["attrib"]["file"] == kUsersFile);
    CHECK(cases[0]["attrib"]["line"] == "2");
    const Json& failure = child(cases[0], "failure");
    CHECK(failure["attrib"]["type"] == "error");
    CHECK(failure["attrib"]["message"] == std::string(kNotNullMessage) + " (and 1 more)");
    std::string body = failure["text"];
    CHECK(body.find(std::string("db/001_users.sql:2:22: error: ") + kNotNullMessage) !=
          std::string::npos);
    CHECK(body.find(std::string("db/001_users.sql:4:15: error: ") + kNotNullMessage) !=
          std::string::npos);
    CHECK(body.find("2. Backfill, then set NOT NULL.") != std::string::npos);

    // A warning below --fail-on error is reported, but does not fail.
    CHECK(cases[1]["attrib"]["classname"] == kOddFile);
    CHECK(cases[1]["attrib"]["name"] == "renaming-column");
    REQUIRE(cases[1]["children"].size() == 1);
    CHECK(cases[1]["children"][0]["tag"] == "system-out");

    // A unit without findings passes.
    CHECK(cases[2]["attrib"]["classname"] == "db/003_clean.sql");
    CHECK(cases[2]["children"].empty());

    CHECK(cases[3]["attrib"]["classname"] == "abc123");
    CHECK(cases[3]["attrib"]["name"] == "single-head");
    CHECK(child(cases[3], "system-out")["text"].get<std::string>().find(
              "Observed: lock=ACCESS EXCLUSIVE, rewrite=yes") != std::string::npos);
  }

  TEST_CASE("junit: attributes keep quotes, ampersands and line breaks") {
    Report report = sample_report();
    report.fail_on = Severity::warning;
    Json root = parse_xml(render(OutputFormat::junit, report));
    CHECK(root["attrib"]["failures"] == "2");
    const Json& odd = root["children"][0]["children"][1];
    // An XML parser turns a raw line break in an attribute into a space; the
    // message must come back exactly.
    CHECK(child(odd, "failure")["attrib"]["message"] == kRenameMessage);
    CHECK(child(odd, "failure")["attrib"]["type"] == "warning");

    Report nasty;
    nasty.checked_units = {"a&b <c> \"d\" 'e'.sql"};
    nasty.findings.push_back(make_finding("r", Severity::error, "x < y && \"z\" \x01 ]]>", "",
                                          {"a&b <c> \"d\" 'e'.sql", 1, 1, 1, 2}));
    root = parse_xml(render(OutputFormat::junit, nasty));
    const Json& test_case = root["children"][0]["children"][0];
    CHECK(test_case["attrib"]["classname"] == "a&b <c> \"d\" 'e'.sql");
    CHECK(child(test_case, "failure")["attrib"]["message"] == "x < y && \"z\" ? ]]>");
    CHECK(root["children"][0]["children"].size() == 1);  // the listed unit is that case
  }

  TEST_CASE("junit: a combined run adds a suite of its checks") {
    Report report;
    report.checked_units = {"abc123"};
    report.checks = {{"heads", CheckStatus::passed, 0, 0.5, ""},
                     {"lint", CheckStatus::failed, 2, 1.25, "2 findings"},
                     {"roundtrip", CheckStatus::skipped, 0, std::nullopt, "--no-roundtrip"}};
    Json root = parse_xml(render(OutputFormat::junit, report));
    CHECK(root["attrib"]["tests"] == "4");
    CHECK(root["attrib"]["failures"] == "1");
    CHECK(root["attrib"]["skipped"] == "1");
    const Json& checks = root["children"][0];
    CHECK(checks["attrib"]["name"] == "checks");
    REQUIRE(checks["children"].size() == 3);
    CHECK(checks["children"][0]["attrib"]["time"] == "0.500");
    CHECK(child(checks["children"][1], "failure")["attrib"]["message"] == "2 findings");
    CHECK(child(checks["children"][2], "skipped")["attrib"]["message"] == "--no-roundtrip");
    const Json& units = root["children"][1];
    REQUIRE(units["children"].size() == 1);
    CHECK(units["children"][0]["attrib"]["classname"] == "abc123");
  }
}

}  // namespace migcheck::testing
