/**
 * The shell interpreter: runs a script (parser.ts AST) against a ScriptEnv. Used by the learner's host shell
 * (run.ts) and, through the same runScript, by shells inside containers (`sh -c`, `docker exec`, `kubectl exec`).
 *
 * Pipelines run left to right with buffered strings; `$?`, && / ||, loops (bounded), if, subshells, command
 * substitution, heredocs, redirections into env.fs. Every program call is guarded: an exception becomes
 * `k8s-drill: internal error in NAME: MESSAGE` (exit 1), never a stack trace.
 */
import type { Ctx, HostFs, IO, Program } from '../core/types.js';
import { isDevice, readText } from './util.js';
import type { World } from '../world/world.js';
import { advanceTo, simNow } from '../world/sim.js';
import { randomInt } from '../core/random.js';
import type { Session } from './session.js';
import type { Cmd, Part, Pipeline, Redir, Script, Word } from './ast.js';
import { Incomplete, parse, ShellSyntaxError } from './parser.js';
import { ArithError, evalArith } from './arith.js';
import { braceExpand, globSource, globToRegExp, MAX_BRACE } from './pattern.js';
import { shellBuiltins } from './builtins.js';
import { binaryTest, TestError, unaryTest } from './testcmd.js';

export interface ScriptEnv {
  world: World;
  ctx: Ctx;
  /** What redirects, cd, ls, cat, test -f see (host files, or a container fs). */
  fs: HostFs;
  /** Shell variables; mutated by assignments and export. */
  vars: Record<string, string>;
  /** Programs beyond the shell's own builtins. */
  lookup(name: string): Program | undefined;
  /** true: the learner's host shell; false: a shell inside a container. */
  host: boolean;
  session?: Session;
  /**
   * Exported variables (the host passes world.shell.env so `export` persists). When given, programs see these
   * (plus HOME/PATH/PWD and `A=b cmd` prefixes) as io.env; when absent, programs see all of `vars`.
   */
  exported?: Record<string, string>;
  /** Aliases expanded in command position (host: world.shell.aliases). */
  aliases?: Record<string, string>;
  /** $0, $1 ... (`sh -c 'echo $1' sh a`). */
  args?: string[];
  /** Prefix of the shell's own error messages: 'k8s-drill' on the host, 'sh' (default) or 'bash' in containers. */
  shellName?: string;
  /** Indexed arrays (arr=(a b c)); the host keeps them for the session. */
  arrays?: Record<string, string[]>;
  /** Shell functions (name() { ... }); the host keeps them for the session. */
  funcs?: Record<string, Cmd>;
  /** Looked up before the shell's builtins (edge-provided builtins of the host session). */
  first?(name: string): Program | undefined;
  /** $? when the script starts (the host shell keeps it between lines). */
  status?: number;
  /** The message (with newline) for an unknown command; default: like sh/bash. */
  notFound?(name: string): string;
}

export interface ScriptIO {
  stdin?: string;
  out(s: string): void;
  err(s: string): void;
}

