#include "migrations/alembic/python_condition.h"

#include <string>

#include "migrations/alembic/python_eval.h"

namespace migcheck {
namespace {

using Kind = PyExpr::Kind;

class ConditionReader {
 public:
  ConditionReader(std::string_view source, const std::vector<PyToken>& tokens,
                  const std::function<PyExpr(const PyExpr&)>& resolve)
      : source_(source), tokens_(tokens), resolve_(resolve) {}

  // Python's precedence: `or` binds loosest, then `and`, then `not`, then
  // comparisons.
  std::optional<bool> decide(size_t first, size_t last) const {
    if (first >= last) return std::nullopt;
    if (std::vector<size_t> ors = top_level(first, last, "or"); !ors.empty()) {
      return combine(first, last, ors, true);
    }
    if (std::vector<size_t> ands = top_level(first, last, "and"); !ands.empty()) {
      return combine(first, last, ands, false);
    }
    if (is_name(first, "not")) {
      std::optional<bool> inner = decide(first + 1, last);
      if (!inner) return std::nullopt;
      return !*inner;
    }
    if (text(first) == "(" && closing(first) == last - 1) return decide(first + 1, last - 1);
    return comparison(first, last);
  }

 private:
  std::string_view text(size_t i) const { return tokens_[i].text(source_); }
  bool is_name(size_t i, std::string_view name) const {
    return tokens_[i].kind == PyToken::Kind::name && text(i) == name;
  }

  // The index of the bracket closing the one at `open`.
  size_t closing(size_t open) const {
    int depth = 0;
    for (size_t i = open; i < tokens_.size(); ++i) {
      std::string_view t = text(i);
      if (t == "(" || t == "[" || t == "{") ++depth;
      if (t == ")" || t == "]" || t == "}") {
        if (--depth == 0) return i;
      }
    }
    return tokens_.size();
  }

  // Where the keyword `word` stands outside brackets in [first, last).
  std::vector<size_t> top_level(size_t first, size_t last, std::string_view word) const {
    std::vector<size_t> at;
    int depth = 0;
    for (size_t i = first; i < last; ++i) {
      std::string_view t = text(i);
      if (t == "(" || t == "[" || t == "{") ++depth;
      if (t == ")" || t == "]" || t == "}") --depth;
      if (depth == 0 && is_name(i, word)) at.push_back(i);
      // `x if c else y` and lambdas: not modelled.
      if (depth == 0 && (is_name(i, "if") || is_name(i, "lambda"))) return {};
    }
    return at;
  }

  // `a or b or c` is true when one part is, false when all are false; `and`
  // the other way round. A part only Python knows leaves the rest deciding.
  std::optional<bool> combine(size_t first, size_t last, const std::vector<size_t>& at,
                              bool is_or) const {
    bool unknown = false;
    size_t begin = first;
    for (size_t k = 0; k <= at.size(); ++k) {
      size_t end = k < at.size() ? at[k] : last;
      std::optional<bool> part = decide(begin, end);
      if (part && *part == is_or) return is_or;
      if (!part) unknown = true;
      begin = end + 1;
    }
    if (unknown) return std::nullopt;
    return !is_or;
  }

  std::optional<PyExpr> operand(size_t first, size_t last) const {
    if (first >= last) return std::nullopt;
    PyExprReader reader(source_, tokens_, first, last);
    PyExpr expr = reader.read();
    if (!reader.at_end()) return std::nullopt;
    expr = resolve_(expr);
    if (!expr.is_literal()) return std::nullopt;
    return expr;
  }

