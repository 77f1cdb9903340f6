#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

namespace migcheck::lsp {

// How LSP positions count characters in a line (LSP 3.17 positionEncoding).
// Locations inside migcheck count Unicode code points (linter/location.h).
enum class PositionEncoding { utf8, utf16, utf32 };

std::string_view to_string(PositionEncoding encoding);

// The encoding to use given the client's capabilities: UTF-8 when the client
// offers it (no conversion of byte offsets needed on either side), else
// UTF-16, which every client must support and is the default when it says
// nothing.
PositionEncoding negotiate_position_encoding(const nlohmann::json& client_capabilities);

// The 0-based LSP character offset of 1-based code-point `column` in `line`
// (the line's text without its ending). Columns past the end clamp to it.
int to_lsp_character(std::string_view line, int column, PositionEncoding encoding);

// The 1-based code-point column of a 0-based LSP character offset in `line`.
// An offset inside a character (between the halves of a surrogate pair, or
// inside a UTF-8 sequence) counts as that character; past the end clamps.
int from_lsp_character(std::string_view line, int character, PositionEncoding encoding);

}  // namespace migcheck::lsp
