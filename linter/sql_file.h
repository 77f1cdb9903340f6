#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "linter/source_file.h"
#include "linter/source_map.h"

namespace migcheck {

// Reads a file for linting; throws InputError when it cannot be read.
std::shared_ptr<const SourceFile> read_source_file(const std::string& path);

// Length of the valid UTF-8 sequence at `i` of `text`, or 0 when it is
// invalid (overlong, a surrogate, beyond U+10FFFF, cut short).
size_t utf8_sequence_length(std::string_view text, size_t i);

// Throws InputError "path:line:col: ..." when `text` is not valid UTF-8 or
// holds a NUL byte: PostgreSQL (and Python, for an Alembic revision) would
// reject it, and offsets would be wrong. Positions are computed only then.
void validate_source_text(std::string_view text, const std::string& path);

// The file's text as one SQL unit mapping byte for byte back to the file. A
// byte-order mark becomes blanks: PostgreSQL's parser rejects it.
SqlUnit sql_unit_for_file(std::shared_ptr<const SourceFile> file, bool transactional);

}  // namespace migcheck
