/**
 * Goal checking. Goals are evaluated on a settled CLONE of the learner's world, so checking never changes it.
 * `run:` goals (and `answer: {run}`) run their line on a further clone each, with a fresh Session and a host that
 * reads the learner's folder but writes only to memory.
 *
 * Evaluation is split so the goal panel can stay synchronous: `prepareRuns` runs every shell line the goals need
 * (async) and `evalGoal` is pure and synchronous given those results.
 */
import type { HostFs, RunResult } from '../core/types.js';
import type { HistoryEntry, Session } from '../shell/session.js';
import { runLine } from '../shell/session.js';
import type { World } from '../world/world.js';
import { advanceTo, simNow } from '../world/sim.js';
import { listObjects, resolveResource } from '../world/k8s/api.js';
import { isOperator, match, mismatchText, show, type Mismatch } from './match.js';
import { memoryFs } from './memfs.js';
import type { Goal, Hint, Scenario, Task } from './types.js';

export interface GoalEnv {
  /** The settled clone the goals look at. */
  world: World;
  /** Shell lines' results for run goals (see prepareRuns). */
  runs: Map<string, RunResult>;
  /** The learner's command lines (for `used`). */
  history: HistoryEntry[];
  /** task id -> the learner's last answer. */
  answers: Record<string, string>;
  /** The task the goal belongs to (for `answer`). */
  taskId?: string;
}

export interface GoalResult {
  ok: boolean;
  /** Why it fails (when !ok), or what holds (when ok: used by `not`). */
  reason: string;
}

const isMap = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Clones and settles a world at simulated now for wall time `wallNow`. */
export function settledClone(world: World, wallNow: number): World {
  const c = structuredClone(world);
  advanceTo(c, simNow(c, wallNow));
  return c;
}

/** Every shell line a list of goals needs run (run:, answer: {run}). */
export function collectRunLines(goals: (Goal | undefined)[], out = new Set<string>()): Set<string> {
  for (const g of goals) {
    if (!g) continue;
    if (typeof g.run === 'string') out.add(g.run);
    if (isMap(g.answer) && typeof (g.answer as { run?: string }).run === 'string') out.add((g.answer as { run: string }).run);
    if (g.not) collectRunLines([g.not], out);
    if (g.anyOf) collectRunLines(g.anyOf, out);
    if (g.allOf) collectRunLines(g.allOf, out);
  }
  return out;
}

export function scenarioGoals(s: Scenario): Goal[] {
  const out: Goal[] = [];
  for (const t of s.tasks) {
    out.push(...t.goals);
    for (const h of t.hints ?? []) if (typeof h !== 'string' && h.when) out.push(h.when);
  }
  out.push(...(s.failWhen ?? []));
  return out;
}

/** Runs one line on its own clone of `world` with a fresh session; the host is read through, never written. */
export async function runOnClone(world: World, line: string, wallNow: number, host: HostFs): Promise<RunResult> {
  const clone = structuredClone(world);
  const session: Session = {
    world: clone,
    ctx: {
      wallNow,
      host: memoryFs(new Map(), host.cwd, host),
      tty: false,
      interactive: false,
      readLine: async () => null,
    },
    nested: [],
    history: [],
  };
  try {
    return await runLine(session, line);
  } catch (e) {
    return { stdout: '', stderr: `internal error: ${(e as Error)?.message ?? String(e)}\n`, code: 1 };
  }
}

export async function prepareRuns(world: World, lines: Iterable<string>, wallNow: number, host: HostFs): Promise<Map<string, RunResult>> {
  const runs = new Map<string, RunResult>();
  for (const l of lines) runs.set(l, await runOnClone(world, l, wallNow, host));
  return runs;
}

// ---------------------------------------------------------------------------------------------------------------
// Describing goals in plain words

