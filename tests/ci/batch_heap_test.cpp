#include "ci/batch_heap.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

namespace migcheck::testing {

TEST_SUITE("test_ci") {
  // Whether the mapping holding `address` is marked for huge pages ("hg" in
  // the kernel's flags for it), or, with a null address, part of the [heap]
  // (marking a range splits the mapping).
  bool marked_for_huge_pages(const void* address) {
    std::ifstream smaps("/proc/self/smaps");
    REQUIRE(smaps);
    auto wanted = reinterpret_cast<uintptr_t>(address);
    bool in_mapping = false;
    bool marked = false;
    for (std::string line; std::getline(smaps, line);) {
      size_t dash = line.find('-');
      size_t space = line.find(' ');
      if (dash < space && space != std::string::npos && line.find(':') > space) {
        // A mapping's first line: "start-end perms offset dev inode [name]".
        uintptr_t start = std::stoull(line.substr(0, dash), nullptr, 16);
        uintptr_t end = std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16);
        in_mapping = address ? start <= wanted && wanted < end : line.ends_with("[heap]");
      } else if (in_mapping && line.starts_with("VmFlags:")) {
        marked = marked || line.find(" hg") != std::string::npos;
      }
    }
    return marked;
  }

  // The point of the call is the heap ranges marked for huge pages; without
  // them the lint still works, only slower, so this is where their loss would
  // show. With several readers the threads' arenas are marked too: a thread
  // started afterwards allocates in one of them.
  TEST_CASE("the batch heap and the readers' arenas are marked for transparent huge pages") {
    prepare_heap_for_batch_lint(2);
    CHECK(marked_for_huge_pages(nullptr));
    void* block = nullptr;
    std::thread reader([&] { block = malloc(64); });
    reader.join();
    CHECK(marked_for_huge_pages(block));
    free(block);
  }
}

}  // namespace migcheck::testing
