#pragma once
#include <istream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "ci/lsp/document_store.h"
#include "ci/lsp/position_encoding.h"
#include "ci/lsp/workspace_lint.h"
#include "linter/finding.h"

namespace migcheck::lsp {

// migcheck's Language Server (LSP 3.17) over a pair of streams: diagnostics
// for the open .sql files and Alembic revisions, hover with a rule's
// explanation, and code actions: the fixes of `migcheck fix` and a comment
// that suppresses the finding.
// Documents are synced whole (TextDocumentSyncKind.Full).
class LanguageServer {
 public:
  // `root` is the workspace when the client names none (the working directory).
  LanguageServer(std::istream& in, std::ostream& out, std::string root);
  ~LanguageServer();

  // Serves until `exit` or the end of the input; returns the process exit
  // code LSP asks for: 0 after shutdown, 1 otherwise.
  int run();

  // Handles one message body (what run() reads between the headers).
  void handle(const std::string& body);

  // The project's lint, once the first document opened (tests inspect it).
  const WorkspaceLint* workspace() const { return workspace_.get(); }

 private:
  enum class State { uninitialized, running, shut_down, exited };

  void handle_request(const nlohmann::json& id, const std::string& method,
                      const nlohmann::json& params);
  void handle_notification(const std::string& method, const nlohmann::json& params);

  nlohmann::json initialize(const nlohmann::json& params);
  nlohmann::json hover(const nlohmann::json& params);
  nlohmann::json code_actions(const nlohmann::json& params);

  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  // A save or a change on disk: the whole project is linted again.
  void relint_project();
  void did_close(const nlohmann::json& params);

  WorkspaceLint& workspace();
  void publish(const std::string& path);
  void send(const nlohmann::json& message);
  void log(const std::string& message);

  std::istream& in_;
  std::ostream& out_;
  std::string root_;
  State state_ = State::uninitialized;
  PositionEncoding encoding_ = PositionEncoding::utf16;
  bool client_creates_files_ = false;
  DocumentStore documents_;
  std::unique_ptr<WorkspaceLint> workspace_;
  // What was last published per document, for hover and code actions.
  std::map<std::string, std::vector<Finding>> published_;
};

}  // namespace migcheck::lsp
