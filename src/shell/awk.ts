/**
 * An awk subset (POSIX awk as learners use it in one-liners): patterns (/re/, expressions, ranges, BEGIN/END),
 * print / printf, fields ($1, $NF, $0 reassignment), variables, associative arrays, if/while/for/for-in,
 * next/exit, the string and math builtins. -F, -v, several files.
 */
import type { Program } from '../core/types.js';
import { readText } from './util.js';
import { formatOne } from './basic.js';
import { posixToJs } from './regex.js';

type V = string | number | { strnum: string };

class AwkError extends Error {}
class Next {}
class Exit {
  constructor(public code: number) {}
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; re: RegExp; src: string }
  | { t: 'var'; name: string }
  | { t: 'field'; e: Node }
  | { t: 'elem'; name: string; keys: Node[] }
  | { t: 'assign'; op: string; lhs: Node; rhs: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'un'; op: string; a: Node }
  | { t: 'incdec'; op: string; pre: boolean; lv: Node }
  | { t: 'match'; neg: boolean; a: Node; re: Node }
  | { t: 'in'; keys: Node[]; name: string }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'group'; e: Node }
  | { t: 'getline' };

type Stmt =
  | { t: 'print'; args: Node[]; printf: boolean; redir?: { op: string; target: Node } }
  | { t: 'expr'; e: Node }
  | { t: 'if'; c: Node; a: Stmt; b: Stmt | null }
  | { t: 'while'; c: Node; body: Stmt }
  | { t: 'do'; c: Node; body: Stmt }
  | { t: 'for'; init: Node | null; c: Node | null; step: Node | null; body: Stmt }
  | { t: 'forin'; v: string; arr: string; body: Stmt }
  | { t: 'block'; body: Stmt[] }
  | { t: 'next' }
  | { t: 'exit'; e: Node | null }
  | { t: 'break' }
  | { t: 'continue' }
  | { t: 'delete'; name: string; keys: Node[] | null }
  | { t: 'return'; e: Node | null };

interface Item {
  kind: 'begin' | 'end' | 'main';
  pattern: Node | null;
  range?: Node;
  inRange?: boolean;
  body: Stmt[] | null;
}

interface Func {
  params: string[];
  body: Stmt[];
}

// ---- lexer --------------------------------------------------------------------------------------

type Tok = { k: 'num' | 'str' | 're' | 'name' | 'func' | 'kw' | 'op' | 'nl' | 'eof'; v: string };

const KEYWORDS = new Set(['BEGIN', 'END', 'if', 'else', 'while', 'for', 'do', 'in', 'next', 'exit', 'print', 'printf', 'delete', 'break', 'continue', 'function', 'return', 'getline', 'nextfile']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const regexAllowed = () => {
    const last = toks[toks.length - 1];
    if (!last) return true;
    if (last.k === 'num' || last.k === 'str' || last.k === 'name' || last.k === 're') return false;
    if (last.k === 'op' && (last.v === ')' || last.v === ']' || last.v === '$' || last.v === '++' || last.v === '--')) return false;
    if (last.k === 'kw' && last.v === 'getline') return false;
    return true;
  };
  const ops = ['&&', '||', '==', '!=', '<=', '>=', '!~', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '**', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ k: 'nl', v: '\n' });
      i++;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1]!;
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (map[n] !== undefined) s += map[n];
          else if (/[0-7]/.test(n)) {
            const m = /^[0-7]{1,3}/.exec(src.slice(i + 1))![0];
            s += String.fromCharCode(parseInt(m, 8));
            i += m.length - 1;
          } else s += '\\' + n;
          i += 2;
        } else s += src[i++];
      }
      if (i >= src.length) throw new AwkError('non-terminated string');
      i++;
      toks.push({ k: 'str', v: s });
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          s += '/';
          i += 2;
        } else if (src[i] === '\\' && i + 1 < src.length) {
          s += src[i]! + src[i + 1]!;
          i += 2;
        } else if (src[i] === '\n') throw new AwkError('newline in regex');
        else s += src[i++];
      }
      if (i >= src.length) throw new AwkError('non-terminated regular expression');
      i++;
      toks.push({ k: 're', v: s });
      continue;
    }
    let m = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0[xX][0-9a-fA-F]+)/.exec(src.slice(i));
    if (m) {
      toks.push({ k: 'num', v: m[0] });
      i += m[0].length;
      continue;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (m) {
      const w = m[0];
      i += w.length;
      if (KEYWORDS.has(w)) toks.push({ k: 'kw', v: w });
      else if (BUILTINS.has(w) || src[i] === '(') toks.push({ k: 'func', v: w });
      else toks.push({ k: 'name', v: w });
      continue;
    }
    const op = ops.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkError(`syntax error at source line 1: unexpected character '${c}'`);
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  toks.push({ k: 'eof', v: '' });
  return toks;
}

