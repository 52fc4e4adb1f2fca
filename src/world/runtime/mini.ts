/**
 * A small synchronous shell for planning a container's main process inside the (synchronous) reconcilers:
 * `sh -c 'echo saved > /data/f; sleep 3600'`, `while true; do date; sleep 5; done`, `for i in 1 2 3 ...`,
 * `if [ -f x ]; then ...; fi`, `$VAR`, `$(cmd)`, `$((1+2))`, redirections `>`, `>>`, `2>&1`, `&&`, `||`, pipes
 * (the last command's output). Programs come from the container's table and must answer synchronously; the rest
 * of the shell language is the interactive interpreter's business (src/shell/interpreter.ts).
 */
import type { Ctx, HostFs, IO, Program } from '../../core/types.js';
import type { World } from '../world.js';

export class MiniExit {
  constructor(public readonly code: number) {}
}

/** The script did not finish within the step budget: it runs forever (a busy loop). */
export class MiniLimit {}

type Tok = { t: 'word'; parts: Array<{ q: 0 | 1 | 2; s: string }> } | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let cur: Array<{ q: 0 | 1 | 2; s: string }> | null = null;
  const push = (q: 0 | 1 | 2, s: string) => {
    if (!cur) cur = [];
    const last = cur[cur.length - 1];
    if (last && last.q === q) last.s += s;
    else cur.push({ q, s });
  };
  const end = () => {
    if (cur) out.push({ t: 'word', parts: cur });
    cur = null;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '#' && !cur) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      end();
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < src.length) {
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      }
      push(1, src[i + 1]!);
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      push(1, src.slice(i + 1, j === -1 ? src.length : j));
      if (!cur) cur = [];
      i = j === -1 ? src.length : j + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length && '"\\$`'.includes(src[j + 1]!)) {
          s += src[j] === '\\' && src[j + 1] === '$' ? '\u0000$' : src[j + 1];
          j += 2;
          continue;
        }
        if (src[j] === '$' && src[j + 1] === '(') {
          const k = matchParen(src, j + 1);
          s += src.slice(j, k + 1);
          j = k + 1;
          continue;
        }
        s += src[j];
        j++;
      }
      push(2, s);
      if (!cur) cur = [];
      i = j + 1;
      continue;
    }
    if (c === '$' && src[i + 1] === '(') {
      const k = matchParen(src, i + 1);
      push(0, src.slice(i, k + 1));
      i = k + 1;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      push(0, '$(' + src.slice(i + 1, j === -1 ? src.length : j) + ')');
      i = j === -1 ? src.length : j + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    const three = src.slice(i, i + 4);
    if (three === '2>&1') {
      end();
      out.push({ t: 'op', v: '2>&1' });
      i += 4;
      continue;
    }
    if (two === '&&' || two === '||' || two === '>>' || two === ';;' || two === '2>' || two === '&>') {
      if (two === '2>' && cur) {
        push(0, c);
        i++;
        continue;
      }
      end();
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if (c === ';' || c === '\n' || c === '|' || c === '&' || c === '>' || c === '<' || c === '(' || c === ')') {
      end();
      out.push({ t: 'op', v: c === '\n' ? ';' : c });
      i++;
      continue;
    }
    push(0, c);
    i++;
  }
  end();
  return out;
}

function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') {
      depth--;
      if (depth === 0) return i;
    } else if (s[i] === "'") {
      const j = s.indexOf("'", i + 1);
      if (j > 0) i = j;
    }
  }
  return s.length - 1;
}

// ---- AST ------------------------------------------------------------------------------------------

type Word = Extract<Tok, { t: 'word' }>;
interface Simple {
  k: 'simple';
  words: Word[];
  redirs: Array<{ op: string; target?: Word }>;
}
type Node =
  | Simple
  | { k: 'while'; until: boolean; cond: List; body: List }
  | { k: 'for'; v: string; items: Word[]; body: List }
  | { k: 'if'; branches: Array<{ cond: List; body: List }>; else?: List }
  | { k: 'group'; body: List };
