#pragma once
#include <string>

#include "linter/json_tree.h"

namespace migcheck {

// A TypeName node as PostgreSQL would print it for a user: internal names
// mapped back (int4 → integer, varchar(255), timestamptz, text[]), the
// pg_catalog qualifier dropped.
std::string type_name_text(const JsonNode& type_name);

// The type's base name as type_name_text spells it, without schema,
// modifiers or array bounds: "integer", "varchar", "numeric", "timestamptz".
std::string type_base_name(const JsonNode& type_name);

}  // namespace migcheck
