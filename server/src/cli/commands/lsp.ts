// `infra-review lsp --stdio`: the language server. Loaded only here, so that `check`
// never pays for loading vscode-languageserver.

import { UsageError } from '../io';
import { hasFlag } from '../args';
import { HELP_OPTION } from './command';
import type { Command } from './command';

export const lspCommand: Command = {
  name: 'lsp',
  summary: 'run the language server over standard input and output',
  synopsis: 'lsp --stdio',
  description: 'For any LSP editor (Neovim, Helix, Emacs, Sublime); the VS Code extension starts the same server.',
  options: [
    { name: 'stdio', help: 'talk LSP over standard input and output (required)' },
    // vscode-languageclient adds this to every server it starts; the server reads it itself.
    { name: 'clientProcessId', value: 'PID', help: 'exit when this process ends' },
    HELP_OPTION,
  ],
  run: async (args) => {
    if (!hasFlag(args, 'stdio')) throw new UsageError('lsp needs --stdio (the only transport it supports)');
    if (args.positionals.length > 0) throw new UsageError(`lsp takes no arguments, got '${args.positionals[0]}'`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startServer } = require('../../server') as typeof import('../../server');
    startServer();
    return null;
  },
};
