/**
 * The Docker engine: pure operations on world.docker. No text output here beyond Docker's error messages;
 * the CLI (src/docker) prints. Every operation validates before it mutates.
 *
 * Containers are stored in `docker inspect` shape with private fields under `_sim`:
 *   _sim.createdMs/startedMs/finishedMs, _sim.upper (writable layer), _sim.logs [{t, s, l}],
 *   _sim.exitAt (process ends by itself), _sim.exitCode, _sim.killAt (stop grace deadline), _sim.stopCode,
 *   _sim.plan (ProcessPlan), _sim.restartAt, _sim.manualStop, _sim.imageRef (as the user wrote it).
 */
import { randomHex, randomInt } from '../../core/random.js';
import type { World } from '../world.js';
import type { FsLayer, ImageConfig, ProcessPlan } from '../runtime/contract.js';
import { randomName } from './names.js';
import { rfc3339Nano } from '../../docker/units.js';

export type EngineResult<T = void> = { ok: true; value: T } | { ok: false; error: string; code?: number };
export const ok = <T>(value: T): EngineResult<T> => ({ ok: true, value });
export const fail = (error: string, code = 1): EngineResult<never> => ({ ok: false, error, code });

export const DAEMON_DOWN = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export function newId(world: World): string {
  return randomHex(world, 64);
}

export function stamp(world: World, ms: number): string {
  return rfc3339Nano(ms, randomInt(world, 0, 1_000_000));
}

// ---------------------------------------------------------------- lookup

export function containerList(world: World): any[] {
  return Object.values(world.docker.containers).sort((a, b) => b._sim.createdMs - a._sim.createdMs || (b._sim.seq ?? 0) - (a._sim.seq ?? 0));
}

/** Finds a container by full id, name (with or without /), or unique id prefix, as the daemon does. */
export function findContainer(world: World, ref: string): EngineResult<any> {
  const cs = world.docker.containers;
  if (cs[ref]) return ok(cs[ref]);
  const name = ref.startsWith('/') ? ref : '/' + ref;
  for (const c of Object.values(cs)) if (c.Name === name) return ok(c);
  if (/^[0-9a-f]+$/.test(ref)) {
    const hits = Object.keys(cs).filter((id) => id.startsWith(ref));
    if (hits.length === 1) return ok(cs[hits[0]!]);
    if (hits.length > 1) return fail(`Error response from daemon: multiple IDs found with provided prefix: ${ref}`);
  }
  return fail(`Error response from daemon: No such container: ${ref}`);
}

export function findNetwork(world: World, ref: string): any | undefined {
  const ns = world.docker.networks;
  if (ns[ref]) return ns[ref];
  for (const n of Object.values(ns)) if (n.Name === ref) return n;
  const hits = Object.keys(ns).filter((id) => id.startsWith(ref));
  return hits.length === 1 ? ns[hits[0]!] : undefined;
}

// ---------------------------------------------------------------- state strings

/** moby's container State.String() as `docker ps` STATUS shows it (time part humanised by the caller). */
export function containerStateName(c: any): string {
  const s = c.State;
  if (s.Running) {
    if (s.Paused) return 'paused';
    if (s.Restarting) return 'restarting';
    return 'running';
  }
  if (s.Dead) return 'dead';
  return s.Status;
}

// ---------------------------------------------------------------- ports

export interface PortSpec {
  ip: string;
  hostPort: string; // '' = ephemeral
  containerPort: number;
  proto: string;
}

