#pragma once

namespace migcheck {

// Lowers the calling thread's scheduling priority by `steps` nice levels,
// relative to what it has (Linux keeps a nice value per thread, so the
// process's other threads keep theirs). Best effort: when the scheduler
// refuses, the thread runs on as it was; nothing depends on it but speed.
void lower_this_thread_priority(int steps);

}  // namespace migcheck
