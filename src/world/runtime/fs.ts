/**
 * A container's layered filesystem as a HostFs, over plain-data layers (overlayfs in miniature):
 *   lower  - image layers, read only, bottom first (lower[0] is the base OS, the last one is the top layer)
 *   upper  - the container's writable layer (stored in the world, mutated in place): copy-on-write, whiteouts
 *   mounts - volumes (a layer stored in the world), bind mounts (a folder of a HostFs), single files
 *            (/etc/hostname, /etc/hosts, /etc/resolv.conf); a mount shadows whatever the image has at its path.
 * Keys of every layer are absolute paths ("/etc/os-release"); a folder exists when it has a 'dir' node or any
 * entry below it. Keys of a mount's layer are absolute paths inside the mount ("/f" is TARGET/f).
 */
import type { HostFs } from '../../core/types.js';
import type { FsLayer, FsNode } from './contract.js';

export type Mount =
  | { target: string; layer: FsLayer; readOnly?: boolean }
  | { target: string; host: HostFs; hostPath: string; readOnly?: boolean }
  /** A single file bind-mounted over a path (docker's /etc/hostname, /etc/hosts, /etc/resolv.conf). */
  | { target: string; content: string; readOnly?: boolean };

export interface LayeredFsSpec {
  lower: FsLayer[];
  upper: FsLayer;
  mounts?: Mount[];
  cwd?: string;
  /** Simulated time for mtimes of written files. */
  now?: () => number;
  /** mtime (ms) shown for image files that carry none (the image's creation time). */
  defaultMtime?: number;
}

/** A HostFs with the optional operations always present. */
export type ContainerFs = HostFs & {
  mkdir(path: string, parents?: boolean): string | null;
  remove(path: string, recursive?: boolean): string | null;
  /** The node (after following symlinks) or null. */
  lookup(path: string): FsNode | null;
  /** Symlink target of the path itself (not followed), or null. */
  readlink(path: string): string | null;
};

export const ENOENT = 'No such file or directory';
export const EISDIR = 'Is a directory';
export const ENOTDIR = 'Not a directory';
export const EEXIST = 'File exists';
export const EROFS = 'Read-only file system';
export const ENOTEMPTY = 'Directory not empty';
export const EBUSY = 'Device or resource busy';

