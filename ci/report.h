#pragma once
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "linter/finding.h"
#include "linter/rule.h"
#include "linter/source_file.h"

namespace migcheck {

enum class OutputFormat { text, json, github, sarif, gitlab, junit, markdown };
// Parses a --format value; false when unknown.
bool parse_output_format(std::string_view text, OutputFormat& out);

// Everything a reporter renders: the findings (already filtered and sorted),
// what was checked, and the definitions of the rules that may appear.
struct Report {
  std::vector<Finding> findings;
  size_t files_checked = 0;
  std::vector<const Rule*> rules;
  // Source texts by reported path, so the text reporter can quote the line.
  std::map<std::string, std::shared_ptr<const SourceFile>> sources;
  Severity fail_on = Severity::error;  // findings at or above this fail the run
};

struct RenderOptions {
  bool color = false;  // text format only
};

void render_report(OutputFormat format, const Report& report, const RenderOptions& options,
                   std::ostream& out);

}  // namespace migcheck
