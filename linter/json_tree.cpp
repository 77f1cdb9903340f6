#include "linter/json_tree.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "linter/byte_words.h"

namespace migcheck {

namespace {

// The four bytes of `text` from `at` (the caller checks there are four).
uint32_t load_half(std::string_view text, size_t at) {
  uint32_t half;
  std::memcpy(&half, text.data() + at, sizeof half);
  return half;
}

// Two keys of the same length, compared without a call to memcmp: the
// linter looks members up nearly two million times on bench's corpora,
// libpg_query's keys are short, and the call cost more than the comparing.
bool same_key(std::string_view a, std::string_view b) {
  size_t n = a.size();
  if (n >= 8 && n <= 16) {
    // Two words that overlap when the key is shorter than 16 bytes.
    return byte_words::load(a, 0) == byte_words::load(b, 0) &&
           byte_words::load(a, n - 8) == byte_words::load(b, n - 8);
  }
  if (n >= 4 && n < 8) {  // "cmds", "subtype", "relname": two half words
    return load_half(a, 0) == load_half(b, 0) && load_half(a, n - 4) == load_half(b, n - 4);
  }
  if (n > 16) return a == b;
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

const JsonNode& JsonNode::null_node() {
  static const JsonNode null;
  return null;
}

const JsonNode& JsonNode::operator[](std::string_view key) const {
  if (kind_ != Kind::object) return null_node();
  // Most members differ from the key in length: that test stays inline.
  for (const JsonNode& member : *this) {
    if (member.key_.size() == key.size() && same_key(member.key_, key)) {
      return member;
    }
  }
  return null_node();
}

const JsonNode& JsonNode::at(size_t index) const {
  if (index >= count_) return null_node();
  auto it = begin();
  while (index--) ++it;
  return *it;
}

std::string_view JsonNode::type() const {
  return kind_ == Kind::object && count_ == 1 ? (this + 1)->key_ : std::string_view();
}

const JsonNode& JsonNode::body() const {
  return kind_ == Kind::object && count_ == 1 ? *(this + 1) : null_node();
}

std::string JsonNode::str() const {
  if (kind_ != Kind::string) return {};
  if (raw_.find('\\') == std::string_view::npos) return std::string(raw_);
  return json_unescape(raw_);
}

long long JsonNode::integer(long long fallback) const {
  if (kind_ != Kind::number) return fallback;
  long long value = fallback;
  std::from_chars(raw_.data(), raw_.data() + raw_.size(), value);
  return value;
}

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

uint32_t read_hex4(std::string_view s, size_t at) {
  uint32_t value = 0;
  if (at + 4 > s.size()) return 0xFFFD;
  std::from_chars(s.data() + at, s.data() + at + 4, value, 16);
  return value;
}

[[noreturn]] void malformed(size_t at) {
  throw std::runtime_error("malformed JSON at byte " + std::to_string(at));
}

}  // namespace

std::string json_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\' || i + 1 == s.size()) {
      out += c;
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        uint32_t cp = read_hex4(s, i + 1);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < s.size() && s[i + 1] == '\\' &&
            s[i + 2] == 'u') {
          uint32_t low = read_hex4(s, i + 3);
          if (low >= 0xDC00 && low < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        append_utf8(out, cp);
        break;
      }
      default:
        out += e;
        break;  // \" \\ \/
    }
  }
  return out;
}

// Iterative so that the deeply nested trees of long expressions cannot overflow
// the stack here (libpg_query itself needs a large stack for those).
JsonDocument::JsonDocument(std::string_view text) {
  nodes_.reserve(text.size() / 12 + 4);
  // The containers open around the current value, innermost last. Their kind
  // and member count are kept here rather than read from the node array,
  // which grows far from them (counts are stored when a container closes).
  struct Open {
    size_t index;
    size_t last_child;  // SIZE_MAX when none yet
    uint32_t count;
    JsonNode::Kind kind;
  };
  std::vector<Open> open;
  size_t i = 0;
  auto skip_ws = [&] {
    // libpg_query writes none: one comparison in the usual case.
    while (i < text.size() && static_cast<unsigned char>(text[i]) <= ' ' &&
           (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) {
      ++i;
    }
  };
  auto scan_string = [&]() -> std::string_view {
    size_t start = ++i;  // after the opening quote
    while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
    if (i >= text.size()) malformed(start);
    return text.substr(start, (i++) - start);
  };
  auto top_is = [&](JsonNode::Kind kind) { return !open.empty() && open.back().kind == kind; };
  auto add_node = [&](JsonNode::Kind kind, std::string_view key) -> JsonNode& {
    size_t index = nodes_.size();
    if (!open.empty()) {
      Open& parent = open.back();
      if (parent.last_child != SIZE_MAX) {
        nodes_[parent.last_child].next_ = static_cast<uint32_t>(index - parent.last_child);
      }
      parent.last_child = index;
      ++parent.count;
    }
    JsonNode& node = nodes_.emplace_back();
    node.kind_ = kind;
    node.key_ = key;
    return node;
  };
  auto close = [&] {
    nodes_[open.back().index].count_ = open.back().count;
    open.pop_back();
  };

  bool expect_value = true;
  while (true) {
    skip_ws();
    if (!expect_value) {
      if (open.empty()) break;  // the root value is complete
      if (i >= text.size()) malformed(i);
      char c = text[i++];
      if (c == ',') {
        expect_value = true;
      } else if ((c == '}' && top_is(JsonNode::Kind::object)) ||
                 (c == ']' && top_is(JsonNode::Kind::array))) {
        close();
      } else {
        malformed(i - 1);
      }
      continue;
    }
    if (i >= text.size()) malformed(i);
    std::string_view key;
    if (top_is(JsonNode::Kind::object)) {
      if (text[i] == '}') {  // empty object
        ++i;
        close();
        expect_value = false;
        continue;
      }
      if (text[i] != '"') malformed(i);
      key = scan_string();
      skip_ws();
      if (i >= text.size() || text[i] != ':') malformed(i);
      ++i;
      skip_ws();
      if (i >= text.size()) malformed(i);
    } else if (top_is(JsonNode::Kind::array) && text[i] == ']') {  // empty array
      ++i;
      close();
      expect_value = false;
      continue;
    }
    char c = text[i];
    if (c == '{' || c == '[') {
      JsonNode::Kind kind = c == '{' ? JsonNode::Kind::object : JsonNode::Kind::array;
      add_node(kind, key);
      open.push_back({nodes_.size() - 1, SIZE_MAX, 0, kind});
      ++i;
      continue;
    }
    expect_value = false;
    if (c == '"') {
      std::string_view raw = scan_string();
      add_node(JsonNode::Kind::string, key).raw_ = raw;
    } else if (c == 't' || c == 'f' || c == 'n') {
      size_t len = c == 'f' ? 5 : 4;
      std::string_view word = text.substr(i, len);
      if (word != "true" && word != "false" && word != "null") malformed(i);
      add_node(c == 'n' ? JsonNode::Kind::null : JsonNode::Kind::boolean, key).raw_ = word;
      i += len;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = i++;
      while (i < text.size() &&
             (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' ||
              text[i] == 'e' || text[i] == 'E' || text[i] == '+' || text[i] == '-')) {
        ++i;
      }
      add_node(JsonNode::Kind::number, key).raw_ = text.substr(start, i - start);
    } else {
      malformed(i);
    }
  }
  if (nodes_.empty()) malformed(0);
}

}  // namespace migcheck
