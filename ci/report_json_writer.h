#pragma once
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace migcheck {

// Writes JSON straight to a stream, laid out byte for byte as nlohmann's
// dump(2) with malformed UTF-8 replaced: reports of thousands of findings
// never exist as a DOM (building one cost more than the whole lint). Members
// come out in the order they are written.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) { buffer_.reserve(kFlushBytes + 4096); }
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The name of the next member of the open object.
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(long long number);
  void value(int number) { value(static_cast<long long>(number)); }
  void value(size_t number);
  void value(bool flag);
  void value(double number);

  // Name-value pairs as one object. A repeated name keeps its first place and
  // takes its last value, as in a JSON object built member by member.
  void object(const std::vector<std::pair<std::string, std::string>>& members);

  // Shorthands for one member.
  template <typename T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

  // Ends the document with a newline and writes out what is buffered.
  void finish();

 private:
  static constexpr size_t kFlushBytes = 64 * 1024;
  void before_value();
  void append_string(std::string_view text);
  void begin(char bracket);
  void end(char bracket);
  void flush();

  std::ostream& out_;
  std::string buffer_;
  // Members written so far in each open container, innermost last.
  std::vector<size_t> counts_;
  bool after_key_ = false;
};

}  // namespace migcheck
