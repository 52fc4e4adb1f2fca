/**
 * `k8s-drill grade FILE [--state-dir DIR] [--format text|json|junit]`: replays the learner's recorded history on a
 * fresh world built from the same scenario (same seed, same times, host reads from the recording), checks that
 * the saved world is what those commands produce, and grades the replay.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { HistoryEntry, Session } from '../shell/session.js';
import { runLine } from '../shell/session.js';
import type { World } from '../world/world.js';
import { buildWorld, replaceWorld } from './build.js';
import type { ScenarioCliOptions } from './cli.js';
import { checkScenario, type CheckReport } from './goals.js';
import { loadScenarioFile } from './load.js';
import { memoryFs } from './memfs.js';
import { formatCheckText, junitXml, percent, reportJson, suiteFromReport } from './report.js';
import { CONVERGE_MS, fmtDuration } from './runner.js';
import { createRuntime, newProgress, type PracticeProgress } from './runtime.js';
import { formatError, type LoadedScenario } from './types.js';

/** What practice keeps in the state record's `practice` field. */
export interface PracticeRecord {
  kind: 'k8s-drill-practice';
  version: 1;
  /** absolute path of the scenario file */
  file: string;
  name: string;
  title: string;
  /** sha256 of the scenario source */
  hash: string;
  seed: number;
  /** wall time the world was built (ms) */
  startedAt: number;
  /** the learner's workspace (absolute) */
  workspace: string;
  /** Each run of the practice shell: from when, on a terminal or not (docker login, -it behave differently). */
  sessions?: { t: number; tty: boolean; interactive: boolean }[];
}

export function isPracticeRecord(p: unknown): p is PracticeRecord {
  const r = p as PracticeRecord;
  return !!r && typeof r === 'object' && r.kind === 'k8s-drill-practice' && typeof r.seed === 'number' && typeof r.startedAt === 'number';
}

export interface Replay {
  world: World;
  progress: PracticeProgress;
  history: HistoryEntry[];
  setupErrors: string[];
  /** The learner's files as the recorded commands read them (what `run:` goals may read when grading). */
  files: Map<string, string>;
}

/** Replays a practice session's history on a fresh world from the scenario. Deterministic. */
export async function replayPractice(
  loaded: LoadedScenario,
  rec: PracticeRecord,
  history: HistoryEntry[],
  sessions: { t: number; tty: boolean; interactive: boolean }[] = [],
): Promise<Replay> {
  const s = loaded.scenario;
  const built = await buildWorld(s, { seed: rec.seed, now: rec.startedAt, cwd: rec.workspace });
  const files = new Map<string, string>();
  const host = memoryFs(files, rec.workspace);
  let prompts: string[] = [];
  const session: Session = {
    world: built.world,
    ctx: {
      wallNow: rec.startedAt,
      host,
      tty: false,
      interactive: false,
      readLine: async () => (prompts.length ? prompts.shift()! : null),
    },
    nested: [],
    history: [],
  };
  const rt = createRuntime({ loaded, seed: rec.seed, cwd: rec.workspace, progress: newProgress(rec.startedAt), getHistory: () => session.history });
  session.builtins = rt.builtins;
  const ctx = session.ctx as { tty: boolean; interactive: boolean };
  // The live shell read the world from state.json when each practice run started: do the same JSON round trip
  // at the same points, so that anything JSON does not keep (NaN, undefined) behaves as it did live.
  const roundTrip = () => replaceWorld(session.world, JSON.parse(JSON.stringify(session.world)));
  roundTrip();
  let lastRun: unknown = sessions.length ? undefined : null;
  for (const entry of history) {
    session.ctx.wallNow = entry.t;
    const run = [...sessions].reverse().find((x) => x.t <= entry.t);
    if (lastRun !== undefined && run !== lastRun) roundTrip();
    lastRun = run;
    ctx.tty = run?.tty ?? false;
    ctx.interactive = run?.interactive ?? false;
    prompts = [];
    for (const [k, v] of Object.entries(entry.reads ?? {})) {
      if (k === '-prompt') prompts = v.replace(/\n$/, '').split('\n');
      else if (!k.startsWith('-')) files.set(host.resolve(k), v);
    }
    try {
      await runLine(session, entry.line);
    } catch {
      // the live shell printed an internal error for this line too; the world is what the program left
    }
    session.history.push(entry);
  }
  return { world: session.world, progress: rt.progress, history: session.history, setupErrors: built.errors.map((e) => e.message), files };
}

