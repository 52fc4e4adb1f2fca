/**
 * kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): text with `{...}` actions; fields `.a.b`,
 * `['a.b']`, `..name` (recursive), `[n]`, `[a:b:c]`, `[*]`, `.*`, filters `[?(@.x=="y")]`, unions `[a,b]`,
 * `{range ...}...{end}`, string literals `{"\n"}`. Missing keys print nothing (--allow-missing-template-keys).
 */
type Seg =
  | { t: 'field'; names: string[] }
  | { t: 'recursive'; name: string }
  | { t: 'index'; start?: number; end?: number; step?: number; single?: boolean }
  | { t: 'all' }
  | { t: 'filter'; left: Seg[]; op?: string; right?: Seg[] | { lit: unknown } }
  | { t: 'union'; items: Seg[][] };

type Node =
  | { t: 'text'; s: string }
  | { t: 'expr'; paths: (Seg[] | { lit: unknown })[] }
  | { t: 'range'; path: Seg[]; body: Node[] };

export class JsonPathError extends Error {}

function splitActions(tpl: string): ({ text: string } | { action: string })[] {
  const out: ({ text: string } | { action: string })[] = [];
  let i = 0;
  let text = '';
  while (i < tpl.length) {
    const ch = tpl[i]!;
    if (ch === '{') {
      if (text) out.push({ text });
      text = '';
      let depth = 1;
      let j = i + 1;
      let quote: string | null = null;
      for (; j < tpl.length; j++) {
        const c = tpl[j]!;
        if (quote) {
          if (c === '\\') j++;
          else if (c === quote) quote = null;
          continue;
        }
        if (c === '"' || c === "'") quote = c;
        else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) break;
      }
      if (j >= tpl.length) throw new JsonPathError(`unclosed action`);
      out.push({ action: tpl.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    text += ch;
    i++;
  }
  if (text) out.push({ text });
  return out;
}

function unquote(s: string): string {
  if (s.startsWith('"')) {
    try {
      return JSON.parse(s);
    } catch {
      return s.slice(1, -1);
    }
  }
  return s.slice(1, -1).replace(/\\'/g, "'");
}

function parsePath(src: string): Seg[] {
  const segs: Seg[] = [];
  let i = 0;
  const s = src.trim();
  if (s === '@' || s === '$') return segs;
  if (s.startsWith('@') || s.startsWith('$')) i = 1;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '.') {
      if (s[i + 1] === '.') {
        i += 2;
        let name = '';
        while (i < s.length && /[\w\-/]/.test(s[i]!)) name += s[i++];
        if (s[i] === '*' && !name) { i++; name = '*'; }
        segs.push({ t: 'recursive', name });
        continue;
      }
      i++;
      if (s[i] === '*') {
        i++;
        segs.push({ t: 'all' });
        continue;
      }
      let name = '';
      while (i < s.length && !'.[]'.includes(s[i]!) && s[i] !== ' ') {
        if (s[i] === '\\' && i + 1 < s.length) {
          name += s[i + 1];
          i += 2;
          continue;
        }
        name += s[i++];
      }
      if (name) segs.push({ t: 'field', names: [name] });
      continue;
    }
    if (ch === '[') {
      let depth = 1;
      let j = i + 1;
      let quote: string | null = null;
      for (; j < s.length; j++) {
        const c = s[j]!;
        if (quote) {
          if (c === '\\') j++;
          else if (c === quote) quote = null;
          continue;
        }
        if (c === '"' || c === "'") quote = c;
        else if (c === '[') depth++;
        else if (c === ']' && --depth === 0) break;
      }
      const inner = s.slice(i + 1, j).trim();
      i = j + 1;
      segs.push(parseBracket(inner));
      continue;
    }
    // bare field name (relaxed)
    let name = '';
    while (i < s.length && !'.['.includes(s[i]!)) name += s[i++];
    if (name.trim()) segs.push({ t: 'field', names: [name.trim()] });
  }
  return segs;
}

function parseBracket(inner: string): Seg {
  if (inner === '*') return { t: 'all' };
  if (inner === '') return { t: 'index' };
  if (inner.startsWith('?')) {
    let f = inner.slice(1).trim();
    if (f.startsWith('(') && f.endsWith(')')) f = f.slice(1, -1).trim();
    const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(f);
    if (!m) return { t: 'filter', left: parsePath(f) };
    const right = m[3]!.trim();
    const rv = /^['"]/.test(right) ? { lit: unquote(right) } : /^-?\d+(\.\d+)?$/.test(right) ? { lit: Number(right) } : right === 'true' || right === 'false' ? { lit: right === 'true' } : parsePath(right);
    return { t: 'filter', left: parsePath(m[1]!), op: m[2], right: rv };
  }
  if (/^['"]/.test(inner)) {
    const names = splitTop(inner).map((x) => unquote(x.trim()));
    return { t: 'field', names };
  }
  if (inner.includes(',')) return { t: 'union', items: splitTop(inner).map((x) => parsePath(x.trim().startsWith('.') || x.trim().startsWith('@') ? x.trim() : `[${x.trim()}]`)) };
  if (inner.includes(':')) {
    const [a, b, c] = inner.split(':').map((x) => (x.trim() === '' ? undefined : Number(x)));
    return { t: 'index', start: a, end: b, step: c };
  }
  if (/^-?\d+$/.test(inner)) return { t: 'index', start: Number(inner), single: true };
  return { t: 'field', names: [inner] };
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const c of s) {
    if (quote) {
      cur += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function parseTemplate(tpl: string): Node[] {
  const parts = splitActions(tpl);
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const p of parts) {
    const cur = stack[stack.length - 1]!;
    if ('text' in p) {
      cur.push({ t: 'text', s: p.text });
      continue;
    }
    const a = p.action.trim();
    if (a === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
      continue;
    }
    if (a.startsWith('range ')) {
      const node: Node = { t: 'range', path: parsePath(a.slice(6)), body: [] };
      cur.push(node);
      stack.push(node.body);
      continue;
    }
    const paths = splitTop(a).map((x) => {
      const y = x.trim();
      if (/^['"]/.test(y)) return { lit: unquote(y) };
      return parsePath(y);
    });
    cur.push({ t: 'expr', paths });
  }
  if (stack.length > 1) throw new JsonPathError('unterminated range');
  return root;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function evalPath(segs: Seg[], input: unknown[]): unknown[] {
  let cur = input;
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (seg.t) {
        case 'field':
          for (const n of seg.names) {
            if (isObj(v) && n in v) next.push(v[n]);
          }
          break;
        case 'all':
          if (Array.isArray(v)) next.push(...v);
          else if (isObj(v)) for (const k of Object.keys(v).sort()) next.push(v[k]);
          break;
        case 'index': {
          if (!Array.isArray(v)) break;
          const len = v.length;
          if (seg.single) {
            const i = seg.start! < 0 ? len + seg.start! : seg.start!;
            if (i >= 0 && i < len) next.push(v[i]);
            else throw new JsonPathError(`array index out of bounds: index ${seg.start}, length ${len}`);
            break;
          }
          let a = seg.start ?? 0;
          let b = seg.end ?? len;
          const step = seg.step ?? 1;
          if (a < 0) a += len;
          if (b < 0) b += len;
          a = Math.max(0, Math.min(a, len));
          b = Math.max(0, Math.min(b, len));
          for (let i = a; i < b; i += step) next.push(v[i]);
          break;
        }
        case 'recursive': {
          const walk = (x: unknown) => {
            if (isObj(x)) {
              if (seg.name === '*' || seg.name === '') for (const k of Object.keys(x)) next.push(x[k]);
              else if (seg.name in x) next.push(x[seg.name]);
              for (const k of Object.keys(x)) walk(x[k]);
            } else if (Array.isArray(x)) for (const e of x) walk(e);
          };
          walk(v);
          break;
        }
        case 'filter': {
          const items = Array.isArray(v) ? v : [v];
          for (const item of items) {
            const l = evalPath(seg.left, [item]);
            if (!seg.op) {
              if (l.length) next.push(item);
              continue;
            }
            const r = seg.right && 'lit' in seg.right ? [seg.right.lit] : evalPath(seg.right as Seg[], [item]);
            if (!l.length || !r.length) continue;
            if (compare(l[0], seg.op, r[0])) next.push(item);
          }
          break;
        }
        case 'union':
          for (const p of seg.items) next.push(...evalPath(p, [v]));
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b || String(a) === String(b) && typeof a === typeof b;
    case '!=':
      return !(a === b);
    case '<':
      return (a as number) < (b as number);
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>=':
      return (a as number) >= (b as number);
    case '=~':
      return new RegExp(String(b)).test(String(a));
  }
  return false;
}

/** Go's json.Marshal of a decoded JSON value: keys sorted, HTML-safe. */
export function goJson(v: unknown): string {
  const sort = (x: unknown): unknown => (Array.isArray(x) ? x.map(sort) : isObj(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])])) : x);
  return JSON.stringify(sort(v)).replace(/[<>&]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function text(v: unknown): string {
  if (Array.isArray(v) || isObj(v)) return goJson(v);
  if (v === null || v === undefined) return '';
  return String(v);
}

function exec(nodes: Node[], data: unknown, out: string[], asJson: unknown[] | null): void {
  for (const n of nodes) {
    if (n.t === 'text') {
      if (!asJson) out.push(n.s);
      continue;
    }
    if (n.t === 'range') {
      for (const item of evalPath(n.path, [data])) {
        const items = Array.isArray(item) ? item : [item];
        for (const it of items) exec(n.body, it, out, asJson);
      }
      continue;
    }
    const results: unknown[] = [];
    for (const p of n.paths) {
      if ('lit' in p) results.push(p.lit);
      else results.push(...evalPath(p, [data]));
    }
    if (asJson) asJson.push(...results);
    else out.push(results.map(text).join(' '));
  }
}

/** Runs a template on data; returns the text kubectl prints. */
export function jsonpath(template: string, data: unknown): string {
  const nodes = parseTemplate(template);
  const out: string[] = [];
  exec(nodes, data, out, null);
  return out.join('');
}

/** -o jsonpath-as-json */
export function jsonpathAsJson(template: string, data: unknown): string {
  const nodes = parseTemplate(template);
  const results: unknown[] = [];
  exec(nodes, data, [], results);
  return JSON.stringify(results, null, 4) + '\n';
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b` and `{.a.b}` all mean `{.a.b}`. */
export function relaxed(expr: string): string {
  const e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) return e;
  return `{${e.startsWith('.') ? e : '.' + e}}`;
}

/** Values a relaxed expression yields on one object (custom-columns cells, --sort-by keys). */
export function evalRelaxed(expr: string, data: unknown): unknown[] {
  const nodes = parseTemplate(relaxed(expr));
  const results: unknown[] = [];
  exec(nodes, data, [], results);
  return results;
}

/** Syntax check only: throws JsonPathError. */
export function checkTemplate(template: string): void {
  parseTemplate(template);
}
