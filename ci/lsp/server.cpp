#include "ci/lsp/server.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "ci/lsp/diagnostics.h"
#include "ci/lsp/file_uri.h"
#include "ci/lsp/fix_action.h"
#include "ci/lsp/json_rpc.h"
#include "ci/lsp/suppress_action.h"
#include "ci/rule_catalog.h"
#include "ci/rules_doc.h"

namespace migcheck::lsp {

namespace {

using nlohmann::json;

// Params a method cannot work with: -32602 for a request, a log line for a
// notification.
class InvalidParams : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

const json& member(const json& object, const char* name) {
  if (!object.is_object() || !object.contains(name)) {
    throw InvalidParams(std::string("missing '") + name + "'");
  }
  return object.at(name);
}

std::string string_member(const json& object, const char* name) {
  const json& value = member(object, name);
  if (!value.is_string()) throw InvalidParams(std::string("'") + name + "' is not a string");
  return value.get<std::string>();
}

std::string normal_absolute(const std::string& path) {
  std::string normal = std::filesystem::absolute(path).lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

// The path of params.textDocument.uri; nullopt for a document that is not a
// file (untitled:, git:), which migcheck leaves alone.
std::optional<std::string> document_path(const json& params) {
  std::string uri = string_member(member(params, "textDocument"), "uri");
  std::optional<std::string> path = path_from_file_uri(uri);
  if (!path) return std::nullopt;
  return normal_absolute(*path);
}

bool is_linted_file(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  return extension == ".sql" || extension == ".py";
}

// Whether the client applies a WorkspaceEdit that creates a file (a fix that
// adds a migration needs it).
bool can_create_files(const json& capabilities) {
  json edit = capabilities;
  for (const char* name : {"workspace", "workspaceEdit"}) {
    edit = edit.is_object() ? edit.value(name, json()) : json();
  }
  if (!edit.is_object() || !edit.value("documentChanges", false)) return false;
  json operations = edit.value("resourceOperations", json::array());
  return operations.is_array() &&
         std::find(operations.begin(), operations.end(), "create") != operations.end();
}

int version_of(const json& text_document) {
  auto version = text_document.find("version");
  return version != text_document.end() && version->is_number_integer() ? version->get<int>() : 0;
}

}  // namespace

LanguageServer::LanguageServer(std::istream& in, std::ostream& out, std::string root)
    : in_(in), out_(out), root_(normal_absolute(root)) {}

LanguageServer::~LanguageServer() = default;

int LanguageServer::run() {
  bool shutdown_received = false;
  while (state_ != State::exited) {
    std::optional<FramedRead> read = read_framed(in_);
    if (!read) break;
    if (!read->body) {
      send(error_response(nullptr, rpc_error::parse_error, read->error));
      continue;
    }
    handle(*read->body);
    if (state_ == State::shut_down) shutdown_received = true;
  }
  return shutdown_received ? 0 : 1;
}

void LanguageServer::handle(const std::string& body) {
  json message = json::parse(body, nullptr, false);
  if (message.is_discarded()) {
    send(error_response(nullptr, rpc_error::parse_error, "the message is not valid JSON"));
    return;
  }
  if (!message.is_object() || message.value("jsonrpc", json()) != "2.0") {
    send(error_response(nullptr, rpc_error::invalid_request,
                        "not a JSON-RPC 2.0 message (an object with \"jsonrpc\": \"2.0\")"));
    return;
  }
  auto id = message.find("id");
  bool has_id = id != message.end();
  if (has_id && !id->is_string() && !id->is_number_integer()) {
    send(error_response(nullptr, rpc_error::invalid_request, "an id must be a string or integer"));
    return;
  }
  auto method = message.find("method");
  if (method == message.end()) {
    // A response to a request of ours: the server sends none that needs one.
    if (has_id && (message.contains("result") || message.contains("error"))) return;
    send(error_response(has_id ? *id : json(), rpc_error::invalid_request,
                        "a message without a method"));
    return;
  }
  if (!method->is_string()) {
    send(error_response(has_id ? *id : json(), rpc_error::invalid_request,
                        "the method is not a string"));
    return;
  }
  json params = message.value("params", json::object());
  if (has_id) {
    handle_request(*id, method->get<std::string>(), params);
  } else {
    handle_notification(method->get<std::string>(), params);
  }
}

void LanguageServer::handle_request(const json& id, const std::string& method, const json& params) {
  if (state_ == State::uninitialized && method != "initialize") {
    send(error_response(id, rpc_error::server_not_initialized,
                        "the server is not initialized: send initialize first"));
    return;
  }
  if (state_ == State::running && method == "initialize") {
    send(error_response(id, rpc_error::invalid_request, "initialize was already received"));
    return;
  }
  if (state_ == State::shut_down) {
    send(error_response(id, rpc_error::invalid_request,
                        "the server is shut down: only the exit notification is expected"));
    return;
  }
  try {
    if (method == "initialize") {
      send(result_response(id, initialize(params)));
    } else if (method == "shutdown") {
      state_ = State::shut_down;
      send(result_response(id, nullptr));
    } else if (method == "textDocument/hover") {
      send(result_response(id, hover(params)));
    } else if (method == "textDocument/codeAction") {
      send(result_response(id, code_actions(params)));
    } else {
      send(error_response(id, rpc_error::method_not_found, "unknown method '" + method + "'"));
    }
  } catch (const InvalidParams& e) {
    send(error_response(id, rpc_error::invalid_params, method + ": " + e.what()));
  } catch (const std::exception& e) {
    send(error_response(id, rpc_error::internal_error, method + ": internal error: " + e.what()));
  }
}

void LanguageServer::handle_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    state_ = State::exited;
    return;
  }
  // Before initialize and after shutdown, notifications are dropped.
  if (state_ != State::running) return;
  try {
    if (method == "textDocument/didOpen") {
      did_open(params);
    } else if (method == "textDocument/didChange") {
      did_change(params);
    } else if (method == "textDocument/didSave" || method == "workspace/didChangeWatchedFiles") {
      relint_project();
    } else if (method == "textDocument/didClose") {
      did_close(params);
    }
    // initialized, $/cancelRequest, $/setTrace and unknown notifications
    // need nothing.
  } catch (const std::exception& e) {
    log(method + ": " + e.what());
  }
}

