/**
 * `k8s-drill practice FILE|NAME [--workspace DIR] [--restart]`: builds the scenario's world (environment, setup),
 * writes its files into the workspace (never overwriting a different existing file without asking), shows the
 * description and tasks, and runs the shell with the practice builtins and a live goal panel.
 *
 * State: the world and history live in the state record (the edge writes them); the record's `practice` field holds
 * which scenario this is (PracticeRecord); hints, solutions, resets and answers are kept in STATE_DIR/practice.json
 * by the builtins (they run inside the edge's state lock). `grade` recomputes all of it by replaying the history.
 */
import type { Command } from 'commander';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { RunResult } from '../core/types.js';
import { buildWorld } from './build.js';
import { bundledScenarioDir } from './bundled.js';
import type { ScenarioCliOptions } from './cli.js';
import { checkSync, collectRunLines, prepareRuns, scenarioGoals, settledClone } from './goals.js';
import { isPracticeRecord, type PracticeRecord } from './grade.js';
import { badFilePath, loadScenarioFile } from './load.js';
import { confinedFs } from './memfs.js';
import { displayPath, findScenarioFiles, fmtDuration } from './runner.js';
import { createRuntime, newProgress, type PracticeProgress, type PracticeRuntime } from './runtime.js';
import { formatError, type LoadedScenario, type Scenario } from './types.js';
import { renderMarkdown } from './report.js';

export const PROGRESS_FILE = 'practice.json';

export function loadProgress(stateDir: string): PracticeProgress | null {
  try {
    const p = JSON.parse(readFileSync(join(stateDir, PROGRESS_FILE), 'utf8'));
    if (p && typeof p === 'object' && typeof p.epoch === 'number') return p as PracticeProgress;
  } catch {
    // none yet
  }
  return null;
}

export function saveProgress(stateDir: string, p: PracticeProgress): void {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, PROGRESS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(p));
  renameSync(tmp, file);
}

// ---------------------------------------------------------------------------------------------------------------
// Writing the scenario's files into the workspace, safely.

export interface FilePlan {
  path: string;
  abs: string;
  content: string;
  /** 'write' a new file, 'same' already there with this content, 'differs' there with other content */
  state: 'write' | 'same' | 'differs';
}

function inside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Plans every write, refusing the whole set if any path leaves the workspace (also through symlinks). Writes nothing. */
export function planFiles(s: Scenario, workspace: string): { plans: FilePlan[]; errors: string[] } {
  const errors: string[] = [];
  const plans: FilePlan[] = [];
  let root: string;
  try {
    root = realpathSync(workspace);
  } catch {
    return { plans, errors: [`the workspace ${workspace} does not exist`] };
  }
  for (const [p, content] of Object.entries(s.files ?? {})) {
    const bad = badFilePath(p);
    if (bad) {
      errors.push(`files: ${bad}`);
      continue;
    }
    const abs = resolve(root, p);
    if (!inside(root, abs) || abs === root) {
      errors.push(`files: "${p}" resolves outside the workspace`);
      continue;
    }
    // The deepest part of the path that exists must really be inside the workspace (symlinks resolved), and the
    // file itself must not be a symlink.
    let probe = abs;
    while (!existsSync(probe) && inside(root, dirname(probe)) && probe !== root) {
      try {
        lstatSync(probe); // dangling symlink: exists as a link
        break;
      } catch {
        probe = dirname(probe);
      }
    }
    let real: string;
    try {
      const ls = lstatSync(probe);
      if (ls.isSymbolicLink() && probe === abs) {
        errors.push(`files: "${p}" is a symbolic link in the workspace: not writing through it`);
        continue;
      }
      real = realpathSync(probe);
    } catch {
      errors.push(`files: "${p}" goes through a broken symbolic link`);
      continue;
    }
    if (!inside(root, real)) {
      errors.push(`files: "${p}" leads outside the workspace through a symbolic link`);
      continue;
    }
    let state: FilePlan['state'] = 'write';
    if (existsSync(abs)) {
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        errors.push(`files: "${p}" is a folder in the workspace`);
        continue;
      }
      state = readFileSync(abs, 'utf8') === content ? 'same' : 'differs';
    }
    plans.push({ path: p, abs, content, state });
  }
  return { plans, errors };
}

/** Writes planned files; `overwrite(path)` decides for files that exist with other content. Returns the written paths. */
export async function writeFiles(plans: FilePlan[], overwrite: (p: string) => Promise<boolean>): Promise<{ written: string[]; kept: string[] }> {
  const written: string[] = [];
  const kept: string[] = [];
  for (const f of plans) {
    if (f.state === 'same') continue;
    if (f.state === 'differs' && !(await overwrite(f.path))) {
      kept.push(f.path);
      continue;
    }
    mkdirSync(dirname(f.abs), { recursive: true });
    writeFileSync(f.abs, f.content);
    written.push(f.path);
  }
  return { written, kept };
}

