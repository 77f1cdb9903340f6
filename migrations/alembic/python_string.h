#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_expr.h"
#include "migrations/alembic/python_tokens.h"

namespace migcheck {

// One string literal token decoded as Python decodes it.
struct DecodedString {
  std::string value;
  std::vector<StringPiece> pieces;  // file offsets of each run of `value`
  bool is_bytes = false;
  // An f-string with a `{placeholder}`: its value depends on running code.
  bool has_placeholders = false;
};

// Decodes escapes (\n, \x41, \u00e9, \N{...} kept verbatim, line
// continuations), r/b/u/f prefixes and single or triple quotes. The token
// must be a string token of `source`.
DecodedString decode_python_string(std::string_view source, const PyToken& token);

}  // namespace migcheck
