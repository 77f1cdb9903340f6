#include <array>
#include <cstdint>
#include <string>

#include "linter/sql_file.h"
#include "linter/tokens.h"

// PostgreSQL 15's lexical rules (src/backend/parser/scan.l) as libpg_query
// 15-4.0 builds them: comments are tokens, and a string literal continued on a
// later line ('a'<newline>'b') may have only whitespace in between. This used
// to be pg_query_scan, which answers in protobuf and scans everything twice:
// about 23,000 instructions a statement. tests/linter/tokens_scanner_test.cpp
// compares the two token for token.

namespace migcheck {

namespace {

// Character classes of scan.l, one table lookup each.
enum CharClass : uint8_t {
  kSpace = 1,       // space: [ \t\n\r\f]
  kDigit = 2,       // [0-9]
  kHex = 4,         // [0-9A-Fa-f]
  kIdentStart = 8,  // ident_start: letters, '_' and every byte of a multi-byte character
  kOpChar = 16,     // op_chars: what operators are made of
  kSelf = 32,       // self: characters that are tokens of their own
};
constexpr std::array<uint8_t, 256> kClasses = [] {
  std::array<uint8_t, 256> classes{};
  auto add = [&](std::string_view chars, uint8_t flag) {
    for (char c : chars) classes[static_cast<unsigned char>(c)] |= flag;
  };
  add(" \t\n\r\f", kSpace);
  add("0123456789", kDigit | kHex);
  add("abcdefABCDEF", kHex);
  add("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_", kIdentStart);
  for (int c = 0x80; c < 0x100; ++c) classes[c] |= kIdentStart;
  add("~!@#^&|`?+-*/%<>=", kOpChar);
  add(",()[].;:+-*/%^<>=", kSelf);
  return classes;
}();
bool is(char c, uint8_t flags) {
  return kClasses[static_cast<unsigned char>(c)] & flags;
}
bool is_space(char c) {
  return is(c, kSpace);
}
bool is_digit(char c) {
  return is(c, kDigit);
}
bool is_hex(char c) {
  return is(c, kHex);
}
unsigned hex_value(char c) {
  return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}
bool is_ident_start(char c) {
  return is(c, kIdentStart);
}
bool is_ident_cont(char c) {
  return is(c, kIdentStart | kDigit) || c == '$';
}
bool is_newline(char c) {
  return c == '\n' || c == '\r';
}
bool is_lower_or(char c, char lower) {
  return c == lower || c == lower - 'a' + 'A';
}

// The kinds of quoted literal, which differ in what they allow inside.
enum class Quoted {
  bits,      // B'..' and X'..': no '' inside
  standard,  // '..' and U&'..': '' is a quote
  escaped,   // E'..': '' and backslash escapes
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text.substr(0, text.find('\0'))) {}

  // False when PostgreSQL's scanner raises an error.
  bool scan(std::vector<Token>& tokens) {
    tokens_ = &tokens;
    while (p_ < s_.size()) {
      if (is_space(s_[p_])) {
        ++p_;
      } else if (!token()) {
        return false;
      }
    }
    return true;
  }

