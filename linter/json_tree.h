#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace migcheck {

// A read-only JSON tree over a text it does not copy, built for libpg_query's
// parse output. nlohmann's DOM costs 10x the parse itself on large files
// (DESIGN.md), so nodes live in one flat pre-order array and strings stay
// slices of the input until asked for. Lookups of missing members return a null
// node, so a chain like `stmt["relation"]["relname"].str()` never throws.
class JsonNode {
 public:
  enum class Kind : uint8_t { null, boolean, number, string, array, object };

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_object() const { return kind_ == Kind::object; }
  bool is_array() const { return kind_ == Kind::array; }
  bool is_string() const { return kind_ == Kind::string; }
  explicit operator bool() const { return kind_ != Kind::null; }

  // Object member by key; the null node when absent or not an object.
  const JsonNode& operator[](std::string_view key) const;
  // Array element (or object member) by position; the null node when out of range.
  const JsonNode& at(size_t index) const;
  size_t size() const { return count_; }

  // The member's key when this node is a value inside an object.
  std::string_view key() const { return key_; }
  // libpg_query wraps each node as {"NodeType": {...}}: the type and the inner object.
  std::string_view type() const;
  const JsonNode& body() const;

  // The string value unescaped; empty unless a string.
  std::string str() const;
  // The raw text: a string's escaped contents, or a number's digits.
  std::string_view raw() const { return raw_; }
  long long integer(long long fallback = 0) const;
  bool boolean() const { return kind_ == Kind::boolean && raw_ == "true"; }

  class Iterator {
   public:
    explicit Iterator(const JsonNode* node) : node_(node) {}
    const JsonNode& operator*() const { return *node_; }
    const JsonNode* operator->() const { return node_; }
    Iterator& operator++() {
      node_ = node_->next_ ? node_ + node_->next_ : nullptr;
      return *this;
    }
    bool operator==(const Iterator&) const = default;

   private:
    const JsonNode* node_;
  };
  // Children of an array or object, in order.
  Iterator begin() const { return Iterator(count_ ? this + 1 : nullptr); }
  Iterator end() const { return Iterator(nullptr); }

  static const JsonNode& null_node();

 private:
  friend class JsonDocument;
  std::string_view key_;
  std::string_view raw_;
  uint32_t next_ = 0;  // offset to the next sibling in the array, 0 when last
  uint32_t count_ = 0;
  Kind kind_ = Kind::null;
};

// Owns the nodes of one parsed text; the text must outlive it.
class JsonDocument {
 public:
  // Throws std::runtime_error on malformed JSON.
  explicit JsonDocument(std::string_view text);
  const JsonNode& root() const { return nodes_.front(); }

 private:
  std::vector<JsonNode> nodes_;
};

// Unescapes the contents of a JSON string literal (without its quotes).
std::string json_unescape(std::string_view escaped);

}  // namespace migcheck
