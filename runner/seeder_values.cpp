#include "runner/seeder_values.h"

#include <cstdio>
#include <string_view>
#include <vector>

namespace migcheck {
namespace {

template <size_t N>
std::string pick(SeedRandom& random, const char* const (&pool)[N]) {
  return pool[random.below(N)];
}

// Text as applications meet it, most of it what a number or date parser rejects.
constexpr const char* kTexts[] = {
    "",
    " leading space",
    "trailing space ",
    "MiXeD Case",
    "UPPER CASE",
    "lower case",
    "not a number",
    "12.50",
    "1,234.56",
    "2024-02-30",
    "naïve café",
    "Ελληνικά",
    "日本語のテキスト",
    "emoji 🙂",
    "O'Brien",
    "back\\slash",
    "tab\there",
    "line\nbreak",
    "NULL",
    "0",
    "-1",
    "true",
    "x",
    "repeated",
    "repeated",
};
constexpr const char* kWords[] = {"alpha", "Bravo", "charlie", "Delta", "echo", "Foxtrot"};

// Keeps the first `length` characters of UTF-8 `text`.
std::string cut(const std::string& text, int length) {
  if (length < 0) return text;
  size_t at = 0;
  for (int count = 0; at < text.size() && count < length; ++count) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  return text.substr(0, at);
}

std::string text_value(const SeedColumn& column, SeedRandom& random, bool unique,
                       uint64_t ordinal) {
  if (unique) {
    // Distinct for distinct ordinals, whatever the decoration.
    static constexpr const char* kForms[] = {"u%llu", " U%llu", "ü%llu ", "Key-%llu"};
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, kForms[random.below(4)],
                  static_cast<unsigned long long>(ordinal));
    return cut(buffer, column.length);
  }
  switch (random.below(4)) {
    case 0:
    case 1:
      return cut(pick(random, kTexts), column.length);
    case 2:
      return cut(pick(random, kWords) + std::string(" ") + std::to_string(random.below(1000)),
                 column.length);
    default:  // the longest the column takes, or a long one
      return std::string(
          column.length > 0 ? static_cast<size_t>(column.length) : 200 + random.below(300), 'x');
  }
}

std::string integer_value(const std::string& base, SeedRandom& random, bool unique,
                          uint64_t ordinal) {
  if (unique) return std::to_string(ordinal);
  const char* max = base == "int2"   ? "32767"
                    : base == "int4" ? "2147483647"
                                     : "9223372036854775807";
  const char* min = base == "int2"   ? "-32768"
                    : base == "int4" ? "-2147483648"
                                     : "-9223372036854775808";
  switch (random.below(8)) {
    case 0:
      return "0";
    case 1:
      return "-1";
    case 2:
      return max;
    case 3:
      return min;
    case 4:
      return "1";
    default:
      return std::to_string(random.below(1000));
  }
}

std::string numeric_value(const SeedColumn& column, SeedRandom& random, bool unique,
                          uint64_t ordinal) {
  int digits = column.precision < 0 ? 12 : column.precision - column.scale;
  int scale = column.precision < 0 ? static_cast<int>(random.below(4)) : column.scale;
  std::string whole;
  if (unique) {
    whole = std::to_string(ordinal);
  } else if (random.chance(15)) {
    whole = digits > 0 ? std::string(static_cast<size_t>(digits), '9') : "0";  // the extreme
  } else if (random.chance(15)) {
    whole = "0";
  } else {
    uint64_t bound = 1;
    for (int i = 0; i < digits && i < 6; ++i) bound *= 10;
    whole = std::to_string(random.below(bound));
  }
  std::string fraction;
  for (int i = 0; i < scale; ++i) fraction += static_cast<char>('0' + random.below(10));
  std::string sign = !unique && random.chance(20) ? "-" : "";
  return sign + whole + (fraction.empty() ? "" : "." + fraction);
}

// Days since 1970-01-01 as YYYY-MM-DD (Howard Hinnant's civil_from_days).
std::string date_of(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04ld-%02ld-%02ld", m <= 2 ? y + 1 : y, m, d);
  return buffer;
}

std::string time_of(uint64_t seconds) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%02u:%02u:%02u", static_cast<unsigned>(seconds / 3600 % 24),
                static_cast<unsigned>(seconds / 60 % 60), static_cast<unsigned>(seconds % 60));
  return buffer;
}