interface Pipeline {
  cmds: Node[];
  bang: boolean;
}
interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; p: Pipeline }>;
}
type List = AndOr[];

class Parser {
  i = 0;
  constructor(private toks: Tok[]) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  isWord(v: string): boolean {
    const t = this.peek();
    return !!t && t.t === 'word' && t.parts.length === 1 && t.parts[0]!.q === 0 && t.parts[0]!.s === v;
  }
  isOp(v: string): boolean {
    const t = this.peek();
    return !!t && t.t === 'op' && t.v === v;
  }
  skipSeps(): void {
    while (this.isOp(';') || this.isOp('&')) this.i++;
  }
  list(stop: string[]): List {
    const out: List = [];
    this.skipSeps();
    while (this.i < this.toks.length && !stop.some((s) => this.isWord(s)) && !this.isOp(')')) {
      out.push(this.andOr());
      this.skipSeps();
    }
    return out;
  }
  andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.toks[this.i++] as { v: '&&' | '||' }).v;
      this.skipNewlines();
      rest.push({ op, p: this.pipeline() });
    }
    return { first, rest };
  }
  skipNewlines(): void {
    while (this.isOp(';')) this.i++;
  }
  pipeline(): Pipeline {
    let bang = false;
    if (this.isWord('!')) {
      bang = true;
      this.i++;
    }
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.i++;
      cmds.push(this.command());
    }
    return { cmds, bang };
  }
  expect(w: string): void {
    this.skipSeps();
    if (this.isWord(w)) this.i++;
    else throw new Error(`syntax error: expected ${w}`);
  }
  command(): Node {
    if (this.isWord('while') || this.isWord('until')) {
      const until = this.isWord('until');
      this.i++;
      const cond = this.list(['do']);
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { k: 'while', until, cond, body };
    }
    if (this.isWord('for')) {
      this.i++;
      const v = (this.toks[this.i++] as Word).parts.map((p) => p.s).join('');
      const items: Word[] = [];
      this.skipSeps();
      if (this.isWord('in')) {
        this.i++;
        while (this.peek() && this.peek()!.t === 'word' && !this.isWord('do')) items.push(this.toks[this.i++] as Word);
      }
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { k: 'for', v, items, body };
    }
    if (this.isWord('if')) {
      this.i++;
      const branches: Array<{ cond: List; body: List }> = [];
      const cond = this.list(['then']);
      this.expect('then');
      const body = this.list(['elif', 'else', 'fi']);
      branches.push({ cond, body });
      let els: List | undefined;
      for (;;) {
        this.skipSeps();
        if (this.isWord('elif')) {
          this.i++;
          const c = this.list(['then']);
          this.expect('then');
          branches.push({ cond: c, body: this.list(['elif', 'else', 'fi']) });
        } else if (this.isWord('else')) {
          this.i++;
          els = this.list(['fi']);
        } else break;
      }
      this.expect('fi');
      return els ? { k: 'if', branches, else: els } : { k: 'if', branches };
    }
    if (this.isWord('{')) {
      this.i++;
      const body = this.list(['}']);
      this.expect('}');
      return { k: 'group', body };
    }
    if (this.isOp('(')) {
      this.i++;
      const body = this.list([]);
      if (this.isOp(')')) this.i++;
      return { k: 'group', body };
    }
    const words: Word[] = [];
    const redirs: Simple['redirs'] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.t === 'word') {
        words.push(t);
        this.i++;
        continue;
      }
      if (t.v === '>' || t.v === '>>' || t.v === '<' || t.v === '2>' || t.v === '&>') {
        this.i++;
        const target = this.peek();
        if (target && target.t === 'word') {
          this.i++;
          redirs.push({ op: t.v, target });
        }
        continue;
      }
      if (t.v === '2>&1') {
        this.i++;
        redirs.push({ op: '2>&1' });
        continue;
      }
      break;
    }
    return { k: 'simple', words, redirs };
  }
}

// ---- execution ------------------------------------------------------------------------------------

