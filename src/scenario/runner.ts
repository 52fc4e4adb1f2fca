/**
 * `k8s-drill test`: CI for scenario packs, in process. For each scenario file:
 *   1. it is valid (errors name file:line:column);
 *   2. its goals do NOT all hold right after setup (nor after 10 simulated minutes of doing nothing);
 *   3. after running every task's solution (simulated time advanced in steps, up to 10 minutes, until the goals
 *      converge), all goals hold.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Session } from '../shell/session.js';
import { buildWorld, runSteps, scenarioFiles } from './build.js';
import { checkScenario, taskOrder, type CheckReport } from './goals.js';
import { loadScenarioFile } from './load.js';
import { memoryFs } from './memfs.js';
import { createRuntime, newProgress } from './runtime.js';
import type { DocPath, LoadedScenario, ScenarioError } from './types.js';
import { formatPath } from './types.js';

export const TEST_T0 = Date.parse('2026-01-15T10:00:00Z');
export const TEST_SEED = 42;
export const TEST_WORKSPACE = '/home/learner/workspace';
/** Simulated time waited (after the last solution line) before each check, until all goals hold. */
export const CONVERGE_MS = [0, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
/** The learner "reads the task" for this long after setup before the first solution line. */
const THINK_MS = 30_000;
/** Wall time between two solution lines. */
const LINE_MS = 2_000;

export interface ScenarioTestResult {
  file: string;
  name?: string;
  passed: boolean;
  errors: ScenarioError[];
  /** The check after the solutions (absent when the file is invalid). */
  report?: CheckReport;
  ms: number;
}

export function fmtDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  return `${Math.floor(m / 60)}h${m % 60 ? `${m % 60}m` : ''}`;
}

/** Scenario files under the given paths: folders are searched (recursively) for *.yaml / *.yml. */
export function findScenarioFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 20) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (n.startsWith('.') || n === 'node_modules') continue;
      const p = join(dir, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p, depth + 1);
      else if (/\.ya?ml$/.test(n)) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, 0);
    else files.push(p);
  }
  return { files, missing };
}

export interface TestOptions {
  seed?: number;
  now?: number;
}

/** Tests one loaded scenario. */
export async function testLoaded(loaded: LoadedScenario, opts: TestOptions = {}): Promise<ScenarioTestResult> {
  const t0 = performance.now();
  const s = loaded.scenario;
  const seed = opts.seed ?? TEST_SEED;
  const now = opts.now ?? TEST_T0;
  const errors: ScenarioError[] = [];
  const at = (path: DocPath, message: string) => errors.push({ file: loaded.file, ...loaded.posOf(path), where: formatPath(path), message });
  const done = (report?: CheckReport): ScenarioTestResult => ({
    file: loaded.file,
    name: s.metadata.name,
    passed: errors.length === 0,
    errors,
    report,
    ms: performance.now() - t0,
  });

  const built = await buildWorld(s, { seed, now, cwd: TEST_WORKSPACE });
  for (const e of built.errors) at(e.path, `setup: ${e.message}`);
  if (errors.length) return done();

  // 2. Nothing to do right after setup?
  const host0 = memoryFs(scenarioFiles(s, TEST_WORKSPACE), TEST_WORKSPACE);
  for (const wait of [0, 600_000]) {
    const r = await checkScenario(s, { world: built.world, wallNow: now + wait, host: host0, history: [], answers: {} });
    if (r.passed) {
      at(['tasks'], `every goal already holds right after setup${wait ? ` (after ${fmtDuration(wait)} of doing nothing)` : ''}: the learner has nothing to do`);
      break;
    }
    if (r.failed.length && wait === 0) at(['failWhen'], `failWhen already holds right after setup: ${r.failed.join('; ')}`);
  }

  // 3. Run the solutions.
  const host = memoryFs(scenarioFiles(s, TEST_WORKSPACE), TEST_WORKSPACE);
  const session: Session = {
    world: built.world,
    ctx: { wallNow: now + THINK_MS, host, tty: false, interactive: false, readLine: async () => 'y' },
    nested: [],
    history: [],
  };
  const rt = createRuntime({
    loaded,
    seed,
    cwd: TEST_WORKSPACE,
    progress: newProgress(now),
    getHistory: () => session.history,
  });
  session.builtins = rt.builtins;
  for (const t of taskOrder(s.tasks)) {
    const ti = s.tasks.indexOf(t);
    rt.solutionTask = t.id;
    const r = await runSteps(session, t.solution ?? [], ['tasks', ti, 'solution'], {
      record: session.history,
      tick: () => void (session.ctx.wallNow += LINE_MS),
    });
    for (const e of r.errors) at(e.path, `solution: ${e.message}`);
  }
  rt.solutionTask = undefined;

  // 4. Converge: wait in simulated time until every goal holds.
  const end = session.ctx.wallNow;
  let report: CheckReport | undefined;
  let waited = 0;
  for (const wait of CONVERGE_MS) {
    waited = wait;
    report = await checkScenario(s, { world: session.world, wallNow: end + wait, host, history: session.history, answers: rt.progress.answers });
    if (report.passed) break;
  }
  if (report && !report.passed) {
    const after = `after the solutions and ${fmtDuration(waited)} of simulated time`;
    report.tasks.forEach((tr, ti) => {
      if (tr.passed) return;
      if (tr.waitingFor.length) return at(['tasks', ti], `${after}, task "${tr.id}" is still waiting for ${tr.waitingFor.join(', ')}`);
      tr.goals.forEach((g, gi) => {
        if (!g.passed) at(['tasks', ti, 'goals', gi], `${after}, this goal fails: ${g.reason}`);
      });
    });
  }
  if (report?.failed.length) at(['failWhen'], `failWhen holds after the solutions: ${report.failed.join('; ')}`);
  return done(report);
}

/** Tests files; `seen` tracks metadata.name across a pack (duplicates are refused). */
export async function testFile(file: string, display: string, seen?: Map<string, string>, opts: TestOptions = {}): Promise<ScenarioTestResult> {
  const t0 = performance.now();
  const r = await loadScenarioFile(file, display);
  if (!r.ok) return { file: display, passed: false, errors: r.errors, ms: performance.now() - t0 };
  const name = r.loaded.scenario.metadata.name;
  if (seen) {
    const prev = seen.get(name);
    if (prev !== undefined) {
      const p = r.loaded.posOf(['metadata', 'name']);
      return {
        file: display,
        name,
        passed: false,
        errors: [{ file: display, ...p, where: 'metadata.name', message: `the name "${name}" is already used by ${prev}: names must be unique in a pack` }],
        ms: performance.now() - t0,
      };
    }
    seen.set(name, display);
  }
  try {
    return await testLoaded(r.loaded, opts);
  } catch (e) {
    return { file: display, name, passed: false, errors: [{ file: display, line: 1, col: 1, where: '', message: `internal error while testing: ${(e as Error)?.stack ?? String(e)}` }], ms: performance.now() - t0 };
  }
}

export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
