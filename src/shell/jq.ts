/**
 * A jq subset, hand-written (no jq binary exists here): paths (.a.b, .a[0], .[], .[1:3], ..), pipes, commas,
 * object and array construction, string interpolation, comparisons and arithmetic, and / or / not, //,
 * if-then-elif-else-end, `as $x`, reduce, and the common builtins (select, map, keys, length, to_entries,
 * with_entries, sort_by, group_by, test, contains, join, split, @base64 ...). Options: -r -j -c -n -s -e -S
 * --arg --argjson --tab --indent.
 */
import type { Program } from '../core/types.js';
import { readText } from './util.js';

type J = null | boolean | number | string | J[] | { [k: string]: J };

class JqError extends Error {}
class JqSyntax extends Error {}

type Node =
  | { t: 'id' }
  | { t: 'recurse' }
  | { t: 'lit'; v: J }
  | { t: 'str'; parts: (string | Node)[]; fmt?: string }
  | { t: 'field'; of: Node; name: Node | string; opt: boolean }
  | { t: 'index'; of: Node; idx: Node; opt: boolean }
  | { t: 'slice'; of: Node; from: Node | null; to: Node | null; opt: boolean }
  | { t: 'iter'; of: Node; opt: boolean }
  | { t: 'pipe'; a: Node; b: Node }
  | { t: 'comma'; a: Node; b: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'neg'; a: Node }
  | { t: 'arr'; a: Node | null }
  | { t: 'obj'; entries: { k: Node | string; v: Node | null }[] }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'var'; name: string }
  | { t: 'as'; src: Node; name: string; body: Node }
  | { t: 'if'; conds: { c: Node; then: Node }[]; else: Node | null }
  | { t: 'reduce'; src: Node; name: string; init: Node; upd: Node }
  | { t: 'try'; body: Node; catch: Node | null }
  | { t: 'opt'; a: Node }
  | { t: 'fmt'; name: string }
  | { t: 'assign'; op: string; lhs: Node; rhs: Node };

// ---- lexer --------------------------------------------------------------------------------------