const ASH_KEYWORDS = new Set(['case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'then', 'until', 'while', '{', '}', '!']);

/** Longest script / heredoc accepted. */
export const MAX_INPUT = 5 * 1024 * 1024;
/** A while/until loop stops (with an error) after this many iterations. */
export const MAX_LOOP = 10_000;
/** Commands one top-level script may run in total (nested loops included). */
export const MAX_STEPS = 500_000;
/** runLine/eval/source nesting (xargs calling xargs ...). */
export const MAX_DEPTH = 50;

export interface Stream {
  s: string;
  pos: number;
}

export interface Frame {
  stdin: Stream | null;
  out(s: string): void;
  err(s: string): void;
}

export interface Sh {
  env: ScriptEnv;
  /** $? */
  last: number;
  /** Exit status of the last command substitution in the current simple command. */
  subst: number;
  limits: { steps: number; depth: number };
  name: string;
  bashStyle: boolean;
  /** Output of <(...) process substitutions, by the /dev/fd/N path handed out. */
  procFiles?: Record<string, string>;
}

export class ExitSignal {
  constructor(public code: number) {}
}
export class LoopSignal {
  constructor(
    public kind: 'break' | 'continue',
    public n: number,
  ) {}
}
export class ReturnSignal {
  constructor(public code: number) {}
}
/** A safety limit was hit: stops the whole script. */
export class LimitError extends Error {}
/** ${X:?msg}, bad substitution, arithmetic errors: the command fails. */
export class ExpansionError extends Error {}

// ---- entry points -------------------------------------------------------------------------------

export async function runScript(text: string, env: ScriptEnv, io: ScriptIO): Promise<{ code: number; exit?: boolean }> {
  const name = env.shellName ?? (env.host ? 'k8s-drill' : 'sh');
  const sh: Sh = { env, last: env.status ?? 0, subst: 0, limits: { steps: 0, depth: 0 }, name, bashStyle: env.host || name === 'bash' };
  const f: Frame = { stdin: io.stdin === undefined ? null : { s: io.stdin, pos: 0 }, out: io.out, err: io.err };
  return runText(sh, text, f);
}

/** Parses and runs text in an existing shell (top level, eval, source, io.runLine). */
export async function runText(sh: Sh, text: string, f: Frame): Promise<{ code: number; exit?: boolean }> {
  if (text.length > MAX_INPUT) {
    f.err(`${sh.name}: input too large (${text.length} bytes; at most ${MAX_INPUT})\n`);
    return { code: 2 };
  }
  let script: Script;
  try {
    script = parse(text, {
      aliases: sh.env.aliases,
      lenientHeredoc: true,
      warn: (m) => f.err(`${sh.name}: ${m}\n`),
    });
  } catch (e) {
    if (e instanceof Incomplete) {
      if (!sh.bashStyle) {
        // busybox ash (shell/ash.c raise_error_unexpected_syntax / raise_error_syntax)
        const quote = /matching `["'`]/.test(e.message);
        f.err(`${sh.name}: syntax error: ${quote ? 'unterminated quoted string' : 'unexpected end of file' + (e.expecting ? ` (expecting "${e.expecting}")` : '')}\n`);
      } else {
        const m = e.message.startsWith('unexpected EOF') || e.message.startsWith('syntax error') ? e.message : 'syntax error: unexpected end of file';
        f.err(`${sh.name}: ${m}\n`);
        if (m.startsWith('unexpected EOF')) f.err(`${sh.name}: syntax error: unexpected end of file\n`);
      }
      sh.last = 2;
      return { code: 2 };
    }
    if (e instanceof ShellSyntaxError) {
      if (!sh.bashStyle && e.tok !== undefined) {
        const t = e.tok;
        const shown = t === 'newline' ? 'newline' : /^[A-Za-z_][A-Za-z0-9_]*$/.test(t) && !ASH_KEYWORDS.has(t) ? 'word' : `"${t}"`;
        f.err(`${sh.name}: syntax error: unexpected ${shown}${e.expecting ? ` (expecting "${e.expecting}")` : ''}\n`);
      } else f.err(`${sh.name}: ${e.message}\n`);
      sh.last = 2;
      return { code: 2 };
    }
    throw e;
  }
  if (++sh.limits.depth > MAX_DEPTH) {
    sh.limits.depth--;
    f.err(`${sh.name}: maximum nesting depth exceeded (${MAX_DEPTH})\n`);
    return { code: 1 };
  }
  try {
    const code = await runList(sh, script, f);
    return { code };
  } catch (e) {
    if (e instanceof ExitSignal) {
      sh.last = e.code;
      return { code: e.code, exit: true };
    }
    if (e instanceof LimitError) {
      f.err(`${sh.name}: ${e.message}\n`);
      sh.last = 1;
      return { code: 1 };
    }
    if (e instanceof ReturnSignal) return { code: e.code };
    if (e instanceof AbortLine) {
      sh.last = e.code;
      return { code: e.code };
    }
    if (e instanceof LoopSignal) return { code: 0 };
    throw e;
  } finally {
    sh.limits.depth--;
  }
}

// ---- execution ----------------------------------------------------------------------------------

export async function runList(sh: Sh, script: Script, f: Frame): Promise<number> {
  let code = 0;
  for (const ao of script) {
    code = await runPipeline(sh, ao.first, f);
    sh.last = code;
    for (const r of ao.rest) {
      if (r.op === '&&' ? code !== 0 : code === 0) continue;
      code = await runPipeline(sh, r.p, f);
      sh.last = code;
    }
  }
  return code;
}

async function runPipeline(sh: Sh, p: Pipeline, f: Frame): Promise<number> {
  let code: number;
  if (p.cmds.length === 1) code = await runCmd(sh, p.cmds[0]!, f);
  else {
    let input = f.stdin;
    code = 0;
    for (let i = 0; i < p.cmds.length; i++) {
      const lastStage = i === p.cmds.length - 1;
      let buf = '';
      const collect = (s: string) => void (buf += s);
      const stage: Frame = {
        stdin: input,
        out: lastStage ? f.out : collect,
        err: !lastStage && p.errPipe?.[i] ? collect : f.err,
      };
      code = await subshell(sh, (sub) => runCmd(sub, p.cmds[i]!, stage), stage);
      input = { s: buf, pos: 0 };
    }
  }
  if (p.bang) code = code === 0 ? 1 : 0;
  return code;
}

/** Runs fn in a subshell: variables and the working folder are restored afterwards; `exit` ends only it. */
export async function subshell(sh: Sh, fn: (sub: Sh) => Promise<number>, _f?: Frame): Promise<number> {
  const env = sh.env;
  const cwd = env.fs.cwd;
  const sub: Sh = {
    ...sh,
    env: {
      ...env,
      vars: { ...env.vars },
      exported: env.exported ? { ...env.exported } : undefined,
      aliases: env.aliases,
      arrays: env.arrays ? Object.fromEntries(Object.entries(env.arrays).map(([k, v]) => [k, [...v]])) : undefined,
    },
  };
  try {
    return await fn(sub);
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof LoopSignal) return 0;
    throw e;
  } finally {
    env.fs.cwd = cwd;
  }
}

