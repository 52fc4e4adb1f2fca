/** The docker commands: turn a parsed invocation into engine calls and print like docker/cli. */
import type { IO } from '../core/types.js';
import type { Invocation } from './index.js';
import type { World } from '../world/world.js';
import * as E from '../world/docker/engine.js';
import * as I from '../world/docker/images.js';
import { planMain, type PlanResult } from '../world/docker/process.js';
import { containerFs } from '../world/docker/cfs.js';
import { shellPromptFor } from './exec.js';
import {
  containerContext, CONTAINER_HEADERS, IMAGE_HEADERS, NETWORK_HEADERS, VOLUME_HEADERS, HISTORY_HEADERS,
  inspectJson, renderRows, shortId, stateWord, TemplateError, displayablePorts, portSummaries,
} from './printers.js';
import { humanDuration, humanSize, humanSizeWithPrecision, goTimeString, tabwrite } from './units.js';
import { renderTemplate } from './gotemplate.js';
import { nextSeq, randomHex } from '../core/random.js';
import { sha256hex } from '../world/runtime/images.js';
import { diffIdOf, resolvedFor, toPushedRecord } from '../world/docker/image-source.js';

type Cmd = (inv: Invocation) => number | Promise<number>;

/** "docker: <msg>\n\nRun 'docker run --help' for more information\n" as run/create print daemon errors. */
function runStyleError(inv: Invocation, msg: string, code = 125): number {
  inv.io.err(`docker: ${msg}\n\nRun 'docker ${inv.cmd.replace(/^container /, '')} --help' for more information\n`);
  return code;
}

export function clientValidate(inv: Invocation): number | undefined {
  const { cmd, p } = inv;
  if (cmd === 'container run' || cmd === 'container create') {
    if (p.flags.pull !== undefined && !['always', 'missing', 'never'].includes(p.flags.pull))
      return runStyleError(inv, `invalid pull option: '${p.flags.pull}': must be one of "always", "missing" or "never"`);
    for (const raw of p.flags.publish ?? []) {
      const r = E.parsePortSpec(raw);
      if (!r.ok) return runStyleError(inv, r.error);
    }
    for (const raw of p.flags.volume ?? []) {
      if (/(^|:):|:$/.test(raw)) return runStyleError(inv, `invalid spec: ${raw}: empty section between colons`);
    }
    for (const file of p.flags['env-file'] ?? []) if (inv.io.ctx.host.readFile(file) === null) return runStyleError(inv, `open ${file}: no such file or directory`);
    if (p.flags.rm && p.flags.restart && String(p.flags.restart).split(':')[0] !== 'no') return runStyleError(inv, 'conflicting options: cannot specify both --restart and --rm');
  }
  return undefined;
}

// ------------------------------------------------------------------ helpers

function now(io: IO): number {
  return io.now();
}

function errLine(io: IO, msg: string): void {
  io.err(msg + '\n');
}

/** Runs `fn` for each container argument; prints the argument on success, errors on stderr. Exit 1 on any error. */
function eachContainer(inv: Invocation, fn: (c: any, arg: string) => string | null | undefined, printArg = true, skipNotFound = false): number {
  // docker/cli: names of the successes on stdout as they finish, the errors joined at the end (exit 1)
  const errs: string[] = [];
  for (const arg of inv.p.args) {
    const r = E.findContainer(inv.io.world, arg);
    if (!r.ok) {
      if (!skipNotFound) errs.push(r.error);
      continue;
    }
    const err = fn(r.value, arg);
    if (err) {
      errs.push(err);
      continue;
    }
    if (printArg) inv.io.out(arg + '\n');
  }
  for (const e of errs) errLine(inv.io, e);
  return errs.length ? 1 : 0;
}

function parseEnvList(list: string[] | undefined, io: IO): string[] {
  const out: string[] = [];
  for (const e of list ?? []) {
    if (e.includes('=')) out.push(e);
    else if (io.env[e] !== undefined) out.push(`${e}=${io.env[e]}`);
  }
  return out;
}

function parseLabels(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of list ?? []) {
    const i = l.indexOf('=');
    if (i < 0) out[l] = '';
    else out[l.slice(0, i)] = l.slice(i + 1);
  }
  return out;
}

function parseFilters(list: string[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of list ?? []) {
    const i = f.indexOf('=');
    const k = (i < 0 ? f : f.slice(0, i)).trim().toLowerCase();
    (out[k] ??= []).push(i < 0 ? '' : f.slice(i + 1));
  }
  return out;
}

function labelMatch(labels: Record<string, string> | null, wants: string[]): boolean {
  return wants.every((w) => {
    const i = w.indexOf('=');
    if (i < 0) return labels != null && w in labels;
    return labels != null && labels[w.slice(0, i)] === w.slice(i + 1);
  });
}

// ------------------------------------------------------------------ pull

function pullLines(pulled: I.Pulled, tag: string, tty = false, have: Set<string> = new Set()): string[] {
  const lines: string[] = [];
  const repo = pulled.ref.path;
  lines.push(`${tag}: Pulling from ${repo}`);
  const short = (d: string) => d.replace(/^sha256:/, '').slice(0, 12);
  // layers another local image already has are not downloaded again
  const present = pulled.layers.filter((d) => have.has(diffIdOf(d))).map(short);
  const ids = pulled.layers.filter((d) => !have.has(diffIdOf(d))).map(short);
  if (tty) {
    // on a terminal each layer's line is rewritten in place: what stays on screen is its last state
    pulled.layers.map(short).forEach((id) => lines.push(present.includes(id) ? `${id}: Already exists` : `${id}: Pull complete`));
    lines.push(`Digest: ${pulled.digest}`);
    return lines;
  }
  present.forEach((id) => lines.push(`${id}: Already exists`));
  ids.forEach((id) => lines.push(`${id}: Pulling fs layer`));
  ids.slice(3).forEach((id) => lines.push(`${id}: Waiting`));
  ids.forEach((id) => lines.push(`${id}: Verifying Checksum`, `${id}: Download complete`));
  ids.forEach((id) => lines.push(`${id}: Pull complete`));
  lines.push(`Digest: ${pulled.digest}`);
  return lines;
}

/** Pulls and writes docker's non-TTY pull lines to `write`. Returns the image or an error message. */
function doPull(io: IO, ref: string, write: (s: string) => void, quiet = false): { ok: true; image: any; pulled: I.Pulled } | { ok: false; error: string } {
  const have = new Set<string>();
  for (const img of Object.values(io.world.docker.images) as any[]) for (const l of img.RootFS?.Layers ?? []) have.add(l);
  const r = I.pullImage(io.world, ref, now(io));
  if (!r.ok) return { ok: false, error: r.error };
  const pl = r.value;
  const tag = pl.ref.tag ?? pl.ref.digest ?? 'latest';
  const fam = I.familiarName(pl.ref.domain, pl.ref.path);
  const shown = pl.ref.digest ? `${fam}@${pl.ref.digest}` : `${fam}:${tag}`;
  if (!quiet) {
    if (pl.upToDate) {
      write(`${tag}: Pulling from ${pl.ref.path}\nDigest: ${pl.digest}\nStatus: Image is up to date for ${shown}\n`);
    } else {
      write(pullLines(pl, tag, io.ctx.tty, have).join('\n') + '\n');
      write(`Status: Downloaded newer image for ${shown}\n`);
    }
  }
  return { ok: true, image: r.value.image, pulled: pl };
}

function pullErrorText(err: string): string {
  return err.startsWith('Error response from daemon') || err.startsWith('invalid reference') ? err : `Error response from daemon: ${err}`;
}

// ------------------------------------------------------------------ create / run

interface CreateResult {
  c: any;
}

