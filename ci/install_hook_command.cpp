// `migcheck install-hook`: a git pre-commit hook that lints the staged
// migrations (`lint --staged`), so unsafe ones are caught before they are
// committed; with --fix it first applies the safe fixes (`migcheck fix`).
#include <git2.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "ci/atomic_file.h"
#include "ci/commands.h"
#include "ci/project_arguments.h"
#include "linter/input_error.h"
#include "migrations/git/repository.h"

namespace migcheck {

namespace {

struct InstallHookArguments {
  std::string project = ".";
  bool chain = false;  // keep an existing hook and run it first
  bool force = false;  // replace an existing hook
  bool fix = false;    // apply the safe fixes before linting
};

constexpr const char* kMarker = "# Installed by `migcheck install-hook`";

// Installing again rewrites our own hook instead of chaining it to itself.
bool is_ours(const std::filesystem::path& hook) {
  std::ifstream in(hook);
  std::string line;
  return std::getline(in, line) && std::getline(in, line) && line.starts_with(kMarker);
}

std::string single_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The hook's own lines after the chained hook, with their reason.
std::string lint_lines(const std::string& project) {
  return "# It runs the migcheck on PATH, never a path fixed at install time: that could\n"
         "# be a build directory or a version since replaced, and differs between clones.\n"
         "# Without migcheck on PATH the commit stops, rather than going in unchecked.\n"
         "if ! command -v migcheck >/dev/null 2>&1; then\n"
         "  echo 'migcheck pre-commit hook: migcheck is not on PATH (install it, or commit with "
         "--no-verify to skip this check once)' >&2\n"
         "  exit 1\n"
         "fi\n"
         "exec migcheck lint --staged --project " +
         single_quoted(project) + "\n";
}

// The fixing variant's lines before the lint: fixes go into the working tree,
// never silently into the commit, so the commit stops for them to be reviewed.
std::string fix_lines(const std::string& project) {
  return "if ! migcheck fix --diff --project " + single_quoted(project) +
         " >/dev/null 2>&1; then\n"
         "  migcheck fix --project " +
         single_quoted(project) +
         "\n"
         "  echo 'migcheck pre-commit hook: fixes applied to the working tree; review them (git "
         "diff), add them and commit again' >&2\n"
         "  exit 1\n"
         "fi\n";
}

// The hook lints the project at `directory` in every commit: a directory
// where none is found would fail them all, so it is refused at once.
void require_project(const std::string& directory) {
  try {
    load_project_arguments(ProjectArguments{.directory = directory}, false);
  } catch (const InputError& e) {
    throw InputError(std::string(e.what()) +
                     "; the hook lints the migration project in --project (default: the current "
                     "directory): pass --project with the directory of the migrations");
  }
}

int install_hook(const InstallHookArguments& args) {
  if (args.chain && args.force) throw InputError("--chain and --force: give one of them");
  GitRepository repo = GitRepository::open(args.project);
  require_project(args.project);
  std::string project = repo.tree_path(args.project);
  if (project.empty()) project = ".";  // git runs hooks from the top of the working tree
  std::filesystem::path hooks = std::filesystem::path(git_repository_path(repo.get())) / "hooks";
  std::filesystem::path hook = hooks / "pre-commit";
  std::filesystem::path chained = hooks / "pre-commit.before-migcheck";
  std::filesystem::create_directories(hooks);

  std::string script = std::string("#!/bin/sh\n") + kMarker +
                       (args.fix ? ": fixes, then lints the staged migrations.\n"
                                 : ": lints the staged migrations.\n");
  if (std::filesystem::exists(hook) && !is_ours(hook)) {
    if (args.chain) {
      std::filesystem::rename(hook, chained);
    } else if (!args.force) {
      throw InputError(hook.string() +
                       ": a pre-commit hook exists already; --chain runs it before migcheck, "
                       "--force replaces it");
    }
  }
  if (std::filesystem::exists(chained) && !args.force) {
    script += single_quoted(chained.string()) + " \"$@\" || exit $?\n";
  }
  std::string lint = lint_lines(project);
  // After the PATH check, before the lint.
  if (args.fix) lint.insert(lint.find("exec migcheck lint"), fix_lines(project));
  script += lint;
  write_file_atomically(hook, script,
                        std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                            std::filesystem::perms::group_exec |
                            std::filesystem::perms::others_read |
                            std::filesystem::perms::others_exec);
  std::cout << "migcheck: installed " << hook.string() << " (lints staged migrations in " << project
            << "; runs the migcheck on PATH)\n";
  return 0;
}

}  // namespace

void add_install_hook_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<InstallHookArguments>();
  CLI::App* command = app.add_subcommand(
      "install-hook", "Install a git pre-commit hook that lints the staged migrations");
  command->add_option("--project", args->project, "Migration project directory (default: .)");
  command->add_flag("--chain", args->chain, "Keep an existing pre-commit hook and run it first");
  command->add_flag("--force", args->force, "Replace an existing pre-commit hook");
  command->add_flag("--fix", args->fix,
                    "Install the fixing variant: apply the safe fixes (migcheck fix) to the "
                    "working tree and stop the commit for review when there were any");
  command->callback([args, &exit_code] { exit_code = install_hook(*args); });
}

}  // namespace migcheck
