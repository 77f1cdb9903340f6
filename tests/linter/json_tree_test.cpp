#include <doctest/doctest.h>

#include <string>

#include "linter/json_tree.h"

using migcheck::JsonDocument;
using migcheck::JsonNode;

TEST_CASE("json tree reads libpg_query's node shapes") {
  std::string text =
      R"({"version":150001,"stmts":[{"stmt":{"AlterTableStmt":{"relation":{"relname":"t","inh":true},)"
      R"("cmds":[{"AlterTableCmd":{"subtype":"AT_DropColumn","name":"c\"q\u00e9"}}]}},"stmt_len":27},)"
      R"({"stmt":{"SelectStmt":{"targetList":[],"x":null,"y":-1.5e3}},"stmt_location":28}]})";
  JsonDocument doc(text);
  const JsonNode& stmts = doc.root()["stmts"];
  REQUIRE(stmts.size() == 2);
  const JsonNode& alter = stmts.at(0)["stmt"];
  CHECK(alter.type() == "AlterTableStmt");
  CHECK(alter.body()["relation"]["relname"].str() == "t");
  CHECK(alter.body()["relation"]["inh"].boolean());
  CHECK(alter.body()["cmds"].at(0).body()["name"].str() == "c\"q\xC3\xA9");
  CHECK(stmts.at(0)["stmt_len"].integer() == 27);
  CHECK(stmts.at(1)["stmt_location"].integer() == 28);
  CHECK(stmts.at(1)["stmt"].body()["targetList"].size() == 0);
  CHECK(stmts.at(1)["stmt"].body()["y"].raw() == "-1.5e3");
  CHECK(stmts.at(1)["missing"]["deeper"].str().empty());
}

TEST_CASE("json tree survives very deep nesting without recursion") {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "[";
  for (int i = 0; i < 200000; ++i) text += "]";
  JsonDocument doc(text);
  CHECK(doc.root().size() == 1);
}

TEST_CASE("json tree rejects malformed input") {
  CHECK_THROWS(JsonDocument("{\"a\":"));
  CHECK_THROWS(JsonDocument("[1,,]"));
  CHECK_THROWS(JsonDocument("{\"a\" 1}"));
}

// Strings are scanned eight bytes at a time up to a quote or backslash: an
// escape anywhere in or around those words must neither end the string early
// nor be skipped.
TEST_CASE("json tree finds a string's end past escapes at any position") {
  for (size_t at = 0; at <= 20; ++at) {
    for (std::string escape : {"\\\"", "\\\\", "\\n", "\\u00e9"}) {
      std::string inner = std::string(at, 'a') + escape + std::string(9, 'b');
      std::string text = R"({"k":")" + inner + R"(","after":"x"})";
      JsonDocument doc(text);
      CHECK(doc.root()["k"].raw() == inner);
      CHECK(doc.root()["after"].str() == "x");
    }
  }
  CHECK_THROWS(JsonDocument(R"({"k":"never closed \" aaaaaaaaaaaaaaaa)"));
}

// Member keys are compared word by word: every length around the word size,
// and keys that differ from the wanted one only at each single position, so a
// comparison that skips a byte finds the wrong member.
TEST_CASE("json tree finds a member among keys that differ in one byte only") {
  for (size_t length = 1; length <= 20; ++length) {
    std::string key(length, 'k');
    std::string text = "{";
    for (size_t at = 0; at < length; ++at) {
      std::string near = key;
      near[at] = 'x';
      text += "\"" + near + "\":" + std::to_string(at) + ",";
    }
    text += "\"" + key + "\":\"found\"}";
    JsonDocument doc(text);
    INFO("length ", length);
    CHECK(doc.root()[key].str() == "found");
    for (size_t at = 0; at < length; ++at) {
      std::string near = key;
      near[at] = 'x';
      CHECK(doc.root()[near].integer(-1) == static_cast<long long>(at));
    }
    CHECK(doc.root()[key + "k"].is_null());
  }
}
