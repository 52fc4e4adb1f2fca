/**
 * A container's filesystem as the runtime sees it: image layers + the container's writable layer (stored in the
 * world) + volumes (stored in the world) + bind mounts (the learner's folders through ctx.host) + /etc/hostname,
 * /etc/hosts and /etc/resolv.conf.
 */
import type { HostFs } from '../../core/types.js';
import type { World } from '../world.js';
import { layeredFs, type ContainerFs, type Mount } from '../runtime/fs.js';
import { imageFsLayers } from './images.js';

export function containerHosts(world: World, c: any): string {
  let s = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';
  const ip = Object.values(c.NetworkSettings?.Networks ?? {}).map((e: any) => e.IPAddress).find(Boolean);
  if (ip) s += `${ip}\t${c.Config.Hostname}\n`;
  void world;
  return s;
}

export function containerMounts(world: World, c: any, host: HostFs): Mount[] {
  const mounts: Mount[] = [
    { target: '/etc/hostname', content: c.Config.Hostname + '\n' },
    { target: '/etc/hosts', content: containerHosts(world, c) },
    { target: '/etc/resolv.conf', content: 'nameserver 127.0.0.11\noptions ndots:0\n' },
  ];
  for (const m of c.Mounts ?? []) {
    if (m.Type === 'volume') {
      const v = world.docker.volumes[m.Name];
      if (v) mounts.push({ target: m.Destination, layer: (v._sim.layer ??= {}), readOnly: !m.RW });
    } else if (m.Type === 'bind') mounts.push({ target: m.Destination, host, hostPath: m.Source, readOnly: !m.RW });
  }
  return mounts;
}

export function containerFs(world: World, c: any, host: HostFs, now: () => number, cwd?: string): ContainerFs {
  const img = world.docker.images[c.Image];
  return layeredFs({
    lower: img ? imageFsLayers(world, img) : [],
    upper: (c._sim.upper ??= {}),
    mounts: containerMounts(world, c, host),
    cwd: cwd ?? (c.Config.WorkingDir || '/'),
    now,
  });
}
