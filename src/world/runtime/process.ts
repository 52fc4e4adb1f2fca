/**
 * What a container's main process does, decided when it starts: planProcess(world, image, argv, env, opts).
 *
 * - catalog servers (nginx, redis, httpd, whoami ...) -> 'serve' with their real start-up logs and ports
 * - a bare shell (`sh`, `bash`) -> 'shell' (waits for input with -it, exits 0 at once without -i)
 * - anything else runs in the simulated shell on a private clock: `echo hi` -> 'exit' 0 with "hi";
 *   `sh -c 'echo saved > /data/f; sleep 3600'` writes the file into opts.fs and becomes 'serve' that ends after an
 *   hour; loops that never end become 'serve' with their output over time (`timed`); a script that ends up
 *   exec'ing a server (`cd ... && nginx -g 'daemon off;'`) serves like it.
 * - an executable that is not in the image -> 'exit' 127 with `startError` (Docker prints its OCI error).
 * The world's clock never moves here: sleeps inside the script advance a private clock.
 */
import type { Ctx, HostFs, Program } from '../../core/types.js';
import type { World } from '../world.js';
import type { PlanFsOp, PlanLine, ProcessPlan } from './contract.js';
import type { ResolvedImage } from './images.js';
import { APPS, appForArgv, type AppCtx } from './apps.js';
import { stripWrapper, type NetFrom } from './net.js';
import { replOf } from './repl.js';
import { containerScriptEnv, findExecutable, parseDuration } from './programs.js';
import { runMini, MiniLimit, type MiniEnv } from './mini.js';
import { NGINX_DEFAULT_CONF, NGINX_DEFAULT_CONF_IPV6 } from './content.js';

export interface PlanOptions {
  fs: HostFs;
  tty: boolean;
  interactive: boolean;
  hostname: string;
  /** Simulated time the process starts (default: world.clock.settledAt). */
  now?: number;
  /** Container IP, when known (shown in some start-up logs). */
  ip?: string;
  /** User the process runs as (default: image User or root). */
  user?: string;
  /** Where network requests of the script come from. */
  from?: NetFrom;
  /**
   * Record the script's filesystem changes made after its first sleep in plan.fsOps instead of applying them now
   * (`touch /tmp/healthy; sleep 30; rm /tmp/healthy`): the caller applies them when their time comes (applyFsOps).
   * Changes at start are applied at once either way.
   */
  deferFs?: boolean;
}

/** Applies the planned filesystem changes due in (fromMs, toMs] (ms after the process started). */
export function applyFsOps(fs: HostFs, ops: PlanFsOp[] | undefined, fromMs: number, toMs: number): number {
  let n = 0;
  for (const o of ops ?? []) {
    if (o.atMs <= fromMs || o.atMs > toMs) continue;
    n++;
    if (o.op === 'write' || o.op === 'append') fs.writeFile(o.path, o.content ?? '', o.op === 'append');
    else if (o.op === 'mkdir') fs.mkdir?.(o.path, true);
    else if (o.op === 'remove') fs.remove?.(o.path, o.recursive);
  }
  return n;
}

/** A view of fs that records changes made after time 0 instead of making them. */
function deferringFs(fs: HostFs, elapsed: () => number, ops: PlanFsOp[]): HostFs {
  const view: HostFs = {
    get cwd() {
      return fs.cwd;
    },
    set cwd(v: string) {
      fs.cwd = v;
    },
    readFile: (p) => fs.readFile(p),
    ...(fs.readFileBytes ? { readFileBytes: (p: string) => fs.readFileBytes!(p) } : {}),
    stat: (p) => fs.stat(p),
    readdir: (p) => fs.readdir(p),
    resolve: (p) => fs.resolve(p),
    writeFile: (p, content, append) => {
      if (elapsed() <= 0) return fs.writeFile(p, content, append);
      ops.push({ atMs: elapsed(), op: append ? 'append' : 'write', path: fs.resolve(p), content });
      return null;
    },
    mkdir: (p, parents) => {
      if (elapsed() <= 0) return fs.mkdir ? fs.mkdir(p, parents) : null;
      ops.push({ atMs: elapsed(), op: 'mkdir', path: fs.resolve(p) });
      return null;
    },
    remove: (p, recursive) => {
      if (elapsed() <= 0) return fs.remove ? fs.remove(p, recursive) : null;
      if (!fs.stat(p)) return 'No such file or directory';
      ops.push({ atMs: elapsed(), op: 'remove', path: fs.resolve(p), ...(recursive ? { recursive } : {}) });
      return null;
    },
  };
  return view;
}

