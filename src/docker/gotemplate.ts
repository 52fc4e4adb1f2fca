/**
 * The Go text/template subset docker's --format uses, with docker/cli's template functions
 * (json, split, join, title, lower, upper, pad, truncate, println) plus Go's builtins (index, len, print,
 * printf, println, eq, ne, lt, gt, and, or, not).
 * Data is plain JS: objects (fields), arrays (slices), functions taking no argument (methods, called on access).
 */

type Node =
  | { t: 'text'; v: string }
  | { t: 'action'; pipe: Pipe }
  | { t: 'if' | 'with'; pipe: Pipe; body: Node[]; els: Node[] }
  | { t: 'range'; pipe: Pipe; vars: string[]; body: Node[]; els: Node[] };

type Arg =
  | { k: 'field'; base: 'dot' | string; path: string[] }
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'nil' }
  | { k: 'ident'; name: string }
  | { k: 'sub'; pipe: Pipe };
type Cmd = Arg[];
interface Pipe {
  decl?: string[];
  cmds: Cmd[];
}

export class TemplateError extends Error {}

const FUNCS = new Set(['json', 'split', 'join', 'title', 'lower', 'upper', 'pad', 'truncate', 'println', 'print', 'printf', 'index', 'len', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not', 'slice', 'html', 'js', 'urlquery', 'call']);

function tokenize(src: string): string[] {
  const toks: string[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' && c === '"' ? 2 : 1;
      if (j >= src.length) throw new TemplateError('unterminated quoted string');
      toks.push(src.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === '|' || c === ',') {
      toks.push(c);
      i++;
      continue;
    }
    if (src.startsWith(':=', i)) {
      toks.push(':=');
      i += 2;
      continue;
    }
    let j = i;
    while (j < src.length && !/[\s()|,]/.test(src[j]!) && !src.startsWith(':=', j)) j++;
    toks.push(src.slice(i, j));
    i = j;
  }
  return toks;
}

function parsePipe(toks: string[], pos: { i: number }, line: number): Pipe {
  const pipe: Pipe = { cmds: [] };
  // declarations: $x := ...  or  $i, $v := ...
  const save = pos.i;
  const decl: string[] = [];
  while (toks[pos.i]?.startsWith('$') && toks[pos.i] !== '$') {
    decl.push(toks[pos.i]!);
    pos.i++;
    if (toks[pos.i] === ',') pos.i++;
    else break;
  }
  if (decl.length && toks[pos.i] === ':=') {
    pos.i++;
    pipe.decl = decl;
  } else pos.i = save;
  let cmd: Cmd = [];
  while (pos.i < toks.length && toks[pos.i] !== ')') {
    const t = toks[pos.i++]!;
    if (t === '|') {
      pipe.cmds.push(cmd);
      cmd = [];
      continue;
    }
    if (t === '(') {
      const sub = parsePipe(toks, pos, line);
      pos.i++; // ')'
      cmd.push({ k: 'sub', pipe: sub });
      continue;
    }
    cmd.push(parseArg(t, line));
  }
  pipe.cmds.push(cmd);
  return pipe;
}

function parseArg(t: string, line: number): Arg {
  if (t.startsWith('"')) return { k: 'str', v: JSON.parse(t) };
  if (t.startsWith('`')) return { k: 'str', v: t.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { k: 'num', v: Number(t) };
  if (t === 'true' || t === 'false') return { k: 'bool', v: t === 'true' };
  if (t === 'nil') return { k: 'nil' };
  if (t === '.') return { k: 'field', base: 'dot', path: [] };
  if (t.startsWith('.')) return { k: 'field', base: 'dot', path: t.slice(1).split('.') };
  if (t.startsWith('$')) {
    const [v, ...path] = t.split('.');
    return { k: 'field', base: v!, path };
  }
  if (!FUNCS.has(t)) throw new TemplateError(`template: :${line}: function "${t}" not defined`);
  return { k: 'ident', name: t };
}

export function parseTemplate(src: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Node | null; list: Node[]; inElse: boolean }[] = [{ node: null, list: root, inElse: false }];
  let i = 0;
  let line = 1;
  const top = () => stack[stack.length - 1]!;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = open === -1 ? src.slice(i) : src.slice(i, open);
    if (open === -1) {
      if (text) top().list.push({ t: 'text', v: text });
      break;
    }
    let start = open + 2;
    if (src[start] === '-' && /\s/.test(src[start + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      start += 2;
    }
    if (text) top().list.push({ t: 'text', v: text });
    line += (src.slice(i, open).match(/\n/g) ?? []).length;
    const close = src.indexOf('}}', start);
    if (close === -1) throw new TemplateError(`template: :${line}: unclosed action`);
    let inner = src.slice(start, close);
    let next = close + 2;
    if (/\s-$/.test(inner)) {
      inner = inner.slice(0, -2);
      while (next < src.length && /\s/.test(src[next]!)) next++;
    }
    i = next;
    inner = inner.trim();
    if (inner.startsWith('/*')) continue;
    const toks = tokenize(inner);
    const kw = toks[0];
    if (kw === 'end') {
      if (stack.length === 1) throw new TemplateError(`template: :${line}: unexpected {{end}}`);
      stack.pop();
      continue;
    }
    if (kw === 'else') {
      const t = top();
      if (!t.node || t.node.t === 'action' || t.node.t === 'text') throw new TemplateError(`template: :${line}: unexpected {{else}}`);
      const n = t.node as Extract<Node, { els: Node[] }>;
      if (toks[1] === 'if') {
        // else if: nest an if inside else, closed by the same end
        const pos = { i: 2 };
        const nested: Node = { t: 'if', pipe: parsePipe(toks, pos, line), body: [], els: [] };
        n.els.push(nested);
        stack.pop();
        stack.push({ node: nested, list: (nested as any).body, inElse: false });
        continue;
      }
      t.list = n.els;
      t.inElse = true;
      continue;
    }
    if (kw === 'if' || kw === 'with' || kw === 'range') {
      const pos = { i: 1 };
      const pipe = parsePipe(toks, pos, line);
      const node: Node =
        kw === 'range' ? { t: 'range', pipe, vars: pipe.decl ?? [], body: [], els: [] } : { t: kw, pipe, body: [], els: [] };
      if (kw === 'range') delete pipe.decl;
      top().list.push(node);
      stack.push({ node, list: (node as any).body, inElse: false });
      continue;
    }
    const pos = { i: 0 };
    top().list.push({ t: 'action', pipe: parsePipe(toks, pos, line) });
  }
  if (stack.length > 1) throw new TemplateError(`template: :${line}: unexpected EOF`);
  return root;
}

/** Go's fmt %v of a value. */
export function goString(v: unknown, nested = false): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'function') return goString((v as () => unknown)(), nested);
  if (Array.isArray(v)) return '[' + v.map((x) => goString(x, true)).join(' ') + ']';
  if (typeof v === 'object') {
    const own = Object.keys(v as object).filter((k) => !k.startsWith('_'));
    // Go structs (Docker's types: exported, capitalised fields) print as {v1 v2 ...} in field order;
    // maps (labels, port maps, networks) as map[k:v ...] with sorted keys
    if (own.length && own.every((k) => /^[A-Z]/.test(k))) return '{' + own.map((k) => goString((v as any)[k], true)).join(' ') + '}';
    const keys = own.sort();
    // an empty value inside a map is Docker's struct{} (ExposedPorts, Volumes): Go prints {}
    if (!keys.length && nested) return '{}';
    return 'map[' + keys.map((k) => `${k}:${goString((v as any)[k], true)}`).join(' ') + ']';
  }
  return String(v);
}

function truthy(v: unknown): boolean {
  if (typeof v === 'function') v = (v as () => unknown)();
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function resolve(v: unknown): unknown {
  return typeof v === 'function' ? (v as () => unknown)() : v;
}

function jsonOf(v: unknown): string {
  return (JSON.stringify(toPlain(v)) ?? 'null').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function toPlain(v: unknown): unknown {
  v = resolve(v);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!k.startsWith('_')) o[k] = toPlain(x);
    return o;
  }
  return v;
}

function printf(fmt: string, args: unknown[]): string {
  let n = 0;
  return fmt.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([svdqt%])/g, (_m, _flags, verb) => {
    if (verb === '%') return '%';
    const a = resolve(args[n++]);
    if (verb === 'q') return JSON.stringify(String(a));
    return goString(a);
  });
}

