/**
 * runLine: one line typed on the learner's host shell (or handed to the nested container shell).
 * Lookup order on the host: session.builtins, the shell's builtins (cd, export ...), host builtins (help,
 * history, alias ...), coreutils and text tools, then the lazily loaded host programs (docker, kubectl ...).
 */
import type { IO, Program, RunResult } from '../core/types.js';
import { readText } from './util.js';
import { advanceTo, loadReconcilers, reconcilersLoaded, simNow } from '../world/sim.js';
import { hostPrograms, loadNested } from './programs.js';
import { runScript, type ScriptEnv } from './interpreter.js';
import { shellBuiltins, shellQuote } from './builtins.js';
import { coreutils, makeLs } from './coreutils.js';
import { helpText } from './help.js';
import type { Session } from './session.js';

export { needsMoreInput } from './parser.js';

interface HostState {
  /** Shell variables of this session (exported ones also live in world.shell.env). */
  vars: Record<string, string>;
  funcs: Record<string, import('./ast.js').Cmd>;
  arrays: Record<string, string[]>;
  last: number;
  clear: boolean;
  line: string;
}

const states = new WeakMap<Session, HostState>();

function hostState(session: Session): HostState {
  let st = states.get(session);
  if (!st) {
    const env = session.world.shell.env;
    st = {
      vars: {
        HOME: env.HOME ?? session.ctx.host.cwd,
        PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        SHELL: '/bin/bash',
      },
      funcs: {},
      arrays: {},
      last: 0,
      clear: false,
      line: '',
    };
    states.set(session, st);
  }
  return st;
}

const hostLs = makeLs('gnu');

function hostBuiltins(session: Session, st: HostState): Record<string, Program> {
  return {
    help: (argv, io) => {
      const r = helpText(argv[0]);
      if (r.ok) io.out(r.text);
      else io.err(r.text);
      return r.ok ? 0 : 1;
    },
    clear: () => {
      st.clear = true;
      return 0;
    },
    history: (argv, io) => {
      if (argv[0] === '-c') {
        session.history.length = 0;
        return 0;
      }
      // The edge appends the line to session.history after it ran: show it as bash does, as the last entry.
      const lines = session.history.map((h) => h.line);
      lines.push(st.line);
      let from = 0;
      if (argv[0] !== undefined) {
        const n = Number(argv[0]);
        if (!Number.isInteger(n) || n < 0) {
          io.err(`k8s-drill: history: ${argv[0]}: numeric argument required\n`);
          return 1;
        }
        from = Math.max(0, lines.length - n);
      }
      let out = '';
      for (let i = from; i < lines.length; i++) out += `${String(i + 1).padStart(5)}  ${lines[i]}\n`;
      io.out(out);
      return 0;
    },
    alias: (argv, io) => {
      const aliases = io.world.shell.aliases;
      const show = (n: string) => `alias ${n}='${aliases[n]!.replace(/'/g, "'\\''")}'\n`;
      const args = argv.filter((a) => a !== '-p');
      if (!args.length) {
        io.out(Object.keys(aliases).sort().map(show).join(''));
        return 0;
      }
      let code = 0;
      for (const a of args) {
        const eq = a.indexOf('=');
        if (eq > 0) aliases[a.slice(0, eq)] = a.slice(eq + 1);
        else if (Object.hasOwn(aliases, a)) io.out(show(a));
        else {
          io.err(`k8s-drill: alias: ${a}: not found\n`);
          code = 1;
        }
      }
      return code;
    },
    unalias: (argv, io) => {
      const aliases = io.world.shell.aliases;
      if (!argv.length) {
        io.err('unalias: usage: unalias [-a] name [name ...]\n');
        return 2;
      }
      let code = 0;
      for (const a of argv) {
        if (a === '-a') for (const k of Object.keys(aliases)) delete aliases[k];
        else if (Object.hasOwn(aliases, a)) delete aliases[a];
        else {
          io.err(`k8s-drill: unalias: ${a}: not found\n`);
          code = 1;
        }
      }
      return code;
    },
    watch: async (argv, io) => {
      let i = 0;
      while (i < argv.length && argv[i]!.startsWith('-')) {
        const o = argv[i]!;
        i++;
        if (o === '-n' || o === '--interval') i++;
      }
      const cmd = argv.slice(i).join(' ');
      if (!cmd) {
        io.err('Usage:\n watch [options] command\n');
        return 1;
      }
      return io.runLine(cmd);
    },
    ls: hostLs,
    less: pager,
    more: pager,
    vi: editor('vi'),
    vim: editor('vim'),
    nano: editor('nano'),
    emacs: editor('emacs'),
    sh: shellProgram('sh', session),
    bash: shellProgram('bash', session),
  };
}

/** less / more: not interactive here; they print what they are given. */
const pager: Program = async (argv, io) => {
  const files = argv.filter((a) => !a.startsWith('-'));
  if (!files.length) {
    io.out(io.stdin);
    return 0;
  }
  return coreutils.cat!(files, io);
};

