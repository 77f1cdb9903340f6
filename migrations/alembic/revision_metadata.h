#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migrations/alembic/python_module.h"
#include "migrations/migration_set.h"

namespace migcheck {

// What Alembic reads from a revision module's globals and docstring.
struct RevisionMetadata {
  std::string id;
  std::vector<std::string> parents;  // down_revision
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  // Alembic's `Script.doc`: the module docstring, stripped, up to its first
  // blank line (so a one-paragraph message may span lines).
  std::string message;
  // Where the module assigns `revision`, `down_revision`, `depends_on` and
  // `branch_labels`.
  TextPosition id_at;
  TextPosition parents_at;
  TextPosition depends_on_at;
  TextPosition branch_labels_at;
};

// Reads the metadata the way Alembic 1.8 loads a versions/ file
// (alembic/script/base.py, Script._from_filename): a file named __init__.py
// or starting with ".#", or not ending in ".py", is not a revision (nullopt).
// Every other file is one: without a module-level `revision` its id comes from
// a hexadecimal file name ("3f2a.py", Alembic's legacy form), otherwise
// Alembic stops with an error, and so does this (InputError). A value that is
// not a literal, a missing down_revision or an id with '@', '-' or '+' is an
// InputError "file:line:col: ...".
// `path` names the file in errors (and its name decides the legacy id form).
std::optional<RevisionMetadata> read_revision_metadata(const PyModule& module,
                                                       const std::string& path);

// A Revision holding the metadata, read from `file` (no SQL yet).
Revision revision_from_metadata(RevisionMetadata metadata, std::string file);

}  // namespace migcheck
