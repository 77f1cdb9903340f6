#pragma once
#include <string>
#include <string_view>

#include "linter/location.h"
#include "runner/trace.h"

namespace migcheck {

// How traced statements and locks read in findings and reports.

// The statement on one line, whitespace runs collapsed, cut to `width`
// characters with "…" when longer.
std::string sql_excerpt(std::string_view sql, size_t width = 60);

// pg_locks' mode as PostgreSQL's documentation names it:
// "AccessExclusiveLock" -> "ACCESS EXCLUSIVE".
std::string lock_mode_words(std::string_view pg_locks_mode);

// What a --load probe waited for (BlockedTime::lock), as reports name it
// before the word "lock": a table lock's mode as lock_mode_words() names it;
// "row" for a row; "table extension" for "extend".
std::string waited_lock_words(std::string_view waited_for);

// A statement's blocked time on one table, as reports print it: "reads 777
// ms, writes 4.7 ms (longest wait 777 ms) for its ACCESS EXCLUSIVE lock".
std::string blocked_text(const BlockedTime& time);

// Its --table-rows estimate, labelled as one: "estimated at 50000000 rows:
// reads 39 s, writes 4 min" (a time that was not blocked left out); empty
// when there is none.
std::string estimate_text(const BlockedTime& time);

// The mode's place among PostgreSQL's eight table lock modes, weakest (ACCESS
// SHARE) 1 to strongest (ACCESS EXCLUSIVE) 8; 0 for another name.
int lock_strength(std::string_view pg_locks_mode);

// Whether a table lock in this pg_locks mode makes the application wait:
// SHARE and stronger conflict with writers' ROW EXCLUSIVE, ACCESS EXCLUSIVE
// with readers' ACCESS SHARE too.
bool blocks_reads_or_writes(std::string_view pg_locks_mode);

// Where a traced statement ran, within its revision's file: "line 12" for
// a `.py` line, "line 12:5" in a SQL file.
std::string statement_position(const Location& location);

// "12 ms", "1.5 ms", "0.3 ms": milliseconds as reports print them.
std::string milliseconds_text(double milliseconds);

}  // namespace migcheck