function editor(name: string): Program {
  return (argv, io) => {
    const file = argv.find((a) => !a.startsWith('-') && !a.startsWith('+'));
    io.err(
      `k8s-drill: ${name} is not available inside k8s-drill. Your files are real files in ${io.fs.cwd}: ` +
        `edit ${file ?? 'them'} with any editor in another window, or write them with cat <<EOF > ${file ?? 'file.yaml'} ... EOF` +
        ` (kubectl edit works here).\n`,
    );
    return 1;
  };
}

/** `bash -c 'script' [name args]`, `bash script.sh`: a child shell (exported variables only, no aliases). */
function shellProgram(name: string, session: Session): Program {
  return async (argv, io) => {
    let text: string | null = null;
    let args: string[] = [name];
    let i = 0;
    while (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-c') i++;
    if (argv[i] === '-c') {
      text = argv[i + 1] ?? null;
      if (text === null) {
        io.err(`${name}: -c: option requires an argument\n`);
        return 2;
      }
      args = argv.length > i + 2 ? argv.slice(i + 2) : [name];
    } else if (argv[i] !== undefined) {
      const file = argv[i]!;
      text = readText(io.fs, file);
      if (text === null) {
        io.err(`${name}: ${file}: No such file or directory\n`);
        return 127;
      }
      args = argv.slice(i);
    } else text = io.stdin;
    const st = hostState(session);
    const env = hostEnv(session, st);
    const child: ScriptEnv = { ...env, vars: { ...io.env }, exported: undefined, aliases: undefined, args, shellName: name };
    const r = await runScript(text, child, { stdin: io.stdinIsPipe && argv[i] !== undefined ? io.stdin : undefined, out: io.out, err: io.err });
    return r.code;
  };
}

function scriptProgram(path: string, session: Session): Program {
  return (argv, io) => shellProgram('bash', session)([path, ...argv], io);
}

function lazy(load: () => Promise<Program>): Program {
  return async (argv, io: IO) => (await load())(argv, io);
}

const lazyPrograms: Record<string, Program> = {};

function hostLookup(name: string, session: Session, st: HostState): Program | undefined {
  const hb = (st as HostState & { builtins?: Record<string, Program> }).builtins;
  if (hb && Object.hasOwn(hb, name)) return hb[name];
  if (Object.hasOwn(coreutils, name)) return coreutils[name];
  if (Object.hasOwn(hostPrograms, name)) return (lazyPrograms[name] ??= lazy(hostPrograms[name]!));
  if (name.includes('/')) {
    // /usr/local/bin/kubectl is our kubectl; a text file is run as a bash script; a real binary is not run.
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base && !base.includes('.') && (Object.hasOwn(hostPrograms, base) || Object.hasOwn(coreutils, base))) return hostLookup(base, session, st);
    const fs = session.ctx.host;
    const s = fs.stat(fs.resolve(name));
    if (s?.type === 'file') {
      const text = fs.readFile(fs.resolve(name)) ?? '';
      if (text.slice(0, 4096).includes('\0')) {
        return (_argv, io) => {
          io.err(`k8s-drill: ${name}: cannot execute binary file: k8s-drill runs no host programs\n`);
          return 126;
        };
      }
      return scriptProgram(name, session);
    }
  }
  return undefined;
}

/** Every command name the host shell knows (for `Did you mean` and Tab completion), without duplicates. */
export function shellCommandNames(session: Session): string[] {
  return [...new Set(knownNames(session))].sort();
}

function knownNames(session: Session): string[] {
  return [
    ...Object.keys(hostPrograms),
    ...Object.keys(session.builtins ?? {}),
    'help', 'history', 'alias', 'unalias', 'clear', 'watch', 'less', 'more', 'sh', 'bash',
    ...Object.keys(shellBuiltins),
    ...Object.keys(coreutils),
    ...Object.keys(session.world.shell.aliases),
  ];
}

/** Optimal string alignment distance (Levenshtein + adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d[i] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        d[i]![j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

export function suggest(name: string, names: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  const max = name.length <= 3 ? 1 : 2;
  for (const n of names) {
    if (n === name || n.length < 2) continue;
    const d = editDistance(name.toLowerCase(), n);
    if (d < bestD && d <= max) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

function notFound(name: string, session: Session): string {
  let msg = `k8s-drill: command not found: ${name}\n`;
  const s = suggest(name, knownNames(session));
  if (s) msg += `Did you mean '${s}'?\n`;
  return msg;
}

function hostEnv(session: Session, st: HostState): ScriptEnv {
  const { world, ctx } = session;
  const sb = session.builtins;
  (st as HostState & { builtins?: Record<string, Program> }).builtins ??= hostBuiltins(session, st);
  return {
    world,
    ctx,
    fs: ctx.host,
    vars: st.vars,
    funcs: st.funcs,
    arrays: st.arrays,
    host: true,
    session,
    exported: world.shell.env,
    aliases: world.shell.aliases,
    status: st.last,
    shellName: 'k8s-drill',
    lookup: (name) => hostLookup(name, session, st),
    first: sb ? (name) => (Object.hasOwn(sb, name) ? sb[name] : undefined) : undefined,
    notFound: (name) => notFound(name, session),
  };
}

/**
 * Interactive history expansion (bash, interactive only): !! (last line), !$ (its last word), !N, !-N, !prefix.
 * Returns the expanded line, the same line when there is nothing to expand, or an error message.
 */
