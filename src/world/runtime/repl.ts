/**
 * The node and python REPLs of `docker run -it node` / `docker run -it python`: their banners, prompts and a small
 * evaluator (numbers, strings, arithmetic, variables, console.log / print of those). Anything else gives the
 * language's usual error. Loaded only when such a REPL is open.
 */
import type { NestedShellTarget } from '../../core/types.js';
import type { ResolvedImage } from './images.js';

export type ReplKind = NonNullable<NestedShellTarget['repl']>;

/** Which REPL a container's main command is (after its entrypoint wrapper), if any. */
export function replOf(argv: string[]): ReplKind | undefined {
  if (argv[0]?.endsWith('redis-cli') && argv.slice(1).every((a, i, all) => /^-[hpna]$/.test(a) || /^-[hpna]$/.test(all[i - 1] ?? ''))) return 'redis-cli';
  if (argv.length !== 1 && !(argv.length === 2 && argv[1] === '-i')) return undefined;
  const b = argv[0]!.slice(argv[0]!.lastIndexOf('/') + 1);
  if (b === 'node' || b === 'nodejs') return 'node';
  if (b === 'redis-cli') return 'redis-cli';
  if (/^python[23]?(\.\d+)?$/.test(b)) return 'python';
  return undefined;
}

function pyVersion(image: ResolvedImage): string {
  return image.config.Env.find((e) => e.startsWith('PYTHON_VERSION='))?.slice(15) ?? image.version ?? '3.12.12';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What the REPL prints before its first prompt. */
export function replBanner(kind: ReplKind, image: ResolvedImage): string {
  if (kind === 'redis-cli') return '';
  if (kind === 'node') return `Welcome to Node.js v${image.version}.\nType ".help" for more information.\n`;
  const d = new Date(Date.parse(image.created) - 3 * 3600_000);
  const date = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.getUTCFullYear()}, ${d.toISOString().slice(11, 19)}`;
  const gcc = /bookworm|12/.test(image.osName) ? '12.2.0' : image.osName.includes('Alpine') ? '14.2.0' : '14.2.0';
  return `Python ${pyVersion(image)} (main, ${date}) [GCC ${gcc}] on linux\nType "help", "copyright", "credits" or "license" for more information.\n`;
}

export function replPrompt(kind: ReplKind): string {
  return kind === 'node' ? '> ' : kind === 'redis-cli' ? '127.0.0.1:6379> ' : '>>> ';
}

type Val = { t: 'num'; v: number; int: boolean } | { t: 'str'; v: string } | { t: 'bool'; v: boolean } | { t: 'none' };

class ReplError extends Error {
  constructor(
    readonly kind: 'name' | 'syntax' | 'type' | 'zero',
    readonly detail: string,
  ) {
    super(detail);
  }
}

type Tok = { k: 'num' | 'str' | 'id' | 'op'; s: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+)/i.exec(rest))) out.push({ k: 'num', s: m[1]! });
    else if ((m = /^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)/.exec(rest))) out.push({ k: 'str', s: m[1]! });
    else if ((m = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/.exec(rest))) out.push({ k: 'id', s: m[1]! });
    else if ((m = /^(\*\*|\/\/|===|!==|==|!=|<=|>=|[-+*/%(),=<>;])/.exec(rest))) out.push({ k: 'op', s: m[1]! });
    else throw new ReplError('syntax', ch);
    i += m[0].length;
  }
  return out;
}

class Parser {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly lang: ReplKind,
    readonly vars: Record<string, Val>,
    readonly out: string[],
  ) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  eat(s: string): boolean {
    if (this.peek()?.k === 'op' && this.peek()!.s === s) {
      this.i++;
      return true;
    }
    return false;
  }
  expr(): Val {
    return this.compare();
  }
  compare(): Val {
    let a = this.additive();
    for (;;) {
      const t = this.peek();
      if (t?.k !== 'op' || !['==', '===', '!=', '!==', '<', '>', '<=', '>='].includes(t.s)) return a;
      this.i++;
      const b = this.additive();
      const x = a.t === 'none' || a.t === 'bool' ? Number(a.t === 'bool' && a.v) : a.v;
      const y = b.t === 'none' || b.t === 'bool' ? Number(b.t === 'bool' && b.v) : b.v;
      const r = t.s.startsWith('=') ? x === y : t.s.startsWith('!') ? x !== y : t.s === '<' ? x < y : t.s === '>' ? x > y : t.s === '<=' ? x <= y : x >= y;
      a = { t: 'bool', v: r };
    }
  }
  additive(): Val {
    let a = this.term();
    for (;;) {
      if (this.eat('+')) {
        const b = this.term();
        if (a.t === 'str' || b.t === 'str') {
          if (this.lang === 'python' && (a.t !== 'str' || b.t !== 'str'))
            throw new ReplError('type', a.t === 'str' ? `can only concatenate str (not "${pyType(b)}") to str` : `unsupported operand type(s) for +: '${pyType(a)}' and '${pyType(b)}'`);
          a = { t: 'str', v: show(a, this.lang, false) + show(b, this.lang, false) };
        } else a = num(numOf(a) + numOf(b), isInt(a) && isInt(b));
      } else if (this.eat('-')) {
        const b = this.term();
        a = num(numOf(a) - numOf(b), isInt(a) && isInt(b));
      } else return a;
    }
  }
  term(): Val {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      if (t?.k !== 'op' || !['*', '/', '%', '//'].includes(t.s)) return a;
      this.i++;
      const b = this.unary();
      if (t.s === '*' && this.lang === 'python' && (a.t === 'str' || b.t === 'str')) {
        const [s, n] = a.t === 'str' ? [a.v, numOf(b)] : [(b as { v: string }).v, numOf(a)];
        a = { t: 'str', v: s.repeat(Math.max(0, n)) };
        continue;
      }
      const x = numOf(a);
      const y = numOf(b);
      if (this.lang === 'python' && y === 0 && t.s !== '*') throw new ReplError('zero', t.s === '/' ? 'division by zero' : t.s === '//' ? 'integer division or modulo by zero' : 'integer modulo by zero');
      if (t.s === '*') a = num(x * y, isInt(a) && isInt(b));
      else if (t.s === '/') a = num(x / y, this.lang === 'node' && Number.isInteger(x / y));
      else if (t.s === '//') a = num(Math.floor(x / y), isInt(a) && isInt(b));
      else a = num(this.lang === 'python' ? x - y * Math.floor(x / y) : x % y, isInt(a) && isInt(b));
    }
  }
  unary(): Val {
    if (this.eat('-')) {
      const v = this.unary();
      return num(-numOf(v), isInt(v));
    }
    if (this.eat('+')) return this.unary();
    return this.power();
  }
  power(): Val {
    const a = this.atom();
    if (this.eat('**')) {
      const b = this.unary();
      return num(numOf(a) ** numOf(b), isInt(a) && isInt(b) && numOf(b) >= 0);
    }
    return a;
  }
  atom(): Val {
    const t = this.peek();
    if (!t) throw new ReplError('syntax', '');
    this.i++;
    if (t.k === 'num') return num(Number(t.s), !/[.e]/i.test(t.s) || this.lang === 'node');
    if (t.k === 'str') {
      if (t.s.startsWith('`') && this.lang === 'python') throw new ReplError('syntax', t.s);
      return { t: 'str', v: t.s.slice(1, -1).replace(/\\n/g, '\n').replace(/\\(.)/g, '$1') };
    }
    if (t.k === 'op' && t.s === '(') {
      const v = this.expr();
      if (!this.eat(')')) throw new ReplError('syntax', '(');
      return v;
    }
    if (t.k === 'id') {
      const lit: Record<string, boolean> = this.lang === 'node' ? { true: true, false: false } : { True: true, False: false };
      if (t.s in lit) return { t: 'bool', v: lit[t.s]! };
      if ((this.lang === 'node' && (t.s === 'undefined' || t.s === 'null')) || (this.lang === 'python' && t.s === 'None')) return { t: 'none' };
      if (this.eat('(')) return this.call(t.s);
      const v = this.vars[t.s];
      if (!v) throw new ReplError('name', t.s);
      return v;
    }
    throw new ReplError('syntax', t.s);
  }
  call(name: string): Val {
    const args: Val[] = [];
    if (!this.eat(')')) {
      do args.push(this.expr());
      while (this.eat(','));
      if (!this.eat(')')) throw new ReplError('syntax', name);
    }
    if ((this.lang === 'node' && (name === 'console.log' || name === 'console.info' || name === 'console.error')) || (this.lang === 'python' && name === 'print')) {
      this.out.push(args.map((a) => show(a, this.lang, false)).join(' ') + '\n');
      return { t: 'none' };
    }
    if (this.lang === 'python' && (name === 'len' || name === 'str' || name === 'int' || name === 'abs')) {
      const a = args[0];
      if (!a) throw new ReplError('type', `${name}() takes exactly one argument (0 given)`);
      if (name === 'len') return num(a.t === 'str' ? a.v.length : 0, true);
      if (name === 'str') return { t: 'str', v: show(a, 'python', false) };
      if (name === 'abs') return num(Math.abs(numOf(a)), isInt(a));
      return num(Math.trunc(a.t === 'str' ? Number(a.v) : numOf(a)), true);
    }
    if (this.lang === 'node' && (name === 'Math.sqrt' || name === 'Math.max' || name === 'Math.min' || name === 'Math.round' || name === 'Math.floor')) {
      const f = (Math as unknown as Record<string, (...n: number[]) => number>)[name.slice(5)]!;
      return num(f(...args.map(numOf)), false);
    }
    if (this.lang === 'node' && name.includes('.')) throw new ReplError('type', `${name} is not a function`);
    throw new ReplError('name', name);
  }
}

