#include "migrations/alembic/enum_sync.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <utility>

#include "migrations/alembic/call_arguments.h"
#include "migrations/alembic/sqlalchemy_values.h"

namespace migcheck {
namespace {

using Renames = std::vector<std::pair<std::string, std::string>>;

// One affected column, as the plugin's TableReference holds it.
struct ColumnReference {
  std::optional<std::string> schema;  // none: the table is not qualified
  std::string table;
  std::string column;
  bool array = false;  // ColumnType.ARRAY: the column is an array of the enum
  std::optional<std::string> existing_default;

  std::string table_sql() const {
    return (schema ? '"' + *schema + "\"." : "") + '"' + table + '"';
  }
  std::string column_sql() const { return '"' + column + '"'; }
};

bool is_array_column_type(const PyExpr* type) {
  return type && type->kind == PyExpr::Kind::attribute && type->text == "ARRAY";
}

ColumnReference column_reference(const PyExpr& item, const std::string& enum_schema) {
  ColumnReference ref;
  if (item.kind == PyExpr::Kind::tuple && item.items.size() >= 2) {
    ref.schema = enum_schema;
    ref.table = string_value(item.items[0], "an affected column's table");
    ref.column = string_value(item.items[1], "an affected column");
    ref.array = item.items.size() > 2 && is_array_column_type(&item.items[2]);
    return ref;
  }
  if (item.kind != PyExpr::Kind::call || !is_construct(item, "TableReference")) {
    throw UnresolvedArgument("an affected column that is not a TableReference written here",
                             item.begin);
  }
  CallArguments args(item, {"table_name", "column_name", "table_schema", "column_type",
                            "existing_server_default"});
  ref.table = args.text("table_name");
  ref.column = args.text("column_name");
  // An unspecified schema is the enum's (the plugin's backward compatibility).
  ref.schema = args.get("table_schema") ? optional_string(args.get("table_schema"), "table_schema")
                                        : std::optional<std::string>(enum_schema);
  if (ref.schema && ref.schema->empty()) ref.schema.reset();
  ref.array = is_array_column_type(args.get("column_type"));
  ref.existing_default = optional_string(args.get("existing_server_default"), "a server default");
  return ref;
}

Renames renames_of(const PyExpr* expr) {
  Renames out;
  if (!expr) return out;
  if (expr->kind != PyExpr::Kind::list && expr->kind != PyExpr::Kind::tuple) {
    throw UnresolvedArgument("enum_values_to_rename is not a literal list", expr->begin);
  }
  for (const PyExpr& pair : expr->items) {
    std::vector<std::string> names = string_list(pair, "an enum value to rename");
    if (names.size() != 2) {
      throw UnresolvedArgument("an enum value to rename that is not a pair", pair.begin);
    }
    out.emplace_back(names[0], names[1]);
  }
  return out;
}

// The plugin's rename_default_if_required: the default's old type cast
// replaced with the new type, renamed values replaced.
std::string renamed_default(std::string value, const std::string& enum_schema,
                            const std::string& enum_name, const Renames& renames) {
  std::string new_enum = enum_schema.empty() ? enum_name : enum_schema + "." + enum_name;
  auto replace_values = [&](std::string text) {
    for (const auto& [old_value, new_value] : renames) {
      for (char quote : {'\'', '"'}) {
        std::string from = quote + old_value + quote, to = quote + new_value + quote;
        for (size_t at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size())) {
          text.replace(at, from.size(), to);
        }
      }
    }
    return text;
  };
  if (value.starts_with("ARRAY[")) {
    return std::regex_replace(replace_values(value), std::regex(R"(::[.\w]+)"), "::" + new_enum);
  }
  // Python's value[:value.find("::")]: without a cast, find gives -1 and the
  // slice drops the last character.
  size_t cast = value.find("::");
  std::string uncast =
      cast == std::string::npos ? value.substr(0, value.size() - 1) : value.substr(0, cast);
  bool array = value.ends_with("[]");
  return replace_values(uncast) + "::" + new_enum + (array ? "[]" : "");
}

// `WHEN <value>::text = 'old' THEN 'new'<suffix> ... ELSE` pieces of a CASE.
std::string when_clauses(const std::string& value, const Renames& renames,
                         const std::string& then_suffix) {
  std::string out;
  for (const auto& [old_value, new_value] : renames) {
    out += (out.empty() ? "" : " ") + ("WHEN " + value + "::text = '" + old_value + "' THEN '" +
                                       new_value + "'" + then_suffix);
  }
  return out;
}

std::string conversion(const ColumnReference& ref, const std::string& type,
                       const Renames& renames) {
  std::string column = ref.column_sql();
  std::string head = "ALTER TABLE " + ref.table_sql() + " ALTER COLUMN " + column + " TYPE " + type;
  if (ref.array) {
    std::string cast = column + "::text[]";
    for (const auto& [old_value, new_value] : renames) {
      cast = "array_replace(" + cast + ", '" + old_value + "', '" + new_value + "')";
    }
    return head + "[] USING " + cast + "::" + type + "[]";
  }
  if (renames.empty()) return head + " USING " + column + "::text::" + type;
  return head + " USING CASE " + when_clauses(column, renames, "::" + type) + " ELSE " + column +
         "::text::" + type + " END";
}

// The two operators comparing new and old values that the plugin creates
// while the columns are converted, by operator and function name.
const std::pair<const char*, const char*> kOperators[] = {{"!=", "new_old_not_equals"},
                                                          {"=", "new_old_equals"}};

// alembic-autogenerate-enums registers the same operation with another
// signature, (schema, name, old_values, new_values, affected_columns=None,
// should_reverse=False): its calls name old_values or should_reverse, pass
// six arguments, or pass value names as the fourth.
bool is_autogenerate_enums_call(const PyExpr& call) {
  if (call.keyword("old_values") || call.keyword("should_reverse")) return true;
  if (call.items.size() == 7) return true;
  if (call.items.size() < 5) return false;
  const PyExpr& fourth = call.items[4];
  if (fourth.kind != PyExpr::Kind::list && fourth.kind != PyExpr::Kind::tuple) return false;
  return std::all_of(fourth.items.begin(), fourth.items.end(),
                     [](const PyExpr& item) { return item.kind == PyExpr::Kind::string; });
}

// What alembic-autogenerate-enums runs: with should_reverse and the
// columns, the same swap as above without operators, the values sorted;
// otherwise it commits Alembic's transaction and adds each new value (ADD
// VALUE could not run in a transaction block before PostgreSQL 12).
std::vector<std::string> autogenerate_enums_statements(const PyExpr& call) {
  CallArguments args(
      call, {"schema", "name", "old_values", "new_values", "affected_columns", "should_reverse"});
  std::string type = args.text("schema") + "." + args.text("name");
  std::vector<std::string> old_values = string_list(args.need("old_values"), "old_values");
  std::vector<std::string> new_values = string_list(args.need("new_values"), "new_values");
  const PyExpr* affected = args.get("affected_columns");
  if (affected && affected->kind == PyExpr::Kind::none) affected = nullptr;
  if (bool_value(args.get("should_reverse"), false, "should_reverse") && affected) {
    std::vector<std::string> sorted = new_values;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::string listed;
    for (const std::string& value : sorted) listed += (listed.empty() ? "'" : ", '") + value + "'";
    std::vector<std::string> out = {
        "ALTER TYPE " + type + " RENAME TO " + args.text("name") + "_old",
        "CREATE TYPE " + type + " AS ENUM(" + listed + ")"};
    if (affected->kind != PyExpr::Kind::list && affected->kind != PyExpr::Kind::tuple) {
      throw UnresolvedArgument("affected_columns is not a literal list", affected->begin);
    }
    for (const PyExpr& pair : affected->items) {
      std::vector<std::string> names = string_list(pair, "an affected column");
      if (names.size() != 2) throw UnresolvedArgument("an affected column", pair.begin);
      out.push_back("ALTER TABLE " + names[0] + " ALTER COLUMN " + names[1] + " TYPE " + type +
                    " USING " + names[1] + "::text::" + type);
    }
    out.push_back("DROP TYPE " + type + "_old");
    return out;
  }
  std::vector<std::string> out = {"COMMIT"};
  for (const std::string& value : new_values) {
    if (std::find(old_values.begin(), old_values.end(), value) != old_values.end()) continue;
    std::string statement = "ALTER TYPE " + type + " ADD VALUE '" + value + "'";
    if (std::find(out.begin(), out.end(), statement) == out.end()) out.push_back(statement);
  }
  return out;
}

}  // namespace

