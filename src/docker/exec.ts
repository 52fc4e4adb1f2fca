/**
 * docker exec / docker cp, and the docker side of nested shells: a container's filesystem, environment and
 * program table (the runtime's containerScriptEnv over our layered fs: image layers + writable layer + volumes +
 * bind mounts).
 */
import type { Ctx, IO } from '../core/types.js';
import type { World } from '../world/world.js';
import type { Invocation } from './index.js';
import * as E from '../world/docker/engine.js';
import { containerFs } from '../world/docker/cfs.js';
import { resolvedFor } from '../world/docker/image-source.js';
import { getDockerHostFs } from '../world/docker/net.js';
import type { NestedShellTarget } from '../core/types.js';
import { humanSizeWithPrecision } from './units.js';

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);

function shQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface DockerExecContext {
  fs: ReturnType<typeof containerFs>;
  vars: Record<string, string>;
  info: any;
  flavor: string;
}

/** Everything a shell inside container `id` needs (used by docker exec and by the nested-shell router). */
export function dockerExecContext(world: World, ctx: Ctx, id: string, opts: { user?: string; workdir?: string; env?: Record<string, string> } = {}): DockerExecContext | null {
  const c = world.docker.containers[id];
  if (!c) return null;
  const img = world.docker.images[c.Image];
  const image = resolvedFor(world, img);
  const now = () => ctx.wallNow + world.clock.offsetMs;
  const fs = containerFs(world, c, ctx.host, now, opts.workdir || c.Config.WorkingDir || '/');
  const vars: Record<string, string> = {};
  for (const e of c.Config.Env ?? []) {
    const i = e.indexOf('=');
    vars[e.slice(0, i)] = e.slice(i + 1);
  }
  const user = opts.user || c.Config.User || 'root';
  vars.HOSTNAME = c.Config.Hostname;
  vars.HOME = user === 'root' ? '/root' : `/home/${user}`;
  vars.PWD = opts.workdir || c.Config.WorkingDir || '/';
  Object.assign(vars, opts.env ?? {});
  vars.PATH ??= '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const ip = Object.values(c.NetworkSettings.Networks ?? {}).map((e: any) => e.IPAddress).find(Boolean);
  const flavor = image?.flavor ?? 'busybox';
  const info = { image, flavor, hostname: c.Config.Hostname, user, ip, mainArgv: [c.Path, ...c.Args], from: { kind: 'container', id } };
  return { fs, vars, info, flavor };
}

async function runInContainer(io: IO, id: string, script: string, opts: { user?: string; workdir?: string; env?: Record<string, string>; shell?: string }): Promise<number> {
  const ec = dockerExecContext(io.world, io.ctx, id, opts);
  if (!ec) return 1;
  const [{ containerScriptEnv }, { runScript }] = await Promise.all([import('../world/runtime/programs.js'), import('../shell/interpreter.js')]);
  const env = containerScriptEnv(io.world, io.ctx, ec.fs, ec.vars, { ...ec.info, shell: opts.shell ?? 'sh' });
  const r = await runScript(script, env, { stdin: io.stdinIsPipe ? io.stdin : undefined, out: io.out, err: io.err });
  return r.code;
}

function findExe(ec: DockerExecContext, exe: string): boolean {
  if (exe.includes('/')) return ec.fs.stat(exe)?.type === 'file';
  return (ec.vars.PATH ?? '').split(':').some((d) => d && ec.fs.stat(`${d}/${exe}`)?.type === 'file');
}

export function shellPromptFor(world: World, c: any, shell: string, workdir: string, user = 'root'): string {
  const image = resolvedFor(world, world.docker.images[c.Image]);
  const flavor = image?.flavor ?? 'busybox';
  if (flavor === 'debian') {
    if (/bash/.test(shell)) {
      const home = user === 'root' ? '/root' : `/home/${user}`;
      const shown = workdir === home ? '~' : workdir;
      return `${user}@${c.Config.Hostname}:${shown}${user === 'root' ? '#' : '$'} `;
    }
    return user === 'root' ? '# ' : '$ ';
  }
  return `${workdir} ${user === 'root' ? '#' : '$'} `;
}

