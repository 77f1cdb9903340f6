#pragma once
#include <memory>
#include <string>

#include "linter/source_file.h"
#include "linter/source_map.h"

namespace migcheck {

// Reads a file for linting; throws InputError when it cannot be read.
std::shared_ptr<const SourceFile> read_source_file(const std::string& path);

// Throws InputError "file:line:col: ..." when the text is not valid UTF-8 or
// holds a NUL byte: PostgreSQL would reject it, and offsets would be wrong.
void validate_sql_text(const SourceFile& file);

// The file's text as one SQL unit mapping byte for byte back to the file. A
// byte-order mark becomes blanks: PostgreSQL's parser rejects it.
SqlUnit sql_unit_for_file(std::shared_ptr<const SourceFile> file, bool transactional);

}  // namespace migcheck