function pyType(v: Val): string {
  return v.t === 'str' ? 'str' : v.t === 'num' ? (v.int ? 'int' : 'float') : v.t === 'bool' ? 'bool' : 'NoneType';
}
function num(v: number, int: boolean): Val {
  return { t: 'num', v, int: int && Number.isInteger(v) };
}
function numOf(v: Val): number {
  if (v.t === 'num') return v.v;
  if (v.t === 'bool') return v.v ? 1 : 0;
  if (v.t === 'str') return Number(v.v);
  return NaN;
}
function isInt(v: Val): boolean {
  return (v.t === 'num' && v.int) || v.t === 'bool';
}

/** How a value prints: `repr` style for the REPL echo, `str` style for console.log/print. */
function show(v: Val, lang: ReplKind, repr: boolean): string {
  if (v.t === 'str') return repr ? `'${v.v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'` : v.v;
  if (v.t === 'bool') return lang === 'python' ? (v.v ? 'True' : 'False') : String(v.v);
  if (v.t === 'none') return lang === 'python' ? 'None' : 'undefined';
  if (lang === 'python') {
    if (!Number.isFinite(v.v)) return v.v > 0 ? 'inf' : v.v < 0 ? '-inf' : 'nan';
    if (v.int) return String(v.v);
    const s = String(v.v);
    return /[.e]/.test(s) ? s : `${s}.0`;
  }
  return Object.is(v.v, -0) ? '-0' : String(v.v);
}

