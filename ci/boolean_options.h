#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace migcheck {

// Yes/no options, the way squawk users write them: `--assume-in-transaction`
// alone means true, `--assume-in-transaction=false` and
// `--assume-in-transaction false` set the value. Every boolean option of every
// subcommand is a CLI11 flag (which takes a value only after `=`), and the
// command line is read through attach_boolean_values first.

// A flag whose absence is remembered: `value` stays empty unless it is given.
CLI::Option* add_optional_flag(CLI::App& command, const std::string& name,
                               std::optional<bool>& value, const std::string& description);

// The arguments (without the program name) with `--flag WORD` joined into
// `--flag=WORD` when --flag is a flag of the subcommand given and WORD is a
// yes/no word (true, false, yes, no, on, off, 1, 0, any case). Any other next
// argument is left alone: `--assume-in-transaction a.sql` lints a.sql.
std::vector<std::string> attach_boolean_values(const CLI::App& app,
                                               const std::vector<std::string>& arguments);

}  // namespace migcheck
