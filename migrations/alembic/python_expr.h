#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "migrations/alembic/python_tokens.h"

namespace migcheck {

// Where a run of a string literal's value came from in the file. A run of
// plain characters maps byte for byte (exact); an escape sequence or a
// joined line maps its decoded bytes to the whole escape.
struct StringPiece {
  size_t value_begin;
  size_t value_end;
  size_t file_begin;
  size_t file_end;
  bool exact;
};

// A Python expression as far as migcheck needs to understand one: literal
// values, names and attribute chains, calls with their arguments,
// collections, f-strings, `+` / `%` between operands (what migrations build
// names and SQL with; python_eval evaluates them on known values), `or` and
// `and` (settings' fallbacks: `os.environ.get("X") or "default"`), and the
// comparisons, `&` and `|` of SQLAlchemy's where clauses. Anything else
// (other arithmetic, chained comparisons, subscripts, comprehensions) is
// `other`: present, located, not evaluated.
struct PyExpr {
  enum class Kind {
    string,
    fstring,
    bytes,
    number,
    none,
    boolean,
    name,
    attribute,
    call,
    tuple,
    list,
    dict,
    binary,
    other
  };
  Kind kind = Kind::other;
  size_t begin = 0;  // byte range of the whole expression in the file
  size_t end = 0;
  // string/bytes: the decoded value; number: its value in decimal (no `_`,
  // hex/octal/binary converted; see python_number_value); boolean: "True" or
  // "False"; name: the identifier; attribute: the attribute's name; binary:
  // the operator ("+", "%", "&", "|", "==", "!=", "<", ">", "<=", ">=", "or",
  // "and"); other: for a lambda, its tokens joined by single spaces
  // ("lambda x : [ e . value for e in x ]").
  std::string text;
  std::vector<StringPiece> pieces;  // string and fstring, in value order
  // attribute: {object}; call: {callee, positional arguments...}; binary:
  // {left, right};
  // tuple/list: the items; dict: key, value, key, value...; fstring: the
  // placeholders' expressions (a name, or `other` for anything else), each
  // located at its braces.
  std::vector<PyExpr> items;
  std::vector<size_t> slots;  // fstring: where each placeholder's value goes in `text`
  std::vector<std::pair<std::string, PyExpr>> keywords;  // call only
  bool has_star_args = false;                            // call with *args / **kwargs

  // The expression's shape as source-like text for names, attribute chains
  // and calls: "sa.String", "op.get_context().autocommit_block()"; empty for
  // anything else.
  std::string dotted() const;
  const PyExpr* keyword(std::string_view name) const;
  // True when the value is fully known without running code: strings, numbers,
  // None, booleans and collections of them.
  bool is_literal() const;
};

// A string value computed from other text (another file, the environment),
// mapped as a whole to `where`.
PyExpr located_string(const std::string& text, const PyExpr& where);

// An f-string whose placeholders are all strings or numbers, as the string
// it makes (each value mapped to its placeholder's braces); any other
// expression as it is.
PyExpr format_fstring(const PyExpr& expr);

// Reads expressions from a token range [pos, end) of one logical line.
class PyExprReader {
 public:
  PyExprReader(std::string_view source, const std::vector<PyToken>& tokens, size_t pos, size_t end)
      : src_(source), tokens_(tokens), pos_(pos), end_(end) {}

  PyExpr read();
  // An expression list as in `a, b` (a tuple when there is a comma).
  PyExpr read_list();
  size_t position() const { return pos_; }
  bool at_end() const { return pos_ >= end_; }
  bool at_op(std::string_view op) const;
  bool at_name(std::string_view name) const;
  void skip() { ++pos_; }

 private:
  const PyToken& peek() const;
  PyExpr read_atom();
  PyExpr read_postfix();
  PyExpr read_boolean(size_t level);
  PyExpr read_comparison();
  PyExpr read_binary(size_t level);
  PyExpr read_string_run();
  PyExpr read_lambda(PyExpr& expr);
  void read_arguments(PyExpr& call);
  void read_items(PyExpr& collection, std::string_view close);
  void skip_to_delimiter(PyExpr& expr);

  std::string_view src_;
  const std::vector<PyToken>& tokens_;
  size_t pos_;
  size_t end_;
};

}  // namespace migcheck
