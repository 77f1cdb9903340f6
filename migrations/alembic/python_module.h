#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_expr.h"
#include "migrations/alembic/python_tokens.h"

namespace migcheck {

// A statement of a Python module: a simple statement (its tokens), or a
// compound statement's header (`def upgrade() -> None`, `with ... as x`, up
// to the colon) with the statements of its block.
struct PyStatement {
  size_t first = 0;  // token indexes, [first, last) without the NEWLINE
  size_t last = 0;
  bool compound = false;
  std::vector<PyStatement> body;

  std::string_view keyword(std::string_view source, const std::vector<PyToken>& tokens) const;
};

// A tokenized module and its statements, in source order.
struct PyModule {
  std::string_view source;
  std::vector<PyToken> tokens;  // without comments
  std::vector<PyToken> comments;
  std::vector<PyStatement> statements;

  PyExprReader reader(const PyStatement& statement) const {
    return PyExprReader(source, tokens, statement.first, statement.last);
  }
  // The `# ...` comments on the lines from `first_line` to `last_line`.
  std::vector<const PyToken*> comments_on(int first_line, int last_line) const;
};

// The names an assignment binds, in target order: `name = value`,
// `name: Annotation = value`, `a = b = value`, and unpacking into tuple or
// list targets (`a, (b, c) = 1, (2, 3)`). Augmented assignments, attribute and
// subscript targets bind none.
struct PyAssignment {
  std::string name;
  size_t name_offset;
  PyExpr value;
};
std::vector<PyAssignment> read_assignment(const PyModule& module, const PyStatement& statement);
// Binds the names of an assignment (or `for`) target to `value` as Python
// would, appending them to `out`: a name takes it whole; a tuple or list of
// targets unpacks a tuple or list of as many items, and otherwise each of its
// names takes an `other` (unknown) value. Attribute and subscript targets bind
// no name.
void bind_target(const PyExpr& target, const PyExpr& value, std::vector<PyAssignment>& out);

// Tokenizes `source` and groups the tokens into statements. Throws
// InputError for unterminated strings and broken indentation.
PyModule read_python_module(std::string_view source, const std::string& path);

}  // namespace migcheck
