#include "migrations/alembic/python_string.h"

#include <cctype>

namespace migcheck {
namespace {

void append_utf8(std::string& out, unsigned long code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Reads up to `max_digits` digits of `base` at `at`; returns how many it read.
size_t read_digits(std::string_view text, size_t at, size_t max_digits, int base,
                   unsigned long& value) {
  size_t n = 0;
  value = 0;
  while (n < max_digits && at + n < text.size()) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[at + n])));
    int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                                                            : 99;
    if (digit >= base) break;
    value = value * base + digit;
    ++n;
  }
  return n;
}

class Decoder {
 public:
  Decoder(std::string_view source, const PyToken& token) : src_(source), token_(token) {}

  DecodedString run() {
    size_t pos = token_.begin;
    bool raw = false;
    bool format = false;
    while (src_[pos] != '\'' && src_[pos] != '"') {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(src_[pos])));
      raw |= c == 'r';
      format |= c == 'f';
      out_.is_bytes |= c == 'b';
      ++pos;
    }
    size_t quote =
        src_.substr(pos, 3) == std::string(3, src_[pos]) && token_.end - pos >= 6 ? 3 : 1;
    size_t content_end = token_.end - quote;
    pos += quote;
    run_file_ = pos;
    while (pos < content_end) {
      char c = src_[pos];
      if (c == '\\' && !raw) {
        pos = escape(pos);
      } else if (c == '\\') {
        pos = std::min(pos + 2, content_end);  // a raw escape keeps both characters
        out_.value.append(src_.substr(pos - 2, 2));
      } else if (format && (c == '{' || c == '}')) {
        if (pos + 1 < content_end && src_[pos + 1] == c) {
          replace(pos, pos + 2, std::string(1, c));
          pos += 2;
        } else {
          pos = placeholder(pos, content_end);
        }
      } else {
        out_.value += c;
        ++pos;
      }
    }
    close_run(content_end);
    return std::move(out_);
  }

 private:
  // Ends the current exact run at file offset `file_end`.
  void close_run(size_t file_end) {
    if (out_.value.size() > run_value_) {
      out_.pieces.push_back({run_value_, out_.value.size(), run_file_, file_end, true});
    }
    run_value_ = out_.value.size();
  }

  // Puts `decoded` in the value for the source bytes [begin, end) as one
  // inexact piece, then starts a new exact run after it.
  void replace(size_t begin, size_t end, const std::string& decoded) {
    close_run(begin);
    if (!decoded.empty()) {
      out_.pieces.push_back(
          {out_.value.size(), out_.value.size() + decoded.size(), begin, end,
           decoded.size() == end - begin && decoded == src_.substr(begin, end - begin)});
      out_.value += decoded;
    }
    run_value_ = out_.value.size();
    run_file_ = end;
  }

  // Records the f-string placeholder starting at `pos` (a lone `}`, which
  // Python refuses, as an empty one) and returns the offset after it.
  size_t placeholder(size_t pos, size_t content_end) {
    size_t end = pos + 1;
    if (src_[pos] == '{') {
      for (int depth = 1; end < content_end && depth > 0; ++end) {
        if (src_[end] == '{' || src_[end] == '[' || src_[end] == '(') ++depth;
        if (src_[end] == '}' || src_[end] == ']' || src_[end] == ')') --depth;
      }
    }
    close_run(pos);
    size_t inner_end = end > pos + 1 && src_[end - 1] == '}' ? end - 1 : end;
    out_.placeholders.push_back(
        {out_.value.size(), pos, end, src_.substr(pos + 1, inner_end - (pos + 1))});
    run_file_ = end;
    return end;
  }

  size_t escape(size_t pos) {
    size_t begin = pos;
    char c = src_[pos + 1];
    std::string decoded;
    size_t end = pos + 2;
    unsigned long code = 0;
    switch (c) {
      case '\n':
        break;
      case '\r':
        end = src_[pos + 2] == '\n' ? pos + 3 : pos + 2;
        break;
      case '\\':
      case '\'':
      case '"':
        decoded = std::string(1, c);
        break;
      case 'a':
        decoded = "\a";
        break;
      case 'b':
        decoded = "\b";
        break;
      case 'f':
        decoded = "\f";
        break;
      case 'n':
        decoded = "\n";
        break;
      case 'r':
        decoded = "\r";
        break;
      case 't':
        decoded = "\t";
        break;
      case 'v':
        decoded = "\v";
        break;
      case 'x':
        if (read_digits(src_, pos + 2, 2, 16, code) == 2) {
          end = pos + 4;
          if (out_.is_bytes)
            decoded = std::string(1, static_cast<char>(code));
          else
            append_utf8(decoded, code);
        } else {
          decoded = src_.substr(pos, 2);
        }
        break;
      case 'u':
      case 'U': {
        size_t want = c == 'u' ? 4 : 8;
        if (!out_.is_bytes && read_digits(src_, pos + 2, want, 16, code) == want) {
          end = pos + 2 + want;
          append_utf8(decoded, code);
        } else {
          decoded = src_.substr(pos, 2);
        }
        break;
      }
      default:
        if (c >= '0' && c <= '7') {
          end = pos + 1 + read_digits(src_, pos + 1, 3, 8, code);
          if (out_.is_bytes)
            decoded = std::string(1, static_cast<char>(code & 0xFF));
          else
            append_utf8(decoded, code);
        } else {
          decoded = src_.substr(pos, 2);  // unknown escapes (and \N{...}) stay as written
        }
    }
    replace(begin, end, decoded);
    return end;
  }

  std::string_view src_;
  const PyToken& token_;
  DecodedString out_;
  size_t run_value_ = 0;
  size_t run_file_ = 0;
};

}  // namespace

DecodedString decode_python_string(std::string_view source, const PyToken& token) {
  return Decoder(source, token).run();
}

}  // namespace migcheck
