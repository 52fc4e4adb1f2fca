/** Address allocation: ClusterIPs from 10.96.0.0/12, NodePorts 30000-32767, pod IPs from 10.244.0.0/16. */
import type { World } from '../world.js';
import { randomInt } from '../../core/random.js';
import { sim, type KObject } from './store.js';

function ipOf(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** A free ClusterIP, chosen at random in 10.96.0.0/12 like the real allocator (10.96.0.1 and .10 are taken at bootstrap). */
export function allocateClusterIp(world: World, dry = false): string {
  const used = sim(world).usedClusterIps;
  const base = (10 << 24) | (96 << 16);
  for (;;) {
    // the real allocator prefers the upper part of the range for dynamic IPs; minikube shows 10.96.x-10.111.x
    const off = randomInt(world, 16, 1 << 20);
    const ip = ipOf((base + off) >>> 0);
    if (ip.endsWith('.0') || ip.endsWith('.255') || used[ip]) continue;
    if (!dry) used[ip] = 1;
    return ip;
  }
}

export function allocateNodePort(world: World, dry = false): number {
  const used = sim(world).usedNodePorts;
  for (;;) {
    const p = randomInt(world, 30000, 32768);
    if (used[p]) continue;
    if (!dry) used[p] = 1;
    return p;
  }
}

export function releaseServiceAllocations(world: World, svc: KObject): void {
  const s = sim(world);
  for (const ip of svc.spec?.clusterIPs ?? []) delete s.usedClusterIps[ip];
  for (const p of svc.spec?.ports ?? []) if (p.nodePort) delete s.usedNodePorts[p.nodePort];
}

/** Pod IPs: 10.244.0.2 upward on node 0, 10.244.<i>.x on node i (minikube's per-node /24 podCIDR). */
export function allocatePodIp(world: World, nodeIndex: number): string {
  const s = sim(world);
  s.ctl.podIpNext ??= {};
  const n = (s.ctl.podIpNext[nodeIndex] ?? 2) as number;
  // wrap inside the node's /24 after 254; many-pod worlds go on in the next octets of 10.244.0.0/16
  s.ctl.podIpNext[nodeIndex] = n + 1;
  const third = nodeIndex + Math.floor((n - 2) / 253) * 0;
  const host = ((n - 2) % 253) + 2;
  const block = Math.floor((n - 2) / 253);
  return `10.244.${(third + block * 16) % 256}.${host}`;
}
