// A reduced ordered binary decision diagram over numbered variables, with a hard budget.
// Nodes live in typed arrays; a node's children are always created before it, so node
// numbers are a topological order (probabilities are one ascending loop, reach one
// descending loop, with no recursion). Only AND and OR are needed: the service's
// up-function is monotone.

export const FALSE = 0;
export const TRUE = 1;

/** Thrown when the diagram would grow past its budget; the caller falls back to bounds. */
export class BudgetExceeded extends Error {
  constructor(what: string) {
    super(`availability: ${what} budget exceeded`);
  }
}

export interface BddBudget {
  /** Most nodes the diagram may hold. */
  nodes: number;
  /** Most apply steps (cache misses) over the diagram's life. */
  operations: number;
}

const AND = 0;
const OR = 1;
/** Apply recurses once per variable level; deeper operands go to the bounds instead of overflowing the stack. */
const MAX_DEPTH = 4_000;

export class Bdd {
  /** Variable of each node; the terminals carry `variableCount` (below every variable). */
  variable: Int32Array;
  low: Int32Array;
  high: Int32Array;
  size = 2;
  private table: Int32Array;
  private cacheKeys: Int32Array;
  private cacheValues: Int32Array;
  private operations = 0;
  private depth = 0;

  constructor(
    readonly variableCount: number,
    private readonly budget: BddBudget,
  ) {
    const initial = 1 << 12;
    this.variable = new Int32Array(initial);
    this.low = new Int32Array(initial);
    this.high = new Int32Array(initial);
    this.variable[FALSE] = variableCount;
    this.variable[TRUE] = variableCount;
    this.table = new Int32Array(initial * 2).fill(-1);
    this.cacheKeys = new Int32Array(1 << 17).fill(-1);
    this.cacheValues = new Int32Array(1 << 16);
  }

  /** The node "variable v is up". */
  literal(v: number): number {
    return this.node(v, FALSE, TRUE);
  }

  /** The conjunction of the literals of these variables. */
  allOf(variables: readonly number[]): number {
    const sorted = [...new Set(variables)].sort((a, b) => b - a);
    let f = TRUE;
    for (const v of sorted) f = this.node(v, FALSE, f);
    return f;
  }

  and(f: number, g: number): number {
    return this.apply(AND, f, g);
  }

  or(f: number, g: number): number {
    return this.apply(OR, f, g);
  }

  /**
   * The conjunction of many operands, folded from the last: operands come in variable order
   * (a constraint's, or a component's, variables precede the next one's), so each step walks
   * only the new operand, and the recursion goes no deeper than it.
   */
  andAll(operands: readonly number[]): number {
    return this.fold(operands, AND, TRUE);
  }

  orAll(operands: readonly number[]): number {
    return this.fold(operands, OR, FALSE);
  }

  private fold(operands: readonly number[], op: number, unit: number): number {
    let result = unit;
    for (let k = operands.length - 1; k >= 0; k--) result = this.apply(op, operands[k], result);
    return result;
  }

  private apply(op: number, f: number, g: number): number {
    if (op === AND) {
      if (f === FALSE || g === FALSE) return FALSE;
      if (f === TRUE) return g;
      if (g === TRUE || f === g) return f;
    } else {
      if (f === TRUE || g === TRUE) return TRUE;
      if (f === FALSE) return g;
      if (g === FALSE || f === g) return f;
    }
    if (f > g) {
      const t = f;
      f = g;
      g = t;
    }
    const slot = (Math.imul(f, 0x9e3779b1) ^ Math.imul(g, 0x85ebca6b) ^ op) & (this.cacheValues.length - 1);
    if (this.cacheKeys[slot * 2] === f && this.cacheKeys[slot * 2 + 1] === (g << 1 | op)) return this.cacheValues[slot];
    if (++this.operations > this.budget.operations) throw new BudgetExceeded('operation');
    if (++this.depth > MAX_DEPTH) throw new BudgetExceeded('depth');
    const vf = this.variable[f];
    const vg = this.variable[g];
    const v = vf < vg ? vf : vg;
    const low = this.apply(op, vf === v ? this.low[f] : f, vg === v ? this.low[g] : g);
    const high = this.apply(op, vf === v ? this.high[f] : f, vg === v ? this.high[g] : g);
    this.depth--;
    const result = this.node(v, low, high);
    this.cacheKeys[slot * 2] = f;
    this.cacheKeys[slot * 2 + 1] = g << 1 | op;
    this.cacheValues[slot] = result;
    return result;
  }

  private node(v: number, low: number, high: number): number {
    if (low === high) return low;
    const mask = this.table.length - 1;
    let slot = (Math.imul(v, 0x27d4eb2d) ^ Math.imul(low, 0x165667b1) ^ Math.imul(high, 0x9e3779b1)) & mask;
    for (;;) {
      const n = this.table[slot];
      if (n < 0) break;
      if (this.variable[n] === v && this.low[n] === low && this.high[n] === high) return n;
      slot = (slot + 1) & mask;
    }
    if (this.size >= this.budget.nodes) throw new BudgetExceeded('node');
    if (this.size === this.variable.length) {
      this.growNodes();
      return this.node(v, low, high);
    }
    const n = this.size++;
    this.variable[n] = v;
    this.low[n] = low;
    this.high[n] = high;
    this.table[slot] = n;
    if (this.size * 2 > this.table.length) this.growTable();
    return n;
  }

  private growNodes(): void {
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.variable = grow(this.variable);
    this.low = grow(this.low);
    this.high = grow(this.high);
    const cacheSize = Math.min(1 << 22, this.variable.length);
    if (cacheSize > this.cacheValues.length) {
      this.cacheKeys = new Int32Array(cacheSize * 2).fill(-1);
      this.cacheValues = new Int32Array(cacheSize);
    }
  }

  private growTable(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = this.table.length - 1;
    for (let n = 2; n < this.size; n++) {
      let slot = (Math.imul(this.variable[n], 0x27d4eb2d) ^ Math.imul(this.low[n], 0x165667b1) ^ Math.imul(this.high[n], 0x9e3779b1)) & mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & mask;
      this.table[slot] = n;
    }
  }
}
