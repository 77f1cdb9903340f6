#include "migrations/alembic/revision_metadata.h"

#include <algorithm>
#include <map>
#include <regex>

#include "migrations/alembic/file_position.h"
#include "migrations/alembic/python_string.h"

namespace migcheck {
namespace {

// The last module-level binding of each name. A name bound inside a
// module-level if/try/with block gets an `other` value: which branch runs is
// only known to Python.
std::map<std::string, PyAssignment> module_bindings(const PyModule& module) {
  std::map<std::string, PyAssignment> bindings;
  for (const PyStatement& statement : module.statements) {
    if (!statement.compound) {
      for (PyAssignment& a : read_assignment(module, statement)) bindings[a.name] = std::move(a);
      continue;
    }
    std::string_view keyword = statement.keyword(module.source, module.tokens);
    if (keyword == "def" || keyword == "class") continue;
    for (const PyStatement& inner : statement.body) {
      for (PyAssignment& a : read_assignment(module, inner)) {
        a.value.kind = PyExpr::Kind::other;
        bindings[a.name] = std::move(a);
      }
    }
  }
  return bindings;
}

// Where an assignment's name is written: the line and column of its token.
TextPosition position_of(const PyModule& module, const PyAssignment& assignment) {
  auto token = std::lower_bound(module.tokens.begin(), module.tokens.end(), assignment.name_offset,
                                [](const PyToken& t, size_t offset) { return t.begin < offset; });
  if (token == module.tokens.end() || token->begin != assignment.name_offset) return {};
  return {token->line, token->column};
}

// Alembic's util.to_tuple over a literal: None → (), "x" → ("x"), a tuple or
// list of strings → its items.
std::vector<std::string> string_list(const PyModule& module, const std::string& path,
                                     const PyAssignment& a) {
  const PyExpr& v = a.value;
  if (v.kind == PyExpr::Kind::none) return {};
  if (v.kind == PyExpr::Kind::string)
    return v.text.empty() ? std::vector<std::string>{} : std::vector<std::string>{v.text};
  if (v.kind == PyExpr::Kind::tuple || v.kind == PyExpr::Kind::list) {
    std::vector<std::string> out;
    for (const PyExpr& item : v.items) {
      if (item.kind != PyExpr::Kind::string) {
        throw_input_error(
            path, module.source, item.begin,
            a.name + " must hold revision strings; this item is not a string literal");
      }
      out.push_back(item.text);
    }
    return out;
  }
  throw_input_error(path, module.source, v.begin,
                    a.name +
                        " is not a literal (a string, a tuple or list of strings, or None); "
                        "migcheck reads revision metadata without running Python");
}

// The module docstring: a first statement made only of (non-bytes,
// non-f) string literals.
std::optional<std::string> docstring(const PyModule& module) {
  if (module.statements.empty() || module.statements[0].compound) return std::nullopt;
  const PyStatement& first = module.statements[0];
  std::string doc;
  for (size_t i = first.first; i < first.last; ++i) {
    const PyToken& token = module.tokens[i];
    if (token.kind != PyToken::Kind::string) return std::nullopt;
    std::string_view text = token.text(module.source);
    if (text.find_first_of("fFbB") < text.find_first_of("'\"")) return std::nullopt;
    doc += decode_python_string(module.source, token).value;
  }
  return doc;
}

// Script.doc: re.split("\n\n", docstring.strip())[0], on universal newlines.
std::string alembic_doc(std::string doc) {
  std::string normalized;
  for (size_t i = 0; i < doc.size(); ++i) {
    if (doc[i] == '\r') {
      normalized += '\n';
      if (i + 1 < doc.size() && doc[i + 1] == '\n') ++i;
    } else {
      normalized += doc[i];
    }
  }
  const char* space = " \t\n\r\f\v";
  size_t begin = normalized.find_first_not_of(space);
  if (begin == std::string::npos) return "";
  size_t end = normalized.find_last_not_of(space) + 1;
  std::string stripped = normalized.substr(begin, end - begin);
  return stripped.substr(0, stripped.find("\n\n"));
}

}  // namespace

std::optional<RevisionMetadata> read_revision_metadata(const PyModule& module,
                                                       const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  if (name.size() < 3 || name.substr(name.size() - 3) != ".py" || name.rfind(".#", 0) == 0 ||
      name.rfind("__init__", 0) == 0) {
    return std::nullopt;
  }
  auto bindings = module_bindings(module);
  RevisionMetadata meta;
  auto revision = bindings.find("revision");
  if (revision == bindings.end()) {
    static const std::regex legacy("([a-f0-9]+)\\.py");
    std::smatch match;
    if (!std::regex_match(name, match, legacy)) {
      throw_input_error(path, module.source, 0,
                        "no module-level `revision = \"...\"`: Alembic stops on this file (\"Could "
                        "not determine revision id from filename\"); give it a revision id or move "
                        "it out of the versions folder");
    }
    meta.id = match[1];
  } else {
    meta.id_at = position_of(module, revision->second);
    const PyExpr& value = revision->second.value;
    if (value.kind != PyExpr::Kind::string) {
      throw_input_error(path, module.source, value.begin,
                        "revision is not a string literal; migcheck reads revision metadata "
                        "without running Python");
    }
    meta.id = value.text;
    size_t bad = meta.id.find_first_of("@-+");
    if (bad != std::string::npos) {
      throw_input_error(path, module.source, value.begin,
                        std::string("character '") + meta.id[bad] +
                            "' is not allowed in revision identifier '" + meta.id + "'");
    }
  }
  auto down = bindings.find("down_revision");
  if (down == bindings.end()) {
    throw_input_error(path, module.source, 0,
                      "revision '" + meta.id + "' has no module-level down_revision");
  }
  meta.parents = string_list(module, path, down->second);
  meta.parents_at = position_of(module, down->second);
  if (auto it = bindings.find("branch_labels"); it != bindings.end()) {
    meta.branch_labels = string_list(module, path, it->second);
    meta.branch_labels_at = position_of(module, it->second);
  }
  if (auto it = bindings.find("depends_on"); it != bindings.end()) {
    meta.depends_on = string_list(module, path, it->second);
    meta.depends_on_at = position_of(module, it->second);
  }
  if (auto doc = docstring(module)) meta.message = alembic_doc(*doc);
  return meta;
}

Revision revision_from_metadata(RevisionMetadata metadata, std::string file) {
  Revision revision;
  revision.id = std::move(metadata.id);
  revision.parents = std::move(metadata.parents);
  revision.branch_labels = std::move(metadata.branch_labels);
  revision.depends_on = std::move(metadata.depends_on);
  revision.message = std::move(metadata.message);
  revision.id_at = metadata.id_at;
  revision.parents_at = metadata.parents_at;
  revision.depends_on_at = metadata.depends_on_at;
  revision.branch_labels_at = metadata.branch_labels_at;
  revision.file = std::move(file);
  return revision;
}

}  // namespace migcheck
