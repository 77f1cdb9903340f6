#include "ci/boolean_options.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "linter/ascii_text.h"

namespace migcheck {

namespace {

// The words CLI11 converts to a bool, but for its rarer ones (enable,
// disable, other numbers), which are likelier to be a file name.
bool is_boolean_word(std::string_view word) {
  static constexpr std::array<std::string_view, 8> kWords = {"true", "false", "yes", "no",
                                                             "on",   "off",   "1",   "0"};
  return std::find(kWords.begin(), kWords.end(), ascii_lower(word)) != kWords.end();
}

bool is_flag(const CLI::App& command, const std::string& argument) {
  if (!argument.starts_with("--") || argument.find('=') != std::string::npos) return false;
  const CLI::Option* option = command.get_option_no_throw(argument);
  return option != nullptr && option->get_expected_max() == 0 && option != command.get_help_ptr();
}

}  // namespace

CLI::Option* add_optional_flag(CLI::App& command, const std::string& name,
                               std::optional<bool>& value, const std::string& description) {
  CLI::Option* option = command.add_flag(name, value, description);
  value.reset();  // CLI11 stores the flag's default (false) as it adds it
  return option;
}

std::vector<std::string> attach_boolean_values(const CLI::App& app,
                                               const std::vector<std::string>& arguments) {
  std::vector<std::string> out;
  const CLI::App* command = nullptr;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--") {  // the rest are positional, whatever they look like
      out.insert(out.end(), arguments.begin() + static_cast<std::ptrdiff_t>(i), arguments.end());
      break;
    }
    if (!command) {
      auto named = app.get_subcommands(
          [&](const CLI::App* subcommand) { return subcommand->check_name(argument); });
      if (!named.empty()) command = named.front();
      out.push_back(argument);
      continue;
    }
    if (i + 1 < arguments.size() && is_flag(*command, argument) &&
        is_boolean_word(arguments[i + 1])) {
      out.push_back(argument + "=" + arguments[++i]);
      continue;
    }
    out.push_back(argument);
  }
  return out;
}

}  // namespace migcheck
