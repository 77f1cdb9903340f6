// README.md's options table says which subcommand takes which option; it is
// checked against the options the subcommands declare (what each `--help`
// lists), both ways, so the table cannot promise an option a command rejects
// nor miss one it takes.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ci/commands.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

using OptionCommands = std::map<std::string, std::set<std::string>>;  // option -> commands

// The `...` spans of a Markdown table cell.
std::vector<std::string> code_spans(const std::string& cell) {
  std::vector<std::string> spans;
  for (size_t open = cell.find('`'); open != std::string::npos; open = cell.find('`', open)) {
    size_t close = cell.find('`', open + 1);
    if (close == std::string::npos) break;
    spans.push_back(cell.substr(open + 1, close - open - 1));
    open = close + 1;
  }
  return spans;
}

// The cells of a table row, split at the bars that are not escaped (\|).
std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::string cell;
  for (size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|' && row[i - 1] != '\\') {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return out;
}

// The option names of a cell's spans: "-c, --alembic-config FILE" names -c and
// --alembic-config.
std::vector<std::string> option_names(const std::string& cell) {
  std::vector<std::string> names;
  for (const std::string& span : code_spans(cell)) {
    std::istringstream words(span);
    for (std::string word; words >> word;) {
      if (word.ends_with(",")) word.pop_back();
      if (word.starts_with("-")) names.push_back(word);
    }
  }
  return names;
}

// The README's table: its rows after the "| option | commands | meaning |" header.
OptionCommands readme_table() {
  std::istringstream readme(read_file(source_dir() / "README.md"));
  OptionCommands table;
  bool in_table = false;
  for (std::string line; std::getline(readme, line);) {
    if (line == "| option | commands | meaning |") {
      in_table = true;
      continue;
    }
    if (!in_table || line.starts_with("|---")) continue;
    if (!line.starts_with("|")) break;
    std::vector<std::string> row = cells(line);
    REQUIRE(row.size() == 3);
    for (const std::string& option : option_names(row[0])) {
      for (const std::string& command : code_spans(row[1])) table[option].insert(command);
    }
  }
  return table;
}

// Calls `visit` with every named option but --help of every subcommand.
void for_each_option(const std::function<void(const std::string&, const CLI::Option&)>& visit) {
  CLI::App app;
  int exit_code = 0;
  add_commands(app, exit_code);
  for (const CLI::App* command : app.get_subcommands({})) {
    for (const CLI::Option* option : command->get_options()) {
      if (option != command->get_help_ptr() && option->nonpositional()) {
        visit(command->get_name(), *option);
      }
    }
  }
}

}  // namespace

TEST_CASE("README.md's options table matches the options every subcommand declares") {
  OptionCommands table = readme_table();
  REQUIRE(table.size() > 20);
  OptionCommands declared;
  for_each_option([&](const std::string& command, const CLI::Option& option) {
    for (const std::string& name : option.get_lnames()) declared["--" + name].insert(command);
    for (const std::string& name : option.get_snames()) declared["-" + name].insert(command);
  });
  for (const auto& [option, commands] : table) {
    for (const std::string& command : commands) {
      INFO("README.md says `" << command << "` takes " << option);
      CHECK(declared[option].count(command) == 1);
    }
  }
  for (const auto& [option, commands] : declared) {
    for (const std::string& command : commands) {
      INFO("`" << command << "` takes " << option << ": README.md's options table must say so");
      CHECK(table[option].count(command) == 1);
    }
  }
}

TEST_CASE("README.md's list of yes/no options is every flag of every subcommand") {
  std::string readme = read_file(source_dir() / "README.md");
  size_t start = readme.find("Yes/no options (");
  REQUIRE(start != std::string::npos);
  std::string listed_text = readme.substr(start, readme.find(')', start) - start);
  std::set<std::string> listed;
  for (const std::string& span : code_spans(listed_text)) listed.insert(span);

  std::set<std::string> flags;
  for_each_option([&](const std::string&, const CLI::Option& option) {
    if (option.get_expected_max() != 0) return;
    for (const std::string& name : option.get_lnames()) flags.insert("--" + name);
  });
  CHECK(listed == flags);
}
