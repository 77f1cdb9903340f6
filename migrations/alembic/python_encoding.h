#pragma once
#include <string>

namespace migcheck {

// A Python source file's bytes as Python decodes them (PEP 263): a comment
// matching `coding[:=]\s*([-\w.]+)` on the first line, or on the second when
// the first is blank or a comment, names the encoding; UTF-8 otherwise.
// Returns the text as UTF-8: unchanged when it is declared (or taken as)
// UTF-8, which the caller validates; converted otherwise, so lines and
// columns (counted in characters) stay those of the file. Throws InputError
// "path:line:col: ..." where Python stops with a SyntaxError: an encoding it
// does not know, a UTF-8 byte-order mark on a file declaring another
// encoding, or bytes the declared encoding cannot decode.
std::string decode_python_source(std::string bytes, const std::string& path);

}  // namespace migcheck
