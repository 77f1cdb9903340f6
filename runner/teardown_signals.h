#pragma once
#include <sys/types.h>

namespace migcheck {

// Clusters alive in this process, so that SIGINT and SIGTERM stop them before
// the process dies of the signal: the handler closes each cluster's control
// pipe (its watchdog then stops the server and removes the directories), waits
// for the watchdog, and re-raises the signal for the handler that was there
// before (by default, dying of it). An ignored signal stays ignored.
void register_cluster_watchdog(int control_fd, pid_t watchdog);
void unregister_cluster_watchdog(pid_t watchdog);

}  // namespace migcheck
