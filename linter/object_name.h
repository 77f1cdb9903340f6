#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "linter/json_tree.h"

namespace migcheck {

// A schema object other than a table or index, as the schema memory keys it
// and messages show it.
struct ObjectRef {
  std::string kind;   // memory kind: "view", "function", "type", "domain", "sequence", ...
  std::string word;   // what messages call it: "materialized view", "procedure", ...
  std::string name;   // qualified "schema.name"; bare for extensions and schemas
  std::string shown;  // as written: "app.v", "v"
};

// The object one item of a DROP's `objects` names, for a removeType such as
// "OBJECT_VIEW"; nullopt for kinds the memory does not track (tables,
// indexes and the like have their own).
std::optional<ObjectRef> dropped_object(std::string_view object_type, const JsonNode& object);

// The object a RenameStmt (renameType) or AlterObjectSchemaStmt (objectType)
// names through its relation, object or subname field.
std::optional<ObjectRef> altered_object(std::string_view object_type, const JsonNode& body);

}  // namespace migcheck
