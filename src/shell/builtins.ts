/**
 * The shell's own builtins (both the host shell and shells inside containers): cd, export, read, exit, set,
 * eval, source, test/[, echo, printf ... Host-only builtins (help, history, alias, clear) live in run.ts.
 */
import type { Program } from '../core/types.js';
import { readText } from './util.js';
import {
  callProgram,
  ExitSignal,
  invoke,
  LoopSignal,
  ReturnSignal,
  runText,
  setVar,
  type Frame,
  type Sh,
} from './interpreter.js';
import { echo, printf, trueProg, falseProg } from './basic.js';
import { runTest } from './testcmd.js';
import { evalArith } from './arith.js';

export type Builtin = (argv: string[], f: Frame, sh: Sh, tempEnv: Record<string, string> | null) => number | Promise<number>;

const prog =
  (p: Program): Builtin =>
  (argv, f, sh, t) =>
    callProgram(sh, argv[0]!, p, argv, f, t);

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function cd(argv: string[], f: Frame, sh: Sh): number {
  const fs = sh.env.fs;
  const vars = sh.env.vars;
  const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P' && a !== '--');
  if (args.length > 1 && sh.bashStyle) {
    f.err(`${sh.name}: cd: too many arguments\n`);
    return 1;
  }
  let target = args[0];
  let print = false;
  if (target === undefined || target === '') {
    target = vars.HOME;
    if (target === undefined) {
      f.err(`${sh.name}: cd: HOME not set\n`);
      return 1;
    }
  } else if (target === '-') {
    target = vars.OLDPWD;
    if (target === undefined) {
      f.err(`${sh.name}: cd: OLDPWD not set\n`);
      return 1;
    }
    print = true;
  }
  const path = fs.resolve(target);
  const st = fs.stat(path);
  if (!st || st.type !== 'dir') {
    const why = st ? 'Not a directory' : 'No such file or directory';
    if (sh.bashStyle) f.err(`${sh.name}: cd: ${target}: ${why}\n`);
    else f.err(`${sh.name}: cd: can't cd to ${target}: ${why}\n`);
    return sh.bashStyle ? 1 : 2;
  }
  vars.OLDPWD = fs.cwd;
  fs.cwd = path;
  vars.PWD = path;
  if (print) f.out(path + '\n');
  return 0;
}

function quoteValue(v: string): string {
  return '"' + v.replace(/["\\$`]/g, '\\$&') + '"';
}

function declare(argv: string[], f: Frame, sh: Sh, exportIt: boolean): number {
  const env = sh.env;
  let code = 0;
  let unexport = false;
  let list = false;
  let isArray = false;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === '-n' && exportIt) unexport = true;
    else if (a === '-p') list = true;
    else if (a === '-x') exportIt = true;
    else if (a === '-a' || a === '-A') isArray = true;
    else if (/^[-+][a-zA-Z]+$/.test(a)) {
      /* -r -i -a ... accepted */
    } else names.push(a);
  }
  if (!names.length || list) {
    if (exportIt) {
      const src = env.exported ?? env.vars;
      for (const k of Object.keys(src).sort()) {
        if (sh.bashStyle) f.out(`declare -x ${k}=${quoteValue(src[k]!)}\n`);
        else f.out(`export ${k}='${src[k]!.replace(/'/g, "'\\''")}'\n`);
      }
    } else for (const k of Object.keys(env.vars).sort()) f.out(`${k}=${shellQuote(env.vars[k]!)}\n`);
    if (!names.length) return 0;
  }
  for (const a of names) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=)([\s\S]*)$/.exec(a);
    const name = m ? m[1]! : a;
    if (!NAME_RE.test(name)) {
      f.err(`${sh.name}: ${argv[0]}: \`${a}': not a valid identifier\n`);
      code = 1;
      continue;
    }
    if (isArray && !m) {
      (env.arrays ??= {})[name] ??= [];
      continue;
    }
    if (m) {
      const value = m[2] === '+=' ? (env.vars[name] ?? '') + m[3]! : m[3]!;
      env.vars[name] = value;
    }
    if (unexport) {
      if (env.exported) delete env.exported[name];
      continue;
    }
    if (exportIt && env.exported) {
      if (env.vars[name] !== undefined) env.exported[name] = env.vars[name]!;
    } else if (m) setVar(sh, name, env.vars[name]!);
  }
  return code;
}

