#include "ci/batch_heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace migcheck {

namespace {

// How far the heap grows at once. Address space only: memory is committed
// when touched, so a small lint's resident size does not change.
constexpr size_t kHeapReserveBytes = size_t{64} << 20;
constexpr uintptr_t kHugePageBytes = uintptr_t{2} << 20;

}  // namespace

void prepare_heap_for_batch_lint(unsigned readers) {
  // Several readers (many files): three arenas, the main one (below, on huge
  // pages) and two the linting and reading threads share; with one for all
  // they waited for each other's malloc lock (bench's many/, 2,000 files on
  // two readers: ~7% slower), and one per thread made each grow and fault in
  // pages of its own. One reader (one file, read piece by piece): one arena,
  // since the linter frees every block the reader allocated, and a block
  // goes back to the arena it came from, under that arena's lock.
  mallopt(M_ARENA_MAX, readers > 1 ? 3 : 1);
  // Large blocks from the heap too, and the heap neither trimmed nor grown in
  // small steps, so that the huge-page range below serves them all.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 2 * kHeapReserveBytes);
  mallopt(M_TOP_PAD, kHeapReserveBytes);
  // Grow the heap now: a block bigger than all its free space together makes
  // malloc extend it, by the top pad as well.
  char* before = static_cast<char*>(sbrk(0));
  // (volatile: a compiler may drop a malloc whose block is only freed)
  void* volatile block = malloc(mallinfo2().fordblks + 4096);
  free(block);
  char* after = static_cast<char*>(sbrk(0));
  if (before == reinterpret_cast<char*>(-1) || after <= before) return;
  auto start = (reinterpret_cast<uintptr_t>(before) + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  auto end = reinterpret_cast<uintptr_t>(after);
  if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
}

}  // namespace migcheck
