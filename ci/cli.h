#pragma once

namespace migcheck {

// Parses the command line, runs the subcommand and returns the exit code:
// 0 clean, 1 failing findings, 2 usage, configuration or input error.
int run_cli(int argc, char** argv);

}  // namespace migcheck
