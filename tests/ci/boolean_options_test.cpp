#include "ci/boolean_options.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "ci/commands.h"

using namespace migcheck;

namespace {

// Thrown once the options are parsed, before any command's callback runs.
struct Parsed {};

// Every subcommand as `migcheck` registers it. Parsing must not run a command,
// but the commands' callbacks must stay: they own the variables the options
// write into (replacing them freed those, a use-after-free under ASan). The
// main app's parse-complete callback runs after the options are stored and
// before the subcommands' callbacks, so it stops there.
struct Commands {
  CLI::App app{"migcheck"};
  int exit_code = 0;
  Commands() {
    add_commands(app, exit_code);
    app.parse_complete_callback([] { throw Parsed{}; });
  }

  // Parses `migcheck ARGS...` as run_cli does and returns the option's value.
  std::optional<bool> value_after(const std::vector<std::string>& arguments,
                                  const std::string& command, const std::string& option) {
    std::vector<std::string> reversed = attach_boolean_values(app, arguments);
    std::reverse(reversed.begin(), reversed.end());
    app.clear();
    try {
      app.parse(reversed);
    } catch (const Parsed&) {
    }
    const CLI::Option* parsed = app.get_subcommand(command)->get_option(option);
    if (parsed->count() == 0) return std::nullopt;
    return parsed->as<bool>();
  }
};

}  // namespace

TEST_CASE("every flag of every subcommand: alone true, =false, and a yes/no word after it") {
  Commands commands;
  size_t flags = 0;
  for (const CLI::App* command :
       commands.app.get_subcommands([](const CLI::App*) { return true; })) {
    for (const CLI::Option* option :
         command->get_options([](const CLI::Option* o) { return o->get_expected_max() == 0; })) {
      if (option == command->get_help_ptr()) continue;
      std::string name = "--" + option->get_lnames().front();
      std::string sub = command->get_name();
      CAPTURE(sub);
      CAPTURE(name);
      ++flags;
      CHECK(commands.value_after({sub, name}, sub, name) == true);
      CHECK(commands.value_after({sub, name + "=false"}, sub, name) == false);
      CHECK(commands.value_after({sub, name, "false"}, sub, name) == false);
      CHECK(commands.value_after({sub, name, "No"}, sub, name) == false);
      CHECK(commands.value_after({sub, name, "true"}, sub, name) == true);
    }
  }
  // lint's --staged, --include-downgrades and --assume-in-transaction, the last
  // two in pre-deploy-check too, heads' --all-branches, --allow-destructive
  // twice, --no-roundtrip, --chain, --force; --trace, --load and --verbose
  // in roundtrip and pre-deploy-check; install-hook's --fix; fix's --diff,
  // --unsafe and --assume-in-transaction; lsp's --stdio.
  CHECK(flags == 22);
}

TEST_CASE("--assume-in-transaction before a path: true, and the path stays a path") {
  Commands commands;
  std::vector<std::string> arguments = {"lint", "--assume-in-transaction", "a.sql"};
  CHECK(attach_boolean_values(commands.app, arguments) == arguments);
  CHECK(commands.value_after(arguments, "lint", "--assume-in-transaction") == true);
  CHECK(commands.app.get_subcommand("lint")->get_option("paths")->as<std::string>() == "a.sql");
  CHECK(commands.value_after({"lint", "a.sql"}, "lint", "--assume-in-transaction") == std::nullopt);
  // After `--`, a word is a path whatever it looks like.
  CHECK(attach_boolean_values(commands.app, {"lint", "--", "--staged", "false"}) ==
        std::vector<std::string>{"lint", "--", "--staged", "false"});
  // A value option's value is not a flag's.
  CHECK(attach_boolean_values(commands.app, {"lint", "--format", "json", "--staged", "0"}) ==
        std::vector<std::string>{"lint", "--format", "json", "--staged=0"});
}

TEST_CASE("a flag given a value that is not yes or no is a usage error") {
  Commands commands;
  CHECK_THROWS_AS(commands.value_after({"lint", "--assume-in-transaction=maybe"}, "lint",
                                       "--assume-in-transaction"),
                  CLI::ParseError);
}
