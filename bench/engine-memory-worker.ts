// Peak memory of one analysis, in a process of its own (nothing else has run in it).
// Usage: engine-memory-worker.ts <components> <check|tree|report>; prints one JSON line.
//   check:  what `check` runs: the analysis without the yaml tree (sourceIndex: 'compact');
//   tree:   the same analysis holding the tree, as the editor's worker does;
//   report: check, then the availability and the JSON report, all held at once as the CLI holds them.

import { analyze } from '../server/src/analysis/engine';
import { availabilityOf } from '../server/src/analysis/availability';
import { FORMATTERS } from '../server/src/cli/formatters';
import { generateLargeDesignYaml } from '../test/support/random-design';

const components = Number(process.argv[2]);
const mode = process.argv[3];
const baseMb = process.memoryUsage().rss / 1024 / 1024;
const text = generateLargeDesignYaml(components, 42);

let findings = 0;
let reportBytes = 0;
if (mode === 'tree') {
  findings = analyze(text).findings.length;
} else {
  const result = analyze(text, { sourceIndex: 'compact' });
  findings = result.findings.length;
  if (mode === 'report') {
    const report = { path: 'design.infra.yaml', format: result.format, findings: result.findings, spofs: result.spofs, availability: availabilityOf(result) };
    reportBytes = FORMATTERS.json([report], { toolName: 'infra-review', version: '0', informationUri: '', color: false }).length;
  }
}
process.stdout.write(JSON.stringify({ components, mode, findings, reportBytes, baseMb, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