type Tok = { k: 'op' | 'id' | 'num' | 'str' | 'var' | 'field' | 'fmt' | 'eof'; v: string; parts?: (string | { src: string })[] };

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const ops = ['?//', '|=', '+=', '-=', '*=', '/=', '//=', '==', '!=', '<=', '>=', '//', '..', '|', ',', '.', '[', ']', '{', '}', '(', ')', ':', ';', '<', '>', '+', '-', '*', '/', '%', '=', '?'];
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      const parts: (string | { src: string })[] = [];
      let cur = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new JqSyntax('unterminated string');
        const ch = src[i]!;
        if (ch === '"') {
          i++;
          break;
        }
        if (ch === '\\') {
          const n = src[i + 1];
          if (n === '(') {
            let depth = 1;
            let j = i + 2;
            while (j < src.length && depth) {
              if (src[j] === '(') depth++;
              else if (src[j] === ')') depth--;
              else if (src[j] === '"') {
                j++;
                while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
              }
              j++;
            }
            if (cur) parts.push(cur);
            cur = '';
            parts.push({ src: src.slice(i + 2, j - 1) });
            i = j;
            continue;
          }
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
          if (n === 'u') {
            cur += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          if (n === undefined || map[n] === undefined) throw new JqSyntax(`invalid escape`);
          cur += map[n];
          i += 2;
          continue;
        }
        cur += ch;
        i++;
      }
      if (cur || !parts.length) parts.push(cur);
      toks.push({ k: 'str', v: '', parts });
      continue;
    }
    let m = /^\.[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (m) {
      toks.push({ k: 'field', v: m[0].slice(1) });
      i += m[0].length;
      continue;
    }
    m = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/.exec(src.slice(i));
    if (m) {
      toks.push({ k: 'num', v: m[0] });
      i += m[0].length;
      continue;
    }
    m = /^\$[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (m) {
      toks.push({ k: 'var', v: m[0].slice(1) });
      i += m[0].length;
      continue;
    }
    m = /^@[A-Za-z0-9_]+/.exec(src.slice(i));
    if (m) {
      toks.push({ k: 'fmt', v: m[0] });
      i += m[0].length;
      continue;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)?/.exec(src.slice(i));
    if (m) {
      toks.push({ k: 'id', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = ops.find((o) => src.startsWith(o, i));
    if (!op) throw new JqSyntax(`syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?)`);
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  toks.push({ k: 'eof', v: '' });
  return toks;
}

// ---- parser -------------------------------------------------------------------------------------

function parseJq(src: string): Node {
  const toks = lex(src);
  let i = 0;
  const peek = () => toks[i]!;
  const isOp = (v: string) => toks[i]!.k === 'op' && toks[i]!.v === v;
  const isId = (v: string) => toks[i]!.k === 'id' && toks[i]!.v === v;
  const expect = (v: string) => {
    if (!isOp(v) && !isId(v)) throw unexpected();
    i++;
  };
  const unexpected = () => {
    const t = peek();
    return new JqSyntax(`syntax error, unexpected ${t.k === 'eof' ? '$end' : t.k === 'id' ? `IDENT ${t.v}` : t.v || t.k} (Unix shell quoting issues?)`);
  };

  function pipe(): Node {
    // `E as $x | body` binds over the rest of the pipe
    const a = comma();
    if (isId('as')) {
      i++;
      const v = peek();
      if (v.k !== 'var') throw unexpected();
      i++;
      expect('|');
      return { t: 'as', src: a, name: v.v, body: pipe() };
    }
    if (isOp('|')) {
      i++;
      return { t: 'pipe', a, b: pipe() };
    }
    return a;
  }
  function comma(): Node {
    let a = alt();
    while (isOp(',')) {
      i++;
      a = { t: 'comma', a, b: alt() };
    }
    return a;
  }
  function alt(): Node {
    const a = assign();
    if (isOp('//')) {
      i++;
      return { t: 'bin', op: '//', a, b: alt() };
    }
    return a;
  }
  function assign(): Node {
    const a = or();
    for (const op of ['=', '|=', '+=', '-=', '*=', '/=', '//=']) {
      if (isOp(op)) {
        i++;
        return { t: 'assign', op, lhs: a, rhs: alt() };
      }
    }
    return a;
  }
  function or(): Node {
    let a = and();
    while (isId('or')) {
      i++;
      a = { t: 'bin', op: 'or', a, b: and() };
    }
    return a;
  }
  function and(): Node {
    let a = cmp();
    while (isId('and')) {
      i++;
      a = { t: 'bin', op: 'and', a, b: cmp() };
    }
    return a;
  }
  function cmp(): Node {
    const a = add();
    for (const op of ['==', '!=', '<=', '>=', '<', '>']) {
      if (isOp(op)) {
        i++;
        return { t: 'bin', op, a, b: add() };
      }
    }
    return a;
  }
  function add(): Node {
    let a = mul();
    while (isOp('+') || isOp('-')) {
      const op = toks[i++]!.v;
      a = { t: 'bin', op, a, b: mul() };
    }
    return a;
  }
  function mul(): Node {
    let a = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = toks[i++]!.v;
      a = { t: 'bin', op, a, b: unary() };
    }
    return a;
  }
  function unary(): Node {
    if (isOp('-')) {
      i++;
      return { t: 'neg', a: postfix() };
    }
    return postfix();
  }
  function suffixes(n: Node): Node {
    for (;;) {
      const t = peek();
      if (t.k === 'field') {
        i++;
        n = { t: 'field', of: n, name: t.v, opt: false };
      } else if (isOp('.') && toks[i + 1]!.k === 'str') {
        i++;
        n = { t: 'field', of: n, name: strNode(toks[i++]!), opt: false };
      } else if (isOp('[') || (isOp('.') && toks[i + 1]!.k === 'op' && toks[i + 1]!.v === '[')) {
        if (isOp('.')) i++;
        i++;
        if (isOp(']')) {
          i++;
          n = { t: 'iter', of: n, opt: false };
        } else if (isOp(':')) {
          i++;
          const to = pipe();
          expect(']');
          n = { t: 'slice', of: n, from: null, to, opt: false };
        } else {
          const idx = pipe();
          if (isOp(':')) {
            i++;
            const to = isOp(']') ? null : pipe();
            expect(']');
            n = { t: 'slice', of: n, from: idx, to, opt: false };
          } else {
            expect(']');
            n = { t: 'index', of: n, idx, opt: false };
          }
        }
      } else if (isOp('?')) {
        i++;
        if (n.t === 'field' || n.t === 'index' || n.t === 'iter' || n.t === 'slice') n = { ...n, opt: true };
        else n = { t: 'opt', a: n };
      } else return n;
    }
  }
  function strNode(t: Tok, fmt?: string): Node {
    const parts = t.parts!.map((p) => (typeof p === 'string' ? p : parseJq(p.src)));
    if (parts.length === 1 && typeof parts[0] === 'string' && !fmt) return { t: 'lit', v: parts[0] };
    return { t: 'str', parts, fmt };
  }
  function postfix(): Node {
    return suffixes(primary());
  }
  function primary(): Node {
    const t = peek();
    switch (t.k) {
      case 'num':
        i++;
        return { t: 'lit', v: Number(t.v) };
      case 'str':
        i++;
        return strNode(t);
      case 'field':
        i++;
        return { t: 'field', of: { t: 'id' }, name: t.v, opt: false };
      case 'var':
        i++;
        return { t: 'var', name: t.v };
      case 'fmt': {
        i++;
        if (peek().k === 'str') return strNode(toks[i++]!, t.v);
        return { t: 'fmt', name: t.v };
      }
      case 'id': {
        i++;
        switch (t.v) {
          case 'true':
            return { t: 'lit', v: true };
          case 'false':
            return { t: 'lit', v: false };
          case 'null':
            return { t: 'lit', v: null };
          case 'if': {
            const conds: { c: Node; then: Node }[] = [];
            let c = pipe();
            expect('then');
            conds.push({ c, then: pipe() });
            let els: Node | null = null;
            for (;;) {
              if (isId('elif')) {
                i++;
                c = pipe();
                expect('then');
                conds.push({ c, then: pipe() });
              } else if (isId('else')) {
                i++;
                els = pipe();
                expect('end');
                break;
              } else {
                expect('end');
                break;
              }
            }
            return { t: 'if', conds, else: els };
          }
          case 'reduce': {
            const src = postfix();
            expect('as');
            const v = peek();
            if (v.k !== 'var') throw unexpected();
            i++;
            expect('(');
            const init = pipe();
            expect(';');
            const upd = pipe();
            expect(')');
            return { t: 'reduce', src, name: v.v, init, upd };
          }
          case 'try': {
            const body = postfix();
            let c: Node | null = null;
            if (isId('catch')) {
              i++;
              c = postfix();
            }
            return { t: 'try', body, catch: c };
          }
          case 'not':
            return { t: 'call', name: 'not', args: [] };
        }
        const args: Node[] = [];
        if (isOp('(')) {
          i++;
          args.push(pipe());
          while (isOp(';')) {
            i++;
            args.push(pipe());
          }
          expect(')');
        }
        return { t: 'call', name: t.v, args };
      }
      case 'op':
        break;
      default:
        throw unexpected();
    }
    if (t.v === '.') {
      i++;
      const n = peek();
      if (n.k === 'str') {
        i++;
        return { t: 'field', of: { t: 'id' }, name: strNode(n), opt: false };
      }
      if (isOp('[')) {
        i--;
        toks[i] = { k: 'op', v: '.' };
        return suffixes({ t: 'id' });
      }
      return { t: 'id' };
    }
    if (t.v === '..') {
      i++;
      return { t: 'recurse' };
    }
    if (t.v === '(') {
      i++;
      const e = pipe();
      expect(')');
      return e;
    }
    if (t.v === '[') {
      i++;
      if (isOp(']')) {
        i++;
        return { t: 'arr', a: null };
      }
      const e = pipe();
      expect(']');
      return { t: 'arr', a: e };
    }
    if (t.v === '{') {
      i++;
      const entries: { k: Node | string; v: Node | null }[] = [];
      while (!isOp('}')) {
        const k = peek();
        let key: Node | string;
        if (k.k === 'id') {
          i++;
          key = k.v;
        } else if (k.k === 'var') {
          i++;
          if (!isOp(':')) {
            entries.push({ k: k.v, v: { t: 'var', name: k.v } });
            if (isOp(',')) i++;
            continue;
          }
          key = { t: 'var', name: k.v };
        } else if (k.k === 'str') {
          i++;
          key = strNode(k);
        } else if (k.k === 'fmt') {
          i++;
          key = k.v;
        } else if (isOp('(')) {
          i++;
          key = pipe();
          expect(')');
        } else throw unexpected();
        let v: Node | null = null;
        if (isOp(':')) {
          i++;
          v = objVal();
        }
        entries.push({ k: key, v });
        if (isOp(',')) i++;
        else if (!isOp('}')) throw unexpected();
      }
      i++;
      return { t: 'obj', entries };
    }
    throw unexpected();
  }
  function objVal(): Node {
    // object values: no top-level comma (it separates entries), pipes allowed inside ( )
    let a = alt();
    while (isOp('|')) {
      i++;
      a = { t: 'pipe', a, b: alt() };
    }
    return a;
  }
  const n = pipe();
  if (peek().k !== 'eof') throw unexpected();
  return n;
}

// ---- evaluation ---------------------------------------------------------------------------------

function typeOf(v: J): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function short(v: J): string {
  const s = JSON.stringify(v);
  return s.length > 11 ? s.slice(0, 10) + '...' : s;
}

const ORDER: Record<string, number> = { null: 0, boolean: 1, number: 3, string: 4, array: 5, object: 6 };

export function compare(a: J, b: J): number {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb) {
    const oa = ta === 'boolean' ? (a ? 2 : 1) : ORDER[ta]!;
    const ob = tb === 'boolean' ? (b ? 2 : 1) : ORDER[tb]!;
    return oa - ob;
  }
  if (ta === 'boolean') return (a ? 1 : 0) - (b ? 1 : 0);
  if (ta === 'number') return (a as number) - (b as number);
  if (ta === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (ta === 'array') {
    const x = a as J[];
    const y = b as J[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compare(x[i]!, y[i]!);
      if (c) return c;
    }
    return x.length - y.length;
  }
  if (ta === 'object') {
    const x = a as Record<string, J>;
    const y = b as Record<string, J>;
    const kc = compare(Object.keys(x).sort(), Object.keys(y).sort());
    if (kc) return kc;
    for (const k of Object.keys(x).sort()) {
      const c = compare(x[k]!, y[k]!);
      if (c) return c;
    }
  }
  return 0;
}

const truthy = (v: J) => v !== null && v !== false;

type Env = Record<string, J>;

function index(v: J, k: J, opt: boolean): J[] {
  if (v === null) return [null];
  if (typeof k === 'string') {
    if (typeOf(v) === 'object') {
      const o = v as Record<string, J>;
      return [Object.hasOwn(o, k) ? o[k]! : null];
    }
    if (opt) return [];
    throw new JqError(`Cannot index ${typeOf(v)} with string "${k}"`);
  }
  if (typeof k === 'number') {
    if (Array.isArray(v)) {
      const i = Math.floor(k < 0 ? v.length + k : k);
      return [i >= 0 && i < v.length ? v[i]! : null];
    }
    if (opt) return [];
    throw new JqError(`Cannot index ${typeOf(v)} with number`);
  }
  if (opt) return [];
  throw new JqError(`Cannot index ${typeOf(v)} with ${typeOf(k)}`);
}

function iterate(v: J, opt: boolean): J[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') return Object.values(v);
  if (opt) return [];
  throw new JqError(`Cannot iterate over ${typeOf(v)} (${short(v)})`);
}

function binop(op: string, a: J, b: J): J {
  switch (op) {
    case '==':
      return compare(a, b) === 0;
    case '!=':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>':
      return compare(a, b) > 0;
    case '>=':
      return compare(a, b) >= 0;
    case '+':
      if (a === null) return b;
      if (b === null) return a;
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
      if (typeOf(a) === 'object' && typeOf(b) === 'object') return { ...(a as object), ...(b as object) } as J;
      break;
    case '-':
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compare(x, y) === 0));
      break;
    case '*':
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      if (typeof a === 'string' && typeof b === 'number') return b > 0 ? a.repeat(Math.ceil(b)) : null;
      if (typeOf(a) === 'object' && typeOf(b) === 'object') return deepMerge(a as Record<string, J>, b as Record<string, J>);
      break;
    case '/':
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) throw new JqError(`${short(a)} (number) and ${short(b)} (number) cannot be divided because the divisor is zero`);
        return a / b;
      }
      if (typeof a === 'string' && typeof b === 'string') return a.split(b);
      break;
    case '%':
      if (typeof a === 'number' && typeof b === 'number') {
        if (Math.trunc(b) === 0) throw new JqError(`${short(a)} (number) and ${short(b)} (number) cannot be divided because the divisor is zero`);
        return Math.trunc(a) % Math.trunc(b);
      }
      break;
  }
  const verb = { '+': 'added', '-': 'subtracted', '*': 'multiplied', '/': 'divided', '%': 'divided' }[op] ?? 'compared';
  throw new JqError(`${typeOf(a)} (${short(a)}) and ${typeOf(b)} (${short(b)}) cannot be ${verb}`);
}

