#include "linter/thread_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace migcheck {

void lower_this_thread_priority(int steps) {
  // PRIO_PROCESS with a thread id addresses that one thread on Linux.
  auto thread = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  int nice = getpriority(PRIO_PROCESS, thread);
  if (nice == -1 && errno != 0) return;
  // 19 is the lowest priority there is; asking for more fails on some kernels.
  setpriority(PRIO_PROCESS, thread, std::min(nice + steps, 19));
}

}  // namespace migcheck
