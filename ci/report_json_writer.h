#pragma once
#include <cstddef>
#include <memory>
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
  explicit JsonWriter(std::ostream& out) : out_(out), buffer_(new char[kBufferBytes]) {}
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
  // A string value given as the JSON text encoded() made of it: for a text
  // written many times, encoded once.
  void encoded_value(std::string_view json_text);
  // `text` as a JSON string literal, quotes included, as value() writes it.
  static std::string encoded(std::string_view text);

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
  // Written out when a container ends past kFlushBytes; never more than
  // kBufferBytes held (a longer string is written on its own).
  static constexpr size_t kFlushBytes = 64 * 1024;
  static constexpr size_t kBufferBytes = 2 * kFlushBytes;
  void before_value();
  void append_string(std::string_view text);
  void append(std::string_view bytes);
  template <typename Number>
  void append_number(Number number);
  // Room for `bytes` more (at most kBufferBytes), flushing first if needed;
  // the caller writes there and then sets used_.
  char* room(size_t bytes);
  void begin(char bracket);
  void end(char bracket);
  void flush();

  std::ostream& out_;
  // A plain array, not a std::string: a report is millions of small appends,
  // and each of std::string's checked its capacity and wrote a terminator.
  std::unique_ptr<char[]> buffer_;
  size_t used_ = 0;
  // Members written so far in each open container, innermost last.
  std::vector<size_t> counts_;
  bool after_key_ = false;
};

}  // namespace migcheck
