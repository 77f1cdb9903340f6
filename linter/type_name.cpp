#include "linter/type_name.h"

#include <string_view>
#include <utility>

namespace migcheck {

namespace {

// Internal names the grammar produces for SQL-standard spellings.
std::string_view display_base(std::string_view internal) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"int2", "smallint"},
      {"int4", "integer"},
      {"int8", "bigint"},
      {"float4", "real"},
      {"float8", "double precision"},
      {"bool", "boolean"},
      {"varchar", "varchar"},
      {"bpchar", "char"},
      {"timestamptz", "timestamptz"},
      {"timestamp", "timestamp"},
      {"timetz", "timetz"},
      {"numeric", "numeric"},
  };
  for (const auto& [from, to] : kNames) {
    if (internal == from) return to;
  }
  return internal;
}

std::string modifier_text(const JsonNode& typmod) {
  const JsonNode& value = typmod.body();
  if (typmod.type() == "A_Const") {
    if (value["ival"]) return std::to_string(value["ival"]["ival"].integer());
    if (value["sval"]) return value["sval"]["sval"].str();
  }
  if (typmod.type() == "ColumnRef") {
    return value["fields"].at(0).body()["sval"].str();
  }
  return "?";
}

}  // namespace

std::string type_base_name(const JsonNode& type_name) {
  const JsonNode& names = type_name["names"];
  if (names.size() == 0) return {};
  return std::string(display_base(names.at(names.size() - 1).body()["sval"].str()));
}

std::string type_name_text(const JsonNode& type_name) {
  const JsonNode& names = type_name["names"];
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string part = names.at(i).body()["sval"].str();
    if (i + 1 < names.size()) {
      if (part != "pg_catalog") text += part + ".";
    } else {
      text += display_base(part);
    }
  }
  const JsonNode& typmods = type_name["typmods"];
  if (typmods.size()) {
    text += "(";
    for (size_t i = 0; i < typmods.size(); ++i) {
      if (i) text += ",";
      text += modifier_text(typmods.at(i));
    }
    text += ")";
  }
  for (size_t i = 0; i < type_name["arrayBounds"].size(); ++i) text += "[]";
  return text;
}

}  // namespace migcheck
