#include "ci/report_json_writer.h"

#include <charconv>
#include <cstdint>
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

// Appends `text` as a JSON string when it is all ASCII; false (with part of
// it appended) at the first byte beyond ASCII.
bool append_escaped_ascii(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // start of the run not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    while (i + 8 <= text.size() && !has_special_byte(byte_words::load(text, i))) i += 8;
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') continue;
    if (c >= 0x80) return false;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    out += '\\';
    switch (c) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '\b':
        out += 'b';
        break;
      case '\f':
        out += 'f';
        break;
      case '\n':
        out += 'n';
        break;
      case '\r':
        out += 'r';
        break;
      case '\t':
        out += 't';
        break;
      default:
        out += "u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out += '"';
  return true;
}

template <typename Number>
void append_number(std::string& out, Number number) {
  char digits[24];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, number);
  out.append(digits, end);
}

}  // namespace

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  buffer_ += counts_.back()++ ? ",\n" : "\n";
  buffer_.append(2 * counts_.size(), ' ');
}

void JsonWriter::begin(char bracket) {
  before_value();
  buffer_ += bracket;
  counts_.push_back(0);
}

void JsonWriter::end(char bracket) {
  bool empty = counts_.back() == 0;
  counts_.pop_back();
  if (!empty) {
    buffer_ += '\n';
    buffer_.append(2 * counts_.size(), ' ');
  }
  buffer_ += bracket;
  if (buffer_.size() >= kFlushBytes) flush();
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
  buffer_ += ": ";
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  before_value();
  append_string(text);
}

void JsonWriter::append_string(std::string_view text) {
  size_t mark = buffer_.size();
  if (!append_escaped_ascii(buffer_, text)) {
    buffer_.resize(mark);
    buffer_ += nlohmann_text(Json(std::string(text)));
  }
}

void JsonWriter::value(long long number) {
  before_value();
  append_number(buffer_, number);
}

void JsonWriter::value(size_t number) {
  before_value();
  append_number(buffer_, number);
}

void JsonWriter::value(bool flag) {
  before_value();
  buffer_ += flag ? "true" : "false";
}

void JsonWriter::value(double number) {
  before_value();
  buffer_ += nlohmann_text(Json(number));
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
  buffer_ += '\n';
  flush();
}

void JsonWriter::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

}  // namespace migcheck
