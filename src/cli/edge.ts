/**
 * The edge between the pure shell and the outside: it loads the world from the state dir, runs one logical
 * line under the state lock, records it in the history (with its time and the host input it read) and saves.
 */
import { statSync } from 'node:fs';
import type { Ctx, Program, RunResult } from '../core/types.js';
import { runLine, type Session } from '../shell/session.js';
import { SCHEMA_VERSION } from '../world/schema.js';
import { readState, stateFile, withStateLock, writeState, type StateRecord } from '../store/store.js';
import { realHostFs } from './hostfs.js';

export interface EdgeOptions {
  stateDir: string;
  cwd: string;
  tty: boolean;
  interactive: boolean;
  /** Reads a line of input for prompts (y/N); null at end of input. */
  readLine: (prompt: string) => Promise<string | null>;
  builtins?: Record<string, Program>;
  env?: NodeJS.ProcessEnv;
}

/** Wall clock for this process: frozen with K8S_DRILL_TIME (tests), else the real clock. */
export function wallClock(env: NodeJS.ProcessEnv = process.env): () => number {
  const fixed = env.K8S_DRILL_TIME;
  if (fixed) {
    const t = /^\d+$/.test(fixed) ? Number(fixed) : Date.parse(fixed);
    if (!Number.isNaN(t)) return () => t;
  }
  return () => Date.now();
}

export function newSeed(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.K8S_DRILL_SEED);
  if (Number.isInteger(s) && s > 0) return s >>> 0;
  return (Math.floor(Math.random() * 0xffffffff) >>> 0) || 1;
}

/** A new world (its code is loaded only when one is made, so a one-shot run on a saved world skips it). */
export async function freshRecord(now: number, env: NodeJS.ProcessEnv = process.env): Promise<StateRecord> {
  const { newWorld } = await import('../world/world.js');
  return { schemaVersion: SCHEMA_VERSION, revision: 0, world: newWorld({ now, seed: newSeed(env) }), history: [] };
}

export class Edge {
  readonly session: Session;
  readonly ctx: Ctx;
  private record: StateRecord | null = null;
  /** mtime+size of the state file as we last wrote or read it: unchanged means our copy is current. */
  private seen = '';
  private readonly clock: () => number;
  private reads: Record<string, string> = {};

  constructor(private readonly opts: EdgeOptions) {
    this.clock = wallClock(opts.env);
    const host = realHostFs(opts.cwd, this.reads);
    this.ctx = {
      wallNow: this.clock(),
      host,
      tty: opts.tty,
      interactive: opts.interactive,
      readLine: async (prompt) => {
        const answer = await opts.readLine(prompt);
        if (answer !== null) this.reads['-prompt'] = (this.reads['-prompt'] ?? '') + answer + '\n';
        return answer;
      },
    };
    this.session = {
      world: undefined as never,
      ctx: this.ctx,
      nested: [],
      history: [],
      builtins: opts.builtins,
    };
  }

  private fileStamp(): string {
    try {
      const s = statSync(stateFile(this.opts.stateDir));
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return 'none';
    }
  }

  /** Loads the current record (from disk only if someone else changed it). Throws StoreError. */
  async load(): Promise<StateRecord> {
    const stamp = this.fileStamp();
    if (this.record && stamp === this.seen) return this.record;
    const rec = readState(this.opts.stateDir) ?? (await freshRecord(this.clock(), this.opts.env));
    this.record = rec;
    this.seen = stamp;
    return rec;
  }

  /** The record as last loaded (read only use: prompt, completion). Call load() once first. */
  current(): StateRecord {
    if (!this.record) throw new Error('Edge.current() before load()');
    return this.record;
  }

  /** Runs one complete logical line: lock, load, run, record, save. */
  async run(text: string): Promise<RunResult> {
    return withStateLock(this.opts.stateDir, async () => {
      const rec = await this.load();
      this.session.world = rec.world;
      this.session.history = rec.history;
      this.ctx.wallNow = this.clock();
      for (const k of Object.keys(this.reads)) delete this.reads[k];
      let result: RunResult;
      try {
        result = await runLine(this.session, text);
      } catch (e) {
        // The shell turns program errors into messages; this is the last net so no stack trace ever shows.
        result = { stdout: '', stderr: `k8s-drill: internal error: ${(e as Error)?.message ?? String(e)}\n`, code: 1 };
      }
      const entry: StateRecord['history'][number] = { t: this.ctx.wallNow, line: text };
      if (Object.keys(this.reads).length) entry.reads = { ...this.reads };
      rec.world = this.session.world;
      rec.history.push(entry);
      writeState(this.opts.stateDir, rec);
      this.seen = this.fileStamp();
      return result;
    });
  }
}
