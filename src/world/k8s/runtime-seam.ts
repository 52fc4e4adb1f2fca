/**
 * The cluster's seam to the container runtime (src/world/runtime): image lookups and what a container's main
 * process does. The runtime's planProcess (src/world/runtime/process.ts) is the authority once it lands; until
 * then a small heuristic stands in (same shape: ProcessPlan).
 */
import type { World } from '../world.js';
import type { ProcessPlan, Result } from '../runtime/contract.js';
import type { HostFs } from '../../core/types.js';
import { resolveImage, type ResolvedImage } from '../runtime/images.js';
import { planProcess, ociExecErrorK8s } from '../runtime/process.js';

export { ociExecErrorK8s };

export type { ResolvedImage };

export function lookupImage(world: World, ref: string): Result<ResolvedImage> {
  return resolveImage(world, ref);
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

/** The runtime's plan for a pod container's main process (writes of its start-up go to `fs`). */
export function planContainer(world: World, img: ResolvedImage | undefined, argv: string[], env: Record<string, string>, opts?: { fs: HostFs; hostname: string; now: number; ip?: string; namespace: string; pod: string }): ProcessPlan {
  if (img && opts) {
    try {
      return planProcess(world, img, argv, env, { fs: opts.fs, tty: false, interactive: false, hostname: opts.hostname, now: opts.now, ...(opts.ip ? { ip: opts.ip } : {}), from: { kind: 'pod', namespace: opts.namespace, name: opts.pod } });
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
