#include <doctest/doctest.h>

#include <string>

#include "migrations/alembic/revision_reader.h"

using namespace migcheck;

namespace {

const char* kHeader =
    "from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.dialects import postgresql\n"
    "revision = 'r1'\ndown_revision = None\n\ndef upgrade():\n";

Revision revision_of(const std::string& upgrade_body) {
  auto r = read_alembic_revision(SourceFile::make(
      "versions/r1.py",
      kHeader + upgrade_body + "\n\ndef downgrade():\n    op.drop_table('whatever')\n"));
  REQUIRE(r);
  return *r;
}

// Every statement the upgrade runs, units joined.
std::string up_sql(const std::string& upgrade_body) {
  std::string sql;
  for (const SqlUnit& unit : revision_of(upgrade_body).up) sql += unit.sql;
  return sql;
}

}  // namespace

// Expected SQL is what Alembic 1.8's offline mode (alembic upgrade --sql, with
// SQLAlchemy 1.4's PostgreSQL dialect) printed for the same calls on this
// machine; alembic_offline_test compares the two directly.
TEST_SUITE("test_migrations") {
  TEST_CASE("op translation: columns") {
    CHECK(up_sql("    op.add_column('users', sa.Column('bio', sa.Text(), nullable=True))") ==
          "ALTER TABLE users ADD COLUMN bio TEXT;\n");
    CHECK(up_sql("    op.add_column('users', sa.Column('x', sa.String(10), nullable=False, "
                 "server_default='q'), schema='app')") ==
          "ALTER TABLE app.users ADD COLUMN x VARCHAR(10) DEFAULT 'q' NOT NULL;\n");
    CHECK(up_sql("    op.add_column('users', sa.Column('org_id', sa.Integer, "
                 "sa.ForeignKey('orgs.id', ondelete='CASCADE'), unique=True))") ==
          "ALTER TABLE users ADD COLUMN org_id INTEGER;\nALTER TABLE users ADD UNIQUE (org_id);\n"
          "ALTER TABLE users ADD FOREIGN KEY(org_id) REFERENCES orgs (id) ON DELETE CASCADE;\n");
    // Alembic adds the column through a one-column table whose primary key it is.
    CHECK(up_sql("    op.add_column('t', sa.Column('id', sa.BigInteger(), primary_key=True))") ==
          "ALTER TABLE t ADD COLUMN id BIGSERIAL NOT NULL;\n");
    CHECK(up_sql("    op.add_column('t', sa.Column('at', sa.DateTime(timezone=True), "
                 "server_default=sa.text('now()')))") ==
          "ALTER TABLE t ADD COLUMN at TIMESTAMP WITH TIME ZONE DEFAULT now();\n");
    CHECK(up_sql("    op.add_column('t', sa.Column('at', sa.DateTime(), "
                 "server_default=sa.func.now()))") ==
          "ALTER TABLE t ADD COLUMN at TIMESTAMP WITHOUT TIME ZONE DEFAULT now();\n");
    CHECK(up_sql("    op.drop_column('users', 'bio', schema='app')") ==
          "ALTER TABLE app.users DROP COLUMN bio;\n");
    // A reserved word or a capital letter needs quotes, as SQLAlchemy writes it.
    CHECK(up_sql("    op.drop_column('order', 'userId')") ==
          "ALTER TABLE \"order\" DROP COLUMN \"userId\";\n");
  }

  TEST_CASE("op translation: alter_column in Alembic's order") {
    CHECK(up_sql("    op.alter_column('users', 'email', type_=sa.String(300), "
                 "existing_type=sa.String(255), nullable=True, server_default='x', "
                 "new_column_name='mail')") ==
          "ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(300);\n"
          "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n"
          "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x';\n"
          "ALTER TABLE users RENAME email TO mail;\n");
    CHECK(up_sql("    op.alter_column('users', 'email', nullable=False, server_default=None)") ==
          "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
          "ALTER TABLE users ALTER COLUMN email DROP DEFAULT;\n");
    CHECK(up_sql("    op.alter_column('t', 'n', type_=sa.Numeric(12, 4), "
                 "postgresql_using='n::numeric')") ==
          "ALTER TABLE t ALTER COLUMN n TYPE NUMERIC(12, 4) USING n::numeric;\n");
  }

  TEST_CASE("op translation: SQLAlchemy types") {
    auto type_of = [](const std::string& type) {
      std::string sql = up_sql("    op.add_column('t', sa.Column('c', " + type + "))");
      std::string prefix = "ALTER TABLE t ADD COLUMN c ";
      REQUIRE(sql.rfind(prefix, 0) == 0);
      return sql.substr(prefix.size(), sql.size() - prefix.size() - 2);
    };
    CHECK(type_of("sa.String(255)") == "VARCHAR(255)");
    CHECK(type_of("sa.String") == "VARCHAR");
    CHECK(type_of("sa.String(length=20)") == "VARCHAR(20)");
    CHECK(type_of("sa.Text") == "TEXT");
    CHECK(type_of("sa.Integer()") == "INTEGER");
    CHECK(type_of("sa.BigInteger") == "BIGINT");
    CHECK(type_of("sa.SmallInteger") == "SMALLINT");
    CHECK(type_of("sa.Boolean()") == "BOOLEAN");
    CHECK(type_of("sa.DateTime(timezone=True)") == "TIMESTAMP WITH TIME ZONE");
    CHECK(type_of("sa.DateTime") == "TIMESTAMP WITHOUT TIME ZONE");
    CHECK(type_of("sa.Date()") == "DATE");
    CHECK(type_of("sa.Time()") == "TIME WITHOUT TIME ZONE");
    CHECK(type_of("sa.Numeric(10, 2)") == "NUMERIC(10, 2)");
    CHECK(type_of("sa.Numeric(precision=8)") == "NUMERIC(8)");
    CHECK(type_of("sa.Float()") == "FLOAT");
    CHECK(type_of("sa.Float(precision=24)") == "FLOAT(24)");
    CHECK(type_of("sa.JSON") == "JSON");
    CHECK(type_of("postgresql.JSONB(astext_type=sa.Text())") == "JSONB");
    CHECK(type_of("postgresql.UUID(as_uuid=True)") == "UUID");
    CHECK(type_of("sa.LargeBinary") == "BYTEA");
    CHECK(type_of("sa.Interval()") == "INTERVAL");
    CHECK(type_of("postgresql.ARRAY(sa.String())") == "VARCHAR[]");
    CHECK(type_of("sa.ARRAY(sa.Integer, dimensions=2)") == "INTEGER[][]");
    CHECK(type_of("sa.Enum('a', 'b', name='kind')") == "kind");
    CHECK(type_of("postgresql.TSVECTOR()") == "TSVECTOR");
    CHECK(type_of("postgresql.TIMESTAMP(timezone=True, precision=3)") ==
          "TIMESTAMP(3) WITH TIME ZONE");
    // A variant is used only on the dialects it names (quay's BIGINT, INTEGER on SQLite).
    CHECK(type_of("sa.BigInteger().with_variant(sa.Integer, 'sqlite')") == "BIGINT");
    CHECK(type_of("sa.Text().with_variant(postgresql.JSONB(), 'postgresql')") == "JSONB");
  }

  // sqlalchemy_utils' types as their TypeDecorator's impl (or load_dialect_impl
  // for PostgreSQL) makes them; autogenerate writes them fully qualified.
  TEST_CASE("op translation: third-party column types") {
    auto type_of = [](const std::string& type) {
      std::string sql = up_sql("    op.add_column('t', sa.Column('c', " + type + "))");
      std::string prefix = "ALTER TABLE t ADD COLUMN c ";
      REQUIRE(sql.rfind(prefix, 0) == 0);
      return sql.substr(prefix.size(), sql.size() - prefix.size() - 2);
    };
    CHECK(type_of("sqlalchemy_utils.types.uuid.UUIDType(binary=False)") == "UUID");
    CHECK(type_of("sqlalchemy_utils.UUIDType(native=False)") == "BYTEA");
    CHECK(type_of("sqlalchemy_utils.UUIDType(binary=False, native=False)") == "CHAR(32)");
    CHECK(type_of("sqlalchemy_utils.types.json.JSONType()") == "JSON");
    CHECK(type_of("sqlalchemy_utils.types.ts_vector.TSVectorType('name', weights={'name': 'A'})") ==
          "TSVECTOR");
    CHECK(type_of("sqlalchemy_utils.types.encrypted.encrypted_type.StringEncryptedType()") ==
          "VARCHAR");
    CHECK(type_of("StringEncryptedType(length=40)") == "VARCHAR(40)");
    CHECK(type_of("sqlalchemy_utils.types.encrypted.encrypted_type.EncryptedType()") == "BYTEA");
    CHECK(type_of("sqlalchemy_utils.types.email.EmailType()") == "VARCHAR(255)");
    CHECK(type_of("sqlalchemy_utils.types.url.URLType") == "TEXT");
    CHECK(type_of("sqlalchemy_utils.types.choice.ChoiceType(CHOICES)") == "VARCHAR(255)");
    CHECK(type_of("ChoiceType(Kind, impl=sa.Integer())") == "INTEGER");
    CHECK(type_of("sqlalchemy_utils.types.password.PasswordType(max_length=64)") == "BYTEA");
    CHECK(type_of("CIText()") == "CITEXT");
    CHECK(type_of("sqlalchemy_utils.types.arrow.ArrowType()") == "TIMESTAMP WITHOUT TIME ZONE");
    CHECK(type_of("ArrowType(timezone=True)") == "TIMESTAMP WITH TIME ZONE");
    // A non-native Enum needs no type name (onyx writes them without one).
    CHECK(type_of("sa.Enum('a', 'bbb', native_enum=False)") == "VARCHAR(3)");
  }

  TEST_CASE("op translation: create_table's PostgreSQL options, as Alembic 1.8.1 writes them") {
    CHECK(up_sql("    op.create_table('events', sa.Column('at', sa.DateTime(), nullable=False), "
                 "postgresql_partition_by='RANGE (at)')") ==
          "CREATE TABLE events (\n    at TIMESTAMP WITHOUT TIME ZONE NOT NULL\n)\n PARTITION BY "
          "RANGE (at);\n");
    CHECK(up_sql("    op.create_table('events_2024', sa.Column('id', sa.BigInteger), "
                 "postgresql_inherits=('events', 'Base'))") ==
          "CREATE TABLE events_2024 (\n    id BIGINT\n)\n INHERITS ( events, \"Base\" );\n");
  }

  TEST_CASE("op translation: create_table with constraints, enums, indexes and comments") {
    CHECK(
        up_sql(
            "    op.create_table('users',\n"
            "        sa.Column('id', sa.Integer(), primary_key=True),\n"
            "        sa.Column('email', sa.String(255), nullable=False, unique=True, index=True),\n"
            "        sa.Column('status', sa.Enum('a', 'b', name='status_kind'), "
            "server_default='a'),\n"
            "        sa.Column('org_id', sa.Integer, sa.ForeignKey('orgs.id')),\n"
            "        sa.Column('txt', sa.Text(), comment='hello'),\n"
            "        sa.CheckConstraint('org_id > 0', name='org_pos'),\n"
            "        sa.UniqueConstraint('email', 'org_id', name='uq_x'),\n"
            "        schema='app')") ==
        "CREATE TYPE status_kind AS ENUM ('a', 'b');\n"
        "CREATE TABLE app.users (\n"
        "    id SERIAL NOT NULL,\n"
        "    email VARCHAR(255) NOT NULL,\n"
        "    status status_kind DEFAULT 'a',\n"
        "    org_id INTEGER,\n"
        "    txt TEXT,\n"
        "    PRIMARY KEY (id),\n"
        "    CONSTRAINT org_pos CHECK (org_id > 0),\n"
        "    CONSTRAINT uq_x UNIQUE (email, org_id),\n"
        "    FOREIGN KEY(org_id) REFERENCES orgs (id)\n"
        ");\n"
        "CREATE UNIQUE INDEX ix_app_users_email ON app.users (email);\n"
        "COMMENT ON COLUMN app.users.txt IS 'hello';\n");
    // An explicit PrimaryKeyConstraint decides the key; identity columns are not NOT NULL-ed.
    CHECK(up_sql("    op.create_table('t2',\n"
                 "        sa.Column('id', sa.BigInteger, sa.Identity(always=True)),\n"
                 "        sa.Column('a', sa.Integer, nullable=False), sa.Column('b', sa.Integer),\n"
                 "        sa.PrimaryKeyConstraint('a', 'b', name='pk_t2'),\n"
                 "        sa.ForeignKeyConstraint(['a'], ['users.id'], name='fk_a', ondelete='SET "
                 "NULL'))") ==
          "CREATE TABLE t2 (\n"
          "    id BIGINT GENERATED ALWAYS AS IDENTITY,\n"
          "    a INTEGER NOT NULL,\n"
          "    b INTEGER NOT NULL,\n"
          "    CONSTRAINT pk_t2 PRIMARY KEY (a, b),\n"
          "    CONSTRAINT fk_a FOREIGN KEY(a) REFERENCES users (id) ON DELETE SET NULL\n"
          ");\n");
    CHECK(up_sql("    op.create_table('t4', sa.Column('id', sa.Integer, primary_key=True, "
                 "autoincrement=False))") ==
          "CREATE TABLE t4 (\n    id INTEGER NOT NULL,\n    PRIMARY KEY (id)\n);\n");
    CHECK(up_sql("    op.drop_table('t2')\n    op.rename_table('t2', 't3', schema='app')") ==
          "DROP TABLE t2;\nALTER TABLE app.t2 RENAME TO t3;\n");
  }

  TEST_CASE("op translation: indexes") {
    CHECK(up_sql("    op.create_index('ix_a', 'users', ['email', 'org_id'], unique=True, "
                 "postgresql_concurrently=True, postgresql_where=sa.text(\"status = 'a'\"), "
                 "postgresql_using='btree')") ==
          "CREATE UNIQUE INDEX CONCURRENTLY ix_a ON users USING btree (email, org_id) WHERE "
          "status = 'a';\n");
    CHECK(up_sql("    op.create_index(op.f('ix_b'), 'users', [sa.text('lower(email)')], "
                 "schema='app')") == "CREATE INDEX ix_b ON app.users (lower(email));\n");
    // As Alembic 1.8.1's offline mode writes it.
    CHECK(up_sql("    op.create_index('ix_ci', 'users', [sa.literal_column('lower(email)')], "
                 "unique=True)") == "CREATE UNIQUE INDEX ix_ci ON users (lower(email));\n");
    CHECK(up_sql("    op.create_index('ix_c', 'users', ['name'], if_not_exists=True)") ==
          "CREATE INDEX IF NOT EXISTS ix_c ON users (name);\n");
    CHECK(up_sql("    op.drop_index('ix_a', table_name='users', postgresql_concurrently=True)\n"
                 "    op.drop_index('ix_b', schema='app')") ==
          "DROP INDEX CONCURRENTLY ix_a;\nDROP INDEX app.ix_b;\n");
  }

  TEST_CASE("op translation: constraints") {
    CHECK(up_sql("    op.create_foreign_key('fk_b', 'users', 'orgs', ['org_id'], ['id'], "
                 "ondelete='CASCADE', onupdate='SET NULL', postgresql_not_valid=True, "
                 "deferrable=True, initially='DEFERRED')") ==
          "ALTER TABLE users ADD CONSTRAINT fk_b FOREIGN KEY(org_id) REFERENCES orgs (id) ON "
          "DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED NOT VALID;\n");
    CHECK(up_sql("    op.create_unique_constraint('uq_b', 'users', ['email'], schema='app')\n"
                 "    op.create_unique_constraint(None, 'users', ['email'])") ==
          "ALTER TABLE app.users ADD CONSTRAINT uq_b UNIQUE (email);\n"
          "ALTER TABLE users ADD UNIQUE (email);\n");
    CHECK(up_sql("    op.create_check_constraint('ck_c', 'users', 'price > 0', "
                 "postgresql_not_valid=True)\n"
                 "    op.create_check_constraint('ck_d', 'users', sa.text('price > 1'))") ==
          "ALTER TABLE users ADD CONSTRAINT ck_c CHECK (price > 0) NOT VALID;\n"
          "ALTER TABLE users ADD CONSTRAINT ck_d CHECK (price > 1);\n");
    CHECK(up_sql("    op.create_primary_key('pk_users', 'users', ['id'])\n"
                 "    op.drop_constraint('uq_b', 'users', type_='unique')") ==
          "ALTER TABLE users ADD CONSTRAINT pk_users PRIMARY KEY (id);\n"
          "ALTER TABLE users DROP CONSTRAINT uq_b;\n");
  }

  TEST_CASE("op translation: batch_alter_table acts on the with block's table") {
    CHECK(up_sql("    with op.batch_alter_table('users', schema='app') as batch_op:\n"
                 "        batch_op.add_column(sa.Column('bb', sa.Boolean))\n"
                 "        batch_op.alter_column('bb', nullable=False)\n"
                 "        batch_op.create_index('ix_bb', ['bb'])\n"
                 "        batch_op.create_foreign_key('fk_bb', 'orgs', ['bb'], ['id'])\n"
                 "        batch_op.drop_constraint('fk_bb', type_='foreignkey')\n"
                 "        batch_op.drop_column('bb')\n"
                 "    op.drop_column('other', 'c')") ==
          "ALTER TABLE app.users ADD COLUMN bb BOOLEAN;\n"
          "ALTER TABLE app.users ALTER COLUMN bb SET NOT NULL;\n"
          "CREATE INDEX ix_bb ON app.users (bb);\n"
          "ALTER TABLE app.users ADD CONSTRAINT fk_bb FOREIGN KEY(bb) REFERENCES orgs (id);\n"
          "ALTER TABLE app.users DROP CONSTRAINT fk_bb;\n"
          "ALTER TABLE app.users DROP COLUMN bb;\n"
          "ALTER TABLE other DROP COLUMN c;\n");
  }

  TEST_CASE("op translation: execute, constants and helpers") {
    CHECK(up_sql(
              "    op.execute('UPDATE users SET x = 1')\n    op.execute(sa.text(\"SELECT 1;\"))") ==
          "UPDATE users SET x = 1;\nSELECT 1;\n");
    // A trailing -- comment would swallow a semicolon on the same line.
    CHECK(up_sql("    op.execute('SELECT 1 -- one')") == "SELECT 1 -- one\n;\n");
    // Names bound to literals, at module level or in the function, are followed.
    auto r = read_alembic_revision(SourceFile::make(
        "versions/r1.py",
        "from alembic import op\nimport sqlalchemy as sa\nrevision = 'r1'\ndown_revision = None\n"
        "TABLE = 'users'\n\ndef _columns():\n    op.add_column(TABLE, sa.Column('a', sa.Text))\n\n"
        "def upgrade():\n    col = sa.Column('b', sa.Integer)\n    op.add_column(TABLE, col)\n"
        "    _columns()\n\ndef downgrade():\n    op.drop_column(TABLE, 'b')\n"));
    REQUIRE(r);
    REQUIRE(r->up.size() == 1);
    CHECK(r->up[0].sql ==
          "ALTER TABLE users ADD COLUMN b INTEGER;\nALTER TABLE users ADD COLUMN a TEXT;\n");
    CHECK(r->read_findings.empty());
    REQUIRE(r->down.size() == 1);
    CHECK(r->down[0].sql == "ALTER TABLE users DROP COLUMN b;\n");
  }

  TEST_CASE("op translation: DropSequence objects given to op.execute") {
    // ckan's 016_uuids_everywhere; SQLAlchemy 1.4 compiles them as below.
    CHECK(up_sql("    op.execute(sa.schema.DropSequence(sa.schema.Sequence('tag_id_seq')))\n"
                 "    op.execute(sa.schema.DropSequence(sa.Sequence('x', schema='s')))") ==
          "DROP SEQUENCE tag_id_seq;\nDROP SEQUENCE s.x;\n");
    for (std::string body : {"    op.execute(sa.schema.DropSequence(sa.Sequence('x', start=5)))",
                             "    op.execute(sa.schema.DropSequence(seq))",
                             "    op.execute(sa.schema.DropSequence(sa.Sequence(name)))"}) {
      CAPTURE(body);
      Revision r = revision_of(body);
      REQUIRE(r.read_findings.size() == 1);
      CHECK(r.up.empty());
    }
  }

  TEST_CASE("op translation: CreateSequence and a sequence's next_value() as a default") {
    // onyx's 800f48024ae9; Alembic 1.8.1 with SQLAlchemy 1.4 offline gives the same.
    CHECK(up_sql("    sequence = sa.Sequence('ccp_id_seq')\n"
                 "    op.execute(sa.schema.CreateSequence(sequence))\n"
                 "    op.execute(sa.schema.CreateSequence(sa.Sequence('s2', schema='app')))\n"
                 "    op.add_column('ccp', sa.Column('id', sa.Integer(), nullable=True, "
                 "server_default=sequence.next_value()))\n"
                 "    op.add_column('t', sa.Column('n', sa.Integer(), "
                 "server_default=sa.Sequence('s2', schema='app').next_value()))") ==
          "CREATE SEQUENCE ccp_id_seq START WITH 1;\nCREATE SEQUENCE app.s2 START WITH 1;\n"
          "ALTER TABLE ccp ADD COLUMN id INTEGER DEFAULT nextval('ccp_id_seq');\n"
          "ALTER TABLE t ADD COLUMN n INTEGER DEFAULT nextval('app.s2');\n");
    Revision r = revision_of("    op.execute(sa.schema.CreateSequence(sa.Sequence('x', start=5)))");
    CHECK(r.read_findings.size() == 1);
    CHECK(r.up.empty());
  }

  TEST_CASE("op translation: autocommit blocks are units of their own, in order") {
    Revision r = revision_of(
        "    op.add_column('t', sa.Column('a', sa.Integer))\n"
        "    with op.get_context().autocommit_block():\n"
        "        op.create_index('ix_a', 't', ['a'], postgresql_concurrently=True)\n"
        "        op.execute('VACUUM t')\n"
        "    op.drop_column('t', 'b')\n");
    REQUIRE(r.up.size() == 3);
    CHECK(r.up[0].transactional);
    CHECK(r.up[0].sql == "ALTER TABLE t ADD COLUMN a INTEGER;\n");
    CHECK_FALSE(r.up[1].transactional);
    CHECK(r.up[1].sql == "CREATE INDEX CONCURRENTLY ix_a ON t (a);\nVACUUM t;\n");
    CHECK(r.up[2].transactional);
    CHECK(r.up[2].sql == "ALTER TABLE t DROP COLUMN b;\n");
    // A block at the very start leaves no empty unit before it.
    Revision only = revision_of(
        "    with op.get_context().autocommit_block():\n        op.execute('VACUUM t')\n");
    REQUIRE(only.up.size() == 1);
    CHECK_FALSE(only.up[0].transactional);
  }
}