function deepMerge(a: Record<string, J>, b: Record<string, J>): J {
  const out: Record<string, J> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const x = out[k];
    out[k] = x && v && typeOf(x) === 'object' && typeOf(v) === 'object' ? deepMerge(x as Record<string, J>, v as Record<string, J>) : v;
  }
  return out;
}

function tostring(v: J): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function format(name: string, v: J): string {
  switch (name) {
    case '@text':
      return tostring(v);
    case '@json':
      return JSON.stringify(v);
    case '@base64':
      return Buffer.from(tostring(v), 'utf8').toString('base64');
    case '@base64d':
      return Buffer.from(tostring(v), 'base64').toString('utf8');
    case '@uri':
      return encodeURIComponent(tostring(v)).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    case '@html':
      return tostring(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);
    case '@sh':
      return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? "'" + x.replace(/'/g, "'\\''") + "'" : JSON.stringify(x))).join(' ');
    case '@csv':
    case '@tsv': {
      if (!Array.isArray(v)) throw new JqError(`${typeOf(v)} (${short(v)}) cannot be ${name === '@csv' ? 'csv' : 'tsv'}-formatted, only an array can be`);
      return v
        .map((x) => {
          if (typeof x === 'string') return name === '@csv' ? '"' + x.replace(/"/g, '""') + '"' : x.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
          return x === null ? '' : JSON.stringify(x);
        })
        .join(name === '@csv' ? ',' : '\t');
    }
  }
  throw new JqError(`${name.slice(1)} is not a valid format`);
}

function paths(v: J, prefix: J[], out: J[][]): void {
  if (Array.isArray(v)) v.forEach((x, i) => {
    out.push([...prefix, i]);
    paths(x, [...prefix, i], out);
  });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
    out.push([...prefix, k]);
    paths(x, [...prefix, k], out);
  }
}

function getPath(v: J, p: J[]): J {
  let cur = v;
  for (const k of p) {
    if (cur === null) return null;
    cur = index(cur, k, false)[0] ?? null;
  }
  return cur;
}

function setPath(v: J, p: J[], x: J): J {
  if (!p.length) return x;
  const [k, ...rest] = p;
  if (typeof k === 'number') {
    if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with number`);
    const arr = [...((v as J[] | null) ?? [])];
    const i = k < 0 ? arr.length + k : k;
    while (arr.length < i) arr.push(null);
    arr[i] = setPath(arr[i] ?? null, rest, x);
    return arr;
  }
  if (v !== null && typeOf(v) !== 'object') throw new JqError(`Cannot index ${typeOf(v)} with "${k}"`);
  const o = { ...((v as Record<string, J> | null) ?? {}) };
  o[k as string] = setPath(o[k as string] ?? null, rest, x);
  return o;
}

function delPaths(v: J, ps: J[][]): J {
  const sorted = [...ps].sort((a, b) => compare(b, a));
  for (const p of sorted) v = delPath(v, p);
  return v;
}
function delPath(v: J, p: J[]): J {
  if (!p.length) return null;
  if (v === null) return null;
  const [k, ...rest] = p;
  if (Array.isArray(v)) {
    const i = (k as number) < 0 ? v.length + (k as number) : (k as number);
    if (!rest.length) return v.filter((_, j) => j !== i);
    return v.map((x, j) => (j === i ? delPath(x, rest) : x));
  }
  const o = { ...(v as Record<string, J>) };
  if (!rest.length) delete o[k as string];
  else if (Object.hasOwn(o, k as string)) o[k as string] = delPath(o[k as string]!, rest);
  return o;
}

/** The paths a path expression selects (for del, to_entries assignments, |=, =). */
function evalPaths(n: Node, input: J, env: Env): J[][] {
  switch (n.t) {
    case 'id':
      return [[]];
    case 'field': {
      const out: J[][] = [];
      for (const p of evalPaths(n.of, input, env)) {
        const base = getPath(input, p);
        const names = typeof n.name === 'string' ? [n.name] : ev(n.name, input, env);
        for (const name of names) {
          if (base !== null && typeOf(base) !== 'object') {
            if (n.opt) continue;
            throw new JqError(`Cannot index ${typeOf(base)} with "${name}"`);
          }
          out.push([...p, name]);
        }
      }
      return out;
    }
    case 'index': {
      const out: J[][] = [];
      for (const p of evalPaths(n.of, input, env)) for (const k of ev(n.idx, input, env)) out.push([...p, k]);
      return out;
    }
    case 'iter': {
      const out: J[][] = [];
      for (const p of evalPaths(n.of, input, env)) {
        const base = getPath(input, p);
        if (Array.isArray(base)) base.forEach((_, i) => out.push([...p, i]));
        else if (base !== null && typeof base === 'object') for (const k of Object.keys(base)) out.push([...p, k]);
        else if (!n.opt && base !== null) throw new JqError(`Cannot iterate over ${typeOf(base)}`);
      }
      return out;
    }
    case 'pipe': {
      const out: J[][] = [];
      for (const p of evalPaths(n.a, input, env)) for (const q of evalPaths(n.b, getPath(input, p), env)) out.push([...p, ...q]);
      return out;
    }
    case 'comma':
      return [...evalPaths(n.a, input, env), ...evalPaths(n.b, input, env)];
    case 'call':
      if (n.name === 'select') return ev(n.args[0]!, input, env).some(truthy) ? [[]] : [];
      if (n.name === 'recurse' || n.name === '..') {
        const out: J[][] = [[]];
        paths(input, [], out);
        return out;
      }
      if (n.name === 'empty') return [];
      if (n.name === 'first' && n.args.length === 1) return evalPaths(n.args[0]!, input, env).slice(0, 1);
      if (n.name === 'getpath') return ev(n.args[0]!, input, env) as J[][];
      break;
    case 'recurse': {
      const out: J[][] = [[]];
      paths(input, [], out);
      return out;
    }
    case 'opt':
      try {
        return evalPaths(n.a, input, env);
      } catch {
        return [];
      }
    case 'if': {
      for (const c of n.conds) if (ev(c.c, input, env).some(truthy)) return evalPaths(c.then, input, env);
      return n.else ? evalPaths(n.else, input, env) : [[]];
    }
  }
  throw new JqError('Invalid path expression');
}

const MAX_OUT = 1_000_000;

function ev(n: Node, input: J, env: Env): J[] {
  switch (n.t) {
    case 'id':
      return [input];
    case 'recurse': {
      const out: J[] = [];
      const walk = (v: J) => {
        out.push(v);
        if (Array.isArray(v)) v.forEach(walk);
        else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(input);
      return out;
    }
    case 'lit':
      return [n.v];
    case 'str': {
      let results = [''];
      for (const p of n.parts) {
        if (typeof p === 'string') results = results.map((r) => r + p);
        else {
          const vals = ev(p, input, env).map((v) => (n.fmt ? format(n.fmt, v) : tostring(v)));
          results = results.flatMap((r) => vals.map((v) => r + v));
        }
      }
      return results;
    }
    case 'fmt':
      return [format(n.name, input)];
    case 'field': {
      const out: J[] = [];
      for (const base of ev(n.of, input, env)) {
        const names = typeof n.name === 'string' ? [n.name] : ev(n.name, input, env);
        for (const k of names) out.push(...index(base, k, n.opt));
      }
      return out;
    }
    case 'index': {
      const out: J[] = [];
      for (const base of ev(n.of, input, env)) for (const k of ev(n.idx, input, env)) out.push(...index(base, k, n.opt));
      return out;
    }
    case 'slice': {
      const out: J[] = [];
      for (const base of ev(n.of, input, env)) {
        if (base === null) {
          out.push(null);
          continue;
        }
        if (typeof base !== 'string' && !Array.isArray(base)) {
          if (n.opt) continue;
          throw new JqError(`Cannot index ${typeOf(base)} with object`);
        }
        const froms = n.from ? ev(n.from, input, env) : [null];
        const tos = n.to ? ev(n.to, input, env) : [null];
        for (const f of froms) for (const t of tos) out.push(base.slice(f === null ? 0 : (f as number), t === null ? undefined : (t as number)) as J);
      }
      return out;
    }
    case 'iter': {
      const out: J[] = [];
      for (const base of ev(n.of, input, env)) out.push(...iterate(base, n.opt));
      return out;
    }
    case 'pipe': {
      const out: J[] = [];
      for (const v of ev(n.a, input, env)) {
        out.push(...ev(n.b, v, env));
        if (out.length > MAX_OUT) throw new JqError('too many results');
      }
      return out;
    }
    case 'comma':
      return [...ev(n.a, input, env), ...ev(n.b, input, env)];
    case 'neg':
      return ev(n.a, input, env).map((v) => {
        if (typeof v !== 'number') throw new JqError(`${typeOf(v)} (${short(v)}) cannot be negated`);
        return -v;
      });
    case 'bin': {
      if (n.op === 'and' || n.op === 'or') {
        const out: J[] = [];
        for (const a of ev(n.a, input, env)) {
          if (n.op === 'and' && !truthy(a)) out.push(false);
          else if (n.op === 'or' && truthy(a)) out.push(true);
          else for (const b of ev(n.b, input, env)) out.push(truthy(b));
        }
        return out;
      }
      if (n.op === '//') {
        let vals: J[] = [];
        try {
          vals = ev(n.a, input, env).filter(truthy);
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        return vals.length ? vals : ev(n.b, input, env);
      }
      const out: J[] = [];
      const bs = ev(n.b, input, env);
      for (const b of bs) for (const a of ev(n.a, input, env)) out.push(binop(n.op, a, b));
      return out;
    }
    case 'arr':
      return [n.a ? ev(n.a, input, env) : []];
    case 'obj': {
      let results: Record<string, J>[] = [{}];
      for (const e of n.entries) {
        const keys: J[] = typeof e.k === 'string' ? [e.k.startsWith('@') ? format(e.k, input) : e.k] : ev(e.k, input, env);
        const vals: J[] = e.v ? ev(e.v, input, env) : typeof e.k === 'string' ? index(input, e.k, false) : [];
        const next: Record<string, J>[] = [];
        for (const r of results)
          for (const k of keys) {
            if (typeof k !== 'string') throw new JqError(`Object keys must be strings`);
            for (const v of vals) next.push({ ...r, [k]: v });
          }
        results = next;
      }
      return results;
    }
    case 'var':
      if (n.name === '__loc__') return [{ file: '<stdin>', line: 1 }];
      if (!Object.hasOwn(env, n.name)) throw new JqSyntax(`$${n.name} is not defined`);
      return [env[n.name]!];
    case 'as': {
      const out: J[] = [];
      for (const v of ev(n.src, input, env)) out.push(...ev(n.body, input, { ...env, [n.name]: v }));
      return out;
    }
    case 'if': {
      const go = (k: number): J[] => {
        if (k >= n.conds.length) return n.else ? ev(n.else, input, env) : [input];
        const out: J[] = [];
        for (const c of ev(n.conds[k]!.c, input, env)) out.push(...(truthy(c) ? ev(n.conds[k]!.then, input, env) : go(k + 1)));
        return out;
      };
      return go(0);
    }
    case 'reduce': {
      let accs = ev(n.init, input, env);
      for (const v of ev(n.src, input, env)) {
        const e2 = { ...env, [n.name]: v };
        accs = accs.flatMap((acc) => ev(n.upd, acc, e2));
      }
      return accs;
    }
    case 'try':
      try {
        return ev(n.body, input, env);
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
        return n.catch ? ev(n.catch, e.message, env) : [];
      }
    case 'opt':
      try {
        return ev(n.a, input, env);
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
        return [];
      }
    case 'assign': {
      const ps = evalPaths(n.lhs, input, env);
      if (n.op === '|=') {
        let v = input;
        for (const p of ps) {
          const r = ev(n.rhs, getPath(v, p), env);
          v = r.length ? setPath(v, p, r[0]!) : delPaths(v, [p]);
        }
        return [v];
      }
      const out: J[] = [];
      for (const rhs of ev(n.rhs, input, env)) {
        let v = input;
        for (const p of ps) v = setPath(v, p, n.op === '=' ? rhs : binop(n.op === '//=' ? '//' : n.op.slice(0, -1), getPath(v, p), rhs));
        out.push(v);
      }
      return out;
    }
    case 'call':
      return call(n, input, env);
  }
}

function one(n: Node, input: J, env: Env): J {
  const r = ev(n, input, env);
  return r[0] ?? null;
}

function len(v: J): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') throw new JqError(`boolean (${v}) has no length`);
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  return Object.keys(v).length;
}

function keysOf(v: J, sorted: boolean): J[] {
  if (Array.isArray(v)) return v.map((_, i) => i);
  if (v !== null && typeof v === 'object') return sorted ? Object.keys(v).sort() : Object.keys(v);
  throw new JqError(`${typeOf(v)} (${short(v)}) has no keys`);
}

function needString(v: J, what: string): string {
  if (typeof v !== 'string') throw new JqError(`${typeOf(v)} (${short(v)}) ${what}`);
  return v;
}

function regex(re: J, flags: J): RegExp {
  const f = typeof flags === 'string' ? flags : '';
  try {
    return new RegExp(needString(re, 'cannot be matched, as it is not a string'), (f.includes('i') ? 'i' : '') + (f.includes('x') ? '' : '') + (f.includes('g') ? 'g' : ''));
  } catch (e) {
    throw new JqError(`${JSON.stringify(re)} (at offset 0) is not a valid regex: ${(e as Error).message}`);
  }
}

function call(n: Extract<Node, { t: 'call' }>, input: J, env: Env): J[] {
  const a = n.args;
  const arg = (k: number) => ev(a[k]!, input, env);
  switch (`${n.name}/${a.length}`) {
    case 'empty/0':
      return [];
    case 'not/0':
      return [!truthy(input)];
    case 'length/0':
      return [len(input)];
    case 'utf8bytelength/0':
      return [Buffer.byteLength(needString(input, 'only strings have UTF-8 byte length'))];
    case 'keys/0':
      return [keysOf(input, true)];
    case 'keys_unsorted/0':
      return [keysOf(input, false)];
    case 'values/0':
      return input === null ? [] : [input];
    case 'has/1':
      return arg(0).map((k) => {
        if (Array.isArray(input)) return typeof k === 'number' && k >= 0 && k < input.length;
        if (input !== null && typeof input === 'object') return Object.hasOwn(input, k as string);
        throw new JqError(`Cannot check whether ${typeOf(input)} has a ${typeOf(k)} key`);
      });
    case 'in/1':
      return arg(0).map((o) => call({ t: 'call', name: 'has', args: [{ t: 'lit', v: input }] }, o, env)[0]!);
    case 'select/1':
      return arg(0).some(truthy) ? [input] : [];
    case 'map/1':
      return [iterate(input, false).flatMap((x) => ev(a[0]!, x, env))];
    case 'map_values/1': {
      if (Array.isArray(input)) return [input.flatMap((x) => ev(a[0]!, x, env).slice(0, 1))];
      const o: Record<string, J> = {};
      for (const [k, v] of Object.entries((input as Record<string, J>) ?? {})) {
        const r = ev(a[0]!, v, env);
        if (r.length) o[k] = r[0]!;
      }
      return [o];
    }
    case 'to_entries/0':
      return [Object.entries(iterObj(input)).map(([k, v]) => ({ key: k, value: v }))];
    case 'from_entries/0': {
      const o: Record<string, J> = {};
      for (const e of iterate(input, false)) {
        const r = e as Record<string, J>;
        const k = r.key ?? r.k ?? r.name ?? r.Name ?? r.Key ?? r.K ?? null;
        const v = Object.hasOwn(r, 'value') ? r.value! : Object.hasOwn(r, 'v') ? r.v! : (r.Value ?? r.V ?? null);
        o[typeof k === 'string' ? k : JSON.stringify(k)] = v;
      }
      return [o];
    }
    case 'with_entries/1': {
      const entries = Object.entries(iterObj(input)).map(([k, v]) => ({ key: k, value: v }) as J);
      const mapped = entries.flatMap((e) => ev(a[0]!, e, env));
      return call({ t: 'call', name: 'from_entries', args: [] }, mapped, env);
    }
    case 'add/0': {
      const items = iterate(input, false);
      return [items.reduce<J>((acc, x) => binop('+', acc, x), null)];
    }
    case 'any/0':
      return [iterate(input, false).some(truthy)];
    case 'all/0':
      return [iterate(input, false).every(truthy)];
    case 'any/1':
      return [iterate(input, false).some((x) => ev(a[0]!, x, env).some(truthy))];
    case 'all/1':
      return [iterate(input, false).every((x) => ev(a[0]!, x, env).every(truthy))];
    case 'range/1': {
      const out: J[] = [];
      for (const m of arg(0)) for (let k = 0; k < (m as number) && out.length < MAX_OUT; k++) out.push(k);
      return out;
    }
    case 'range/2': {
      const out: J[] = [];
      for (const f of arg(0)) for (const t of arg(1)) for (let k = f as number; k < (t as number) && out.length < MAX_OUT; k++) out.push(k);
      return out;
    }
    case 'floor/0':
      return [Math.floor(input as number)];
    case 'ceil/0':
      return [Math.ceil(input as number)];
    case 'round/0':
      return [Math.round(input as number)];
    case 'sqrt/0':
      return [Math.sqrt(input as number)];
    case 'fabs/0':
    case 'abs/0':
      return [Math.abs(input as number)];
    case 'type/0':
      return [typeOf(input)];
    case 'tostring/0':
      return [tostring(input)];
    case 'tonumber/0': {
      if (typeof input === 'number') return [input];
      const sv = needString(input, 'cannot be parsed as a number');
      const x = Number(sv);
      if (Number.isNaN(x) || sv.trim() === '') throw new JqError(`Cannot parse '${input}' as JSON`);
      return [x];
    }
    case 'tojson/0':
      return [JSON.stringify(input)];
    case 'fromjson/0':
      try {
        return [JSON.parse(needString(input, 'cannot be parsed as JSON')) as J];
      } catch (e) {
        if (e instanceof JqError) throw e;
        throw new JqError(`${input} (while parsing '${input}')`);
      }
    case 'ascii_downcase/0':
      return [needString(input, 'cannot be lowercased').toLowerCase()];
    case 'ascii_upcase/0':
      return [needString(input, 'cannot be uppercased').toUpperCase()];
    case 'ltrimstr/1':
      return arg(0).map((p) => (typeof input === 'string' && typeof p === 'string' && input.startsWith(p) ? input.slice(p.length) : input));
    case 'rtrimstr/1':
      return arg(0).map((p) => (typeof input === 'string' && typeof p === 'string' && p && input.endsWith(p) ? input.slice(0, -p.length) : input));
    case 'trim/0':
      return [needString(input, 'cannot be trimmed').trim()];
    case 'startswith/1':
      return arg(0).map((p) => needString(input, 'cannot be checked with startswith').startsWith(needString(p, 'startswith() requires string inputs')));
    case 'endswith/1':
      return arg(0).map((p) => needString(input, 'cannot be checked with endswith').endsWith(needString(p, 'endswith() requires string inputs')));
    case 'split/1':
      return arg(0).map((s) => needString(input, 'cannot be split').split(needString(s, 'is not a string')));
    case 'split/2':
      return arg(0).map((s) => needString(input, 'cannot be split').split(regex(s, one(a[1]!, input, env))));
    case 'join/1':
      return arg(0).map((s) =>
        iterate(input, false)
          .map((x) => (x === null ? '' : typeof x === 'object' ? (() => { throw new JqError(`Cannot join with ${typeOf(x)}`); })() : String(x)))
          .join(needString(s, 'is not a string')),
      );
    case 'contains/1':
      return arg(0).map((b) => contains(input, b));
    case 'inside/1':
      return arg(0).map((b) => contains(b, input));
    case 'test/1':
    case 'test/2':
      return arg(0).map((re) => regex(re, a[1] ? one(a[1], input, env) : null).test(needString(input, 'cannot be matched, as it is not a string')));
    case 'match/1':
    case 'match/2':
      return arg(0).map((re) => {
        const sv = needString(input, 'cannot be matched, as it is not a string');
        const m = regex(re, a[1] ? one(a[1], input, env) : null).exec(sv);
        if (!m) return null;
        return { offset: m.index, length: m[0].length, string: m[0], captures: m.slice(1).map((c) => ({ offset: c === undefined ? -1 : sv.indexOf(c), length: c?.length ?? 0, string: c ?? null, name: null })) };
      }).filter((x) => x !== null);
    case 'capture/1': {
      const out: J[] = [];
      for (const re of arg(0)) {
        const m = regex(re, null).exec(needString(input, 'cannot be matched, as it is not a string'));
        if (m) out.push({ ...(m.groups ?? {}) });
      }
      return out;
    }
    case 'sub/2':
    case 'gsub/2':
    case 'sub/3':
    case 'gsub/3': {
      const s = needString(input, 'cannot be matched, as it is not a string');
      const flags = (n.name === 'gsub' ? 'g' : '') + (a[2] ? String(one(a[2], input, env)) : '');
      return arg(0).map((re) => {
        const r = regex(re, flags);
        return s.replace(r, (...m: unknown[]) => {
          const groups = (typeof m[m.length - 1] === 'object' ? m[m.length - 1] : {}) as Record<string, J>;
          return tostring(one(a[1]!, { ...groups }, env));
        });
      });
    }
    case 'sort/0':
      return [[...(iterate(input, false) as J[])].sort(compare)];
    case 'sort_by/1':
      return [sortBy(input, a[0]!, env)];
    case 'group_by/1': {
      const sorted = sortBy(input, a[0]!, env);
      const groups: J[][] = [];
      let lastKey: J | undefined;
      for (const x of sorted) {
        const k = ev(a[0]!, x, env);
        if (lastKey !== undefined && compare(lastKey, k) === 0) groups[groups.length - 1]!.push(x);
        else groups.push([x]);
        lastKey = k;
      }
      return [groups];
    }
    case 'unique/0':
      return [[...(iterate(input, false) as J[])].sort(compare).filter((x, i, arr) => i === 0 || compare(arr[i - 1]!, x) !== 0)];
    case 'unique_by/1': {
      const sorted = sortBy(input, a[0]!, env);
      const out: J[] = [];
      let lastKey: J | undefined;
      for (const x of sorted) {
        const k = ev(a[0]!, x, env);
        if (lastKey === undefined || compare(lastKey, k) !== 0) out.push(x);
        lastKey = k;
      }
      return [out];
    }
    case 'min/0':
    case 'max/0': {
      const items = [...iterate(input, false)].sort(compare);
      return [items.length ? (n.name === 'min' ? items[0]! : items[items.length - 1]!) : null];
    }
    case 'min_by/1':
    case 'max_by/1': {
      const items = sortBy(input, a[0]!, env);
      return [items.length ? (n.name === 'min_by' ? items[0]! : items[items.length - 1]!) : null];
    }
    case 'reverse/0':
      if (typeof input === 'string') return [[...input].reverse().join('')];
      return [input === null ? [] : [...(iterate(input, false) as J[])].reverse()];
    case 'first/0':
      return [index(input, 0, false)[0]!];
    case 'last/0':
      return [index(input, -1, false)[0]!];
    case 'first/1':
      return arg(0).slice(0, 1);
    case 'last/1': {
      const r = arg(0);
      return r.length ? [r[r.length - 1]!] : [];
    }
    case 'limit/2': {
      const out: J[] = [];
      for (const m of arg(0)) out.push(...ev(a[1]!, input, env).slice(0, Math.max(0, m as number)));
      return out;
    }
    case 'nth/1':
      return arg(0).map((k) => index(input, k, false)[0]!);
    case 'flatten/0':
    case 'flatten/1': {
      const depth = a[0] ? (one(a[0], input, env) as number) : 1e9;
      const flat = (v: J[], d: number): J[] => v.flatMap((x) => (Array.isArray(x) && d > 0 ? flat(x, d - 1) : [x]));
      return [flat(iterate(input, false) as J[], depth)];
    }
    case 'indices/1':
    case 'index/1':
    case 'rindex/1':
      return arg(0).map((x) => {
        const idx: number[] = [];
        if (typeof input === 'string' && typeof x === 'string' && x) {
          for (let k = input.indexOf(x); k >= 0; k = input.indexOf(x, k + 1)) idx.push(k);
        } else if (Array.isArray(input)) input.forEach((y, k) => compare(y, x) === 0 && idx.push(k));
        if (n.name === 'indices') return idx;
        return idx.length ? (n.name === 'index' ? idx[0]! : idx[idx.length - 1]!) : null;
      });
    case 'recurse/0':
      return ev({ t: 'recurse' }, input, env);
    case 'recurse/1': {
      const out: J[] = [];
      const walk = (v: J) => {
        out.push(v);
        if (out.length > MAX_OUT) throw new JqError('too many results');
        for (const x of ev(a[0]!, v, env)) walk(x);
      };
      walk(input);
      return out;
    }
    case 'env/0':
      return [{}];
    case 'paths/0': {
      const out: J[][] = [];
      paths(input, [], out);
      return out;
    }
    case 'leaf_paths/0': {
      const out: J[][] = [];
      paths(input, [], out);
      return out.filter((p) => {
        const v = getPath(input, p);
        return v === null || typeof v !== 'object';
      });
    }
    case 'path/1':
      return evalPaths(a[0]!, input, env);
    case 'getpath/1':
      return arg(0).map((p) => getPath(input, p as J[]));
    case 'setpath/2':
      return arg(0).flatMap((p) => arg(1).map((v) => setPath(input, p as J[], v)));
    case 'del/1':
      return [delPaths(input, evalPaths(a[0]!, input, env))];
    case 'delpaths/1':
      return arg(0).map((ps) => delPaths(input, ps as J[][]));
    case 'to_number/0':
      return [Number(input)];
    case 'tostream/0':
      return [];
    case 'input/0':
    case 'inputs/0':
      return [];
    case 'error/0':
      throw new JqError(tostring(input));
    case 'error/1':
      throw new JqError(tostring(one(a[0]!, input, env)));
    case 'ascii/0':
      return [String.fromCharCode(input as number)];
    case 'implode/0':
      return [String.fromCodePoint(...(input as number[]))];
    case 'explode/0':
      return [[...needString(input, 'cannot be exploded')].map((c) => c.codePointAt(0)!)];
    case 'splits/1':
      return arg(0).flatMap((re) => needString(input, 'cannot be split').split(regex(re, 'g')));
    case 'isempty/1':
      return [arg(0).length === 0];
    case 'objects/0':
      return typeOf(input) === 'object' ? [input] : [];
    case 'arrays/0':
      return Array.isArray(input) ? [input] : [];
    case 'strings/0':
      return typeof input === 'string' ? [input] : [];
    case 'numbers/0':
      return typeof input === 'number' ? [input] : [];
    case 'booleans/0':
      return typeof input === 'boolean' ? [input] : [];
    case 'nulls/0':
      return input === null ? [input] : [];
    case 'iterables/0':
      return input !== null && typeof input === 'object' ? [input] : [];
    case 'scalars/0':
      return input === null || typeof input !== 'object' ? [input] : [];
    case 'now/0':
      return [0];
    case 'halt/0':
      return [];
    case 'debug/0':
      return [input];
    case 'infinite/0':
      return [Number.MAX_VALUE];
    case 'null/0':
      return [null];
  }
  throw new JqSyntax(`${n.name}/${a.length} is not defined`);
}

function iterObj(v: J): Record<string, J> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  throw new JqError(`${typeOf(v)} (${short(v)}) has no keys`);
}

function sortBy(input: J, f: Node, env: Env): J[] {
  const items = iterate(input, false) as J[];
  return items
    .map((x, i) => ({ x, k: ev(f, x, env) as J, i }))
    .sort((p, q) => compare(p.k, q.k) || p.i - q.i)
    .map((p) => p.x);
}

function contains(a: J, b: J): boolean {
  if (typeOf(a) !== typeOf(b)) throw new JqError(`${typeOf(a)} (${short(a)}) and ${typeOf(b)} (${short(b)}) cannot have their containment checked`);
  if (typeof a === 'string') return a.includes(b as string);
  if (Array.isArray(a)) return (b as J[]).every((y) => a.some((x) => typeOf(x) === typeOf(y) && contains(x, y)));
  if (a !== null && typeof a === 'object') return Object.entries(b as Record<string, J>).every(([k, y]) => Object.hasOwn(a, k) && typeOf(a[k]!) === typeOf(y) && contains(a[k]!, y));
  return compare(a, b) === 0;
}

// ---- I/O ----------------------------------------------------------------------------------------

/** Parses a stream of JSON values (whitespace separated). Throws with jq's message on bad input. */
function parseStream(text: string): J[] {
  const t = text.trim();
  if (!t) return [];
  try {
    return [JSON.parse(t) as J];
  } catch {
    /* several values, or invalid */
  }
  const out: J[] = [];
  let i = 0;
  const s = text;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    const start = i;
    let end = -1;
    const c = s[i]!;
    if (c === '{' || c === '[') {
      let depth = 0;
      for (; i < s.length; i++) {
        const ch = s[i]!;
        if (ch === '"') {
          i++;
          while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
        } else if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          if (--depth === 0) {
            end = i + 1;
            break;
          }
        }
      }
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      end = i + 1;
    } else {
      while (i < s.length && !/[\s{["]/.test(s[i]!)) i++;
      end = i;
    }
    if (end < 0) throw new JqError(`Unfinished JSON term at EOF at line ${s.split('\n').length + 1}, column 0`);
    const chunk = s.slice(start, end);
    try {
      out.push(JSON.parse(chunk) as J);
    } catch {
      const line = s.slice(0, start).split('\n').length;
      throw new JqError(`Invalid literal at line ${line}, column ${start - s.lastIndexOf('\n', start - 1)}`);
    }
    i = end;
  }
  return out;
}

function sortKeys(v: J): J {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, J> = {};
    for (const k of Object.keys(v).sort()) o[k] = sortKeys(v[k]!);
    return o;
  }
  return v;
}

function render(v: J, indent: string | number): string {
  if (v === undefined) return 'null';
  if (typeof v === 'number' && !Number.isFinite(v)) return v > 0 ? '1.7976931348623157e+308' : v < 0 ? '-1.7976931348623157e+308' : 'null';
  return JSON.stringify(v, null, indent);
}

export const jq: Program = (argv, io) => {
  let raw = false;
  let join = false;
  let compact = false;
  let nullInput = false;
  let slurp = false;
  let exitStatus = false;
  let sort = false;
  let rawInput = false;
  let indent: string | number = 2;
  let filter: string | null = null;
  const files: string[] = [];
  const vars: Env = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--arg' || a === '--argjson') {
      const name = argv[i + 1];
      const val = argv[i + 2];
      if (name === undefined || val === undefined) {
        io.err(`jq: error: ${a} takes two parameters (e.g. ${a} varname value)\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`);
        return 2;
      }
      if (a === '--arg') vars[name] = val;
      else {
        try {
          vars[name] = JSON.parse(val) as J;
        } catch {
          io.err(`jq: Invalid JSON text passed to --argjson\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`);
          return 2;
        }
      }
      i += 2;
    } else if (a === '--tab') indent = '\t';
    else if (a === '--indent') indent = Number(argv[++i] ?? 2);
    else if (a === '--raw-output') raw = true;
    else if (a === '--join-output') raw = join = true;
    else if (a === '--compact-output') compact = true;
    else if (a === '--null-input') nullInput = true;
    else if (a === '--slurp') slurp = true;
    else if (a === '--exit-status') exitStatus = true;
    else if (a === '--sort-keys') sort = true;
    else if (a === '--raw-input') rawInput = true;
    else if (a === '--monochrome-output' || a === '--color-output' || a === '--ascii-output') continue;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'r') raw = true;
        else if (c === 'j') raw = join = true;
        else if (c === 'c') compact = true;
        else if (c === 'n') nullInput = true;
        else if (c === 's') slurp = true;
        else if (c === 'e') exitStatus = true;
        else if (c === 'S') sort = true;
        else if (c === 'R') rawInput = true;
        else if (c === 'M' || c === 'C' || c === 'a') continue;
        else {
          io.err(`jq: Unknown option: ${a}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n`);
          return 2;
        }
      }
    } else if (filter === null) filter = a;
    else files.push(a);
  }
  if (filter === null) {
    io.err('Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [ARGUMENTS...]\n\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]\n\njq is a tool for processing JSON inputs, applying the given filter to\nits JSON text inputs and producing the filter\'s results as JSON on\nstandard output.\n\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n');
    return 2;
  }
  let ast: Node;
  try {
    ast = parseJq(filter);
  } catch (e) {
    io.err(`jq: error: ${(e as Error).message} at <top-level>, line 1:\n${filter}  \njq: 1 compile error\n`);
    return 3;
  }
  let text = '';
  if (files.length) {
    for (const f of files) {
      const t = readText(io.fs, f);
      if (t === null) {
        io.err(`jq: error: Could not open ${f}: No such file or directory\n`);
        return 2;
      }
      text += t;
    }
  } else text = io.stdin;
  let inputs: J[];
  if (rawInput) {
    const ls = text.split('\n');
    if (ls[ls.length - 1] === '') ls.pop();
    inputs = slurp ? [text] : ls;
  } else {
    try {
      inputs = parseStream(text);
    } catch (e) {
      io.err(`jq: error (at <stdin>:${text.split('\n').length - 1}): Cannot parse input: ${(e as Error).message}\n`);
      return 2;
    }
    if (slurp) inputs = [inputs];
  }
  if (nullInput) inputs = [null];
  const lineNo = text.split('\n').length - 1;
  let out = '';
  let last: J | undefined;
  let code = 0;
  const ind = compact ? undefined : indent;
  for (const input of inputs) {
    let results: J[];
    try {
      results = ev(ast, input, vars);
    } catch (e) {
      if (e instanceof JqSyntax) {
        io.out(out);
        io.err(`jq: error: ${e.message} at <top-level>, line 1:\n${filter}\njq: 1 compile error\n`);
        return 3;
      }
      if (!(e instanceof JqError)) throw e;
      io.out(out);
      out = '';
      io.err(`jq: error (at <stdin>:${lineNo}): ${e.message}\n`);
      code = 5;
      continue;
    }
    for (const r0 of results) {
      const r = sort ? sortKeys(r0) : r0;
      last = r;
      if (raw && typeof r === 'string') out += r;
      else out += render(r, ind ?? 0).replace(/^/, '');
      if (!join) out += '\n';
    }
  }
  io.out(out);
  if (code) return code;
  if (exitStatus) return last === undefined ? 4 : truthy(last) ? 0 : 1;
  return 0;
};
