#pragma once
#include <streambuf>
#include <vector>

namespace migcheck {

// Standard output that does not hide a failed write. For as long as it lives,
// std::cout writes through it: a buffer of its own that writes file
// descriptor 1 and remembers the first error. stdio would lose it: glibc drops
// the unwritten buffer, a later fflush succeeds, and errno is overwritten long
// before the process exits, so `migcheck lint > /dev/full` would exit 0.
class CheckedStdout {
 public:
  CheckedStdout();
  ~CheckedStdout();
  CheckedStdout(const CheckedStdout&) = delete;
  CheckedStdout& operator=(const CheckedStdout&) = delete;

  // Flushes and closes standard output, and returns `exit_code`, or 2 with a
  // one-line message on standard error when the report could not be written
  // (a findings run included: its report is lost).
  int finish(int exit_code);

 private:
  class Buffer : public std::streambuf {
   public:
    Buffer();
    int error() const { return error_; }

   protected:
    int_type overflow(int_type c) override;
    int sync() override;

   private:
    bool drain();
    std::vector<char> bytes_;
    int error_ = 0;  // errno of the first failed write
  };

  Buffer buffer_;
  std::streambuf* previous_;
};

}  // namespace migcheck
