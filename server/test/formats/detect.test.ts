import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isInfraFileName } from '../../../client/src/infra-files';
import { discoverDesignFiles } from '../../src/cli/discover';
import { detectFormat } from '../../src/formats/detect';
import { isDesignUri } from '../../src/lsp/documents';

const INFRA = ['infra.yaml', 'shop.infra.yaml', 'Infra.yaml', 'SHOP.INFRA.YAML'];
const COMPOSE = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'prod.compose.yaml', 'dev.compose.yml', 'docker-compose.prod.yml', 'docker-compose.override.yaml', 'Docker-Compose.YML'];
const STACK = ['docker-stack.yml', 'docker-stack.yaml'];
const NONE = ['compose.json', 'my-compose.yaml', '.compose.yaml', 'docker-compose.', 'docker-compose..yml', 'docker-stack.prod.yml', 'infra.yml', 'my-infra.yaml', 'infra.yaml.bak', '.infra.yaml', 'notes.yaml', 'values.yml', 'package.json'];

describe('format detection: one decision for the CLI walk, the server and the client', () => {
  for (const name of INFRA) {
    it(`reads ${name} as infra.yaml`, () => assert.deepEqual(detectFormat(`/w/${name}`), { format: 'infra', swarm: false }));
  }
  for (const name of COMPOSE) {
    it(`reads ${name} as Compose`, () => assert.deepEqual(detectFormat(`/w/${name}`), { format: 'compose', swarm: false }));
  }
  for (const name of STACK) {
    it(`reads ${name} as a Compose file for a Swarm`, () => assert.deepEqual(detectFormat(`/w/${name}`), { format: 'compose', swarm: true }));
  }
  for (const name of NONE) {
    it(`reads ${name} as no format`, () => assert.equal(detectFormat(`/w/${name}`), undefined));
  }

  it('reads URIs (escapes, queries, untitled buffers) and Windows paths by their last segment', () => {
    assert.equal(detectFormat('file:///a/my%20shop.infra.yaml')?.format, 'infra');
    assert.equal(detectFormat('untitled:infra.yaml')?.format, 'infra');
    assert.equal(detectFormat('file:///a/infra.yaml?x=1#y')?.format, 'infra');
    assert.equal(detectFormat('C:\\w\\a.infra.yaml')?.format, 'infra');
    assert.equal(detectFormat('file:///infra.yaml/inner.yaml'), undefined);
    assert.equal(detectFormat('file:///a/bad%zz.infra.yaml')?.format, 'infra');
  });

  it('the editor menus\' `when` clauses agree with it on every name', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    const { menus } = manifest.contributes;
    const whens: string[] = [...menus['editor/title'], ...menus['explorer/context'], ...menus.commandPalette]
      .filter((m: { when: string }) => m.when.includes('resourceFilename'))
      .map((m: { when: string }) => m.when);
    assert.equal(whens.length, 4, 'the preview in the title bar, the explorer and the palette; the export in the palette');
    for (const when of whens) {
      const [, source, flags] = /resourceFilename =~ \/(.*)\/([a-z]*)(?:\s|$)/.exec(when)!;
      const re = new RegExp(source, flags);
      for (const name of [...INFRA, ...COMPOSE, ...STACK, ...NONE]) assert.equal(re.test(name), detectFormat(name) !== undefined, name);
    }
  });

  it('the server, the client and the CLI walk agree on every name', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-detect-'));
    try {
      const names = [...INFRA, ...COMPOSE, ...STACK, ...NONE].filter((n, i, all) => all.findIndex((m) => m.toLowerCase() === n.toLowerCase()) === i);
      for (const name of names) fs.writeFileSync(path.join(folder, name), 'x: 1\n');
      const walked = new Set(discoverDesignFiles(folder, ['.']).map((f) => path.basename(f)));
      for (const name of names) {
        const known = detectFormat(name) !== undefined;
        assert.equal(isDesignUri(`file://${folder}/${encodeURIComponent(name)}`), known, `server: ${name}`);
        assert.equal(isInfraFileName(`${folder}/${name}`), known, `client: ${name}`);
        assert.equal(walked.has(name), known, `walk: ${name}`);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
