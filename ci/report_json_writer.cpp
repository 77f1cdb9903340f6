#include "ci/report_json_writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "linter/byte_words.h"

namespace migcheck {

namespace {

using Json = nlohmann::ordered_json;

// nlohmann's text for values whose exact spelling is its own business: a
// double, and a string with bytes beyond ASCII (validated, malformed
// sequences replaced by U+FFFD).
std::string nlohmann_text(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Whether any of the eight bytes in `word` needs more than copying into a
// JSON string: a control character, '"', '\\' or a byte beyond ASCII. A
// report's text is nearly all plain: its messages and help are most of a large
// report's bytes.
bool has_special_byte(uint64_t word) {
  using namespace byte_words;
  return has_below(word, 0x20) || has(word, '"') || has(word, '\\') || has_high(word);
}

// Writes `text` as a JSON string at `out`, which has room for 6 bytes per
// byte of text and the quotes (the longest escape is \u00XX); returns the end
// of what it wrote, or nullptr at the first byte beyond ASCII.
char* escape_ascii(char* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; };
  *out++ = '"';
  size_t i = 0;
  while (true) {
    size_t run = i;
    while (i + 8 <= text.size() && !has_special_byte(byte_words::load(text, i))) i += 8;
    while (i < text.size() && plain(static_cast<unsigned char>(text[i]))) ++i;
    std::memcpy(out, text.data() + run, i - run);
    out += i - run;
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i++]);
    if (c >= 0x80) return nullptr;
    *out++ = '\\';
    switch (c) {
      case '"':
        *out++ = '"';
        break;
      case '\\':
        *out++ = '\\';
        break;
      case '\b':
        *out++ = 'b';
        break;
      case '\f':
        *out++ = 'f';
        break;
      case '\n':
        *out++ = 'n';
        break;
      case '\r':
        *out++ = 'r';
        break;
      case '\t':
        *out++ = 't';
        break;
      default:
        *out++ = 'u';
        *out++ = '0';
        *out++ = '0';
        *out++ = kHex[c >> 4];
        *out++ = kHex[c & 0xF];
    }
  }
  *out++ = '"';
  return out;
}

}  // namespace

char* JsonWriter::room(size_t bytes) {
  if (used_ + bytes > kBufferBytes) flush();
  return buffer_.get() + used_;
}

void JsonWriter::append(std::string_view bytes) {
  if (bytes.size() > kBufferBytes) {
    flush();
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return;
  }
  std::memcpy(room(bytes.size()), bytes.data(), bytes.size());
  used_ += bytes.size();
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  size_t indent = 2 * counts_.size();
  char* at = room(indent + 2);
  if (counts_.back()++) *at++ = ',';
  *at++ = '\n';
  std::memset(at, ' ', indent);
  used_ = static_cast<size_t>(at + indent - buffer_.get());
}

void JsonWriter::begin(char bracket) {
  before_value();
  append(std::string_view(&bracket, 1));
  counts_.push_back(0);
}

void JsonWriter::end(char bracket) {
  bool empty = counts_.back() == 0;
  counts_.pop_back();
  size_t indent = empty ? 0 : 2 * counts_.size();
  char* at = room(indent + 2);
  if (!empty) {
    *at++ = '\n';
    std::memset(at, ' ', indent);
    at += indent;
  }
  *at++ = bracket;
  used_ = static_cast<size_t>(at - buffer_.get());
  if (used_ >= kFlushBytes) flush();
}

void JsonWriter::begin_object() {
  begin('{');
}
void JsonWriter::end_object() {
  end('}');
}
void JsonWriter::begin_array() {
  begin('[');
}
void JsonWriter::end_array() {
  end(']');
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_string(name);
  append(": ");
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  before_value();
  append_string(text);
}

void JsonWriter::encoded_value(std::string_view json_text) {
  before_value();
  append(json_text);
}

std::string JsonWriter::encoded(std::string_view text) {
  std::string escaped(6 * text.size() + 2, '\0');
  char* end = escape_ascii(escaped.data(), text);
  if (!end) return nlohmann_text(Json(std::string(text)));
  escaped.resize(static_cast<size_t>(end - escaped.data()));
  return escaped;
}

void JsonWriter::append_string(std::string_view text) {
  size_t most = 6 * text.size() + 2;
  if (most > kBufferBytes) return append(encoded(text));  // longer than the buffer holds
  if (char* end = escape_ascii(room(most), text)) {
    used_ = static_cast<size_t>(end - buffer_.get());
    return;
  }
  append(nlohmann_text(Json(std::string(text))));
}

template <typename Number>
void JsonWriter::append_number(Number number) {
  before_value();
  constexpr size_t kMostDigits = 24;
  char* at = room(kMostDigits);
  used_ = static_cast<size_t>(std::to_chars(at, at + kMostDigits, number).ptr - buffer_.get());
}

void JsonWriter::value(long long number) {
  append_number(number);
}

void JsonWriter::value(size_t number) {
  append_number(number);
}

void JsonWriter::value(bool flag) {
  before_value();
  append(flag ? "true" : "false");
}

void JsonWriter::value(double number) {
  before_value();
  append(nlohmann_text(Json(number)));
}

void JsonWriter::object(const std::vector<std::pair<std::string, std::string>>& members) {
  begin_object();
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string& name = members[i].first;
    bool seen = false;
    for (size_t j = 0; j < i && !seen; ++j) seen = members[j].first == name;
    if (seen) continue;
    const std::string* value = &members[i].second;
    for (size_t j = i + 1; j < members.size(); ++j) {
      if (members[j].first == name) value = &members[j].second;
    }
    member(name, *value);
  }
  end_object();
}

void JsonWriter::finish() {
  append("\n");
  flush();
}

void JsonWriter::flush() {
  out_.write(buffer_.get(), static_cast<std::streamsize>(used_));
  used_ = 0;
}

}  // namespace migcheck
