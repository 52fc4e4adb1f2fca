/**
 * Builds a scenario's world: environment (nodes, extra images, docker daemon), then setup lines run in order on a
 * session whose host holds only the scenario's own `files:` (so the result depends on the scenario alone: grade can
 * rebuild exactly the same world). Deterministic for a given (scenario, seed, now, cwd).
 */
import type { Program, RunResult } from '../core/types.js';
import type { HistoryEntry, Session } from '../shell/session.js';
import { runLine } from '../shell/session.js';
import { newWorld, type World } from '../world/world.js';
import * as k8sApi from '../world/k8s/api.js';
import { memoryFs } from './memfs.js';
import type { DocPath, Scenario, Step } from './types.js';

export interface StepError {
  path: DocPath;
  message: string;
}

export interface BuildOptions {
  seed: number;
  /** wall time the world is made (ms) */
  now: number;
  /** the learner's workspace (absolute): where `files:` live */
  cwd: string;
}

function joinPath(cwd: string, p: string): string {
  return `${cwd.replace(/\/+$/, '')}/${p.split('/').filter((x) => x && x !== '.').join('/')}`;
}

/** The scenario's files as an in-memory map under `cwd`. */
export function scenarioFiles(s: Scenario, cwd: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const [p, content] of Object.entries(s.files ?? {})) m.set(joinPath(cwd, p), content);
  return m;
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

/** Runs a list of steps on a session; `apply:` steps go through `kubectl apply -f` from a file in memory. */
export async function runSteps(
  session: Session,
  steps: Step[],
  path: DocPath,
  opts: { record?: HistoryEntry[]; tick?: () => void; files?: Map<string, string> } = {},
): Promise<{ errors: StepError[]; results: RunResult[] }> {
  const errors: StepError[] = [];
  const results: RunResult[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    let line: string;
    if (typeof step === 'string') line = step;
    else {
      const file = `/tmp/.k8s-drill-apply-${path.join('-')}-${i}.yaml`;
      const fs = session.ctx.host;
      const err = fs.writeFile(file, step.apply);
      if (err) {
        errors.push({ path: [...path, i], message: `cannot stage the manifest: ${err}` });
        continue;
      }
      line = `kubectl apply -f ${file}`;
    }
    opts.tick?.();
    let r: RunResult;
    try {
      r = await runLine(session, line);
    } catch (e) {
      r = { stdout: '', stderr: `internal error: ${(e as Error)?.message ?? String(e)}\n`, code: 1 };
    }
    results.push(r);
    opts.record?.push({ t: session.ctx.wallNow, line });
    if (r.code !== 0)
      errors.push({ path: [...path, i], message: `\`${firstLine(line)}\` failed (exit ${r.code})${r.stderr.trim() ? `: ${firstLine(r.stderr)}` : ''}` });
  }
  session.nested.length = 0;
  return { errors, results };
}

/** Applies `environment` to a fresh world. */
export function applyEnvironment(world: World, s: Scenario, now: number): StepError[] {
  const errors: StepError[] = [];
  const env = s.environment;
  if (!env) return errors;
  if (env.cluster?.nodes) {
    const boot = (k8sApi as unknown as Record<string, unknown>).bootstrapCluster;
    if (typeof boot === 'function') {
      try {
        (boot as (w: World, n: number, o: { nodes: unknown }) => void)(world, now, { nodes: structuredClone(env.cluster.nodes) });
      } catch (e) {
        errors.push({ path: ['environment', 'cluster', 'nodes'], message: `cannot create these nodes: ${(e as Error).message}` });
      }
    } else errors.push({ path: ['environment', 'cluster', 'nodes'], message: 'this k8s-drill cannot create custom nodes yet' });
  }
  for (const [ref, spec] of Object.entries(env.images ?? {})) world.registry.extra[ref] = structuredClone({ ...spec });
  if (env.docker?.daemon) world.docker.daemon = env.docker.daemon;
  return errors;
}

/** newWorld is pure but bootstraps a whole cluster: `test` builds many worlds with one seed and time, so keep a copy. */
const fresh = new Map<string, World>();
function freshWorld(seed: number, now: number): World {
  const key = `${seed}:${now}`;
  let w = fresh.get(key);
  if (!w) {
    w = newWorld({ seed, now });
    if (fresh.size > 8) fresh.clear();
    fresh.set(key, w);
  }
  return structuredClone(w);
}

export interface Built {
  world: World;
  errors: StepError[];
}

/** A fresh world for the scenario: environment, then setup. */
export async function buildWorld(s: Scenario, opts: BuildOptions, builtins?: Record<string, Program>): Promise<Built> {
  const world = freshWorld(opts.seed, opts.now);
  const errors = applyEnvironment(world, s, opts.now);
  const session: Session = {
    world,
    ctx: {
      wallNow: opts.now,
      host: memoryFs(scenarioFiles(s, opts.cwd), opts.cwd),
      tty: false,
      interactive: false,
      readLine: async () => null,
    },
    nested: [],
    history: [],
    builtins,
  };
  const r = await runSteps(session, s.setup ?? [], ['setup']);
  errors.push(...r.errors);
  return { world: session.world, errors };
}

/** Replaces the contents of `target` with `source` in place (the shell keeps a reference to the world object). */
export function replaceWorld(target: World, source: World): void {
  for (const k of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[k];
  Object.assign(target, source);
}
