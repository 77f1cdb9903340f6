#include "linter/sql_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "linter/byte_words.h"
#include "linter/input_error.h"
#include "linter/line_index.h"

namespace migcheck {

size_t utf8_sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length;
  uint32_t min;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  uint32_t cp = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return 0;
  return length;
}

// Plain POSIX reads: a stream costs several more system calls and a copy per
// file, which shows when linting thousands of small files.
std::shared_ptr<const SourceFile> read_source_file(const std::string& path) {
  auto fail = [&] { throw InputError(path + ": cannot read: " + std::strerror(errno)); };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail();
  struct stat info {};
  std::string text;
  // Room for one byte more than the size: a regular file that gave its whole
  // size and fell short of the room has ended, which spares the read that
  // would return 0 (a system call per file; thousands are linted at once).
  bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  size_t known_size = regular ? static_cast<size_t>(info.st_size) : 0;
  if (regular) text.reserve(known_size + 1);
  char chunk[64 * 1024];
  while (true) {
    // Read straight into the string when its size is known; a pipe or a file
    // that grows goes through the chunk.
    size_t room = text.capacity() - text.size();
    ssize_t n;
    if (room > 0) {
      size_t old = text.size();
      text.resize(text.capacity());
      n = ::read(fd, text.data() + old, room);
      text.resize(old + static_cast<size_t>(std::max<ssize_t>(n, 0)));
      if (regular && n > 0 && static_cast<size_t>(n) < room && text.size() >= known_size) break;
    } else {
      n = ::read(fd, chunk, sizeof chunk);
      if (n > 0) text.append(chunk, static_cast<size_t>(n));
    }
    if (n == 0) break;
    if (n < 0 && errno != EINTR) {
      int error = errno;
      ::close(fd);
      errno = error;
      fail();
    }
  }
  ::close(fd);
  return SourceFile::make(path, std::move(text));
}

void validate_source_text(std::string_view text, const std::string& path) {
  for (size_t i = 0; i < text.size();) {
    // Plain ASCII, eight bytes at a time: nearly all of any SQL file.
    while (i + 8 <= text.size()) {
      uint64_t word = byte_words::load(text, i);
      if (byte_words::has_high(word) || byte_words::has(word, '\0')) break;
      i += 8;
    }
    if (i == text.size()) break;
    auto fail = [&](const std::string& what) {
      auto position = LineIndex(text).position(i);
      throw InputError(path + ":" + std::to_string(position.line) + ":" +
                       std::to_string(position.column) + ": " + what);
    };
    if (text[i] == '\0') fail("NUL byte in the file");
    size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      fail(std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8");
    }
    i += length;
  }
}

SqlUnit sql_unit_for_file(std::shared_ptr<const SourceFile> file, bool transactional) {
  SqlUnit unit;
  unit.sql = file->text();
  if (unit.sql.starts_with("\xEF\xBB\xBF")) unit.sql.replace(0, 3, "   ");
  unit.map = SourceMap::identity(file);
  unit.transactional = transactional;
  return unit;
}

}  // namespace migcheck
