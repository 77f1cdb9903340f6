#include "migrations/alembic/python_tokens.h"

#include <algorithm>
#include <array>

#include "linter/input_error.h"
#include "linter/line_index.h"

namespace migcheck {
namespace {

// ASCII classes written out: <cctype>'s are calls (and locale-dependent) on
// the tokenizer's hottest path.
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_name_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool is_name_char(unsigned char c) {
  return is_alnum(c) || c == '_' || c >= 0x80;
}

// A table of the bytes in `chars`, built at compile time.
constexpr std::array<bool, 256> byte_set(std::string_view chars) {
  std::array<bool, 256> set{};
  for (char c : chars) set[static_cast<unsigned char>(c)] = true;
  return set;
}
constexpr std::array<bool, 256> kStringPrefix = byte_set("rRbBuUfF");

// Python's one-character operators and delimiters, and the longer ones, longest
// first so the scan is greedy. The first byte picks the candidates: comparing
// every operator at every position showed in profiles of large projects.
constexpr std::array<bool, 256> kOperatorStart = byte_set("%&()*+,-./:;<=>@[]^{|}~!\\");
constexpr std::array<std::string_view, 24> kLongOperators = {
    "**=", "//=", ">>=", "<<=", "...", "!=", "%=", "&=", "**", "*=", "+=", "-=",
    "->",  "//",  "/=",  ":=",  "<<",  "<=", "==", ">=", ">>", "@=", "^=", "|="};

bool is_continuation_byte(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Line and column of byte offsets asked for in increasing order, counted as
// LineIndex counts them (lines end at "\n", "\r\n" or a lone "\r"; columns are
// code points; a byte-order mark is not a column) but in one pass over the
// text instead of a search per token.
class PositionTracker {
 public:
  explicit PositionTracker(std::string_view text) : text_(text) { restart(); }

  LineIndex::Position position(size_t offset) {
    offset = std::min(offset, text_.size());
    if (offset < scanned_) restart();  // not expected: tokens come in order
    for (; scanned_ < offset; ++scanned_) {
      char c = text_[scanned_];
      if (c == '\n' ||
          (c == '\r' && (scanned_ + 1 == text_.size() || text_[scanned_ + 1] != '\n'))) {
        ++current_.line;
        current_.column = 1;
      } else if (!is_continuation_byte(static_cast<unsigned char>(c))) {
        ++current_.column;
      }
    }
    return current_;
  }

 private:
  void restart() {
    scanned_ = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    current_ = {1, 1};
  }
  std::string_view text_;
  size_t scanned_ = 0;
  LineIndex::Position current_{1, 1};
};

class Tokenizer {
 public:
  Tokenizer(std::string_view source, const std::string& path)
      : src_(source), path_(path), positions_(source) {
    tokens_.reserve(source.size() / 4 + 8);  // a token every 5 or 6 bytes is typical
  }

  std::vector<PyToken> run() {
    if (src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    indents_.push_back(0);
    bool line_start = true;
    while (pos_ < src_.size()) {
      if (line_start && open_brackets_.empty()) {
        if (!read_indentation()) continue;  // a blank or comment-only line
        line_start = false;
      }
      char c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\f') {
        ++pos_;
      } else if (c == '#') {
        size_t begin = pos_;
        while (pos_ < src_.size() && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;
        push(PyToken::Kind::comment, begin, pos_);
      } else if (c == '\\' && is_line_end(pos_ + 1)) {
        pos_ = skip_line_end(pos_ + 1);  // explicit line joining
      } else if (c == '\n' || c == '\r') {
        size_t begin = pos_;
        pos_ = skip_line_end(pos_);
        if (open_brackets_.empty()) {
          push(PyToken::Kind::newline, begin, pos_);
          line_start = true;
        }
      } else if (starts_string(pos_)) {
        read_string();
      } else if (is_digit(static_cast<unsigned char>(c)) ||
                 (c == '.' && pos_ + 1 < src_.size() &&
                  is_digit(static_cast<unsigned char>(src_[pos_ + 1])))) {
        read_number();
      } else if (is_name_start(static_cast<unsigned char>(c))) {
        size_t begin = pos_;
        while (pos_ < src_.size() && is_name_char(static_cast<unsigned char>(src_[pos_]))) ++pos_;
        push(PyToken::Kind::name, begin, pos_);
      } else {
        read_operator();
      }
    }
    if (!open_brackets_.empty()) {
      // Python refuses the module ("'(' was never closed"), so Alembic cannot load it.
      fail(open_brackets_.back(),
           std::string("'") + src_[open_brackets_.back()] + "' was never closed");
    }
    if (!tokens_.empty() && tokens_.back().kind != PyToken::Kind::newline &&
        tokens_.back().kind != PyToken::Kind::dedent) {
      push(PyToken::Kind::newline, pos_, pos_);
    }
    while (indents_.size() > 1) {
      indents_.pop_back();
      push(PyToken::Kind::dedent, pos_, pos_);
    }
    push(PyToken::Kind::end, pos_, pos_);
    return std::move(tokens_);
  }

 private:
  [[noreturn]] void fail(size_t offset, const std::string& what) const {
    auto p = LineIndex(src_).position(offset);
    throw InputError(path_ + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                     what);
  }

  bool is_line_end(size_t at) const {
    return at < src_.size() && (src_[at] == '\n' || src_[at] == '\r');
  }
  size_t skip_line_end(size_t at) const {
    if (src_[at] == '\r' && at + 1 < src_.size() && src_[at + 1] == '\n') return at + 2;
    return at + 1;
  }

  void push(PyToken::Kind kind, size_t begin, size_t end) {
    auto p = positions_.position(begin);
    tokens_.push_back({kind, begin, end, p.line, p.column});
  }

  // Measures the indentation of a new line and emits INDENT/DEDENT. Returns
  // false (having consumed the line) when the line is blank or only a comment,
  // which Python ignores for indentation.
  bool read_indentation() {
    size_t begin = pos_;
    int width = 0;
    while (pos_ < src_.size() && (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\f')) {
      width = src_[pos_] == '\t' ? (width / 8 + 1) * 8 : src_[pos_] == '\f' ? 0 : width + 1;
      ++pos_;
    }
    if (pos_ >= src_.size()) return false;
    if (src_[pos_] == '#') {
      size_t comment = pos_;
      while (pos_ < src_.size() && !is_line_end(pos_)) ++pos_;
      push(PyToken::Kind::comment, comment, pos_);
      if (pos_ < src_.size()) pos_ = skip_line_end(pos_);
      return false;
    }
    if (is_line_end(pos_)) {
      pos_ = skip_line_end(pos_);
      return false;
    }
    if (src_[pos_] == '\\' && is_line_end(pos_ + 1)) {
      return true;  // a continuation right after indentation: Python measures this line
    }
    if (width > indents_.back()) {
      indents_.push_back(width);
      push(PyToken::Kind::indent, begin, pos_);
    } else {
      while (width < indents_.back()) {
        indents_.pop_back();
        push(PyToken::Kind::dedent, pos_, pos_);
      }
      if (width != indents_.back())
        fail(pos_, "unindent does not match any outer indentation level");
    }
    return true;
  }

  // A string literal starts with an optional prefix of r/b/u/f letters.
  bool starts_string(size_t at) const {
    size_t i = at;
    while (i < src_.size() && i - at < 2 && kStringPrefix[static_cast<unsigned char>(src_[i])]) {
      ++i;
    }
    return i < src_.size() && (src_[i] == '\'' || src_[i] == '"');
  }

  void read_string() {
    size_t begin = pos_;
    while (src_[pos_] != '\'' && src_[pos_] != '"') ++pos_;
    char quote = src_[pos_];
    const std::string_view triple_quote = quote == '"' ? "\"\"\"" : "'''";
    bool triple = src_.substr(pos_, 3) == triple_quote;
    pos_ += triple ? 3 : 1;
    while (true) {
      if (pos_ >= src_.size()) fail(begin, "unterminated string literal");
      char c = src_[pos_];
      if (c == '\\') {
        pos_ = pos_ + 1 < src_.size() && is_line_end(pos_ + 1) ? skip_line_end(pos_ + 1) : pos_ + 2;
      } else if (c == quote && (!triple || src_.substr(pos_, 3) == triple_quote)) {
        pos_ += triple ? 3 : 1;
        break;
      } else if (!triple && (c == '\n' || c == '\r')) {
        fail(begin, "unterminated string literal");
      } else {
        ++pos_;
      }
    }
    push(PyToken::Kind::string, begin, std::min(pos_, src_.size()));
  }

  void read_number() {
    size_t begin = pos_;
    while (pos_ < src_.size()) {
      unsigned char c = src_[pos_];
      bool exponent_sign = (c == '+' || c == '-') && pos_ > begin &&
                           (src_[pos_ - 1] == 'e' || src_[pos_ - 1] == 'E') &&
                           !(src_.substr(begin, 2) == "0x" || src_.substr(begin, 2) == "0X");
      if (is_alnum(c) || c == '_' || c == '.' || exponent_sign) {
        ++pos_;
      } else {
        break;
      }
    }
    push(PyToken::Kind::number, begin, pos_);
  }

  // Python's checks on bracket nesting, with its messages.
  void close_bracket(char c) {
    if (open_brackets_.empty()) fail(pos_, std::string("unmatched '") + c + "'");
    char open = src_[open_brackets_.back()];
    char expected = open == '(' ? ')' : open == '[' ? ']' : '}';
    if (c != expected) {
      fail(pos_, std::string("closing parenthesis '") + c +
                     "' does not match opening parenthesis '" + open + "'");
    }
    open_brackets_.pop_back();
  }

  void read_operator() {
    char c = src_[pos_];
    if (!kOperatorStart[static_cast<unsigned char>(c)]) {
      fail(pos_, std::string("unexpected character '") + c + "'");
    }
    size_t length = 1;
    for (std::string_view op : kLongOperators) {
      if (op[0] == c && src_.substr(pos_, op.size()) == op) {
        length = op.size();
        break;
      }
    }
    if (c == '(' || c == '[' || c == '{') open_brackets_.push_back(pos_);
    if (c == ')' || c == ']' || c == '}') close_bracket(c);
    push(PyToken::Kind::op, pos_, pos_ + length);
    pos_ += length;
  }

  std::string_view src_;
  const std::string& path_;
  PositionTracker positions_;
  size_t pos_ = 0;
  std::vector<size_t> open_brackets_;  // offsets of the brackets still open
  std::vector<int> indents_;
  std::vector<PyToken> tokens_;
};

}  // namespace

std::vector<PyToken> tokenize_python(std::string_view source, const std::string& path) {
  return Tokenizer(source, path).run();
}

}  // namespace migcheck
