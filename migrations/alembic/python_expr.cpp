#include "migrations/alembic/python_expr.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <iterator>

#include "migrations/alembic/python_string.h"

namespace migcheck {

std::string PyExpr::dotted() const {
  switch (kind) {
    case Kind::name:
      return text;
    case Kind::attribute: {
      std::string object = items.empty() ? "" : items[0].dotted();
      return object.empty() ? "" : object + "." + text;
    }
    case Kind::call: {
      std::string callee = items.empty() ? "" : items[0].dotted();
      return callee.empty() ? "" : callee + "()";
    }
    default:
      return "";
  }
}

const PyExpr* PyExpr::keyword(std::string_view name) const {
  for (const auto& [key, value] : keywords) {
    if (key == name) return &value;
  }
  return nullptr;
}

PyExpr located_string(const std::string& text, const PyExpr& where) {
  PyExpr value;
  value.kind = PyExpr::Kind::string;
  value.text = text;
  value.begin = where.begin;
  value.end = where.end;
  value.pieces.push_back({0, text.size(), where.begin, where.end, false});
  return value;
}

bool PyExpr::is_literal() const {
  switch (kind) {
    case Kind::string:
    case Kind::bytes:
    case Kind::number:
    case Kind::none:
    case Kind::boolean:
      return true;
    case Kind::tuple:
    case Kind::list:
    case Kind::dict:
      for (const PyExpr& item : items) {
        if (!item.is_literal()) return false;
      }
      return true;
    default:
      return false;
  }
}

const PyToken& PyExprReader::peek() const {
  return pos_ < end_ ? tokens_[pos_] : tokens_[end_ < tokens_.size() ? end_ : tokens_.size() - 1];
}

bool PyExprReader::at_op(std::string_view op) const {
  return !at_end() && peek().kind == PyToken::Kind::op && peek().text(src_) == op;
}

bool PyExprReader::at_name(std::string_view name) const {
  return !at_end() && peek().kind == PyToken::Kind::name && peek().text(src_) == name;
}

PyExpr PyExprReader::read_list() {
  PyExpr first = read();
  if (!at_op(",")) return first;
  PyExpr tuple;
  tuple.kind = PyExpr::Kind::tuple;
  tuple.begin = first.begin;
  tuple.items.push_back(std::move(first));
  while (at_op(",")) {
    skip();
    if (at_end() || at_op("=") || at_op(":") || at_op(")")) break;
    tuple.items.push_back(read());
  }
  tuple.end = tuple.items.back().end;
  return tuple;
}

namespace {

PyExpr binary(std::string_view op, PyExpr left, PyExpr right) {
  PyExpr expr;
  expr.kind = PyExpr::Kind::binary;
  expr.text = op;
  expr.begin = left.begin;
  expr.end = right.end;
  expr.items.push_back(std::move(left));
  expr.items.push_back(std::move(right));
  return expr;
}

}  // namespace

PyExpr PyExprReader::read() {
  PyExpr expr = read_boolean(0);
  // Whatever follows up to the next delimiter (another operator, a subscript,
  // an `if` … `else`) makes the value something only running the code can know.
  if (!at_end() && !at_op(",") && !at_op(")") && !at_op("]") && !at_op("}") && !at_op(":") &&
      !at_op("=") && !at_name("as") && !at_name("for") && !at_op(";")) {
    skip_to_delimiter(expr);
  }
  return expr;
}

// Python's precedence, loosest first: `or`, `and`, one comparison, `|`, `&`,
// `+`, `%`; all but the comparison group from the left.
PyExpr PyExprReader::read_boolean(size_t level) {
  static constexpr std::string_view kLevels[] = {"or", "and"};
  if (level == std::size(kLevels)) return read_comparison();
  PyExpr expr = read_boolean(level + 1);
  while (at_name(kLevels[level])) {
    skip();
    expr = binary(kLevels[level], std::move(expr), read_boolean(level + 1));
  }
  return expr;
}

PyExpr PyExprReader::read_comparison() {
  PyExpr expr = read_binary(0);
  for (std::string_view op : {"==", "!=", "<", ">", "<=", ">="}) {
    if (at_op(op)) {
      skip();
      return binary(op, std::move(expr), read_binary(0));
    }
  }
  return expr;
}

PyExpr PyExprReader::read_binary(size_t level) {
  static constexpr std::string_view kLevels[] = {"|", "&", "+", "%"};
  if (level == std::size(kLevels)) return read_postfix();
  PyExpr expr = read_binary(level + 1);
  while (at_op(kLevels[level])) {
    skip();
    expr = binary(kLevels[level], std::move(expr), read_binary(level + 1));
  }
  return expr;
}

// An atom with its attribute accesses and calls.
PyExpr PyExprReader::read_postfix() {
  PyExpr expr = read_atom();
  while (!at_end()) {
    if (at_op(".") && pos_ + 1 < end_ && tokens_[pos_ + 1].kind == PyToken::Kind::name) {
      PyExpr attribute;
      attribute.kind = PyExpr::Kind::attribute;
      attribute.begin = expr.begin;
      attribute.text = tokens_[pos_ + 1].text(src_);
      attribute.end = tokens_[pos_ + 1].end;
      attribute.items.push_back(std::move(expr));
      expr = std::move(attribute);
      pos_ += 2;
    } else if (at_op("(")) {
      PyExpr call;
      call.kind = PyExpr::Kind::call;
      call.begin = expr.begin;
      call.items.push_back(std::move(expr));
      skip();
      read_arguments(call);
      expr = std::move(call);
    } else {
      break;
    }
  }
  return expr;
}

// `lambda params: body`, after its keyword: `other`, its text the lambda's
// tokens joined by single spaces.
PyExpr PyExprReader::read_lambda(PyExpr& expr) {
  size_t first = pos_ - 1;
  for (int depth = 0; !at_end(); skip()) {  // the parameters, up to the colon
    if (at_op("(") || at_op("[") || at_op("{")) ++depth;
    if (at_op(")") || at_op("]") || at_op("}")) {
      if (depth == 0) break;
      --depth;
    }
    if (depth == 0 && at_op(":")) break;
  }
  if (at_op(":")) {
    skip();
    skip_to_delimiter(expr);  // the body
  }
  expr.kind = PyExpr::Kind::other;
  expr.text.clear();
  for (size_t i = first; i < pos_; ++i) {
    expr.text += (expr.text.empty() ? "" : " ") + std::string(tokens_[i].text(src_));
  }
  return expr;
}

void PyExprReader::skip_to_delimiter(PyExpr& expr) {
  expr.kind = PyExpr::Kind::other;
  expr.items.clear();
  expr.keywords.clear();
  expr.pieces.clear();
  int depth = 0;
  while (!at_end()) {
    if (peek().kind == PyToken::Kind::op) {
      std::string_view op = peek().text(src_);
      if (op == "(" || op == "[" || op == "{") {
        ++depth;
      } else if (op == ")" || op == "]" || op == "}") {
        if (depth == 0) break;
        --depth;
      } else if (depth == 0 && (op == "," || op == "=" || op == ":" || op == ";")) {
        break;
      }
    } else if (depth == 0 && (at_name("as") || at_name("for"))) {
      break;
    }
    expr.end = peek().end;
    skip();
  }
}

namespace {

// A placeholder's expression: a plain name (with an optional `!s`, which
// changes nothing for a string or a number) is read; anything else, a format
// spec included, is `other`. Either is located at the braces.
PyExpr placeholder_expression(const FormatPlaceholder& placeholder) {
  PyExpr expr;
  expr.begin = placeholder.file_begin;
  expr.end = placeholder.file_end;
  std::string_view text = placeholder.expression;
  if (text.ends_with("!s")) text.remove_suffix(2);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  bool name = !text.empty() && !std::isdigit(static_cast<unsigned char>(text.front()));
  for (char c : text) name &= std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  if (name) {
    expr.kind = PyExpr::Kind::name;
    expr.text = text;
  }
  return expr;
}

}  // namespace

PyExpr PyExprReader::read_string_run() {
  PyExpr expr;
  expr.kind = PyExpr::Kind::string;
  expr.begin = peek().begin;
  bool placeholders = false;
  while (!at_end() && peek().kind == PyToken::Kind::string) {
    DecodedString piece = decode_python_string(src_, peek());
    if (piece.is_bytes) expr.kind = PyExpr::Kind::bytes;
    for (const FormatPlaceholder& placeholder : piece.placeholders) {
      placeholders = true;
      expr.items.push_back(placeholder_expression(placeholder));
      expr.slots.push_back(expr.text.size() + placeholder.value_at);
    }
    for (StringPiece p : piece.pieces) {
      p.value_begin += expr.text.size();
      p.value_end += expr.text.size();
      expr.pieces.push_back(p);
    }
    expr.text += piece.value;
    expr.end = peek().end;
    skip();
  }
  if (placeholders)
    expr.kind = expr.kind == PyExpr::Kind::bytes ? PyExpr::Kind::other : PyExpr::Kind::fstring;
  return expr;
}

PyExpr format_fstring(const PyExpr& expr) {
  if (expr.kind != PyExpr::Kind::fstring) return expr;
  for (const PyExpr& item : expr.items) {
    if (item.kind != PyExpr::Kind::string && item.kind != PyExpr::Kind::number) return expr;
  }
  PyExpr out;
  out.kind = PyExpr::Kind::string;
  out.begin = expr.begin;
  out.end = expr.end;
  size_t piece = 0;
  size_t copied = 0;  // of expr.text
  // The literal text up to `until`, its pieces moved to where they now are.
  auto copy_text = [&](size_t until) {
    size_t shift = out.text.size() - copied;
    for (; piece < expr.pieces.size() && expr.pieces[piece].value_begin < until; ++piece) {
      StringPiece p = expr.pieces[piece];
      p.value_begin += shift;
      p.value_end += shift;
      out.pieces.push_back(p);
    }
    out.text.append(expr.text, copied, until - copied);
    copied = until;
  };
  for (size_t i = 0; i < expr.items.size(); ++i) {
    copy_text(expr.slots[i]);
    const PyExpr& value = expr.items[i];
    out.pieces.push_back(
        {out.text.size(), out.text.size() + value.text.size(), value.begin, value.end, false});
    out.text += value.text;
  }
  copy_text(expr.text.size());
  return out;
}

namespace {

// A number literal's value as Python reads it, in the decimal form SQL
// understands: `5_000_000` is 5000000, `0x10` is 16. Floats and imaginary
// numbers keep their text without the underscores; an integer too large for
// 64 bits keeps its digits.
std::string python_number_value(std::string_view literal) {
  std::string text;
  for (char c : literal) {
    if (c != '_') text += c;
  }
  if (text.size() < 3 || text[0] != '0') return text;
  int base = 0;
  switch (text[1]) {
    case 'x':
    case 'X':
      base = 16;
      break;
    case 'o':
    case 'O':
      base = 8;
      break;
    case 'b':
    case 'B':
      base = 2;
      break;
    default:
      return text;
  }
  errno = 0;
  char* end = nullptr;
  unsigned long long value = std::strtoull(text.c_str() + 2, &end, base);
  if (errno == ERANGE || *end != '\0') return text;
  return std::to_string(value);
}

}  // namespace

PyExpr PyExprReader::read_atom() {
  PyExpr expr;
  if (at_end()) {
    expr.begin = expr.end = peek().begin;
    return expr;
  }
  const PyToken& token = peek();
  expr.begin = token.begin;
  expr.end = token.end;
  std::string_view text = token.text(src_);
  switch (token.kind) {
    case PyToken::Kind::string:
      return read_string_run();
    case PyToken::Kind::number:
      expr.kind = PyExpr::Kind::number;
      expr.text = python_number_value(text);
      skip();
      return expr;
    case PyToken::Kind::name:
      expr.kind = text == "None"                      ? PyExpr::Kind::none
                  : text == "True" || text == "False" ? PyExpr::Kind::boolean
                                                      : PyExpr::Kind::name;
      expr.text = text;
      skip();
      if (text == "lambda") return read_lambda(expr);
      if (text == "not" || text == "await" || text == "yield") skip_to_delimiter(expr);
      return expr;
    case PyToken::Kind::op:
      if (text == "-" || text == "+") {
        skip();
        PyExpr operand = read_atom();
        if (operand.kind == PyExpr::Kind::number) {
          operand.text = std::string(text == "-" ? "-" : "") + operand.text;
          operand.begin = expr.begin;
          return operand;
        }
        expr.end = operand.end;
        skip_to_delimiter(expr);
        return expr;
      }
      if (text == "(" || text == "[" || text == "{") {
        skip();
        expr.kind = text == "("   ? PyExpr::Kind::tuple
                    : text == "[" ? PyExpr::Kind::list
                                  : PyExpr::Kind::dict;
        std::string_view close = text == "(" ? ")" : text == "[" ? "]" : "}";
        read_items(expr, close);
        return expr;
      }
      break;
    default:
      break;
  }
  skip_to_delimiter(expr);
  return expr;
}

// Reads the items of a (...), [...] or {...} up to and including `close`. A
// parenthesised single item without a comma is that item, as in Python.
void PyExprReader::read_items(PyExpr& collection, std::string_view close) {
  bool saw_comma = false;
  bool bad = false;
  while (!at_end() && !at_op(close)) {
    if (at_op("*") || at_op("**")) bad = true;
    collection.items.push_back(read());
    if (collection.kind == PyExpr::Kind::dict && at_op(":")) {
      skip();
      collection.items.push_back(read());
    } else if (collection.kind == PyExpr::Kind::dict) {
      bad = true;  // a set, or a comprehension
    }
    if (at_op(",")) {
      saw_comma = true;
      skip();
    } else if (!at_op(close)) {
      bad = true;  // a comprehension, a walrus, or a lambda
      PyExpr rest;
      skip_to_delimiter(rest);
      if (!at_op(close) && !at_end()) skip();
    }
  }
  if (!at_end()) {
    collection.end = peek().end;
    skip();
  }
  if (bad) {
    collection.kind = PyExpr::Kind::other;
    collection.items.clear();
    return;
  }
  if (collection.kind == PyExpr::Kind::tuple && collection.items.size() == 1 && !saw_comma) {
    PyExpr inner = std::move(collection.items[0]);
    inner.begin = collection.begin;
    inner.end = collection.end;
    collection = std::move(inner);
  }
}

void PyExprReader::read_arguments(PyExpr& call) {
  while (!at_end() && !at_op(")")) {
    if (at_op("*") || at_op("**")) {
      call.has_star_args = true;
      skip();
      read();
    } else if (peek().kind == PyToken::Kind::name && pos_ + 1 < end_ &&
               tokens_[pos_ + 1].kind == PyToken::Kind::op && tokens_[pos_ + 1].text(src_) == "=") {
      std::string name(peek().text(src_));
      pos_ += 2;
      call.keywords.emplace_back(std::move(name), read());
    } else {
      call.items.push_back(read());
    }
    if (at_op(",")) {
      skip();
    } else if (!at_op(")")) {
      call.has_star_args = true;  // a generator argument or something unreadable
      PyExpr rest;
      skip_to_delimiter(rest);
      if (!at_op(")") && !at_end()) skip();
    }
  }
  if (!at_end()) {
    call.end = peek().end;
    skip();
  }
}

}  // namespace migcheck
