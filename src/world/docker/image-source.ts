/**
 * Where pulled images come from: the runtime's catalog + registry (src/world/runtime/images.ts: resolveImage),
 * reduced to what the engine stores. The one seam between the engine's image store and the runtime.
 */
import type { World } from '../world.js';
import type { FsLayer, ImageConfig, ImageRef, Result } from '../runtime/contract.js';
import { resolveImage, imageFromRecord, sha256hex, type ImageLayer, type PushedImage, type ResolvedImage } from '../runtime/images.js';

export interface SourceLayer {
  /** compressed blob digest (pull/push lines show its first 12 hex) */
  digest: string;
  /** uncompressed diff id (RootFS.Layers) */
  diffId: string;
  size: number;
}

export interface HistoryEntry {
  created: number;
  createdBy: string;
  size: number;
  empty?: boolean;
  comment?: string;
  /** image id shown in `docker history` for locally built steps */
  id?: string;
}

export interface SourceImage {
  id: string;
  digest: string;
  createdMs: number;
  size: number;
  config: ImageConfig;
  comment?: string;
  history: HistoryEntry[];
  layers: SourceLayer[];
  /** reference to get the filesystem and behaviour back (resolveImage) */
  base: string;
  app: string;
  flavor: string;
}

export function diffIdOf(digest: string): string {
  return 'sha256:' + sha256hex('diff:' + digest);
}

export function resolve(world: World, ref: ImageRef): Result<SourceImage> {
  const asked = ref.digest ? `${ref.domain}/${ref.path}@${ref.digest}` : `${ref.domain}/${ref.path}:${ref.tag ?? 'latest'}`;
  const r = resolveImage(world, asked);
  if (!r.ok) return { ok: false, error: `Error response from daemon: ${r.error}` };
  const v = r.value;
  const layers = v.layers.filter((l) => !l.empty && l.digest).map((l) => ({ digest: l.digest!, diffId: diffIdOf(l.digest!), size: l.size }));
  return {
    ok: true,
    value: {
      id: v.id,
      digest: v.digest,
      createdMs: Date.parse(v.created),
      size: v.size,
      config: JSON.parse(JSON.stringify(v.config)),
      history: v.layers.map((l) => ({ created: Date.parse(l.created), createdBy: l.createdBy, size: l.size, empty: l.empty, comment: l.comment })),
      layers,
      base: asked,
      app: v.app,
      flavor: v.flavor,
    },
  };
}

/** The read-only filesystem of a base reference (cached by the runtime; never mutate). */
export function baseLayers(world: World, base: string): FsLayer[] {
  const r = resolveImage(world, base);
  return r.ok ? r.value.fs : [];
}

export function baseFlavor(world: World, base: string | null | undefined): string {
  if (!base) return 'busybox';
  const r = resolveImage(world, base);
  return r.ok ? r.value.flavor : 'busybox';
}

/** A local image as the registry record the runtime understands (push; the kubelet pulls it back). */
export function toPushedRecord(img: any, digest: string): PushedImage {
  const files: FsLayer = {};
  for (const l of img._sim.layers ?? []) Object.assign(files, l);
  const layers: ImageLayer[] = (img._sim.history ?? []).map((h: HistoryEntry, i: number) => ({
    digest: h.empty ? undefined : 'sha256:' + sha256hex(`${img.Id}:layer:${i}`),
    size: h.size,
    createdBy: h.createdBy,
    created: new Date(h.created).toISOString(),
    comment: h.comment ?? '',
    empty: !!h.empty,
  }));
  return {
    id: img.Id,
    digest,
    size: img.Size,
    created: img.Created,
    config: img.Config,
    layers,
    base: img._sim.base ?? null,
    files,
    ...(img._sim.app ? { app: img._sim.app } : {}),
  };
}

/** The runtime's view of a local image (catalog/pushed via its base; built/committed via its record). */
export function resolvedFor(world: World, img: any): ResolvedImage | undefined {
  if (!img) return undefined;
  if (img._sim?.built || (img._sim?.layers ?? []).length) return imageFromRecord(world, img.RepoTags[0] ?? img.Id, toPushedRecord(img, img.RepoDigests[0]?.split('@')[1] ?? ''));
  if (img._sim?.base) {
    const r = resolveImage(world, img._sim.base);
    if (r.ok) return r.value;
  }
  return undefined;
}

/**
 * A local image (docker build/pull/commit) as a registry record, for `minikube image load IMG`
 * (src/world/k8s/api.ts minikubeImageLoad): undefined when the engine has no such image.
 */
export function localImageRecord(world: World, ref: string): PushedImage | undefined {
  const imgs = Object.values(world.docker.images) as any[];
  const bare = ref.replace(/^sha256:/, '');
  let img = /^[0-9a-f]{4,64}$/.test(bare) ? imgs.find((i) => i.Id.slice(7).startsWith(bare)) : undefined;
  if (!img) {
    const withTag = /:[^/]+$/.test(ref) || ref.includes('@') ? ref : `${ref}:latest`;
    const short = withTag.replace(/^docker\.io\/(library\/)?/, '');
    img = imgs.find((i) => (i.RepoTags ?? []).includes(short));
  }
  if (!img) return undefined;
  return toPushedRecord(img, img.RepoDigests?.[0]?.split('@')[1] ?? 'sha256:' + sha256hex(`digest:${img.Id}`));
}
