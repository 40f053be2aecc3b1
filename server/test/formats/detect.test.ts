import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isInfraDocument, isInfraFileName } from '../../../client/src/infra-files';
import { discoverDesignFiles } from '../../src/cli/discover';
import { detectFormat, SNIFF_CHARS } from '../../src/formats/detect';
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

describe('format detection by content: Kubernetes manifests', () => {
  const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
  const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
  const manifest = (text: string) => detectFormat('/w/deploy.yaml', text)?.format;

  it('a YAML file whose documents carry top-level apiVersion and kind is a manifest', () => {
    assert.equal(manifest(DEPLOYMENT), 'kubernetes');
    assert.equal(manifest(`${DEPLOYMENT}---\n${SERVICE}`), 'kubernetes');
    assert.equal(manifest(`---\n# Source: shop/templates/web.yaml\n${DEPLOYMENT}---\n# Source: shop/templates/empty.yaml\n---\n${SERVICE}`), 'kubernetes', 'helm template output, with an empty template');
    assert.equal(manifest(`kind: List\napiVersion: v1\nitems: []\n`), 'kubernetes');
    assert.equal(detectFormat('/w/deploy.yml', DEPLOYMENT)?.format, 'kubernetes');
  });

  it('a document without apiVersion or kind makes the file no manifest; so do other tools\' kinds', () => {
    assert.equal(manifest(`${DEPLOYMENT}---\nname: not an object\n`), undefined);
    assert.equal(manifest('kind: Deployment\nmetadata: {}\n'), undefined);
    assert.equal(manifest('spec:\n  apiVersion: v1\n  kind: Service\n'), undefined, 'keys below the top level');
    assert.equal(manifest('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'), undefined);
    assert.equal(manifest('apiVersion: v1\nkind: Config\nclusters: []\n'), undefined, 'a kubeconfig');
    assert.equal(manifest('# only a comment\n'), undefined);
    assert.equal(manifest(''), undefined);
  });

  it('names win over content, kustomization.yaml is nothing, and non-YAML names are never sniffed', () => {
    assert.deepEqual(detectFormat('/w/compose.yaml', DEPLOYMENT), { format: 'compose', swarm: false });
    assert.equal(detectFormat('/w/infra.yaml', DEPLOYMENT)?.format, 'infra');
    assert.equal(detectFormat('/w/kustomization.yaml', DEPLOYMENT), undefined);
    assert.equal(detectFormat('/w/deploy.json', DEPLOYMENT), undefined);
    assert.equal(detectFormat('/w/deploy.yaml'), undefined, 'no content, no manifest');
  });

  it('reads only the first SNIFF_CHARS: a large manifest is judged on its beginning', () => {
    const big = `${DEPLOYMENT}---\n`.repeat(Math.ceil((SNIFF_CHARS * 2) / (DEPLOYMENT.length + 4)));
    assert.equal(manifest(big), 'kubernetes');
    assert.equal(manifest(`${big}name: past the window\n`), 'kubernetes', 'what lies past the window is not read');
  });

  it('the server, the client and the CLI walk agree on manifests and other YAML files', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-review-detect-k8s-'));
    try {
      const files: Record<string, { text: string; manifest: boolean }> = {
        'deploy.yaml': { text: DEPLOYMENT, manifest: true },
        'all.yml': { text: `${DEPLOYMENT}---\n${SERVICE}`, manifest: true },
        'values.yaml': { text: 'replicaCount: 2\n', manifest: false },
        'kustomization.yaml': { text: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\n', manifest: false },
        'notes.txt': { text: DEPLOYMENT, manifest: false },
      };
      for (const [name, f] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), f.text);
      const walked = new Set(discoverDesignFiles(folder, ['.']).map((f) => path.basename(f)));
      for (const [name, f] of Object.entries(files)) {
        assert.equal(isDesignUri(`file://${folder}/${name}`, f.text), f.manifest, `server: ${name}`);
        assert.equal(isInfraDocument({ languageId: 'yaml', uri: { scheme: 'file', path: `${folder}/${name}` }, getText: () => f.text }), f.manifest && name.endsWith('ml'), `client: ${name}`);
        assert.equal(walked.has(name), f.manifest, `walk: ${name}`);
      }
      assert.deepEqual(discoverDesignFiles(folder, ['values.yaml', 'deploy.yaml'], { detectNamed: true }).map((f) => path.basename(f)), ['deploy.yaml'], 'check --detect');
      assert.deepEqual(discoverDesignFiles(folder, ['values.yaml']).map((f) => path.basename(f)), ['values.yaml'], 'a file named without --detect is read whatever it is');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
