// Help texts, generated from the command table and each command's options.

import type { OptionSpec } from './args';
import type { Command } from './commands/command';

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'infra-review: reviews web-infrastructure designs (infra.yaml) for single points of failure,',
    'missing redundancy, security gaps and capacity.',
    '',
    'Usage:',
    ...commands.map((c) => `  infra-review ${c.synopsis}`),
    '  infra-review --version | --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'infra-review COMMAND --help' for a command's options.",
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: infra-review ${command.synopsis}`, '', `${capitalise(command.summary)}.`];
  if (command.description) lines.push('', command.description);
  if (command.options.length > 0) lines.push('', 'Options:', ...optionLines(command.options));
  return `${lines.join('\n')}\n`;
}

function optionLines(options: readonly OptionSpec[]): string[] {
  const labels = options.map((o) => `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(...labels.map((l) => l.length));
  return options.map((o, i) => `  ${labels[i].padEnd(width)}  ${o.help}`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
