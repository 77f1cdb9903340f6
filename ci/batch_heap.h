#pragma once

namespace migcheck {

// Sets up the heap for a lint of loose files on `readers` reading threads,
// before its threads start: the main arena grown once and backed by
// transparent huge pages where the kernel allows them (madvise mode), and
// as many arenas as suit the readers (batch_heap.cpp). Linting 2,000 small files touched about
// 7,000 fresh 4 KB pages, and on a virtual machine each first touch costs a page fault of several
// microseconds: a third of the run's CPU time. With huge pages the same run takes under half the
// faults. Best effort: where the kernel refuses, the heap works as before.
void prepare_heap_for_batch_lint(unsigned readers);

}  // namespace migcheck
