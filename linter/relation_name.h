#pragma once
#include <string>
#include <vector>

#include "linter/json_tree.h"

namespace migcheck {

// A table or index name as the schema memory keys it: "schema.name", with
// "public" for unqualified names (the default search_path).
std::string qualified_name(const JsonNode& range_var);
std::string qualified_name(const std::string& schema, const std::string& name);
// The name as written in the statement, for messages ("users", "app.users").
std::string display_name(const JsonNode& range_var);

// The same for a name given as a list of String parts, [schema,] name, as
// DROP and a few other statements write objects: {"List": {"items": [...]}}
// or the bare items array.
std::string qualified_list_name(const JsonNode& name_list);
std::string display_list_name(const JsonNode& name_list);

// Every relation a statement or query names (FROM, JOIN, subqueries, the
// target of ALTER TABLE or CREATE INDEX: each RangeVar), qualified, appended
// to `relations` in the order they appear.
void collect_relations(const JsonNode& node, std::vector<std::string>& relations);

}  // namespace migcheck
