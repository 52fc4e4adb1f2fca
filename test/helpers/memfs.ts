/**
 * An in-memory HostFs (files in a Map) and the tests' frozen start time. No imports from src beyond types, so
 * area tests that must not load the shell (docker, kubectl harnesses) can use it too.
 */
import type { HostFs } from '../../src/core/types.js';

export const T0 = Date.parse('2026-01-15T10:00:00Z');

export function memoryFs(files: Map<string, string>, cwd = '/work'): HostFs {
  const norm = (p: string) => {
    const abs = p.startsWith('/') ? p : `${fs.cwd}/${p}`;
    const out: string[] = [];
    for (const part of abs.split('/')) {
      if (!part || part === '.') continue;
      if (part === '..') out.pop();
      else out.push(part);
    }
    return '/' + out.join('/');
  };
  const isDir = (p: string) => p === '/' || [...files.keys()].some((k) => k.startsWith(p + '/'));
  const fs: HostFs = {
    cwd,
    resolve: norm,
    readFile: (p) => files.get(norm(p)) ?? null,
    readFileBytes: (p) => {
      const s = files.get(norm(p));
      return s === undefined ? null : new TextEncoder().encode(s);
    },
    writeFile: (p, content, append) => {
      const k = norm(p);
      files.set(k, append ? (files.get(k) ?? '') + content : content);
      return null;
    },
    stat: (p) => {
      const k = norm(p);
      if (files.has(k)) return { type: 'file', size: files.get(k)!.length, mtimeMs: T0 };
      return isDir(k) ? { type: 'dir', size: 4096, mtimeMs: T0 } : null;
    },
    readdir: (p) => {
      const k = norm(p);
      if (!isDir(k)) return null;
      const prefix = k === '/' ? '/' : k + '/';
      const names = new Set<string>();
      for (const f of files.keys()) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]!);
      return [...names].sort();
    },
    mkdir: () => null,
    remove: (p) => {
      files.delete(norm(p));
      return null;
    },
  };
  return fs;
}
