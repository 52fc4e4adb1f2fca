/**
 * In-memory HostFs for the scenario runner: `test` keeps a scenario's files here, `run:` goals write here instead
 * of the learner's disk (an overlay over the real folder), and `grade` replays history over the recorded reads.
 */
import type { HostFs } from '../core/types.js';

function normalize(cwd: string, p: string): string {
  const abs = p.startsWith('/') ? p : `${cwd}/${p}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/**
 * A filesystem kept in a Map (absolute path -> contents). `base` (optional) is read through for paths the map does
 * not have and that were not removed: writes never reach it.
 */
export function memoryFs(files: Map<string, string> = new Map(), cwd = '/work', base?: HostFs, mtimeMs = 0): HostFs {
  const removed = new Set<string>();
  const dirs = new Set<string>();
  const hasDirUnder = (k: string) => {
    if (k === '/' || dirs.has(k)) return true;
    const prefix = k + '/';
    for (const f of files.keys()) if (f.startsWith(prefix)) return true;
    for (const d of dirs) if (d.startsWith(prefix)) return true;
    return false;
  };
  const fs: HostFs = {
    cwd,
    resolve: (p) => normalize(fs.cwd, p),
    readFile(p) {
      const k = fs.resolve(p);
      if (files.has(k)) return files.get(k)!;
      if (removed.has(k) || !base) return null;
      return base.readFile(k);
    },
    readFileBytes(p) {
      const s = fs.readFile(p);
      return s === null ? null : new TextEncoder().encode(s);
    },
    writeFile(p, content, append) {
      const k = fs.resolve(p);
      if (hasDirUnder(k) && !files.has(k)) return `${p}: Is a directory`;
      const prev = append ? fs.readFile(k) ?? '' : '';
      files.set(k, prev + content);
      removed.delete(k);
      return null;
    },
    stat(p) {
      const k = fs.resolve(p);
      if (files.has(k)) return { type: 'file', size: Buffer.byteLength(files.get(k)!), mtimeMs };
      if (hasDirUnder(k)) return { type: 'dir', size: 4096, mtimeMs };
      if (removed.has(k) || !base) return null;
      return base.stat(k);
    },
    readdir(p) {
      const k = fs.resolve(p);
      const names = new Set<string>(removed.has(k) || !base ? [] : base.readdir(k) ?? []);
      const prefix = k === '/' ? '/' : k + '/';
      let any = names.size > 0 || dirs.has(k);
      for (const f of [...files.keys(), ...dirs]) {
        if (!f.startsWith(prefix)) continue;
        any = true;
        names.add(f.slice(prefix.length).split('/')[0]!);
      }
      for (const r of removed) if (r.startsWith(prefix) && !r.slice(prefix.length).includes('/')) names.delete(r.slice(prefix.length));
      if (!any && !(base && !removed.has(k) && base.stat(k)?.type === 'dir')) return null;
      return [...names].filter(Boolean).sort();
    },
    mkdir(p) {
      dirs.add(fs.resolve(p));
      return null;
    },
    remove(p, recursive) {
      const k = fs.resolve(p);
      files.delete(k);
      if (recursive) for (const f of [...files.keys()]) if (f.startsWith(k + '/')) files.delete(f);
      dirs.delete(k);
      removed.add(k);
      return null;
    },
  };
  return fs;
}

/**
 * The host as a replay sees it: the reads a history entry recorded (absolute path -> contents), nothing else.
 * Writes land in memory so later reads in the same replay see them.
 */
export function replayFs(cwd: string, files: Map<string, string>): HostFs {
  return memoryFs(files, cwd);
}

/**
 * A read-only view of `base` limited to paths under `root` (the learner's workspace): what scenario `run:` goals may
 * read of the learner's disk. Writes are refused (wrap it in memoryFs to let goals write in memory).
 */
export function confinedFs(base: HostFs, root: string): HostFs {
  const top = root.replace(/\/+$/, '') || '/';
  const ok = (p: string) => {
    const abs = normalize(base.cwd, p);
    return top === '/' || abs === top || abs.startsWith(top + '/');
  };
  return {
    cwd: base.cwd,
    resolve: (p) => base.resolve(p),
    readFile: (p) => (ok(p) ? base.readFile(p) : null),
    readFileBytes: (p) => (ok(p) ? base.readFileBytes?.(p) ?? null : null),
    writeFile: (p) => `${p}: Read-only file system`,
    stat: (p) => (ok(p) ? base.stat(p) : null),
    readdir: (p) => (ok(p) ? base.readdir(p) : null),
    mkdir: (p) => `${p}: Read-only file system`,
    remove: (p) => `${p}: Read-only file system`,
  };
}
