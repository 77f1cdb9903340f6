// `migcheck heads` and `migcheck history` against the real Alembic
// (/usr/bin/python3 -m alembic, 1.8) on the same generated project
// directories (run_alembic_in says how its directory order is made ours).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

struct Rev {
  std::string id;
  std::vector<std::string> down;  // empty: None; one: a string; several: a tuple
  std::string message;
  std::vector<std::string> labels;
  std::vector<std::string> depends_on;
  std::string folder = "versions";
  bool annotated = false;
};

std::string python_list(const std::vector<std::string>& items, bool tuple_for_many) {
  if (items.empty()) return "None";
  if (items.size() == 1) return "\"" + items[0] + "\"";
  std::string text = tuple_for_many ? "(" : "[";
  for (size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + ("\"" + items[i] + "\"");
  return text + (tuple_for_many ? ")" : "]");
}

std::string revision_file(const Rev& rev) {
  std::ostringstream out;
  if (rev.annotated) {
    out << "'''" << rev.message << "\n\nRevision ID: " << rev.id << "\n'''\n"
        << "from typing import Sequence, Union\n\nfrom alembic import op\n\n"
        << "revision: str = '" << rev.id << "'\n"
        << "down_revision: Union[str, Sequence[str], None] = " << python_list(rev.down, false)
        << "\n"
        << "branch_labels: Union[str, Sequence[str], None] = " << python_list(rev.labels, true)
        << "\n"
        << "depends_on: Union[str, Sequence[str], None] = " << python_list(rev.depends_on, false)
        << "\n";
  } else {
    out << "\"\"\"" << rev.message << "\n\nRevision ID: " << rev.id << "\nRevises: \n\"\"\"\n"
        << "from alembic import op\nimport sqlalchemy as sa\n\n"
        << "revision = \"" << rev.id << "\"\n"
        << "down_revision = " << python_list(rev.down, true) << "\n"
        << "branch_labels = " << python_list(rev.labels, true) << "\n"
        << "depends_on = " << python_list(rev.depends_on, true) << "\n";
  }
  out << "\n\ndef upgrade():\n    op.execute(\"SELECT 1\")\n\n\ndef downgrade():\n    pass\n";
  return out.str();
}

// Writes an Alembic project: alembic.ini (plus `ini_extra` lines in
// [alembic]), env.py, and each revision as <folder>/<id>_rev.py.
void write_project(const std::filesystem::path& dir, const std::vector<Rev>& revisions,
                   const std::string& ini_extra = "") {
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n" + ini_extra +
                                      "sqlalchemy.url = postgresql://nobody@localhost/none\n");
  write_file(dir / "migrations/env.py", "from alembic import context\n");
  for (const Rev& rev : revisions) {
    write_file(dir / "migrations" / rev.folder / (rev.id + "_rev.py"), revision_file(rev));
  }
}

// Both tools agree on `heads` and `history` for the project in `dir`.
void check_same_as_alembic(const std::filesystem::path& dir) {
  auto expected_heads = run_alembic_in(dir, "heads");
  auto expected_history = run_alembic_in(dir, "history");
  INFO(expected_heads.err);
  REQUIRE(expected_heads.exit_code == 0);
  REQUIRE(expected_history.exit_code == 0);
  auto heads = run_migcheck_in(dir, "heads");
  auto history = run_migcheck_in(dir, "history");
  INFO(heads.err);
  CHECK(heads.out == expected_heads.out);
  CHECK(history.out == expected_history.out);
  size_t head_count =
      static_cast<size_t>(std::count(expected_heads.out.begin(), expected_heads.out.end(), '\n'));
  CHECK(heads.exit_code == (head_count > 1 ? 1 : 0));
}

}  // namespace

