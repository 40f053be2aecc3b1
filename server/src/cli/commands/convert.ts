// `infra-review convert FILE [-o OUT]`: the equivalent infra.yaml of a design in any format.

import * as path from 'node:path';
import { analyze } from '../../analysis/engine';
import { formatOptionsFor } from '../../formats';
import { designToInfraYaml } from '../../formats/to-infra';
import { optionValue } from '../args';
import { displayPath } from '../discover';
import { EXIT_OK, UsageError } from '../io';
import { readDesignText, writeOutputFile } from '../read-design';
import { HELP_OPTION } from './command';
import type { Command } from './command';

export const convertCommand: Command = {
  name: 'convert',
  summary: 'write the equivalent infra.yaml of a Compose file or Kubernetes manifests',
  synopsis: 'convert FILE [-o OUT]',
  description: 'Each element gets a comment saying where in FILE it came from. Without -o, the infra.yaml goes to standard output.',
  options: [{ name: 'output', short: 'o', value: 'FILE', help: 'write the infra.yaml to FILE' }, HELP_OPTION],
  run: async (args, io) => {
    if (args.positionals.length !== 1) throw new UsageError('convert takes one file, e.g. infra-review convert compose.yaml -o infra.yaml');
    const file = path.resolve(io.cwd, args.positionals[0]);
    const shown = displayPath(io.cwd, file);
    const text = readDesignText(file, shown);
    const result = analyze(text, formatOptionsFor(file, undefined, text));
    if (result.spofs === null) throw new UsageError(`cannot convert ${shown}: it could not be read as a design (run infra-review check ${shown})`);
    const sm = result.parsed.sourceMap;
    const origin = (modelPath: readonly (string | number)[]) => {
      const documentPath = result.locator.documentPath(modelPath);
      if (documentPath.length === 0) return undefined;
      // A multi-document file's paths start with the document's index.
      const [first, ...rest] = documentPath;
      const inDocument = typeof first === 'number' ? rest : documentPath;
      const where = inDocument.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
      return `${typeof first === 'number' ? `document ${first + 1}: ` : ''}${where} (line ${sm.rangeOf(documentPath, 'key').start.line + 1})`;
    };
    const yaml = designToInfraYaml(result.design, origin, `Converted by infra-review from ${shown} (${result.format}).`);
    const output = optionValue(args, 'output');
    if (output) writeOutputFile(path.resolve(io.cwd, output), output, yaml);
    else io.stdout(yaml);
    return EXIT_OK;
  },
};