export async function cmdExec(inv: Invocation): Promise<number> {
  const { io, p } = inv;
  const f = p.flags;
  const r = E.findContainer(io.world, p.args[0]!);
  if (!r.ok) {
    io.err(r.error + '\n');
    return 1;
  }
  const c = r.value;
  if (!c.State.Running) {
    io.err(`Error response from daemon: container ${c.Id} is not running\n`);
    return 1;
  }
  if (c.State.Paused) {
    io.err(`Error response from daemon: Container ${p.args[0]} is paused, unpause the container before exec\n`);
    return 1;
  }
  if (c.State.Restarting) {
    io.err(`Error response from daemon: Container ${c.Id} is restarting, wait until the container is running\n`);
    return 1;
  }
  const cmd = p.args.slice(1);
  const env: Record<string, string> = {};
  for (const e of f.env ?? []) {
    const i = e.indexOf('=');
    if (i < 0) {
      if (io.env[e] !== undefined) env[e] = io.env[e]!;
    } else env[e.slice(0, i)] = e.slice(i + 1);
  }
  const workdir = f.workdir;
  if (workdir && !workdir.startsWith('/')) {
    io.err(`Error response from daemon: the working directory '${workdir}' is invalid, it needs to be an absolute path\n`);
    return 1;
  }
  const ec = dockerExecContext(io.world, io.ctx, c.Id, { user: f.user, workdir, env })!;
  if (workdir && ec.fs.stat(workdir)?.type !== 'dir') {
    // docker creates a missing working directory for exec? No: runc fails to chdir.
    io.err(`OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("${workdir}") set in config.json failed: no such file or directory: unknown\n`);
    return 126;
  }
  const exe = cmd[0]!;
  if (!findExe(ec, exe)) {
    io.err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${exe}": ${exe.includes('/') ? `stat ${exe}: no such file or directory` : 'executable file not found in $PATH'}: unknown\n`);
    return exe.includes('/') ? 127 : 127;
  }
  const isShell = SHELLS.has(exe) && cmd.length === 1;
  // docker exec -it CTR redis-cli: the client's own prompt
  if (f.interactive && f.tty && /(^|\/)redis-cli$/.test(exe)) {
    const { replOf } = await import('../world/runtime/repl.js');
    if (replOf(cmd) === 'redis-cli') {
      await ensureExecTarget();
      io.enterShell({ kind: 'docker', id: c.Id, prompt: '127.0.0.1:6379> ', onExit: 'none', repl: 'redis-cli' });
      return 0;
    }
  }
  if (isShell && f.interactive) {
    await ensureExecTarget();
    const wd = workdir || c.Config.WorkingDir || '/';
    io.enterShell({
      kind: 'docker',
      id: c.Id,
      prompt: shellPromptFor(io.world, c, exe, wd, f.user || c.Config.User || 'root'),
      onExit: 'none',
      workdir: wd,
      ...(f.user ? { user: f.user } : {}),
      ...(Object.keys(env).length ? { env } : {}),
    });
    return 0;
  }
  if (isShell && !f.interactive) return 0; // sh with no stdin exits at once
  const shell = /bash/.test(exe) ? 'bash' : 'sh';
  if (f.detach) {
    // detached: runs, its output goes nowhere
    await runInContainer({ ...io, out: () => {}, err: () => {} }, c.Id, cmd.map(shQuote).join(' '), { user: f.user, workdir, env, shell });
    return 0;
  }
  return runInContainer(io, c.Id, cmd.map(shQuote).join(' '), { user: f.user, workdir, env, shell });
}

function tarSize(entries: { size: number }[]): number {
  return entries.reduce((a, e) => a + 512 + Math.ceil(e.size / 512) * 512, 0) + 1024;
}

