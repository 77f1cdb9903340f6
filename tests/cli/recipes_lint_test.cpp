// A rule must not flag its own recipe. Each statement rule's safe alternative
// (its `safe_alternative` text, what `migcheck explain` prints) is written out
// as migrations under tests/recipes/<rule>/: `sql/` a golang-migrate project,
// `alembic/` the same steps as an Alembic user writes them. The real binary
// lints each project with the rules on by default plus the recipe's own rule,
// and nothing may be found, by any rule, at any severity, except the notes
// listed below with their reason.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rules/registry.h"
#include "tests/cli/recipes.h"
#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

// Statement rules with nothing to write out as migrations, and why.
struct Exemption {
  std::string_view rule;
  std::string_view reason;
};
constexpr std::string_view kPolicyRule =
    "opt-in policy rule: its safe path is a review, then the statement marked with a "
    "migcheck:ignore comment";
constexpr Exemption kWithoutRecipe[] = {
    {"adding-enum-value-without-position",
     "the fix is the same statement with BEFORE or AFTER: nothing to stage"},
    {"creating-domain-with-constraint",
     "the fix is a different CREATE (the base type, a table CHECK): nothing to stage"},
    {"dropping-database", "its recipe keeps databases out of migrations (provisioning, by hand)"},
    {"duplicate-column-assignment", "the fix is the same statement without the repeated column"},
    {"syntax-error", "the fix is a statement PostgreSQL can parse"},
    {"unused-suppression", "the fix is deleting the stale comment"},
    // Opt-in policy rules (issue 15): every use is the finding.
    {"adding-column", kPolicyRule},
    {"adding-composite-attribute", kPolicyRule},
    {"adding-enum-value", kPolicyRule},
    {"adding-unique-index-over-existing-rows", kPolicyRule},
    {"adding-write-restriction", kPolicyRule},
    {"altering-database", kPolicyRule},
    {"altering-extension", kPolicyRule},
    {"altering-function-options", kPolicyRule},
    {"altering-role", kPolicyRule},
    {"altering-sequence", kPolicyRule},
    {"altering-system", kPolicyRule},
    {"altering-view-options", kPolicyRule},
    {"changing-replica-identity", kPolicyRule},
    {"changing-row-level-security", kPolicyRule},
    {"detaching-inheritance", kPolicyRule},
    {"disabling-trigger", kPolicyRule},
    {"dropping-index", kPolicyRule},
    {"dropping-policy", kPolicyRule},
    {"dropping-trigger", kPolicyRule},
    {"replacing-view-or-function", kPolicyRule},
    {"revoking-privileges", kPolicyRule},
    {"setting-column-default", kPolicyRule},
    {"adding-cascading-foreign-key",
     "its recipe is a key without a referential action: tests/recipes/adding-foreign-key"},
    {"renaming-enum-value",
     "its recipe adds the new label, which no downgrade can take back (PostgreSQL cannot drop "
     "an enum value), so it cannot pass the recipes' round trip"},
    {"indexing-partitioned-table",
     "its recipe is the partitioned part of tests/recipes/creating-index-non-concurrently, which "
     "this rule, on by default, is run against"},
};

// A finding a recipe's project is expected to have: the project (relative to
// tests/recipes), the rule, the file within the project, the line, and why.
struct ExpectedFinding {
  std::string_view project;
  std::string_view rule;
  std::string_view file;
  int line;
  std::string_view reason;
};
constexpr ExpectedFinding kExpectedFindings[] = {
    {"adding-exclusion-constraint/alembic", "unresolved-operation",
     "migrations/versions/0002_create_room_bookings.py", 20,
     "the static Alembic reader does not model postgresql.ExcludeConstraint in op.create_table"},
};

const Exemption* exemption_of(std::string_view rule) {
  for (const Exemption& exemption : kWithoutRecipe) {
    if (exemption.rule == rule) return &exemption;
  }
  return nullptr;
}

// The rules on by default, plus `rule` when it is off by default.
std::string selected_rules(const std::string& rule) {
  std::string list;
  for (const migcheck::Rule* r : migcheck::all_rules()) {
    if (r->enabled_by_default || r->id == rule)
      list += (list.empty() ? "" : ",") + std::string(r->id);
  }
  return list;
}

// "rule file:line" for each finding, the file relative to the project.
std::set<std::string> lint_findings(const std::string& project, const std::string& arguments) {
  std::filesystem::path dir = recipes_dir() / project;
  auto result = run_command(shell_quote(migcheck_binary()) + " lint --format json --fail-on info " +
                            arguments + " --project " + shell_quote(dir.string()));
  INFO(project, ": ", result.err);
  REQUIRE(result.exit_code != 2);
  std::set<std::string> found;
  nlohmann::json report = nlohmann::json::parse(result.out);
  for (const auto& finding : report["findings"]) {
    std::string file = finding["location"]["file"];
    file = std::filesystem::relative(file, dir).string();
    found.insert(std::string(finding["rule"]) + " " + file + ":" +
                 std::to_string(int(finding["location"]["line"])));
  }
  return found;
}

