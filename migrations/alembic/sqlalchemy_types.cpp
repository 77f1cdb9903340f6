#include "migrations/alembic/sqlalchemy_types.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "migrations/alembic/sql_text.h"
#include "migrations/alembic/sqlalchemy_values.h"
#include "migrations/alembic/third_party_types.h"

namespace migcheck {
namespace {

struct TypeArgs {
  const PyExpr& type;
  const PyExpr* positional(size_t i) const {
    if (type.kind != PyExpr::Kind::call || type.items.size() <= i + 1) return nullptr;
    return &type.items[i + 1];
  }
  const PyExpr* get(size_t position, std::string_view keyword) const {
    if (type.kind == PyExpr::Kind::call) {
      if (const PyExpr* k = type.keyword(keyword))
        return k->kind == PyExpr::Kind::none ? nullptr : k;
    }
    const PyExpr* p = positional(position);
    return p && p->kind != PyExpr::Kind::none ? p : nullptr;
  }
};

std::string with_length(const std::string& base, const TypeArgs& args, std::string_view keyword) {
  const PyExpr* length = args.get(0, keyword);
  return length ? base + "(" + number_value(*length, "a type length") + ")" : base;
}

// String types carry an optional collation=, which SQLAlchemy writes after the type.
std::string collated(const std::string& sql, const TypeArgs& args) {
  if (args.type.kind != PyExpr::Kind::call) return sql;
  auto collation = optional_string(args.type.keyword("collation"), "a collation");
  return collation ? sql + " COLLATE " + quote_identifier(*collation) : sql;
}

std::string numeric(const std::string& base, const TypeArgs& args) {
  const PyExpr* precision = args.get(0, "precision");
  const PyExpr* scale = args.get(1, "scale");
  if (!precision) return base;
  std::string out = base + "(" + number_value(*precision, "a numeric precision");
  if (scale) out += ", " + number_value(*scale, "a numeric scale");
  return out + ")";
}

std::string timestamp(const std::string& base, const TypeArgs& args, bool default_timezone) {
  bool timezone = bool_value(args.get(0, "timezone"), default_timezone, "timezone");
  std::string out = base;
  if (const PyExpr* precision =
          args.type.kind == PyExpr::Kind::call ? args.type.keyword("precision") : nullptr) {
    if (precision->kind != PyExpr::Kind::none)
      out += "(" + number_value(*precision, "a precision") + ")";
  }
  return out + (timezone ? " WITH TIME ZONE" : " WITHOUT TIME ZONE");
}

ColumnType enum_type(const PyExpr& type, bool postgresql_enum) {
  EnumType e;
  for (size_t i = 1; i < type.items.size(); ++i) {
    if (type.items[i].kind == PyExpr::Kind::string) {
      e.values.push_back(type.items[i].text);
    } else {
      e.values_known = false;  // a Python enum class: its members are only known at run time
    }
  }
  if (type.items.size() == 2 && type.items[1].kind == PyExpr::Kind::list) {
    e.values_known = true;
    e.values = string_list(type.items[1], "an Enum's values");
  }
  e.create = bool_value(type.keyword("create_type"), true, "create_type");
  if (!postgresql_enum && !bool_value(type.keyword("native_enum"), true, "native_enum")) {
    // A VARCHAR as long as the longest value; no type name needed.
    if (!e.values_known) {
      throw UnresolvedArgument(
          "a non-native Enum of a Python enum class (its length is the longest member's name)",
          type.begin);
    }
    size_t longest = 0;
    for (const std::string& v : e.values) longest = std::max(longest, v.size());
    std::string length = std::to_string(longest);  // or length=, which may be longer
    if (const PyExpr* given = type.keyword("length")) length = number_value(*given, "length");
    return {"VARCHAR(" + length + ")", "", std::nullopt};
  }
  const PyExpr* name = type.kind == PyExpr::Kind::call ? type.keyword("name") : nullptr;
  if (!name || name->kind == PyExpr::Kind::none) {
    throw UnresolvedArgument("an Enum without name= (PostgreSQL needs a type name)", type.begin);
  }
  e.name = string_value(*name, "an Enum's name");
  if (auto schema = optional_string(type.keyword("schema"), "an Enum's schema")) e.schema = *schema;
  ColumnType out{qualified_name(e.schema, e.name), "", std::nullopt};
  out.enum_type = std::move(e);
  return out;
}

bool all_upper(const std::string& name) {
  return !name.empty() &&
         std::none_of(name.begin(), name.end(), [](unsigned char c) { return std::islower(c); });
}

}  // namespace

ColumnType render_column_type(const PyExpr& type) {
  // sa.BigInteger().with_variant(sa.Integer, "sqlite"): the variant applies
  // on the dialects it names only; on PostgreSQL the base type unless one is.
  if (type.kind == PyExpr::Kind::call && type.items[0].kind == PyExpr::Kind::attribute &&
      type.items[0].text == "with_variant" && type.items.size() >= 3 && type.keywords.empty() &&
      !type.has_star_args) {
    bool postgresql = false;
    for (size_t i = 2; i < type.items.size(); ++i) {
      postgresql |= string_value(type.items[i], "a with_variant dialect") == "postgresql";
    }
    return render_column_type(postgresql ? type.items[1] : type.items[0].items[0]);
  }
  std::string name = construct_name(type);
  if (name.empty() || (type.kind == PyExpr::Kind::call && type.has_star_args)) {
    throw UnresolvedArgument("a column type that is not a SQLAlchemy type", type.begin);
  }
  TypeArgs args{type};
  static const std::map<std::string, std::string, std::less<>> kPlain = {

      {"Boolean", "BOOLEAN"},
      {"BOOLEAN", "BOOLEAN"},
      {"Date", "DATE"},
      {"DATE", "DATE"},
      {"JSON", "JSON"},
      {"JSONB", "JSONB"},
      {"UUID", "UUID"},
      {"Uuid", "UUID"},
      {"LargeBinary", "BYTEA"},
      {"BYTEA", "BYTEA"},
      {"BLOB", "BYTEA"},
      {"Interval", "INTERVAL"},
      {"INTERVAL", "INTERVAL"},
      {"REAL", "REAL"},
      {"DOUBLE_PRECISION", "DOUBLE PRECISION"},
      {"Double", "DOUBLE PRECISION"},
      {"DOUBLE", "DOUBLE PRECISION"},
      {"HSTORE", "HSTORE"},
      {"INET", "INET"},
      {"CIDR", "CIDR"},
      {"MACADDR", "MACADDR"},
      {"MONEY", "MONEY"},
      {"OID", "OID"},
      {"TSVECTOR", "TSVECTOR"},
      {"CITEXT", "CITEXT"},
      {"PickleType", "BYTEA"}};
  static const std::map<std::string, std::string, std::less<>> kIntegers = {
      {"Integer", "INTEGER"},   {"INTEGER", "INTEGER"}, {"INT", "INTEGER"},
      {"BigInteger", "BIGINT"}, {"BIGINT", "BIGINT"},   {"SmallInteger", "SMALLINT"},
      {"SMALLINT", "SMALLINT"}};
  if (auto it = kIntegers.find(name); it != kIntegers.end()) {
    std::string serial = it->second == "INTEGER"  ? "SERIAL"
                         : it->second == "BIGINT" ? "BIGSERIAL"
                                                  : "SMALLSERIAL";
    return {it->second, serial, std::nullopt};
  }
  if (auto it = kPlain.find(name); it != kPlain.end()) return {it->second, "", std::nullopt};
  if (name == "String" || name == "Unicode" || name == "VARCHAR" || name == "NVARCHAR" ||
      name == "AutoString") {
    return {collated(with_length("VARCHAR", args, "length"), args), "", std::nullopt};
  }
  if (name == "Text" || name == "UnicodeText" || name == "TEXT") {
    return {collated("TEXT", args), "", std::nullopt};
  }
  if (name == "CHAR" || name == "NCHAR") {
    return {collated(with_length("CHAR", args, "length"), args), "", std::nullopt};
  }
  if (name == "Numeric" || name == "NUMERIC") return {numeric("NUMERIC", args), "", std::nullopt};
  if (name == "DECIMAL") return {numeric("DECIMAL", args), "", std::nullopt};
  if (name == "Float" || name == "FLOAT") {
    const PyExpr* precision = args.get(0, "precision");
    return {precision ? "FLOAT(" + number_value(*precision, "a float precision") + ")" : "FLOAT",
            "", std::nullopt};
  }
  if (name == "DateTime") return {timestamp("TIMESTAMP", args, false), "", std::nullopt};
  if (name == "TIMESTAMP") return {timestamp("TIMESTAMP", args, false), "", std::nullopt};
  if (name == "Time" || name == "TIME") return {timestamp("TIME", args, false), "", std::nullopt};
  if (name == "Enum") return enum_type(type, false);
  if (name == "ENUM") return enum_type(type, true);
  if (name == "ARRAY") {
    const PyExpr* item = args.get(0, "item_type");
    if (!item) throw UnresolvedArgument("an ARRAY without its item type", type.begin);
    ColumnType inner = render_column_type(*item);
    int dimensions = 1;
    if (const PyExpr* d = type.keyword("dimensions"); d && d->kind == PyExpr::Kind::number) {
      dimensions = std::max(1, std::stoi(d->text));
    }
    std::string sql = inner.sql;
    for (int i = 0; i < dimensions; ++i) sql += "[]";
    return {sql, "", std::nullopt};
  }
  if (all_upper(name)) {
    // A dialect type named as PostgreSQL names it (postgresql.INT4RANGE, BIT(3)).
    std::string sql = name;
    if (type.kind == PyExpr::Kind::call && type.items.size() > 1) {
      sql += "(";
      for (size_t i = 1; i < type.items.size(); ++i) {
        sql += (i > 1 ? ", " : "") + number_value(type.items[i], "a type argument");
      }
      sql += ")";
    }
    return {sql, "", std::nullopt};
  }
  if (std::optional<ColumnType> known = third_party_column_type(type)) return *known;
  throw UnresolvedArgument("the SQLAlchemy type " + type.dotted() + " is not one migcheck knows",
                           type.begin);
}

}  // namespace migcheck