/** A line the process printed, at `atMs` after start. */
export type TimedLine = PlanLine;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
/** How long a script may run on the private clock before it counts as "runs forever". */
const HORIZON_MS = 6 * 3600_000;
const MAX_LINES = 600;

/**
 * The shell's text tools are loaded lazily (and so answer asynchronously); the planner runs synchronously, so it
 * uses the modules once they are loaded. planProcessAsync waits for them; planProcess starts loading them.
 */
const lazyTools: Record<string, Program> = {};
let toolsLoading: Promise<void> | null = null;
export function preloadTools(): Promise<void> {
  toolsLoading ??= Promise.all([
    import('../../shell/text.js').then((m) => Object.assign(lazyTools, m)),
    import('../../shell/sed.js').then((m) => Object.assign(lazyTools, m)),
    import('../../shell/awk.js').then((m) => Object.assign(lazyTools, m)),
  ]).then(
    () => undefined,
    () => undefined,
  );
  return toolsLoading;
}
// Load them as soon as the planner is (it is needed by commands that start containers, a little later).
void preloadTools();
const LAZY = new Set(['grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'base64', 'rev', 'tac', 'nl', 'sed', 'awk']);

function base(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function envOf(image: ResolvedImage, env: Record<string, string>, hostname: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of image.config.Env) {
    const i = e.indexOf('=');
    if (i > 0) out[e.slice(0, i)] = e.slice(i + 1);
  }
  if (!out.PATH) out.PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  out.HOSTNAME = hostname;
  Object.assign(out, env);
  if (!out.HOME) out.HOME = '/root';
  return out;
}

/** Does argv0 exist as an executable file in the container (PATH search for bare names)? */
export function executableExists(image: ResolvedImage, fs: HostFs, argv0: string, env: Record<string, string> = {}): boolean {
  return findExecutable(fs, envOf(image, env, ''), argv0) !== null;
}

/** Docker's error when the executable is missing (after "docker: Error response from daemon: "). */
export function ociExecError(argv0: string, fs?: HostFs): string {
  let why = `exec: "${argv0}": executable file not found in $PATH`;
  if (argv0.includes('/')) {
    const st = fs?.stat(argv0);
    why = st && st.type === 'dir' ? `exec: "${argv0}": is a directory` : `exec: "${argv0}": stat ${argv0}: no such file or directory`;
  }
  return `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`;
}

/** The same failure as the kubelet reports it (container status message of StartError / RunContainerError). */
export function ociExecErrorK8s(argv0: string, fs?: HostFs): string {
  let why = `exec: "${argv0}": executable file not found in $PATH`;
  if (argv0.includes('/') && !fs?.stat(argv0)) why = `exec: "${argv0}": stat ${argv0}: no such file or directory`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`;
}

export { ociExecFailed } from './prompt.js';

/** Start-up of a catalog app: its plan, plus the files its entrypoint changes (nginx's default.conf ...). */
function serveApp(app: string, image: ResolvedImage, argv: string[], env: Record<string, string>, opts: PlanOptions, now: number, prefix: TimedLine[] = []): ProcessPlan | null {
  const beh = APPS[app];
  if (!beh) return null;
  const ctx: AppCtx = { image, argv, env, hostname: opts.hostname, now, fs: opts.fs, ...(opts.ip ? { ip: opts.ip } : {}) };
  const s = beh.start(ctx);
  if (app === 'nginx' && image.app === 'nginx') nginxRuntimeFiles(opts.fs, now);
  const stderr = new Set(s.stderr ?? []);
  const at = prefix.length ? prefix[prefix.length - 1]!.atMs : 0;
  const timed: TimedLine[] = [...prefix, ...s.logs.map((text) => ({ atMs: at, text, stream: stderr.has(text) ? ('stderr' as const) : ('stdout' as const) }))];
  const logs = timed.map((t) => t.text);
  if (s.exit) {
    if (!s.ports.length) return { kind: 'exit', code: s.exit.code, output: logs, runMs: s.exit.afterMs, timed };
    return { kind: 'serve', logs, exitAfterMs: s.exit.afterMs, exitCode: s.exit.code, ports: s.ports, stopCode: s.stopCode, app, argv, timed };
  }
  return { kind: 'serve', logs, ports: s.ports, stopCode: s.stopCode, app, argv, timed };
}

/** What nginx's entrypoint and master process change in the writable layer (seen by `docker diff`). */
function nginxRuntimeFiles(fs: HostFs, now: number): void {
  void now;
  try {
    const conf = fs.readFile('/etc/nginx/conf.d/default.conf');
    if (conf === NGINX_DEFAULT_CONF) fs.writeFile('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF_IPV6);
    fs.writeFile('/run/nginx.pid', '1\n');
    for (const d of ['client_temp', 'fastcgi_temp', 'proxy_temp', 'scgi_temp', 'uwsgi_temp']) fs.mkdir?.(`/var/cache/nginx/${d}`, true);
  } catch {
    /* read-only mounts: nginx would complain, the plan stays */
  }
}

function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_\-./:=@%+,]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

class Blocked {
  constructor(public readonly why: 'forever' | 'server', public readonly app?: string, public readonly argv?: string[]) {}
}

/**
 * Plans the main process. `argv` is Entrypoint + Cmd as resolved by the caller; `env` the container's own
 * variables (-e / pod env), merged over the image's Env.
 */
export function planProcess(world: World, image: ResolvedImage, argv: string[], env: Record<string, string>, opts: PlanOptions): ProcessPlan {
  void preloadTools();
  const now = opts.now ?? world.clock.settledAt;
  const fullEnv = envOf(image, env, opts.hostname);
  if (!argv.length) return { kind: 'exit', code: 0, output: [], runMs: 10 };

  // scenario images with their own declared behaviour, when run with their default command
  if (image.app === 'scenario' && image.scenario) {
    const def = [...(image.config.Entrypoint ?? []), ...(image.config.Cmd ?? [])];
    if (JSON.stringify(def) === JSON.stringify(argv)) return serveApp('scenario', image, argv, fullEnv, opts, now)!;
  }

  const argv0 = argv[0]!;
  if (!findExecutable(opts.fs, fullEnv, argv0)) {
    return { kind: 'exit', code: 127, output: [], runMs: 0, startError: ociExecError(argv0, opts.fs) };
  }

  // entrypoint wrappers exec their arguments; nginx's prints its lines only for nginx itself
  let inner = stripWrapper(argv);
  if (inner !== argv && inner.length) {
    const wrapper = argv[argv.length - inner.length - 1] ?? argv0;
    const main = wrapperMain(opts.fs, fullEnv, base(wrapper), inner);
    if (main) {
      argv = [...argv.slice(0, argv.length - inner.length), ...main, ...inner];
      inner = stripWrapper(argv);
    }
  }
  if (inner !== argv && inner.length) {
    const wrapper = argv[argv.length - inner.length - 1] ?? argv0;
    if (!findExecutable(opts.fs, fullEnv, inner[0]!)) {
      const line = base(wrapper) === 'docker-entrypoint.sh' && image.app === 'nginx' ? `${wrapper}: exec: line 47: ${inner[0]}: not found` : `${wrapper}: exec: line 11: ${inner[0]}: not found`;
      return { kind: 'exit', code: 127, output: [line], runMs: 30, timed: [{ atMs: 0, text: line, stream: 'stderr' }] };
    }
  }
  const cmd = inner.length ? inner : argv;
  // the image's own app runs its default command, also behind an entrypoint wrapper (registry, memcached, jenkins ...)
  const app = appForArgv(image, cmd) ?? (image.app !== 'shell' && image.app !== 'generic' && image.app !== 'scenario' && APPS[image.app] && sameAsDefault(image, argv) ? image.app : undefined);
  if (app) {
    const p = serveApp(app, image, cmd, fullEnv, opts, now);
    if (p) return p;
  }
  const exe = base(cmd[0]!);
  if (SHELLS.has(exe) && (cmd.length === 1 || (cmd.length === 2 && (cmd[1] === '-i' || cmd[1] === '-l' || cmd[1] === '--login')))) {
    return { kind: 'shell', shell: cmd[0]! };
  }
  // node / python REPLs: exit at once without a terminal
  if (((exe === 'node' || exe.startsWith('python') || exe === 'perl') && cmd.length === 1) || (exe === 'redis-cli' && replOf(cmd) === 'redis-cli')) {
    if (opts.interactive) return { kind: 'serve', logs: [], ports: [], stopCode: 0 };
    return { kind: 'exit', code: 0, output: [], runMs: 50 };
  }
  return runMain(world, image, cmd, fullEnv, opts, now);
}

/**
 * What an official image's entrypoint script puts in front of its arguments: `docker run redis --appendonly yes`
 * runs redis-server, `docker run curlimages/curl -s URL` runs curl, `docker run node app.js` runs node.
 */
function wrapperMain(fs: HostFs, env: Record<string, string>, wrapper: string, inner: string[]): string[] | undefined {
  const a = inner[0]!;
  const dash = a.startsWith('-');
  const has = (p: string) => findExecutable(fs, env, p) !== null;
  if (wrapper === 'entrypoint.sh') {
    if (has('registry')) {
      if (/\.ya?ml$/.test(a)) return ['registry', 'serve'];
      return dash || /^(serve|garbage-collect|help)$/.test(a) ? ['registry'] : undefined;
    }
    if (has('curl')) return dash || !has(a) ? ['curl'] : undefined;
    return undefined;
  }
  if (wrapper !== 'docker-entrypoint.sh') return undefined;
  if (has('redis-server')) return dash || a.endsWith('.conf') ? ['redis-server'] : undefined;
  for (const p of ['postgres', 'mysqld', 'mongod', 'mariadbd', 'memcached']) if (has(p)) return dash ? [p] : undefined;
  if (has('node')) return dash || !has(a) ? ['node'] : undefined;
  return undefined;
}

function sameAsDefault(image: ResolvedImage, argv: string[]): boolean {
  const def = [...(image.config.Entrypoint ?? []), ...(image.config.Cmd ?? [])];
  return def.length === argv.length && def.every((a, i) => a === argv[i]);
}

/** Runs a command line on a private clock and turns what happened into a plan. */
function runMain(world: World, image: ResolvedImage, argv: string[], env: Record<string, string>, opts: PlanOptions, now: number): ProcessPlan {
  const exe = base(argv[0]!);
  let text: string;
  let args: string[];
  if (SHELLS.has(exe) && argv[1] === '-c') {
    text = argv[2] ?? '';
    args = argv.length > 3 ? argv.slice(3) : [argv[0]!];
  } else {
    text = argv.map(shellQuote).join(' ');
    args = [exe];
  }

  let elapsed = 0;
  const timed: TimedLine[] = [];
  const partial = { stdout: '', stderr: '' };
  const emit = (stream: 'stdout' | 'stderr', s: string) => {
    const buf = partial[stream] + s;
    const lines = buf.split('\n');
    partial[stream] = lines.pop()!;
    for (const l of lines) timed.push({ atMs: elapsed, text: l, stream });
    if (timed.length > MAX_LINES) throw new Blocked('forever');
  };
  const flush = () => {
    for (const s of ['stdout', 'stderr'] as const) if (partial[s]) timed.push({ atMs: elapsed, text: partial[s], stream: s }), (partial[s] = '');
  };

  const fsOps: PlanFsOp[] = [];
  const fs = opts.deferFs ? deferringFs(opts.fs, () => elapsed, fsOps) : opts.fs;
  const ctx: Ctx = {
    get wallNow() {
      return now - world.clock.offsetMs + elapsed;
    },
    host: fs,
    tty: opts.tty,
    interactive: false,
    readLine: async () => null,
  };
  const user = opts.user ?? (image.config.User || 'root');
  const vars = { ...env };
  const scriptEnv = containerScriptEnv(world, ctx, fs, vars, { image, flavor: image.flavor, hostname: opts.hostname, user, mainArgv: argv, ...(opts.ip ? { ip: opts.ip } : {}), ...(opts.from ? { from: opts.from } : {}), shell: exe === 'bash' ? 'bash' : 'sh' });

  // PATH lookups are the planner's hot path (loops): remember them for this plan
  const found = new Map<string, string | null>();
  const exists = (n: string): boolean => {
    let r = found.get(n);
    if (r === undefined) found.set(n, (r = findExecutable(opts.fs, vars, n)));
    return r !== null;
  };
  const progs = new Map<string, Program | undefined>();
  const intercept = (a: string[]): number | undefined => {
    const name = base(a[0]!);
    if (!exists(a[0]!)) return undefined;
    if (name === 'sleep') {
      const ops = a.slice(1).filter((x) => x !== '--');
      if (ops[0] === 'infinity') throw new Blocked('forever');
      let total = 0;
      for (const x of ops) {
        const ms = parseDuration(x);
        if (ms === null) return undefined;
        total += ms;
      }
      elapsed += total;
      if (elapsed > HORIZON_MS) throw new Blocked('forever');
      return 0;
    }
    if (name === 'tail' && a.slice(1).some((x) => /^-[a-zA-Z]*[fF]/.test(x))) throw new Blocked('forever');
    if (name === 'top' || name === 'yes' || (name === 'cat' && a.length === 1 && opts.interactive)) throw new Blocked('forever');
    if (SHELLS.has(name) && a[1] === '-c') {
      return runMini(a[2] ?? '', { ...miniEnv, args: a.length > 3 ? a.slice(3) : [a[0]!] });
    }
    const app = appForArgv(image, a);
    if (app && APPS[app]) throw new Blocked('server', app, a);
    return undefined;
  };
  const miniEnv: MiniEnv = {
    world,
    ctx,
    fs,
    vars,
    args,
    lookup: (name) => {
      if (progs.has(name)) return progs.get(name);
      let p = scriptEnv.lookup(name);
      const b = base(name);
      if (p && LAZY.has(b) && typeof lazyTools[b] === 'function') p = lazyTools[b];
      progs.set(name, p);
      return p;
    },
    notFound: scriptEnv.notFound!,
    intercept,
    out: (s) => emit('stdout', s),
    err: (s) => emit('stderr', s),
  };

  let code = 0;
  let blocked: Blocked | null = null;
  try {
    code = runMini(text, miniEnv);
  } catch (e) {
    if (e instanceof Blocked) blocked = e;
    else if (e instanceof MiniLimit) blocked = new Blocked('forever');
    else throw e;
  }
  flush();
  const lines = timed.map((t) => t.text);
  const extra = fsOps.length ? { fsOps } : {};
  if (blocked?.why === 'server' && blocked.app) return { ...serveApp(blocked.app, image, blocked.argv!, vars, opts, now + elapsed, timed)!, ...extra } as ProcessPlan;
  if (blocked) return { kind: 'serve', logs: lines, ports: [], stopCode: 137, timed, ...extra };
  if (elapsed >= 1000) return { kind: 'serve', logs: lines, exitAfterMs: elapsed, exitCode: code, ports: [], stopCode: 137, timed, ...extra };
  return { kind: 'exit', code, output: lines, runMs: Math.max(10, elapsed), timed, ...extra };
}


/** planProcess for callers that are async anyway: waits for the lazily loaded text tools first (grep, sed ...). */
export async function planProcessAsync(world: World, image: ResolvedImage, argv: string[], env: Record<string, string>, opts: PlanOptions): Promise<ProcessPlan> {
  await preloadTools();
  return planProcess(world, image, argv, env, opts);
}
