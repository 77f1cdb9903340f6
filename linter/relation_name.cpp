#include "linter/relation_name.h"

namespace migcheck {

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

}  // namespace migcheck
