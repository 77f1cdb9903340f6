#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ci/lsp/file_uri.h"
#include "ci/lsp/json_rpc.h"
#include "ci/lsp/server.h"

namespace migcheck::testing {

// Drives a LanguageServer in this process, one message at a time, and
// collects what it writes in answer (headers parsed as a client would).
class LspSession {
 public:
  explicit LspSession(const std::filesystem::path& root = std::filesystem::current_path())
      : server_(input_, output_, root.string()) {}

  std::vector<nlohmann::json> send(const nlohmann::json& message) {
    server_.handle(message.dump());
    return take_output();
  }
  std::vector<nlohmann::json> send_text(const std::string& body) {
    server_.handle(body);
    return take_output();
  }
  std::vector<nlohmann::json> request(int id, const std::string& method,
                                      nlohmann::json params = nlohmann::json::object()) {
    return send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
  }
  std::vector<nlohmann::json> notify(const std::string& method, nlohmann::json params) {
    return send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  // initialize + initialized, with the workspace at `root`.
  nlohmann::json initialize(const std::filesystem::path& root,
                            nlohmann::json capabilities = nlohmann::json::object()) {
    auto answer = request(1, "initialize",
                          {{"processId", nullptr},
                           {"rootUri", lsp::file_uri_from_path(root.string())},
                           {"capabilities", capabilities}});
    REQUIRE(answer.size() == 1);
    notify("initialized", nlohmann::json::object());
    return answer[0];
  }
  // didOpen, returning the diagnostics published for the document.
  nlohmann::json open(const std::filesystem::path& file, const std::string& text,
                      const std::string& language = "sql") {
    version_ = 1;
    return diagnostics_in(
        notify("textDocument/didOpen", {{"textDocument",
                                         {{"uri", lsp::file_uri_from_path(file.string())},
                                          {"languageId", language},
                                          {"version", version_},
                                          {"text", text}}}}));
  }
  nlohmann::json change(const std::filesystem::path& file, const std::string& text) {
    return diagnostics_in(
        notify("textDocument/didChange",
               {{"textDocument",
                 {{"uri", lsp::file_uri_from_path(file.string())}, {"version", ++version_}}},
                {"contentChanges", {{{"text", text}}}}}));
  }

  // The diagnostics of the one publishDiagnostics among `messages`.
  static nlohmann::json diagnostics_in(const std::vector<nlohmann::json>& messages) {
    for (const auto& message : messages) {
      if (message.value("method", "") == "textDocument/publishDiagnostics") {
        return message["params"]["diagnostics"];
      }
    }
    FAIL("no diagnostics published, but: " << nlohmann::json(messages).dump());
    return {};
  }

  // The code actions offered for `diagnostic` in `file`.
  nlohmann::json code_actions(const std::filesystem::path& file, const nlohmann::json& diagnostic) {
    auto answer = request(++request_id_, "textDocument/codeAction",
                          {{"textDocument", {{"uri", lsp::file_uri_from_path(file.string())}}},
                           {"range", diagnostic["range"]},
                           {"context", {{"diagnostics", {diagnostic}}}}});
    REQUIRE(answer.size() == 1);
    return answer[0]["result"];
  }

  const lsp::LanguageServer& server() const { return server_; }

 private:
  std::vector<nlohmann::json> take_output() {
    std::istringstream written(output_.str());
    output_.str("");
    std::vector<nlohmann::json> messages;
    while (auto read = lsp::read_framed(written)) {
      REQUIRE(read->body);
      messages.push_back(nlohmann::json::parse(*read->body));
    }
    return messages;
  }

  std::istringstream input_;
  std::ostringstream output_;
  lsp::LanguageServer server_;
  int version_ = 1;
  int request_id_ = 100;
};

// `text` after LSP text edits (positions counted in bytes: ASCII texts), as a
// client applies them: against the original text, insertions at one point in
// array order.
inline std::string apply_text_edits(const std::string& text, const nlohmann::json& edits) {
  auto offset = [&](const nlohmann::json& position) {
    size_t at = 0;
    for (int line = 0; line < position["line"].get<int>(); ++line) at = text.find('\n', at) + 1;
    return at + position["character"].get<size_t>();
  };
  struct Edit {
    size_t begin, end;
    std::string text;
  };
  std::vector<Edit> ordered;
  for (const nlohmann::json& edit : edits) {
    ordered.push_back({offset(edit["range"]["start"]), offset(edit["range"]["end"]),
                       edit["newText"].get<std::string>()});
  }
  std::string result = text;
  // From the end, so earlier offsets hold; of two at one point the later first.
  for (size_t i = ordered.size(); i-- > 0;) {
    size_t latest = 0;
    for (size_t k = 1; k < ordered.size(); ++k) {
      if (ordered[k].begin >= ordered[latest].begin) latest = k;
    }
    result.replace(ordered[latest].begin, ordered[latest].end - ordered[latest].begin,
                   ordered[latest].text);
    ordered.erase(ordered.begin() + static_cast<long>(latest));
  }
  return result;
}

}  // namespace migcheck::testing
