#pragma once
#include <string>
#include <string_view>

namespace migcheck {

// Small text helpers the modules share. ASCII only: SQL keywords, Python
// names, configuration keys and protocol headers are ASCII, and bytes beyond
// it (UTF-8) pass through unchanged, as with std::tolower in the C locale.

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = ascii_lower(c);
  return lower;
}

inline bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// `text` without the blanks (space, tab, line breaks, form and line feeds)
// at either end.
inline std::string_view trim_blanks(std::string_view text) {
  constexpr std::string_view kBlanks = " \t\n\v\f\r";
  size_t first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlanks) + 1 - first);
}

// The same, as a string of its own.
inline std::string trimmed(std::string_view text) {
  return std::string(trim_blanks(text));
}

}  // namespace migcheck