/** Quotes a value the way `set` / `declare -p` print it (and xargs/env pass words on). */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

async function read(argv: string[], f: Frame, sh: Sh): Promise<number> {
  let raw = false;
  let prompt = '';
  let delim = '\n';
  let nchars = -1;
  let arrayName: string | null = null;
  const names: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-r') raw = true;
    else if (a === '-s') continue;
    else if (a === '-p') prompt = args[++i] ?? '';
    else if (a === '-d') delim = (args[++i] ?? '\n')[0] ?? '\n';
    else if (a === '-n' || a === '-N') nchars = Number(args[++i] ?? '1');
    else if (a === '-t' || a === '-u') i++;
    else if (a === '-a') arrayName = args[++i] ?? null;
    else if (a === '-ra' || a === '-ar') {
      raw = true;
      arrayName = args[++i] ?? null;
    }
    else if (/^-[rs]+$/.test(a)) raw = raw || a.includes('r');
    else names.push(a);
  }
  if (!names.length) names.push('REPLY');
  let line: string | null;
  let eof = false;
  if (f.stdin) {
    const st = f.stdin;
    if (st.pos >= st.s.length) line = null;
    else if (nchars > 0) {
      line = st.s.slice(st.pos, st.pos + nchars);
      st.pos += line.length;
    } else {
      const e = st.s.indexOf(delim, st.pos);
      if (e < 0) {
        line = st.s.slice(st.pos);
        st.pos = st.s.length;
        eof = true;
      } else {
        line = st.s.slice(st.pos, e);
        st.pos = e + 1;
      }
    }
  } else {
    line = await sh.env.ctx.readLine(prompt);
  }
  if (line === null) {
    for (const n of names) setVar(sh, n, '');
    return 1;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = sh.env.vars.IFS ?? ' \t\n';
  if (arrayName) {
    const t = trimIfs(line, ifs);
    (sh.env.arrays ??= {})[arrayName] = t ? t.split(new RegExp('[' + escClass(ifs) + ']+')) : [];
    delete sh.env.vars[arrayName];
    return eof ? 1 : 0;
  }
  if (names.length === 1) {
    setVar(sh, names[0]!, names[0] === 'REPLY' ? line : trimIfs(line, ifs));
  } else {
    let rest = trimIfs(line, ifs);
    for (let i = 0; i < names.length; i++) {
      if (i === names.length - 1) {
        setVar(sh, names[i]!, rest);
        break;
      }
      const m = new RegExp('^([^' + escClass(ifs) + ']*)[' + escClass(ifs) + ']*').exec(rest)!;
      setVar(sh, names[i]!, m[1]!);
      rest = rest.slice(m[0].length);
    }
  }
  return eof ? 1 : 0;
}

function escClass(s: string): string {
  return s.replace(/[\]\\^-]/g, '\\$&');
}
function trimIfs(s: string, ifs: string): string {
  const ws = ifs.replace(/[^ \t\n]/g, '');
  if (!ws) return s;
  const c = escClass(ws);
  return s.replace(new RegExp('^[' + c + ']+|[' + c + ']+$', 'g'), '');
}

function exit(argv: string[], f: Frame, sh: Sh): number {
  const a = argv[1];
  let code = sh.last;
  if (a !== undefined) {
    if (!/^[-+]?\d+$/.test(a)) {
      f.err(`${sh.name}: exit: ${a}: numeric argument required\n`);
      code = 2;
    } else code = Number(a) & 255;
  }
  throw new ExitSignal(code);
}

function set(argv: string[], f: Frame, sh: Sh): number {
  const args = argv.slice(1);
  if (!args.length) {
    for (const k of Object.keys(sh.env.vars).sort()) f.out(`${k}=${shellQuote(sh.env.vars[k]!)}\n`);
    return 0;
  }
  const dd = args.indexOf('--');
  if (dd >= 0) sh.env.args = [sh.env.args?.[0] ?? sh.name, ...args.slice(dd + 1)];
  else if (!args[0]!.startsWith('-') && !args[0]!.startsWith('+')) sh.env.args = [sh.env.args?.[0] ?? sh.name, ...args];
  return 0;
}

async function evalCmd(argv: string[], f: Frame, sh: Sh): Promise<number> {
  const r = await runText(sh, argv.slice(1).join(' '), f);
  if (r.exit) throw new ExitSignal(r.code);
  return r.code;
}