async function runCmd(sh: Sh, cmd: Cmd, f: Frame): Promise<number> {
  if (++sh.limits.steps > MAX_STEPS) throw new LimitError(`stopped after ${MAX_STEPS} commands (k8s-drill never runs a script forever)`);
  switch (cmd.k) {
    case 'simple':
      return runSimple(sh, cmd, f);
    case 'for':
      return withRedirs(sh, cmd.redirs, f, async (g) => {
        let items: string[];
        try {
          items = cmd.items ? await expandWords(sh, cmd.items, g) : (sh.env.args ?? []).slice(1);
        } catch (e) {
          return expansionFailed(sh, e, g);
        }
        let code = 0;
        for (const item of items) {
          sh.env.vars[cmd.name] = item;
          try {
            code = await runList(sh, cmd.body, g);
          } catch (e) {
            if (!(e instanceof LoopSignal)) throw e;
            if (e.n > 1) throw new LoopSignal(e.kind, e.n - 1);
            if (e.kind === 'break') break;
          }
        }
        return code;
      });
    case 'while':
      return withRedirs(sh, cmd.redirs, f, async (g) => {
        let code = 0;
        for (let n = 0; ; n++) {
          if (n >= MAX_LOOP) {
            g.err(`${sh.name}: ${cmd.until ? 'until' : 'while'}: loop stopped after ${MAX_LOOP} iterations (k8s-drill never runs a loop forever)\n`);
            return 1;
          }
          const c = await runList(sh, cmd.cond, g);
          if (cmd.until ? c === 0 : c !== 0) break;
          try {
            code = await runList(sh, cmd.body, g);
          } catch (e) {
            if (!(e instanceof LoopSignal)) throw e;
            if (e.n > 1) throw new LoopSignal(e.kind, e.n - 1);
            if (e.kind === 'break') break;
          }
        }
        return code;
      });
    case 'if':
      return withRedirs(sh, cmd.redirs, f, async (g) => {
        for (const c of cmd.clauses) {
          if ((await runList(sh, c.cond, g)) === 0) return runList(sh, c.body, g);
        }
        return cmd.otherwise ? runList(sh, cmd.otherwise, g) : 0;
      });
    case 'group':
      return withRedirs(sh, cmd.redirs, f, (g) => (cmd.subshell ? subshell(sh, (sub) => runList(sub, cmd.body, g), g) : runList(sh, cmd.body, g)));
    case 'arith':
      return withRedirs(sh, cmd.redirs, f, async (g) => {
        try {
          const v = evalArith(await expandOne(sh, cmd.expr, g), sh.env.vars);
          return v !== 0 ? 0 : 1;
        } catch (e) {
          return expansionFailed(sh, e, g);
        }
      });
    case 'func':
      (sh.env.funcs ??= {})[cmd.name] = cmd.body;
      return 0;
    case 'case':
      return withRedirs(sh, cmd.redirs, f, async (g) => {
        let word: string;
        try {
          word = await expandOne(sh, cmd.word, g);
        } catch (e) {
          return expansionFailed(sh, e, g);
        }
        for (const it of cmd.items) {
          for (const p of it.patterns) {
            let src = '';
            for (const part of p.parts) {
              const v = part.k === 'lit' ? part.v : await evalPart(sh, part, g);
              src += part.q ? v.replace(/[*?[\]\\]/g, '\\$&') : v;
            }
            if (globToRegExp(src).test(word)) return runList(sh, it.body, g);
          }
        }
        return 0;
      });
    case 'cond':
      return withRedirs(sh, cmd.redirs, f, async (g) => {
        try {
          return (await evalCond(sh, cmd.words, g)) ? 0 : 1;
        } catch (e) {
          return expansionFailed(sh, e, g);
        }
      });
  }
}

/**
 * An expansion error (${X:?}, bad arithmetic) aborts the whole line, as in bash; a test error ([[ ]]) only fails
 * the command (status 2).
 */
function expansionFailed(sh: Sh, e: unknown, f: Frame): number {
  if (e instanceof ExpansionError || e instanceof ArithError) {
    f.err(`${sh.name}: ${e.message}\n`);
    throw new AbortLine(1);
  }
  if (e instanceof TestError) {
    f.err(`${sh.name}: ${e.message}\n`);
    return 2;
  }
  throw e;
}

/** Stops the current line (top-level script) with a status, after its message was printed. */
export class AbortLine {
  constructor(public code: number) {}
}

const DECL: Record<string, true> = { export: true, local: true, declare: true, readonly: true, typeset: true };

