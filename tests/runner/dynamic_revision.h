#pragma once
// An Alembic project whose revision b2 runs SQL the static reader cannot see:
// built in a loop, an f-string and a helper, run through
// op.get_bind().execute(text(...)) and an ORM session on an engine of its
// own. a1 makes its tables, with rows.
#include "migrations/migration_set.h"
#include "tests/runner/alembic_project.h"
#include "tests/test_support.h"

namespace migcheck::testing {

// The revision file, each line numbered: the trace must point at these lines.
inline constexpr const char* kDynamicRevision =
    "from alembic import op\n"                                                        // 1
    "import sqlalchemy as sa\n"                                                       // 2
    "from sqlalchemy.orm import Session\n"                                            // 3
    "\n"                                                                              // 4
    "revision = 'b2'\n"                                                               // 5
    "down_revision = 'a1'\n"                                                          // 6
    "\n"                                                                              // 7
    "\n"                                                                              // 8
    "def widen(table, column):\n"                                                     // 9
    "    op.execute(f'ALTER TABLE {table} ALTER COLUMN {column} TYPE bigint')\n"      // 10
    "\n"                                                                              // 11
    "\n"                                                                              // 12
    "def upgrade():\n"                                                                // 13
    "    for suffix in ('a', 'b'):\n"                                                 // 14
    "        op.execute(f'ALTER TABLE accounts ADD COLUMN extra_{suffix} int')\n"     // 15
    "    widen('accounts', 'id')\n"                                                   // 16
    "    bind = op.get_bind()\n"                                                      // 17
    "    bind.execute(sa.text('UPDATE accounts SET name = :name WHERE id = :id'),\n"  // 18
    "                 {'name': 'renamed', 'id': 1})\n"                                // 19
    "    bind.execute(sa.text('SELECT :api_token'), {'api_token': 'hunter2'})\n"      // 20
    "    engine = sa.create_engine(bind.engine.url)\n"                                // 21
    "    with Session(engine) as session:\n"                                          // 22
    "        session.execute(sa.text(\"INSERT INTO audit VALUES ('b2')\"))\n"         // 23
    "        session.commit()\n"                                                      // 24
    "    op.execute('ALTER TABLE accounts ALTER COLUMN name TYPE varchar(20)')\n"     // 25
    "\n"                                                                              // 26
    "\n"                                                                              // 27
    "def downgrade():\n"                                                              // 28
    "    op.execute('DELETE FROM audit')\n"                                           // 29
    "    op.execute('ALTER TABLE accounts ALTER COLUMN name TYPE varchar(10)')\n"     // 30
    "    op.execute('ALTER TABLE accounts ALTER COLUMN id TYPE int')\n"               // 31
    "    op.drop_column('accounts', 'extra_b')\n"                                     // 32
    "    op.drop_column('accounts', 'extra_a')\n";                                    // 33

inline constexpr const char* kAccountsUp =
    "    op.execute('CREATE TABLE accounts (id int PRIMARY KEY, name varchar(10))')\n"
    "    op.execute(\"INSERT INTO accounts VALUES (1, 'one'), (2, 'two')\")\n"
    "    op.execute('CREATE TABLE audit (note text)')\n";
inline constexpr const char* kAccountsDown =
    "    op.execute('DROP TABLE audit')\n    op.drop_table('accounts')\n";

// Writes the project into `project`; its set has a1 and b2.
inline MigrationSet write_dynamic_project(const TempDir& project) {
  write_alembic_project(project);
  write_revision(project, "a1", "", kAccountsUp, kAccountsDown);
  write_file(project / "migrations/versions/b2_dynamic.py", kDynamicRevision);
  Revision b2 = revision("b2", "a1");
  b2.file = "migrations/versions/b2_dynamic.py";
  return alembic_set({revision("a1", ""), b2}, project.path());
}

}  // namespace migcheck::testing
