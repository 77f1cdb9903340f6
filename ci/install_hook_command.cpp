// `migcheck install-hook`: a git pre-commit hook that lints the staged
// migrations (`lint --staged`), so unsafe ones are caught before they are
// committed.
#include <git2.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "ci/commands.h"
#include "linter/input_error.h"
#include "migrations/git/repository.h"

namespace migcheck {

namespace {

struct InstallHookArguments {
  std::string project = ".";
  bool chain = false;  // keep an existing hook and run it first
  bool force = false;  // replace an existing hook
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

// This binary, so the hook keeps working without migcheck on PATH.
std::string own_binary() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("migcheck") : path.string();
}

int install_hook(const InstallHookArguments& args) {
  if (args.chain && args.force) throw InputError("--chain and --force: give one of them");
  GitRepository repo = GitRepository::open(args.project);
  std::string project = repo.tree_path(args.project);
  std::filesystem::path hooks = std::filesystem::path(git_repository_path(repo.get())) / "hooks";
  std::filesystem::path hook = hooks / "pre-commit";
  std::filesystem::path chained = hooks / "pre-commit.before-migcheck";
  std::filesystem::create_directories(hooks);

  std::string script = std::string("#!/bin/sh\n") + kMarker + ": lints the staged migrations.\n";
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
  script += "exec " + single_quoted(own_binary()) + " lint --staged --project " +
            single_quoted(project.empty() ? "." : project) + "\n";
  std::ofstream(hook) << script;
  std::filesystem::permissions(hook, std::filesystem::perms::owner_all |
                                         std::filesystem::perms::group_read |
                                         std::filesystem::perms::group_exec |
                                         std::filesystem::perms::others_read |
                                         std::filesystem::perms::others_exec);
  std::cout << "migcheck: installed " << hook.string() << " (lints staged migrations in "
            << (project.empty() ? "." : project) << ")\n";
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
  command->callback([args, &exit_code] { exit_code = install_hook(*args); });
}

}  // namespace migcheck
