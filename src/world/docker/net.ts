/**
 * The Docker side of the simulated network (registered with the runtime's net.ts from reconcile.ts, so a one-shot
 * `curl localhost:8080` finds it):
 *   - from the host: published ports on localhost/127.0.0.1/0.0.0.0 (and the host IP of the binding), and any
 *     running container's IP (Linux hosts route to bridge networks);
 *   - from a container: containers on a shared network by IP, and by name/alias on user-defined networks
 *     (Docker's embedded DNS, 127.0.0.11); the default bridge only by IP.
 */
import type { HostFs } from '../../core/types.js';
import type { World } from '../world.js';
import type { Endpoint, NameAnswer, NetFrom, Resolution } from '../runtime/net.js';
import { containerFs } from './cfs.js';
import { appendLog } from './engine.js';
import { resolvedFor } from './image-source.js';

/**
 * The learner's files, for bind mounts seen through the network (nginx serving `-v $(pwd):/usr/share/nginx/html`).
 * A request from the host passes them to the resolver (curl/wget give io.ctx.host); a request from inside a
 * container has only the container's files, so the docker CLI also records the session's HostFs here when it runs.
 */
let hostFs: HostFs | null = null;
export function setDockerHostFs(fs: HostFs): void {
  hostFs = fs;
}
export function getDockerHostFs(): HostFs {
  return hostFs ?? EMPTY_HOST;
}

const EMPTY_HOST: HostFs = {
  cwd: '/',
  readFile: () => null,
  writeFile: () => 'Read-only file system',
  stat: () => null,
  readdir: () => null,
  resolve: (p) => p,
};

function ipsOf(c: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [net, ep] of Object.entries(c.NetworkSettings?.Networks ?? {}) as [string, any][]) if (ep.IPAddress) out[net] = ep.IPAddress;
  return out;
}

function endpointOf(world: World, c: any, port: number, now: number, ip: string, clientIp?: string, host?: HostFs): Endpoint | undefined {
  const img = world.docker.images[c.Image];
  const image = resolvedFor(world, img);
  if (!image) return undefined;
  const plan = c._sim.plan;
  const env: Record<string, string> = {};
  for (const e of c.Config.Env ?? []) {
    const i = e.indexOf('=');
    env[e.slice(0, i)] = e.slice(i + 1);
  }
  return {
    image,
    ...(plan?.app ? { app: plan.app } : {}),
    argv: [c.Path, ...c.Args].filter((x: string) => x !== ''),
    env,
    hostname: c.Config.Hostname,
    ip,
    port,
    ports: plan?.kind === 'serve' ? plan.ports : [],
    fs: containerFs(world, c, host ?? hostFs ?? EMPTY_HOST, () => now),
    ...(clientIp ? { clientIp } : {}),
    log: (line: string, stream: 'stdout' | 'stderr') => appendLog(c, now, line, stream),
  };
}

const LOCAL = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1', '[::1]', 'host.docker.internal']);

function running(world: World): any[] {
  if (world.docker?.daemon !== 'running') return [];
  return Object.values(world.docker.containers).filter((c: any) => c.State.Running && !c.State.Paused);
}

export function dockerResolver(world: World, from: NetFrom, host: string, port: number, now: number, learner?: HostFs): Resolution | undefined {
  if (!world.docker) return undefined;
  const cs = running(world);
  if (from.kind === 'host') {
    if (LOCAL.has(host)) {
      for (const c of cs) {
        for (const [key, binds] of Object.entries(c.NetworkSettings.Ports ?? {}) as [string, any][]) {
          const [p, proto] = key.split('/');
          if (proto !== 'tcp') continue;
          if ((binds ?? []).some((b: any) => +b.HostPort === port && (b.HostIp === '0.0.0.0' || b.HostIp === '::' || b.HostIp === '127.0.0.1' || b.HostIp === ''))) {
            const ip = Object.values(ipsOf(c))[0] ?? '172.17.0.2';
            return endpointOf(world, c, +p!, now, ip, '172.17.0.1', learner);
          }
        }
      }
      // --network host: the process listens on the host's own ports
      for (const c of cs) {
        if (c.HostConfig.NetworkMode !== 'host') continue;
        const ports: number[] = c._sim.plan?.kind === 'serve' ? c._sim.plan.ports : [];
        if (ports.includes(port)) return endpointOf(world, c, port, now, '127.0.0.1', '127.0.0.1', learner);
      }
      return undefined;
    }
    for (const c of cs) {
      const ips = ipsOf(c);
      for (const [net, ip] of Object.entries(ips)) {
        if (ip === host) {
          const gw = c.NetworkSettings.Networks[net]?.Gateway;
          return endpointOf(world, c, port, now, ip, gw || '172.17.0.1', learner);
        }
      }
    }
    return undefined;
  }
  if (from.kind !== 'container') return undefined;
  const me = world.docker.containers[from.id];
  if (!me) return undefined;
  const myNets = ipsOf(me);
  if (LOCAL.has(host) && host !== 'host.docker.internal') {
    // the container itself
    const ip = Object.values(myNets)[0] ?? '127.0.0.1';
    return endpointOf(world, me, port, now, ip, '127.0.0.1', learner);
  }
  for (const c of cs) {
    const ips = ipsOf(c);
    for (const [net, ip] of Object.entries(ips)) {
      if (!myNets[net]) continue;
      const ep = c.NetworkSettings.Networks[net];
      const names = net === 'bridge' ? [] : [c.Name.slice(1), c.Id.slice(0, 12), ...(ep.Aliases ?? []), ...(ep.DNSNames ?? [])];
      if (ip === host || names.includes(host)) return endpointOf(world, c, port, now, ip, myNets[net], learner);
    }
  }
  // a name that exists on a network we do not share: Docker's DNS does not know it
  return undefined;
}

export function dockerNameResolver(world: World, from: NetFrom, name: string): NameAnswer | undefined {
  if (!world.docker || from.kind !== 'container') return undefined;
  const me = world.docker.containers[from.id];
  if (!me) return undefined;
  const myNets = ipsOf(me);
  for (const c of running(world)) {
    for (const [net, ip] of Object.entries(ipsOf(c))) {
      if (net === 'bridge' || !myNets[net]) continue;
      const ep = c.NetworkSettings.Networks[net];
      const names = [c.Name.slice(1), c.Id.slice(0, 12), ...(ep.Aliases ?? [])];
      if (names.includes(name)) return { fqdn: name, ips: [ip], server: '127.0.0.11' };
    }
  }
  return undefined;
}
