#pragma once
#include <optional>

#include "migrations/alembic/python_expr.h"
#include "migrations/alembic/sqlalchemy_types.h"

namespace migcheck {

// The PostgreSQL type of a widely used third-party column type
// (sqlalchemy_utils' UUIDType, JSONType, TSVectorType, StringEncryptedType,
// ChoiceType, EmailType, ...), as its TypeDecorator's `impl` or its
// load_dialect_impl for PostgreSQL makes it; nullopt for any other type.
// Throws UnresolvedArgument when an argument that decides the type is not a
// literal.
std::optional<ColumnType> third_party_column_type(const PyExpr& type);

}  // namespace migcheck
