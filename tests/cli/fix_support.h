#pragma once
// What every `migcheck fix` test checks, in a migration project in a temp dir.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace migcheck::testing {

struct FixProject {
  TempDir dir;
  void write(const std::string& path, const std::string& text) const {
    write_file(dir / path, text);
  }
  std::string read(const std::string& path) const { return read_file(dir / path); }
  CommandResult migcheck(const std::string& arguments) const {
    return run_migcheck_in(dir.path(), arguments);
  }
};

constexpr const char* kAlembicImports = "from alembic import op\nimport sqlalchemy as sa\n";

// A revision file of an Alembic project whose upgrade() is `upgrade_body`,
// after `imports`.
inline std::string revision_file(const std::string& upgrade_body,
                                 const std::string& imports = kAlembicImports) {
  return "\"\"\"a revision\"\"\"\n" + imports +
         "\n"
         "revision = \"a1\"\n"
         "down_revision = None\n"
         "branch_labels = None\n"
         "depends_on = None\n"
         "\n"
         "\n"
         "def upgrade():\n" +
         upgrade_body +
         "\n"
         "\n"
         "def downgrade():\n"
         "    pass\n";
}

constexpr const char* kAlembicRevision = "migrations/versions/a1_revision.py";

// An Alembic project with that one revision.
inline void write_alembic_project(const FixProject& project, const std::string& upgrade_body,
                                  const std::string& imports = kAlembicImports) {
  project.write("alembic.ini", "[alembic]\nscript_location = migrations\n");
  // An env.py for the real Alembic's offline mode (--sql), which some tests run.
  project.write("migrations/env.py",
                "from alembic import context\n"
                "\n"
                "context.configure(url=\"postgresql://\", literal_binds=True)\n"
                "with context.begin_transaction():\n"
                "    context.run_migrations()\n");
  project.write(kAlembicRevision, revision_file(upgrade_body, imports));
}

// Makes the project's Alembic run online, one transaction per revision (as
// follow-up revisions need), for `migcheck roundtrip`: migcheck passes the
// throwaway database as sqlalchemy.url.
inline void run_alembic_online(const FixProject& project) {
  project.write("alembic.ini",
                "[alembic]\nscript_location = migrations\n"
                "sqlalchemy.url = postgresql://localhost/unused\n");
  project.write("migrations/env.py",
                "from alembic import context\n"
                "from sqlalchemy import engine_from_config, pool\n"
                "\n"
                "config = context.config\n"
                "engine = engine_from_config(config.get_section(config.config_ini_section),\n"
                "                            prefix='sqlalchemy.', poolclass=pool.NullPool)\n"
                "with engine.connect() as connection:\n"
                "    context.configure(connection=connection, transaction_per_migration=True)\n"
                "    with context.begin_transaction():\n"
                "        context.run_migrations()\n");
}

// Runs `migcheck fix TARGET --select RULES FIX_OPTIONS` and checks the three things
// every fix promises: the files read `expected` afterwards (formatting and
// comments outside the edit kept), they parse and no longer have the finding
// (nor concurrently-in-transaction, which a CONCURRENTLY fix must not cause),
// and a second run changes nothing. The findings must be there before.
inline void check_fix(const FixProject& project, const std::string& target,
                      const std::string& rules, const std::map<std::string, std::string>& expected,
                      const std::string& fix_options = "") {
  std::vector<std::string> rule_ids;
  for (size_t begin = 0; begin <= rules.size();) {
    size_t comma = std::min(rules.find(',', begin), rules.size());
    rule_ids.push_back(rules.substr(begin, comma - begin));
    begin = comma + 1;
  }
  std::string lint = "lint " + target + " --select " + rules + ",concurrently-in-transaction";
  auto before = project.migcheck(lint);
  INFO("before: ", before.out, before.err);
  for (const std::string& rule : rule_ids) REQUIRE(before.out.find(rule) != std::string::npos);

  auto fixed = project.migcheck("fix " + target + " --select " + rules + " " + fix_options);
  INFO("fix: ", fixed.out, fixed.err);
  CHECK(fixed.exit_code == 0);
  for (const auto& [path, text] : expected) {
    INFO(path);
    CHECK(project.read(path) == text);
    if (path.ends_with(".py")) {
      auto compiled = run_command("/usr/bin/python3 -m py_compile " +
                                  shell_quote((project.dir / path).string()));
      CHECK(compiled.exit_code == 0);
    }
  }

  auto after = project.migcheck(lint);
  INFO("after: ", after.out, after.err);
  CHECK(after.exit_code == 0);
  for (const std::string& rule : rule_ids) CHECK(after.out.find(rule) == std::string::npos);
  CHECK(after.out.find("concurrently-in-transaction") == std::string::npos);
  CHECK(after.out.find("syntax-error") == std::string::npos);

  auto again = project.migcheck("fix " + target + " --diff --select " + rules + " " + fix_options);
  INFO("again: ", again.out, again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());
}

}  // namespace migcheck::testing
