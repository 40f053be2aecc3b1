import { strict as assert } from 'node:assert';
import Ajv from 'ajv';
import { parse } from 'yaml';
import schema from '../../schemas/infra.schema.json';
import { parseText } from '../src/model/parse';
import { describePath, enumValuesAt, propertiesAt, schemaAt, snippetsAt } from '../src/model/schema-docs';
import { COMPONENT_TYPES, DNS_TYPES, FAILOVERS, MODES } from '../src/model/types';
import type { Path } from '../src/model/types';
import { validateSchema } from '../src/model/validate';

type Node = Record<string, unknown>;

/** Every schema node, with its JSON pointer. */
function* walk(node: unknown, pointer = '#'): Generator<{ node: Node; pointer: string }> {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* walk(node[i], `${pointer}/${i}`);
    return;
  }
  const n = node as Node;
  yield { node: n, pointer };
  for (const [key, value] of Object.entries(n)) {
    // Values that are data, not schemas.
    if (['enum', 'const', 'default', 'defaultSnippets', 'required', 'markdownEnumDescriptions', 'examples'].includes(key)) continue;
    yield* walk(value, `${pointer}/${key}`);
  }
}

/**
 * The schema of every property (and every id's value, every list item): what a hover shows.
 * Conditions (`if`, `then`, `not`) only constrain properties described elsewhere.
 */
function* propertySchemas(): Generator<{ node: Node; pointer: string }> {
  for (const { node, pointer } of walk(schema)) {
    if (/\/(if|then|not)(\/|$)/.test(pointer)) continue;
    for (const [key, value] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
      yield { node: value, pointer: `${pointer}/properties/${key}` };
    }
    if (typeof node.additionalProperties === 'object') yield { node: node.additionalProperties as Node, pointer: `${pointer}/additionalProperties` };
    if (typeof node.items === 'object') yield { node: node.items as Node, pointer: `${pointer}/items` };
  }
}

function deref(node: Node): Node {
  if (typeof node.$ref !== 'string') return node;
  const target = (node.$ref as string)
    .slice(2)
    .split('/')
    .reduce<unknown>((n, k) => (n as Node)[k], schema);
  return target as Node;
}

