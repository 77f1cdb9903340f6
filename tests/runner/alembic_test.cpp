#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "runner/alembic_worker.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/session.h"
#include "runner/snapshot.h"
#include "runner/snapshot_diff.h"
#include "tests/runner/alembic_project.h"
#include "tests/test_support.h"

using namespace migcheck;
using migcheck::testing::alembic_set;
using migcheck::testing::revision;
using migcheck::testing::run_command;
using migcheck::testing::shell_quote;
using migcheck::testing::TempDir;
using migcheck::testing::write_alembic_project;
using migcheck::testing::write_file;
using migcheck::testing::write_revision;

namespace {

const char* kProductsUp =
    "    op.create_table('products',\n"
    "        sa.Column('id', sa.Integer, primary_key=True),\n"
    "        sa.Column('name', sa.Text, nullable=False))\n"
    "    if context.get_x_argument(as_dictionary=True).get('with_audit') == 'true':\n"
    "        op.create_table('audit', sa.Column('id', sa.Integer, primary_key=True))\n";
const char* kProductsDown =
    "    op.execute('DROP TABLE IF EXISTS audit')\n"
    "    op.drop_table('products')\n";

}  // namespace

TEST_CASE("an Alembic project round-trips through one worker and matches plain alembic") {
  TempDir project;
  write_alembic_project(project);
  write_revision(project, "a1", "", kProductsUp, kProductsDown);
  write_revision(project, "b2", "a1",
                 "    op.add_column('products', sa.Column('price', sa.Numeric(10, 2), "
                 "nullable=False, server_default='0'))\n"
                 "    op.create_index('products_price_idx', 'products', ['price'])\n",
                 "    op.drop_index('products_price_idx')\n"
                 "    op.drop_column('products', 'price')\n");
  MigrationSet set = alembic_set({revision("a1", ""), revision("b2", "a1")}, project.path());

  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  AlembicWorker worker(AlembicOptions{project.path().string()}, database.endpoint());
  std::vector<Finding> findings =
      run_round_trip(set, worker, [&] { return take_snapshot(session.connection()); }, {});
  for (const Finding& finding : findings) MESSAGE(finding.message);
  CHECK(findings.empty());
  Snapshot ours = take_snapshot(session.connection());
  CHECK(ours.count("column products.price") == 1);
  CHECK(ours.count("index products_price_idx") == 1);
  {
    pqxx::nontransaction read(session.connection());
    CHECK(read.exec("SELECT version_num FROM alembic_version")[0][0].as<std::string>() == "b2");
  }

  // Plain Alembic, from its own command line, into a second database.
  pqxx::nontransaction(session.connection()).exec("CREATE DATABASE plain");
  std::string url = database.endpoint().url;
  size_t name = url.find("@/") + 2;
  url.replace(name, url.find('?') - name, "plain");
  // env.py insists on DATABASE_URL == sqlalchemy.url, so point the ini at it.
  write_file(project / "alembic.ini",
             "[alembic]\nscript_location = migrations\nsqlalchemy.url = " + url + "\n");
  auto result =
      run_command("cd " + shell_quote(project.path()) + " && DATABASE_URL=" + shell_quote(url) +
                  " /usr/bin/python3 -m alembic upgrade head");
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  Session plain(url);
  CHECK(diff_snapshots(ours, "after migcheck", take_snapshot(plain.connection()),
                       "after alembic upgrade head")
            .empty());
}