async function source(argv: string[], f: Frame, sh: Sh): Promise<number> {
  const file = argv[1];
  if (file === undefined) {
    f.err(`${sh.name}: ${argv[0]}: filename argument required\n`);
    return 2;
  }
  const text = sh.procFiles?.[file] ?? readText(sh.env.fs, file);
  // Shell completion scripts (source <(kubectl completion bash)): k8s-drill completes on its own.
  if (text !== null && /complete\s+-[oF]|__start_kubectl|_docker\b|compdef/.test(text) && text.length > 2000) return 0;
  if (text === null) {
    f.err(`${sh.name}: ${file}: No such file or directory\n`);
    return 1;
  }
  const saved = sh.env.args;
  if (argv.length > 2) sh.env.args = [file, ...argv.slice(2)];
  try {
    const r = await runText(sh, text, f);
    if (r.exit) throw new ExitSignal(r.code);
    return r.code;
  } finally {
    sh.env.args = saved;
  }
}

const PATHS: Record<string, string> = { kubectl: '/usr/local/bin/kubectl', minikube: '/usr/local/bin/minikube', docker: '/usr/bin/docker' };

function whereIs(sh: Sh, name: string): string | null {
  if (!sh.env.lookup(name)) return null;
  return PATHS[name] ?? (sh.env.host ? '/usr/bin/' : '/bin/') + name;
}

function type(argv: string[], f: Frame, sh: Sh): number {
  let code = 0;
  for (const n of argv.slice(1)) {
    if (n.startsWith('-')) continue;
    const alias = sh.env.aliases?.[n];
    if (alias !== undefined) f.out(`${n} is aliased to \`${alias}'\n`);
    else if (shellBuiltins[n]) f.out(`${n} is a shell builtin\n`);
    else {
      const p = whereIs(sh, n);
      if (p) f.out(`${n} is ${p}\n`);
      else {
        f.err(`${sh.name}: type: ${n}: not found\n`);
        code = 1;
      }
    }
  }
  return code;
}

async function command(argv: string[], f: Frame, sh: Sh, t: Record<string, string> | null): Promise<number> {
  const args = argv.slice(1);
  if (args[0] === '-v' || args[0] === '-V') {
    let code = 0;
    for (const n of args.slice(1)) {
      if (shellBuiltins[n]) f.out(n + '\n');
      else {
        const p = whereIs(sh, n);
        if (p) f.out(p + '\n');
        else code = 1;
      }
    }
    return code;
  }
  if (!args.length) return 0;
  return invoke(sh, args, f, t);
}

function which(argv: string[], f: Frame, sh: Sh): number {
  let code = 0;
  for (const n of argv.slice(1)) {
    if (n.startsWith('-')) continue;
    const p = whereIs(sh, n);
    if (p) f.out(p + '\n');
    else code = 1;
  }
  return code;
}

function loop(kind: 'break' | 'continue'): Builtin {
  return (argv) => {
    const n = argv[1] === undefined ? 1 : Math.max(1, parseInt(argv[1], 10) || 1);
    throw new LoopSignal(kind, n);
  };
}

