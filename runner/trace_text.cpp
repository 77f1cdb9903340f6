#include "runner/trace_text.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace migcheck {

std::string sql_excerpt(std::string_view sql, size_t width) {
  std::string line;
  size_t characters = 0;
  bool space = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(sql[i]);
    if (std::isspace(c)) {
      space = !line.empty();
      continue;
    }
    bool starts_character = (c & 0xC0) != 0x80;  // UTF-8: count code points
    if (starts_character && characters + (space ? 1 : 0) >= width) return line + "…";
    if (space) {
      line += ' ';
      ++characters;
      space = false;
    }
    line += static_cast<char>(c);
    if (starts_character) ++characters;
  }
  return line;
}

std::string lock_mode_words(std::string_view mode) {
  if (mode.size() > 4 && mode.substr(mode.size() - 4) == "Lock") mode.remove_suffix(4);
  std::string words;
  for (char c : mode) {
    if (std::isupper(static_cast<unsigned char>(c)) && !words.empty()) words += ' ';
    words += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return words;
}

std::string waited_lock_words(std::string_view waited_for) {
  if (lock_strength(waited_for) > 0) return lock_mode_words(waited_for);
  if (waited_for == "extend") return "table extension";
  return std::string(waited_for);
}

std::string blocked_text(const BlockedTime& time) {
  return "reads " + milliseconds_text(time.reads_ms) + ", writes " +
         milliseconds_text(time.writes_ms) + " (longest wait " +
         milliseconds_text(std::max(time.longest_read_ms, time.longest_write_ms)) + ") for its " +
         waited_lock_words(time.lock) + " lock";
}

namespace {

// An estimate's time: milliseconds as measured times are printed up to 10 s,
// then whole seconds, then minutes (an estimate's digits promise no more).
std::string estimated_duration_text(double milliseconds) {
  char text[32];
  if (milliseconds < 10000) return milliseconds_text(milliseconds);
  if (milliseconds < 120000) {
    std::snprintf(text, sizeof text, "%.0f s", milliseconds / 1000);
  } else {
    std::snprintf(text, sizeof text, "%.0f min", milliseconds / 60000);
  }
  return text;
}

}  // namespace

std::string estimate_text(const BlockedTime& time) {
  if (time.production_rows <= 0) return "";
  char rows[32];
  std::snprintf(rows, sizeof rows, "%.0f", time.production_rows);
  std::string text = "estimated at " + std::string(rows) + " rows:";
  if (time.estimated_reads_ms > 0)
    text += " reads " + estimated_duration_text(time.estimated_reads_ms);
  if (time.estimated_writes_ms > 0) {
    text += std::string(time.estimated_reads_ms > 0 ? "," : "") + " writes " +
            estimated_duration_text(time.estimated_writes_ms);
  }
  return text;
}

int lock_strength(std::string_view mode) {
  static constexpr std::string_view kModes[] = {
      "AccessShareLock", "RowShareLock",          "RowExclusiveLock", "ShareUpdateExclusiveLock",
      "ShareLock",       "ShareRowExclusiveLock", "ExclusiveLock",    "AccessExclusiveLock"};
  for (int i = 0; i < 8; ++i) {
    if (kModes[i] == mode) return i + 1;
  }
  return 0;
}

bool blocks_reads_or_writes(std::string_view mode) {
  return lock_strength(mode) >= lock_strength("ShareLock");
}

std::string statement_position(const Location& location) {
  bool python = location.file.size() > 3 && location.file.substr(location.file.size() - 3) == ".py";
  return "line " + std::to_string(location.line) +
         (python ? "" : ":" + std::to_string(location.column));
}

std::string milliseconds_text(double milliseconds) {
  char text[32];
  std::snprintf(text, sizeof text, milliseconds >= 10 ? "%.0f ms" : "%.1f ms", milliseconds);
  return text;
}

}  // namespace migcheck
