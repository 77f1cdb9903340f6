#pragma once
#include <string>

#include "ci/report.h"

namespace migcheck {

// The --format default: workflow-command annotations inside GitHub Actions
// (GITHUB_ACTIONS=true), readable text elsewhere.
std::string default_output_format();

// The format a --format value names; throws InputError when unknown. Commands
// call it before their work so a typo fails at once.
OutputFormat output_format(const std::string& name);

// Writes a command's report to standard output (colour only on a terminal,
// NO_COLOR honoured). Inside GitHub Actions it also appends the Markdown
// summary, with links to the lines, to $GITHUB_STEP_SUMMARY.
// With `verbose`, the text format adds the round trip's trace.
void publish_report(OutputFormat format, const Report& report, bool verbose = false);

}  // namespace migcheck
