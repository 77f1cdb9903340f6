#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "linter/location.h"
#include "linter/source_file.h"

namespace migcheck {

// The Location of the byte range [begin, end) of `file`.
Location location_in(const SourceFile& file, size_t begin, size_t end);

// Throws InputError "path:line:col: what" for the byte at `offset`.
[[noreturn]] void throw_input_error(const SourceFile& file, size_t offset, const std::string& what);
// The same for a text read without a SourceFile (whose line index is built
// only here, when there is an error to place).
[[noreturn]] void throw_input_error(const std::string& path, std::string_view text, size_t offset,
                                    const std::string& what);

}  // namespace migcheck
