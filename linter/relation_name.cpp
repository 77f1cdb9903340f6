#include "linter/relation_name.h"

namespace migcheck {

namespace {

const JsonNode& items_of(const JsonNode& name_list) {
  return name_list.is_array() ? name_list : name_list.body()["items"];
}

std::string part(const JsonNode& items, size_t from_end) {
  if (items.size() < from_end) return {};
  return items.at(items.size() - from_end).body()["sval"].str();
}

}  // namespace

std::string qualified_name(const std::string& schema, const std::string& name) {
  return (schema.empty() ? std::string("public") : schema) + "." + name;
}

std::string qualified_name(const JsonNode& range_var) {
  return qualified_name(range_var["schemaname"].str(), range_var["relname"].str());
}

std::string display_name(const JsonNode& range_var) {
  std::string schema = range_var["schemaname"].str();
  std::string name = range_var["relname"].str();
  return schema.empty() ? name : schema + "." + name;
}

std::string qualified_list_name(const JsonNode& name_list) {
  const JsonNode& items = items_of(name_list);
  return qualified_name(part(items, 2), part(items, 1));
}

std::string display_list_name(const JsonNode& name_list) {
  const JsonNode& items = items_of(name_list);
  std::string schema = part(items, 2);
  return schema.empty() ? part(items, 1) : schema + "." + part(items, 1);
}

void collect_relations(const JsonNode& node, std::vector<std::string>& relations) {
  if (node.is_object()) {
    // A RangeVar in a list of nodes is wrapped in its type, one in a typed
    // field (AlterTableStmt's relation) is not.
    if (const JsonNode& range_var = node["RangeVar"]) {
      relations.push_back(qualified_name(range_var));
      return;
    }
    if (node["relname"].is_string()) {
      relations.push_back(qualified_name(node));
      return;
    }
  }
  if (node.is_object() || node.is_array()) {
    for (const JsonNode& child : node) collect_relations(child, relations);
  }
}

}  // namespace migcheck
