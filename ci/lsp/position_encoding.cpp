#include "ci/lsp/position_encoding.h"

namespace migcheck::lsp {

namespace {

// The byte length of the UTF-8 sequence starting with `lead` (1 for a stray
// continuation byte, so invalid text still advances).
size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// How many units of `encoding` a character of `bytes` UTF-8 bytes takes.
int units(size_t bytes, PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::utf8:
      return static_cast<int>(bytes);
    case PositionEncoding::utf16:
      return bytes == 4 ? 2 : 1;  // beyond the BMP: a surrogate pair
    case PositionEncoding::utf32:
      return 1;
  }
  return 1;
}

}  // namespace

std::string_view to_string(PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::utf8:
      return "utf-8";
    case PositionEncoding::utf16:
      return "utf-16";
    case PositionEncoding::utf32:
      return "utf-32";
  }
  return "utf-16";
}

PositionEncoding negotiate_position_encoding(const nlohmann::json& client_capabilities) {
  const nlohmann::json* offered = nullptr;
  if (client_capabilities.is_object()) {
    auto general = client_capabilities.find("general");
    if (general != client_capabilities.end() && general->is_object()) {
      auto encodings = general->find("positionEncodings");
      if (encodings != general->end() && encodings->is_array()) offered = &*encodings;
    }
  }
  if (!offered) return PositionEncoding::utf16;
  for (const nlohmann::json& encoding : *offered) {
    if (encoding == "utf-8") return PositionEncoding::utf8;
  }
  return PositionEncoding::utf16;
}

int to_lsp_character(std::string_view line, int column, PositionEncoding encoding) {
  int character = 0;
  size_t at = 0;
  for (int seen = 1; seen < column && at < line.size(); ++seen) {
    size_t length = sequence_length(static_cast<unsigned char>(line[at]));
    character += units(length, encoding);
    at += length;
  }
  return character;
}

int from_lsp_character(std::string_view line, int character, PositionEncoding encoding) {
  int column = 1;
  int counted = 0;
  size_t at = 0;
  while (at < line.size()) {
    size_t length = sequence_length(static_cast<unsigned char>(line[at]));
    int width = units(length, encoding);
    if (counted + width > character) break;
    counted += width;
    at += length;
    ++column;
  }
  return column;
}

}  // namespace migcheck::lsp
