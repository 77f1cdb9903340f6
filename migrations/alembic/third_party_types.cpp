#include "migrations/alembic/third_party_types.h"

#include <map>
#include <string>

#include "migrations/alembic/sqlalchemy_values.h"

namespace migcheck {
namespace {

// A keyword argument of a type given as an instance; nullptr for a class or
// when the argument is absent or None.
const PyExpr* argument(const PyExpr& type, std::string_view keyword) {
  if (type.kind != PyExpr::Kind::call) return nullptr;
  const PyExpr* value = type.keyword(keyword);
  return value && value->kind != PyExpr::Kind::none ? value : nullptr;
}

// VARCHAR(n) with the length the type takes from `keyword`, else its default.
ColumnType varchar(const PyExpr& type, std::string_view keyword, std::string_view fallback) {
  const PyExpr* length = argument(type, keyword);
  std::string n = length ? number_value(*length, "a type length") : std::string(fallback);
  return {n.empty() ? "VARCHAR" : "VARCHAR(" + n + ")", "", std::nullopt};
}

}  // namespace

std::optional<ColumnType> third_party_column_type(const PyExpr& type) {
  std::string name = construct_name(type);
  // Types whose PostgreSQL type never depends on their arguments.
  static const std::map<std::string, std::string, std::less<>> kFixed = {
      {"JSONType", "JSON"},          // load_dialect_impl: postgresql.JSON
      {"TSVectorType", "TSVECTOR"},  // impl = postgresql.TSVECTOR
      {"EncryptedType", "BYTEA"},    // impl = LargeBinary (StringEncryptedType is the String one)
      {"PasswordType", "BYTEA"},     // load_dialect_impl: postgresql.BYTEA
      {"URLType", "TEXT"},           // impl = UnicodeText
      {"ScalarListType", "TEXT"},    // impl = UnicodeText
      {"LtreeType", "LTREE"},        // impl = postgresql ltree
      {"CIText", "CITEXT"},          // sqlalchemy-citext: get_col_spec
      {"CountryType", "VARCHAR(2)"}, {"CurrencyType", "VARCHAR(3)"},
      {"LocaleType", "VARCHAR(10)"}, {"TimezoneType", "VARCHAR(50)"}};
  if (auto it = kFixed.find(name); it != kFixed.end()) {
    return ColumnType{it->second, "", std::nullopt};
  }
  if (name == "UUIDType") {
    // native=True (the default) is PostgreSQL's uuid; otherwise BINARY(16)
    // (bytea on PostgreSQL) or CHAR(32) when binary=False.
    if (bool_value(argument(type, "native"), true, "UUIDType's native")) {
      return ColumnType{"UUID", "", std::nullopt};
    }
    bool binary = bool_value(argument(type, "binary"), true, "UUIDType's binary");
    return ColumnType{binary ? "BYTEA" : "CHAR(32)", "", std::nullopt};
  }
  if (name == "ArrowType") {
    // impl = DateTime, given ArrowType's own arguments.
    const PyExpr* timezone = argument(type, "timezone");
    if (!timezone && type.kind == PyExpr::Kind::call && type.items.size() >= 2) {
      timezone = &type.items[1];
    }
    bool with_zone = bool_value(timezone, false, "ArrowType's timezone");
    return ColumnType{with_zone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE", "",
                      std::nullopt};
  }
  if (name == "StringEncryptedType") return varchar(type, "length", "");  // impl = String
  if (name == "EmailType") return varchar(type, "length", "255");
  if (name == "ColorType") return varchar(type, "max_length", "20");
  if (name == "IPAddressType") return varchar(type, "max_length", "50");
  if (name == "PhoneNumberType") return varchar(type, "max_length", "20");
  if (name == "ChoiceType") {
    // impl= replaces the default Unicode(255).
    const PyExpr* impl = argument(type, "impl");
    if (!impl && type.kind == PyExpr::Kind::call && type.items.size() >= 3) impl = &type.items[2];
    if (impl) return render_column_type(*impl);
    return ColumnType{"VARCHAR(255)", "", std::nullopt};
  }
  return std::nullopt;
}

}  // namespace migcheck
