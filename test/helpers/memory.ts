/**
 * Runs shell lines on a world in memory: no process, no disk (files live in a Map), frozen clock.
 *   const s = memorySession();  const r = await s.run('kubectl get pods');
 *   s.files.set('/work/pod.yaml', '...');   s.advance(30_000);
 */
import type { Ctx, RunResult } from '../../src/core/types.js';
import { memoryFs, T0 } from './memfs.js';
import { runLine, type Session } from '../../src/shell/session.js';
import { newWorld } from '../../src/world/world.js';

export { T0, memoryFs };

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
