#include "runner/child_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace migcheck {

void close_other_fds(std::initializer_list<int> keep) {
  int sorted[8];
  int count = 0;
  for (int fd : keep) {
    if (fd >= 3 && count < 8) sorted[count++] = fd;
  }
  // Insertion sort: this runs between fork and exec, where nothing may
  // allocate, and GCC 12 at -O2 misreports std::sort on a small array.
  for (int i = 1; i < count; ++i) {
    for (int k = i; k > 0 && sorted[k - 1] > sorted[k]; --k) std::swap(sorted[k - 1], sorted[k]);
  }
  unsigned first = 3;
  for (int i = 0; i < count; ++i) {
    unsigned fd = static_cast<unsigned>(sorted[i]);
    if (fd > first) close_range(first, fd - 1, 0);
    first = fd + 1;
  }
  close_range(first, ~0U, 0);
}

void redirect_standard_streams(int fd) {
  int null = open("/dev/null", O_RDWR);
  int out = fd >= 0 ? fd : null;
  dup2(null, STDIN_FILENO);
  dup2(out, STDOUT_FILENO);
  dup2(out, STDERR_FILENO);
  if (null > STDERR_FILENO) close(null);
}

bool die_with_parent(int signal_number, pid_t parent) {
  if (prctl(PR_SET_PDEATHSIG, signal_number) != 0) return false;
  return getppid() == parent;  // else it died before the request: too late to be told
}

int exit_status_of(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 255;
}

ProgramOutput run_program(const std::vector<std::string>& argv, const ServerAccount& account) {
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe");
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) {
    redirect_standard_streams(pipe_fds[1]);
    close_other_fds({});
    if (!become(account) || !die_with_parent(SIGKILL, parent)) _exit(126);
    execv(args[0], args.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  ProgramOutput result{0, {}};
  char buffer[4096];
  for (;;) {
    ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n > 0) {
      result.output.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_status = exit_status_of(status);
  if (result.exit_status == 127) result.output += "cannot execute " + argv[0];
  return result;
}

}  // namespace migcheck
