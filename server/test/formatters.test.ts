// The three output formats, on hand-made reports so that every position and count is known.

import { strict as assert } from 'node:assert';
import { availabilityOf } from '../src/analysis/availability';
import { CATALOGUE } from '../src/analysis/catalogue';
import { analyze } from '../src/analysis/engine';
import type { Finding } from '../src/model/findings';
import { formatJson } from '../src/cli/formatters/json';
import { formatSarif, toUriReference } from '../src/cli/formatters/sarif';
import { formatText, printable } from '../src/cli/formatters/text';
import type { FileReport, FormatContext } from '../src/cli/formatters/types';
import { sarifSchemaErrors } from '../../test/support/sarif-schema';

const CTX: FormatContext = { toolName: 'infra-review', version: '9.8.7', informationUri: 'https://example.org/infra-review', color: false };

function finding(rule: string, severity: Finding['severity'], message: string, line: number, character: number, length = 4): Finding {
  return {
    rule,
    severity,
    message,
    target: { kind: 'host', id: 'server-1' },
    path: ['hosts', 'server-1'],
    range: { start: { line, character }, end: { line, character: character + length } },
  };
}

const REPORTS: FileReport[] = [
  {
    path: 'samples/one.infra.yaml',
    format: 'infra',
    findings: [
      finding('spof', 'error', 'Host server-1 is a single point of failure', 8, 2),
      finding('no-monitoring', 'warning', 'Host server-1 reports to no monitoring', 119, 13),
    ],
    spofs: [{ kind: 'host', id: 'server-1', element: { kind: 'host', id: 'server-1' }, impact: ['app', 'web'] }],
  },
  { path: 'compose.yaml', format: 'compose', findings: [], spofs: [] },
  {
    path: 'sub dir/broken.infra.yaml',
    format: 'infra',
    findings: [finding('backup-not-offsite', 'info', 'The backup of db is kept on site', 0, 0)],
    spofs: null,
  },
];

