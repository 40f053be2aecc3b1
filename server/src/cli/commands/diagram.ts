// `infra-review diagram FILE [-o out.svg] [--collapse GROUP]...`: the preview's diagram as a
// standalone SVG, with the groups (Kubernetes namespaces) it names collapsed as the preview does.

import * as path from 'node:path';
import { analyze } from '../../analysis/engine';
import type { AnalysisResult } from '../../analysis/engine';
import { formatOptionsFor } from '../../formats';
import { oneOf, optionValue } from '../args';
import { displayPath } from '../discover';
import { EXIT_OK, UsageError } from '../io';
import { readDesignText, writeOutputFile } from '../read-design';
import { HELP_OPTION } from './command';
import type { Command } from './command';

export const diagramCommand: Command = {
  name: 'diagram',
  summary: 'draw a design as an SVG diagram',
  synopsis: 'diagram FILE [-o out.svg] [--collapse GROUP]...',
  description: 'Without -o, the SVG goes to standard output.',
  options: [
    { name: 'output', short: 'o', value: 'FILE', help: 'write the SVG to FILE' },
    { name: 'collapse', value: 'GROUP', repeatable: true, help: 'draw GROUP (a Kubernetes namespace) as one node, as the preview collapses it' },
    HELP_OPTION,
  ],
  run: async (args, io) => {
    if (args.positionals.length !== 1) throw new UsageError('diagram takes one design file, e.g. infra-review diagram infra.yaml -o infra.svg');
    const file = path.resolve(io.cwd, args.positionals[0]);
    const text = readDesignText(file, displayPath(io.cwd, file));
    const result = analyze(text, formatOptionsFor(file, undefined, text));
    // Loaded on demand: the layout engine is large and only this command needs it.
    // (`require`, not `import()`: the bundle and the tests' loader both resolve it lazily.)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderDiagramSvg } = require('../../diagram') as typeof import('../../diagram');
    const svg = await renderDiagramSvg(result, { collapsedGroups: collapsedGroups(result, args.options.get('collapse') ?? []) });
    const output = optionValue(args, 'output');
    if (output) writeOutputFile(path.resolve(io.cwd, output), output, svg);
    else io.stdout(svg.endsWith('\n') ? svg : `${svg}\n`);
    return EXIT_OK;
  },
};

/** The groups named by `--collapse`, each one the design has. */
function collapsedGroups(result: AnalysisResult, named: readonly string[]): Set<string> {
  if (named.length === 0) return new Set();
  const groups = [...new Set([...result.design.components.values()].flatMap((c) => (c.group !== undefined ? [c.group] : [])))].sort();
  if (groups.length === 0) throw new UsageError('--collapse: the design has no groups (a Kubernetes manifest\'s namespaces are its groups)');
  return new Set(named.map((g) => oneOf('collapse', g, groups)));
}
