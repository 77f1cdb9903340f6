#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace migcheck {

// Replaces bytes [begin, end) of `file` (a path as Location::file reports it)
// with `replacement`; begin == end inserts.
struct TextEdit {
  std::string file;
  size_t begin = 0;
  size_t end = 0;
  std::string replacement;

  friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

// A file a fix creates (a follow-up migration, a Flyway script configuration).
struct NewFile {
  std::string path;
  std::string content;

  friend bool operator==(const NewFile&, const NewFile&) = default;
};

// One way to make a finding go away, as edits of the files the user edits.
// The `migcheck fix` command applies it; `migcheck lsp` offers it as a code
// action. Offsets are bytes of the file's text as migcheck read it.
struct Fix {
  std::string rule;   // the finding's rule id
  std::string title;  // imperative, one line: "Create the index CONCURRENTLY"
  // True when the fix changes what the migration does in a way a reviewer
  // must accept (another column type, a new migration file); applied only
  // with --unsafe.
  bool unsafe = false;
  // Set by a rule whose fixed statement cannot run inside a transaction
  // block; fix/ adds what the project's layout needs for that (a goose
  // annotation, an Alembic autocommit block) and drops the fix when the
  // layout cannot. Complete fixes (after fix/complete_fixes) have it false.
  bool outside_transaction = false;
  std::vector<TextEdit> edits;
  std::vector<NewFile> new_files;
};

}  // namespace migcheck