interface Scope {
  dot: unknown;
  vars: Record<string, unknown>;
}

function evalArg(a: Arg, s: Scope, piped: unknown[] | undefined): unknown {
  switch (a.k) {
    case 'str':
    case 'num':
    case 'bool':
      return a.v;
    case 'nil':
      return null;
    case 'sub':
      return evalPipe(a.pipe, s);
    case 'ident':
      return callFn(a.name, piped ?? []);
    case 'field': {
      let v: unknown = a.base === 'dot' ? s.dot : s.vars[a.base];
      if (a.base !== 'dot' && !(a.base in s.vars)) throw new TemplateError(`template: :1: undefined variable "${a.base}"`);
      for (const p of a.path) {
        v = resolve(v);
        if (v === null || v === undefined) return undefined;
        if (typeof v !== 'object') throw new TemplateError(`template: :1:${2}: executing "" at <.${a.path.join('.')}>: can't evaluate field ${p} in type ${typeof v === 'string' ? 'string' : typeof v}`);
        v = (v as any)[p];
        if (v === undefined && !Array.isArray(v)) v = (v as any) ?? undefined;
      }
      return resolve(v);
    }
  }
}

function callFn(name: string, args: unknown[]): unknown {
  const a = args.map(resolve);
  switch (name) {
    case 'json':
      return jsonOf(a[0]);
    case 'split':
      return String(a[0]).split(String(a[1]));
    case 'join':
      return (Array.isArray(a[0]) ? a[0] : []).map((x) => goString(x)).join(String(a[1]));
    case 'title':
      return String(a[0]).replace(/\b\w/g, (c) => c.toUpperCase());
    case 'lower':
      return String(a[0]).toLowerCase();
    case 'upper':
      return String(a[0]).toUpperCase();
    case 'pad':
      return ' '.repeat(Number(a[1])) + String(a[0]) + ' '.repeat(Number(a[2]));
    case 'truncate': {
      const s = String(a[0]);
      const n = Number(a[1]);
      return [...s].length > n ? [...s].slice(0, n).join('') : s;
    }
    case 'println':
      return a.map((x) => goString(x)).join(' ') + '\n';
    case 'print':
      return a.map((x) => goString(x)).join('');
    case 'printf':
      return printf(String(a[0]), a.slice(1));
    case 'index': {
      let v: any = a[0];
      for (const k of a.slice(1)) {
        v = resolve(v);
        if (v === null || v === undefined) return undefined;
        v = v[k as any];
      }
      return resolve(v);
    }
    case 'len': {
      const v = a[0];
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      return 0;
    }
    case 'eq':
      return a.slice(1).some((x) => x === a[0]);
    case 'ne':
      return a[0] !== a[1];
    case 'lt':
      return (a[0] as any) < (a[1] as any);
    case 'le':
      return (a[0] as any) <= (a[1] as any);
    case 'gt':
      return (a[0] as any) > (a[1] as any);
    case 'ge':
      return (a[0] as any) >= (a[1] as any);
    case 'and':
      return a.find((x) => !truthy(x)) ?? a[a.length - 1];
    case 'or':
      return a.find((x) => truthy(x)) ?? a[a.length - 1];
    case 'not':
      return !truthy(a[0]);
    case 'slice': {
      const v = a[0] as any;
      return v?.slice?.(a[1] ?? 0, a[2]);
    }
    default:
      return goString(a[0]);
  }
}

