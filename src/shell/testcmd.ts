/** `test` / `[`: the POSIX test expression (also the unary/binary tests [[ ]] uses). */
import type { HostFs, Program } from '../core/types.js';

export class TestError extends Error {}

export function unaryTest(fs: HostFs, op: string, a: string): boolean {
  switch (op) {
    case '-z':
      return a === '';
    case '-n':
      return a !== '';
    case '-e':
    case '-a':
      return a !== '' && fs.stat(a) !== null;
    case '-f':
      return a !== '' && fs.stat(a)?.type === 'file';
    case '-d':
      return a !== '' && fs.stat(a)?.type === 'dir';
    case '-s': {
      const st = a !== '' ? fs.stat(a) : null;
      return !!st && st.size > 0;
    }
    case '-r':
    case '-w':
    case '-x':
      return a !== '' && fs.stat(a) !== null;
    case '-L':
    case '-h':
    case '-p':
    case '-S':
    case '-b':
    case '-c':
      return false;
    case '-t':
      return false;
  }
  throw new TestError(`${op}: unary operator expected`);
}

export function binaryTest(op: string, a: string, b: string): boolean {
  const num = (s: string) => {
    const t = s.trim();
    if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${s}: integer expression expected`);
    return parseInt(t, 10);
  };
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return num(a) === num(b);
    case '-ne':
      return num(a) !== num(b);
    case '-lt':
      return num(a) < num(b);
    case '-gt':
      return num(a) > num(b);
    case '-le':
      return num(a) <= num(b);
    case '-ge':
      return num(a) >= num(b);
  }
  throw new TestError(`${op}: binary operator expected`);
}

/** test EXPR / [ EXPR ]: exit 0 true, 1 false, 2 on a usage error (`[: missing `]'`). */
export const test: Program = (argv, io) => runTest(argv, io.fs, false, io.err);
export const bracket: Program = (argv, io) => runTest(argv, io.fs, true, io.err);

export function runTest(args: string[], fs: HostFs, bracket: boolean, err: (s: string) => void, shell = 'sh'): number {
  const name = bracket ? '[' : 'test';
  if (bracket) {
    if (args[args.length - 1] !== ']') {
      err(`${shell}: [: missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(args, fs) ? 0 : 1;
  } catch (e) {
    err(`${shell}: ${name}: ${(e as Error).message}\n`);
    return 2;
  }
}

const BINOPS = ['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-gt', '-le', '-ge', '-nt', '-ot', '-ef'];

export function evalTest(args: string[], fs: HostFs): boolean {
  let i = 0;
  const n = args.length;
  // POSIX rules by argument count first (they settle `[ "$x" ]`, `[ -n ]`, `[ ! x ]`).
  if (n === 0) return false;
  if (n === 1) return args[0] !== '';
  if (n === 2) {
    if (args[0] === '!') return args[1] === '';
    return unaryTest(fs, args[0]!, args[1]!);
  }
  if (n === 3 && BINOPS.includes(args[1]!)) return binaryTest(args[1]!, args[0]!, args[2]!);
  if (n === 3 && args[0] === '!') return !evalTest(args.slice(1), fs);
  function primary(): boolean {
    const t = args[i];
    if (t === undefined) throw new TestError('argument expected');
    if (t === '!') {
      i++;
      return !primary();
    }
    if (t === '(') {
      i++;
      const v = or();
      if (args[i] !== ')') throw new TestError("`)' expected");
      i++;
      return v;
    }
    if (i + 2 < n + 1 && BINOPS.includes(args[i + 1]!) && i + 2 < n) {
      const r = binaryTest(args[i + 1]!, t, args[i + 2]!);
      i += 3;
      return r;
    }
    if (/^-[a-zA-Z]$/.test(t) && i + 1 < n) {
      i += 2;
      return unaryTest(fs, t, args[i - 1]!);
    }
    i++;
    return t !== '';
  }
  function and(): boolean {
    let v = primary();
    while (args[i] === '-a') {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  }
  function or(): boolean {
    let v = and();
    while (args[i] === '-o') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  }
  const v = or();
  if (i < n) throw new TestError('too many arguments');
  return v;
}
