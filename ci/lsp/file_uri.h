#pragma once
#include <optional>
#include <string>

namespace migcheck::lsp {

// "file:///a%20b/c.sql" -> "/a b/c.sql"; nullopt for another scheme or a
// malformed escape (editors also send untitled: and git: documents).
std::optional<std::string> path_from_file_uri(const std::string& uri);

// The file URI of an absolute path, escaped as VS Code escapes it.
std::string file_uri_from_path(const std::string& path);

}  // namespace migcheck::lsp