  std::optional<bool> comparison(size_t first, size_t last) const {
    // The one comparison operator outside brackets; two make a chain.
    size_t at = last;
    size_t width = 0;
    std::string op;
    int depth = 0;
    for (size_t i = first; i < last; ++i) {
      std::string_view t = text(i);
      if (t == "(" || t == "[" || t == "{") ++depth;
      if (t == ")" || t == "]" || t == "}") --depth;
      if (depth != 0) continue;
      std::string found;
      size_t found_width = 1;
      if (tokens_[i].kind == PyToken::Kind::op &&
          (t == "==" || t == "!=" || t == "<" || t == ">" || t == "<=" || t == ">=")) {
        found = t;
      } else if (is_name(i, "in")) {
        found = "in";
      } else if (is_name(i, "not") && i + 1 < last && is_name(i + 1, "in")) {
        found = "not in";
        found_width = 2;
      } else if (is_name(i, "is")) {
        bool negated = i + 1 < last && is_name(i + 1, "not");
        found = negated ? "is not" : "is";
        found_width = negated ? 2 : 1;
      } else {
        continue;
      }
      if (!op.empty()) return std::nullopt;
      op = found;
      at = i;
      width = found_width;
      i += found_width - 1;
    }
    if (op.empty()) {
      std::optional<PyExpr> value = operand(first, last);
      if (!value) return std::nullopt;
      return truth(*value);
    }
    std::optional<PyExpr> left = operand(first, at);
    std::optional<PyExpr> right = operand(at + width, last);
    if (!left || !right) return std::nullopt;
    if (op == "==" || op == "!=") {
      std::optional<bool> same = equal(*left, *right);
      if (!same) return std::nullopt;
      return op == "==" ? *same : !*same;
    }
    if (op == "in" || op == "not in") {
      std::optional<bool> found = contains(*right, *left);
      if (!found) return std::nullopt;
      return op == "in" ? *found : !*found;
    }
    if ((op == "is" || op == "is not") && right->kind == Kind::none) {
      return (left->kind == Kind::none) == (op == "is");
    }
    return std::nullopt;  // ordering and identity of other values: not modelled
  }

  // Python's == between literals, where this can tell it exactly.
  static std::optional<bool> equal(const PyExpr& a, const PyExpr& b) {
    if (a.kind == Kind::string || b.kind == Kind::string || a.kind == Kind::none ||
        b.kind == Kind::none) {
      return a.kind == b.kind && a.text == b.text;
    }
    if (a.kind != b.kind) return std::nullopt;  // True == 1, (1,) == [1]...: not modelled
    if (a.kind == Kind::boolean) return a.text == b.text;
    if (a.kind == Kind::number) {
      bool integers = a.text.find_first_of(".eEjJ") == std::string::npos &&
                      b.text.find_first_of(".eEjJ") == std::string::npos;
      if (!integers) return std::nullopt;
      return a.text == b.text;
    }
    if (a.kind == Kind::tuple || a.kind == Kind::list) {
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        std::optional<bool> same = equal(a.items[i], b.items[i]);
        if (!same || !*same) return same;
      }
      return true;
    }
    return std::nullopt;
  }

  // `needle in haystack` for a literal tuple, list, dict (its keys) or string.
  static std::optional<bool> contains(const PyExpr& haystack, const PyExpr& needle) {
    if (haystack.kind == Kind::string) {
      if (needle.kind != Kind::string) return std::nullopt;  // TypeError in Python
      return haystack.text.find(needle.text) != std::string::npos;
    }
    if (haystack.kind != Kind::tuple && haystack.kind != Kind::list &&
        haystack.kind != Kind::dict) {
      return std::nullopt;
    }
    size_t step = haystack.kind == Kind::dict ? 2 : 1;
    bool unknown = false;
    for (size_t i = 0; i < haystack.items.size(); i += step) {
      std::optional<bool> same = equal(haystack.items[i], needle);
      if (same && *same) return true;
      if (!same) unknown = true;
    }
    if (unknown) return std::nullopt;
    return false;
  }

  std::string_view source_;
  const std::vector<PyToken>& tokens_;
  const std::function<PyExpr(const PyExpr&)>& resolve_;
};

}  // namespace

std::optional<bool> decide_condition(std::string_view source, const std::vector<PyToken>& tokens,
                                     size_t first, size_t last,
                                     const std::function<PyExpr(const PyExpr&)>& resolve) {
  return ConditionReader(source, tokens, resolve).decide(first, last);
}

}  // namespace migcheck
