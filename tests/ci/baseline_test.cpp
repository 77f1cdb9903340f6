// Baselines key findings by the statement's text, not its line: they survive
// edits above the statement and let a changed statement through.
#include "ci/baseline.h"

#include <doctest/doctest.h>

#include "linter/input_error.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

using Sources = std::map<std::string, std::shared_ptr<const SourceFile>>;

// A finding on the text `clause` inside `file`, located as a rule would.
Finding finding_at(const std::shared_ptr<const SourceFile>& file, const std::string& rule,
                   const std::string& clause, size_t nth = 0) {
  size_t offset = file->text().find(clause);
  for (size_t i = 0; i < nth; ++i) offset = file->text().find(clause, offset + 1);
  REQUIRE(offset != std::string::npos);
  auto begin = file->lines().position(offset);
  auto end = file->lines().position(offset + clause.size());
  Finding f;
  f.rule = rule;
  f.message = rule + " here";
  f.location = {file->path(), begin.line, begin.column, end.line, end.column};
  return f;
}

}  // namespace

TEST_CASE("lines inserted above keep findings baselined; a changed statement is new") {
  TempDir dir;
  std::string path = (dir / "db/0001.sql").string();
  auto before = SourceFile::make(
      path, "ALTER TABLE users DROP COLUMN email;\nALTER TABLE orders\n  DROP COLUMN note;\n");
  Baseline baseline =
      Baseline::from_findings({finding_at(before, "dropping-column", "DROP COLUMN email"),
                               finding_at(before, "dropping-column", "DROP COLUMN note")},
                              Sources{{path, before}}, dir.path());
  baseline.save(dir / "baseline.json");
  Baseline loaded = Baseline::load(dir / "baseline.json");
  CHECK(loaded.size() == 2);

  // New lines above, the second statement re-wrapped: same statements.
  auto moved = SourceFile::make(path,
                                "-- cleanup\nSET lock_timeout = '2s';\n\n"
                                "ALTER TABLE users DROP COLUMN email;\n"
                                "ALTER TABLE orders DROP COLUMN note;\n");
  std::vector<Finding> findings{finding_at(moved, "dropping-column", "DROP COLUMN email"),
                                finding_at(moved, "dropping-column", "DROP COLUMN note")};
  loaded.filter(findings, Sources{{path, moved}});
  CHECK(findings.empty());

  // The same clause in a different statement is a new finding.
  auto changed = SourceFile::make(path,
                                  "ALTER TABLE accounts DROP COLUMN email;\n"
                                  "ALTER TABLE orders DROP COLUMN note;\n");
  findings = {finding_at(changed, "dropping-column", "DROP COLUMN email"),
              finding_at(changed, "dropping-column", "DROP COLUMN note")};
  loaded.filter(findings, Sources{{path, changed}});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].location.line == 1);
}

TEST_CASE("each recorded finding absorbs one occurrence: a copy of a statement is new") {
  TempDir dir;
  std::string path = (dir / "m.sql").string();
  auto once = SourceFile::make(path, "DROP TABLE t;\n");
  Baseline baseline = Baseline::from_findings({finding_at(once, "dropping-table", "DROP TABLE t")},
                                              Sources{{path, once}}, dir.path());
  auto twice = SourceFile::make(path, "DROP TABLE t;\nDROP TABLE t;\n");
  std::vector<Finding> findings{finding_at(twice, "dropping-table", "DROP TABLE t", 0),
                                finding_at(twice, "dropping-table", "DROP TABLE t", 1)};
  baseline.filter(findings, Sources{{path, twice}});
  CHECK(findings.size() == 1);
}

TEST_CASE("the rule and the file are part of the key") {
  TempDir dir;
  std::string a = (dir / "a.sql").string(), b = (dir / "b.sql").string();
  auto file_a = SourceFile::make(a, "DROP TABLE t;\n");
  auto file_b = SourceFile::make(b, "DROP TABLE t;\n");
  Baseline baseline = Baseline::from_findings(
      {finding_at(file_a, "dropping-table", "DROP TABLE t")}, Sources{{a, file_a}}, dir.path());
  std::vector<Finding> findings{finding_at(file_b, "dropping-table", "DROP TABLE t"),
                                finding_at(file_a, "missing-lock-timeout", "DROP TABLE t")};
  baseline.filter(findings, Sources{{a, file_a}, {b, file_b}});
  CHECK(findings.size() == 2);
}

TEST_CASE("paths are stored relative to the baseline's directory") {
  TempDir dir;
  std::string path = (dir / "db/migrations/1.sql").string();
  auto file = SourceFile::make(path, "DROP TABLE t;\n");
  Baseline::from_findings({finding_at(file, "dropping-table", "DROP TABLE t")},
                          Sources{{path, file}}, dir.path())
      .save(dir / "migcheck-baseline.json");
  std::string json = read_file(dir / "migcheck-baseline.json");
  CHECK(json.find("\"file\": \"db/migrations/1.sql\"") != std::string::npos);
  CHECK(json.find(dir.path().string()) == std::string::npos);
}

TEST_CASE("a missing or malformed baseline is an input error naming the file") {
  TempDir dir;
  CHECK_THROWS_AS(Baseline::load(dir / "none.json"), InputError);
  write_file(dir / "bad.json", "{\"version\": 1, \"findings\": [{\"rule\": \"x\"}]}");
  CHECK_THROWS_WITH_AS(Baseline::load(dir / "bad.json"), doctest::Contains("bad.json: --baseline"),
                       InputError);
  write_file(dir / "other.json", "[1, 2]");
  CHECK_THROWS_AS(Baseline::load(dir / "other.json"), InputError);
}
