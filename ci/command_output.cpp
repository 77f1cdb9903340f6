#include "ci/command_output.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "linter/input_error.h"

namespace migcheck {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

bool in_github_actions() {
  return environment("GITHUB_ACTIONS") == "true";
}

void append_step_summary(const Report& report) {
  std::string path = environment("GITHUB_STEP_SUMMARY");
  if (path.empty()) return;
  std::ofstream summary(path, std::ios::app);
  if (!summary) throw InputError(path + ": cannot append the GitHub step summary");
  RenderOptions options;
  std::string server = environment("GITHUB_SERVER_URL"),
              repository = environment("GITHUB_REPOSITORY"), sha = environment("GITHUB_SHA");
  if (!server.empty() && !repository.empty() && !sha.empty()) {
    options.link_base = server + "/" + repository + "/blob/" + sha + "/";
  }
  render_report(OutputFormat::markdown, report, options, summary);
  // Appended, not replaced (the file holds the job's earlier steps too), but
  // never silently short.
  summary.close();
  if (!summary) throw InputError(path + ": cannot write the GitHub step summary");
}

}  // namespace

std::string default_output_format() {
  return in_github_actions() ? "github" : "text";
}

OutputFormat output_format(const std::string& name) {
  OutputFormat format;
  if (!parse_output_format(name, format)) {
    throw InputError("--format: unknown format '" + name +
                     "' (text, json, github, sarif, gitlab, junit, markdown)");
  }
  return format;
}

void publish_report(OutputFormat format, const Report& report, bool verbose) {
  std::string no_color = environment("NO_COLOR");
  RenderOptions options{.color = isatty(STDOUT_FILENO) && no_color.empty(), .verbose = verbose};
  render_report(format, report, options, std::cout);
  if (in_github_actions()) append_step_summary(report);
}

}  // namespace migcheck