json LanguageServer::initialize(const json& params) {
  if (!params.is_object()) throw InvalidParams("params is not an object");
  json capabilities = params.value("capabilities", json::object());
  encoding_ = negotiate_position_encoding(capabilities);
  client_creates_files_ = can_create_files(capabilities);
  std::optional<std::string> root;
  if (auto uri = params.find("rootUri"); uri != params.end() && uri->is_string()) {
    root = path_from_file_uri(uri->get<std::string>());
  } else if (auto path = params.find("rootPath"); path != params.end() && path->is_string()) {
    root = path->get<std::string>();
  }
  if (root) root_ = normal_absolute(*root);
  state_ = State::running;
  return {{"capabilities",
           {{"positionEncoding", to_string(encoding_)},
            {"textDocumentSync",
             {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
            {"hoverProvider", true},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
          {"serverInfo", {{"name", "migcheck"}, {"version", "0.1.0"}}}};
}

WorkspaceLint& LanguageServer::workspace() {
  if (!workspace_) {
    workspace_ = std::make_unique<WorkspaceLint>(root_, documents_);
    workspace_->reload(true);
    if (workspace_->configuration_error()) log(*workspace_->configuration_error());
  }
  return *workspace_;
}

void LanguageServer::did_open(const json& params) {
  std::optional<std::string> path = document_path(params);
  if (!path) return;
  const json& document = member(params, "textDocument");
  documents_.open(*path, string_member(document, "text"), version_of(document));
  publish(*path);
}

void LanguageServer::did_change(const json& params) {
  std::optional<std::string> path = document_path(params);
  if (!path) return;
  const json& changes = member(params, "contentChanges");
  if (!changes.is_array() || changes.empty()) throw InvalidParams("no contentChanges");
  // Full sync: each change is the whole text, the last one is current.
  const json& last = changes.back();
  if (last.contains("range")) throw InvalidParams("a ranged change; the server syncs full text");
  if (!documents_.change(*path, string_member(last, "text"),
                         version_of(member(params, "textDocument")))) {
    throw InvalidParams("didChange of a document that is not open");
  }
  publish(*path);
}

void LanguageServer::relint_project() {
  // A saved revision changes the schema the revisions after it see: lint the
  // project again, from the disk, and every open document with it.
  workspace().reload(true);
  for (const auto& [path, document] : documents_.documents()) publish(path);
}

void LanguageServer::did_close(const json& params) {
  std::optional<std::string> path = document_path(params);
  if (!path) return;
  documents_.close(*path);
  published_.erase(*path);
  send(notification("textDocument/publishDiagnostics",
                    {{"uri", file_uri_from_path(*path)}, {"diagnostics", json::array()}}));
}

void LanguageServer::publish(const std::string& path) {
  const DocumentStore::Document* document = documents_.find(path);
  if (!document || !is_linted_file(path)) return;
  std::vector<Finding> findings = workspace().findings_for(path);
  LineIndex lines(document->text);
  json diagnostics = json::array();
  for (const Finding& finding : findings) {
    diagnostics.push_back(to_diagnostic(finding, lines, encoding_));
  }
  published_[path] = std::move(findings);
  send(notification("textDocument/publishDiagnostics", {{"uri", file_uri_from_path(path)},
                                                        {"version", document->version},
                                                        {"diagnostics", diagnostics}}));
}

json LanguageServer::hover(const json& params) {
  std::optional<std::string> path = document_path(params);
  const DocumentStore::Document* document = path ? documents_.find(*path) : nullptr;
  if (!document) return nullptr;
  LineIndex lines(document->text);
  auto position = document_position(member(params, "position"), lines, encoding_);
  if (!position) throw InvalidParams("position is not {line, character}");
  std::string text;
  for (const Finding& finding : published_[*path]) {
    if (!covers(finding.location, *position)) continue;
    const Rule* rule = find_known_rule(finding.rule);
    if (!rule) continue;
    std::ostringstream explanation;
    render_rule_explanation(*rule, explanation);
    if (!text.empty()) text += "\n---\n\n";
    text += finding.message + "\n\n" + explanation.str();
  }
  if (text.empty()) return nullptr;
  return {{"contents", {{"kind", "plaintext"}, {"value", text}}}};
}

json LanguageServer::code_actions(const json& params) {
  std::optional<std::string> path = document_path(params);
  const DocumentStore::Document* document = path ? documents_.find(*path) : nullptr;
  const json& range = member(params, "range");
  json actions = json::array();
  if (!document) return actions;
  LineIndex lines(document->text);
  auto start = document_position(member(range, "start"), lines, encoding_);
  auto end = document_position(member(range, "end"), lines, encoding_);
  if (!start || !end) throw InvalidParams("range is not {start, end} positions");
  std::string uri = file_uri_from_path(*path);
  for (const Finding& finding : published_[*path]) {
    // The finding's range and the requested one overlap.
    const Location& at = finding.location;
    int at_end_line = at.end_line > 0 ? at.end_line : at.line;
    int at_end_column = at.end_column > 0 ? at.end_column : at.column;
    if (std::make_pair(at_end_line, at_end_column) < std::make_pair(start->line, start->column) ||
        std::make_pair(end->line, end->column) < std::make_pair(at.line, at.column)) {
      continue;
    }
    json diagnostic = to_diagnostic(finding, lines, encoding_);
    // The fixes `migcheck fix` would apply first; the first safe one is
    // what the rule recommends.
    bool preferred_taken = false;
    for (const Fix& fix : finding.fixes) {
      bool preferred = !fix.unsafe && !preferred_taken;
      std::optional<json> action =
          fix_action(fix, diagnostic, preferred, workspace(), encoding_, client_creates_files_);
      if (!action) continue;
      preferred_taken = preferred_taken || preferred;
      actions.push_back(std::move(*action));
    }
    std::optional<SuppressionEdit> edit = suppression_edit(finding, lines);
    if (!edit) continue;
    json position = {{"line", edit->line - 1}, {"character", 0}};
    json text_edit = {{"range", {{"start", position}, {"end", position}}}, {"newText", edit->text}};
    actions.push_back({{"title", "Suppress " + finding.rule + " with a migcheck:ignore comment"},
                       {"kind", "quickfix"},
                       {"diagnostics", {diagnostic}},
                       {"edit", {{"changes", {{uri, {text_edit}}}}}}});
  }
  return actions;
}

void LanguageServer::send(const json& message) {
  write_framed(out_, message);
}

void LanguageServer::log(const std::string& message) {
  send(notification("window/logMessage", {{"type", 1}, {"message", "migcheck: " + message}}));
}

}  // namespace migcheck::lsp