 private:
  char at(size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  void push(size_t begin, size_t end, Token::Kind kind) {
    tokens_->push_back({begin, end, kind});
    p_ = end;
  }

  // One token at p_ (not at a space).
  bool token() {
    size_t b = p_;
    char c = s_[b], next = at(b + 1);
    if (c == '-' && next == '-') {
      size_t end = s_.find_first_of("\r\n", b);
      push(b, end == std::string_view::npos ? s_.size() : end, Token::Kind::comment);
      return true;
    }
    if (c == '/' && next == '*') return c_comment();
    if (next == '\'') {
      if (is_lower_or(c, 'b') || is_lower_or(c, 'x')) return quoted(b + 2, Quoted::bits);
      if (is_lower_or(c, 'e')) return quoted(b + 2, Quoted::escaped);
      if (is_lower_or(c, 'n')) {  // N'..' is the keyword NCHAR, then a string
        push(b, b + 1, Token::Kind::word);
        return true;
      }
    }
    if (is_lower_or(c, 'u') && next == '&') {
      if (at(b + 2) == '\'') return quoted(b + 3, Quoted::standard);
      if (at(b + 2) == '"') return quoted_identifier(b + 3);
      push(b, b + 1, Token::Kind::word);  // U&x is the identifier u, then &
      return true;
    }
    if (c == '\'') return quoted(b + 1, Quoted::standard);
    if (c == '"') return quoted_identifier(b + 1);
    if (c == '$') return dollar();
    if (is_digit(c) || (c == '.' && is_digit(next))) return number();
    if (is_ident_start(c)) {
      size_t end = b + 1;
      while (end < s_.size() && is_ident_cont(s_[end])) ++end;
      push(b, end, Token::Kind::word);
      return true;
    }
    if ((c == '.' && next == '.') || (c == ':' && (next == ':' || next == '='))) {
      push(b, b + 2, Token::Kind::other);  // .. :: :=
      return true;
    }
    if (is(c, kOpChar)) return op();
    push(b, b + 1, Token::Kind::punctuation);  // self characters and any other one
    return true;
  }

  // /* .. */, nested.
  bool c_comment() {
    int depth = 0;
    for (size_t i = p_ + 2; i + 1 < s_.size(); ++i) {
      if (s_[i] == '/' && s_[i + 1] == '*') {
        ++depth;
        ++i;
      } else if (s_[i] == '*' && s_[i + 1] == '/') {
        if (depth-- == 0) {
          push(p_, i + 2, Token::Kind::comment);
          return true;
        }
        ++i;
      }
    }
    return false;
  }

  // A run of operator characters, ended early where a comment starts, and
  // without trailing + or - unless it holds a character SQL's own operators
  // lack ('=-' is = then -, '?-' one operator).
  bool op() {
    size_t b = p_, end = b;
    while (end < s_.size() && is(s_[end], kOpChar)) ++end;
    for (size_t i = b + 1; i + 1 < end; ++i) {
      if ((s_[i] == '/' && s_[i + 1] == '*') || (s_[i] == '-' && s_[i + 1] == '-')) {
        end = i;
        break;
      }
    }
    if (end - b > 1 && (s_[end - 1] == '+' || s_[end - 1] == '-')) {
      bool non_sql =
          s_.substr(b, end - 1 - b).find_first_of("~!@#^&|`?%") != std::string_view::npos;
      while (!non_sql && end - b > 1 && (s_[end - 1] == '+' || s_[end - 1] == '-')) --end;
    }
    if (end - b >= 64) return false;  // "operator too long"
    push(b, end, end - b == 1 && is(s_[b], kSelf) ? Token::Kind::punctuation : Token::Kind::other);
    return true;
  }

  // 12, 1.5, .5, 1e10, 1.5E-3; 1..5 is 1 then ..; a letter right after a
  // number is an error ("trailing junk"), as are 0x1F and 1_000 before PG 16.
  bool number() {
    size_t b = p_, i = b;
    while (is_digit(at(i))) ++i;
    if (at(i) == '.') {
      if (i > b && at(i + 1) == '.') {
        push(b, i, Token::Kind::number);
        return true;
      }
      ++i;
      while (is_digit(at(i))) ++i;
    }
    if (is_lower_or(at(i), 'e')) {
      size_t exponent = i + 1;
      if (at(exponent) == '+' || at(exponent) == '-') ++exponent;
      if (!is_digit(at(exponent))) return false;
      i = exponent;
      while (is_digit(at(i))) ++i;
    }
    if (is_ident_start(at(i))) return false;
    push(b, i, Token::Kind::number);
    return true;
  }

  // $1 (a parameter), $$..$$ and $tag$..$tag$ (dollar quotes), or a lone $.
  bool dollar() {
    size_t b = p_;
    if (is_digit(at(b + 1))) {
      size_t end = b + 1;
      while (is_digit(at(end))) ++end;
      if (is_ident_start(at(end))) return false;  // "trailing junk after parameter"
      push(b, end, Token::Kind::other);
      return true;
    }
    size_t tag_end = b + 1;
    if (is_ident_start(at(tag_end))) {
      while (is_ident_start(at(tag_end)) || is_digit(at(tag_end))) ++tag_end;
    }
    if (at(tag_end) != '$') {
      push(b, b + 1, Token::Kind::punctuation);  // then the rest as an identifier
      return true;
    }
    std::string_view delimiter = s_.substr(b, tag_end + 1 - b);
    size_t close = s_.find(delimiter, tag_end + 1);
    if (close == std::string_view::npos) return false;
    push(b, close + delimiter.size(), Token::Kind::string);
    return true;
  }

  // "..", where "" is a quote; empty is an error.
  bool quoted_identifier(size_t content) {
    for (size_t i = content; i < s_.size(); ++i) {
      if (s_[i] != '"') continue;
      if (at(i + 1) == '"') {
        ++i;
        continue;
      }
      if (i == content) return false;  // "zero-length delimited identifier"
      push(p_, i + 1, Token::Kind::word);
      return true;
    }
    return false;
  }

  // A string literal whose content starts at `content`, with its
  // continuations on later lines.
  bool quoted(size_t content, Quoted kind) {
    std::string literal;  // E'..' only: checked when escapes made non-ASCII bytes
    bool non_ascii_escape = false;
    size_t i = content;
    while (true) {
      if (i >= s_.size()) return false;  // unterminated
      char c = s_[i];
      if (c == '\'') {
        if (kind != Quoted::bits && at(i + 1) == '\'') {
          if (kind == Quoted::escaped) literal += '\'';
          i += 2;
          continue;
        }
        size_t end = i + 1;
        size_t continued = continuation(end);
        if (continued == end) {
          if (non_ascii_escape && !valid_utf8(literal)) return false;
          push(p_, end, Token::Kind::string);
          return true;
        }
        i = continued;
      } else if (c == '\\' && kind == Quoted::escaped) {
        if (!escape(i, literal, non_ascii_escape)) return false;
      } else {
        if (kind == Quoted::escaped) literal += c;
        ++i;
      }
    }
  }

  // After a literal's closing quote at `end`: where its continuation's
  // content starts ('a'<newline>'b' is 'ab'), or `end` when there is none.
  size_t continuation(size_t end) const {
    size_t i = end;
    while (at(i) == ' ' || at(i) == '\t' || at(i) == '\f') ++i;
    if (!is_newline(at(i))) return end;
    while (i < s_.size() && is_space(s_[i])) ++i;
    return at(i) == '\'' ? i + 1 : end;
  }

  // The backslash escape at `i` of an E'..' literal, appended to `literal`.
  bool escape(size_t& i, std::string& literal, bool& non_ascii) {
    char c = at(i + 1);
    if (i + 1 >= s_.size()) return false;
    if (c == 'u' || c == 'U') {
      uint32_t code;
      if (!unicode_escape(i, code)) return false;
      if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a second half alone
      if (code >= 0xD800 && code <= 0xDBFF) {
        uint32_t second;
        if (at(i) != '\\' || !(at(i + 1) == 'u' || at(i + 1) == 'U') ||
            !unicode_escape(i, second) || second < 0xDC00 || second > 0xDFFF) {
          return false;  // "invalid Unicode surrogate pair"
        }
        code = 0x10000 + ((code - 0xD800) << 10) + (second - 0xDC00);
      }
      if (code == 0 || code > 0x10FFFF) return false;  // "invalid Unicode escape value"
      // Its UTF-8 is a whole character starting with a byte that continues
      // none, so any one character stands in for it when the literal is checked.
      literal += '?';
      return true;
    }
    unsigned char byte;
    if (c >= '0' && c <= '7') {
      unsigned value = 0;
      size_t k = i + 1;
      for (; k < i + 4 && at(k) >= '0' && at(k) <= '7'; ++k) value = value * 8 + (at(k) - '0');
      byte = static_cast<unsigned char>(value);
      i = k;
    } else if (c == 'x' && is_hex(at(i + 2))) {
      size_t k = i + 2;
      unsigned value = 0;
      for (; k < i + 4 && is_hex(at(k)); ++k) value = value * 16 + hex_value(at(k));
      byte = static_cast<unsigned char>(value);
      i = k;
    } else {
      literal += unescaped(c);
      i += 2;
      return true;
    }
    if (byte == 0 || byte >= 0x80) non_ascii = true;
    literal += static_cast<char>(byte);
    return true;
  }

  // \uXXXX or \UXXXXXXXX at `i` (anything shorter is an error), read into
  // `code`; `i` moves past it.
  bool unicode_escape(size_t& i, uint32_t& code) const {
    size_t digits = at(i + 1) == 'u' ? 4 : 8;
    code = 0;
    for (size_t k = 0; k < digits; ++k) {
      if (!is_hex(at(i + 2 + k))) return false;
      code = code * 16 + hex_value(at(i + 2 + k));
    }
    i += 2 + digits;
    return true;
  }

  static char unescaped(char c) {
    constexpr std::string_view kEscapes = "b\bf\fn\nr\rt\t";  // a letter, what it stands for
    for (size_t k = 0; k < kEscapes.size(); k += 2) {
      if (kEscapes[k] == c) return kEscapes[k + 1];
    }
    return c;
  }

  // PostgreSQL verifies a literal whose escapes made bytes outside ASCII.
  static bool valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
      size_t length = text[i] == '\0' ? 0 : utf8_sequence_length(text, i);
      if (length == 0) return false;
      i += length;
    }
    return true;
  }

  std::string_view s_;
  size_t p_ = 0;
  std::vector<Token>* tokens_ = nullptr;
};

}  // namespace

std::vector<Token> scan_tokens(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6);
  if (!Scanner(text).scan(tokens)) tokens.clear();
  return tokens;
}

}  // namespace migcheck