export const shellBuiltins: Record<string, Builtin> = {
  cd,
  pwd: (_a, f, sh) => {
    f.out(sh.env.fs.cwd + '\n');
    return 0;
  },
  export: (a, f, sh) => declare(a, f, sh, true),
  declare: (a, f, sh) => declare(a, f, sh, false),
  typeset: (a, f, sh) => declare(a, f, sh, false),
  local: (a, f, sh) => declare(a, f, sh, false),
  readonly: (a, f, sh) => declare(a, f, sh, false),
  unset: (argv, _f, sh) => {
    for (const n of argv.slice(1)) {
      if (n.startsWith('-')) continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(\d+)\]$/.exec(n);
      if (m && sh.env.arrays?.[m[1]!]) {
        sh.env.arrays[m[1]!]!.splice(Number(m[2]), 1);
        continue;
      }
      delete sh.env.vars[n];
      if (sh.env.arrays) delete sh.env.arrays[n];
      if (sh.env.exported) delete sh.env.exported[n];
    }
    return 0;
  },
  read,
  exit,
  set,
  shift: (argv, _f, sh) => {
    const n = argv[1] === undefined ? 1 : parseInt(argv[1], 10) || 0;
    const args = sh.env.args ?? [sh.name];
    if (n > args.length - 1) return 1;
    sh.env.args = [args[0]!, ...args.slice(1 + n)];
    return 0;
  },
  eval: evalCmd,
  source,
  '.': source,
  ':': () => 0,
  true: prog(trueProg),
  false: prog(falseProg),
  echo: prog(echo),
  printf: (argv, f, sh, t) =>
    callProgram(sh, 'printf', printf, argv, { ...f, err: (s) => f.err(s.startsWith('printf: ') ? `${sh.name}: ${s}` : s) }, t),
  test: (argv, f, sh) => runTest(argv.slice(1), sh.env.fs, false, f.err, sh.name),
  '[': (argv, f, sh) => runTest(argv.slice(1), sh.env.fs, true, f.err, sh.name),
  break: loop('break'),
  continue: loop('continue'),
  return: (argv, _f, sh) => {
    throw new ReturnSignal(argv[1] === undefined ? sh.last : Number(argv[1]) & 255);
  },
  type,
  command,
  which,
  let: (argv, f, sh) => {
    if (argv.length < 2) {
      f.err(`${sh.name}: let: expression expected\n`);
      return 1;
    }
    let v = 0;
    for (const e of argv.slice(1)) {
      try {
        v = evalArith(e, sh.env.vars);
      } catch (err) {
        f.err(`${sh.name}: let: ${(err as Error).message}\n`);
        return 1;
      }
    }
    return v === 0 ? 1 : 0;
  },
  complete: () => 0,
  compopt: () => 0,
  time: async (argv, f, sh, t) => {
    const w = sh.env.world;
    const t0 = w.clock.offsetMs;
    const code = argv.length > 1 ? await invoke(sh, argv.slice(1), f, t) : 0;
    const ms = w.clock.offsetMs - t0;
    const fmt = (x: number) => `${Math.floor(x / 60000)}m${((x % 60000) / 1000).toFixed(3)}s`;
    f.err(`\nreal\t${fmt(ms)}\nuser\t0m0.000s\nsys\t0m0.000s\n`);
    return code;
  },
  timeout: async (argv, f, sh, t) => {
    let i = 1;
    while (argv[i]?.startsWith('-')) i += argv[i] === '-s' || argv[i] === '-k' ? 2 : 1;
    if (argv[i] === undefined || argv[i + 1] === undefined) {
      f.err("timeout: missing operand\nTry 'timeout --help' for more information.\n");
      return 125;
    }
    return invoke(sh, argv.slice(i + 1), f, t);
  },
  nohup: (argv, f, sh, t) => (argv.length > 1 ? invoke(sh, argv.slice(1), f, t) : 0),
  exec: (argv, f, sh, t) => {
    // `exec bash` / `exec $SHELL` (reload the shell): nothing to do here.
    if (argv.length < 2 || /(^|\/)(ba|z)?sh$/.test(argv[1]!)) return 0;
    return invoke(sh, argv.slice(1), f, t);
  },
  kill: (argv, f, sh) => {
    // Commands ending in & ran in the foreground: there are no jobs or background processes to signal.
    const targets = argv.slice(1).filter((a) => !/^-/.test(a) || /^-\d+$/.test(a) === false && !/^-[A-Z0-9]+$/.test(a) && !/^-s$/.test(a));
    if (!targets.length) {
      f.err(`${sh.name}: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`);
      return 2;
    }
    for (const t of targets) {
      if (t.startsWith('%')) f.err(`${sh.name}: kill: ${t}: no such job\n`);
      else if (/^\d+$/.test(t)) f.err(`${sh.name}: kill: (${t}) - No such process\n`);
      else f.err(`${sh.name}: kill: ${t}: arguments must be process or job IDs\n`);
    }
    return 1;
  },
  fg: (_a, f, sh) => (f.err(`${sh.name}: fg: ${sh.env.ctx.interactive ? 'current: no such job' : 'no job control'}\n`), 1),
  bg: (_a, f, sh) => (f.err(`${sh.name}: bg: ${sh.env.ctx.interactive ? 'current: no such job' : 'no job control'}\n`), 1),
  wait: () => 0,
  trap: () => 0,
  umask: () => 0,
  ulimit: () => 0,
  hash: () => 0,
  shopt: () => 0,
  jobs: () => 0,
};