async function runSimple(sh: Sh, cmd: Extract<Cmd, { k: 'simple' }>, f: Frame): Promise<number> {
  sh.subst = 0;
  let argv: string[];
  try {
    const w0 = cmd.words[0];
    const first = w0 && w0.parts.length === 1 && w0.parts[0]!.k === 'lit' && !w0.parts[0]!.q ? w0.parts[0]!.v : null;
    if (first !== null && DECL[first]) {
      argv = [first];
      for (const w of cmd.words.slice(1)) {
        const p0 = w.parts[0];
        if (p0 && p0.k === 'lit' && !p0.q && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(p0.v)) argv.push(await expandOne(sh, w, f));
        else argv.push(...(await expandWords(sh, [w], f)));
      }
    } else argv = await expandWords(sh, cmd.words, f);
  } catch (e) {
    return expansionFailed(sh, e, f);
  }
  const assigns: [string, string][] = [];
  const arrayOps: (() => void)[] = [];
  try {
    for (const a of cmd.assigns) {
      if (a.array) {
        const list = await expandWords(sh, a.array, f);
        const arrays = (sh.env.arrays ??= {});
        const old = a.append ? (arrays[a.name] ?? (sh.env.vars[a.name] !== undefined ? [sh.env.vars[a.name]!] : [])) : [];
        arrayOps.push(() => {
          arrays[a.name] = [...old, ...list];
          delete sh.env.vars[a.name];
        });
        continue;
      }
      if (a.index) {
        const i = evalArith(await expandOne(sh, a.index, f), sh.env.vars);
        const v = await expandOne(sh, a.value, f, true);
        arrayOps.push(() => {
          const arrays = (sh.env.arrays ??= {});
          const list = (arrays[a.name] ??= sh.env.vars[a.name] !== undefined ? [sh.env.vars[a.name]!] : []);
          delete sh.env.vars[a.name];
          const k = i < 0 ? list.length + i : i;
          list[k] = a.append ? (list[k] ?? '') + v : v;
        });
        continue;
      }
      let v = await expandOne(sh, a.value, f, true);
      if (a.append) v = (argv.length ? '' : getVar(sh, a.name) ?? '') + v;
      assigns.push([a.name, v]);
    }
  } catch (e) {
    return expansionFailed(sh, e, f);
  }
  if (argv.length === 0) {
    for (const op of arrayOps) op();
    for (const [k, v] of assigns) setVar(sh, k, v);
    const code = sh.subst;
    if (!cmd.redirs.length) return code;
    return withRedirs(sh, cmd.redirs, f, async () => code);
  }
  const tempEnv: Record<string, string> | null = assigns.length ? Object.fromEntries(assigns) : null;
  return withRedirs(sh, cmd.redirs, f, (g) => invoke(sh, argv, g, tempEnv));
}

export function setVar(sh: Sh, name: string, value: string): void {
  const arr = sh.env.arrays?.[name];
  if (arr) {
    arr[0] = value;
    return;
  }
  sh.env.vars[name] = value;
  if (sh.env.exported && Object.hasOwn(sh.env.exported, name)) sh.env.exported[name] = value;
}

/** Runs argv (already expanded): sudo, builtins, programs, command not found. */
export async function invoke(sh: Sh, argv: string[], f: Frame, tempEnv: Record<string, string> | null = null): Promise<number> {
  const env = sh.env;
  if (argv[0] === 'sudo') {
    argv = stripSudo(argv);
    if (argv.length === 0) {
      f.err('usage: sudo [-E] command\n');
      return 1;
    }
    const alias = env.aliases?.[argv[0]!];
    if (alias !== undefined) {
      const words = await aliasWords(sh, alias, f);
      if (words) argv = [...words, ...argv.slice(1)];
    }
  }
  const name = argv[0]!;
  const pre = env.first?.(name);
  if (pre) return callProgram(sh, name, pre, argv, f, tempEnv);
  const fn = env.funcs?.[name];
  if (fn) return callFunction(sh, fn, argv, f);
  const b = shellBuiltins[name];
  if (b) {
    // `IFS=, read a b`: prefix assignments hold while the builtin runs
    const saved: [string, string | undefined][] = [];
    if (tempEnv) {
      for (const [k, v] of Object.entries(tempEnv)) {
        saved.push([k, env.vars[k]]);
        env.vars[k] = v;
      }
    }
    try {
      return await b(argv, f, sh, tempEnv);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof LoopSignal || e instanceof LimitError || e instanceof ReturnSignal || e instanceof AbortLine) throw e;
      f.err(`k8s-drill: internal error in ${name}: ${errorMessage(e)}\n`);
      return 1;
    } finally {
      for (const [k, v] of saved.reverse()) {
        if (v === undefined) delete env.vars[k];
        else env.vars[k] = v;
      }
    }
  }
  let prog = env.lookup(name);
  if (!prog && name.includes('/')) prog = env.lookup(name.slice(name.lastIndexOf('/') + 1));
  if (!prog) {
    if (env.notFound) f.err(env.notFound(name));
    else if (sh.bashStyle) f.err(`${sh.name}: ${name}: command not found\n`);
    else f.err(`${sh.name}: ${name}: not found\n`);
    return 127;
  }
  return callProgram(sh, name, prog, argv, f, tempEnv);
}

async function callFunction(sh: Sh, body: Cmd, argv: string[], f: Frame): Promise<number> {
  const saved = sh.env.args;
  sh.env.args = [saved?.[0] ?? sh.name, ...argv.slice(1)];
  if (++sh.limits.depth > MAX_DEPTH) {
    sh.limits.depth--;
    sh.env.args = saved;
    f.err(`${sh.name}: ${argv[0]}: maximum function nesting level exceeded (${MAX_DEPTH})\n`);
    return 1;
  }
  try {
    return await runCmd(sh, body, f);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.code;
    throw e;
  } finally {
    sh.limits.depth--;
    sh.env.args = saved;
  }
}

function stripSudo(argv: string[]): string[] {
  let i = 1;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const o = argv[i]!;
    i++;
    if (o === '--') break;
    if (o === '-u' || o === '-g' || o === '-C' || o === '-h' || o === '-p') i++;
  }
  return argv.slice(i);
}

