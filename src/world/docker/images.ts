/**
 * Local images of the engine (world.docker.images, `docker image inspect` shape + `_sim`) and the bridge to the
 * runtime's catalog/registry (src/world/runtime/images.ts: resolveImage) for pulls.
 *
 * _sim of an image: { createdMs, history: [{created, createdBy, size, empty, comment}], base?: string (catalog
 * reference whose filesystem is the bottom of this image), layers: FsLayer[] (extra layers on top: build, commit),
 * lastUsedMs }.
 */
import type { World } from '../world.js';
import type { FsLayer, ImageConfig, ImageRef } from '../runtime/contract.js';
import { parseImageRef, familiarName } from '../runtime/ref.js';
import { fail, ok, type EngineResult } from './engine.js';
import * as source from './image-source.js';

export { parseImageRef, familiarName };

export function refKey(ref: ImageRef): string {
  return `${familiarName(ref.domain, ref.path)}:${ref.tag ?? 'latest'}`;
}

/** Normalised "repo:tag" for a user string, or undefined if it does not parse. */
export function normTag(s: string): string | undefined {
  const r = parseImageRef(s);
  if (!r.ok) return undefined;
  return refKey(r.value);
}

export function imageList(world: World): any[] {
  return Object.values(world.docker.images).sort((a, b) => b._sim.createdMs - a._sim.createdMs || (a.RepoTags[0] ?? '').localeCompare(b.RepoTags[0] ?? ''));
}

/** Finds a local image by repo:tag, id, id prefix, or repo@digest, as the daemon does. */
export function findImage(world: World, s: string): any | undefined {
  const imgs = world.docker.images;
  const bare = s.startsWith('sha256:') ? s.slice(7) : s;
  if (/^[0-9a-f]{4,64}$/.test(bare)) {
    const hits = Object.keys(imgs).filter((id) => id.slice(7).startsWith(bare));
    if (hits.length === 1) return imgs[hits[0]!];
  }
  const r = parseImageRef(s);
  if (!r.ok) return undefined;
  if (r.value.digest) {
    const fam = familiarName(r.value.domain, r.value.path);
    return Object.values(imgs).find((i: any) => (i.RepoDigests ?? []).includes(`${fam}@${r.value.digest}`));
  }
  const key = refKey(r.value);
  return Object.values(imgs).find((i: any) => i.RepoTags.includes(key));
}

/** Removes a tag from whatever image has it. */
export function untag(world: World, tag: string): void {
  for (const img of Object.values(world.docker.images) as any[]) {
    const i = img.RepoTags.indexOf(tag);
    if (i >= 0) img.RepoTags.splice(i, 1);
  }
}

export function addTag(world: World, img: any, tag: string, now: number): void {
  untag(world, tag);
  if (!img.RepoTags.includes(tag)) img.RepoTags.push(tag);
  img.Metadata.LastTagTime = new Date(now).toISOString().replace('Z', '000000Z');
}

export interface Pulled {
  image: any;
  /** true when the image was already present with that digest */
  upToDate: boolean;
  layers: string[];
  digest: string;
  ref: ImageRef;
}

/** Pulls `s` from the simulated registry into the local store. Errors are the daemon's messages. */
export function pullImage(world: World, s: string, now: number): EngineResult<Pulled> {
  const pr = parseImageRef(s);
  if (!pr.ok) return fail(pr.error);
  const ref = pr.value;
  const res = source.resolve(world, ref);
  if (!res.ok) return fail(res.error);
  const src = res.value;
  const key = refKey(ref);
  const existing = world.docker.images[src.id];
  const fam = familiarName(ref.domain, ref.path);
  const repoDigest = `${fam}@${src.digest}`;
  if (existing) {
    const had = existing.RepoTags.includes(key);
    if (!ref.digest) addTag(world, existing, key, now);
    if (!existing.RepoDigests.includes(repoDigest)) existing.RepoDigests.push(repoDigest);
    return ok({ image: existing, upToDate: had || !!ref.digest, layers: src.layers.map((l) => l.digest), digest: src.digest, ref });
  }
  if (!ref.digest) untag(world, key);
  const img = {
    Id: src.id,
    RepoTags: ref.digest ? [] : [key],
    RepoDigests: [repoDigest],
    Parent: '',
    Comment: src.comment ?? '',
    Created: new Date(src.createdMs).toISOString(),
    DockerVersion: '',
    Author: '',
    Config: src.config,
    Architecture: 'amd64',
    Os: 'linux',
    Size: src.size,
    GraphDriver: { Data: null, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: src.layers.map((l) => l.diffId) },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
    _sim: { createdMs: src.createdMs, history: src.history, base: src.base, app: src.app, flavor: src.flavor, layers: [] as FsLayer[], pulledMs: now },
  };
  world.docker.images[src.id] = img;
  return ok({ image: img, upToDate: false, layers: src.layers.map((l) => l.digest), digest: src.digest, ref });
}

/** Filesystem layers of a local image, bottom first (catalog base + built layers). */
export function imageFsLayers(world: World, img: any): FsLayer[] {
  const base = img._sim.base ? source.baseLayers(world, img._sim.base) : [];
  return [...base, ...(img._sim.layers ?? [])];
}

export function imageConfig(img: any): ImageConfig {
  return img.Config;
}

/** Images used by containers (id -> container ids). */
export function imagesInUse(world: World): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of Object.values(world.docker.containers) as any[]) {
    if (!m.has(c.Image)) m.set(c.Image, []);
    m.get(c.Image)!.push(c.Id);
  }
  return m;
}
