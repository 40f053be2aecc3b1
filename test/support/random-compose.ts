// Compose files for property tests and the benchmark: small random ones that use every key the
// Compose front end reads (as YAML text, in the block style people write, with comments), and a
// large generated one whose size grows linearly.

import fc from 'fast-check';

/** Services in tiers: each depends on the next by depends_on and by an environment URL; one publishes a port. */
export function composeOfServices(n: number): { text: string; editLine: number } {
  const lines = ['name: bench', 'services:'];
  let editLine = 0;
  for (let i = 0; i < n; i++) {
    lines.push(`  svc-${i}:`);
    lines.push(`    image: ${i % 10 === 9 ? 'postgres:16' : `acme/svc-${i}:1.0`}`);
    if (i === 0) lines.push('    ports: ["443:443"]');
    if (i === n >> 1) editLine = lines.length;
    lines.push('    restart: always');
    if (i + 1 < n && i % 10 !== 9) {
      lines.push(`    depends_on: [svc-${i + 1}]`);
      lines.push('    environment:');
      lines.push(`      NEXT_URL: http://svc-${i + 1}:8080/`);
    }
    lines.push('    deploy: { replicas: 2 }');
  }
  return { text: `${lines.join('\n')}\n`, editLine };
}

const NAMES = ['web', 'api', 'db', 'cache', 'queue', 'worker', 'proxy'];
const IMAGES = ['nginx:1.27', 'postgres:16', 'redis:7', 'rabbitmq:3', 'acme/api:2', 'traefik:v3'];
const PORTS = ['"443:443"', '"127.0.0.1:5432:5432"', '"8080"', '80', '"[::1]:6379:6379"', '{ target: 80, published: 8080 }'];

const serviceArb = fc.record(
  {
    image: fc.constantFrom(...IMAGES),
    ports: fc.array(fc.constantFrom(...PORTS), { minLength: 1, maxLength: 2 }),
    dependsOn: fc.array(fc.constantFrom(...NAMES, 'missing'), { minLength: 1, maxLength: 2 }),
    dependsOnMap: fc.boolean(),
    env: fc.array(fc.tuple(fc.constantFrom('URL', 'HOST', 'NOTE'), fc.constantFrom(...NAMES), fc.constantFrom('http://%:8080/', '%:5432', '%', 'the % is up')), { minLength: 1, maxLength: 3 }),
    replicas: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant('two')),
    healthcheck: fc.constantFrom('{ test: ["CMD", "true"] }', '{ disable: true }', '\n      test: ["CMD-SHELL", "curl -f http://localhost/"]\n      interval: 10s'),
    profiles: fc.constantFrom('[debug]', '[]'),
    alias: fc.constantFrom('primary.db.internal', 'cache.internal'),
    x: fc.constantFrom('{ tls: true }', '{ backup: { schedule: daily, offsite: true } }', '{ entry: true, monitoring: prometheus }', '{ tsl: true }'),
    comment: fc.constantFrom('# a note', '  # indented note'),
  },
  { requiredKeys: ['image'] },
);

/** A Compose file of up to seven services, with the front end's keys in their block and flow forms. */
export const randomCompose: fc.Arbitrary<string> = fc
  .record({
    services: fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), serviceArb), { minLength: 1, maxLength: 7, selector: ([name]) => name }),
    name: fc.boolean(),
    top: fc.constantFrom('', 'x-infra-review:\n  host: { firewall: true }\n', 'volumes:\n  data: {}\n', 'networks:\n  default: {}\n'),
  })
  .map(({ services, name, top }) => {
    const lines: string[] = [];
    if (name) lines.push('name: random');
    lines.push('services:');
    for (const [id, s] of services) {
      if (s.comment) lines.push(s.comment);
      lines.push(`  ${id}:`);
      lines.push(`    image: ${s.image}`);
      if (s.ports) lines.push('    ports:', ...s.ports.map((p) => `      - ${p}`));
      if (s.dependsOn && s.dependsOnMap) lines.push('    depends_on:', ...s.dependsOn.map((d) => `      ${d}: { condition: service_healthy }`));
      else if (s.dependsOn) lines.push(`    depends_on: [${s.dependsOn.join(', ')}]`);
      if (s.env) lines.push('    environment:', ...s.env.map(([k, host, form], i) => `      ${k}_${i}: ${form.replace('%', host)}`));
      if (s.replicas !== undefined) lines.push('    deploy:', `      replicas: ${s.replicas}`);
      if (s.healthcheck) lines.push(`    healthcheck: ${s.healthcheck}`);
      if (s.profiles) lines.push(`    profiles: ${s.profiles}`);
      if (s.alias) lines.push('    networks:', '      default:', `        aliases: [${s.alias}]`);
      if (s.x) lines.push(`    x-infra-review: ${s.x}`);
      lines.push('');
    }
    return `${lines.join('\n')}\n${top}`;
  });
