/**
 * What a container's main process does, from image + command: the runtime's app behaviours (apps.ts: nginx,
 * redis, hello-world ...) for known servers, else a small shell interpretation of the command (echo, sleep,
 * `sh -c '...; sleep 3600'`, redirections into the container's filesystem). Unknown executables fail like runc.
 */
import type { World } from '../world.js';
import type { ProcessPlan } from '../runtime/contract.js';
import type { ContainerFs } from '../runtime/fs.js';
import { APPS, appForArgv } from '../runtime/apps.js';
import { resolvedFor } from './image-source.js';
export { resolvedFor };
import { planProcessAsync } from '../runtime/process.js';

export interface PlanInput {
  image: any;
  /** the full argv: entrypoint + cmd */
  argv: string[];
  env: string[];
  tty: boolean;
  stdinOpen: boolean;
  workdir: string;
  /** container hostname */
  hostname: string;
  ip?: string;
  now: number;
  fs?: ContainerFs;
}

export type PlanResult = { ok: true; plan: ProcessPlan & { stderr?: string[]; app?: string } } | { ok: false; error: string; code: number };

const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash']);

function envObj(env: string[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (const e of env) {
    const i = e.indexOf('=');
    o[e.slice(0, i)] = e.slice(i + 1);
  }
  return o;
}

function findExe(fs: ContainerFs | undefined, exe: string, env: Record<string, string>): boolean {
  if (!fs) return true;
  if (exe.includes('/')) return fs.stat(exe)?.type === 'file';
  const dirs = (env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':');
  return dirs.some((d) => fs.stat(`${d}/${exe}`)?.type === 'file');
}

function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let has = false;
  for (const c of s) {
    if (q) {
      if (c === q) q = null;
      else cur += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

/**
 * The runtime's planner (src/world/runtime/process.ts: scripts run by the real shell interpreter, catalog apps),
 * with the engine's own small planner as a fallback when the runtime cannot plan.
 */
export async function planMain(world: World, inp: PlanInput & { user?: string; id: string }): Promise<PlanResult> {
  const image = resolvedFor(world, inp.image);
  if (image && inp.fs) {
    try {
      const plan: any = await planProcessAsync(world, image, inp.argv, envObj(inp.env), {
        fs: inp.fs,
        tty: inp.tty,
        interactive: inp.stdinOpen,
        hostname: inp.hostname,
        now: inp.now,
        ...(inp.ip ? { ip: inp.ip } : {}),
        ...(inp.user ? { user: inp.user } : {}),
        from: { kind: 'container', id: inp.id },
      });
      if (plan.startError) return { ok: false, error: plan.startError, code: plan.code === 126 ? 126 : 127 };
      return { ok: true, plan };
    } catch {
      /* fall back to the engine's planner */
    }
  }
  return planFor(world, inp);
}

export function planFor(world: World, inp: PlanInput): PlanResult {
  let argv = inp.argv.filter((x) => x !== undefined);
  const env = envObj(inp.env);
  const exe0 = argv[0];
  if (!exe0) return { ok: false, error: 'no command specified', code: 125 };
  if (!findExe(inp.fs, exe0, env))
    return {
      ok: false,
      error: `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${exe0}": ${exe0.includes('/') ? 'stat ' + exe0 + ': no such file or directory' : 'executable file not found in $PATH'}: unknown`,
      code: 127,
    };
  const resolved = resolvedFor(world, inp.image);
  // entrypoint wrappers pass through to their command
  if (argv.length > 1 && /docker-entrypoint(\.sh)?$/.test(exe0)) argv = argv.slice(1);
  const base = (argv[0] ?? '').replace(/^.*\//, '');
  if (resolved) {
    const app = appForArgv(resolved, argv) ?? (resolved.app === 'hello' && base === 'hello' ? 'hello' : undefined) ?? (resolved.source !== 'catalog' && resolved.app === 'scenario' ? 'scenario' : undefined);
    if (app && APPS[app]) {
      const st = APPS[app]!.start({ image: resolved, argv, env, hostname: inp.hostname, ip: inp.ip, now: inp.now, fs: inp.fs });
      if (st.exit) return { ok: true, plan: { kind: 'exit', code: st.exit.code, output: st.logs, runMs: st.exit.afterMs, stderr: st.stderr, app } };
      return { ok: true, plan: { kind: 'serve', logs: st.logs, ports: st.ports, stopCode: st.stopCode, stderr: st.stderr, app } };
    }
  }
  if (SHELLS.has(base) && argv.length === 1) return { ok: true, plan: { kind: 'shell', shell: argv[0]! } };
  const script = SHELLS.has(base) && argv[1] === '-c' ? (argv[2] ?? '') : argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ');
  const lines: string[] = [];
  const errs: string[] = [];
  let serve = false;
  let runMs = 10;
  let code = 0;
  let cwd = inp.workdir || '/';
  for (const part of script.split(/;|&&|\n/).map((s) => s.trim()).filter(Boolean)) {
    const redir = /^(.*?)\s*(>>?)\s*(\S+)\s*$/.exec(part);
    const w = splitWords((redir ? redir[1]! : part).replace(/\$\{?(\w+)\}?/g, (_m, v) => env[v] ?? (v === 'HOSTNAME' ? inp.hostname : '')));
    const cmd = (w[0] ?? '').replace(/^.*\//, '');
    const args = w.slice(1);
    let text: string | null = null;
    if (cmd === 'echo') text = args.filter((a) => a !== '-n' && a !== '-e').join(' ') + (args.includes('-n') ? '' : '\n');
    else if (cmd === 'printf') text = (args[0] ?? '').replace(/\\n/g, '\n');
    else if (cmd === 'hostname') text = inp.hostname + '\n';
    else if (cmd === 'date') text = new Date(inp.now).toUTCString().replace(/GMT$/, 'UTC') + '\n';
    else if (cmd === 'pwd') text = cwd + '\n';
    else if (cmd === 'cd') cwd = args[0]?.startsWith('/') ? args[0] : `${cwd.replace(/\/$/, '')}/${args[0] ?? ''}`;
    else if (cmd === 'env' || cmd === 'printenv') text = Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
    else if (cmd === 'cat' && inp.fs) {
      text = '';
      for (const a of args) {
        const c = inp.fs.readFile(a.startsWith('/') ? a : `${cwd}/${a}`);
        if (c === null) {
          errs.push(`cat: can't open '${a}': No such file or directory`);
          code = 1;
        } else text += c;
      }
      if (!text) text = null;
    } else if (cmd === 'ls' && inp.fs) {
      const all = args.some((a) => /^-\w*a/.test(a));
      const names = (inp.fs.readdir(args.find((a) => !a.startsWith('-')) ?? cwd) ?? []).filter((n) => all || !n.startsWith('.')).sort();
      text = names.length ? names.join('\n') + '\n' : null;
    }
    else if ((cmd === 'mkdir' || cmd === 'touch') && inp.fs) {
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        const p = a.startsWith('/') ? a : `${cwd}/${a}`;
        if (cmd === 'mkdir') inp.fs.mkdir(p, true);
        else if (inp.fs.readFile(p) === null) inp.fs.writeFile(p, '');
      }
    } else if (cmd === 'sleep') {
      const n = args[0] === 'infinity' ? Infinity : parseFloat(args[0] ?? '0');
      if (n > 60 || n === Infinity) serve = true;
      else runMs += n * 1000;
    } else if (cmd === 'tail' && args.includes('-f')) serve = true;
    else if (cmd === 'exit') {
      code = parseInt(args[0] ?? '0', 10) || 0;
      break;
    } else if (cmd === 'false') code = 1;
    else if (cmd === 'true' || cmd === '') code = 0;
    else if (cmd === 'while' || cmd === 'for' || cmd === 'do' || cmd === 'done') serve = serve || /sleep/.test(script);
    else if (!findExe(inp.fs, w[0]!, env) && !SHELLS.has(cmd)) {
      errs.push(`${SHELLS.has(base) ? argv[0] : 'sh'}: ${w[0]}: not found`);
      code = 127;
      break;
    }
    if (text !== null) {
      if (redir && inp.fs) {
        const p = redir[3]!.startsWith('/') ? redir[3]! : `${cwd}/${redir[3]}`;
        inp.fs.writeFile(p, text, redir[2] === '>>');
      } else lines.push(...text.replace(/\n$/, '').split('\n'));
    }
  }
  if (serve) return { ok: true, plan: { kind: 'serve', logs: [...lines, ...errs], ports: [], stopCode: 137, stderr: errs } };
  return { ok: true, plan: { kind: 'exit', code, output: [...lines, ...errs], runMs, stderr: errs } };
}
