#include "fix/layout_fixes.h"

namespace migcheck {

const SqlUnit* unit_of_fix(const MigrationSet& set, const Fix& fix) {
  if (fix.edits.empty()) return nullptr;
  const TextEdit& edit = fix.edits.front();
  for (const Revision& revision : set.revisions) {
    for (const auto* units : {&revision.up, &revision.down}) {
      for (const SqlUnit& unit : *units) {
        if (!unit.map.file() || unit.map.file()->path() != edit.file) continue;
        for (const SourceMap::Segment& segment : unit.map.segments()) {
          if (segment.file_begin <= edit.begin && edit.end <= segment.file_end) return &unit;
        }
      }
    }
  }
  return nullptr;
}

namespace {

// goose reads the annotation anywhere; its documentation puts it first.
void add_goose_no_transaction(Fix& fix) {
  fix.edits.push_back({fix.edits.front().file, 0, 0, "-- +goose NO TRANSACTION\n"});
}

// The option goes on the unit's own "-- migrate:up" (or down) line, whose
// end is just before the unit's first byte.
void add_dbmate_transaction_false(const SqlUnit& unit, Fix& fix) {
  const std::string& text = unit.map.file()->text();
  size_t line_end = unit.map.segments().front().file_begin;
  if (line_end > 0 && text[line_end - 1] == '\n') --line_end;
  if (line_end > 0 && text[line_end - 1] == '\r') --line_end;
  fix.edits.push_back({fix.edits.front().file, line_end, line_end, " transaction:false"});
}

}  // namespace

bool run_outside_transaction(const MigrationSet& set, Fix& fix) {
  const SqlUnit* unit = unit_of_fix(set, fix);
  if (!unit) return false;
  if (!unit->transactional) return true;
  switch (set.format) {
    case MigrationFormat::goose:
      add_goose_no_transaction(fix);
      return true;
    case MigrationFormat::dbmate:
      add_dbmate_transaction_false(*unit, fix);
      return true;
    case MigrationFormat::flyway:
      fix.new_files.push_back({fix.edits.front().file + ".conf", "executeInTransaction=false\n"});
      return true;
    default:
      return false;
  }
}

}  // namespace migcheck