TEST_CASE("a linear history matches alembic heads and history") {
  TempDir dir;
  write_project(dir.path(), {{"f00d0001aaaa", {}, "create users"},
                             {"0bad0002bbbb", {"f00d0001aaaa"}, "add email"},
                             {"a1b20003cccc", {"0bad0002bbbb"}, "add index"},
                             {"5eed0004dddd", {"a1b20003cccc"}, "drop legacy table"}});
  check_same_as_alembic(dir.path());
  CHECK(run_migcheck_in(dir.path(), "heads").out == "5eed0004dddd (head)\n");
}

TEST_CASE("two branches from one parent are two heads, exit 1, with the merge command") {
  TempDir dir;
  write_project(dir.path(), {{"aaaa00000001", {}, "base"},
                             {"cccc00000003", {"aaaa00000001"}, "feature one"},
                             {"bbbb00000002", {"aaaa00000001"}, "feature two"},
                             {"dddd00000004", {"cccc00000003"}, "feature one, part two"}});
  check_same_as_alembic(dir.path());
  auto heads = run_migcheck_in(dir.path(), "heads");
  CHECK(heads.exit_code == 1);
  CHECK(heads.err.find("alembic merge -m \"merge heads\" bbbb00000002 dddd00000004") !=
        std::string::npos);
  auto json = nlohmann::json::parse(run_migcheck_in(dir.path(), "heads --format json").out);
  REQUIRE(json["heads"].size() == 2);
  CHECK(json["heads"][0]["file"] == "migrations/versions/bbbb00000002_rev.py");
  CHECK(json["heads"][1]["message"] == "feature one, part two");
}

TEST_CASE("a merge revision joins the heads: branchpoint and mergepoint markers as alembic") {
  TempDir dir;
  write_project(dir.path(), {{"10000000000a", {}, "base"},
                             {"20000000000b", {"10000000000a"}, "left"},
                             {"30000000000c", {"10000000000a"}, "right"},
                             {"40000000000d", {"20000000000b", "30000000000c"}, "merge heads"},
                             {"50000000000e", {"40000000000d"}, "after the merge"}});
  check_same_as_alembic(dir.path());
  auto history = run_migcheck_in(dir.path(), "history").out;
  CHECK(history.find("10000000000a (branchpoint)") != std::string::npos);
  CHECK(history.find("20000000000b, 30000000000c -> 40000000000d (mergepoint)") !=
        std::string::npos);
}

TEST_CASE("branch labels on independent bases, shown on the revisions they name") {
  TempDir dir;
  write_project(dir.path(), {{"aa0000000001", {}, "shop base", {"shop"}},
                             {"aa0000000002", {"aa0000000001"}, "shop orders"},
                             {"bb0000000001", {}, "audit base", {"audit"}},
                             {"bb0000000002", {"bb0000000001"}, "audit log"},
                             {"bb0000000003", {"bb0000000002"}, "audit retention"}});
  check_same_as_alembic(dir.path());
}

TEST_CASE("a label after a branch point spreads back to the branch point, not past it") {
  TempDir dir;
  write_project(dir.path(), {{"c00000000001", {}, "base"},
                             {"c00000000002", {"c00000000001"}, "shared"},
                             {"c00000000003", {"c00000000002"}, "main line"},
                             {"c00000000004", {"c00000000002"}, "reports start", {"reports"}},
                             {"c00000000005", {"c00000000004"}, "reports more"}});
  check_same_as_alembic(dir.path());
}

TEST_CASE("depends_on: an effective head, dependencies in history, labels as targets") {
  TempDir dir;
  write_project(dir.path(), {{"d00000000001", {}, "accounts base", {"accounts"}},
                             {"d00000000002", {"d00000000001"}, "accounts table"},
                             {"e00000000001", {}, "billing base", {"billing"}},
                             {"e00000000002", {"e00000000001"}, "invoices", {}, {"d00000000002"}},
                             {"e00000000003", {"e00000000002"}, "payments", {}, {"accounts"}}});
  check_same_as_alembic(dir.path());
  auto heads = run_migcheck_in(dir.path(), "heads").out;
  CHECK(heads.find("d00000000002 (accounts) (effective head)") != std::string::npos);
}

