/**
 * Persistence of the world: one JSON state record in STATE_DIR/state.json, kept with lowdb.
 *
 * - Atomic: lowdb's file adapter writes a temp file and renames it over the old one.
 * - No lost updates: every read-run-write cycle holds an exclusive lock (STATE_DIR/state.lock, created with
 *   mkdir, which is atomic), so two shells on one state dir take turns line by line.
 * - Never overwrites what it cannot read: a corrupt, unreadable or newer-version file raises StoreError with a
 *   message naming the file, and the file is left exactly as it was.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LowSync, type SyncAdapter } from 'lowdb';
import type { HistoryEntry } from '../shell/session.js';
import type { World } from '../world/world.js';
import { SCHEMA_VERSION } from '../world/schema.js';

export interface StateRecord {
  schemaVersion: number;
  /** Bumped by every write. */
  revision: number;
  world: World;
  history: HistoryEntry[];
  /** Owned by the scenario runner (which scenario, hints and solutions used ...). */
  practice?: unknown;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

export const STATE_FILE = 'state.json';
const LOCK_DIR = 'state.lock';

export function stateFile(dir: string): string {
  return join(dir, STATE_FILE);
}

function parseRecord(file: string, text: string): StateRecord {
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new StoreError(`k8s-drill: the state file ${file} is corrupt (${(e as Error).message}); it was left as it is. Move it away or run 'k8s-drill reset' to start a fresh world.`);
  }
  if (!data || typeof data !== 'object' || typeof data.schemaVersion !== 'number' || !data.world || typeof data.world !== 'object') {
    throw new StoreError(`k8s-drill: the state file ${file} is not a k8s-drill state (no schemaVersion or world); it was left as it is. Move it away or run 'k8s-drill reset' to start a fresh world.`);
  }
  if (data.schemaVersion > SCHEMA_VERSION) {
    throw new StoreError(`k8s-drill: the state file ${file} was written by a newer k8s-drill (schema ${data.schemaVersion}, this one reads up to ${SCHEMA_VERSION}); it was left as it is. Upgrade k8s-drill, or use another --state-dir.`);
  }
  if (!Array.isArray(data.history)) data.history = [];
  if (typeof data.revision !== 'number') data.revision = 0;
  return data as StateRecord;
}

/**
 * lowdb's file adapter, kept synchronous and free of streams (lowdb/node's adapters load fs/promises and steno,
 * which a one-shot start should not pay for): read the file, write a temp file and rename it over the old one.
 */
class StateFileAdapter implements SyncAdapter<StateRecord | null> {
  constructor(private readonly file: string) {}

  read(): StateRecord | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return parseRecord(this.file, text);
  }

  write(data: StateRecord | null): void {
    const tmp = join(dirname(this.file), `.${basename(this.file)}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, this.file);
  }
}

function db(dir: string): LowSync<StateRecord | null> {
  return new LowSync<StateRecord | null>(new StateFileAdapter(stateFile(dir)), null);
}

/** The stored record, or null when there is none yet. Throws StoreError when the file cannot be used. */
export function readState(dir: string): StateRecord | null {
  const file = stateFile(dir);
  try {
    const d = db(dir);
    d.read();
    return d.data;
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(`k8s-drill: cannot read the state file ${file}: ${(e as Error).message}`);
  }
}

/** Writes the record atomically (temp file + rename), bumping its revision. */
export function writeState(dir: string, rec: StateRecord): void {
  mkdirSync(dir, { recursive: true });
  rec.revision = (rec.revision ?? 0) + 1;
  const d = db(dir);
  d.data = rec;
  try {
    d.write();
  } catch (e) {
    throw new StoreError(`k8s-drill: cannot write the state file ${stateFile(dir)}: ${(e as Error).message}`);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock older than this, or held by a dead process, is taken over. */
const STALE_MS = 30_000;
const WAIT_MS = 60_000;

function acquireLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, LOCK_DIR);
  const start = Date.now();
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'owner'), String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError(`k8s-drill: cannot lock the state in ${dir}: ${(e as Error).message}`);
      }
    }
    // Someone holds it: is it stale?
    try {
      const owner = Number(readFileSync(join(lock, 'owner'), 'utf8'));
      const age = Date.now() - statSync(lock).mtimeMs;
      if ((owner && owner !== process.pid && !pidAlive(owner)) || age > STALE_MS) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
    } catch {
      // owner file not written yet, or the lock just went away: retry
    }
    if (Date.now() - start > WAIT_MS) {
      throw new StoreError(`k8s-drill: the state in ${dir} is locked by another k8s-drill (${lock}); try again, or remove that folder if no other k8s-drill is running.`);
    }
    sleepSync(Math.min(2 + i, 20));
  }
}

/** Runs fn while holding the state dir's exclusive lock. */
export async function withStateLock<T>(dir: string, fn: () => Promise<T> | T): Promise<T> {
  const release = acquireLock(dir);
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Moves the current state aside (state.json -> state.<time>.bak.json) and returns the backup's path. */
export function backupState(dir: string, nowMs: number): string | null {
  const file = stateFile(dir);
  if (!existsSync(file)) return null;
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  const backup = join(dir, `state.${stamp}.bak.json`);
  renameSync(file, backup);
  return backup;
}
