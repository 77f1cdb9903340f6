#include "ci/checked_stdout.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace migcheck {

CheckedStdout::Buffer::Buffer() : bytes_(64 * 1024) {
  setp(bytes_.data(), bytes_.data() + bytes_.size());
}

CheckedStdout::Buffer::int_type CheckedStdout::Buffer::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int CheckedStdout::Buffer::sync() {
  return drain() ? 0 : -1;
}

// After a failure the rest is dropped: the report is incomplete whatever
// follows, and finish() says so.
bool CheckedStdout::Buffer::drain() {
  write_all(pbase(), static_cast<size_t>(pptr() - pbase()));
  setp(bytes_.data(), bytes_.data() + bytes_.size());
  return error_ == 0;
}

bool CheckedStdout::Buffer::write_all(const char* data, size_t size) {
  while (size > 0 && error_ == 0) {
    ssize_t written = write(STDOUT_FILENO, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      error_ = errno;
      break;
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return error_ == 0;
}

std::streamsize CheckedStdout::Buffer::xsputn(const char_type* text, std::streamsize count) {
  if (static_cast<size_t>(count) < bytes_.size()) return std::streambuf::xsputn(text, count);
  // What is buffered goes first, to keep the order.
  if (!drain() || !write_all(text, static_cast<size_t>(count))) return 0;
  return count;
}

CheckedStdout::CheckedStdout() : previous_(std::cout.rdbuf(&buffer_)) {}

CheckedStdout::~CheckedStdout() {
  std::cout.rdbuf(previous_);
}

int CheckedStdout::finish(int exit_code) {
  std::cout.flush();
  int error = buffer_.error();
  bool failed = error != 0 || !std::cout;
  // Then stdio's stdout, for anything printed past std::cout, and descriptor 1
  // itself, where a file system may report a write error only on close. EBADF
  // means it was closed before migcheck started: with nothing written that is
  // no error, and a write to it has failed above already.
  if (!failed && std::fflush(stdout) != 0) {
    error = errno;
    failed = true;
  }
  if (close(STDOUT_FILENO) != 0 && errno != EBADF && !failed) {
    error = errno;
    failed = true;
  }
  if (!failed) return exit_code;
  std::cerr << "migcheck: error writing the report to standard output"
            << (error ? std::string(": ") + std::strerror(error) : std::string()) << "\n";
  return 2;
}

}  // namespace migcheck