/** Parses `-p` values like docker/go-connections nat.ParsePortSpec; errors are the CLI's messages. */
export function parsePortSpec(raw: string): EngineResult<PortSpec[]> {
  let rest = raw;
  let proto = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    proto = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(proto)) return fail(`invalid proto: ${proto}`, 125);
  }
  let ip = '';
  let host = '';
  let ctr = rest;
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (v6) {
    ip = v6[1]!;
    const parts = v6[2]!.split(':');
    [host, ctr] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['', parts[0]!];
  } else {
    const parts = rest.split(':');
    if (parts.length === 1) ctr = parts[0]!;
    else if (parts.length === 2) [host, ctr] = [parts[0]!, parts[1]!];
    else if (parts.length === 3) [ip, host, ctr] = [parts[0]!, parts[1]!, parts[2]!];
    else return fail(`invalid port format: ${raw}`, 125);
  }
  if (ip && !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && !ip.includes(':')) return fail(`invalid IP address: ${ip}`, 125);
  const range = (s: string): [number, number] | null => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) return null;
    const a = +m[1]!;
    const b = m[2] ? +m[2] : a;
    if (a < 0 || a > 65535 || b < a || b > 65535) return null;
    return [a, b];
  };
  const cr = range(ctr);
  if (!ctr || !cr || cr[0] === 0) return fail(`invalid containerPort: ${ctr}`, 125);
  let hr: [number, number] | null = null;
  if (host) {
    hr = range(host);
    if (!hr) return fail(`invalid hostPort: ${host}`, 125);
  }
  const out: PortSpec[] = [];
  for (let p = cr[0]; p <= cr[1]; p++) {
    const hp = hr ? (hr[0] === hr[1] ? hr[0] : hr[0] + (p - cr[0])) : 0;
    out.push({ ip, hostPort: hr ? String(hp) : '', containerPort: p, proto });
  }
  return ok(out);
}

/** Host ports in use: "ip/proto/port" keys for running containers. */
function usedHostPorts(world: World, except?: string): Set<string> {
  const used = new Set<string>();
  for (const c of Object.values(world.docker.containers)) {
    if (c.Id === except || !c.State.Running) continue;
    for (const [k, binds] of Object.entries(c.NetworkSettings.Ports ?? {}) as [string, any][]) {
      const proto = k.split('/')[1];
      for (const b of binds ?? []) used.add(`${proto}:${b.HostPort}`);
    }
  }
  return used;
}

/** Allocates host ports for a container being started; fails with Docker's message when one is taken. */
export function allocatePorts(world: World, c: any): EngineResult<Record<string, any[] | null>> {
  const used = usedHostPorts(world, c.Id);
  const ports: Record<string, any[] | null> = {};
  const exposed = Object.keys(c.Config.ExposedPorts ?? {});
  for (const k of exposed) ports[k] = null;
  const name = c.Name.slice(1);
  let next = 32768;
  for (const [key, binds] of Object.entries(c.HostConfig.PortBindings ?? {}) as [string, any[]][]) {
    const proto = key.split('/')[1]!;
    const out: any[] = [];
    for (const b of binds) {
      let hp = b.HostPort;
      if (!hp) {
        while (used.has(`${proto}:${next}`)) next++;
        hp = String(next++);
      } else if (used.has(`${proto}:${hp}`)) {
        const ip = b.HostIp || '0.0.0.0';
        return fail(
          `Error response from daemon: driver failed programming external connectivity on endpoint ${name} (${c._sim.endpointId}): Bind for ${ip}:${hp} failed: port is already allocated`,
          125,
        );
      }
      used.add(`${proto}:${hp}`);
      if (b.HostIp) out.push({ HostIp: b.HostIp, HostPort: hp });
      else out.push({ HostIp: '0.0.0.0', HostPort: hp }, { HostIp: '::', HostPort: hp });
    }
    ports[key] = out;
  }
  return ok(ports);
}

// ---------------------------------------------------------------- networks and IPs

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + +b, 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Next free address in a network's subnet (gateway .1, containers from .2). */
export function allocateIp(world: World, net: any): string {
  const cfg = net.IPAM.Config[0];
  if (!cfg) return '';
  const base = ipToInt(cfg.Subnet.split('/')[0]);
  const taken = new Set<string>();
  for (const c of Object.values(world.docker.containers)) {
    const ep = c.NetworkSettings.Networks?.[net.Name];
    if (ep?.IPAddress) taken.add(ep.IPAddress);
  }
  for (let i = 2; i < 65534; i++) {
    const ip = intToIp(base + i);
    if (!taken.has(ip)) return ip;
  }
  return '';
}