TEST_CASE("a broken Alembic downgrade is caught with the difference and the failing line") {
  TempDir project;
  write_alembic_project(project);
  write_revision(project, "a1", "", kProductsUp, kProductsDown);
  write_revision(project, "b2", "a1",
                 "    op.add_column('products', sa.Column('normalized_price', sa.Numeric(10, 2), "
                 "nullable=False))\n",
                 "    pass\n");
  write_revision(project, "c3", "b2", "    op.create_table('tags', sa.Column('id', sa.Integer))\n",
                 "    op.drop_table('tags')\n    op.drop_table('labels')\n");
  MigrationSet set =
      alembic_set({revision("a1", ""), revision("b2", "a1"), revision("c3", "b2")}, project.path());
  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  AlembicWorker worker(AlembicOptions{project.path().string()}, database.endpoint());
  std::vector<Finding> findings =
      run_round_trip(set, worker, [&] { return take_snapshot(session.connection()); }, {});
  REQUIRE(findings.size() == 2);
  // b2: the forgotten column, then its second upgrade fails on it.
  CHECK(findings[0].rule == "roundtrip-mismatch");
  CHECK(findings[0].revision == "b2");
  REQUIRE(findings[0].evidence.size() == 1);
  CHECK(findings[0].evidence[0].second ==
        "column products.normalized_price: absent before the upgrade, numeric(10,2) NOT NULL "
        "after upgrade → downgrade");
  CHECK(findings[1].rule == "upgrade-failed");
  CHECK(findings[1].message.find("column \"normalized_price\" of relation \"products\" already "
                                 "exists (SQLSTATE 42701)") != std::string::npos);
  CHECK(findings[1].location.file == "migrations/versions/b2_step.py");
  CHECK(findings[1].location.line == 12);
}

TEST_CASE("Alembic's -x arguments pass through and failures name the revision file's line") {
  TempDir project;
  write_alembic_project(project);
  write_revision(project, "a1", "", kProductsUp, kProductsDown);
  write_revision(project, "b2", "a1", "    op.execute('SELECT 1')\n",
                 "    op.execute('SELECT 1')\n    op.drop_table('labels')\n");
  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  AlembicOptions options{project.path().string()};
  options.x_arguments = {"with_audit=true"};
  AlembicWorker worker(options, database.endpoint());
  CHECK_FALSE(worker.request("upgrade", "head"));
  CHECK(take_snapshot(session.connection()).count("table audit") == 1);
  auto failure = worker.downgrade(revision("b2", "a1"));
  REQUIRE(failure);
  CHECK(failure->message == "table \"labels\" does not exist");
  CHECK(failure->sqlstate == "42P01");
  CHECK(failure->location.file == "migrations/versions/b2_step.py");
  CHECK(failure->location.line == 17);
  // The failed step was rolled back: still at b2, whose downgrade Alembic's
  // own `downgrade base` runs first, and fails on the same way.
  {
    pqxx::nontransaction read(session.connection());
    CHECK(read.exec("SELECT version_num FROM alembic_version")[0][0].as<std::string>() == "b2");
  }
  auto plain = worker.request("downgrade", "base");
  REQUIRE(plain);
  CHECK(plain->message == "table \"labels\" does not exist");
}

TEST_CASE("branches and a merge round-trip one revision at a time") {
  TempDir project;
  write_alembic_project(project);
  write_revision(project, "a1", "", kProductsUp, kProductsDown);
  write_revision(project, "b2", "a1", "    op.add_column('products', sa.Column('sku', sa.Text))\n",
                 "    op.drop_column('products', 'sku')\n");
  write_revision(project, "c2", "a1", "    op.create_table('tags', sa.Column('id', sa.Integer))\n",
                 "    op.drop_table('tags')\n");
  write_file(project / "migrations/versions/m3_merge.py",
             "revision = 'm3'\ndown_revision = ('b2', 'c2')\nbranch_labels = None\n"
             "depends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
  Revision merge = revision("m3", "b2");
  merge.parents = {"b2", "c2"};
  merge.file = "migrations/versions/m3_merge.py";
  MigrationSet set = alembic_set(
      {revision("a1", ""), revision("b2", "a1"), revision("c2", "a1"), merge}, project.path());
  RoundTripDatabase database(DatabaseOptions{});
  Session session(database.endpoint().conninfo);
  AlembicWorker worker(AlembicOptions{project.path().string()}, database.endpoint());
  std::vector<Finding> findings =
      run_round_trip(set, worker, [&] { return take_snapshot(session.connection()); }, {});
  for (const Finding& finding : findings) MESSAGE(finding.message);
  CHECK(findings.empty());
  pqxx::nontransaction read(session.connection());
  CHECK(read.exec("SELECT version_num FROM alembic_version")[0][0].as<std::string>() == "m3");
}