std::set<std::string> expected_findings(const std::string& project) {
  std::set<std::string> expected;
  for (const ExpectedFinding& e : kExpectedFindings) {
    if (e.project == project) {
      expected.insert(std::string(e.rule) + " " + std::string(e.file) + ":" +
                      std::to_string(e.line));
    }
  }
  return expected;
}

std::string joined(const std::set<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "\n  " + line;
  return text.empty() ? " none" : text;
}

// The rules a recipe's files suppress with `migcheck:ignore RULE[,RULE]`.
std::set<std::string> suppressed_rules(const std::string& rule) {
  static const std::regex suppression("migcheck:ignore ([a-z-]+(,[a-z-]+)*)");
  std::set<std::string> rules;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(recipes_dir() / rule)) {
    if (!entry.is_regular_file()) continue;
    std::string text = read_file(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), suppression), end; it != end; ++it) {
      std::stringstream ids((*it)[1].str());
      for (std::string id; std::getline(ids, id, ',');) rules.insert(id);
    }
  }
  return rules;
}

}  // namespace

TEST_CASE("every statement rule has a recipe under tests/recipes, or says why it has none") {
  std::vector<std::string> recipes = recipe_rules();
  for (const migcheck::Rule* rule : migcheck::all_rules()) {
    std::string id(rule->id);
    bool has_recipe = std::count(recipes.begin(), recipes.end(), id) > 0;
    const Exemption* exemption = exemption_of(id);
    INFO("rule ", id);
    CHECK_MESSAGE((has_recipe || exemption), "write tests/recipes/", id,
                  "/{sql,alembic} from its safe alternative, or exempt it with the reason");
    CHECK_MESSAGE(!(has_recipe && exemption), "it has a recipe: drop its exemption");
  }
  for (const std::string& recipe : recipes) {
    INFO("tests/recipes/", recipe);
    CHECK_MESSAGE(migcheck::find_rule(recipe) != nullptr, "no rule has this id");
    CHECK(std::filesystem::is_directory(recipes_dir() / recipe / "sql"));
    CHECK(std::filesystem::is_regular_file(recipes_dir() / recipe / "alembic/alembic.ini"));
  }
  for (const Exemption& exemption : kWithoutRecipe) {
    CHECK_MESSAGE(migcheck::find_rule(exemption.rule) != nullptr, exemption.rule,
                  " is exempt but no rule has this id");
  }
}

TEST_CASE("no rule flags a recipe, SQL or Alembic") {
  for (const std::string& rule : recipe_rules()) {
    for (const char* format : {"sql", "alembic"}) {
      std::string project = rule + "/" + format;
      std::set<std::string> found = lint_findings(project, "--select " + selected_rules(rule));
      std::set<std::string> expected = expected_findings(project);
      INFO("tests/recipes/", project, " found:", joined(found), "\nexpected:", joined(expected));
      CHECK(found == expected);
    }
  }
}

// migcheck cannot see a deploy: a recipe whose last step depends on one (drop
// the column once no running release reads it) tells the user to say so with
// a suppression. A recipe may suppress only what its own text, or the
// suppressed rule's, tells users to mark that way.
TEST_CASE("a recipe suppresses only what a recipe's text tells users to mark") {
  for (const std::string& rule : recipe_rules()) {
    for (const std::string& suppressed : suppressed_rules(rule)) {
      INFO("tests/recipes/", rule, " suppresses ", suppressed);
      const migcheck::Rule* own = migcheck::find_rule(rule);
      const migcheck::Rule* other = migcheck::find_rule(suppressed);
      REQUIRE(other != nullptr);
      std::string marker = "migcheck:ignore " + suppressed;
      CHECK((own->safe_alternative.find(marker) != std::string_view::npos ||
             other->safe_alternative.find(marker) != std::string_view::npos));
    }
  }
}

TEST_CASE("the setting-not-null recipe needs PostgreSQL 12: for 11 its SET NOT NULL is flagged") {
  for (const char* format : {"sql", "alembic"}) {
    std::string project = std::string("setting-not-null/") + format;
    std::set<std::string> found =
        lint_findings(project, "--pg-version 11 --select setting-not-null");
    INFO(project, " found:", joined(found));
    CHECK(found.size() == 2);  // email and name
    for (const std::string& finding : found) {
      CHECK(finding.find("0004_set_users_email_and_name_not_null") != std::string::npos);
    }
  }
}
