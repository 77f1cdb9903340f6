#pragma once
// PostgreSQL's string buffer (lib/stringinfo.h) as libpg_query, linked
// statically, keeps it: the layout has been the same since PostgreSQL 7.
// Declared here because libpg_query installs none of PostgreSQL's headers.
#include <cstdarg>

namespace migcheck {

struct PgStringInfo {
  char* data;  // always NUL-terminated at data[len]
  int len;
  int maxlen;  // allocated bytes
  int cursor;
};

}  // namespace migcheck

extern "C" {
// libpg_query's own functions (src/common/stringinfo.c).
int appendStringInfoVA(migcheck::PgStringInfo* str, const char* fmt, va_list args);
void enlargeStringInfo(migcheck::PgStringInfo* str, int needed);
// What the link calls for libpg_query's appendStringInfo (pg_string_format.cpp).
void __wrap_appendStringInfo(migcheck::PgStringInfo* str, const char* fmt, ...);
}