function leaves(v: unknown, path: string, out: string[]): void {
  if (isOperator(v)) {
    for (const [op, x] of Object.entries(v)) {
      const sym: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=', $ne: '!=' };
      if (sym[op]) out.push(`${path}${sym[op]}${show(x, 30)}`);
      else if (op === '$in') out.push(`${path} in ${show(x, 40)}`);
      else if (op === '$regex') out.push(`${path}~/${String(x)}/`);
      else if (op === '$exists') out.push(x ? `${path} set` : `no ${path}`);
      else if (op === '$length') out.push(`${path} length ${isMap(x) ? JSON.stringify(x) : String(x)}`);
      else out.push(`${path}=${show(x, 40)}`);
    }
    return;
  }
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
    return;
  }
  if (Array.isArray(v)) {
    out.push(`${path} has ${show(v, 50)}`);
    return;
  }
  out.push(`${path}=${show(v, 40)}`);
}

function kubeTarget(exp: Record<string, any>): { kind: string; name?: string; namespace?: string; namespaced: boolean } {
  const r = resolveResource({} as World, String(exp.kind));
  const kind = r?.kind ?? String(exp.kind);
  const namespaced = r?.namespaced ?? true;
  const meta = isMap(exp.metadata) ? exp.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  let namespace: string | undefined;
  if (namespaced) namespace = meta.namespace === undefined ? 'default' : typeof meta.namespace === 'string' ? meta.namespace : undefined;
  return { kind, name, namespace, namespaced };
}

function plural(kind: string, n: number): string {
  if (n === 1) return kind;
  if (/(s|x|ch|sh)$/.test(kind)) return kind + 'es';
  if (/[^aeiou]y$/.test(kind)) return kind.slice(0, -1) + 'ies';
  return kind + 's';
}

function countText(c: unknown): string {
  if (typeof c === 'number') return String(c);
  if (isOperator(c)) {
    const words: Record<string, string> = { $gt: 'more than', $gte: 'at least', $lt: 'fewer than', $lte: 'at most', $ne: 'not', $in: 'one of' };
    return Object.entries(c)
      .map(([k, v]) => `${words[k] ?? k} ${Array.isArray(v) ? v.join('/') : String(v)}`)
      .join(' and ');
  }
  return show(c);
}

