/**
 * The simulated clock. Every subsystem (docker engine, cluster controllers, kubelets ...) is a Reconciler:
 * `reconcile(world, now)` takes steps that are due at `now` and returns whether it changed anything;
 * `nextWake(world, now)` says when it next has something to do (a container exiting, a pod becoming Ready, a
 * back-off ending). Reconcilers never call each other: they meet in the world.
 *
 * settle(world, now): run all reconcilers until nothing changes at `now`.
 * advanceTo(world, t): step from world.clock.settledAt to t, waking at every pending timestamp on the way.
 */
import type { World } from './world.js';

export interface Reconciler {
  name: string;
  reconcile(world: World, now: number): boolean;
  nextWake(world: World, now: number): number | undefined;
}

/**
 * The reconcilers are registered by src/world/reconcilers.ts (imported by world.ts, so whatever makes or loads a
 * world has them) and read at call time: the subsystems and the shell interpreter import each other in a cycle,
 * and a one-shot `-c 'echo hi'` must not pay for loading the engine and the controllers.
 */
let source: (() => Reconciler[]) | undefined;
let cached: Reconciler[] | undefined;
export function registerReconcilers(get: () => Reconciler[]): void {
  source = get;
  cached = undefined;
}
export function reconcilersLoaded(): boolean {
  return source !== undefined;
}
function all(): Reconciler[] {
  return (cached ??= source ? source() : []);
}

/** Bounded so a buggy controller pair that flips a value forever cannot hang the shell. */
const MAX_ROUNDS = 200;
const MAX_WAKES = 100_000;

export function settle(world: World, now: number): void {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const r of all()) if (r.reconcile(world, now)) changed = true;
    if (!changed) return;
  }
}

/** The earliest wake-up strictly after `now`, over every reconciler. */
export function nextWake(world: World, now: number): number | undefined {
  let best: number | undefined;
  for (const r of all()) {
    const w = r.nextWake(world, now);
    if (w !== undefined && w > now && (best === undefined || w < best)) best = w;
  }
  return best;
}

/** Brings the world up to simulated time `t`, stepping through every pending timestamp on the way. */
export function advanceTo(world: World, t: number): void {
  // Not loaded (a line that touches no simulated program): leave settledAt alone so nothing is skipped; the next
  // line that loads them steps through every pending timestamp from there.
  if (!source) return;
  let now = world.clock.settledAt;
  settle(world, now);
  if (t <= now) return;
  for (let i = 0; i < MAX_WAKES; i++) {
    const w = nextWake(world, now);
    if (w === undefined || w > t) break;
    now = w;
    settle(world, now);
  }
  if (t > now) now = t;
  settle(world, now);
  world.clock.settledAt = Math.max(world.clock.settledAt, now);
}

/** Simulated now for a wall-clock reading. */
export function simNow(world: World, wallNow: number): number {
  return wallNow + world.clock.offsetMs;
}

/** Loads the engine and the controllers (once). */
export async function loadReconcilers(): Promise<void> {
  if (!source) await import('./reconcilers.js');
}
