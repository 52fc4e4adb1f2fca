/**
 * Runs shell text with the interpreter directly (no cluster, no docker): a fake world with just a clock, files
 * in a Map, coreutils plus any extra programs. Keeps the shell's tests independent of the simulators.
 */
import type { Ctx, HostFs, Program } from '../../src/core/types.js';
import { runScript, type ScriptEnv } from '../../src/shell/interpreter.js';
import { coreutils } from '../../src/shell/coreutils.js';
import { T0 } from '../helpers/memory.js';
import type { World } from '../../src/world/world.js';

export interface Harness {
  files: Map<string, string>;
  env: ScriptEnv;
  world: World;
  run(text: string, stdin?: string): Promise<{ out: string; err: string; code: number; exit?: boolean }>;
}

export function fakeWorld(): World {
  return {
    schemaVersion: 1,
    seed: 42,
    rng: 42,
    clock: { offsetMs: 0, settledAt: T0, createdAt: T0 },
    seq: 0,
    shell: { env: {}, aliases: { k: 'kubectl' } },
    docker: {} as World['docker'],
    registry: {} as World['registry'],
    cluster: {} as World['cluster'],
  };
}

/** Files in a Map plus explicit folders (mkdir, rm -r work like a real disk). cwd /work. */
export function dirFs(files: Map<string, string>, cwd = '/work'): HostFs {
  const dirs = new Set<string>(['/', '/work']);
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
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
  const isDir = (p: string) => dirs.has(p) || [...files.keys()].some((k) => k.startsWith(p === '/' ? '/' : p + '/'));
  const fs: HostFs = {
    cwd,
    resolve: norm,
    readFile: (p) => files.get(norm(p)) ?? null,
    writeFile: (p, content, append) => {
      const k = norm(p);
      if (isDir(k)) return 'Is a directory';
      for (let d = parent(k); d !== '/'; d = parent(d)) dirs.add(d);
      files.set(k, append ? (files.get(k) ?? '') + content : content);
      return null;
    },
    stat: (p) => {
      const k = norm(p);
      if (files.has(k)) return { type: 'file', size: new TextEncoder().encode(files.get(k)!).length, mtimeMs: T0 };
      return isDir(k) ? { type: 'dir', size: 4096, mtimeMs: T0 } : null;
    },
    readdir: (p) => {
      const k = norm(p);
      if (!isDir(k)) return null;
      const prefix = k === '/' ? '/' : k + '/';
      const names = new Set<string>();
      for (const f of [...files.keys(), ...dirs]) if (f.startsWith(prefix) && f.length > prefix.length) names.add(f.slice(prefix.length).split('/')[0]!);
      return [...names].sort();
    },
    mkdir: (p, parents) => {
      const k = norm(p);
      if (!parents && !isDir(parent(k))) return 'No such file or directory';
      for (let d = k; d !== '/'; d = parent(d)) dirs.add(d);
      return null;
    },
    remove: (p, recursive) => {
      const k = norm(p);
      if (files.delete(k)) return null;
      if (!recursive) return 'Is a directory';
      for (const f of [...files.keys()]) if (f.startsWith(k + '/')) files.delete(f);
      for (const d of [...dirs]) if (d === k || d.startsWith(k + '/')) dirs.delete(d);
      return null;
    },
  };
  return fs;
}

export function harness(opts: { extra?: Record<string, Program>; host?: boolean; files?: Record<string, string> } = {}): Harness {
  const files = new Map<string, string>(Object.entries(opts.files ?? {}));
  const world = fakeWorld();
  const ctx: Ctx = { wallNow: T0, host: dirFs(files), tty: false, interactive: false, readLine: async () => null };
  const extra = opts.extra ?? {};
  const env: ScriptEnv = {
    world,
    ctx,
    fs: ctx.host,
    vars: { HOME: '/work' },
    host: opts.host ?? false,
    lookup: (n) => extra[n] ?? coreutils[n],
  };
  // io.advance settles the world through sim.advanceTo; the fake world has nothing to settle, so keep the clock only.
  return {
    files,
    env,
    world,
    async run(text, stdin) {
      let out = '';
      let err = '';
      const r = await runScript(text, env, { stdin, out: (s) => void (out += s), err: (s) => void (err += s) });
      return { out, err, code: r.code, exit: r.exit };
    },
  };
}