std::string date_value(SeedRandom& random, bool unique, uint64_t ordinal) {
  if (unique) return date_of(10957 + static_cast<long>(ordinal));  // from 2000-01-01 on
  switch (random.below(8)) {
    case 0:
      return "0001-01-01";
    case 1:
      return "9999-12-31";
    case 2:
      return "1970-01-01";
    case 3:
      return "2000-02-29";
    default:
      return date_of(10957 + static_cast<long>(random.below(10000)));
  }
}

std::string datetime_value(const std::string& base, SeedRandom& random, bool unique,
                           uint64_t ordinal) {
  const bool zoned = base == "timestamptz" || base == "timetz";
  const std::string zone = zoned ? (random.chance(50) ? "+00" : "+05:30") : "";
  if (base == "time" || base == "timetz") {
    if (unique) return time_of(ordinal) + zone;
    if (random.chance(20)) return "23:59:59.999999" + zone;
    return time_of(random.below(86400)) + zone;
  }
  if (base == "interval") {
    if (unique) return std::to_string(ordinal) + " seconds";
    static constexpr const char* kIntervals[] = {
        "0", "1 day", "-3 hours", "1 year 2 mons", "100000 years", "00:00:00.5"};
    return pick(random, kIntervals);
  }
  if (unique) {
    return date_of(10957 + static_cast<long>(ordinal / 86400)) + " " + time_of(ordinal) + zone;
  }
  return date_value(random, false, 0) + " " + time_of(random.below(86400)) + zone;
}

std::string hex(uint64_t value, int digits) {
  std::string text;
  for (int i = digits - 1; i >= 0; --i) text += "0123456789abcdef"[(value >> (4 * i)) & 15];
  return text;
}

std::string uuid_value(SeedRandom& random) {
  uint64_t high = random.next(), low = random.next();
  std::string digits = hex(high, 16) + hex(low, 16);
  return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" +
         digits.substr(16, 4) + "-" + digits.substr(20);
}

std::string json_value(SeedRandom& random, bool unique, uint64_t ordinal) {
  if (unique) return "{\"id\": " + std::to_string(ordinal) + "}";
  static constexpr const char* kJson[] = {"{}",
                                          "[]",
                                          "null",
                                          "\"text\"",
                                          "0",
                                          "{\"a\": 1, \"b\": [true, null]}",
                                          "{\"name\": \"naïve\", \"nested\": {\"k\": [1, 2, 3]}}",
                                          "[{\"id\": 1}, {\"id\": 2}]"};
  return pick(random, kJson);
}

std::string network_value(const std::string& base, SeedRandom& random, bool unique,
                          uint64_t ordinal) {
  if (base == "macaddr" || base == "macaddr8") {
    uint64_t bits = unique ? ordinal : random.next();
    std::string text = "08:00";
    for (int i = 3; i >= 0; --i) text += ":" + hex(bits >> (8 * i), 2);
    return base == "macaddr8" ? text + ":00:00" : text;
  }
  if (unique) {
    return "10." + std::to_string(ordinal >> 16 & 255) + "." + std::to_string(ordinal >> 8 & 255) +
           "." + std::to_string(ordinal & 255) + (base == "cidr" ? "/32" : "");
  }
  static constexpr const char* kInet[] = {"192.168.0.1", "10.0.0.0/8", "::1", "2001:db8::1",
                                          "255.255.255.255"};
  static constexpr const char* kCidr[] = {"10.0.0.0/8", "192.168.1.0/24", "::/0", "2001:db8::/32"};
  return base == "cidr" ? pick(random, kCidr) : pick(random, kInet);
}

