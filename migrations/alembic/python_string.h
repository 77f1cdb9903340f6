#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_expr.h"
#include "migrations/alembic/python_tokens.h"

namespace migcheck {

// A `{expression}` of an f-string, left out of the decoded value.
struct FormatPlaceholder {
  size_t value_at;    // where its value goes in DecodedString::value
  size_t file_begin;  // the braces and what they hold, in the file
  size_t file_end;
  std::string_view expression;  // between the braces
};

// One string literal token decoded as Python decodes it.
struct DecodedString {
  std::string value;
  std::vector<StringPiece> pieces;  // file offsets of each run of `value`
  bool is_bytes = false;
  // An f-string's `{placeholders}`, in order: its value depends on them.
  std::vector<FormatPlaceholder> placeholders;
};

// Decodes escapes (\n, \x41, \u00e9, \N{...} kept verbatim, line
// continuations), r/b/u/f prefixes and single or triple quotes. The token
// must be a string token of `source`.
DecodedString decode_python_string(std::string_view source, const PyToken& token);

}  // namespace migcheck
