// `migcheck fix`: applies the fixes findings carry, in place or as a diff.
#include <filesystem>
#include <iostream>
#include <set>

#include "ci/atomic_file.h"
#include "ci/command_options.h"
#include "ci/commands.h"
#include "ci/fix_diff.h"
#include "ci/fix_run.h"
#include "ci/project_arguments.h"

namespace migcheck {

namespace {

struct FixCommandArguments {
  FixArguments fix;
  bool diff = false;
};

void tell_what_is_left(const FixPlan& plan) {
  if (plan.unsafe_left > 0) {
    std::cerr << "migcheck: " << plan.unsafe_left
              << " unsafe fix(es) not applied: review them with --diff --unsafe, apply with "
                 "--unsafe\n";
  }
  if (plan.skipped > 0) {
    std::cerr << "migcheck: " << plan.skipped
              << " fix(es) overlap another and wait for the next run\n";
  }
}

void write_fixed_files(const FixPlan& plan) {
  for (const FixedFile& file : plan.files) {
    std::filesystem::path path = file.path;
    if (!file.before && path.has_parent_path()) {
      std::filesystem::create_directories(path.parent_path());
    }
    write_file_atomically(path, file.after);
  }
}

// Fixes whose edits overlap wait for the fixed file, and a fix can call for
// another (an index made CONCURRENTLY outside a transaction wants IF NOT
// EXISTS): in place, the files are linted and fixed again until nothing
// changes, a few passes at most.
constexpr int kPasses = 4;

int run_fix(const FixCommandArguments& args) {
  FixPlan plan = plan_fixes(args.fix);
  if (args.diff) {
    for (const FixedFile& file : plan.files) std::cout << unified_diff(file);
    tell_what_is_left(plan);
    if (plan.input_error) return 2;
    // Something to fix fails the run, as a check in CI should.
    return plan.files.empty() ? 0 : 1;
  }
  std::set<std::string> fixed;
  for (int pass = 1; !plan.files.empty(); ++pass) {
    write_fixed_files(plan);
    for (const FixedFile& file : plan.files) fixed.insert(file.path);
    if (pass == kPasses || plan.input_error) break;
    plan = plan_fixes(args.fix);
  }
  for (const std::string& path : fixed) std::cerr << "migcheck: fixed " << path << "\n";
  tell_what_is_left(plan);
  return plan.input_error ? 2 : 0;
}

}  // namespace

void add_fix_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<FixCommandArguments>();
  CLI::App* fix = app.add_subcommand(
      "fix", "Apply the fixes of findings: in place, or as a unified diff with --diff");
  fix->add_option("paths", args->fix.paths,
                  "SQL files or directories; without them, the migration project in --project");
  add_project_options(*fix, args->fix.project);
  fix->add_flag("--diff", args->diff,
                "Print the fixes as a unified diff instead of writing them; exit 1 when there "
                "is something to fix");
  fix->add_flag("--unsafe", args->fix.unsafe,
                "Also apply fixes that change behaviour a reviewer must accept (another column "
                "type, a new migration file)");
  add_rule_choice_options(*fix, args->fix.flags);
  add_statement_options(*fix, args->fix.flags);
  fix->callback([args, &exit_code] { exit_code = run_fix(*args); });
}

}  // namespace migcheck
