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
    // A block at least as large as the buffer (a report writer's own 64 KB
    // chunks) goes to the descriptor as it is, without a copy into the buffer.
    std::streamsize xsputn(const char_type* text, std::streamsize count) override;

   private:
    bool drain();
    // Writes `size` bytes of `data` to descriptor 1 unless a write failed
    // before; false once one has.
    bool write_all(const char* data, size_t size);
    std::vector<char> bytes_;
    int error_ = 0;  // errno of the first failed write
  };

  Buffer buffer_;
  std::streambuf* previous_;
};

}  // namespace migcheck
