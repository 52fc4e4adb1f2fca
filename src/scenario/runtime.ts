/**
 * The practice builtins (hint, check, tasks, solution, reset, submit, answer) over one scenario, and the progress
 * they keep. The same runtime serves the live practice shell, `test` (running solutions) and `grade` (replaying a
 * learner's history), so everything the builtins record is reproduced exactly by a replay.
 */
import type { IO, Program } from '../core/types.js';
import type { HistoryEntry } from '../shell/session.js';
import { buildWorld, replaceWorld } from './build.js';
import { checkScenario, settledClone, pickHint, prepareRuns, collectRunLines, type CheckReport } from './goals.js';
import { confinedFs } from './memfs.js';
import { formatCheckText, renderMarkdown } from './report.js';
import type { LoadedScenario, Step, Task } from './types.js';

export interface PracticeEvent {
  t: number;
  kind: 'hint' | 'solution' | 'reset' | 'answer' | 'submit';
  task?: string;
}

export interface PracticeProgress {
  /** task id -> hints shown */
  hints: Record<string, number>;
  /** task id -> indexes (in the task's hints) already shown */
  seenHints?: Record<string, number[]>;
  /** tasks whose solution was shown */
  solutions: string[];
  resets: number;
  /** task id -> the learner's last answer */
  answers: Record<string, string>;
  events: PracticeEvent[];
  submittedAt?: number;
  /** Each run of the practice shell: from when, on a terminal or not (commands like docker login behave differently). */
  sessions?: { t: number; tty: boolean; interactive: boolean }[];
  /** Wall time of the start or the last reset: earlier history does not count for `used:` goals. */
  epoch: number;
}

export function newProgress(epoch: number): PracticeProgress {
  return { hints: {}, solutions: [], resets: 0, answers: {}, events: [], epoch };
}

export interface RuntimeOptions {
  loaded: LoadedScenario;
  seed: number;
  /** the learner's workspace (absolute) */
  cwd: string;
  progress: PracticeProgress;
  /** The learner's command history so far (for `used:` goals). */
  getHistory(): HistoryEntry[];
  /** Persists progress after a builtin changed it (no-op in tests and replays). */
  save?(p: PracticeProgress): void;
  color?: boolean;
  /** How to name the grade command in `submit` output. */
  gradeHint?: string;
}

export interface PracticeRuntime extends RuntimeOptions {
  builtins: Record<string, Program>;
  /** While `test` runs a task's solution, `answer` without a task goes to this task. */
  solutionTask?: string;
  check(io: Pick<IO, 'world' | 'ctx' | 'fs'>): Promise<CheckReport>;
}

export function asksAnswer(t: Task): boolean {
  const has = (g: any): boolean => g && (g.answer !== undefined || (g.not && has(g.not)) || (g.anyOf ?? []).some(has) || (g.allOf ?? []).some(has));
  return t.goals.some(has);
}

function stepText(s: Step): string {
  return typeof s === 'string' ? s : `kubectl apply -f - <<'EOF'\n${s.apply.replace(/\n$/, '')}\nEOF`;
}

const yes = (a: string | null) => !!a && /^\s*y(es)?\s*$/i.test(a);