export function expandHistory(line: string, history: string[]): { line: string; changed: boolean } | { error: string } {
  if (!line.includes('!')) return { line, changed: false };
  let out = '';
  let changed = false;
  let inSingle = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" ) inSingle = !inSingle;
    if (c === '\\' && i + 1 < line.length) {
      out += c + line[++i];
      continue;
    }
    if (c !== '!' || inSingle) {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    let m: RegExpExecArray | null;
    let event: string | undefined;
    let len = 0;
    let word = false;
    if (rest[0] === '!') {
      event = history[history.length - 1];
      len = 1;
    } else if (rest[0] === '$') {
      event = history[history.length - 1];
      len = 1;
      word = true;
    } else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0]);
      event = n < 0 ? history[history.length + n] : history[n - 1];
      len = m[0].length;
    } else if ((m = /^[A-Za-z_][^\s;|&()<>'"]*/.exec(rest))) {
      for (let k = history.length - 1; k >= 0; k--) if (history[k]!.startsWith(m[0])) {
        event = history[k];
        break;
      }
      len = m[0].length;
    } else {
      out += c;
      continue;
    }
    if (event === undefined) return { error: `!${rest.slice(0, len)}: event not found` };
    if (word) {
      const words = event.trim().split(/\s+/);
      event = words[words.length - 1] ?? '';
    }
    out += event;
    i += len;
    changed = true;
  }
  return { line: out, changed };
}

/**
 * Words that may reach the simulated world (a program, something that runs another line, a variable that may
 * name one). A line with none of them (echo, cd, ls, grep ...) runs without loading the engine and controllers.
 */
const WORLD_WORDS = /docker|kubectl|minikube|curl|wget|sleep|service|systemctl|yum|apt|xargs|eval|source|watch|exec|sh\b|bash|time|answer|hint|check|solution|submit|reset|tasks|\bk\b|[$`]|(^|[;&|(]\s*)\.\s/;

function touchesWorld(session: Session, line: string): boolean {
  if (session.nested.length || session.builtins) return true;
  if (WORLD_WORDS.test(line)) return true;
  const aliases = Object.keys(session.world.shell.aliases);
  return aliases.length > 0 && line.split(/[^\w.-]+/).some((w) => aliases.includes(w));
}

export async function runLine(session: Session, line: string): Promise<RunResult> {
  const { world, ctx } = session;
  if (!reconcilersLoaded() && touchesWorld(session, line)) await loadReconcilers();
  advanceTo(world, simNow(world, ctx.wallNow));
  if (session.nested.length) {
    const runNested = await loadNested();
    if (!runNested) {
      session.nested.length = 0;
      return { stdout: '', stderr: 'k8s-drill: shells inside containers are not available in this build yet (src/world/runtime/nested.ts); back on the host shell\n', code: 1 };
    }
    try {
      return (await runNested(session, line)) as RunResult;
    } catch (e) {
      return { stdout: '', stderr: `k8s-drill: internal error in sh: ${(e as Error)?.message ?? String(e)}\n`, code: 1 };
    }
  }
  let echoed = '';
  if (ctx.interactive && line.includes('!')) {
    const h = expandHistory(line, session.history.map((e) => e.line));
    if ('error' in h) return { stdout: '', stderr: `k8s-drill: ${h.error}\n`, code: 1 };
    if (h.changed) {
      line = h.line;
      echoed = line + '\n';
    }
  }
  const st = hostState(session);
  Object.assign(st.vars, world.shell.env);
  st.vars.PWD = ctx.host.cwd;
  st.clear = false;
  st.line = line;
  let stdout = echoed;
  let stderr = '';
  const output: NonNullable<RunResult['output']> = echoed ? [{ fd: 1, text: echoed }] : [];
  const env = hostEnv(session, st);
  const r = await runScript(line, env, {
    out: (s) => {
      stdout += s;
      if (s) output.push({ fd: 1, text: s });
    },
    err: (s) => {
      stderr += s;
      if (s) output.push({ fd: 2, text: s });
    },
  });
  st.last = r.code;
  const result: RunResult = { stdout, stderr, code: r.code, output };
  if (r.exit) result.exit = true;
  if (st.clear) result.clear = true;
  return result;
}

export { shellQuote };
