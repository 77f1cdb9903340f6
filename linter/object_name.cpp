#include "linter/object_name.h"

#include "linter/relation_name.h"
#include "linter/type_name.h"

namespace migcheck {

namespace {

struct KindName {
  std::string_view object_type;
  std::string_view kind;
  std::string_view word;
};
// Functions, procedures and aggregates share pg_proc, so one memory kind.
constexpr KindName kKinds[] = {
    {"OBJECT_TABLE", "table", "table"},
    {"OBJECT_VIEW", "view", "view"},
    {"OBJECT_MATVIEW", "matview", "materialized view"},
    {"OBJECT_FUNCTION", "function", "function"},
    {"OBJECT_PROCEDURE", "function", "procedure"},
    {"OBJECT_ROUTINE", "function", "routine"},
    {"OBJECT_AGGREGATE", "function", "aggregate"},
    {"OBJECT_TYPE", "type", "type"},
    {"OBJECT_CAST", "cast", "cast"},
    {"OBJECT_DOMAIN", "domain", "domain"},
    {"OBJECT_SEQUENCE", "sequence", "sequence"},
    {"OBJECT_EXTENSION", "extension", "extension"},
    {"OBJECT_SCHEMA", "schema", "schema"},
    {"OBJECT_INDEX", "index", "index"},
    {"OBJECT_COLLATION", "collation", "collation"},
    {"OBJECT_CONVERSION", "conversion", "conversion"},
    {"OBJECT_OPERATOR", "operator", "operator"},
    {"OBJECT_STATISTIC_EXT", "statistics", "statistics object"},
    {"OBJECT_TSCONFIGURATION", "tsconfig", "text search configuration"},
    {"OBJECT_TSDICTIONARY", "tsdict", "text search dictionary"},
    {"OBJECT_FOREIGN_TABLE", "foreign table", "foreign table"},
};

const KindName* kind_of(std::string_view object_type) {
  for (const KindName& kind : kKinds) {
    if (kind.object_type == object_type) return &kind;
  }
  return nullptr;
}

// [schema.]name from a list of String nodes (bare or wrapped in List).
ObjectRef from_list(const KindName& kind, const JsonNode& names) {
  return {std::string(kind.kind), std::string(kind.word), qualified_list_name(names),
          display_list_name(names)};
}

ObjectRef from_bare(const KindName& kind, const std::string& name) {
  return {std::string(kind.kind), std::string(kind.word), name, name};
}

// A cast is named by its two types: "(text AS integer)".
ObjectRef cast_of(const KindName& kind, const JsonNode& types) {
  const JsonNode& items = types.body()["items"];
  std::string name =
      "(" + type_name_text(items.at(0).body()) + " AS " + type_name_text(items.at(1).body()) + ")";
  return from_bare(kind, name);
}

ObjectRef from_node(const KindName& kind, const JsonNode& object) {
  if (kind.kind == "cast") return cast_of(kind, object);
  std::string_view type = object.type();
  const JsonNode& body = object.body();
  if (type == "String") return from_bare(kind, body["sval"].str());
  if (type == "TypeName") return from_list(kind, body["names"]);
  if (type == "ObjectWithArgs") return from_list(kind, body["objname"]);
  return from_list(kind, object);
}

}  // namespace

std::optional<ObjectRef> dropped_object(std::string_view object_type, const JsonNode& object) {
  const KindName* kind = kind_of(object_type);
  if (!kind) return std::nullopt;
  return from_node(*kind, object);
}

std::optional<ObjectRef> altered_object(std::string_view object_type, const JsonNode& body) {
  const KindName* kind = kind_of(object_type);
  if (!kind) return std::nullopt;
  if (const JsonNode& relation = body["relation"]) {
    return ObjectRef{std::string(kind->kind), std::string(kind->word), qualified_name(relation),
                     display_name(relation)};
  }
  if (const JsonNode& object = body["object"]) return from_node(*kind, object);
  return from_bare(*kind, body["subname"].str());
}

}  // namespace migcheck
