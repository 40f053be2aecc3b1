// Large designs that the scale tests check for correctness and `npm run bench` times
// (bench/limits.bench.ts): one definition for both, so the figures are about what the tests check.

import { buildDesign } from '../../server/src/model/build';
import { parseText } from '../../server/src/model/parse';
import type { ParsedDocument } from '../../server/src/model/parse';
import type { Design } from '../../server/src/model/types';

/** `n` hosts and `n` components as parsed data, every component valid or every one broken four ways. */
export function schemaScaleDesign(n: number, broken: boolean): ParsedDocument {
  const hosts: Record<string, unknown> = {};
  const components: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    hosts[`h${i}`] = { zone: 'z', firewall: true, monitoring: 'datadog' };
    components[`c${i}`] = broken
      ? { type: 'web-srv', runOn: [`h${i}`], dependsOn: [3], healthCheck: 5 }
      : { type: 'web-server', runsOn: [`h${i}`], dependsOn: [`c${i + 1}`], healthCheck: '/health' };
  }
  return { ...parseText('version: 1\nname: shop\n'), data: { version: 1, name: 'big', hosts, components } };
}

/** c0 → c1 → … → c(length-1), each depending on the next, as a Design. */
export function chainDesign(length: number): Design {
  const components: Record<string, unknown> = {};
  for (let i = 0; i < length; i++) components[`c${i}`] = i + 1 < length ? { dependsOn: [`c${i + 1}`] } : {};
  return buildDesign({ version: 1, name: 'chain', components });
}

/** `components` app servers on a host each, in one dependency ring, as YAML text. */
export function ringDesignYaml(components: number): string {
  const lines = ['version: 1', 'name: big', 'hosts:'];
  for (let i = 0; i < components; i++) lines.push(`  h${i}: {}`);
  lines.push('components:');
  for (let i = 0; i < components; i++) lines.push(`  c${i}:`, '    type: app-server', `    runsOn: [h${i}]`, `    dependsOn: [c${(i + 1) % components}]`);
  return lines.join('\n') + '\n';
}