export interface MiniEnv {
  world: World;
  ctx: Ctx;
  fs: HostFs;
  vars: Record<string, string>;
  args: string[];
  /** Programs on PATH (undefined: not found) */
  lookup(name: string): Program | undefined;
  notFound(name: string): string;
  /** Called with every command before it runs (the planner's virtual sleep, daemons); may throw to stop. */
  intercept?(argv: string[]): number | undefined;
  out(s: string): void;
  err(s: string): void;
}

const MAX_STEPS = 5_000;

/** $RANDOM: 0..32767, deterministic per container and call (no world randomness is consumed while planning). */
function randomFor(env: MiniEnv, st: { last: number; steps: number }): number {
  let h = 2166136261;
  const seed = `${env.vars.HOSTNAME ?? ''}:${env.ctx.wallNow}:${st.steps}`;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  return h % 32768;
}

export function runMini(text: string, env: MiniEnv): number {
  const toks = tokenize(text);
  let list: List;
  try {
    list = new Parser(toks).list([]);
  } catch (e) {
    env.err(`sh: ${(e as Error).message}\n`);
    return 2;
  }
  const st = { last: 0, steps: 0 };
  try {
    return runList(list, env, st, { out: env.out, err: env.err, stdin: '' });
  } catch (e) {
    if (e instanceof MiniExit) return e.code;
    throw e;
  }
}

interface Sink {
  out(s: string): void;
  err(s: string): void;
  stdin: string;
}

function runList(list: List, env: MiniEnv, st: { last: number; steps: number }, io: Sink): number {
  let code = st.last;
  for (const ao of list) {
    code = runPipeline(ao.first, env, st, io);
    for (const r of ao.rest) {
      if ((r.op === '&&' && code === 0) || (r.op === '||' && code !== 0)) code = runPipeline(r.p, env, st, io);
    }
    st.last = code;
  }
  return code;
}

function runPipeline(p: Pipeline, env: MiniEnv, st: { last: number; steps: number }, io: Sink): number {
  let stdin = io.stdin;
  let code = 0;
  p.cmds.forEach((c, i) => {
    const last = i === p.cmds.length - 1;
    let buf = '';
    const sink: Sink = last ? { ...io, stdin } : { out: (s) => void (buf += s), err: io.err, stdin };
    code = runNode(c, env, st, sink);
    stdin = buf;
  });
  const r = p.bang ? (code === 0 ? 1 : 0) : code;
  st.last = r;
  return r;
}

function runNode(n: Node, env: MiniEnv, st: { last: number; steps: number }, io: Sink): number {
  if (++st.steps > MAX_STEPS) throw new MiniLimit();
  switch (n.k) {
    case 'simple':
      return runSimple(n, env, st, io);
    case 'group':
      return runList(n.body, env, st, io);
    case 'if': {
      for (const b of n.branches) if (runList(b.cond, env, st, io) === 0) return runList(b.body, env, st, io);
      return n.else ? runList(n.else, env, st, io) : 0;
    }
    case 'for': {
      const items = n.items.length ? n.items.flatMap((w) => expandWord(w, env, st, true)) : env.args.slice(1);
      let code = 0;
      for (const it of items) {
        env.vars[n.v] = it;
        code = runList(n.body, env, st, io);
      }
      return code;
    }
    case 'while': {
      let code = 0;
      for (let i = 0; i < 100_000; i++) {
        if (++st.steps > MAX_STEPS) throw new MiniLimit();
        const c = runList(n.cond, env, st, io);
        if ((c === 0) === n.until) break;
        code = runList(n.body, env, st, io);
      }
      return code;
    }
  }
}

const parsed = new Map<string, List>();
function parseCached(text: string): List {
  let l = parsed.get(text);
  if (!l) {
    l = new Parser(tokenize(text)).list([]);
    if (parsed.size > 500) parsed.clear();
    parsed.set(text, l);
  }
  return l;
}

