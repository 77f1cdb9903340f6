// Starts `migcheck lsp` for SQL files and Alembic revisions: diagnostics as
// you type, the rule's explanation on hover, and quick fixes (docs/editors.md).
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration("migcheck").get<string>("path", "migcheck");
  // The client adds --stdio to the arguments; migcheck lsp accepts it.
  const server: ServerOptions = { command, args: ["lsp"], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "sql" },
      { scheme: "file", language: "python" },
    ],
    synchronize: {
      // A revision added, removed or changed outside the editor changes the
      // schema the others see: the server reads the project again.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{sql,py,ini,toml}"),
    },
  };
  client = new LanguageClient("migcheck", "migcheck", server, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
