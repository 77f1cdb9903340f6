#pragma once
// Alembic projects written by hand for the runner's tests, laid out as
// `alembic init` makes them, and the MigrationSet the reader would load.
#include <string>
#include <vector>

#include "migrations/migration_set.h"
#include "tests/test_support.h"

namespace migcheck::testing {

// A project as `alembic init` lays it out, with an online env.py that checks
// migcheck set both sqlalchemy.url and DATABASE_URL to the same database.
inline void write_alembic_project(const TempDir& project) {
  write_file(project / "alembic.ini",
             "[alembic]\n"
             "script_location = migrations\n"
             "sqlalchemy.url = postgresql://nobody@/not-this-one\n");
  write_file(project / "migrations/env.py",
             "import os\n"
             "from alembic import context\n"
             "from sqlalchemy import engine_from_config, pool\n"
             "config = context.config\n"
             "assert config.get_main_option('sqlalchemy.url') == os.environ['DATABASE_URL']\n"
             "engine = engine_from_config(config.get_section(config.config_ini_section),\n"
             "                            prefix='sqlalchemy.', poolclass=pool.NullPool)\n"
             "with engine.connect() as connection:\n"
             "    context.configure(connection=connection, target_metadata=None)\n"
             "    with context.begin_transaction():\n"
             "        context.run_migrations()\n");
}

inline void write_revision(const TempDir& project, const std::string& id, const std::string& parent,
                           const std::string& upgrade, const std::string& downgrade) {
  write_file(project / ("migrations/versions/" + id + "_step.py"),
             "\"\"\"step " + id +
                 "\"\"\"\n"
                 "from alembic import op, context\n"
                 "import sqlalchemy as sa\n"
                 "\n"
                 "revision = '" +
                 id +
                 "'\n"
                 "down_revision = " +
                 (parent.empty() ? "None" : "'" + parent + "'") +
                 "\n"
                 "branch_labels = None\n"
                 "depends_on = None\n"
                 "\n"
                 "\n"
                 "def upgrade():\n" +
                 upgrade +
                 "\n"
                 "\n"
                 "def downgrade():\n" +
                 downgrade + "\n");
}

inline Revision revision(const std::string& id, const std::string& parent) {
  Revision result;
  result.id = id;
  if (!parent.empty()) result.parents = {parent};
  result.file = "migrations/versions/" + id + "_step.py";
  return result;
}

inline MigrationSet alembic_set(std::vector<Revision> revisions, const std::string& root) {
  MigrationSet set;
  set.format = MigrationFormat::alembic;
  set.root = root;
  for (const Revision& item : revisions) set.graph.order.push_back(item.id);
  set.revisions = std::move(revisions);
  return set;
}

}  // namespace migcheck::testing