async function aliasWords(sh: Sh, text: string, f: Frame): Promise<string[] | null> {
  try {
    const s = parse(text);
    const c = s.length === 1 && !s[0]!.rest.length && s[0]!.first.cmds.length === 1 ? s[0]!.first.cmds[0]! : null;
    if (!c || c.k !== 'simple' || c.assigns.length || c.redirs.length) return null;
    return await expandWords(sh, c.words, f);
  } catch {
    return null;
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export async function callProgram(sh: Sh, name: string, prog: Program, argv: string[], f: Frame, tempEnv: Record<string, string> | null): Promise<number> {
  const io = makeIO(sh, f, tempEnv);
  try {
    const code = await prog(argv.slice(1), io);
    return typeof code === 'number' && Number.isFinite(code) ? code & 255 : 0;
  } catch (e) {
    if (e instanceof ExitSignal || e instanceof LimitError || e instanceof AbortLine) throw e;
    f.err(`k8s-drill: internal error in ${name}: ${errorMessage(e)}\n`);
    return 1;
  }
}

/** Environment programs see: exported variables (+ `A=b cmd` prefixes). */
export function programEnv(sh: Sh, tempEnv: Record<string, string> | null): Record<string, string> {
  const env = sh.env;
  let out: Record<string, string>;
  if (env.exported) {
    out = {};
    for (const k of ['HOME', 'PATH', 'SHELL', 'USER', 'TERM', 'HOSTNAME']) if (env.vars[k] !== undefined) out[k] = env.vars[k]!;
    out.PWD = env.fs.cwd;
    Object.assign(out, env.exported);
  } else out = { ...env.vars };
  if (tempEnv) Object.assign(out, tempEnv);
  return out;
}

export function makeIO(sh: Sh, f: Frame, tempEnv: Record<string, string> | null): IO {
  const env = sh.env;
  const { world, ctx } = env;
  return {
    world,
    ctx,
    fs: sh.procFiles ? withProcFiles(env.fs, sh.procFiles) : env.fs,
    stdin: f.stdin ? (f.stdin.pos ? f.stdin.s.slice(f.stdin.pos) : f.stdin.s) : '',
    stdinIsPipe: f.stdin !== null,
    env: programEnv(sh, tempEnv),
    out: f.out,
    err: f.err,
    now: () => simNow(world, ctx.wallNow),
    advance: (ms: number) => {
      if (!(ms > 0)) return;
      world.clock.offsetMs += ms;
      advanceTo(world, simNow(world, ctx.wallNow));
    },
    enterShell: (t) => {
      if (env.session) env.session.nested.push(t);
    },
    runLine: async (line: string) => (await runText(sh, line, { stdin: null, out: f.out, err: f.err })).code,
  };
}

/** The fs a program sees when <(...) handed out /dev/fd/N paths: those read as the captured output. */
function withProcFiles(base: HostFs, files: Record<string, string>): HostFs {
  const fs = Object.create(base) as HostFs;
  fs.readFile = (p) => (Object.hasOwn(files, p) ? files[p]! : base.readFile(p));
  fs.stat = (p) => (Object.hasOwn(files, p) ? { type: 'file', size: files[p]!.length, mtimeMs: 0 } : base.stat(p));
  return fs;
}

// ---- redirections -------------------------------------------------------------------------------

interface FileSink {
  path: string;
  append: boolean;
  buf: string;
}

async function withRedirs(sh: Sh, redirs: Redir[], f: Frame, fn: (g: Frame) => Promise<number>): Promise<number> {
  if (!redirs.length) return fn(f);
  const fs = sh.env.fs;
  const files: FileSink[] = [];
  let out = f.out;
  let err = f.err;
  let stdin = f.stdin;
  const nul = () => {};
  const sinkFor = (target: string, append: boolean): ((s: string) => void) | string => {
    if (target === '/dev/null') return nul;
    if (target === '/dev/stdout') return f.out;
    if (target === '/dev/stderr') return f.err;
    if (target === '') return `: No such file or directory`;
    const path = fs.resolve(target);
    if (path === '/dev/tty') return f.out;
    if (isDevice(path)) return `${target}: writing devices is not supported in k8s-drill`;
    const st = fs.stat(path);
    if (st && st.type === 'dir') return `${target}: Is a directory`;
    let sink = files.find((x) => x.path === path);
    if (!sink) {
      sink = { path, append, buf: '' };
      files.push(sink);
    }
    const s = sink;
    return (text: string) => void (s.buf += text);
  };
  for (const r of redirs) {
    let target: string;
    try {
      target = r.op === '<<' ? '' : await expandOne(sh, r.target, f);
    } catch (e) {
      return expansionFailed(sh, e, f);
    }
    switch (r.op) {
      case '>':
      case '>|':
      case '>>':
      case '&>':
      case '&>>': {
        const sink = sinkFor(target, r.op === '>>' || r.op === '&>>');
        if (typeof sink === 'string') {
          err(`${sh.name}: ${sink}\n`);
          return 1;
        }
        if (r.fd === 1 || r.fd === -1) out = sink;
        if (r.fd === 2 || r.fd === -1) err = sink;
        break;
      }
      case '>&':
      case '<&': {
        if (target === '-') {
          if (r.fd === 1) out = nul;
          else if (r.fd === 2) err = nul;
        } else if (target === '1' || target === '2') {
          const src = target === '1' ? out : err;
          if (r.fd === 1) out = src;
          else if (r.fd === 2) err = src;
        } else if (/^\d+$/.test(target)) {
          if (r.op === '>&') {
            err(`${sh.name}: ${target}: Bad file descriptor\n`);
            return 1;
          }
        } else if (r.op === '>&') {
          const sink = sinkFor(target, false);
          if (typeof sink === 'string') {
            err(`${sh.name}: ${sink}\n`);
            return 1;
          }
          out = err = sink;
        }
        break;
      }
      case '<':
      case '<>': {
        if (target === '/dev/null') {
          stdin = { s: '', pos: 0 };
          break;
        }
        if (target === '/dev/stdin') break;
        if (sh.procFiles && Object.hasOwn(sh.procFiles, target)) {
          stdin = { s: sh.procFiles[target]!, pos: 0 };
          break;
        }
        const path = fs.resolve(target);
        const st = fs.stat(path);
        if (st && st.type === 'dir') {
          err(`${sh.name}: ${target}: Is a directory\n`);
          return 1;
        }
        const content = readText(fs, path);
        if (content === null) {
          if (r.op === '<>') {
            stdin = { s: '', pos: 0 };
            break;
          }
          err(`${sh.name}: ${target}: No such file or directory\n`);
          return 1;
        }
        stdin = { s: content, pos: 0 };
        break;
      }
      case '<<': {
        let body: string;
        try {
          body = r.body ? await expandOne(sh, r.body, f) : '';
        } catch (e) {
          return expansionFailed(sh, e, f);
        }
        stdin = { s: body, pos: 0 };
        break;
      }
      case '<<<':
        stdin = { s: target + '\n', pos: 0 };
        break;
    }
  }
  // Files are created (truncated) before the command runs, as the shell opens them first.
  for (const s of files) {
    const e = s.append ? fs.writeFile(s.path, '', true) : fs.writeFile(s.path, '');
    if (e) {
      f.err(`${sh.name}: ${shortPath(fs, s.path)}: ${e}\n`);
      return 1;
    }
  }
  let code: number;
  try {
    code = await fn({ stdin, out, err });
  } finally {
    for (const s of files) {
      if (!s.buf) continue;
      const e = fs.writeFile(s.path, s.buf, true);
      if (e) {
        f.err(`${sh.name}: ${shortPath(fs, s.path)}: ${e}\n`);
        code = 1;
      }
    }
  }
  return code!;
}

function shortPath(fs: HostFs, abs: string): string {
  const c = fs.cwd.endsWith('/') ? fs.cwd : fs.cwd + '/';
  return abs.startsWith(c) ? abs.slice(c.length) : abs;
}

// ---- expansion ----------------------------------------------------------------------------------

/** Full expansion of command words: braces, parameters, $(...), arithmetic, field splitting, globs. */
export async function expandWords(sh: Sh, words: Word[], f: Frame): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) {
    const parts = w.parts;
    if (parts.length === 1) {
      const p = parts[0]!;
      if (p.k === 'lit') {
        if (p.q || !/[{*?~[]/.test(p.v)) {
          out.push(p.v);
          continue;
        }
      }
    }
    for (const bw of braceWords(parts)) await fields(sh, bw, f, out);
  }
  return out;
}

/** Brace expansion over the unquoted literal parts of a word. */
function braceWords(parts: Part[]): Part[][] {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.k !== 'lit' || p.q || !p.v.includes('{')) continue;
    const alts = braceExpand(p.v);
    if (alts.length === 1 && alts[0] === p.v) continue;
    const rest = braceWords(parts.slice(i + 1));
    const out: Part[][] = [];
    for (const a of alts) {
      for (const r of rest) {
        out.push([...parts.slice(0, i), { k: 'lit', v: a, q: false }, ...r]);
        if (out.length >= MAX_BRACE) return out;
      }
    }
    return out;
  }
  return [parts];
}

