#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "tests/ci/report_fixture.h"

namespace migcheck::testing {

using Json = nlohmann::json;

namespace {

Json gitlab_of(const Report& report) {
  return Json::parse(render(OutputFormat::gitlab, report));
}

std::vector<std::string> fingerprints_of(const Json& issues) {
  std::vector<std::string> result;
  for (const Json& issue : issues) result.push_back(issue["fingerprint"]);
  return result;
}

}  // namespace

TEST_SUITE("test_ci") {
  TEST_CASE("gitlab: every issue has the fields the Code Quality widget requires") {
    // docs.gitlab.com, "Code Quality report format": description, check_name,
    // fingerprint, severity (info, minor, major, critical, blocker),
    // location.path and location.lines.begin.
    Json issues = gitlab_of(sample_report());
    REQUIRE(issues.is_array());
    REQUIRE(issues.size() == 4);
    const std::set<std::string> severities = {"info", "minor", "major", "critical", "blocker"};
    for (const Json& issue : issues) {
      CHECK(issue["description"].is_string());
      CHECK(issue["check_name"].is_string());
      CHECK(!issue["fingerprint"].get<std::string>().empty());
      CHECK(severities.contains(issue["severity"].get<std::string>()));
      std::string path = issue["location"]["path"];
      CHECK_FALSE(path.starts_with("/"));
      CHECK(issue["location"]["lines"]["begin"].is_number_integer());
      CHECK(issue["location"]["lines"]["begin"] >= 1);
    }
    std::vector<std::string> fingerprints = fingerprints_of(issues);
    CHECK(std::set<std::string>(fingerprints.begin(), fingerprints.end()).size() == 4);

    CHECK(issues[0]["severity"] == "info");
    CHECK(issues[0]["location"]["lines"]["begin"] == 1);  // a whole-file finding
    CHECK(issues[1]["check_name"] == "adding-not-null-column");
    CHECK(issues[1]["description"] == kNotNullMessage);
    CHECK(issues[1]["severity"] == "major");
    CHECK(issues[1]["location"]["path"] == kUsersFile);
    CHECK(issues[1]["location"]["lines"]["begin"] == 2);
    CHECK(issues[3]["severity"] == "minor");
    CHECK(issues[3]["location"]["lines"] == Json{{"begin", 1}, {"end", 3}});
  }

  TEST_CASE("gitlab: fingerprints survive lines moving, and change with the finding") {
    Report report = sample_report();
    std::vector<std::string> before = fingerprints_of(gitlab_of(report));
    CHECK(fingerprints_of(gitlab_of(sample_report())) == before);  // stable across runs

    // Ten lines inserted above every finding (a header comment, say).
    for (Finding& finding : report.findings) {
      finding.location.line += 10;
      finding.location.end_line += 10;
    }
    CHECK(fingerprints_of(gitlab_of(report)) == before);

    report.findings[1].message = "another message";
    std::vector<std::string> after = fingerprints_of(gitlab_of(report));
    CHECK(after[1] != before[1]);
    CHECK(after[3] == before[3]);

    report = sample_report();
    report.findings[3].location.file = "db/other.sql";
    CHECK(fingerprints_of(gitlab_of(report))[3] != before[3]);
  }

  TEST_CASE("gitlab: no findings is an empty array") {
    CHECK(gitlab_of(Report{}) == Json::array());
  }
}

}  // namespace migcheck::testing