export function createRuntime(opts: RuntimeOptions): PracticeRuntime {
  const s = opts.loaded.scenario;
  const rt = opts as PracticeRuntime;
  const save = () => opts.save?.(opts.progress);
  const history = () => opts.getHistory().filter((h) => h.t >= opts.progress.epoch);

  // run: goals may read the learner's workspace, nothing else of their disk.
  const goalHost = (fs: IO['fs']) => confinedFs(fs, opts.cwd);
  rt.check = (io) =>
    checkScenario(s, { world: io.world, wallNow: io.ctx.wallNow, host: goalHost(io.fs), history: history(), answers: opts.progress.answers });

  const findTask = (id: string | undefined): Task | undefined => (id === undefined ? undefined : s.tasks.find((t) => t.id === id));

  /** The first task that is open (its needs pass, it does not), optionally only those matching `filter`. */
  const firstOpen = (r: CheckReport, filter: (t: Task) => boolean = () => true): Task | undefined => {
    for (const tr of r.tasks) {
      const t = findTask(tr.id)!;
      if (!tr.passed && tr.waitingFor.length === 0 && filter(t)) return t;
    }
    return undefined;
  };

  const unknownTask = (io: IO, cmd: string, id: string) => {
    io.err(`${cmd}: no task "${id}" (tasks: ${s.tasks.map((t) => t.id).join(', ')})\n`);
    return 1;
  };

  const tasks: Program = async (_argv, io) => {
    const r = await rt.check(io);
    io.out(`${s.metadata.title}: ${r.score}/${r.maxScore} points\n`);
    for (const tr of r.tasks) {
      const mark = tr.passed ? '✔' : tr.waitingFor.length ? '·' : '✘';
      const after = tr.waitingFor.length ? ` (after ${tr.waitingFor.join(', ')})` : '';
      io.out(`${mark} ${tr.id}: ${tr.title}${after}\n`);
      const d = findTask(tr.id)?.description;
      if (d) io.out(renderMarkdown(d.trimEnd(), !!opts.color).replace(/^/gm, '    ') + '\n');
    }
    return 0;
  };

  const check: Program = async (_argv, io) => {
    const r = await rt.check(io);
    io.out(formatCheckText(s, r, { color: !!opts.color }));
    if (r.failed.length) io.out(`\nThis world cannot reach the goals any more (${r.failed.join('; ')}). Type \`reset\` to start the scenario again.\n`);
    return r.passed ? 0 : 1;
  };

  const hint: Program = async (argv, io) => {
    let t = findTask(argv[0]);
    if (argv[0] !== undefined && !t) return unknownTask(io, 'hint', argv[0]);
    const world = settledClone(io.world, io.ctx.wallNow);
    const r = await rt.check(io);
    if (!t) t = firstOpen(r);
    if (!t) {
      io.out(r.passed ? 'Every task is done: nothing left to hint at. Type `submit` when you are ready.\n' : 'No open task right now.\n');
      return 0;
    }
    const shown = opts.progress.hints[t.id] ?? 0;
    const runs = await prepareRuns(world, collectRunLines((t.hints ?? []).map((h) => (typeof h === 'string' ? undefined : h.when))), io.ctx.wallNow, goalHost(io.fs));
    const seen = ((opts.progress.seenHints ??= {})[t.id] ??= []);
    const h = pickHint(t, { world, runs, history: history(), answers: opts.progress.answers }, seen);
    if (!h) {
      io.out(`No hints for task "${t.id}". Try \`check\` to see which goal is missing.\n`);
      return 0;
    }
    if (!seen.includes(h.index)) seen.push(h.index);
    opts.progress.hints[t.id] = shown + 1;
    opts.progress.events.push({ t: io.ctx.wallNow, kind: 'hint', task: t.id });
    save();
    io.out(`Hint for "${t.title}": ${renderMarkdown(h.text, !!opts.color)}\n`);
    return 0;
  };

  const solution: Program = async (argv, io) => {
    let t = findTask(argv[0]);
    if (argv[0] !== undefined && !t) return unknownTask(io, 'solution', argv[0]);
    if (!t) t = firstOpen(await rt.check(io)) ?? s.tasks[s.tasks.length - 1];
    if (!t) return 0;
    if (!t.solution?.length) {
      io.out(`Task "${t.id}" has no written solution.\n`);
      return 0;
    }
    const a = await io.ctx.readLine(`Show the solution for "${t.title}"? Your grade will record that you saw it. [y/N] `);
    if (!yes(a)) {
      io.out('Not shown.\n');
      return 0;
    }
    if (!opts.progress.solutions.includes(t.id)) opts.progress.solutions.push(t.id);
    opts.progress.events.push({ t: io.ctx.wallNow, kind: 'solution', task: t.id });
    save();
    io.out(`Solution for "${t.title}":\n${t.solution.map((l) => '  ' + stepText(l).split('\n').join('\n  ')).join('\n')}\n`);
    return 0;
  };

  const reset: Program = async (_argv, io) => {
    const a = await io.ctx.readLine("Reset the world to the scenario's start? Everything you changed is lost. [y/N] ");
    if (!yes(a)) {
      io.out('Nothing changed.\n');
      return 0;
    }
    const built = await buildWorld(s, { seed: opts.seed, now: io.ctx.wallNow, cwd: opts.cwd });
    replaceWorld(io.world, built.world);
    opts.progress.resets++;
    opts.progress.answers = {};
    opts.progress.epoch = io.ctx.wallNow;
    opts.progress.events.push({ t: io.ctx.wallNow, kind: 'reset' });
    save();
    io.out(`The world is back at the start of "${s.metadata.title}".\n`);
    return 0;
  };

  const submit: Program = async (_argv, io) => {
    const r = await rt.check(io);
    opts.progress.submittedAt = io.ctx.wallNow;
    opts.progress.events.push({ t: io.ctx.wallNow, kind: 'submit' });
    save();
    io.out(formatCheckText(s, r, { color: !!opts.color }));
    io.out(`\nSubmitted.${opts.gradeHint ? ` Your instructor can grade it with: ${opts.gradeHint}` : ''}\n`);
    return 0;
  };

  const answer: Program = async (argv, io) => {
    let t: Task | undefined;
    let words = argv;
    const named = findTask(argv[0]);
    if (named && argv.length > 1 && asksAnswer(named)) {
      t = named;
      words = argv.slice(1);
    }
    if (!words.length || !words.join(' ').trim()) {
      io.err('usage: answer [TASK] TEXT\n');
      return 2;
    }
    if (!t && rt.solutionTask) {
      const st = findTask(rt.solutionTask);
      if (st && asksAnswer(st)) t = st;
    }
    if (!t) {
      const r = await rt.check(io);
      t = firstOpen(r, asksAnswer) ?? s.tasks.find((x) => asksAnswer(x) && opts.progress.answers[x.id] === undefined) ?? [...s.tasks].reverse().find(asksAnswer);
    }
    if (!t) {
      io.err('answer: no task in this scenario asks a question\n');
      return 1;
    }
    const text = words.join(' ');
    opts.progress.answers[t.id] = text;
    opts.progress.events.push({ t: io.ctx.wallNow, kind: 'answer', task: t.id });
    save();
    io.out(`Answer recorded for "${t.title}".\n`);
    return 0;
  };

  rt.builtins = { tasks, check, hint, solution, reset, submit, answer };
  return rt;
}
