#include "ci/batch_heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <latch>
#include <thread>
#include <vector>

namespace migcheck {

namespace {

// How far the heap grows at once. Address space only: memory is committed
// when touched, so a small lint's resident size does not change.
constexpr size_t kHeapReserveBytes = size_t{64} << 20;
constexpr uintptr_t kHugePageBytes = uintptr_t{2} << 20;
// The address space glibc reserves for each heap of an arena other than the
// main one, aligned to its size (HEAP_MAX_SIZE on 64-bit systems): the heap
// holding a block starts at the block's address rounded down to it.
constexpr uintptr_t kArenaHeapBytes = uintptr_t{64} << 20;
// Linux 6.1's synchronous collapse into huge pages; glibc 2.36's headers do
// not name it yet.
constexpr int kMadviseCollapse = 25;

// Makes `count` arenas besides the main one now, their heaps marked for huge
// pages as glibc's own glibc.malloc.hugetlb=1 would (a tunable only the
// environment can set), and leaves them free: glibc hands a free arena to the
// next thread that allocates, so the readers and the linter get these. Each
// thread takes a new arena only while the others still hold theirs, hence
// the latch.
void make_huge_page_arenas(unsigned count) {
  std::latch all_allocated(count);
  std::vector<std::thread> makers;
  for (unsigned i = 0; i < count; ++i) {
    makers.emplace_back([&] {
      void* volatile block = malloc(1);
      auto heap = reinterpret_cast<uintptr_t>(block) & ~(kArenaHeapBytes - 1);
      // Best effort: refused (not glibc's layout, an older kernel), the arena
      // works as before. The heap's first huge page already holds glibc's
      // header in a small page, so only a collapse makes it huge; the threads'
      // working sets mostly fit in it.
      madvise(reinterpret_cast<void*>(heap), kArenaHeapBytes, MADV_HUGEPAGE);
      madvise(reinterpret_cast<void*>(heap), kHugePageBytes, kMadviseCollapse);
      all_allocated.arrive_and_wait();
      free(block);
    });
  }
  for (std::thread& maker : makers) maker.join();
}

// Grows the main arena's heap now, by the top pad, and marks it for huge
// pages.
void grow_main_heap_on_huge_pages() {
  // Large blocks from the heap too, and the heap neither trimmed nor grown in
  // small steps, so that the huge-page range below serves them all.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 2 * kHeapReserveBytes);
  mallopt(M_TOP_PAD, kHeapReserveBytes);
  // A block bigger than all the heap's free space together makes malloc
  // extend it, by the top pad as well.
  char* before = static_cast<char*>(sbrk(0));
  // (volatile: a compiler may drop a malloc whose block is only freed)
  void* volatile block = malloc(mallinfo2().fordblks + 4096);
  free(block);
  char* after = static_cast<char*>(sbrk(0));
  if (before == reinterpret_cast<char*>(-1) || after <= before) return;
  auto start = (reinterpret_cast<uintptr_t>(before) + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  auto end = reinterpret_cast<uintptr_t>(after);
  if (end <= start) return;
  madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
  // Growing the heap may have written the new top's header in the range's
  // first huge page (where depends on the heap's free space), making it a
  // small page and the 2 MB around it fault in 4 KB at a time: collapsed, as
  // the arenas' first ones are. (When nothing was written there the kernel
  // refuses, EINVAL, and the first touch takes a huge page anyway.)
  madvise(reinterpret_cast<void*>(start), kHugePageBytes, kMadviseCollapse);
}

}  // namespace

void prepare_heap_for_batch_lint(unsigned readers) {
  // Several readers (many files): three arenas, the main one and two the
  // linting and reading threads share; with one for all they waited for each
  // other's malloc lock (bench's many/, 2,000 files on two readers: ~7%
  // slower), and one per thread made each grow and fault in pages of its own.
  // One reader (one file, read piece by piece): one arena, since the linter
  // frees every block the reader allocated, and a block goes back to the
  // arena it came from, under that arena's lock.
  unsigned arenas = readers > 1 ? 3 : 1;
  mallopt(M_ARENA_MAX, static_cast<int>(arenas));
  grow_main_heap_on_huge_pages();
  // Each first touch of a 4 KB page costs a fault of microseconds on a
  // virtual machine: the other arenas on huge pages too (many/: 1,760 faults
  // to 1,100, ~8% faster).
  make_huge_page_arenas(arenas - 1);
}

}  // namespace migcheck
