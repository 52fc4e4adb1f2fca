/**
 * Shells inside containers and pods.
 *
 * - The docker engine and the cluster register how to open a target: registerExecTarget('docker' | 'pod', fn),
 *   fn(world, target) -> ExecContext (the container's filesystem, env, hostname, image ...) or { error }.
 * - runNested(session, line): the shell's runLine hands every line here while session.nested is non-empty; the
 *   line runs in the innermost target with the shell interpreter and the container's programs. `exit [N]` pops
 *   the target and calls the registrant's onExit (docker run -it ... sh: the container stops).
 * - execInContainer(world, ctx, ec, argv | { script }, io): `docker exec CTR CMD`, `kubectl exec POD -- CMD`.
 */
import type { Ctx, HostFs, NestedShellTarget, RunResult } from '../../core/types.js';
import type { World } from '../world.js';
import type { Session } from '../../shell/session.js';
import type { ContainerInfo } from './programs.js';
import { execTargetOpener, registerExecTarget, type ExecContext, type ExecTargetOpener } from './exec-targets.js';
import { ociExecFailed, shellPrompt } from './prompt.js';

export { registerExecTarget, execTargetOpener, ociExecFailed };
export type { ExecContext, ExecTargetOpener };

/** The interpreter and the container programs, loaded when a nested shell first runs (no import cycle at start-up). */
async function shellParts() {
  const [{ runScript }, { containerScriptEnv, findExecutable }] = await Promise.all([import('../../shell/interpreter.js'), import('./programs.js')]);
  return { runScript, containerScriptEnv, findExecutable };
}

/** Shell variables of each open nested shell (assignments and `export` persist between lines). */
const shellVars = new WeakMap<NestedShellTarget, Record<string, string>>();
/** Variables of each open REPL (docker run -it node / python). */
const replStates = new WeakMap<NestedShellTarget, import('./repl.js').ReplState>();

function infoOf(ec: ExecContext, shell: string): ContainerInfo {
  return {
    image: ec.image,
    flavor: ec.flavor,
    hostname: ec.hostname,
    user: ec.user,
    shell,
    ...(ec.ip ? { ip: ec.ip } : {}),
    ...(ec.mainArgv ? { mainArgv: ec.mainArgv } : {}),
    ...(ec.from ? { from: ec.from } : {}),
  };
}

function withCwd(fs: HostFs, cwd: string): HostFs {
  const st = fs.stat(cwd);
  fs.cwd = st && st.type === 'dir' ? cwd : fs.cwd;
  return fs;
}