describe('the schema itself', () => {
  it('compiles with ajv in strict mode, with its editor keywords declared', () => {
    const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true });
    ajv.addVocabulary(['markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets', 'patternErrorMessage', 'errorMessage']);
    assert.equal(typeof ajv.compile(schema), 'function');
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.ok(schema.$id.endsWith('infra.schema.json'));
    assert.ok(schema.title.length > 0);
  });

  it('gives every property a description and a markdownDescription', () => {
    let count = 0;
    const missing: string[] = [];
    for (const { node, pointer } of propertySchemas()) {
      count++;
      const target = deref(node);
      if (typeof target.description !== 'string' || target.description === '') missing.push(`${pointer}: description`);
      if (typeof target.markdownDescription !== 'string' || target.markdownDescription === '') missing.push(`${pointer}: markdownDescription`);
    }
    assert.deepEqual(missing, []);
    assert.ok(count > 50, `only ${count} properties walked`);
  });

  it('describes every enum value, and its markdown shows an example', () => {
    for (const { node, pointer } of walk(schema)) {
      if (!Array.isArray(node.enum) || pointer.includes('/not')) continue;
      assert.ok(Array.isArray(node.markdownEnumDescriptions), `${pointer} has no markdownEnumDescriptions`);
      assert.equal((node.markdownEnumDescriptions as string[]).length, node.enum.length, pointer);
    }
    for (const { node, pointer } of propertySchemas()) {
      const md = deref(node).markdownDescription as string;
      if (pointer.endsWith('/items') && !md.includes('```')) continue; // a plain id in a list
      assert.match(md, /```yaml\n/, `${pointer} has no example`);
    }
  });

  it('closes every mapping: additionalProperties is false or an id schema', () => {
    for (const { node, pointer } of walk(schema)) {
      if (node.type !== 'object' || pointer.includes('/if') || pointer.includes('/not')) continue;
      if (node.properties) assert.equal(node.additionalProperties, false, pointer);
      else assert.ok(typeof node.additionalProperties === 'object' && node.propertyNames, pointer);
    }
  });

  it('keeps anyOf alternatives inline (validate.ts settles them by schema path)', () => {
    for (const { node, pointer } of walk(schema)) {
      if (!Array.isArray(node.anyOf) && !Array.isArray(node.oneOf)) continue;
      for (const inner of walk([...((node.anyOf ?? []) as unknown[]), ...((node.oneOf ?? []) as unknown[])])) {
        assert.equal(inner.node.$ref, undefined, `${pointer}: $ref inside an alternative`);
      }
    }
  });

  it('has the same enums as the model', () => {
    const component = schema.definitions.component.properties;
    assert.deepEqual(component.type.enum, [...COMPONENT_TYPES]);
    assert.deepEqual(component.mode.enum, [...MODES]);
    assert.deepEqual(component.failover.enum, [...FAILOVERS]);
    assert.deepEqual(schema.definitions.dnsRecord.properties.type.enum, [...DNS_TYPES]);
  });

  it('requires a suppression rule but not its reason (the engine reports that itself)', () => {
    assert.deepEqual(schema.definitions.suppression.required, ['rule']);
  });
});

describe('schema docs', () => {
  it('describes the document, keys, ids, nested keys and list items', () => {
    assert.equal(describePath([])?.title, 'infra-review design (infra.yaml), format version 1');
    assert.match(describePath(['components', 'web', 'mode'])!.markdown, /^\*\*Mode\*\*/);
    assert.match(describePath(['components', 'web'])!.markdown, /^A \*\*component\*\*/);
    assert.match(describePath(['hosts', 'web-1', 'firewall', 'allow'])!.markdown, /^\*\*Allowed ports\*\*/);
    assert.match(describePath(['components', 'web', 'healthCheck', 'interval'])!.markdown, /^\*\*Interval\*\*/);
    assert.match(describePath(['components', 'app', 'dependsOn', 1])!.markdown, /^A \*\*dependency\*\*/);
    assert.match(describePath(['components', 'app', 'dependsOn', 1, 'optional'])!.markdown, /^\*\*Optional\*\*/);
    assert.match(describePath(['dns', 0, 'type'])!.markdown, /^\*\*Record type\*\*/);
    assert.match(describePath(['suppress', 2, 'reason'])!.markdown, /^\*\*Reason\*\*/);
    assert.equal(describePath(['components', 'web', 'runsOn', 0])!.markdown, 'The id of a host in `hosts`.');
  });

  it('knows nothing where the schema allows nothing', () => {
    assert.equal(schemaAt(['components', 'web', 'colour']), undefined);
    assert.equal(describePath(['nope']), undefined);
    assert.equal(describePath(['version', 'deeper']), undefined);
    assert.deepEqual(propertiesAt(['slo']), []);
    assert.deepEqual(enumValuesAt(['components', 'web', 'software']), []);
  });

  it('lists the keys of a mapping with what each means, whether required, and a snippet', () => {
    const top = propertiesAt([]);
    assert.deepEqual(
      top.map((p) => p.key),
      ['version', 'name', 'description', 'domain', 'dns', 'zones', 'hosts', 'components', 'load', 'slo', 'suppress'],
    );
    assert.deepEqual(top.filter((p) => p.required).map((p) => p.key), ['version', 'name']);
    assert.equal(top[0].snippet, 'version: 1');

    const component = new Map(propertiesAt(['components', 'web']).map((p) => [p.key, p]));
    assert.equal(component.size, 13);
    assert.equal(component.get('mode')!.snippet, 'mode: ${1|active-active,active-passive,primary-replica|}');
    assert.equal(component.get('mode')!.default, 'active-active');
    assert.equal(component.get('runsOn')!.snippet, 'runsOn: [$1]');
    assert.equal(component.get('tls')!.snippet, 'tls: ${1|true,false|}');
    assert.equal(component.get('capacity')!.snippet, 'capacity: $1');
    assert.match(component.get('failover')!.markdown, /Default `manual`/);
    assert.equal(component.get('failover')!.description, 'Whether a standby takes over by itself (automatic) or by hand (manual, the default).');

    assert.deepEqual(
      propertiesAt(['dns', 0]).map((p) => [p.key, p.required]),
      [['name', true], ['type', true], ['target', true]],
    );
    // Through an alternative: the mapping forms of a dependency ({ component, optional }, { anyOf, optional }) and of a health check.
    assert.deepEqual(propertiesAt(['components', 'app', 'dependsOn', 0]).map((p) => [p.key, p.required]), [['component', true], ['optional', false], ['anyOf', true]]);
    assert.deepEqual(propertiesAt(['components', 'lb', 'healthCheck']).map((p) => p.key), ['path', 'interval']);
    assert.equal(propertiesAt(['load'])[0].snippet, 'peak: $1');
    assert.equal(propertiesAt(['hosts', 'h'])[3].snippet, 'firewall: ${1|true,false|}');
  });

  it('lists enum values with what each one means', () => {
    const modes = enumValuesAt(['components', 'db', 'mode']);
    assert.deepEqual(modes.map((m) => m.value), ['active-active', 'active-passive', 'primary-replica']);
    assert.match(modes[1].markdown, /The \*\*first\*\* instance serves; the others stand by/);
    assert.deepEqual(enumValuesAt(['dns', 3, 'type']).map((m) => m.value), ['A', 'AAAA', 'CNAME', 'ALIAS']);
    assert.equal(enumValuesAt(['components', 'x', 'type']).length, 11);
    assert.ok(enumValuesAt(['components', 'x', 'type']).every((v) => v.markdown.length > 20));
    assert.deepEqual(enumValuesAt(['hosts', 'h', 'public']).map((m) => m.value), [true, false]);
    assert.deepEqual(enumValuesAt(['version']).map((m) => m.value), [1]);
  });

  it('offers snippets for a new component, host, zone, DNS record and suppression', () => {
    const components = snippetsAt(['components']);
    assert.deepEqual(components.map((s) => s.label), ['New component', 'New managed component (replicas)']);
    assert.equal(
      components[0].text,
      '${1:web}:\n  type: ${2|load-balancer,web-server,app-server,database,cache,queue,storage,firewall,cdn,monitoring,service|}\n  software: ${3:nginx}\n  runsOn: [${4:web-1}]',
    );
    assert.equal(snippetsAt(['hosts'])[0].text, '${1:web-1}:\n  ip: ${2:10.0.0.1}\n  firewall: true\n  monitoring: ${3:datadog}');
    assert.equal(snippetsAt(['dns'])[0].text, '- name: ${1:www}\n  type: ${2|A,AAAA,CNAME,ALIAS|}\n  target: ${3:lb}');
    assert.equal(snippetsAt(['suppress'])[0].label, 'New suppression');
    assert.equal(snippetsAt(['zones'])[0].label, 'New zone');
    assert.deepEqual(snippetsAt(['components', 'web', 'software']), []);
  });

  it('every snippet, filled in with its defaults, is valid where it is offered', () => {
    const sites: Path[] = [
      ['dns'],
      ['zones'],
      ['hosts'],
      ['components'],
      ['suppress'],
      ['zones', 'z'],
      ['hosts', 'h'],
      ['hosts', 'h', 'firewall'],
      ['components', 'c'],
      ['components', 'c', 'healthCheck'],
      ['components', 'c', 'backup'],
    ];
    const declared = [...walk(schema)].filter(({ node }) => Array.isArray(node.defaultSnippets)).length;
    assert.equal(sites.length, declared, 'a site with snippets is not tested');
    for (const site of sites) {
      const snippets = snippetsAt(site);
      assert.ok(snippets.length > 0, `no snippets at ${site.join('.')}`);
      for (const s of snippets) {
        const value: unknown = parse(fillIn(s.text));
        const data: Record<string, unknown> = { version: 1, name: 'snippets' };
        setAt(data, site, value);
        const parsed = parseText(JSON.stringify(data));
        assert.deepEqual(validateSchema(parsed).map((f) => f.message), [], `${s.label} at ${site.join('.')}:\n${fillIn(s.text)}`);
      }
    }
  });
});

/** A snippet as a user who accepts every default would get it. */
function fillIn(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, 'x');
}

function setAt(data: Record<string, unknown>, path: Path, value: unknown): void {
  let node: Record<string | number, unknown> = data;
  for (const segment of path.slice(0, -1)) {
    if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = {};
    node = node[segment] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
}