export function nextSubnet(world: World): { subnet: string; gateway: string } {
  const used = new Set(Object.values(world.docker.networks).map((n: any) => n.IPAM.Config[0]?.Subnet));
  for (let b = 18; b < 32; b++) {
    const subnet = `172.${b}.0.0/16`;
    if (!used.has(subnet)) return { subnet, gateway: `172.${b}.0.1` };
  }
  for (let b = 0; b < 256; b++) {
    const subnet = `192.168.${b}.0/20`;
    if (!used.has(subnet)) return { subnet, gateway: `192.168.${b}.1` };
  }
  return { subnet: '10.0.0.0/24', gateway: '10.0.0.1' };
}

export function macFor(ip: string): string {
  return '02:42:' + ip.split('.').map((x) => (+x).toString(16).padStart(2, '0')).join(':');
}

export function endpointFor(world: World, net: any, c: any, aliases: string[] | null = null): any {
  const ip = net.Driver === 'bridge' ? allocateIp(world, net) : '';
  const gw = net.IPAM.Config[0]?.Gateway ?? '';
  return {
    IPAMConfig: null,
    Links: null,
    Aliases: aliases,
    MacAddress: ip ? macFor(ip) : '',
    DriverOpts: null,
    GwPriority: 0,
    NetworkID: net.Id,
    EndpointID: '',
    Gateway: ip ? gw : '',
    IPAddress: ip,
    IPPrefixLen: ip ? +net.IPAM.Config[0].Subnet.split('/')[1] : 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: net.Name === 'bridge' || !ip ? null : [c.Name.slice(1), c.Id.slice(0, 12)],
  };
}

// ---------------------------------------------------------------- logs

export function appendLog(c: any, t: number, line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
  const logs = (c._sim.logs ??= []);
  logs.push({ t, s: stream, l: line });
  if (logs.length > 5000) logs.splice(0, logs.length - 5000);
}

/** For the runtime (curl access logs): appends a line to a container's log. */
export function appendContainerLog(world: World, id: string, line: string, t: number, stream: 'stdout' | 'stderr' = 'stdout'): void {
  const c = world.docker.containers[id];
  if (c) appendLog(c, t, line, stream);
}

// ---------------------------------------------------------------- lifecycle

export function isRunning(c: any): boolean {
  return !!c.State.Running;
}

/** Marks a container as exited with a code at time t (process ended, killed or stopped). */
export function markExited(world: World, c: any, code: number, t: number): void {
  const s = c.State;
  s.Status = 'exited';
  s.Running = false;
  s.Paused = false;
  s.Restarting = false;
  s.Pid = 0;
  s.ExitCode = code;
  s.FinishedAt = stamp(world, t);
  c._sim.finishedMs = t;
  delete c._sim.exitAt;
  delete c._sim.killAt;
  delete c._sim.stopCode;
  releaseEndpoints(c);
}

function releaseEndpoints(c: any): void {
  // IPs are kept in inspect only while running (Docker clears them on exit).
  for (const ep of Object.values(c.NetworkSettings.Networks ?? {}) as any[]) {
    ep._ip = ep.IPAddress || ep._ip;
    ep.IPAddress = '';
    ep.Gateway = '';
    ep.IPPrefixLen = 0;
    ep.MacAddress = '';
    ep.EndpointID = '';
  }
  c.NetworkSettings.Ports = {};
  c.NetworkSettings.SandboxKey = '';
  c.NetworkSettings.SandboxID = '';
}

export function plannedOutput(plan: ProcessPlan): string[] {
  if (plan.kind === 'exit') return plan.output;
  if (plan.kind === 'serve') return plan.logs;
  return [];
}