function shellNameOf(target: NestedShellTarget): string {
  const p = target.prompt;
  // bash prompts look like user@host:dir#
  return /@.*:.*[#$] $/.test(p) ? 'bash' : 'sh';
}

/** The prompt after the shell moved to `cwd` (busybox/alpine `/dir # `, bash `root@host:/dir# `, dash `# `). */
export function promptFor(ec: Pick<ExecContext, 'flavor' | 'hostname' | 'user'>, shell: string, cwd: string): string {
  if (ec.flavor === 'debian') return shell === 'bash' ? shellPrompt('debian', ec.hostname, cwd, ec.user) : ec.user === 'root' ? '# ' : '$ ';
  return shellPrompt(ec.flavor, ec.hostname, cwd, ec.user);
}

export async function runNested(session: Session, line: string): Promise<RunResult> {
  const target = session.nested[session.nested.length - 1]!;
  const open = execTargetOpener(target.kind);
  if (!open) {
    session.nested.pop();
    return { stdout: '', stderr: `k8s-drill: cannot reach the ${target.kind === 'pod' ? 'pod' : 'container'} ${target.id} any more; back on the host shell\n`, code: 1 };
  }
  const ec = open(session.world, target, session.ctx);
  if ('error' in ec) {
    session.nested.pop();
    return { stdout: '', stderr: ec.error.endsWith('\n') || !ec.error ? ec.error : ec.error + '\n', code: 1 };
  }
  if (target.repl === 'redis-cli') {
    const words = line.trim().split(/\s+/).filter(Boolean);
    if (/^(exit|quit)$/i.test(words[0] ?? '')) {
      session.nested.pop();
      return { stdout: ec.onExit?.(session.world, target, 0) || '', stderr: '', code: 0 };
    }
    if (!words.length) return { stdout: '', stderr: '', code: 0 };
    if (target.prompt.startsWith('not connected')) return { stdout: 'Could not connect to Redis at 127.0.0.1:6379: Connection refused\n', stderr: '', code: 0 };
    // the interactive client talks to a terminal: typed answers ("1", (integer) 1, (nil))
    const fs = withCwd(ec.fs, ec.cwd);
    const { runScript, containerScriptEnv } = await shellParts();
    const env = containerScriptEnv(session.world, { ...session.ctx, tty: true }, fs, { ...ec.env }, { ...infoOf(ec, 'sh'), execShell: 'sh' });
    let stdout = '';
    let stderr = '';
    await runScript(['redis-cli', ...words].map(quote).join(' '), env, { out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
    return { stdout, stderr, code: 0 };
  }
  if (target.repl) {
    const { replLine, newReplState } = await import('./repl.js');
    let st = replStates.get(target);
    if (!st) replStates.set(target, (st = newReplState()));
    const r = replLine(target.repl, ec.image, st, line);
    let said = '';
    if (r.exit) {
      session.nested.pop();
      replStates.delete(target);
      said = ec.onExit?.(session.world, target, 0) || '';
    }
    return { stdout: r.stdout + said, stderr: r.stderr, code: 0 };
  }
  const shell = shellNameOf(target);
  let vars = shellVars.get(target);
  if (!vars) {
    vars = { ...ec.env, ...(target.env ?? {}) };
    vars.PWD ??= target.workdir ?? ec.cwd;
    shellVars.set(target, vars);
  }
  const fs = withCwd(ec.fs, target.workdir ?? ec.cwd);
  const { runScript, containerScriptEnv } = await shellParts();
  // an exec'd shell is a process of its own; `docker run -it IMG sh` / `kubectl run -it` shells are PID 1
  const own = target.onExit === 'stop-container' || target.onExit === 'delete-pod' || target.onExit === 'resume';
  const env = containerScriptEnv(session.world, session.ctx, fs, vars, { ...infoOf(ec, shell), ...(own ? {} : { execShell: shell }) });
  let stdout = '';
  let stderr = '';
  const r = await runScript(line, env, { out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
  // cd persists in the target (plain data, so the edge can keep it)
  target.workdir = fs.cwd;
  const base = target.prompt;
  const expected = /^(\S+@\S+:|\/\S* [#$] $)/.test(base);
  if (expected) target.prompt = promptFor(ec, shell, fs.cwd);
  if (r.exit) {
    // an interactive bash says "exit" when it leaves (busybox sh and dash do not)
    if (shell === 'bash') stderr += 'exit\n';
    session.nested.pop();
    shellVars.delete(target);
    stdout += ec.onExit?.(session.world, target, r.code) || '';
  }
  return { stdout, stderr, code: r.code };
}

function quote(s: string): string {
  if (/^[A-Za-z0-9_\-./:=@%+,]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface ExecIO {
  stdin?: string;
  out(s: string): void;
  err(s: string): void;
}

/**
 * Runs a command in a container (docker exec CTR CMD / kubectl exec POD -- CMD). With an argv the executable must
 * exist (else { code: 127, notFound: true, error } with runc's message; the caller prints it its own way); a
 * { script } runs in the container's sh.
 */
export async function execInContainer(
  world: World,
  ctx: Ctx,
  ec: ExecContext,
  cmd: string[] | { script: string; shell?: string },
  io: ExecIO,
): Promise<{ code: number; notFound?: boolean; error?: string }> {
  const { runScript, containerScriptEnv, findExecutable } = await shellParts();
  const vars = { ...ec.env };
  vars.PWD = ec.cwd;
  const fs = withCwd(ec.fs, ec.cwd);
  let text: string;
  let shell = 'sh';
  if (Array.isArray(cmd)) {
    if (!cmd.length) return { code: 125, error: 'no command specified' };
    if (!findExecutable(fs, vars, cmd[0]!)) return { code: 127, notFound: true, error: ociExecFailed(cmd[0]!) };
    text = cmd.map(quote).join(' ');
  } else {
    text = cmd.script;
    shell = cmd.shell ?? 'sh';
  }
  const env = containerScriptEnv(world, ctx, fs, vars, infoOf(ec, shell));
  const r = await runScript(text, env, { ...(io.stdin !== undefined ? { stdin: io.stdin } : {}), out: io.out, err: io.err });
  return { code: r.code };
}

