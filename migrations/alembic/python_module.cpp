#include "migrations/alembic/python_module.h"

#include <algorithm>
#include <array>

#include "migrations/alembic/file_position.h"
#include "migrations/alembic/python_syntax.h"

namespace migcheck {
namespace {

constexpr std::array<std::string_view, 12> kCompoundKeywords = {
    "def",   "class", "if",  "elif",   "else",    "for",
    "while", "with",  "try", "except", "finally", "async"};

class StatementReader {
 public:
  StatementReader(std::string_view source, const std::vector<PyToken>& tokens,
                  const std::string& path)
      : src_(source), tokens_(tokens), path_(path) {}

  // Reads statements until a DEDENT (consumed) or the end.
  std::vector<PyStatement> read_block() {
    std::vector<PyStatement> statements;
    while (pos_ < tokens_.size()) {
      PyToken::Kind kind = tokens_[pos_].kind;
      if (kind == PyToken::Kind::end) break;
      if (kind == PyToken::Kind::dedent) {
        ++pos_;
        break;
      }
      // Every block's INDENT follows its header: read_line takes it.
      if (kind == PyToken::Kind::indent) fail(pos_, "unexpected indent");
      if (kind == PyToken::Kind::newline) {
        ++pos_;
        continue;
      }
      read_line(statements);
    }
    return statements;
  }

 private:
  [[noreturn]] void fail(size_t token, const std::string& what) const {
    // An INDENT starts at the line's start; Python points past the blanks.
    size_t at =
        tokens_[token].kind == PyToken::Kind::indent ? tokens_[token].end : tokens_[token].begin;
    throw_input_error(path_, src_, at, what);
  }

  bool is_op(size_t i, std::string_view op) const {
    return tokens_[i].kind == PyToken::Kind::op && tokens_[i].text(src_) == op;
  }

  size_t line_end(size_t from) const {
    size_t i = from;
    while (tokens_[i].kind != PyToken::Kind::newline && tokens_[i].kind != PyToken::Kind::end) ++i;
    return i;
  }

  // The colon ending a compound statement's header: the first one outside
  // brackets (and not a lambda's).
  size_t header_colon(size_t from, size_t end) const {
    int depth = 0;
    int lambdas = 0;
    for (size_t i = from; i < end; ++i) {
      // A lambda in brackets ends inside them.
      if (depth == 0 && tokens_[i].kind == PyToken::Kind::name &&
          tokens_[i].text(src_) == "lambda") {
        ++lambdas;
      }
      if (tokens_[i].kind != PyToken::Kind::op) continue;
      std::string_view op = tokens_[i].text(src_);
      if (op == "(" || op == "[" || op == "{") ++depth;
      if (op == ")" || op == "]" || op == "}") --depth;
      if (op == ":" && depth == 0) {
        if (lambdas > 0) {
          --lambdas;
        } else {
          return i;
        }
      }
    }
    return end;
  }

  // Splits [from, end) at top-level semicolons into simple statements.
  void add_simple(std::vector<PyStatement>& out, size_t from, size_t end) const {
    int depth = 0;
    size_t start = from;
    for (size_t i = from; i <= end; ++i) {
      if (i < end && tokens_[i].kind == PyToken::Kind::op) {
        std::string_view op = tokens_[i].text(src_);
        if (op == "(" || op == "[" || op == "{") ++depth;
        if (op == ")" || op == "]" || op == "}") --depth;
      }
      if (i == end || (depth == 0 && is_op(i, ";"))) {
        if (i > start) out.push_back({start, i, false, {}});
        start = i + 1;
      }
    }
  }