export function normalizePath(p: string, cwd = '/'): string {
  const abs = p.startsWith('/') ? p : `${cwd}/${p}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

const encoder = new TextEncoder();
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Per read-only layer: folder -> child names, and implicit folders. Cached per layer object. */
interface LayerIndex {
  children: Map<string, Set<string>>;
}
const indexCache = new WeakMap<FsLayer, LayerIndex>();

function buildIndex(layer: FsLayer): LayerIndex {
  const children = new Map<string, Set<string>>();
  for (const key of Object.keys(layer)) {
    let p = key;
    while (p !== '/') {
      const parent = parentOf(p);
      let set = children.get(parent);
      if (!set) children.set(parent, (set = new Set()));
      const name = baseName(p);
      if (set.has(name)) break;
      set.add(name);
      p = parent;
    }
  }
  return { children };
}

function lowerIndex(layer: FsLayer): LayerIndex {
  let ix = indexCache.get(layer);
  if (!ix) indexCache.set(layer, (ix = buildIndex(layer)));
  return ix;
}

/** Node of `p` in one layer: explicit node, or an implicit dir when something lives below it. */
function nodeIn(layer: FsLayer, p: string, mutable: boolean): FsNode | undefined {
  const n = layer[p];
  if (n) return n;
  if (p === '/') return undefined;
  if (!mutable) return lowerIndex(layer).children.has(p) ? { type: 'dir' } : undefined;
  const prefix = p + '/';
  for (const k in layer) if (k.startsWith(prefix) && layer[k]!.type !== 'whiteout') return { type: 'dir' };
  return undefined;
}

function childrenIn(layer: FsLayer, dir: string, mutable: boolean): string[] {
  if (!mutable) return [...(lowerIndex(layer).children.get(dir) ?? [])];
  const prefix = dir === '/' ? '/' : dir + '/';
  const names = new Set<string>();
  for (const k in layer) if (k.startsWith(prefix) && k.length > prefix.length) names.add(k.slice(prefix.length).split('/')[0]!);
  return [...names];
}

export function layeredFs(spec: LayeredFsSpec): ContainerFs {
  const { lower, upper } = spec;
  const mounts = [...(spec.mounts ?? [])].map((m) => ({ ...m, target: normalizePath(m.target) }));
  mounts.sort((a, b) => b.target.length - a.target.length);
  const now = spec.now ?? (() => 0);
  const defaultMtime = spec.defaultMtime ?? 0;

  /** Layers top first, with whether they are the mutable upper. */
  const stack: Array<{ layer: FsLayer; mutable: boolean }> = [{ layer: upper, mutable: true }];
  for (let i = lower.length - 1; i >= 0; i--) stack.push({ layer: lower[i]!, mutable: false });

  function mountFor(p: string): { m: Mount & { target: string }; inner: string } | undefined {
    for (const m of mounts) {
      if (p === m.target) return { m, inner: '/' };
      if (p.startsWith(m.target === '/' ? '/' : m.target + '/')) return { m, inner: m.target === '/' ? p : p.slice(m.target.length) };
    }
    return undefined;
  }

  /** Node in the image+upper stack for a fully resolved path (no mounts). */
  function stackNode(p: string): FsNode | null {
    // A whiteout or an opaque dir on an ancestor in a higher layer hides everything below in lower layers.
    const ancestors: string[] = [];
    for (let a = parentOf(p); ; a = parentOf(a)) {
      ancestors.push(a);
      if (a === '/') break;
    }
    for (const { layer, mutable } of stack) {
      const n = nodeIn(layer, p, mutable);
      if (n) return n.type === 'whiteout' ? null : n;
      for (const a of ancestors) {
        const an = layer[a];
        if (an && (an.type === 'whiteout' || (an.type === 'dir' && an.opaque) || an.type === 'file')) return null;
      }
    }
    return p === '/' ? { type: 'dir' } : null;
  }

  function rawNode(p: string): FsNode | null {
    const mt = mountFor(p);
    if (mt) {
      const { m, inner } = mt;
      if ('content' in m) return inner === '/' ? { type: 'file', content: m.content } : null;
      if ('layer' in m) {
        if (inner === '/') return { type: 'dir' };
        const n = nodeIn(m.layer, inner, true);
        return n && n.type !== 'whiteout' ? n : null;
      }
      const hp = normalizePath(m.hostPath + inner);
      const st = m.host.stat(hp);
      if (!st) return null;
      if (st.type === 'dir') return { type: 'dir', mtime: st.mtimeMs };
      return { type: 'file', content: m.host.readFile(hp) ?? '', mtime: st.mtimeMs };
    }
    // A mount point's parent folders exist even when the image lacks them.
    const n = stackNode(p);
    if (n) return n;
    for (const m of mounts) if (m.target.startsWith(p === '/' ? '/' : p + '/')) return { type: 'dir' };
    return null;
  }

  /** Resolves symlinks in every component (the last one too unless `noFollowLast`). */
  function realpath(p: string, noFollowLast = false): string {
    let path = normalizePath(p, fs.cwd);
    for (let hops = 0; hops < 40; hops++) {
      const parts = path.split('/').filter(Boolean);
      let cur = '';
      let changed = false;
      for (let i = 0; i < parts.length; i++) {
        const next = `${cur}/${parts[i]}`;
        if (noFollowLast && i === parts.length - 1) {
          cur = next;
          break;
        }
        const n = rawNode(next);
        if (n && n.type === 'symlink') {
          const target = n.target.startsWith('/') ? n.target : `${cur || ''}/${n.target}`;
          path = normalizePath([target, ...parts.slice(i + 1)].join('/'));
          changed = true;
          break;
        }
        cur = next;
      }
      if (!changed) return cur || '/';
    }
    return path;
  }

  function lookup(p: string): FsNode | null {
    return rawNode(realpath(p));
  }

  /** Where a write to resolved path `p` goes. */
  function writeTarget(p: string):
    | { kind: 'upper' }
    | { kind: 'layer'; layer: FsLayer; inner: string }
    | { kind: 'host'; host: HostFs; path: string }
    | { kind: 'error'; error: string } {
    const mt = mountFor(p);
    if (!mt) return { kind: 'upper' };
    const { m, inner } = mt;
    if (m.readOnly) return { kind: 'error', error: EROFS };
    if ('content' in m) return { kind: 'error', error: EBUSY };
    if ('layer' in m) return { kind: 'layer', layer: m.layer, inner };
    return { kind: 'host', host: m.host, path: normalizePath(m.hostPath + inner) };
  }

  function ensureParents(p: string): string | null {
    const parent = parentOf(p);
    if (parent === p) return null;
    const n = lookup(parent);
    if (n) return n.type === 'dir' ? null : ENOTDIR;
    const e = ensureParents(parent);
    if (e) return e;
    return mkdirOne(parent);
  }

  function mkdirOne(p: string): string | null {
    const t = writeTarget(p);
    if (t.kind === 'error') return t.error;
    if (t.kind === 'host') return t.host.mkdir ? t.host.mkdir(t.path, true) : null;
    if (t.kind === 'layer') {
      t.layer[t.inner] = { type: 'dir', mode: 0o755, mtime: now() };
      return null;
    }
    const prev = upper[p];
    upper[p] = prev && prev.type === 'whiteout' ? { type: 'dir', mode: 0o755, mtime: now(), opaque: true } : { type: 'dir', mode: 0o755, mtime: now() };
    return null;
  }

  function listDir(p: string): string[] | null {
    const n = rawNode(p);
    if (!n || n.type !== 'dir') return null;
    const mt = mountFor(p);
    const names = new Set<string>();
    if (mt) {
      const { m, inner } = mt;
      if ('layer' in m) for (const c of childrenIn(m.layer, inner, true)) {
        const cn = m.layer[inner === '/' ? `/${c}` : `${inner}/${c}`];
        if (!cn || cn.type !== 'whiteout') names.add(c);
      }
      else if ('host' in m) for (const c of m.host.readdir(normalizePath(m.hostPath + inner)) ?? []) names.add(c);
    } else {
      const hidden = new Set<string>();
      for (const { layer, mutable } of stack) {
        for (const c of childrenIn(layer, p, mutable)) {
          if (hidden.has(c)) continue;
          const cn = layer[p === '/' ? `/${c}` : `${p}/${c}`];
          if (cn && cn.type === 'whiteout') hidden.add(c);
          else names.add(c);
        }
        const own = layer[p];
        if (own && ((own.type === 'dir' && own.opaque) || own.type === 'whiteout')) break;
      }
    }
    const prefix = p === '/' ? '/' : p + '/';
    for (const m of mounts) if (m.target.startsWith(prefix) && m.target !== p) names.add(m.target.slice(prefix.length).split('/')[0]!);
    return [...names].sort();
  }

  const fs: ContainerFs = {
    cwd: normalizePath(spec.cwd ?? '/'),
    resolve: (p) => normalizePath(p, fs.cwd),
    lookup,
    readlink(p) {
      const n = rawNode(realpath(p, true));
      return n && n.type === 'symlink' ? n.target : null;
    },
    readFile(p) {
      const n = lookup(p);
      return n && n.type === 'file' ? n.content : null;
    },
    readFileBytes(p) {
      const s = fs.readFile(p);
      return s === null ? null : encoder.encode(s);
    },
    stat(p) {
      const n = lookup(p);
      if (!n) return null;
      if (n.type === 'dir') return { type: 'dir', size: 4096, mtimeMs: n.mtime ?? defaultMtime };
      if (n.type === 'file') return { type: 'file', size: byteLength(n.content), mtimeMs: n.mtime ?? defaultMtime };
      return null;
    },
    readdir(p) {
      return listDir(realpath(p));
    },
    writeFile(p, content, append) {
      const rp = realpath(p);
      const existing = rawNode(rp);
      if (existing && existing.type === 'dir') return EISDIR;
      const t = writeTarget(rp);
      if (t.kind === 'error') return t.error;
      const e = ensureParents(rp);
      if (e) return e;
      if (t.kind === 'host') return t.host.writeFile(t.path, content, append);
      const prev = existing && existing.type === 'file' ? existing : undefined;
      const node: FsNode = {
        type: 'file',
        content: append && prev ? prev.content + content : content,
        ...(prev?.mode !== undefined ? { mode: prev.mode } : {}),
        mtime: now(),
      };
      if (t.kind === 'layer') t.layer[t.inner] = node;
      else upper[rp] = node;
      return null;
    },
    mkdir(p, parents) {
      const rp = realpath(p);
      const n = rawNode(rp);
      if (n) return parents && n.type === 'dir' ? null : EEXIST;
      const parent = rawNode(parentOf(rp));
      if (!parent) {
        if (!parents) return ENOENT;
        const e = ensureParents(rp);
        if (e) return e;
      } else if (parent.type !== 'dir') return ENOTDIR;
      return mkdirOne(rp);
    },
    remove(p, recursive) {
      const rp = realpath(p, true);
      const n = rawNode(rp);
      if (!n) return ENOENT;
      if (mounts.some((m) => m.target === rp)) return EBUSY;
      if (n.type === 'dir' && !recursive) {
        if ((listDir(rp) ?? []).length > 0) return ENOTEMPTY;
      }
      if (n.type === 'dir') for (const m of mounts) if (m.target.startsWith(rp + '/')) return EBUSY;
      const t = writeTarget(rp);
      if (t.kind === 'error') return t.error;
      if (t.kind === 'host') return t.host.remove ? t.host.remove(t.path, recursive) : null;
      if (t.kind === 'layer') {
        const prefix = t.inner + '/';
        for (const k of Object.keys(t.layer)) if (k === t.inner || k.startsWith(prefix)) delete t.layer[k];
        return null;
      }
      const prefix = rp + '/';
      for (const k of Object.keys(upper)) if (k === rp || k.startsWith(prefix)) delete upper[k];
      // Still visible from an image layer? Then hide it with a whiteout.
      if (stackNode(rp)) upper[rp] = { type: 'whiteout' };
      return null;
    },
  };
  return fs;
}

/** Does `p` exist in the read-only image layers? */
function inLower(lower: FsLayer[], p: string): boolean {
  for (let i = lower.length - 1; i >= 0; i--) {
    const n = nodeIn(lower[i]!, p, false);
    if (n) return n.type !== 'whiteout';
  }
  return false;
}

/**
 * `docker diff` lines for a container's writable layer, sorted by path as Docker prints them:
 * `A /path` added, `C /path` changed (existed in the image; also every folder above a change), `D /path` deleted.
 * Without `lower`, a file is reported as added unless the layer marks it otherwise.
 */
export function diffLayer(upper: FsLayer, lower: FsLayer[] = []): string[] {
  const changes = new Map<string, 'A' | 'C' | 'D'>();
  for (const [p, n] of Object.entries(upper)) {
    if (p === '/') continue;
    const existed = inLower(lower, p);
    if (n.type === 'whiteout') {
      if (existed) changes.set(p, 'D');
    } else if (n.type === 'dir' && existed && !n.opaque) changes.set(p, 'C');
    else changes.set(p, existed ? 'C' : 'A');
    for (let a = parentOf(p); a !== '/'; a = parentOf(a)) {
      if (changes.has(a) && changes.get(a) !== 'D') continue;
      changes.set(a, inLower(lower, a) ? 'C' : 'A');
    }
  }
  return [...changes.keys()].sort().map((p) => `${changes.get(p)} ${p}`);
}
