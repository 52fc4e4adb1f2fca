/**
 * Runs shell lines on a world in memory: no process, no disk (files live in a Map), frozen clock.
 *   const s = memorySession();  const r = await s.run('kubectl get pods');
 *   s.files.set('/work/pod.yaml', '...');   s.advance(30_000);
 */
import type { Ctx, HostFs, RunResult } from '../../src/core/types.js';
import { runLine, type Session } from '../../src/shell/session.js';
import { newWorld } from '../../src/world/world.js';

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

export interface MemorySession {
  session: Session;
  files: Map<string, string>;
  /** Lines answered to y/N prompts, consumed in order. */
  answers: string[];
  run(line: string): Promise<RunResult>;
  /** Moves the wall clock forward (as if the learner waited). */
  advance(ms: number): void;
}

export function memorySession(opts: { seed?: number; now?: number } = {}): MemorySession {
  const files = new Map<string, string>();
  const answers: string[] = [];
  const ctx: Ctx = {
    wallNow: opts.now ?? T0,
    host: memoryFs(files),
    tty: false,
    interactive: false,
    readLine: async () => answers.shift() ?? null,
  };
  const session: Session = { world: newWorld({ seed: opts.seed ?? 42, now: ctx.wallNow }), ctx, nested: [], history: [] };
  return {
    session,
    files,
    answers,
    run: async (line) => {
      const r = await runLine(session, line);
      session.history.push({ t: ctx.wallNow, line });
      return r;
    },
    advance: (ms) => void (ctx.wallNow += ms),
  };
}

export async function runInMemory(line: string): Promise<RunResult> {
  return memorySession().run(line);
}