/**
 * Starts a created/exited container at time t: allocates ports and IPs, runs its process plan.
 * Returns the plan so the caller can attach output.
 */
export function startContainer(world: World, c: any, t: number, plan: ProcessPlan): EngineResult<ProcessPlan> {
  const up = bringUp(world, c, t);
  if (!up.ok) return up;
  applyPlan(world, c, t, plan);
  return ok(plan);
}

/** Allocates ports and IPs and marks the container running (the process plan comes next). */
export function bringUp(world: World, c: any, t: number): EngineResult<void> {
  const ports = allocatePorts(world, c);
  if (!ports.ok) return ports;
  const s = c.State;
  s.Status = 'running';
  s.Running = true;
  s.Paused = false;
  s.Restarting = false;
  s.OOMKilled = false;
  s.Dead = false;
  s.Pid = randomInt(world, 1000, 60000);
  s.ExitCode = 0;
  s.Error = '';
  s.StartedAt = stamp(world, t);
  s.FinishedAt = c._sim.finishedMs !== undefined ? s.FinishedAt : ZERO_TIME;
  c._sim.startedMs = t;
  c._sim.manualStop = false;
  const hc = c.Config.Healthcheck;
  if (hc && hc.Test?.[0] && hc.Test[0] !== 'NONE') {
    s.Health = { Status: 'starting', FailingStreak: 0, Log: [] };
    c._sim.healthAt = t + Math.max(1000, (hc.Interval ?? 30e9) / 1e6);
  } else delete c._sim.healthAt;
  c.NetworkSettings.Ports = c.HostConfig.NetworkMode === 'host' || c.HostConfig.NetworkMode === 'none' ? {} : ports.value;
  c.NetworkSettings.SandboxID = newId(world);
  c.NetworkSettings.SandboxKey = `/var/run/docker/netns/${c.NetworkSettings.SandboxID.slice(0, 12)}`;
  for (const [name, ep] of Object.entries(c.NetworkSettings.Networks ?? {}) as [string, any][]) {
    const net = findNetwork(world, name);
    if (!net) continue;
    const fresh = endpointFor(world, net, c, ep.Aliases);
    Object.assign(ep, fresh, { EndpointID: net.Driver === 'bridge' ? newId(world) : '' });
    delete ep._ip;
  }
  return ok(undefined);
}

/** The process could not start (exec failure): back to Created with the exit code, as Docker leaves it. */
export function failStart(world: World, c: any, code: number, error: string): void {
  void world;
  const s = c.State;
  s.Status = 'created';
  s.Running = false;
  s.Pid = 0;
  s.ExitCode = code;
  s.Error = error;
  s.StartedAt = ZERO_TIME;
  delete c._sim.startedMs;
  releaseEndpoints(c);
}

export function applyPlan(world: World, c: any, t: number, plan: ProcessPlan & { stderr?: string[] }): void {
  void world;
  // the stored plan stays small: timed lines go to the log once
  const { timed: _t, ...stored } = plan as any;
  void _t;
  c._sim.plan = stored;
  const timed = (plan as any).timed as { atMs: number; text: string; stream: 'stdout' | 'stderr' }[] | undefined;
  if (timed) for (const l of timed) appendLog(c, t + 1 + l.atMs, l.text, l.stream);
  else {
    const errs = new Set(plan.stderr ?? []);
    for (const line of plannedOutput(plan)) appendLog(c, t + 1, line, errs.has(line) ? 'stderr' : 'stdout');
  }
  if (plan.kind === 'exit') {
    c._sim.exitAt = t + Math.max(1, plan.runMs);
    c._sim.exitCode = plan.code;
  } else if (plan.kind === 'serve' && plan.exitAfterMs !== undefined) {
    c._sim.exitAt = t + plan.exitAfterMs;
    c._sim.exitCode = plan.exitCode ?? 0;
  } else if (plan.kind === 'shell' && !c.Config.OpenStdin) {
    c._sim.exitAt = t + 5;
    c._sim.exitCode = 0;
  } else delete c._sim.exitAt;
}