  void read_line(std::vector<PyStatement>& out) {
    size_t end = line_end(pos_);
    std::string_view first = tokens_[pos_].text(src_);
    bool compound = tokens_[pos_].kind == PyToken::Kind::name &&
                    std::find(kCompoundKeywords.begin(), kCompoundKeywords.end(), first) !=
                        kCompoundKeywords.end();
    // A line ending in a colon with an indented block after it is a compound
    // statement too (`match x:`, `case 1:`: soft keywords).
    bool opens_block = end > pos_ && is_op(end - 1, ":") &&
                       tokens_[end].kind == PyToken::Kind::newline && end + 1 < tokens_.size() &&
                       tokens_[end + 1].kind == PyToken::Kind::indent;
    // Python refuses a header without its colon, and a colon without a block.
    if (end > pos_ && is_op(end - 1, ":") && !opens_block) {
      fail(end + 1 < tokens_.size() ? end + 1 : end, "expected an indented block");
    }
    size_t colon = compound ? header_colon(pos_, end) : opens_block ? end - 1 : end;
    if (compound && colon == end) fail(end, "invalid syntax: expected ':'");
    if (colon == end) {
      add_simple(out, pos_, end);
      pos_ = end + (tokens_[end].kind == PyToken::Kind::newline ? 1 : 0);
      return;
    }
    PyStatement statement{pos_, colon, true, {}};
    if (colon + 1 < end) {
      add_simple(statement.body, colon + 1, end);  // `def f(): pass` on one line
      pos_ = end + 1;
    } else {
      pos_ = end + 2;  // past the NEWLINE and the INDENT checked above
      statement.body = read_block();
    }
    out.push_back(std::move(statement));
  }

  std::string_view src_;
  const std::vector<PyToken>& tokens_;
  const std::string& path_;
  size_t pos_ = 0;
};

}  // namespace

std::string_view PyStatement::keyword(std::string_view source,
                                      const std::vector<PyToken>& tokens) const {
  if (first >= last || tokens[first].kind != PyToken::Kind::name) return {};
  return tokens[first].text(source);
}

std::vector<const PyToken*> PyModule::comments_on(int first_line, int last_line) const {
  std::vector<const PyToken*> found;
  for (const PyToken& comment : comments) {
    if (comment.line >= first_line && comment.line <= last_line) found.push_back(&comment);
  }
  return found;
}

void bind_target(const PyExpr& target, const PyExpr& value, std::vector<PyAssignment>& out) {
  if (target.kind == PyExpr::Kind::name) {
    out.push_back({target.text, target.begin, value});
    return;
  }
  if (target.kind != PyExpr::Kind::tuple && target.kind != PyExpr::Kind::list) return;
  bool unpacks = (value.kind == PyExpr::Kind::tuple || value.kind == PyExpr::Kind::list) &&
                 value.items.size() == target.items.size();
  PyExpr unknown;
  unknown.begin = value.begin;
  unknown.end = value.end;
  for (size_t i = 0; i < target.items.size(); ++i) {
    bind_target(target.items[i], unpacks ? value.items[i] : unknown, out);
  }
}

std::vector<PyAssignment> read_assignment(const PyModule& module, const PyStatement& statement) {
  if (statement.compound) return {};
  // `t1 = t2 = ... = value`: the parts between '=' signs outside brackets.
  std::vector<std::pair<size_t, size_t>> parts;
  int depth = 0;
  size_t start = statement.first;
  for (size_t i = statement.first; i < statement.last; ++i) {
    const PyToken& token = module.tokens[i];
    if (token.kind != PyToken::Kind::op) continue;
    std::string_view op = token.text(module.source);
    if (op == "(" || op == "[" || op == "{") ++depth;
    if (op == ")" || op == "]" || op == "}") --depth;
    if (op == "=" && depth == 0) {
      parts.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (parts.empty() || start >= statement.last) return {};  // no assignment, or no value
  PyExprReader value_reader(module.source, module.tokens, start, statement.last);
  PyExpr value = value_reader.read_list();
  if (!value_reader.at_end()) value.kind = PyExpr::Kind::other;

  std::vector<PyAssignment> out;
  for (const auto& [first, last] : parts) {
    PyExprReader reader(module.source, module.tokens, first, last);
    PyExpr target = reader.read_list();
    // `name: Annotation = value`, the one annotated form with a value.
    if (parts.size() == 1 && target.kind == PyExpr::Kind::name && reader.at_op(":")) {
      reader.skip();
      reader.read();
    }
    if (reader.at_end()) bind_target(target, value, out);
  }
  return out;
}

PyModule read_python_module(std::string_view source, const std::string& path) {
  PyModule module;
  module.source = source;
  // Comments move to their own list; the other tokens close up in place.
  module.tokens = tokenize_python(source, path);
  size_t kept = 0;
  for (const PyToken& token : module.tokens) {
    if (token.kind == PyToken::Kind::comment) {
      module.comments.push_back(token);
    } else {
      module.tokens[kept++] = token;
    }
  }
  module.tokens.resize(kept);
  check_assignments_in_expressions(source, module.tokens, path);
  StatementReader reader(source, module.tokens, path);
  module.statements = reader.read_block();
  return module;
}

}  // namespace migcheck