/** A goal in plain words, for checklists and reports (its description when it has one). */
export function describeGoal(g: Goal): string {
  if (g.description) return g.description;
  if (g.kubernetes) {
    const t = kubeTarget(g.kubernetes);
    const rest: Record<string, unknown> = { ...g.kubernetes };
    delete rest.kind;
    delete rest.apiVersion;
    if (isMap(rest.metadata)) {
      const m = { ...(rest.metadata as Record<string, unknown>) };
      if (typeof m.name === 'string') delete m.name;
      if (typeof m.namespace === 'string') delete m.namespace;
      rest.metadata = m;
    }
    const ls: string[] = [];
    leaves(rest, '', ls);
    const where = t.name ? `${t.kind} ${t.namespaced ? `${t.namespace ?? '*'}/` : ''}${t.name}` : `${t.kind}${t.namespaced ? ` in ${t.namespace ?? 'any namespace'}` : ''}`;
    const head = g.count !== undefined ? `${countText(g.count)} × ${where}` : where;
    const s = ls.length ? `${head} with ${ls.join(', ')}` : `${head} exists`;
    return s.length > 110 ? s.slice(0, 109) + '…' : s;
  }
  if (g.docker) {
    const kind = String(g.docker.kind ?? 'container');
    const rest: Record<string, unknown> = { ...g.docker };
    delete rest.kind;
    const name = typeof rest.Name === 'string' ? String(rest.Name).replace(/^\//, '') : undefined;
    if (name) delete rest.Name;
    const ls: string[] = [];
    leaves(rest, '', ls);
    const where = name ? `${kind} ${name}` : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
    const head = g.count !== undefined ? `${countText(g.count)} × ${kind}` : where;
    const s = ls.length ? `${head} with ${ls.join(', ')}` : `${head} exists`;
    return s.length > 110 ? s.slice(0, 109) + '…' : s;
  }
  if (g.not) return `not: ${describeGoal(g.not)}`;
  if (g.anyOf) return `one of: ${g.anyOf.map(describeGoal).join(' | ')}`;
  if (g.allOf) return g.allOf.map(describeGoal).join(' and ');
  if (g.run !== undefined) {
    const e = g.expect ?? {};
    const parts: string[] = [];
    if (e.stdout !== undefined) parts.push(`prints ${show(e.stdout.trim(), 40)}`);
    if (e.stdoutMatches !== undefined) parts.push(`prints something matching /${e.stdoutMatches}/`);
    if (e.stderrMatches !== undefined) parts.push(`reports an error matching /${e.stderrMatches}/`);
    if (e.exitCode !== undefined) parts.push(`exits with ${e.exitCode}`);
    return `\`${g.run}\` ${parts.length ? parts.join(' and ') : 'succeeds'}`;
  }
  if (g.used !== undefined) return `you ran a command matching /${g.used}/`;
  if (g.answer !== undefined) return 'your answer is right';
  return 'goal';
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluating

function kubeLabel(o: Record<string, any>, namespaced: boolean): string {
  return `${o.kind} ${namespaced ? `${o.metadata?.namespace ?? 'default'}/` : ''}${o.metadata?.name}`;
}

function best(ms: (Mismatch | null)[]): number {
  let bi = 0;
  let bd = -1;
  ms.forEach((m, i) => {
    if (m && m.depth > bd) {
      bd = m.depth;
      bi = i;
    }
  });
  return bi;
}

function countOk(count: unknown, n: number): boolean {
  if (typeof count === 'number') return n === count;
  return match(count, n) === null;
}

function evalObjects(
  g: Goal,
  candidates: Record<string, any>[],
  expected: Record<string, unknown>,
  label: (o: Record<string, any>) => string,
  what: { notFound: string; none: string; many: (n: number) => string },
): GoalResult {
  const results = candidates.map((o) => match(expected, o));
  const matching = results.filter((m) => m === null).length;
  if (g.count !== undefined) {
    const ok = countOk(g.count, matching);
    if (ok) return { ok, reason: `${what.many(matching)} match` };
    let reason = `${what.many(matching)} match, expected ${countText(g.count)}`;
    const bad = results.findIndex((m) => m !== null);
    if (bad >= 0 && (typeof g.count !== 'number' || matching < g.count)) {
      const i = best(results);
      reason += `; e.g. ${label(candidates[i]!)}: ${mismatchText(results[i]!)}`;
    }
    return { ok, reason };
  }
  if (matching > 0) {
    const o = candidates[results.findIndex((m) => m === null)]!;
    return { ok: true, reason: `${label(o)} matches` };
  }
  if (candidates.length === 0) return { ok: false, reason: what.notFound || what.none };
  const i = best(results);
  return { ok: false, reason: `${label(candidates[i]!)}: ${mismatchText(results[i]!)}` };
}

function evalKubernetes(g: Goal, env: GoalEnv): GoalResult {
  const exp = g.kubernetes!;
  const t = kubeTarget(exp);
  const expected: Record<string, unknown> = { ...exp, kind: t.kind };
  const res = listObjects(env.world, t.kind, t.namespace);
  let objs: Record<string, any>[] = res.ok ? res.value : [];
  if (t.name !== undefined) objs = objs.filter((o) => o.metadata?.name === t.name);
  const scope = t.namespaced ? (t.namespace ? ` in namespace ${t.namespace}` : ' in any namespace') : '';
  return evalObjects(g, objs, expected, (o) => kubeLabel(o, t.namespaced), {
    notFound: t.name !== undefined ? `${t.kind} ${t.namespaced ? `${t.namespace ?? '*'}/` : ''}${t.name} not found` : '',
    none: `no ${t.kind}${scope}`,
    many: (n) => `${n} ${plural(t.kind, n)}${scope}`,
  });
}

function dockerCollection(world: World, kind: string): Record<string, any>[] {
  const d = world.docker as unknown as Record<string, Record<string, any>>;
  const bag = kind === 'image' ? d.images : kind === 'volume' ? d.volumes : kind === 'network' ? d.networks : d.containers;
  return Object.values(bag ?? {});
}

function dockerLabel(kind: string, o: Record<string, any>): string {
  if (kind === 'container') return `container ${String(o.Name ?? o.Id?.slice(0, 12)).replace(/^\//, '')}`;
  if (kind === 'image') return `image ${o.RepoTags?.[0] ?? String(o.Id ?? '').replace(/^sha256:/, '').slice(0, 12)}`;
  return `${kind} ${o.Name ?? o.Id}`;
}

function evalDocker(g: Goal, env: GoalEnv): GoalResult {
  const kind = String(g.docker!.kind ?? 'container');
  const expected: Record<string, unknown> = { ...g.docker };
  delete expected.kind;
  let objs = dockerCollection(env.world, kind);
  let name: string | undefined;
  if (typeof expected.Name === 'string') {
    name = String(expected.Name);
    if (kind === 'container') {
      const bare = name.replace(/^\//, '');
      objs = objs.filter((o) => String(o.Name ?? '').replace(/^\//, '') === bare);
      delete expected.Name;
      name = bare;
    } else objs = objs.filter((o) => o.Name === name);
  }
  return evalObjects(g, objs, expected, (o) => dockerLabel(kind, o), {
    notFound: name !== undefined ? `${kind} ${name} not found` : '',
    none: `no ${kind}${kind === 'image' ? ' matches' : ''}${kind === 'container' ? ' (docker ps -a lists none that fits)' : ''}`,
    many: (n) => `${n} ${n === 1 ? kind : kind + 's'}`,
  });
}

function firstLine(s: string): string {
  const l = s.trim().split('\n')[0] ?? '';
  return l.length > 100 ? l.slice(0, 99) + '…' : l;
}

function evalRun(g: Goal, env: GoalEnv): GoalResult {
  const r = env.runs.get(g.run!);
  if (!r) return { ok: false, reason: `\`${g.run}\` was not run yet` };
  const e = g.expect ?? {};
  const cmd = `\`${g.run}\``;
  const wantCode = e.exitCode ?? (e.stdout === undefined && e.stdoutMatches === undefined && e.stderrMatches === undefined ? 0 : undefined);
  if (wantCode !== undefined && r.code !== wantCode)
    return { ok: false, reason: `${cmd} exited with ${r.code}, expected ${wantCode}${r.stderr.trim() ? `: ${firstLine(r.stderr)}` : ''}` };
  if (e.stdout !== undefined && r.stdout.trim() !== e.stdout.trim())
    return { ok: false, reason: `${cmd} printed ${show(r.stdout.trim(), 100)}, expected ${show(e.stdout.trim(), 100)}` };
  if (e.stdoutMatches !== undefined && !new RegExp(e.stdoutMatches, 'm').test(r.stdout))
    return { ok: false, reason: `${cmd} printed ${show(r.stdout.trim(), 100)}, which does not match /${e.stdoutMatches}/` };
  if (e.stderrMatches !== undefined && !new RegExp(e.stderrMatches, 'm').test(r.stderr))
    return { ok: false, reason: `${cmd} reported ${show(r.stderr.trim(), 100)}, which does not match /${e.stderrMatches}/` };
  return { ok: true, reason: `${cmd} ${describeGoal({ run: g.run, expect: g.expect }).replace(cmd + ' ', '')}` };
}

/** Practice builtins the `used:` goal ignores (they are not the learner's docker/kubectl work). */
const PRACTICE_WORDS = /^\s*(hint|check|tasks|solution|reset|submit|answer)\b/;

function evalUsed(g: Goal, env: GoalEnv): GoalResult {
  const re = new RegExp(g.used!);
  const hit = env.history.find((h) => !PRACTICE_WORDS.test(h.line) && h.line.split('\n').some((l) => re.test(l)));
  return hit ? { ok: true, reason: `you ran \`${firstLine(hit.line)}\`` } : { ok: false, reason: `none of your commands matches /${g.used}/` };
}

export function normalizeAnswer(s: string): string {
  let t = s.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) t = t.slice(1, -1).trim();
  return t;
}

function evalAnswer(g: Goal, env: GoalEnv): GoalResult {
  const given = env.taskId !== undefined ? env.answers[env.taskId] : undefined;
  if (given === undefined) return { ok: false, reason: 'no answer given yet (type `answer YOUR ANSWER` in the shell)' };
  const a = normalizeAnswer(given);
  const spec = g.answer!;
  if (isMap(spec) && 'regex' in spec) {
    const ok = new RegExp((spec as { regex: string }).regex).test(a);
    return ok ? { ok, reason: 'the answer is right' } : { ok, reason: `the answer ${show(a)} is not right` };
  }
  if (isMap(spec) && 'run' in spec) {
    const line = (spec as { run: string }).run;
    const r = env.runs.get(line);
    if (!r) return { ok: false, reason: 'the expected answer was not computed yet' };
    const want = r.stdout.trim();
    const ok = a === want;
    return ok ? { ok, reason: 'the answer is right' } : { ok, reason: `the answer ${show(a)} is not right` };
  }
  const want = String(spec).trim();
  const ok = a === want || (a.toLowerCase() === want.toLowerCase() && typeof spec === 'boolean');
  return ok ? { ok, reason: 'the answer is right' } : { ok, reason: `the answer ${show(a)} is not right` };
}

export function evalGoal(g: Goal, env: GoalEnv): GoalResult {
  try {
    if (g.kubernetes) return evalKubernetes(g, env);
    if (g.docker) return evalDocker(g, env);
    if (g.not) {
      const r = evalGoal(g.not, env);
      return r.ok ? { ok: false, reason: `${r.reason}, expected not: ${describeGoal(g.not)}` } : { ok: true, reason: `not: ${r.reason}` };
    }
    if (g.anyOf) {
      const rs = g.anyOf.map((x) => evalGoal(x, env));
      const hit = rs.find((r) => r.ok);
      return hit ? { ok: true, reason: hit.reason } : { ok: false, reason: `none holds: ${rs.map((r) => r.reason).join('; ')}` };
    }
    if (g.allOf) {
      const rs = g.allOf.map((x) => evalGoal(x, env));
      const miss = rs.find((r) => !r.ok);
      return miss ? { ok: false, reason: miss.reason } : { ok: true, reason: rs.map((r) => r.reason).join('; ') };
    }
    if (g.run !== undefined) return evalRun(g, env);
    if (g.used !== undefined) return evalUsed(g, env);
    if (g.answer !== undefined) return evalAnswer(g, env);
  } catch (e) {
    return { ok: false, reason: `could not check this goal: ${(e as Error).message}` };
  }
  return { ok: false, reason: 'unknown goal' };
}

// ---------------------------------------------------------------------------------------------------------------
// Whole-scenario checks

export interface GoalReport {
  description: string;
  passed: boolean;
  reason: string;
}

export interface TaskReport {
  id: string;
  title: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  /** Tasks it needs that do not pass yet (then its goals are not checked). */
  waitingFor: string[];
  goals: GoalReport[];
}

export interface CheckReport {
  scenario: string;
  passed: boolean;
  score: number;
  maxScore: number;
  tasks: TaskReport[];
  /** failWhen goals that hold: the world cannot be recovered (practice offers reset). */
  failed: string[];
}

export interface CheckInput {
  world: World;
  wallNow: number;
  host: HostFs;
  history: HistoryEntry[];
  answers: Record<string, string>;
}

/** Tasks in an order where each comes after the tasks it needs (stable otherwise). */
export function taskOrder(tasks: Task[]): Task[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const out: Task[] = [];
  const seen = new Set<string>();
  const visit = (t: Task, stack: Set<string>) => {
    if (seen.has(t.id) || stack.has(t.id)) return;
    stack.add(t.id);
    for (const n of t.needs ?? []) {
      const d = byId.get(n);
      if (d) visit(d, stack);
    }
    seen.add(t.id);
    out.push(t);
  };
  for (const t of tasks) visit(t, new Set());
  return out;
}

/** Checks every task on an already settled world with prepared run results (synchronous). */
export function checkSync(s: Scenario, world: World, runs: Map<string, RunResult>, history: HistoryEntry[], answers: Record<string, string>): CheckReport {
  const passed = new Map<string, boolean>();
  const reports = new Map<string, TaskReport>();
  for (const t of taskOrder(s.tasks)) {
    const maxPoints = t.points ?? 1;
    const waitingFor = (t.needs ?? []).filter((n) => !passed.get(n));
    let goals: GoalReport[];
    if (waitingFor.length) {
      goals = t.goals.map((g) => ({ description: describeGoal(g), passed: false, reason: `waiting for task ${waitingFor.map((w) => `"${w}"`).join(', ')}` }));
    } else {
      goals = t.goals.map((g) => {
        const r = evalGoal(g, { world, runs, history, answers, taskId: t.id });
        return { description: describeGoal(g), passed: r.ok, reason: r.ok ? '' : r.reason };
      });
    }
    const ok = !waitingFor.length && goals.every((g) => g.passed);
    passed.set(t.id, ok);
    reports.set(t.id, { id: t.id, title: t.title, passed: ok, points: ok ? maxPoints : 0, maxPoints, waitingFor, goals });
  }
  const tasks = s.tasks.map((t) => reports.get(t.id)!);
  const failed: string[] = [];
  for (const g of s.failWhen ?? []) {
    const r = evalGoal(g, { world, runs, history, answers });
    if (r.ok) failed.push(describeGoal(g));
  }
  const score = tasks.reduce((a, t) => a + t.points, 0);
  const maxScore = tasks.reduce((a, t) => a + t.maxPoints, 0);
  return { scenario: s.metadata.name, passed: tasks.every((t) => t.passed), score, maxScore, tasks, failed };
}

/** Clones and settles the world, runs the goals' shell lines, and checks every task. Never changes `input.world`. */
export async function checkScenario(s: Scenario, input: CheckInput): Promise<CheckReport> {
  const world = settledClone(input.world, input.wallNow);
  const runs = await prepareRuns(world, collectRunLines(scenarioGoals(s)), input.wallNow, input.host);
  return checkSync(s, world, runs, input.history, input.answers);
}

/**
 * The hint to show next for a task: a `when` hint that answers the current state first (each once), then the
 * plain ones in order; when every plain hint was shown, the last one again. `seen` = indexes already shown.
 */
export function pickHint(t: Task, env: Omit<GoalEnv, 'taskId'>, seen: number[]): { text: string; index: number } | null {
  const hints: Hint[] = t.hints ?? [];
  let lastPlain = -1;
  for (let i = 0; i < hints.length; i++) {
    const h = hints[i]!;
    if (typeof h !== 'string' && h.when) {
      if (!seen.includes(i) && evalGoal(h.when, { ...env, taskId: t.id }).ok) return { text: h.text, index: i };
    } else lastPlain = i;
  }
  for (let i = 0; i < hints.length; i++) {
    const h = hints[i]!;
    if ((typeof h === 'string' || !h.when) && !seen.includes(i)) return { text: typeof h === 'string' ? h : h.text, index: i };
  }
  if (lastPlain >= 0) {
    const h = hints[lastPlain]!;
    return { text: typeof h === 'string' ? h : h.text, index: lastPlain };
  }
  return null;
}
