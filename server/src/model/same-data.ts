// Deep equality of data: JSON values, typed arrays, Maps and Sets (in their order), and
// plain objects (in any key order). util.isDeepStrictEqual knows every type and took 6× as
// long on diagnostics; this knows the ones the engine's data is made of. Functions, class
// instances other than those, and cycles are not data: they compare by identity only.

export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.getPrototypeOf(b)) return false;
  if (proto === Object.prototype || proto === null) return sameFields(a as Record<string, unknown>, b as Record<string, unknown>);
  if (ArrayBuffer.isView(a)) return sameElements(a as unknown as ArrayLike<unknown>, b as unknown as ArrayLike<unknown>);
  if (a instanceof Map) return sameSequence(a.entries(), (b as Map<unknown, unknown>).entries(), a.size, (b as Map<unknown, unknown>).size);
  if (a instanceof Set) return sameSequence(a.values(), (b as Set<unknown>).values(), a.size, (b as Set<unknown>).size);
  return false;
}

function sameFields(x: Record<string, unknown>, y: Record<string, unknown>): boolean {
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!Object.hasOwn(y, k) || !sameData(x[k], y[k])) return false;
  return true;
}

function sameElements(x: ArrayLike<unknown>, y: ArrayLike<unknown>): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !(Number.isNaN(x[i]) && Number.isNaN(y[i]))) return false;
  return true;
}

function sameSequence(x: Iterator<unknown>, y: Iterator<unknown>, xSize: number, ySize: number): boolean {
  if (xSize !== ySize) return false;
  for (let a = x.next(), b = y.next(); !a.done; a = x.next(), b = y.next()) if (!sameData(a.value, b.value)) return false;
  return true;
}
