// `migcheck lsp`: the Language Server on standard input and output, for
// editors (docs/editors.md).
#include <filesystem>
#include <iostream>
#include <memory>

#include "ci/commands.h"
#include "ci/lsp/server.h"

namespace migcheck {

void add_lsp_command(CLI::App& app, int& exit_code) {
  CLI::App* lsp = app.add_subcommand(
      "lsp", "Run the Language Server (LSP 3.17) on stdin/stdout: diagnostics, hover, quick fixes");
  // vscode-languageclient names the transport on the command line; stdio is
  // the only one, so the flag changes nothing. The callback owns its value.
  auto stdio = std::make_shared<bool>(false);
  lsp->add_flag("--stdio", *stdio, "Talk over standard input and output (the only transport)");
  lsp->callback([&exit_code, stdio] {
    lsp::LanguageServer server(std::cin, std::cout, std::filesystem::current_path().string());
    exit_code = server.run();
  });
}

}  // namespace migcheck