function evalPipe(p: Pipe, s: Scope): unknown {
  let val: unknown;
  let first = true;
  for (const cmd of p.cmds) {
    const head = cmd[0];
    if (!head) continue;
    if (head.k === 'ident') {
      const args = cmd.slice(1).map((x) => evalArg(x, s, undefined));
      if (!first) args.push(val);
      val = callFn(head.name, args);
    } else if (head.k === 'field' && (cmd.length > 1 || !first) && head.path.length) {
      // a method with arguments: {{.Label "com.example"}}
      const owner = evalArg({ ...head, path: head.path.slice(0, -1) }, s, undefined) as any;
      const m = owner?.[head.path[head.path.length - 1]!];
      const args = cmd.slice(1).map((x) => evalArg(x, s, undefined));
      if (!first) args.push(val);
      val = typeof m === 'function' ? m(...args) : resolve(m);
    } else val = evalArg(head, s, undefined);
    first = false;
  }
  if (p.decl) s.vars[p.decl[0]!] = val;
  return val;
}

function exec(nodes: Node[], s: Scope, out: string[]): void {
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out.push(n.v);
        break;
      case 'action': {
        const v = evalPipe(n.pipe, s);
        if (!n.pipe.decl) out.push(v === undefined ? '<no value>' : goString(v));
        break;
      }
      case 'if': {
        const v = evalPipe(n.pipe, s);
        exec(truthy(v) ? n.body : n.els, s, out);
        break;
      }
      case 'with': {
        const v = evalPipe(n.pipe, s);
        if (truthy(v)) exec(n.body, { dot: v, vars: s.vars }, out);
        else exec(n.els, s, out);
        break;
      }
      case 'range': {
        const v = resolve(evalPipe(n.pipe, s));
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v && typeof v === 'object'
            ? Object.keys(v).sort().map((k) => [k, (v as any)[k]])
            : [];
        if (!entries.length) {
          exec(n.els, s, out);
          break;
        }
        for (const [k, x] of entries) {
          const vars = { ...s.vars };
          if (n.vars.length === 1) vars[n.vars[0]!] = x;
          else if (n.vars.length === 2) {
            vars[n.vars[0]!] = k;
            vars[n.vars[1]!] = x;
          }
          exec(n.body, { dot: x, vars }, out);
        }
        break;
      }
    }
  }
}

export function execTemplate(nodes: Node[], data: unknown): string {
  const out: string[] = [];
  exec(nodes, { dot: data, vars: { $: data } }, out);
  return out.join('');
}

/** Convenience: parse + execute. Throws TemplateError. */
export function renderTemplate(src: string, data: unknown): string {
  return execTemplate(parseTemplate(src), data);
}