// ---- parser -------------------------------------------------------------------------------------

function compileRe(src: string): RegExp {
  try {
    return new RegExp(posixToJs(src, true));
  } catch {
    throw new AwkError(`syntax error in regular expression ${src}`);
  }
}

function parseAwk(src: string): { items: Item[]; funcs: Record<string, Func> } {
  const toks = lex(src);
  let i = 0;
  const items: Item[] = [];
  const funcs: Record<string, Func> = {};
  const peek = () => toks[i]!;
  const is = (k: Tok['k'], v?: string) => toks[i]!.k === k && (v === undefined || toks[i]!.v === v);
  const op = (v: string) => is('op', v);
  const err = () => new AwkError(`syntax error at source line 1${toks[i]!.k === 'eof' ? ': unexpected end of program' : ` near '${toks[i]!.v}'`}`);
  const expect = (v: string) => {
    if (!op(v)) throw err();
    i++;
  };
  const nls = () => {
    while (is('nl') || op(';')) i++;
  };
  const optNl = () => {
    while (is('nl')) i++;
  };

  function block(): Stmt[] {
    expect('{');
    const body: Stmt[] = [];
    for (;;) {
      nls();
      if (op('}')) {
        i++;
        return body;
      }
      if (is('eof')) throw err();
      body.push(stmt());
    }
  }
  function simpleEnd() {
    if (op(';') || is('nl')) {
      i++;
      return;
    }
    if (op('}') || is('eof')) return;
    throw err();
  }
  function stmt(): Stmt {
    if (op('{')) return { t: 'block', body: block() };
    if (op(';')) {
      i++;
      return { t: 'block', body: [] };
    }
    const t = peek();
    if (t.k === 'kw') {
      switch (t.v) {
        case 'if': {
          i++;
          expect('(');
          const c = expr();
          expect(')');
          optNl();
          const a = stmt();
          const save = i;
          nls();
          if (is('kw', 'else')) {
            i++;
            optNl();
            return { t: 'if', c, a, b: stmt() };
          }
          i = save;
          return { t: 'if', c, a, b: null };
        }
        case 'while': {
          i++;
          expect('(');
          const c = expr();
          expect(')');
          if (op(';')) {
            i++;
            return { t: 'while', c, body: { t: 'block', body: [] } };
          }
          optNl();
          return { t: 'while', c, body: stmt() };
        }
        case 'do': {
          i++;
          optNl();
          const body = stmt();
          nls();
          if (!is('kw', 'while')) throw err();
          i++;
          expect('(');
          const c = expr();
          expect(')');
          simpleEnd();
          return { t: 'do', c, body };
        }
        case 'for': {
          i++;
          expect('(');
          if (is('name') && toks[i + 1]!.k === 'kw' && toks[i + 1]!.v === 'in' && toks[i + 2]!.k === 'name' && toks[i + 3]!.v === ')') {
            const v = toks[i]!.v;
            const arr = toks[i + 2]!.v;
            i += 4;
            optNl();
            return { t: 'forin', v, arr, body: stmt() };
          }
          const init = op(';') ? null : expr();
          expect(';');
          optNl();
          const c = op(';') ? null : expr();
          expect(';');
          optNl();
          const step = op(')') ? null : expr();
          expect(')');
          optNl();
          return { t: 'for', init, c, step, body: stmt() };
        }
        case 'next':
          i++;
          simpleEnd();
          return { t: 'next' };
        case 'exit': {
          i++;
          const e = op(';') || op('}') || is('nl') || is('eof') ? null : expr();
          simpleEnd();
          return { t: 'exit', e };
        }
        case 'return': {
          i++;
          const e = op(';') || op('}') || is('nl') || is('eof') ? null : expr();
          simpleEnd();
          return { t: 'return', e };
        }
        case 'break':
          i++;
          simpleEnd();
          return { t: 'break' };
        case 'continue':
          i++;
          simpleEnd();
          return { t: 'continue' };
        case 'delete': {
          i++;
          const name = peek().v;
          i++;
          let keys: Node[] | null = null;
          if (op('[')) {
            i++;
            keys = exprList();
            expect(']');
          }
          simpleEnd();
          return { t: 'delete', name, keys };
        }
        case 'print':
        case 'printf': {
          i++;
          let args: Node[] = [];
          if (op('(')) {
            // print (a, b) or print (a)(b)
            const save = i;
            i++;
            try {
              const l = exprList(true);
              expect(')');
              if (op(';') || op('}') || is('nl') || is('eof') || op('>') || op('|') || op('>>')) args = l;
              else {
                i = save;
                args = exprList(true);
              }
            } catch {
              i = save;
              args = exprList(true);
            }
          } else if (!(op(';') || op('}') || is('nl') || is('eof'))) args = exprList(true);
          let redir: { op: string; target: Node } | undefined;
          if (op('>') || op('>>') || op('|')) {
            const o = toks[i++]!.v;
            redir = { op: o, target: concat(true) };
          }
          simpleEnd();
          return { t: 'print', args, printf: t.v === 'printf', redir };
        }
        case 'getline':
          break;
        default:
          throw err();
      }
    }
    const e = expr();
    simpleEnd();
    return { t: 'expr', e };
  }
  function exprList(noGt = false): Node[] {
    const l = [expr(noGt)];
    while (op(',')) {
      i++;
      optNl();
      l.push(expr(noGt));
    }
    return l;
  }
  function expr(noGt = false): Node {
    return ternary(noGt);
  }
  function ternary(noGt: boolean): Node {
    const c = or(noGt);
    if (op('?')) {
      i++;
      optNl();
      const a = ternary(noGt);
      optNl();
      expect(':');
      optNl();
      const b = ternary(noGt);
      return { t: 'cond', c, a, b };
    }
    if (is('op') && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(peek().v) && (c.t === 'var' || c.t === 'field' || c.t === 'elem')) {
      const o = toks[i++]!.v;
      optNl();
      return { t: 'assign', op: o, lhs: c, rhs: ternary(noGt) };
    }
    return c;
  }
  function or(noGt: boolean): Node {
    let a = and(noGt);
    while (op('||')) {
      i++;
      optNl();
      a = { t: 'bin', op: '||', a, b: and(noGt) };
    }
    return a;
  }
  function and(noGt: boolean): Node {
    let a = inExpr(noGt);
    while (op('&&')) {
      i++;
      optNl();
      a = { t: 'bin', op: '&&', a, b: inExpr(noGt) };
    }
    return a;
  }
  function inExpr(noGt: boolean): Node {
    let a = matchExpr(noGt);
    while (is('kw', 'in')) {
      i++;
      const name = peek().v;
      i++;
      a = { t: 'in', keys: a.t === 'group' && (a as { e: Node }).e ? [a.e] : [a], name };
    }
    return a;
  }
  function matchExpr(noGt: boolean): Node {
    let a = compare(noGt);
    while (op('~') || op('!~')) {
      const neg = toks[i++]!.v === '!~';
      a = { t: 'match', neg, a, re: compare(noGt) };
    }
    return a;
  }
  function compare(noGt: boolean): Node {
    const a = concat(noGt);
    for (const o of ['<', '<=', '!=', '==', '>', '>=']) {
      if (op(o) && !(noGt && o === '>')) {
        i++;
        return { t: 'bin', op: o, a, b: concat(noGt) };
      }
    }
    return a;
  }
  function startsOperand(): boolean {
    const t = peek();
    if (t.k === 'num' || t.k === 'str' || t.k === 're' || t.k === 'name' || t.k === 'func') return true;
    if (t.k === 'op' && ['$', '(', '!', '-', '+', '++', '--'].includes(t.v)) return t.v !== '-' && t.v !== '+' ? true : false;
    return false;
  }
  function concat(noGt: boolean): Node {
    let a = additive();
    while (startsOperand() && !(is('kw', 'in'))) {
      a = { t: 'bin', op: 'concat', a, b: additive() };
    }
    void noGt;
    return a;
  }
  function additive(): Node {
    let a = mult();
    while (op('+') || op('-')) {
      const o = toks[i++]!.v;
      a = { t: 'bin', op: o, a, b: mult() };
    }
    return a;
  }
  function mult(): Node {
    let a = unary();
    while (op('*') || op('/') || op('%')) {
      const o = toks[i++]!.v;
      a = { t: 'bin', op: o, a, b: unary() };
    }
    return a;
  }
  function unary(): Node {
    if (op('!')) {
      i++;
      return { t: 'un', op: '!', a: unary() };
    }
    if (op('-') || op('+')) {
      const o = toks[i++]!.v;
      return { t: 'un', op: o, a: unary() };
    }
    return power();
  }
  function power(): Node {
    const a = postfix();
    if (op('^') || op('**')) {
      i++;
      return { t: 'bin', op: '^', a, b: unary() };
    }
    return a;
  }
  function postfix(): Node {
    if (op('++') || op('--')) {
      const o = toks[i++]!.v;
      return { t: 'incdec', op: o, pre: true, lv: primary() };
    }
    const p = primary();
    if ((op('++') || op('--')) && (p.t === 'var' || p.t === 'field' || p.t === 'elem')) {
      const o = toks[i++]!.v;
      return { t: 'incdec', op: o, pre: false, lv: p };
    }
    return p;
  }
  function primary(): Node {
    const t = peek();
    switch (t.k) {
      case 'num':
        i++;
        return { t: 'num', v: Number(t.v) };
      case 'str':
        i++;
        return { t: 'str', v: t.v };
      case 're':
        i++;
        return { t: 're', re: compileRe(t.v), src: t.v };
      case 'name': {
        i++;
        if (op('[')) {
          i++;
          const keys = exprList();
          expect(']');
          return { t: 'elem', name: t.v, keys };
        }
        return { t: 'var', name: t.v };
      }
      case 'func': {
        i++;
        const args: Node[] = [];
        if (op('(')) {
          i++;
          if (!op(')')) args.push(...exprList());
          expect(')');
        }
        return { t: 'call', name: t.v, args };
      }
      case 'kw':
        if (t.v === 'getline') {
          i++;
          return { t: 'getline' };
        }
        break;
      case 'op':
        if (t.v === '$') {
          i++;
          if (op('++') || op('--')) return { t: 'field', e: postfix() };
          return { t: 'field', e: primary() };
        }
        if (t.v === '(') {
          i++;
          const l = exprList();
          expect(')');
          if (l.length > 1) {
            if (!is('kw', 'in')) throw err();
            i++;
            const name = peek().v;
            i++;
            return { t: 'in', keys: l, name };
          }
          return { t: 'group', e: l[0]! };
        }
        if (t.v === '-' || t.v === '+' || t.v === '!') return unary();
    }
    throw err();
  }

  for (;;) {
    nls();
    if (is('eof')) break;
    if (is('kw', 'function')) {
      i++;
      const name = peek().v;
      i++;
      expect('(');
      const params: string[] = [];
      while (!op(')')) {
        params.push(peek().v);
        i++;
        if (op(',')) i++;
      }
      i++;
      optNl();
      funcs[name] = { params, body: block() };
      continue;
    }
    if (is('kw', 'BEGIN') || is('kw', 'END')) {
      const kind = peek().v === 'BEGIN' ? 'begin' : 'end';
      i++;
      optNl();
      items.push({ kind, pattern: null, body: block() });
      continue;
    }
    let pattern: Node | null = null;
    let range: Node | undefined;
    if (!op('{')) {
      pattern = expr();
      if (op(',')) {
        i++;
        optNl();
        range = expr();
      }
    }
    const body = op('{') ? block() : null;
    items.push({ kind: 'main', pattern, range, body });
  }
  return { items, funcs };
}