/** SIGTERM now; the process exits with its stop code, or is killed (137) after the grace period. */
export function stopContainer(world: World, c: any, t: number, timeoutSec?: number): number {
  if (!isRunning(c)) return t;
  c._sim.manualStop = true;
  if (c.State.Paused) {
    c.State.Paused = false;
  }
  const plan = c._sim.plan as ProcessPlan | undefined;
  const grace = (timeoutSec ?? c.Config.StopTimeout ?? 10) * 1000;
  const ignoresTerm = !plan || plan.kind === 'shell' || (plan.kind === 'serve' && plan.stopCode === 137) || (plan.kind === 'exit');
  if (ignoresTerm) {
    const at = t + grace;
    markExited(world, c, 137, at);
    return at;
  }
  const code = plan.kind === 'serve' ? plan.stopCode : 0;
  const at = t + 300;
  markExited(world, c, code, at);
  return at;
}

/**
 * Sends a signal. PID 1 in a container ignores signals it has no handler for: a shell or `sleep` ignores everything
 * but SIGKILL; servers stop on TERM/INT/QUIT with their own exit code and keep running on HUP/USR1/USR2 (reload).
 */
export function killContainer(world: World, c: any, t: number, signal = 'KILL'): void {
  const sig = signal.toUpperCase().replace(/^SIG/, '');
  const num: Record<string, string> = { '9': 'KILL', '15': 'TERM', '2': 'INT', '1': 'HUP', '3': 'QUIT', '10': 'USR1', '12': 'USR2' };
  const name = num[sig] ?? sig;
  const plan = c._sim.plan as ProcessPlan | undefined;
  if (name === 'KILL') {
    c._sim.manualStop = true;
    markExited(world, c, 137, t);
    return;
  }
  const handles = plan?.kind === 'serve' && plan.stopCode !== 137;
  if (!handles) return; // ignored by PID 1
  if (name === 'TERM' || name === 'INT' || name === 'QUIT') {
    c._sim.manualStop = true;
    markExited(world, c, plan.stopCode, t);
  }
}

/** Removes a container and its anonymous volumes when asked (-v) or when it was --rm. */
export function removeContainer(world: World, c: any, removeVolumes: boolean): void {
  delete world.docker.containers[c.Id];
  if (removeVolumes || c.HostConfig.AutoRemove) {
    for (const m of c.Mounts ?? []) {
      if (m.Type === 'volume' && world.docker.volumes[m.Name]?._sim?.anonymous && !volumeInUse(world, m.Name)) delete world.docker.volumes[m.Name];
    }
  }
}

export function volumeInUse(world: World, name: string): string | undefined {
  for (const c of Object.values(world.docker.containers)) if ((c.Mounts ?? []).some((m: any) => m.Type === 'volume' && m.Name === name)) return c.Id;
  return undefined;
}

export function createVolume(world: World, name: string, t: number, labels: Record<string, string> | null = null, anonymous = false): any {
  const existing = world.docker.volumes[name];
  if (existing) return existing;
  const v = {
    CreatedAt: new Date(t).toISOString().replace(/\.\d+Z$/, 'Z'),
    Driver: 'local',
    Labels: anonymous ? { 'com.docker.volume.anonymous': '' } : labels,
    Mountpoint: `/var/lib/docker/volumes/${name}/_data`,
    Name: name,
    Options: null,
    Scope: 'local',
    _sim: { layer: {} as FsLayer, anonymous, createdMs: t },
  };
  world.docker.volumes[name] = v;
  return v;
}

export function genName(world: World): string {
  const taken = new Set(Object.values(world.docker.containers).map((c: any) => c.Name));
  for (let retry = 0; retry < 10; retry++) {
    const n = randomName(world, retry);
    if (!taken.has('/' + n)) return n;
  }
  return randomName(world, 1) + randomHex(world, 4);
}

