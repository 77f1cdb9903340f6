#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migcheck {

// One token of Python source, as Python's own tokenizer splits it. Comments
// are kept as tokens (migcheck reads `# migcheck:ignore` from them) but never
// reach the statement reader; NEWLINE ends a logical line, INDENT and DEDENT
// bracket a block.
struct PyToken {
  enum class Kind { name, number, string, op, comment, newline, indent, dedent, end };
  Kind kind;
  size_t begin;  // byte offsets into the file
  size_t end;
  int line;  // 1-based, column in characters (code points)
  int column;

  std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
};

// Splits Python source into tokens. Newlines inside brackets and after a
// backslash continuation join lines, as in Python. Throws InputError
// "path:line:col: ..." for an unterminated string or inconsistent dedent.
std::vector<PyToken> tokenize_python(std::string_view source, const std::string& path);

}  // namespace migcheck