TEST_CASE("several version locations split by each version_path_separator") {
  std::vector<Rev> revisions = {{"f10000000001", {}, "base"},
                                {"f20000000002", {"f10000000001"}, "from a", {}, {}, "a"},
                                {"f30000000003", {"f20000000002"}, "from b", {}, {}, "b"}};
  revisions[0].folder = "versions";
  for (const auto& [name, settings] : std::vector<std::pair<std::string, std::string>>{
           {"os",
            "version_path_separator = os\nversion_locations = "
            "%(here)s/migrations/versions:%(here)s/migrations/a:migrations/b\n"},
           {"space",
            "version_path_separator = space\nversion_locations = "
            "migrations/versions %(here)s/migrations/a migrations/b\n"},
           {"semicolon",
            "version_path_separator = ;\nversion_locations = "
            "migrations/versions;migrations/a;%(here)s/migrations/b\n"},
           {"legacy", "version_locations = migrations/versions, migrations/a migrations/b\n"}}) {
    CAPTURE(name);
    TempDir dir;
    write_project(dir.path(), revisions, settings);
    check_same_as_alembic(dir.path());
    CHECK(run_migcheck_in(dir.path(), "heads").out == "f30000000003 (head)\n");
  }
}

TEST_CASE("annotated metadata, list down_revision and files Alembic skips") {
  TempDir dir;
  std::vector<Rev> revisions = {{"a0000000000a", {}, "typed base"},
                                {"b0000000000b", {"a0000000000a"}, "typed left"},
                                {"c0000000000c", {"a0000000000a"}, "typed right"},
                                {"d0000000000d", {"b0000000000b", "c0000000000c"}, "typed merge"}};
  for (auto& rev : revisions) rev.annotated = true;
  write_project(dir.path(), revisions);
  write_file(dir / "migrations/versions/__init__.py", "");
  write_file(dir / "migrations/versions/README.md", "revision = 'nope'\n");
  write_file(dir / "migrations/versions/notes.pyc", "");
  check_same_as_alembic(dir.path());
}

TEST_CASE("random graphs with branches, merges and dependencies match alembic") {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    CAPTURE(seed);
    std::mt19937 random(seed);
    std::vector<Rev> revisions;
    std::vector<std::string> ids;
    for (int i = 0; i < 30; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "%012x", static_cast<unsigned>(random()) & 0xffffffu);
      Rev rev{std::string(id) + std::to_string(i), {}, "change " + std::to_string(i)};
      if (!ids.empty() && random() % 8 != 0) {
        rev.down.push_back(ids[random() % ids.size()]);
        if (random() % 5 == 0) {
          std::string other = ids[random() % ids.size()];
          if (other != rev.down[0]) rev.down.push_back(other);
        }
      }
      if (ids.size() > 3 && random() % 6 == 0) {
        std::string dependency = ids[random() % ids.size()];
        if (std::find(rev.down.begin(), rev.down.end(), dependency) == rev.down.end()) {
          rev.depends_on.push_back(dependency);
        }
      }
      ids.push_back(rev.id);
      revisions.push_back(rev);
    }
    TempDir dir;
    write_project(dir.path(), revisions);
    auto expected = run_alembic_in(dir.path(), "history");
    if (expected.exit_code != 0) continue;  // a merge of a revision with its own ancestor
    check_same_as_alembic(dir.path());
  }
}

