// End-to-end tests of `migcheck lint`: the real binary on files in temp dirs.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

CommandResult lint(const std::string& arguments, const std::string& directory = ".") {
  return run_command("cd " + shell_quote(directory) + " && NO_COLOR=1 " +
                     shell_quote(migcheck_binary()) + " lint " + arguments);
}

nlohmann::json lint_json(const std::string& arguments, const std::string& directory) {
  auto result = lint("--format json " + arguments, directory);
  INFO(result.err);
  return nlohmann::json::parse(result.out);
}

}  // namespace

TEST_CASE("a clean file exits 0, a dangerous one exits 1") {
  TempDir dir;
  write_file(dir / "clean.sql", "CREATE TABLE t (id bigint);\nCREATE INDEX ON t (id);\n");
  write_file(dir / "bad.sql", "ALTER TABLE users DROP COLUMN email;\n");
  auto clean = lint("clean.sql", dir.path());
  INFO(clean.out);
  CHECK(clean.exit_code == 0);
  auto bad = lint("bad.sql", dir.path());
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("bad.sql:1:19") != std::string::npos);
  CHECK(bad.out.find("dropping-column") != std::string::npos);
}

TEST_CASE("directories expand to every .sql file below them, sorted") {
  TempDir dir;
  write_file(dir / "m/b/2.sql", "DROP TABLE b;\n");
  write_file(dir / "m/a/1.sql", "DROP TABLE a;\n");
  write_file(dir / "m/notes.txt", "DROP TABLE ignored;\n");
  auto json = lint_json("--select dropping-table m", dir.path());
  REQUIRE(json["findings"].size() == 2);
  CHECK(json["findings"][0]["location"]["file"] == "m/a/1.sql");
  CHECK(json["findings"][1]["location"]["file"] == "m/b/2.sql");
  CHECK(json["summary"]["files"] == 2);
}

TEST_CASE("a directory without .sql files, or a path that does not exist, is exit 2 naming it") {
  TempDir dir;
  write_file(dir / "empty/notes.txt", "not SQL\n");
  write_file(dir / "m/1.sql", "DROP TABLE a;\n");
  // A mistyped path must not pass CI as "No findings in 0 files".
  auto empty = lint("empty/", dir.path());
  CHECK(empty.exit_code == 2);
  CHECK(empty.err == "migcheck: empty/: no .sql files to lint\n");
  CHECK(empty.out.empty());
  CHECK(lint("m empty", dir.path()).exit_code == 2);
  // Python files there: the user meant the project.
  write_file(dir / "app/migrations/versions/a1_init.py", "revision = 'a1'\n");
  auto alembic = lint("app", dir.path());
  CHECK(alembic.exit_code == 2);
  CHECK(alembic.err ==
        "migcheck: app: no .sql files to lint (for an Alembic project, use --project app)\n");
  auto missing = lint("migratoins", dir.path());
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "migcheck: migratoins: no such file or directory\n");
}

TEST_CASE("standard input is linted under --stdin-filename") {
  TempDir dir;
  auto result =
      run_command("cd " + shell_quote(dir.path()) + " && printf 'DROP TABLE x;' | " +
                  shell_quote(migcheck_binary()) +
                  " lint - --stdin-filename db/0042.sql --format json --select dropping-table");
  CHECK(result.exit_code == 1);
  auto json = nlohmann::json::parse(result.out);
  CHECK(json["findings"][0]["location"]["file"] == "db/0042.sql");
}

TEST_CASE("a syntax error is a finding and the next file is still linted") {
  TempDir dir;
  write_file(dir / "1.sql", "SELECT 1;\nALTER TABLE t ADD COLUMN;\n");
  write_file(dir / "2.sql", "DROP TABLE t;\n");
  auto json = lint_json("--select syntax-error,dropping-table 1.sql 2.sql", dir.path());
  REQUIRE(json["findings"].size() == 2);
  CHECK(json["findings"][0]["rule"] == "syntax-error");
  CHECK(json["findings"][0]["location"]["line"] == 2);
  CHECK(json["findings"][0]["location"]["column"] == 25);
  CHECK(json["findings"][1]["rule"] == "dropping-table");
}