function createContainer(inv: Invocation, pullTo: (s: string) => void): { ok: true; c: any } | { ok: false; code: number } {
  const { io, p } = inv;
  const world = io.world;
  const f = p.flags;
  const imageArg = p.args[0]!;
  const cmdArgs = p.args.slice(1);
  const t = now(io);
  // validate name
  const name: string | undefined = f.name;
  if (name !== undefined && !E.validName(name)) {
    return { ok: false, code: runStyleError(inv, `Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`) };
  }
  const ref = I.parseImageRef(imageArg);
  if (!ref.ok) return { ok: false, code: runStyleError(inv, ref.error) };
  // image (pull when missing, or --pull always)
  let img = I.findImage(world, imageArg);
  if (!img || f.pull === 'always') {
    if (f.pull === 'never') return { ok: false, code: runStyleError(inv, `Error response from daemon: No such image: ${I.refKey(ref.value)}`) };
    if (!img) io.err(`Unable to find image '${I.refKey(ref.value)}' locally\n`);
    const pr = doPull(io, imageArg, pullTo, !!f.quiet);
    if (!pr.ok) return { ok: false, code: runStyleError(inv, pullErrorText(pr.error)) };
    img = pr.image;
  }
  // the daemon validates the rest at create, after the pull
  if (name) {
    const other = Object.values(world.docker.containers).find((c: any) => c.Name === '/' + name);
    if (other)
      return {
        ok: false,
        code: runStyleError(
          inv,
          `Error response from daemon: Conflict. The container name "/${name}" is already in use by container "${other.Id}". You have to remove (or rename) that container to be able to reuse that name.`,
        ),
      };
  }
  // restart policy
  let restart = { Name: 'no', MaximumRetryCount: 0 };
  if (f.restart) {
    const [n, m] = String(f.restart).split(':');
    if (!['no', 'always', 'unless-stopped', 'on-failure'].includes(n!))
      return { ok: false, code: runStyleError(inv, `Error response from daemon: invalid restart policy: unknown policy '${n}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`) };
    restart = { Name: n!, MaximumRetryCount: m ? +m : 0 };
  }
  // network
  const netName = f.network?.[0] ?? f.net?.[0] ?? 'bridge';
  const net = E.findNetwork(world, netName);
  if (!net) return { ok: false, code: runStyleError(inv, `Error response from daemon: network ${netName} not found`) };
  // volumes-from
  const fromMounts: any[] = [];
  for (const vf of f['volumes-from'] ?? []) {
    const r = E.findContainer(world, vf.split(':')[0]);
    if (!r.ok) return { ok: false, code: runStyleError(inv, r.error) };
    fromMounts.push(...(r.value.Mounts ?? []));
  }
  // ports
  const exposed: Record<string, {}> = { ...(img.Config.ExposedPorts ?? {}) };
  for (const e of f.expose ?? []) exposed[e.includes('/') ? e : `${e}/tcp`] = {};
  const bindings: Record<string, any[]> = {};
  for (const raw of f.publish ?? []) {
    const r = E.parsePortSpec(raw);
    if (!r.ok) return { ok: false, code: runStyleError(inv, r.error) };
    for (const ps of r.value) {
      const key = `${ps.containerPort}/${ps.proto}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: ps.ip, HostPort: ps.hostPort });
    }
  }
  if (f['publish-all']) for (const k of Object.keys(exposed)) bindings[k] ??= [{ HostIp: '', HostPort: '' }];
  // config
  const env = parseEnvList(f.env, io);
  for (const file of f['env-file'] ?? []) {
    const text = io.ctx.host.readFile(file);
    if (text === null) return { ok: false, code: runStyleError(inv, `open ${file}: no such file or directory`) };
    for (const line of text.split('\n')) if (line.trim() && !line.startsWith('#')) env.push(line.includes('=') ? line : `${line}=${io.env[line] ?? ''}`);
  }
  const merged = E.mergeConfig(img.Config, {
    cmd: cmdArgs,
    entrypoint: f.entrypoint,
    env,
    workdir: f.workdir,
    user: f.user,
    labels: parseLabels(f.label),
  });
  const full = [...(merged.entrypoint ?? []), ...(merged.cmd ?? [])];
  const id = E.newId(world);
  const cname = name ?? E.genName(world);
  // mounts
  const mounts: any[] = [];
  const binds: string[] = [];
  const newVolumes: string[] = [];
  const volumesCfg: Record<string, {}> = { ...(img.Config.Volumes ?? {}) };
  for (const raw of f.volume ?? []) {
    const parts = raw.split(':');
    if (parts.length === 1) {
      volumesCfg[parts[0]!] = {};
      continue;
    }
    const [src, dst, mode] = parts as [string, string, string | undefined];
    const MODES = ['ro', 'rw', 'z', 'Z', 'shared', 'slave', 'private', 'rshared', 'rslave', 'rprivate', 'nocopy', 'consistent', 'cached', 'delegated'];
    const bad = (mode ?? '').split(',').filter(Boolean).find((m) => !MODES.includes(m));
    if (bad !== undefined) return { ok: false, code: runStyleError(inv, `Error response from daemon: invalid mode: ${mode}`) };
    const rw = !(mode ?? '').split(',').includes('ro');
    binds.push(raw);
    if (src.startsWith('/') || src.startsWith('.') || src.startsWith('~')) {
      const hostPath = io.ctx.host.resolve(src);
      mounts.push({ Type: 'bind', Source: hostPath, Destination: dst, Mode: mode ?? '', RW: rw, Propagation: 'rprivate' });
    } else {
      newVolumes.push(src);
      mounts.push({ Type: 'volume', Name: src, Source: `/var/lib/docker/volumes/${src}/_data`, Destination: dst, Driver: 'local', Mode: mode ?? 'z', RW: rw, Propagation: '' });
    }
  }
  for (const m of f.mount ?? []) {
    const kv: Record<string, string> = {};
    for (const part of m.split(',')) {
      const [k, v] = part.split('=');
      kv[k!] = v ?? 'true';
    }
    const dst = kv.target ?? kv.destination ?? kv.dst ?? '';
    const src = kv.source ?? kv.src ?? '';
    const ro = kv.readonly === 'true' || kv.ro === 'true';
    if ((kv.type ?? 'volume') === 'bind') mounts.push({ Type: 'bind', Source: io.ctx.host.resolve(src), Destination: dst, Mode: '', RW: !ro, Propagation: 'rprivate' });
    else {
      const vname = src || randomHex(world, 64);
      newVolumes.push(vname);
      mounts.push({ Type: 'volume', Name: vname, Source: `/var/lib/docker/volumes/${vname}/_data`, Destination: dst, Driver: 'local', Mode: 'z', RW: !ro, Propagation: '' });
    }
  }
  for (const m of fromMounts) if (!mounts.some((x) => x.Destination === m.Destination)) mounts.push({ ...m });
  const anon: string[] = [];
  for (const dst of Object.keys(volumesCfg)) {
    if (mounts.some((m) => m.Destination === dst)) continue;
    const vname = randomHex(world, 64);
    anon.push(vname);
    mounts.push({ Type: 'volume', Name: vname, Source: `/var/lib/docker/volumes/${vname}/_data`, Destination: dst, Driver: 'local', Mode: '', RW: true, Propagation: '' });
  }
  if (net.Driver === 'host' && Object.keys(bindings).length) {
    io.err('WARNING: Published ports are discarded when using host network mode\n');
    for (const k of Object.keys(bindings)) delete bindings[k];
  }
  // --- everything validated: mutate
  for (const v of newVolumes) E.createVolume(world, v, t);
  for (const v of anon) E.createVolume(world, v, t, null, true);
  const tty = !!f.tty;
  const created = E.stamp(world, t);
  const endpointId = E.newId(world);
  const c: any = {
    Id: id,
    Created: created,
    Path: full[0] ?? '',
    Args: full.slice(1),
    State: { Status: 'created', Running: false, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 0, ExitCode: 0, Error: '', StartedAt: E.ZERO_TIME, FinishedAt: E.ZERO_TIME },
    Image: img.Id,
    ResolvConfPath: `/var/lib/docker/containers/${id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${id}/hosts`,
    LogPath: `/var/lib/docker/containers/${id}/${id}-json.log`,
    Name: '/' + cname,
    RestartCount: 0,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: 'docker-default',
    ExecIDs: null,
    HostConfig: {
      Binds: binds.length ? binds : null,
      ContainerIDFile: '',
      LogConfig: { Type: 'json-file', Config: {} },
      NetworkMode: netName === 'bridge' ? 'bridge' : netName,
      PortBindings: bindings,
      RestartPolicy: restart,
      AutoRemove: !!f.rm,
      VolumeDriver: '',
      VolumesFrom: f['volumes-from'] ?? null,
      ConsoleSize: [0, 0],
      CapAdd: f['cap-add'] ?? null,
      CapDrop: f['cap-drop'] ?? null,
      CgroupnsMode: 'private',
      Dns: [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: f['add-host'] ?? null,
      GroupAdd: null,
      IpcMode: 'private',
      Cgroup: '',
      Links: null,
      OomScoreAdj: 0,
      PidMode: '',
      Privileged: !!f.privileged,
      PublishAllPorts: !!f['publish-all'],
      ReadonlyRootfs: !!f['read-only'],
      SecurityOpt: null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 67108864,
      Runtime: 'runc',
      Isolation: '',
      CpuShares: 0,
      Memory: 0,
      NanoCpus: 0,
      CgroupParent: '',
      BlkioWeight: 0,
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: [],
      BlkioDeviceWriteBps: [],
      BlkioDeviceReadIOps: [],
      BlkioDeviceWriteIOps: [],
      CpuPeriod: 0,
      CpuQuota: 0,
      CpuRealtimePeriod: 0,
      CpuRealtimeRuntime: 0,
      CpusetCpus: '',
      CpusetMems: '',
      Devices: [],
      DeviceCgroupRules: null,
      DeviceRequests: null,
      MemoryReservation: 0,
      MemorySwap: 0,
      MemorySwappiness: null,
      OomKillDisable: null,
      PidsLimit: null,
      Ulimits: [],
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      MaskedPaths: ['/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap'],
      ReadonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
    GraphDriver: {
      Data: {
        ID: id,
        LowerDir: `/var/lib/docker/overlay2/${id}-init/diff`,
        MergedDir: `/var/lib/docker/overlay2/${id}/merged`,
        UpperDir: `/var/lib/docker/overlay2/${id}/diff`,
        WorkDir: `/var/lib/docker/overlay2/${id}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: mounts,
    Config: {
      Hostname: f.hostname ?? id.slice(0, 12),
      Domainname: '',
      User: merged.user,
      AttachStdin: !!f.interactive && !f.detach,
      AttachStdout: !f.detach,
      AttachStderr: !f.detach,
      ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
      Tty: tty,
      OpenStdin: !!f.interactive,
      StdinOnce: !!f.interactive && !f.detach,
      Env: merged.env,
      Cmd: merged.cmd,
      Image: imageArg,
      Volumes: Object.keys(volumesCfg).length ? volumesCfg : null,
      WorkingDir: merged.workdir,
      Entrypoint: merged.entrypoint,
      OnBuild: null,
      Labels: merged.labels,
      ...(img.Config.StopSignal ? { StopSignal: img.Config.StopSignal } : {}),
    },
    NetworkSettings: {
      SandboxID: '',
      SandboxKey: '',
      Ports: {},
      Networks: {} as Record<string, any>,
    },
    _sim: { createdMs: t, seq: nextSeq(world), upper: {}, logs: [], endpointId, imageRef: imageArg },
  };
  if (c.Config.ExposedPorts === undefined) delete c.Config.ExposedPorts;
  // healthcheck: the image's, overridden by --health-* / --no-healthcheck
  const durNs = (v: string | undefined) => {
    if (!v) return undefined;
    let ns = 0;
    for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ns += parseFloat(m[1]!) * ({ ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 } as Record<string, number>)[m[2]!]!;
    return ns;
  };
  if (f['no-healthcheck']) c.Config.Healthcheck = { Test: ['NONE'] };
  else if (f['health-cmd'] || img.Config.Healthcheck) {
    const hc: any = { ...(img.Config.Healthcheck ?? {}) };
    if (f['health-cmd']) hc.Test = ['CMD-SHELL', f['health-cmd']];
    if (f['health-interval']) hc.Interval = durNs(f['health-interval']);
    if (f['health-timeout']) hc.Timeout = durNs(f['health-timeout']);
    if (f['health-start-period']) hc.StartPeriod = durNs(f['health-start-period']);
    if (f['health-retries'] !== undefined) hc.Retries = f['health-retries'];
    c.Config.Healthcheck = hc;
  }
  if (net.Driver !== 'null' && net.Driver !== 'host') {
    c.NetworkSettings.Networks[net.Name] = E.endpointFor(world, net, c, f['network-alias'] ?? f['net-alias'] ?? null);
    // IPs are assigned at start
    Object.assign(c.NetworkSettings.Networks[net.Name], { IPAddress: '', Gateway: '', IPPrefixLen: 0, MacAddress: '' });
  } else c.NetworkSettings.Networks[net.Name] = { ...E.endpointFor(world, net, c), IPAddress: '', Gateway: '', IPPrefixLen: 0, MacAddress: '' };
  world.docker.containers[id] = c;
  return { ok: true, c };
}

function planOf(io: IO, c: any): Promise<PlanResult> {
  const img = io.world.docker.images[c.Image];
  const ip = Object.values(c.NetworkSettings.Networks ?? {}).map((e: any) => e.IPAddress).find(Boolean);
  return planMain(io.world, {
    id: c.Id,
    user: c.Config.User || undefined,
    image: img,
    argv: [c.Path, ...c.Args].filter((x: string) => x !== ''),
    env: c.Config.Env,
    tty: c.Config.Tty,
    stdinOpen: c.Config.OpenStdin,
    workdir: c.Config.WorkingDir,
    hostname: c.Config.Hostname,
    ip,
    now: now(io),
    fs: containerFs(io.world, c, io.ctx.host, () => now(io)),
  });
}

function ociError(exe: string): string {
  return `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${exe}": executable file not found in $PATH: unknown`;
}

/** Starts a container now: returns an error text (daemon message) or the plan. */
async function startNow(io: IO, c: any): Promise<{ ok: true; plan: any } | { ok: false; error: string; code: number }> {
  const t = now(io);
  const up = E.bringUp(io.world, c, t);
  if (!up.ok) return { ok: false, error: up.error, code: up.code ?? 125 };
  const pl = await planOf(io, c);
  if (!pl.ok) {
    E.failStart(io.world, c, pl.code, pl.error);
    return { ok: false, error: `Error response from daemon: ${pl.error}`, code: pl.code };
  }
  E.applyPlan(io.world, c, t, pl.plan);
  return { ok: true, plan: pl.plan };
}

function shellPrompt(io: IO, c: any, shell: string): string {
  return shellPromptFor(io.world, c, shell, c.Config.WorkingDir || '/', c.Config.User || 'root');
}

function imageFlavor(world: World, img: any): 'busybox' | 'alpine' | 'debian' {
  const os = (I.imageFsLayers(world, img) ?? []).reverse().find((l) => l['/etc/os-release'])?.['/etc/os-release'] as any;
  const text: string = os?.content ?? '';
  if (/alpine/i.test(text)) return 'alpine';
  if (/debian|ubuntu/i.test(text)) return 'debian';
  const tags = (img?.RepoTags ?? []).join(' ');
  if (/ubuntu|debian|node|python|httpd|nginx(?!.*alpine)|postgres|mysql|mongo|redis(?!.*alpine)/.test(tags) && !/alpine/.test(tags)) return 'debian';
  if (/alpine/.test(tags)) return 'alpine';
  return 'busybox';
}

const cmdRun: Cmd = async (inv) => {
  const { io, p } = inv;
  const f = p.flags;
  const r = createContainer(inv, (s) => io.err(s));
  if (!r.ok) return r.code;
  const c = r.c;
  const st = await startNow(io, c);
  if (!st.ok) {
    if (c.HostConfig.AutoRemove) E.removeContainer(io.world, c, true);
    return runStyleError(inv, st.error, st.code === 127 || st.code === 126 ? st.code : 125);
  }
  if (f.detach) {
    io.out(c.Id + '\n');
    return 0;
  }
  const plan = st.plan;
  // docker run -it node / python: the language's REPL
  if (f.interactive && f.tty && (plan.kind === 'serve' || plan.kind === 'exit')) {
    const { replOf, replBanner, replPrompt } = await import('../world/runtime/repl.js');
    const { stripWrapper } = await import('../world/runtime/net.js');
    const kind = replOf(stripWrapper([c.Path, ...c.Args].filter((x: string) => x !== '')));
    const image = kind ? resolvedFor(io.world, io.world.docker.images[c.Image]) : undefined;
    if (kind && image && (kind === 'redis-cli' || (plan.kind === 'serve' && !plan.ports.length))) {
      await (await import('./exec.js')).ensureExecTarget();
      io.out(replBanner(kind, image));
      // redis-cli in its own container finds no server on localhost
      if (kind === 'redis-cli') io.out('Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
      io.enterShell({ kind: 'docker', id: c.Id, prompt: kind === 'redis-cli' ? 'not connected> ' : replPrompt(kind), onExit: 'stop-container', repl: kind });
      return 0;
    }
  }
  if (plan.kind === 'shell' && f.interactive) {
    await (await import('./exec.js')).ensureExecTarget();
    io.enterShell({ kind: 'docker', id: c.Id, prompt: shellPrompt(io, c, plan.shell), onExit: 'stop-container', workdir: c.Config.WorkingDir || '/' });
    return 0;
  }
  // attached: print what the process prints; wait for it when it ends by itself
  if (c._sim.exitAt !== undefined && c._sim.exitAt - now(io) <= 60_000) {
    for (const l of c._sim.logs) (l.s === 'stderr' ? io.err : io.out)(l.l + '\n');
    io.advance(Math.max(0, c._sim.exitAt - now(io)));
    const after = io.world.docker.containers[c.Id];
    return after ? after.State.ExitCode : (c._sim.exitCode ?? 0);
  }
  for (const l of c._sim.logs) if (l.t <= now(io) + 1000) (l.s === 'stderr' ? io.err : io.out)(l.l + '\n');
  return 0;
};

const cmdCreate: Cmd = (inv) => {
  const r = createContainer(inv, (s) => inv.io.err(s));
  if (!r.ok) return r.code;
  inv.io.out(r.c.Id + '\n');
  return 0;
};

const cmdStart: Cmd = async (inv) => {
  const { io, p } = inv;
  const attach = !!p.flags.attach || !!p.flags.interactive;
  const failed: string[] = [];
  for (const arg of p.args) {
    const r = E.findContainer(io.world, arg);
    if (!r.ok) {
      errLine(io, r.error);
      failed.push(arg);
      continue;
    }
    const c = r.value;
    if (c.State.Running && c.State.Paused) {
      errLine(io, 'Error response from daemon: cannot start a paused container, try unpause instead');
      failed.push(arg);
      continue;
    }
    if (c.State.Running) {
      if (!attach) io.out(arg + '\n');
      continue;
    }
    const st = await startNow(io, c);
    if (!st.ok) {
      errLine(io, st.error);
      failed.push(arg);
      continue;
    }
    if (attach) {
      if (st.plan.kind === 'shell' && p.flags.interactive && c.Config.OpenStdin) {
        await (await import('./exec.js')).ensureExecTarget();
        io.enterShell({ kind: 'docker', id: c.Id, prompt: shellPrompt(io, c, st.plan.shell), onExit: 'stop-container' });
        return 0;
      }
      const start = c._sim.startedMs;
      for (const l of c._sim.logs) if (l.t >= start) (l.s === 'stderr' ? io.err : io.out)(l.l + '\n');
      if (c._sim.exitAt !== undefined && c._sim.exitAt - now(io) <= 60_000) {
        io.advance(Math.max(0, c._sim.exitAt - now(io)));
        return io.world.docker.containers[c.Id]?.State.ExitCode ?? 0;
      }
    } else io.out(arg + '\n');
  }
  if (failed.length) {
    io.err(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  }
  return 0;
};

const cmdStop: Cmd = (inv) => {
  const { io, p } = inv;
  const t = p.flags.timeout ?? p.flags.time;
  let latest = now(io);
  const code = eachContainer(inv, (c) => {
    if (!c.State.Running) return null;
    const at = E.stopContainer(io.world, c, now(io), t);
    latest = Math.max(latest, at);
    return null;
  });
  if (latest > now(io)) io.advance(latest - now(io));
  // --rm containers go when they stop
  for (const c of Object.values(io.world.docker.containers) as any[]) if (!c.State.Running && c.HostConfig.AutoRemove && c._sim.startedMs !== undefined) E.removeContainer(io.world, c, true);
  return code;
};

const cmdRestart: Cmd = async (inv) => {
  const { io, p } = inv;
  const t = p.flags.timeout ?? p.flags.time;
  let code = 0;
  for (const arg of p.args) {
    const r = E.findContainer(io.world, arg);
    if (!r.ok) {
      errLine(io, r.error);
      code = 1;
      continue;
    }
    const c = r.value;
    if (c.State.Running) {
      const at = E.stopContainer(io.world, c, now(io), t);
      if (at > now(io)) io.advance(at - now(io));
    }
    const st = await startNow(io, c);
    if (!st.ok) {
      errLine(io, st.error);
      code = 1;
      continue;
    }
    io.out(arg + '\n');
  }
  return code;
};

const cmdKill: Cmd = (inv) => {
  const { io, p } = inv;
  const sig = p.flags.signal ?? 'KILL';
  const SIGNALS = ['ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR', 'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ'];
  const bare = String(sig).toUpperCase().replace(/^SIG/, '');
  if (!(/^\d+$/.test(bare) && +bare > 0 && +bare <= 64) && !SIGNALS.includes(bare) && !/^RTMIN(\+\d+)?$|^RTMAX(-\d+)?$/.test(bare)) {
    const errs = p.args.map((a) => `Error response from daemon: cannot kill container: ${a}: invalid signal: ${sig}`);
    for (const e of errs) errLine(io, e);
    return 1;
  }
  return eachContainer(inv, (c, arg) => {
    if (!c.State.Running) return `Error response from daemon: cannot kill container: ${arg}: container ${c.Id} is not running`;
    if (c.State.Paused && !/^(SIG)?KILL$|^9$/i.test(sig)) return `Error response from daemon: cannot kill container: ${arg}: container ${c.Id} is paused. Unpause the container before stopping or killing`;
    E.killContainer(io.world, c, now(io), sig);
    if (c.HostConfig.AutoRemove && !c.State.Running) E.removeContainer(io.world, c, true);
    return null;
  });
};

const cmdPause: Cmd = (inv) =>
  eachContainer(inv, (c) => {
    if (!c.State.Running) return `Error response from daemon: container ${c.Id} is not running`;
    if (c.State.Paused) return `Error response from daemon: container ${c.Id} is already paused`;
    c.State.Paused = true;
    c.State.Status = 'paused';
    return null;
  });

const cmdUnpause: Cmd = (inv) =>
  eachContainer(inv, (c) => {
    if (!c.State.Paused) return `Error response from daemon: Container ${c.Id} is not paused`;
    c.State.Paused = false;
    c.State.Status = 'running';
    return null;
  });

const cmdRm: Cmd = (inv) => {
  const { io, p } = inv;
  return eachContainer(inv, (c) => {
    if (c.State.Running && !p.flags.force) {
      if (c.State.Paused) return `Error response from daemon: cannot remove container "${c.Name}": container is paused and must be unpaused first`;
      return `Error response from daemon: cannot remove container "${c.Name}": container is running: stop the container before removing or force remove`;
    }
    if (c.State.Running) E.killContainer(io.world, c, now(io));
    E.removeContainer(io.world, c, !!p.flags.volumes);
    return null;
  }, true, !!p.flags.force);
};

const cmdRename: Cmd = (inv) => {
  const { io, p } = inv;
  const [from, to] = p.args as [string, string];
  const r = E.findContainer(io.world, from);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  if (!E.validName(to)) {
    errLine(io, `Error response from daemon: Invalid container name (${to}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    return 1;
  }
  if (r.value.Name === '/' + to) {
    errLine(io, `Error response from daemon: Renaming a container with the same name as its current name`);
    return 1;
  }
  const other = Object.values(io.world.docker.containers).find((c: any) => c.Name === '/' + to);
  if (other) {
    errLine(io, `Error response from daemon: Conflict. The container name "/${to}" is already in use by container "${other.Id}". You have to remove (or rename) that container to be able to reuse that name.`);
    return 1;
  }
  r.value.Name = '/' + to;
  return 0;
};

const cmdWait: Cmd = (inv) => {
  const { io } = inv;
  let code = 0;
  for (const arg of inv.p.args) {
    const r = E.findContainer(io.world, arg);
    if (!r.ok) {
      errLine(io, r.error);
      code = 1;
      continue;
    }
    const c = r.value;
    if (c.State.Running && c._sim.exitAt !== undefined) io.advance(Math.max(0, c._sim.exitAt - now(io)));
    if (c.State.Running) {
      // would block forever: a learner's Ctrl-C; print nothing
      continue;
    }
    io.out(`${c.State.ExitCode}\n`);
  }
  return code;
};

// ------------------------------------------------------------------ ps

function psFilter(world: World, c: any, filters: Record<string, string[]>): boolean {
  for (const [k, vals] of Object.entries(filters)) {
    const ok = vals.some((v) => {
      switch (k) {
        case 'status':
          return stateWord(c) === v;
        case 'name':
          try {
            return new RegExp(v).test(c.Name.slice(1)) || new RegExp(v).test(c.Name);
          } catch {
            return false;
          }
        case 'id':
          return c.Id.startsWith(v);
        case 'label':
          return labelMatch(c.Config.Labels, [v]);
        case 'ancestor': {
          const img = I.findImage(world, v);
          return img ? c.Image === img.Id : c.Config.Image === v;
        }
        case 'exited':
          return !c.State.Running && c._sim.startedMs !== undefined && String(c.State.ExitCode) === v;
        case 'network':
          return Object.keys(c.NetworkSettings.Networks ?? {}).includes(v);
        case 'volume':
          return (c.Mounts ?? []).some((m: any) => m.Name === v || m.Destination === v);
        case 'health':
          return (c.State.Health?.Status ?? 'none') === v;
        case 'before':
        case 'since': {
          const r = E.findContainer(world, v);
          if (!r.ok) return false;
          return k === 'before' ? c._sim.createdMs < r.value._sim.createdMs || (c._sim.createdMs === r.value._sim.createdMs && c._sim.seq < r.value._sim.seq) : c._sim.createdMs > r.value._sim.createdMs || (c._sim.createdMs === r.value._sim.createdMs && c._sim.seq > r.value._sim.seq);
        }
        case 'publish':
        case 'expose':
          return Object.keys(c.NetworkSettings.Ports ?? {}).some((p) => p === v || p.split('/')[0] === v);
        default:
          return true;
      }
    });
    if (!ok) return false;
  }
  return true;
}

const VALID_PS_FILTERS = new Set(['ancestor', 'before', 'expose', 'exited', 'health', 'id', 'isolation', 'is-task', 'label', 'name', 'network', 'publish', 'since', 'status', 'volume']);

const cmdPs: Cmd = (inv) => {
  const { io, p } = inv;
  const f = p.flags;
  const filters = parseFilters(f.filter);
  for (const k of Object.keys(filters)) {
    if (!VALID_PS_FILTERS.has(k)) {
      errLine(io, `Error response from daemon: invalid filter '${k}'`);
      return 1;
    }
  }
  if (filters.status) {
    for (const v of filters.status) {
      if (!['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'].includes(v)) {
        errLine(io, `Error response from daemon: invalid filter 'status=${v}'`);
        return 1;
      }
    }
  }
  const all = f.all || f.latest || (f.last !== undefined && f.last > 0) || filters.status !== undefined || filters.exited !== undefined;
  let list = E.containerList(io.world).filter((c) => (all ? true : c.State.Running));
  list = list.filter((c) => psFilter(io.world, c, filters));
  if (f.latest) list = list.slice(0, 1);
  else if (f.last !== undefined && f.last > 0) list = list.slice(0, f.last);
  const t = now(io);
  const trunc = !f['no-trunc'];
  const rows = list.map((c) => {
    const img = io.world.docker.images[c.Image];
    const upper = Object.values(c._sim.upper ?? {}).reduce((a: number, n: any) => a + (n.type === 'file' ? Buffer.byteLength(n.content) : 0), 0);
    return f.size ? containerContext(c, t, trunc, upper, (img?.Size ?? 0) + upper) : containerContext(c, t, trunc);
  });
  let def = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
  if (f.size) def += '\t{{.Size}}';
  try {
    io.out(renderRows(f.format, def, rows, CONTAINER_HEADERS, !!f.quiet));
  } catch (e) {
    if (e instanceof TemplateError) {
      errLine(io, `template parsing error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  return 0;
};

// ------------------------------------------------------------------ logs

function parseSince(v: string, t: number): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v);
  if (m) {
    const mult: Record<string, number> = { ms: 1, s: 1000, m: 60000, h: 3600000 };
    return t - parseFloat(m[1]!) * mult[m[2]!]!;
  }
  if (/^\d+(\.\d+)?$/.test(v)) return parseFloat(v) * 1000;
  const d = Date.parse(v);
  return Number.isNaN(d) ? undefined : d;
}

const cmdLogs: Cmd = (inv) => {
  const { io, p } = inv;
  const r = E.findContainer(io.world, p.args[0]!);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  const c = r.value;
  const t = now(io);
  // lines the process prints later (timed by the planner) are not there yet; the next command comes at least a
  // second after the previous one, so the first second of output is
  let logs: any[] = (c._sim.logs ?? []).filter((l: any) => l.t <= t + 1000);
  if (p.flags.since) {
    const s = parseSince(p.flags.since, t);
    if (s !== undefined) logs = logs.filter((l) => l.t >= s);
  }
  if (p.flags.until) {
    const u = parseSince(p.flags.until, t);
    if (u !== undefined) logs = logs.filter((l) => l.t <= u);
  }
  const tail = p.flags.tail;
  if (tail !== undefined && tail !== 'all') {
    const n = parseInt(tail, 10);
    if (!Number.isNaN(n) && n >= 0) logs = n === 0 ? [] : logs.slice(-n);
  }
  for (const l of logs) {
    const prefix = p.flags.timestamps ? new Date(l.t).toISOString().replace(/\.(\d+)Z$/, (_m, ms) => `.${ms}${String((l.t * 7919) % 1000000).padStart(6, '0')}Z`) + ' ' : '';
    (l.s === 'stderr' ? io.err : io.out)(prefix + l.l + '\n');
  }
  return 0;
};

// ------------------------------------------------------------------ inspect

function inspectContainer(io: IO, c: any): any {
  const out: any = { ...c };
  const ns = { ...c.NetworkSettings };
  const nets: any = {};
  for (const [k, ep] of Object.entries(ns.Networks ?? {}) as [string, any][]) nets[k] = { ...ep };
  const bridge = nets.bridge;
  out.NetworkSettings = {
    Bridge: '',
    SandboxID: ns.SandboxID,
    SandboxKey: ns.SandboxKey,
    Ports: ns.Ports,
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: bridge?.EndpointID ?? '',
    Gateway: bridge?.Gateway ?? '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: bridge?.IPAddress ?? '',
    IPPrefixLen: bridge?.IPPrefixLen ?? 0,
    IPv6Gateway: '',
    MacAddress: bridge?.MacAddress ?? '',
    Networks: nets,
  };
  void io;
  return out;
}

function formatInspect(io: IO, objs: any[], format: string | undefined): number {
  if (!format) {
    io.out(inspectJson(objs));
    return 0;
  }
  try {
    const f = format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
    for (const o of objs) io.out(renderTemplate(f === 'json' ? '{{json .}}' : f, stripForTemplate(o)) + '\n');
  } catch (e) {
    if (e instanceof TemplateError) {
      errLine(io, `template parsing error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  return 0;
}

function stripForTemplate(o: any): any {
  if (Array.isArray(o)) return o.map(stripForTemplate);
  if (o && typeof o === 'object') {
    const r: any = {};
    for (const [k, v] of Object.entries(o)) if (!k.startsWith('_')) r[k] = stripForTemplate(v);
    return r;
  }
  return o;
}

function inspectImage(img: any): any {
  const { _sim, ...rest } = img;
  void _sim;
  return { ...rest, RepoTags: [...img.RepoTags], RepoDigests: [...img.RepoDigests] };
}

function networkInspect(world: World, n: any): any {
  const containers: any = {};
  for (const c of Object.values(world.docker.containers) as any[]) {
    const ep = c.NetworkSettings.Networks?.[n.Name];
    if (!ep || !c.State.Running) continue;
    containers[c.Id] = {
      Name: c.Name.slice(1),
      EndpointID: ep.EndpointID,
      MacAddress: ep.MacAddress,
      IPv4Address: ep.IPAddress ? `${ep.IPAddress}/${ep.IPPrefixLen}` : '',
      IPv6Address: '',
    };
  }
  return { ...n, Containers: containers };
}

function volumeInspect(v: any): any {
  const { _sim, ...rest } = v;
  void _sim;
  return rest;
}

const cmdInspect: Cmd = (inv) => {
  const { io, p } = inv;
  const type: string | undefined = p.flags.type;
  const objs: any[] = [];
  let code = 0;
  const kind = inv.cmd === 'container inspect' ? 'container' : inv.cmd === 'image inspect' ? 'image' : inv.cmd === 'volume inspect' ? 'volume' : inv.cmd === 'network inspect' ? 'network' : type;
  for (const arg of p.args) {
    let found: any;
    if (!kind || kind === 'container') {
      const r = E.findContainer(io.world, arg);
      if (r.ok) found = inspectContainer(io, r.value);
    }
    if (!found && (!kind || kind === 'image')) {
      const img = I.findImage(io.world, arg);
      if (img) found = inspectImage(img);
    }
    if (!found && (!kind || kind === 'volume')) {
      const v = io.world.docker.volumes[arg];
      if (v) found = volumeInspect(v);
    }
    if (!found && (!kind || kind === 'network')) {
      const n = E.findNetwork(io.world, arg);
      if (n) found = networkInspect(io.world, n);
    }
    if (found) objs.push(found);
    else {
      code = 1;
      const msg =
        kind === 'container'
          ? `Error response from daemon: No such container: ${arg}`
          : kind === 'image'
            ? inv.cmd === 'image inspect'
              ? `Error response from daemon: No such image: ${arg}`
              : `Error: No such image: ${arg}`
            : kind === 'volume'
              ? `Error response from daemon: get ${arg}: no such volume`
              : kind === 'network'
                ? `Error response from daemon: network ${arg} not found`
                : `Error: No such object: ${arg}`;
      errLine(io, msg);
    }
  }
  if (!p.flags.format) io.out(inspectJson(objs));
  else if (formatInspect(io, objs, p.flags.format) !== 0) return 1;
  return code;
};

// ------------------------------------------------------------------ port, top, stats, diff

const cmdPort: Cmd = (inv) => {
  const { io, p } = inv;
  const r = E.findContainer(io.world, p.args[0]!);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  const c = r.value;
  const want = p.args[1];
  const ports = c.NetworkSettings.Ports ?? {};
  const keys = Object.keys(ports).sort((a, b) => parseInt(a) - parseInt(b));
  if (want) {
    const key = want.includes('/') ? want : `${want}/tcp`;
    const binds = ports[key];
    if (!binds || !binds.length) {
      errLine(io, `Error: No public port '${key}' published for ${p.args[0]}`);
      return 1;
    }
    for (const b of binds) io.out(`${b.HostIp.includes(':') ? `[${b.HostIp}]` : b.HostIp}:${b.HostPort}\n`);
    return 0;
  }
  for (const k of keys) for (const b of ports[k] ?? []) io.out(`${k} -> ${b.HostIp.includes(':') ? `[${b.HostIp}]` : b.HostIp}:${b.HostPort}\n`);
  return 0;
};

const cmdTop: Cmd = (inv) => {
  const { io, p } = inv;
  const r = E.findContainer(io.world, p.args[0]!);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  const c = r.value;
  if (!c.State.Running) {
    errLine(io, `Error response from daemon: container ${c.Id} is not running`);
    return 1;
  }
  const start = new Date(c._sim.startedMs).toISOString().slice(11, 16);
  const rows = ['UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD', `root\t${c.State.Pid}\t${c.State.Pid - 23}\t0\t${start}\t${c.Config.Tty ? 'pts/0' : '?'}\t00:00:00\t${[c.Path, ...c.Args].join(' ')}`];
  if (/nginx/.test(c.Config.Image) && c._sim.plan?.kind === 'serve') {
    const workers = Math.max(1, (c._sim.logs ?? []).filter((l: any) => /start worker process \d+/.test(l.l)).length);
    for (let i = 0; i < workers; i++) rows.push(`message+\t${c.State.Pid + 40 + i}\t${c.State.Pid}\t0\t${start}\t?\t00:00:00\tnginx: worker process`);
    rows[1] = rows[1]!.replace(/\t[^\t]*$/, '\tnginx: master process nginx -g daemon off;');
  }
  io.out(tabwrite(rows.join('\n') + '\n', 20, 3));
  return 0;
};

const cmdStats: Cmd = (inv) => {
  const { io, p } = inv;
  let list = E.containerList(io.world).filter((c) => p.flags.all || c.State.Running);
  if (p.args.length) {
    list = [];
    for (const a of p.args) {
      const r = E.findContainer(io.world, a);
      if (!r.ok) {
        errLine(io, r.error);
        return 1;
      }
      list.push(r.value);
    }
  }
  const rows = list.map((c) => {
    const running = c.State.Running;
    const mem = running ? 2_000_000 + (parseInt(c.Id.slice(0, 4), 16) % 40) * 250_000 : 0;
    const mib = (b: number) => (b === 0 ? '0B' : `${(b / 1048576).toFixed(2)}MiB`);
    return {
      ID: () => (p.flags['no-trunc'] ? c.Id : shortId(c.Id)),
      Container: () => shortId(c.Id),
      Name: () => c.Name.slice(1),
      CPUPerc: () => (running ? '0.00%' : '0.00%'),
      MemUsage: () => (running ? `${mib(mem)} / 7.748GiB` : '0B / 0B'),
      MemPerc: () => (running ? `${((mem / 8319594496) * 100).toFixed(2)}%` : '0.00%'),
      NetIO: () => (running ? `${humanSizeWithPrecision(1046, 3)} / ${humanSizeWithPrecision(126, 3)}` : '0B / 0B'),
      BlockIO: () => '0B / 0B',
      // nginx: the master and the workers its log started (as docker top lists them)
      PIDs: () => (running ? String(1 + (c._sim.logs ?? []).filter((l: any) => /start worker process \d+/.test(l.l)).length) : '0'),
    };
  });
  const headers = { ID: 'CONTAINER ID', Container: 'CONTAINER', Name: 'NAME', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT', MemPerc: 'MEM %', NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS' };
  io.out(renderRows(p.flags.format, 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}', rows, headers));
  return 0;
};

const cmdDiff: Cmd = async (inv) => {
  const { io, p } = inv;
  const r = E.findContainer(io.world, p.args[0]!);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  const c = r.value;
  const img = io.world.docker.images[c.Image];
  const lower = img ? I.imageFsLayers(io.world, img) : [];
  const { diffLayer } = await import('../world/runtime/fs.js');
  for (const line of diffLayer(c._sim.upper ?? {}, lower)) io.out(line + '\n');
  return 0;
};

// ------------------------------------------------------------------ images

const cmdImages: Cmd = (inv) => {
  const { io, p } = inv;
  const f = p.flags;
  const filters = parseFilters(f.filter);
  let list = I.imageList(io.world);
  const inUse = I.imagesInUse(io.world);
  if (filters.dangling) list = list.filter((i) => (filters.dangling![0] === 'true') === (i.RepoTags.length === 0));
  else if (!f.all) list = list.filter((i) => i.RepoTags.length > 0 || !i._sim.intermediate);
  if (filters.label) list = list.filter((i) => labelMatch(i.Config.Labels, filters.label!));
  if (filters.reference) list = list.filter((i) => i.RepoTags.some((t: string) => filters.reference!.some((r) => globMatch(r, t) || globMatch(r, t.split(':')[0]!))));
  const repoFilter = p.args[0];
  const t = now(io);
  const rows: Record<string, any>[] = [];
  for (const img of list) {
    // rows as docker/cli's imageFormatTaggedAndDigest: one per tag; digest-only repositories as REPO <none>
    const tags: string[] = img.RepoTags.length
      ? img.RepoTags
      : img.RepoDigests.length
        ? [...new Set<string>(img.RepoDigests.map((d: string) => d.split('@')[0]!))].map((r) => `${r}:<none>`)
        : ['<none>:<none>'];
    for (const tag of tags) {
      const i = tag.lastIndexOf(':');
      const repo = tag.slice(0, i);
      const tg = tag.slice(i + 1);
      if (repoFilter) {
        const [fr, ft] = repoFilter.includes(':') ? [repoFilter.slice(0, repoFilter.lastIndexOf(':')), repoFilter.slice(repoFilter.lastIndexOf(':') + 1)] : [repoFilter, undefined];
        if (!globMatch(fr, repo) || (ft && !globMatch(ft, tg))) continue;
      }
      const digest = (img.RepoDigests.find((d: string) => d.startsWith(repo + '@')) ?? '').split('@')[1] ?? '<none>';
      rows.push({
        ID: () => (f['no-trunc'] ? img.Id : shortId(img.Id)),
        Repository: () => repo,
        Tag: () => tg,
        Digest: () => digest,
        CreatedSince: () => humanDuration(t - img._sim.createdMs) + ' ago',
        CreatedAt: () => goTimeString(img._sim.createdMs),
        Size: () => humanSizeWithPrecision(img.Size, 3),
        Containers: () => String(inUse.get(img.Id)?.length ?? 'N/A'),
        SharedSize: () => 'N/A',
        UniqueSize: () => 'N/A',
        VirtualSize: () => humanSizeWithPrecision(img.Size, 3),
      });
    }
  }
  if (f.quiet) {
    const seen = new Set<string>();
    for (const r of rows) {
      const id = r.ID();
      if (!seen.has(id)) io.out(id + '\n');
      seen.add(id);
    }
    return 0;
  }
  const def = f.digests ? 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}' : 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
  try {
    io.out(renderRows(f.format, def, rows, IMAGE_HEADERS));
  } catch (e) {
    if (e instanceof TemplateError) {
      errLine(io, `template parsing error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  return 0;
};

function globMatch(pattern: string, s: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '.') + '$');
  return re.test(s);
}

const cmdPull: Cmd = (inv) => {
  const { io, p } = inv;
  const arg = p.args[0]!;
  const ref = I.parseImageRef(arg);
  if (!ref.ok) {
    errLine(io, ref.error);
    return 1;
  }
  if (!ref.value.digest && !arg.slice(arg.lastIndexOf('/') + 1).includes(':') && !p.flags['all-tags'] && !p.flags.quiet) io.out('Using default tag: latest\n');
  const r = doPull(io, arg, (s) => io.out(s), !!p.flags.quiet);
  if (!r.ok) {
    errLine(io, pullErrorText(r.error));
    return 1;
  }
  const fam = `${ref.value.domain}/${ref.value.path}`;
  io.out(ref.value.digest ? `${fam}@${ref.value.digest}\n` : `${fam}:${ref.value.tag ?? 'latest'}\n`);
  return 0;
};

const cmdTag: Cmd = (inv) => {
  const { io, p } = inv;
  const [src, dst] = p.args as [string, string];
  const img = I.findImage(io.world, src);
  const dr = I.parseImageRef(dst);
  if (!dr.ok) {
    errLine(io, `Error parsing reference: "${dst}" is not a valid repository/tag: ${dr.error}`);
    return 1;
  }
  if (!img) {
    errLine(io, `Error response from daemon: No such image: ${I.normTag(src) ?? src}`);
    return 1;
  }
  I.addTag(io.world, img, I.refKey(dr.value), now(io));
  return 0;
};

const cmdRmi: Cmd = (inv) => {
  const { io, p } = inv;
  const force = !!p.flags.force;
  let code = 0;
  for (const arg of p.args) {
    const img = I.findImage(io.world, arg);
    if (!img) {
      errLine(io, `Error response from daemon: No such image: ${I.normTag(arg) ?? arg}`);
      code = 1;
      continue;
    }
    const byId = img.Id.slice(7).startsWith(arg.replace(/^sha256:/, '')) && !img.RepoTags.includes(I.normTag(arg));
    const users = (I.imagesInUse(io.world).get(img.Id) ?? []).map((id) => io.world.docker.containers[id]);
    const tag = I.normTag(arg);
    // untag only, when the image keeps other tags and the user named a tag
    if (!byId && tag && img.RepoTags.length > 1) {
      img.RepoTags.splice(img.RepoTags.indexOf(tag), 1);
      io.out(`Untagged: ${tag}\n`);
      continue;
    }
    if (users.length && !force) {
      const running = users.find((c: any) => c.State.Running);
      if (byId)
        errLine(
          io,
          running
            ? `Error response from daemon: conflict: unable to delete ${shortId(img.Id)} (cannot be forced) - image is being used by running container ${shortId(running.Id)}`
            : `Error response from daemon: conflict: unable to delete ${shortId(img.Id)} (must be forced) - image is being used by stopped container ${shortId(users[0].Id)}`,
        );
      else errLine(io, `Error response from daemon: conflict: unable to remove repository reference "${arg}" (must force) - container ${shortId(users[0].Id)} is using its referenced image ${shortId(img.Id)}`);
      code = 1;
      continue;
    }
    if (byId && img.RepoTags.length > 1 && !force) {
      errLine(io, `Error response from daemon: conflict: unable to delete ${shortId(img.Id)} (must be forced) - image is referenced in multiple repositories`);
      code = 1;
      continue;
    }
    if (users.some((c: any) => c.State.Running) && force && byId) {
      errLine(io, `Error response from daemon: conflict: unable to delete ${shortId(img.Id)} (cannot be forced) - image is being used by running container ${shortId(users.find((c: any) => c.State.Running).Id)}`);
      code = 1;
      continue;
    }
    for (const t of img.RepoTags) io.out(`Untagged: ${t}\n`);
    for (const d of img.RepoDigests) io.out(`Untagged: ${d}\n`);
    if (users.length) {
      // forced while containers use it: only untagged
      img.RepoTags = [];
      img.RepoDigests = [];
      continue;
    }
    io.out(`Deleted: ${img.Id}\n`);
    const layers: string[] = img.RootFS.Layers ?? [];
    const shared = new Set<string>();
    for (const o of Object.values(io.world.docker.images) as any[]) if (o.Id !== img.Id) for (const l of o.RootFS.Layers ?? []) shared.add(l);
    for (const l of [...layers].reverse()) if (!shared.has(l)) io.out(`Deleted: ${l}\n`);
    delete io.world.docker.images[img.Id];
  }
  return code;
};

const cmdHistory: Cmd = (inv) => {
  const { io, p } = inv;
  const img = I.findImage(io.world, p.args[0]!);
  if (!img) {
    errLine(io, `Error response from daemon: No such image: ${I.normTag(p.args[0]!) ?? p.args[0]}`);
    return 1;
  }
  const t = now(io);
  const hist: any[] = [...(img._sim.history ?? [])].reverse();
  const trunc = !p.flags['no-trunc'];
  const rows = hist.map((h, i) => ({
    ID: () => (i === 0 ? (trunc ? shortId(img.Id) : img.Id) : h.id && io.world.docker.images[h.id] ? (trunc ? shortId(h.id) : h.id) : '<missing>'),
    CreatedSince: () => (p.flags.human === false ? new Date(h.created).toISOString() : humanDuration(t - h.created) + ' ago'),
    CreatedAt: () => new Date(h.created).toISOString().replace('.000Z', 'Z'),
    CreatedBy: () => {
      const s = String(h.createdBy).replace(/\t/g, ' ').replace(/\n/g, ' ');
      return trunc ? ellipsis45(s) : s;
    },
    Size: () => (p.flags.human === false ? String(h.size) : humanSizeWithPrecision(h.size, 3)),
    Comment: () => h.comment ?? '',
  }));
  if (p.flags.quiet) {
    for (const r of rows) io.out(r.ID() + '\n');
    return 0;
  }
  io.out(renderRows(p.flags.format, 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}', rows, HISTORY_HEADERS));
  return 0;
};

function ellipsis45(s: string): string {
  const chars = [...s];
  return chars.length > 45 ? chars.slice(0, 44).join('') + '…' : s;
}

const cmdImagePrune: Cmd = async (inv) => {
  const { io, p } = inv;
  const all = !!p.flags.all;
  if (!p.flags.force) {
    const warn = all
      ? 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] '
      : 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ';
    if (!(await confirm(io, warn))) return 0;
  }
  const { lines, space } = pruneImages(io.world, all);
  if (lines.length) io.out('Deleted Images:\n' + lines.join('\n') + '\n\n');
  io.out(`Total reclaimed space: ${humanSize(space)}\n`);
  return 0;
};

function pruneImages(world: World, all: boolean): { lines: string[]; space: number } {
  const inUse = I.imagesInUse(world);
  const lines: string[] = [];
  let space = 0;
  for (const img of I.imageList(world)) {
    if (inUse.has(img.Id)) continue;
    if (!all && img.RepoTags.length > 0) continue;
    for (const t of img.RepoTags) lines.push(`untagged: ${t}`);
    for (const d of img.RepoDigests) lines.push(`untagged: ${d}`);
    lines.push(`deleted: ${img.Id}`);
    const shared = new Set<string>();
    for (const o of Object.values(world.docker.images) as any[]) if (o.Id !== img.Id) for (const l of o.RootFS.Layers ?? []) shared.add(l);
    for (const l of [...(img.RootFS.Layers ?? [])].reverse()) if (!shared.has(l)) lines.push(`deleted: ${l}`);
    space += img.Size;
    delete world.docker.images[img.Id];
  }
  return { lines, space };
}

async function confirm(io: IO, prompt: string): Promise<boolean> {
  io.out(prompt);
  const ans = await io.ctx.readLine('');
  // prompt.Confirm: only "y" (any case, trimmed) confirms
  return /^\s*y\s*$/i.test(ans ?? '');
}

// ------------------------------------------------------------------ registry

const cmdLogin: Cmd = async (inv) => {
  const { io, p } = inv;
  const server = p.args[0] ?? 'docker.io';
  let user: string | undefined = p.flags.username;
  let pass: string | undefined = p.flags.password;
  if (p.flags['password-stdin'] || pass === '-') {
    if (p.set.has('password') && pass !== '-') {
      errLine(io, '--password and --password-stdin are mutually exclusive');
      return 1;
    }
    if (!user) {
      errLine(io, 'Must provide --username with --password-stdin');
      return 1;
    }
    pass = io.stdin.replace(/(\r\n|\n|\r)$/, '');
  }
  if (p.flags.password && p.flags.password !== '-') io.err('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  if (!user || !pass) {
    if (!io.ctx.tty && !io.ctx.interactive) {
      io.err('Error: Cannot perform an interactive login from a non TTY device\n');
      return 1;
    }
    if (!user) {
      io.out(
        "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you don't have a Docker ID, head over to https://hub.docker.com/ to create one.\nYou can log in with your password or a Personal Access Token (PAT). Using a limited-scope PAT grants better security and is required for organizations using SSO. Learn more at https://docs.docker.com/go/access-tokens/\n\n",
      );
      io.out('Username: ');
      user = ((await io.ctx.readLine('')) ?? '').trim();
      if (!user) {
        errLine(io, 'Error: Non-null Username Required');
        return 1;
      }
    }
    io.out('Password: ');
    pass = (await io.ctx.readLine('')) ?? '';
    io.out('\n');
    if (!pass) {
      errLine(io, 'Error: Non-null Password Required');
      return 1;
    }
  }
  if (io.world.docker.daemon !== 'running') {
    errLine(io, E.DAEMON_DOWN);
    return 1;
  }
  const host = server === 'docker.io' || server === 'index.docker.io' || /registry-1\.docker\.io|index\.docker\.io/.test(server) ? 'docker.io' : server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const changed = io.world.registry.logins[host] !== user;
  io.world.registry.logins[host] = user;
  if (changed) io.err(`\nWARNING! Your credentials are stored unencrypted in '${io.env.HOME && io.env.HOME !== '/' ? io.env.HOME : '/root'}/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
  io.out('Login Succeeded\n');
  return 0;
};

const cmdLogout: Cmd = (inv) => {
  const { io, p } = inv;
  const server = p.args[0];
  const host = !server || /docker\.io/.test(server) ? 'docker.io' : server;
  if (!server || host === 'docker.io') io.out('Removing login credentials for https://index.docker.io/v1/\n');
  else io.out(`Removing login credentials for ${server}\n`);
  delete io.world.registry.logins[host];
  return 0;
};

const cmdPush: Cmd = (inv) => {
  const { io, p } = inv;
  const arg = p.args[0]!;
  const ref = I.parseImageRef(arg);
  if (!ref.ok) {
    errLine(io, ref.error);
    return 1;
  }
  const r = ref.value;
  const fam = I.familiarName(r.domain, r.path);
  const img = I.findImage(io.world, arg);
  const tagGiven = arg.slice(arg.lastIndexOf('/') + 1).includes(':');
  if (!tagGiven && !p.flags.quiet) io.out('Using default tag: latest\n');
  if (!img) {
    errLine(io, `An image does not exist locally with the tag: ${fam}`);
    return 1;
  }
  io.out(`The push refers to repository [${r.domain}/${r.path}]\n`);
  const layers: string[] = img.RootFS.Layers ?? [];
  const ids = layers.map((l) => l.replace(/^sha256:/, '').slice(0, 12)).reverse();
  const user = io.world.registry.logins[r.domain];
  const owner = r.path.split('/')[0];
  const official = r.domain === 'docker.io' && owner === 'library';
  // a local registry (docker run -d -p 5000:5000 registry:2) takes pushes without a login
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(r.domain);
  let localRegistry: any;
  if (local) {
    const port = +(r.domain.split(':')[1] ?? 80);
    const listening = Object.values(io.world.docker.containers).some((c: any) =>
      c.State.Running && Object.values(c.NetworkSettings.Ports ?? {}).some((b: any) => (b ?? []).some((x: any) => +x.HostPort === port)),
    );
    if (!listening) {
      errLine(io, `Get "http://${r.domain}/v2/": dial tcp ${r.domain.startsWith('localhost') ? '[::1]' : '127.0.0.1'}:${port}: connect: connection refused`);
      return 1;
    }
    localRegistry = Object.values(io.world.docker.containers).find(
      (c: any) => c.State.Running && Object.values(c.NetworkSettings.Ports ?? {}).some((b: any) => (b ?? []).some((x: any) => +x.HostPort === port)),
    );
  } else if (!user || (r.domain === 'docker.io' && owner !== user) || official) {
    for (const id of ids) io.out(`${id}: Preparing\n`);
    errLine(io, 'denied: requested access to the resource is denied');
    return 1;
  }
  for (const id of ids) io.out(`${id}: Preparing\n`);
  const repoKey = `${r.domain}/${r.path}`;
  const repo = (io.world.registry.pushed[repoKey] ??= {});
  const digest = 'sha256:' + sha256hex(`push:${repoKey}:${img.Id}`);
  const already = Object.values(repo).some((x: any) => x.id === img.Id);
  for (const id of ids) io.out(already ? `${id}: Layer already exists\n` : `${id}: Pushed\n`);
  const tag = r.tag ?? 'latest';
  const size = 1570 + Math.max(0, ids.length - 1) * 425;
  repo[tag] = toPushedRecord(img, digest);
  if (!img.RepoDigests.includes(`${fam}@${digest}`)) img.RepoDigests.push(`${fam}@${digest}`);
  // a local registry keeps what it received on its storage (/v2/_catalog and tags/list read it back)
  if (localRegistry) {
    const cfs = containerFs(io.world, localRegistry, io.ctx.host, () => io.now());
    const base = `/var/lib/registry/docker/registry/v2/repositories/${r.path}/_manifests/tags/${tag}/current`;
    for (let d = '', parts = base.split('/').filter(Boolean), i = 0; i < parts.length; i++) cfs.mkdir?.((d += '/' + parts[i]));
    cfs.writeFile(`${base}/link`, digest);
  }
  io.out(`${tag}: digest: ${digest} size: ${size}\n`);
  return 0;
};

/** A deterministic 64-hex digest of a string (not cryptographic; stable ids for pushed manifests). */
export function sha256ish(s: string): string {
  let out = '';
  let h1 = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < s.length; i++) {
      h1 ^= s.charCodeAt(i) + round;
      h1 = Math.imul(h1, 0x01000193) >>> 0;
    }
    out += h1.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

const SEARCH: [string, string, number, boolean][] = [
  ['nginx', 'Official build of Nginx.', 20952, true],
  ['httpd', 'The Apache HTTP Server Project', 4855, true],
  ['busybox', 'Busybox base image.', 3410, true],
  ['alpine', 'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!', 11349, true],
  ['ubuntu', 'Ubuntu is a Debian-based Linux operating system based on free software.', 17756, true],
  ['debian', 'Debian is a Linux distribution that\'s composed entirely of free and open-source software.', 5197, true],
  ['node', 'Node.js is a JavaScript-based platform for server-side and networking applications.', 13920, true],
  ['python', 'Python is an interpreted, interactive, object-oriented, open-source programming language.', 10198, true],
  ['redis', 'Redis is the world’s fastest data platform for caching, vector search, and NoSQL databases.', 13166, true],
  ['postgres', 'The PostgreSQL object-relational database system provides reliability and data integrity.', 14081, true],
  ['mysql', 'MySQL is a widely used, open-source relational database management system (RDBMS).', 15697, true],
  ['mongo', 'MongoDB document databases provide high availability and easy scalability.', 10395, true],
  ['hello-world', 'Hello World! (an example of minimal Dockerization)', 2347, true],
  ['traefik/whoami', 'Tiny Go webserver that prints os information and HTTP request to output', 164, false],
  ['bitnami/nginx', 'Bitnami container image for NGINX', 200, false],
  ['nginx/nginx-ingress', 'NGINX and  NGINX Plus Ingress Controllers for Kubernetes', 100, false],
  ['elasticsearch', 'Elasticsearch is a powerful open source search and analytics engine that makes data easy to explore.', 6334, true],
  ['kibana', 'Kibana gives shape to any kind of data — structured and unstructured — indexed in Elasticsearch.', 2838, true],
  ['logstash', 'Logstash is a free and open tool for data gathering, enrichment, and transportation.', 2290, true],
  ['bitnami/elasticsearch', 'Bitnami container image for Elasticsearch', 73, false],
  ['tomcat', 'Apache Tomcat is an open source implementation of the Jakarta Servlet, Jakarta Server Pages, ...', 3765, true],
  ['registry', 'Distribution implementation for storing and distributing of container images and artifacts', 4283, true],
  ['curlimages/curl', 'Official curl container image', 127, false],
];

const cmdSearch: Cmd = (inv) => {
  const { io, p } = inv;
  const term = p.args[0]!.toLowerCase();
  let hits = SEARCH.filter(([n, d]) => n.includes(term) || d.toLowerCase().includes(term));
  const limit = p.flags.limit ?? 25;
  hits = hits.slice(0, limit);
  const rows = hits.map(([n, d, s, off]) => ({
    Name: () => n,
    Description: () => (p.flags['no-trunc'] ? d : [...d].length > 45 ? [...d].slice(0, 44).join('') + '…' : d),
    StarCount: () => String(s),
    IsOfficial: () => (off ? '[OK]' : ''),
  }));
  io.out(renderRows(p.flags.format, 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}', rows, { Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL' }));
  return 0;
};

// ------------------------------------------------------------------ save / load / commit

const cmdSave: Cmd = (inv) => {
  const { io, p } = inv;
  const imgs: any[] = [];
  for (const a of p.args) {
    const img = I.findImage(io.world, a);
    if (!img) {
      errLine(io, 'Error response from daemon: reference does not exist');
      return 1;
    }
    imgs.push({ ref: I.normTag(a) ?? a, image: img });
  }
  const text = JSON.stringify({ 'k8s-drill-image-archive': 1, images: imgs });
  if (!p.flags.output) {
    if (io.ctx.tty) {
      errLine(io, 'cowardly refusing to save to a terminal. Use the -o flag or redirect');
      return 1;
    }
    io.out(text);
    return 0;
  }
  const err = io.ctx.host.writeFile(p.flags.output, text);
  if (err) {
    errLine(io, `failed to save image: ${err}`);
    return 1;
  }
  return 0;
};

const cmdLoad: Cmd = (inv) => {
  const { io, p } = inv;
  const text = p.flags.input ? io.ctx.host.readFile(p.flags.input) : io.stdin;
  if (!text) {
    errLine(io, p.flags.input ? `open ${p.flags.input}: no such file or directory` : 'requested load from stdin, but stdin is empty');
    return 1;
  }
  let data: any;
  try {
    data = JSON.parse(text);
  } catch {
    errLine(io, 'Error response from daemon: unexpected EOF');
    return 1;
  }
  for (const { ref, image } of data.images ?? []) {
    const existing = io.world.docker.images[image.Id];
    if (!existing) io.world.docker.images[image.Id] = { ...image, RepoTags: [] };
    const img = io.world.docker.images[image.Id];
    for (const t of image.RepoTags) I.addTag(io.world, img, t, now(io));
    if (!p.flags.quiet) io.out(`Loaded image: ${ref}\n`);
  }
  return 0;
};

const cmdCommit: Cmd = (inv) => {
  const { io, p } = inv;
  const r = E.findContainer(io.world, p.args[0]!);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  const c = r.value;
  const base = io.world.docker.images[c.Image];
  const t = now(io);
  const upper = JSON.parse(JSON.stringify(c._sim.upper ?? {}));
  const size = Object.values(upper).reduce((a: number, n: any) => a + (n.type === 'file' ? Buffer.byteLength(n.content) : 0), 0) as number;
  const id = 'sha256:' + randomHex(io.world, 64);
  const layer = 'sha256:' + randomHex(io.world, 64);
  const img = {
    ...JSON.parse(JSON.stringify(base)),
    Id: id,
    RepoTags: [],
    RepoDigests: [],
    Parent: '',
    Comment: p.flags.message ?? '',
    Created: new Date(t).toISOString(),
    Author: p.flags.author ?? '',
    Config: { ...base.Config, Cmd: c.Config.Cmd, Entrypoint: c.Config.Entrypoint, Env: c.Config.Env, WorkingDir: c.Config.WorkingDir },
    Size: base.Size + size,
    RootFS: { Type: 'layers', Layers: [...base.RootFS.Layers, layer] },
  };
  img._sim = { ...img._sim, createdMs: t, layers: [...(base._sim.layers ?? []), upper], history: [...(base._sim.history ?? []).map((h: any, i: number, a: any[]) => (i === a.length - 1 ? { ...h, id: base.Id } : h)), { created: t, createdBy: [c.Path, ...c.Args].join(' '), size, comment: p.flags.message ?? '', id }] };
  io.world.docker.images[id] = img;
  if (p.args[1]) {
    const tr = I.parseImageRef(p.args[1]);
    if (!tr.ok) {
      delete io.world.docker.images[id];
      errLine(io, tr.error);
      return 1;
    }
    I.addTag(io.world, img, I.refKey(tr.value), t);
  }
  io.out(id + '\n');
  return 0;
};

// ------------------------------------------------------------------ volumes

const cmdVolumeCreate: Cmd = (inv) => {
  const { io, p } = inv;
  const name = p.args[0] ?? p.flags.name ?? randomHex(io.world, 64);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
    errLine(io, `Error response from daemon: create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`);
    return 1;
  }
  E.createVolume(io.world, name, now(io), Object.keys(parseLabels(p.flags.label)).length ? parseLabels(p.flags.label) : null);
  io.out(name + '\n');
  return 0;
};

const cmdVolumeLs: Cmd = (inv) => {
  const { io, p } = inv;
  const filters = parseFilters(p.flags.filter);
  let list = Object.values(io.world.docker.volumes).sort((a: any, b: any) => a.Name.localeCompare(b.Name)) as any[];
  if (filters.dangling) list = list.filter((v) => (filters.dangling![0] === 'true') === !E.volumeInUse(io.world, v.Name));
  if (filters.name) list = list.filter((v) => filters.name!.some((n) => v.Name.includes(n)));
  if (filters.label) list = list.filter((v) => labelMatch(v.Labels, filters.label!));
  const rows = list.map((v) => ({
    Driver: () => v.Driver,
    Name: () => v.Name,
    Mountpoint: () => v.Mountpoint,
    Labels: () => Object.entries(v.Labels ?? {}).map(([k, x]) => `${k}=${x}`).join(','),
    Scope: () => v.Scope,
    Size: () => 'N/A',
    Links: () => 'N/A',
  }));
  if (p.flags.quiet) {
    for (const r of rows) io.out(r.Name() + '\n');
    return 0;
  }
  io.out(renderRows(p.flags.format, 'table {{.Driver}}\t{{.Name}}', rows, VOLUME_HEADERS));
  return 0;
};

const cmdVolumeRm: Cmd = (inv) => {
  const { io, p } = inv;
  let code = 0;
  for (const name of p.args) {
    const v = io.world.docker.volumes[name];
    if (!v) {
      if (!p.flags.force) {
        errLine(io, `Error response from daemon: get ${name}: no such volume`);
        code = 1;
      }
      continue;
    }
    const user = E.volumeInUse(io.world, name);
    if (user) {
      errLine(io, `Error response from daemon: remove ${name}: volume is in use - [${user}]`);
      code = 1;
      continue;
    }
    delete io.world.docker.volumes[name];
    io.out(name + '\n');
  }
  return code;
};

const cmdVolumePrune: Cmd = async (inv) => {
  const { io, p } = inv;
  if (!p.flags.force) {
    const warn = p.flags.all ? 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ' : 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ';
    if (!(await confirm(io, warn))) return 0;
  }
  const { names, space } = pruneVolumes(io.world, !!p.flags.all);
  if (names.length) io.out('Deleted Volumes:\n' + names.join('\n') + '\n\n');
  io.out(`Total reclaimed space: ${humanSize(space)}\n`);
  return 0;
};

function layerBytes(layer: any): number {
  return Object.values(layer ?? {}).reduce((a: number, n: any) => a + (n.type === 'file' ? Buffer.byteLength(n.content) : 0), 0) as number;
}

function pruneVolumes(world: World, all: boolean): { names: string[]; space: number } {
  const names: string[] = [];
  let space = 0;
  for (const v of Object.values(world.docker.volumes) as any[]) {
    if (E.volumeInUse(world, v.Name)) continue;
    if (!all && !v._sim.anonymous) continue;
    names.push(v.Name);
    space += layerBytes(v._sim.layer);
    delete world.docker.volumes[v.Name];
  }
  return { names, space };
}

// ------------------------------------------------------------------ networks

const cmdNetworkCreate: Cmd = (inv) => {
  const { io, p } = inv;
  const name = p.args[0]!;
  if (E.findNetwork(io.world, name) && Object.values(io.world.docker.networks).some((n: any) => n.Name === name)) {
    errLine(io, `Error response from daemon: network with name ${name} already exists`);
    return 1;
  }
  const driver = p.flags.driver ?? 'bridge';
  if (!['bridge', 'overlay', 'macvlan', 'ipvlan'].includes(driver)) {
    errLine(io, `Error response from daemon: could not find plugin ${driver} in v1 plugin registry: plugin not found`);
    return 1;
  }
  const sub = p.flags.subnet?.[0] ? { subnet: p.flags.subnet[0], gateway: p.flags.gateway?.[0] ?? p.flags.subnet[0].replace(/\.\d+\/\d+$/, '.1') } : E.nextSubnet(io.world);
  const id = E.newId(io.world);
  io.world.docker.networks[id] = {
    Name: name,
    Id: id,
    Created: E.stamp(io.world, now(io)),
    Scope: 'local',
    Driver: driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: sub.subnet, Gateway: sub.gateway }] },
    Internal: !!p.flags.internal,
    Attachable: !!p.flags.attachable,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: {},
    Options: {},
    Labels: parseLabels(p.flags.label),
  };
  io.out(id + '\n');
  return 0;
};

const cmdNetworkLs: Cmd = (inv) => {
  const { io, p } = inv;
  const filters = parseFilters(p.flags.filter);
  let list = Object.values(io.world.docker.networks).sort((a: any, b: any) => a.Name.localeCompare(b.Name)) as any[];
  if (filters.name) list = list.filter((n) => filters.name!.some((x) => n.Name.includes(x)));
  if (filters.driver) list = list.filter((n) => filters.driver!.includes(n.Driver));
  const rows = list.map((n) => ({
    ID: () => (p.flags['no-trunc'] ? n.Id : n.Id.slice(0, 12)),
    Name: () => n.Name,
    Driver: () => n.Driver,
    Scope: () => n.Scope,
    IPv6: () => String(n.EnableIPv6),
    Internal: () => String(n.Internal),
    Labels: () => Object.entries(n.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','),
    CreatedAt: () => n.Created,
  }));
  if (p.flags.quiet) {
    for (const r of rows) io.out(r.ID() + '\n');
    return 0;
  }
  io.out(renderRows(p.flags.format, 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}', rows, NETWORK_HEADERS));
  return 0;
};

const BUILTIN_NETS = new Set(['bridge', 'host', 'none']);

const cmdNetworkRm: Cmd = (inv) => {
  const { io, p } = inv;
  let code = 0;
  for (const a of p.args) {
    const n = E.findNetwork(io.world, a);
    if (!n) {
      if (!p.flags.force) {
        errLine(io, `Error response from daemon: network ${a} not found`);
        code = 1;
      }
      continue;
    }
    if (BUILTIN_NETS.has(n.Name)) {
      errLine(io, `Error response from daemon: ${n.Name} is a pre-defined network and cannot be removed`);
      code = 1;
      continue;
    }
    const users = (Object.values(io.world.docker.containers) as any[]).filter((c) => c.State.Running && c.NetworkSettings.Networks?.[n.Name]);
    if (users.length) {
      errLine(io, `Error response from daemon: error while removing network: network ${n.Name} id ${n.Id} has active endpoints`);
      code = 1;
      continue;
    }
    delete io.world.docker.networks[n.Id];
    io.out(a + '\n');
  }
  return code;
};

const cmdNetworkConnect: Cmd = (inv) => {
  const { io, p } = inv;
  const [netArg, ctr] = p.args as [string, string];
  const n = E.findNetwork(io.world, netArg);
  if (!n) {
    errLine(io, `Error response from daemon: network ${netArg} not found`);
    return 1;
  }
  const r = E.findContainer(io.world, ctr);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  const c = r.value;
  if (c.NetworkSettings.Networks[n.Name]) {
    errLine(io, `Error response from daemon: endpoint with name ${c.Name.slice(1)} already exists in network ${n.Name}`);
    return 1;
  }
  const ep = E.endpointFor(io.world, n, c, p.flags.alias ?? null);
  if (c.State.Running) ep.EndpointID = E.newId(io.world);
  else Object.assign(ep, { IPAddress: '', Gateway: '', IPPrefixLen: 0, MacAddress: '' });
  if (p.flags.ip) ep.IPAddress = p.flags.ip;
  c.NetworkSettings.Networks[n.Name] = ep;
  return 0;
};

const cmdNetworkDisconnect: Cmd = (inv) => {
  const { io, p } = inv;
  const [netArg, ctr] = p.args as [string, string];
  const n = E.findNetwork(io.world, netArg);
  if (!n) {
    errLine(io, `Error response from daemon: network ${netArg} not found`);
    return 1;
  }
  const r = E.findContainer(io.world, ctr);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  const c = r.value;
  if (!c.NetworkSettings.Networks[n.Name]) {
    errLine(io, `Error response from daemon: container ${c.Id} is not connected to network ${n.Name}`);
    return 1;
  }
  delete c.NetworkSettings.Networks[n.Name];
  return 0;
};

function pruneNetworks(world: World): string[] {
  const out: string[] = [];
  for (const n of Object.values(world.docker.networks) as any[]) {
    if (BUILTIN_NETS.has(n.Name)) continue;
    if ((Object.values(world.docker.containers) as any[]).some((c) => c.NetworkSettings.Networks?.[n.Name])) continue;
    out.push(n.Name);
    delete world.docker.networks[n.Id];
  }
  return out.sort();
}

const cmdNetworkPrune: Cmd = async (inv) => {
  const { io, p } = inv;
  if (!p.flags.force && !(await confirm(io, 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] '))) return 0;
  const names = pruneNetworks(io.world);
  if (names.length) io.out('Deleted Networks:\n' + names.join('\n') + '\n');
  return 0;
};

// ------------------------------------------------------------------ system

function pruneContainers(world: World): { ids: string[]; space: number } {
  const ids: string[] = [];
  let space = 0;
  for (const c of E.containerList(world)) {
    if (c.State.Running) continue;
    ids.push(c.Id);
    space += layerBytes(c._sim.upper);
    E.removeContainer(world, c, false);
  }
  return { ids, space };
}

const cmdContainerPrune: Cmd = async (inv) => {
  const { io, p } = inv;
  if (!p.flags.force && !(await confirm(io, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] '))) return 0;
  const { ids, space } = pruneContainers(io.world);
  if (ids.length) io.out('Deleted Containers:\n' + ids.join('\n') + '\n\n');
  io.out(`Total reclaimed space: ${humanSize(space)}\n`);
  return 0;
};

const cmdSystemPrune: Cmd = async (inv) => {
  const { io, p } = inv;
  const all = !!p.flags.all;
  const vols = !!p.flags.volumes;
  if (!p.flags.force) {
    let warn = 'WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n';
    if (vols) warn += '  - all anonymous volumes not used by at least one container\n';
    warn += all ? '  - all images without at least one container associated to them\n  - all build cache\n' : '  - all dangling images\n  - unused build cache\n';
    warn += '\nAre you sure you want to continue? [y/N] ';
    if (!(await confirm(io, warn))) return 0;
  }
  let space = 0;
  const cs = pruneContainers(io.world);
  space += cs.space;
  if (cs.ids.length) io.out('Deleted Containers:\n' + cs.ids.join('\n') + '\n\n');
  const ns = pruneNetworks(io.world);
  if (ns.length) io.out('Deleted Networks:\n' + ns.join('\n') + '\n\n');
  if (vols) {
    const vs = pruneVolumes(io.world, false);
    space += vs.space;
    if (vs.names.length) io.out('Deleted Volumes:\n' + vs.names.join('\n') + '\n\n');
  }
  const im = pruneImages(io.world, all);
  space += im.space;
  if (im.lines.length) io.out('Deleted Images:\n' + im.lines.join('\n') + '\n\n');
  const cache = io.world.docker.buildCache ?? [];
  if (cache.length) {
    io.out('Deleted build cache objects:\n' + cache.map((c: any) => c.id).join('\n') + '\n\n');
    space += cache.reduce((a: number, c: any) => a + (c.size ?? 0), 0);
    io.world.docker.buildCache = [];
  }
  io.out(`Total reclaimed space: ${humanSize(space)}\n`);
  return 0;
};

const cmdSystemDf: Cmd = (inv) => {
  const { io, p } = inv;
  const world = io.world;
  const imgs = I.imageList(world);
  const inUse = I.imagesInUse(world);
  const cs = E.containerList(world);
  const vols = Object.values(world.docker.volumes) as any[];
  const cache = world.docker.buildCache ?? [];
  const imgSize = imgs.reduce((a, i) => a + i.Size, 0);
  const imgReclaim = imgs.filter((i) => !inUse.has(i.Id)).reduce((a, i) => a + i.Size, 0);
  const csSize = cs.reduce((a, c) => a + layerBytes(c._sim.upper), 0);
  const csReclaim = cs.filter((c) => !c.State.Running).reduce((a, c) => a + layerBytes(c._sim.upper), 0);
  const vSize = vols.reduce((a, v) => a + layerBytes(v._sim.layer), 0);
  const vReclaim = vols.filter((v) => !E.volumeInUse(world, v.Name)).reduce((a, v) => a + layerBytes(v._sim.layer), 0);
  const cSize = cache.reduce((a: number, c: any) => a + (c.size ?? 0), 0);
  const pct = (r: number, t: number) => (t > 0 ? `${humanSize(r)} (${Math.trunc((r * 100) / t)}%)` : humanSize(r));
  const rows = [
    { Type: () => 'Images', TotalCount: () => String(imgs.length), Active: () => String(imgs.filter((i) => inUse.has(i.Id)).length), Size: () => humanSize(imgSize), Reclaimable: () => pct(imgReclaim, imgSize) },
    { Type: () => 'Containers', TotalCount: () => String(cs.length), Active: () => String(cs.filter((c) => c.State.Running).length), Size: () => humanSize(csSize), Reclaimable: () => pct(csReclaim, csSize) },
    { Type: () => 'Local Volumes', TotalCount: () => String(vols.length), Active: () => String(vols.filter((v) => E.volumeInUse(world, v.Name)).length), Size: () => humanSize(vSize), Reclaimable: () => pct(vReclaim, vSize) },
    { Type: () => 'Build Cache', TotalCount: () => String(cache.length), Active: () => '0', Size: () => humanSize(cSize), Reclaimable: () => humanSize(cSize) },
  ];
  io.out(renderRows(p.flags.format, 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}', rows, { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' }));
  return 0;
};

const SERVER_VERSION =
  'Server: Docker Engine - Community\n Engine:\n  Version:          28.2.2\n  API version:      1.50 (minimum version 1.24)\n  Go version:       go1.24.3\n  Git commit:       45873be\n  Built:            Fri May 30 12:07:14 2025\n  OS/Arch:          linux/amd64\n  Experimental:     false\n containerd:\n  Version:          1.7.27\n  GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da\n runc:\n  Version:          1.2.5\n  GitCommit:        v1.2.5-0-g59923ef\n docker-init:\n  Version:          0.19.0\n  GitCommit:        de40ad0\n';

const cmdVersion: Cmd = (inv) => {
  const { io, p } = inv;
  if (p.flags.format) {
    const data = { Client: { Version: '28.2.2', ApiVersion: '1.50', GoVersion: 'go1.24.3', GitCommit: 'e6534b4', Os: 'linux', Arch: 'amd64', Context: 'default' }, Server: { Version: '28.2.2', ApiVersion: '1.50', MinAPIVersion: '1.24', GitCommit: '45873be', GoVersion: 'go1.24.3', Os: 'linux', Arch: 'amd64' } };
    return formatInspect(io, [data], p.flags.format);
  }
  io.out(
    'Client: Docker Engine - Community\n Version:           28.2.2\n API version:       1.50\n Go version:        go1.24.3\n Git commit:        e6534b4\n Built:             Fri May 30 12:07:14 2025\n OS/Arch:           linux/amd64\n Context:           default\n\n' +
      SERVER_VERSION,
  );
  return 0;
};

const cmdInfo: Cmd = (inv) => {
  const { io } = inv;
  const w = io.world;
  const cs = E.containerList(w);
  const running = cs.filter((c) => c.State.Running && !c.State.Paused).length;
  const paused = cs.filter((c) => c.State.Paused).length;
  io.out(
    `Client: Docker Engine - Community\n Version:    28.2.2\n Context:    default\n Debug Mode: false\n Plugins:\n  buildx: Docker Buildx (Docker Inc.)\n    Version:  v0.24.0\n    Path:     /usr/libexec/docker/cli-plugins/docker-buildx\n  compose: Docker Compose (Docker Inc.)\n    Version:  v2.36.2\n    Path:     /usr/libexec/docker/cli-plugins/docker-compose\n\nServer:\n Containers: ${cs.length}\n  Running: ${running}\n  Paused: ${paused}\n  Stopped: ${cs.length - running - paused}\n Images: ${Object.keys(w.docker.images).length}\n Server Version: 28.2.2\n Storage Driver: overlay2\n  Backing Filesystem: extfs\n  Supports d_type: true\n  Using metacopy: false\n  Native Overlay Diff: true\n  userxattr: false\n Logging Driver: json-file\n Cgroup Driver: systemd\n Cgroup Version: 2\n Plugins:\n  Volume: local\n  Network: bridge host ipvlan macvlan null overlay\n  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog\n Swarm: inactive\n Runtimes: io.containerd.runc.v2 runc\n Default Runtime: runc\n Init Binary: docker-init\n containerd version: 05044ec0a9a75232cad458027ca83437aae3f4da\n runc version: v1.2.5-0-g59923ef\n init version: de40ad0\n Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  cgroupns\n Kernel Version: 6.8.0-60-generic\n Operating System: Ubuntu 24.04.2 LTS\n OSType: linux\n Architecture: x86_64\n CPUs: 4\n Total Memory: 7.748GiB\n Name: learner\n ID: 3f2b6c1e-7a4d-4c8e-9b1f-2d5e8a6c4b7f\n Docker Root Dir: /var/lib/docker\n Debug Mode: false\n Experimental: false\n Insecure Registries:\n  ::1/128\n  127.0.0.0/8\n Live Restore Enabled: false\n\n`,
  );
  return 0;
};

// ------------------------------------------------------------------ exec, cp, attach, build (delegated)

const cmdAttach: Cmd = async (inv) => {
  const { io, p } = inv;
  const r = E.findContainer(io.world, p.args[0]!);
  if (!r.ok) {
    errLine(io, r.error);
    return 1;
  }
  const c = r.value;
  if (!c.State.Running) {
    errLine(io, 'You cannot attach to a stopped container, start it first');
    return 1;
  }
  if (c._sim.plan?.kind === 'shell' && c.Config.OpenStdin) {
    await (await import('./exec.js')).ensureExecTarget();
    io.enterShell({ kind: 'docker', id: c.Id, prompt: shellPrompt(io, c, c._sim.plan.shell), onExit: 'stop-container' });
  }
  return 0;
};

const cmdUpdate: Cmd = (inv) => {
  const { io, p } = inv;
  let policy: { Name: string; MaximumRetryCount: number } | undefined;
  if (p.flags.restart) {
    const [n, m] = String(p.flags.restart).split(':');
    if (!['no', 'always', 'unless-stopped', 'on-failure'].includes(n!)) {
      errLine(io, `Error response from daemon: invalid restart policy: unknown policy '${n}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
      return 1;
    }
    policy = { Name: n!, MaximumRetryCount: m ? +m : 0 };
  }
  return eachContainer(inv, (c) => {
    if (policy) {
      if (c.HostConfig.AutoRemove && policy.Name !== 'no') return 'Error response from daemon: Cannot update container ' + c.Id + ': cannot update restart policy on container with --rm';
      c.HostConfig.RestartPolicy = policy;
    }
    return null;
  });
};

/** `docker events` streams until interrupted; nothing has happened since it started. */
const cmdEvents: Cmd = () => 0;

// docker context: the simulator has the default context only (client-side, recorded from docker 28)
const cmdContextLs: Cmd = (inv) => {
  const { io, p } = inv;
  if (p.flags.quiet) {
    io.out('default\n');
    return 0;
  }
  const rows = [{ Name: () => 'default *', Description: () => 'Current DOCKER_HOST based configuration', DockerEndpoint: () => 'unix:///var/run/docker.sock', Error: () => '' }];
  io.out(renderRows(p.flags.format, 'table {{.Name}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}', rows, { Name: 'NAME', Description: 'DESCRIPTION', DockerEndpoint: 'DOCKER ENDPOINT', Error: 'ERROR' }));
  return 0;
};

function contextNotFound(io: IO, name: string): number {
  errLine(io, `context "${name}": context not found: open /root/.docker/contexts/meta/${sha256hex(name)}/meta.json: no such file or directory`);
  return 1;
}

const cmdContextUse: Cmd = (inv) => {
  const name = inv.p.args[0]!;
  if (name !== 'default') return contextNotFound(inv.io, name);
  inv.io.out('default\n');
  inv.io.err('Current context is now "default"\n');
  return 0;
};

const cmdContextShow: Cmd = (inv) => {
  inv.io.out('default\n');
  return 0;
};

const cmdContextInspect: Cmd = (inv) => {
  const names = inv.p.args.length ? inv.p.args : ['default'];
  for (const n of names) if (n !== 'default') return contextNotFound(inv.io, n);
  const obj = { Name: 'default', Metadata: {}, Endpoints: { docker: { Host: 'unix:///var/run/docker.sock', SkipTLSVerify: false } }, TLSMaterial: {}, Storage: { MetadataPath: '<IN MEMORY>', TLSPath: '<IN MEMORY>' } };
  return formatInspect(inv.io, names.map(() => obj), inv.p.flags.format);
};

const TABLE: Record<string, Cmd> = {
  'context ls': cmdContextLs,
  'context list': cmdContextLs,
  'context use': cmdContextUse,
  'context show': cmdContextShow,
  'context inspect': cmdContextInspect,
  'container update': cmdUpdate,
  'system events': cmdEvents,
  'container run': cmdRun,
  'container create': cmdCreate,
  'container start': cmdStart,
  'container stop': cmdStop,
  'container restart': cmdRestart,
  'container kill': cmdKill,
  'container pause': cmdPause,
  'container unpause': cmdUnpause,
  'container rm': cmdRm,
  'container rename': cmdRename,
  'container wait': cmdWait,
  'container ls': cmdPs,
  'container logs': cmdLogs,
  'container inspect': cmdInspect,
  inspect: cmdInspect,
  'container port': cmdPort,
  'container top': cmdTop,
  'container stats': cmdStats,
  'container diff': cmdDiff,
  'container commit': cmdCommit,
  'container attach': cmdAttach,
  'container prune': cmdContainerPrune,
  'container exec': async (inv) => (await import('./exec.js')).cmdExec(inv),
  'container cp': async (inv) => (await import('./exec.js')).cmdCp(inv),
  'image build': async (inv) => (await import('./build.js')).cmdBuild(inv),
  'image ls': cmdImages,
  'image pull': cmdPull,
  'image tag': cmdTag,
  'image rm': cmdRmi,
  'image inspect': cmdInspect,
  'image history': cmdHistory,
  'image prune': cmdImagePrune,
  'image push': cmdPush,
  'image save': cmdSave,
  'image load': cmdLoad,
  login: cmdLogin,
  logout: cmdLogout,
  search: cmdSearch,
  version: cmdVersion,
  'system info': cmdInfo,
  'system df': cmdSystemDf,
  'system prune': cmdSystemPrune,
  'volume create': cmdVolumeCreate,
  'volume ls': cmdVolumeLs,
  'volume rm': cmdVolumeRm,
  'volume inspect': cmdInspect,
  'volume prune': cmdVolumePrune,
  'network create': cmdNetworkCreate,
  'network ls': cmdNetworkLs,
  'network rm': cmdNetworkRm,
  'network inspect': cmdInspect,
  'network connect': cmdNetworkConnect,
  'network disconnect': cmdNetworkDisconnect,
  'network prune': cmdNetworkPrune,
  'builder prune': async (inv) => {
    const { io, p } = inv;
    if (!p.flags.force && !(await confirm(io, 'WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] '))) return 0;
    const cache = io.world.docker.buildCache ?? [];
    const space = cache.reduce((a: number, c: any) => a + (c.size ?? 0), 0);
    io.world.docker.buildCache = [];
    io.out(`Total reclaimed space: ${humanSize(space)}\n`);
    return 0;
  },
};

export async function runCommand(inv: Invocation): Promise<number> {
  const fn = TABLE[inv.cmd];
  if (!fn) {
    inv.io.err(`Error response from daemon: ${inv.cmd} is not supported by this simulator\n`);
    return 1;
  }
  return fn(inv);
}

export { doPull, startNow, shellPrompt, imageFlavor, ociError, displayablePorts, portSummaries, confirm };