TEST_CASE("history as JSON, DOT and Mermaid names every revision and edge") {
  TempDir dir;
  write_project(dir.path(), {{"a1", {}, "base"}, {"b2", {"a1"}, "say \"hi\""}});
  auto json = nlohmann::json::parse(run_migcheck_in(dir.path(), "history --format json").out);
  REQUIRE(json["revisions"].size() == 2);
  CHECK(json["revisions"][0]["revision"] == "b2");
  CHECK(json["revisions"][0]["parents"] == nlohmann::json::array({"a1"}));
  CHECK(json["heads"] == nlohmann::json::array({"b2"}));
  auto dot = run_migcheck_in(dir.path(), "history --format dot").out;
  CHECK(dot.find("\"b2\" -> \"a1\";") != std::string::npos);
  CHECK(dot.find("say \\\"hi\\\"") != std::string::npos);
  auto mermaid = run_migcheck_in(dir.path(), "history --format mermaid").out;
  CHECK(mermaid.rfind("flowchart BT\n", 0) == 0);
  CHECK(mermaid.find("#quot;hi#quot;") != std::string::npos);
  CHECK(run_migcheck_in(dir.path(), "history --format xml").exit_code == 2);
}

TEST_CASE("graph problems: a missing parent is reported and heads exits 1") {
  TempDir dir;
  write_project(dir.path(), {{"a1", {}, "base"}, {"b2", {"gone"}, "orphan"}});
  auto heads = run_migcheck_in(dir.path(), "heads");
  CHECK(heads.exit_code == 1);
  CHECK(heads.err.find("missing-parent") != std::string::npos);
  CHECK(heads.err.find("b2_rev.py") != std::string::npos);
}

TEST_CASE("show prints metadata and each statement with the line it maps to") {
  TempDir dir;
  write_project(dir.path(), {{"a1b2c3", {}, "base"}, {"d4e5f6", {"a1b2c3"}, "second"}});
  auto show = run_migcheck_in(dir.path(), "show d4e --project .");
  INFO(show.err);
  REQUIRE(show.exit_code == 0);
  CHECK(show.out.find("Revision: d4e5f6 (head)") != std::string::npos);
  CHECK(show.out.find("Parent: a1b2c3") != std::string::npos);
  // op.execute("SELECT 1") is on line 16; the SQL starts inside the literal.
  CHECK(show.out.find("migrations/versions/d4e5f6_rev.py:16:17:\n    SELECT 1") !=
        std::string::npos);
  auto missing = run_migcheck_in(dir.path(), "show nothere");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nothere") != std::string::npos);
}

TEST_CASE("the bundled example has one head, as alembic says") {
  auto shop = source_dir() / "examples/shop";
  auto expected = run_alembic_in(shop, "heads");
  REQUIRE(expected.exit_code == 0);
  CHECK(run_migcheck_in(shop, "heads").out == expected.out);
  CHECK(run_migcheck_in(shop, "history").out == run_alembic_in(shop, "history").out);
}

TEST_CASE("SQL layouts: heads, history and show on a golang-migrate project") {
  TempDir dir;
  write_file(dir / "migrations/0001_create.up.sql", "CREATE TABLE t (id int);\n");
  write_file(dir / "migrations/0001_create.down.sql", "DROP TABLE t;\n");
  write_file(dir / "migrations/0002_index.up.sql",
             "-- build it without blocking writes\nCREATE INDEX CONCURRENTLY i ON t (id);\n");
  auto heads = run_migcheck_in(dir.path(), "heads");
  CHECK(heads.exit_code == 0);
  CHECK(heads.out == "2 (head)\n");
  CHECK(run_migcheck_in(dir.path(), "history").out ==
        "1 -> 2 (head), index\n<base> -> 1, create\n");
  auto show = run_migcheck_in(dir.path(), "show 2");
  CHECK(show.out.find("migrations/0002_index.up.sql:2:1:\n    CREATE INDEX CONCURRENTLY") !=
        std::string::npos);
  CHECK(show.out.find("outside a transaction") != std::string::npos);  // alone in its file
  CHECK(show.out.find("Downgrade SQL: (no down migration)") != std::string::npos);
  CHECK(run_migcheck_in(dir.path(), "show 1").out.find("DROP TABLE t") != std::string::npos);
}
