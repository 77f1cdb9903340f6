#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "linter/finding.h"
#include "linter/rule.h"
#include "linter/source_map.h"

namespace migcheck {

// The definition of `unused-suppression`, reported at an ignore comment that
// suppressed nothing, so stale ones do not pile up.
extern const Rule kUnusedSuppressionRule;

// What a suppression comment may name. The linter does not know the rule
// registry or squawk's names; the command line supplies both.
struct SuppressionNames {
  // Whether `id` is a migcheck rule id.
  std::function<bool(std::string_view id)> known;
  // The migcheck rules a squawk rule name stands for (empty when squawk's rule
  // has no counterpart here); nullopt when `name` is not a squawk rule.
  std::function<std::optional<std::vector<std::string>>(std::string_view name)> from_squawk;
};

// Whether a rule runs for a file (configuration can differ by path).
using RuleEnabledForFile = std::function<bool(const std::string& file, std::string_view rule)>;

// Inline suppressions, applied after linting as a filter over findings:
//   -- migcheck:ignore RULE[,RULE] reason      the statement the comment is in,
//                                             on the line of, or right above
//   -- migcheck:ignore-file RULE[,RULE]        every finding in the file
//   -- squawk-ignore[-file] [RULE[,RULE]]      the same with squawk's names;
//                                             no names means every rule
// Comments are read from the SQL of the units that were linted, so a comment
// covers the whole statement after it however many lines it spans. Alembic's
// `# migcheck:ignore` comments reach the units as SQL comments before the
// call's SQL (see migrations/alembic/op_translator.h).
class Suppressions {
 public:
  explicit Suppressions(SuppressionNames names) : names_(std::move(names)) {}

  // Reads the suppression comments of a unit that was linted. Cheap for a
  // unit without any. Throws InputError "file:line:col: ..." for a rule id
  // that does not exist or an ignore that names no rule.
  void add_unit(const SqlUnit& unit);
  // The same for a loose SQL file linted whole.
  void add_file(const std::shared_ptr<const SourceFile>& file);

  // Removes the findings a comment covers, then appends an
  // `unused-suppression` warning at each comment that named a rule enabled
  // for its file yet covered no finding of it. A file with a syntax error is
  // not judged: the statements after the error were never linted.
  void apply(std::vector<Finding>& findings, const RuleEnabledForFile& enabled) const;

  // Only removes the findings a comment covers: for findings added after
  // apply() (those of the statements a round trip executed), which must not
  // judge the comments a second time.
  void remove_suppressed(std::vector<Finding>& findings) const;

 private:
  struct LineRange {
    int first;
    int last;
  };
  struct Entry {
    Location comment;
    std::string marker;  // "migcheck:ignore", "squawk-ignore-file", ...
    // Each name as written, with the migcheck rule ids it stands for.
    std::vector<std::pair<std::string, std::vector<std::string>>> names;
    bool every_rule = false;  // squawk's bare ignore
    bool whole_file = false;
    std::vector<LineRange> covered;  // lines of the statement(s) it applies to
  };

  // (entry, rule id) pairs that suppressed something; "" for a bare ignore.
  using Uses = std::set<std::pair<const Entry*, std::string>>;
  Uses remove_covered(std::vector<Finding>& findings) const;

  void add_comment(const SqlUnit& unit, size_t begin, size_t end,
                   std::optional<LineRange> statement, bool trailing);

  SuppressionNames names_;
  // Keyed by the comment's position: the Alembic translator repeats a file's
  // ignore-file comments at the top of every unit.
  std::map<std::tuple<std::string, int, int>, Entry> entries_;
};

}  // namespace migcheck