// ---- runtime ------------------------------------------------------------------------------------

function looksNumeric(s: string): boolean {
  return /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0[xX][0-9a-fA-F]+)\s*$/.test(s);
}

function toNum(v: V): number {
  if (typeof v === 'number') return v;
  const s = typeof v === 'string' ? v : v.strnum;
  const m = /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(s);
  return m ? Number(m[0]) : 0;
}

function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return sprintf(fmt, [n]);
}

function sprintf(fmt: string, args: V[], conv = '%.6g'): string {
  let ai = 0;
  return fmt.replace(/%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/g, (_m, flags: string, w: string | undefined, p: string | undefined, c: string) => {
    if (c === '%') return '%';
    const width = w === '*' ? toNum(args[ai++] ?? 0) : w !== undefined ? Number(w) : undefined;
    const prec = p === '*' ? toNum(args[ai++] ?? 0) : p !== undefined ? Number(p || '0') : undefined;
    const a = args[ai++] ?? '';
    let s: string;
    if (c === 'c') s = typeof a === 'number' ? String.fromCharCode(a) : str(a, conv).slice(0, 1);
    else if ('diouxXeEfFgG'.includes(c)) s = String(toNum(a));
    else s = str(a, conv);
    return formatOne({ flags, width, prec, conv: c === 'i' ? 'd' : c === 'c' ? 's' : c }, s, () => {});
  });
}

