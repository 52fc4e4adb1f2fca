/**
 * Runs kubectl / minikube argv arrays directly on an in-memory world (no shell parsing), so tests can pass
 * arguments with spaces exactly as a real shell would after quote removal.
 */
import type { IO, NestedShellTarget } from '../../src/core/types.js';
import type { Ctx } from '../../src/core/types.js';
import { memoryFs, T0 } from '../helpers/memfs.js';
import { advanceTo, simNow } from '../../src/world/sim.js';
import { newWorld, type World } from '../../src/world/world.js';

export { T0 };
/** In-memory files (test/helpers/memfs.ts). */
export const filesFs = memoryFs;

export interface MemorySession {
  world: World;
  ctx: Ctx;
  files: Map<string, string>;
  /** Moves the wall clock forward (as if the learner waited). */
  advance(ms: number): void;
}

export interface Out {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Harness extends MemorySession {
  kubectl(args: string[], stdin?: string): Promise<Out>;
  minikube(args: string[]): Promise<Out>;
  shells: NestedShellTarget[];
}

/** bare: a world without a bootstrapped cluster (client-side commands only need the kubeconfig). */
function makeWorld(seed: number, bare: boolean): World {
  if (!bare) return newWorld({ seed, now: T0 });
  return {
    schemaVersion: 1, seed, rng: seed, clock: { offsetMs: 0, settledAt: T0, createdAt: T0 }, seq: 0,
    shell: { env: {}, aliases: {} },
    cluster: { status: 'Running', objects: {}, resourceVersion: 1, kubeconfig: { currentContext: 'minikube', contexts: { minikube: { cluster: 'minikube', user: 'minikube', namespace: 'default' } } }, sim: {} },
  } as unknown as World;
}

export function harness(opts: { seed?: number; files?: Record<string, string>; bare?: boolean } = {}): Harness {
  const files = new Map<string, string>(Object.entries(opts.files ?? {}));
  const ctx: Ctx = { wallNow: T0, host: filesFs(files), tty: false, interactive: false, readLine: async () => null };
  const s: MemorySession = { world: makeWorld(opts.seed ?? 42, !!opts.bare), ctx, files, advance: (ms) => void (ctx.wallNow += ms) };
  const shells: NestedShellTarget[] = [];
  const runProg = async (load: () => Promise<(argv: string[], io: IO) => number | Promise<number>>, args: string[], stdin = '') => {
    const { world, ctx } = s;
    if (!opts.bare) advanceTo(world, simNow(world, ctx.wallNow));
    let stdout = '';
    let stderr = '';
    const io: IO = {
      world,
      ctx,
      fs: ctx.host,
      stdin,
      stdinIsPipe: stdin !== '',
      env: { HOME: '/root', ...world.shell.env },
      out: (t) => void (stdout += t),
      err: (t) => void (stderr += t),
      now: () => simNow(world, ctx.wallNow),
      advance: (ms) => {
        world.clock.offsetMs += ms;
        advanceTo(world, simNow(world, ctx.wallNow));
      },
      enterShell: (t) => void shells.push(t),
      runLine: async () => 0,
    };
    const prog = await load();
    const code = await prog(args, io);
    return { stdout, stderr, code };
  };
  return Object.assign(s, {
    shells,
    kubectl: (args: string[], stdin?: string) => runProg(() => import('../../src/kubectl/index.js').then((m) => m.kubectl), args, stdin),
    minikube: (args: string[]) => runProg(() => import('../../src/kubectl/minikube.js').then((m) => m.minikube), args),
  });
}
