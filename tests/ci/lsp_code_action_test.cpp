// Code actions of the Language Server: the fixes of `migcheck fix` for the
// findings in range, then the suppression comment, on real projects in
// temporary directories. Each fix is applied as a client would and the
// document linted again.
#include <doctest/doctest.h>

#include "tests/ci/lsp_test_session.h"
#include "tests/test_support.h"

using migcheck::testing::apply_text_edits;
using migcheck::testing::LspSession;
using migcheck::testing::read_file;
using migcheck::testing::TempDir;
using migcheck::testing::write_file;
using nlohmann::json;

namespace {

json with_code(const json& diagnostics, const std::string& code) {
  for (const json& diagnostic : diagnostics) {
    if (diagnostic.value("code", "") == code) return diagnostic;
  }
  FAIL("no diagnostic " << code << " in " << diagnostics.dump());
  return {};
}

bool has_code(const json& diagnostics, const std::string& code) {
  for (const json& diagnostic : diagnostics) {
    if (diagnostic.value("code", "") == code) return true;
  }
  return false;
}

// The actions for findings of rule `code` (a request's range can hold several).
json for_code(const json& actions, const std::string& code) {
  json out = json::array();
  for (const json& action : actions) {
    if (action["diagnostics"][0].value("code", "") == code) out.push_back(action);
  }
  return out;
}

// The text edits of `action` in the one document `uri` it changes.
json edits_of(const json& action, const std::string& uri) {
  const json& changes = action["edit"]["changes"];
  REQUIRE(changes.size() == 1);
  return changes.at(uri);
}

}  // namespace

TEST_CASE(
    "lsp code actions: a SQL migration's safe fix first and preferred, unsafe ones labelled") {
  TempDir dir;
  write_file(dir / "001_accounts.up.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
  write_file(dir / "001_accounts.down.sql", "DROP TABLE accounts;\n");
  std::string text = "ALTER TABLE accounts ADD COLUMN seen_at timestamp;\n";
  auto file = dir / "002_seen.up.sql";
  write_file(file, text);
  write_file(dir / "002_seen.down.sql", "ALTER TABLE accounts DROP COLUMN seen_at;\n");
  LspSession session;
  session.initialize(dir.path());
  json diagnostics = session.open(file, text);
  std::string uri = migcheck::lsp::file_uri_from_path(file.string());

  SUBCASE("the lock timeout fix puts the SET at the top and the finding goes") {
    json actions =
        for_code(session.code_actions(file, with_code(diagnostics, "missing-lock-timeout")),
                 "missing-lock-timeout");
    REQUIRE(actions.size() == 2);
    CHECK(actions[0]["title"] == "SET lock_timeout = '5s' at the top");
    CHECK(actions[0]["kind"] == "quickfix");
    CHECK(actions[0]["isPreferred"] == true);
    CHECK(actions[1]["title"] == "Suppress missing-lock-timeout with a migcheck:ignore comment");
    std::string fixed = apply_text_edits(text, edits_of(actions[0], uri));
    CHECK(fixed == "SET lock_timeout = '5s';\n" + text);
    json after = session.change(file, fixed);
    CHECK_FALSE(has_code(after, "missing-lock-timeout"));
    CHECK(has_code(after, "prefer-timestamptz"));
  }
  SUBCASE("a type change is offered as unsafe, never preferred") {
    json actions =
        for_code(session.code_actions(file, with_code(diagnostics, "prefer-timestamptz")),
                 "prefer-timestamptz");
    REQUIRE(actions.size() == 2);
    CHECK(actions[0]["title"] ==
          "Use timestamptz (unsafe: changes what the migration does; review it)");
    CHECK(actions[0]["isPreferred"] == false);
    std::string fixed = apply_text_edits(text, edits_of(actions[0], uri));
    CHECK(fixed == "ALTER TABLE accounts ADD COLUMN seen_at timestamptz;\n");
    CHECK_FALSE(has_code(session.change(file, fixed), "prefer-timestamptz"));
  }
  SUBCASE("a range without findings has no actions") {
    json nothing = {
        {"range",
         {{"start", {{"line", 3}, {"character", 0}}}, {"end", {{"line", 3}, {"character", 0}}}}}};
    CHECK(session.code_actions(file, nothing).empty());
  }
}

TEST_CASE("lsp code actions: an Alembic index is created concurrently in an autocommit block") {
  TempDir dir;
  REQUIRE(migcheck::testing::run_command(
              "cp -r " +
              migcheck::testing::shell_quote(
                  (migcheck::testing::source_dir() / "examples/shop").string()) +
              " " + migcheck::testing::shell_quote((dir / "shop").string()))
              .exit_code == 0);
  auto file = dir / "shop/migrations/versions/c7d9a2e4f613_performance_indexes.py";
  std::string text = read_file(file);
  LspSession session;
  session.initialize(dir / "shop");
  json diagnostics = session.open(file, text, "python");
  json index = with_code(diagnostics, "creating-index-non-concurrently");
  json actions = for_code(session.code_actions(file, index), "creating-index-non-concurrently");
  INFO("actions: " << actions.dump());
  REQUIRE(actions.size() >= 2);
  CHECK(actions[0]["isPreferred"] == true);
  CHECK(actions.back()["title"] ==
        "Suppress creating-index-non-concurrently with a migcheck:ignore comment");
  std::string uri = migcheck::lsp::file_uri_from_path(file.string());
  std::string fixed = apply_text_edits(text, edits_of(actions[0], uri));
  CHECK(fixed.find("with op.get_context().autocommit_block():") != std::string::npos);
  CHECK(fixed.find("postgresql_concurrently=True") != std::string::npos);
  json after = session.change(file, fixed);
  // The fixed call, one line lower in its block, has no finding left.
  for (const json& diagnostic : after) {
    if (diagnostic.value("code", "") != "creating-index-non-concurrently") continue;
    CHECK(diagnostic["range"]["start"]["line"] != index["range"]["start"]["line"].get<int>() + 1);
  }
  CHECK(after.size() < diagnostics.size());
}
