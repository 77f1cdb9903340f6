#include "ci/report_json_writer.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace migcheck::testing {

using Json = nlohmann::ordered_json;

namespace {

// Writes `json` through JsonWriter, walking the DOM, so the result can be
// compared with nlohmann's own dump of the same value.
void write(JsonWriter& writer, const Json& json) {
  if (json.is_object()) {
    writer.begin_object();
    for (const auto& item : json.items()) {
      writer.key(item.key());
      write(writer, item.value());
    }
    writer.end_object();
  } else if (json.is_array()) {
    writer.begin_array();
    for (const Json& element : json) write(writer, element);
    writer.end_array();
  } else if (json.is_string()) {
    writer.value(json.get_ref<const std::string&>());
  } else if (json.is_boolean()) {
    writer.value(json.get<bool>());
  } else if (json.is_number_unsigned()) {
    writer.value(json.get<size_t>());
  } else if (json.is_number_integer()) {
    writer.value(json.get<long long>());
  } else {
    writer.value(json.get<double>());
  }
}

std::string streamed(const Json& json) {
  std::ostringstream out;
  JsonWriter writer(out);
  write(writer, json);
  writer.finish();
  return out.str();
}

std::string dumped(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_SUITE("test_ci") {
  TEST_CASE("JsonWriter: the same bytes as nlohmann's dump(2), tricky strings included") {
    Json json = {
        {"version", 1},
        {"empty_array", Json::array()},
        {"empty_object", Json::object()},
        {"escapes", "quote \" backslash \\ slash / \b\f\n\r\t \x01\x1f\x7f end"},
        {"utf8", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"},
        {"malformed", "bad \xff byte, truncated \xE2\x82"},
        {"numbers", {0, -7, 1234567890123LL, size_t{18446744073709551615ULL}, 0.25, 1e-7, 3.0}},
        {"flags", {true, false}},
        {"nested", {{{"a", {{"b", Json::array({Json::object(), "x"})}}}}, Json::array()}},
        {"", "empty key"},
    };
    CHECK(streamed(json) == dumped(json));
  }

  // Plain text is checked eight bytes at a time: a byte needing care must be
  // seen at every place in and around those eight-byte words.
  TEST_CASE("JsonWriter: a special byte at any position of plain text") {
    const std::string specials[] = {"\"",   "\\",       "\n",   "\x01", "\x1f",
                                    "\x7f", "\xC3\xA9", "\xff", " ",    "~"};
    Json strings = Json::array();
    for (size_t length = 0; length <= 20; ++length) {
      for (size_t at = 0; at <= length; ++at) {
        for (const std::string& special : specials) {
          std::string text(length, 'a');
          text.insert(at, special);
          strings.push_back(text);
        }
      }
    }
    CHECK(streamed(strings) == dumped(strings));
  }

  TEST_CASE("JsonWriter: pairs as an object, a repeated name as nlohmann keeps it") {
    std::vector<std::pair<std::string, std::string>> pairs = {
        {"lock", "SHARE"}, {"rewrite", "no"}, {"lock", "ACCESS EXCLUSIVE"}};
    Json json = Json::object();
    for (const auto& [name, value] : pairs) json[name] = value;
    std::ostringstream out;
    JsonWriter writer(out);
    writer.object(pairs);
    writer.finish();
    CHECK(out.str() == dumped(json));
    CHECK(json.size() == 2);
  }

  // The writer holds at most 128 KB: a string that escaped could exceed it is
  // written on its own, and one that fills most of it makes the next value
  // flush first.
  TEST_CASE("JsonWriter: strings around and beyond the size of its buffer") {
    Json json = Json::array();
    for (size_t length : {20000, 21845, 21846, 70000, 140000, 300000}) {
      std::string plain(length, 'p');
      std::string escapes(length, '\n');
      std::string beyond_ascii = plain;
      beyond_ascii[length / 2] = '\xC3';
      beyond_ascii[length / 2 + 1] = '\xA9';
      json.push_back(
          {{"plain", plain}, {"escapes", escapes}, {"utf8", beyond_ascii}, {"n", length}});
    }
    CHECK(streamed(json) == dumped(json));
  }

  TEST_CASE("JsonWriter: scalars and empty containers at the top level") {
    for (const Json& json : {Json("text"), Json(42), Json::array(), Json::object()}) {
      CHECK(streamed(json) == dumped(json));
    }
  }
}

}  // namespace migcheck::testing
