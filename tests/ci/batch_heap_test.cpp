#include "ci/batch_heap.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

namespace migcheck::testing {

TEST_SUITE("test_ci") {
  // The point of the call is the heap range marked for huge pages ("hg" in
  // the kernel's flags for the mapping); without it the lint still works,
  // only slower, so this is where its loss would show.
  TEST_CASE("the batch heap is grown and marked for transparent huge pages") {
    prepare_heap_for_batch_lint(2);
    std::ifstream smaps("/proc/self/smaps");
    REQUIRE(smaps);
    bool in_heap = false;
    bool marked = false;
    for (std::string line; std::getline(smaps, line);) {
      if (line.find('-') < line.find(' ') && line.find(' ') != std::string::npos &&
          line.find(':') > line.find(' ')) {
        in_heap = line.ends_with("[heap]");  // a mapping's first line
      } else if (in_heap && line.starts_with("VmFlags:")) {
        marked = marked || line.find(" hg") != std::string::npos;
      }
    }
    CHECK(marked);
  }
}

}  // namespace migcheck::testing
