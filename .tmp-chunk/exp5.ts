import { parseDocument } from 'yaml';
const d = parseDocument('a: { b: "x", c: [1, 2] }\nd:\n  e: |\n    t\n');
const m: any = d.contents;
const show = (n: any) => console.log(n.constructor.name, Reflect.ownKeys(n).map((k) => String(k) + (Object.getOwnPropertyDescriptor(n, k)!.enumerable ? '' : '(ne)')).join(','));
show(m); show(m.items[0]); show(m.items[0].key); show(m.items[0].value); show(m.items[0].value.items[0].value); show(m.items[0].value.items[1].value); show(m.items[1].value.items[0].value);