// ---------------------------------------------------------------------------------------------------------------

/** A scenario file, or the name of a bundled scenario. */
export async function findScenario(arg: string, cwd: string): Promise<{ file: string } | { error: string }> {
  const asPath = resolve(cwd, arg);
  if (existsSync(asPath)) return { file: asPath };
  const dir = bundledScenarioDir();
  if (!dir) return { error: `no such file: ${arg}` };
  const { files } = findScenarioFiles([dir]);
  const names: string[] = [];
  for (const f of files) {
    const r = await loadScenarioFile(f);
    if (!r.ok) continue;
    names.push(r.loaded.scenario.metadata.name);
    if (r.loaded.scenario.metadata.name === arg) return { file: f };
  }
  return { error: `no scenario file or bundled scenario named "${arg}"${names.length ? ` (run \`k8s-drill list\` to see them)` : ''}` };
}

function intro(s: Scenario, resumed: boolean, color: boolean): string {
  const m = s.metadata;
  const facts = [m.difficulty, m.timeLimit ? `time limit ${m.timeLimit}` : ''].filter(Boolean).join(', ');
  const lines: string[] = [];
  lines.push(`== ${m.title}${facts ? ` (${facts})` : ''} ==`);
  if (resumed) lines.push('(continuing where you left off: `reset` starts the scenario again)');
  lines.push('');
  if (s.description) lines.push(renderMarkdown(s.description.trimEnd(), color), '');
  lines.push('Tasks:');
  s.tasks.forEach((t, i) => {
    lines.push(`  ${i + 1}. ${t.title}${t.needs?.length ? ` (after ${t.needs.join(', ')})` : ''}`);
    if (t.description) lines.push(...renderMarkdown(t.description.trimEnd(), color).split('\n').map((l) => `     ${l}`));
  });
  lines.push('');
  lines.push('Also in this shell: tasks, hint, check, solution, reset, submit, answer TEXT.');
  lines.push('exit leaves; your work is kept (run the same practice command to continue).');
  return lines.join('\n') + '\n';
}

export interface PanelData {
  title: string;
  items: { label: string; done: boolean; indent?: number }[];
}

/** The goal panel: synchronous; `run:` goals use results computed after the previous command. */
export function makePanel(
  rt: PracticeRuntime,
  read: () => { world: any; history: any[] } | null,
  clock: () => number,
  hostFor: () => import('../core/types.js').HostFs,
  startedAt?: number,
): () => PanelData | null {
  const s = rt.loaded.scenario;
  let runs = new Map<string, RunResult>();
  const lines = collectRunLines(scenarioGoals(s));
  return () => {
    const st = read();
    if (!st) return null;
    const now = clock();
    const world = settledClone(st.world, now);
    const history = st.history.filter((h: { t: number }) => h.t >= rt.progress.epoch);
    const r = checkSync(s, world, runs, history, rt.progress.answers);
    if (lines.size) {
      void prepareRuns(world, lines, now, hostFor()).then(
        (m) => (runs = m),
        () => {},
      );
    }
    const items: PanelData['items'] = [];
    for (const t of r.tasks) {
      if (t.waitingFor.length) {
        items.push({ label: `${t.title} (after ${t.waitingFor.join(', ')})`, done: false });
        continue;
      }
      items.push({ label: t.title, done: t.passed });
      for (const g of t.goals) items.push({ label: g.description, done: g.passed, indent: 1 });
    }
    if (r.failed.length) items.push({ label: `cannot be finished any more (${r.failed.join('; ')}): type reset`, done: false });
    const limit = s.metadata.timeLimit;
    const elapsed = startedAt !== undefined ? ` · ${fmtDuration(Math.max(0, now - startedAt))}${limit ? ` of ${limit}` : ''}` : '';
    return { title: `${s.metadata.title}: ${r.score}/${r.maxScore}${elapsed}`, items };
  };
}

export async function practiceCommand(args: string[], opts: ScenarioCliOptions, cmd: Command): Promise<number> {
  cmd
    .description('Practise a scenario: its world, its tasks, and a live checklist of goals.')
    .argument('<scenario>', 'a scenario file, or the name of a bundled scenario')
    .option('--workspace <dir>', "the folder the scenario's files are written to (default: the current folder)")
    .option('--restart', 'start the scenario again even if a practice of it is in progress');
  cmd.parse(args, { from: 'user' });
  const o = cmd.opts() as { workspace?: string; restart?: boolean };
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const found = await findScenario(cmd.args[0]!, cwd);
  if ('error' in found) {
    opts.stderr.write(`k8s-drill practice: ${found.error}\n`);
    return 2;
  }
  const lr = await loadScenarioFile(found.file, displayPath(found.file, cwd));
  if (!lr.ok) {
    for (const e of lr.errors) opts.stderr.write(formatError(e) + '\n');
    return 2;
  }
  const loaded: LoadedScenario = lr.loaded;
  const s = loaded.scenario;
  const workspace = resolve(cwd, o.workspace ?? '.');
  mkdirSync(workspace, { recursive: true });
  const stateDir = opts.stateDir;

  const [{ readState, writeState, backupState, withStateLock, StoreError }, { wallClock, newSeed }, { runShellLoop }, { realHostFs }] = await Promise.all([
    import('../store/store.js'),
    import('../cli/edge.js'),
    import('../cli/shell-loop.js'),
    import('../cli/hostfs.js'),
  ]);
  const clock = wallClock(env);
  let existing;
  try {
    existing = readState(stateDir);
  } catch (e) {
    if (e instanceof StoreError) {
      opts.stderr.write(e.message + '\n');
      return 1;
    }
    throw e;
  }
  const stdin = opts.stdin ?? process.stdin;
  const interactive = !!stdin.isTTY && !!(opts.stdout as { isTTY?: boolean }).isTTY;

  let rec: PracticeRecord;
  let progress: PracticeProgress;
  const prev = existing?.practice;
  const resumed = !o.restart && isPracticeRecord(prev) && prev.name === s.metadata.name && prev.hash === loaded.hash && prev.workspace === workspace;
  if (resumed) {
    rec = prev as PracticeRecord;
    progress = loadProgress(stateDir) ?? newProgress(rec.startedAt);
  } else {
    const { plans, errors } = planFiles(s, workspace);
    if (errors.length) {
      for (const e of errors) opts.stderr.write(`k8s-drill practice: ${loaded.file}: ${e}\n`);
      opts.stderr.write('k8s-drill practice: nothing was written\n');
      return 2;
    }
    let ask: (p: string) => Promise<boolean> = async () => false;
    if (interactive) {
      ask = async (p) => {
        const { createInterface } = await import('node:readline/promises');
        const rl = createInterface({ input: stdin, output: opts.stdout as NodeJS.WritableStream });
        const a = await rl.question(`${p} already exists in ${workspace} with other content. Overwrite it with the scenario's version? [y/N] `);
        rl.close();
        return /^\s*y(es)?\s*$/i.test(a);
      };
    }
    const { kept } = await writeFiles(plans, ask);
    for (const k of kept) opts.stderr.write(`k8s-drill practice: kept your ${k} (it differs from the scenario's version)\n`);
    const now = clock();
    const seed = newSeed(env);
    const built = await buildWorld(s, { seed, now, cwd: workspace });
    for (const e of built.errors) opts.stderr.write(`k8s-drill practice: warning: ${e.path.join('.')}: ${e.message}\n`);
    rec = { kind: 'k8s-drill-practice', version: 1, file: found.file, name: s.metadata.name, title: s.metadata.title, hash: loaded.hash, seed, startedAt: now, workspace };
    try {
      if (existing) {
        const backup = backupState(stateDir, now);
        // line mode prints nothing but the commands' own output
        if (backup && interactive) opts.stderr.write(`k8s-drill practice: the previous world was moved to ${backup}\n`);
      }
      writeState(stateDir, { schemaVersion: built.world.schemaVersion, revision: 0, world: built.world, history: [], practice: rec });
    } catch (e) {
      if (e instanceof StoreError) {
        opts.stderr.write(e.message + '\n');
        return 1;
      }
      throw e;
    }
    progress = newProgress(now);
    saveProgress(stateDir, progress);
  }
  // Replays must see commands the way they ran: on a terminal or not. Kept in the state record itself, so that
  // state.json alone is enough to grade.
  const run = { t: clock(), tty: !!(opts.stdout as { isTTY?: boolean }).isTTY, interactive };
  try {
    await withStateLock(stateDir, () => {
      const cur = readState(stateDir);
      if (!cur || !isPracticeRecord(cur.practice)) return;
      (cur.practice.sessions ??= []).push(run);
      rec = cur.practice;
      writeState(stateDir, cur);
    });
  } catch (e) {
    if (e instanceof StoreError) {
      opts.stderr.write(e.message + '\n');
      return 1;
    }
    throw e;
  }
  const rt = createRuntime({
    loaded,
    seed: rec.seed,
    cwd: workspace,
    progress,
    getHistory: () => readState(stateDir)?.history ?? [],
    save: (p) => saveProgress(stateDir, p),
    color: opts.color,
    gradeHint: `k8s-drill grade ${loaded.file} --state-dir ${stateDir}`,
  });
  const panel = makePanel(
    rt,
    () => {
      try {
        return readState(stateDir);
      } catch {
        return null;
      }
    },
    clock,
    () => confinedFs(realHostFs(workspace), workspace),
    rec.startedAt,
  );
  return runShellLoop({
    stateDir,
    cwd: workspace,
    color: opts.color,
    builtins: rt.builtins,
    panel,
    banner: interactive ? intro(s, resumed, opts.color) : undefined,
    stdin,
    stdout: opts.stdout as NodeJS.WritableStream & { isTTY?: boolean },
    stderr: opts.stderr,
  });
}
