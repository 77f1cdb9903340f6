#include "linter/tokens.h"

#include <pg_query.h>

#include <cctype>
#include <cstdint>
#include <string>

namespace migcheck {

namespace {

// pg_query_scan answers in protobuf (pg_query.proto: ScanResult { repeated
// ScanToken tokens = 2 }, ScanToken { start = 1, end = 2, token = 4,
// keyword_kind = 5 }). The few fields we need are varints, so a small reader
// saves a dependency on protobuf-c's headers.
class ProtoReader {
 public:
  ProtoReader(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  bool done() const { return p_ >= end_ || failed_; }
  uint64_t varint() {
    uint64_t value = 0;
    for (int shift = 0; p_ < end_ && shift < 64; shift += 7) {
      uint8_t byte = *p_++;
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    failed_ = true;
    return 0;
  }
  // Returns the field's bytes for a length-delimited field, skipping others.
  bool field(uint32_t& number, uint64_t& value, ProtoReader& nested) {
    uint64_t tag = varint();
    if (failed_) return false;
    number = static_cast<uint32_t>(tag >> 3);
    switch (tag & 7) {
      case 0:
        value = varint();
        return !failed_;
      case 2: {
        uint64_t len = varint();
        if (failed_ || len > static_cast<uint64_t>(end_ - p_)) return failed_ = true, false;
        nested = ProtoReader(p_, len);
        p_ += len;
        return true;
      }
      case 1:
        p_ += 8;
        return p_ <= end_;
      case 5:
        p_ += 4;
        return p_ <= end_;
      default:
        failed_ = true;
        return false;
    }
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  bool failed_ = false;
};

constexpr uint64_t kIdent = 258, kUident = 259, kFconst = 260, kSconst = 261, kUsconst = 262,
                   kBconst = 263, kXconst = 264, kIconst = 266, kSqlComment = 275, kCComment = 276;

Token::Kind classify(uint64_t token, uint64_t keyword_kind) {
  if (keyword_kind != 0) return Token::Kind::keyword;
  switch (token) {
    case kIdent:
    case kUident:
      return Token::Kind::identifier;
    case kSconst:
    case kUsconst:
    case kBconst:
    case kXconst:
      return Token::Kind::string;
    case kIconst:
    case kFconst:
      return Token::Kind::number;
    case kSqlComment:
    case kCComment:
      return Token::Kind::comment;
    default:
      return token < 256 ? Token::Kind::punctuation : Token::Kind::other;
  }
}

}  // namespace

std::vector<Token> scan_tokens(std::string_view text) {
  std::string terminated(text);
  PgQueryScanResult result = pg_query_scan(terminated.c_str());
  std::vector<Token> tokens;
  if (!result.error) {
    ProtoReader reader(reinterpret_cast<const uint8_t*>(result.pbuf.data), result.pbuf.len);
    uint32_t number;
    uint64_t value;
    ProtoReader nested(nullptr, 0);
    while (!reader.done() && reader.field(number, value, nested)) {
      if (number != 2) continue;
      uint64_t start = 0, end = 0, token = 0, keyword = 0;
      ProtoReader inner(nullptr, 0);
      while (!nested.done() && nested.field(number, value, inner)) {
        if (number == 1) start = value;
        if (number == 2) end = value;
        if (number == 4) token = value;
        if (number == 5) keyword = value;
      }
      tokens.push_back({start, end, classify(token, keyword)});
    }
  }
  pg_query_free_scan_result(result);
  return tokens;
}

std::string normalized_word(std::string_view text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    std::string word;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      word += text[i];
      if (text[i] == '"') ++i;  // "" inside a quoted identifier
    }
    return word;
  }
  std::string word(text);
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

std::vector<std::pair<size_t, size_t>> statement_ranges(std::string_view sql,
                                                        const std::vector<Token>& tokens) {
  std::vector<std::pair<size_t, size_t>> statements;
  constexpr size_t kNone = std::string_view::npos;  // not std::optional: GCC 12 -O2 misreports it
  size_t begin = kNone;
  size_t last_end = 0;
  for (const Token& token : tokens) {
    if (token.kind == Token::Kind::comment) continue;
    if (begin == kNone) begin = token.begin;
    last_end = token.end;
    if (token.kind == Token::Kind::punctuation && sql.substr(token.begin, 1) == ";") {
      statements.emplace_back(begin, token.end);
      begin = kNone;
    }
  }
  if (begin != kNone) statements.emplace_back(begin, last_end);
  return statements;
}

std::vector<std::pair<size_t, size_t>> statement_ranges(std::string_view sql) {
  return statement_ranges(sql, scan_tokens(sql));
}

}  // namespace migcheck
