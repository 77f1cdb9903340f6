#include "migrations/alembic/python_eval.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migcheck {
namespace {

using Kind = PyExpr::Kind;

bool is_integer(const PyExpr& expr) {
  if (expr.kind != Kind::number) return false;
  std::string_view digits = expr.text;
  if (digits.starts_with('-')) digits.remove_prefix(1);
  if (digits.empty()) return false;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// str(value) for the values whose text Python prints as migcheck holds it.
// A float is left out: str(1.50) is "1.5", not the literal's text.
std::optional<std::string> str_of(const PyExpr& value) {
  switch (value.kind) {
    case Kind::string:
      return value.text;
    case Kind::number:
      if (is_integer(value)) return value.text;
      return std::nullopt;
    case Kind::boolean:
      return value.text;
    case Kind::none:
      return "None";
    default:
      return std::nullopt;
  }
}

PyExpr computed_string(const PyExpr& expr, std::string text) {
  PyExpr out;
  out.kind = Kind::string;
  out.begin = expr.begin;
  out.end = expr.end;
  if (!text.empty()) out.pieces.push_back({0, text.size(), expr.begin, expr.end, false});
  out.text = std::move(text);
  return out;
}

// "fmt" % values: %s, %d, %i, %% and %(key)s, without flags or widths.
std::optional<std::string> percent_format(const std::string& format, const PyExpr& values) {
  std::vector<const PyExpr*> positional;
  if (values.kind == Kind::tuple) {
    for (const PyExpr& item : values.items) positional.push_back(&item);
  } else if (values.kind != Kind::dict) {
    positional.push_back(&values);
  }
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
      continue;
    }
    if (++i >= format.size()) return std::nullopt;
    if (format[i] == '%') {
      out += '%';
      continue;
    }
    const PyExpr* value = nullptr;
    if (format[i] == '(') {
      size_t close = format.find(')', i);
      if (values.kind != Kind::dict || close == std::string::npos) return std::nullopt;
      std::string key = format.substr(i + 1, close - i - 1);
      for (size_t k = 0; k + 1 < values.items.size(); k += 2) {
        if (values.items[k].kind == Kind::string && values.items[k].text == key)
          value = &values.items[k + 1];
      }
      i = close + 1;
      if (!value || i >= format.size()) return std::nullopt;
    } else {
      if (next >= positional.size()) return std::nullopt;
      value = positional[next++];
    }
    char conversion = format[i];
    if (conversion == 's') {
      std::optional<std::string> text = str_of(*value);
      if (!text) return std::nullopt;
      out += *text;
    } else if ((conversion == 'd' || conversion == 'i') && is_integer(*value)) {
      out += value->text;
    } else {
      return std::nullopt;
    }
  }
  if (next != positional.size()) return std::nullopt;  // Python: not all arguments converted
  return out;
}

// "fmt".format(...): {}, {0}, {name}, each with an optional !s.
std::optional<std::string> brace_format(const std::string& format, const PyExpr& call) {
  std::string out;
  size_t automatic = 0;
  bool numbered = false;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if ((c == '{' || c == '}') && i + 1 < format.size() && format[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c == '}') return std::nullopt;
    if (c != '{') {
      out += c;
      continue;
    }
    size_t close = format.find('}', i);
    if (close == std::string::npos) return std::nullopt;
    std::string field = format.substr(i + 1, close - i - 1);
    if (field.ends_with("!s")) field.resize(field.size() - 2);
    const PyExpr* value = nullptr;
    if (field.empty()) {
      if (numbered) return std::nullopt;  // Python refuses to mix {} and {0}
      if (automatic + 1 < call.items.size()) value = &call.items[1 + automatic++];
    } else if (std::isdigit(static_cast<unsigned char>(field[0]))) {
      if (automatic > 0) return std::nullopt;
      numbered = true;
      size_t index = 0;
      for (char d : field) {
        if (!std::isdigit(static_cast<unsigned char>(d))) return std::nullopt;
        index = index * 10 + static_cast<size_t>(d - '0');
      }
      if (index + 1 < call.items.size()) value = &call.items[index + 1];
    } else {
      for (char d : field) {
        if (!std::isalnum(static_cast<unsigned char>(d)) && d != '_') return std::nullopt;
      }
      value = call.keyword(field);
    }
    if (!value) return std::nullopt;
    std::optional<std::string> text = str_of(*value);
    if (!text) return std::nullopt;
    out += *text;
    i = close;
  }
  return out;
}

