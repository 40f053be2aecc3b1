// A 30,000-deep dependsOn chain: the analysis must not overflow the stack.
import { availabilityOf } from '../server/src/analysis/availability';
import { analyze } from '../server/src/analysis/engine';

const depth = Number(process.argv[2] ?? 30000);
const lines = ['version: 1', 'name: chain', 'components:'];
for (let i = 0; i < depth; i++) {
  lines.push(`  c${i}:`, '    type: service');
  if (i + 1 < depth) lines.push(`    dependsOn: [c${i + 1}]`);
}
const text = lines.join('\n') + '\n';
const t0 = process.hrtime.bigint();
const result = analyze(text);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const t1 = process.hrtime.bigint();
const availability = availabilityOf(result);
const availabilityMs = Number(process.hrtime.bigint() - t1) / 1e6;
process.stdout.write(
  JSON.stringify({ depth, ms, findings: result.findings.length, spofs: result.spofs?.length ?? null, availabilityMs, availabilityExact: availability?.exact ?? null }) + '\n',
);