/** JSON with sorted keys: equal worlds give equal text. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) o[k] = (x as Record<string, unknown>)[k];
      return o;
    }
    return x;
  });
}

/** The first path where two JSON values differ. */
export function firstDifference(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown } | null {
  if (a === b) return null;
  const ta = Array.isArray(a) ? 'array' : a === null ? 'null' : typeof a;
  const tb = Array.isArray(b) ? 'array' : b === null ? 'null' : typeof b;
  if (ta !== tb || (ta !== 'object' && ta !== 'array')) return { path: path || '(root)', a, b };
  if (ta === 'array') {
    const xa = a as unknown[];
    const xb = b as unknown[];
    for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
      const d = firstDifference(xa[i], xb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(oa), ...Object.keys(ob)])].sort()) {
    const seg = /^[A-Za-z_$][\w$]*$/.test(k) ? (path ? `${path}.${k}` : k) : `${path}[${JSON.stringify(k)}]`;
    const d = firstDifference(oa[k], ob[k], seg);
    if (d) return d;
  }
  return null;
}

function short(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 59) + '…' : s;
}

export interface GradeResult {
  report: CheckReport;
  replayMatches: boolean;
  difference?: string;
  timeTakenMs: number;
  submitted: boolean;
  progress: PracticeProgress;
  commands: number;
  scenarioChanged: boolean;
}

export async function gradeState(
  loaded: LoadedScenario,
  rec: PracticeRecord,
  savedWorld: World,
  history: HistoryEntry[],
  sessions: { t: number; tty: boolean; interactive: boolean }[] = [],
): Promise<GradeResult> {
  const r = await replayPractice(loaded, rec, history, sessions);
  // The saved world went through JSON (NaN -> null, undefined dropped): compare like with like.
  const replayed = JSON.parse(JSON.stringify(r.world));
  const saved = JSON.parse(JSON.stringify(savedWorld));
  const matches = canonical(saved) === canonical(replayed);
  let difference: string | undefined;
  if (!matches) {
    const d = firstDifference(saved, replayed);
    difference = d ? `${d.path}: saved ${short(d.a)}, replay ${short(d.b)}` : 'the key order differs';
  }
  const last = history.length ? history[history.length - 1]!.t : rec.startedAt;
  const end = r.progress.submittedAt ?? last;
  let report: CheckReport | undefined;
  const host = memoryFs(r.files, rec.workspace);
  const practiced = r.history.filter((h) => h.t >= r.progress.epoch);
  for (const wait of CONVERGE_MS) {
    const rep = await checkScenario(loaded.scenario, { world: r.world, wallNow: end + wait, host, history: practiced, answers: r.progress.answers });
    if (!report || rep.score >= report.score) report = rep;
    if (rep.passed) break;
  }
  return {
    report: report!,
    replayMatches: matches,
    difference,
    timeTakenMs: Math.max(0, end - rec.startedAt),
    submitted: r.progress.submittedAt !== undefined,
    progress: r.progress,
    commands: history.length,
    scenarioChanged: loaded.hash !== rec.hash,
  };
}

