// Random Kubernetes manifests for the property tests: documents that are hard to cut
// (markers that are not markers, YAML errors, templates, directives, anchors) joined by
// every kind of separator.

import fc from 'fast-check';

/** Documents, or parts of them, that are hard to cut: every marker that is not one, and YAML errors. */
const MANIFEST_DOCUMENTS = [
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: c\n          image: nginx\n          env: [{ name: DB, value: "postgres://db:5432" }]\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg }\ndata:\n  script: |\n    echo start\n    ---\n    echo end\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg2 }\ndata:\n  text: "a quoted\n    --- not a marker"\n',
  'kind: List\napiVersion: v1\nitems:\n  - { apiVersion: v1, kind: Service, metadata: { name: a }, spec: { selector: { app: a } } }\n',
  '# Source: chart/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\n',
  '',
  '# only a comment\n',
  'metadata: { name: x\n  oops: [\n',
  'a: 1\na: 2\n',
  'anchor: &x { k: v }\nalias: *x\n',
  'key: [open,\n',
  'key: "open\n',
  '|\n  a root block scalar\n',
  '--- not: here\n',
  'spec:\n  template: {{ .Values.x }}\n',
  '  - misindented\n bad: 1\n',
  'x: 1\n...\n',
  'x: 1\n...\n# after the end\n',
  'kind: Pod\nmetadata:\n  name: p\n  annotations:\n    infra-review/capacty: "10"\n',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: solo\nspec:\n  # infra-review-ignore spof: a lab\n  replicas: 1\n  selector: { matchLabels: { app: solo } }\n  template:\n    metadata: { labels: { app: solo } }\n    spec: { containers: [{ name: c, image: "redis:7" }] }\n',
];

/** How documents are joined: markers with and without content, `...`, CRLF. */
const MANIFEST_SEPARATORS = ['---\n', '--- \n', '---\t\n', '--- # comment\n', '---\r\n', '...\n---\n', '\n---\n', '---\n---\n', '--- |\n  scalar\n', '--- !!map\n'];

/** A manifest of up to 8 of those documents, each after one of those separators, perhaps after a comment or a directive. */
export const manifestArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...MANIFEST_SEPARATORS), fc.constantFrom(...MANIFEST_DOCUMENTS)), { minLength: 1, maxLength: 8 }), fc.boolean(), fc.constantFrom('', '# Source: x\n', '%YAML 1.2\n'))
  .map(([parts, leading, prelude]) => prelude + parts.map(([sep, doc], i) => (i === 0 && !leading ? doc : sep + doc)).join(''));
