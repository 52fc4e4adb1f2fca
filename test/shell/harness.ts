/**
 * Runs shell text with the interpreter directly (no cluster, no docker): a fake world with just a clock, files
 * in a Map, coreutils plus any extra programs. Keeps the shell's tests independent of the simulators.
 */
import type { Ctx, Program } from '../../src/core/types.js';
import { runScript, type ScriptEnv } from '../../src/shell/interpreter.js';
import { coreutils } from '../../src/shell/coreutils.js';
import { memoryFs, T0 } from '../helpers/memory.js';
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

export function harness(opts: { extra?: Record<string, Program>; host?: boolean; files?: Record<string, string> } = {}): Harness {
  const files = new Map<string, string>(Object.entries(opts.files ?? {}));
  const world = fakeWorld();
  const ctx: Ctx = { wallNow: T0, host: memoryFs(files), tty: false, interactive: false, readLine: async () => null };
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