async function fields(sh: Sh, parts: Part[], f: Frame, out: string[]): Promise<void> {
  let cur = '';
  let has = false;
  let glob = false;
  const result: { v: string; glob: boolean }[] = [];
  const end = () => {
    if (has || cur) result.push({ v: cur, glob });
    cur = '';
    has = false;
    glob = false;
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.k === 'lit') {
      let v = p.v;
      if (!p.q && i === 0 && v[0] === '~' && (v.length === 1 || v[1] === '/')) v = (sh.env.vars.HOME ?? '/root') + v.slice(1);
      if (!p.q && /[*?]|\[.*\]/.test(v)) glob = true;
      cur += p.v === v && p.q ? v : v;
      if (p.q || v) has = true;
      continue;
    }
    const allOf = p.k === 'var' && p.q && !p.op && p.index && p.index.raw === '@';
    if ((p.k === 'var' && p.q && p.name === '@' && !p.op) || allOf) {
      const args = allOf ? arrayOf(sh, (p as { name: string }).name).filter(() => true) : (sh.env.args ?? []).slice(1);
      args.forEach((a, j) => {
        if (j > 0) end();
        cur += a;
        has = true;
      });
      continue;
    }
    const value = await evalPart(sh, p, f);
    if (p.q) {
      cur += value;
      has = true;
      continue;
    }
    if (/[*?]/.test(value)) glob = true;
    const ifs = sh.env.vars.IFS;
    const segs = ifs === undefined ? value.split(/[ \t\n]+/) : ifs === '' ? [value] : value.split(new RegExp('[' + ifs.replace(/[\]\\^-]/g, '\\$&') + ']+'));
    for (let j = 0; j < segs.length; j++) {
      if (j > 0) end();
      if (segs[j]) {
        cur += segs[j];
        has = true;
      }
    }
  }
  end();
  for (const r of result) {
    if (r.glob) {
      const matches = globFiles(sh.env.fs, r.v);
      if (matches.length) {
        out.push(...matches);
        continue;
      }
    }
    out.push(r.v);
  }
}

