// libpg_query writes its JSON parse output with PostgreSQL's appendStringInfo,
// a printf: `"relname":"%s",` for every field of every node. PostgreSQL's own
// formatter (src/port/snprintf.c) behind it took a fifth of all the
// instructions of a lint. The link sends libpg_query's calls here instead
// (-Wl,--wrap=appendStringInfo, CMakeLists.txt): a format made only of %s, %d,
// %u, %ld, %c and %%, which is what the JSON writer uses, is written
// directly; any other goes to PostgreSQL's formatter, as before.
#include <cerrno>
#include <charconv>
#include <cstdarg>
#include <cstring>

#include "linter/pg_string_info.h"

namespace migcheck {

namespace {

// Room for `bytes` more and the terminating NUL, growing the buffer as
// PostgreSQL does (it reports an error past 1 GB, as the real function would).
inline char* reserve(PgStringInfo* str, size_t bytes) {
  if (static_cast<size_t>(str->len) + bytes + 1 > static_cast<size_t>(str->maxlen)) {
    enlargeStringInfo(str, static_cast<int>(bytes));
  }
  return str->data + str->len;
}

inline void append(PgStringInfo* str, const char* bytes, size_t size) {
  std::memcpy(reserve(str, size), bytes, size);
  str->len += static_cast<int>(size);
}

template <typename Number>
void append_number(PgStringInfo* str, Number value) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  append(str, digits, static_cast<size_t>(end - digits));
}

// Appends `fmt` with `args` when every conversion in it is one of the few
// handled here; otherwise leaves `str` as it was and returns false.
bool append_simple_format(PgStringInfo* str, const char* fmt, va_list args) {
  const int start_len = str->len;
  const char* literal = fmt;
  for (const char* at = fmt;; ++at) {
    at = strchrnul(at, '%');  // glibc's, a word at a time
    append(str, literal, static_cast<size_t>(at - literal));
    if (*at == '\0') break;
    ++at;
    switch (*at) {
      case 's': {
        const char* text = va_arg(args, const char*);
        if (text == nullptr) text = "(null)";  // as PostgreSQL's formatter writes it
        append(str, text, std::strlen(text));
        break;
      }
      case 'd':
        append_number(str, va_arg(args, int));
        break;
      case 'u':
        append_number(str, va_arg(args, unsigned));
        break;
      case 'c': {
        char c = static_cast<char>(va_arg(args, int));
        append(str, &c, 1);
        break;
      }
      case '%':
        append(str, "%", 1);
        break;
      case 'l':
        if (at[1] == 'd') {
          ++at;
          append_number(str, va_arg(args, long));
          break;
        }
        [[fallthrough]];
      default:  // flags, widths, %f, %x, %m, ...: PostgreSQL's formatter
        str->len = start_len;
        str->data[start_len] = '\0';
        return false;
    }
    literal = at + 1;
  }
  str->data[str->len] = '\0';
  return true;
}

// What PostgreSQL's appendStringInfo does: format, and when the buffer was
// too small, enlarge it by what the formatter asked for and format again,
// with errno as the caller left it (for %m).
void append_with_postgres_formatter(PgStringInfo* str, const char* fmt, va_list args,
                                    int caller_errno) {
  while (true) {
    errno = caller_errno;
    va_list attempt;
    va_copy(attempt, args);
    int needed = appendStringInfoVA(str, fmt, attempt);
    va_end(attempt);
    if (needed == 0) break;
    enlargeStringInfo(str, needed);
  }
}

}  // namespace

}  // namespace migcheck

extern "C" void __wrap_appendStringInfo(migcheck::PgStringInfo* str, const char* fmt, ...) {
  const int caller_errno = errno;
  va_list args;
  va_start(args, fmt);
  va_list simple;
  va_copy(simple, args);
  bool done = migcheck::append_simple_format(str, fmt, simple);
  va_end(simple);
  if (!done) migcheck::append_with_postgres_formatter(str, fmt, args, caller_errno);
  va_end(args);
}