export async function cmdCp(inv: Invocation): Promise<number> {
  const { io, p } = inv;
  const [src, dst] = p.args as [string, string];
  const split = (s: string): [string | null, string] => {
    const m = /^([a-zA-Z0-9][a-zA-Z0-9_.-]*):(.*)$/.exec(s);
    return m && !s.startsWith('/') && !s.startsWith('.') ? [m[1]!, m[2]!] : [null, s];
  };
  const [sc, sp] = split(src);
  const [dc, dp] = split(dst);
  if (sc && dc) {
    io.err('copying between containers is not supported\n');
    return 1;
  }
  if (!sc && !dc) {
    io.err('must specify at least one container source\n');
    return 1;
  }
  const ref = (sc ?? dc)!;
  const r = E.findContainer(io.world, ref);
  if (!r.ok) {
    io.err(r.error + '\n');
    return 1;
  }
  const c = r.value;
  const host = io.ctx.host;
  const cfs = containerFs(io.world, c, host, () => io.now());
  const entries: { size: number }[] = [];
  if (sc) {
    // container -> host
    const from = sp.startsWith('/') ? sp : `/${sp}`;
    const st = cfs.stat(from);
    if (!st) {
      io.err(`Error response from daemon: Could not find the file ${from} in container ${ref}\n`);
      return 1;
    }
    const hostDst = host.resolve(dp);
    const copy = (cf: string, hf: string) => {
      const s = cfs.stat(cf);
      if (s?.type === 'dir') {
        host.mkdir?.(hf, true);
        entries.push({ size: 0 });
        for (const n of cfs.readdir(cf) ?? []) copy(`${cf === '/' ? '' : cf}/${n}`, `${hf}/${n}`);
      } else {
        const content = cfs.readFile(cf) ?? '';
        host.writeFile(hf, content);
        entries.push({ size: Buffer.byteLength(content) });
      }
    };
    const target = host.stat(hostDst)?.type === 'dir' ? `${hostDst}/${from.split('/').pop()}` : hostDst;
    copy(from, target);
    io.err(`Successfully copied ${humanSizeWithPrecision(tarSize(entries), 3)} to ${hostDst}\n`);
    return 0;
  }
  // host -> container
  const hostSrc = host.resolve(sp);
  const hs = host.stat(hostSrc);
  if (!hs) {
    io.err(`lstat ${hostSrc}: no such file or directory\n`);
    return 1;
  }
  const to = dp.startsWith('/') ? dp : `${c.Config.WorkingDir || '/'}/${dp}`;
  const parent = to.replace(/\/[^/]*\/?$/, '') || '/';
  if (!cfs.stat(to) && !cfs.stat(parent)) {
    io.err(`Error response from daemon: Could not find the file ${parent} in container ${ref}\n`);
    return 1;
  }
  const copyIn = (hf: string, cf: string) => {
    const s = host.stat(hf);
    if (s?.type === 'dir') {
      cfs.mkdir(cf, true);
      entries.push({ size: 0 });
      for (const n of host.readdir(hf) ?? []) copyIn(`${hf}/${n}`, `${cf}/${n}`);
    } else {
      const content = host.readFile(hf) ?? '';
      cfs.writeFile(cf, content);
      entries.push({ size: Buffer.byteLength(content) });
    }
  };
  const target = cfs.stat(to)?.type === 'dir' ? `${to.replace(/\/$/, '')}/${hostSrc.split('/').pop()}` : to;
  copyIn(hostSrc, target);
  io.err(`Successfully copied ${humanSizeWithPrecision(tarSize(entries), 3)} to ${ref}:${dp}\n`);
  return 0;
}

let registered = false;

/** Registers the docker opener with the runtime's nested-shell router (before the first enterShell). */
export async function ensureExecTarget(): Promise<void> {
  if (registered) return;
  const { registerExecTarget } = await import('../world/runtime/nested.js');
  registerExecTarget('docker', openDockerTarget);
  registered = true;
}

function openDockerTarget(world: World, target: NestedShellTarget): any {
  const c = world.docker.containers[target.id];
  if (!c) return { error: `Error response from daemon: No such container: ${target.id}` };
  if (!c.State.Running || world.docker.daemon !== 'running') return { error: `Error response from daemon: container ${c.Id} is not running` };
  const host = getDockerHostFs();
  const now = () => world.clock.settledAt;
  const ec = dockerExecContext(world, { wallNow: now(), host, tty: false, interactive: false, readLine: async () => null }, c.Id, { user: target.user, workdir: target.workdir, env: target.env });
  if (!ec) return { error: `Error response from daemon: No such container: ${target.id}` };
  return {
    fs: ec.fs,
    env: ec.vars,
    hostname: c.Config.Hostname,
    flavor: ec.flavor,
    image: ec.info.image,
    cwd: target.workdir || c.Config.WorkingDir || '/',
    user: ec.info.user,
    ...(ec.info.ip ? { ip: ec.info.ip } : {}),
    mainArgv: ec.info.mainArgv,
    from: { kind: 'container', id: c.Id },
    onExit: (w: World, t: NestedShellTarget, code: number) => {
      if (t.onExit !== 'stop-container') return;
      const cc = w.docker.containers[t.id];
      if (!cc || !cc.State.Running) return;
      E.markExited(w, cc, code, w.clock.settledAt);
      if (cc.HostConfig.AutoRemove) E.removeContainer(w, cc, true);
    },
  };
}