/** Pathname expansion against env.fs: `*.yaml`, `dir/*.json`. No match: the word stays as it is. */
export function globFiles(fs: HostFs, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths: string[] = [absolute ? '/' : ''];
  for (let i = absolute ? 1 : 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const next: string[] = [];
    const wild = /[*?[]/.test(seg);
    for (const base of paths) {
      const join = (n: string) => (base === '' ? n : base.endsWith('/') ? base + n : base + '/' + n);
      if (!wild) {
        next.push(join(seg));
        continue;
      }
      const entries = fs.readdir(base === '' ? fs.cwd : base);
      if (!entries) continue;
      const re = new RegExp('^' + globSource(seg, true) + '$');
      for (const e of [...entries].sort()) {
        if (e.startsWith('.') && !seg.startsWith('.')) continue;
        if (re.test(e)) next.push(join(e));
      }
    }
    paths = next;
    if (!paths.length) return [];
  }
  return paths.filter((p) => fs.stat(p === '' ? fs.cwd : p) !== null);
}

/** Expands a word to one string (no splitting, no globbing): assignments, redirect targets, heredocs. */
export async function expandOne(sh: Sh, w: Word, f: Frame, tilde = false): Promise<string> {
  let s = '';
  for (let i = 0; i < w.parts.length; i++) {
    const p = w.parts[i]!;
    if (p.k === 'lit') {
      if (tilde && i === 0 && !p.q && p.v[0] === '~' && (p.v.length === 1 || p.v[1] === '/')) s += (sh.env.vars.HOME ?? '/root') + p.v.slice(1);
      else s += p.v;
    } else s += await evalPart(sh, p, f);
  }
  return s;
}

export function getVar(sh: Sh, name: string): string | undefined {
  const args = sh.env.args ?? [];
  switch (name) {
    case '?':
      return String(sh.last);
    case '#':
      return String(Math.max(0, args.length - 1));
    case '$':
      return '1';
    case '!':
      return '';
    case '-':
      return 'hB';
    case '@':
    case '*':
      return args.slice(1).join(' ');
    case '0':
      return args[0] ?? (sh.env.host ? 'bash' : 'sh');
  }
  if (name >= '1' && name <= '9' && /^\d+$/.test(name)) return args[Number(name)];
  if (name === 'PWD') return sh.env.vars.PWD ?? sh.env.fs.cwd;
  const arr = sh.env.arrays?.[name];
  if (arr) return arr[0];
  if (name === 'RANDOM') return String(randomInt(sh.env.world, 0, 32768));
  return sh.env.vars[name];
}

async function evalPart(sh: Sh, p: Part, f: Frame): Promise<string> {
  switch (p.k) {
    case 'lit':
      return p.v;
    case 'cmd': {
      // $(< file): the file's contents, without running anything
      const only = p.body.length === 1 && !p.body[0]!.rest.length && p.body[0]!.first.cmds.length === 1 ? p.body[0]!.first.cmds[0]! : null;
      if (only && only.k === 'simple' && !only.words.length && !only.assigns.length && only.redirs.length === 1 && only.redirs[0]!.op === '<') {
        const target = await expandOne(sh, only.redirs[0]!.target, f);
        const text = sh.procFiles?.[target] ?? readText(sh.env.fs, target);
        if (text === null) {
          f.err(`${sh.name}: ${target}: No such file or directory\n`);
          sh.subst = sh.last = 1;
          return '';
        }
        sh.subst = sh.last = 0;
        return text.replace(/\n+$/, '');
      }
      let buf = '';
      const code = await subshell(sh, (sub) => runList(sub, p.body, { stdin: null, out: (s) => void (buf += s), err: f.err }), f);
      sh.subst = code;
      sh.last = code;
      return buf.replace(/\n+$/, '');
    }
    case 'proc': {
      let buf = '';
      await subshell(sh, (sub) => runList(sub, p.body, { stdin: null, out: (s) => void (buf += s), err: f.err }), f);
      const files = (sh.procFiles ??= {});
      const path = `/dev/fd/${63 - Object.keys(files).length}`;
      files[path] = buf;
      return path;
    }
    case 'arith': {
      const text = await expandOne(sh, p.expr, f);
      return String(evalArith(text, sh.env.vars));
    }
    case 'var':
      return evalVar(sh, p, f);
  }
}

function arrayOf(sh: Sh, name: string): string[] {
  const a = sh.env.arrays?.[name];
  if (a) return a;
  const v = getVar(sh, name);
  return v === undefined ? [] : [v];
}

async function evalVar(sh: Sh, p: Extract<Part, { k: 'var' }>, f: Frame): Promise<string> {
  let v: string | undefined;
  if (p.index) {
    const idx = await expandOne(sh, p.index, f);
    const list = arrayOf(sh, p.name);
    if (idx === '@' || idx === '*') {
      const present = list.filter(() => true);
      if (p.op === 'len') return String(present.length);
      if (p.op === 'keys') return Object.keys(list).join(' ');
      v = present.length ? present.join(' ') : undefined;
    } else {
      const i = evalArith(idx, sh.env.vars);
      v = list[i < 0 ? list.length + i : i];
      if (p.op === 'keys') return v === undefined ? '' : String(i);
    }
  } else v = getVar(sh, p.name);
  const op = p.op;
  if (!op) return v ?? '';
  const arg = async () => (p.arg ? expandOne(sh, p.arg, f) : '');
  switch (op) {
    case 'len':
      return String((v ?? '').length);
    case ':-':
      return v === undefined || v === '' ? arg() : v;
    case '-':
      return v === undefined ? arg() : v;
    case ':=':
    case '=': {
      if (v === undefined || (op === ':=' && v === '')) {
        const a = await arg();
        setVar(sh, p.name, a);
        return a;
      }
      return v;
    }
    case ':+':
      return v === undefined || v === '' ? '' : arg();
    case '+':
      return v === undefined ? '' : arg();
    case ':?':
    case '?':
      if (v === undefined || (op === ':?' && v === '')) {
        const a = await arg();
        throw new ExpansionError(`${p.name}: ${a || (op === ':?' ? 'parameter null or not set' : 'parameter not set')}`);
      }
      return v;
    case '#':
    case '##':
    case '%':
    case '%%': {
      const s = v ?? '';
      const pat = globSource(await arg());
      const greedy = op.length === 2;
      const whole = new RegExp('^(?:' + pat + ')$');
      if (op[0] === '#') {
        for (let i = greedy ? s.length : 0; greedy ? i >= 0 : i <= s.length; i += greedy ? -1 : 1) {
          if (whole.test(s.slice(0, i))) return s.slice(i);
        }
        return s;
      }
      for (let i = greedy ? 0 : s.length; greedy ? i <= s.length : i >= 0; i += greedy ? 1 : -1) {
        if (whole.test(s.slice(i))) return s.slice(0, i);
      }
      return s;
    }
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const s = v ?? '';
      const pat = await arg();
      const rep = p.arg2 ? await expandOne(sh, p.arg2, f) : '';
      if (!pat) return s;
      const src = globSource(pat);
      const re = new RegExp(op === '/#' ? '^(?:' + src + ')' : op === '/%' ? '(?:' + src + ')$' : src, op === '//' ? 'g' : '');
      return s.replace(re, () => rep);
    }
    case ':': {
      const s = v ?? '';
      let off = evalArith(await arg(), sh.env.vars);
      if (off < 0) off = Math.max(0, s.length + off);
      if (!p.arg2) return s.slice(off);
      let len = evalArith(await expandOne(sh, p.arg2, f), sh.env.vars);
      if (len < 0) return s.slice(off, Math.max(off, s.length + len));
      return s.slice(off, off + len);
    }
    case '^^':
      return (v ?? '').toUpperCase();
    case '^':
      return (v ?? '').slice(0, 1).toUpperCase() + (v ?? '').slice(1);
    case ',,':
      return (v ?? '').toLowerCase();
    case ',':
      return (v ?? '').slice(0, 1).toLowerCase() + (v ?? '').slice(1);
  }
  throw new ExpansionError(`\${${p.name}${op}}: bad substitution`);
}

