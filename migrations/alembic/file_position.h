#pragma once
#include <cstddef>
#include <string>

#include "linter/location.h"
#include "linter/source_file.h"

namespace migcheck {

// The Location of the byte range [begin, end) of `file`.
Location location_in(const SourceFile& file, size_t begin, size_t end);

// Throws InputError "path:line:col: what" for the byte at `offset`.
[[noreturn]] void throw_input_error(const SourceFile& file, size_t offset, const std::string& what);

}  // namespace migcheck