std::vector<std::string> enum_sync_statements(const PyExpr& call) {
  if (is_autogenerate_enums_call(call)) return autogenerate_enums_statements(call);
  CallArguments args(call, {"enum_schema", "enum_name", "new_values", "affected_columns",
                            "enum_values_to_rename"});
  std::string schema = args.text("enum_schema");
  std::string name = args.text("enum_name");
  std::vector<std::string> values = string_list(args.need("new_values"), "new_values");
  const PyExpr& affected = args.need("affected_columns");
  if (affected.kind != PyExpr::Kind::list && affected.kind != PyExpr::Kind::tuple) {
    throw UnresolvedArgument("affected_columns is not a literal list", affected.begin);
  }
  Renames renames = renames_of(args.get("enum_values_to_rename"));
  std::vector<ColumnReference> columns;
  for (const PyExpr& item : affected.items) columns.push_back(column_reference(item, schema));

  std::string type = '"' + schema + "\".\"" + name + '"';
  std::string old_type = '"' + schema + "\".\"" + name + "_old\"";
  std::string listed;
  for (const std::string& value : values) listed += (listed.empty() ? "'" : ", '") + value + "'";
  std::vector<std::string> out = {"ALTER TYPE " + type + " RENAME TO " + name + "_old",
                                  "CREATE TYPE " + type + " AS ENUM(" + listed + ")"};
  std::string parameters = "(new_enum_val " + type + ", old_enum_val " + old_type + ")";
  for (const auto& [op, function] : kOperators) {
    std::string compared = renames.empty() ? "old_enum_val::text"
                                           : "CASE " + when_clauses("old_enum_val", renames, "") +
                                                 " ELSE old_enum_val::text END";
    out.push_back("CREATE FUNCTION " + std::string(function) + parameters +
                  " RETURNS boolean AS $$ SELECT new_enum_val::text " + op + " " + compared +
                  "; $$ LANGUAGE SQL IMMUTABLE");
    out.push_back("CREATE OPERATOR " + std::string(op) + " (leftarg = " + type +
                  ", rightarg = " + old_type + ", procedure = " + function + ")");
  }
  for (const ColumnReference& ref : columns) {
    std::string alter = "ALTER TABLE " + ref.table_sql() + " ALTER COLUMN " + ref.column_sql();
    if (ref.existing_default) out.push_back(alter + " DROP DEFAULT");
    out.push_back(conversion(ref, type, renames));
    if (ref.existing_default) {
      out.push_back(alter + " SET DEFAULT " +
                    renamed_default(*ref.existing_default, schema, name, renames));
    }
  }
  for (const auto& [op, function] : kOperators) {
    out.push_back("DROP FUNCTION " + std::string(function) + parameters + " CASCADE");
  }
  out.push_back("DROP TYPE " + old_type);
  return out;
}

}  // namespace migcheck