bool ascii(const std::string& text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::optional<std::string> string_method(const std::string& self, const std::string& method,
                                         const PyExpr& call) {
  size_t arguments = call.items.size() - 1;
  if (method == "format") return brace_format(self, call);
  if (!call.keywords.empty()) return std::nullopt;
  if ((method == "lower" || method == "upper") && arguments == 0 && ascii(self)) {
    std::string out = self;
    for (char& c : out) {
      c = static_cast<char>(method == "lower" ? std::tolower(static_cast<unsigned char>(c))
                                              : std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
  }
  if (method == "replace" && arguments == 2 && call.items[1].kind == Kind::string &&
      call.items[2].kind == Kind::string && !call.items[1].text.empty()) {
    const std::string& from = call.items[1].text;
    const std::string& to = call.items[2].text;
    std::string out;
    size_t at = 0;
    for (size_t found; (found = self.find(from, at)) != std::string::npos; at = found + from.size())
      out.append(self, at, found - at).append(to);
    return out.append(self, at);
  }
  if (method == "join" && arguments == 1 &&
      (call.items[1].kind == Kind::list || call.items[1].kind == Kind::tuple)) {
    std::string out;
    for (const PyExpr& item : call.items[1].items) {
      if (item.kind != Kind::string) return std::nullopt;
      if (&item != &call.items[1].items.front()) out += self;
      out += item.text;
    }
    return out;
  }
  return std::nullopt;
}

// urllib.parse.quote_plus(text) with its default safe characters: letters,
// digits and `_.-~` stay, a space becomes `+`, every other byte of the UTF-8
// text becomes %XX.
std::string quote_plus(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '_' || c == '.' || c == '-' || c == '~') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  return out;
}

PyExpr evaluate_call(const PyExpr& call) {
  if (call.has_star_args) return call;
  const PyExpr& callee = call.items[0];
  if (callee.dotted() == "urllib.parse.quote_plus" && call.items.size() == 2 &&
      call.keywords.empty() && call.items[1].kind == Kind::string) {
    return computed_string(call, quote_plus(call.items[1].text));
  }
  if (callee.kind == Kind::attribute && callee.items[0].kind == Kind::string) {
    std::optional<std::string> text = string_method(callee.items[0].text, callee.text, call);
    return text ? computed_string(call, std::move(*text)) : call;
  }
  if (callee.kind != Kind::name || !call.keywords.empty() || call.items.size() > 2) return call;
  if (callee.text == "str" && call.items.size() == 2) {
    std::optional<std::string> text = str_of(call.items[1]);
    return text ? computed_string(call, std::move(*text)) : call;
  }
  if (callee.text == "list" || callee.text == "tuple") {
    PyExpr out;
    if (call.items.size() == 2) {
      const PyExpr& from = call.items[1];
      if (from.kind != Kind::list && from.kind != Kind::tuple) return call;
      out = from;
    }
    out.kind = callee.text == "list" ? Kind::list : Kind::tuple;
    out.begin = call.begin;
    out.end = call.end;
    return out;
  }
  return call;
}

// `a or b` is a when a is true, else b; `a and b` is a when a is false, else
// b. With `a` unknown the value is unknown: `other`, so that nothing reads
// the operator as one of SQLAlchemy's.
PyExpr evaluate_boolean(const PyExpr& expr) {
  const PyExpr& left = expr.items[0];
  std::optional<bool> left_truth = truth(left);
  if (!left_truth) {
    PyExpr unknown;
    unknown.begin = expr.begin;
    unknown.end = expr.end;
    return unknown;
  }
  return *left_truth == (expr.text == "or") ? left : expr.items[1];
}

PyExpr evaluate_binary(const PyExpr& expr) {
  if (expr.text == "or" || expr.text == "and") return evaluate_boolean(expr);
  const PyExpr& left = expr.items[0];
  const PyExpr& right = expr.items[1];
  if (expr.text == "%") {
    if (left.kind != Kind::string) return expr;
    std::optional<std::string> text = percent_format(left.text, right);
    return text ? computed_string(expr, std::move(*text)) : expr;
  }
  if (expr.text != "+") return expr;
  if (left.kind == Kind::string && right.kind == Kind::string) {
    PyExpr out = left;  // each side keeps where its text comes from
    out.end = expr.end;
    for (StringPiece piece : right.pieces) {
      piece.value_begin += left.text.size();
      piece.value_end += left.text.size();
      out.pieces.push_back(piece);
    }
    out.text += right.text;
    return out;
  }
  if (left.kind == right.kind && (left.kind == Kind::list || left.kind == Kind::tuple)) {
    PyExpr out = left;
    out.end = expr.end;
    out.items.insert(out.items.end(), right.items.begin(), right.items.end());
    return out;
  }
  return expr;
}

}  // namespace

std::optional<bool> truth(const PyExpr& value) {
  switch (value.kind) {
    case Kind::string:
    case Kind::bytes:
      return !value.text.empty();
    case Kind::number:
      if (!is_integer(value)) return std::nullopt;  // a float's zero has many spellings
      return value.text != "0" && value.text != "-0";
    case Kind::none:
      return false;
    case Kind::boolean:
      return value.text == "True";
    case Kind::tuple:
    case Kind::list:
    case Kind::dict:
      return !value.items.empty();
    default:
      return std::nullopt;
  }
}

PyExpr evaluate(const PyExpr& expr) {
  if (expr.kind == Kind::binary) return evaluate_binary(expr);
  if (expr.kind == Kind::call) return evaluate_call(expr);
  return expr;
}

PyExpr substitute(const PyExpr& expr, const PyEnv& env) {
  if (expr.kind == Kind::name) {
    auto it = env.find(expr.text);
    return it == env.end() ? expr : it->second;
  }
  PyExpr out = expr;
  for (PyExpr& item : out.items) {
    PyExpr value = substitute(item, env);
    if (expr.kind == Kind::fstring) {
      value.begin = item.begin;  // the placeholder's braces, where its value goes
      value.end = item.end;
    }
    item = std::move(value);
  }
  for (auto& keyword : out.keywords) keyword.second = substitute(keyword.second, env);
  return evaluate(format_fstring(out));
}

}  // namespace migcheck
