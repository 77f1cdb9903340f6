// Enum classes and TypeDecorators a revision imports from the project's own modules (onyx's
// `from onyx.db.enums import ThemePreference`), found as Python finds them
// from the directory Alembic runs in, through re-exports and relative
// imports, or defined in the revision itself: sa.Enum(TheClass) has the
// member names as values, TheClass.MEMBER.value and .name are literals. The
// expected SQL is Alembic 1.8.1's for the same project in offline (--sql) mode.
#include <doctest/doctest.h>

#include "migrations/project_loader.h"
#include "tests/migrations/alembic_revision_text.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

const char* kRevision = R"("""orders"""
import enum

from alembic import op
import sqlalchemy as sa

from shop.db.models import OrderState
from shop.db.enums import Priority as Level

revision = 'a1'
down_revision = None


class Channel(enum.Enum):
    WEB = "web"
    STORE = "store"


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("state", sa.Enum(OrderState, native_enum=False), nullable=False,
                  server_default=OrderState.PENDING.value),
        sa.Column("level", sa.Enum(Level, native_enum=False), server_default=Level.HIGH.name),
        sa.Column("channel", sa.Enum(Channel, name="channel")),
    )


def downgrade():
    op.drop_table("orders")
)";

void write_project(const TempDir& dir) {
  write_file(dir / "alembic.ini",
             "[alembic]\nscript_location = migrations\nprepend_sys_path = .\n");
  write_file(dir / "migrations/env.py", "");
  write_file(dir / "migrations/versions/a1.py", kRevision);
  write_file(dir / "shop/__init__.py", "");
  write_file(dir / "shop/db/__init__.py", "");
  write_file(dir / "shop/db/models.py", "from .enums import OrderState, Priority\n");
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("enum classes imported from the project's modules or defined in the revision") {
    TempDir dir;
    write_project(dir);
    write_file(dir / "shop/db/enums.py",
               "import enum\nfrom enum import Enum as PyEnum\n\n\n"
               "class OrderState(str, PyEnum):\n    PENDING = \"pending\"\n"
               "    SHIPPED = \"shipped\"\n    CANCELLED_BY_USER = \"cancelled\"\n\n"
               "    def label(self):\n        return self.value\n\n\n"
               "class Priority(enum.IntEnum):\n    _ignore_ = ['x']\n    LOW = 1\n    HIGH = 2\n");
    MigrationSet set = load_disk_project(dir);
    CHECK(set.revisions[0].read_findings.empty());
    CHECK(upgrade_sql(set) ==
          "CREATE TYPE channel AS ENUM ('WEB', 'STORE');\n"
          "CREATE TABLE orders (\n"
          "    id SERIAL NOT NULL,\n"
          "    state VARCHAR(17) DEFAULT 'pending' NOT NULL,\n"
          "    level VARCHAR(4) DEFAULT 'HIGH',\n"
          "    channel channel,\n"
          "    PRIMARY KEY (id)\n"
          ");\n");
  }

  TEST_CASE("an enum class migcheck cannot read stays unresolved") {
    TempDir dir;
    write_project(dir);  // shop/db/enums.py is missing: an installed package, say
    MigrationSet set = load_disk_project(dir);
    REQUIRE(set.revisions[0].read_findings.size() == 1);
    CHECK(set.revisions[0].read_findings[0].message.find(
              "a non-native Enum of a Python enum class") != std::string::npos);
    CHECK(set.revisions[0].up.empty());
  }

  TEST_CASE(
      "TypeDecorators of the project's modules or the revision are the type PostgreSQL gets") {
    // quay's util.migrate: load_dialect_impl read as PostgreSQL takes it.
    TempDir dir;
    write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
    write_file(dir / "migrations/env.py", "");
    write_file(dir / "util/__init__.py", "");
    write_file(dir / "util/migrate/__init__.py",
               R"(from sqlalchemy.types import String, Text, TypeDecorator


class UTF8LongText(TypeDecorator):
    impl = Text

    def load_dialect_impl(self, dialect):
        if dialect.name == "mysql":
            return dialect.type_descriptor(LONGTEXT(charset="utf8mb4"))
        else:
            return dialect.type_descriptor(Text())


class UTF8CharField(TypeDecorator):
    impl = String

    def load_dialect_impl(self, dialect):
        if dialect.name == "mysql":
            return dialect.type_descriptor(MySQLString(charset="utf8mb4", length=self.impl.length))
        else:
            return dialect.type_descriptor(String(length=self.impl.length))


class ShortCode(TypeDecorator):
    impl = String
    cache_ok = True


class PerEngine(TypeDecorator):
    impl = Text

    def load_dialect_impl(self, dialect):
        if settings.engine == "fast":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(String(10))
)");
    write_file(dir / "migrations/versions/a1.py", R"("""tags"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

from util.migrate import UTF8CharField, UTF8LongText, ShortCode, PerEngine

revision = 'a1'
down_revision = None


class Money(TypeDecorator):
    impl = sa.Numeric(12, 2)


def upgrade():
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", UTF8CharField(length=255), nullable=False),
        sa.Column("label", UTF8CharField(40)),
        sa.Column("notes", UTF8LongText),
        sa.Column("body", UTF8LongText()),
        sa.Column("code", ShortCode(8)),
        sa.Column("price", Money()),
    )
    op.add_column("tag", sa.Column("x", PerEngine()))


def downgrade():
    op.drop_table("tag")
)");
    MigrationSet set = load_disk_project(dir);
    // PerEngine's type depends on the application's settings.
    REQUIRE(set.revisions[0].read_findings.size() == 1);
    CHECK(set.revisions[0].read_findings[0].location.line == 27);
    CHECK(upgrade_sql(set) ==
          "CREATE TABLE tag (\n"
          "    id SERIAL NOT NULL,\n"
          "    name VARCHAR(255) NOT NULL,\n"
          "    label VARCHAR(40),\n"
          "    notes TEXT,\n"
          "    body TEXT,\n"
          "    code VARCHAR(8),\n"
          "    price NUMERIC(12, 2),\n"
          "    PRIMARY KEY (id)\n"
          ");\n");
  }
}