TEST_CASE("invalid UTF-8 is a one-line error naming the position, exit 2, other files linted") {
  TempDir dir;
  write_file(dir / "bad.sql", "SELECT 1;\nSELECT '\xC3';\n");
  write_file(dir / "ok.sql", "DROP TABLE t;\n");
  auto result = lint("--format json --select dropping-table bad.sql ok.sql", dir.path());
  CHECK(result.exit_code == 2);
  CHECK(result.err == "migcheck: bad.sql:2:9: invalid UTF-8 (byte 0xC3); save the file as UTF-8\n");
  CHECK(nlohmann::json::parse(result.out)["findings"].size() == 1);
}

TEST_CASE("usage errors exit 2") {
  TempDir dir;
  write_file(dir / "a.sql", "SELECT 1;\n");
  CHECK(lint("missing.sql", dir.path()).exit_code == 2);
  CHECK(lint("--select no-such-rule a.sql", dir.path()).exit_code == 2);
  CHECK(lint("--fail-on fatal a.sql", dir.path()).exit_code == 2);
  CHECK(lint("--format yaml a.sql", dir.path()).exit_code == 2);
  CHECK(lint("--no-such-flag a.sql", dir.path()).exit_code == 2);
  CHECK(run_command(shell_quote(migcheck_binary())).exit_code == 2);
}

TEST_CASE("--select, --ignore and --fail-on change what runs and what fails") {
  TempDir dir;
  write_file(dir / "m.sql", "DROP TABLE t;\nALTER TABLE u RENAME COLUMN a TO b;\n");
  CHECK(lint_json("--select renaming-column m.sql", dir.path())["findings"].size() == 1);
  CHECK(lint_json("--select renaming-column,dropping-table --ignore renaming-column m.sql",
                  dir.path())["findings"]
            .size() == 1);
  const std::string neither =
      "--select renaming-column,dropping-table "
      "--ignore renaming-column,dropping-table m.sql";
  CHECK(lint_json(neither, dir.path())["findings"].empty());
  CHECK(lint(neither, dir.path()).exit_code == 0);
  CHECK(lint("--select renaming-column m.sql", dir.path()).exit_code == 1);
}

TEST_CASE("locations are right with CRLF line ends, tabs, multi-byte text and a BOM") {
  TempDir dir;
  write_file(dir / "m.sql",
             "\xEF\xBB\xBF-- caf\xC3\xA9\r\n\tSELECT '\xE2\x82\xAC';\r\n\tALTER TABLE t DROP "
             "COLUMN c;\r\n");
  auto json = lint_json("--select dropping-column m.sql", dir.path());
  REQUIRE(json["findings"].size() == 1);
  auto location = json["findings"][0]["location"];
  CHECK(location["line"] == 3);
  CHECK(location["column"] == 16);
  CHECK(location["end_column"] == 29);
}

TEST_CASE("inside GitHub Actions: annotations by default and a Markdown step summary") {
  TempDir dir;
  write_file(dir / "m.sql", "DROP TABLE t;\n");
  auto summary = dir / "summary.md";
  auto result =
      run_command("cd " + shell_quote(dir.path().string()) +
                  " && GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=" + shell_quote(summary.string()) +
                  " GITHUB_SERVER_URL=https://github.com GITHUB_REPOSITORY=o/r "
                  "GITHUB_SHA=abc " +
                  shell_quote(migcheck_binary()) + " lint --select dropping-table m.sql");
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("::error file=m.sql,line=1") != std::string::npos);
  std::string markdown = read_file(summary);
  CHECK(markdown.find("dropping-table") != std::string::npos);
  CHECK(markdown.find("https://github.com/o/r/blob/abc/m.sql#L1") != std::string::npos);
}