describe('text formatter', () => {
  it('prints a header per file with findings and aligned 1-based rows', () => {
    assert.equal(
      formatText(REPORTS, CTX),
      [
        '',
        'samples/one.infra.yaml',
        '    9:3   error    Host server-1 is a single point of failure  spof',
        '  120:14  warning  Host server-1 reports to no monitoring      no-monitoring',
        '',
        'sub dir/broken.infra.yaml',
        '  1:1  info  The backup of db is kept on site  backup-not-offsite',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', () => {
    assert.equal(formatText([REPORTS[1], REPORTS[1]], CTX), '✔ No problems (2 files checked)\n');
  });

  it('uses ANSI colours only when asked', () => {
    const plain = formatText(REPORTS, CTX);
    const coloured = formatText(REPORTS, { ...CTX, color: true });
    assert.ok(!plain.includes('\u001b['));
    assert.ok(coloured.includes('\u001b[31merror'), 'errors are red');
    assert.ok(coloured.includes('\u001b[33mwarning'), 'warnings are yellow');
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain, 'colour changes nothing else');
  });

  it('keeps names from the file from driving the terminal', () => {
    assert.equal(printable('evil\u001b[2Jname\nnext\u202e'), 'evil\\u001b[2Jname next\\u202e');
    const report: FileReport = { path: 'x.infra.yaml', format: 'infra', findings: [finding('unused', 'info', 'Host \u001b]0;pwned\u0007 runs nothing', 0, 0)], spofs: [] };
    assert.ok(!formatText([report], CTX).includes('\u001b'));
  });
});

describe('json formatter', () => {
  const output = formatJson(REPORTS, CTX);
  const parsed = JSON.parse(output);

  it('has exactly the keys of docs/format.md (JSON output), in order', () => {
    assert.deepEqual(Object.keys(parsed), ['tool', 'version', 'files']);
    for (const file of parsed.files) {
      assert.deepEqual(Object.keys(file), ['path', 'format', 'findings', 'spofs', 'summary', 'availability']);
      assert.deepEqual(Object.keys(file.summary), ['error', 'warning', 'info']);
      for (const f of file.findings) {
        assert.deepEqual(Object.keys(f), ['rule', 'severity', 'message', 'target', 'range']);
        assert.deepEqual(Object.keys(f.target), ['kind', 'id']);
        assert.deepEqual(Object.keys(f.range), ['start', 'end']);
        assert.deepEqual(Object.keys(f.range.start), ['line', 'character']);
      }
      for (const s of file.spofs ?? []) assert.deepEqual(Object.keys(s), ['kind', 'id', 'impact']);
    }
  });

  it('keeps positions 0-based and reports spofs, null spofs and summaries', () => {
    assert.equal(parsed.tool, 'infra-review');
    assert.equal(parsed.version, '9.8.7');
    assert.deepEqual(parsed.files[0].findings[1], {
      rule: 'no-monitoring',
      severity: 'warning',
      message: 'Host server-1 reports to no monitoring',
      target: { kind: 'host', id: 'server-1' },
      range: { start: { line: 119, character: 13 }, end: { line: 119, character: 17 } },
    });
    assert.deepEqual(parsed.files[0].spofs, [{ kind: 'host', id: 'server-1', impact: ['app', 'web'] }]);
    assert.deepEqual(parsed.files[0].summary, { error: 1, warning: 1, info: 0 });
    assert.deepEqual(parsed.files[1], { path: 'compose.yaml', format: 'compose', findings: [], spofs: [], summary: { error: 0, warning: 0, info: 0 }, availability: null });
    assert.equal(parsed.files[2].spofs, null);
    assert.ok(output.endsWith('}\n'));
  });
});

describe('sarif formatter', () => {
  const withRelated: FileReport = {
    path: 'samples/one.infra.yaml',
    format: 'infra',
    findings: [
      {
        ...finding(CATALOGUE[0]?.id ?? 'spof', 'error', 'Host server-1 is a single point of failure', 8, 2),
        related: [{ message: 'web goes down', path: ['components', 'web'], range: { start: { line: 20, character: 2 }, end: { line: 20, character: 5 } } }],
      },
    ],
    spofs: [],
  };
  const log = JSON.parse(formatSarif([...REPORTS, withRelated], CTX));
  const run = log.runs[0];

  it('is valid SARIF 2.1.0 by the schema', () => {
    assert.deepEqual(sarifSchemaErrors(log), []);
  });

  it('the schema check catches an invalid log', () => {
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'info';
    assert.notDeepEqual(sarifSchemaErrors(broken), []);
  });

  it('describes the tool and the whole rule catalogue', () => {
    const driver = run.tool.driver;
    assert.equal(driver.name, 'infra-review');
    assert.equal(driver.version, '9.8.7');
    assert.equal(driver.informationUri, 'https://example.org/infra-review');
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      CATALOGUE.map((m) => m.id),
    );
    for (const [i, rule] of driver.rules.entries()) {
      const meta = CATALOGUE[i];
      assert.equal(rule.shortDescription.text, meta.title);
      assert.equal(rule.fullDescription.text, meta.explanation);
      assert.equal(rule.helpUri, `https://example.org/infra-review/blob/main/docs/rules.md#${meta.id}`);
      assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[meta.defaultSeverity]);
      assert.match(rule.name, /^[A-Z][A-Za-z]*$/);
      assert.ok(rule.help.text.length > 0 && rule.help.markdown.length > 0);
    }
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('maps each finding to a result with 1-based regions and a relative uri', () => {
    assert.equal(run.results.length, 4);
    const [spof, , info, related] = run.results;
    assert.equal(spof.ruleId, 'spof');
    assert.equal(spof.level, 'error');
    assert.deepEqual(spof.message, { text: 'Host server-1 is a single point of failure' });
    assert.deepEqual(spof.locations[0].physicalLocation, {
      artifactLocation: { uri: 'samples/one.infra.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 3, endLine: 9, endColumn: 7 },
    });
    assert.equal(info.level, 'note');
    assert.equal(info.locations[0].physicalLocation.artifactLocation.uri, 'sub%20dir/broken.infra.yaml');
    assert.deepEqual(related.relatedLocations, [
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'samples/one.infra.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 21, startColumn: 3, endLine: 21, endColumn: 6 } },
        message: { text: 'web goes down' },
      },
    ]);
    for (const r of run.results) {
      if (r.ruleIndex !== undefined) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.match(Object.values(r.partialFingerprints)[0] as string, /^[0-9a-f]{32}$/);
    }
  });

  it('encodes paths as URI references', () => {
    assert.equal(toUriReference('../a b/c#d.infra.yaml'), '../a%20b/c%23d.infra.yaml');
  });
});

describe('availability in every format', () => {
  const text = [
    'version: 1',
    'name: t',
    'hosts:',
    '  web-1: {}',
    'components:',
    '  web: { type: web-server, runsOn: [web-1], tls: true }',
    'slo: 0.9999',
    '',
  ].join('\n');
  const result = analyze(text);
  const report: FileReport = { path: 'a.infra.yaml', format: 'infra', findings: [], spofs: result.spofs, availability: availabilityOf(result) };

  it('text: one line per file with A, the downtime, the SLO and the largest share', () => {
    // A = 0.999 × 0.9995 = 0.9985005: 13.1 h a year, two thirds of it from the host.
    assert.equal(
      formatText([report], CTX),
      '\na.infra.yaml\n  availability 99.85 % (13 h down a year, SLO 99.99 %): most of it from host web-1 (67 %)\n\n✔ No problems (1 file checked)\n',
    );
  });

  it('json: the availability object of DESIGN §5', () => {
    const a = JSON.parse(formatJson([report], CTX)).files[0].availability;
    assert.deepEqual(Object.keys(a), ['estimate', 'exact', 'bounds', 'downtimeHoursPerYear', 'slo', 'shares', 'cutSets', 'cutSetCount']);
    assert.ok(Math.abs(a.estimate - 0.999 * 0.9995) < 1e-12);
    assert.equal(a.exact, true);
    assert.equal(a.bounds, null);
    assert.equal(a.downtimeHoursPerYear, 13.14);
    assert.equal(a.slo, 0.9999);
    assert.deepEqual(a.shares[0], { element: { kind: 'host', id: 'web-1' }, share: 0.6669 });
    assert.deepEqual(a.shares[1], { element: { kind: 'instance', id: 'web', index: 0 }, share: 0.3334 });
    assert.deepEqual(a.cutSets, []);
    assert.equal(a.cutSetCount, 0);
  });

  it('sarif: the figures of each file in the run’s properties', () => {
    const run = JSON.parse(formatSarif([report, REPORTS[2]], CTX)).runs[0];
    assert.equal(run.properties.availability[0].path, 'a.infra.yaml');
    assert.equal(run.properties.availability[0].availability.downtimeHoursPerYear, 13.14);
    assert.deepEqual(run.properties.availability[1], { path: 'sub dir/broken.infra.yaml', availability: null });
  });
});
