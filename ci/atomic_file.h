#pragma once
#include <filesystem>
#include <optional>
#include <string_view>

namespace migcheck {

// Replaces `path`'s content with `text` so that a failure at any point (a full
// disk, a file size limit, a crash) leaves the old file as it was: the text
// goes to a temporary file in the same directory, which is checked, synced and
// then renamed over `path`. The file gets `permissions` when given; otherwise
// a replaced file keeps its own and a new one gets 0666 less the umask. A
// symbolic link at `path` is replaced, not followed. Throws InputError naming
// `path` and the system's reason.
void write_file_atomically(const std::filesystem::path& path, std::string_view text,
                           std::optional<std::filesystem::perms> permissions = std::nullopt);

}  // namespace migcheck