function str(v: V, convfmt = '%.6g'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numToStr(v, convfmt);
  return v.strnum;
}

function truth(v: V): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  return looksNumeric(v.strnum) ? toNum(v) !== 0 : v.strnum !== '';
}

function cmpVals(a: V, b: V): number {
  const numA = typeof a === 'number' || (typeof a === 'object' && looksNumeric(a.strnum));
  const numB = typeof b === 'number' || (typeof b === 'object' && looksNumeric(b.strnum));
  if (numA && numB) return toNum(a) - toNum(b);
  const x = str(a);
  const y = str(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

interface Frame {
  names: Set<string>;
  vars: Record<string, V>;
  arrs: Record<string, Record<string, V>>;
}

interface State {
  vars: Record<string, V>;
  arrays: Record<string, Record<string, V>>;
  fields: string[];
  record: string;
  nf: number;
  out: string;
  files: Record<string, string>;
  funcs: Record<string, Func>;
  locals: Frame[];
  steps: number;
}

const MAX_STEPS = 5_000_000;

export const awk: Program = (argv, io) => {
  let fs: string | null = null;
  const assigns: [string, string][] = [];
  let progText: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (progText === null && a === '--') continue;
    if (progText === null && a.startsWith('-F')) fs = a.length > 2 ? a.slice(2) : (argv[++i] ?? ' ');
    else if (progText === null && a.startsWith('-v')) {
      const s = a.length > 2 ? a.slice(2) : (argv[++i] ?? '');
      const eq = s.indexOf('=');
      if (eq > 0) assigns.push([s.slice(0, eq), s.slice(eq + 1)]);
    } else if (progText === null && a === '-f') {
      const t = readText(io.fs, argv[++i] ?? '');
      if (t === null) {
        io.err(`awk: can't open file ${argv[i]}\n`);
        return 2;
      }
      progText = t;
    } else if (progText === null) progText = a;
    else files.push(a);
  }
  if (progText === null) {
    io.err('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n');
    return 2;
  }
  let prog: ReturnType<typeof parseAwk>;
  try {
    prog = parseAwk(progText);
  } catch (e) {
    io.err(`awk: ${(e as Error).message}\n`);
    return 2;
  }
  const unesc = (s: string) => s.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', '\\': '\\' })[c] ?? '\\' + c);
  const st: State = {
    vars: { FS: fs === null ? ' ' : fs === 't' ? '\t' : unesc(fs), OFS: ' ', ORS: '\n', RS: '\n', NR: 0, NF: 0, FNR: 0, FILENAME: '', SUBSEP: '\x1c', RSTART: 0, RLENGTH: -1, CONVFMT: '%.6g', OFMT: '%.6g' },
    arrays: { ENVIRON: { ...io.env }, ARGV: {} },
    fields: [],
    record: '',
    nf: 0,
    out: '',
    files: {},
    funcs: prog.funcs,
    locals: [],
    steps: 0,
  };
  for (const [k, v] of assigns) st.vars[k] = { strnum: unesc(v) };
  let code = 0;
  const flushOut = () => {
    io.out(st.out);
    st.out = '';
  };
  const splitRecord = () => {
    const rec = st.record;
    const FS = str(st.vars.FS!);
    let f: string[];
    if (FS === ' ') f = rec.split(/[ \t\n]+/).filter((x, i, arr) => x !== '' || (i > 0 && i < arr.length - 1));
    else if (rec === '') f = [];
    else if (FS.length === 1 && FS !== '\\') f = rec.split(FS);
    else f = rec.split(compileRe(FS));
    if (FS === ' ') f = rec.trim() === '' ? [] : rec.trim().split(/[ \t\n]+/);
    st.fields = f;
    st.nf = f.length;
    st.vars.NF = f.length;
  };
  const rebuild = () => {
    st.record = st.fields.slice(0, st.nf).join(str(st.vars.OFS!));
  };
  const getField = (n: number): V => {
    if (n < 0) throw new AwkError(`trying to access out of range field ${n}`);
    if (n === 0) return { strnum: st.record };
    return { strnum: st.fields[n - 1] ?? '' };
  };
  const setField = (n: number, v: string) => {
    if (n === 0) {
      st.record = v;
      splitRecord();
      return;
    }
    while (st.fields.length < n) st.fields.push('');
    st.fields[n - 1] = v;
    if (n > st.nf) st.nf = n;
    st.vars.NF = st.nf;
    rebuild();
  };
  const scope = (name: string): Frame | null => {
    const l = st.locals[st.locals.length - 1];
    return l && l.names.has(name) ? l : null;
  };
  const getVar = (name: string): V => {
    const l = scope(name);
    if (l) return l.vars[name] ?? '';
    if (name === 'NF') return st.nf;
    return st.vars[name] ?? '';
  };
  const setVar = (name: string, v: V) => {
    const l = scope(name);
    if (l) {
      l.vars[name] = v;
      return;
    }
    if (name === 'NF') {
      st.nf = Math.max(0, Math.trunc(toNum(v)));
      st.fields.length = Math.min(st.fields.length, st.nf);
      while (st.fields.length < st.nf) st.fields.push('');
      rebuild();
    }
    st.vars[name] = v;
  };
  const isArray = (name: string): boolean => {
    const l = scope(name);
    return l ? Object.hasOwn(l.arrs, name) : Object.hasOwn(st.arrays, name);
  };
  const arr = (name: string): Record<string, V> => {
    const l = scope(name);
    if (l) return (l.arrs[name] ??= {});
    return (st.arrays[name] ??= {});
  };
  const key = (keys: Node[]) => keys.map((k) => str(ev(k), str(st.vars.CONVFMT!))).join(str(st.vars.SUBSEP!));
  const regexOf = (n: Node): RegExp => (n.t === 're' ? n.re : compileRe(str(ev(n))));

  function assignTo(lv: Node, v: V): V {
    if (lv.t === 'var') setVar(lv.name, v);
    else if (lv.t === 'field') setField(Math.trunc(toNum(ev(lv.e))), str(v));
    else if (lv.t === 'elem') arr(lv.name)[key(lv.keys)] = v;
    else if (lv.t === 'group') return assignTo(lv.e, v);
    else throw new AwkError('assignment to non-lvalue');
    return v;
  }

  function ev(n: Node): V {
    if (++st.steps > MAX_STEPS) throw new AwkError('program too long-running (stopped)');
    switch (n.t) {
      case 'num':
        return n.v;
      case 'str':
        return n.v;
      case 're':
        return n.re.test(st.record) ? 1 : 0;
      case 'var':
        return getVar(n.name);
      case 'field':
        return getField(Math.trunc(toNum(ev(n.e))));
      case 'elem': {
        const a = arr(n.name);
        const k = key(n.keys);
        if (!Object.hasOwn(a, k)) a[k] = '';
        return a[k]!;
      }
      case 'group':
        return ev(n.e);
      case 'assign': {
        const rhs = ev(n.rhs);
        if (n.op === '=') return assignTo(n.lhs, typeof rhs === 'object' ? { strnum: rhs.strnum } : rhs);
        const cur = toNum(ev(n.lhs));
        const r = toNum(rhs);
        const v = n.op === '+=' ? cur + r : n.op === '-=' ? cur - r : n.op === '*=' ? cur * r : n.op === '/=' ? div(cur, r) : n.op === '%=' ? cur % r : cur ** r;
        return assignTo(n.lhs, v);
      }
      case 'cond':
        return truth(ev(n.c)) ? ev(n.a) : ev(n.b);
      case 'un': {
        const v = ev(n.a);
        return n.op === '!' ? (truth(v) ? 0 : 1) : n.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const cur = toNum(ev(n.lv));
        const nv = n.op === '++' ? cur + 1 : cur - 1;
        assignTo(n.lv, nv);
        return n.pre ? nv : cur;
      }
      case 'match': {
        const r = regexOf(n.re).test(str(ev(n.a)));
        return r !== n.neg ? 1 : 0;
      }
      case 'in':
        return Object.hasOwn(arr(n.name), key(n.keys)) ? 1 : 0;
      case 'bin': {
        if (n.op === '&&') return truth(ev(n.a)) && truth(ev(n.b)) ? 1 : 0;
        if (n.op === '||') return truth(ev(n.a)) || truth(ev(n.b)) ? 1 : 0;
        const a = ev(n.a);
        const b = ev(n.b);
        switch (n.op) {
          case 'concat':
            return str(a, str(st.vars.CONVFMT!)) + str(b, str(st.vars.CONVFMT!));
          case '+':
            return toNum(a) + toNum(b);
          case '-':
            return toNum(a) - toNum(b);
          case '*':
            return toNum(a) * toNum(b);
          case '/':
            return div(toNum(a), toNum(b));
          case '%': {
            const d = toNum(b);
            if (d === 0) throw new AwkError('division by zero in %');
            return toNum(a) % d;
          }
          case '^':
            return toNum(a) ** toNum(b);
          case '<':
            return cmpVals(a, b) < 0 ? 1 : 0;
          case '<=':
            return cmpVals(a, b) <= 0 ? 1 : 0;
          case '>':
            return cmpVals(a, b) > 0 ? 1 : 0;
          case '>=':
            return cmpVals(a, b) >= 0 ? 1 : 0;
          case '==':
            return cmpVals(a, b) === 0 ? 1 : 0;
          case '!=':
            return cmpVals(a, b) !== 0 ? 1 : 0;
        }
        throw new AwkError(`unknown operator ${n.op}`);
      }
      case 'getline':
        return 0;
      case 'call':
        return callFn(n.name, n.args);
    }
  }
  function div(a: number, b: number): number {
    if (b === 0) throw new AwkError('division by zero');
    return a / b;
  }
  function callFn(name: string, args: Node[]): V {
    const arg = (k: number) => (args[k] ? ev(args[k]!) : '');
    switch (name) {
      case 'length':
        if (!args.length) return st.record.length;
        if (args[0]!.t === 'var' && isArray(args[0]!.name)) return Object.keys(arr(args[0]!.name)).length;
        return str(arg(0)).length;
      case 'substr': {
        const s = str(arg(0));
        let start = Math.round(toNum(arg(1)));
        let len = args[2] ? Math.round(toNum(arg(2))) : Infinity;
        if (start < 1) {
          len += start - 1;
          start = 1;
        }
        return len <= 0 ? '' : s.substr(start - 1, len === Infinity ? undefined : len);
      }
      case 'index':
        return str(arg(0)).indexOf(str(arg(1))) + 1;
      case 'split': {
        const s = str(arg(0));
        const target = args[1]!;
        if (target.t !== 'var') throw new AwkError('split: second argument must be an array');
        const a = arr(target.name);
        for (const k of Object.keys(a)) delete a[k];
        let parts: string[];
        const sep = args[2] ? (args[2].t === 're' ? args[2].re : str(ev(args[2]))) : str(st.vars.FS!);
        if (sep === ' ') parts = s.trim() ? s.trim().split(/[ \t\n]+/) : [];
        else if (s === '') parts = [];
        else if (typeof sep === 'string' && sep.length === 1) parts = s.split(sep);
        else parts = s.split(typeof sep === 'string' ? compileRe(sep) : sep);
        parts.forEach((p, k) => (a[String(k + 1)] = { strnum: p }));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = regexOf(args[0]!);
        const rep = str(arg(1));
        const target = args[2] ?? { t: 'field', e: { t: 'num', v: 0 } };
        const s = str(ev(target));
        let count = 0;
        const g = new RegExp(re.source, re.flags + (name === 'gsub' ? 'g' : ''));
        const res = s.replace(g, (m) => {
          count++;
          return rep.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? m : x === '\\&' ? '&' : '\\'));
        });
        if (count) assignTo(target, res);
        return count;
      }
      case 'match': {
        const m = regexOf(args[1]!).exec(str(arg(0)));
        st.vars.RSTART = m ? m.index + 1 : 0;
        st.vars.RLENGTH = m ? m[0].length : -1;
        return st.vars.RSTART;
      }
      case 'sprintf':
        return sprintf(str(arg(0)), args.slice(1).map((a) => ev(a)));
      case 'tolower':
        return str(arg(0)).toLowerCase();
      case 'toupper':
        return str(arg(0)).toUpperCase();
      case 'int':
        return Math.trunc(toNum(arg(0)));
      case 'sqrt':
        return Math.sqrt(toNum(arg(0)));
      case 'exp':
        return Math.exp(toNum(arg(0)));
      case 'log':
        return Math.log(toNum(arg(0)));
      case 'sin':
        return Math.sin(toNum(arg(0)));
      case 'cos':
        return Math.cos(toNum(arg(0)));
      case 'atan2':
        return Math.atan2(toNum(arg(0)), toNum(arg(1)));
      case 'rand':
        return 0.237788;
      case 'srand':
        return 0;
      case 'system':
        io.err('awk: system() is not available in k8s-drill\n');
        return 1;
      case 'close':
      case 'fflush':
        return 0;
    }
    const f = st.funcs[name];
    if (!f) throw new AwkError(`calling undefined function ${name}`);
    const frame: Frame = { names: new Set(f.params), vars: {}, arrs: {} };
    f.params.forEach((p, k) => {
      const a = args[k];
      if (a && a.t === 'var' && isArray(a.name)) frame.arrs[p] = arr(a.name);
      else if (a) frame.vars[p] = ev(a);
    });
    if (st.locals.length > 200) throw new AwkError('function call nesting too deep');
    st.locals.push(frame);
    try {
      exec({ t: 'block', body: f.body });
      return '';
    } catch (e) {
      if (e instanceof ReturnVal) return e.v;
      throw e;
    } finally {
      st.locals.pop();
    }
  }
  class ReturnVal {
    constructor(public v: V) {}
  }
  class Brk {}
  class Cont {}
  function exec(s: Stmt): void {
    if (++st.steps > MAX_STEPS) throw new AwkError('program too long-running (stopped)');
    switch (s.t) {
      case 'block':
        for (const x of s.body) exec(x);
        return;
      case 'expr':
        ev(s.e);
        return;
      case 'print': {
        let text: string;
        if (s.printf) {
          const vals = s.args.map((a) => ev(a));
          text = vals.length ? sprintf(str(vals[0]!), vals.slice(1)) : '';
        } else {
          const ofmt = str(st.vars.OFMT!);
          text = (s.args.length ? s.args.map((a) => str(ev(a), ofmt)).join(str(st.vars.OFS!)) : st.record) + str(st.vars.ORS!);
        }
        if (s.redir) {
          const target = str(ev(s.redir.target));
          if (s.redir.op === '|') {
            if (target === 'cat 1>&2' || target === 'cat >&2') io.err(text);
            else st.out += text;
          } else if (target === '/dev/stderr') io.err(text);
          else if (target === '/dev/stdout' || target === '-') st.out += text;
          else {
            const path = io.fs.resolve(target);
            const append = s.redir.op === '>>' || Object.hasOwn(st.files, path);
            const e = io.fs.writeFile(path, text, append);
            st.files[path] = '';
            if (e) throw new AwkError(`can't redirect to ${target}`);
          }
        } else st.out += text;
        return;
      }
      case 'if':
        if (truth(ev(s.c))) exec(s.a);
        else if (s.b) exec(s.b);
        return;
      case 'while': {
        let n = 0;
        while (truth(ev(s.c))) {
          if (++n > 1_000_000) throw new AwkError('loop stopped after 1000000 iterations');
          try {
            exec(s.body);
          } catch (e) {
            if (e instanceof Brk) break;
            if (!(e instanceof Cont)) throw e;
          }
        }
        return;
      }
      case 'do': {
        let n = 0;
        do {
          if (++n > 1_000_000) throw new AwkError('loop stopped after 1000000 iterations');
          try {
            exec(s.body);
          } catch (e) {
            if (e instanceof Brk) break;
            if (!(e instanceof Cont)) throw e;
          }
        } while (truth(ev(s.c)));
        return;
      }
      case 'for': {
        let n = 0;
        if (s.init) ev(s.init);
        while (!s.c || truth(ev(s.c))) {
          if (++n > 1_000_000) throw new AwkError('loop stopped after 1000000 iterations');
          try {
            exec(s.body);
          } catch (e) {
            if (e instanceof Brk) break;
            if (!(e instanceof Cont)) throw e;
          }
          if (s.step) ev(s.step);
        }
        return;
      }
      case 'forin': {
        for (const k of Object.keys(arr(s.arr))) {
          setVar(s.v, looksNumeric(k) ? { strnum: k } : k);
          try {
            exec(s.body);
          } catch (e) {
            if (e instanceof Brk) break;
            if (!(e instanceof Cont)) throw e;
          }
        }
        return;
      }
      case 'next':
        throw new Next();
      case 'exit':
        throw new Exit(s.e ? Math.trunc(toNum(ev(s.e))) : code);
      case 'return':
        throw new ReturnVal(s.e ? ev(s.e) : '');
      case 'break':
        throw new Brk();
      case 'continue':
        throw new Cont();
      case 'delete': {
        const a = arr(s.name);
        if (s.keys) delete a[key(s.keys)];
        else for (const k of Object.keys(a)) delete a[k];
        return;
      }
    }
  }
  const runItems = (kind: 'begin' | 'end') => {
    for (const it of prog.items) if (it.kind === kind) exec({ t: 'block', body: it.body! });
  };
  let exited = false;
  try {
    try {
      runItems('begin');
      const mains = prog.items.filter((it) => it.kind === 'main');
      const hasMainOrEnd = mains.length > 0 || prog.items.some((it) => it.kind === 'end');
      if (hasMainOrEnd) {
        const inputs: { name: string; text: string }[] = [];
        const fileArgs: string[] = [];
        for (const f of files) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(f);
          if (m) fileArgs.push(f);
          else fileArgs.push(f);
        }
        const realFiles = fileArgs.filter((f) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(f));
        if (!realFiles.length) inputs.push({ name: '', text: io.stdin });
        for (const f of fileArgs) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(f);
          if (m) {
            inputs.push({ name: '\0assign', text: f });
            continue;
          }
          if (f === '-') {
            inputs.push({ name: '-', text: io.stdin });
            continue;
          }
          const t = readText(io.fs, f);
          if (t === null) {
            flushOut();
            io.err(`awk: cannot open "${f}" (No such file or directory)\n`);
            code = 2;
            continue;
          }
          inputs.push({ name: f, text: t });
        }
        outer: for (const inp of inputs) {
          if (inp.name === '\0assign') {
            const eq = inp.text.indexOf('=');
            st.vars[inp.text.slice(0, eq)] = { strnum: unesc(inp.text.slice(eq + 1)) };
            continue;
          }
          st.vars.FILENAME = inp.name;
          st.vars.FNR = 0;
          const RS = str(st.vars.RS!);
          let recs: string[];
          if (RS === '\n') {
            recs = inp.text.split('\n');
            if (recs[recs.length - 1] === '') recs.pop();
          } else if (RS === '') recs = inp.text.split(/\n\n+/).filter((r) => r !== '').map((r) => r.replace(/\n+$/, ''));
          else recs = inp.text.split(RS.length === 1 ? RS : compileRe(RS)).filter((r, k, a) => k < a.length - 1 || r !== '');
          for (const rec of recs) {
            st.record = rec;
            splitRecord();
            st.vars.NR = toNum(st.vars.NR!) + 1;
            st.vars.FNR = toNum(st.vars.FNR!) + 1;
            try {
              for (const it of mains) {
                let hit: boolean;
                if (!it.pattern) hit = true;
                else if (it.range) {
                  if (it.inRange) {
                    hit = true;
                    if (truth(ev(it.range))) it.inRange = false;
                  } else if (truth(ev(it.pattern))) {
                    hit = true;
                    it.inRange = !truth(ev(it.range));
                  } else hit = false;
                } else hit = truth(ev(it.pattern));
                if (!hit) continue;
                if (it.body) exec({ t: 'block', body: it.body });
                else st.out += st.record + str(st.vars.ORS!);
              }
            } catch (e) {
              if (e instanceof Next) continue;
              throw e;
            }
            if (st.out.length > 1 << 20) flushOut();
          }
          continue outer;
        }
      }
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      code = e.code;
      exited = true;
    }
    try {
      void exited;
      runItems('end');
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      code = e.code;
    }
  } catch (e) {
    if (e instanceof AwkError) {
      flushOut();
      io.err(`awk: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  flushOut();
  return code;
};