// ---- [[ ... ]] ---------------------------------------------------------------------------------

async function evalCond(sh: Sh, words: Word[], f: Frame): Promise<boolean> {
  // Operands are expanded without splitting; the right side of == / != is a pattern (quoted parts literal).
  const toks = words.map((w) => w.raw);
  let i = 0;
  const val = (k: number) => expandOne(sh, words[k]!, f);
  const patternOf = async (k: number) => {
    let src = '';
    for (const p of words[k]!.parts) {
      const s = p.k === 'lit' ? p.v : await evalPart(sh, p, f);
      src += p.q ? s.replace(/[*?[\]\\]/g, '\\$&') : s;
    }
    return globToRegExp(src);
  };
  async function primary(): Promise<boolean> {
    const t = toks[i];
    if (t === undefined) throw new ExpansionError('conditional expression: unexpected end');
    if (t === '!') {
      i++;
      return !(await primary());
    }
    if (t === '(') {
      i++;
      const v = await or();
      if (toks[i] === ')') i++;
      return v;
    }
    if (/^-[a-zA-Z]$/.test(t) && i + 1 < toks.length && !['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-gt', '-le', '-ge'].includes(toks[i + 1]!)) {
      const operand = await val(i + 1);
      i += 2;
      return unaryTest(sh.env.fs, t, operand);
    }
    const op = toks[i + 1];
    if (op !== undefined && ['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-gt', '-le', '-ge'].includes(op) && i + 2 < toks.length) {
      const left = await val(i);
      let r: boolean;
      if (op === '==' || op === '=' || op === '!=') {
        const re = await patternOf(i + 2);
        r = re.test(left) === (op !== '!=');
      } else if (op === '=~') {
        const src = await val(i + 2);
        let re: RegExp;
        try {
          re = new RegExp(src);
        } catch {
          return false;
        }
        const m = re.exec(left);
        r = !!m;
      } else {
        const right = await val(i + 2);
        r = binaryTest(op, left, right);
      }
      i += 3;
      return r;
    }
    i++;
    return (await val(i - 1)) !== '';
  }
  async function and(): Promise<boolean> {
    let v = await primary();
    while (toks[i] === '&&') {
      i++;
      const r = await primary();
      v = v && r;
    }
    return v;
  }
  async function or(): Promise<boolean> {
    let v = await and();
    while (toks[i] === '||') {
      i++;
      const r = await and();
      v = v || r;
    }
    return v;
  }
  return or();
}