TEST_CASE("a multi-database alembic.ini: --name picks the section, --alembic-config the file") {
  TempDir dir;
  write_file(dir / "config/multi.ini",
             "[accounts]\nscript_location = %(here)s/../accounts\n"
             "[billing]\nscript_location = %(here)s/../billing\n");
  auto revision = [](const std::string& id, const std::string& statement) {
    return "\"\"\"create " + id + "\"\"\"\nfrom alembic import op\n\nrevision = '" + id +
           "'\ndown_revision = None\n\n\ndef upgrade():\n    op.execute(\"" + statement +
           "\")\n\n\ndef downgrade():\n    pass\n";
  };
  write_file(dir / "accounts/versions/a1.py", revision("a1", "SELECT 1"));
  write_file(dir / "billing/versions/b1.py", revision("b1", "DROP TABLE invoices"));
  std::string config = "--alembic-config config/multi.ini ";
  auto accounts = lint_json(config + "--name accounts", dir.path().string());
  auto billing = lint_json(config + "-n billing", dir.path().string());
  auto rules = [](const nlohmann::json& report) {
    std::set<std::string> found;
    for (const auto& finding : report["findings"]) found.insert(finding["rule"]);
    return found;
  };
  CHECK_FALSE(rules(accounts).count("dropping-table"));
  CHECK(rules(billing).count("dropping-table"));
  auto missing = lint(config + "--name payroll", dir.path().string());
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no [payroll] section") != std::string::npos);

  // -c is Alembic's ini in every command that reads a project, as in Alembic.
  CHECK(rules(lint_json("-c config/multi.ini -n billing", dir.path().string()))
            .count("dropping-table"));
  auto run = [&](const std::string& arguments) {
    return run_command("cd " + shell_quote(dir.path().string()) + " && " +
                       shell_quote(migcheck_binary()) + " " + arguments);
  };
  for (std::string option : {"-c", "--alembic-config"}) {
    auto heads = run("heads " + option + " config/multi.ini -n billing");
    INFO(heads.err);
    CHECK(heads.exit_code == 0);
    CHECK(heads.out == "b1 (head)\n");
    CHECK(run("history " + option + " config/multi.ini -n accounts").out.find("a1") !=
          std::string::npos);
    CHECK(run("show b1 " + option + " config/multi.ini -n billing").out.find("DROP TABLE") !=
          std::string::npos);
  }
  // --config is migcheck's configuration only: given Alembic's ini, a one-line
  // error names the option that takes it.
  for (std::string command : {"heads", "history", "lint", "roundtrip", "pre-deploy-check"}) {
    auto wrong = run(command + " --config config/multi.ini -n billing");
    INFO(command, wrong.err);
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("-c/--alembic-config") != std::string::npos);
    CHECK(std::count(wrong.err.begin(), wrong.err.end(), '\n') == 1);
  }
}

TEST_CASE("JUnit for a project has a test case for every revision, clean ones passing") {
  auto result =
      lint("--format junit --project " + shell_quote((source_dir() / "examples/shop").string()));
  INFO(result.err);
  int revisions = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(source_dir() / "examples/shop/migrations/versions")) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".py")) continue;
    ++revisions;
    std::string id = name.substr(0, name.find('_'));
    CHECK(result.out.find("classname=\"" + id + "\"") != std::string::npos);
  }
  CHECK(revisions == 7);
}

TEST_CASE("--assume-in-transaction alone is true and the next argument stays a path") {
  TempDir dir;
  write_file(dir / "a.sql", "CREATE INDEX CONCURRENTLY i ON t (c);\n");
  auto rules = [&](const std::string& arguments) {
    auto result =
        lint("--format json --select concurrently-in-transaction " + arguments, dir.path());
    INFO(arguments, result.err);
    REQUIRE(result.exit_code != 2);
    auto report = nlohmann::json::parse(result.out);
    return report["findings"].size();
  };
  CHECK(rules("a.sql") == 0);
  CHECK(rules("--assume-in-transaction a.sql") == 1);
  CHECK(rules("a.sql --assume-in-transaction") == 1);
  CHECK(rules("--assume-in-transaction=false a.sql") == 0);
  CHECK(rules("--assume-in-transaction false a.sql") == 0);
  CHECK(rules("--assume-in-transaction true a.sql") == 1);
  auto bad = lint("--assume-in-transaction=maybe a.sql", dir.path());
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--assume-in-transaction") != std::string::npos);
}
