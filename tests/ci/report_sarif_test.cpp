#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/ci/report_fixture.h"

namespace migcheck::testing {

using Json = nlohmann::json;

namespace {

Json sarif_of(const Report& report) {
  return Json::parse(render(OutputFormat::sarif, report));
}

// What GitHub code scanning requires of an upload (docs: "SARIF support for
// code scanning"): version 2.1.0, a driver name, every result's ruleId among
// the driver's rules (with a matching ruleIndex), a valid level, a message,
// and a physical location whose uri is relative and whose lines start at 1.
void check_code_scanning_structure(const Json& sarif) {
  REQUIRE(sarif["version"] == "2.1.0");
  REQUIRE(sarif.contains("$schema"));
  REQUIRE(sarif["runs"].size() == 1);
  const Json& run = sarif["runs"][0];
  const Json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "migcheck");
  std::vector<std::string> ids;
  for (const Json& rule : driver["rules"]) {
    ids.push_back(rule["id"]);
    CHECK(rule["shortDescription"]["text"].is_string());
    CHECK(rule["help"]["text"].is_string());
  }
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  for (const Json& result : run["results"]) {
    std::string id = result["ruleId"];
    size_t index = result["ruleIndex"];
    REQUIRE(index < ids.size());
    CHECK(ids[index] == id);
    std::string level = result["level"];
    CHECK((level == "error" || level == "warning" || level == "note" || level == "none"));
    CHECK(!result["message"]["text"].get<std::string>().empty());
    REQUIRE(result["locations"].size() == 1);
    const Json& physical = result["locations"][0]["physicalLocation"];
    std::string uri = physical["artifactLocation"]["uri"];
    CHECK_FALSE(uri.starts_with("/"));
    CHECK(uri.find("://") == std::string::npos);
    CHECK(uri.find(' ') == std::string::npos);
    const Json& region = physical["region"];
    CHECK(region["startLine"] >= 1);
    CHECK(region["endLine"] >= region["startLine"]);
    if (region.contains("startColumn")) CHECK(region["startColumn"] >= 1);
    CHECK(result["partialFingerprints"].size() >= 1);
  }
}

}  // namespace

TEST_SUITE("test_ci") {
  TEST_CASE("sarif: the structure GitHub code scanning requires") {
    check_code_scanning_structure(sarif_of(sample_report()));
  }

  TEST_CASE("sarif: driver rules carry the rule definitions") {
    Json sarif = sarif_of(sample_report());
    const Json& driver = sarif["runs"][0]["tool"]["driver"];
    CHECK(driver["version"] == std::string(kToolVersion));
    CHECK(driver["informationUri"] == std::string(kToolInformationUri));
    REQUIRE(driver["rules"].size() == 3);
    const Json& not_null = driver["rules"][0];
    CHECK(not_null["id"] == "adding-not-null-column");
    CHECK(not_null["name"] == "AddingNotNullColumn");
    CHECK(not_null["shortDescription"]["text"] == kNotNullRule.summary);
    CHECK(not_null["fullDescription"]["text"] == kNotNullRule.rationale);
    CHECK(not_null["help"]["text"] == kNotNullRule.safe_alternative);
    std::string markdown = not_null["help"]["markdown"];
    CHECK(markdown.find(std::string(kNotNullRule.rationale)) != std::string::npos);
    CHECK(markdown.find("Lock: ACCESS EXCLUSIVE") != std::string::npos);
    CHECK(not_null["defaultConfiguration"] == Json{{"level", "error"}});
    // A rule that is off by default says so.
    CHECK(driver["rules"][1]["defaultConfiguration"] ==
          Json{{"level", "warning"}, {"enabled", false}});
    // A finding whose rule the report does not define still gets an entry.
    CHECK(driver["rules"][2]["id"] == "single-head");
    CHECK(driver["rules"][2]["defaultConfiguration"]["level"] == "note");
  }

  TEST_CASE("sarif: results point at the clause, in code point columns") {
    Json run = sarif_of(sample_report())["runs"][0];
    CHECK(run["columnKind"] == "unicodeCodePoints");
    const Json& results = run["results"];
    REQUIRE(results.size() == 4);

    CHECK(results[0]["ruleId"] == "single-head");
    CHECK(results[0]["level"] == "note");
    CHECK(results[0]["locations"][0]["physicalLocation"]["region"] ==
          Json{{"startLine", 1}, {"endLine", 1}});  // a whole-file finding still has line 1
    CHECK(results[0]["properties"]["revision"] == "abc123");
    CHECK(results[0]["properties"]["evidence"]["lock"] == "ACCESS EXCLUSIVE");

    const Json& users = results[1];
    CHECK(users["ruleIndex"] == 0);
    CHECK(users["level"] == "error");
    CHECK(users["message"]["text"] == kNotNullMessage);
    const Json& location = users["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] == kUsersFile);
    CHECK(location["region"] ==
          Json{{"startLine", 2}, {"startColumn", 22}, {"endLine", 2}, {"endColumn", 51}});
    CHECK_FALSE(users.contains("properties"));

    const Json& odd = results[3];
    CHECK(odd["level"] == "warning");
    CHECK(odd["message"]["text"] == kRenameMessage);
    CHECK(odd["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "db/002%20odd%2Cname%3Av2.sql");
    CHECK(odd["locations"][0]["physicalLocation"]["region"] ==
          Json{{"startLine", 1}, {"startColumn", 1}, {"endLine", 3}, {"endColumn", 8}});

    // Two findings that differ only in their line must not share a fingerprint.
    CHECK(results[1]["partialFingerprints"] != results[2]["partialFingerprints"]);
  }

  TEST_CASE("sarif: paths are made relative to the working directory") {
    Report report;
    namespace fs = std::filesystem;
    report.findings.push_back(make_finding(
        "r", Severity::error, "m", "", {(fs::current_path() / "db/./x.sql").string(), 1, 1, 1, 2}));
    report.findings.push_back(
        make_finding("r", Severity::error, "m", "", {"./db/y.sql", 1, 1, 1, 2}));
    Json sarif = sarif_of(report);
    check_code_scanning_structure(sarif);
    const Json& results = sarif["runs"][0]["results"];
    CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "db/x.sql");
    CHECK(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "db/y.sql");
  }

  TEST_CASE("sarif: no findings is a valid run with no results") {
    Report report;
    report.rules = {&kNotNullRule};
    Json sarif = sarif_of(report);
    check_code_scanning_structure(sarif);
    CHECK(sarif["runs"][0]["results"] == Json::array());
    CHECK(sarif["runs"][0]["tool"]["driver"]["rules"].size() == 1);
  }
}

}  // namespace migcheck::testing
