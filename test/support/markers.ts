// Expected findings marked in the YAML itself, under the text they are about:
//
//   hosts:
//     server-1: {}
//   # ^^^^^^^^ spof
//
// The carets give the line (the nearest line above that is not a marker) and the
// characters of the range. Marker lines are YAML comments, so the text is analysed as is.

import assert from 'node:assert/strict';
import type { Finding } from '../../server/src/model/findings';
import { check } from './check';

export interface Marker {
  rule: string;
  line: number;
  start: number;
  end: number;
}

const MARKER = /^(\s*#\s*)(\^+)\s+([a-z][a-z0-9-]*)\s*$/;

export function parseMarkers(text: string): Marker[] {
  const lines = text.split('\n');
  const markers: Marker[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) {
      target = i;
      return;
    }
    if (target < 0) throw new Error(`marker on line ${i} has no line above it`);
    const start = m[1].length;
    markers.push({ rule: m[3], line: target, start, end: start + m[2].length });
  });
  return markers;
}

function asMarker(f: Finding): Marker {
  return { rule: f.rule, line: f.range.start.line, start: f.range.start.character, end: f.range.end.character };
}

const order = (a: Marker, b: Marker) => a.line - b.line || a.start - b.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

/**
 * Asserts that the findings of `rules` (by default, the rules named in the markers) are
 * exactly the marked ones: same lines, same ranges, nothing more. Returns them.
 */
export function expectMarked(text: string, rules?: readonly string[]): Finding[] {
  const markers = parseMarkers(text);
  const wanted = new Set(rules ?? markers.map((m) => m.rule));
  if (wanted.size === 0) throw new Error('expectMarked needs markers or a list of rules');
  const findings = check(text).filter((f) => wanted.has(f.rule));
  for (const f of findings) {
    assert.equal(f.range.start.line, f.range.end.line, `${f.rule} finding spans several lines: ${f.message}`);
  }
  assert.deepEqual(findings.map(asMarker).sort(order), [...markers].sort(order), `findings: ${JSON.stringify(findings.map((f) => `${f.rule}: ${f.message}`), null, 1)}`);
  return findings;
}
