import { parseDocument } from 'yaml';
const opts = { uniqueKeys: false, strict: true, prettyErrors: false, logLevel: 'error' as const };
const full = "version: 1\n# top comment\ncomponents:\n  # c1\n  a:\n    type: x\n\n  # before b\n  b: { type: y }\n# col0 comment\n  c:\n    type: |\n      hi\n\n# trailing\nload:\n  peak: 3\n";
const d = parseDocument(full, opts);
function dump(n: any, ind = ''): void {
  if (!n) return;
  if (n.items) {
    console.log(ind + (n.constructor.name) + ' ' + JSON.stringify(n.range) + ' flow=' + n.flow + ' cb=' + JSON.stringify(n.commentBefore) + ' c=' + JSON.stringify(n.comment) + ' sb=' + n.spaceBefore);
    for (const it of n.items) {
      if (it.key !== undefined) { console.log(ind + ' PAIR'); dump(it.key, ind + '  k '); dump(it.value, ind + '  v '); }
      else dump(it, ind + '  - ');
    }
  } else console.log(ind + 'Scalar ' + JSON.stringify(n.value) + ' ' + JSON.stringify(n.range) + ' ' + n.type + ' cb=' + JSON.stringify(n.commentBefore) + ' c=' + JSON.stringify(n.comment) + ' sb=' + n.spaceBefore);
}
dump(d.contents);
console.log('doc', d.range, JSON.stringify(d.commentBefore), JSON.stringify(d.comment));
const chunk = "  a:\n    type: x\n\n";
dump(parseDocument(chunk, opts).contents);
const chunk2 = "components:\n";
dump(parseDocument(chunk2, opts).contents);
