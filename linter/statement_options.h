#pragma once
#include <string_view>

#include "linter/json_tree.h"

namespace migcheck {

// True when an option list (VACUUM's options, REINDEX's params, ...) turns
// `name` on: written alone (`FULL`), or with a value PostgreSQL's
// defGetBoolean reads as true. `(FULL FALSE)` or `(CONCURRENTLY 0)` turn it
// off, which a check for the option's mere presence would miss.
inline bool option_enabled(const JsonNode& options, std::string_view name) {
  for (const JsonNode& option : options) {
    const JsonNode& def = option.body();
    if (def["defname"].str() != name) continue;
    const JsonNode& value = def["arg"];
    if (!value) return true;
    if (const JsonNode& number = value["Integer"]) return number["ival"].integer() != 0;
    std::string text = value["String"]["sval"].str();
    return text != "false" && text != "off";
  }
  return false;
}

}  // namespace migcheck