std::optional<std::string> range_value(const std::string& base, SeedRandom& random, bool unique,
                                       uint64_t ordinal) {
  if (base == "int4range" || base == "int8range" || base == "numrange") {
    if (unique) return "[" + std::to_string(ordinal) + "," + std::to_string(ordinal + 1) + ")";
    static constexpr const char* kRanges[] = {"[1,10)", "empty", "(,5]", "[0,)", "[3,3]"};
    return pick(random, kRanges);
  }
  std::string from = date_value(random, false, 0);
  std::string to = date_of(20000 + static_cast<long>(random.below(1000)));
  if (from > to) std::swap(from, to);
  if (base == "daterange") return random.chance(15) ? "empty" : "[" + from + "," + to + ")";
  if (base == "tsrange" || base == "tstzrange") return "[" + from + " 00:00," + to + " 12:00)";
  return std::nullopt;
}

// A value of a non-array type.
std::optional<std::string> scalar_value(const SeedColumn& column, SeedRandom& random, bool unique,
                                        uint64_t ordinal) {
  const std::string& base = column.base;
  if (!column.labels.empty()) {
    return column
        .labels[unique ? ordinal % column.labels.size() : random.below(column.labels.size())];
  }
  if (base == "int2" || base == "int4" || base == "int8") {
    return integer_value(base, random, unique, ordinal);
  }
  if (base == "numeric") return numeric_value(column, random, unique, ordinal);
  if (base == "float4" || base == "float8") {
    if (unique) return std::to_string(ordinal) + ".5";
    static constexpr const char* kFloats[] = {"0", "-1.5", "3.14159", "1e30", "-1e-30", "42"};
    return pick(random, kFloats);
  }
  if (base == "money")
    return unique ? std::to_string(ordinal) + ".25" : numeric_value(column, random, false, 0);
  if (base == "bool")
    return unique ? (ordinal % 2 ? "true" : "false") : random.chance(50) ? "true" : "false";
  if (base == "date") return date_value(random, unique, ordinal);
  if (base == "timestamp" || base == "timestamptz" || base == "time" || base == "timetz" ||
      base == "interval") {
    return datetime_value(base, random, unique, ordinal);
  }
  if (base == "uuid") return uuid_value(random);
  if (base == "json" || base == "jsonb") return json_value(random, unique, ordinal);
  if (base == "bytea") {
    if (unique) return "\\x" + hex(ordinal, 16);
    static constexpr const char* kBytes[] = {"\\x", "\\xdeadbeef", "\\x00ff00", "\\x41"};
    return pick(random, kBytes);
  }
  if (base == "inet" || base == "cidr" || base == "macaddr" || base == "macaddr8") {
    return network_value(base, random, unique, ordinal);
  }
  if (base == "bit" || base == "varbit") {
    std::string bits;
    int length = column.length > 0 ? column.length : 8;
    uint64_t source = unique ? ordinal : random.next();
    for (int i = 0; i < length; ++i) bits += (source >> (i % 64)) & 1 ? '1' : '0';
    return bits;
  }
  if (column.category == 'R') return range_value(base, random, unique, ordinal);
  if (base == "tsvector") return unique ? "word" + std::to_string(ordinal) : "a fat cat";
  if (base == "tsquery") return "fat & cat";
  if (base == "xml") return "<a>" + std::to_string(unique ? ordinal : random.below(100)) + "</a>";
  if (base == "point") return "(" + std::to_string(unique ? ordinal : random.below(100)) + ",2)";
  if (column.category == 'S')
    return text_value(column, random, unique, ordinal);  // text, varchar, citext, name
  return std::nullopt;
}

// An array literal's element: quoted, with its quotes and backslashes escaped.
std::string array_element(const std::string& value) {
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::optional<std::string> seed_value(const SeedColumn& column, SeedRandom& random,
                                      uint64_t ordinal) {
  if (!column.array) return scalar_value(column, random, column.unique, ordinal);
  if (!column.unique && random.chance(20)) return "{}";
  std::string literal = "{";
  size_t count = 1 + random.below(3);
  for (size_t i = 0; i < count; ++i) {
    std::optional<std::string> element =
        scalar_value(column, random, column.unique && i == 0, ordinal);
    if (!element) return std::nullopt;
    literal += (i == 0 ? "" : ",") + array_element(*element);
  }
  return literal + "}";
}

std::string sql_literal(const std::string& value) {
  std::string literal = "'";
  for (char c : value) {
    if (c == '\'') literal += '\'';
    literal += c;
  }
  return literal + "'";
}

}  // namespace migcheck
