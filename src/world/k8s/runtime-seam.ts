/**
 * The cluster's seam to the container runtime (src/world/runtime): image lookups and what a container's main
 * process does. The runtime's planProcess (src/world/runtime/process.ts) is the authority once it lands; until
 * then a small heuristic stands in (same shape: ProcessPlan).
 */
import type { World } from '../world.js';
import type { FsLayer, ProcessPlan, Result } from '../runtime/contract.js';
import type { HostFs } from '../../core/types.js';
import { resolveImage, imageFromRecord, type PushedImage, type ResolvedImage } from '../runtime/images.js';
import { parseImageRef } from '../runtime/ref.js';
import { planProcess, ociExecErrorK8s, applyFsOps } from '../runtime/process.js';

export { applyFsOps };

export { ociExecErrorK8s };

export type { ResolvedImage };

/** Image lookups memoised for one reconcile pass (clearImageCache at its start): a pass may look up 10,000 pods. */
let cache = new Map<string, Result<ResolvedImage>>();
let cacheWorld: unknown;

export function clearImageCache(): void {
  cache = new Map();
  cacheWorld = undefined;
}

export function lookupImage(world: World, ref: string): Result<ResolvedImage> {
  if (cacheWorld !== world) {
    cache = new Map();
    cacheWorld = world;
  }
  let r = cache.get(ref);
  if (!r) {
    r = resolveImage(world, ref);
    if (!r.ok) {
      // images loaded into minikube (minikube image load) are on the node although no registry has them
      const p = parseImageRef(ref);
      const rec = p.ok ? (world.cluster.sim as { ctl: Record<string, any> }).ctl.loadedImages?.[p.value.familiar] : undefined;
      if (rec) r = { ok: true, value: imageFromRecord(world, ref, rec as PushedImage) };
    }
    cache.set(ref, r);
  }
  return r;
}

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);
const SERVERS = /nginx|httpd|redis|postgres|mysql|mongo|whoami|node|python -m http|kubernetes-bootcamp|traefik|memcached|rabbitmq|java|gunicorn|flask/;

/** argv = command (or image Entrypoint) + args (or image Cmd), as the kubelet computes it. */
export function containerArgv(img: ResolvedImage | undefined, c: { command?: string[]; args?: string[] }): string[] {
  const cfg = img?.config;
  if (c.command?.length) return [...c.command, ...(c.args ?? [])];
  const ep = cfg?.Entrypoint ?? [];
  return [...ep, ...(c.args?.length ? c.args : (cfg?.Cmd ?? []))];
}

let planCache = new Map<string, { plan: ProcessPlan; upper: FsLayer; hostname: string }>();
let planCacheWorld: unknown;

function copyLayer(from: FsLayer, to: FsLayer | undefined): void {
  if (!to) return;
  for (const [p, n] of Object.entries(from)) to[p] = structuredClone(n);
}

/** The runtime's plan for a pod container's main process (writes of its start-up go to `fs`). */
export function planContainer(world: World, img: ResolvedImage | undefined, argv: string[], env: Record<string, string>, opts?: { fs: HostFs; hostname: string; now: number; ip?: string; namespace: string; pod: string; upperLayer?: FsLayer }): ProcessPlan {
  if (img && opts) {
    // pods of one template starting together plan the same process: reuse the plan and its start-up writes
    const { HOSTNAME: _h, ...rest } = env;
    void _h;
    const script = argv.join(' ');
    const key = /hostname|HOSTNAME|\$\(|`|RANDOM|date/.test(script) ? undefined : `${img.id}|${opts.now}|${opts.ip ? '' : 'noip'}|${JSON.stringify(argv)}|${JSON.stringify(rest)}`;
    const hit = key ? planCache.get(key) : undefined;
    if (hit && planCacheWorld === world) {
      copyLayer(hit.upper, opts.upperLayer);
      // start-up lines may name the pod (the bootcamp app prints its hostname)
      const fixed = JSON.stringify(hit.plan).split(hit.hostname).join(opts.hostname);
      return JSON.parse(fixed) as ProcessPlan;
    }
    try {
      const plan = planProcess(world, img, argv, env, { fs: opts.fs, deferFs: true, tty: false, interactive: false, hostname: opts.hostname, now: opts.now, ...(opts.ip ? { ip: opts.ip } : {}), from: { kind: 'pod', namespace: opts.namespace, name: opts.pod } });
      if (key && opts.upperLayer) {
        if (planCacheWorld !== world) { planCache = new Map(); planCacheWorld = world; }
        if (planCache.size > 256) planCache.clear();
        planCache.set(key, { plan: structuredClone(plan), upper: structuredClone(opts.upperLayer), hostname: opts.hostname });
      }
      return plan;
    } catch {
      /* fall back to the heuristic below */
    }
  }
  return heuristicPlan(img, argv);
}

function heuristicPlan(img: ResolvedImage | undefined, argv: string[]): ProcessPlan {
  const [exe, ...args] = argv;
  const ports = Object.keys(img?.config?.ExposedPorts ?? {}).map((p) => parseInt(p, 10)).filter((n) => n > 0);
  if (img?.scenario) {
    const s = img.scenario;
    if (s.exitCode !== undefined) return { kind: 'exit', code: s.exitCode, output: s.logs ?? [], runMs: 500 };
    return { kind: 'serve', logs: s.logs ?? [], ports: s.ports ?? ports, stopCode: 0 };
  }
  if (!exe) return { kind: 'exit', code: 0, output: [], runMs: 100 };
  if (SHELLS.has(exe) && args.length === 0) return { kind: 'exit', code: 0, output: [], runMs: 50 };
  const script = SHELLS.has(exe) && args[0] === '-c' ? (args[1] ?? '') : argv.join(' ');
  const lines: string[] = [];
  let serve = false;
  let runMs = 50;
  let code = 0;
  for (const part of script.split(/;|&&|\n/).map((s) => s.trim()).filter(Boolean)) {
    const words = part.split(/\s+/);
    const cmd = words[0]!.replace(/^.*\//, '');
    if (cmd === 'echo' && !/>/.test(part)) lines.push(words.slice(1).join(' ').replace(/^["']|["']$/g, ''));
    else if (cmd === 'sleep') {
      const n = words[1] === 'infinity' ? Infinity : parseFloat(words[1] ?? '0');
      if (n === Infinity || n >= 3600) serve = true;
      else runMs += n * 1000;
    } else if (cmd === 'exit') code = parseInt(words[1] ?? '0', 10) || 0;
    else if (cmd === 'false') code = 1;
    else if ((cmd === 'tail' && words.includes('-f')) || cmd === 'while') serve = true;
  }
  if (serve) return { kind: 'serve', logs: lines, ports, stopCode: 137 };
  if (SERVERS.test(argv.join(' ')) || (img && SERVERS.test(img.app))) {
    return { kind: 'serve', logs: [], ports: ports.length ? ports : [80], stopCode: 0 };
  }
  return { kind: 'exit', code, output: lines, runMs };
}
