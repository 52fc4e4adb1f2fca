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
import { dockerReconcilers } from './docker/reconcile.js';
import { clusterReconcilers } from './k8s/reconcile.js';

export interface Reconciler {
  name: string;
  reconcile(world: World, now: number): boolean;
  nextWake(world: World, now: number): number | undefined;
}

/** Read at call time, not at module load: the subsystems and the shell interpreter import each other in a cycle. */
let cached: Reconciler[] | undefined;
function all(): Reconciler[] {
  return (cached ??= [...dockerReconcilers, ...clusterReconcilers]);
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
