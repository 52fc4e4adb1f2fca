/**
 * The matching rules of the scenario contract:
 * - a scalar equals the actual value; a number and its decimal string are equal (5 matches "5"), and so are
 *   true/false and "true"/"false" (label values are text, instructors often write them bare);
 * - every key of an expected map matches the same key of the actual map (extra actual keys are fine);
 * - every element of an expected list matches a DIFFERENT element of the actual list, in any order;
 * - a map whose keys all start with `$` is an operator: $gt $gte $lt $lte $ne $in $regex $exists $length $exactly.
 * A failed match returns the path of the first mismatch and both values.
 */

export const OPERATORS = ['$gt', '$gte', '$lt', '$lte', '$ne', '$in', '$regex', '$exists', '$length', '$exactly'];

export interface Mismatch {
  /** path of the first difference: spec.replicas, spec.template.spec.containers[0].image */
  path: string;
  /** plain words: `is 3, expected 5` */
  text: string;
  /** how deep the difference is (to pick the most telling candidate) */
  depth: number;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isOperator(v: unknown): v is Record<string, unknown> {
  if (!isMap(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** A short, readable rendering of a value for messages. */
export function show(v: unknown, max = 80): string {
  if (v === undefined) return 'missing';
  let s: string;
  if (typeof v === 'string') s = JSON.stringify(v);
  else if (typeof v === 'number' || typeof v === 'boolean' || v === null) s = String(v);
  else s = JSON.stringify(v, (_k, x) => x);
  if (s === undefined) s = String(v);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_][\w-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function scalarEqual(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (expected === null) return actual === null || actual === undefined;
  if (typeof expected === 'number' || typeof actual === 'number') {
    const a = num(actual);
    const e = num(expected);
    return a !== undefined && e !== undefined && a === e;
  }
  if (typeof expected === 'boolean' && typeof actual === 'string') return String(expected) === actual;
  if (typeof actual === 'boolean' && typeof expected === 'string') return String(actual) === expected;
  return false;
}

function fail(path: string, text: string): Mismatch {
  return { path, text, depth: path.split(/[.[]/).length };
}

function describeExpected(expected: unknown): string {
  if (isOperator(expected)) {
    return Object.entries(expected)
      .map(([op, x]) => {
        switch (op) {
          case '$gt': return `more than ${show(x)}`;
          case '$gte': return `at least ${show(x)}`;
          case '$lt': return `less than ${show(x)}`;
          case '$lte': return `at most ${show(x)}`;
          case '$ne': return `not ${describeExpected(x)}`;
          case '$in': return `one of ${(x as unknown[]).map((y) => show(y)).join(', ')}`;
          case '$regex': return `matching /${String(x)}/`;
          case '$exists': return x ? 'present' : 'absent';
          case '$length': return `of length ${describeExpected(x)}`;
          case '$exactly': return `exactly ${show(x)}`;
          default: return `${op} ${show(x)}`;
        }
      })
      .join(' and ');
  }
  return show(expected);
}

/** Does `actual` match `expected`? Returns null on a match, or the first mismatch. */
export function match(expected: unknown, actual: unknown, path = ''): Mismatch | null {
  if (isOperator(expected)) return matchOperator(expected, actual, path);
  if (isMap(expected)) {
    if (!isMap(actual)) {
      if (actual === undefined || actual === null) {
        // Report the first missing leaf, so `spec.replicas is missing` reads better than `spec is missing`.
        for (const [k, v] of Object.entries(expected)) {
          const m = match(v, undefined, join(path, k));
          if (m) return m;
        }
        return null;
      }
      return fail(path, `is ${show(actual)}, expected a map like ${show(expected)}`);
    }
    for (const [k, v] of Object.entries(expected)) {
      const m = match(v, actual[k], join(path, k));
      if (m) return m;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail(path, `is ${show(actual)}, expected a list containing ${show(expected)}`);
    return matchList(expected, actual, path);
  }
  if (scalarEqual(expected, actual)) return null;
  return fail(path, `is ${show(actual)}, expected ${show(expected)}`);
}

/** Every expected element matches a distinct actual element (a bipartite matching: augmenting paths). */
function matchList(expected: unknown[], actual: unknown[], path: string): Mismatch | null {
  const ok: boolean[][] = expected.map((e) => actual.map((a) => match(e, a) === null));
  const owner: number[] = actual.map(() => -1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < actual.length; j++) {
      if (!ok[i]![j] || seen[j]) continue;
      seen[j] = true;
      if (owner[j] === -1 || tryAssign(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < expected.length; i++) {
    if (tryAssign(i, actual.map(() => false))) continue;
    const e = expected[i];
    if (!ok[i]!.some(Boolean)) {
      // No element matches at all: show the closest one's difference.
      let best: Mismatch | null = null;
      actual.forEach((a, j) => {
        const m = match(e, a, `${path}[${j}]`);
        if (m && (!best || m.depth > best.depth)) best = m;
      });
      if (best && actual.length === 1) return best;
      if (best && (best as Mismatch).depth > path.split(/[.[]/).length + 1) {
        const b = best as Mismatch;
        return { ...b, text: `${b.text} (no element of ${path || 'the list'} matches ${show(e)})` };
      }
      return fail(path, actual.length ? `has no element matching ${show(e)}` : `is empty, expected an element matching ${show(e)}`);
    }
    return fail(path, `has too few elements matching ${show(e)} (each expected element needs its own match)`);
  }
  return null;
}

function lengthOf(v: unknown): number | undefined {
  if (Array.isArray(v) || typeof v === 'string') return v.length;
  if (isMap(v)) return Object.keys(v).length;
  return undefined;
}

function matchOperator(ops: Record<string, unknown>, actual: unknown, path: string): Mismatch | null {
  for (const [op, x] of Object.entries(ops)) {
    const bad = () => fail(path, `is ${show(actual)}, expected ${describeExpected({ [op]: x })}`);
    switch (op) {
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        const a = num(actual);
        const e = num(x);
        if (a === undefined || e === undefined) return bad();
        const good = op === '$gt' ? a > e : op === '$gte' ? a >= e : op === '$lt' ? a < e : a <= e;
        if (!good) return bad();
        break;
      }
      case '$ne':
        if (match(x, actual) === null) return bad();
        break;
      case '$in':
        if (!Array.isArray(x) || !x.some((y) => match(y, actual) === null)) return bad();
        break;
      case '$regex': {
        if (actual === undefined || actual === null || typeof actual === 'object') return bad();
        let re: RegExp;
        try {
          re = new RegExp(String(x));
        } catch {
          return fail(path, `has an invalid regular expression /${String(x)}/`);
        }
        if (!re.test(String(actual))) return bad();
        break;
      }
      case '$exists': {
        const present = actual !== undefined && actual !== null;
        if (present !== Boolean(x)) return fail(path, x ? 'is missing, expected it to be present' : `is ${show(actual)}, expected it to be absent`);
        break;
      }
      case '$length': {
        const n = lengthOf(actual);
        if (n === undefined) return fail(path, `is ${show(actual)}, expected something ${describeExpected({ $length: x })}`);
        const m = match(x, n);
        if (m) return fail(path, `has length ${n}, expected ${describeExpected(x)}`);
        break;
      }
      case '$exactly': {
        if (!Array.isArray(x)) return fail(path, '$exactly needs a list');
        if (!Array.isArray(actual)) return fail(path, `is ${show(actual)}, expected exactly ${show(x)}`);
        if (actual.length !== x.length) return fail(path, `has ${actual.length} element${actual.length === 1 ? '' : 's'}, expected exactly ${x.length}: ${show(x)}`);
        for (let i = 0; i < x.length; i++) {
          const m = match(x[i], actual[i], `${path}[${i}]`);
          if (m) return m;
        }
        break;
      }
      default:
        return fail(path, `uses an unknown operator ${op}`);
    }
  }
  return null;
}

/** "spec.replicas is 3, expected 5" (or the text alone at the top level). */
export function mismatchText(m: Mismatch): string {
  return m.path ? `${m.path} ${m.text}` : m.text;
}
