#include "ci/lsp/fix_action.h"

#include <filesystem>
#include <map>

#include "ci/lsp/diagnostics.h"
#include "ci/lsp/file_uri.h"
#include "linter/line_index.h"

namespace migcheck::lsp {

using nlohmann::json;

std::optional<json> fix_action(const Fix& fix, const json& diagnostic, bool preferred,
                               const WorkspaceLint& workspace, PositionEncoding encoding,
                               bool create_files) {
  if (!fix.new_files.empty() && !create_files) return std::nullopt;
  for (const NewFile& file : fix.new_files) {
    // A file the fix would create exists (a Flyway script configuration):
    // its settings are the user's, as `migcheck fix` leaves them.
    if (std::filesystem::exists(workspace.absolute(file.path))) return std::nullopt;
  }
  // The edits by file URI, in the fix's order: LSP applies insertions at one
  // point in array order, as apply_fixes does.
  std::map<std::string, json> edits_by_uri;
  for (const TextEdit& edit : fix.edits) {
    std::string path = workspace.absolute(edit.file);
    std::optional<std::string> text = workspace.text(path);
    if (!text || edit.begin > edit.end || edit.end > text->size()) return std::nullopt;
    LineIndex lines(*text);
    json& edits = edits_by_uri[file_uri_from_path(path)];
    if (edits.is_null()) edits = json::array();
    edits.push_back({{"range",
                      {{"start", lsp_offset_position(lines, edit.begin, encoding)},
                       {"end", lsp_offset_position(lines, edit.end, encoding)}}},
                     {"newText", edit.replacement}});
  }
  json workspace_edit;
  if (fix.new_files.empty()) {
    workspace_edit = {{"changes", edits_by_uri}};
  } else {
    // Creating a file takes documentChanges: a create, then its text.
    json changes = json::array();
    for (const auto& [uri, edits] : edits_by_uri) {
      changes.push_back({{"textDocument", {{"uri", uri}, {"version", nullptr}}}, {"edits", edits}});
    }
    for (const NewFile& file : fix.new_files) {
      std::string uri = file_uri_from_path(workspace.absolute(file.path));
      json start = {{"line", 0}, {"character", 0}};
      changes.push_back({{"kind", "create"}, {"uri", uri}});
      changes.push_back(
          {{"textDocument", {{"uri", uri}, {"version", nullptr}}},
           {"edits",
            {{{"range", {{"start", start}, {"end", start}}}, {"newText", file.content}}}}});
    }
    workspace_edit = {{"documentChanges", changes}};
  }
  std::string title =
      fix.unsafe ? fix.title + " (unsafe: changes what the migration does; review it)" : fix.title;
  return json{{"title", title},
              {"kind", "quickfix"},
              {"isPreferred", preferred},
              {"diagnostics", {diagnostic}},
              {"edit", workspace_edit}};
}

}  // namespace migcheck::lsp
