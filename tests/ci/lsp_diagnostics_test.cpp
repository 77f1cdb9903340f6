// Diagnostics, hover and the suppress quick fix of the Language Server, on
// real migration projects in temporary directories.
#include <doctest/doctest.h>

#include "tests/ci/lsp_test_session.h"
#include "tests/test_support.h"

using migcheck::testing::LspSession;
using migcheck::testing::read_file;
using migcheck::testing::TempDir;
using migcheck::testing::write_file;
using nlohmann::json;

namespace {

// A golang-migrate project: 001 creates accounts.plan as varchar(10).
void write_accounts_project(const TempDir& dir) {
  write_file(dir / "001_accounts.up.sql",
             "CREATE TABLE accounts (id bigint PRIMARY KEY, plan varchar(10));\n");
  write_file(dir / "001_accounts.down.sql", "DROP TABLE accounts;\n");
  write_file(dir / "002_plan.down.sql", "SELECT 1;\n");
}

std::vector<std::string> codes(const json& diagnostics) {
  std::vector<std::string> out;
  for (const json& diagnostic : diagnostics) out.push_back(diagnostic.value("code", ""));
  return out;
}

json first_with_code(const json& diagnostics, const std::string& code) {
  for (const json& diagnostic : diagnostics) {
    if (diagnostic.value("code", "") == code) return diagnostic;
  }
  FAIL("no diagnostic " << code << " in " << diagnostics.dump());
  return {};
}

// The 0-based line `line` of `text`.
std::string line_of(const std::string& text, int line) {
  size_t at = 0;
  for (int i = 0; i < line; ++i) at = text.find('\n', at) + 1;
  return text.substr(at, text.find('\n', at) - at);
}

// Applies an LSP insertion at the start of a line to `text`.
std::string insert_at_line(const std::string& text, int line, const std::string& inserted) {
  size_t at = 0;
  for (int i = 0; i < line; ++i) at = text.find('\n', at) + 1;
  return text.substr(0, at) + inserted + text.substr(at);
}

}  // namespace

TEST_CASE("lsp diagnostics: a revision is linted with the schema of the revisions before it") {
  TempDir dir;
  write_accounts_project(dir);
  std::string narrowing =
      "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN plan TYPE varchar(5);\n";
  write_file(dir / "002_plan.up.sql", narrowing);
  LspSession session;
  session.initialize(dir.path());
  json diagnostics = session.open(dir / "002_plan.up.sql", narrowing);
  json type_change = first_with_code(diagnostics, "changing-column-type");
  // The type comes from 001: the schema memory of the earlier revision.
  CHECK(type_change["message"].get<std::string>().find("from varchar(10)") != std::string::npos);
  CHECK(type_change["severity"] == 1);
  CHECK(type_change["source"] == "migcheck");
  CHECK(type_change["codeDescription"]["href"].get<std::string>().ends_with(
      "/docs/rules.md#changing-column-type"));
  CHECK(type_change["range"]["start"]["line"] == 1);

  SUBCASE("an edit re-lints only that revision, from the cached schema, without reading disk") {
    const auto* workspace = session.server().workspace();
    REQUIRE(workspace);
    size_t loads = workspace->project_loads();
    size_t reads = workspace->disk_reads();
    size_t linted = workspace->revisions_linted();
    // Widening needs no rewrite: only the type 001 gave tells that.
    std::string widening =
        "SET lock_timeout = '2s';\nALTER TABLE accounts ALTER COLUMN plan TYPE varchar(20);\n";
    json after = session.change(dir / "002_plan.up.sql", widening);
    CHECK(codes(after) == std::vector<std::string>{});
    CHECK(workspace->project_loads() == loads);
    CHECK(workspace->disk_reads() == reads);
    CHECK(workspace->revisions_linted() == linted + 1);
    // The same text again lints nothing.
    session.change(dir / "002_plan.up.sql", widening);
    CHECK(workspace->revisions_linted() == linted + 1);
  }
  SUBCASE("a save reads the project again") {
    const auto* workspace = session.server().workspace();
    size_t loads = workspace->project_loads();
    session.notify(
        "textDocument/didSave",
        {{"textDocument",
          {{"uri", migcheck::lsp::file_uri_from_path((dir / "002_plan.up.sql").string())}}}});
    CHECK(workspace->project_loads() == loads + 1);
  }
  SUBCASE("closing clears the document's diagnostics") {
    json closed = LspSession::diagnostics_in(session.notify(
        "textDocument/didClose",
        {{"textDocument",
          {{"uri", migcheck::lsp::file_uri_from_path((dir / "002_plan.up.sql").string())}}}}));
    CHECK(closed.empty());
  }
}

