#include "runner/teardown_signals.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace migcheck {
namespace {

struct Slot {
  std::atomic<int> control_fd{-1};
  std::atomic<pid_t> watchdog{0};
};
constexpr int kSlots = 16;
Slot slots[kSlots];
struct sigaction previous_int {};
struct sigaction previous_term {};

void stop_clusters_and_reraise(int signal_number) {
  for (Slot& slot : slots) {
    int control_fd = slot.control_fd.exchange(-1);
    if (control_fd < 0) continue;  // a free slot, or one still being filled
    pid_t watchdog = slot.watchdog.exchange(0);
    close(control_fd);
    while (waitpid(watchdog, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  // Hand the signal to whoever handled it before (the default: die of it).
  sigaction(signal_number, signal_number == SIGINT ? &previous_int : &previous_term, nullptr);
  raise(signal_number);
}

// Checked at every registration, as others (a test framework) may have put
// their own handler back since.
void install_handlers() {
  for (int signal_number : {SIGINT, SIGTERM}) {
    struct sigaction current {};
    sigaction(signal_number, nullptr, &current);
    if (current.sa_handler == SIG_IGN || current.sa_handler == stop_clusters_and_reraise) continue;
    (signal_number == SIGINT ? previous_int : previous_term) = current;
    struct sigaction action {};
    action.sa_handler = stop_clusters_and_reraise;
    sigemptyset(&action.sa_mask);
    sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace

void register_cluster_watchdog(int control_fd, pid_t watchdog) {
  install_handlers();
  for (Slot& slot : slots) {
    pid_t expected = 0;
    if (slot.watchdog.compare_exchange_strong(expected, watchdog)) {
      slot.control_fd = control_fd;
      return;
    }
  }
  // More clusters than slots: those beyond still stop when the process dies,
  // through their watchdog noticing the closed pipe, just not before it exits.
}

void unregister_cluster_watchdog(pid_t watchdog) {
  for (Slot& slot : slots) {
    pid_t expected = watchdog;
    if (slot.watchdog.compare_exchange_strong(expected, 0)) {
      slot.control_fd = -1;
      return;
    }
  }
}

}  // namespace migcheck
