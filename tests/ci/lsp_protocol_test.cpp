// The Language Server's JSON-RPC lifecycle and error answers (LSP 3.17).
#include <doctest/doctest.h>

#include <sstream>

#include "tests/ci/lsp_test_session.h"
#include "tests/test_support.h"

using migcheck::testing::LspSession;
using migcheck::testing::TempDir;
using nlohmann::json;

namespace {

int error_code(const std::vector<json>& answer) {
  REQUIRE(answer.size() == 1);
  REQUIRE(answer[0].contains("error"));
  return answer[0]["error"]["code"].get<int>();
}

std::string framed(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Runs a server over `input` as `migcheck lsp` does; returns its exit code
// and fills `answers` with what it wrote.
int serve(const std::string& input, std::vector<json>& answers) {
  std::istringstream in(input);
  std::ostringstream out;
  migcheck::lsp::LanguageServer server(in, out, ".");
  int code = server.run();
  std::istringstream written(out.str());
  while (auto read = migcheck::lsp::read_framed(written))
    answers.push_back(json::parse(*read->body));
  return code;
}

}  // namespace

TEST_CASE("lsp: initialize announces full sync, hover, quick fixes and the position encoding") {
  TempDir dir;
  LspSession session;
  json answer = session.initialize(dir.path());
  CHECK(answer["id"] == 1);
  const json& capabilities = answer["result"]["capabilities"];
  CHECK(capabilities["textDocumentSync"]["change"] == 1);
  CHECK(capabilities["textDocumentSync"]["openClose"] == true);
  CHECK(capabilities["hoverProvider"] == true);
  CHECK(capabilities["codeActionProvider"]["codeActionKinds"] == json{"quickfix"});
  CHECK(capabilities["positionEncoding"] == "utf-16");
  CHECK(answer["result"]["serverInfo"]["name"] == "migcheck");
}

TEST_CASE("lsp: utf-8 positions when the client offers them, utf-16 otherwise") {
  TempDir dir;
  LspSession utf8;
  json offered = {{"general", {{"positionEncodings", {"utf-16", "utf-8"}}}}};
  CHECK(utf8.initialize(dir.path(), offered)["result"]["capabilities"]["positionEncoding"] ==
        "utf-8");
  LspSession utf32_only;
  json not_utf8 = {{"general", {{"positionEncodings", {"utf-32"}}}}};
  CHECK(utf32_only.initialize(dir.path(), not_utf8)["result"]["capabilities"]["positionEncoding"] ==
        "utf-16");
}

TEST_CASE("lsp: requests before initialize are refused with -32002, notifications dropped") {
  LspSession session;
  CHECK(error_code(session.request(7, "textDocument/hover")) == -32002);
  CHECK(error_code(session.request(8, "shutdown")) == -32002);
  CHECK(session
            .notify("textDocument/didOpen", {{"textDocument",
                                              {{"uri", "file:///tmp/x.sql"},
                                               {"languageId", "sql"},
                                               {"version", 1},
                                               {"text", "DROP TABLE t;"}}}})
            .empty());
}

TEST_CASE("lsp: a second initialize, and any request after shutdown, are invalid requests") {
  TempDir dir;
  LspSession session;
  session.initialize(dir.path());
  CHECK(error_code(session.request(2, "initialize", {{"capabilities", json::object()}})) == -32600);
  auto shutdown = session.request(3, "shutdown");
  REQUIRE(shutdown.size() == 1);
  CHECK(shutdown[0]["id"] == 3);
  CHECK(shutdown[0]["result"].is_null());
  CHECK(error_code(session.request(4, "textDocument/hover")) == -32600);
}

TEST_CASE("lsp: malformed messages get JSON-RPC errors, not a crash") {
  TempDir dir;
  LspSession session;
  session.initialize(dir.path());
  SUBCASE("not JSON") {
    CHECK(error_code(session.send_text("{\"jsonrpc\": \"2.0\", ")) == -32700);
  }
  SUBCASE("not an object") {
    CHECK(error_code(session.send_text("[1, 2]")) == -32600);
  }
  SUBCASE("not JSON-RPC 2.0") {
    CHECK(error_code(session.send({{"jsonrpc", "1.0"}, {"id", 1}, {"method", "shutdown"}})) ==
          -32600);
  }
  SUBCASE("a method that is not a string") {
    CHECK(error_code(session.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", 5}})) == -32600);
  }
  SUBCASE("an id that is neither string nor integer") {
    CHECK(error_code(session.send({{"jsonrpc", "2.0"}, {"id", {1}}, {"method", "shutdown"}})) ==
          -32600);
  }
  SUBCASE("an unknown request") {
    auto answer = session.request(9, "textDocument/formatting");
    CHECK(error_code(answer) == -32601);
    CHECK(answer[0]["id"] == 9);
  }
  SUBCASE("an unknown notification is ignored") {
    CHECK(session.notify("$/setTrace", {{"value", "off"}}).empty());
    CHECK(session.notify("workspace/didChangeConfiguration", json::object()).empty());
  }
  SUBCASE("params a request cannot use") {
    CHECK(error_code(session.request(10, "textDocument/hover", {{"position", 3}})) == -32602);
    CHECK(error_code(session.request(11, "textDocument/codeAction",
                                     {{"textDocument", {{"uri", "file:///nowhere.sql"}}}})) ==
          -32602);
  }
  SUBCASE("a notification with bad params is logged") {
    auto answer = session.notify("textDocument/didOpen", {{"textDocument", 1}});
    REQUIRE(answer.size() == 1);
    CHECK(answer[0]["method"] == "window/logMessage");
  }
  SUBCASE("a change to a document that is not open is logged") {
    auto answer =
        session.notify("textDocument/didChange",
                       {{"textDocument", {{"uri", "file:///nowhere.sql"}, {"version", 2}}},
                        {"contentChanges", {{{"text", "SELECT 1;"}}}}});
    REQUIRE(answer.size() == 1);
    CHECK(answer[0]["method"] == "window/logMessage");
  }
  SUBCASE("a response from the client needs no answer") {
    CHECK(session.send({{"jsonrpc", "2.0"}, {"id", 5}, {"result", nullptr}}).empty());
  }
  // Whatever came before, the server still answers.
  CHECK(session.request(99, "shutdown").at(0)["id"] == 99);
}

TEST_CASE("lsp: the stream framing: Content-Length headers, a bad header block answered") {
  std::string init =
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})";
  std::string shutdown = R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})";
  std::string exit = R"({"jsonrpc":"2.0","method":"exit"})";
  std::vector<json> answers;
  std::string input = framed(init) + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" +
                      "X-Nothing: 1\r\n\r\n" + "Content-Length: twelve\r\n\r\n" + framed(shutdown) +
                      framed(exit) + framed(init);
  CHECK(serve(input, answers) == 0);
  REQUIRE(answers.size() == 4);
  CHECK(answers[0]["id"] == 1);
  CHECK(answers[1]["error"]["code"] == -32700);  // a header block without a length
  CHECK(answers[2]["error"]["code"] == -32700);  // a length that is not a number
  CHECK(answers[3]["id"] == 2);                  // nothing after exit is read
}

TEST_CASE("lsp: exit without shutdown, or the input ending, is exit code 1") {
  std::vector<json> answers;
  CHECK(serve(framed(R"({"jsonrpc":"2.0","method":"exit"})"), answers) == 1);
  CHECK(serve("Content-Length: 100\r\n\r\n{\"jsonrpc\"", answers) == 1);
  CHECK(answers.empty());
}
