#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/ci/report_fixture.h"

namespace migcheck::testing {

using Json = nlohmann::ordered_json;

TEST_SUITE("test_ci") {
  TEST_CASE("parse_output_format: every documented name, nothing else") {
    for (const std::string& name : output_format_names()) {
      OutputFormat format;
      CHECK(parse_output_format(name, format));
    }
    OutputFormat format = OutputFormat::text;
    CHECK(parse_output_format("sarif", format));
    CHECK(format == OutputFormat::sarif);
    CHECK(parse_output_format("junit", format));
    CHECK(format == OutputFormat::junit);
    CHECK_FALSE(parse_output_format("xml", format));
    CHECK_FALSE(parse_output_format("JSON", format));
    CHECK_FALSE(parse_output_format("", format));
    CHECK(output_format_names().size() == 7);
  }

  TEST_CASE("json: a finding linted from an executed statement says observed, others do not") {
    Report report = sample_report();
    report.findings[1].observed = true;
    Json json = Json::parse(render(OutputFormat::json, report));
    int observed = 0;
    for (const Json& finding : json["findings"]) {
      if (!finding.contains("observed")) continue;
      CHECK(finding["observed"] == true);
      CHECK(finding["rule"] == report.findings[1].rule);
      ++observed;
    }
    CHECK(observed == 1);
  }

  TEST_CASE("json: the documented schema, in a stable key order") {
    Json json = Json::parse(render(OutputFormat::json, sample_report()));
    std::vector<std::string> keys;
    for (const auto& item : json.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"version", "findings", "summary"});
    CHECK(json["version"] == 1);
    REQUIRE(json["findings"].size() == 4);

    const Json& users = json["findings"][1];
    keys.clear();
    for (const auto& item : users.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"rule", "severity", "message", "help", "location"});
    CHECK(users["rule"] == "adding-not-null-column");
    CHECK(users["severity"] == "error");
    CHECK(users["message"] == kNotNullMessage);
    CHECK(users["help"] == "1. Add the column nullable.\n2. Backfill, then set NOT NULL.");
    CHECK(users["location"] == Json{{"file", kUsersFile},
                                    {"line", 2},
                                    {"column", 22},
                                    {"end_line", 2},
                                    {"end_column", 51}});

    const Json& odd = json["findings"][3];
    CHECK(odd["message"] == kRenameMessage);  // the line break survives the round trip
    CHECK(odd["location"]["file"] == kOddFile);
    CHECK(odd["severity"] == "warning");

    // revision and evidence appear only when a finding has them.
    const Json& head = json["findings"][0];
    CHECK(head["severity"] == "info");
    CHECK(head["revision"] == "abc123");
    CHECK(head["evidence"] == Json{{"lock", "ACCESS EXCLUSIVE"}, {"rewrite", "yes"}});
    CHECK_FALSE(users.contains("revision"));
    CHECK_FALSE(users.contains("evidence"));

    CHECK(json["summary"] == Json{{"files", 3},
                                  {"findings", 4},
                                  {"errors", 2},
                                  {"warnings", 1},
                                  {"info", 1},
                                  {"failed", true}});
  }

  TEST_CASE("json: failed follows --fail-on") {
    Report report;
    report.files_checked = 1;
    report.findings.push_back(
        make_finding("renaming-column", Severity::warning, "m", "", {"a.sql", 1, 1, 1, 2}));
    CHECK(Json::parse(render(OutputFormat::json, report))["summary"]["failed"] == false);
    report.fail_on = Severity::warning;
    CHECK(Json::parse(render(OutputFormat::json, report))["summary"]["failed"] == true);
  }

  TEST_CASE("json: no findings is an empty array, and a combined run lists its checks") {
    Report report;
    report.files_checked = 2;
    Json json = Json::parse(render(OutputFormat::json, report));
    CHECK(json["findings"] == Json::array());
    CHECK(json["summary"]["failed"] == false);
    CHECK_FALSE(json.contains("checks"));

    report.checks = {{"heads", CheckStatus::passed, 0, 0.25, ""},
                     {"roundtrip", CheckStatus::failed, 1, std::nullopt, "down of abc failed"}};
    json = Json::parse(render(OutputFormat::json, report));
    CHECK(json["summary"]["failed"] == true);  // a failed check fails the run
    REQUIRE(json["checks"].size() == 2);
    CHECK(json["checks"][0] ==
          Json{{"name", "heads"}, {"status", "passed"}, {"findings", 0}, {"seconds", 0.25}});
    CHECK(json["checks"][1] == Json{{"name", "roundtrip"},
                                    {"status", "failed"},
                                    {"findings", 1},
                                    {"note", "down of abc failed"}});
  }

  TEST_CASE("json: malformed UTF-8 in a message does not stop the report") {
    Report report;
    report.findings.push_back(
        make_finding("r", Severity::error, "bad \xff byte", "", {"a.sql", 1, 1, 1, 2}));
    Json json = Json::parse(render(OutputFormat::json, report));
    CHECK(json["findings"][0]["message"] == "bad \xEF\xBF\xBD byte");
  }

  // A rule's own help is encoded once per report and reused: each finding
  // must still carry its own rule's text, also where one fixed text is part
  // of another and beside help built at run time.
  TEST_CASE("json: every finding carries its own help, shared texts and built ones alike") {
    static constexpr std::string_view kRecipes = "First recipe: \"quoted\".\nSecond line.";
    const std::string_view first = kRecipes;
    const std::string_view part = kRecipes.substr(0, 13);
    const std::string_view second = kRenameRule.safe_alternative;
    Report report;
    std::vector<std::string> expected;
    for (int i = 0; i < 12; ++i) {
      Finding finding = make_finding("r" + std::to_string(i % 4), Severity::error, "m", "",
                                     {"a.sql", i + 1, 1, i + 1, 2});
      switch (i % 4) {
        case 0:
          finding.help = HelpText::fixed(first);
          break;
        case 1:
          finding.help = HelpText::fixed(second);
          break;
        case 2:
          finding.help = HelpText::fixed(part);
          break;
        default:
          finding.help = "built " + std::to_string(i);
          break;
      }
      expected.emplace_back(finding.help.view());
      report.findings.push_back(std::move(finding));
    }
    Json json = Json::parse(render(OutputFormat::json, report));
    REQUIRE(json["findings"].size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      CAPTURE(i);
      CHECK(json["findings"][i]["help"] == expected[i]);
    }
  }

  TEST_CASE("json: same report, same bytes") {
    CHECK(render(OutputFormat::json, sample_report()) ==
          render(OutputFormat::json, sample_report()));
  }
}

}  // namespace migcheck::testing