TEST_CASE("lsp diagnostics: the configuration file and suppression comments apply") {
  TempDir dir;
  write_accounts_project(dir);
  std::string text =
      "SET lock_timeout = '2s';\n"
      "ALTER TABLE accounts ALTER COLUMN plan TYPE varchar(5);\n"
      "CREATE INDEX accounts_plan ON accounts (plan);\n";
  write_file(dir / "002_plan.up.sql", text);
  SUBCASE("configuration") {
    write_file(dir / ".migcheck.toml",
               "ignore = [\"changing-column-type\", \"holding-exclusive-lock\"]\n");
    LspSession session;
    session.initialize(dir.path());
    CHECK(codes(session.open(dir / "002_plan.up.sql", text)) ==
          std::vector<std::string>{"creating-index-non-concurrently"});
  }
  SUBCASE("the quick fix inserts a migcheck:ignore comment that silences the finding") {
    LspSession session;
    session.initialize(dir.path());
    json diagnostics = session.open(dir / "002_plan.up.sql", text);
    REQUIRE(codes(diagnostics) == std::vector<std::string>{"changing-column-type",
                                                           "creating-index-non-concurrently",
                                                           "holding-exclusive-lock"});
    json index = first_with_code(diagnostics, "creating-index-non-concurrently");
    std::string uri = migcheck::lsp::file_uri_from_path((dir / "002_plan.up.sql").string());
    auto answer = session.request(5, "textDocument/codeAction",
                                  {{"textDocument", {{"uri", uri}}},
                                   {"range", index["range"]},
                                   {"context", {{"diagnostics", {index}}}}});
    REQUIRE(answer.size() == 1);
    // golang-migrate runs a file of several statements in one transaction,
    // so CONCURRENTLY is no fix here; holding-exclusive-lock shares the range.
    const json& actions = answer[0]["result"];
    REQUIRE(actions.size() == 2);
    CHECK(actions[0]["kind"] == "quickfix");
    CHECK(actions[0]["title"] ==
          "Suppress creating-index-non-concurrently with a migcheck:ignore comment");
    const json& edit = actions[0]["edit"]["changes"][uri].at(0);
    CHECK(edit["range"]["start"] == json{{"line", 2}, {"character", 0}});
    std::string inserted = edit["newText"];
    CHECK(inserted.starts_with("-- migcheck:ignore creating-index-non-concurrently "));
    json after = session.change(dir / "002_plan.up.sql", insert_at_line(text, 2, inserted));
    CHECK(codes(after) ==
          std::vector<std::string>{"changing-column-type", "holding-exclusive-lock"});
  }
}

TEST_CASE("lsp hover: a finding's explanation, nothing elsewhere") {
  TempDir dir;
  write_accounts_project(dir);
  std::string text = "SET lock_timeout = '2s';\nCREATE INDEX accounts_plan ON accounts (plan);\n";
  write_file(dir / "002_plan.up.sql", text);
  LspSession session;
  session.initialize(dir.path());
  session.open(dir / "002_plan.up.sql", text);
  std::string uri = migcheck::lsp::file_uri_from_path((dir / "002_plan.up.sql").string());
  auto on = session.request(
      3, "textDocument/hover",
      {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 1}, {"character", 2}}}});
  std::string value = on.at(0)["result"]["contents"]["value"];
  CHECK(value.find("creating-index-non-concurrently: ") != std::string::npos);
  CHECK(value.find("Safe alternative:") != std::string::npos);
  auto off = session.request(
      4, "textDocument/hover",
      {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 1}, {"character", 40}}}});
  CHECK(off.at(0)["result"].is_null());
}

TEST_CASE("lsp diagnostics: an Alembic revision, its edits, its syntax errors, its quick fix") {
  TempDir dir;
  REQUIRE(migcheck::testing::run_command(
              "cp -r " +
              migcheck::testing::shell_quote(
                  (migcheck::testing::source_dir() / "examples/shop").string()) +
              " " + migcheck::testing::shell_quote((dir / "shop").string()))
              .exit_code == 0);
  auto shop = dir / "shop";
  auto file = shop / "migrations/versions/c7d9a2e4f613_performance_indexes.py";
  std::string text = read_file(file);
  LspSession session;
  session.initialize(shop);
  json diagnostics = session.open(file, text, "python");
  json index = first_with_code(diagnostics, "creating-index-non-concurrently");
  int call_line = index["range"]["start"]["line"];
  CHECK(line_of(text, call_line).starts_with("    op.create_index(\"ix_users_created_at\""));

  SUBCASE("a syntax error while typing is one diagnostic at its position") {
    std::string broken = text;
    broken.replace(broken.find("def downgrade() -> None:"), 24, "def downgrade( -> None:");
    json error = session.change(file, broken);
    REQUIRE(error.size() == 1);
    CHECK_FALSE(error[0].contains("code"));
    CHECK(error[0]["range"]["start"]["line"].get<int>() > call_line);
    CHECK(codes(session.change(file, text)) == codes(diagnostics));
  }
  SUBCASE("the quick fix writes a Python comment above the call") {
    std::string uri = migcheck::lsp::file_uri_from_path(file.string());
    auto answer = session.request(6, "textDocument/codeAction",
                                  {{"textDocument", {{"uri", uri}}},
                                   {"range", index["range"]},
                                   {"context", {{"diagnostics", {index}}}}});
    // The fixes come first, then the suppression, finding by finding.
    json suppress;
    for (const json& action : answer.at(0)["result"]) {
      if (action["title"] ==
          "Suppress creating-index-non-concurrently with a migcheck:ignore comment") {
        suppress = action;
      }
    }
    REQUIRE(suppress.is_object());
    const json& edit = suppress["edit"]["changes"][uri].at(0);
    std::string inserted = edit["newText"];
    CHECK(inserted.starts_with("    # migcheck:ignore creating-index-non-concurrently "));
    json after = session.change(file, insert_at_line(text, call_line, inserted));
    for (const std::string& code : codes(after)) CHECK(code != "creating-index-non-concurrently");
  }
}
