#pragma once
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

namespace migcheck::lsp {

// JSON-RPC 2.0 error codes, and the two LSP adds.
namespace rpc_error {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;
}  // namespace rpc_error

// One message body read with LSP's base protocol framing, or why it could not
// be: a header block without a usable Content-Length. The stream stays at the
// next header block either way, so the server can answer and read on.
struct FramedRead {
  std::optional<std::string> body;
  std::string error;  // set when body is not
};

// Reads the next "Content-Length: N\r\n...\r\n\r\n" + N bytes. nullopt at the
// end of the input (or input cut short inside a message: nothing more will come).
std::optional<FramedRead> read_framed(std::istream& in);

// Writes `message` with its Content-Length header and flushes.
void write_framed(std::ostream& out, const nlohmann::json& message);

nlohmann::json result_response(const nlohmann::json& id, nlohmann::json result);
nlohmann::json error_response(const nlohmann::json& id, int code, const std::string& message);
nlohmann::json notification(const std::string& method, nlohmann::json params);

}  // namespace migcheck::lsp
