#include "migrations/alembic/python_encoding.h"

#include <iconv.h>

#include <cctype>
#include <cerrno>
#include <optional>
#include <string_view>
#include <vector>

#include "linter/input_error.h"

namespace migcheck {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Where a coding declaration names its encoding.
struct Declaration {
  std::string name;
  int line;
  int column;  // of the name
};

[[noreturn]] void fail(const std::string& path, int line, int column, const std::string& what) {
  throw InputError(path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what);
}

bool is_name_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// tokenize.detect_encoding's search: the cookie regex
// ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+) on line 1, then on line 2 when
// line 1 is blank or a comment.
std::optional<Declaration> find_declaration(std::string_view text) {
  size_t offset = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  for (int line = 1; line <= 2 && offset <= text.size(); ++line) {
    size_t end = std::min(text.find('\n', offset), text.size());
    std::string_view content = text.substr(offset, end - offset);
    size_t first = content.find_first_not_of(" \t\f");
    if (first == std::string_view::npos || content[first] == '\r') {
      offset = end + 1;  // a blank line: the declaration may follow
      continue;
    }
    if (content[first] != '#') return std::nullopt;
    for (size_t at = content.find("coding", first); at != std::string_view::npos;
         at = content.find("coding", at + 1)) {
      size_t name = at + 6;
      if (name >= content.size() || (content[name] != ':' && content[name] != '=')) continue;
      ++name;
      while (name < content.size() && (content[name] == ' ' || content[name] == '\t')) ++name;
      size_t name_end = name;
      while (name_end < content.size() && is_name_character(content[name_end])) ++name_end;
      if (name_end == name) continue;
      return Declaration{std::string(content.substr(name, name_end - name)), line,
                         static_cast<int>(name) + 1};
    }
    offset = end + 1;
  }
  return std::nullopt;
}

// The tokenizer's get_normal_name: utf-8 and latin-1 spellings, by prefix.
std::string normal_name(const std::string& name) {
  std::string head;
  for (char c : name.substr(0, 12)) {
    head += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (head == "utf-8" || head.starts_with("utf-8-")) return "utf-8";
  for (const char* latin1 : {"latin-1", "iso-8859-1", "iso-latin-1"}) {
    if (head == latin1 || head.starts_with(std::string(latin1) + "-")) return "iso-8859-1";
  }
  return name;
}

// The names iconv may know a Python codec by: Python's own normalisation
// (lower case, runs of other characters than letters, digits and '.' as one
// '_'), spelled with '-' and without separators, after the aliases of Python
// codecs glibc names differently.
std::vector<std::string> iconv_names(const std::string& name) {
  std::string normalized;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
      normalized += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!normalized.empty() && normalized.back() != '_') {
      normalized += '_';
    }
  }
  while (!normalized.empty() && normalized.back() == '_') normalized.pop_back();
  static const std::pair<std::string_view, std::string_view> kAliases[] = {
      {"latin", "LATIN1"}, {"mac_roman", "MACINTOSH"}, {"macroman", "MACINTOSH"}};
  std::vector<std::string> names;
  for (const auto& [python, glibc] : kAliases) {
    if (normalized == python) names.emplace_back(glibc);
  }
  std::string dashed = normalized, joined;
  for (char& c : dashed) c = c == '_' ? '-' : c;
  for (char c : normalized) {
    if (c != '_') joined += c;
  }
  for (const std::string& candidate : {dashed, joined, normalized}) {
    if (!candidate.empty()) names.push_back(candidate);
  }
  return names;
}

// Closes an iconv descriptor on every way out.
class Converter {
 public:
  explicit Converter(iconv_t descriptor) : descriptor_(descriptor) {}
  ~Converter() {
    if (ok()) iconv_close(descriptor_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return descriptor_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return descriptor_; }

 private:
  iconv_t descriptor_;
};

// The line and column (in characters of the decoded text) of input byte
// `offset`, where decoding stopped after writing `decoded`: the encodings a
// declaration can name keep ASCII's newline.
std::pair<int, int> position_of(std::string_view bytes, size_t offset, std::string_view decoded) {
  int line = 1;
  for (size_t i = 0; i < offset; ++i) line += bytes[i] == '\n';
  size_t line_start = decoded.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  int column = 1;
  for (size_t i = line_start; i < decoded.size(); ++i) {
    column += (static_cast<unsigned char>(decoded[i]) & 0xC0) != 0x80;
  }
  return {line, column};
}

std::string convert(const std::string& bytes, iconv_t converter, const std::string& path,
                    const std::string& encoding) {
  std::string out(bytes.size() * 4 + 16, '\0');  // UTF-8 needs at most 4 bytes a character
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* written = out.data();
  size_t out_left = out.size();
  if (iconv(converter, &in, &in_left, &written, &out_left) == static_cast<size_t>(-1)) {
    size_t offset = bytes.size() - in_left;
    std::string_view decoded(out.data(), static_cast<size_t>(written - out.data()));
    auto [line, column] = position_of(bytes, offset, decoded);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[offset]));
    fail(path, line, column,
         std::string("byte ") + hex + " cannot be read as " + encoding +
             ", the encoding the file declares: Python stops on this file");
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

std::string decode_python_source(std::string bytes, const std::string& path) {
  std::optional<Declaration> declaration = find_declaration(bytes);
  if (!declaration) return bytes;
  std::string name = normal_name(declaration->name);
  if (bytes.starts_with(kByteOrderMark) && name != "utf-8") {
    fail(path, declaration->line, declaration->column,
         "the file starts with a UTF-8 byte-order mark but declares encoding '" +
             declaration->name + "': Python stops on this file");
  }
  if (name == "utf-8") return bytes;
  for (const std::string& candidate : iconv_names(name)) {
    Converter converter(iconv_open("UTF-8", candidate.c_str()));
    if (converter.ok()) return convert(bytes, converter.get(), path, declaration->name);
  }
  fail(path, declaration->line, declaration->column,
       "unknown encoding '" + declaration->name +
           "' in the coding declaration: Python stops on this file");
}

}  // namespace migcheck
