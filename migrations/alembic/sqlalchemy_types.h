#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migrations/alembic/python_expr.h"

namespace migcheck {

// A PostgreSQL enum type a column uses, which SQLAlchemy creates with the
// table (CREATE TYPE ... AS ENUM) unless told create_type=False.
struct EnumType {
  std::string schema;
  std::string name;
  std::vector<std::string> values;
  bool values_known = true;  // false for Enum(PythonEnumClass, name=...)
  bool create = true;
};

struct ColumnType {
  std::string sql;  // as SQLAlchemy's PostgreSQL dialect writes it: VARCHAR(255)
  // SERIAL, BIGSERIAL or SMALLSERIAL for integer types: what SQLAlchemy writes
  // for an autoincrementing integer primary key.
  std::string serial;
  std::optional<EnumType> enum_type;
};

// The PostgreSQL type for a SQLAlchemy type given as a class (sa.Integer) or
// an instance (sa.String(255), postgresql.ARRAY(sa.Text())). Upper-case
// dialect type names not listed (postgresql.TSVECTOR, INET) are written as
// they are named. Throws UnresolvedArgument for anything else.
ColumnType render_column_type(const PyExpr& type);

}  // namespace migcheck