const compiled = new Map<string, () => number>();
function arith(expr: string, env: MiniEnv): number {
  const e = expr.replace(/\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, v: string) => String(Number(env.vars[v] ?? 0) || 0));
  if (!/^[\d\s+\-*/%()<>=!&|]+$/.test(e)) return 0;
  try {
    let f = compiled.get(e);
    if (!f) {
      f = Function(`"use strict"; return (${e})|0;`) as () => number;
      if (compiled.size > 500) compiled.clear();
      compiled.set(e, f);
    }
    return Number(f()) || 0;
  } catch {
    return 0;
  }
}

function expandVars(s: string, env: MiniEnv, st: { last: number; steps: number }): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\u0000' && s[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = s.slice(i + 1);
    if (rest.startsWith('((')) {
      const k = matchParen(s, i + 1);
      out += String(arith(s.slice(i + 3, k - 1), env));
      i = k;
      continue;
    }
    if (rest.startsWith('(')) {
      const k = matchParen(s, i + 1);
      let buf = '';
      runList(parseCached(s.slice(i + 2, k)), env, st, { out: (x) => void (buf += x), err: env.err, stdin: '' });
      out += buf.replace(/\n+$/, '');
      i = k;
      continue;
    }
    let m = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/.exec(rest);
    if (m) {
      const v = env.vars[m[1]!];
      out += v !== undefined && v !== '' ? v : (m[2] ?? '');
      i += m[0].length;
      continue;
    }
    m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/.exec(rest);
    if (m) {
      const k = m[1]!;
      out +=
        k === '?'
          ? String(st.last)
          : k === '$'
            ? '1'
            : k === '#'
              ? String(env.args.length - 1)
              : /^\d$/.test(k)
                ? (env.args[Number(k)] ?? '')
                : k === 'RANDOM' && env.vars.RANDOM === undefined
                  ? String(randomFor(env, st))
                  : (env.vars[k] ?? '');
      i += k.length;
      continue;
    }
    out += '$';
  }
  return out;
}

function expandWord(w: Word, env: MiniEnv, st: { last: number; steps: number }, split: boolean): string[] {
  let fields: string[] = [''];
  let any = false;
  for (const p of w.parts) {
    if (p.q === 1) {
      fields[fields.length - 1] += p.s;
      any = true;
    } else if (p.q === 2) {
      fields[fields.length - 1] += expandVars(p.s, env, st);
      any = true;
    } else {
      const v = expandVars(p.s.startsWith('~') ? (env.vars.HOME ?? '/root') + p.s.slice(1) : p.s, env, st);
      if (!split) {
        fields[fields.length - 1] += v;
        any = true;
        continue;
      }
      const parts = v.split(/[ \t\n]+/);
      fields[fields.length - 1] += parts[0]!;
      if (parts[0]) any = true;
      for (const x of parts.slice(1)) {
        fields.push(x);
        if (x) any = true;
      }
    }
  }
  fields = fields.filter((f, i) => f !== '' || (any && i === 0 && fields.length === 1));
  return any ? fields : [];
}

