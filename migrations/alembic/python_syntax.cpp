#include "migrations/alembic/python_syntax.h"

#include <algorithm>
#include <array>

#include "migrations/alembic/file_position.h"

namespace migcheck {
namespace {

// Python's keywords, less None, True and False: atoms, which a call may follow.
constexpr std::array<std::string_view, 32> kKeywords = {
    "and",    "as",   "assert", "async",  "await",  "break",   "class",    "continue",
    "def",    "del",  "elif",   "else",   "except", "finally", "for",      "from",
    "global", "if",   "import", "in",     "is",     "lambda",  "nonlocal", "not",
    "or",     "pass", "raise",  "return", "try",    "while",   "with",     "yield"};

bool is_keyword(std::string_view word) {
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}

// An open bracket and what an '=' directly inside it may be.
struct Level {
  enum class Kind { call, group, other } kind;  // other: parameters, subscripts, displays
  size_t open;                                  // the bracket's token index
  int lambdas = 0;  // lambdas whose parameter list (where '=' gives defaults) is open
};

class Checker {
 public:
  Checker(std::string_view source, const std::vector<PyToken>& tokens, const std::string& path)
      : src_(source), tokens_(tokens), path_(path) {}

  void run() {
    start_line(0);
    for (size_t i = 0; i < tokens_.size(); ++i) {
      const PyToken& token = tokens_[i];
      if (token.kind == PyToken::Kind::newline || token.kind == PyToken::Kind::indent ||
          token.kind == PyToken::Kind::dedent) {
        start_line(i + 1);
      } else if (token.kind == PyToken::Kind::name && text(i) == "lambda") {
        ++current().lambdas;
      } else if (token.kind == PyToken::Kind::op) {
        operator_at(i);
      }
    }
  }

 private:
  std::string_view text(size_t i) const { return tokens_[i].text(src_); }
  bool is_name(size_t i) const { return tokens_[i].kind == PyToken::Kind::name; }
  Level& current() { return levels_.empty() ? top_ : levels_.back(); }

  void start_line(size_t first) {
    levels_.clear();
    top_ = {Level::Kind::other, first, 0};
    size_t keyword = first < tokens_.size() && text(first) == "async" ? first + 1 : first;
    std::string_view word = keyword < tokens_.size() && is_name(keyword) ? text(keyword) : "";
    in_condition_ = word == "if" || word == "elif" || word == "while";
    in_def_ = word == "def";
  }

  void operator_at(size_t i) {
    std::string_view op = text(i);
    if (op == "(" || op == "[" || op == "{") {
      levels_.push_back({kind_of_bracket(i), i, 0});
    } else if (op == ")" || op == "]" || op == "}") {
      if (!levels_.empty()) levels_.pop_back();  // the tokenizer has matched them
    } else if (op == ":") {
      Level& level = current();
      if (level.lambdas > 0) {
        --level.lambdas;
      } else if (levels_.empty()) {
        in_condition_ = false;  // the header's colon: a body may follow on the line
      }
    } else if (op == "=" && current().lambdas == 0) {
      check_equals(i);
    }
  }

  Level::Kind kind_of_bracket(size_t i) {
    if (text(i) != "(") return Level::Kind::other;
    if (levels_.empty() && in_def_) {
      in_def_ = false;  // the parameter list, where annotations precede defaults
      return Level::Kind::other;
    }
    if (i == 0) return Level::Kind::group;
    // Anything Python's grammar lets a call follow: `None(a=1)` parses too.
    const PyToken& before = tokens_[i - 1];
    std::string_view word = text(i - 1);
    bool callee = before.kind == PyToken::Kind::string || before.kind == PyToken::Kind::number ||
                  (before.kind == PyToken::Kind::name && !is_keyword(word)) ||
                  (before.kind == PyToken::Kind::op &&
                   (word == ")" || word == "]" || word == "}" || word == "..."));
    return callee ? Level::Kind::call : Level::Kind::group;
  }

  void check_equals(size_t i) {
    if (levels_.empty()) {
      if (in_condition_) {
        fail(i, "invalid syntax: '=' in a condition (maybe '==' or ':=' was meant)");
      }
      return;
    }
    const Level& level = levels_.back();
    if (level.kind == Level::Kind::other) return;
    // A keyword argument is a name right after the call's '(' or a ','.
    bool keyword_argument = level.kind == Level::Kind::call && is_name(i - 1) &&
                            (i - 2 == level.open || text(i - 2) == ",");
    if (!keyword_argument) {
      fail(i, "invalid syntax: '=' in an expression (maybe '==' was meant)");
    }
  }

  // Python points at the name assigned to when there is one.
  [[noreturn]] void fail(size_t equals, const std::string& what) const {
    size_t at = is_name(equals - 1) ? equals - 1 : equals;
    throw_input_error(path_, src_, tokens_[at].begin, what);
  }

  std::string_view src_;
  const std::vector<PyToken>& tokens_;
  const std::string& path_;
  std::vector<Level> levels_;
  Level top_{Level::Kind::other, 0, 0};  // outside brackets
  bool in_condition_ = false;            // before the colon of `if`, `elif`, `while`
  bool in_def_ = false;                  // a `def` line before its parameter list
};

}  // namespace

void check_assignments_in_expressions(std::string_view source, const std::vector<PyToken>& tokens,
                                      const std::string& path) {
  Checker checker(source, tokens, path);
  checker.run();
}

}  // namespace migcheck
