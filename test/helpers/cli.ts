/**
 * Spawns the built bin (dist/, built by test/global-setup.ts) against a fresh temp state dir.
 *   const r = await cli(['-c', 'docker ps']);            // one line
 *   const r = await cli([], { input: 'docker ps\nkubectl get pods\n' });   // line mode
 * The clock is frozen (K8S_DRILL_TIME) and the seed fixed (K8S_DRILL_SEED), so output is repeatable.
 */
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/k8s-drill.js', import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface CliOptions {
  input?: string;
  stateDir?: string;
  cwd?: string;
  env?: Record<string, string>;
}

export function tempDir(prefix = 'k8s-drill-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function cli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const stateDir = opts.stateDir ?? tempDir();
  const r = await execa(process.execPath, [BIN, ...args], {
    input: opts.input ?? '',
    cwd: opts.cwd ?? stateDir,
    reject: false,
    stripFinalNewline: false,
    env: {
      K8S_DRILL_HOME: stateDir,
      K8S_DRILL_TIME: '2026-01-15T10:00:00Z',
      K8S_DRILL_SEED: '42',
      NO_COLOR: '1',
      ...opts.env,
    },
    timeout: 20_000,
  });
  if (!opts.stateDir) removeDir(stateDir);
  return { stdout: String(r.stdout), stderr: String(r.stderr), code: r.exitCode ?? -1 };
}

/** Runs one line on a world in memory (no process), for fast tests of programs. */
export { runInMemory } from './memory.js';
