#pragma once
#include <filesystem>
#include <string>

namespace migcheck {

// The temp directories a run makes (a cluster's, the initdb scratch, the
// template being staged) are named PREFIX-PID-XXXXXX, PID being the process
// that removes them when it is done with them. A process killed before it
// could (SIGKILL, or a signal before any handler was installed) leaves its
// directory behind, 20-40 MB of a cluster in /dev/shm; the next run removes it.

// A fresh 0700 directory PREFIX-PID-XXXXXX under `parent`, PID this process.
std::filesystem::path make_owned_temp_dir(const std::filesystem::path& parent,
                                          const std::string& prefix);

// Removes the directories PREFIX-PID-XXXXXX under `parent` whose PID no longer
// names a live process (none, or a zombie). A live run's directory is never
// removed: its owner answers kill(PID, 0), as does an unrelated process that
// reused a dead run's pid (that directory waits for a later run). Errors are
// ignored: a directory another user's run left behind stays.
void remove_stale_temp_dirs(const std::filesystem::path& parent, const std::string& prefix);

}  // namespace migcheck
