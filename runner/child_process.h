#pragma once
#include <sys/types.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "runner/server_account.h"

namespace migcheck {

// Closes every descriptor from 3 up except `keep`, so that a forked child
// holds no pipe the parent's readers wait on. Async-signal-safe.
void close_other_fds(std::initializer_list<int> keep);

// Points stdin at /dev/null and stdout and stderr at `fd` (/dev/null when -1).
// Async-signal-safe.
void redirect_standard_streams(int fd);

// Asks for `signal_number` when the parent (`parent`, the thread that forked)
// dies; false when it already has. Call it after become(): a change of user
// clears the request. Async-signal-safe.
bool die_with_parent(int signal_number, pid_t parent);

struct ProgramOutput {
  int exit_status;     // the exit code, or 128 + signal number
  std::string output;  // stdout and stderr together
};

// Runs `argv` (argv[0] a path) as `account` and waits for it. The program is
// killed if migcheck dies first.
ProgramOutput run_program(const std::vector<std::string>& argv, const ServerAccount& account);

// An exit status from waitpid as a shell reports it.
int exit_status_of(int wait_status);

}  // namespace migcheck