export function parseDuration(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(s);
  if (!m) return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

export async function gradeCommand(args: string[], opts: ScenarioCliOptions, cmd: Command): Promise<number> {
  cmd
    .description("Grade a learner's practice against a scenario (replays the recorded history).")
    .argument('<scenario>', 'a scenario file, or the name of a bundled scenario')
    .option('--state-dir <dir>', "the learner's state folder")
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'));
  cmd.parse(args, { from: 'user' });
  const o = cmd.opts() as { stateDir?: string; format: 'text' | 'json' | 'junit' };
  const { resolve } = await import('node:path');
  const cwd = opts.cwd ?? process.cwd();
  const stateDir = o.stateDir ? resolve(cwd, o.stateDir) : opts.stateDir;
  // A file, or a bundled scenario's name (as `practice` takes it).
  const { findScenario } = await import('./practice.js');
  const found = await findScenario(cmd.args[0]!, cwd);
  const file = 'file' in found ? found.file : resolve(cwd, cmd.args[0]!);
  const loadedR = await loadScenarioFile(file, cmd.args[0]!);
  if (!loadedR.ok) {
    for (const e of loadedR.errors) opts.stderr.write(formatError(e) + '\n');
    return 2;
  }
  const loaded = loadedR.loaded;
  const { readState, StoreError } = await import('../store/store.js');
  let state;
  try {
    state = readState(stateDir);
  } catch (e) {
    if (e instanceof StoreError) {
      opts.stderr.write(e.message + '\n');
      return 2;
    }
    throw e;
  }
  if (!state) {
    opts.stderr.write(`k8s-drill grade: no practice found in ${stateDir} (start one with: k8s-drill practice ${cmd.args[0]})\n`);
    return 2;
  }
  if (!isPracticeRecord(state.practice)) {
    opts.stderr.write(`k8s-drill grade: the state in ${stateDir} is not a practice session (it was not started with k8s-drill practice)\n`);
    return 2;
  }
  const rec = state.practice;
  if (rec.name !== loaded.scenario.metadata.name) {
    opts.stderr.write(`k8s-drill grade: the state in ${stateDir} is a practice of "${rec.name}", not of "${loaded.scenario.metadata.name}"\n`);
    return 2;
  }
  const { loadProgress } = await import('./practice.js');
  const g = await gradeState(loaded, rec, state.world, state.history, rec.sessions ?? loadProgress(stateDir)?.sessions ?? []);
  const s = loaded.scenario;
  const limit = parseDuration(s.metadata.timeLimit);
  const hintsUsed = Object.values(g.progress.hints).reduce((a, b) => a + b, 0);
  if (o.format === 'json') {
    const out = {
      ...reportJson(g.report),
      file: loaded.file,
      percent: percent(g.report.score, g.report.maxScore),
      timeTakenMs: g.timeTakenMs,
      timeLimitMs: limit ?? null,
      submitted: g.submitted,
      hintsUsed,
      hints: g.progress.hints,
      solutionsSeen: g.progress.solutions,
      resets: g.progress.resets,
      commands: g.commands,
      replay: { matches: g.replayMatches, difference: g.difference ?? null },
      scenarioChanged: g.scenarioChanged,
      unrecoverable: g.report.failed,
    };
    opts.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else if (o.format === 'junit') {
    const extra = g.replayMatches ? [] : [`the saved world differs from a replay of its history (${g.difference})`];
    const suite = suiteFromReport(g.report, loaded.file, extra);
    suite.timeSec = g.timeTakenMs / 1000;
    opts.stdout.write(junitXml([suite], 'k8s-drill grade'));
  } else {
    const w = (l: string) => void opts.stdout.write(l + '\n');
    w(`Grade: ${s.metadata.title} (${s.metadata.name})`);
    if (g.scenarioChanged) w('Note: the scenario file changed since this practice started; grading against the current file.');
    if (g.replayMatches) w(`Replay: the saved world is exactly what the ${g.commands} recorded command${g.commands === 1 ? '' : 's'} produce.`);
    else {
      w('WARNING: the saved world differs from a replay of its recorded history.');
      w(`  first difference at ${g.difference}`);
      w('  The state file was edited by hand, or k8s-drill has a bug. The grade below is for the replayed world.');
    }
    w('');
    opts.stdout.write(formatCheckText(s, g.report, { color: opts.color }));
    w('');
    w(`Score: ${g.report.score}/${g.report.maxScore} (${percent(g.report.score, g.report.maxScore)}%)`);
    const within = limit === undefined ? '' : g.timeTakenMs <= limit ? ` (limit ${s.metadata.timeLimit}: within)` : ` (limit ${s.metadata.timeLimit}: OVER)`;
    w(`Time taken: ${fmtDuration(g.timeTakenMs)}${within}${g.submitted ? '' : ' (not submitted: up to the last command)'}`);
    const per = Object.entries(g.progress.hints).map(([t, n]) => `${t}: ${n}`).join(', ');
    w(`Hints used: ${hintsUsed}${per ? ` (${per})` : ''}`);
    w(`Solutions seen: ${g.progress.solutions.length ? g.progress.solutions.join(', ') : 'none'}`);
    w(`Resets: ${g.progress.resets}`);
    if (g.report.failed.length) w(`Unrecoverable state: ${g.report.failed.join('; ')}`);
  }
  return g.report.passed ? 0 : 1;
}
