#include "ci/lsp/json_rpc.h"

#include <charconv>
#include <string_view>

#include "linter/ascii_text.h"

namespace migcheck::lsp {

namespace {

// Reads a header line without its "\r\n" (a bare "\n" is accepted too);
// false at the end of the input.
bool read_header_line(std::istream& in, std::string& line) {
  if (!std::getline(in, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace

std::optional<FramedRead> read_framed(std::istream& in) {
  std::string line;
  std::optional<size_t> length;
  bool bad_length = false;
  bool any_header = false;
  while (true) {
    if (!read_header_line(in, line)) return std::nullopt;
    if (line.empty()) {
      if (any_header) break;
      continue;  // blank lines between messages carry nothing
    }
    any_header = true;
    size_t colon = line.find(':');
    if (colon == std::string::npos) {
      bad_length = true;
      continue;
    }
    if (!equals_ignoring_ascii_case(trim_blanks(std::string_view(line).substr(0, colon)),
                                    "Content-Length")) {
      continue;  // Content-Type, or a header a later protocol adds
    }
    std::string_view value = trim_blanks(std::string_view(line).substr(colon + 1));
    size_t parsed = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size()) {
      bad_length = true;
      continue;
    }
    length = parsed;
  }
  if (bad_length || !length) {
    return FramedRead{std::nullopt, "a message header without a valid Content-Length"};
  }
  std::string body(*length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<size_t>(in.gcount()) != *length) return std::nullopt;
  return FramedRead{std::move(body), ""};
}

void write_framed(std::ostream& out, const nlohmann::json& message) {
  // Invalid UTF-8 in a file's text must not stop the server: replace it.
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

nlohmann::json result_response(const nlohmann::json& id, nlohmann::json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json error_response(const nlohmann::json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

nlohmann::json notification(const std::string& method, nlohmann::json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

}  // namespace migcheck::lsp