export interface ReplState {
  vars: Record<string, Val>;
  /** lines typed so far (python 3.13+ names its input <python-input-N>) */
  n: number;
}

export function newReplState(): ReplState {
  return { vars: {}, n: 0 };
}

/** One line typed at the REPL: what it prints, and whether it leaves. */
export function replLine(kind: ReplKind, image: ResolvedImage, state: ReplState, line: string): { stdout: string; stderr: string; exit?: boolean } {
  const text = line.trim();
  const n = state.n++;
  if (!text) return { stdout: '', stderr: '' };
  if (kind === 'node') {
    if (text === '.exit' || /^process\.exit\(\s*\d*\s*\)\s*;?$/.test(text)) return { stdout: '', stderr: '', exit: true };
    if (text === '.help')
      return {
        stdout:
          '.break     Sometimes you get stuck, this gets you out\n.clear     Alias for .break\n.editor    Enter editor mode\n.exit      Exit the REPL\n.help      Print this help message\n.load     Load JS from a file into the REPL session\n.save      Save all evaluated commands in this REPL session to a file\n\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n',
        stderr: '',
      };
    if (text.startsWith('.')) return { stdout: 'Invalid REPL keyword\n', stderr: '' };
  } else {
    const modern = !/^3\.(\d|1[0-2])\./.test(pyVersion(image));
    if (/^(exit|quit)\(\s*\d*\s*\)$/.test(text) || (modern && (text === 'exit' || text === 'quit'))) return { stdout: '', stderr: '', exit: true };
    if (text === 'exit' || text === 'quit') return { stdout: `Use ${text}() or Ctrl-D (i.e. EOF) to exit\n`, stderr: '' };
  }
  const out: string[] = [];
  try {
    let body = text.replace(/;\s*$/, '');
    let decl = false;
    const d = kind === 'node' ? /^(?:let|const|var)\s+(.*)$/.exec(body) : null;
    if (d) {
      body = d[1]!;
      decl = true;
    }
    const asg = /^([A-Za-z_$][\w$]*)\s*=(?!=)\s*(.+)$/.exec(body);
    if (decl && !asg) {
      if (/^[A-Za-z_$][\w$]*$/.test(body)) {
        state.vars[body] = { t: 'none' };
        return { stdout: 'undefined\n', stderr: '' };
      }
      throw new ReplError('syntax', body);
    }
    const toks = tokenize(asg ? asg[2]! : body);
    const p = new Parser(toks, kind, state.vars, out);
    const v = p.expr();
    if (p.i < toks.length) throw new ReplError('syntax', toks[p.i]!.s);
    if (asg) {
      state.vars[asg[1]!] = v;
      return { stdout: out.join('') + (kind === 'node' ? `${decl ? 'undefined' : show(v, kind, true)}\n` : ''), stderr: '' };
    }
    const echo = kind === 'node' ? `${show(v, kind, true)}\n` : v.t === 'none' ? '' : `${show(v, kind, true)}\n`;
    return { stdout: out.join('') + echo, stderr: '' };
  } catch (e) {
    if (!(e instanceof ReplError)) throw e;
    return { stdout: out.join(''), stderr: errorText(kind, image, e, text, n) };
  }
}

function errorText(kind: ReplKind, image: ResolvedImage, e: ReplError, line: string, n: number): string {
  if (kind === 'node') {
    if (e.kind === 'name') return `Uncaught ReferenceError: ${e.detail} is not defined\n`;
    if (e.kind === 'type') return `Uncaught TypeError: ${e.detail}\n`;
    return `${line}\n^\n\nUncaught SyntaxError: ${e.detail && /^[A-Za-z_$]/.test(e.detail) ? `Unexpected identifier '${e.detail}'` : 'Invalid or unexpected token'}\n`;
  }
  const modern = !/^3\.(\d|1[0-2])\./.test(pyVersion(image));
  const file = modern ? `<python-input-${n}>` : '<stdin>';
  if (e.kind === 'syntax') return `  File "${file}", line 1\n    ${line}\n    ^\nSyntaxError: invalid syntax\n`;
  const cls = e.kind === 'name' ? 'NameError' : e.kind === 'zero' ? 'ZeroDivisionError' : 'TypeError';
  const msg = e.kind === 'name' ? `name '${e.detail}' is not defined` : e.detail;
  return `Traceback (most recent call last):\n  File "${file}", line 1, in <module>\n${modern ? `    ${line}\n` : ''}${cls}: ${msg}\n`;
}