function runSimple(n: Simple, env: MiniEnv, st: { last: number; steps: number }, io: Sink): number {
  const words: string[] = [];
  let i = 0;
  // leading assignments
  const assigns: Array<[string, string]> = [];
  for (; i < n.words.length; i++) {
    const w = n.words[i]!;
    const first = w.parts[0];
    const m = first && first.q === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.s) : null;
    if (!m) break;
    const rest: Word = { t: 'word', parts: [{ q: 0, s: first!.s.slice(m[0].length) }, ...w.parts.slice(1)] };
    assigns.push([m[1]!, expandWord(rest, env, st, false).join('')]);
  }
  for (; i < n.words.length; i++) words.push(...expandWord(n.words[i]!, env, st, true));
  if (!words.length) {
    for (const [k, v] of assigns) env.vars[k] = v;
    return 0;
  }
  let out = io.out;
  let err = io.err;
  let stdin = io.stdin;
  const files: Array<{ path: string; append: boolean; buf: string }> = [];
  for (const r of n.redirs) {
    if (r.op === '2>&1') {
      err = out;
      continue;
    }
    const target = r.target ? expandWord(r.target, env, st, false).join('') : '';
    if (r.op === '<') {
      const c = env.fs.readFile(target);
      if (c === null) {
        io.err(`sh: can't open '${target}': No such file or directory\n`);
        return 1;
      }
      stdin = c;
      continue;
    }
    if (target === '/dev/null') {
      if (r.op === '2>') err = () => {};
      else if (r.op === '&>') out = err = () => {};
      else out = () => {};
      continue;
    }
    if (target === '/dev/stdout' || target === '/proc/1/fd/1') continue;
    if (target === '/dev/stderr' || target === '/proc/1/fd/2') {
      out = io.err;
      continue;
    }
    const f = { path: env.fs.resolve(target), append: r.op === '>>', buf: '' };
    files.push(f);
    const w = (s: string) => void (f.buf += s);
    if (r.op === '2>') err = w;
    else if (r.op === '&>') out = err = w;
    else out = w;
  }
  for (const f of files) {
    const parent = f.path.slice(0, f.path.lastIndexOf('/')) || '/';
    const ps = env.fs.stat(parent);
    if (!ps || ps.type !== 'dir') {
      io.err(`sh: can't create ${f.path}: nonexistent directory\n`);
      return 1;
    }
  }
  const code = runArgv(words, env, st, { out, err, stdin }, assigns);
  for (const f of files) {
    const e = env.fs.writeFile(f.path, f.buf, f.append);
    if (e) io.err(`sh: can't create ${f.path}: ${e}\n`);
  }
  return code;
}

function runArgv(argv: string[], env: MiniEnv, st: { last: number; steps: number }, io: Sink, assigns: Array<[string, string]>): number {
  const name = argv[0]!;
  switch (name) {
    case 'exit':
      throw new MiniExit(argv[1] !== undefined ? Number(argv[1]) & 255 : st.last);
    case ':':
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'export':
    case 'local':
    case 'readonly':
      for (const a of argv.slice(1)) {
        const i = a.indexOf('=');
        if (i > 0) env.vars[a.slice(0, i)] = a.slice(i + 1);
      }
      return 0;
    case 'unset':
      for (const a of argv.slice(1)) delete env.vars[a];
      return 0;
    case 'cd': {
      const to = env.fs.resolve(argv[1] ?? env.vars.HOME ?? '/');
      const s = env.fs.stat(to);
      if (!s || s.type !== 'dir') {
        io.err(`sh: cd: line 0: can't cd to ${argv[1]}: No such file or directory\n`);
        return 2;
      }
      env.fs.cwd = to;
      env.vars.PWD = to;
      return 0;
    }
    case 'set':
    case 'trap':
    case 'wait':
    case 'ulimit':
    case 'umask':
      return 0;
    case 'exec':
      if (argv.length > 1) {
        const c = runArgv(argv.slice(1), env, st, io, assigns);
        throw new MiniExit(c);
      }
      return 0;
    case 'read':
      return 1;
    case 'shift':
      env.args.splice(1, Number(argv[1] ?? 1));
      return 0;
  }
  const icpt = env.intercept?.(argv);
  if (icpt !== undefined) return icpt;
  const prog = env.lookup(name);
  if (!prog) {
    io.err(env.notFound(name));
    return 127;
  }
  const vars = { ...env.vars };
  for (const [k, v] of assigns) vars[k] = v;
  const ioObj: IO = {
    world: env.world,
    ctx: env.ctx,
    fs: env.fs,
    stdin: io.stdin,
    stdinIsPipe: io.stdin !== '',
    env: vars,
    out: io.out,
    err: io.err,
    now: () => env.ctx.wallNow + env.world.clock.offsetMs,
    advance: () => {},
    enterShell: () => {},
    runLine: async () => 0,
  };
  let r: number | Promise<number>;
  try {
    r = prog(argv.slice(1), ioObj);
  } catch (e) {
    if (e instanceof MiniExit) throw e;
    throw e;
  }
  if (typeof r === 'number') return r & 255;
  // asynchronous programs (lazily loaded tools) cannot be waited for here: their result is ignored
  (r as Promise<number>).catch(() => {});
  return 0;
}