export function validName(name: string): boolean {
  return /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name);
}

const SETTLE_SLACK_MS = 1000;

/** Due process exits, stop deadlines and restart policies. */
export function reconcileContainers(world: World, now: number): boolean {
  if (world.docker.daemon !== 'running') return false;
  let changed = false;
  for (const c of Object.values(world.docker.containers)) {
    const sim = c._sim;
    // a process that ends within a second of `now` has ended by the time the learner types the next command
    // (the same second of slack `docker logs` gives output); FinishedAt stays its real end
    if (c.State.Running && sim.exitAt !== undefined && sim.exitAt <= now + SETTLE_SLACK_MS) {
      const code = sim.exitCode ?? 0;
      markExited(world, c, code, sim.exitAt);
      changed = true;
      if (c.HostConfig.AutoRemove) {
        removeContainer(world, c, true);
        continue;
      }
      const pol = c.HostConfig.RestartPolicy?.Name ?? 'no';
      const max = c.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0;
      const wants = pol === 'always' || pol === 'unless-stopped' || (pol === 'on-failure' && code !== 0 && (max === 0 || c.RestartCount < max));
      if (wants) {
        const delay = 100 * 2 ** Math.min(c.RestartCount, 10);
        sim.restartAt = c._sim.finishedMs + delay;
        c.State.Restarting = true;
        c.State.Status = 'restarting';
        c.State.Running = true;
      }
    }
    if (c.State.Running && sim.healthAt !== undefined && sim.healthAt <= now) {
      // the check passes: the process answers
      const at = sim.healthAt;
      delete sim.healthAt;
      const h = (c.State.Health ??= { Status: 'starting', FailingStreak: 0, Log: [] });
      h.Status = 'healthy';
      h.FailingStreak = 0;
      h.Log.push({ Start: stamp(world, at), End: stamp(world, at + 40), ExitCode: 0, Output: '' });
      changed = true;
    }
    if (sim.restartAt !== undefined && sim.restartAt <= now) {
      const at = sim.restartAt;
      delete sim.restartAt;
      c.RestartCount++;
      c.State.Restarting = false;
      c.State.Running = false;
      const r = startContainer(world, c, at, sim.plan);
      if (!r.ok) markExited(world, c, 128, at);
      changed = true;
    }
  }
  return changed;
}

export function nextContainerWake(world: World, now: number): number | undefined {
  if (world.docker.daemon !== 'running') return undefined;
  let best: number | undefined;
  for (const c of Object.values(world.docker.containers)) {
    for (const t of [c._sim.exitAt, c._sim.restartAt, c.State.Running ? c._sim.healthAt : undefined]) if (t !== undefined && t > now && (best === undefined || t < best)) best = t;
  }
  return best;
}

/** Image config merged with a container's overrides, as `docker run` builds Config. */
export function mergeConfig(img: ImageConfig, o: { cmd?: string[]; entrypoint?: string | null; env: string[]; workdir?: string; user?: string; labels: Record<string, string> }) {
  const env = [...(img.Env ?? [])];
  for (const e of o.env) {
    const k = e.split('=')[0];
    const i = env.findIndex((x) => x.split('=')[0] === k);
    if (i >= 0) env[i] = e;
    else env.push(e);
  }
  let entrypoint = img.Entrypoint ?? null;
  let cmd = img.Cmd ?? null;
  if (o.entrypoint !== undefined) {
    entrypoint = o.entrypoint ? [o.entrypoint] : null;
    cmd = null;
  }
  if (o.cmd && o.cmd.length) cmd = o.cmd;
  return {
    env,
    entrypoint,
    cmd,
    workdir: o.workdir ?? img.WorkingDir ?? '',
    user: o.user ?? img.User ?? '',
    labels: { ...(img.Labels ?? {}), ...o.labels },
  };
}
