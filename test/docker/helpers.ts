/**
 * Runs docker command lines directly against the docker Program on an in-memory world (no shell in between),
 * so these tests only depend on the docker area. `d.run('docker run -d nginx')` splits like a shell (quotes).
 */
import type { IO, NestedShellTarget } from '../../src/core/types.js';
import { docker } from '../../src/docker/index.js';
import { dockerReconcilers } from '../../src/world/docker/reconcile.js';
import type { Ctx } from '../../src/core/types.js';
import { memoryFs as memFs, T0 } from '../helpers/memfs.js';
import type { World } from '../../src/world/world.js';
import { initDockerState } from '../../src/world/docker/state.js';
import { initRegistryState } from '../../src/world/runtime/registry-state.js';

/** A world with only the docker and registry slices (the cluster is someone else's, and not needed here). */
export function dockerWorld(seed: number, now: number): World {
  return {
    schemaVersion: 1,
    seed,
    rng: seed >>> 0 || 1,
    clock: { offsetMs: 0, settledAt: now, createdAt: now },
    seq: 0,
    shell: { env: {}, aliases: {} },
    docker: initDockerState(),
    registry: initRegistryState(),
    cluster: {} as World['cluster'],
  };
}

const simNow = (world: World, wall: number) => wall + world.clock.offsetMs;

/** sim.ts's advanceTo over the docker reconcilers only. */
export function advanceTo(world: World, t: number): void {
  const settle = (now: number) => {
    for (let i = 0; i < 100; i++) if (!dockerReconcilers.map((r) => r.reconcile(world, now)).some(Boolean)) return;
  };
  let now = world.clock.settledAt;
  settle(now);
  for (let i = 0; i < 10000; i++) {
    const ws = dockerReconcilers.map((r) => r.nextWake(world, now)).filter((w): w is number => w !== undefined && w > now);
    if (!ws.length) break;
    const w = Math.min(...ws);
    if (w > t) break;
    now = w;
    settle(now);
  }
  if (t > now) now = t;
  settle(now);
  world.clock.settledAt = Math.max(world.clock.settledAt, now);
}

export { T0, memoryFs as memFs } from '../helpers/memfs.js';

export interface MemorySession {
  session: { world: World; ctx: Ctx };
  files: Map<string, string>;
  answers: string[];
  advance(ms: number): void;
}

function memorySession(opts: { seed?: number }): MemorySession {
  const files = new Map<string, string>();
  const answers: string[] = [];
  const ctx: Ctx = { wallNow: T0, host: memFs(files), tty: false, interactive: false, readLine: async () => answers.shift() ?? null };
  const world = dockerWorld(opts.seed ?? 42, T0);
  return { session: { world, ctx }, files, answers, advance: (ms) => void (ctx.wallNow += ms) };
}

export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inTok = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, j);
      i = j;
      inTok = true;
    } else if (c === '"') {
      let j = i + 1;
      while (line[j] !== '"') {
        if (line[j] === '\\' && /["\\$`]/.test(line[j + 1] ?? '')) j++;
        cur += line[j];
        j++;
      }
      i = j;
      inTok = true;
    } else if (/\s/.test(c)) {
      if (inTok) out.push(cur);
      cur = '';
      inTok = false;
    } else {
      cur += c;
      inTok = true;
    }
  }
  if (inTok) out.push(cur);
  return out;
}

export interface DockerResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface DockerSession extends MemorySession {
  d(line: string, stdin?: string): Promise<DockerResult>;
  shells: NestedShellTarget[];
}

export function dockerSession(opts: { seed?: number } = {}): DockerSession {
  const m = memorySession(opts);
  const shells: NestedShellTarget[] = [];
  const d = async (line: string, stdin = ''): Promise<DockerResult> => {
    const argv = splitArgs(line);
    if (argv[0] === 'docker') argv.shift();
    const { world, ctx } = m.session;
    advanceTo(world, simNow(world, ctx.wallNow));
    let stdout = '';
    let stderr = '';
    const io: IO = {
      world,
      ctx,
      fs: ctx.host,
      stdin,
      stdinIsPipe: stdin !== '',
      env: { ...world.shell.env },
      out: (s) => void (stdout += s),
      err: (s) => void (stderr += s),
      now: () => simNow(world, ctx.wallNow),
      advance: (ms) => {
        world.clock.offsetMs += ms;
        advanceTo(world, simNow(world, ctx.wallNow));
      },
      enterShell: (t) => void shells.push(t),
      runLine: async () => 0,
    };
    const code = await docker(argv, io);
    return { stdout, stderr, code };
  };
  return Object.assign(m, { d, shells });
}
